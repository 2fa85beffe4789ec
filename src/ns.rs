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

/// Indexed by [`Ns`].
const TABLE: [NsInfo; 8] = [
    NsInfo {
        flag: libc::CLONE_NEWUSER,
        proc_file: "ns/user",
        for_children: "ns/user",
        option: "user",
    },
    NsInfo {
        flag: libc::CLONE_NEWCGROUP,
        proc_file: "ns/cgroup",
        for_children: "ns/cgroup",
        option: "cgroup",
    },
    NsInfo {
        flag: libc::CLONE_NEWIPC,
        proc_file: "ns/ipc",
        for_children: "ns/ipc",
        option: "ipc",
    },
    NsInfo {
        flag: libc::CLONE_NEWUTS,
        proc_file: "ns/uts",
        for_children: "ns/uts",
        option: "uts",
    },
    NsInfo {
        flag: libc::CLONE_NEWNET,
        proc_file: "ns/net",
        for_children: "ns/net",
        option: "net",
    },
    NsInfo {
        flag: libc::CLONE_NEWPID,
        proc_file: "ns/pid",
        for_children: "ns/pid_for_children",
        option: "pid",
    },
    NsInfo {
        flag: libc::CLONE_NEWNS,
        proc_file: "ns/mnt",
        for_children: "ns/mnt",
        option: "mount",
    },
    NsInfo {
        flag: libc::CLONE_NEWTIME,
        proc_file: "ns/time",
        for_children: "ns/time_for_children",
        option: "time",
    },
];

/// Every `CLONE_NEW*` flag of the table, or'ed together.
pub const ALL_FLAGS: libc::c_int = {
    let (mut all, mut i) = (0, 0);
    while i < TABLE.len() {
        all |= TABLE[i].flag;
        i += 1;
    }
    all
};

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
        assert_eq!(flags, ALL_FLAGS);
        assert_eq!(Ns::by_option("fork"), None);
    }
}
