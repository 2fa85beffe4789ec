//! unshare's option table: parser, `--help`, man page and completion all come from it.

use crate::cli::{ArgKind, Layout, Opt, Tool, Value};

crate::cli::table::option_ids! {
    /// What each option is, independent of how it is spelled.
    pub enum Id {
        Mount,
        Uts,
        Ipc,
        Net,
        Pid,
        User,
        Cgroup,
        Time,
        MountProc,
        MountBinfmt,
        LoadInterp,
        Propagation,
        Root,
        Wd,
        Setuid,
        Setgid,
        MapUser,
        MapGroup,
        MapRootUser,
        MapCurrentUser,
        MapAuto,
        MapSubids,
        MapUsers,
        MapGroups,
        Owner,
        Fork,
        KillChild,
        ForwardSignals,
        Setgroups,
        KeepCaps,
        Monotonic,
        Boottime,
        ClearEnv,
        WhitelistEnv,
        Help,
        Version,
    }
}

use ArgKind::{Optional, Required};

/// What the rows below leave out (see [`Opt::defaults`]).
const ROW: Opt<Id> = Opt::defaults(Id::Help);

const PROPAGATION: &[&str] = &["slave", "shared", "private", "unchanged"];
const SETGROUPS: &[&str] = &["allow", "deny"];
/// The words `--map-users` and `--map-groups` take instead of a mapping.
const SUBID_RANGES: &[&str] = &["auto", "subids", "all"];

/// In `--help` order; `getopt_rank` is the position in util-linux's `longopts[]`.
pub static OPTIONS: &[Opt<Id>] = &[
    Opt {
        id: Id::Mount,
        short: Some(b'm'),
        long: "mount",
        arg: Optional,
        metavar: "<file>",
        value: Value::File,
        help: "unshare mounts namespace",
        group_start: true,
        getopt_rank: 2,
        ..ROW
    },
    Opt {
        id: Id::Uts,
        short: Some(b'u'),
        long: "uts",
        arg: Optional,
        metavar: "<file>",
        value: Value::File,
        help: "unshare UTS namespace (hostname etc)",
        getopt_rank: 3,
        ..ROW
    },
    Opt {
        id: Id::Ipc,
        short: Some(b'i'),
        long: "ipc",
        arg: Optional,
        metavar: "<file>",
        value: Value::File,
        help: "unshare System V IPC namespace",
        getopt_rank: 4,
        ..ROW
    },
    Opt {
        id: Id::Net,
        short: Some(b'n'),
        long: "net",
        arg: Optional,
        metavar: "<file>",
        value: Value::File,
        help: "unshare network namespace",
        getopt_rank: 5,
        ..ROW
    },
    Opt {
        id: Id::Pid,
        short: Some(b'p'),
        long: "pid",
        arg: Optional,
        metavar: "<file>",
        value: Value::File,
        help: "unshare pid namespace",
        getopt_rank: 6,
        ..ROW
    },
    Opt {
        id: Id::User,
        short: Some(b'U'),
        long: "user",
        arg: Optional,
        metavar: "<file>",
        value: Value::File,
        help: "unshare user namespace",
        getopt_rank: 7,
        ..ROW
    },
    Opt {
        id: Id::Cgroup,
        short: Some(b'C'),
        long: "cgroup",
        arg: Optional,
        metavar: "<file>",
        value: Value::File,
        help: "unshare cgroup namespace",
        getopt_rank: 8,
        ..ROW
    },
    Opt {
        id: Id::Time,
        short: Some(b'T'),
        long: "time",
        arg: Optional,
        metavar: "<file>",
        value: Value::File,
        help: "unshare time namespace",
        getopt_rank: 9,
        ..ROW
    },
    Opt {
        id: Id::MountProc,
        long: "mount-proc",
        arg: Optional,
        metavar: "<dir>",
        value: Value::Dir,
        help: "mount proc filesystem first (implies --mount)",
        group_start: true,
        getopt_rank: 13,
        ..ROW
    },
    Opt {
        id: Id::MountBinfmt,
        long: "mount-binfmt",
        arg: Optional,
        metavar: "<dir>",
        value: Value::Dir,
        help: "mount binfmt filesystem first (implies --user and --mount)",
        getopt_rank: 14,
        ..ROW
    },
    Opt {
        id: Id::LoadInterp,
        short: Some(b'l'),
        long: "load-interp",
        arg: Required,
        metavar: "<file>",
        value: Value::Text,
        help: "load binfmt definition in the namespace (implies --mount-binfmt)",
        getopt_rank: 33,
        ..ROW
    },
    Opt {
        id: Id::Propagation,
        long: "propagation",
        arg: Required,
        metavar: "slave|shared|private|unchanged",
        value: Value::Words(PROPAGATION),
        help: "modify mount propagation in mount namespace",
        getopt_rank: 24,
        ..ROW
    },
    Opt {
        id: Id::Root,
        short: Some(b'R'),
        long: "root",
        arg: Required,
        metavar: "<dir>",
        value: Value::Dir,
        help: "run the command with root directory set to <dir>",
        getopt_rank: 29,
        ..ROW
    },
    Opt {
        id: Id::Wd,
        short: Some(b'w'),
        long: "wd",
        arg: Required,
        metavar: "<dir>",
        value: Value::Dir,
        help: "change working directory to <dir>",
        getopt_rank: 30,
        ..ROW
    },
    Opt {
        id: Id::Setuid,
        short: Some(b'S'),
        long: "setuid",
        arg: Required,
        metavar: "<uid>",
        value: Value::Uid,
        help: "set uid in entered namespace",
        group_start: true,
        getopt_rank: 27,
        ..ROW
    },
    Opt {
        id: Id::Setgid,
        short: Some(b'G'),
        long: "setgid",
        arg: Required,
        metavar: "<gid>",
        value: Value::Gid,
        help: "set gid in entered namespace",
        getopt_rank: 28,
        ..ROW
    },
    Opt {
        id: Id::MapUser,
        long: "map-user",
        arg: Required,
        metavar: "<uid>|<name>",
        value: Value::User,
        help: "map current user to uid (implies --user)",
        getopt_rank: 15,
        ..ROW
    },
    Opt {
        id: Id::MapGroup,
        long: "map-group",
        arg: Required,
        metavar: "<gid>|<name>",
        value: Value::Group,
        help: "map current group to gid (implies --user)",
        getopt_rank: 17,
        ..ROW
    },
    Opt {
        id: Id::MapRootUser,
        short: Some(b'r'),
        long: "map-root-user",
        help: "map current user to root (implies --user)",
        getopt_rank: 19,
        ..ROW
    },
    Opt {
        id: Id::MapCurrentUser,
        short: Some(b'c'),
        long: "map-current-user",
        help: "map current user to itself (implies --user)",
        getopt_rank: 20,
        ..ROW
    },
    Opt {
        id: Id::MapAuto,
        long: "map-auto",
        help: "map users and groups automatically (implies --user)",
        getopt_rank: 21,
        ..ROW
    },
    Opt {
        id: Id::MapSubids,
        long: "map-subids",
        help: "map the first block of user IDs owned by euid (implies --user)",
        getopt_rank: 22,
        ..ROW
    },
    Opt {
        id: Id::MapUsers,
        long: "map-users",
        arg: Required,
        metavar: "<inneruid>:<outeruid>:<count>",
        value: Value::TextOr(SUBID_RANGES),
        help: "map count users from outeruid to inneruid (implies --user)",
        getopt_rank: 16,
        ..ROW
    },
    Opt {
        id: Id::MapGroups,
        long: "map-groups",
        arg: Required,
        metavar: "<innergid>:<outergid>:<count>",
        value: Value::TextOr(SUBID_RANGES),
        help: "map count groups from outergid to innergid (implies --user)",
        getopt_rank: 18,
        ..ROW
    },
    Opt {
        id: Id::Owner,
        long: "owner",
        arg: Required,
        metavar: "<uid>:<gid>",
        value: Value::Text,
        help: "set the user namespace owner (implies --user)",
        getopt_rank: 23,
        ..ROW
    },
    Opt {
        id: Id::Fork,
        short: Some(b'f'),
        long: "fork",
        help: "fork before launching <program>",
        group_start: true,
        getopt_rank: 10,
        ..ROW
    },
    Opt {
        id: Id::KillChild,
        long: "kill-child",
        arg: Optional,
        metavar: "<signame>",
        value: Value::Signal,
        help: "when dying, kill the forked child (implies --fork)\n  defaults to SIGKILL",
        getopt_rank: 11,
        ..ROW
    },
    Opt {
        id: Id::ForwardSignals,
        long: "forward-signals",
        help: "forward SIGTERM and SIGINT to child (implies --fork)",
        getopt_rank: 12,
        ..ROW
    },
    Opt {
        id: Id::Setgroups,
        long: "setgroups",
        arg: Required,
        metavar: "allow|deny",
        value: Value::Words(SETGROUPS),
        help: "control the setgroups syscall in user namespaces",
        group_start: true,
        getopt_rank: 25,
        ..ROW
    },
    Opt {
        id: Id::KeepCaps,
        long: "keep-caps",
        help: "retain capabilities granted in user namespaces",
        getopt_rank: 26,
        ..ROW
    },
    Opt {
        id: Id::Monotonic,
        long: "monotonic",
        arg: Required,
        metavar: "<offset>",
        value: Value::Text,
        help: "set clock monotonic offset (seconds) in time namespaces",
        group_start: true,
        getopt_rank: 31,
        ..ROW
    },
    Opt {
        id: Id::Boottime,
        long: "boottime",
        arg: Required,
        metavar: "<offset>",
        value: Value::Text,
        help: "set clock boottime offset (seconds) in time namespaces",
        getopt_rank: 32,
        ..ROW
    },
    Opt {
        id: Id::ClearEnv,
        long: "clear-env",
        help: "do not inherit environment variables from the calling process",
        getopt_rank: 34,
        ..ROW
    },
    Opt {
        id: Id::WhitelistEnv,
        long: "whitelist-env",
        arg: Required,
        metavar: "<list>",
        value: Value::Text,
        help: "clear environment except for specified variables",
        getopt_rank: 35,
        ..ROW
    },
    Opt {
        id: Id::Help,
        short: Some(b'h'),
        long: "help",
        help: "display this help",
        group_start: true,
        getopt_rank: 0,
        ..ROW
    },
    Opt {
        id: Id::Version,
        short: Some(b'V'),
        long: "version",
        help: "display version",
        getopt_rank: 1,
        ..ROW
    },
];

pub static TOOL: Tool<Id> = Tool {
    name: "unshare",
    summary: "Run a program with some namespaces unshared from the parent.",
    options: OPTIONS,
    short_optional_args: false,
    layout: Layout {
        width: 27,
        indent_long_only: false,
        wrap_wide: true,
    },
};

#[cfg(test)]
mod tests {
    #[test]
    fn table_is_consistent() {
        crate::cli::table::check_table(&super::TOOL, super::Id::ALL);
    }
}
