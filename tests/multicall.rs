//! The binary invoked as `nsutils` (BusyBox-style): `nsutils TOOL ARG...` runs the tool,
//! `--list` names the tools, `--install [-s] DIR` makes the links; any other name that is
//! not a tool's is refused with a usage message. The binary runs as `nsutils` through a
//! symbolic link of that name.

#[path = "support/mod.rs"]
mod support;

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::TempDir;

fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_unshare"))
}

/// The built binary under the name `name` in `dir`: a symbolic link (a copy would be
/// written while other tests fork, and a child holding it open makes exec fail with
/// ETXTBSY).
fn link_as(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::os::unix::fs::symlink(binary(), &path).expect("links the binary");
    path
}

fn run(program: &Path, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("runs {}: {e}", program.display()))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn list_names_the_tools() {
    let dir = TempDir::new("mc-list");
    let out = run(&link_as(dir.path(), "nsutils"), &["--list"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(text(&out.stdout), "unshare\nnsenter\n");
}

#[test]
fn first_argument_names_the_tool() {
    let dir = TempDir::new("mc-run");
    let nsutils = link_as(dir.path(), "nsutils");
    for tool in ["unshare", "nsenter"] {
        let out = run(&nsutils, &[tool, "--version"]);
        assert!(out.status.success(), "{out:?}");
        assert!(text(&out.stdout).starts_with(&format!("{tool} from nsutils ")));
        let help = text(&run(&nsutils, &[tool, "--help"]).stdout);
        assert!(
            help.contains(&format!("For more details see {tool}(1).")),
            "{help}"
        );
    }
    // A namespace of its own: the UTS namespace the program sees is not ours.
    let out = run(
        &nsutils,
        &["unshare", "--uts", "readlink", "/proc/self/ns/uts"],
    );
    assert!(out.status.success(), "{out:?}");
    let ours = fs::read_link("/proc/self/ns/uts").expect("reads our UTS namespace");
    assert_ne!(text(&out.stdout).trim(), ours.to_string_lossy());
}

/// Messages name the tool, as util-linux's (invoked under the tool's name) do.
#[test]
fn messages_name_the_tool() {
    let dir = TempDir::new("mc-msg");
    let nsutils = link_as(dir.path(), "nsutils");
    let out = run(&nsutils, &["unshare", "--bogus"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "unshare: unrecognized option '--bogus'\nTry 'unshare --help' for more information.\n"
    );
    let out = run(&nsutils, &["nsenter", "-t", "0", "-m", "true"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("nsenter: "), "{out:?}");
}

#[test]
fn no_or_unknown_tool_is_a_usage_error() {
    let dir = TempDir::new("mc-usage");
    let nsutils = link_as(dir.path(), "nsutils");
    let out = run(&nsutils, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).starts_with("Usage:\n nsutils <tool> [<argument>...]\n"));
    let out = run(&nsutils, &["mount"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "nsutils: unknown tool 'mount'\nTry 'nsutils --help' for more information.\n"
    );
    for (arg, said) in [
        ("--bogus", "unrecognized option '--bogus'"),
        ("-xy", "invalid option -- 'x'"),
    ] {
        let out = run(&nsutils, &[arg]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            text(&out.stderr),
            format!("nsutils: {said}\nTry 'nsutils --help' for more information.\n")
        );
    }
    let help = run(&nsutils, &["--help"]);
    assert!(help.status.success());
    assert!(text(&help.stdout).contains(" nsutils --install [-s] <directory>\n"));
}

/// Hard links to the binary itself (the one `/proc/self/exe` names), so in a directory on
/// its file system: cargo's per-target temporary directory.
#[test]
fn install_makes_hard_links() {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("mc-hard-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("creates a temp dir");
    let dir = TempDir(dir);
    let nsutils = link_as(dir.path(), "nsutils");
    let bin = dir.path().join("bin");
    fs::create_dir(&bin).expect("creates bin/");
    let out = run(&nsutils, &["--install", bin.to_str().expect("UTF-8")]);
    assert!(out.status.success(), "{out:?}");
    let ino = fs::metadata(binary()).expect("stats the binary").ino();
    for tool in ["unshare", "nsenter"] {
        let link = bin.join(tool);
        let meta = fs::symlink_metadata(&link).expect("the link exists");
        assert!(meta.is_file(), "{tool} is not a hard link");
        assert_eq!(meta.ino(), ino, "{tool} is another file");
        let version = text(&run(&link, &["--version"]).stdout);
        assert!(version.starts_with(&format!("{tool} from nsutils ")));
    }
}

#[test]
fn install_s_makes_symbolic_links_and_leaves_existing_names() {
    let dir = TempDir::new("mc-sym");
    let nsutils = link_as(dir.path(), "nsutils");
    let bin = dir.path().join("bin");
    fs::create_dir(&bin).expect("creates bin/");
    fs::write(bin.join("nsenter"), "not ours").expect("writes bin/nsenter");
    let out = run(&nsutils, &["--install", "-s", bin.to_str().expect("UTF-8")]);
    assert!(out.status.success(), "{out:?}");
    assert!(out.stderr.is_empty(), "{out:?}");
    let target = fs::read_link(bin.join("unshare")).expect("unshare is a symbolic link");
    assert_eq!(
        target,
        fs::canonicalize(&nsutils).expect("resolves nsutils")
    );
    assert_eq!(
        fs::read_to_string(bin.join("nsenter")).expect("reads bin/nsenter"),
        "not ours"
    );
}

#[test]
fn install_reports_a_missing_directory() {
    let dir = TempDir::new("mc-missing");
    let nsutils = link_as(dir.path(), "nsutils");
    let missing = dir.path().join("missing");
    let out = run(&nsutils, &["--install", missing.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "nsutils: {0}/unshare: No such file or directory\n\
             nsutils: {0}/nsenter: No such file or directory\n",
            missing.display()
        )
    );
    let out = run(&nsutils, &["--install"]);
    assert_eq!(out.status.code(), Some(1));
}

/// Any other name (a renamed copy, say) is not a tool: today's usage message, exit 1.
#[test]
fn other_names_are_refused() {
    let dir = TempDir::new("mc-other");
    for name in ["unshare.nsutils", "nsutils2"] {
        let out = run(&link_as(dir.path(), name), &["--version"]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(out.stdout.is_empty());
        let err = text(&out.stderr);
        assert!(err.starts_with("Usage: unshare [options]"), "{err}");
        assert!(
            err.contains("install this binary as 'unshare' or 'nsenter'"),
            "{err}"
        );
    }
}
