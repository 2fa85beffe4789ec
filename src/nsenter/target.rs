//! Descriptors taken from the target process before entering anything: its namespaces
//! (through a pidfd, or `/proc/PID/ns/*`), root, working directory, environment, owner,
//! cgroup, parent user namespace and socket namespace.

use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

use super::ns::Namespaces;
use super::plan::{open_path, Opened, Plan};
use crate::msg::{Context, Error, Result};
use crate::ns::Ns;
use crate::sys;

/// `/proc/PID/<what>` of the target, or util-linux's complaint that there is none.
fn target_path(plan: &Plan, what: &str) -> Result<Vec<u8>> {
    match plan.target {
        Some(pid) => Ok(sys::proc_path(pid as u32, what)),
        None => Err(Error::msg(format!(
            "neither filename nor target pid supplied for {what}"
        ))),
    }
}

fn open_target(plan: &Plan, what: &str) -> Result<OwnedFd> {
    open_path(&target_path(plan, what)?)
}

/// Steps 3 to 7 of util-linux's order: `-a`, the target's namespaces, directories and
/// other descriptors, `--user-parent`, `-N`.
pub fn open_all(plan: &Plan, opened: &mut Opened) -> Result<()> {
    if plan.all {
        enable_all(plan, &mut opened.ns)?;
    }
    let missing = opened.ns.without_fd(!0);
    let socket = plan.net_socket.filter(|&fd| fd >= 0);
    if missing != 0 || socket.is_some() || plan.user_parent {
        let Some(pid) = plan.target else {
            return Err(Error::msg("no target PID specified"));
        };
        opened.pidfd = target_pidfd(pid, &mut opened.pinned_pidfd);
        if opened.pidfd.is_none() && missing != 0 {
            open_proc_namespaces(plan, &mut opened.ns, missing)?;
        }
    }
    opened.pinned_pidfd = None;
    if plan.root_from_target {
        opened.root = None;
        opened.root = Some(open_target(plan, "root")?);
    }
    if plan.wd_from_target {
        opened.wd = None;
        opened.wd = Some(open_target(plan, "cwd")?);
    }
    if plan.env {
        opened.environ = Some(open_target(plan, "environ")?);
    }
    if plan.uid.follow || plan.gid.follow {
        opened.owner = Some(open_target(plan, "")?);
    }
    if plan.join_cgroup {
        super::cgroup::require_v2()?;
        opened.cgroup_procs = Some(super::cgroup::open_procs(&target_path(plan, "cgroup")?)?);
    }
    if plan.user_parent {
        let parent = parent_user_ns(plan, &opened.ns, opened.pidfd.as_ref())?;
        let user = opened.ns.slot_mut(Ns::User);
        user.fd = Some(parent);
        user.enabled = true;
    }
    if let Some(fd) = socket {
        let netns = socket_netns(plan, opened.pidfd.as_ref(), fd)?;
        let net = opened.ns.slot_mut(Ns::Net);
        net.fd = Some(netns);
        net.enabled = true;
    }
    Ok(())
}

/// The pidfd to enter with: the one pinned by `-t PID:inode`, else a new one, on kernels
/// whose `setns` takes pidfds (after 5.7). None when that fails: /proc is used instead.
fn target_pidfd(pid: libc::pid_t, pinned: &mut Option<OwnedFd>) -> Option<OwnedFd> {
    if kernel_version()? <= (5, 7, 0) {
        return None;
    }
    match pinned.take() {
        // Moved down to the number util-linux's fresh pidfd_open would get.
        Some(pinned) => sys::dup_at_least(&pinned, 0).ok(),
        None => sys::pidfd_open(pid).ok(),
    }
}

/// The running kernel's version as `(major, minor, patch)`.
fn kernel_version() -> Option<(u32, u32, u32)> {
    let release = sys::kernel_release().ok()?;
    let mut parts = release.split(|&b| b == b'.').map(leading_number);
    Some((
        parts.next()??,
        parts.next()?.unwrap_or(0),
        parts.next().flatten().unwrap_or(0),
    ))
}

/// The number at the start of `s` ("18" of "18-rc1"), if any.
fn leading_number(s: &[u8]) -> Option<u32> {
    let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&s[..digits]).ok()?.parse().ok()
}

fn open_proc_namespaces(plan: &Plan, ns: &mut Namespaces, mask: libc::c_int) -> Result<()> {
    for (kind, slot) in ns.iter_mut() {
        if kind.flag() & mask != 0 {
            slot.fd = Some(open_target(plan, kind.info().proc_file)?);
        }
    }
    Ok(())
}

/// `-a`: every kind this kernel has, but not the target's user namespace when it is ours
/// (re-entering one's own user namespace is refused by setns).
fn enable_all(plan: &Plan, ns: &mut Namespaces) -> Result<()> {
    let target_pid = plan.target.map_or(0, |pid| pid as u32);
    let me = sys::getpid() as u32;
    for (kind, slot) in ns.iter_mut() {
        if slot.enabled || !usable(me, target_pid, kind)? {
            continue;
        }
        slot.enabled = true;
    }
    Ok(())
}

fn usable(me: u32, target: u32, kind: Ns) -> Result<bool> {
    let name = kind.info().proc_file;
    let mine = sys::stat(sys::proc_path(me, name));
    if mine.as_ref().is_err_and(|e| e.0 == libc::ENOENT) {
        return Ok(false);
    }
    if kind != Ns::User {
        return Ok(true);
    }
    let path = sys::proc_path(target, name);
    let theirs = sys::stat(&path).or_err(|| [b"stat of ", &path[..], b" failed"].concat())?;
    let my_ino = mine.map_or(0, |st| st.st_ino);
    Ok(my_ino != theirs.st_ino)
}

/// `--user-parent`: the parent of the user namespace given or the target's (or the owner of
/// the first other namespace given), to be entered as the user namespace.
fn parent_user_ns(plan: &Plan, ns: &Namespaces, pidfd: Option<&OwnedFd>) -> Result<OwnedFd> {
    let user = ns.slot(Ns::User);
    let given = user.fd.as_ref().filter(|_| user.enabled);
    let source = if let Some(fd) = given {
        Source::Borrowed(fd.as_fd())
    } else if let Some(fd) = pidfd.and_then(|p| sys::pidfd_user_ns(p).ok()) {
        Source::Opened(fd)
    } else if let Some(fd) = first_enabled_fd(ns) {
        Source::Borrowed(fd)
    } else {
        Source::Opened(open_target(plan, "ns/user")?)
    };
    sys::ns_get_userns(source).or_err(|| "failed to open parent namespace")
}

/// A namespace descriptor to ask about: one of the plan's, or one opened for the question
/// (closed after it).
enum Source<'a> {
    Borrowed(BorrowedFd<'a>),
    Opened(OwnedFd),
}

impl AsFd for Source<'_> {
    fn as_fd(&self) -> BorrowedFd<'_> {
        match self {
            Source::Borrowed(fd) => *fd,
            Source::Opened(fd) => fd.as_fd(),
        }
    }
}

/// The descriptor of the first enabled namespace, if it has one.
fn first_enabled_fd(ns: &Namespaces) -> Option<BorrowedFd<'_>> {
    let (_, first) = ns.iter().find(|(_, s)| s.enabled)?;
    first.fd.as_ref().map(AsFd::as_fd)
}

/// `-N FD`: the network namespace of the target's socket FD.
fn socket_netns(plan: &Plan, pidfd: Option<&OwnedFd>, sock: i32) -> Result<OwnedFd> {
    let pid = plan.target.unwrap_or(0);
    let local;
    let pidfd = match pidfd {
        Some(fd) => fd,
        None => {
            local = sys::pidfd_open(pid).or_err(|| format!("failed to pidfd_open() for {pid}"))?;
            &local
        }
    };
    let raw = fd_number(pidfd);
    let sk = sys::pidfd_getfd(pidfd, sock).or_err(|| format!("pidfd_getfd({raw}, {sock})"))?;
    let skfd = fd_number(&sk);
    sys::fstat(&sk).or_err(|| format!("fstat({skfd})"))?;
    sys::socket_netns(&sk).or_err(|| format!("ioctl({skfd}, SIOCGSKNS)"))
}

/// A descriptor's number, for util-linux's messages that show it.
fn fd_number(fd: &OwnedFd) -> i32 {
    std::os::fd::AsRawFd::as_raw_fd(fd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernel_version_is_read() {
        let (major, _, _) = kernel_version().expect("uname works");
        assert!(major >= 3);
    }

    #[test]
    fn leading_numbers() {
        assert_eq!(leading_number(b"18-rc1"), Some(18));
        assert_eq!(leading_number(b"x"), None);
    }
}
