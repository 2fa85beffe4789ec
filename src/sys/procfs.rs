//! Paths under /proc, built without `core::fmt`: nsenter builds one or two for every
//! namespace it enters, on the path every invocation takes.

/// `/proc/<pid>/<tail>`.
pub fn proc_path(pid: u32, tail: &str) -> Vec<u8> {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut rest = pid;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    [b"/proc/", &digits[at..], b"/", tail.as_bytes()].concat()
}

#[cfg(test)]
mod tests {
    use super::proc_path;

    #[test]
    fn decimal_pid_then_tail() {
        assert_eq!(proc_path(0, "ns/mnt"), b"/proc/0/ns/mnt");
        assert_eq!(proc_path(1, "environ"), b"/proc/1/environ");
        assert_eq!(proc_path(40_960, "ns/user"), b"/proc/40960/ns/user");
        assert_eq!(proc_path(u32::MAX, "x"), b"/proc/4294967295/x");
    }
}
