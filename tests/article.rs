//! The article "Poor man's Linux containers", end to end, with our `unshare` and `nsenter`.
//!
//! A minimal image root is built from Debian's static BusyBox (`tests/article/mkimage`), and
//! the article's commands are run as written inside `unshare --mount --pid --fork`, started
//! from a shell as a reader would; then the README's `pgrep` line finds the container's init
//! from that shell's PID, and `nsenter` looks into the container from outside. Each scenario
//! runs in a child process (this test binary again, running only that scenario) in a
//! throwaway mount namespace made by util-linux's `unshare`, whose mounts are made shared
//! first, as on a systemd host, so a container mount that escaped (no private propagation)
//! would show up in its mount table. The test process itself never changes namespace.
//!
//! The binaries under test default to ours; `NSUTILS_ARTICLE_UNSHARE` and
//! `NSUTILS_ARTICLE_NSENTER` point the test at others (e.g. util-linux's, to check the test).

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, ErrorKind};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{mpsc, OnceLock};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use nsutils::sys;

#[path = "support/mod.rs"]
mod support;

/// A plain PATH: the steps before `pivot_root` use the host's tools, those after it the
/// image's BusyBox applets, found again under the same names.
const PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// The article's steps, one command a line as a reader types them. `hash -r` is the one
/// addition: bash remembers where it found `mount`, and after `pivot_root` the host's
/// (dynamically linked) `mount` is gone; the image's BusyBox one must be looked up afresh.
const ARTICLE_STEPS: &str = r#"mount --bind "$IMAGE" /mnt/container0
mkdir -p /mnt/container0/mnt/old-root
cd /mnt/container0
pivot_root . ./mnt/old-root
cd /
hash -r
mount -t proc none /proc
mount -t devtmpfs -o size=50k,nr_inodes=2k none /dev
mount -t devpts -o newinstance,gid=5,mode=620,ptmxmode=666 none /dev/pts
awk '$2 ~ /old-root/ {print $2;}' /proc/mounts | sort -r | xargs -n 1 umount -l
rmdir /mnt/old-root
"#;

/// The README's "look in" line that finds the container's init, with the PID of the shell
/// unshare was started from (its step 0, `echo $$`) as `$1`.
const LOOK_IN: &str = r#"pgrep -P "$(pgrep -x -P "$1" unshare)""#;

/// The container's long-running init, after the steps (and after "ready" is printed).
const INIT: &str = "sleep 1000000";

/// How long a step or an nsenter command may take before the test calls it hung: a guard
/// so that a broken tool fails the test instead of blocking CI, not a timing assertion.
const HANG: Duration = Duration::from_secs(120);

/// The mounts a finished container has, in mount order: nothing of the old root is left.
const CONTAINER_MOUNTS: [&str; 4] = ["/", "/proc", "/dev", "/dev/pts"];

/// The file in the image that tells it apart from any other root.
const MARKER: &str = "etc/nsutils-article";

#[test]
fn article_container_mount_pid() {
    run_scenario("mount-pid", |image, token| {
        let container = Container::start(image, &[], "")?;
        let init = container.init;
        let status = fs::read_to_string(format!("/proc/{init}/status")).map_err(err)?;
        let nspid = status
            .lines()
            .find(|l| l.starts_with("NSpid:"))
            .unwrap_or("");
        check_eq(
            nspid.split_whitespace().last(),
            Some("1"),
            "the init's NSpid, seen from the host",
        )?;
        let expected = [INIT, "ps -o pid,args"];
        for how in [&["--mount", "--pid"][..], &["--all"]] {
            container.check_view(how, token, image, &expected)?;
        }
        Ok(container)
    });
}

#[test]
fn article_container_net_uts() {
    run_scenario("net-uts", |image, token| {
        let port = free_host_port()?;
        let host_name = fs::read_to_string("/proc/sys/kernel/hostname").map_err(err)?;
        let httpd = format!("httpd -p 127.0.0.1:{port} -h /var/www");
        let extra = format!("hostname container0\nip link set lo up\n{httpd}\n");
        let container = Container::start(image, &["--net", "--uts"], &extra)?;
        let url = format!("http://127.0.0.1:{port}/");
        let page = container.nsenter(&["--net", "--mount"], &["wget", "-q", "-O", "-", &url])?;
        check_eq(
            page.as_str(),
            token,
            "the page fetched inside the container",
        )?;
        match TcpStream::connect((Ipv4Addr::LOCALHOST, port)) {
            Err(e) if e.kind() == ErrorKind::ConnectionRefused => {}
            other => return Err(format!("the host reached the container's httpd: {other:?}")),
        }
        let name = container.nsenter(&["--uts", "--mount"], &["hostname"])?;
        check_eq(name.trim(), "container0", "the container's hostname")?;
        let host_now = fs::read_to_string("/proc/sys/kernel/hostname").map_err(err)?;
        check_eq(host_now, host_name, "the host's hostname")?;
        let expected = [INIT, httpd.as_str(), "ps -o pid,args"];
        for how in [&["--mount", "--pid"][..], &["--all"]] {
            container.check_view(how, token, image, &expected)?;
        }
        let both = container.nsenter(
            &["--all"],
            &["sh", "-c", &format!("hostname; wget -q -O - {url}")],
        )?;
        check_eq(
            both,
            format!("container0\n{token}"),
            "hostname and page under --all",
        )?;
        Ok(container)
    });
}

/// util-linux's `unshare`, which makes the throwaway mount namespace of each scenario.
const SYSTEM_UNSHARE: &str = "/usr/bin/unshare";

/// Set in the child process that runs one scenario: the scenario's name, image and token.
const INSIDE: [&str; 3] = [
    "NSUTILS_ARTICLE_SCENARIO",
    "NSUTILS_ARTICLE_IMAGE",
    "NSUTILS_ARTICLE_TOKEN",
];

/// What the child prints once its scenario has passed (a child that ran no test at all,
/// with a wrong test name, does not).
const PASSED: &str = "nsutils article scenario passed: ";

/// Builds the image, runs `body` in a child process in a throwaway mount namespace, tears
/// everything down, and fails with `body`'s error (or panic) only after the teardown. In
/// that child (the same test, run again), runs `body` itself.
fn run_scenario(name: &str, body: fn(&Path, &str) -> Result<Container, String>) {
    if std::env::var(INSIDE[0]).is_ok_and(|n| n == name) {
        return run_inside(name, body);
    }
    assert!(sys::geteuid() == 0, "the article test needs root");
    let work = TempDir::new(name);
    let image = work.path.join("image");
    let token = format!("nsutils article image {name} {}", std::process::id());
    if let Err(e) = build_image(&image, &token) {
        panic!("building the image: {e}");
    }
    let test = format!("article_container_{}", name.replace('-', "_"));
    let exe = std::env::current_exe().expect("the test binary");
    let outcome = Command::new(SYSTEM_UNSHARE)
        .args(["--mount", "--propagation", "private"])
        .arg(exe)
        .args(["--exact", &test, "--nocapture", "--test-threads=1"])
        .envs(
            INSIDE
                .iter()
                .zip([name.as_ref(), image.as_os_str(), token.as_ref()]),
        )
        .stdin(Stdio::null())
        .output();
    let leaked = host_mounts_under(&[&work.path, Path::new("/mnt/container0")]);
    drop(work);
    let out = outcome.unwrap_or_else(|e| panic!("{name}: running {SYSTEM_UNSHARE}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let passed = stdout.contains(&format!("{PASSED}{name}\n"));
    if !out.status.success() || !passed {
        let stderr = String::from_utf8_lossy(&out.stderr);
        panic!(
            "{name}: {}\nstdout:\n{stdout}\nstderr:\n{stderr}",
            out.status
        );
    }
    assert!(leaked.is_empty(), "mounts leaked to the host: {leaked:?}");
}

/// The child's side of [`run_scenario`]: in the throwaway namespace, runs `body`.
fn run_inside(name: &str, body: fn(&Path, &str) -> Result<Container, String>) {
    let image = PathBuf::from(std::env::var_os(INSIDE[1]).expect("the image"));
    let token = std::env::var(INSIDE[2]).expect("the token");
    if let Err(e) = in_throwaway_namespace(|| body(&image, &token)) {
        panic!("{name}: {e}");
    }
    println!("{PASSED}{name}");
}

/// Runs `body` in the fresh mount namespace (private propagation) the child process was
/// started in, with a tmpfs on /mnt holding /mnt/container0 and every mount made shared,
/// then checks that the mount table is the same while the container runs and after it is
/// gone. The namespace, and every mount in it, goes away with the process.
fn in_throwaway_namespace(body: impl FnOnce() -> Result<Container, String>) -> Result<(), String> {
    // Mounts below /mnt would be hidden by the tmpfs, and the article's unmount loop could
    // not reach them by path; they are this namespace's copies, so detach them here.
    for target in mount_points()
        .into_iter()
        .rev()
        .filter(|t| t.starts_with("/mnt/"))
    {
        sys::umount2(target.as_bytes(), libc::MNT_DETACH)
            .map_err(|e| format!("umount {target}: {e}"))?;
    }
    mount(Some("tmpfs"), "/mnt", Some("tmpfs"), 0, Some("mode=755"))?;
    fs::create_dir("/mnt/container0").map_err(err)?;
    mount(None, "/", None, libc::MS_REC | libc::MS_SHARED, None)?;
    let before = mount_table();
    // Checked while the container runs, and again after it is gone, even when a step
    // failed: a mount that propagated out outlives the container's namespace.
    let outcome = body().and_then(|container| {
        let same = unchanged(&before, "while the container runs");
        drop(container);
        same
    });
    match (outcome, unchanged(&before, "after the container is gone")) {
        (Ok(()), after) => after,
        (Err(e), Ok(())) => Err(e),
        (Err(e), Err(leak)) => Err(format!("{e}\nand {leak}")),
    }
}

/// Whether this process's mount table is still `before`; if not, what changed.
fn unchanged(before: &str, when: &str) -> Result<(), String> {
    let now = mount_table();
    let only_in = |a: &str, b: &str| {
        a.lines()
            .filter(|l| !b.lines().any(|m| m == *l))
            .collect::<Vec<_>>()
            .join("\n  ")
    };
    if now == before {
        return Ok(());
    }
    Err(format!(
        "the outer mount table changed {when}\nnew:\n  {}\ngone:\n  {}",
        only_in(&now, before),
        only_in(before, &now)
    ))
}

/// The container: a shell that runs our `unshare`, which runs the article's steps, and the
/// init once they are done. Dropping it kills and reaps everything it started.
struct Container {
    /// The reader's shell: `unshare`'s parent, and the leader of a process group that
    /// `unshare` and the init are in.
    shell: Child,
    init: libc::pid_t,
    log: PathBuf,
}

impl Container {
    /// Runs `unshare --mount --pid --fork EXTRA bash -c STEPS` from a shell and waits until
    /// the steps (and the `extra` commands after them) have run and the init is about to be
    /// exec'd.
    fn start(image: &Path, extra_options: &[&str], extra: &str) -> Result<Container, String> {
        let log = image.with_file_name("container.log");
        let script = format!("set -ex\n{ARTICLE_STEPS}{extra}echo ready\nexec {INIT}\n");
        let unshare = tool("NSUTILS_ARTICLE_UNSHARE", env!("CARGO_BIN_EXE_unshare"));
        // The shell forks unshare, as a reader's does: the command is not its last.
        let shell = Command::new("bash")
            .args(["-c", "\"$@\"; exit $?", "bash"])
            .arg(unshare)
            .args(["--mount", "--pid", "--fork"])
            .args(extra_options)
            .args(["bash", "-c", &script])
            .env_clear()
            .env("PATH", PATH)
            .env("IMAGE", image)
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(File::create(&log).map_err(err)?)
            .spawn()
            .map_err(|e| format!("running unshare from bash: {e}"))?;
        let mut container = Container {
            shell,
            init: 0,
            log,
        };
        let mut line = String::new();
        if let Some(out) = container.shell.stdout.take() {
            let limit = HANG.as_millis() as libc::c_int;
            match sys::poll_one(&out, libc::POLLIN, limit) {
                Ok(0) => return Err(format!("the steps hung:\n{}", container.log())),
                Ok(_) => BufReader::new(out).read_line(&mut line).map_err(err)?,
                Err(e) => return Err(format!("poll: {e}")),
            };
        }
        if line != "ready\n" {
            return Err(format!(
                "the article's steps failed (stdout {line:?}):\n{}",
                container.log()
            ));
        }
        let shell = container.shell.id() as libc::pid_t;
        let unshare = match children(shell)[..] {
            [unshare] => unshare,
            ref other => return Err(format!("the shell has children {other:?}, not unshare")),
        };
        match children(unshare)[..] {
            [init] => container.init = init,
            ref other => return Err(format!("unshare has children {other:?}, not one init")),
        }
        container.check_look_in(shell)?;
        Ok(container)
    }

    /// The README's way to find the init from outside names this container's init.
    fn check_look_in(&self, shell: libc::pid_t) -> Result<(), String> {
        let have_pgrep = PATH
            .split(':')
            .any(|d| Path::new(d).join("pgrep").is_file());
        if !have_pgrep {
            support::skip_check(
                "the README's look-in",
                "pgrep missing: Debian package procps",
            );
            return Ok(());
        }
        let out = Command::new("sh")
            .args(["-c", LOOK_IN, "sh", &shell.to_string()])
            .env_clear()
            .env("PATH", PATH)
            .output()
            .map_err(err)?;
        check_eq(
            success(&out, LOOK_IN)?,
            format!("{}\n", self.init),
            "what the README's look-in line finds",
        )
    }

    /// What the steps printed (`set -x` traces them), for failure messages.
    fn log(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_else(|e| format!("({}: {e})", self.log.display()))
    }

    /// Runs `nsenter --target INIT HOW COMMAND`; its stdout if it succeeds.
    fn nsenter(&self, how: &[&str], command: &[&str]) -> Result<String, String> {
        let init = self.init.to_string();
        let what = format!(
            "nsenter --target {init} {} {}",
            how.join(" "),
            command.join(" ")
        );
        let nsenter = tool("NSUTILS_ARTICLE_NSENTER", env!("CARGO_BIN_EXE_nsenter"));
        let out = Command::new(nsenter)
            .args(["--target", &init])
            .args(how)
            .args(command)
            .env_clear()
            .env("PATH", PATH)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(err)
            .and_then(output_or_kill)
            .map_err(|e| format!("{what}: {e}"))?;
        success(&out, &what)
    }

    /// From outside, with `nsenter HOW`: the image is `/`, the mounts are the container's
    /// own and nothing of the old root, and the processes are the container's, init as PID 1.
    fn check_view(
        &self,
        how: &[&str],
        token: &str,
        image: &Path,
        processes: &[&str],
    ) -> Result<(), String> {
        let what = |s: &str| format!("{s} under nsenter {}", how.join(" "));
        check_eq(
            self.nsenter(how, &["cat", &format!("/{MARKER}")])?,
            token.to_string(),
            &what("the marker"),
        )?;
        let mountinfo = self.nsenter(how, &["cat", "/proc/self/mountinfo"])?;
        let mounts: Vec<(&str, &str)> =
            mountinfo.lines().filter_map(root_and_mount_point).collect();
        let points: Vec<&str> = mounts.iter().map(|m| m.1).collect();
        check_eq(
            &points[..],
            &CONTAINER_MOUNTS[..],
            &what("the mount points"),
        )?;
        let root = mounts.first().map_or("", |m| m.0);
        let image_name = image
            .strip_prefix(image.ancestors().nth(2).unwrap_or(image))
            .unwrap_or(image);
        if !Path::new(root).ends_with(image_name) {
            return Err(what(&format!(
                "`/` is {root}, not a bind mount of {}",
                image.display()
            )));
        }
        check_eq(
            self.nsenter(how, &["ls", "-A", "/mnt"])?.as_str(),
            "",
            &what("/mnt"),
        )?;
        let ps = self.nsenter(how, &["ps", "-o", "pid,args"])?;
        let rows: Vec<(&str, &str)> = ps
            .lines()
            .skip(1)
            .filter_map(|l| l.trim().split_once(' '))
            .collect();
        let seen: BTreeSet<&str> = rows.iter().map(|r| r.1.trim()).collect();
        check_eq(
            seen,
            processes.iter().copied().collect(),
            &what("the processes"),
        )?;
        check_eq(
            rows.len(),
            processes.len(),
            &what(&format!("the number of processes in {ps:?}")),
        )?;
        let init = rows.iter().find(|r| r.0 == "1").map(|r| r.1.trim());
        check_eq(init, Some(INIT), &what("PID 1"))
    }
}

impl Drop for Container {
    fn drop(&mut self) {
        // Killing the init (PID 1 of the namespace) kills every process in it; then unshare,
        // which waits for it, ends, and the shell after it, each reaped by its parent.
        let shell = self.shell.id() as libc::pid_t;
        let mut killed = false;
        for unshare in children(shell) {
            for pid in children(unshare) {
                killed |= sys::kill(pid, libc::SIGKILL).is_ok();
            }
        }
        if killed {
            let deadline = Instant::now() + Duration::from_secs(10);
            while matches!(self.shell.try_wait(), Ok(None)) && Instant::now() < deadline {
                thread::sleep(Duration::from_millis(10));
            }
        }
        // Whatever is left is killed outright: the shell leads a process group that unshare
        // is in, and until the shell is reaped the group's id is theirs.
        let _ = sys::kill(-shell, libc::SIGKILL);
        let _ = self.shell.wait();
    }
}

/// A directory under the system's temp dir, removed when dropped.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new(name: &str) -> TempDir {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let unique = format!("nsutils-article-{name}-{}-{nanos}", std::process::id());
        let path = std::env::temp_dir().join(unique);
        if let Err(e) = fs::create_dir(&path) {
            panic!("{}: {e}", path.display());
        }
        TempDir { path }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Never delete through a mount (the container's /dev is the host's devtmpfs).
        if host_mounts_under(&[&self.path]).is_empty() {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

/// Builds the image with `tests/article/mkimage` from Debian's static BusyBox, with a marker
/// file and a web page holding `token`.
fn build_image(image: &Path, token: &str) -> Result<(), String> {
    let busybox = busybox()?;
    let mkimage = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/article/mkimage");
    let out = Command::new("sh")
        .arg(mkimage)
        .arg(busybox)
        .arg(image)
        .output()
        .map_err(err)?;
    success(&out, "tests/article/mkimage")?;
    fs::write(image.join(MARKER), token).map_err(err)?;
    fs::write(image.join("var/www/index.html"), token).map_err(err)
}

/// The static BusyBox from `compat/fetch-busybox`, fetched once for all scenarios.
fn busybox() -> Result<PathBuf, String> {
    static BUSYBOX: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    BUSYBOX
        .get_or_init(|| {
            let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("compat/fetch-busybox");
            let out = Command::new(script).output().map_err(err)?;
            success(&out, "compat/fetch-busybox").map(|path| PathBuf::from(path.trim_end()))
        })
        .clone()
}

/// The binary under test: `$var` if set, else ours.
fn tool(var: &str, ours: &str) -> PathBuf {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map_or_else(|| ours.into(), PathBuf::from)
}

/// A TCP port nobody on the host listens on at the moment.
fn free_host_port() -> Result<u16, String> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(err)?;
    Ok(listener.local_addr().map_err(err)?.port())
}

/// The processes whose parent is `parent`.
fn children(parent: libc::pid_t) -> Vec<libc::pid_t> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    let ppid_of = |pid: &str| {
        let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // pid (comm) state ppid ...; comm may hold spaces and parentheses.
        stat.rsplit_once(')')?
            .1
            .split_whitespace()
            .nth(1)?
            .parse::<libc::pid_t>()
            .ok()
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<libc::pid_t>().ok())
        .filter(|pid| ppid_of(&pid.to_string()) == Some(parent))
        .collect()
}

/// This process's mount table.
fn mount_table() -> String {
    fs::read_to_string("/proc/thread-self/mountinfo").unwrap_or_else(|e| format!("unreadable: {e}"))
}

/// This process's mount points, in mount order.
fn mount_points() -> Vec<String> {
    mount_table()
        .lines()
        .filter_map(root_and_mount_point)
        .map(|m| unescape(m.1))
        .collect()
}

/// The mounts of this process's namespace at or below any of `dirs`.
fn host_mounts_under(dirs: &[&Path]) -> Vec<String> {
    let under = |p: &str| dirs.iter().any(|d| Path::new(p).starts_with(d));
    mount_points().into_iter().filter(|p| under(p)).collect()
}

/// A mountinfo line's root (field 4) and mount point (field 5), still octal-escaped.
fn root_and_mount_point(line: &str) -> Option<(&str, &str)> {
    let mut fields = line.split(' ').skip(3);
    Some((fields.next()?, fields.next()?))
}

/// Undoes mountinfo's `\ooo` escapes of space, tab, newline and backslash.
fn unescape(field: &str) -> String {
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes
            .get(i + 1..i + 4)
            .and_then(|d| u8::from_str_radix(std::str::from_utf8(d).ok()?, 8).ok());
        match (bytes[i], octal) {
            (b'\\', Some(byte)) => {
                out.push(byte);
                i += 4;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn mount(
    source: Option<&str>,
    target: &str,
    fstype: Option<&str>,
    flags: libc::c_ulong,
    data: Option<&str>,
) -> Result<(), String> {
    fn bytes(s: Option<&str>) -> Option<&[u8]> {
        s.map(str::as_bytes)
    }
    sys::mount(
        bytes(source),
        target.as_bytes(),
        bytes(fstype),
        flags,
        bytes(data),
    )
    .map_err(|e| format!("mount {source:?} on {target} ({fstype:?}, {flags:#x}): {e}"))
}

/// Waits for `child` and collects its output; kills it if it takes longer than [`HANG`].
/// After a kill the collecting thread is left to finish once the container, which may hold
/// the child's pipes through a grandchild, is torn down.
fn output_or_kill(child: Child) -> Result<Output, String> {
    let pid = child.id() as libc::pid_t;
    let (done, outcome) = mpsc::channel();
    thread::spawn(move || done.send(child.wait_with_output()));
    match outcome.recv_timeout(HANG) {
        Ok(output) => output.map_err(err),
        Err(_) => {
            // Its waiter has not reaped it (unless it ended just now), so the pid is its own.
            let _ = sys::kill(pid, libc::SIGKILL);
            Err(format!("killed after {HANG:?}: it hung"))
        }
    }
}

/// `out`'s stdout if the command succeeded, else everything it said.
fn success(out: &Output, what: &str) -> Result<String, String> {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.success() {
        return Ok(stdout);
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    Err(format!(
        "{what}: {}\nstdout: {stdout}\nstderr: {stderr}",
        out.status
    ))
}

fn check_eq<T: PartialEq + std::fmt::Debug>(got: T, want: T, what: &str) -> Result<(), String> {
    if got == want {
        return Ok(());
    }
    Err(format!("{what}: got {got:?}, want {want:?}"))
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}
