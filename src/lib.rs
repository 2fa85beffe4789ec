//! nsutils: drop-in clones of util-linux `unshare(1)` and `nsenter(1)`.
//!
//! One binary serves both tools: [`multicall_main`] picks the tool from the basename of
//! argv[0], so a copy, hard link or symbolic link named `unshare` or `nsenter` acts as that
//! tool. Named `nsutils`, it takes the tool's name from its first argument ([`multicall`]).
//!
//! `unsafe` is allowed in [`sys`] only, and every block there says why it is sound; in an
//! `unsafe fn` too, each unsafe operation is in a block of its own with its reason
//! (`unsafe_op_in_unsafe_fn`), not covered silently by the function's contract.
#![deny(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]
#![deny(unsafe_op_in_unsafe_fn)]

pub mod cli;
pub mod launch;
pub mod msg;
pub mod multicall;
pub mod ns;
pub mod nsenter;
pub mod passwd;
#[allow(unsafe_code)]
pub mod sys;
pub mod unshare;

use std::ffi::OsString;

/// The util-linux release whose behaviour we reproduce.
pub const UTIL_LINUX_VERSION: &str = "2.42.4";

/// A tool's entry point: argv (argv[0] included) in, exit status or the error to report out.
type Main = fn(sys::SingleThreaded, Vec<OsString>) -> msg::Result<i32>;

/// The tools, by the name they are invoked as.
const TOOLS: &[(&str, Main)] = &[("unshare", unshare::main), ("nsenter", nsenter::main)];

/// Runs the tool named by argv[0] (or, as `nsutils`, by the first argument) and returns the
/// exit status. `single` vouches that the process has one thread (nsutils starts none).
pub fn multicall_main(single: sys::SingleThreaded) -> i32 {
    let mut args: Vec<OsString> = std::env::args_os().collect();
    if multicall::invoked_as_nsutils(&args) {
        let names: Vec<&str> = TOOLS.iter().map(|(name, _)| *name).collect();
        match multicall::dispatch(args, &names) {
            multicall::Next::Run(tool_args) => args = tool_args,
            multicall::Next::Exit(code) => return msg::exit_status(code),
        }
    }
    let invoked = args.first().map(|a| a.to_string_lossy().into_owned());
    msg::set_program(invoked.unwrap_or_default());
    match TOOLS.iter().find(|(name, _)| *name == msg::short_name()) {
        Some((_, run)) => msg::exit_status(run(single, args).unwrap_or_else(|e| e.report())),
        None => {
            let usage = [
                "Usage: unshare [options] [<program> [<argument>...]]\n",
                "       nsenter [options] [<program> [<argument>...]]\n",
                "nsutils: install this binary as 'unshare' or 'nsenter' (a link or a copy).\n",
            ]
            .concat();
            msg::write_stderr(usage.as_bytes());
            msg::EXIT_FAILURE
        }
    }
}
