//! `-c/--join-cgroup`: move into the target's cgroup (cgroup v2 only).

use std::os::fd::OwnedFd;

use crate::msg::{Context, Error, Result};
use crate::sys;

const CGROUP_ROOT: &str = "/sys/fs/cgroup";

/// `-c` needs cgroup v2 mounted on `/sys/fs/cgroup`.
pub fn require_v2() -> Result<()> {
    let fs = sys::statfs_type(CGROUP_ROOT).or_err(|| format!("statfs {CGROUP_ROOT} failed"))?;
    if fs != sys::CGROUP2_MAGIC {
        return Err(Error::msg("--join-cgroup is only supported in cgroup v2"));
    }
    Ok(())
}

/// Opens `cgroup.procs` of the cgroup named by the first line of the target's
/// `/proc/PID/cgroup` (`proc_cgroup`). Unlike util-linux 2.42, stdin is left alone.
pub fn open_procs(proc_cgroup: &[u8]) -> Result<OwnedFd> {
    let text = super::plan::open_path(proc_cgroup)
        .and_then(|fd| sys::read_to_end(&fd).or_err(|| "failed to get cgroup path"))?;
    let path = cgroup_path(&text)
        .ok_or_else(|| Error::sys("failed to get cgroup path", sys::last_errno()))?;
    let procs = [CGROUP_ROOT.as_bytes(), b"/", path, b"/cgroup.procs"].concat();
    sys::open(procs, libc::O_WRONLY | libc::O_APPEND).or_err(|| "failed to open cgroup.procs")
}

/// The path after the last ':' of the first non-empty line.
fn cgroup_path(text: &[u8]) -> Option<&[u8]> {
    let line = text.split(|&b| b == b'\n').find(|l| !l.is_empty())?;
    let colon = line.iter().rposition(|&b| b == b':')?;
    Some(&line[colon + 1..])
}

/// Writes our pid into the `cgroup.procs` opened by [`open_procs`].
pub fn join(procs: &OwnedFd) -> Result<()> {
    let pid = sys::getpid().to_string();
    sys::write_all(procs, pid.as_bytes()).or_err(|| "write cgroup.procs failed")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_path() {
        assert_eq!(cgroup_path(b"0::/a/b\n"), Some(&b"/a/b"[..]));
        assert_eq!(
            cgroup_path(b"\n9:name=systemd:/x\n0::/y\n"),
            Some(&b"/x"[..])
        );
        assert_eq!(cgroup_path(b"nocolon\n"), None);
        assert_eq!(cgroup_path(b""), None);
    }
}
