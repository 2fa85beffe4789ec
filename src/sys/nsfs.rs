//! Namespace files and pidfds: the nsfs and pidfs ioctls, namespace file handles, socket
//! namespaces and the few descriptor and kernel queries nsenter needs around them.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

use super::{check, cstr, ioctl_fd, pidfd_open, SysResult};

/// `NS_GET_USERNS` (`_IO(0xb7, 0x1)`): the user namespace owning a namespace, or the parent
/// of a user namespace.
const NS_GET_USERNS: libc::c_ulong = 0xb701;
const NS_GET_ID: libc::c_ulong = 0x8008_b70d;
/// `SIOCGSKNS`: the network namespace of a socket.
const SIOCGSKNS: libc::c_ulong = 0x894c;
/// `PIDFD_GET_MNT_NAMESPACE` (`_IO(0xFF, 3)`).
const PIDFD_GET_MNT_NAMESPACE: libc::c_ulong = 0xff03;
/// `PIDFD_GET_USER_NAMESPACE` (`_IO(0xFF, 9)`).
const PIDFD_GET_USER_NAMESPACE: libc::c_ulong = 0xff09;
/// `PIDFS_MAGIC`: the file system type of pidfds on kernels where they carry an inode.
const PIDFS_MAGIC: i64 = 0x5049_4446;
/// `AT_HANDLE_FID`: a handle that identifies the file, not one to reopen it by.
const AT_HANDLE_FID: libc::c_int = 0x200;

/// The user namespace that owns the namespace `fd` (its parent, for a user namespace).
pub fn ns_get_userns(fd: RawFd) -> SysResult<OwnedFd> {
    ioctl_fd(fd, NS_GET_USERNS)
}

/// `NS_GET_ID` (`_IOR(0xb7, 0xd, __u64)`): the 64-bit id of the namespace `fd`.
pub fn ns_get_id(fd: RawFd) -> SysResult<u64> {
    let mut id: u64 = 0;
    // SAFETY: NS_GET_ID writes one u64 to the pointer it is given, which is valid.
    check(unsafe { libc::ioctl(fd, NS_GET_ID as _, &mut id as *mut u64) } as libc::c_long)?;
    Ok(id)
}

/// The network namespace of the socket `fd`.
pub fn socket_netns(fd: RawFd) -> SysResult<OwnedFd> {
    ioctl_fd(fd, SIOCGSKNS)
}

/// The user namespace of the process behind `pidfd`.
pub fn pidfd_user_ns(pidfd: RawFd) -> SysResult<OwnedFd> {
    ioctl_fd(pidfd, PIDFD_GET_USER_NAMESPACE)
}

/// `fstatfs(2)`'s `f_type`.
pub fn fstatfs_type(fd: RawFd) -> SysResult<i64> {
    // SAFETY: an all-zero statfs is a valid value to be overwritten.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: st is writable; a bad fd is reported as EBADF.
    check(unsafe { libc::fstatfs(fd, &mut st) } as libc::c_long)?;
    Ok(st.f_type as i64)
}

/// Whether `pidfd` lives on pidfs, i.e. its inode number identifies the process.
pub fn is_pidfs(pidfd: RawFd) -> bool {
    fstatfs_type(pidfd).is_ok_and(|t| t == PIDFS_MAGIC)
}

/// `fcntl(F_DUPFD_CLOEXEC)`: a copy of `fd` at the lowest free number `>= min`.
pub fn dup_at_least(fd: RawFd, min: RawFd) -> SysResult<OwnedFd> {
    // SAFETY: F_DUPFD_CLOEXEC takes an integer argument; a bad fd is reported as EBADF.
    let new = check(unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, min) } as libc::c_long)?;
    // SAFETY: new was just created and is owned by no one else.
    Ok(unsafe { OwnedFd::from_raw_fd(new as RawFd) })
}

/// The running kernel's version as `(major, minor, patch)`, from `uname(2)`.
pub fn kernel_version() -> Option<(u32, u32, u32)> {
    // SAFETY: an all-zero utsname is a valid value to be overwritten.
    let mut uts: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: uts is writable.
    if unsafe { libc::uname(&mut uts) } != 0 {
        return None;
    }
    let release: Vec<u8> = uts
        .release
        .iter()
        .take_while(|&&c| c != 0)
        .map(|&c| c as u8)
        .collect();
    let mut parts = release.split(|&b| b == b'.').map(leading_number);
    Some((
        parts.next()??,
        parts.next()?.unwrap_or(0),
        parts.next().flatten().unwrap_or(0),
    ))
}

/// The number at the start of `s` ("18" of "18-rc1"), if any.
fn leading_number(s: &[u8]) -> Option<u32> {
    let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&s[..digits]).ok()?.parse().ok()
}

/// `struct file_handle` with room for an nsfs handle (`struct nsfs_file_handle`:
/// `u64 ns_id; u32 ns_type; u32 ns_inum;`).
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct NsfsHandle {
    handle_bytes: u32,
    handle_type: i32,
    ns_id: u64,
    ns_type: u32,
    ns_inum: u32,
}

const NSFS_HANDLE_BYTES: u32 = 16;

/// Opens namespaces by their 64-bit id through nsfs file handles (Linux 6.19 and later;
/// older kernels refuse the handle). Keeps a namespace file open as the "mount fd" that
/// `open_by_handle_at(2)` needs, and learns nsfs's handle type from it once.
#[derive(Default)]
pub struct NsfsOpener {
    template: Option<(OwnedFd, NsfsHandle)>,
}

impl NsfsOpener {
    /// The handle type and an nsfs descriptor, from our own mount namespace (which every
    /// kernel has), reached through a pidfd of ourselves.
    fn template(&mut self) -> SysResult<(RawFd, NsfsHandle)> {
        if let Some((fd, handle)) = &self.template {
            return Ok((fd.as_raw_fd(), *handle));
        }
        let nsfs = {
            let me = pidfd_open(super::getpid())?;
            ioctl_fd(me.as_raw_fd(), PIDFD_GET_MNT_NAMESPACE)?
        };
        let mut handle = NsfsHandle {
            handle_bytes: NSFS_HANDLE_BYTES,
            ..NsfsHandle::default()
        };
        let mut mount_id: libc::c_int = 0;
        let empty = cstr("")?;
        // SAFETY: handle has handle_bytes bytes of room after its header; mount_id and the
        // empty path are valid for the call.
        check(unsafe {
            libc::syscall(
                libc::SYS_name_to_handle_at,
                nsfs.as_raw_fd(),
                empty.as_ptr(),
                &mut handle as *mut NsfsHandle,
                &mut mount_id as *mut libc::c_int,
                libc::AT_EMPTY_PATH | AT_HANDLE_FID,
            )
        })?;
        let raw = nsfs.as_raw_fd();
        self.template = Some((nsfs, handle));
        Ok((raw, handle))
    }

    /// A filled-in handle for namespace `ns_id` (fails where pidfds lack the namespace
    /// ioctls or nsfs has no file handles).
    pub fn handle(&mut self, ns_id: u64) -> SysResult<NsfsHandle> {
        let (_, template) = self.template()?;
        Ok(NsfsHandle {
            ns_id,
            ns_type: 0,
            ns_inum: 0,
            ..template
        })
    }

    /// `open_by_handle_at(2)` of a handle from [`NsfsOpener::handle`], read-only and
    /// close-on-exec (fails where the kernel cannot open namespaces by id).
    pub fn open(&mut self, mut handle: NsfsHandle) -> SysResult<OwnedFd> {
        let (mount_fd, _) = self.template()?;
        // SAFETY: handle is a complete file_handle of handle_bytes bytes; mount_fd is the
        // open nsfs descriptor kept by self.
        let fd = check(unsafe {
            libc::syscall(
                libc::SYS_open_by_handle_at,
                mount_fd,
                &mut handle as *mut NsfsHandle,
                libc::O_RDONLY | libc::O_CLOEXEC,
            )
        })?;
        // SAFETY: fd was just opened and is owned by no one else.
        Ok(unsafe { OwnedFd::from_raw_fd(fd as RawFd) })
    }

    /// Closes the nsfs descriptor kept for handles.
    pub fn close(&mut self) {
        self.template = None;
    }
}

/// `statfs` magic of cgroup v2.
pub const CGROUP2_MAGIC: i64 = 0x6367_7270;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernel_version_is_read() {
        let (major, _, _) = kernel_version().expect("uname works");
        assert!(major >= 3);
    }

    #[test]
    fn leading_numbers() {
        assert_eq!(leading_number(b"18-rc1"), Some(18));
        assert_eq!(leading_number(b"x"), None);
    }
}
