//! The last steps before exec: fork for a PID namespace (the parent mirrors the child's
//! fate) and switch credentials. Capabilities and exec are in [`crate::launch`].

use crate::msg::{Context, Error, Result};
use crate::sys::{self, Fork, SingleThreaded, WaitStatus};

/// Forks; only the child returns. The parent waits, stopping itself while the child is
/// stopped, and leaves as the child did: same exit status, or death by the same signal.
pub fn continue_as_child(single: SingleThreaded) -> Result<()> {
    sys::reset_signal(libc::SIGCHLD).ok();
    let child = match single.fork().or_err(|| "fork failed")? {
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
        Ok(WaitStatus::Exited(code)) => sys::exit_now(crate::msg::exit_status(code)),
        Ok(WaitStatus::Signaled(sig)) => {
            sys::kill(sys::getpid(), sig).ok();
        }
        Err(e) => {
            // The child is still ours: kill and reap it rather than leave it running
            // unwaited, and say why we fail.
            sys::kill(child, libc::SIGKILL).ok();
            sys::waitpid(child, 0).ok();
            let code = Error::sys("waitpid failed", e).report();
            sys::exit_now(crate::msg::exit_status(code))
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
