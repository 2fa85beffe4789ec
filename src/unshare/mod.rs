//! `unshare(1)`: run a program with some namespaces unshared from the parent.

pub mod doc;
pub mod options;

use std::ffi::OsString;

use crate::cli::Getopt;
use crate::msg::{self, Result};
use options::{Id, TOOL};

/// Entry point: parses `args` (argv[0] included) and runs; returns the exit status.
pub fn main(args: Vec<OsString>) -> i32 {
    match run(args) {
        Ok(code) => code,
        Err(e) => e.report(),
    }
}

fn run(args: Vec<OsString>) -> Result<i32> {
    let mut getopt = Getopt::new(&TOOL, args);
    while let Some((id, _value)) = getopt.next()? {
        match id {
            Id::Help => {
                msg::print_stdout(TOOL.help(msg::short_name()).as_bytes())?;
                return Ok(0);
            }
            Id::Version => {
                msg::print_stdout(msg::version_line().as_bytes())?;
                return Ok(0);
            }
            _ => {}
        }
    }
    Err(msg::Error::msg("not implemented yet"))
}
