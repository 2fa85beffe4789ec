//! The generated bash completion, run in real bash with Debian's bash-completion package:
//! each case sets COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT as bash would for the typed
//! line, calls the completion function and reads COMPREPLY.

#[path = "support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

const BASH_COMPLETION: &str = "/usr/share/bash-completion/bash_completion";

/// A temporary directory with files `f1`, `f2` and a directory `d`, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("nsutils-completion-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("d")).unwrap();
        std::fs::write(dir.join("f1"), "").unwrap();
        std::fs::write(dir.join("f2"), "").unwrap();
        Scratch(dir)
    }

    fn path(&self) -> String {
        self.0.to_str().unwrap().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// Whether bash-completion is installed; if not, the calling test is counted as skipped.
fn available() -> bool {
    if Path::new(BASH_COMPLETION).exists() {
        return true;
    }
    support::skip(&format!(
        "{BASH_COMPLETION} missing: Debian package bash-completion"
    ));
    false
}

/// Splits a command line into COMP_WORDS as bash does with its default COMP_WORDBREAKS
/// (only `=` and `:` matter here): blanks separate words, and a run of break characters
/// is a word of its own. A line ending in a blank completes a new, empty word.
fn comp_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    for token in line.split(' ').filter(|t| !t.is_empty()) {
        let mut current = String::new();
        let mut in_breaks = false;
        for c in token.chars() {
            let is_break = c == '=' || c == ':';
            if is_break != in_breaks && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            in_breaks = is_break;
            current.push(c);
        }
        words.push(current);
    }
    if line.ends_with(' ') {
        words.push(String::new());
    }
    words
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// What completing at the end of `line` offers (sorted), or None if the test is skipped.
fn complete(line: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let words = comp_words(line);
    let tool = &words[0];
    let script = format!(
        "source {bc}\n\
         source {unshare}\n\
         source {nsenter}\n\
         mycmd() {{ :; }}\n\
         complete -W 'alpha beta' mycmd\n\
         COMP_WORDS=({words})\n\
         COMP_CWORD={cword}\n\
         COMP_LINE={line}\n\
         COMP_POINT={point}\n\
         COMP_TYPE=9 COMP_KEY=9\n\
         _{tool}_module {tool} \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        bc = BASH_COMPLETION,
        unshare = quote(root.join("completion/bash/unshare").to_str().unwrap()),
        nsenter = quote(root.join("completion/bash/nsenter").to_str().unwrap()),
        words = words.iter().map(|w| quote(w)).collect::<Vec<_>>().join(" "),
        cword = words.len() - 1,
        line = quote(line),
        point = line.len(),
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &script])
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "bash failed for {line:?}: {out:?}");
    let mut reply: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    reply.sort();
    reply
}

fn check(line: &str, expected: &[&str]) {
    assert_eq!(complete(line), expected, "completing {line:?}");
}

#[test]
fn splits_like_bash() {
    assert_eq!(
        comp_words("unshare --mount=/x"),
        ["unshare", "--mount", "=", "/x"]
    );
    assert_eq!(
        comp_words("nsenter -t 1:2 "),
        ["nsenter", "-t", "1", ":", "2", ""]
    );
    assert_eq!(
        comp_words("unshare --kill-child="),
        ["unshare", "--kill-child", "="]
    );
}

#[test]
fn option_names_and_equals_forms() {
    if !available() {
        return;
    }
    check("unshare --prop", &["--propagation"]);
    check("unshare --kill-c", &["--kill-child", "--kill-child="]);
    check("unshare --map-r", &["--map-root-user"]);
    check("nsenter --wd", &["--wd", "--wd=", "--wdns", "--wdns="]);
    check("nsenter --user", &["--user", "--user-parent", "--user="]);
    let all = complete("unshare -");
    for name in [
        "-m",
        "--mount",
        "--mount=",
        "--clear-env",
        "--whitelist-env",
        "-V",
    ] {
        assert!(
            all.contains(&name.to_string()),
            "{name} missing from {all:?}"
        );
    }
}

#[test]
fn fixed_values() {
    if !available() {
        return;
    }
    check(
        "unshare --propagation ",
        &["private", "shared", "slave", "unchanged"],
    );
    check("unshare --propagation=sh", &["shared"]);
    check("unshare --setgroups d", &["deny"]);
    check("unshare --setgr d", &["deny"]);
    check("unshare --prop=sh", &["shared"]);
    check("unshare --kill=SIGKI", &["SIGKILL"]);
    check("nsenter --setu f", &["follow"]);
    check("unshare --setgroups=", &["allow", "deny"]);
    check("unshare --kill-child=SIGKI", &["SIGKILL"]);
    check("unshare --kill-child=TER", &["TERM"]);
    check("nsenter -S f", &["follow"]);
    check("nsenter --setgid=fo", &["follow"]);
    check("unshare --map-users ", &["all", "auto", "subids"]);
    check("unshare --map-groups=s", &["subids"]);
    check("unshare --map-groups a", &["all", "auto"]);
    // Free-form values offer nothing rather than files or option names.
    check("unshare --monotonic ", &[]);
    check("unshare --owner=", &[]);
}

#[test]
fn ids_and_pids() {
    if !available() {
        return;
    }
    // -S and -G take numbers only; --map-user and --map-group names too.
    for line in ["unshare -S ", "unshare -G ", "unshare --setgid="] {
        let ids = complete(line);
        assert!(ids.contains(&"0".to_string()), "{line:?}: {ids:?}");
        assert!(
            ids.iter().all(|id| id.parse::<u32>().is_ok()),
            "{line:?}: {ids:?}"
        );
    }
    for line in [
        "unshare --map-user ",
        "unshare --map-group=",
        "unshare --map-user=",
    ] {
        let ids = complete(line);
        assert!(
            ids.contains(&"0".to_string()) && ids.contains(&"root".to_string()),
            "{line:?}: {ids:?}"
        );
    }
    check("unshare --map-user ro", &["root"]);
    check("unshare --map-group=roo", &["root"]);
    let ids = complete("nsenter -S ");
    assert!(ids.contains(&"0".to_string()) && ids.contains(&"follow".to_string()));
    let pids = complete("nsenter -t ");
    assert!(pids.contains(&"1".to_string()), "{pids:?}");
    assert!(pids.iter().all(|p| p.parse::<u32>().is_ok()), "{pids:?}");
    let pids = complete("nsenter --target=1");
    assert!(pids.iter().all(|p| p.starts_with('1')) && pids.contains(&"1".to_string()));
}

#[test]
fn files_and_directories() {
    if !available() {
        return;
    }
    let scratch = Scratch::new();
    let p = scratch.path();
    let files = [format!("{p}/f1"), format!("{p}/f2")];
    let dir = [format!("{p}/d")];
    let all = [format!("{p}/d"), format!("{p}/f1"), format!("{p}/f2")];
    assert_eq!(complete(&format!("unshare --mount={p}/f")), files);
    assert_eq!(complete(&format!("unshare --net={p}/")), all);
    assert_eq!(complete(&format!("unshare --mount-proc={p}/")), dir);
    assert_eq!(complete(&format!("unshare -R {p}/")), dir);
    assert_eq!(complete(&format!("unshare --wd={p}/")), dir);
    assert_eq!(complete(&format!("nsenter --net={p}/f")), files);
    assert_eq!(complete(&format!("nsenter --wdns={p}/")), dir);
    // Attached to a short option, after any flags bundled before it.
    let with = |head: &str, paths: &[String]| -> Vec<String> {
        paths.iter().map(|x| format!("{head}{x}")).collect()
    };
    assert_eq!(complete(&format!("unshare -R{p}/")), with("-R", &dir));
    assert_eq!(complete(&format!("unshare -fw{p}/")), with("-fw", &dir));
    assert_eq!(complete(&format!("nsenter -m{p}/f")), with("-m", &files));
    assert_eq!(complete(&format!("nsenter -Fr{p}/")), with("-Fr", &dir));
    // unshare's short namespace options take no argument: -m/x is no file.
    assert_eq!(complete(&format!("unshare -m{p}/f")), Vec::<String>::new());
}

#[test]
fn values_attached_to_short_options() {
    if !available() {
        return;
    }
    check("unshare -Sr", &[]);
    check("unshare -frS0", &["-frS0"]);
    check("unshare --fork -Gro", &[]);
    check("nsenter -Sfo", &["-Sfollow"]);
    let pids = complete("nsenter -at1");
    assert!(pids.contains(&"-at1".to_string()), "{pids:?}");
    assert!(pids.iter().all(|p| p.starts_with("-at1")), "{pids:?}");
    check("unshare -fR", &[]);
}

#[test]
fn wrapped_program_is_completed_by_its_own_completion() {
    if !available() {
        return;
    }
    check("unshare mycm", &["mycmd"]);
    check("unshare --fork mycmd a", &["alpha"]);
    check("unshare -R /tmp mycmd b", &["beta"]);
    check("unshare -fR /tmp mycmd b", &["beta"]);
    check("unshare -fR/tmp mycmd b", &["beta"]);
    check("unshare -rS 0 -G 0 mycmd a", &["alpha"]);
    check(
        "unshare --root /tmp --propagation private mycmd ",
        &["alpha", "beta"],
    );
    check("unshare --root=/tmp --mount=/tmp/x mycmd b", &["beta"]);
    check("unshare --map-users=0:1000:1 mycmd a", &["alpha"]);
    check("unshare --mount mycmd a", &["alpha"]);
    check("unshare -- mycmd a", &["alpha"]);
    check("unshare --ro /tmp --setgr deny mycmd a", &["alpha"]);
    check("unshare --map-user 0 mycmd a", &["alpha"]);
    check("unshare --map-user=0 mycmd a", &["alpha"]);
    check("unshare -f mycmd --prop", &[]);
    check("nsenter -t 1 -m mycmd a", &["alpha"]);
    check("nsenter -mfile -S 0 mycmd a", &["alpha"]);
    check("nsenter -t 1:2 --net=/x mycmd b", &["beta"]);
    // A tool wrapping the other: nsenter's own completion takes over.
    check("unshare --mount=/tmp/x nsenter --targ", &["--target"]);
    check("nsenter -t 1 -a unshare --propagation=p", &["private"]);
}
