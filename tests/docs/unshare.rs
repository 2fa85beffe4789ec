//! The prose of unshare(1); the OPTIONS section comes from `src/unshare/options.rs`.

use super::Block::{Example, Item, Para};
use super::{Prose, EXAMPLES_INTRO};
use nsutils::unshare::options::Id;

pub static PROSE: Prose = Prose {
    purpose: "run program in new namespaces",
    description: &[
        Para(
            "*unshare* creates the namespaces that the options ask for and runs _program_ \
              in them, with the given _arguments_. Without a _program_, it runs a shell \
              (see ENVIRONMENT). Called with no namespace option, it creates nothing new and \
              just runs the program.",
        ),
        Para(
            "A namespace lives as long as a process is in it, or something else holds on to \
              it. Given a _file_ argument, *unshare* bind-mounts the new namespace \
              (/proc/_pid_/ns/_type_) on that file, which keeps the namespace alive after the \
              program exits; *nsenter*(1) can enter it later through the file, and \
              *umount*(8) on the file lets it go. For the PID and time namespaces, the file \
              bound is /proc/_pid_/ns/pid_for_children or time_for_children (Linux 4.17 and \
              later); a PID namespace also needs a process of its own to be entered, so \
              persisting one needs *--fork*.",
        ),
        Para("These are the kinds of namespace *unshare* can create:"),
        Item(
            "*mount namespace* (*--mount*)",
            "Mounts and unmounts done by the program do not affect the rest of the system, \
              and the other way round. *unshare* makes every mount in the new namespace \
              private (see *--propagation*), so that no mount event crosses over even where \
              the original mounts were shared. See *mount_namespaces*(7).",
        ),
        Item(
            "*UTS namespace* (*--uts*)",
            "The host name and the NIS domain name can be changed without affecting the rest \
              of the system. See *uts_namespaces*(7).",
        ),
        Item(
            "*IPC namespace* (*--ipc*)",
            "System V message queues, semaphore sets and shared memory segments, and POSIX \
              message queues, are separate from those of the rest of the system. See \
              *ipc_namespaces*(7).",
        ),
        Item(
            "*network namespace* (*--net*)",
            "The program gets network devices, IPv4 and IPv6 stacks, routing tables, firewall \
              rules, port numbers, /proc/net and /sys/class/net of its own. See \
              *network_namespaces*(7).",
        ),
        Item(
            "*PID namespace* (*--pid*)",
            "Processes get PIDs numbered from 1 in the new namespace, and see only the \
              processes in it and below it. It is the children of *unshare* that go into it, \
              hence *--fork*. See *pid_namespaces*(7).",
        ),
        Item(
            "*cgroup namespace* (*--cgroup*)",
            "The program sees its own cgroup as the root of the cgroup hierarchy, in \
              /proc/self/cgroup and in cgroup file systems it mounts. See \
              *cgroup_namespaces*(7).",
        ),
        Item(
            "*user namespace* (*--user*)",
            "The program gets user IDs, group IDs and capabilities of its own: it can be root, \
              with every capability, inside the namespace while being an ordinary user \
              outside. Only the IDs mapped into the namespace exist there (see \
              *--map-root-user* and the other *--map* options). See *user_namespaces*(7).",
        ),
        Item(
            "*time namespace* (*--time*)",
            "*CLOCK_MONOTONIC* and *CLOCK_BOOTTIME* can run at an offset from those of the \
              rest of the system (*--monotonic*, *--boottime*). See *time_namespaces*(7).",
        ),
    ],
    options_intro: &[Para(
        "An optional argument must be attached to a long option with *=*: \
         *--mount=*_file_. The short options *-m*, *-u*, *-i*, *-n*, *-p*, *-U*, *-C* and *-T* \
         take no argument at all. Long options can be shortened to any prefix that is not \
         ambiguous. Options end at the first argument that is not one, or at *--*.",
    )],
    exit_status: &[
        Para(
            "Without *--fork*, *unshare* becomes the program, so the exit status is the \
              program's own. With *--fork*, *unshare* exits with the status of the child; if \
              the child is killed by a signal, *unshare* kills itself with the same signal, \
              so that a shell sees 128 plus the signal number.",
        ),
        Para(
            "When *unshare* fails before running the program, it prints a message and exits \
              with status 1; with 126 when the program was found but could not be run, and \
              with 127 when it was not found. When a helper it runs fails, such as \
              *newuidmap*(1), *unshare* exits with the helper's status. *--help* and \
              *--version* exit with 0.",
        ),
    ],
    environment: &[Item(
        "*SHELL*",
        "The shell to run when no _program_ is given. When it is unset or empty, the login \
         shell of the user in /etc/passwd is run, or else /bin/sh. The shell is started as a \
         login shell (its argument 0 begins with *-*).",
    )],
    notes: &[
        Para(
            "In a user namespace, even its root may mount proc and sysfs only where that \
              reveals nothing more than is already visible: where the system's copy is not \
              partly covered by other mounts, and with the same or stricter flags. So inside \
              a container, mount a new proc only where nothing hides parts of the old one.",
        ),
        Para(
            "Without *--fork*, a program run with *--pid* is not in the new PID namespace; \
              its first child becomes process 1 of it, and once that child has exited, the \
              program can start no more children there (*fork*(2) fails with *ENOMEM*).",
        ),
        Para(
            "Binding a mount namespace to a _file_ fails (\"Invalid argument\") when the file \
              is on a mount with shared propagation; the EXAMPLES show how to prepare a \
              private directory for such files.",
        ),
        Para(
            "*--map-root-user* writes *deny* to /proc/self/setgroups before the group \
              mapping, and the kernel refuses a second *deny* once the mapping exists, so \
              *--map-root-user --setgroups=deny* fails as it does with util-linux.",
        ),
        Para(
            "nsutils builds one binary for both tools, which acts as *unshare* or *nsenter* \
              according to the name it is run as: a copy or a link named *unshare* does the \
              work of this page.",
        ),
    ],
    examples: &[
        EXAMPLES_INTRO,
        Para(
            "Run a command as process 1 of a new PID namespace, with a /proc that shows that \
              namespace (*--mount-proc* creates a mount namespace for it):",
        ),
        Example("# unshare --fork --pid --mount-proc readlink /proc/self\n1"),
        Para(
            "As an unprivileged user, become root in a new user namespace; the mappings \
              show user 1000 outside as 0 inside:",
        ),
        Example(
            "$ unshare --user --map-root-user sh -c 'id -u; cat /proc/self/uid_map'\n\
             0\n\
             \x20        0       1000          1",
        ),
        Para(
            "With subordinate IDs assigned to the user in /etc/subuid and /etc/subgid (see \
              *subuid*(5); *newuidmap*(1) and *newgidmap*(1) write the mappings), map a whole \
              range of them as well: here user 1000 is root inside and its 65536 subordinate \
              IDs follow from 1 up. A file given to user and group 1 inside belongs to \
              100000 outside:",
        ),
        Example(
            "$ cat /etc/subuid\n\
             1000:100000:65536\n\
             $ unshare --user --map-auto --map-root-user \\\n\
             \x20     sh -c 'cat /proc/self/uid_map; touch file; chown 1:1 file'\n\
             \x20        0       1000          1\n\
             \x20        1     100000      65536\n\
             $ stat -c '%u:%g %n' file\n\
             100000:100000 file\n\
             $ rm file",
        ),
        Para(
            "Keep a UTS namespace after its last process has exited, then enter it again \
              through the file it is bound to, and finally release it:",
        ),
        Example(
            "# touch /root/uts-ns\n\
             # unshare --uts=/root/uts-ns hostname inside\n\
             # nsenter --uts=/root/uts-ns hostname\n\
             inside\n\
             # umount /root/uts-ns",
        ),
        Para(
            "A mount namespace can be bound only to a file on a mount that is not shared, so \
              first make a directory a private mount of its own. The tmpfs mounted in the \
              namespace, and the file written there, stay out of sight of the rest of the \
              system until the namespace is released:",
        ),
        Example(
            "# mkdir -p /root/ns && mount --bind /root/ns /root/ns\n\
             # mount --make-private /root/ns\n\
             # touch /root/ns/mnt\n\
             # unshare --mount=/root/ns/mnt \\\n\
             \x20     sh -c 'mount -t tmpfs scratch /mnt && echo kept >/mnt/note'\n\
             # nsenter --mount=/root/ns/mnt cat /mnt/note\n\
             kept\n\
             # test -e /mnt/note || echo 'not here'\n\
             not here\n\
             # umount /root/ns/mnt",
        ),
        Para(
            "Take down a whole process tree with *unshare*: with *--kill-child*, the death of \
              *unshare* kills process 1 of the PID namespace, and with it every other process \
              in the namespace. Here *timeout*(1) kills *unshare* alone after a second \
              (*--foreground* spares the rest of its process group, and *unshare --fork* \
              ignores *SIGTERM*, hence *SIGKILL*); *cat* returns as soon as no process holds \
              its pipe any more, that is when both sleeps are gone. Without *--kill-child* \
              it would wait for them.",
        ),
        Example(
            "# timeout --foreground --signal=KILL 1 \\\n\
             \x20     unshare --pid --fork --kill-child sh -c 'sleep 1000 & sleep 2000' |\n\
             \x20     cat; echo done\n\
             done",
        ),
        Para(
            "Without *--kill-child*, the namespace outlives *unshare*. Started in the \
              background, *unshare* is *$!*, and process 1 of the namespace is its child, \
              found once it runs *sleep*; after *unshare* is killed it goes on, and can still \
              be entered. Process 1 of a PID namespace takes from outside only the signals \
              it handles, and *SIGKILL*:",
        ),
        Example(
            "# unshare --pid --fork --mount-proc sleep 1000 &\n\
             # until INIT=$(pgrep -x -P $! sleep); do sleep 0.1; done\n\
             # kill -KILL $!\n\
             # nsenter --target \"$INIT\" --mount --pid ps -o pid,args\n\
             \x20   PID COMMAND\n\
             \x20     1 sleep 1000\n\
             \x20     2 ps -o pid,args\n\
             # kill -KILL \"$INIT\"",
        ),
        Para("Start a program with a clock that has been running for almost ten years:"),
        Example(
            "# unshare --time --fork --boottime 300000000 uptime -p\n\
             up 9 years, 26 weeks, 5 days, 11 hours, 6 minutes",
        ),
        Para(
            "Run a program with a clean environment but for a few variables (*env*(1) lists \
              them in no particular order, hence *sort*):",
        ),
        Example("$ A=1 B=2 C=3 unshare --whitelist-env=A,C env | sort\nA=1\nC=3"),
        Para(
            "Run programs built for another architecture, here 32-bit PowerPC, in a root \
              file system of that architecture unpacked in /srv/powerpc, through the \
              emulator of qemu-user-static, without registering the emulator for the rest \
              of the system: the registration lives in the binfmt_misc file system of the \
              new mount namespace only. As an unprivileged user this needs Linux 6.7 or \
              later.",
        ),
        Example(
            "$ unshare --map-root-user --fork --pid --root=/srv/powerpc \\\n\
             \x20     --load-interp=':qemu-ppc:M::\\x7fELF\\x01\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x14:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff:/usr/bin/qemu-ppc-static:OCF' \\\n\
             \x20     /bin/uname -m\n\
             ppc",
        ),
        Para("The fields of the registration, separated by colons:"),
        Item(
            "*qemu-ppc*",
            "The name of the entry, /proc/sys/fs/binfmt_misc/qemu-ppc in the namespace.",
        ),
        Item("*M*", "Recognise files by a magic number (*E* would mean by file name extension)."),
        Item(
            "(empty)",
            "The offset of the magic number in the file: 0.",
        ),
        Item(
            "*\\x7fELF\\x01\\x02\\x01*...",
            "The magic number: the first 20 bytes of an ELF header for a 32-bit, big-endian \
             executable (type 2) of machine 20, PowerPC.",
        ),
        Item(
            "*\\xff\\xff*...",
            "The mask applied to the file's bytes before they are compared: it ignores the \
             OS ABI byte, and the low bit of the file type so that position-independent \
             executables (type 3) match too.",
        ),
        Item(
            "*/usr/bin/qemu-ppc-static*",
            "The interpreter, run with the program's path and arguments.",
        ),
        Item(
            "*OCF*",
            "The flags: *F* opens the interpreter now, in the caller's file system, so that it \
             need not exist in /srv/powerpc; *O* hands it the program as an open file \
             and *C* computes the credentials from the program, not the interpreter, so that \
             set-user-ID programs work.",
        ),
        Para(
            "Poor man's container: in one shell, create a mount and a PID namespace, move \
              into a root file system unpacked in /srv/rootfs (a directory holding a small \
              distribution with /proc, /dev and a shell), give it its own /proc, /dev and \
              /dev/pts, and drop the old root. *pivot_root*(8) needs the new root to be a \
              mount point, hence the bind mount; it also needs the mounts involved to be \
              unshared, which *unshare* takes care of by making them private. From the \
              *unshare* line on, the commands are typed into the new shell; *hash -r* makes \
              it forget where it found the host's programs. A lazy unmount of the old root \
              takes every mount below it along, including those that cannot be reached by \
              their path any more because another mount hides them:",
        ),
        Example(
            "# mkdir -p /mnt/container0\n\
             # unshare --mount --pid --fork\n\
             # mount --bind /srv/rootfs /mnt/container0\n\
             # mkdir -p /mnt/container0/mnt/old-root\n\
             # cd /mnt/container0\n\
             # pivot_root . ./mnt/old-root\n\
             # cd / && hash -r\n\
             # mount -t proc none /proc\n\
             # mount -t devtmpfs -o size=50k,nr_inodes=2k none /dev\n\
             # mount -t devpts -o newinstance,gid=5,mode=620,ptmxmode=666 \\\n\
             \x20     none /dev/pts\n\
             # umount -l /mnt/old-root\n\
             # rmdir /mnt/old-root\n\
             # echo $$\n\
             1",
        ),
        Para(
            "The shell is now process 1 of its namespace and sees only the container's \
              files. To enter it from another shell outside, give *nsenter*(1) the PID that \
              shell has outside: that of the child of *unshare* (the examples of *nsenter*(1) \
              show how to find it). *nsenter --target* _PID_ *--mount --pid* then lands in \
              the container's root, among its processes.",
        ),
    ],
    authors: &[Para(
        "nsutils was written by its developers as a drop-in replacement for util-linux's \
         *unshare*, whose authors are Mikhail Gusarov and Karel Zak. The behaviour follows \
         util-linux 2.42.4, learnt from its source and documentation and by running it; \
         the code is nsutils' own.",
    )],
    see_also: &[
        ("nsenter", 1),
        ("newuidmap", 1),
        ("newgidmap", 1),
        ("clone", 2),
        ("setns", 2),
        ("unshare", 2),
        ("namespaces", 7),
        ("user_namespaces", 7),
        ("lsns", 8),
        ("mount", 8),
        ("pivot_root", 8),
    ],
};

/// The OPTIONS section: each option's text, in the markup of [`super::roff::spans`]
/// (`\n\n` starts another paragraph).
pub static OPTIONS: &[(Id, &str)] = &[
    (
        Id::Mount,
        "Create a new mount namespace. With _file_, the namespace is made persistent: it is \
         bind-mounted on _file_, which must exist and must not be on a mount with *shared* \
         propagation, or the bind mount fails (*findmnt -o+PROPAGATION* shows it). See \
         *--propagation* for how mounts propagate into and out of the new namespace.",
    ),
    (
        Id::Uts,
        "Create a new UTS namespace, in which the program can change the host name and the \
         NIS domain name without affecting the rest of the system. With _file_, make it \
         persistent by bind-mounting it on _file_.",
    ),
    (
        Id::Ipc,
        "Create a new IPC namespace, with System V IPC objects and POSIX message queues of \
         its own. With _file_, make it persistent by bind-mounting it on _file_.",
    ),
    (
        Id::Net,
        "Create a new network namespace. It starts with just a loopback interface, which is \
         down. With _file_, make it persistent by bind-mounting it on _file_.",
    ),
    (
        Id::Pid,
        "Create a new PID namespace. Only children of *unshare* are in it, not *unshare* \
         itself: use *--fork* so that the program becomes process 1 of the namespace, and \
         *--mount-proc* so that *ps*(1) and other readers of /proc see the new namespace. \
         With _file_, make it persistent by bind-mounting /proc/_pid_/ns/pid_for_children on \
         _file_; this needs *--fork*, since the namespace only comes into being with its \
         first process.",
    ),
    (
        Id::User,
        "Create a new user namespace. Unless IDs are mapped into it (see *--map-root-user*, \
         *--map-user* and *--map-users*), the program runs there as the overflow user and \
         group, usually _nobody_. With _file_, make it persistent by bind-mounting it on \
         _file_; the bind mount is done by a helper process that stays in the original \
         namespaces, where it still has the privilege to mount.",
    ),
    (
        Id::Cgroup,
        "Create a new cgroup namespace: the program sees its current cgroup as the root of \
         the hierarchy, in /proc/self/cgroup and in cgroup file systems it mounts. With \
         _file_, make it persistent by bind-mounting it on _file_.",
    ),
    (
        Id::Time,
        "Create a new time namespace, whose *CLOCK_MONOTONIC* and *CLOCK_BOOTTIME* can be \
         offset from the rest of the system with *--monotonic* and *--boottime*. The offsets \
         are set before any process enters it. With _file_, make it persistent by \
         bind-mounting /proc/_pid_/ns/time_for_children on _file_.",
    ),
    (
        Id::MountProc,
        "Just before running the program, mount a proc file system on _dir_ (/proc when _dir_ \
         is not given), with the *nosuid*, *noexec* and *nodev* flags. In a new PID namespace \
         this is what makes *ps*(1) and other readers of /proc show the processes of that \
         namespace. Implies *--mount*, so that the new mount stays out of sight of the rest \
         of the system. With *--root*, _dir_ is inside the new root.",
    ),
    (
        Id::MountBinfmt,
        "Just before running the program, mount a binfmt_misc file system on _dir_ \
         (/proc/sys/fs/binfmt_misc when _dir_ is not given), so that binary formats \
         registered with *--load-interp* apply to this namespace only. Implies *--mount* and \
         *--user*; without _dir_ it also implies *--mount-proc*.",
    ),
    (
        Id::LoadInterp,
        "Register a binary format in the binfmt_misc file system of the namespace, for \
         example to run programs of another architecture through an emulator. Despite the \
         _file_ in the usage text, the argument is the registration string itself, \
         :_name_:_type_:_offset_:_magic_:_mask_:_interpreter_:_flags_, as the kernel's \
         binfmt_misc documentation describes it. Implies *--mount-binfmt*. When _flags_ \
         contain *F* and *--root* is given, the interpreter is opened before the root \
         directory is changed, so it comes from the caller's file system.",
    ),
    (
        Id::Propagation,
        "Set the propagation of every mount in the new mount namespace. With *private*, the \
         default, mount and unmount events no longer cross between the new namespace and the \
         original one; with *slave*, events from the original namespace still arrive but none \
         go back; with *shared*, they pass both ways; *unchanged* keeps the propagation \
         inherited from the original namespace. Ignored unless a new mount namespace is \
         created. Use *unchanged* where the root mount cannot be changed, for example inside \
         a *chroot*(2) that is not a mount point.",
    ),
    (
        Id::Root,
        "Change the root directory to _dir_ (see *chroot*(2)) just before running the \
         program. The working directory becomes the new root unless *--wd* is given.",
    ),
    (
        Id::Wd,
        "Change the working directory to _dir_ just before running the program. With \
         *--root*, _dir_ is taken inside the new root.",
    ),
    (
        Id::Setuid,
        "Switch to the numeric user ID _uid_ just before running the program, after all \
         namespaces are set up. In a new user namespace, _uid_ must be mapped.",
    ),
    (
        Id::Setgid,
        "Switch to the numeric group ID _gid_ just before running the program, and drop all \
         supplementary groups. In a new user namespace, _gid_ must be mapped, and \
         *setgroups*(2) must be allowed there (see *--setgroups*).",
    ),
    (
        Id::MapUser,
        "Map the caller's effective user ID to _uid_ in the new user namespace; a user name \
         is looked up in /etc/passwd. Of *--map-user*, *--map-root-user* and \
         *--map-current-user*, the last one given counts. Implies *--user*.",
    ),
    (
        Id::MapGroup,
        "Map the caller's effective group ID to _gid_ in the new user namespace; a group name \
         is looked up in /etc/group. Of *--map-group*, *--map-root-user* and \
         *--map-current-user*, the last one given counts. Implies *--user* and \
         *--setgroups=deny*: the kernel lets an unprivileged process write a single group \
         mapping only once *setgroups*(2) is disabled, so this option cannot be combined with \
         *--setgroups=allow*.",
    ),
    (
        Id::MapRootUser,
        "Map the caller's effective user and group IDs to 0 in the new user namespace. The \
         program then runs as root there, with every capability over the namespaces created \
         along with the user namespace: it can mount file systems in a new mount namespace or \
         configure interfaces in a new network namespace without any privilege outside. Only \
         this one ID of each kind is mapped; *--map-auto* and *--map-users* map more. Same as \
         *--map-user=0 --map-group=0*; implies *--user* and *--setgroups=deny*.",
    ),
    (
        Id::MapCurrentUser,
        "Map the caller's effective user and group IDs to themselves in the new user \
         namespace, so that the program keeps its identity there. Same as *--map-user=$(id \
         -u) --map-group=$(id -g)*; implies *--user* and *--setgroups=deny*.",
    ),
    (
        Id::MapAuto,
        "Map the first range of subordinate user IDs that /etc/subuid gives the caller's user \
         to user IDs 0 and up in the new namespace, and likewise the first range from \
         /etc/subgid to group IDs 0 and up. Same as *--map-users=auto --map-groups=auto*; \
         implies *--user*. Together with *--map-root-user*, the caller becomes root and the \
         subordinate IDs follow from 1.",
    ),
    (
        Id::MapSubids,
        "Map the first range of subordinate user IDs that /etc/subuid gives the caller's \
         user, and the first range from /etc/subgid, to the same IDs in the new namespace (an \
         identity mapping). Same as *--map-users=subids --map-groups=subids*; implies \
         *--user*.",
    ),
    (
        Id::MapUsers,
        "Map _count_ user IDs, starting at _outeruid_ in the current namespace, to the IDs \
         starting at _inneruid_ in the new one. The older form _outeruid_,_inneruid_,_count_ \
         (commas, other order) is still accepted. Instead of a range, *auto* maps the \
         caller's first range from /etc/subuid to IDs 0 and up, *subids* maps that range to \
         itself, and *all* passes every user ID of the current namespace through unchanged. \
         The option can be repeated to map several ranges. If a range overlaps the single ID \
         mapped by *--map-user* (or *--map-root-user*), that ID is cut out of the range, \
         which can leave its last ID unmapped. As root, *unshare* writes the mapping itself; \
         otherwise it runs *newuidmap*(1), which checks /etc/subuid. Implies *--user*.",
    ),
    (
        Id::MapGroups,
        "Map _count_ group IDs, starting at _outergid_ in the current namespace, to the IDs \
         starting at _innergid_ in the new one. The older form _outergid_,_innergid_,_count_ \
         is still accepted, and so are *auto*, *subids* and *all* as for *--map-users*, with \
         the ranges taken from /etc/subgid (where they are listed by user, so the caller's \
         user name or user ID is looked up). The option can be repeated. An overlap with \
         *--map-group* is cut out as for *--map-users*. As root, *unshare* writes the mapping \
         itself; otherwise it runs *newgidmap*(1). Implies *--user*.",
    ),
    (
        Id::Owner,
        "Create the user namespace on behalf of another user: just before creating it, drop \
         the supplementary groups and switch to group _gid_ and user _uid_, so that they own \
         the new namespace (that user holds its capabilities and can enter it later with \
         *nsenter*(1)). Work that needs the caller's privileges, such as writing ID mappings \
         and bind-mounting namespace files, is done by helper processes that keep them. \
         Implies *--user*.",
    ),
    (
        Id::Fork,
        "Run the program as a child process of *unshare* instead of in its place, and wait \
         for it. Needed with *--pid* so that the program is the first process of the new PID \
         namespace. When the child exits, *unshare* exits with the same status; when the \
         child is killed by a signal, *unshare* kills itself with that signal. While waiting, \
         *unshare* does not react to *SIGINT* and *SIGTERM*, nor does it pass them on (the \
         child still gets those sent to the whole process group, such as the one from \
         Control-C); see *--forward-signals* and *--kill-child*.",
    ),
    (
        Id::KillChild,
        "When *unshare* dies, for whatever reason, have _signame_ (*SIGKILL* when not given) \
         sent to the child. Together with *--pid*, this takes down everything in the \
         namespace: when the first process of a PID namespace dies, the kernel kills all the \
         others. _signame_ is a signal name, with or without the SIG prefix, in any case \
         (*term*, *SIGTERM*), or *RTMIN+*_n_; numbers are not accepted. Implies *--fork*.",
    ),
    (
        Id::ForwardSignals,
        "Pass the *SIGTERM* and *SIGINT* that *unshare* receives on to the child, instead of \
         ignoring them, so that the program can shut down cleanly when *unshare* itself is \
         told to stop, for example by a service manager or at system shutdown. Implies \
         *--fork*.",
    ),
    (
        Id::Setgroups,
        "Write *allow* or *deny* to /proc/self/setgroups in the new user namespace. *deny* \
         disables *setgroups*(2) in the namespace for good, which the kernel requires before \
         an unprivileged process may write a group mapping; *allow* is the kernel's default. \
         *allow* cannot be combined with the single group mapping of *--map-group*, \
         *--map-root-user* or *--map-current-user*.",
    ),
    (
        Id::KeepCaps,
        "With *--user*, make the capabilities the program holds in the new user namespace \
         ambient (see *capabilities*(7)), so that they survive *execve*(2) even when the \
         program does not run as user 0 in the namespace.",
    ),
    (
        Id::Monotonic,
        "Offset *CLOCK_MONOTONIC* in the new time namespace by _offset_ seconds, which may be \
         negative. Needs *--time*.",
    ),
    (
        Id::Boottime,
        "Offset *CLOCK_BOOTTIME* in the new time namespace by _offset_ seconds, which may be \
         negative; *uptime*(1) in the namespace shows the difference. Needs *--time*.",
    ),
    (
        Id::ClearEnv,
        "Run the program with an empty environment. (From the util-linux development branch, \
         2.43.)",
    ),
    (
        Id::WhitelistEnv,
        "Run the program with only the environment variables named in the comma-separated \
         _list_, with the values they had when *unshare* started; names that were not set \
         stay unset. The option can be repeated and the lists add up. (From the util-linux \
         development branch, 2.43.)",
    ),
    (Id::Help, "Print a summary of the options and exit."),
    (
        Id::Version,
        "Print the version of nsutils and the util-linux release it is compatible with, and \
         exit.",
    ),
];
