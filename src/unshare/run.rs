//! Doing what the [`Plan`] says, in util-linux's order of operations: helper children,
//! `unshare(2)`, id maps, time offsets, fork and wait, persistence, then (in the child or
//! the only process) propagation, chroot, mounts, credentials, environment and exec.

use std::os::fd::OwnedFd;

use super::idmap::{self, Chain};
use super::plan::{Plan, BINFMT_MISC, PROPAGATION_DEFAULT, SETGROUPS_DENY};
use crate::msg::{Context, Error, Result};
use crate::ns::Ns;
use crate::sys::{self, Fork, SigSet, SingleThreaded, WaitStatus};

/// The value a helper child waits for before it does its work.
const SYNC_VALUE: u64 = 6;
/// The value that tells a helper child to leave without working (its parent failed).
const CANCEL_VALUE: u64 = 1;
const MOUNT_FLAGS: libc::c_ulong = libc::MS_NOSUID | libc::MS_NOEXEC | libc::MS_NODEV;

/// Runs the plan. Returns only in the forked parent (the child's status) or on error.
pub fn run(single: SingleThreaded, plan: &Plan) -> Result<i32> {
    // An inherited SIG_IGN would make waitpid lose our children's statuses.
    sys::reset_signal(libc::SIGCHLD).ok();
    let maps = merge_maps(plan);
    let bind_helper = spawn_bind_helper(single, plan)?;
    let idmap_helper = spawn_idmap_helper(single, &maps)?;
    // --owner: the new user namespace belongs to whoever calls unshare(2).
    switch_ids(plan.owner_uid, plan.owner_gid)?;
    sys::unshare(plan.flags).or_err(|| "unshare failed")?;
    if let Some(helper) = idmap_helper {
        helper.sync()?;
    }
    if let Some(offset) = plan.boottime {
        set_time_offset(libc::CLOCK_BOOTTIME, offset)?;
    }
    if let Some(offset) = plan.monotonic {
        set_time_offset(libc::CLOCK_MONOTONIC, offset)?;
    }
    let parent_pidfd = if plan.fork {
        match fork_program(single, plan, bind_helper)? {
            Side::Parent(status) => return Ok(status),
            Side::Child(pidfd) => pidfd,
        }
    } else {
        if plan.persist.iter().any(Option::is_some) {
            persist(bind_helper, &plan.persist)?;
        }
        None
    };
    become_program(single, plan, &maps, parent_pidfd)
}

/// The helper that binds namespace files from the original mount and user namespaces,
/// where we keep the right to mount after unshare() takes it from us.
fn spawn_bind_helper(single: SingleThreaded, plan: &Plan) -> Result<Option<Helper>> {
    let persisting = plan.persist.iter().any(Option::is_some);
    if !persisting || plan.flags & (libc::CLONE_NEWNS | libc::CLONE_NEWUSER) == 0 {
        return Ok(None);
    }
    let ppid = sys::getpid();
    Helper::spawn(single, || bind_ns_files(ppid, &plan.persist)).map(Some)
}

/// The helper that writes id ranges into our maps once we have unshared.
fn spawn_idmap_helper(single: SingleThreaded, maps: &IdMaps) -> Result<Option<Helper>> {
    let (users, groups) = (&maps.helper_users, &maps.helper_groups);
    if users.is_empty() && groups.is_empty() {
        return Ok(None);
    }
    let ppid = sys::getpid();
    Helper::spawn(single, || map_ids(single, ppid, users, groups)).map(Some)
}

/// Which side of the program's fork we are on.
enum Side {
    /// The parent, done: the status to exit with.
    Parent(i32),
    /// The child, going on to exec; with `--kill-child`, a pidfd of the parent.
    Child(Option<OwnedFd>),
}

/// `-f`: forks the program's process; the parent binds the namespace files (now that
/// `pid_for_children` has its init), then waits and passes the child's fate on.
fn fork_program(single: SingleThreaded, plan: &Plan, bind_helper: Option<Helper>) -> Result<Side> {
    let persisting = plan.persist.iter().any(Option::is_some);
    let old_mask = setup_parent_signals(plan.forward_signals)?;
    let parent_pidfd = match plan.kill_child {
        Some(_) => Some(sys::pidfd_open(sys::getpid()).or_err(|| "pidfd_open failed")?),
        None => None,
    };
    // With namespace files to bind, the child starts only once the parent has bound them
    // (it closes its end of a pipe), so a failed bind never runs the program.
    let go = if persisting {
        Some(sys::pipe().or_err(|| "pipe failed")?)
    } else {
        None
    };
    match single.fork().or_err(|| "fork failed")? {
        Fork::Child => {
            if plan.forward_signals {
                // The forwarding handlers came with the fork, but this copy of their target
                // is 0: a signal caught before exec would be dropped. Default actions first,
                // while SIGTERM and SIGINT are still blocked, so that one already pending
                // ends the child as it would after exec (which resets caught signals).
                stop_forwarding()?;
            }
            sys::sigprocmask(libc::SIG_SETMASK, &old_mask)
                .or_err(|| "sigprocmask restore failed")?;
            drop(bind_helper);
            if let Some((read_end, write_end)) = go {
                drop(write_end);
                wait_for_parent(read_end);
            }
            Ok(Side::Child(parent_pidfd))
        }
        Fork::Parent(pid) => {
            // Declared after `go`, so on failure the child is killed before the pipe
            // closes and lets it run.
            let child = Reaper { pid };
            if plan.forward_signals {
                forward_to(pid, &old_mask)?;
            }
            if persisting {
                persist(bind_helper, &plan.persist)?;
            }
            drop(go);
            child.wait().map(Side::Parent)
        }
    }
}

/// Binds the namespace files: through the helper, or directly from this process.
fn persist(helper: Option<Helper>, targets: &[Option<Vec<u8>>; 8]) -> Result<()> {
    match helper {
        Some(helper) => helper.sync(),
        None => bind_ns_files(sys::getpid(), targets),
    }
}

/// Who writes which id map: the helper writes whole chains, the process itself only a
/// single mapping (`"<inner> <outer> 1"`).
struct IdMaps {
    helper_users: Chain,
    helper_groups: Chain,
    own_user: Option<u32>,
    own_group: Option<u32>,
}

/// Merges single mappings into the ranges when there are ranges (or `--owner`, which
/// needs the helper to write even a single mapping); a single mapping not merged is the
/// process's own to write.
fn merge_maps(plan: &Plan) -> IdMaps {
    // (the helper's chain, the process's single mapping)
    let merge = |ranges: &Chain, single: Option<u32>, owner: bool, real: u32| {
        if ranges.is_empty() && !(single.is_some() && owner) {
            return (Chain::new(), single);
        }
        let inner = single.unwrap_or(u32::MAX);
        (idmap::add_single_map_range(ranges, real, inner), None)
    };
    let (helper_users, own_user) = merge(
        &plan.user_ranges,
        plan.map_user,
        plan.owner_uid.is_some(),
        plan.real_euid,
    );
    let (helper_groups, own_group) = merge(
        &plan.group_ranges,
        plan.map_group,
        plan.owner_gid.is_some(),
        plan.real_egid,
    );
    IdMaps {
        helper_users,
        helper_groups,
        own_user,
        own_group,
    }
}

/// Writes one clock offset of the new time namespace (before anything enters it).
fn set_time_offset(clock: libc::clockid_t, offset: i64) -> Result<()> {
    const FILE: &str = "/proc/self/timens_offsets";
    let fd = sys::open(FILE, libc::O_WRONLY).or_err(|| format!("failed to open {FILE}"))?;
    let text = format!("{clock} {offset} 0");
    sys::write_once(&fd, text.as_bytes()).or_err(|| format!("failed to write to {FILE}"))
}

/// Blocks SIGINT and SIGTERM in the waiting parent, or forwards them to the child.
/// Returns the mask the child restores. When forwarding, the two are blocked before the
/// handlers are installed and stay blocked until the child's pid is known (see
/// [`forward_to`]), so none arriving meanwhile is lost.
fn setup_parent_signals(forward: bool) -> Result<SigSet> {
    let set = SigSet::of(&[libc::SIGINT, libc::SIGTERM]);
    if forward {
        let old_mask = sys::sigprocmask(libc::SIG_BLOCK, &set).or_err(|| "sigprocmask failed")?;
        sys::relay_signal(libc::SIGTERM).or_err(|| "sigaction SIGTERM failed")?;
        sys::relay_signal(libc::SIGINT).or_err(|| "sigaction SIGINT failed")?;
        Ok(old_mask)
    } else {
        sys::sigprocmask(libc::SIG_BLOCK, &set).or_err(|| "sigprocmask block failed")
    }
}

/// In the forked child: SIGTERM and SIGINT back to their default actions.
fn stop_forwarding() -> Result<()> {
    sys::reset_signal(libc::SIGTERM).or_err(|| "sigaction SIGTERM failed")?;
    sys::reset_signal(libc::SIGINT).or_err(|| "sigaction SIGINT failed")
}

/// In the parent: forward to `child` from now on, delivering what came in meanwhile.
fn forward_to(child: libc::pid_t, old_mask: &SigSet) -> Result<()> {
    sys::set_relay_target(child);
    sys::sigprocmask(libc::SIG_SETMASK, old_mask).or_err(|| "sigprocmask failed")?;
    Ok(())
}

/// In the forked child: waits for the end of file that comes when the parent is done
/// binding (or gone; then the program runs as it would have without the wait).
fn wait_for_parent(go: OwnedFd) {
    let mut byte = [0u8; 1];
    let _ = sys::read(&go, &mut byte);
}

/// The forked program, killed and reaped if the parent fails before waiting for it.
struct Reaper {
    pid: libc::pid_t,
}

impl Reaper {
    /// Waits for the child and passes its fate on: its exit status, or death by the same
    /// signal.
    fn wait(self) -> Result<i32> {
        // Forgotten only once waited for: if waitpid fails, the drop kills and reaps the
        // child, which must not run on while we report failure.
        let status = sys::waitpid(self.pid, 0).or_err(|| "waitpid failed")?;
        std::mem::forget(self);
        match status {
            WaitStatus::Exited(code) => return Ok(code),
            WaitStatus::Signaled(sig) => die_by(sig)?,
            _ => {}
        }
        Err(Error::sys("child exit failed", sys::last_errno()))
    }
}

impl Drop for Reaper {
    fn drop(&mut self) {
        let _ = sys::kill(self.pid, libc::SIGKILL);
        let _ = sys::waitpid(self.pid, 0);
    }
}

/// Sends `sig` to ourselves with its default action. SIGKILL cannot be reset (and needs
/// not be); it kills us all the same.
fn die_by(sig: libc::c_int) -> Result<()> {
    if sig != libc::SIGKILL {
        sys::reset_signal(sig).or_err(|| "signal handler reset failed")?;
    }
    sys::sigprocmask(libc::SIG_UNBLOCK, &SigSet::of(&[sig]))
        .or_err(|| "sigprocmask unblock failed")?;
    let _ = sys::kill(sys::getpid(), sig);
    Ok(())
}

/// Everything after the fork, in the child (or in the only process), ending in exec.
fn become_program(
    single: SingleThreaded,
    plan: &Plan,
    maps: &IdMaps,
    parent_pidfd: Option<OwnedFd>,
) -> Result<i32> {
    if let Some(sig) = plan.kill_child {
        sys::set_pdeathsig(sig).or_err(|| "prctl failed")?;
        if let Some(fd) = parent_pidfd {
            let ready =
                sys::poll_one(&fd, libc::POLLIN, 0).or_err(|| "poll parent pidfd failed")?;
            // Re-parented before the prctl: nobody wants our status any more.
            if ready != 0 {
                return Err(Error::silent(crate::msg::EXIT_FAILURE));
            }
        }
    }
    write_own_maps(plan, maps)?;
    if let Some(word) = plan.setgroups {
        setgroups_control(word)?;
    }
    if plan.flags & libc::CLONE_NEWNS != 0 && plan.propagation != 0 {
        sys::mount(Some(b"none"), b"/", None, plan.propagation, None)
            .or_err(|| "cannot change root filesystem propagation")?;
    }
    change_root(plan)?;
    mount_filesystems(plan)?;
    switch_ids(plan.setuid, plan.setgid)?;
    if plan.keep_caps && plan.flags & libc::CLONE_NEWUSER != 0 {
        crate::launch::permitted_to_ambient(plan.cap_last_cap)?;
    }
    set_environment(single, plan)?;
    Err(crate::launch::exec(&plan.program))
}

/// The single mappings nobody else wrote: `"<inner> <outer> 1"` into our own map files.
fn write_own_maps(plan: &Plan, maps: &IdMaps) -> Result<()> {
    if let Some(uid) = maps.own_user {
        map_id("/proc/self/uid_map", uid, plan.real_euid)?;
    }
    if let Some(gid) = maps.own_group {
        // Unprivileged gid_map writes need setgroups denied first (Linux 3.19).
        if plan.setgroups.is_some_and(|w| w != SETGROUPS_DENY) {
            return Err(Error::msg(
                "options --setgroups=allow and --map-group are mutually exclusive",
            ));
        }
        setgroups_control(SETGROUPS_DENY)?;
        map_id("/proc/self/gid_map", gid, plan.real_egid)?;
    }
    Ok(())
}

fn map_id(file: &str, inner: u32, outer: u32) -> Result<()> {
    let fd = sys::open(file, libc::O_WRONLY).or_err(|| format!("cannot open {file}"))?;
    let line = format!("{inner} {outer} 1");
    sys::write_all(&fd, line.as_bytes()).or_err(|| format!("write failed {file}"))
}

/// Writes `allow` or `deny` to `/proc/self/setgroups` (absent on old kernels: skipped).
fn setgroups_control(word: &[u8]) -> Result<()> {
    const FILE: &str = "/proc/self/setgroups";
    let fd = match sys::open(FILE, libc::O_WRONLY) {
        Err(e) if e.0 == libc::ENOENT => return Ok(()),
        r => r.or_err(|| format!("cannot open {FILE}"))?,
    };
    sys::write_all(&fd, word).or_err(|| format!("write failed {FILE}"))
}

/// `-l` with the `F` flag: the interpreter is opened now, so it must be loaded before the
/// root changes.
fn loads_interp_before_chroot(plan: &Plan) -> bool {
    let fixed = |interp: &[u8]| {
        interp
            .iter()
            .rposition(|&b| b == b':')
            .is_some_and(|i| interp[i..].contains(&b'F'))
    };
    plan.root.is_some() && plan.load_interp.as_deref().is_some_and(fixed)
}

/// `-R` and `-w` (after a chroot the working directory is `/` unless `-w` says otherwise).
fn change_root(plan: &Plan) -> Result<()> {
    if loads_interp_before_chroot(plan) {
        mount_fs(b"binfmt_misc", BINFMT_MISC, b"binfmt_misc")?;
        if let Some(interp) = &plan.load_interp {
            load_interp(BINFMT_MISC, interp)?;
        }
    }
    let mut wd = plan.wd.as_deref();
    if let Some(root) = &plan.root {
        sys::chroot(root).map_err(|e| {
            let text = [b"cannot change root directory to '".as_slice(), root, b"'"];
            Error::sys(text.concat(), e)
        })?;
        wd = wd.or(Some(b"/"));
    }
    if let Some(dir) = wd {
        sys::chdir(dir).map_err(|e| {
            Error::sys([b"cannot change directory to ".as_slice(), dir].concat(), e)
        })?;
    }
    Ok(())
}

/// `--mount-proc`, `--mount-binfmt` and `--load-interp`.
fn mount_filesystems(plan: &Plan) -> Result<()> {
    if let Some(dir) = &plan.mount_proc {
        // The recursive private remount of / already covers an existing /proc otherwise.
        if plan.root.is_none() && plan.propagation != PROPAGATION_DEFAULT {
            let flags = libc::MS_PRIVATE | libc::MS_REC;
            match sys::mount(Some(b"none"), dir, None, flags, None) {
                // Not a mount point (a custom directory): nothing to make private.
                Err(e) if e.0 != libc::EINVAL => {
                    let text = [
                        b"cannot change ".as_slice(),
                        dir,
                        b" filesystem propagation",
                    ];
                    return Err(Error::sys(text.concat(), e));
                }
                _ => {}
            }
        }
        mount_fs(b"proc", dir, b"proc")?;
    }
    if let Some(dir) = &plan.binfmt_mnt {
        mount_fs(b"binfmt_misc", dir, b"binfmt_misc")?;
    }
    if let (Some(interp), Some(dir)) = (&plan.load_interp, &plan.binfmt_mnt) {
        if !loads_interp_before_chroot(plan) {
            load_interp(dir, interp)?;
        }
    }
    Ok(())
}

fn mount_fs(source: &[u8], dir: &[u8], fstype: &[u8]) -> Result<()> {
    sys::mount(Some(source), dir, Some(fstype), MOUNT_FLAGS, None)
        .map_err(|e| Error::sys([b"mount ".as_slice(), dir, b" failed"].concat(), e))
}

/// Registers a binfmt_misc interpreter: `:name:type:offset:magic:mask:interpreter:flags`.
fn load_interp(dir: &[u8], interp: &[u8]) -> Result<()> {
    let with = |what: &[u8], suffix: &[u8]| [what, dir, suffix].concat();
    let dirfd = sys::open(dir, libc::O_PATH | libc::O_DIRECTORY)
        .map_err(|e| Error::sys(with(b"cannot open ", b""), e))?;
    let fd = sys::openat(&dirfd, "register", libc::O_WRONLY)
        .map_err(|e| Error::sys(with(b"cannot open ", b"/register"), e))?;
    sys::write_all(&fd, interp).map_err(|e| Error::sys(with(b"write failed ", b"/register"), e))
}

/// Drops the supplementary groups and switches to `gid` if given, then to `uid` if given:
/// `--owner` before unshare(2), and `-G`/`-S` just before exec.
fn switch_ids(uid: Option<u32>, gid: Option<u32>) -> Result<()> {
    if let Some(gid) = gid {
        sys::clear_groups().or_err(|| "setgroups failed")?;
        sys::setgid(gid).or_err(|| "setgid() failed")?;
    }
    if let Some(uid) = uid {
        sys::setuid(uid).or_err(|| "setuid() failed")?;
    }
    Ok(())
}

/// `--clear-env` and `--whitelist-env`: an empty environment, plus the kept variables.
fn set_environment(single: SingleThreaded, plan: &Plan) -> Result<()> {
    if !plan.clear_env && plan.env_keep.is_empty() {
        return Ok(());
    }
    single.clearenv();
    // Newest first, as util-linux prepends each to its list.
    for (name, value) in plan.env_keep.iter().rev() {
        single
            .setenv(name, value, false)
            .or_err(|| "failed to set whitelisted environment variables")?;
    }
    Ok(())
}

/// Binds `/proc/<pid>/ns/<type>` onto each persistence target. If one fails, the ones
/// already made are undone, so a failure leaves no namespace file behind.
fn bind_ns_files(pid: libc::pid_t, targets: &[Option<Vec<u8>>; 8]) -> Result<()> {
    let mut done: Vec<&[u8]> = Vec::new();
    for (ns, target) in Ns::ALL.iter().zip(targets) {
        let Some(target) = target.as_deref() else {
            continue;
        };
        let source = format!("/proc/{pid}/{}", ns.info().for_children);
        if let Err(e) = sys::mount(Some(source.as_bytes()), target, None, libc::MS_BIND, None) {
            for made in done.iter().rev() {
                let _ = sys::umount2(made, libc::MNT_DETACH);
            }
            let text = [b"mount ", source.as_bytes(), b" on ", target, b" failed"];
            return Err(Error::sys(text.concat(), e));
        }
        done.push(target);
    }
    Ok(())
}

/// The id-map helper's work, for its parent `ppid` (which has called unshare() by now):
/// root writes the map files itself; others need the setuid `newuidmap`/`newgidmap`.
fn map_ids(single: SingleThreaded, ppid: libc::pid_t, users: &Chain, groups: &Chain) -> Result<()> {
    if sys::geteuid() == 0 {
        if !users.is_empty() {
            write_map(ppid, "uid_map", users)?;
        }
        if !groups.is_empty() {
            write_map(ppid, "gid_map", groups)?;
        }
        return Ok(());
    }
    let mut forked_for_users = false;
    if !users.is_empty() && !groups.is_empty() {
        match single.fork().or_err(|| "fork failed")? {
            Fork::Child => return Err(exec_idmapper(b"newuidmap", ppid, users)),
            Fork::Parent(pid) => wait_helper(pid)?,
        }
        forked_for_users = true;
    }
    if !users.is_empty() && !forked_for_users {
        return Err(exec_idmapper(b"newuidmap", ppid, users));
    }
    if !groups.is_empty() {
        return Err(exec_idmapper(b"newgidmap", ppid, groups));
    }
    Ok(())
}

/// Writes a whole map in one go, as the kernel wants it (at most a page).
fn write_map(ppid: libc::pid_t, file: &str, chain: &Chain) -> Result<()> {
    let path = format!("/proc/{ppid}/{file}");
    let text = idmap::map_text(chain);
    if text.len() > 4096 {
        return Err(Error::msg(format!("{path} too large for kernel 4k limit")));
    }
    let fd = sys::open(&path, libc::O_WRONLY | libc::O_NOCTTY)
        .or_err(|| format!("failed to open {path}"))?;
    sys::write_all(&fd, &text).or_err(|| format!("failed to write {path}"))
}

/// `newuidmap PID inner outer count...`; returns only on failure.
fn exec_idmapper(tool: &[u8], ppid: libc::pid_t, chain: &Chain) -> Error {
    let mut argv = vec![tool.to_vec(), ppid.to_string().into_bytes()];
    for r in chain {
        for n in [r.inner, r.outer, r.count] {
            argv.push(n.to_string().into_bytes());
        }
    }
    match sys::CArgv::new(&argv) {
        Ok(cargv) => Error::exec(tool, sys::execvp(tool, &cargv)),
        Err(e) => Error::exec(tool, e),
    }
}

/// Waits for a helper: a failed helper (it has said why) makes us fail with its status.
/// A failed waitpid is made once more before we give up: the helper is at work, and if we
/// failed while it went on binding namespace files, its binds would outlive our failure.
fn wait_helper(pid: libc::pid_t) -> Result<()> {
    let status = sys::waitpid(pid, 0).or_else(|_| sys::waitpid(pid, 0));
    match status.or_err(|| "waitpid failed")? {
        WaitStatus::Exited(code) if code != 0 => Err(Error::silent(code)),
        _ => Ok(()),
    }
}

/// A helper child: forked early, it waits until its parent says go (an eventfd), does one
/// job and exits. It cannot outlive the parent while waiting (PR_SET_PDEATHSIG), and a
/// parent that fails before saying go tells it to leave and reaps it (a message rather
/// than a kill: after `--owner` the parent may no longer be allowed to signal it).
struct Helper {
    pid: libc::pid_t,
    fd: Option<OwnedFd>,
    /// The process that forked it: only that one may kill it (forks inherit this value).
    owner: libc::pid_t,
}

impl Helper {
    fn spawn(single: SingleThreaded, work: impl FnOnce() -> Result<()>) -> Result<Helper> {
        let fd = sys::eventfd().or_err(|| "eventfd failed")?;
        let owner = sys::getpid();
        match single.fork().or_err(|| "fork failed")? {
            Fork::Parent(pid) => Ok(Helper {
                pid,
                fd: Some(fd),
                owner,
            }),
            Fork::Child => {
                let code = match helper_child(owner, fd, work) {
                    Ok(()) => 0,
                    Err(e) => e.report(),
                };
                sys::exit_now(crate::msg::exit_status(code))
            }
        }
    }

    /// Tells the helper to go and waits for it.
    fn sync(mut self) -> Result<()> {
        if let Some(fd) = self.fd.take() {
            if let Err(e) = sys::write_all(&fd, &SYNC_VALUE.to_ne_bytes()) {
                // Never told to go, the helper would wait forever: the drop tells it to
                // leave (or kills it) instead of waiting for it.
                self.fd = Some(fd);
                return Err(Error::sys("failed to write eventfd", e));
            }
        }
        let pid = std::mem::replace(&mut self.pid, 0);
        wait_helper(pid)
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        if self.pid > 0 && sys::getpid() == self.owner {
            let told = self
                .fd
                .take()
                .is_some_and(|fd| sys::write_all(&fd, &CANCEL_VALUE.to_ne_bytes()).is_ok());
            let killed = sys::kill(self.pid, libc::SIGKILL).is_ok();
            // Reached neither way, it would never end while we wait: it dies with us
            // (PR_SET_PDEATHSIG) instead.
            if told || killed {
                let _ = sys::waitpid(self.pid, 0);
            }
        }
    }
}

/// The helper's side: die with the parent, wait for the go, work.
fn helper_child(owner: libc::pid_t, fd: OwnedFd, work: impl FnOnce() -> Result<()>) -> Result<()> {
    let _ = sys::set_pdeathsig(libc::SIGKILL);
    if sys::getppid() != owner {
        // The parent died before the prctl took effect.
        return Err(Error::silent(crate::msg::EXIT_FAILURE));
    }
    let mut buf = [0u8; 8];
    match sys::read(&fd, &mut buf) {
        Ok(8) if u64::from_ne_bytes(buf) == SYNC_VALUE => {}
        Ok(8) if u64::from_ne_bytes(buf) == CANCEL_VALUE => {
            return Err(Error::silent(crate::msg::EXIT_FAILURE))
        }
        Ok(_) => return Err(Error::sys("failed to read eventfd", sys::Errno(0))),
        Err(e) => return Err(Error::sys("failed to read eventfd", e)),
    }
    drop(fd);
    work()
}
