//! The namespace kinds nsenter can enter, in the order it enters them.

use std::os::fd::OwnedFd;

/// One kind of namespace.
#[derive(Debug)]
pub struct Kind {
    /// `CLONE_NEW*`.
    pub nstype: libc::c_int,
    /// The file under `/proc/PID/` (also used in messages: `reassociate to namespace 'ns/mnt'`).
    pub name: &'static str,
}

/// The entering order matters: the user namespace comes first or last. It is first in this
/// table and left out of the first pass, so it is entered first when entering it grants
/// the privilege the others need (their first-pass setns fails and is retried after it),
/// and last when it drops privilege.
pub const KINDS: [Kind; 8] = [
    Kind {
        nstype: libc::CLONE_NEWUSER,
        name: "ns/user",
    },
    Kind {
        nstype: libc::CLONE_NEWCGROUP,
        name: "ns/cgroup",
    },
    Kind {
        nstype: libc::CLONE_NEWIPC,
        name: "ns/ipc",
    },
    Kind {
        nstype: libc::CLONE_NEWUTS,
        name: "ns/uts",
    },
    Kind {
        nstype: libc::CLONE_NEWNET,
        name: "ns/net",
    },
    Kind {
        nstype: libc::CLONE_NEWPID,
        name: "ns/pid",
    },
    Kind {
        nstype: libc::CLONE_NEWNS,
        name: "ns/mnt",
    },
    Kind {
        nstype: CLONE_NEWTIME,
        name: "ns/time",
    },
];

/// `CLONE_NEWTIME` (not in every libc).
pub const CLONE_NEWTIME: libc::c_int = 0x80;

/// Index of a kind in [`KINDS`].
pub fn index_of(nstype: libc::c_int) -> usize {
    KINDS.iter().position(|k| k.nstype == nstype).unwrap_or(0)
}

/// A namespace to enter: enabled, and opened (from a file, an id, a socket) or not yet.
#[derive(Debug, Default)]
pub struct Slot {
    pub enabled: bool,
    pub fd: Option<OwnedFd>,
}

/// The namespaces, indexed like [`KINDS`].
#[derive(Debug, Default)]
pub struct Namespaces {
    pub slots: [Slot; 8],
}

impl Namespaces {
    /// Mask of the enabled namespaces (restricted to `within`).
    pub fn enabled_mask(&self, within: libc::c_int) -> libc::c_int {
        self.mask(within, |s| s.enabled)
    }

    /// Mask of the enabled namespaces that have no descriptor yet (restricted to `within`).
    pub fn without_fd(&self, within: libc::c_int) -> libc::c_int {
        self.mask(within, |s| s.enabled && s.fd.is_none())
    }

    fn mask(&self, within: libc::c_int, pick: impl Fn(&Slot) -> bool) -> libc::c_int {
        KINDS
            .iter()
            .zip(&self.slots)
            .filter(|(k, s)| k.nstype & within != 0 && pick(s))
            .fold(0, |m, (k, _)| m | k.nstype)
    }

    /// Forgets the namespaces in `mask`: entered, so nothing is left to do for them.
    pub fn disable(&mut self, mask: libc::c_int) {
        for (kind, slot) in KINDS.iter().zip(&mut self.slots) {
            if kind.nstype & mask != 0 {
                *slot = Slot::default();
            }
        }
    }

    pub fn slot(&mut self, nstype: libc::c_int) -> &mut Slot {
        &mut self.slots[index_of(nstype)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_and_disabling() {
        let mut ns = Namespaces::default();
        ns.slot(libc::CLONE_NEWNS).enabled = true;
        ns.slot(libc::CLONE_NEWUSER).enabled = true;
        let all = !0;
        assert_eq!(
            ns.enabled_mask(all),
            libc::CLONE_NEWNS | libc::CLONE_NEWUSER
        );
        assert_eq!(ns.without_fd(!libc::CLONE_NEWUSER), libc::CLONE_NEWNS);
        ns.disable(libc::CLONE_NEWNS);
        assert_eq!(ns.enabled_mask(all), libc::CLONE_NEWUSER);
    }

    #[test]
    fn user_namespace_is_first() {
        assert_eq!(KINDS[0].nstype, libc::CLONE_NEWUSER);
        assert_eq!(index_of(CLONE_NEWTIME), 7);
    }
}
