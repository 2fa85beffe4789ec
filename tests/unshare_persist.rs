//! Persistent namespaces (`--<ns>=FILE`): the bind mounts, their helper child, and that a
//! failure leaves no bind mount, program or helper behind. Everything runs inside a
//! throwaway mount and pid namespace (the binds vanish with it), pinned to one CPU for the
//! `--mount=FILE` binds (see DEVELOPERS.md).

mod unshare_support;

use std::collections::BTreeMap;
use std::process::Command;

use unshare_support::*;

/// Prints one `<case> <status> <same|differs...>` line per persistence case, then the
/// failure cases' evidence. `$1` is the unshare to test, `$2` a scratch directory.
const SCRIPT: &str = r#"
U=$1; d=$2
mount -t tmpfs nsutils "$d" || exit 99
for f in uts ipc net cgroup pid time user mnt user2 mnt2 pid2 a b; do : > "$d/$f"; done
check() { # case status inside-link file
	got=$(stat -L -c %i "$4")
	case $3 in *"[$got]") echo "$1 $2 same" ;; *) echo "$1 $2 differs: $3 vs $got" ;; esac
}
for ns in uts ipc net cgroup; do
	in=$("$U" --$ns="$d/$ns" readlink /proc/self/ns/$ns); check $ns $? "$in" "$d/$ns"
done
in=$("$U" -f --pid="$d/pid" readlink /proc/self/ns/pid); check pid $? "$in" "$d/pid"
in=$("$U" -f --time="$d/time" readlink /proc/self/ns/time); check time $? "$in" "$d/time"
in=$("$U" --user="$d/user" readlink /proc/self/ns/user); check user $? "$in" "$d/user"
in=$("$U" --mount="$d/mnt" readlink /proc/self/ns/mnt); check mnt $? "$in" "$d/mnt"
in=$("$U" -fr --user="$d/user2" --mount="$d/mnt2" --pid="$d/pid2" sh -c 'readlink /proc/self/ns/user /proc/self/ns/mnt /proc/self/ns/pid' | tr '\n' ' ')
st=$?
set -- $in
check combined-user $st "$1" "$d/user2"; check combined-mnt $st "$2" "$d/mnt2"; check combined-pid $st "$3" "$d/pid2"
mounted() { grep -c " $d/a " /proc/self/mountinfo; }
"$U" --uts="$d/a" --net="$d/nonexistent/x" true 2>"$d/err"; echo "undo $? $(mounted)"
"$U" -f --uts="$d/a" --net="$d/nonexistent/x" sh -c ": > $d/ran" 2>>"$d/err"; echo "fork-undo $? $(mounted) $(test -e "$d/ran" && echo ran || echo not-run)"
"$U" -m --uts="$d/a" --mount="$d/nonexistent/x" true 2>>"$d/err"; echo "helper-undo $? $(mounted)"
if command -v setpriv >/dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups "$U" --mount="$d/b" -p true 2>>"$d/err"
	echo "eperm $?"
fi
left=0
for p in /proc/[0-9]*; do [ "$p" = /proc/1 ] || [ "$(cat $p/comm 2>/dev/null)" != "${U##*/}" ] || left=$((left+1)); done
echo "left-behind $left"
sed "s#/proc/[0-9]*/#/proc/PID/#; s#$d#DIR#" "$d/err" | sed 's/^/err /'
# The tmpfs and the binds on it go with the throwaway mount namespace.
"#;

/// Runs the scenario with `unshare` and returns its lines by case name.
fn scenario(unshare: &str, tag: &str) -> Option<BTreeMap<String, String>> {
    if !have("taskset") {
        skip("taskset missing: Debian package util-linux");
        return None;
    }
    let dir = TempDir::new(tag);
    // The reference's wrapper exec's a loader with its own comm; count ours by name.
    let out = Command::new("taskset")
        .args([
            "-c",
            "0",
            isolator(),
            "-m",
            "-p",
            "-f",
            "--mount-proc",
            "--propagation",
            "private",
        ])
        .args([
            "taskset", "-c", "0", "sh", "-c", SCRIPT, "scenario", unshare,
        ])
        .arg(dir.path())
        .env("LC_ALL", "C")
        .output()
        .expect("cannot run the scenario");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "scenario failed: {out:?}");
    let mut lines = BTreeMap::new();
    for line in stdout.lines() {
        let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
        let entry: &mut String = lines.entry(key.to_string()).or_default();
        entry.push_str(rest);
        entry.push('\n');
    }
    Some(lines)
}

const PERSISTED: [&str; 11] = [
    "uts",
    "ipc",
    "net",
    "cgroup",
    "pid",
    "time",
    "user",
    "mnt",
    "combined-user",
    "combined-mnt",
    "combined-pid",
];

#[test]
fn namespace_files_persist_and_failures_leave_nothing() {
    let Some(ours) = scenario(OURS, "persist") else {
        return;
    };
    for case in PERSISTED {
        assert_eq!(
            ours.get(case).map(String::as_str),
            Some("0 same\n"),
            "{case}: {ours:?}"
        );
    }
    assert_eq!(
        ours["undo"], "1 0\n",
        "the first bind is undone when a later one fails"
    );
    assert_eq!(
        ours["fork-undo"], "1 0 not-run\n",
        "the program never runs when a bind fails"
    );
    assert_eq!(ours["helper-undo"], "1 0\n");
    match ours.get("eperm") {
        Some(eperm) => assert_eq!(eperm, "1\n"),
        None => {
            skip("setpriv missing: Debian package util-linux; the unprivileged bind is not tried")
        }
    }
    assert_eq!(
        ours["left-behind"], "0\n",
        "no helper or child survives a failure"
    );
    let err = &ours["err"];
    assert!(err.starts_with(
        "unshare: mount /proc/PID/ns/net on DIR/nonexistent/x failed: No such file or directory\n"
    ), "{err}");
    assert!(err.contains(
        "unshare: mount /proc/PID/ns/mnt on DIR/nonexistent/x failed: No such file or directory\n"
    ));

    // util-linux binds the same namespaces and says the same on failure (it leaves the
    // earlier binds, runs the program and orphans its helper: see compat/DEVIATIONS.md).
    if let Some(reference) = reference() {
        let theirs = scenario(reference.to_str().unwrap(), "persist-ref").unwrap();
        for case in PERSISTED {
            assert_eq!(ours.get(case), theirs.get(case), "{case}");
        }
        let statuses =
            |m: &BTreeMap<String, String>, k: &str| m[k].split(' ').next().map(String::from);
        for case in ["undo", "fork-undo", "helper-undo"] {
            assert_eq!(statuses(&ours, case), statuses(&theirs, case), "{case}");
        }
        assert_eq!(
            ours.get("err").map(|e| e.lines().count()),
            theirs.get("err").map(|e| e.lines().count())
        );
        let first = |m: &BTreeMap<String, String>| m["err"].lines().next().map(String::from);
        assert_eq!(first(&ours), first(&theirs));
    }
}
