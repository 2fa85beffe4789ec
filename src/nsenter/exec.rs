//! The last steps: fork for a PID namespace (the parent mirrors the child's fate), switch
//! credentials, keep capabilities, exec the program or a login shell.

use std::ffi::OsString;
use std::os::unix::ffi::OsStrExt;

use crate::msg::{Context, Error, Result};
use crate::sys::{self, Fork, WaitStatus};

/// Forks; only the child returns. The parent waits, stopping itself while the child is
/// stopped, and leaves as the child did: same exit status, or death by the same signal.
pub fn continue_as_child() -> Result<()> {
    sys::reset_signal(libc::SIGCHLD).ok();
    let child = match sys::fork().or_err(|| "fork failed")? {
        Fork::Child => return Ok(()),
        Fork::Parent(pid) => pid,
    };
    let status = loop {
        match sys::waitpid(child, libc::WUNTRACED) {
            Ok(WaitStatus::Stopped(_)) => {
                sys::kill(sys::getpid(), libc::SIGSTOP).ok();
                sys::kill(child, libc::SIGCONT).ok();
            }
            other => break other,
        }
    };
    match status {
        Ok(WaitStatus::Exited(code)) => sys::exit_now(code),
        Ok(WaitStatus::Signaled(sig)) => {
            sys::kill(sys::getpid(), sig).ok();
        }
        _ => {}
    }
    sys::exit_now(crate::msg::EXIT_FAILURE)
}

/// The uid and gid to switch to after entering, if any.
pub struct Credentials {
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    /// The `setgroups` tried before entering a user namespace failed: now it must not.
    pub groups_failed_before: bool,
}

/// setgroups, setgid, setuid, in that order.
pub fn switch_credentials(creds: &Credentials) -> Result<()> {
    if let Some(gid) = creds.gid {
        match sys::clear_groups() {
            Err(e) if creds.groups_failed_before => return Err(Error::sys("setgroups failed", e)),
            _ => {}
        }
        sys::setgid(gid).or_err(|| "setgid() failed")?;
    }
    if let Some(uid) = creds.uid {
        sys::setuid(uid).or_err(|| "setuid() failed")?;
    }
    Ok(())
}

/// `--keep-caps`: every permitted capability becomes inheritable, and every effective one
/// ambient, so the program keeps what the user namespace granted.
pub fn keep_caps() -> Result<()> {
    let mut caps = sys::capget().or_err(|| "capget failed")?;
    caps.inheritable = caps.permitted;
    sys::capset(caps).or_err(|| "capset failed")?;
    let last = sys::cap_last_cap();
    for cap in (0..64u32).filter(|&c| c <= last && caps.effective & (1 << c) != 0) {
        sys::prctl(
            libc::PR_CAP_AMBIENT,
            libc::PR_CAP_AMBIENT_RAISE as libc::c_ulong,
            libc::c_ulong::from(cap),
        )
        .or_err(|| "prctl(PR_CAP_AMBIENT) failed")?;
    }
    Ok(())
}

/// Runs the program (searched in PATH), or a login shell when there is none. Returns only
/// the error to report.
pub fn exec(program: &[OsString]) -> Error {
    match program.first() {
        Some(file) => {
            let file = file.as_bytes();
            match sys::CArgv::new(program.iter().map(|a| a.as_bytes())) {
                Ok(argv) => Error::exec(file, sys::execvp(file, &argv)),
                Err(e) => Error::exec(file, e),
            }
        }
        None => exec_shell(),
    }
}

/// `$SHELL` if set and not empty, else our user's passwd shell, else `/bin/sh`; run as a
/// login shell (`argv[0]` is `-<basename>`).
fn exec_shell() -> Error {
    let shell = sys::getenv(b"SHELL")
        .filter(|s| !s.is_empty())
        .or_else(|| crate::passwd::user_by_id(sys::getuid()).map(|e| e.shell))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| b"/bin/sh".to_vec());
    let base = login_name(&shell);
    let (Ok(path), Ok(argv)) = (sys::cstr(&shell), sys::CArgv::new([base])) else {
        return Error::exec(&shell, sys::Errno(libc::EINVAL));
    };
    Error::exec(&shell, sys::execv(&path, &argv))
}

/// `-` and the shell's basename (as `basename(3)`: trailing slashes ignored).
fn login_name(shell: &[u8]) -> Vec<u8> {
    let trimmed = match shell.iter().rposition(|&b| b != b'/') {
        Some(end) => &shell[..=end],
        None => return b"-/".to_vec(),
    };
    let base = trimmed.rsplit(|&b| b == b'/').next().unwrap_or(trimmed);
    [b"-".as_slice(), base].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_names() {
        assert_eq!(login_name(b"/bin/bash"), b"-bash");
        assert_eq!(login_name(b"sh"), b"-sh");
        assert_eq!(login_name(b"/usr/bin/zsh/"), b"-zsh");
        assert_eq!(login_name(b"/"), b"-/");
    }
}
