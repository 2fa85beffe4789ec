//! `-Z/--follow-context`: run the program in the target's SELinux context, without
//! libselinux: read `/proc/PID/attr/current`, write `/proc/self/attr/exec`. Where SELinux
//! is not enabled the option does nothing, as with util-linux.

use crate::msg::{Error, Result};
use crate::sys;

/// `SELINUX_MAGIC`: the file system type of selinuxfs.
const SELINUX_MAGIC: i64 = 0xf97c_ff8c;

/// libselinux's `is_selinux_enabled()`: selinuxfs is mounted where it looks for it, and
/// the system has an SELinux configuration (without `/etc/selinux/config` libselinux says
/// disabled even with selinuxfs mounted).
fn selinux_enabled() -> bool {
    ["/sys/fs/selinux", "/selinux"]
        .iter()
        .any(|p| sys::statfs_type(p).is_ok_and(|t| t == SELINUX_MAGIC))
        && sys::access("/etc/selinux/config", libc::F_OK).is_ok()
}

/// Sets the exec context to the target's, when SELinux is enabled.
pub fn follow(target: Option<libc::pid_t>) -> Result<()> {
    if !selinux_enabled() {
        return Ok(());
    }
    let Some(pid) = target else {
        return Err(Error::msg("no target PID specified for --follow-context"));
    };
    let context = sys::read_file(format!("/proc/{pid}/attr/current"))
        .ok()
        .map(trim_context)
        .filter(|c| !c.is_empty())
        .ok_or_else(|| Error::msg(format!("failed to get {pid} SELinux context")))?;
    sys::write_file("/proc/thread-self/attr/exec", &context).map_err(|_| {
        Error::msg(
            [
                b"failed to set exec context to '".as_slice(),
                &context,
                b"'",
            ]
            .concat(),
        )
    })
}

/// The context without the trailing NUL or newline the kernel may add.
fn trim_context(mut raw: Vec<u8>) -> Vec<u8> {
    while matches!(raw.last(), Some(0 | b'\n')) {
        raw.pop();
    }
    raw
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims() {
        assert_eq!(trim_context(b"u:r:t:s0\0".to_vec()), b"u:r:t:s0");
        assert_eq!(trim_context(b"u:r:t:s0\n".to_vec()), b"u:r:t:s0");
    }
}
