//! The last steps both tools share: keeping capabilities across exec (and finding the last
//! capability the kernel knows), and exec'ing the program or, when none is given, the
//! user's shell as a login shell.

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
        sys::ambient_raise(cap).or_err(|| "prctl(PR_CAP_AMBIENT) failed")?;
    }
    Ok(())
}

/// The highest capability number the kernel knows, found as util-linux finds it: from
/// `/proc/sys/kernel/cap_last_cap` when that file is on procfs and the number after it is
/// really no capability, else by asking the kernel (so that neither a missing /proc in a
/// chroot nor a file mounted over it changes the answer).
pub fn cap_last_cap() -> u32 {
    cap_last_from_procfs().unwrap_or_else(cap_last_by_probing)
}

/// Whether the kernel knows capability `cap` (`PR_CAPBSET_READ` fails for unknown ones).
fn cap_known(cap: u32) -> bool {
    sys::capbset_read(cap).is_ok()
}

fn cap_last_from_procfs() -> Option<u32> {
    let fd = sys::open("/proc/sys/kernel/cap_last_cap", libc::O_RDONLY).ok()?;
    if sys::fstatfs_type(&fd).ok()? != sys::PROC_SUPER_MAGIC {
        return None;
    }
    let text = sys::read_to_end(&fd).ok()?;
    let cap: u32 = std::str::from_utf8(&text).ok()?.trim().parse().ok()?;
    (cap < i32::MAX as u32 && !cap_known(cap + 1)).then_some(cap)
}

/// Binary search for the last capability the kernel knows (0 always is one).
fn cap_last_by_probing() -> u32 {
    let (mut known, mut unknown) = (0u32, i32::MAX as u32);
    while unknown - known > 1 {
        let mid = known + (unknown - known) / 2;
        if cap_known(mid) {
            known = mid;
        } else {
            unknown = mid;
        }
    }
    known
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
    fn last_capability_probed_like_procfs_says() {
        let probed = cap_last_by_probing();
        assert!(probed >= 36, "{probed}");
        assert!(cap_known(probed) && !cap_known(probed + 1));
        if let Some(from_proc) = cap_last_from_procfs() {
            assert_eq!(from_proc, probed);
        }
        assert_eq!(cap_last_cap(), probed);
    }

    #[test]
    fn basename_like_posix() {
        assert_eq!(basename(b"/bin/bash"), b"bash");
        assert_eq!(basename(b"sh"), b"sh");
        assert_eq!(basename(b"/usr/bin/zsh/"), b"zsh");
        assert_eq!(basename(b"/"), b"/");
        assert_eq!(basename(b""), b".");
    }
}
