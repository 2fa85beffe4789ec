//! Signal plumbing for `unshare`: forwarding SIGTERM/SIGINT to the forked child.

use std::sync::atomic::{AtomicI32, Ordering};

use super::{kill, sigaction, SysResult};

/// The child that forwarded signals go to (0: none yet).
static FORWARD_TO: AtomicI32 = AtomicI32::new(0);

/// The handler: async-signal-safe (an atomic load and `kill`), and it keeps `errno`, so
/// the interrupted code sees its own.
extern "C" fn forward(sig: libc::c_int) {
    let saved = errno::errno();
    let pid = FORWARD_TO.load(Ordering::Relaxed);
    if pid > 0 {
        let _ = kill(pid, sig);
    }
    errno::set_errno(saved);
}

/// Makes `sig` be passed on to the child named by [`set_forward_target`].
pub fn forward_signal(sig: libc::c_int) -> SysResult<()> {
    sigaction(sig, Some(forward))
}

/// Undoes [`forward_signal`]: `sig` gets its default action back (in a forked child, whose
/// copy of the target is still 0).
pub fn stop_forwarding(sig: libc::c_int) -> SysResult<()> {
    sigaction(sig, None)
}

/// Names the child forwarded signals go to.
pub fn set_forward_target(pid: libc::pid_t) {
    FORWARD_TO.store(pid, Ordering::Relaxed);
}
