//! Carrying out the plan, in util-linux's order: descriptors from the target, the
//! namespaces in two passes, root and working directory, environment, cgroup, fork,
//! credentials, exec.

use std::os::fd::OwnedFd;

use super::exec::{self, Credentials};
use super::ns::{Namespaces, Slot};
use super::plan::{Opened, Plan};
use super::{cgroup, context, environ, target};
use crate::msg::{Context, Result};
use crate::sys::{self, SingleThreaded};

/// Carries out the plan with what was opened for it; returns only on failure (the program
/// replaces us).
pub fn enter(single: SingleThreaded, plan: &Plan, mut opened: Opened) -> Result<i32> {
    if plan.follow_context {
        context::follow(plan.target)?;
    }
    target::open_all(plan, &mut opened)?;
    let namespaces = opened.ns.enabled_mask(!0);
    if namespaces == 0 {
        return Err(crate::msg::Error::msg("no namespace specified"));
    }
    let fork = namespaces & libc::CLONE_NEWPID != 0 && !plan.no_fork;
    let creds = credentials(plan, namespaces);

    // Pass one leaves the user namespace out and ignores errors; pass two retries whatever
    // is left, the user namespace included, and fails on errors.
    let pidfd = opened.pidfd.take();
    enter_namespaces(
        &mut opened.ns,
        pidfd.as_ref(),
        namespaces & !libc::CLONE_NEWUSER,
        true,
    )?;
    let remaining = opened.ns.enabled_mask(!0);
    if remaining != 0 {
        enter_namespaces(&mut opened.ns, pidfd.as_ref(), remaining, false)?;
    }
    drop(pidfd);
    opened.nsfs.close();

    change_root_and_cwd(plan, &mut opened)?;
    if let Some(environ) = opened.environ.take() {
        environ::adopt(single, &environ)?;
    }
    // Closed once written, as util-linux does: the nsenter that waits for a forked child
    // holds no descriptor of the cgroup.
    if let Some(procs) = opened.cgroup_procs.take() {
        cgroup::join(&procs)?;
    }
    let creds = follow_owner(creds, plan, opened.owner.take())?;
    if fork {
        exec::continue_as_child(single)?;
    }
    exec::switch_credentials(&creds)?;
    if plan.keep_caps && remaining & libc::CLONE_NEWUSER != 0 {
        crate::launch::permitted_to_ambient(crate::launch::cap_last_cap())?;
    }
    drop(opened);
    // SIGPIPE is left as inherited, as util-linux leaves it: our `main` is C's (src/bin/),
    // so Rust's start-up never set it to ignored.
    Err(crate::launch::exec(&plan.program))
}

/// The ids to switch to. Entering a user namespace forces both (0 by default) unless
/// `--preserve-credentials`, and drops supplementary groups once before entering it.
fn credentials(plan: &Plan, namespaces: libc::c_int) -> Credentials {
    let forced = namespaces & libc::CLONE_NEWUSER != 0 && !plan.preserve_credentials;
    let groups_failed_before = forced && sys::clear_groups().is_err();
    Credentials {
        uid: (plan.uid.force || forced).then_some(plan.uid.value),
        gid: (plan.gid.force || forced).then_some(plan.gid.value),
        groups_failed_before,
    }
}

/// `-S follow`/`-G follow`: the owner of the target's `/proc/PID/`.
fn follow_owner(
    mut creds: Credentials,
    plan: &Plan,
    owner: Option<OwnedFd>,
) -> Result<Credentials> {
    let Some(owner) = owner else {
        return Ok(creds);
    };
    // util-linux never reports this fstat failing; with nothing known, keep the ids.
    if let Ok(st) = sys::fstat(&owner) {
        if plan.uid.follow {
            creds.uid = Some(st.st_uid);
        }
        if plan.gid.follow {
            creds.gid = Some(st.st_gid);
        }
    }
    Ok(creds)
}

/// One pass: the namespaces in `mask` that have no descriptor through the pidfd at once,
/// then each one with a descriptor, in table order. Entered namespaces are forgotten.
fn enter_namespaces(
    ns: &mut Namespaces,
    pidfd: Option<&OwnedFd>,
    mask: libc::c_int,
    ignore_errors: bool,
) -> Result<()> {
    // As in util-linux, an empty mask means every enabled namespace: with only a user
    // namespace to enter, the first pass enters it (and `--keep-caps` then sees nothing
    // left for the second pass).
    let mask = if mask == 0 { !0 } else { mask };
    if let Some(pidfd) = pidfd {
        let without_fd = ns.without_fd(mask);
        if without_fd != 0 {
            match sys::setns(pidfd, without_fd) {
                Ok(()) => ns.disable(without_fd),
                Err(_) if ignore_errors => {}
                Err(e) => {
                    return Err(crate::msg::Error::sys(
                        "reassociate to namespaces failed",
                        e,
                    ))
                }
            }
        }
    }
    for (kind, slot) in ns.iter_mut() {
        let Some(fd) = slot
            .fd
            .as_ref()
            .filter(|_| slot.enabled && kind.flag() & mask != 0)
        else {
            continue;
        };
        match sys::setns(fd, kind.flag()) {
            Ok(()) => *slot = Slot::default(),
            Err(_) if ignore_errors => {}
            Err(e) => {
                let name = kind.info().proc_file;
                return Err(e).or_err(|| format!("reassociate to namespace '{name}' failed"));
            }
        }
    }
    Ok(())
}

/// `-r`, `-w`, `-W`: chroot to the root opened before entering (keeping the working
/// directory unless told otherwise), then change to the working directory.
fn change_root_and_cwd(plan: &Plan, opened: &mut Opened) -> Result<()> {
    let mut wd = opened.wd.take();
    if let Some(root) = opened.root.take() {
        if wd.is_none() && plan.wdns.is_none() {
            wd = Some(
                sys::open(".", libc::O_RDONLY)
                    .or_err(|| "cannot open current working directory")?,
            );
        }
        sys::fchdir(&root).or_err(|| "change directory by root file descriptor failed")?;
        sys::chroot(".").or_err(|| "chroot failed")?;
        sys::chdir("/").or_err(|| "cannot change directory to /")?;
    }
    if let Some(dir) = plan.wdns.as_ref() {
        wd = Some(
            sys::open(dir, libc::O_RDONLY).or_err(|| "cannot open current working directory")?,
        );
    }
    if let Some(wd) = wd {
        sys::fchdir(&wd)
            .or_err(|| "change directory by working directory file descriptor failed")?;
    }
    Ok(())
}
