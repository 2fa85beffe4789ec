//! What every integration test needs, whichever tool it tests: temp dirs that are always
//! removed, and the util-linux 2.42.4 reference fetched once per test binary. Included by
//! the per-tool support modules (`#[path]`), since each test file is its own crate.
#![allow(dead_code)]

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
            eprintln!("note: util-linux reference unavailable; comparisons skipped");
        }
        dir
    })
    .as_deref()
}
