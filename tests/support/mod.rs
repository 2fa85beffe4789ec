//! What every integration test needs, whichever tool it tests: temp dirs that are always
//! removed, the util-linux 2.42.4 reference fetched once per test binary, and [`skip`] for
//! a check that cannot run here. Included by the per-tool support modules, or directly
//! (`#[path = "support/mod.rs"] mod support;`), since each test file is its own crate.
#![allow(dead_code)]

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

/// A temp directory of its own (unique per process and call), removed with everything in
/// it when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Self {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let n = COUNT.fetch_add(1, Ordering::SeqCst);
        let name = format!("nsutils-test-{}-{tag}-{n}", std::process::id());
        let dir = std::env::temp_dir().join(name);
        std::fs::create_dir_all(&dir).expect("cannot create a temp dir");
        TempDir(dir)
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

/// The directory holding the reference's `unshare` and `nsenter` (`compat/fetch-reference`,
/// cached after the first fetch); `None`, with a note, when it cannot be had, and the
/// comparisons are skipped.
pub fn reference_dir() -> Option<&'static Path> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("compat/fetch-reference");
        let out = Command::new(script)
            .arg("--quiet")
            .stderr(Stdio::inherit())
            .output();
        let dir = match out {
            Ok(o) if o.status.success() => {
                Some(PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
            }
            _ => None,
        };
        let dir = dir.filter(|d| d.join("unshare").exists() && d.join("nsenter").exists());
        if dir.is_none() {
            skip_check(
                "comparisons with util-linux 2.42.4",
                "compat/fetch-reference could not fetch the reference",
            );
        }
        dir
    })
    .as_deref()
}

/// The running test cannot do (some of) its checks here, because `why`, which says what is
/// missing and where to get it (`mandoc missing: Debian package mandoc`): say so and count
/// it. Call it where the test returns early or leaves checks out; it does not end the test.
pub fn skip(why: &str) {
    let thread = std::thread::current();
    // libtest runs each test on a thread named after it.
    skip_check(thread.name().unwrap_or("(unnamed test)"), why);
}

/// `check` (a test's name, or what several tests leave out) cannot run here, because `why`:
/// printed at once as `SKIPPED: <test binary>::<check> (<why>)` past the harness's output
/// capture, so the default output shows it, and appended to the ledger, where the last step
/// of `make test` (`tests/skipped`) names every skipped check and fails under CI=true.
pub fn skip_check(check: &str, why: &str) {
    // This file is compiled into each test crate: the path's first name is the test binary.
    let binary = module_path!().split("::").next().unwrap_or("");
    let line = format!("{binary}::{check}\t{why}\n");
    // One write each, so that lines from tests running in parallel do not interleave.
    let _ = std::io::stderr().write_all(format!("SKIPPED: {binary}::{check} ({why})\n").as_bytes());
    let ledger = skip_ledger();
    if let Some(dir) = ledger.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let recorded = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&ledger)
        .and_then(|mut f| f.write_all(line.as_bytes()));
    if let Err(e) = recorded {
        panic!("cannot record the skip in {}: {e}", ledger.display());
    }
}

/// Where skips are recorded, one `check<TAB>why` line each: `$NSUTILS_SKIPPED` (the
/// Makefile sets it), else `target/tmp/nsutils-skipped`. `tests/skipped` reads the same.
pub fn skip_ledger() -> PathBuf {
    std::env::var_os("NSUTILS_SKIPPED")
        .filter(|p| !p.is_empty())
        .map_or_else(
            || Path::new(env!("CARGO_TARGET_TMPDIR")).join("nsutils-skipped"),
            PathBuf::from,
        )
}
