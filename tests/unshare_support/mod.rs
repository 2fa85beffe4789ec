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

/// The reference's directory, fetched once per test binary; `None` (with a note) when it
/// cannot be had.
pub fn reference() -> Option<&'static Path> {
    static REF: OnceLock<Option<PathBuf>> = OnceLock::new();
    REF.get_or_init(|| {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("compat/fetch-reference");
        let out = Command::new(script)
            .arg("--quiet")
            .stderr(Stdio::inherit())
            .output();
        match out {
            Ok(o) if o.status.success() => {
                let dir = PathBuf::from(String::from_utf8_lossy(&o.stdout).trim());
                Some(dir.join("unshare"))
            }
            _ => {
                eprintln!("note: util-linux reference unavailable; comparisons skipped");
                None
            }
        }
    })
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

/// A temporary directory, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!("nsutils-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("cannot create a temp dir");
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
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
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
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
