//! Messages and exit statuses, in util-linux's formats.
//!
//! util-linux reports errors with glibc's `err()`/`errx()`: `<short name>: <message>` and, for
//! `err()`, `: <strerror(errno)>`. Here an [`Error`] carries the finished text and the exit
//! status up to `main`, so that destructors (helper reapers, fd closers) run before exiting.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use errno::Errno;

/// Exit status for every error (`EXIT_FAILURE`).
pub const EXIT_FAILURE: i32 = 1;
/// `exec` failed with `ENOENT`.
pub const EXIT_NOT_FOUND: i32 = 127;
/// `exec` failed otherwise.
pub const EXIT_CANNOT_EXEC: i32 = 126;

static PROGRAM: OnceLock<Names> = OnceLock::new();

/// A write to stderr failed (closed, full): util-linux's `close_stdout_atexit()` then makes
/// the process exit with `EXIT_FAILURE`, whatever status it was leaving with.
static STDERR_FAILED: AtomicBool = AtomicBool::new(false);

/// Writes to stderr, remembering a failure for [`exit_status`].
pub fn write_stderr(bytes: &[u8]) {
    if crate::sys::write_all(crate::sys::stderr(), bytes).is_err() {
        STDERR_FAILED.store(true, Ordering::Relaxed);
    }
}

/// The status a process leaving with `code` (by returning from main or exiting, not by exec
/// or a signal) exits with: `EXIT_FAILURE` once a message could not be written, as with
/// util-linux (`unshare nope 2>/dev/full` exits 1, not 127).
pub fn exit_status(code: i32) -> i32 {
    if STDERR_FAILED.load(Ordering::Relaxed) {
        EXIT_FAILURE
    } else {
        code
    }
}

struct Names {
    /// argv[0] exactly as invoked: glibc's getopt messages use it.
    invoked: String,
    /// Where its basename (`program_invocation_short_name`) starts: err() and the help text
    /// use that.
    short_at: usize,
}

/// Records the program name; called once from `main` before anything is printed.
pub fn set_program(invoked: String) {
    let short_at = invoked.rfind('/').map_or(0, |slash| slash + 1);
    let _ = PROGRAM.set(Names { invoked, short_at });
}

/// `program_invocation_short_name`.
pub fn short_name() -> &'static str {
    PROGRAM
        .get()
        .map_or("nsutils", |n| &n.invoked[n.short_at..])
}

/// argv[0] as invoked.
pub fn invoked_name() -> &'static str {
    PROGRAM.get().map_or("nsutils", |n| n.invoked.as_str())
}

/// A fatal error: the text after `<prog>: ` and the exit status.
#[derive(Debug, PartialEq, Eq)]
pub struct Error {
    pub code: i32,
    /// Bytes, not a `String`: file names and arguments need not be UTF-8.
    pub text: Vec<u8>,
    /// getopt errors are followed by `Try '<prog> --help' for more information.`
    pub try_help: bool,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// `errx(EXIT_FAILURE, text)`.
    pub fn msg(text: impl Into<Vec<u8>>) -> Self {
        Error {
            code: EXIT_FAILURE,
            text: text.into(),
            try_help: false,
        }
    }

    /// `err(EXIT_FAILURE, text)`: the text, then `: ` and the errno's description.
    pub fn sys(text: impl Into<Vec<u8>>, errno: Errno) -> Self {
        let mut text = text.into();
        text.extend_from_slice(b": ");
        text.extend_from_slice(errno.to_string().as_bytes());
        Error::msg(text)
    }

    /// A getopt-style usage error (glibc's text, prefixed by argv[0] as invoked).
    pub fn usage(text: impl Into<Vec<u8>>) -> Self {
        Error {
            code: EXIT_FAILURE,
            text: text.into(),
            try_help: true,
        }
    }

    /// `errexec(name)`: 127 when not found, 126 otherwise.
    pub fn exec(name: &[u8], errno: Errno) -> Self {
        let code = if errno.0 == libc::ENOENT {
            EXIT_NOT_FOUND
        } else {
            EXIT_CANNOT_EXEC
        };
        Error::sys([b"failed to execute ", name].concat(), errno).with_code(code)
    }

    /// Only an exit status: the message, if any, was printed already (by a helper child
    /// whose status is passed on).
    pub fn silent(code: i32) -> Self {
        Error {
            code,
            text: Vec::new(),
            try_help: false,
        }
    }

    pub fn with_code(mut self, code: i32) -> Self {
        self.code = code;
        self
    }

    /// Prints the message as util-linux would (nothing for [`Error::silent`]) and returns
    /// the exit status (to be passed through [`exit_status`] on the way out).
    pub fn report(&self) -> i32 {
        if self.text.is_empty() && !self.try_help {
            return self.code;
        }
        let out = if self.try_help {
            let name = invoked_name().as_bytes();
            let try_help = [
                b"\nTry '",
                short_name().as_bytes(),
                b" --help' for more information.\n",
            ];
            [name, b": ", &self.text, &try_help.concat()].concat()
        } else {
            [short_name().as_bytes(), b": ", &self.text, b"\n"].concat()
        };
        write_stderr(&out);
        self.code
    }
}

/// Adds context to a syscall error the way `err()` does: `"<context>: <strerror>"`.
pub trait Context<T> {
    fn or_err<M: Into<Vec<u8>>>(self, context: impl FnOnce() -> M) -> Result<T>;
}

impl<T> Context<T> for std::result::Result<T, Errno> {
    fn or_err<M: Into<Vec<u8>>>(self, context: impl FnOnce() -> M) -> Result<T> {
        self.map_err(|e| Error::sys(context(), e))
    }
}

/// A warning (`warnx`): printed, not fatal.
pub fn warnx(text: &str) {
    let line = [short_name(), ": ", text, "\n"].concat();
    write_stderr(line.as_bytes());
}

/// Writes `text` to stdout as `--help`/`--version` do; a write error is fatal as with
/// util-linux's `close_stdout_atexit()`, which lets a closed stdout (`EBADF`) and a closed
/// pipe (`EPIPE`) pass silently.
pub fn print_stdout(text: &[u8]) -> Result<()> {
    match crate::sys::write_all(crate::sys::stdout(), text) {
        Err(e) if e.0 != libc::EBADF && e.0 != libc::EPIPE => Err(Error::sys("write error", e)),
        _ => Ok(()),
    }
}

/// `--version` text: ours, naming the util-linux release we follow.
pub fn version_line() -> String {
    [
        short_name(),
        " from nsutils ",
        env!("CARGO_PKG_VERSION"),
        ", compatible with util-linux ",
        crate::UTIL_LINUX_VERSION,
        "\n",
    ]
    .concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exec_status_follows_errno() {
        assert_eq!(Error::exec(b"x", Errno(libc::ENOENT)).code, 127);
        assert_eq!(Error::exec(b"x", Errno(libc::EACCES)).code, 126);
        assert_eq!(
            Error::exec(b"/x", Errno(libc::ENOENT)).text,
            b"failed to execute /x: No such file or directory"
        );
    }

    #[test]
    fn a_failed_message_makes_the_exit_status_1() {
        assert_eq!(exit_status(127), 127);
        // fd 2 is the test harness's; a closed descriptor stands in for it here.
        STDERR_FAILED.store(true, Ordering::Relaxed);
        assert_eq!(exit_status(127), EXIT_FAILURE);
        assert_eq!(exit_status(0), EXIT_FAILURE);
        STDERR_FAILED.store(false, Ordering::Relaxed);
    }

    #[test]
    fn sys_error_appends_strerror() {
        let e = Error::sys("unshare failed", Errno(libc::EPERM));
        assert_eq!(e.text, b"unshare failed: Operation not permitted");
        assert_eq!(e.code, 1);
    }
}
