//! The plan: what to do, decided from the command line. Files named on the command line are
//! opened while parsing, so they resolve against the original root and working directory
//! (and a `PID:inode` target is pinned by a pidfd), as util-linux does; what is opened goes
//! into [`Opened`], apart from the plan.

use std::ffi::OsString;
use std::os::fd::OwnedFd;
use std::os::unix::ffi::OsStrExt;

use super::ns::Namespaces;
use super::options::{Id, TOOL};
use crate::cli::numbers::{str2num_or_err, strtou64, strtou64_or_err, strtou64_prefix};
use crate::cli::{Getopt, Request};
use crate::msg::{Context, Error, Result};
use crate::ns::Ns;
use crate::sys;

/// A user or group id for `-S`/`-G`.
#[derive(Debug, Default, Clone, Copy)]
pub struct IdChoice {
    pub value: u32,
    /// `follow`: the owner of `/proc/PID/`.
    pub follow: bool,
    /// Set it (given, or implied by entering a user namespace).
    pub force: bool,
}

/// What to do: filled by [`parse`], carried out by `super::run`.
#[derive(Debug, Default)]
pub struct Plan {
    /// `-t`: the target process.
    pub target: Option<libc::pid_t>,
    pub all: bool,
    /// `-N`: a descriptor of the target; negative values are accepted and ignored (after C's
    /// truncation to an int, which can make them non-negative).
    pub net_socket: Option<i32>,
    pub user_parent: bool,
    /// `-r`/`-w` without a directory: the target's root or working directory.
    pub root_from_target: bool,
    pub wd_from_target: bool,
    pub wdns: Option<Vec<u8>>,
    pub env: bool,
    pub no_fork: bool,
    pub join_cgroup: bool,
    pub preserve_credentials: bool,
    pub keep_caps: bool,
    pub follow_context: bool,
    pub uid: IdChoice,
    pub gid: IdChoice,
    /// The program and its arguments (empty: a shell).
    pub program: Vec<OsString>,
}

/// The descriptors the plan needs: those named on the command line, opened while parsing,
/// then those taken from the target (`super::target::open_all`). The run stage uses them up.
#[derive(Default)]
pub struct Opened {
    pub ns: Namespaces,
    /// `-r`, `-w`: the directory given, or the target's.
    pub root: Option<OwnedFd>,
    pub wd: Option<OwnedFd>,
    /// The nsfs descriptor and handle type for `--NS=:nsid`.
    pub nsfs: sys::NsfsOpener,
    /// A pidfd checked against the pidfs inode given as `-t PID:inode`. It is parked at a
    /// high descriptor number so that the descriptors opened after it get the numbers
    /// util-linux gives them (it closes its check pidfd and opens a new one later).
    pub pinned_pidfd: Option<OwnedFd>,
    /// A pidfd for `setns(pidfd, mask)`, where the kernel has it.
    pub pidfd: Option<OwnedFd>,
    pub environ: Option<OwnedFd>,
    /// `/proc/PID/` for `-S follow`/`-G follow`.
    pub owner: Option<OwnedFd>,
    /// `cgroup.procs` of the target's cgroup (`-c`).
    pub cgroup_procs: Option<OwnedFd>,
}

/// What parsing made: the plan, and what it opened (boxed: it is moved on to the run stage
/// whole, not copied).
pub type Parsed = Box<(Plan, Opened)>;

/// The short option letters that exclude each other (`{ 'W', 'w' }`), by id.
const EXCLUSIVE: [Id; 2] = [Id::Wdns, Id::Wd];

/// Parses argv (argv[0] included) into a plan, opening the files it names.
pub fn parse(args: Vec<OsString>) -> Result<Request<Parsed>> {
    let mut getopt = Getopt::new(&TOOL, args);
    let mut plan = Plan::default();
    let mut opened = Opened::default();
    let mut exclusive_seen: Option<Id> = None;
    while let Some((id, value)) = getopt.next()? {
        check_exclusive(&mut exclusive_seen, id)?;
        let value = value.as_ref().map(|v| v.as_bytes());
        match id {
            Id::Help => return Ok(Request::Help),
            Id::Version => return Ok(Request::Version),
            _ => plan.apply(&mut opened, id, value)?,
        }
    }
    plan.program = getopt.operands();
    Ok(Request::Run(Box::new((plan, opened))))
}

/// util-linux's `err_exclusive_options()` for the one group nsenter has.
fn check_exclusive(seen: &mut Option<Id>, id: Id) -> Result<()> {
    if !EXCLUSIVE.contains(&id) {
        return Ok(());
    }
    match *seen {
        None => *seen = Some(id),
        Some(first) if first != id => {
            return Err(Error::msg(format!(
                "options --{} and --{} cannot be combined",
                TOOL.by_id(first).long,
                TOOL.by_id(id).long
            )))
        }
        Some(_) => {}
    }
    Ok(())
}

/// One leading '=' is dropped (`-m=/path`), as util-linux 2.42 does for the namespace
/// options, `-w` and `-W`.
fn strip_equals(value: &[u8]) -> &[u8] {
    value.strip_prefix(b"=").unwrap_or(value)
}

impl Plan {
    fn apply(&mut self, opened: &mut Opened, id: Id, value: Option<&[u8]>) -> Result<()> {
        if let Some(ns) = Ns::by_option(TOOL.by_id(id).long) {
            return opened.enable_namespace(ns, value.map(strip_equals));
        }
        match id {
            Id::All => self.all = true,
            Id::Target => {
                let (pid, pinned) = parse_target(value.unwrap_or_default())?;
                self.target = Some(pid);
                opened.pinned_pidfd = pinned;
            }
            Id::NetSocket => {
                let fd = str2num_or_err(
                    value.unwrap_or_default(),
                    "failed to parse file descriptor",
                    0,
                    i64::from(i32::MAX),
                )?;
                // util-linux stores the 64-bit result in an int: a negative value (no lower
                // bound is checked) keeps its low 32 bits, so -4294967289 is socket 7.
                self.net_socket = Some(fd as i32);
            }
            Id::UserParent => self.user_parent = true,
            Id::Setuid => set_id(
                &mut self.uid,
                value.unwrap_or_default(),
                "failed to parse uid",
            )?,
            Id::Setgid => set_id(
                &mut self.gid,
                value.unwrap_or_default(),
                "failed to parse gid",
            )?,
            Id::PreserveCredentials => self.preserve_credentials = true,
            Id::KeepCaps => self.keep_caps = true,
            // `-r` keeps a leading '=': util-linux strips it only for the others.
            Id::Root => choose_dir(&mut opened.root, &mut self.root_from_target, value)?,
            Id::Wd => choose_dir(
                &mut opened.wd,
                &mut self.wd_from_target,
                value.map(strip_equals),
            )?,
            Id::Wdns => self.wdns = value.map(|v| strip_equals(v).to_vec()),
            Id::Env => self.env = true,
            Id::NoFork => self.no_fork = true,
            Id::JoinCgroup => self.join_cgroup = true,
            Id::FollowContext => self.follow_context = true,
            // Handled above (the namespaces) and by `parse` (help and version); named here so
            // that an option added to the table without a case here does not compile.
            Id::Mount
            | Id::Uts
            | Id::Ipc
            | Id::Net
            | Id::Pid
            | Id::Cgroup
            | Id::User
            | Id::Time
            | Id::Help
            | Id::Version => {}
        }
        Ok(())
    }
}

impl Opened {
    /// Enables a namespace; a file or `:nsid` is opened now. Without one, a descriptor from
    /// an earlier option stays.
    fn enable_namespace(&mut self, ns: Ns, path: Option<&[u8]>) -> Result<()> {
        if let Some(path) = path {
            let fd = match path.strip_prefix(b":") {
                Some(id) => self.open_nsid(ns, id)?,
                None => {
                    self.ns.slot_mut(ns).fd = None;
                    open_path(path)?
                }
            };
            self.ns.slot_mut(ns).fd = Some(fd);
        }
        self.ns.slot_mut(ns).enabled = true;
        Ok(())
    }

    /// `--NS=:nsid`: the namespace with that id, through an nsfs file handle.
    fn open_nsid(&mut self, ns: Ns, id: &[u8]) -> Result<OwnedFd> {
        let ns_id = strtou64(id)
            .map_err(|_| Error::msg([b"failed to parse nsid: ".as_slice(), id].concat()))?;
        let handle = self
            .nsfs
            .handle(ns_id)
            .or_err(|| "failed to fill namespace file handle")?;
        self.ns.slot_mut(ns).fd = None;
        self.nsfs
            .open(handle)
            .or_err(|| format!("cannot open namespace of id {ns_id}"))
    }
}

/// Opens a file named on the command line (read-only, close-on-exec).
pub fn open_path(path: &[u8]) -> Result<OwnedFd> {
    sys::open(path, libc::O_RDONLY).or_err(|| [b"cannot open ".as_slice(), path].concat())
}

/// `-r`/`-w`: a directory now, or the target's later.
fn choose_dir(
    fd: &mut Option<OwnedFd>,
    from_target: &mut bool,
    value: Option<&[u8]>,
) -> Result<()> {
    match value {
        Some(path) => {
            *fd = None;
            *fd = Some(open_path(path)?);
        }
        None => *from_target = true,
    }
    Ok(())
}

/// `-S`/`-G`: a number (truncated to 32 bits, as util-linux stores an unsigned long in a
/// uid_t) or `follow`.
fn set_id(choice: &mut IdChoice, value: &[u8], what: &str) -> Result<()> {
    if value == b"follow" {
        choice.follow = true;
    } else {
        choice.value = strtou64_or_err(value, what)? as u32;
    }
    choice.force = true;
    Ok(())
}

/// `-t PID[:inode]`. Any malformed value gets util-linux's one message, but only after a
/// number starting the inode text has been checked against the process (util-linux checks
/// whatever its parser stored, so `PID:5x` fails as a wrong inode, not as a bad argument).
fn parse_target(value: &[u8]) -> Result<(libc::pid_t, Option<OwnedFd>)> {
    let invalid = || Error::msg("invalid PID argument");
    let (pid, inode) = parse_pid_inode(value).ok_or_else(invalid)?;
    let pidfd = match inode.checked {
        0 => None,
        checked => Some(pinned_pidfd(pid, checked)?),
    };
    if !inode.valid {
        return Err(invalid());
    }
    Ok((pid, pidfd))
}

/// The `:inode` part of `-t`: the number util-linux checks the pidfd against (0: none), and
/// whether the whole text is a valid non-zero inode (or absent).
#[derive(Debug, PartialEq, Eq)]
struct InodeArg {
    checked: u64,
    valid: bool,
}

/// `PID` or `PID:inode`: a positive pid_t (C `strtoimax` syntax), then the inode part. None
/// when the PID part is already bad.
fn parse_pid_inode(value: &[u8]) -> Option<(libc::pid_t, InodeArg)> {
    let (pid_text, inode_text) = match value.iter().position(|&b| b == b':') {
        Some(colon) => (&value[..colon], Some(&value[colon + 1..])),
        None => (value, None),
    };
    let pid = crate::cli::numbers::strtos64(pid_text).ok()?;
    let pid = libc::pid_t::try_from(pid).ok().filter(|&p| p > 0)?;
    let inode = match inode_text {
        Some(text) => InodeArg {
            checked: strtou64_prefix(text),
            valid: strtou64(text).is_ok_and(|i| i != 0),
        },
        None => InodeArg {
            checked: 0,
            valid: true,
        },
    };
    Some((pid, inode))
}

/// A pidfd of `pid` whose pidfs inode is `inode`: the process meant, not a reuse of its PID.
fn pinned_pidfd(pid: libc::pid_t, inode: u64) -> Result<OwnedFd> {
    let what = || format!("failed to obtain a valid file descriptor for PID {pid}");
    let pidfd = sys::pidfd_open(pid).or_err(what)?;
    if !sys::is_pidfs(&pidfd) {
        return Err(Error::sys(what(), sys::Errno(libc::ENOTSUP)));
    }
    let st = sys::fstat(&pidfd).or_err(|| "failed to statx() pidfd")?;
    if st.st_ino != inode {
        return Err(Error::sys(what(), sys::Errno(libc::ESRCH)));
    }
    Ok(sys::dup_at_least(&pidfd, PARKED_FD).unwrap_or(pidfd))
}

/// Where a kept pidfd waits, out of the way of the descriptors util-linux numbers.
const PARKED_FD: i32 = 100;

#[cfg(test)]
mod tests {
    use super::*;

    fn inode(checked: u64, valid: bool) -> InodeArg {
        InodeArg { checked, valid }
    }

    #[test]
    fn pid_arguments() {
        assert_eq!(parse_pid_inode(b"42"), Some((42, inode(0, true))));
        assert_eq!(parse_pid_inode(b" +42"), Some((42, inode(0, true))));
        assert_eq!(parse_pid_inode(b"42:7"), Some((42, inode(7, true))));
        for bad in [
            &b""[..],
            b"x",
            b"0",
            b"-1",
            b"42x",
            b"2147483648",
            b":5",
            b"0:5",
        ] {
            assert_eq!(parse_pid_inode(bad), None, "{:?}", bad);
        }
        // A bad inode part is reported after its leading number has been checked.
        assert_eq!(parse_pid_inode(b"42:"), Some((42, inode(0, false))));
        assert_eq!(parse_pid_inode(b"42:0"), Some((42, inode(0, false))));
        assert_eq!(parse_pid_inode(b"42:x"), Some((42, inode(0, false))));
        assert_eq!(parse_pid_inode(b"42:-5"), Some((42, inode(0, false))));
        assert_eq!(parse_pid_inode(b"1:2:3"), Some((1, inode(2, false))));
        assert_eq!(parse_pid_inode(b"1:5x"), Some((1, inode(5, false))));
        assert_eq!(
            parse_pid_inode(b"1:18446744073709551616"),
            Some((1, inode(u64::MAX, false)))
        );
    }

    #[test]
    fn every_namespace_kind_has_its_option() {
        for ns in Ns::ALL {
            let option = format!("--{}", ns.info().option);
            let Ok(Request::Run(parsed)) = parse(vec!["nsenter".into(), option.clone().into()])
            else {
                panic!("{option} does not parse");
            };
            assert_eq!(parsed.1.ns.enabled_mask(!0), ns.flag(), "{option}");
        }
    }

    #[test]
    fn equals_is_stripped_once() {
        assert_eq!(strip_equals(b"==x"), b"=x");
        assert_eq!(strip_equals(b"x"), b"x");
    }

    #[test]
    fn exclusive_wd_and_wdns() {
        let mut seen = None;
        assert!(check_exclusive(&mut seen, Id::Wd).is_ok());
        assert!(check_exclusive(&mut seen, Id::Wd).is_ok());
        let e = check_exclusive(&mut seen, Id::Wdns).unwrap_err();
        assert_eq!(e.text, b"options --wd and --wdns cannot be combined");
    }
}
