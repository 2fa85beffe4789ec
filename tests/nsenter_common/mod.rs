//! Shared helpers for the nsenter integration tests: target processes in new namespaces
//! (always killed and reaped), temp dirs (always removed), and running our binary and the
//! util-linux 2.42 reference side by side.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};

pub const OURS: &str = env!("CARGO_BIN_EXE_nsenter");
/// util-linux 2.38.1, installed: it makes the targets (our own unshare is not used here).
pub const SYSTEM_UNSHARE: &str = "/usr/bin/unshare";

/// What a run printed and how it ended.
#[derive(Debug, PartialEq, Eq)]
pub struct Run {
    pub code: Option<i32>,
    pub signal: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(out: Output) -> Self {
        use std::os::unix::process::ExitStatusExt;
        Run {
            code: out.status.code(),
            signal: out.status.signal(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// A command for `bin` in the C locale with no stdin.
pub fn command<S: AsRef<OsStr>>(bin: impl AsRef<OsStr>, args: &[S]) -> Command {
    let mut cmd = Command::new(bin);
    cmd.args(args).env("LC_ALL", "C").stdin(Stdio::null());
    cmd
}

pub fn run_bin<S: AsRef<OsStr>>(bin: impl AsRef<OsStr>, args: &[S]) -> Run {
    command(bin, args).output().expect("runs").into()
}

/// Runs our nsenter.
pub fn ours<S: AsRef<OsStr>>(args: &[S]) -> Run {
    run_bin(OURS, args)
}

#[path = "../support/mod.rs"]
mod support;
#[allow(unused_imports)] // not every test file uses both
pub use support::{reference_dir, skip, skip_check, TempDir};

/// Runs the reference nsenter, if there is one.
pub fn reference<S: AsRef<OsStr>>(args: &[S]) -> Option<Run> {
    Some(run_bin(reference_dir()?.join("nsenter"), args))
}

/// Runs ours and asserts the reference (when available) does exactly the same.
pub fn ours_like_reference<S: AsRef<OsStr> + std::fmt::Debug>(args: &[S]) -> Run {
    let run = ours(args);
    if let Some(expected) = reference(args) {
        assert_eq!(run, expected, "ours vs util-linux 2.42.4 for {args:?}");
    }
    run
}

/// A sleeping process in new namespaces, made by `/usr/bin/unshare`. It is killed and
/// reaped when dropped, whatever happened in the test.
pub struct Target {
    launcher: Child,
    /// The sleeper: the launcher itself, or its child when unshare forks.
    pub pid: i32,
    /// Lines the setup script printed before `ready`.
    pub lines: Vec<String>,
}

impl Target {
    /// Runs `unshare ARGS sh -c 'SCRIPT; echo ready; exec sleep 1000'`. With `-f` among the
    /// arguments the sleeper is unshare's child.
    pub fn start(unshare_args: &[&str], script: &str) -> Target {
        Target::start_through(&[], unshare_args, script)
    }

    /// [`Target::start`], with unshare started by `through` (a program and its arguments
    /// that execs the rest of its command line).
    pub fn start_through(through: &[&str], unshare_args: &[&str], script: &str) -> Target {
        let full = format!("{script}\necho ready\nexec sleep 1000");
        let argv: Vec<&str> = [through, &[SYSTEM_UNSHARE], unshare_args].concat();
        let mut launcher = Command::new(argv[0])
            .args(&argv[1..])
            .args(["sh", "-c", &full])
            .env("LC_ALL", "C")
            .env("NSENTER_TEST_TARGET", "yes")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn /usr/bin/unshare");
        let stdout = launcher.stdout.take();
        let mut target = Target {
            pid: launcher.id() as i32,
            launcher,
            lines: Vec::new(),
        };
        let mut reader = BufReader::new(stdout.expect("piped stdout"));
        loop {
            let mut line = String::new();
            let n = reader.read_line(&mut line).expect("read target output");
            assert!(n > 0, "target {unshare_args:?} died before it was ready");
            if line.trim_end() == "ready" {
                break;
            }
            target.lines.push(line.trim_end().to_string());
        }
        if unshare_args.iter().any(|a| is_fork_flag(a)) {
            target.pid = only_child(target.pid);
        }
        target.wait_for_sleep();
        target
    }

    /// Waits until the final `exec sleep` has happened, so that /proc/PID/environ and the
    /// rest are the sleeper's.
    fn wait_for_sleep(&self) {
        let cmdline = format!("/proc/{}/cmdline", self.pid);
        for _ in 0..10_000 {
            let now = std::fs::read(&cmdline).unwrap_or_default();
            if now.starts_with(b"sleep\0") {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        panic!("target {} never became the sleeper", self.pid);
    }

    pub fn ns(&self, kind: &str) -> String {
        readlink(&format!("/proc/{}/ns/{kind}", self.pid))
    }

    pub fn pid_arg(&self) -> String {
        self.pid.to_string()
    }
}

fn is_fork_flag(arg: &str) -> bool {
    arg == "--fork" || (arg.starts_with('-') && !arg.starts_with("--") && arg.contains('f'))
}

impl Drop for Target {
    fn drop(&mut self) {
        let _ = nsutils::sys::kill(self.pid, libc::SIGKILL);
        let _ = self.launcher.kill();
        let _ = self.launcher.wait();
    }
}

/// The one child of `pid` (unshare -f's program).
fn only_child(pid: i32) -> i32 {
    let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .expect("children of the launcher");
    children
        .split_whitespace()
        .next()
        .and_then(|c| c.parse().ok())
        .expect("the launcher has a child")
}

pub fn readlink(path: &str) -> String {
    std::fs::read_link(path)
        .unwrap_or_else(|e| panic!("readlink {path}: {e}"))
        .to_string_lossy()
        .into_owned()
}

/// A status line (`Uid:`, `NSpid:`, ...) of /proc/PID/status, without its name.
pub fn status_field(status: &str, name: &str) -> String {
    status
        .lines()
        .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_string()))
        .unwrap_or_default()
}
