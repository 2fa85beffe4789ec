//! The namespaces nsenter is to enter: for each kind (in [`Ns::ALL`] order, the order it
//! enters them), whether it is wanted and the descriptor to enter it by, once opened.

use std::os::fd::OwnedFd;

use crate::ns::Ns;

/// A namespace to enter: enabled, and opened (from a file, an id, a socket) or not yet.
#[derive(Debug, Default)]
pub struct Slot {
    pub enabled: bool,
    pub fd: Option<OwnedFd>,
}

/// The namespaces, indexed by [`Ns`].
#[derive(Debug, Default)]
pub struct Namespaces {
    slots: [Slot; 8],
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
        self.iter()
            .filter(|(ns, s)| ns.flag() & within != 0 && pick(s))
            .fold(0, |m, (ns, _)| m | ns.flag())
    }

    /// Forgets the namespaces in `mask`: entered, so nothing is left to do for them.
    pub fn disable(&mut self, mask: libc::c_int) {
        for (ns, slot) in self.iter_mut() {
            if ns.flag() & mask != 0 {
                *slot = Slot::default();
            }
        }
    }

    pub fn slot(&self, ns: Ns) -> &Slot {
        &self.slots[ns.index()]
    }

    pub fn slot_mut(&mut self, ns: Ns) -> &mut Slot {
        &mut self.slots[ns.index()]
    }

    /// Each kind with its slot, in [`Ns::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Ns, &Slot)> {
        Ns::ALL.into_iter().zip(&self.slots)
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (Ns, &mut Slot)> {
        Ns::ALL.into_iter().zip(&mut self.slots)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_and_disabling() {
        let mut ns = Namespaces::default();
        ns.slot_mut(Ns::Mount).enabled = true;
        ns.slot_mut(Ns::User).enabled = true;
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
    fn user_namespace_is_entered_first() {
        // See run::enter_namespaces: first in the table, left out of the first pass.
        assert_eq!(Ns::ALL[0], Ns::User);
    }
}
