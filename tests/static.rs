//! The default build: `cargo build --release` makes one static, stripped binary (a static
//! PIE, `.cargo/config.toml`), within the size budget and with no NSS code in it, that acts
//! as `unshare` or `nsenter` by the name it is run under: a hard link, a symbolic link or a
//! bare name found in `PATH`.
//!
//! The binary is built once per test run, by that command itself (under `cargo test
//! --release` it is the binary cargo built for the tests).

#[path = "support/mod.rs"]
mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The budget for the stripped static binary: 1.25 MiB.
const MAX_SIZE: u64 = 1_310_720;

/// Glibc's NSS functions; a static program calling any of them would load `libnss_*.so` at
/// run time (and break the promise of a self-contained binary).
const NSS_FUNCTIONS: &[&str] = &[
    "getpwnam",
    "getpwuid",
    "getpwent",
    "getgrnam",
    "getgrgid",
    "getgrent",
    "getgrouplist",
    "initgroups",
    "getspnam",
];

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `cargo build --release` once and returns the release `unshare`.
fn static_binary() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let tested = Path::new(env!("CARGO_BIN_EXE_unshare"));
        let profile_dir = tested.parent().expect("the binary's directory");
        if profile_dir.ends_with("release") {
            // `cargo test --release`: that build is the default build (and cargo holds
            // its lock).
            return tested.to_path_buf();
        }
        let out = Command::new(env!("CARGO"))
            .args(["build", "--release", "--bin", "unshare"])
            .current_dir(manifest_dir())
            .env(
                "CARGO_TARGET_DIR",
                profile_dir.parent().expect("the target dir"),
            )
            .output()
            .expect("runs cargo build --release");
        assert!(
            out.status.success(),
            "cargo build --release failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let path = profile_dir.with_file_name("release").join("unshare");
        assert!(path.is_file(), "no binary at {}", path.display());
        path
    })
}

/// A directory under cargo's per-target temporary directory (the same file system as the
/// binary, so hard links work), removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("static-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("creates a temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn run(program: &Path, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("runs {}: {e}", program.display()))
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn u16_at(b: &[u8], at: usize) -> usize {
    u16::from_le_bytes([b[at], b[at + 1]]).into()
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(word)
}

/// The ELF facts that make a program static: no interpreter (`PT_INTERP`) and no
/// `DT_NEEDED` library. Returns the program header types and the dynamic tags.
fn elf_layout(elf: &[u8]) -> (Vec<u32>, Vec<u64>) {
    assert_eq!(&elf[..5], b"\x7fELF\x02", "a 64-bit ELF file");
    assert_eq!(u16_at(elf, 0x12), 62, "an x86-64 ELF file");
    let (phoff, phentsize, phnum) = (
        u64_at(elf, 0x20) as usize,
        u16_at(elf, 0x36),
        u16_at(elf, 0x38),
    );
    let mut types = Vec::new();
    let mut tags = Vec::new();
    for i in 0..phnum {
        let ph = &elf[phoff + i * phentsize..][..phentsize];
        let p_type = u32::from_le_bytes([ph[0], ph[1], ph[2], ph[3]]);
        types.push(p_type);
        if p_type == 2 {
            // PT_DYNAMIC: tag/value pairs up to DT_NULL.
            let (off, size) = (u64_at(ph, 8) as usize, u64_at(ph, 32) as usize);
            for entry in elf[off..off + size].chunks_exact(16) {
                match u64_at(entry, 0) {
                    0 => break,
                    tag => tags.push(tag),
                }
            }
        }
    }
    (types, tags)
}

#[test]
fn build_is_static_and_stripped() {
    let bin = static_binary();
    let elf = fs::read(bin).expect("reads the binary");
    let (types, tags) = elf_layout(&elf);
    assert!(!types.contains(&3), "has a PT_INTERP: dynamically linked");
    assert!(!tags.contains(&1), "has DT_NEEDED libraries");
    // A static PIE: position-independent (ET_DYN), its relocations packed (DT_RELR).
    assert_eq!(u16_at(&elf, 0x10), 3, "not a PIE (ELF type ET_DYN)");
    assert!(tags.contains(&36), "no DT_RELR: relocations not packed");

    let ldd = run(Path::new("ldd"), &[bin.to_str().expect("UTF-8 path")]);
    let said = format!("{}{}", stdout(&ldd), String::from_utf8_lossy(&ldd.stderr));
    assert!(
        said.contains("statically linked") || said.contains("not a dynamic executable"),
        "ldd says: {said}"
    );

    // file(1) is not on every minimal system; the checks above stand without it.
    match Command::new("file").arg("-b").arg(bin).output() {
        Ok(out) => {
            let said = stdout(&out);
            assert!(said.contains("static-pie linked"), "file says: {said}");
            assert!(said.contains(", stripped"), "file says: {said}");
        }
        Err(e) => support::skip(&format!("file(1) cannot run: {e}; Debian package file")),
    }
}

#[test]
fn build_fits_the_size_budget() {
    let size = fs::metadata(static_binary())
        .expect("stats the binary")
        .len();
    assert!(
        size <= MAX_SIZE,
        "the static binary is {size} bytes, over the {MAX_SIZE}-byte (1.25 MiB) budget"
    );
}

/// Static glibc links its NSS machinery only for the functions that need it; the file name
/// of its configuration is then in the binary.
#[test]
fn build_has_no_nss() {
    let elf = fs::read(static_binary()).expect("reads the binary");
    for needle in [&b"/etc/nsswitch.conf"[..], b"libnss_"] {
        assert!(
            !elf.windows(needle.len()).any(|w| w == needle),
            "the binary contains {:?}: something calls NSS",
            String::from_utf8_lossy(needle)
        );
    }
}

/// Every source file, so a call to an NSS function is caught even on a path the linker
/// happens to drop today.
fn rust_sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("reads src/") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn sources_call_no_nss() {
    let mut files = Vec::new();
    rust_sources(&manifest_dir().join("src"), &mut files);
    assert!(!files.is_empty());
    for file in files {
        let text = fs::read_to_string(&file).expect("reads a source file");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for name in NSS_FUNCTIONS {
                assert!(
                    !code.contains(name),
                    "{}:{}: calls {name}; read /etc/passwd and /etc/group with src/passwd.rs",
                    file.display(),
                    n + 1
                );
            }
        }
    }
}

/// The tool a name selects, as `--version` and `--help` show it.
fn assert_acts_as(program: &Path, tool: &str) {
    let version = run(program, &["--version"]);
    assert!(
        version.status.success(),
        "{}: {version:?}",
        program.display()
    );
    assert!(
        stdout(&version).starts_with(&format!("{tool} from nsutils ")),
        "{} --version: {}",
        program.display(),
        stdout(&version)
    );
    let help = run(program, &["--help"]);
    assert!(help.status.success(), "{}: {help:?}", program.display());
    assert!(
        stdout(&help).contains(&format!(
            "\n {tool} [options] [<program> [<argument>...]]\n"
        )),
        "{} --help: {}",
        program.display(),
        stdout(&help)
    );
    assert!(stdout(&help).contains(&format!("For more details see {tool}(1).")));
}

#[test]
fn both_names_work_through_hard_links() {
    let bin = static_binary();
    let dir = TempDir::new("hard");
    for tool in ["unshare", "nsenter"] {
        let link = dir.0.join(tool);
        fs::hard_link(bin, &link).expect("hard-links the binary");
        assert_acts_as(&link, tool);
    }
}

#[test]
fn both_names_work_through_symbolic_links() {
    let bin = static_binary();
    let dir = TempDir::new("sym");
    for tool in ["unshare", "nsenter"] {
        let link = dir.0.join(tool);
        std::os::unix::fs::symlink(bin, &link).expect("symlinks the binary");
        assert_acts_as(&link, tool);
        // Found through PATH, argv[0] is the bare name.
        let out = Command::new(tool)
            .arg("--version")
            .env("PATH", &dir.0)
            .output()
            .expect("runs the tool from PATH");
        assert!(stdout(&out).starts_with(&format!("{tool} from nsutils ")));
    }
}

/// The SigIgn mask of the program the tool runs, with SIGPIPE ignored or not beforehand.
fn sigign_of_program(bin: &Path, ignore_sigpipe: bool) -> u64 {
    let dir = TempDir::new(if ignore_sigpipe {
        "sigpipe-ign"
    } else {
        "sigpipe-dfl"
    });
    let link = dir.0.join("nsenter");
    std::os::unix::fs::symlink(bin, &link).expect("symlinks the binary");
    // $$ is the shell, which exec turns into nsenter: it enters its own UTS namespace.
    let trap = if ignore_sigpipe { "trap '' PIPE; " } else { "" };
    let script = format!("{trap}exec \"$0\" -t $$ -u cat /proc/self/status");
    let out = Command::new("sh")
        .args(["-c", &script])
        .arg(&link)
        .output()
        .expect("runs sh");
    assert!(out.status.success(), "{out:?}");
    let status = stdout(&out);
    let mask = status
        .lines()
        .find_map(|l| l.strip_prefix("SigIgn:"))
        .unwrap_or_else(|| panic!("no SigIgn in {status}"));
    u64::from_str_radix(mask.trim(), 16).expect("a hex mask")
}

/// Like a C program, and unlike Rust's default start-up, the tool leaves SIGPIPE as it found
/// it, so the program it runs inherits the caller's disposition (util-linux behaves so).
#[test]
fn program_inherits_the_sigpipe_disposition() {
    let bin = static_binary();
    let sigpipe = 1u64 << (libc::SIGPIPE - 1);
    assert_eq!(
        sigign_of_program(bin, false) & sigpipe,
        0,
        "SIGPIPE ignored"
    );
    assert_ne!(
        sigign_of_program(bin, true) & sigpipe,
        0,
        "SIGPIPE not ignored"
    );
}
