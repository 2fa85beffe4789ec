//! nsenter's bad input and failures: exact messages and exit statuses (util-linux 2.42.4's,
//! checked against the reference binary when it can be had), `--help`, and `-c`.

mod nsenter_common;

use nsenter_common::*;

/// (arguments, stderr, status), the same for ours and the reference. `{t}` is replaced by
/// a live target's pid, `{ns}` by our own mount namespace file.
const CASES: &[(&[&str], &str, i32)] = &[
    (&[], "nsenter: no namespace specified\n", 1),
    (&["-t", "{t}"], "nsenter: no namespace specified\n", 1),
    (
        &["-t", "{t}", "-e", "true"],
        "nsenter: no namespace specified\n",
        1,
    ),
    (&["-m"], "nsenter: no target PID specified\n", 1),
    (&["--user-parent"], "nsenter: no target PID specified\n", 1),
    (
        &["-Z", "-m", "true"],
        "nsenter: no target PID specified\n",
        1,
    ),
    (&["-t", "x", "-m"], "nsenter: invalid PID argument\n", 1),
    (&["-t", "0"], "nsenter: invalid PID argument\n", 1),
    (&["-t", "-1"], "nsenter: invalid PID argument\n", 1),
    (&["-t", "1:0"], "nsenter: invalid PID argument\n", 1),
    (&["-t", "1:x"], "nsenter: invalid PID argument\n", 1),
    (&["-t", "5 "], "nsenter: invalid PID argument\n", 1),
    (&["-t", ""], "nsenter: invalid PID argument\n", 1),
    (
        &["-t", "4194304", "-m"],
        "nsenter: cannot open /proc/4194304/ns/mnt: No such file or directory\n",
        1,
    ),
    (
        &["-a"],
        "nsenter: stat of /proc/0/ns/user failed: No such file or directory\n",
        1,
    ),
    (
        &["-w", "-W"],
        "nsenter: options --wd and --wdns cannot be combined\n",
        1,
    ),
    (
        &["-W", "--wd=/"],
        "nsenter: options --wdns and --wd cannot be combined\n",
        1,
    ),
    (
        &["-wx"],
        "nsenter: cannot open x: No such file or directory\n",
        1,
    ),
    (
        &["-w=/nonexistent"],
        "nsenter: cannot open /nonexistent: No such file or directory\n",
        1,
    ),
    (
        &["-r=/"],
        "nsenter: cannot open =/: No such file or directory\n",
        1,
    ),
    (
        &["-m/nonexistent"],
        "nsenter: cannot open /nonexistent: No such file or directory\n",
        1,
    ),
    (&["-m:x"], "nsenter: failed to parse nsid: x\n", 1),
    (&["--mount=:"], "nsenter: failed to parse nsid: \n", 1),
    (
        &["-N", "x"],
        "nsenter: failed to parse file descriptor: 'x'\n",
        1,
    ),
    (
        &["-t", "{t}", "-N", "-5"],
        "nsenter: no namespace specified\n",
        1,
    ),
    (
        &["-t", "{t}", "-N", "99", "true"],
        "nsenter: pidfd_getfd(3, 99): Bad file descriptor\n",
        1,
    ),
    (
        &["-t", "{t}", "-N", "0", "true"],
        "nsenter: ioctl(4, SIOCGSKNS): Inappropriate ioctl for device\n",
        1,
    ),
    // util-linux keeps -N's value in an int: -4294967296 wraps to socket 0 (not a socket).
    (
        &["-t", "{t}", "-N", "-4294967296", "true"],
        "nsenter: ioctl(4, SIOCGSKNS): Inappropriate ioctl for device\n",
        1,
    ),
    (
        &["-t", "{t}", "-N", "-2147483648", "true"],
        "nsenter: no namespace specified\n",
        1,
    ),
    (&["-S", "x"], "nsenter: failed to parse uid: 'x'\n", 1),
    (
        &["-G", "-1"],
        "nsenter: failed to parse gid: '-1': Numerical result out of range\n",
        1,
    ),
    (
        &["-e", "-m{ns}", "true"],
        "nsenter: neither filename nor target pid supplied for environ\n",
        1,
    ),
    (
        &["-S", "follow", "-m{ns}", "true"],
        "nsenter: neither filename nor target pid supplied for \n",
        1,
    ),
    (
        &["-r", "-m{ns}", "true"],
        "nsenter: neither filename nor target pid supplied for root\n",
        1,
    ),
    (
        &["-w", "-m{ns}", "true"],
        "nsenter: neither filename nor target pid supplied for cwd\n",
        1,
    ),
    (
        &["-t", "{t}", "-n/proc/self/ns/uts", "true"],
        "nsenter: reassociate to namespace 'ns/net' failed: Invalid argument\n",
        1,
    ),
    (
        &["-t", "{t}", "-U", "true"],
        "nsenter: reassociate to namespaces failed: Invalid argument\n",
        1,
    ),
    (
        &["-t", "{t}", "-u", "-r/etc/passwd", "true"],
        "nsenter: change directory by root file descriptor failed: Not a directory\n",
        1,
    ),
    (
        &["-t", "{t}", "-u", "-W/nonexistent", "true"],
        "nsenter: cannot open current working directory: No such file or directory\n",
        1,
    ),
    (
        &["-t", "{t}", "-u", "/nonexistent"],
        "nsenter: failed to execute /nonexistent: No such file or directory\n",
        127,
    ),
    (
        &["-t", "{t}", "-u", "/etc"],
        "nsenter: failed to execute /etc: Permission denied\n",
        126,
    ),
    (
        &["-t", "{t}", "-p", "/nonexistent"],
        "nsenter: failed to execute /nonexistent: No such file or directory\n",
        127,
    ),
    (
        &["-t", "{t}", "-u", "-S", "4294967296", "-G", "-0", "true"],
        "",
        0,
    ),
];

#[test]
fn messages_and_statuses() {
    let target = Target::start(&["-u", "-n"], "");
    let t = target.pid_arg();
    let ns = format!("/proc/{}/ns/mnt", std::process::id());
    for (args, stderr, code) in CASES {
        let args: Vec<String> = args
            .iter()
            .map(|a| a.replace("{t}", &t).replace("{ns}", &ns))
            .collect();
        let run = ours_like_reference(&args);
        assert_eq!(
            (run.stderr.as_str(), run.code),
            (*stderr, Some(*code)),
            "{args:?}"
        );
    }
}

#[test]
fn wrong_pidfs_inode_and_a_process_gone() {
    let target = Target::start(&["-u"], "");
    let arg = format!("{}:1", target.pid);
    let run = ours_like_reference(&["-t", &arg, "-u", "true"]);
    let expected = format!(
        "nsenter: failed to obtain a valid file descriptor for PID {}: No such process\n",
        target.pid
    );
    assert_eq!((run.stderr, run.code), (expected, Some(1)));
}

/// util-linux checks the number that starts the inode text against the process before it
/// rejects the rest: a wrong leading number is a wrong inode, the right one a bad argument.
#[test]
fn inode_text_is_checked_before_it_is_rejected() {
    let target = Target::start(&["-u"], "");
    let pidfd = nsutils::sys::pidfd_open(target.pid).expect("pidfd of the target");
    let ino = nsutils::sys::fstat(&pidfd).expect("fstat pidfd").st_ino;
    let wrong = format!(
        "nsenter: failed to obtain a valid file descriptor for PID {}: No such process\n",
        target.pid
    );
    let invalid = "nsenter: invalid PID argument\n".to_string();
    let p = target.pid;
    for (arg, expected) in [
        (format!("{p}:1x"), &wrong),
        (format!("{p}:1:{ino}"), &wrong),
        (format!("{p}:99999999999999999999"), &wrong),
        (format!("{p}:{ino}x"), &invalid),
        (format!("{p}:{ino}:1"), &invalid),
        (format!("{p}:-{ino}"), &invalid),
    ] {
        let run = ours_like_reference(&["-t", &arg, "-u", "true"]);
        assert_eq!((&run.stderr, run.code), (expected, Some(1)), "-t {arg}");
    }
}

#[test]
fn getopt_errors_name_argv0() {
    let run = ours(&["--bogus"]);
    let expected = format!(
        "{OURS}: unrecognized option '--bogus'\nTry 'nsenter --help' for more information.\n"
    );
    assert_eq!((run.stderr, run.code), (expected, Some(1)));
    let run = ours(&["--us"]);
    assert!(run
        .stderr
        .contains("option '--us' is ambiguous; possibilities: '--user' '--user-parent'"));
}

#[test]
fn help_is_util_linux_text() {
    let run = ours_like_reference(&["--help"]);
    assert_eq!(run.code, Some(0));
    assert!(run
        .stdout
        .starts_with("\nUsage:\n nsenter [options] [<program> [<argument>...]]\n"));
    assert!(run.stdout.ends_with("\nFor more details see nsenter(1).\n"));
}

/// `-c` where cgroup v2 can be had: in a private mount namespace with cgroup2 on
/// /sys/fs/cgroup, a shell moves itself into a fresh cgroup and runs nsenter -c; the program
/// must be in the cgroup named by the first line of the target's /proc/PID/cgroup, with
/// its stdin untouched, and the waiting parent of a forked child must not keep cgroup.procs
/// open. The fresh cgroup is removed afterwards.
#[test]
fn join_cgroup_moves_the_program_and_leaves_stdin_alone() {
    let target = Target::start(&["-u"], "");
    let mounts = std::fs::read_to_string("/proc/self/mounts").unwrap_or_default();
    let Some(v2) = mounts
        .lines()
        .map(|l| l.split(' ').collect::<Vec<_>>())
        .find(|f| f.len() > 2 && f[2] == "cgroup2")
        .map(|f| f[1].to_string())
    else {
        skip("no cgroup v2 mounted");
        return;
    };
    let first = std::fs::read_to_string(format!("/proc/{}/cgroup", target.pid)).unwrap_or_default();
    let path = first
        .lines()
        .next()
        .and_then(|l| l.rsplit(':').next())
        .unwrap_or("");
    let name = format!("nsenter-test-{}", std::process::id());
    let script = format!(
        r#"set -e
[ "$(stat -f -c %T /sys/fs/cgroup)" = cgroup2fs ] || mount --bind '{v2}' /sys/fs/cgroup
mkdir /sys/fs/cgroup/{name}
echo $$ > /sys/fs/cgroup/{name}/cgroup.procs
set +e
"$0" -t {t} -u -c sh -c 'grep ^0:: /proc/self/cgroup; readlink /proc/self/fd/0'
"$0" -t {t} -p -c sh -c 'echo parent holds $(ls -l /proc/$PPID/fd | grep -c cgroup.procs)'
echo $$ > /sys/fs/cgroup/cgroup.procs
rmdir /sys/fs/cgroup/{name}"#,
        t = target.pid
    );
    let run: Run = command(SYSTEM_UNSHARE, &["-m", "sh", "-c", &script, OURS])
        .output()
        .expect("runs")
        .into();
    let _ = std::fs::remove_dir(format!("{v2}/{name}"));
    // The nsenter that waits for its forked child keeps no descriptor of the cgroup.
    assert_eq!(
        run.stdout,
        format!("0::{path}\n/dev/null\nparent holds 0\n"),
        "{run:?}"
    );
}
