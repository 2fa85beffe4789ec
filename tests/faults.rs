//! Failure paths held at the call that fails: each test runs a tool under compat's tracer
//! (`compat/lib/faultrace.c`, ptrace), which fails one chosen system call, or signals the
//! process stopped at it, so what is tested happens every time rather than by chance.
//! Runs as root; needs gcc (the tracer is built once per test binary).

mod nsenter_common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use nsenter_common::Target;

const UNSHARE: &str = env!("CARGO_BIN_EXE_unshare");
const NSENTER: &str = env!("CARGO_BIN_EXE_nsenter");

/// Cargo's scratch directory for integration tests (under `target/`).
const SCRATCH: &str = env!("CARGO_TARGET_TMPDIR");

/// The tracer, built once into the scratch directory.
fn tracer() -> Option<&'static Path> {
    static TRACER: OnceLock<Option<PathBuf>> = OnceLock::new();
    TRACER
        .get_or_init(|| {
            // Built under a name of its own, then renamed: test binaries running at once
            // never run a half-written tracer, and one file is left in target/.
            let out = Path::new(SCRATCH).join("faultrace");
            let building = Path::new(SCRATCH).join(format!("faultrace.{}", std::process::id()));
            let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("compat/lib/build-tracer");
            let built = Command::new(script).arg(&building).status();
            if built.map(|s| s.success()).unwrap_or(false)
                && std::fs::rename(&building, &out).is_ok()
            {
                Some(out)
            } else {
                nsenter_common::skip_check(
                    "faultrace",
                    "the tracer (compat/lib/faultrace.c) cannot be built: gcc missing?",
                );
                None
            }
        })
        .as_deref()
}

/// How a traced run ended: the tool's status (128+N for signal N), output, and the tracer's
/// report (`hit` once the point was reached, `timeout`, `leftover PATH EXE`).
struct Traced {
    status: i32,
    stdout: String,
    stderr: String,
    report: String,
}

/// Runs `command` under the tracer with `options` (e.g. `--fail EPERM@0:write:1`).
fn traced(options: &[&str], command: &[&str]) -> Option<Traced> {
    let tracer = tracer()?;
    let report = Path::new(SCRATCH).join(format!(
        "nsutils-faults-report-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let out = Command::new(tracer)
        .args(["--timeout", "20", "--report"])
        .arg(&report)
        .args(options)
        .arg("--")
        .args(command)
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .output()
        .expect("run the tracer");
    let text = std::fs::read_to_string(&report).unwrap_or_default();
    let _ = std::fs::remove_file(&report);
    Some(Traced {
        status: out.status.code().expect("the tracer exits"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        report: text,
    })
}

/// The point was reached, and nothing hung or was left running.
fn assert_clean_end(run: &Traced) {
    assert!(
        run.report.starts_with("hit "),
        "point not reached: {}",
        run.report
    );
    assert!(!run.report.contains("timeout"), "hung: {}", run.report);
    assert!(
        !run.report.contains("leftover"),
        "left behind: {}",
        run.report
    );
}

/// Issue 13, bug 1: with `--forward-signals` the child inherited the forwarding handler,
/// whose target is 0 in the child, so SIGTERM/SIGINT reaching it before exec were lost and
/// the program ran. Signalled while it restores its signal mask (the signal is blocked until
/// then), the child must die of it, and unshare with it.
#[test]
fn forward_signals_child_dies_of_a_signal_before_exec() {
    for (name, sig) in [("TERM", libc::SIGTERM), ("INT", libc::SIGINT)] {
        let point = format!("{name}@0.1:rt_sigprocmask:1");
        let cmd = [UNSHARE, "-f", "--forward-signals", "sh", "-c", "echo ran"];
        let Some(run) = traced(&["--signal", &point], &cmd) else {
            return;
        };
        assert_clean_end(&run);
        assert_eq!(run.stdout, "", "SIG{name} was lost: the program ran");
        assert_eq!(run.status, 128 + sig, "SIG{name}: {}", run.stderr);
    }
}

/// The same signal sent to the parent while it forks (blocked there, so pending across the
/// fork) is forwarded once the child's pid is known, and ends the child wherever it is.
#[test]
fn forward_signals_signal_pending_across_the_fork_is_forwarded() {
    let cmd = [UNSHARE, "-f", "--forward-signals", "sh", "-c", "echo ran"];
    let Some(run) = traced(&["--signal", "TERM@0:clone:1"], &cmd) else {
        return;
    };
    assert_clean_end(&run);
    assert_eq!(run.stdout, "", "the program ran");
    assert_eq!(run.status, 128 + libc::SIGTERM, "{}", run.stderr);
}

/// Issue 13, bug 2: a failed write of the sync word left the id-map helper waiting on its
/// eventfd and unshare waiting for the helper, forever.
#[test]
fn failed_sync_with_the_idmap_helper_does_not_hang() {
    let cmd = [
        UNSHARE,
        "-U",
        "--map-users=0:100000:10",
        "--map-groups=0:100000:10",
        "true",
    ];
    let point = "EPERM@0:write:1:anon_inode:eventfd";
    let Some(run) = traced(&["--fail", point], &cmd) else {
        return;
    };
    assert_clean_end(&run);
    assert_eq!(
        run.stderr,
        "unshare: failed to write eventfd: Operation not permitted\n"
    );
    assert_eq!(run.status, 1);
}

/// Runs `unshare --user=FILE true` under the tracer failing `point`, in a mount namespace
/// of its own (so that no bind can reach the host), and then counts the mounts on FILE
/// there (printed on stdout). None when the tracer cannot be built (the check is skipped).
fn bind_helper_run(name: &str, point: &str) -> Option<std::process::Output> {
    let tracer = tracer()?.to_str().expect("a UTF-8 path");
    let dir = Path::new(SCRATCH).join(format!("faults-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("userns");
    std::fs::write(&file, "").expect("the namespace file");
    let file = file.to_str().expect("a UTF-8 path");
    let user = format!("--user={file}");
    let script = r#"file=$1; shift; "$@"; rc=$?; grep -c " $file " /proc/self/mountinfo; exit $rc"#;
    let out = Command::new("/usr/bin/unshare")
        .args(["-m", "--propagation", "private"])
        .args(["sh", "-c", script, "sh", file])
        .args([tracer, "--fail", point, "--", UNSHARE, &user, "true"])
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .output()
        .expect("run the tracer");
    let _ = std::fs::remove_dir_all(&dir);
    Some(out)
}

/// Bug 2 for the bind helper of `--user=FILE`: sent away, it binds nothing.
#[test]
fn failed_sync_with_the_bind_helper_does_not_hang() {
    let Some(out) = bind_helper_run("sync", "EPERM@0:write:1:anon_inode:eventfd") else {
        return;
    };
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "unshare: failed to write eventfd: Operation not permitted\n"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "0\n", "a bind left");
    assert_eq!(out.status.code(), Some(1));
}

/// A failed waitpid for the bind helper, told to go: unshare failed at once while the
/// helper went on binding, so the bind outlived the failure or not, by chance. Waited for
/// once more, the helper is known to have bound the file: the run ends as a clean one.
#[test]
fn failed_wait_for_the_bind_helper_is_made_again() {
    let Some(out) = bind_helper_run("wait", "EINVAL@0:wait4:1") else {
        return;
    };
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let mounts = String::from_utf8_lossy(&out.stdout);
    assert_eq!(mounts, "1\n", "the file is not bound");
    assert_eq!(out.status.code(), Some(0));
}

/// Issue 13, bug 3: nsenter forking for a PID namespace left its child unwaited and
/// exited 1 without a word when waitpid failed.
#[test]
fn nsenter_failed_waitpid_says_so_and_reaps_the_child() {
    let target = Target::start(&["-p", "-f"], "");
    let pid = target.pid_arg();
    let cmd = [NSENTER, "-t", &pid, "-p", "sleep", "30"];
    let Some(run) = traced(&["--fail", "EINVAL@0:wait4:1"], &cmd) else {
        return;
    };
    assert_clean_end(&run);
    assert_eq!(run.stderr, "nsenter: waitpid failed: Invalid argument\n");
    assert_eq!(run.status, 1);
}

/// Issue 13, bug 4: `unshare -f` forgot its child before waiting for it, so a failed
/// waitpid left the program running while unshare reported failure.
#[test]
fn unshare_failed_waitpid_leaves_no_program_running() {
    let cmd = [UNSHARE, "-f", "sleep", "30"];
    let Some(run) = traced(&["--fail", "EINVAL@0:wait4:1"], &cmd) else {
        return;
    };
    assert_clean_end(&run);
    assert_eq!(run.stderr, "unshare: waitpid failed: Invalid argument\n");
    assert_eq!(run.status, 1);
}
