//! Processes and signals: fork, wait, exit, kill, signal masks and handlers, pidfds.

use std::os::fd::{AsFd, AsRawFd, OwnedFd};

use super::{ret, ret_owned_fd, retry_on_intr, Errno, SysResult};

/// `getpid(2)`.
pub fn getpid() -> libc::pid_t {
    // SAFETY: always succeeds.
    unsafe { libc::getpid() }
}

/// Which side of a `fork` we are on.
pub enum Fork {
    Parent(libc::pid_t),
    Child,
}

/// `fork(2)`.
///
/// # Safety
/// The process must have one thread: in the child of a multi-threaded process only
/// async-signal-safe functions may be called (another thread may have held a lock, such as
/// malloc's, at the fork), and the child here runs arbitrary code.
pub unsafe fn fork() -> SysResult<Fork> {
    // SAFETY: by this function's contract the process has one thread, so the child's memory
    // is consistent.
    match ret(unsafe { libc::fork() })? {
        0 => Ok(Fork::Child),
        pid => Ok(Fork::Parent(pid)),
    }
}

/// How a waited-for child changed state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitStatus {
    Exited(i32),
    Signaled(i32),
    Stopped(i32),
    Continued,
}

/// `waitpid(2)`, retrying on `EINTR`.
pub fn waitpid(pid: libc::pid_t, flags: libc::c_int) -> SysResult<WaitStatus> {
    let mut status = 0;
    // SAFETY: status is a valid writable int.
    retry_on_intr(|| ret(unsafe { libc::waitpid(pid, &mut status, flags) }))?;
    Ok(if libc::WIFEXITED(status) {
        WaitStatus::Exited(libc::WEXITSTATUS(status))
    } else if libc::WIFSIGNALED(status) {
        WaitStatus::Signaled(libc::WTERMSIG(status))
    } else if libc::WIFSTOPPED(status) {
        WaitStatus::Stopped(libc::WSTOPSIG(status))
    } else {
        WaitStatus::Continued
    })
}

/// `_exit(2)`: leaves without running destructors or flushing anything (for forked children
/// that must not undo their parent's work).
pub fn exit_now(code: i32) -> ! {
    // SAFETY: _exit never returns and is always safe to call.
    unsafe { libc::_exit(code) }
}

/// `kill(2)`.
pub fn kill(pid: libc::pid_t, sig: libc::c_int) -> SysResult<()> {
    // SAFETY: kill takes only integers.
    ret(unsafe { libc::kill(pid, sig) }).map(drop)
}

/// A signal set.
#[derive(Clone, Copy)]
pub struct SigSet(libc::sigset_t);

impl SigSet {
    pub fn empty() -> Self {
        // SAFETY: sigemptyset initialises the set it is given.
        unsafe {
            let mut set = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            SigSet(set)
        }
    }

    pub fn of(signals: &[libc::c_int]) -> Self {
        let mut set = Self::empty();
        for &s in signals {
            // SAFETY: set is initialised; an invalid signal number is only refused.
            unsafe { libc::sigaddset(&mut set.0, s) };
        }
        set
    }
}

/// `sigprocmask(2)`: returns the previous mask.
pub fn sigprocmask(how: libc::c_int, set: &SigSet) -> SysResult<SigSet> {
    let mut old = SigSet::empty();
    // SAFETY: both sets are initialised sigset_t values.
    ret(unsafe { libc::sigprocmask(how, &set.0, &mut old.0) })?;
    Ok(old)
}

/// Installs `handler` for `sig` with `SA_RESTART`.
///
/// # Safety
/// `handler` runs whenever the signal arrives, interrupting any code: it must make only
/// async-signal-safe calls, and must leave `errno` as it found it.
pub(super) unsafe fn sigaction(
    sig: libc::c_int,
    handler: extern "C" fn(libc::c_int),
) -> SysResult<()> {
    // SAFETY: an all-zero sigaction is valid (empty mask, no flags) before we fill it in.
    let mut act: libc::sigaction = unsafe { std::mem::zeroed() };
    act.sa_sigaction = handler as libc::sighandler_t;
    act.sa_flags = libc::SA_RESTART;
    // SAFETY: act is initialised; the handler is async-signal-safe by this function's
    // contract.
    ret(unsafe { libc::sigaction(sig, &act, std::ptr::null_mut()) }).map(drop)
}

/// `signal(sig, SIG_DFL)`.
pub fn reset_signal(sig: libc::c_int) -> SysResult<()> {
    // SAFETY: restoring the default disposition is always sound.
    if unsafe { libc::signal(sig, libc::SIG_DFL) } == libc::SIG_ERR {
        Err(errno::errno())
    } else {
        Ok(())
    }
}

/// `pidfd_open(2)`.
pub fn pidfd_open(pid: libc::pid_t) -> SysResult<OwnedFd> {
    // SAFETY: pidfd_open takes only integers and returns a new descriptor.
    unsafe { ret_owned_fd(libc::syscall(libc::SYS_pidfd_open, pid, 0)) }
}

/// `pidfd_getfd(2)`: a copy of descriptor `target_fd` of the process behind `pidfd`.
pub fn pidfd_getfd(pidfd: impl AsFd, target_fd: libc::c_int) -> SysResult<OwnedFd> {
    let pidfd = pidfd.as_fd().as_raw_fd();
    // SAFETY: pidfd_getfd takes integers and returns a new descriptor.
    unsafe { ret_owned_fd(libc::syscall(libc::SYS_pidfd_getfd, pidfd, target_fd, 0)) }
}

/// `poll(2)` on one descriptor, retrying on `EINTR`; returns its `revents` (0 on time-out).
pub fn poll_one(fd: impl AsFd, events: libc::c_short, timeout_ms: libc::c_int) -> SysResult<i16> {
    let mut pfd = libc::pollfd {
        fd: fd.as_fd().as_raw_fd(),
        events,
        revents: 0,
    };
    // SAFETY: pfd is one valid pollfd.
    retry_on_intr(|| ret(unsafe { libc::poll(&mut pfd, 1, timeout_ms) }))?;
    Ok(pfd.revents)
}

/// `getppid(2)`.
pub fn getppid() -> libc::pid_t {
    // SAFETY: always succeeds.
    unsafe { libc::getppid() }
}

/// The errno of a failed call that returned no value, for callers that need one.
pub fn last_errno() -> Errno {
    errno::errno()
}
