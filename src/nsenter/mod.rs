//! `nsenter(1)`: run a program with namespaces of other processes.
//!
//! [`plan::parse`] turns the command line into a [`plan::Plan`], opening the files it names
//! into a [`plan::Opened`]; [`run`] then carries the plan out in util-linux's order:
//! descriptors from the target, the namespaces in two passes, root and working directory,
//! environment, cgroup, fork, credentials, exec.

mod cgroup;
mod context;
mod environ;
mod exec;
mod ns;
pub mod options;
mod plan;
mod run;
mod target;

use std::ffi::OsString;

use crate::msg::Result;
use crate::sys::SingleThreaded;
use options::TOOL;

/// Entry point: parses `args` (argv[0] included) and runs; returns the exit status.
pub fn main(single: SingleThreaded, args: Vec<OsString>) -> Result<i32> {
    plan::parse(args)?.run(&TOOL, |parsed| {
        let (plan, opened) = *parsed;
        run::enter(single, &plan, opened)
    })
}
