//! Signal names for `--kill-child`, as util-linux's `signame_to_signum()` knows them: a
//! name with or without `SIG`, in any case, or `RT<n>`, `RTMIN+<n>`, `RTMAX-<n>`. Plain
//! numbers are not names and are refused.

/// Every Linux signal name util-linux's table has on this architecture, in its order
/// (aliases included: `IOT`, `CLD`, `POLL`).
const NAMES: &[(&str, libc::c_int)] = &[
    ("HUP", libc::SIGHUP),
    ("INT", libc::SIGINT),
    ("QUIT", libc::SIGQUIT),
    ("ILL", libc::SIGILL),
    ("TRAP", libc::SIGTRAP),
    ("ABRT", libc::SIGABRT),
    ("IOT", libc::SIGIOT),
    ("BUS", libc::SIGBUS),
    ("FPE", libc::SIGFPE),
    ("KILL", libc::SIGKILL),
    ("USR1", libc::SIGUSR1),
    ("SEGV", libc::SIGSEGV),
    ("USR2", libc::SIGUSR2),
    ("PIPE", libc::SIGPIPE),
    ("ALRM", libc::SIGALRM),
    ("TERM", libc::SIGTERM),
    ("STKFLT", libc::SIGSTKFLT),
    ("CHLD", libc::SIGCHLD),
    ("CLD", libc::SIGCHLD),
    ("CONT", libc::SIGCONT),
    ("STOP", libc::SIGSTOP),
    ("TSTP", libc::SIGTSTP),
    ("TTIN", libc::SIGTTIN),
    ("TTOU", libc::SIGTTOU),
    ("URG", libc::SIGURG),
    ("XCPU", libc::SIGXCPU),
    ("XFSZ", libc::SIGXFSZ),
    ("VTALRM", libc::SIGVTALRM),
    ("PROF", libc::SIGPROF),
    ("WINCH", libc::SIGWINCH),
    ("IO", libc::SIGIO),
    ("POLL", libc::SIGPOLL),
    ("PWR", libc::SIGPWR),
    ("SYS", libc::SIGSYS),
];

/// Strips an ASCII-case-insensitive prefix.
fn strip_prefix_ci<'a>(s: &'a [u8], prefix: &[u8]) -> Option<&'a [u8]> {
    (s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix))
        .then(|| &s[prefix.len()..])
}

/// The signal number `name` stands for, or `None` (then: `unknown signal: NAME`).
pub fn signum(name: &[u8]) -> Option<libc::c_int> {
    let name = strip_prefix_ci(name, b"sig").unwrap_or(name);
    if let Some(rt) = strip_prefix_ci(name, b"rt") {
        return realtime(rt, libc::SIGRTMIN(), libc::SIGRTMAX());
    }
    NAMES
        .iter()
        .find(|(n, _)| n.as_bytes().eq_ignore_ascii_case(name))
        .map(|&(_, v)| v)
}

/// `<n>`, `MIN+<n>` or `MAX-<n>` after `RT`. As in util-linux, the number must start with
/// a digit and whatever follows its digits is ignored.
fn realtime(s: &[u8], min: libc::c_int, max: libc::c_int) -> Option<libc::c_int> {
    let (s, from_max) = if let Some(rest) = strip_prefix_ci(s, b"min+") {
        (rest, false)
    } else if let Some(rest) = strip_prefix_ci(s, b"max-") {
        (rest, true)
    } else {
        (s, false)
    };
    let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    // strtol fails with ERANGE beyond `long`; util-linux then keeps its result in an `int`,
    // so only the low 32 bits count (`RTMIN+4294967298` is RTMIN+2) and must not be negative.
    let n: i64 = std::str::from_utf8(&s[..digits]).ok()?.parse().ok()?;
    let n = i64::from(n as i32);
    if n < 0 {
        return None;
    }
    let num = if from_max {
        i64::from(max) - n
    } else {
        i64::from(min) + n
    };
    (i64::from(min)..=i64::from(max))
        .contains(&num)
        .then_some(num as libc::c_int)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_any_case_with_or_without_sig() {
        assert_eq!(signum(b"KILL"), Some(libc::SIGKILL));
        assert_eq!(signum(b"sigterm"), Some(libc::SIGTERM));
        assert_eq!(signum(b"SiGhUp"), Some(libc::SIGHUP));
        assert_eq!(signum(b"cld"), Some(libc::SIGCHLD));
        assert_eq!(signum(b"iot"), Some(libc::SIGABRT));
        assert_eq!(signum(b"poll"), Some(libc::SIGIO));
    }

    #[test]
    fn numbers_and_unknown_names_are_refused() {
        for bad in [
            &b"9"[..],
            b"",
            b"SIG",
            b"UNUSED",
            b"sigfoo",
            b"KILLX",
            b" KILL",
        ] {
            assert_eq!(signum(bad), None, "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn realtime_signals() {
        let (min, max) = (libc::SIGRTMIN(), libc::SIGRTMAX());
        assert_eq!(signum(b"RTMIN+0"), Some(min));
        assert_eq!(signum(b"sigrtmin+3x"), Some(min + 3));
        assert_eq!(signum(b"rt5"), Some(min + 5));
        assert_eq!(signum(b"RTMAX-0"), Some(max));
        assert_eq!(signum(b"rtmax-30"), Some(max - 30));
        assert_eq!(
            signum(&format!("rtmax-{}", max - min + 1).into_bytes()),
            None
        );
        assert_eq!(signum(b"rtmin"), None);
        assert_eq!(signum(b"rtmin+-1"), None);
        assert_eq!(signum(b"rtmin+99999999999999999999999"), None);
        // Kept in a C int: the low 32 bits count, and a negative int is refused.
        assert_eq!(signum(b"RTMIN+4294967298"), Some(min + 2));
        assert_eq!(signum(b"RTMAX-4294967296"), Some(max));
        assert_eq!(signum(b"RTMIN+2147483648"), None);
    }
}
