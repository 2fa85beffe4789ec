//! The committed man pages and completion scripts are what the option tables produce.
//! `NSUTILS_REGENERATE=1` (what `make generate` sets) rewrites them instead of checking.

mod docs;
#[path = "support/mod.rs"]
mod support;

use std::path::Path;

#[test]
fn generated_files_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let regenerate = std::env::var_os("NSUTILS_REGENERATE").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (path, text) in docs::generated_files() {
        let file = root.join(&path);
        let committed = std::fs::read_to_string(&file).ok();
        if committed.as_deref() == Some(text.as_str()) {
            continue;
        }
        if regenerate {
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir).unwrap();
            }
            std::fs::write(&file, text).unwrap();
            eprintln!("regenerated {path}");
        } else {
            stale.push(path);
        }
    }
    assert!(
        stale.is_empty(),
        "generated files differ from what the option tables produce: {}\n\
         run `{}` (or `NSUTILS_REGENERATE=1 cargo test --test generated`) and commit the result",
        stale.join(", "),
        docs::REGENERATE
    );
}

/// Runs a linter on every man page; None when the linter is not installed.
fn lint(program: &str, args: &[&str]) -> Option<Vec<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut complaints = Vec::new();
    for page in ["man/unshare.1", "man/nsenter.1"] {
        let out = std::process::Command::new(program)
            .args(args)
            .arg(root.join(page))
            .output()
            .ok()?;
        let text = [out.stdout, out.stderr].concat();
        if !text.is_empty() || !out.status.success() {
            complaints.push(format!("{page}: {}", String::from_utf8_lossy(&text)));
        }
    }
    Some(complaints)
}

#[test]
fn man_pages_lint_clean() {
    for (program, args, package) in [
        ("groff", &["-man", "-ww", "-z"][..], "groff-base"),
        ("mandoc", &["-Tlint"][..], "mandoc"),
    ] {
        match lint(program, args) {
            Some(complaints) => assert!(
                complaints.is_empty(),
                "{program} {args:?} complains:\n{}",
                complaints.join("\n")
            ),
            None => support::skip(&format!("{program} missing: Debian package {package}")),
        }
    }
}
