//! `unshare(1)`: run a program with some namespaces unshared from the parent.
//!
//! [`plan`] turns the command line into a [`plan::Plan`] (all validation happens there);
//! [`run`] carries it out.

pub mod idmap;
pub mod options;
pub mod plan;
pub mod run;
pub mod signals;

use std::ffi::OsString;

use crate::msg::Result;
use crate::sys::SingleThreaded;
use options::TOOL;

/// Entry point: parses `args` (argv[0] included) and runs; returns the exit status.
pub fn main(single: SingleThreaded, args: Vec<OsString>) -> Result<i32> {
    plan::parse(args)?.run(&TOOL, |plan| run::run(single, &plan))
}
