//! unshare corner cases found in review: exit statuses when stderr is unusable, C integer
//! quirks of the parsers, and `/etc/subuid` contents; each checked against util-linux 2.42.4
//! where it runs here.

mod unshare_support;

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use unshare_support::*;

/// `exe ARGS` run by sh with a redirection applied to it (e.g. `2>&-`).
fn redirected(exe: &Path, redirect: &str, args: &[&str]) -> Seen {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("exec \"$0\" \"$@\" {redirect}"))
        .arg(exe)
        .args(args)
        .env("LC_ALL", "C")
        .env_remove("NSUTILS_ARGV0");
    output(cmd)
}

#[test]
fn an_unwritable_stderr_makes_every_error_status_1() {
    let ours_path = Path::new(OURS);
    for redirect in ["2>&-", "2>/dev/full"] {
        for (args, status) in [
            (&["/nonexistent"][..], 1),
            (&["-f", "/nonexistent"], 1),
            (&["/etc/passwd"], 1),
            (&["--kill-child=NOPE", "true"], 1),
            // Nothing written to stderr: the status passes.
            (&["sh", "-c", "exit 7"], 7),
            (&["-f", "sh", "-c", "exit 7"], 7),
        ] {
            let mine = redirected(ours_path, redirect, args);
            assert_eq!(mine.status, status, "{redirect} {args:?}");
            if let Some(reference) = reference() {
                let theirs = redirected(reference, redirect, args);
                assert_eq!(mine, theirs, "{redirect} {args:?}: ours vs util-linux");
            }
        }
    }
    // A readable stderr keeps the exec statuses.
    assert_eq!(ours(&["/nonexistent"]).status, 127);
}

#[test]
fn realtime_signal_numbers_are_c_ints() {
    // 4294967298 is 2 once kept in an int.
    let seen = same_as_reference(&["--kill-child=RTMIN+4294967298", "true"]);
    assert_eq!((seen.status, seen.stderr.as_str()), (0, ""));
    let seen = same_as_reference(&["--kill-child=RTMAX-4294967296", "true"]);
    assert_eq!((seen.status, seen.stderr.as_str()), (0, ""));
    // 2147483648 is negative as an int.
    let seen = same_as_reference(&["--kill-child=RTMIN+2147483648", "true"]);
    assert_eq!(
        (seen.status, seen.stderr.as_str()),
        (1, "unshare: unknown signal: RTMIN+2147483648\n")
    );
}

#[test]
fn scanf_numbers_overflow_to_ulong_max() {
    // -99999999999999999999 overflows: ULONG_MAX, cut to 4294967295, the "auto" inner ID.
    let seen = same_as_reference(&[
        "--map-users=-99999999999999999999:0:1",
        "cat",
        "/proc/self/uid_map",
    ]);
    assert_eq!(no_spaces(&seen.stdout), "0 0 1\n");
    // ... and for --owner, -1: no owner change at all.
    let seen = same_as_reference(&[
        "--owner=-99999999999999999999:-99999999999999999999",
        "-r",
        "id",
        "-u",
    ]);
    assert_eq!((seen.status, seen.stdout.as_str()), (0, "0\n"));
}

/// A uid_map's columns, single-spaced.
fn no_spaces(s: &str) -> String {
    s.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ") + "\n")
        .collect()
}

/// Runs `exe ARGS` in a throwaway mount namespace whose `/etc` is a temp dir holding copies
/// of passwd, group and nsswitch.conf plus `files` (a `None` content makes a directory);
/// without `SHELL`, so the login shell comes from passwd.
fn with_etc(exe: &Path, files: &[(&str, Option<&str>)], args: &[&str]) -> Seen {
    // Tests run in parallel: each call gets its own directory.
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let etc = TempDir::new(&format!(
        "more-etc{}",
        CALLS.fetch_add(1, Ordering::Relaxed)
    ));
    for name in ["passwd", "group", "nsswitch.conf"] {
        let _ = std::fs::copy(Path::new("/etc").join(name), etc.path().join(name));
    }
    for (name, content) in files {
        let path = etc.path().join(name);
        match content {
            Some(text) => std::fs::write(path, text).expect("cannot write a test /etc file"),
            None => std::fs::create_dir(path).expect("cannot make a test /etc dir"),
        }
    }
    let mut cmd = Command::new(isolator());
    cmd.args(["-m", "--propagation", "private", "sh", "-c"])
        .arg("mount --bind \"$0\" /etc && exec \"$@\"")
        .arg(etc.path())
        .arg(exe)
        .args(args)
        .env("LC_ALL", "C")
        .env_remove("SHELL")
        .env_remove("NSUTILS_ARGV0");
    output(cmd)
}

/// The same `/etc` for ours and the reference (when there is one); returns ours.
fn same_with_etc(files: &[(&str, Option<&str>)], args: &[&str]) -> Seen {
    let mine = with_etc(Path::new(OURS), files, args);
    if let Some(reference) = reference() {
        let theirs = with_etc(reference, files, args);
        assert_eq!(mine, theirs, "{files:?} {args:?}: ours vs util-linux");
    }
    mine
}

#[test]
fn subuid_owners_are_whole_unsigned_longs() {
    // strtoul("4294967296") is not 0 (root's uid) although its low 32 bits are.
    let files = [("subuid", Some("4294967296:100000:10\nroot:5:5\n"))];
    let seen = same_with_etc(&files, &["--map-users=auto", "cat", "/proc/self/uid_map"]);
    assert_eq!(no_spaces(&seen.stdout), "0 5 5\n");
    // A name that is no number reads as 0: root's, whatever it says.
    let files = [("subuid", Some("nobody:7:3\n"))];
    let seen = same_with_etc(&files, &["--map-users=subids", "cat", "/proc/self/uid_map"]);
    assert_eq!(no_spaces(&seen.stdout), "7 7 3\n");
}

#[test]
fn a_subuid_directory_has_no_line() {
    let seen = same_with_etc(&[("subuid", None)], &["--map-users=auto", "true"]);
    assert_eq!(
        (seen.status, seen.stderr.as_str()),
        (
            1,
            "unshare: no line matching user \"root\" in /etc/subuid\n"
        )
    );
}

#[test]
fn out_of_range_is_reported_before_trailing_garbage() {
    let range = ": Numerical result out of range";
    for (args, stderr) in [
        (
            &["-S", "-1:-1", "true"][..],
            format!("unshare: failed to parse uid: '-1:-1'{range}\n"),
        ),
        (
            &["-G", "99999999999999999999x", "true"],
            format!("unshare: failed to parse gid: '99999999999999999999x'{range}\n"),
        ),
        (
            &["-T", "--monotonic", "9223372036854775808x", "true"],
            format!("unshare: failed to parse monotonic offset: '9223372036854775808x'{range}\n"),
        ),
        // In range, then garbage: only "failed to parse".
        (
            &["-S", "18446744073709551615x", "true"],
            "unshare: failed to parse uid: '18446744073709551615x'\n".to_string(),
        ),
        (
            &["-T", "--boottime", "-5x", "true"],
            "unshare: failed to parse boottime offset: '-5x'\n".to_string(),
        ),
    ] {
        let seen = same_as_reference(args);
        assert_eq!((seen.status, seen.stderr), (1, stderr), "{args:?}");
    }
}

#[test]
fn passwd_and_group_are_read_as_glibc_reads_them() {
    let root = "root:x:0:0::/root:/bin/sh\n";
    // (line, name looked up, the uid_map line made; None: the name is unknown)
    for (line, name, map) in [
        ("  foo:x:5:5::/:/bin/sh", "foo", Some("5 0 1\n")),
        ("#foo:x:5:5::/:/bin/sh", "#foo", None),
        ("foo:x: +5:5::/:/bin/sh", "foo", Some("5 0 1\n")),
        ("foo:x:5 :5::/:/bin/sh", "foo", None),
        ("+foo:x:5:5::/:/bin/sh", "+foo", None),
        ("foo:x:5", "foo", None),
        ("foo:x:5:5", "foo", Some("5 0 1\n")),
        ("foo:x:5:y::/:/bin/sh", "foo", None),
        ("foo:x:-1:5::/:/bin/sh", "foo", None),
        (":x:5:5::/:/bin/sh", "", Some("5 0 1\n")),
        // Found with uid -1: util-linux's "no mapping", so nothing is written.
        ("foo:x:4294967295:5::/:/bin/sh", "foo", Some("")),
    ] {
        let passwd = format!("{root}{line}\n");
        let map_user = format!("--map-user={name}");
        let args = [map_user.as_str(), "cat", "/proc/self/uid_map"];
        let seen = same_with_etc(&[("passwd", Some(&passwd))], &args);
        match map {
            Some(text) => assert_eq!(
                (seen.status, no_spaces(&seen.stdout)),
                (0, text.into()),
                "{line:?}"
            ),
            None => assert_eq!(
                (seen.status, seen.stderr),
                (1, format!("unshare: failed to parse uid '{name}'\n")),
                "{line:?}"
            ),
        }
    }
    let group = "root:x:0:\n  grp:x:6\n#hidden:x:7:\n";
    let seen = same_with_etc(
        &[("group", Some(group))],
        &["--map-group=grp", "cat", "/proc/self/gid_map"],
    );
    assert_eq!(no_spaces(&seen.stdout), "6 0 1\n");
    let seen = same_with_etc(&[("group", Some(group))], &["--map-group=#hidden", "true"]);
    assert_eq!(seen.stderr, "unshare: failed to parse gid '#hidden'\n");
}

#[test]
fn the_login_shell_is_the_rest_of_the_passwd_line() {
    // A comment is no entry: root's shell is the second line's.
    let passwd = "#root:x:0:0::/root:/bin/false\nroot:x:0:0::/root:/bin/true\n";
    let seen = same_with_etc(&[("passwd", Some(passwd))], &[]);
    assert_eq!((seen.status, seen.stderr.as_str()), (0, ""));
    let passwd = "root:x:0:0::/root:/bin/true:x\n";
    let seen = same_with_etc(&[("passwd", Some(passwd))], &[]);
    assert_eq!(
        (seen.status, seen.stderr.as_str()),
        (
            127,
            "unshare: failed to execute /bin/true:x: No such file or directory\n"
        )
    );
}
