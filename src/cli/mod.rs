//! Command-line handling shared by both tools: the option table, the getopt-compatible
//! parser and the numeric parsers util-linux uses.

pub mod getopt;
pub mod numbers;
pub mod table;

pub use getopt::Getopt;
pub use table::{ArgKind, Layout, Opt, Tool, Value};

use crate::msg::{self, Result};

/// What a command line asks for: to run what the parser made of it, or to print `--help` or
/// `--version` and leave.
pub enum Request<T> {
    Run(T),
    Help,
    Version,
}

impl<T> Request<T> {
    /// Runs `run` on what was parsed, or prints `tool`'s help or the version line; returns
    /// the exit status.
    pub fn run<Id: Copy + PartialEq>(
        self,
        tool: &Tool<Id>,
        run: impl FnOnce(T) -> Result<i32>,
    ) -> Result<i32> {
        match self {
            Request::Run(parsed) => run(parsed),
            Request::Help => msg::print_stdout(tool.help(msg::short_name()).as_bytes()).map(|_| 0),
            Request::Version => msg::print_stdout(msg::version_line().as_bytes()).map(|_| 0),
        }
    }
}
