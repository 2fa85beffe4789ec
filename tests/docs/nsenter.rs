//! The prose of nsenter(1); the OPTIONS section comes from `src/nsenter/options.rs`.

use super::Block::{Example, Item, Para};
use super::{Prose, EXAMPLES_INTRO};
use nsutils::nsenter::options::Id;

pub static PROSE: Prose = Prose {
    purpose: "run program in different namespaces",
    description: &[
        Para(
            "*nsenter* enters the namespaces that the options name, those of another process \
              (*--target*) or ones kept in files, and runs _program_ in them with the given \
              _arguments_. Without a _program_, it runs a shell (see ENVIRONMENT). At least \
              one namespace must be named.",
        ),
        Para(
            "To create namespaces, use *unshare*(1); *nsenter* joins existing ones, such as \
              those of a container, of a service, or those that *unshare* or *ip-netns*(8) \
              keep in files. These are the kinds of namespace it can enter:",
        ),
        Item(
            "*mount namespace* (*--mount*)",
            "The program sees the mounts of that namespace: its root directory and the file \
              systems mounted in it. See *mount_namespaces*(7).",
        ),
        Item(
            "*UTS namespace* (*--uts*)",
            "The program sees the host name and NIS domain name of that namespace. See \
              *uts_namespaces*(7).",
        ),
        Item(
            "*IPC namespace* (*--ipc*)",
            "The program shares System V IPC objects and POSIX message queues with the \
              processes of that namespace. See *ipc_namespaces*(7).",
        ),
        Item(
            "*network namespace* (*--net*, *--net-socket*)",
            "The program uses the network devices, addresses, routes, firewall rules and \
              port numbers of that namespace. See *network_namespaces*(7).",
        ),
        Item(
            "*PID namespace* (*--pid*)",
            "Processes the program starts get PIDs in that namespace and see its processes. \
              Since a process cannot move into a PID namespace itself, *nsenter* forks and \
              runs the program as its child there, unless *--no-fork* is given. See \
              *pid_namespaces*(7).",
        ),
        Item(
            "*cgroup namespace* (*--cgroup*)",
            "The program sees cgroup paths relative to the cgroup root of that namespace. \
              See *cgroup_namespaces*(7).",
        ),
        Item(
            "*user namespace* (*--user*, *--user-parent*)",
            "The program gets the user IDs, group IDs and capabilities that apply in that \
              namespace; by default it runs as root there. See *user_namespaces*(7).",
        ),
        Item(
            "*time namespace* (*--time*)",
            "The program sees *CLOCK_MONOTONIC* and *CLOCK_BOOTTIME* with the offsets of \
              that namespace. See *time_namespaces*(7).",
        ),
    ],
    options_intro: &[
        Para(
            "The namespace options take an optional argument, which must be attached: \
              *--mount=*_file_ or *-m*_file_ (a separate word would be taken as the program). \
              One leading *=* is dropped, so *-m=*_file_ works too. Without an argument, the \
              namespace of the *--target* process is entered.",
        ),
        Para(
            "A _file_ is a namespace file of a process, /proc/_pid_/ns/_type_, or a bind \
              mount of one, as *unshare*(1) and *ip-netns*(8) make to keep a namespace. It is \
              opened while the options are read, so a relative name is relative to the \
              current directory. The form *:*_nsid_ names a namespace by its ID instead \
              (Linux 6.19 and later); a file whose name begins with a colon has to be written \
              as ./:_name_.",
        ),
        Para(
            "Long options can be shortened to any prefix that is not ambiguous. Options end \
              at the first argument that is not one, or at *--*.",
        ),
    ],
    exit_status: &[
        Para(
            "Without a fork, *nsenter* becomes the program, so the exit status is the \
              program's own. When it forks (on entering a PID namespace), it exits with the \
              status of the child; if the child is killed by a signal, *nsenter* kills itself \
              with the same signal, so that a shell sees 128 plus the signal number. When the \
              child is stopped, *nsenter* stops too, and resumes the child when it is \
              continued itself.",
        ),
        Para(
            "When *nsenter* fails before running the program, it prints a message and exits \
              with status 1; with 126 when the program was found but could not be run, and \
              with 127 when it was not found. *--help* and *--version* exit with 0.",
        ),
    ],
    environment: &[Item(
        "*SHELL*",
        "The shell to run when no _program_ is given, looked up after the namespaces are \
         entered. When it is unset or empty, the login shell of the user in /etc/passwd is \
         run, or else /bin/sh. The shell is started as a login shell (its argument 0 begins \
         with *-*). With *--env*, it is the target's *SHELL* that counts.",
    )],
    notes: &[
        Para(
            "*nsenter* enters the namespaces in two rounds. First it tries every namespace \
              but the user namespace, ignoring failures: what its current privileges allow. \
              Then it enters the user namespace and retries the rest, now failing on errors. \
              So a privileged caller enters everything before giving up privilege in the \
              target's user namespace, while an unprivileged caller first gains, in the user \
              namespace, the capabilities it needs for the namespaces that namespace owns.",
        ),
        Para(
            "Entering a user namespace normally drops the supplementary groups, which the \
              kernel refuses where /proc/_pid_/setgroups says *deny*. Use \
              *--preserve-credentials* with such namespaces (for example those made by \
              *unshare --map-root-user*, or by *newgidmap*(1) with only the caller's own \
              group).",
        ),
        Para(
            "*--user-parent* needs Linux 4.9 or later, *--net-socket* Linux 5.6, and \
              namespace IDs (*:*_nsid_) Linux 6.19.",
        ),
        Para(
            "nsutils builds one binary for both tools, which acts as *unshare* or *nsenter* \
              according to the name it is run as: a copy or a link named *nsenter* does the \
              work of this page.",
        ),
    ],
    examples: &[
        EXAMPLES_INTRO,
        Para(
            "Something to enter: a *sleep* as process 1 of new PID, mount and UTS \
              namespaces made by *unshare*(1), with a /proc of its own and a host name set \
              before it starts (by *hostname*(1), which was process 2). Started in the background, *unshare* is *$!*; the process to \
              enter is its child, found once it runs *sleep* (asking for the child of this \
              very *unshare* finds no one else's process). Then run commands in one of its \
              namespaces or all of them. Entering the mount namespace moves to its root \
              directory, unless *--wd* (or *--root*) asks for the target's: here /root, where \
              it was started. Process 1 of a \
              PID namespace takes from outside only the signals it handles, and *SIGKILL*:",
        ),
        Example(
            "# unshare --fork --pid --mount-proc --uts \\\n\
             \x20     sh -c 'hostname box && exec sleep 1000' &\n\
             # until PID=$(pgrep -x -P $! sleep); do sleep 0.1; done\n\
             # nsenter --target \"$PID\" --uts hostname\n\
             box\n\
             # nsenter --target \"$PID\" --all ps -o pid,args\n\
             \x20   PID COMMAND\n\
             \x20     1 sleep 1000\n\
             \x20     3 ps -o pid,args\n\
             # nsenter --target \"$PID\" --mount pwd\n\
             /\n\
             # nsenter --target \"$PID\" --mount --wd pwd\n\
             /root\n\
             # kill -KILL \"$PID\"",
        ),
        Para(
            "Enter a persistent UTS namespace made with *unshare --uts=*_file_; namespaces \
              that *ip-netns*(8) keeps in /run/netns are entered the same way, as in \
              *nsenter --net=/run/netns/*_name_:",
        ),
        Example(
            "# touch /root/uts-ns\n\
             # unshare --uts=/root/uts-ns hostname inside\n\
             # nsenter --uts=/root/uts-ns hostname\n\
             inside\n\
             # umount /root/uts-ns",
        ),
        Para(
            "As an ordinary user, enter the user and mount namespaces of a process the user \
              owns, keeping the user's IDs (which the namespace maps to 0) instead of \
              switching to 0: *unshare --map-root-user* denies *setgroups*(2) in the \
              namespace, so the supplementary groups cannot be dropped there:",
        ),
        Example(
            "$ unshare --user --map-root-user --mount --fork sleep 1000 &\n\
             $ until PID=$(pgrep -x -P $! sleep); do sleep 0.1; done\n\
             $ nsenter --target \"$PID\" --user --mount --preserve-credentials id -u\n\
             0\n\
             $ kill \"$PID\"",
        ),
    ],
    authors: &[Para(
        "nsutils was written by its developers as a drop-in replacement for util-linux's \
         *nsenter*, whose authors are Eric Biederman and Karel Zak. The behaviour follows \
         util-linux 2.42.4, learnt from its source and documentation and by running it; \
         the code is nsutils' own.",
    )],
    see_also: &[
        ("unshare", 1),
        ("getino", 1),
        ("clone", 2),
        ("setns", 2),
        ("namespaces", 7),
        ("user_namespaces", 7),
        ("ip-netns", 8),
        ("lsns", 8),
    ],
};

/// The OPTIONS section: each option's text, in the markup of [`super::roff::spans`]
/// (`\n\n` starts another paragraph).
pub static OPTIONS: &[(Id, &str)] = &[
    (
        Id::All,
        "Enter every namespace of the target process, of each type the kernel supports. The \
         user namespace is left out when it is the one *nsenter* is already in, since \
         *setns*(2) refuses to enter that again. A namespace option with an argument \
         overrides the target's namespace of its type, as in *--all --mount=*_file_. Needs \
         *--target*.",
    ),
    (
        Id::Target,
        "Take the namespaces that are not given by an argument from the process _PID_, \
         together with the defaults of *--root* and *--wd*, the environment for *--env*, the \
         owner for *--setuid follow* and *--setgid follow*, the cgroup for *--join-cgroup* \
         and the sockets for *--net-socket*. These are read from /proc/_PID_/ns/mnt, uts, \
         ipc, net, pid, user, cgroup and time, /proc/_PID_/root, /proc/_PID_/cwd and so on. \
         Written as _PID_:_inode_, it also names the process by its pidfs inode number (see \
         *getino*(1)), so that a PID that has meanwhile been reused by another process is \
         refused instead of entered. Given more than once, the last one counts: *-t 1 -t $$* \
         takes the namespaces of the calling shell.",
    ),
    (
        Id::Mount,
        "Enter a mount namespace: the target's, or the one the argument names. Entering it \
         also moves the root and working directories to the root of that namespace, unless \
         *--root*, *--wd* or *--wdns* say otherwise.",
    ),
    (
        Id::Uts,
        "Enter a UTS namespace (host name and NIS domain name): the target's, or the one the \
         argument names.",
    ),
    (
        Id::Ipc,
        "Enter an IPC namespace (System V IPC objects and POSIX message queues): the \
         target's, or the one the argument names.",
    ),
    (
        Id::Net,
        "Enter a network namespace (interfaces, addresses, routes, firewall rules and \
         sockets): the target's, or the one the argument names.",
    ),
    (
        Id::NetSocket,
        "Enter the network namespace of a socket that the target process has open as its file \
         descriptor _fd_, which can differ from the namespace of the process itself (Linux \
         5.6 and later). Needs *--target*.",
    ),
    (
        Id::Pid,
        "Enter a PID namespace: the target's, or the one the argument names. Only new \
         processes join a PID namespace, so *nsenter* then forks and runs the program as its \
         child, waits for it and exits with its status (or dies by the signal that killed \
         it); *--no-fork* prevents this.",
    ),
    (
        Id::Cgroup,
        "Enter a cgroup namespace: the target's, or the one the argument names. This changes \
         how the program sees cgroup paths, not which cgroup it is in; see *--join-cgroup* \
         for that.",
    ),
    (
        Id::User,
        "Enter a user namespace: the target's, or the one the argument names. Unless \
         *--preserve-credentials* is given, *nsenter* then drops its supplementary groups and \
         switches to user and group 0 in the namespace, or to the IDs given with *--setuid* \
         and *--setgid*. See NOTES for the order in which namespaces are entered.",
    ),
    (
        Id::UserParent,
        "Enter the parent of the user namespace instead: the parent of the one given with \
         *--user*, or else of the target's (Linux 4.9 and later). This reaches the user \
         namespace one level up from a process in a nested one. Needs *--target*.",
    ),
    (
        Id::Time,
        "Enter a time namespace (offsets of *CLOCK_MONOTONIC* and *CLOCK_BOOTTIME*): the \
         target's, or the one the argument names.",
    ),
    (
        Id::Setuid,
        "Switch to the numeric user ID _uid_ after entering the namespaces; *follow* stands \
         for the user that owns the target process. When a user namespace is entered and \
         *--preserve-credentials* is not given, the user ID is always set, to 0 unless this \
         option gives another. Despite the brackets in the usage text, the argument is \
         required.",
    ),
    (
        Id::Setgid,
        "Switch to the numeric group ID _gid_ after entering the namespaces, dropping the \
         supplementary groups; *follow* stands for the group of the target process. When a \
         user namespace is entered and *--preserve-credentials* is not given, the group ID is \
         always set, to 0 unless this option gives another. The argument is required.",
    ),
    (
        Id::PreserveCredentials,
        "When entering a user namespace, keep the user ID, the group ID and the supplementary \
         groups as they are, instead of switching to 0 or to the IDs of *--setuid* and \
         *--setgid*. Use it when the namespace denies *setgroups*(2), which makes dropping \
         the supplementary groups fail.",
    ),
    (
        Id::KeepCaps,
        "With *--user*, make the capabilities held in the entered user namespace ambient (see \
         *capabilities*(7)), so that the program keeps them across *execve*(2) even when it \
         does not run as user 0 there.",
    ),
    (
        Id::Root,
        "Change the root directory to _dir_, or without _dir_ to the root directory of the \
         target process. The directory is opened before any namespace is entered, so _dir_ is \
         a path in the current mount namespace, relative to the current directory; the root \
         is changed after the namespaces are entered.",
    ),
    (
        Id::Wd,
        "Change the working directory to _dir_, or without _dir_ to the working directory of \
         the target process. Like the one of *--root*, the directory is opened before any \
         namespace is entered: _dir_ is a path in the current mount namespace, and it works \
         as a way into it even if it is not visible from the entered namespaces. Cannot be \
         combined with *--wdns*.",
    ),
    (
        Id::Wdns,
        "Change the working directory to _dir_ after the namespaces have been entered and the \
         root directory changed, so _dir_ is a path as the program sees it. Cannot be \
         combined with *--wd*. Without _dir_, the option does nothing.",
    ),
    (
        Id::Env,
        "Give the program the environment of the target process (from /proc/_PID_/environ) \
         instead of the one *nsenter* was started with. Needs *--target*.",
    ),
    (
        Id::NoFork,
        "Do not fork before running the program, even when entering a PID namespace. The \
         program then stays in its original PID namespace, and only the processes it starts \
         are in the entered one.",
    ),
    (
        Id::JoinCgroup,
        "Move *nsenter*, and with it the program, into the cgroup of the target process \
         before running the program. Works with cgroup v2 only. Needs *--target*.",
    ),
    (
        Id::FollowContext,
        "Run the program in the SELinux security context of the target process. Needs \
         *--target* and SELinux.",
    ),
    (Id::Help, "Print a summary of the options and exit."),
    (
        Id::Version,
        "Print the version of nsutils and the util-linux release it is compatible with, and \
         exit.",
    ),
];
