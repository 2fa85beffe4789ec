//! The last steps both tools share: keeping capabilities across exec, and exec'ing the
//! program or, when none is given, the user's shell as a login shell.

use std::ffi::OsString;

use crate::msg::{Context, Error, Result};
use crate::sys;

/// `--keep-caps`: every permitted capability becomes inheritable, and every effective one
/// (up to `last_cap`) ambient, so the program keeps what the user namespace granted.
pub fn permitted_to_ambient(last_cap: u32) -> Result<()> {
    let mut caps = sys::capget().or_err(|| "capget failed")?;
    caps.inheritable = caps.permitted;
    sys::capset(caps).or_err(|| "capset failed")?;
    for cap in (0..64u32).filter(|&c| c <= last_cap && caps.effective & (1 << c) != 0) {
        sys::prctl(
            libc::PR_CAP_AMBIENT,
            libc::PR_CAP_AMBIENT_RAISE as libc::c_ulong,
            libc::c_ulong::from(cap),
        )
        .or_err(|| "prctl(PR_CAP_AMBIENT) failed")?;
    }
    Ok(())
}

/// Runs the program (searched in `PATH`), or the default shell as a login shell when there is
/// none. Returns only the error to report (status 127 or 126).
pub fn exec(program: &[OsString]) -> Error {
    let argv: Vec<&[u8]> = program.iter().map(|a| sys::os_bytes(a)).collect();
    if let Some(&name) = argv.first() {
        return match sys::CArgv::new(&argv) {
            Ok(cargv) => Error::exec(name, sys::execvp(name, &cargv)),
            Err(e) => Error::exec(name, e),
        };
    }
    let shell = default_shell();
    let arg0 = [b"-".as_slice(), basename(&shell)].concat();
    let errno = match (sys::cstr(&shell), sys::CArgv::new([arg0])) {
        (Ok(path), Ok(cargv)) => sys::execv(&path, &cargv),
        (Err(e), _) | (_, Err(e)) => e,
    };
    Error::exec(&shell, errno)
}

/// `$SHELL` if set and not empty, else our passwd entry's shell, else `/bin/sh` (util-linux
/// 2.42's `exec_shell()`).
fn default_shell() -> Vec<u8> {
    if let Some(shell) = sys::getenv(b"SHELL").filter(|s| !s.is_empty()) {
        return shell;
    }
    crate::passwd::user_by_id(sys::getuid())
        .map(|e| e.shell)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| b"/bin/sh".to_vec())
}

/// POSIX `basename(3)`: the last component, trailing slashes ignored.
fn basename(path: &[u8]) -> &[u8] {
    let trimmed = match path.iter().rposition(|&b| b != b'/') {
        Some(end) => &path[..=end],
        None if path.is_empty() => return b".",
        None => return b"/",
    };
    match trimmed.iter().rposition(|&b| b == b'/') {
        Some(i) => &trimmed[i + 1..],
        None => trimmed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basename_like_posix() {
        assert_eq!(basename(b"/bin/bash"), b"bash");
        assert_eq!(basename(b"sh"), b"sh");
        assert_eq!(basename(b"/usr/bin/zsh/"), b"zsh");
        assert_eq!(basename(b"/"), b"/");
        assert_eq!(basename(b""), b".");
    }
}
