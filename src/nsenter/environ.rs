//! `-e/--env`: the program gets the target's environment instead of ours.

use std::os::fd::OwnedFd;

use crate::msg::{Context, Result};
use crate::sys::{self, SingleThreaded};

/// The `NAME=value` entries of a `/proc/PID/environ` buffer. Entries without '=' are
/// skipped; where a name repeats, the last entry wins (as with util-linux).
fn entries(buf: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut out: Vec<(&[u8], &[u8])> = Vec::new();
    for entry in buf.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let Some(eq) = entry.iter().position(|&b| b == b'=') else {
            continue;
        };
        let (name, value) = (&entry[..eq], &entry[eq + 1..]);
        out.retain(|(n, _)| *n != name);
        out.push((name, value));
    }
    out
}

/// Replaces our environment by the one read from `environ` (`/proc/PID/environ`).
pub fn adopt(single: SingleThreaded, environ: &OwnedFd) -> Result<()> {
    let buf = sys::read_to_end(environ).or_err(|| "failed to get environment variables")?;
    single.clearenv();
    for (name, value) in entries(&buf).iter().rev() {
        single
            .setenv(name, value, false)
            .or_err(|| "failed to set environment variables")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_environ() {
        let e = entries(b"A=1\0NOEQ\0B=x=y\0A=2\0\0");
        assert_eq!(e, vec![(&b"B"[..], &b"x=y"[..]), (&b"A"[..], &b"2"[..])]);
        assert!(entries(b"").is_empty());
    }
}
