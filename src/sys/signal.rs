//! A signal relay: signals caught here are sent on to one process. Installing a handler is
//! sound only when the handler is async-signal-safe, so the handler lives here, next to the
//! `unsafe` that installs it; which signals to relay, and when, is the caller's business.

use std::sync::atomic::{AtomicI32, Ordering};

use super::{kill, sigaction, SysResult};

/// The process relayed signals go to (0: none yet).
static RELAY_TO: AtomicI32 = AtomicI32::new(0);

/// The handler: async-signal-safe (an atomic load and `kill`), and it keeps `errno`, so
/// the interrupted code sees its own.
extern "C" fn relay(sig: libc::c_int) {
    let saved = errno::errno();
    let pid = RELAY_TO.load(Ordering::Relaxed);
    if pid > 0 {
        let _ = kill(pid, sig);
    }
    errno::set_errno(saved);
}

/// Makes `sig` be sent on to the process named by [`set_relay_target`] (with `SA_RESTART`).
pub fn relay_signal(sig: libc::c_int) -> SysResult<()> {
    // SAFETY: relay only loads an atomic and calls kill(2), and restores errno.
    unsafe { sigaction(sig, relay) }
}

/// Names the process relayed signals go to.
pub fn set_relay_target(pid: libc::pid_t) {
    RELAY_TO.store(pid, Ordering::Relaxed);
}
