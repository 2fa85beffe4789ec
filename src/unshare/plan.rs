//! What to do, decided from the command line. Every argument is checked here, in the order
//! util-linux checks it (some checks read files: `/etc/subuid` for `--map-users=auto`,
//! `/proc/self/uid_map` for `=all`; `--whitelist-env` captures the values it keeps).

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use super::idmap::{self, Chain};
use super::options::{Id, TOOL};
use super::signals;
use crate::cli::numbers::{scan_u32_prefix, strtos64_or_err, strtou64, strtou64_or_err};
use crate::cli::{Getopt, Request};
use crate::msg::{Error, Result};
use crate::ns::Ns;

/// `--propagation` words and their mount flags (`unchanged`: leave it alone).
const PROPAGATIONS: [(&str, libc::c_ulong); 4] = [
    ("slave", libc::MS_REC | libc::MS_SLAVE),
    ("private", libc::MS_REC | libc::MS_PRIVATE),
    ("shared", libc::MS_REC | libc::MS_SHARED),
    ("unchanged", 0),
];

pub const PROPAGATION_DEFAULT: libc::c_ulong = libc::MS_REC | libc::MS_PRIVATE;
pub const BINFMT_MISC: &[u8] = b"/proc/sys/fs/binfmt_misc";
const SUBUID: &str = "/etc/subuid";
const SUBGID: &str = "/etc/subgid";

/// `--setgroups` words, as written to `/proc/self/setgroups`.
pub const SETGROUPS_DENY: &[u8] = b"deny";
const SETGROUPS: [&[u8]; 2] = [SETGROUPS_DENY, b"allow"];

/// Everything unshare is going to do.
#[derive(Debug, Default)]
pub struct Plan {
    /// `CLONE_NEW*` flags for `unshare(2)`.
    pub flags: libc::c_int,
    /// Persistence targets, indexed by [`Ns`] (the last file given wins).
    pub persist: [Option<Vec<u8>>; 8],
    pub fork: bool,
    pub forward_signals: bool,
    /// `--kill-child`: the signal the child gets when unshare dies.
    pub kill_child: Option<libc::c_int>,
    pub mount_proc: Option<Vec<u8>>,
    pub binfmt_mnt: Option<Vec<u8>>,
    pub load_interp: Option<Vec<u8>>,
    pub propagation: libc::c_ulong,
    pub root: Option<Vec<u8>>,
    pub wd: Option<Vec<u8>>,
    pub setuid: Option<u32>,
    pub setgid: Option<u32>,
    /// A single `inner` ID for our euid/egid (`-r`, `-c`, `--map-user`, `--map-group`).
    pub map_user: Option<u32>,
    pub map_group: Option<u32>,
    /// `--map-users`/`--map-groups` ranges, head first.
    pub user_ranges: Chain,
    pub group_ranges: Chain,
    pub owner_uid: Option<u32>,
    pub owner_gid: Option<u32>,
    /// The word to write to `/proc/self/setgroups`.
    pub setgroups: Option<&'static [u8]>,
    pub keep_caps: bool,
    /// `cap_last_cap`, read before any chroot can hide `/proc`.
    pub cap_last_cap: u32,
    pub monotonic: Option<i64>,
    pub boottime: Option<i64>,
    pub clear_env: bool,
    /// `--whitelist-env` variables that were set, with their values, in command-line order.
    pub env_keep: Vec<(Vec<u8>, Vec<u8>)>,
    /// The program and its arguments (empty: the shell).
    pub program: Vec<OsString>,
    pub real_euid: u32,
    pub real_egid: u32,
}

/// Parses argv (argv[0] included).
pub fn parse(args: Vec<OsString>) -> Result<Request<Box<Plan>>> {
    let mut plan = Plan {
        propagation: PROPAGATION_DEFAULT,
        real_euid: crate::sys::geteuid(),
        real_egid: crate::sys::getegid(),
        ..Plan::default()
    };
    let mut getopt = Getopt::new(&TOOL, args);
    while let Some((id, value)) = getopt.next()? {
        let value = value.map(OsStringExt::into_vec);
        match id {
            Id::Help => return Ok(Request::Help),
            Id::Version => return Ok(Request::Version),
            _ => plan.apply(id, value)?,
        }
    }
    if (plan.monotonic.is_some() || plan.boottime.is_some())
        && plan.flags & libc::CLONE_NEWTIME == 0
    {
        return Err(Error::msg(
            "options --monotonic and --boottime require unsharing of a time namespace (-T)",
        ));
    }
    plan.program = getopt.operands();
    Ok(Request::Run(Box::new(plan)))
}

impl Plan {
    /// Applies one option (`value` is its argument, if any).
    fn apply(&mut self, id: Id, value: Option<Vec<u8>>) -> Result<()> {
        if let Some(ns) = Ns::by_option(TOOL.by_id(id).long) {
            self.flags |= ns.flag();
            if let Some(file) = value {
                self.persist[ns.index()] = Some(file);
            }
            return Ok(());
        }
        let given = value.is_some();
        let arg = value.unwrap_or_default();
        match id {
            Id::Fork | Id::KillChild | Id::ForwardSignals => self.apply_process(id, given, &arg),
            Id::MountProc
            | Id::MountBinfmt
            | Id::LoadInterp
            | Id::Propagation
            | Id::Root
            | Id::Wd => self.apply_filesystem(id, given, arg),
            Id::MapUser
            | Id::MapGroup
            | Id::MapRootUser
            | Id::MapCurrentUser
            | Id::MapUsers
            | Id::MapGroups
            | Id::MapAuto
            | Id::MapSubids => self.apply_maps(id, &arg),
            Id::Owner | Id::Setgroups | Id::Setuid | Id::Setgid | Id::KeepCaps => {
                self.apply_credentials(id, &arg)
            }
            Id::Monotonic | Id::Boottime => self.apply_time(id, &arg),
            Id::ClearEnv | Id::WhitelistEnv => self.apply_environment(id, &arg),
            // Handled above (the namespaces) and by `parse` (help and version); named here so
            // that an option added to the table without a case here does not compile.
            Id::Mount
            | Id::Uts
            | Id::Ipc
            | Id::Net
            | Id::Pid
            | Id::User
            | Id::Cgroup
            | Id::Time
            | Id::Help
            | Id::Version => Ok(()),
        }
    }

    /// `-f`, `--kill-child`, `--forward-signals`: the forked child and its parent.
    fn apply_process(&mut self, id: Id, given: bool, arg: &[u8]) -> Result<()> {
        self.fork = true;
        match id {
            Id::KillChild => {
                self.kill_child = Some(if given {
                    parse_kill_child(arg)?
                } else {
                    libc::SIGKILL
                });
            }
            Id::ForwardSignals => self.forward_signals = true,
            _ => {}
        }
        Ok(())
    }

    /// `--mount-proc`, `--mount-binfmt`, `--load-interp`, `--propagation`, `-R`, `-w`.
    fn apply_filesystem(&mut self, id: Id, given: bool, arg: Vec<u8>) -> Result<()> {
        let (mount, user) = (libc::CLONE_NEWNS, libc::CLONE_NEWUSER);
        match id {
            Id::MountProc => {
                self.flags |= mount;
                self.mount_proc = Some(if given { arg } else { b"/proc".to_vec() });
            }
            Id::MountBinfmt => {
                self.flags |= mount | user;
                self.binfmt_mnt = given.then_some(arg);
                self.default_binfmt();
            }
            Id::LoadInterp => {
                self.flags |= mount | user;
                self.default_binfmt();
                self.load_interp = Some(arg);
            }
            Id::Propagation => self.propagation = parse_propagation(&arg)?,
            Id::Root => self.root = Some(arg),
            Id::Wd => self.wd = Some(arg),
            _ => {}
        }
        Ok(())
    }

    /// The id-map options: single mappings and ranges (each implies `--user`).
    fn apply_maps(&mut self, id: Id, arg: &[u8]) -> Result<()> {
        self.flags |= libc::CLONE_NEWUSER;
        let euid = self.real_euid;
        match id {
            Id::MapUser => self.map_user = no_id(lookup_id(arg, &USERS)?),
            Id::MapGroup => self.map_group = no_id(lookup_id(arg, &GROUPS)?),
            Id::MapRootUser => self.map_single(0, 0),
            Id::MapCurrentUser => self.map_single(self.real_euid, self.real_egid),
            Id::MapUsers => add_ranges(
                &mut self.user_ranges,
                arg,
                SUBUID,
                "/proc/self/uid_map",
                euid,
            )?,
            Id::MapGroups => add_ranges(
                &mut self.group_ranges,
                arg,
                SUBGID,
                "/proc/self/gid_map",
                euid,
            )?,
            Id::MapAuto | Id::MapSubids => {
                let identity = id == Id::MapSubids;
                let u = idmap::read_subid_range(SUBUID, euid, identity)?;
                self.user_ranges.push_front(u);
                let g = idmap::read_subid_range(SUBGID, euid, identity)?;
                self.group_ranges.push_front(g);
            }
            _ => {}
        }
        Ok(())
    }

    /// `--owner`, `--setgroups`, `-S`, `-G`, `--keep-caps`.
    fn apply_credentials(&mut self, id: Id, arg: &[u8]) -> Result<()> {
        match id {
            Id::Owner => {
                self.flags |= libc::CLONE_NEWUSER;
                let (uid, gid) = parse_owner(arg)?;
                self.owner_uid = (uid != u32::MAX).then_some(uid);
                self.owner_gid = (gid != u32::MAX).then_some(gid);
            }
            Id::Setgroups => self.setgroups = Some(parse_setgroups(arg)?),
            Id::Setuid => self.setuid = Some(strtou64_or_err(arg, "failed to parse uid")? as u32),
            Id::Setgid => self.setgid = Some(strtou64_or_err(arg, "failed to parse gid")? as u32),
            Id::KeepCaps => {
                self.keep_caps = true;
                self.cap_last_cap = crate::launch::cap_last_cap();
            }
            _ => {}
        }
        Ok(())
    }

    /// `--monotonic`, `--boottime`.
    fn apply_time(&mut self, id: Id, arg: &[u8]) -> Result<()> {
        match id {
            Id::Monotonic => {
                self.monotonic = Some(strtos64_or_err(arg, "failed to parse monotonic offset")?)
            }
            Id::Boottime => {
                self.boottime = Some(strtos64_or_err(arg, "failed to parse boottime offset")?)
            }
            _ => {}
        }
        Ok(())
    }

    /// `--clear-env`, `--whitelist-env`.
    fn apply_environment(&mut self, id: Id, arg: &[u8]) -> Result<()> {
        match id {
            Id::ClearEnv => self.clear_env = true,
            Id::WhitelistEnv => self.keep_env(arg),
            _ => {}
        }
        Ok(())
    }

    /// `--mount-binfmt` without a directory and `--load-interp` without `--mount-binfmt`:
    /// the default binfmt_misc mount point, and a new `/proc` unless one was asked for.
    fn default_binfmt(&mut self) {
        if self.binfmt_mnt.is_none() {
            if self.mount_proc.is_none() {
                self.mount_proc = Some(b"/proc".to_vec());
            }
            self.binfmt_mnt = Some(BINFMT_MISC.to_vec());
        }
    }

    fn map_single(&mut self, uid: u32, gid: u32) {
        self.flags |= libc::CLONE_NEWUSER;
        self.map_user = Some(uid);
        self.map_group = Some(gid);
    }

    /// Remembers the current values of the listed variables (unset ones are skipped).
    fn keep_env(&mut self, list: &[u8]) {
        for name in list.split(|&b| b == b',').filter(|n| !n.is_empty()) {
            if let Some(value) = crate::sys::getenv(name) {
                self.env_keep.push((name.to_vec(), value));
            }
        }
    }
}

fn parse_kill_child(name: &[u8]) -> Result<libc::c_int> {
    signals::signum(name).ok_or_else(|| Error::msg([b"unknown signal: ".as_slice(), name].concat()))
}

fn parse_setgroups(word: &[u8]) -> Result<&'static [u8]> {
    SETGROUPS
        .iter()
        .copied()
        .find(|s| *s == word)
        .ok_or_else(|| {
            Error::msg([b"unsupported --setgroups argument '".as_slice(), word, b"'"].concat())
        })
}

fn parse_propagation(word: &[u8]) -> Result<libc::c_ulong> {
    PROPAGATIONS
        .iter()
        .find(|(name, _)| name.as_bytes() == word)
        .map(|&(_, flags)| flags)
        .ok_or_else(|| Error::msg([b"unsupported propagation mode: ".as_slice(), word].concat()))
}

/// `sscanf("%u:%u%n")` with nothing left over.
fn parse_owner(s: &[u8]) -> Result<(u32, u32)> {
    let fail = || Error::msg("failed to parse owner");
    let (uid, used) = scan_u32_prefix(s).ok_or_else(fail)?;
    let rest = s[used..].strip_prefix(b":").ok_or_else(fail)?;
    let (gid, used) = scan_u32_prefix(rest).ok_or_else(fail)?;
    if used != rest.len() {
        return Err(fail());
    }
    Ok((uid, gid))
}

/// Name and id lookups of one database, for [`lookup_id`].
struct IdDb {
    what: &'static str,
    by_name: fn(&[u8]) -> Option<crate::passwd::Entry>,
    by_id: fn(u32) -> Option<crate::passwd::Entry>,
}

const USERS: IdDb = IdDb {
    what: "uid",
    by_name: crate::passwd::user_by_name,
    by_id: crate::passwd::user_by_id,
};

const GROUPS: IdDb = IdDb {
    what: "gid",
    by_name: crate::passwd::group_by_name,
    by_id: crate::passwd::group_by_id,
};

/// `--map-user`/`--map-group`, as `ul_getuserpw_str()` resolves them: a number (known or
/// not) or a name from `/etc/passwd` or `/etc/group`. The id -1 is util-linux's "no
/// mapping": an error, unless an entry has it (then util-linux maps nothing, see
/// [`no_id`]).
fn lookup_id(s: &[u8], db: &IdDb) -> Result<u32> {
    let id = match strtou64(s) {
        Ok(n) => u32::try_from(n)
            .ok()
            .filter(|&id| id != u32::MAX || (db.by_id)(id).is_some()),
        Err(e) if e.0 == libc::EINVAL => (db.by_name)(s).map(|e| e.id),
        Err(_) => None,
    };
    id.ok_or_else(|| {
        let what = db.what;
        Error::msg([format!("failed to parse {what} '").as_bytes(), s, b"'"].concat())
    })
}

/// util-linux keeps `--map-user`/`--map-group` in a `uid_t`/`gid_t` whose -1 means "none".
fn no_id(id: u32) -> Option<u32> {
    (id != u32::MAX).then_some(id)
}

/// One `--map-users`/`--map-groups` value: `auto`, `subids`, `all` or a range.
fn add_ranges(
    chain: &mut Chain,
    arg: &[u8],
    subid_file: &str,
    kernel_map: &str,
    euid: u32,
) -> Result<()> {
    match arg {
        b"auto" | b"subids" => {
            let range = idmap::read_subid_range(subid_file, euid, arg == b"subids")?;
            chain.push_front(range);
        }
        b"all" => idmap::read_kernel_map(chain, kernel_map)?,
        _ => chain.push_front(idmap::parse_range(arg)?),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(args: &[&str]) -> Result<Plan> {
        let argv = std::iter::once("unshare")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect();
        match parse(argv)? {
            Request::Run(p) => Ok(*p),
            _ => panic!("not a plan"),
        }
    }

    fn err(args: &[&str]) -> String {
        String::from_utf8(plan(args).unwrap_err().text).unwrap()
    }

    #[test]
    fn namespaces_and_persistence() {
        let p = plan(&["-mu", "--net=/x", "--pid=/a", "--pid=/b", "true"]).unwrap();
        assert_eq!(
            p.flags,
            libc::CLONE_NEWNS | libc::CLONE_NEWUTS | libc::CLONE_NEWNET | libc::CLONE_NEWPID
        );
        assert_eq!(p.persist[Ns::Net.index()].as_deref(), Some(&b"/x"[..]));
        assert_eq!(p.persist[Ns::Pid.index()].as_deref(), Some(&b"/b"[..]));
        assert_eq!(p.program, vec![OsString::from("true")]);
    }

    #[test]
    fn every_namespace_kind_has_its_option() {
        for ns in Ns::ALL {
            let option = format!("--{}", ns.info().option);
            let p = plan(&[&option]).unwrap();
            assert_eq!(p.flags, ns.flag(), "{option}");
        }
    }

    #[test]
    fn implications() {
        let p = plan(&["--mount-binfmt"]).unwrap();
        assert_eq!(p.flags, libc::CLONE_NEWNS | libc::CLONE_NEWUSER);
        assert_eq!(p.mount_proc.as_deref(), Some(&b"/proc"[..]));
        assert_eq!(p.binfmt_mnt.as_deref(), Some(BINFMT_MISC));
        let p = plan(&["--mount-proc=/p", "-l", ":x:M::ab::/i:"]).unwrap();
        assert_eq!(p.mount_proc.as_deref(), Some(&b"/p"[..]));
        let p = plan(&["--mount-binfmt=/b", "-l", "x"]).unwrap();
        assert_eq!(p.binfmt_mnt.as_deref(), Some(&b"/b"[..]));
        assert_eq!(p.mount_proc, None);
        let p = plan(&["--kill-child"]).unwrap();
        assert!(p.fork);
        assert_eq!(p.kill_child, Some(libc::SIGKILL));
        let p = plan(&["--forward-signals"]).unwrap();
        assert!(p.fork && p.forward_signals);
        let p = plan(&["-r"]).unwrap();
        assert_eq!((p.map_user, p.map_group), (Some(0), Some(0)));
        assert_eq!(p.flags, libc::CLONE_NEWUSER);
    }

    #[test]
    fn bad_values() {
        assert_eq!(err(&["--kill-child=9"]), "unknown signal: 9");
        assert_eq!(
            err(&["--setgroups", "x"]),
            "unsupported --setgroups argument 'x'"
        );
        assert_eq!(
            err(&["--propagation", "x"]),
            "unsupported propagation mode: x"
        );
        assert_eq!(err(&["--owner", "1"]), "failed to parse owner");
        assert_eq!(err(&["--owner", "1:2x"]), "failed to parse owner");
        assert_eq!(err(&["--map-user=-1"]), "failed to parse uid '-1'");
        assert_eq!(
            err(&["--map-group=4294967295"]),
            "failed to parse gid '4294967295'"
        );
        assert_eq!(err(&["--map-users=1:2"]), "invalid mapping '1:2'");
        assert_eq!(err(&["-S", "x"]), "failed to parse uid: 'x'");
        assert_eq!(err(&["-G", "x"]), "failed to parse gid: 'x'");
        assert_eq!(
            err(&["--monotonic", "x"]),
            "failed to parse monotonic offset: 'x'"
        );
        assert_eq!(
            err(&["--boottime", "1"]),
            "options --monotonic and --boottime require unsharing of a time namespace (-T)"
        );
    }

    #[test]
    fn values() {
        let p = plan(&["--owner=-1:5", "-S", "4294967296", "--map-user=12345"]).unwrap();
        assert_eq!((p.owner_uid, p.owner_gid), (None, Some(5)));
        assert_eq!(p.setuid, Some(0));
        assert_eq!(p.map_user, Some(12345));
        let p = plan(&["-T", "--monotonic=-5", "--propagation=unchanged"]).unwrap();
        assert_eq!(p.monotonic, Some(-5));
        assert_eq!(p.propagation, 0);
        let p = plan(&["--map-users=0:100:10", "--map-users=5,6,7"]).unwrap();
        assert_eq!(p.user_ranges.len(), 2);
        assert_eq!(p.user_ranges[0].inner, 6);
    }
}
