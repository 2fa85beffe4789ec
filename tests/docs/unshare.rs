//! The prose of unshare(1); the OPTIONS section comes from `src/unshare/options.rs`.

use super::Block::{Example, Item, Para};
use super::Prose;

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
              first make a directory a private mount of its own:",
        ),
        Example(
            "# mkdir -p /run/ns && mount --bind /run/ns /run/ns\n\
             # mount --make-private /run/ns\n\
             # touch /run/ns/mnt\n\
             # unshare --mount=/run/ns/mnt true\n\
             # nsenter --mount=/run/ns/mnt findmnt /\n\
             # umount /run/ns/mnt",
        ),
        Para(
            "Kill a whole process tree with *unshare*: with *--kill-child*, killing \
              *unshare* kills process 1 of the PID namespace, and with it every other process \
              in the namespace:",
        ),
        Example(
            "# unshare --pid --fork --mount-proc --kill-child \\\n\
             \x20     sh -c 'sleep 1000 & sleep 2000' &\n\
             # kill $!; wait\n\
             # pgrep sleep || echo gone\n\
             gone",
        ),
        Para("Start a program with a clock that has been running for almost ten years:"),
        Example(
            "# unshare --time --fork --boottime 300000000 uptime -p\n\
             up 9 years, 26 weeks, 5 days, 11 hours, 6 minutes",
        ),
        Para("Run a program with a clean environment but for a few variables:"),
        Example("$ A=1 B=2 C=3 unshare --whitelist-env=A,C env\nA=1\nC=3"),
        Para(
            "Poor man's container: in one shell, create a mount and a PID namespace, move \
              into a root file system unpacked in /srv/rootfs (a directory holding a small \
              distribution with /proc, /dev and a shell), give it its own /proc, /dev and \
              /dev/pts, and drop the old root. *pivot_root*(8) needs the new root to be a \
              mount point, hence the bind mount; it also needs the mounts involved to be \
              unshared, which *unshare* takes care of by making them private:",
        ),
        Example(
            "# mkdir -p /mnt/container0\n\
             # unshare --mount --pid --fork\n\
             # mount --bind /srv/rootfs /mnt/container0\n\
             # mkdir -p /mnt/container0/mnt/old-root\n\
             # cd /mnt/container0\n\
             # pivot_root . ./mnt/old-root\n\
             # cd /\n\
             # mount -t proc none /proc\n\
             # mount -t devtmpfs -o size=50k,nr_inodes=2k none /dev\n\
             # mount -t devpts -o newinstance,gid=5,mode=620,ptmxmode=666 \\\n\
             \x20     none /dev/pts\n\
             # awk '$2 ~ /old-root/ {print $2;}' /proc/mounts |\n\
             \x20     sort -r | xargs -n 1 umount -l\n\
             # rmdir /mnt/old-root\n\
             # echo $$\n\
             1",
        ),
        Para(
            "The shell is now process 1 of its namespace and sees only the container's \
              files. From another shell outside, find its PID (it is the child of \
              *unshare*, started as a login shell) and enter the container with \
              *nsenter*(1); the second shell lands in the container's root, among its \
              processes:",
        ),
        Example(
            "# ps -o pid=,args= --ppid \"$(pgrep -x unshare)\"\n\
             \x20 4242 -bash\n\
             # nsenter --target 4242 --mount --pid\n\
             # ps -o pid,args\n\
             \x20   PID COMMAND\n\
             \x20     1 -bash\n\
             \x20    23 /bin/bash\n\
             \x20    24 ps -o pid,args",
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
