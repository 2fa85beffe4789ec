//! The committed man pages and completion scripts are what the option tables produce.
//! `NSUTILS_REGENERATE=1` (what `make generate` sets) rewrites them instead of checking.

use std::path::Path;

#[test]
fn generated_files_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let regenerate = std::env::var_os("NSUTILS_REGENERATE").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (path, text) in nsutils::docs::generated_files() {
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
         run `{}` and commit the result",
        stale.join(", "),
        nsutils::docs::REGENERATE
    );
}
