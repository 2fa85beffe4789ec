//! Every example of the generated man pages runs as printed. Each EXAMPLES block of
//! `man/unshare.1` and `man/nsenter.1` is read back from the roff source, its commands fed
//! to bash as a reader would paste them (a command that starts a shell, such as
//! `unshare --mount --pid --fork`, gets the lines after it, as in a terminal), and what they
//! print compared with the lines the page shows. A command that fails, or a block that
//! does not finish within its time, fails the test.
//!
//! Each block runs in a throwaway sandbox (new mount, PID, UTS and IPC namespaces, taken
//! down with everything in it when the block ends), with our binaries first in PATH and the
//! fixtures the pages take for granted: tmpfs on /root, /srv and /mnt, a user 1000 with
//! subordinate IDs, a root file system in /srv/rootfs (BusyBox) and a stand-in for
//! qemu-user-static with a PowerPC "program" in /srv/powerpc. `$` blocks run as user 1000,
//! `#` blocks as root.

#[path = "support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::TempDir;

/// How long one block may take.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// Blocks whose output depends on the machine, by a command they contain: they must run
/// and print as many lines as shown, but not the same ones.
const VARYING: &[(&str, &str)] = &[("uptime -p", "the host's uptime")];

/// Programs blocks need beyond bash and coreutils, by a word of the block that needs them,
/// with the Debian package that has them.
const NEEDS: &[(&str, &str, &str)] = &[
    ("pgrep", "pgrep", "procps"),
    ("ps ", "ps", "procps"),
    ("uptime", "uptime", "procps"),
    ("--map-auto", "newuidmap", "uidmap"),
    ("--load-interp", "gcc", "gcc"),
];

#[derive(Debug, PartialEq)]
enum Prompt {
    Root,
    User,
}

/// One EXAMPLES block: who runs it, its commands (continuation lines included) and what
/// it prints.
#[derive(Debug)]
struct Example {
    page: &'static str,
    prompt: Prompt,
    commands: Vec<String>,
    output: String,
}

/// The text of a roff line as the reader sees it: the escapes our roff writer emits.
fn unescape(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (text, len) = [
            ("\\e", "\\"),
            ("\\-", "-"),
            ("\\&", ""),
            ("\\(aq", "'"),
            ("\\(ga", "`"),
            ("\\(dq", "\""),
            ("\\(ti", "~"),
            ("\\(ha", "^"),
        ]
        .iter()
        .find(|(escape, _)| rest.starts_with(escape))
        .map(|(escape, text)| (*text, escape.len()))
        .unwrap_or_else(|| panic!("unexpected escape in an example: {line:?}"));
        out.push_str(text);
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

/// The EXAMPLES blocks of a page (`.EX` ... `.EE` in the EXAMPLES section).
fn examples(page: &'static str) -> Vec<Example> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(page);
    let text = std::fs::read_to_string(&path).unwrap();
    let section = text
        .split("\n.SH ")
        .find(|s| s.starts_with("EXAMPLES\n"))
        .unwrap_or_else(|| panic!("{page}: no EXAMPLES section"));
    let mut blocks = Vec::new();
    for block in section.split("\n.EX\n").skip(1) {
        let body = block.split("\n.EE\n").next().unwrap();
        blocks.push(parse_block(page, body.lines().map(unescape).collect()));
    }
    blocks
}

/// Lines after a prompt are commands, continued by a line ending in `\` or `|`; the others
/// are output.
fn parse_block(page: &'static str, lines: Vec<String>) -> Example {
    let mut commands: Vec<String> = Vec::new();
    let mut output = String::new();
    let mut prompt = None;
    let mut continued = false;
    for line in lines {
        if continued {
            let command = commands.last_mut().unwrap();
            command.push('\n');
            command.push_str(&line);
        } else if let Some((p, command)) = line
            .strip_prefix("# ")
            .map(|c| (Prompt::Root, c))
            .or_else(|| line.strip_prefix("$ ").map(|c| (Prompt::User, c)))
        {
            assert!(
                prompt.as_ref().map_or(true, |q| *q == p),
                "{page}: a block mixes # and $ prompts: {line:?}"
            );
            prompt = Some(p);
            commands.push(command.to_string());
        } else {
            assert!(!commands.is_empty(), "{page}: output before any command");
            output.push_str(&line);
            output.push('\n');
        }
        continued = line.ends_with('\\') || line.ends_with('|');
    }
    Example {
        page,
        prompt: prompt.unwrap_or_else(|| panic!("{page}: a block without a command")),
        commands,
        output,
    }
}

/// The commands as a bash script that stops at the first one that fails. The check runs in
/// whichever shell reads it, so it also guards the commands typed into a shell an example
/// starts.
fn script(example: &Example) -> String {
    let mut s = String::new();
    for (i, command) in example.commands.iter().enumerate() {
        s.push_str(command);
        s.push_str(&format!(
            "\n__status=$?; if [ \"$__status\" != 0 ]; then \
             echo \"example command {} failed with status $__status\" >&2; exit 1; fi\n",
            i + 1
        ));
    }
    s
}

/// Prepares the sandbox, then runs the block's script in it as root or user 1000.
const SETUP: &str = r#"set -eu
mount -t tmpfs -o mode=755 examples /srv
if [ -n "${NSUTILS_BUSYBOX:-}" ]; then
	sh "$NSUTILS_MKIMAGE" "$NSUTILS_BUSYBOX" /srv/rootfs
fi
# After the image: BusyBox may be cached under /root.
for dir in /root /mnt; do mount -t tmpfs -o mode=755 examples "$dir"; done
mkdir -p /srv/bin /srv/user /srv/upper/etc /srv/upper/bin /srv/work/etc /srv/work/bin
cp "$NSUTILS_UNSHARE" /srv/bin/unshare
cp "$NSUTILS_NSENTER" /srv/bin/nsenter
chmod 755 /srv/bin/unshare /srv/bin/nsenter

# /etc and /usr/bin writable for the fixtures, for this sandbox only.
mount -t overlay -o lowerdir=/etc,upperdir=/srv/upper/etc,workdir=/srv/work/etc examples /etc
mount -t overlay -o lowerdir=/usr/bin,upperdir=/srv/upper/bin,workdir=/srv/work/bin examples /usr/bin
awk -F: '$3 == 1000 { found = 1 } END { exit !found }' /etc/passwd ||
	echo 'example:x:1000:1000::/srv/user:/bin/sh' >>/etc/passwd
awk -F: '$3 == 1000 { found = 1 } END { exit !found }' /etc/group ||
	echo 'example:x:1000:' >>/etc/group
echo 1000:100000:65536 >/etc/subuid
echo 1000:100000:65536 >/etc/subgid
chown 1000:1000 /srv/user

# A PowerPC root: a "uname" that is only an ELF header, and an "emulator" that answers
# for it, as qemu-ppc-static would for the real one.
mkdir -p /srv/powerpc/bin /srv/powerpc/proc
printf '\177ELF\001\002\001\000\000\000\000\000\000\000\000\000\000\002\000\024' >/srv/powerpc/bin/uname
chmod 755 /srv/powerpc/bin/uname
if [ -n "${NSUTILS_QEMU:-}" ]; then
	printf '#include <stdio.h>\nint main(void) { puts("ppc"); return 0; }\n' >/srv/qemu.c
	gcc -static -o /usr/bin/qemu-ppc-static /srv/qemu.c
fi

export PATH=/srv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export SHELL=/bin/bash LC_ALL=C
unset NSUTILS_UNSHARE NSUTILS_NSENTER NSUTILS_BUSYBOX NSUTILS_MKIMAGE NSUTILS_QEMU
if [ "$NSUTILS_AS" = root ]; then
	cd /root
	export HOME=/root
	exec bash -s <"$NSUTILS_SCRIPT"
fi
cd /srv/user
export HOME=/srv/user
exec setpriv --reuid=1000 --regid=1000 --clear-groups bash -s <"$NSUTILS_SCRIPT"
"#;

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).exists()))
}

/// What the block needs and this machine lacks, as a SKIPPED reason.
fn missing(example: &Example, busybox: &Option<PathBuf>) -> Option<String> {
    let text = example.commands.join("\n");
    for (word, program, package) in NEEDS {
        if text.contains(word) && !on_path(program) {
            return Some(format!("{program} is missing (Debian package {package})"));
        }
    }
    if text.contains("/srv/rootfs") && busybox.is_none() {
        return Some("no BusyBox for /srv/rootfs (compat/fetch-busybox failed)".into());
    }
    None
}

/// The static BusyBox for the container image, if `compat/fetch-busybox` can get it.
fn busybox() -> Option<PathBuf> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("compat/fetch-busybox");
    let out = Command::new(script).output().ok()?;
    let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim_end());
    (out.status.success() && path.exists()).then_some(path)
}

/// Runs one block in its sandbox: its stdout, or why it failed.
fn run(example: &Example, busybox: &Option<PathBuf>) -> Result<String, String> {
    let tmp = TempDir::new("examples");
    let script = tmp.path().join("example.sh");
    let setup = tmp.path().join("setup.sh");
    std::fs::write(&script, self::script(example)).unwrap();
    std::fs::write(&setup, SETUP).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // One CPU: binding a mount namespace file fails at random otherwise (see DEVELOPERS.md).
    let mut command = Command::new("taskset");
    command
        .args(["-c", "0", env!("CARGO_BIN_EXE_unshare")])
        .args(["--mount", "--propagation=private", "--uts", "--ipc"])
        .args(["--pid", "--fork", "--kill-child", "--mount-proc", "sh"])
        .arg(&setup)
        .env("NSUTILS_UNSHARE", env!("CARGO_BIN_EXE_unshare"))
        .env("NSUTILS_NSENTER", env!("CARGO_BIN_EXE_nsenter"))
        .env("NSUTILS_MKIMAGE", root.join("tests/article/mkimage"))
        .env("NSUTILS_SCRIPT", &script)
        .env(
            "NSUTILS_AS",
            if example.prompt == Prompt::Root {
                "root"
            } else {
                "user"
            },
        )
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let text = example.commands.join("\n");
    if let (Some(busybox), true) = (busybox, text.contains("/srv/rootfs")) {
        command.env("NSUTILS_BUSYBOX", busybox);
    }
    if text.contains("qemu-ppc-static") {
        command.env("NSUTILS_QEMU", "1");
    }
    let mut child = command.spawn().map_err(|e| format!("taskset: {e}"))?;
    // Read both pipes while waiting, so that a chatty block cannot stall on a full pipe.
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let read = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = pipe.read_to_end(&mut text);
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let (stdout, stderr) = (read(Box::new(stdout)), read(Box::new(stderr)));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > TIME_LIMIT {
            // The sandbox's unshare runs with --kill-child: its death takes the PID
            // namespace, and every process of the block, with it.
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());
    match status {
        None => Err(format!(
            "still running after {TIME_LIMIT:?}\nstdout:\n{stdout}stderr:\n{stderr}"
        )),
        Some(s) if !s.success() => Err(format!("{s}\nstdout:\n{stdout}stderr:\n{stderr}")),
        Some(_) => Ok(stdout),
    }
}

/// Runs every block of a page; returns the failures.
fn run_page(page: &'static str) -> Vec<String> {
    if nsutils::sys::geteuid() != 0 {
        support::skip(&format!(
            "the examples of {page} need root (they run in a sandbox of namespaces)"
        ));
        return Vec::new();
    }
    for (program, package) in [("taskset", "util-linux"), ("setpriv", "util-linux")] {
        if !on_path(program) {
            support::skip(&format!(
                "the examples of {page}: {program} is missing (Debian package {package})"
            ));
            return Vec::new();
        }
    }
    let examples = examples(page);
    assert!(examples.len() >= 3, "{page}: {} examples", examples.len());
    let needs_busybox = examples
        .iter()
        .any(|e| e.commands.iter().any(|c| c.contains("/srv/rootfs")));
    let busybox = if needs_busybox { busybox() } else { None };
    let mut failures = Vec::new();
    for example in &examples {
        let shown = example.commands.join("\n");
        if let Some(reason) = missing(example, &busybox) {
            support::skip(&format!("an example of {page}: {reason}: {shown}"));
            continue;
        }
        let varying = VARYING.iter().find(|(word, _)| shown.contains(word));
        match run(example, &busybox) {
            Err(why) => failures.push(format!("{}: example\n{shown}\nfailed: {why}", example.page)),
            Ok(out) if varying.is_some() => {
                if out.lines().count() != example.output.lines().count() {
                    failures.push(format!(
                        "{page}: example\n{shown}\nprinted {out:?}, the page shows {:?} \
                         (only the number of lines is compared: {})",
                        example.output,
                        varying.unwrap().1
                    ));
                }
            }
            Ok(out) if out != example.output => failures.push(format!(
                "{page}: example\n{shown}\nprinted:\n{out}the page shows:\n{}",
                example.output
            )),
            Ok(_) => {}
        }
    }
    failures
}

#[test]
fn blocks_are_read_back_as_commands_and_output() {
    let block = parse_block(
        "test",
        vec![
            "# echo a \\".into(),
            "      b |".into(),
            "  cat".into(),
            "a b".into(),
            "# true".into(),
        ],
    );
    assert_eq!(block.prompt, Prompt::Root);
    assert_eq!(block.commands, ["echo a \\\n      b |\n  cat", "true"]);
    assert_eq!(block.output, "a b\n");
    assert_eq!(unescape("\\-\\-x=\\(aq\\e\\(aq"), "--x='\\'");
    let all = examples("man/unshare.1");
    assert!(all.iter().any(|e| e.prompt == Prompt::User));
    assert!(all.iter().all(|e| !e.commands.is_empty()));
}

#[test]
fn unshare_examples_run_as_shown() {
    let failures = run_page("man/unshare.1");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn nsenter_examples_run_as_shown() {
    let failures = run_page("man/nsenter.1");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
