//! `unshare(1)`: run a program with some namespaces unshared from the parent.
//!
//! [`plan`] turns the command line into a [`plan::Plan`] (all validation happens there);
//! [`run`] carries it out.

pub mod doc;
pub mod idmap;
pub mod options;
pub mod plan;
pub mod run;
pub mod signals;

use std::ffi::OsString;

use crate::msg;
use crate::sys::SingleThreaded;
use options::TOOL;
use plan::Request;

/// Entry point: parses `args` (argv[0] included) and runs; returns the exit status.
pub fn main(single: SingleThreaded, args: Vec<OsString>) -> i32 {
    let result = match plan::parse(args) {
        Ok(Request::Run(plan)) => run::run(single, *plan),
        Ok(Request::Help) => msg::print_stdout(TOOL.help(msg::short_name()).as_bytes()).map(|_| 0),
        Ok(Request::Version) => msg::print_stdout(msg::version_line().as_bytes()).map(|_| 0),
        Err(e) => Err(e),
    };
    match result {
        Ok(code) => code,
        Err(e) => e.report(),
    }
}
