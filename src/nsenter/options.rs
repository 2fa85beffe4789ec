//! nsenter's option table: parser, `--help`, man page and completion all come from it.

use crate::cli::{ArgKind, Layout, Opt, Tool, Value};

crate::cli::table::option_ids! {
    /// What each option is, independent of how it is spelled.
    pub enum Id {
        All,
        Target,
        Mount,
        Uts,
        Ipc,
        Net,
        NetSocket,
        Pid,
        Cgroup,
        User,
        UserParent,
        Time,
        Setuid,
        Setgid,
        PreserveCredentials,
        KeepCaps,
        Root,
        Wd,
        Wdns,
        Env,
        NoFork,
        JoinCgroup,
        FollowContext,
        Help,
        Version,
    }
}

use ArgKind::{Optional, Required};

/// What the rows below leave out (see [`Opt::defaults`]).
const ROW: Opt<Id> = Opt::defaults(Id::Help);

const NS_META: &str = "<file>|=:<nsid>";

/// In `--help` order; `getopt_rank` is the position in util-linux's `longopts[]`.
pub static OPTIONS: &[Opt<Id>] = &[
    Opt {
        id: Id::All,
        short: Some(b'a'),
        long: "all",
        help: "enter all namespaces",
        group_start: true,
        getopt_rank: 0,
        ..ROW
    },
    Opt {
        id: Id::Target,
        short: Some(b't'),
        long: "target",
        arg: Required,
        metavar: "<PID>",
        value: Value::Pid,
        help: "target process to get namespaces from",
        getopt_rank: 3,
        ..ROW
    },
    Opt {
        id: Id::Mount,
        short: Some(b'm'),
        long: "mount",
        arg: Optional,
        metavar: NS_META,
        value: Value::File,
        help: "enter mount namespace",
        getopt_rank: 4,
        ..ROW
    },
    Opt {
        id: Id::Uts,
        short: Some(b'u'),
        long: "uts",
        arg: Optional,
        metavar: NS_META,
        value: Value::File,
        help: "enter UTS namespace (hostname etc)",
        getopt_rank: 5,
        ..ROW
    },
    Opt {
        id: Id::Ipc,
        short: Some(b'i'),
        long: "ipc",
        arg: Optional,
        metavar: NS_META,
        value: Value::File,
        help: "enter System V IPC namespace",
        getopt_rank: 6,
        ..ROW
    },
    Opt {
        id: Id::Net,
        short: Some(b'n'),
        long: "net",
        arg: Optional,
        metavar: NS_META,
        value: Value::File,
        help: "enter network namespace",
        getopt_rank: 7,
        ..ROW
    },
    Opt {
        id: Id::NetSocket,
        short: Some(b'N'),
        long: "net-socket",
        arg: Required,
        metavar: "<fd>",
        value: Value::Text,
        help: "enter socket's network namespace (needs --target)",
        getopt_rank: 8,
        ..ROW
    },
    Opt {
        id: Id::Pid,
        short: Some(b'p'),
        long: "pid",
        arg: Optional,
        metavar: NS_META,
        value: Value::File,
        help: "enter pid namespace",
        getopt_rank: 9,
        ..ROW
    },
    Opt {
        id: Id::Cgroup,
        short: Some(b'C'),
        long: "cgroup",
        arg: Optional,
        metavar: NS_META,
        value: Value::File,
        help: "enter cgroup namespace",
        getopt_rank: 11,
        ..ROW
    },
    Opt {
        id: Id::User,
        short: Some(b'U'),
        long: "user",
        arg: Optional,
        metavar: NS_META,
        value: Value::File,
        help: "enter user namespace",
        getopt_rank: 10,
        ..ROW
    },
    Opt {
        id: Id::UserParent,
        long: "user-parent",
        help: "enter parent user namespace",
        getopt_rank: 23,
        ..ROW
    },
    Opt {
        id: Id::Time,
        short: Some(b'T'),
        long: "time",
        arg: Optional,
        metavar: NS_META,
        value: Value::File,
        help: "enter time namespace",
        getopt_rank: 12,
        ..ROW
    },
    Opt {
        id: Id::Setuid,
        short: Some(b'S'),
        long: "setuid",
        arg: Required,
        metavar: "<uid>",
        help_arg: Some("[=<uid>]"),
        value: Value::UidOr(&["follow"]),
        help: "set uid in entered namespace",
        getopt_rank: 13,
        ..ROW
    },
    Opt {
        id: Id::Setgid,
        short: Some(b'G'),
        long: "setgid",
        arg: Required,
        metavar: "<gid>",
        help_arg: Some("[=<gid>]"),
        value: Value::GidOr(&["follow"]),
        help: "set gid in entered namespace",
        getopt_rank: 14,
        ..ROW
    },
    Opt {
        id: Id::PreserveCredentials,
        long: "preserve-credentials",
        help: "do not touch uids or gids",
        getopt_rank: 21,
        ..ROW
    },
    Opt {
        id: Id::KeepCaps,
        long: "keep-caps",
        help: "retain capabilities granted in user namespaces",
        getopt_rank: 22,
        ..ROW
    },
    Opt {
        id: Id::Root,
        short: Some(b'r'),
        long: "root",
        arg: Optional,
        metavar: "<dir>",
        value: Value::Dir,
        help: "set the root directory",
        getopt_rank: 15,
        ..ROW
    },
    Opt {
        id: Id::Wd,
        short: Some(b'w'),
        long: "wd",
        arg: Optional,
        metavar: "<dir>",
        value: Value::Dir,
        help: "set the working directory",
        getopt_rank: 16,
        ..ROW
    },
    Opt {
        id: Id::Wdns,
        short: Some(b'W'),
        long: "wdns",
        arg: Optional,
        metavar: "<dir>",
        help_arg: Some(" <dir>"),
        value: Value::Dir,
        help: "set the working directory in namespace",
        getopt_rank: 17,
        ..ROW
    },
    Opt {
        id: Id::Env,
        short: Some(b'e'),
        long: "env",
        help: "inherit environment variables from target process",
        getopt_rank: 18,
        ..ROW
    },
    Opt {
        id: Id::NoFork,
        short: Some(b'F'),
        long: "no-fork",
        help: "do not fork before exec'ing <program>",
        getopt_rank: 19,
        ..ROW
    },
    Opt {
        id: Id::JoinCgroup,
        short: Some(b'c'),
        long: "join-cgroup",
        help: "join the cgroup of the target process",
        getopt_rank: 20,
        ..ROW
    },
    Opt {
        id: Id::FollowContext,
        short: Some(b'Z'),
        long: "follow-context",
        help: "set SELinux context according to --target PID",
        getopt_rank: 24,
        ..ROW
    },
    Opt {
        id: Id::Help,
        short: Some(b'h'),
        long: "help",
        help: "display this help",
        group_start: true,
        getopt_rank: 1,
        ..ROW
    },
    Opt {
        id: Id::Version,
        short: Some(b'V'),
        long: "version",
        help: "display version",
        getopt_rank: 2,
        ..ROW
    },
];

pub static TOOL: Tool<Id> = Tool {
    name: "nsenter",
    summary: "Run a program with namespaces of other processes.",
    options: OPTIONS,
    short_optional_args: true,
    layout: Layout {
        width: 31,
        indent_long_only: true,
        wrap_wide: false,
    },
};

#[cfg(test)]
mod tests {
    #[test]
    fn table_is_consistent() {
        crate::cli::table::check_table(&super::TOOL, super::Id::ALL);
    }
}
