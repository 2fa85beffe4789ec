//! Namespace files and pidfds: the nsfs and pidfs ioctls, namespace file handles, socket
//! namespaces and the few descriptor and kernel queries nsenter needs around them.

use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};

use super::{cstr, fstat, pidfd_open, ret, ret_owned_fd, Errno, SysResult};

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

/// `NSFS_MAGIC`: the file system type of namespace files.
const NSFS_MAGIC: i64 = 0x6e73_6673;

/// An `ioctl` that takes no argument and returns a new file descriptor when `fd` is a file
/// of the kind that defines `request` (`is_kind`). The kind is checked after the call
/// succeeds and before its result is taken as a descriptor: the driver of another file (a
/// FUSE server, for one) may answer the same request number with any number, and that must
/// not become an `OwnedFd` (it could be a descriptor something else owns). A file that
/// fails the call is not checked, so its error stays what util-linux reports.
///
/// # Safety
/// `request` must read no argument and, on a file for which `is_kind` holds, return a
/// descriptor opened for the caller.
unsafe fn ioctl_new_fd(
    fd: BorrowedFd<'_>,
    request: libc::c_ulong,
    is_kind: fn(BorrowedFd<'_>) -> bool,
) -> SysResult<OwnedFd> {
    // SAFETY: by this function's contract the request reads no argument (none is passed).
    let n = ret(unsafe { libc::ioctl(fd.as_raw_fd(), request as _, 0 as libc::c_ulong) })?;
    if !is_kind(fd) {
        return Err(Errno(libc::ENOTTY));
    }
    // SAFETY: fd is of the kind for which, by this function's contract, the result is a
    // descriptor opened for us.
    unsafe { ret_owned_fd(n) }
}

fn is_nsfs(fd: BorrowedFd<'_>) -> bool {
    fstatfs_type(fd).is_ok_and(|t| t == NSFS_MAGIC)
}

fn is_socket(fd: BorrowedFd<'_>) -> bool {
    fstat(fd).is_ok_and(|st| st.st_mode & libc::S_IFMT == libc::S_IFSOCK)
}

/// The user namespace that owns the namespace `fd` (its parent, for a user namespace).
pub fn ns_get_userns(fd: impl AsFd) -> SysResult<OwnedFd> {
    // SAFETY: NS_GET_USERNS takes no argument and returns a new descriptor on nsfs.
    unsafe { ioctl_new_fd(fd.as_fd(), NS_GET_USERNS, is_nsfs) }
}

/// `NS_GET_ID` (`_IOR(0xb7, 0xd, __u64)`): the 64-bit id of the namespace `fd`. Asked of
/// namespace files only (`ENOTTY` otherwise): another file's driver could write more than
/// the u64 through the pointer, before any check after the call could help.
pub fn ns_get_id(fd: impl AsFd) -> SysResult<u64> {
    let fd = fd.as_fd();
    if !is_nsfs(fd) {
        return Err(Errno(libc::ENOTTY));
    }
    let mut id: u64 = 0;
    // SAFETY: on nsfs, NS_GET_ID writes one u64 to the pointer it is given, which is valid.
    ret(unsafe { libc::ioctl(fd.as_raw_fd(), NS_GET_ID as _, &mut id as *mut u64) })?;
    Ok(id)
}

/// The network namespace of the socket `fd`.
pub fn socket_netns(fd: impl AsFd) -> SysResult<OwnedFd> {
    // SAFETY: SIOCGSKNS takes no argument and returns a new descriptor on a socket.
    unsafe { ioctl_new_fd(fd.as_fd(), SIOCGSKNS, is_socket) }
}

/// The user namespace of the process behind `pidfd`.
pub fn pidfd_user_ns(pidfd: impl AsFd) -> SysResult<OwnedFd> {
    // SAFETY: PIDFD_GET_USER_NAMESPACE takes no argument and returns a new descriptor on a
    // pidfd (kernels with the ioctl have pidfs).
    unsafe { ioctl_new_fd(pidfd.as_fd(), PIDFD_GET_USER_NAMESPACE, pidfs) }
}

/// The mount namespace of the process behind `pidfd`.
fn pidfd_mnt_ns(pidfd: impl AsFd) -> SysResult<OwnedFd> {
    // SAFETY: PIDFD_GET_MNT_NAMESPACE takes no argument and returns a new descriptor on a
    // pidfd (kernels with the ioctl have pidfs).
    unsafe { ioctl_new_fd(pidfd.as_fd(), PIDFD_GET_MNT_NAMESPACE, pidfs) }
}

/// `fstatfs(2)`'s `f_type`.
pub fn fstatfs_type(fd: impl AsFd) -> SysResult<i64> {
    // SAFETY: an all-zero statfs is a valid value to be overwritten.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: st is writable.
    ret(unsafe { libc::fstatfs(fd.as_fd().as_raw_fd(), &mut st) })?;
    Ok(st.f_type as i64)
}

/// Whether `pidfd` lives on pidfs, i.e. its inode number identifies the process.
pub fn is_pidfs(pidfd: impl AsFd) -> bool {
    pidfs(pidfd.as_fd())
}

fn pidfs(fd: BorrowedFd<'_>) -> bool {
    fstatfs_type(fd).is_ok_and(|t| t == PIDFS_MAGIC)
}

/// `fcntl(F_DUPFD_CLOEXEC)`: a copy of `fd` at the lowest free number `>= min`.
pub fn dup_at_least(fd: impl AsFd, min: libc::c_int) -> SysResult<OwnedFd> {
    // SAFETY: F_DUPFD_CLOEXEC takes an integer argument and returns a new descriptor.
    unsafe {
        ret_owned_fd(libc::fcntl(
            fd.as_fd().as_raw_fd(),
            libc::F_DUPFD_CLOEXEC,
            min,
        ))
    }
}

/// The running kernel's release (`uname -r`), from `uname(2)`.
pub fn kernel_release() -> SysResult<Vec<u8>> {
    // SAFETY: an all-zero utsname is a valid value to be overwritten.
    let mut uts: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: uts is writable.
    ret(unsafe { libc::uname(&mut uts) })?;
    Ok(uts
        .release
        .iter()
        .take_while(|&&c| c != 0)
        .map(|&c| c as u8)
        .collect())
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
    fn template(&mut self) -> SysResult<(BorrowedFd<'_>, NsfsHandle)> {
        let (fd, handle) = match &mut self.template {
            Some(learnt) => learnt,
            unknown @ None => unknown.insert(Self::learn()?),
        };
        Ok((OwnedFd::as_fd(fd), *handle))
    }

    fn learn() -> SysResult<(OwnedFd, NsfsHandle)> {
        let nsfs = pidfd_mnt_ns(pidfd_open(super::getpid())?)?;
        let mut handle = NsfsHandle {
            handle_bytes: NSFS_HANDLE_BYTES,
            ..NsfsHandle::default()
        };
        let mut mount_id: libc::c_int = 0;
        let empty = cstr("")?;
        // SAFETY: handle has handle_bytes bytes of room after its header; mount_id and the
        // empty path are valid for the call.
        ret(unsafe {
            libc::syscall(
                libc::SYS_name_to_handle_at,
                nsfs.as_raw_fd(),
                empty.as_ptr(),
                &mut handle as *mut NsfsHandle,
                &mut mount_id as *mut libc::c_int,
                libc::AT_EMPTY_PATH | AT_HANDLE_FID,
            )
        })?;
        Ok((nsfs, handle))
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
        // open nsfs descriptor kept by self. The result is a new descriptor.
        unsafe {
            ret_owned_fd(libc::syscall(
                libc::SYS_open_by_handle_at,
                mount_fd.as_raw_fd(),
                &mut handle as *mut NsfsHandle,
                libc::O_RDONLY | libc::O_CLOEXEC,
            ))
        }
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
    use crate::sys::{eventfd, open};

    #[test]
    fn file_kinds() {
        let uts = open("/proc/self/ns/uts", libc::O_RDONLY).unwrap();
        let (a, _b) = std::os::unix::net::UnixStream::pair().unwrap();
        let event = eventfd().unwrap();
        assert!(is_nsfs(uts.as_fd()) && !is_nsfs(event.as_fd()) && !is_nsfs(a.as_fd()));
        assert!(is_socket(a.as_fd()) && !is_socket(uts.as_fd()) && !is_socket(event.as_fd()));
    }

    #[test]
    fn new_fd_ioctls_on_their_own_kind_of_file_only() {
        // Only queries: nothing here changes the test process's namespaces.
        let uts = open("/proc/self/ns/uts", libc::O_RDONLY).unwrap();
        let owner = ns_get_userns(&uts).unwrap();
        assert!(is_nsfs(owner.as_fd()));
        // A call that succeeds on a file not of the kind is refused, its number not taken
        // as a descriptor (here a real one, left open: the test process can spare it).
        // SAFETY: NS_GET_USERNS reads no argument; is_socket does not hold for uts.
        let refused = unsafe { ioctl_new_fd(uts.as_fd(), NS_GET_USERNS, is_socket) };
        assert_eq!(refused.unwrap_err(), Errno(libc::ENOTTY));
        let event = eventfd().unwrap();
        assert_eq!(ns_get_userns(&event).unwrap_err(), Errno(libc::ENOTTY));
        assert_eq!(socket_netns(&event).unwrap_err(), Errno(libc::ENOTTY));
        assert_eq!(ns_get_id(&event).unwrap_err(), Errno(libc::ENOTTY));
        assert_ne!(ns_get_id(&uts).unwrap(), 0);
        let (a, _b) = std::os::unix::net::UnixStream::pair().unwrap();
        assert!(is_nsfs(socket_netns(&a).unwrap().as_fd()));
    }
}
