//! BusyBox-style multicall: the binary invoked as `nsutils`.
//!
//! `nsutils TOOL [ARG...]` runs TOOL as if invoked under its name (its messages then name
//! TOOL, as util-linux's do); `nsutils --list` prints the tool names; `nsutils --install
//! [-s] DIR` makes each tool's name in DIR a link to this binary, hard unless `-s`, leaving
//! names that exist alone, as `busybox --install` does.

use std::ffi::OsString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use crate::msg::{self, Error};

/// The name that makes the binary a multicall dispatcher.
pub const NAME: &str = "nsutils";

const USAGE: &str = "\
Usage:
 nsutils <tool> [<argument>...]
 nsutils --list
 nsutils --install [-s] <directory>

Run <tool> (unshare or nsenter) as if invoked under its name.

Options:
 --list                   print the tool names, one a line
 --install [-s] <dir>     link each tool's name in <dir> to this binary
                            (hard links; -s: symbolic links); existing names stay
 -h, --help               display this help
 -V, --version            display version
";

/// What `nsutils ARG...` comes to.
pub enum Next {
    /// Run a tool: its argv, argv[0] being the tool's name.
    Run(Vec<OsString>),
    /// Done (a listing, links, help or an error): the exit status.
    Exit(i32),
}

/// Whether argv[0]'s basename is [`NAME`].
pub fn invoked_as_nsutils(args: &[OsString]) -> bool {
    args.first().is_some_and(|argv0| {
        let bytes = argv0.as_bytes();
        let base = bytes.rsplit(|&b| b == b'/').next().unwrap_or(bytes);
        base == NAME.as_bytes()
    })
}

/// Handles `nsutils ARG...` (`args` with argv[0]); `tools` are the tool names.
pub fn dispatch(mut args: Vec<OsString>, tools: &[&str]) -> Next {
    let first = args.get(1).map(|a| a.to_string_lossy().into_owned());
    let outcome = match first.as_deref() {
        Some(tool) if tools.contains(&tool) => {
            args.remove(0);
            return Next::Run(args);
        }
        None => {
            msg::write_stderr(USAGE.as_bytes());
            Ok(msg::EXIT_FAILURE)
        }
        Some("-h" | "--help") => msg::print_stdout(USAGE.as_bytes()).map(|()| 0),
        Some("-V" | "--version") => {
            let line = [
                NAME,
                " ",
                env!("CARGO_PKG_VERSION"),
                ", compatible with util-linux ",
                crate::UTIL_LINUX_VERSION,
                "\n",
            ]
            .concat();
            msg::print_stdout(line.as_bytes()).map(|()| 0)
        }
        Some("--list") => {
            let list: String = tools.iter().flat_map(|t| [t, "\n"]).collect();
            msg::print_stdout(list.as_bytes()).map(|()| 0)
        }
        Some("--install") => install(&args[2..], tools),
        Some(other) if other.starts_with("--") => {
            Err(Error::usage(format!("unrecognized option '{other}'")))
        }
        // glibc's getopt names the first letter of a bundle.
        Some(other) if other.len() > 1 && other.starts_with('-') => {
            let letter = other[1..].chars().next().unwrap_or('-');
            Err(Error::usage(format!("invalid option -- '{letter}'")))
        }
        Some(other) => Err(Error::usage(format!("unknown tool '{other}'"))),
    };
    Next::Exit(outcome.unwrap_or_else(|e| e.report()))
}

/// `--install [-s] DIR`: a link per tool to this binary (`/proc/self/exe`, resolved, so a
/// symbolic link names the binary's absolute path). Returns 1 if any link failed.
fn install(args: &[OsString], tools: &[&str]) -> msg::Result<i32> {
    let (symbolic, rest) = match args.first() {
        Some(s) if s == "-s" => (true, &args[1..]),
        _ => (false, args),
    };
    let [dir] = rest else {
        return Err(Error::usage("--install [-s] takes one directory"));
    };
    let exe = std::fs::read_link("/proc/self/exe")
        .map_err(|e| io_error(b"cannot read /proc/self/exe", &e))?;
    let mut status = 0;
    for tool in tools {
        let link = Path::new(dir).join(tool);
        let made = if symbolic {
            std::os::unix::fs::symlink(&exe, &link)
        } else {
            std::fs::hard_link(&exe, &link)
        };
        match made {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                status = io_error(link.as_os_str().as_bytes(), &e).report();
            }
            _ => {}
        }
    }
    Ok(status)
}

fn io_error(context: &[u8], e: &std::io::Error) -> Error {
    Error::sys(context, errno::Errno(e.raw_os_error().unwrap_or(libc::EIO)))
}
