//! Thin safe wrappers over the system calls the tools use. This is the only module with
//! `unsafe`; each wrapper returns `Result<_, Errno>` and leaves policy to its callers.
//!
//! Descriptors go in borrowed (`impl AsFd`) and come out owned (`OwnedFd`). Raw calls whose
//! soundness would rest on what a caller passes (`prctl`, `ioctl`) stay private; each use has
//! its own typed wrapper. What is sound only in a single-threaded process (`fork`, `setenv`,
//! `clearenv`) is an `unsafe fn`, reached from safe code through a [`SingleThreaded`] token.

use std::ffi::{CStr, CString, OsStr, OsString};
use std::marker::PhantomData;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::{OsStrExt, OsStringExt};

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

/// A C return type whose `-1` means failure (then `errno` says why).
trait CRet: Copy + PartialEq {
    const FAILED: Self;
}

macro_rules! c_ret {
    ($($t:ty),*) => {$(impl CRet for $t { const FAILED: Self = -1; })*};
}
c_ret!(i32, i64, isize);

/// Turns a `-1` return into the current errno.
fn ret<T: CRet>(value: T) -> SysResult<T> {
    if value == T::FAILED {
        Err(errno::errno())
    } else {
        Ok(value)
    }
}

/// The new descriptor a call returned (or its errno), owned from now on.
///
/// # Safety
/// A non-negative `value` must be a descriptor the call just opened and nothing else owns.
unsafe fn ret_owned_fd<T: CRet + TryInto<RawFd>>(value: T) -> SysResult<OwnedFd> {
    let fd = ret(value)?.try_into().map_err(|_| Errno(libc::EBADF))?;
    // SAFETY: by this function's contract, fd is freshly opened and owned by no one else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// Calls `call` again as long as it fails with `EINTR`. Inlined: the loop is a few
/// instructions in each caller, fewer bytes than a call.
#[inline]
fn retry_on_intr<T>(mut call: impl FnMut() -> SysResult<T>) -> SysResult<T> {
    loop {
        match call() {
            Err(e) if e.0 == libc::EINTR => {}
            other => return other,
        }
    }
}

/// Proof that the process has one thread, for the calls that are sound only then
/// ([`fork`], [`setenv`], [`clearenv`]). It is neither `Send` nor `Sync`: no thread started
/// later can take it along.
#[derive(Clone, Copy)]
pub struct SingleThreaded(PhantomData<*const ()>);

impl SingleThreaded {
    /// # Safety
    /// The process must have one thread, and no thread may be started while this value or
    /// a copy of it exists.
    pub const unsafe fn new() -> Self {
        SingleThreaded(PhantomData)
    }

    /// [`fork`].
    pub fn fork(self) -> SysResult<Fork> {
        // SAFETY: self proves that the process has one thread.
        unsafe { fork() }
    }

    /// [`clearenv`].
    pub fn clearenv(self) {
        // SAFETY: self proves that the process has one thread.
        unsafe { clearenv() }
    }

    /// [`setenv`].
    pub fn setenv(self, name: &[u8], value: &[u8], overwrite: bool) -> SysResult<()> {
        // SAFETY: self proves that the process has one thread.
        unsafe { setenv(name, value, overwrite) }
    }
}

/// A path or string for the kernel. Arguments from argv never contain NUL; anything else
/// with an interior NUL is refused with `EINVAL`, as the kernel cannot see past it.
pub fn cstr(s: impl AsRef<[u8]>) -> SysResult<CString> {
    CString::new(s.as_ref()).map_err(|_| Errno(libc::EINVAL))
}

/// Standard output, for `--help` and `--version`.
pub fn stdout() -> BorrowedFd<'static> {
    // SAFETY: descriptor 1 belongs to the process for its whole life; if it is closed,
    // calls on it fail with EBADF (std's `Stdout::as_fd` does the same).
    unsafe { BorrowedFd::borrow_raw(libc::STDOUT_FILENO) }
}

/// Standard error, for messages.
pub fn stderr() -> BorrowedFd<'static> {
    // SAFETY: as for stdout: descriptor 2 belongs to the process for its whole life.
    unsafe { BorrowedFd::borrow_raw(libc::STDERR_FILENO) }
}

/// One `write(2)`, retrying on `EINTR`; returns how much was written.
fn write(fd: BorrowedFd<'_>, buf: &[u8]) -> SysResult<usize> {
    retry_on_intr(|| {
        // SAFETY: buf is a valid readable slice of buf.len() bytes.
        let n = ret(unsafe { libc::write(fd.as_raw_fd(), buf.as_ptr().cast(), buf.len()) })?;
        Ok(n.unsigned_abs())
    })
}

/// `write(2)` until everything is written, retrying on `EINTR`.
pub fn write_all(fd: impl AsFd, mut buf: &[u8]) -> SysResult<()> {
    let fd = fd.as_fd();
    while !buf.is_empty() {
        match write(fd, buf)? {
            0 => return Err(Errno(libc::EIO)),
            n => buf = &buf[n..],
        }
    }
    Ok(())
}

/// One `write(2)` of the whole buffer, as procfs control files want (a short write is an
/// error: the kernel takes these in one piece).
pub fn write_once(fd: impl AsFd, buf: &[u8]) -> SysResult<()> {
    // SAFETY: buf is a valid readable slice of buf.len() bytes.
    let n = ret(unsafe { libc::write(fd.as_fd().as_raw_fd(), buf.as_ptr().cast(), buf.len()) })?;
    if n.unsigned_abs() == buf.len() {
        Ok(())
    } else {
        Err(Errno(libc::EIO))
    }
}

/// `read(2)`, retrying on `EINTR`.
pub fn read(fd: impl AsFd, buf: &mut [u8]) -> SysResult<usize> {
    let fd = fd.as_fd().as_raw_fd();
    retry_on_intr(|| {
        // SAFETY: buf is a valid writable slice of buf.len() bytes.
        let n = ret(unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) })?;
        Ok(n.unsigned_abs())
    })
}

/// Reads a whole (small) file, such as a procfs or `/etc` file.
pub fn read_file(path: impl AsRef<[u8]>) -> SysResult<Vec<u8>> {
    let fd = open(path, libc::O_RDONLY)?;
    read_to_end(&fd)
}

/// Reads from `fd` until end of file.
pub fn read_to_end(fd: impl AsFd) -> SysResult<Vec<u8>> {
    let fd = fd.as_fd();
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
    // SAFETY: path is NUL-terminated; the mode is only read with O_CREAT. The result is a
    // new descriptor.
    unsafe { ret_owned_fd(libc::open(path.as_ptr(), flags | libc::O_CLOEXEC, 0o666)) }
}

/// `openat(2)` relative to `dir`, with `O_CLOEXEC` added.
pub fn openat(dir: impl AsFd, path: impl AsRef<[u8]>, flags: libc::c_int) -> SysResult<OwnedFd> {
    let path = cstr(path)?;
    let dir = dir.as_fd().as_raw_fd();
    // SAFETY: path is NUL-terminated and dir an open descriptor. The result is a new
    // descriptor.
    unsafe {
        ret_owned_fd(libc::openat(
            dir,
            path.as_ptr(),
            flags | libc::O_CLOEXEC,
            0o666,
        ))
    }
}

/// Opens `path` for writing and writes `data` in one `write(2)`.
pub fn write_file(path: impl AsRef<[u8]>, data: &[u8]) -> SysResult<()> {
    let fd = open(path, libc::O_WRONLY)?;
    write_once(&fd, data)
}

/// `fstat(2)`.
pub fn fstat(fd: impl AsFd) -> SysResult<libc::stat> {
    // SAFETY: an all-zero stat is a valid value to be overwritten.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: st is a valid, writable stat.
    ret(unsafe { libc::fstat(fd.as_fd().as_raw_fd(), &mut st) })?;
    Ok(st)
}

/// `stat(2)`.
pub fn stat(path: impl AsRef<[u8]>) -> SysResult<libc::stat> {
    let path = cstr(path)?;
    // SAFETY: an all-zero stat is a valid value to be overwritten.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: path is NUL-terminated and st is writable.
    ret(unsafe { libc::stat(path.as_ptr(), &mut st) })?;
    Ok(st)
}

/// `statfs(2)`'s `f_type`.
pub fn statfs_type(path: impl AsRef<[u8]>) -> SysResult<i64> {
    let path = cstr(path)?;
    // SAFETY: an all-zero statfs is a valid value to be overwritten.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: path is NUL-terminated and st is writable.
    ret(unsafe { libc::statfs(path.as_ptr(), &mut st) })?;
    Ok(st.f_type as i64)
}

/// `access(2)`.
pub fn access(path: impl AsRef<[u8]>, mode: libc::c_int) -> SysResult<()> {
    let path = cstr(path)?;
    // SAFETY: path is NUL-terminated.
    ret(unsafe { libc::access(path.as_ptr(), mode) }).map(drop)
}

/// Every `CLONE_NEW*` flag (from the namespace table): what [`unshare`] may be asked for.
const CLONE_NEW_ANY: libc::c_int = crate::ns::ALL_FLAGS;

/// `unshare(2)` of namespaces. Any other flag is refused with `EINVAL`: `CLONE_FILES` would
/// give this thread a descriptor table of its own, where the `OwnedFd`s of other threads
/// would no longer mean what they say (rustix's `unshare_unsafe` is `unsafe` for that).
pub fn unshare(flags: libc::c_int) -> SysResult<()> {
    let flags = only_namespaces(flags)?;
    // SAFETY: unshare takes only an integer, and new namespaces leave the descriptor table
    // (and memory) shared as it was.
    ret(unsafe { libc::unshare(flags) }).map(drop)
}

/// `flags` if they are all `CLONE_NEW*` flags, else `EINVAL`.
fn only_namespaces(flags: libc::c_int) -> SysResult<libc::c_int> {
    if flags & !CLONE_NEW_ANY == 0 {
        Ok(flags)
    } else {
        Err(Errno(libc::EINVAL))
    }
}

/// `setns(2)` on a namespace fd or a pidfd.
pub fn setns(fd: impl AsFd, nstype: libc::c_int) -> SysResult<()> {
    // SAFETY: setns takes a descriptor and an integer.
    ret(unsafe { libc::setns(fd.as_fd().as_raw_fd(), nstype) }).map(drop)
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
    let r = unsafe {
        libc::mount(
            ptr(&source),
            target.as_ptr(),
            ptr(&fstype),
            flags,
            ptr(&data).cast(),
        )
    };
    ret(r).map(drop)
}

/// `umount2(2)`.
pub fn umount2(target: &[u8], flags: libc::c_int) -> SysResult<()> {
    let target = cstr(target)?;
    // SAFETY: target is NUL-terminated.
    ret(unsafe { libc::umount2(target.as_ptr(), flags) }).map(drop)
}

/// `chroot(2)`.
pub fn chroot(path: impl AsRef<[u8]>) -> SysResult<()> {
    let path = cstr(path)?;
    // SAFETY: path is NUL-terminated.
    ret(unsafe { libc::chroot(path.as_ptr()) }).map(drop)
}

/// `chdir(2)`.
pub fn chdir(path: impl AsRef<[u8]>) -> SysResult<()> {
    let path = cstr(path)?;
    // SAFETY: path is NUL-terminated.
    ret(unsafe { libc::chdir(path.as_ptr()) }).map(drop)
}

/// `fchdir(2)`.
pub fn fchdir(fd: impl AsFd) -> SysResult<()> {
    // SAFETY: fchdir takes only a descriptor.
    ret(unsafe { libc::fchdir(fd.as_fd().as_raw_fd()) }).map(drop)
}

/// `setgroups(0, NULL)`: drop every supplementary group.
pub fn clear_groups() -> SysResult<()> {
    // SAFETY: a zero-length list with a null pointer is valid.
    ret(unsafe { libc::setgroups(0, std::ptr::null()) }).map(drop)
}

/// `setuid(2)`.
pub fn setuid(uid: libc::uid_t) -> SysResult<()> {
    // SAFETY: setuid takes only an integer.
    ret(unsafe { libc::setuid(uid) }).map(drop)
}

/// `setgid(2)`.
pub fn setgid(gid: libc::gid_t) -> SysResult<()> {
    // SAFETY: setgid takes only an integer.
    ret(unsafe { libc::setgid(gid) }).map(drop)
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
    // SAFETY: eventfd takes only integers and returns a new descriptor.
    unsafe { ret_owned_fd(libc::eventfd(0, libc::EFD_CLOEXEC)) }
}

/// `pipe2(2)` with `O_CLOEXEC`: (read end, write end).
pub fn pipe() -> SysResult<(OwnedFd, OwnedFd)> {
    let mut fds = [0 as RawFd; 2];
    // SAFETY: fds has room for the two descriptors.
    ret(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) })?;
    // SAFETY: both fds were just created and are owned by no one else.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

/// `prctl(2)` with two integer arguments (the rest zero).
///
/// # Safety
/// `option` must be one whose arguments are integers, not pointers.
unsafe fn prctl(option: libc::c_int, arg2: libc::c_ulong, arg3: libc::c_ulong) -> SysResult<i32> {
    // SAFETY: by this function's contract, no argument is read as a pointer.
    ret(unsafe { libc::prctl(option, arg2, arg3, 0 as libc::c_ulong, 0 as libc::c_ulong) })
}

/// A signal number as the `unsigned long` argument `prctl` takes (a bad one is refused by
/// the kernel with `EINVAL`, as a negative one is here).
fn signal_arg(sig: libc::c_int) -> SysResult<libc::c_ulong> {
    libc::c_ulong::try_from(sig).map_err(|_| Errno(libc::EINVAL))
}

/// `PR_SET_PDEATHSIG`: the signal this process gets when its parent dies.
pub fn set_pdeathsig(sig: libc::c_int) -> SysResult<()> {
    // SAFETY: PR_SET_PDEATHSIG takes an integer (the signal).
    unsafe { prctl(libc::PR_SET_PDEATHSIG, signal_arg(sig)?, 0) }.map(drop)
}

/// `PR_CAP_AMBIENT_RAISE`: adds `cap` to the ambient capability set.
pub fn ambient_raise(cap: u32) -> SysResult<()> {
    let raise = libc::PR_CAP_AMBIENT_RAISE as libc::c_ulong;
    // SAFETY: PR_CAP_AMBIENT takes two integers (the operation and the capability).
    unsafe { prctl(libc::PR_CAP_AMBIENT, raise, libc::c_ulong::from(cap)) }.map(drop)
}

/// `PR_CAPBSET_READ`: whether `cap` is in the bounding set (`EINVAL`: no such capability).
pub fn capbset_read(cap: u32) -> SysResult<bool> {
    // SAFETY: PR_CAPBSET_READ takes an integer (the capability).
    unsafe { prctl(libc::PR_CAPBSET_READ, libc::c_ulong::from(cap), 0) }.map(|r| r == 1)
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
    ret(unsafe { libc::syscall(libc::SYS_capget, &mut head, data.as_mut_ptr()) })?;
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
    ret(unsafe { libc::syscall(libc::SYS_capset, &mut head, data.as_ptr()) }).map(drop)
}

/// `PROC_SUPER_MAGIC`: the file system type of procfs.
pub const PROC_SUPER_MAGIC: i64 = 0x9fa0;

/// The bytes of an `OsStr`, for the kernel.
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
///
/// # Safety
/// The process must have one thread: another could be reading the environment.
pub unsafe fn clearenv() {
    // SAFETY: by this function's contract nothing else reads environ meanwhile, and no
    // pointer into it is kept (getenv copies).
    unsafe { libc::clearenv() };
}

/// `setenv(3)`; `overwrite` as in C.
///
/// # Safety
/// The process must have one thread: another could be reading the environment.
pub unsafe fn setenv(name: &[u8], value: &[u8], overwrite: bool) -> SysResult<()> {
    let (name, value) = (cstr(name)?, cstr(value)?);
    // SAFETY: by this function's contract nothing else reads environ meanwhile; both
    // strings are NUL-terminated and copied by libc.
    ret(unsafe { libc::setenv(name.as_ptr(), value.as_ptr(), overwrite.into()) }).map(drop)
}

/// `getenv(3)`, copied out. Through std, which reads the environment under the lock its
/// `set_var` takes: a safe caller in another thread may be changing the environment (in
/// edition 2021 `std::env::set_var` is safe), and a bare `libc::getenv` would race with it.
pub fn getenv(name: &[u8]) -> Option<Vec<u8>> {
    std::env::var_os(OsStr::from_bytes(name)).map(OsString::into_vec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_minus_one_is_an_error() {
        errno::set_errno(Errno(libc::ENOENT));
        assert_eq!(ret(-1i32), Err(Errno(libc::ENOENT)));
        assert_eq!(ret(-1i64), Err(Errno(libc::ENOENT)));
        assert_eq!(ret(7isize), Ok(7));
        assert_eq!(ret(0i32), Ok(0));
    }

    #[test]
    fn getenv_copies_bytes_and_refuses_nul() {
        // std's set_var takes the lock getenv reads under, so this is sound in the harness.
        std::env::set_var("NSUTILS_SYS_GETENV", OsStr::from_bytes(b"a\xffb"));
        assert_eq!(getenv(b"NSUTILS_SYS_GETENV"), Some(b"a\xffb".to_vec()));
        assert_eq!(getenv(b"NSUTILS_SYS_GETENV\0x"), None);
        assert_eq!(getenv(b"NSUTILS_SYS_GETENV_UNSET"), None);
    }

    #[test]
    fn unshare_takes_namespace_flags_only() {
        // The check, not unshare itself: the test process must not unshare anything.
        assert_eq!(only_namespaces(CLONE_NEW_ANY), Ok(CLONE_NEW_ANY));
        assert_eq!(only_namespaces(0), Ok(0));
        for flag in [
            libc::CLONE_FILES,
            libc::CLONE_FS,
            libc::CLONE_VM,
            libc::CLONE_SYSVSEM,
        ] {
            let flags = libc::CLONE_NEWUTS | flag;
            assert_eq!(
                only_namespaces(flags),
                Err(Errno(libc::EINVAL)),
                "{flag:#x}"
            );
        }
    }

    #[test]
    fn retry_on_intr_retries_eintr_only() {
        let mut calls = 0;
        let r = retry_on_intr(|| {
            calls += 1;
            if calls < 3 {
                Err(Errno(libc::EINTR))
            } else {
                Ok(calls)
            }
        });
        assert_eq!(r, Ok(3));
        let mut calls = 0;
        let r: SysResult<()> = retry_on_intr(|| {
            calls += 1;
            Err(Errno(libc::EAGAIN))
        });
        assert_eq!((r, calls), (Err(Errno(libc::EAGAIN)), 1));
    }
}
