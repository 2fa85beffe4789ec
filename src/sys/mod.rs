//! Thin safe wrappers over the system calls the tools use. This is the only module with
//! `unsafe`; each wrapper returns `Result<_, Errno>` and leaves policy to its callers.

use std::ffi::{CStr, CString, OsStr};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;

pub use errno::Errno;

pub type SysResult<T> = Result<T, Errno>;

mod proc;
pub use proc::*;
mod nsfs;
pub use nsfs::*;
mod procfs;
pub use procfs::*;
mod signal;
pub use signal::*;

/// Turns a `-1` return into the current errno.
fn check(ret: libc::c_long) -> SysResult<libc::c_long> {
    if ret == -1 {
        Err(errno::errno())
    } else {
        Ok(ret)
    }
}

/// A path or string for the kernel. Arguments from argv never contain NUL; anything else
/// with an interior NUL is refused with `EINVAL`, as the kernel cannot see past it.
pub fn cstr(s: impl AsRef<[u8]>) -> SysResult<CString> {
    CString::new(s.as_ref()).map_err(|_| Errno(libc::EINVAL))
}

/// `write(2)` until everything is written, retrying on `EINTR`.
pub fn write_all(fd: RawFd, mut buf: &[u8]) -> SysResult<()> {
    while !buf.is_empty() {
        // SAFETY: buf is a valid readable slice of buf.len() bytes.
        let n = unsafe { libc::write(fd, buf.as_ptr().cast(), buf.len()) };
        match check(n as libc::c_long) {
            Ok(0) => return Err(Errno(libc::EIO)),
            Ok(n) => buf = &buf[n as usize..],
            Err(e) if e.0 == libc::EINTR => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// One `write(2)` of the whole buffer, as procfs control files want (a short write is an
/// error: the kernel takes these in one piece).
pub fn write_once(fd: RawFd, buf: &[u8]) -> SysResult<()> {
    // SAFETY: buf is a valid readable slice of buf.len() bytes.
    let n = check(unsafe { libc::write(fd, buf.as_ptr().cast(), buf.len()) } as libc::c_long)?;
    if n as usize == buf.len() {
        Ok(())
    } else {
        Err(Errno(libc::EIO))
    }
}

/// `read(2)`, retrying on `EINTR`.
pub fn read(fd: RawFd, buf: &mut [u8]) -> SysResult<usize> {
    loop {
        // SAFETY: buf is a valid writable slice of buf.len() bytes.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        match check(n as libc::c_long) {
            Err(e) if e.0 == libc::EINTR => continue,
            r => return r.map(|n| n as usize),
        }
    }
}

/// Reads a whole (small) file, such as a procfs or `/etc` file.
pub fn read_file(path: impl AsRef<[u8]>) -> SysResult<Vec<u8>> {
    let fd = open(path, libc::O_RDONLY)?;
    read_to_end(fd.as_raw_fd())
}

/// Reads from `fd` until end of file.
pub fn read_to_end(fd: RawFd) -> SysResult<Vec<u8>> {
    let mut out = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        match read(fd, &mut chunk)? {
            0 => return Ok(out),
            n => out.extend_from_slice(&chunk[..n]),
        }
    }
}

/// `open(2)` with `O_CLOEXEC` added, so no descriptor of ours leaks into the program.
pub fn open(path: impl AsRef<[u8]>, flags: libc::c_int) -> SysResult<OwnedFd> {
    let path = cstr(path)?;
    // SAFETY: path is NUL-terminated; the mode is only read with O_CREAT.
    let fd = unsafe { libc::open(path.as_ptr(), flags | libc::O_CLOEXEC, 0o666) };
    check(fd as libc::c_long)?;
    // SAFETY: fd was just returned by open and is owned by no one else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// `openat(2)` relative to `dir`, with `O_CLOEXEC` added.
pub fn openat(dir: RawFd, path: impl AsRef<[u8]>, flags: libc::c_int) -> SysResult<OwnedFd> {
    let path = cstr(path)?;
    // SAFETY: path is NUL-terminated; dir is a descriptor or AT_FDCWD.
    let fd = unsafe { libc::openat(dir, path.as_ptr(), flags | libc::O_CLOEXEC, 0o666) };
    check(fd as libc::c_long)?;
    // SAFETY: fd was just returned by openat and is owned by no one else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// Opens `path` for writing and writes `data` in one `write(2)`.
pub fn write_file(path: impl AsRef<[u8]>, data: &[u8]) -> SysResult<()> {
    let fd = open(path, libc::O_WRONLY)?;
    write_once(fd.as_raw_fd(), data)
}

/// `fstat(2)`.
pub fn fstat(fd: RawFd) -> SysResult<libc::stat> {
    // SAFETY: an all-zero stat is a valid value to be overwritten.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: st is a valid, writable stat.
    check(unsafe { libc::fstat(fd, &mut st) } as libc::c_long)?;
    Ok(st)
}

/// `stat(2)`.
pub fn stat(path: impl AsRef<[u8]>) -> SysResult<libc::stat> {
    let path = cstr(path)?;
    // SAFETY: an all-zero stat is a valid value to be overwritten.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: path is NUL-terminated and st is writable.
    check(unsafe { libc::stat(path.as_ptr(), &mut st) } as libc::c_long)?;
    Ok(st)
}

/// `statfs(2)`'s `f_type`.
pub fn statfs_type(path: impl AsRef<[u8]>) -> SysResult<i64> {
    let path = cstr(path)?;
    // SAFETY: an all-zero statfs is a valid value to be overwritten.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: path is NUL-terminated and st is writable.
    check(unsafe { libc::statfs(path.as_ptr(), &mut st) } as libc::c_long)?;
    Ok(st.f_type as i64)
}

/// `access(2)`.
pub fn access(path: impl AsRef<[u8]>, mode: libc::c_int) -> SysResult<()> {
    let path = cstr(path)?;
    // SAFETY: path is NUL-terminated.
    check(unsafe { libc::access(path.as_ptr(), mode) } as libc::c_long).map(drop)
}

/// `unshare(2)`.
pub fn unshare(flags: libc::c_int) -> SysResult<()> {
    // SAFETY: unshare takes only an integer.
    check(unsafe { libc::unshare(flags) } as libc::c_long).map(drop)
}

/// `setns(2)` on a namespace fd or a pidfd.
pub fn setns(fd: RawFd, nstype: libc::c_int) -> SysResult<()> {
    // SAFETY: setns takes only integers; a bad fd is reported as EBADF.
    check(unsafe { libc::setns(fd, nstype) } as libc::c_long).map(drop)
}

/// `mount(2)`. `source`, `fstype` and `data` may be absent.
pub fn mount(
    source: Option<&[u8]>,
    target: &[u8],
    fstype: Option<&[u8]>,
    flags: libc::c_ulong,
    data: Option<&[u8]>,
) -> SysResult<()> {
    let source = source.map(cstr).transpose()?;
    let target = cstr(target)?;
    let fstype = fstype.map(cstr).transpose()?;
    let data = data.map(cstr).transpose()?;
    let ptr = |c: &Option<CString>| c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    // SAFETY: every pointer is NUL-terminated or null, and lives across the call.
    let ret = unsafe {
        libc::mount(
            ptr(&source),
            target.as_ptr(),
            ptr(&fstype),
            flags,
            ptr(&data).cast(),
        )
    };
    check(ret as libc::c_long).map(drop)
}

/// `umount2(2)`.
pub fn umount2(target: &[u8], flags: libc::c_int) -> SysResult<()> {
    let target = cstr(target)?;
    // SAFETY: target is NUL-terminated.
    check(unsafe { libc::umount2(target.as_ptr(), flags) } as libc::c_long).map(drop)
}

/// `chroot(2)`.
pub fn chroot(path: impl AsRef<[u8]>) -> SysResult<()> {
    let path = cstr(path)?;
    // SAFETY: path is NUL-terminated.
    check(unsafe { libc::chroot(path.as_ptr()) } as libc::c_long).map(drop)
}

/// `chdir(2)`.
pub fn chdir(path: impl AsRef<[u8]>) -> SysResult<()> {
    let path = cstr(path)?;
    // SAFETY: path is NUL-terminated.
    check(unsafe { libc::chdir(path.as_ptr()) } as libc::c_long).map(drop)
}

/// `fchdir(2)`.
pub fn fchdir(fd: RawFd) -> SysResult<()> {
    // SAFETY: fchdir takes only an integer.
    check(unsafe { libc::fchdir(fd) } as libc::c_long).map(drop)
}

/// `setgroups(0, NULL)`: drop every supplementary group.
pub fn clear_groups() -> SysResult<()> {
    // SAFETY: a zero-length list with a null pointer is valid.
    check(unsafe { libc::setgroups(0, std::ptr::null()) } as libc::c_long).map(drop)
}

/// `setuid(2)`.
pub fn setuid(uid: libc::uid_t) -> SysResult<()> {
    // SAFETY: setuid takes only an integer.
    check(unsafe { libc::setuid(uid) } as libc::c_long).map(drop)
}

/// `setgid(2)`.
pub fn setgid(gid: libc::gid_t) -> SysResult<()> {
    // SAFETY: setgid takes only an integer.
    check(unsafe { libc::setgid(gid) } as libc::c_long).map(drop)
}

/// `geteuid(2)`.
pub fn geteuid() -> libc::uid_t {
    // SAFETY: always succeeds.
    unsafe { libc::geteuid() }
}

/// `getegid(2)`.
pub fn getegid() -> libc::gid_t {
    // SAFETY: always succeeds.
    unsafe { libc::getegid() }
}

/// `getuid(2)`.
pub fn getuid() -> libc::uid_t {
    // SAFETY: always succeeds.
    unsafe { libc::getuid() }
}

/// `eventfd(2)` with `EFD_CLOEXEC`.
pub fn eventfd() -> SysResult<OwnedFd> {
    // SAFETY: eventfd takes only integers.
    let fd = check(unsafe { libc::eventfd(0, libc::EFD_CLOEXEC) } as libc::c_long)?;
    // SAFETY: fd was just created and is owned by no one else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as RawFd) })
}

/// `pipe2(2)` with `O_CLOEXEC`: (read end, write end).
pub fn pipe() -> SysResult<(OwnedFd, OwnedFd)> {
    let mut fds = [0 as RawFd; 2];
    // SAFETY: fds has room for the two descriptors.
    check(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } as libc::c_long)?;
    // SAFETY: both fds were just created and are owned by no one else.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

/// `ioctl(2)` with an integer argument, returning its non-negative result (often a new fd).
pub fn ioctl(fd: RawFd, request: libc::c_ulong, arg: libc::c_ulong) -> SysResult<libc::c_int> {
    // SAFETY: only requests taking an integer argument (or none) are passed here.
    check(unsafe { libc::ioctl(fd, request as _, arg) } as libc::c_long).map(|r| r as libc::c_int)
}

/// An `ioctl` whose result is a new file descriptor (`NS_GET_USERNS`, `SIOCGSKNS`, ...).
pub fn ioctl_fd(fd: RawFd, request: libc::c_ulong) -> SysResult<OwnedFd> {
    let new = ioctl(fd, request, 0)?;
    // SAFETY: these requests return a freshly opened descriptor that we now own.
    Ok(unsafe { OwnedFd::from_raw_fd(new) })
}

/// `prctl(2)` with up to two integer arguments.
pub fn prctl(option: libc::c_int, arg2: libc::c_ulong, arg3: libc::c_ulong) -> SysResult<()> {
    // SAFETY: only integer-argument prctl options are passed here.
    check(
        unsafe { libc::prctl(option, arg2, arg3, 0 as libc::c_ulong, 0 as libc::c_ulong) }
            as libc::c_long,
    )
    .map(drop)
}

/// Capability sets of the calling thread (`capget`, version 3: 64 bits each).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Caps {
    pub effective: u64,
    pub permitted: u64,
    pub inheritable: u64,
}

#[repr(C)]
struct CapHeader {
    version: u32,
    pid: libc::c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Default)]
struct CapData {
    effective: u32,
    permitted: u32,
    inheritable: u32,
}

const CAP_V3: u32 = 0x2008_0522;

/// `capget(2)` for this thread.
pub fn capget() -> SysResult<Caps> {
    let mut head = CapHeader {
        version: CAP_V3,
        pid: 0,
    };
    let mut data = [CapData::default(); 2];
    // SAFETY: head and data match the kernel's v3 layout (one header, two data words).
    check(unsafe { libc::syscall(libc::SYS_capget, &mut head, data.as_mut_ptr()) })?;
    let join = |f: fn(&CapData) -> u32| u64::from(f(&data[0])) | u64::from(f(&data[1])) << 32;
    Ok(Caps {
        effective: join(|d| d.effective),
        permitted: join(|d| d.permitted),
        inheritable: join(|d| d.inheritable),
    })
}

/// `capset(2)` for this thread.
pub fn capset(caps: Caps) -> SysResult<()> {
    let mut head = CapHeader {
        version: CAP_V3,
        pid: 0,
    };
    let split = |v: u64| [v as u32, (v >> 32) as u32];
    let (e, p, i) = (
        split(caps.effective),
        split(caps.permitted),
        split(caps.inheritable),
    );
    let data = [0, 1].map(|k| CapData {
        effective: e[k],
        permitted: p[k],
        inheritable: i[k],
    });
    // SAFETY: head and data match the kernel's v3 layout (one header, two data words).
    check(unsafe { libc::syscall(libc::SYS_capset, &mut head, data.as_ptr()) }).map(drop)
}

/// The highest capability number the kernel knows, found as util-linux finds it: from
/// `/proc/sys/kernel/cap_last_cap` when that file is on procfs and the number after it is
/// really no capability, else by asking the kernel (so that neither a missing /proc in a
/// chroot nor a file mounted over it changes the answer).
pub fn cap_last_cap() -> u32 {
    cap_last_from_procfs().unwrap_or_else(cap_last_by_probing)
}

/// `PROC_SUPER_MAGIC`.
const PROC_MAGIC: i64 = 0x9fa0;

/// Whether the kernel knows capability `cap` (`PR_CAPBSET_READ` fails for unknown ones).
fn cap_known(cap: u32) -> bool {
    prctl(libc::PR_CAPBSET_READ, libc::c_ulong::from(cap), 0).is_ok()
}

fn cap_last_from_procfs() -> Option<u32> {
    let fd = open("/proc/sys/kernel/cap_last_cap", libc::O_RDONLY).ok()?;
    if fstatfs_type(fd.as_raw_fd()).ok()? != PROC_MAGIC {
        return None;
    }
    let text = read_to_end(fd.as_raw_fd()).ok()?;
    let cap: u32 = std::str::from_utf8(&text).ok()?.trim().parse().ok()?;
    (cap < i32::MAX as u32 && !cap_known(cap + 1)).then_some(cap)
}

/// Binary search for the last capability the kernel knows (0 always is one).
fn cap_last_by_probing() -> u32 {
    let (mut known, mut unknown) = (0u32, i32::MAX as u32);
    while unknown - known > 1 {
        let mid = known + (unknown - known) / 2;
        if cap_known(mid) {
            known = mid;
        } else {
            unknown = mid;
        }
    }
    known
}

/// `gethostname`-free helpers and others that take raw C strings live here.
pub fn os_bytes(s: &OsStr) -> &[u8] {
    s.as_bytes()
}

/// Builds a NUL-terminated pointer vector for `exec*`.
pub struct CArgv {
    _owned: Vec<CString>,
    ptrs: Vec<*const libc::c_char>,
}

impl CArgv {
    pub fn new<I, S>(items: I) -> SysResult<Self>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        let owned = items.into_iter().map(cstr).collect::<SysResult<Vec<_>>>()?;
        let mut ptrs: Vec<_> = owned.iter().map(|c| c.as_ptr()).collect();
        ptrs.push(std::ptr::null());
        Ok(CArgv {
            _owned: owned,
            ptrs,
        })
    }

    fn as_ptr(&self) -> *const *const libc::c_char {
        self.ptrs.as_ptr()
    }
}

/// `execvp(3)`: searches `PATH` like the shell; returns only on failure.
pub fn execvp(file: &[u8], argv: &CArgv) -> Errno {
    let Ok(file) = cstr(file) else {
        return Errno(libc::EINVAL);
    };
    // SAFETY: file is NUL-terminated and argv is a NULL-terminated array of C strings that
    // outlives the call.
    unsafe { libc::execvp(file.as_ptr(), argv.as_ptr()) };
    errno::errno()
}

/// `execv(2)` of an exact path; returns only on failure.
pub fn execv(path: &CStr, argv: &CArgv) -> Errno {
    // SAFETY: path is NUL-terminated and argv is a NULL-terminated array of C strings that
    // outlives the call.
    unsafe { libc::execv(path.as_ptr(), argv.as_ptr()) };
    errno::errno()
}

/// `clearenv(3)`.
pub fn clearenv() {
    // SAFETY: single-threaded program; nothing holds pointers into environ.
    unsafe { libc::clearenv() };
}

/// `setenv(3)`; `overwrite` as in C.
pub fn setenv(name: &[u8], value: &[u8], overwrite: bool) -> SysResult<()> {
    let (name, value) = (cstr(name)?, cstr(value)?);
    // SAFETY: single-threaded program; both strings are NUL-terminated and copied by libc.
    check(unsafe { libc::setenv(name.as_ptr(), value.as_ptr(), overwrite.into()) } as libc::c_long)
        .map(drop)
}

/// `getenv(3)`, copied out.
pub fn getenv(name: &[u8]) -> Option<Vec<u8>> {
    let name = cstr(name).ok()?;
    // SAFETY: name is NUL-terminated; the result, if not null, points into environ and is
    // copied before anything else can change the environment.
    unsafe {
        let p = libc::getenv(name.as_ptr());
        (!p.is_null()).then(|| CStr::from_ptr(p).to_bytes().to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_capability_probed_like_procfs_says() {
        let probed = cap_last_by_probing();
        assert!(probed >= 36, "{probed}");
        assert!(cap_known(probed) && !cap_known(probed + 1));
        if let Some(from_proc) = cap_last_from_procfs() {
            assert_eq!(from_proc, probed);
        }
        assert_eq!(cap_last_cap(), probed);
    }
}
