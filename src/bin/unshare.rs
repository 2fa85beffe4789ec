//! `unshare`: the tool is chosen by argv[0], so this binary also serves as `nsenter`.
//!
//! C's `main` is ours (`#![no_main]`), without Rust's runtime start-up, so the tool starts
//! as a C program does and costs no more: SIGPIPE keeps its disposition (std would ignore it,
//! and the program we exec would inherit that), and there is no probing of fds 0-2, no
//! /proc/self/maps read and no signal stack to set up before we reach exec.
// Under `cargo test` the test harness brings its own `main`.
#![cfg_attr(not(test), no_main)]
#![deny(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

/// Called by the C runtime; std still gets argv and the environment from it.
#[cfg(not(test))]
#[allow(unsafe_code)] // #[no_mangle], and the promise below
#[no_mangle]
pub extern "C" fn main(
    _argc: std::ffi::c_int,
    _argv: *const *const std::ffi::c_char,
) -> std::ffi::c_int {
    // SAFETY: C's main runs before anything could start a thread, and nsutils starts none.
    nsutils::multicall_main(unsafe { nsutils::sys::SingleThreaded::new() })
}
