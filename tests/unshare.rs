//! unshare, end to end: every option and error path, checked against util-linux 2.42.4
//! where it runs here, and against the namespace state seen by the program.

mod unshare_support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use unshare_support::*;

fn sh(script: &str) -> Vec<String> {
    vec!["sh".into(), "-c".into(), script.into()]
}

fn args(prefix: &[&str], rest: Vec<String>) -> Vec<String> {
    prefix.iter().map(|s| s.to_string()).chain(rest).collect()
}

#[test]
fn help_is_util_linux_plus_the_env_options() {
    let seen = ours(&["--help"]);
    assert_eq!(seen.status, 0);
    assert!(seen.stderr.is_empty());
    assert!(seen.stdout.contains(
        " --clear-env               do not inherit environment variables from the calling process\n"
    ));
    if let Some(reference) = reference() {
        let theirs = output(reference_cmd(reference, &["--help"]));
        let env_lines: String = seen
            .stdout
            .lines()
            .filter(|l| l.starts_with(" --clear-env") || l.starts_with(" --whitelist-env"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(seen.stdout.replace(&env_lines, ""), theirs.stdout);
    }
}

#[test]
fn version_names_us_and_util_linux() {
    let seen = ours(&["-V"]);
    assert_eq!(
        seen.stdout,
        format!(
            "unshare from nsutils {}, compatible with util-linux 2.42.4\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(seen.status, 0);
}

#[test]
fn getopt_errors_match() {
    for a in [
        &["--fo"][..],
        &["--map-u=0"],
        &["-m=x"],
        &["-x"],
        &["--bogus"],
        &["-S"],
        &["--setuid"],
        &["--fork=1"],
        &["-fx"],
        &["--mount-proc", "-Q"],
    ] {
        let seen = same_as_reference(a);
        assert_eq!(seen.status, 1, "{a:?}");
        assert!(seen
            .stderr
            .ends_with("Try 'unshare --help' for more information.\n"));
    }
}

#[test]
fn bad_values_match() {
    let cases: &[(&[&str], &str)] = &[
        (&["--kill-child=9", "true"], "unshare: unknown signal: 9\n"),
        (&["--kill-child=", "true"], "unshare: unknown signal: \n"),
        (&["--kill-child=rtmin", "true"], "unshare: unknown signal: rtmin\n"),
        (&["--setgroups", "x", "true"], "unshare: unsupported --setgroups argument 'x'\n"),
        (&["--propagation", "x", "true"], "unshare: unsupported propagation mode: x\n"),
        (&["--owner", "1", "true"], "unshare: failed to parse owner\n"),
        (&["--owner=1:2x", "true"], "unshare: failed to parse owner\n"),
        (&["--map-user=nosuchuser", "true"], "unshare: failed to parse uid 'nosuchuser'\n"),
        (&["--map-user=-1", "true"], "unshare: failed to parse uid '-1'\n"),
        (&["--map-user=", "true"], "unshare: failed to parse uid ''\n"),
        (&["--map-group=4294967295", "true"], "unshare: failed to parse gid '4294967295'\n"),
        (&["--map-users=1:2", "true"], "unshare: invalid mapping '1:2'\n"),
        (&["--map-groups=0:1:2:3", "true"], "unshare: invalid mapping '0:1:2:3'\n"),
        (&["-S", "x", "true"], "unshare: failed to parse uid: 'x'\n"),
        (
            &["-S", "-1", "true"],
            "unshare: failed to parse uid: '-1': Numerical result out of range\n",
        ),
        (&["-G", "1x", "true"], "unshare: failed to parse gid: '1x'\n"),
        (&["-T", "--monotonic=x", "true"], "unshare: failed to parse monotonic offset: 'x'\n"),
        (
            &["-T", "--boottime=99999999999999999999", "true"],
            "unshare: failed to parse boottime offset: '99999999999999999999': Numerical result out of range\n",
        ),
        (
            &["--monotonic=1", "true"],
            "unshare: options --monotonic and --boottime require unsharing of a time namespace (-T)\n",
        ),
    ];
    for (a, stderr) in cases {
        let seen = same_as_reference(a);
        assert_eq!((seen.stderr.as_str(), seen.status), (*stderr, 1), "{a:?}");
        assert!(seen.stdout.is_empty());
    }
}

#[test]
fn each_namespace_is_new_and_others_are_kept() {
    let table = [
        ("-m", "mnt"),
        ("-u", "uts"),
        ("-i", "ipc"),
        ("-n", "net"),
        ("-p", "pid"),
        ("-U", "user"),
        ("-C", "cgroup"),
        ("-T", "time"),
    ];
    // Forked, so the new pid and time namespaces are entered.
    let all: Vec<&str> = table.iter().map(|(_, ns)| *ns).collect();
    let readlink: Vec<String> = std::iter::once("readlink".to_string())
        .chain(all.iter().map(|ns| format!("/proc/self/ns/{ns}")))
        .collect();
    for (flag, ns) in table {
        let seen = ours(&args(&["-f", flag], readlink.clone()));
        assert_eq!(seen.status, 0, "{flag}: {}", seen.stderr);
        assert_eq!(seen.stdout.lines().count(), all.len());
        for (line, other) in seen.stdout.lines().zip(&all) {
            let differs = line != own_ns(other);
            assert_eq!(differs, *other == ns, "{flag}: ns/{other}");
        }
    }
    let seen = ours(&args(&["-muinpUCTf"], readlink));
    assert_eq!(seen.status, 0, "{}", seen.stderr);
    assert_eq!(seen.stdout.lines().count(), all.len());
    for (line, ns) in seen.stdout.lines().zip(&all) {
        assert_ne!(line, own_ns(ns), "-muinpUCTf: {ns}");
    }
    // Without -f, unshare -p leaves the program in its pid namespace.
    let seen = same_as_reference(&["-p", "readlink", "/proc/self/ns/pid"]);
    assert_eq!(seen.stdout.trim(), own_ns("pid"));
}

#[test]
fn no_namespace_at_all_still_runs() {
    let seen = same_as_reference(&["sh", "-c", "echo hi"]);
    assert_eq!((seen.stdout.as_str(), seen.status), ("hi\n", 0));
}

#[test]
fn exit_status_and_signals_pass_through() {
    assert_eq!(same_as_reference(&args(&["-f"], sh("exit 7"))).status, 7);
    assert_eq!(
        same_as_reference(&args(&["-f"], sh("kill -TERM $$"))).status,
        128 + 15
    );
    assert_eq!(
        same_as_reference(&args(&["-f"], sh("kill -KILL $$"))).status,
        128 + 9
    );
    assert_eq!(
        same_as_reference(&args(&["--forward-signals"], sh("exit 3"))).status,
        3
    );
    assert_eq!(
        same_as_reference(&args(&["--kill-child=term"], sh("exit 4"))).status,
        4
    );
    assert_eq!(same_as_reference(&args(&[], sh("exit 5"))).status, 5);
}

#[test]
fn exec_failures() {
    let seen = same_as_reference(&["/nonexistent/prog"]);
    assert_eq!(
        (seen.stderr.as_str(), seen.status),
        (
            "unshare: failed to execute /nonexistent/prog: No such file or directory\n",
            127
        )
    );
    let seen = same_as_reference(&["/etc/passwd"]);
    assert_eq!(
        (seen.stderr.as_str(), seen.status),
        (
            "unshare: failed to execute /etc/passwd: Permission denied\n",
            126
        )
    );
    assert_eq!(same_as_reference(&["-f", "/nonexistent/prog"]).status, 127);
}

/// util-linux exits 1 when it could not write its message (close_stdout_atexit), whatever
/// the status would have been, also in the forked child (found by compat/fuzz).
#[test]
fn exec_failure_with_a_full_stderr_exits_1() {
    for args in [&["/nonexistent/prog"][..], &["-f", "/nonexistent/prog"]] {
        let mut statuses = Vec::new();
        let commands = [
            Some(ours_cmd(args)),
            reference().map(|r| reference_cmd(r, args)),
        ];
        for mut cmd in commands.into_iter().flatten() {
            let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
            let status = cmd.stderr(full.expect("/dev/full")).status().expect("runs");
            statuses.push(status.code());
        }
        assert!(
            statuses.iter().all(|&s| s == Some(1)),
            "{args:?}: {statuses:?}"
        );
    }
}

#[test]
fn pid_namespace_and_mount_proc() {
    let seen = same_as_reference(&args(&["-fp"], sh("echo $$")));
    assert_eq!(seen.stdout, "1\n");
    let seen = same_as_reference(&["-fp", "--mount-proc", "readlink", "/proc/self"]);
    assert_eq!(seen.stdout, "1\n");
    let seen = same_as_reference(&["-fp", "--mount-proc", "ls", "/proc"]);
    let pids: Vec<&str> = seen
        .stdout
        .lines()
        .filter(|l| l.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    assert_eq!(pids, ["1"], "only ls in the new /proc");
    let seen = ours(&args(&["-p"], sh("echo $$")));
    assert_ne!(seen.stdout, "1\n", "without -f the program is not pid 1");
    let seen = same_as_reference(&["--mount-proc=/nonexistent", "true"]);
    assert_eq!(
        seen.stderr,
        "unshare: mount /nonexistent failed: No such file or directory\n"
    );
    let seen = same_as_reference(&["--mount-proc=", "true"]);
    assert_eq!(seen.status, 1);
}

#[test]
fn propagation_in_mountinfo() {
    let root_line = "grep ' / / ' /proc/self/mountinfo | cut -d' ' -f5-";
    for prop in [
        &[][..],
        &["--propagation", "private"],
        &["--propagation=slave"],
        &["--propagation", "shared"],
        &["--propagation", "unchanged"],
    ] {
        let a = args(&[&["-m"], prop].concat(), sh(root_line));
        let seen = same_as_reference_with(&a, no_digits);
        assert_eq!(seen.status, 0, "{a:?}");
        let shared = seen.stdout.contains(" shared:");
        let slave = seen.stdout.contains(" master:");
        match prop.last().map(|p| p.trim_start_matches("--propagation=")) {
            None | Some("private") => assert!(!shared && !slave, "{}", seen.stdout),
            // A slave of a private root has no master: only compare with util-linux.
            Some("slave") => assert!(!shared, "{}", seen.stdout),
            Some("shared") => assert!(shared, "{}", seen.stdout),
            _ => {}
        }
    }
    // Without a mount namespace the option is silently ignored.
    assert_eq!(
        same_as_reference(&["--propagation", "slave", "true"]).status,
        0
    );
}

#[test]
fn hostname_stays_inside() {
    let before = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    let seen = same_as_reference(&args(&["-u"], sh("hostname nsutils-test && hostname")));
    assert_eq!(seen.stdout, "nsutils-test\n");
    assert_eq!(
        std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap(),
        before
    );
}

#[test]
fn root_maps_setgroups() {
    let show = "cat /proc/self/uid_map /proc/self/gid_map /proc/self/setgroups; id -u; id -g";
    for opts in [
        &["-r"][..],
        &["-c"],
        &["-U"],
        &["--map-user=5", "--map-group=6"],
        &["--map-user=root", "--map-group=root"],
        &["--map-user=12345"],
        &["--map-users=0:0:1000", "-r"],
        &["--map-users=0:0:65536", "-c"],
        &["--map-users=100000,0,1000", "--map-groups=0:100000:1000"],
        &[
            "--map-users=1:100:10",
            "--map-users=50,60,5",
            "--map-user=1",
        ],
        &["--map-users=-1:0:1000", "-r"],
        &["--map-users=all", "--map-groups=all"],
        &["--owner", "1:2", "-r"],
        &["-r", "--setgroups=deny"],
        &["-r", "--setgroups=allow"],
        &[
            "--map-groups=0:0:10",
            "--map-group=0",
            "--setgroups",
            "allow",
        ],
        &["-U", "--setgroups=deny"],
    ] {
        same_as_reference(&args(opts, sh(show)));
    }
    let seen = ours(&args(
        &["--map-users=0:0:65536", "-c"],
        sh("cat /proc/self/uid_map"),
    ));
    let lines: Vec<Vec<u64>> = seen
        .stdout
        .lines()
        .map(|l| l.split_whitespace().map(|n| n.parse().unwrap()).collect())
        .collect();
    // uid 0 is taken by the single mapping: the range loses one ID and moves up past it.
    assert_eq!(lines, vec![vec![0, 0, 1], vec![1, 1, 65535]]);
    let seen = ours(&args(&["-r", "--setgroups", "allow"], sh("true")));
    assert_eq!(
        seen.stderr,
        "unshare: options --setgroups=allow and --map-group are mutually exclusive\n"
    );
    let seen = ours(&args(&["-r", "--setgroups", "deny"], sh("true")));
    assert_eq!(
        seen.stderr,
        "unshare: write failed /proc/self/setgroups: Operation not permitted\n"
    );
}

#[test]
fn id_maps_over_a_page_are_refused() {
    let many = |n: u32, step: u32| -> Vec<String> {
        (1..=n)
            .map(|i| format!("--map-users={0}:{0}:1", i * step))
            .chain(["true".to_string()])
            .collect()
    };
    let seen = same_as_reference_with(&many(400, 100_000), no_digits);
    assert_eq!(
        no_digits(&seen.stderr),
        "unshare: /proc/N/uid_map too large for kernel Nk limit\n"
    );
    assert_eq!(seen.status, 1);
    assert_eq!(same_as_reference(&many(300, 10)).status, 0);
}

#[test]
fn subordinate_ids_need_a_subuid_entry() {
    for opt in [
        "--map-auto",
        "--map-subids",
        "--map-users=auto",
        "--map-groups=subids",
    ] {
        let seen = same_as_reference(&[opt, "true"]);
        let has_entry = seen.status == 0;
        if !has_entry {
            assert!(
                seen.stderr.starts_with("unshare: no line matching user \""),
                "{opt}"
            );
        }
    }
}

#[test]
fn owner_and_credentials() {
    let seen = same_as_reference(&["--owner", "1:2", "sh", "-c", "id -u; id -g"]);
    assert_eq!(seen.stdout, "65534\n65534\n", "no map: the overflow ids");
    let seen = same_as_reference(&["-S", "1", "-G", "2", "sh", "-c", "id -u; id -g; id -G"]);
    assert_eq!(seen.stdout, "1\n2\n2\n");
    let seen = same_as_reference(&["-r", "-S", "0", "id", "-u"]);
    assert_eq!(seen.stdout, "0\n");
    let seen = same_as_reference(&["-r", "-G", "0", "id", "-u"]);
    assert_eq!(
        seen.stderr, "unshare: setgroups failed: Operation not permitted\n",
        "setgroups is denied with -r"
    );
}

/// After `--owner` has switched to an unprivileged user, a failing unshare(2) must still
/// get rid of its (root-owned) id-map helper: it can no longer signal it, so it tells it to
/// leave. Run in a user namespace whose limit of user namespaces is 0, and a PID namespace,
/// so that a helper left behind would show in `ps`; `timeout` turns a hang into a failure.
#[test]
fn failure_after_owner_leaves_no_helper() {
    let script = format!(
        "echo 0 > /proc/sys/user/max_user_namespaces; \
         timeout 20 {OURS} --owner=1:1 --map-users=0:0:1 true; echo rc=$?; ps -e -o comm="
    );
    let outer = [
        "-U",
        "--map-users=0:0:65536",
        "--map-groups=0:0:65536",
        "-fp",
        "--mount-proc",
        "sh",
        "-c",
        &script,
    ];
    let seen = output(ours_cmd(&outer));
    assert_eq!(
        seen.stderr,
        "unshare: unshare failed: No space left on device\n"
    );
    assert_eq!(
        seen.stdout, "rc=1\nsh\nps\n",
        "no unshare helper left in the namespace"
    );
}

#[test]
fn root_and_working_directory() {
    assert_eq!(same_as_reference(&["-R", "/", "pwd"]).stdout, "/\n");
    assert_eq!(
        same_as_reference(&["-R", "/", "-w", "/tmp", "pwd"]).stdout,
        "/tmp\n"
    );
    assert_eq!(same_as_reference(&["-w", "/tmp", "pwd"]).stdout, "/tmp\n");
    let seen = same_as_reference(&["-R", "/nonexistent", "pwd"]);
    assert_eq!(
        seen.stderr,
        "unshare: cannot change root directory to '/nonexistent': No such file or directory\n"
    );
    let seen = same_as_reference(&["-w", "/nonexistent", "pwd"]);
    assert_eq!(
        seen.stderr,
        "unshare: cannot change directory to /nonexistent: No such file or directory\n"
    );
}

#[test]
fn time_offsets() {
    let show = "cat /proc/self/timens_offsets";
    let seen = same_as_reference(&args(
        &["-fT", "--monotonic", "100", "--boottime=-5"],
        sh(show),
    ));
    let offsets: Vec<Vec<String>> = seen
        .stdout
        .lines()
        .map(|l| l.split_whitespace().map(String::from).collect())
        .collect();
    assert_eq!(offsets[0][..2], ["monotonic", "100"]);
    assert_eq!(offsets[1][..2], ["boottime", "-5"]);
    // Without -f the offsets are written but only children see the namespace.
    same_as_reference(&args(&["-T", "--monotonic=7"], sh(show)));
}

#[test]
fn keep_caps_makes_them_ambient() {
    let show = "grep -E '^Cap(Inh|Eff|Amb)' /proc/self/status";
    let seen = same_as_reference(&args(&["-r", "--keep-caps"], sh(show)));
    assert!(
        !seen.stdout.contains("CapAmb:\t0000000000000000"),
        "{}",
        seen.stdout
    );
    let seen = same_as_reference(&args(&["-U", "--keep-caps"], sh(show)));
    assert!(!seen.stdout.contains("CapAmb:\t0000000000000000"));
    // Without a user namespace --keep-caps does nothing.
    let seen = same_as_reference(&args(&["--keep-caps"], sh(show)));
    assert!(seen.stdout.contains("CapAmb:\t0000000000000000"));
}

#[test]
fn binfmt_misc() {
    let seen = same_as_reference(&["-rfp", "--mount-binfmt", "ls", "/proc/sys/fs/binfmt_misc"]);
    if seen.status != 0 {
        // Kernels before 6.7 have no binfmt_misc instance per user namespace.
        assert_eq!(
            seen.stderr,
            "unshare: mount /proc/sys/fs/binfmt_misc failed: Operation not permitted\n"
        );
        skip("binfmt_misc cannot be mounted in a user namespace: Linux before 6.7");
        return;
    }
    assert!(seen.stdout.contains("register"), "{seen:?}");
    let interp = ":nsutils:M::\\x7fNSU::/bin/true:";
    let seen = same_as_reference(&[
        "-rfp",
        "-l",
        interp,
        "cat",
        "/proc/sys/fs/binfmt_misc/nsutils",
    ]);
    assert!(
        seen.stdout.starts_with("enabled\ninterpreter /bin/true\n"),
        "{seen:?}"
    );
    let seen = same_as_reference(&["-rfp", "-l", "garbage", "true"]);
    assert_eq!(
        seen.stderr,
        "unshare: write failed /proc/sys/fs/binfmt_misc/register: Invalid argument\n"
    );
    same_as_reference(&["-rfp", "--mount-binfmt=/nonexistent", "true"]);
    // With the F flag and -R the interpreter is registered before the chroot.
    for flags in ["F", ""] {
        let interp = format!(":nsu:M::\\x7fNSU::/bin/true:{flags}");
        let seen = same_as_reference(&[
            "-rfp",
            "-R",
            "/",
            "-l",
            &interp,
            "cat",
            "/proc/sys/fs/binfmt_misc/nsu",
        ]);
        assert!(seen.stdout.starts_with("enabled\n"), "{seen:?}");
    }
    let seen = same_as_reference(&[
        "-rf",
        "--mount-binfmt=/tmp",
        "-l",
        interp,
        "cat",
        "/tmp/nsutils",
    ]);
    assert!(seen.stdout.starts_with("enabled\n"), "{seen:?}");
}

#[test]
fn environment_options() {
    let run = |opts: &[&str], script: &str| {
        let mut cmd = ours_cmd(&args(opts, sh(script)));
        cmd.env("UL_TEST_ENV1", "foo").env("UL_TEST_ENV2", "bar");
        output(cmd)
    };
    // util-linux's tests/ts/unshare/env.
    let seen = run(&["--clear-env"], "echo \"${UL_TEST_ENV1:-CLEARED}\"");
    assert_eq!(seen.stdout, "CLEARED\n");
    let seen = run(
        &["--whitelist-env", "UL_TEST_ENV1"],
        "echo \"${UL_TEST_ENV1}${UL_TEST_ENV2}\"",
    );
    assert_eq!(seen.stdout, "foo\n");
    let seen = run(
        &[
            "--whitelist-env=,UL_TEST_ENV2,,NOPE,",
            "--whitelist-env",
            "UL_TEST_ENV1",
        ],
        "env",
    );
    let mut vars: Vec<&str> = seen
        .stdout
        .lines()
        .filter(|l| !l.starts_with("PWD=") && !l.starts_with("SHLVL=") && !l.starts_with("_="))
        .collect();
    vars.sort();
    assert_eq!(vars, ["UL_TEST_ENV1=foo", "UL_TEST_ENV2=bar"]);
    // A list naming no set variable keeps everything (util-linux's list stays empty).
    let seen = run(&["--whitelist-env=NOPE"], "echo $UL_TEST_ENV2");
    assert_eq!(seen.stdout, "bar\n");
    let seen = run(&["--clear-env"], "env | grep -c UL_TEST || true");
    assert_eq!(seen.stdout, "0\n");
}

#[test]
fn default_shell_is_a_login_shell() {
    let run = |shell: Option<&str>, exe: Option<&std::path::Path>| {
        let mut cmd = match exe {
            Some(r) => reference_cmd(r, &[] as &[&str]),
            None => ours_cmd(&[] as &[&str]),
        };
        match shell {
            Some(s) => cmd.env("SHELL", s),
            None => cmd.env_remove("SHELL"),
        };
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        // The shell may be gone already (exec failure): a broken pipe is fine.
        let _ = child.stdin.take().unwrap().write_all(b"echo $0\n");
        let out = child.wait_with_output().unwrap();
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
            out.status.code(),
        )
    };
    assert_eq!(run(Some("/bin/sh"), None).0, "-sh\n");
    let login = std::fs::read_to_string("/etc/passwd")
        .unwrap()
        .lines()
        .find(|l| l.starts_with("root:"))
        .and_then(|l| l.rsplit(':').next().map(String::from))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "/bin/sh".into());
    let base = login.rsplit('/').next().unwrap().to_string();
    assert_eq!(run(Some(""), None).0, format!("-{base}\n"));
    assert_eq!(run(None, None).0, format!("-{base}\n"));
    let missing = run(Some("/nonexistent/shell"), None);
    assert_eq!(
        missing.1,
        "unshare: failed to execute /nonexistent/shell: No such file or directory\n"
    );
    assert_eq!(missing.2, Some(127));
    if let Some(reference) = reference() {
        for shell in [
            Some("/bin/sh"),
            Some(""),
            None,
            Some("/nonexistent/shell"),
            Some("/etc/passwd"),
        ] {
            assert_eq!(
                run(shell, None),
                run(shell, Some(reference)),
                "SHELL={shell:?}"
            );
        }
    }
}

/// Starts ours in the background with a program that reports its pid and waits.
fn spawn_waiting(
    opts: &[&str],
    script: &str,
) -> (Guard, i32, BufReader<std::process::ChildStdout>) {
    let mut cmd = ours_cmd(&args(opts, sh(script)));
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    let mut guard = Guard(cmd.spawn().unwrap());
    let mut out = BufReader::new(guard.0.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    let pid = line.trim().parse().expect("the program's pid");
    (guard, pid, out)
}

fn signal(pid: i32, sig: &str) {
    let ok = std::process::Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}

/// Waits (bounded, not timed) until `pid` is gone or a zombie.
fn is_gone(pid: i32) -> bool {
    for _ in 0..200 {
        match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            Err(_) => return true,
            Ok(s)
                if s.rsplit(')')
                    .next()
                    .is_some_and(|r| r.trim_start().starts_with('Z')) =>
            {
                return true
            }
            Ok(_) => std::thread::sleep(std::time::Duration::from_millis(50)),
        }
    }
    false
}

#[test]
fn parent_blocks_term_and_passes_the_childs_death_on() {
    use std::os::unix::process::ExitStatusExt;
    let (mut guard, child, _out) = spawn_waiting(&["-f"], "echo $$; exec sleep 1000");
    let parent = guard.0.id() as i32;
    signal(parent, "TERM");
    signal(parent, "INT");
    signal(child, "TERM");
    let status = guard.0.wait().unwrap();
    assert_eq!(
        status.signal(),
        Some(15),
        "unshare dies by the child's signal, not its own"
    );
}

#[test]
fn forward_signals_reach_the_child() {
    let (mut guard, _child, _out) = spawn_waiting(
        &["--forward-signals"],
        "trap 'exit 15' TERM; echo $$; while :; do sleep 0.1; done",
    );
    signal(guard.0.id() as i32, "TERM");
    assert_eq!(guard.0.wait().unwrap().code(), Some(15));
}

#[test]
fn kill_child_when_unshare_dies() {
    let (mut guard, child, _out) = spawn_waiting(&["--kill-child"], "echo $$; exec sleep 1000");
    signal(guard.0.id() as i32, "KILL");
    let _ = guard.0.wait();
    assert!(is_gone(child), "the child must die with unshare");
    let (mut guard, child, _out) = spawn_waiting(
        &["--kill-child=SIGUSR1"],
        "trap 'exit 9' USR1; echo $$; while :; do sleep 0.1; done",
    );
    signal(guard.0.id() as i32, "KILL");
    let _ = guard.0.wait();
    assert!(is_gone(child));
}

/// Runs a shell script as an unprivileged user (nobody), if `setpriv` is there.
fn as_nobody(exe: &str, opts: &[&str]) -> Option<Seen> {
    as_nobody_with_path(exe, opts, "/usr/sbin:/usr/bin:/sbin:/bin")
}

/// The same with `PATH` set to `path`.
fn as_nobody_with_path(exe: &str, opts: &[&str], path: &str) -> Option<Seen> {
    let Some(setpriv) = find_program("setpriv") else {
        skip("setpriv missing: Debian package util-linux");
        return None;
    };
    let mut cmd = std::process::Command::new(setpriv);
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", exe])
        .args(opts)
        .env("LC_ALL", "C")
        .env("PATH", path);
    Some(output(cmd))
}

#[test]
fn unprivileged_maps_use_newuidmap() {
    let Some(seen) = as_nobody(
        OURS,
        &[
            "-r",
            "cat",
            "/proc/self/uid_map",
            "/proc/self/gid_map",
            "/proc/self/setgroups",
        ],
    ) else {
        return;
    };
    assert_eq!(no_spaces(&seen.stdout), "0 65534 1\n0 65534 1\ndeny\n");
    let seen = as_nobody(
        OURS,
        &[
            "--map-user=0",
            "cat",
            "/proc/self/uid_map",
            "/proc/self/gid_map",
        ],
    )
    .unwrap();
    assert_eq!(no_spaces(&seen.stdout), "0 65534 1\n");
    let seen = as_nobody(OURS, &["-p", "true"]).unwrap();
    assert_eq!(
        seen.stderr,
        "unshare: unshare failed: Operation not permitted\n"
    );
    let seen = as_nobody(OURS, &["-rfp", "--mount-proc", "readlink", "/proc/self"]).unwrap();
    assert_eq!((seen.stdout.as_str(), seen.status), ("1\n", 0));
    let seen = as_nobody(OURS, &["-r", "--owner", "0:0", "true"]).unwrap();
    assert_eq!(
        seen.stderr,
        "unshare: setgroups failed: Operation not permitted\n"
    );
    // Without the helpers in PATH, installed or not:
    for (opts, tool) in [
        (&["--map-users=0:65534:1", "true"][..], "newuidmap"),
        (&["--map-groups=0:65534:1", "true"], "newgidmap"),
        (
            &["--map-users=0:65534:1", "--map-groups=0:65534:1", "true"],
            "newuidmap",
        ),
    ] {
        let seen = as_nobody_with_path(OURS, opts, "/nonexistent").unwrap();
        assert_eq!(
            seen.stderr,
            format!("unshare: failed to execute {tool}: No such file or directory\n")
        );
        assert_eq!(seen.status, 127, "the helper's status is unshare's");
    }
}

/// A uid_map's columns, single-spaced.
fn no_spaces(s: &str) -> String {
    s.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ") + "\n")
        .collect()
}

#[test]
fn unprivileged_ranges_go_through_newuidmap_and_newgidmap() {
    if !have("setpriv") {
        skip("setpriv missing: Debian package util-linux");
        return;
    }
    // Stand-ins that log their arguments; newgidmap fails with the status in $STATUS.
    let dir = TempDir::new("idmappers");
    let log = dir.path().join("log");
    for tool in ["newuidmap", "newgidmap"] {
        let status = if tool == "newgidmap" {
            "${STATUS:-0}"
        } else {
            "0"
        };
        let script = format!(
            "#!/bin/sh\necho \"${{0##*/}} $*\" >> {}\nexit {status}\n",
            log.display()
        );
        std::fs::write(dir.path().join(tool), script).unwrap();
    }
    let chmod = |mode: &str, path: &std::path::Path| {
        assert!(Command::new("chmod")
            .arg(mode)
            .arg(path)
            .status()
            .unwrap()
            .success());
    };
    chmod("0777", dir.path());
    chmod("0755", &dir.path().join("newuidmap"));
    chmod("0755", &dir.path().join("newgidmap"));
    let run = |status: &str, opts: &[&str]| {
        let _ = std::fs::remove_file(&log);
        let mut cmd = Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", OURS])
            .args(opts)
            .env("LC_ALL", "C")
            .env("STATUS", status)
            .env(
                "PATH",
                format!("{}:/usr/sbin:/usr/bin:/sbin:/bin", dir.path().display()),
            );
        let seen = output(cmd);
        let logged = std::fs::read_to_string(&log).unwrap_or_default();
        (seen, no_digits_but(&logged))
    };
    let (seen, logged) = run(
        "0",
        &[
            "--map-users=0:100000:10",
            "--map-groups=5,1,2",
            "echo",
            "ran",
        ],
    );
    assert_eq!(
        (seen.stdout.as_str(), seen.status),
        ("ran\n", 0),
        "{seen:?}"
    );
    assert_eq!(logged, "newuidmap PID 0 100000 10\nnewgidmap PID 1 5 2\n");
    // -r with ranges: the single mapping goes first, through the same tool.
    let (_, logged) = run("0", &["-r", "--map-users=1:100000:10", "true"]);
    assert_eq!(logged, "newuidmap PID 0 65534 1 1 100000 10\n");
    // A failing helper tool fails unshare with its status, and nothing runs.
    let (seen, _) = run("3", &["--map-groups=0:100000:10", "echo", "ran"]);
    assert_eq!((seen.stdout.as_str(), seen.status), ("", 3));
}

/// The first number of each line (a pid) as `PID`.
fn no_digits_but(log: &str) -> String {
    log.lines()
        .map(|l| {
            let mut words: Vec<&str> = l.split(' ').collect();
            if words.len() > 1 {
                words[1] = "PID";
            }
            words.join(" ") + "\n"
        })
        .collect()
}
