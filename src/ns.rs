//! The eight kinds of namespace, in one table both tools read: the `CLONE_NEW*` flag, the
//! file under `/proc/PID/`, the file a new process's namespace shows in before it has one
//! (`pid_for_children`), and the option that names the kind.

/// A kind of namespace. The order is util-linux's: unshare binds persistent namespace files
/// in it, and nsenter enters in it (the user namespace first, see `nsenter::run`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ns {
    User,
    Cgroup,
    Ipc,
    Uts,
    Net,
    Pid,
    Mount,
    Time,
}

/// What is known of one kind.
#[derive(Debug)]
pub struct NsInfo {
    /// `CLONE_NEW*`, for `unshare(2)` and `setns(2)`.
    pub flag: libc::c_int,
    /// The file under `/proc/PID/` (also in nsenter's messages: `namespace 'ns/mnt'`).
    pub proc_file: &'static str,
    /// The file under `/proc/PID/` for the namespace the process's children get: for the
    /// PID and time namespaces, which the unsharing process itself never enters.
    pub for_children: &'static str,
    /// The long option of both tools that names this kind (`--mount`).
    pub option: &'static str,
}

const fn info(
    flag: libc::c_int,
    proc_file: &'static str,
    for_children: &'static str,
    option: &'static str,
) -> NsInfo {
    NsInfo {
        flag,
        proc_file,
        for_children,
        option,
    }
}

/// Indexed by [`Ns`].
const TABLE: [NsInfo; 8] = [
    info(libc::CLONE_NEWUSER, "ns/user", "ns/user", "user"),
    info(libc::CLONE_NEWCGROUP, "ns/cgroup", "ns/cgroup", "cgroup"),
    info(libc::CLONE_NEWIPC, "ns/ipc", "ns/ipc", "ipc"),
    info(libc::CLONE_NEWUTS, "ns/uts", "ns/uts", "uts"),
    info(libc::CLONE_NEWNET, "ns/net", "ns/net", "net"),
    info(libc::CLONE_NEWPID, "ns/pid", "ns/pid_for_children", "pid"),
    info(libc::CLONE_NEWNS, "ns/mnt", "ns/mnt", "mount"),
    info(
        libc::CLONE_NEWTIME,
        "ns/time",
        "ns/time_for_children",
        "time",
    ),
];

impl Ns {
    /// Every kind, in util-linux's order.
    pub const ALL: [Ns; 8] = [
        Ns::User,
        Ns::Cgroup,
        Ns::Ipc,
        Ns::Uts,
        Ns::Net,
        Ns::Pid,
        Ns::Mount,
        Ns::Time,
    ];

    pub fn info(self) -> &'static NsInfo {
        &TABLE[self.index()]
    }

    /// The position in [`Ns::ALL`], for tables of one entry per kind.
    pub fn index(self) -> usize {
        self as usize
    }

    /// `CLONE_NEW*`.
    pub fn flag(self) -> libc::c_int {
        self.info().flag
    }

    /// The kind the long option `long` names, if it names one.
    pub fn by_option(long: &str) -> Option<Ns> {
        Ns::ALL.into_iter().find(|ns| ns.info().option == long)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_follows_the_enum() {
        for (i, ns) in Ns::ALL.into_iter().enumerate() {
            assert_eq!(ns.index(), i);
            assert_eq!(Ns::by_option(ns.info().option), Some(ns));
            assert!(ns.info().for_children.starts_with(ns.info().proc_file));
        }
        let flags = Ns::ALL.iter().fold(0, |all, ns| {
            assert_eq!(all & ns.flag(), 0, "{ns:?}");
            all | ns.flag()
        });
        assert_eq!(flags.count_ones(), 8);
        assert_eq!(Ns::by_option("fork"), None);
    }
}
