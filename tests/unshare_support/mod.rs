//! Shared by the unshare integration tests: running our binary and the reference
//! (util-linux 2.42.4, fetched by `compat/fetch-reference`) side by side.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;

pub const OURS: &str = env!("CARGO_BIN_EXE_unshare");

/// What a user sees of one run.
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Seen {
    pub stdout: String,
    pub stderr: String,
    /// Exit status, or 128 + signal as a shell shows it.
    pub status: i32,
}

impl Seen {
    fn from(out: Output) -> Seen {
        let status = out
            .status
            .code()
            .unwrap_or_else(|| 128 + out.status.signal().unwrap_or(0));
        Seen {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            status,
        }
    }
}

#[path = "../support/mod.rs"]
mod support;
#[allow(unused_imports)] // not every test file uses both
pub use support::{reference_dir, skip, skip_check, TempDir};

/// The reference's `unshare`, if it can be had.
pub fn reference() -> Option<&'static Path> {
    static PATH: OnceLock<Option<PathBuf>> = OnceLock::new();
    PATH.get_or_init(|| reference_dir().map(|d| d.join("unshare")))
        .as_deref()
}

/// A command for our unshare, with argv[0] `unshare` as a user would type it, in the C
/// locale.
pub fn ours_cmd<S: AsRef<OsStr>>(args: &[S]) -> Command {
    let mut cmd = Command::new(OURS);
    cmd.arg0("unshare").args(args).env("LC_ALL", "C");
    cmd
}

pub fn reference_cmd<S: AsRef<OsStr>>(path: &Path, args: &[S]) -> Command {
    let mut cmd = Command::new(path);
    cmd.args(args)
        .env("LC_ALL", "C")
        .env_remove("NSUTILS_ARGV0");
    cmd
}

pub fn output(mut cmd: Command) -> Seen {
    cmd.stdin(Stdio::null());
    Seen::from(cmd.output().expect("cannot run the command"))
}

pub fn ours<S: AsRef<OsStr>>(args: &[S]) -> Seen {
    output(ours_cmd(args))
}

/// Runs the same arguments through ours and the reference (when it exists) and checks
/// they show the same thing after `normalize`; returns what ours showed.
pub fn same_as_reference_with<S: AsRef<OsStr>>(args: &[S], normalize: fn(&str) -> String) -> Seen {
    let mine = ours(args);
    if let Some(reference) = reference() {
        let theirs = output(reference_cmd(reference, args));
        let norm = |s: &Seen| (normalize(&s.stdout), normalize(&s.stderr), s.status);
        let shown: Vec<String> = args
            .iter()
            .map(|a| a.as_ref().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            norm(&mine),
            norm(&theirs),
            "unshare {shown:?}: ours vs util-linux"
        );
    }
    mine
}

pub fn same_as_reference<S: AsRef<OsStr>>(args: &[S]) -> Seen {
    same_as_reference_with(args, |s| s.to_string())
}

/// Replaces every run of digits by `N` (pids, mount ids, inode numbers).
pub fn no_digits(s: &str) -> String {
    let mut out = String::new();
    let mut in_digits = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('N');
            }
            in_digits = true;
        } else {
            out.push(c);
            in_digits = false;
        }
    }
    out
}

/// A spawned process that is killed and reaped however the test ends.
pub struct Guard(pub Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Whether a program exists in PATH (for tools the tests lean on).
pub fn have(program: &str) -> bool {
    find_program(program).is_some()
}

/// Where a program is in PATH.
pub fn find_program(program: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
}

/// The system's unshare (util-linux), used only to give a test a throwaway mount
/// namespace; ours if there is none.
pub fn isolator() -> &'static str {
    if Path::new("/usr/bin/unshare").is_file() {
        "/usr/bin/unshare"
    } else {
        OURS
    }
}

/// `readlink /proc/self/ns/<ns>` of the test process.
pub fn own_ns(ns: &str) -> String {
    std::fs::read_link(format!("/proc/self/ns/{ns}"))
        .expect("no ns link")
        .to_string_lossy()
        .into_owned()
}
