//! nsenter entering real targets: namespaces of each kind, a user namespace, a chroot with
//! a working directory; checks the state the program sees inside, and compares with the
//! util-linux 2.42.4 reference where that is cheap. Runs as root.

mod nsenter_common;

use nsenter_common::*;

/// Every namespace kind but user, the sleeper being PID 1 of its PID namespace.
fn all_kinds_target() -> Target {
    Target::start(
        &["-m", "-u", "-i", "-n", "-p", "-C", "-T", "-f"],
        "hostname nsenter-test",
    )
}

const KINDS: [(&str, &str); 7] = [
    ("--mount", "mnt"),
    ("--uts", "uts"),
    ("--ipc", "ipc"),
    ("--net", "net"),
    ("--pid", "pid"),
    ("--cgroup", "cgroup"),
    ("--time", "time"),
];

#[test]
fn enters_each_namespace_kind() {
    let target = all_kinds_target();
    let t = target.pid_arg();
    for (option, kind) in KINDS {
        assert_ne!(target.ns(kind), readlink(&format!("/proc/self/ns/{kind}")));
        let link = format!("/proc/self/ns/{kind}");
        let run = ours_like_reference(&["-t", &t, option, "readlink", &link]);
        assert_eq!(run.code, Some(0), "{option}: {run:?}");
        assert_eq!(run.stdout.trim_end(), target.ns(kind), "{option}");
    }
}

#[test]
fn enters_namespaces_by_file_and_short_options() {
    let target = all_kinds_target();
    let ns_dir = format!("/proc/{}/ns", target.pid);
    // Relative to the original working directory, with and without a leading '='.
    let run = command(
        OURS,
        &[
            "-u./uts",
            "-n=./net",
            "-i",
            "-t",
            &target.pid_arg(),
            "sh",
            "-c",
        ],
    )
    .arg("hostname; readlink /proc/self/ns/net /proc/self/ns/ipc")
    .current_dir(&ns_dir)
    .output()
    .expect("runs");
    let run = Run::from(run);
    assert_eq!(run.code, Some(0), "{run:?}");
    let expected = format!("nsenter-test\n{}\n{}\n", target.ns("net"), target.ns("ipc"));
    assert_eq!(run.stdout, expected);
    // Long form with a file; the file is opened before anything is entered.
    let uts = format!("--uts={ns_dir}/uts");
    assert_eq!(
        ours_like_reference(&[uts.as_str(), "hostname"]).stdout,
        "nsenter-test\n"
    );
}

#[test]
fn all_enters_every_kind_but_our_own_user_namespace() {
    let target = all_kinds_target();
    let script =
        "for k in mnt uts ipc net pid cgroup time user; do readlink /proc/self/ns/$k; done";
    let run = ours_like_reference(&["-a", "-t", &target.pid_arg(), "/bin/sh", "-c", script]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let expected: Vec<String> = ["mnt", "uts", "ipc", "net", "pid", "cgroup", "time", "user"]
        .iter()
        .map(|k| target.ns(k))
        .collect();
    assert_eq!(run.stdout.lines().collect::<Vec<_>>(), expected);
}

#[test]
fn pid_namespace_forks_unless_told_not_to() {
    let target = all_kinds_target();
    let t = target.pid_arg();
    let nspid = |run: &Run| status_field(&run.stdout, "NSpid:");
    let forked = ours(&["-t", &t, "-p", "cat", "/proc/self/status"]);
    let levels = nspid(&forked);
    assert_eq!(
        levels.split_whitespace().count(),
        2,
        "in the target's PID namespace: {levels}"
    );
    let unforked = ours(&["-t", &t, "-p", "-F", "cat", "/proc/self/status"]);
    assert_eq!(nspid(&unforked).split_whitespace().count(), 1);
    // The child has a small pid inside (the target is 1), not its pid outside.
    let inside = ours(&["-t", &t, "-p", "sh", "-c", "echo $$"]);
    let pid: i32 = inside.stdout.trim().parse().expect("a pid");
    assert!(pid > 1 && pid < 100, "{inside:?}");
}

#[test]
fn exit_status_and_death_by_signal_are_passed_on() {
    let target = all_kinds_target();
    let t = target.pid_arg();
    let run = ours_like_reference(&["-t", &t, "-p", "sh", "-c", "exit 7"]);
    assert_eq!(run.code, Some(7));
    let run = ours_like_reference(&["-t", &t, "-p", "sh", "-c", "kill -TERM $$"]);
    assert_eq!((run.code, run.signal), (None, Some(libc::SIGTERM)));
    let run = ours_like_reference(&["-t", &t, "-p", "sh", "-c", "kill -KILL $$"]);
    assert_eq!(run.signal, Some(libc::SIGKILL));
}

#[test]
fn stopped_child_stops_nsenter_and_sigcont_resumes_both() {
    let target = all_kinds_target();
    let mut child = command(OURS, &["-t", &target.pid_arg(), "-p", "sh", "-c"])
        .arg("kill -STOP $$; echo resumed")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id() as i32;
    // nsenter stops itself once its child has stopped.
    let stopped = (0..2000).any(|_| {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let state = stat.rsplit(") ").next().and_then(|s| s.chars().next());
        state == Some('T') || {
            std::thread::sleep(std::time::Duration::from_millis(5));
            false
        }
    });
    if !stopped {
        let _ = child.kill();
    }
    nsutils::sys::kill(pid, libc::SIGCONT).expect("SIGCONT");
    let out = child.wait_with_output().expect("wait");
    assert!(stopped, "nsenter did not stop with its child");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "resumed\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn user_namespace_credentials() {
    let target = Target::start(&["-U", "--map-user=5", "--map-group=6"], "");
    let t = target.pid_arg();
    let run = ours_like_reference(&[
        "-t",
        &t,
        "-U",
        "-S",
        "5",
        "-G",
        "6",
        "sh",
        "-c",
        "id -u; id -g",
    ]);
    assert_eq!(run.stdout, "5\n6\n", "{run:?}");
    // The default is uid and gid 0, which this namespace does not map.
    let run = ours_like_reference(&["-t", &t, "-U", "true"]);
    assert_eq!(run.stderr, "nsenter: setgid() failed: Invalid argument\n");
    assert_eq!(run.code, Some(1));
    // --preserve-credentials leaves our uid 0 alone: inside, it is 5.
    let run = ours_like_reference(&["-t", &t, "-U", "--preserve-credentials", "id", "-u"]);
    assert_eq!(run.stdout, "5\n");
    let run = ours_like_reference(&[
        "-t",
        &t,
        "-U",
        "-S5",
        "-G6",
        "readlink",
        "/proc/self/ns/user",
    ]);
    assert_eq!(run.stdout.trim_end(), target.ns("user"));
}

#[test]
fn keep_caps_makes_capabilities_ambient() {
    let target = Target::start(&["-U", "-r", "-u"], "");
    let t = target.pid_arg();
    let caps = |options: &[&str]| {
        let args: Vec<&str> = ["-t", t.as_str()]
            .iter()
            .chain(options)
            .chain(&["cat", "/proc/self/status"])
            .copied()
            .collect();
        let fields = |run: &Run| ["CapInh:", "CapAmb:"].map(|f| status_field(&run.stdout, f));
        let ours = fields(&ours(&args));
        // Compared field by field: the rest of the status (pids, memory) differs.
        if let Some(reference) = reference(&args) {
            assert_eq!(ours, fields(&reference), "{args:?}");
        }
        ours[1].clone()
    };
    assert_ne!(caps(&["-U", "-u", "--keep-caps"]), "0000000000000000");
    assert_eq!(caps(&["-U", "-u"]), "0000000000000000");
    // util-linux 2.42 quirk, kept: with the user namespace alone, it is entered in the
    // first pass and --keep-caps has no effect.
    assert_eq!(caps(&["-U", "--keep-caps"]), "0000000000000000");
}

#[test]
fn user_parent_enters_the_parent_user_namespace() {
    let target = Target::start(
        &["-U", "-r"],
        "readlink /proc/self/ns/user\nexec /usr/bin/unshare -U -r sh -c 'echo ready; exec sleep 1000'",
    );
    let parent = target.lines[0].clone();
    assert_ne!(parent, target.ns("user"));
    let run = ours_like_reference(&[
        "-t",
        &target.pid_arg(),
        "--user-parent",
        "readlink",
        "/proc/self/ns/user",
    ]);
    assert_eq!(run.stdout.trim_end(), parent, "{run:?}");
    // The parent of the target's user namespace given as a file.
    let file = format!("--user=/proc/{}/ns/user", target.pid);
    let t = target.pid_arg();
    let run = ours_like_reference(&[
        "-t",
        &t,
        &file,
        "--user-parent",
        "readlink",
        "/proc/self/ns/user",
    ]);
    assert_eq!(run.stdout.trim_end(), parent, "{run:?}");
    let run = ours(&["-t", &t, "--user-parent", "ls", "/proc/self/fd"]);
    let baseline = run_bin("ls", &["/proc/self/fd"]);
    assert_eq!(run.stdout, baseline.stdout, "no descriptor leaks: {run:?}");
}

#[test]
fn follow_takes_the_target_owner() {
    let target = Target::start(&["-u", "-S", "5", "-G", "6"], "");
    let run = ours_like_reference(&[
        "-t",
        &target.pid_arg(),
        "-u",
        "-S",
        "follow",
        "-G",
        "follow",
        "sh",
        "-c",
        "id -u; id -g; id -G",
    ]);
    assert_eq!(run.stdout, "5\n6\n6\n", "{run:?}");
}

/// A target chrooted into a temp dir (with /usr bound in its own mount namespace) whose
/// working directory is /w.
fn chroot_target(root: &TempDir) -> Target {
    let root = root.path().to_str().expect("utf-8 temp path");
    let script = format!(
        r#"R='{root}'
for d in bin sbin lib lib32 lib64 libx32; do
  if [ -L /$d ]; then ln -s "$(readlink /$d)" "$R/$d"
  elif [ -d /$d ]; then mkdir "$R/$d" && mount --rbind /$d "$R/$d"; fi
done
mkdir "$R/usr" "$R/w" "$R/proc" && mount --rbind /usr "$R/usr" && echo marker > "$R/marker"
mount -t proc proc "$R/proc"
exec chroot "$R" sh -c 'cd /w; echo ready; exec sleep 1000'"#
    );
    Target::start(&["-m", "-u"], &script)
}

#[test]
fn root_and_working_directory_of_the_target() {
    let root = TempDir::new("root");
    let target = chroot_target(&root);
    let t = target.pid_arg();
    let run = ours_like_reference(&["-t", &t, "-u", "-r", "-w", "sh", "-c", "pwd; cat /marker"]);
    assert_eq!(run.stdout, "/w\nmarker\n", "{run:?}");
    let run = ours_like_reference(&["-t", &t, "-m", "-r", "-W/w", "pwd"]);
    assert_eq!(run.stdout, "/w\n", "{run:?}");
    let run = ours_like_reference(&["-t", &t, "-m", "-r", "-W=w", "pwd"]);
    assert_eq!(run.stdout, "/w\n", "{run:?}");
    // -r with a directory given: opened at once, relative to our working directory.
    let run = command(
        OURS,
        &["-t", &t, "-m", "-rroot", "-W/w", "cat", "../marker"],
    )
    .current_dir(format!("/proc/{t}"))
    .output()
    .expect("runs");
    assert_eq!(String::from_utf8_lossy(&run.stdout), "marker\n", "{run:?}");
}

#[test]
fn working_directory_is_opened_before_entering() {
    let target = all_kinds_target();
    let dir = TempDir::new("wd");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    std::fs::write(dir.path().join("sub/here"), "tunnel\n").expect("write");
    // The target's mount namespace has no such directory: it is reached through the
    // descriptor opened before entering.
    let run = command(
        OURS,
        &["-t", &target.pid_arg(), "-m", "-wsub", "cat", "here"],
    )
    .current_dir(dir.path())
    .output()
    .expect("runs");
    let run = Run::from(run);
    assert_eq!(run.stdout, "tunnel\n", "{run:?}");
}

#[test]
fn environment_of_the_target() {
    // Only the target's initial environment is in /proc/PID/environ: the variable comes
    // from its launcher.
    let target = Target::start(&["-u"], "");
    let run = command(OURS, &["-t", &target.pid_arg(), "-u", "-e", "env"])
        .env("NSENTER_TEST_ONLY_HERE", "1")
        .output()
        .expect("runs");
    let env = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(env.lines().any(|l| l == "NSENTER_TEST_TARGET=yes"), "{env}");
    assert!(!env.contains("NSENTER_TEST_ONLY_HERE"), "{env}");
    assert_eq!(
        env,
        ours_like_reference(&["-t", &target.pid_arg(), "-u", "-e", "env"]).stdout
    );
}

#[test]
fn target_pinned_by_pidfs_inode() {
    let target = Target::start(&["-u"], "");
    let pidfd = nsutils::sys::pidfd_open(target.pid).expect("pidfd");
    let inode = nsutils::sys::fstat(&pidfd).expect("fstat").st_ino;
    let good = format!("{}:{inode}", target.pid);
    assert_eq!(
        ours_like_reference(&["-t", &good, "-u", "hostname"]).code,
        Some(0)
    );
    let bad = format!("{}:{}", target.pid, inode + 1);
    let run = ours_like_reference(&["-t", &bad, "-u", "hostname"]);
    let expected = format!(
        "nsenter: failed to obtain a valid file descriptor for PID {}: No such process\n",
        target.pid
    );
    assert_eq!((run.code, run.stderr), (Some(1), expected));
}

#[test]
fn no_descriptor_leaks_into_the_program() {
    let root = TempDir::new("fds");
    let target = chroot_target(&root);
    let t = target.pid_arg();
    let uts = format!("--uts=/proc/{t}/ns/uts");
    let rootdir = format!("--root=/proc/{t}/root");
    let cases: [Vec<&str>; 3] = [
        vec![
            "-t", &t, "-a", "-r", "-w", "-e", "-S", "follow", "-G", "follow",
        ],
        vec!["-t", &t, "-m", &uts, &rootdir, "-W/w"],
        vec!["-t", &t, "-m", "-p", "-i", "-n"],
    ];
    // What the program gets without nsenter: the test's own inherited descriptors and the
    // one ls opens to list the directory.
    let baseline = run_bin("ls", &["/proc/self/fd"]);
    for case in cases {
        let args: Vec<&str> = case
            .iter()
            .copied()
            .chain(["ls", "/proc/self/fd"])
            .collect();
        let run = ours(&args);
        assert_eq!(
            (run.code, &run.stdout),
            (Some(0), &baseline.stdout),
            "{case:?}: {run:?}"
        );
    }
}

/// Makes a datagram socket kept across exec (`$^F`), prints its descriptor number and execs
/// the rest of its command line: a socket made in one network namespace and held by a
/// process that goes on to another.
const SOCKET_THEN_EXEC: &str = r#"$| = 1; $^F = 1000;
socket(my $s, 1, 2, 0) or die "socket: $!"; print fileno($s), "\n"; exec @ARGV or die "exec: $!""#;

#[test]
fn net_socket_enters_the_network_namespace_of_a_socket() {
    // The target is in a new network namespace, and holds a socket of ours.
    let perl = ["perl", "-e", SOCKET_THEN_EXEC, "--"];
    let target = Target::start_through(&perl, &["-n"], "");
    let fd = target
        .lines
        .first()
        .expect("the socket's descriptor")
        .clone();
    let socket_netns = readlink("/proc/self/ns/net");
    assert_ne!(socket_netns, target.ns("net"));
    let run = ours_like_reference(&[
        "-t",
        &target.pid_arg(),
        "-N",
        &fd,
        "readlink",
        "/proc/self/ns/net",
    ]);
    assert_eq!(run.stdout.trim_end(), socket_netns, "{run:?}");
}

#[test]
fn namespace_by_id() {
    let target = Target::start(&["-u"], "hostname by-id");
    let uts =
        nsutils::sys::open(format!("/proc/{}/ns/uts", target.pid), libc::O_RDONLY).expect("open");
    // NS_GET_ID: the namespace's 64-bit id.
    let id = nsutils::sys::ns_get_id(&uts).expect("NS_GET_ID");
    let arg = format!("--uts=:{id}");
    let run = ours_like_reference(&[arg.as_str(), "hostname"]);
    // Linux 6.19 opens namespaces by id; older kernels refuse the handle.
    let stale = format!("nsenter: cannot open namespace of id {id}: Stale file handle\n");
    assert!(run.stdout == "by-id\n" || run.stderr == stale, "{run:?}");
    let run = ours_like_reference(&["-u=:x", "true"]);
    assert_eq!(run.stderr, "nsenter: failed to parse nsid: x\n");
}

#[test]
fn login_shell_when_no_program() {
    let target = Target::start(&["-u"], "hostname nsenter-test-shell");
    let t = target.pid_arg();
    let run = |shell: &str, input: &str| {
        let mut child = command(OURS, &["-t", &t, "-u"])
            .env("SHELL", shell)
            .env("HOME", "/nonexistent")
            .env("ENV", "")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write;
            stdin.write_all(input.as_bytes()).expect("write stdin");
        }
        Run::from(child.wait_with_output().expect("wait"))
    };
    // A login shell: argv[0] is "-" and the basename, and no arguments.
    let out = run("/bin/sh", "echo \"$0\" $#; hostname\n");
    let last: Vec<&str> = out.stdout.lines().rev().take(2).collect();
    assert_eq!(last, ["nsenter-test-shell", "-sh 0"], "{out:?}");
    let missing = run("/nonexistent/shell", "");
    assert_eq!(missing.code, Some(127));
    assert_eq!(
        missing.stderr,
        "nsenter: failed to execute /nonexistent/shell: No such file or directory\n"
    );
}

#[test]
fn all_enters_a_user_namespace_first_and_becomes_root_there() {
    let target = Target::start(&["-U", "-r", "-u", "-m", "-i", "-n"], "hostname in-userns");
    let script =
        "id -u; hostname; for k in user mnt uts ipc net; do readlink /proc/self/ns/$k; done";
    let run = ours_like_reference(&["-a", "-t", &target.pid_arg(), "sh", "-c", script]);
    let mut expected = String::from("0\nin-userns\n");
    for kind in ["user", "mnt", "uts", "ipc", "net"] {
        expected.push_str(&target.ns(kind));
        expected.push('\n');
    }
    assert_eq!(run.stdout, expected, "{run:?}");
}

#[test]
fn follow_context_without_selinux_just_runs() {
    let target = Target::start(&["-u"], "hostname with-z");
    let selinux = std::path::Path::new("/sys/fs/selinux/enforce").exists();
    let run = ours_like_reference(&["-Z", "-t", &target.pid_arg(), "-u", "hostname"]);
    if !selinux {
        assert_eq!(
            (run.code, run.stdout.as_str()),
            (Some(0), "with-z\n"),
            "{run:?}"
        );
    }
    // The last -t counts.
    let run = ours_like_reference(&["-t", "1", "-t", &target.pid_arg(), "-u", "hostname"]);
    assert_eq!(run.stdout, "with-z\n");
}
