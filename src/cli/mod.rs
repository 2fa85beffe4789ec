//! Command-line handling shared by both tools: the option table, the getopt-compatible
//! parser and the numeric parsers util-linux uses.

pub mod getopt;
pub mod numbers;
pub mod table;

pub use getopt::Getopt;
pub use table::{ArgKind, Layout, Opt, Tool, Value};
