//! util-linux's number parsers (`lib/strutils.c`): C `strtoimax`/`strtoumax` in base 10, the
//! whole string must be a number, negative values are out of range for the unsigned ones, and
//! errors read `<what>: '<input>'` (with `: Numerical result out of range` on overflow).

use errno::Errno;

use crate::msg::{Error, Result};

const EINVAL: Errno = Errno(libc::EINVAL);
const ERANGE: Errno = Errno(libc::ERANGE);

/// C's `isspace` in the C locale.
pub fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// What `strto[iu]max(s, &end, 10)` and `strtoul` see: leading blanks, an optional sign,
/// decimal digits. Every parser here reads a number this way and differs only in what it
/// makes of the result.
struct Scanned {
    negative: bool,
    /// The value of the digits; `None` beyond `u64`.
    magnitude: Option<u64>,
    /// Where the digits end (C's `end`).
    end: usize,
}

impl Scanned {
    /// Whether the number is all there is (util-linux's "nothing after it" check, made only
    /// after the range checks, as `errno` is looked at first).
    fn whole(&self, s: &[u8]) -> bool {
        self.end == s.len()
    }
}

/// `None` without digits (strto*max then parses nothing).
fn scan(s: &[u8]) -> Option<Scanned> {
    let mut i = s.iter().take_while(|&&b| is_c_space(b)).count();
    let negative = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let digits = &s[i..];
    let n = digits.iter().take_while(|b| b.is_ascii_digit()).count();
    if n == 0 {
        return None;
    }
    let magnitude = digits[..n].iter().try_fold(0u64, |v, &d| {
        v.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    });
    Some(Scanned {
        negative,
        magnitude,
        end: i + n,
    })
}

/// `ul_strtos64(s, &n, 10)`: out of range (`ERANGE`) wins over trailing garbage (`EINVAL`).
pub fn strtos64(s: &[u8]) -> std::result::Result<i64, Errno> {
    let scanned = scan(s).ok_or(EINVAL)?;
    let magnitude = scanned.magnitude.ok_or(ERANGE)?;
    let value = if scanned.negative {
        0i64.checked_sub_unsigned(magnitude).ok_or(ERANGE)?
    } else {
        i64::try_from(magnitude).map_err(|_| ERANGE)?
    };
    if scanned.whole(s) {
        Ok(value)
    } else {
        Err(EINVAL)
    }
}

/// `ul_strtou64(s, &n, 10)`: a negative number is out of range, even followed by garbage
/// (`-1:2`), as util-linux checks `strtoimax`'s sign first; `-0` is 0.
pub fn strtou64(s: &[u8]) -> std::result::Result<u64, Errno> {
    let scanned = scan(s).ok_or(EINVAL)?;
    if scanned.negative && scanned.magnitude != Some(0) {
        return Err(ERANGE);
    }
    let magnitude = scanned.magnitude.ok_or(ERANGE)?;
    if scanned.whole(s) {
        Ok(magnitude)
    } else {
        Err(EINVAL)
    }
}

/// What `ul_strtou64(s, &n, 10)` leaves in `n` (set to 0 before) even when it fails: C
/// `strtoumax`'s reading of the number at the start of `s`, saturated, whatever follows it;
/// 0 when there is none or `strtoimax` reads a negative number (then nothing is stored).
pub fn strtou64_prefix(s: &[u8]) -> u64 {
    match scan(s) {
        Some(n) if !n.negative => n.magnitude.unwrap_or(u64::MAX),
        _ => 0,
    }
}

/// The `"%s: '%s'"` error of the `*_or_err` parsers.
pub fn number_error(what: &str, input: &[u8], errno: Errno) -> Error {
    let text = [what.as_bytes(), b": '", input, b"'"].concat();
    if errno == ERANGE {
        Error::sys(text, errno)
    } else {
        Error::msg(text)
    }
}

/// `strtoul_or_err()` / `strtou64_or_err()`.
pub fn strtou64_or_err(input: &[u8], what: &str) -> Result<u64> {
    strtou64(input).map_err(|e| number_error(what, input, e))
}

/// `strtos64_or_err()`.
pub fn strtos64_or_err(input: &[u8], what: &str) -> Result<i64> {
    strtos64(input).map_err(|e| number_error(what, input, e))
}

/// `str2num_or_err()`: a bound of 0 means "no bound", as in util-linux.
pub fn str2num_or_err(input: &[u8], what: &str, low: i64, up: i64) -> Result<i64> {
    let n = strtos64(input).map_err(|e| number_error(what, input, e))?;
    if (low != 0 && n < low) || (up != 0 && n > up) {
        return Err(number_error(what, input, ERANGE));
    }
    Ok(n)
}

/// `sscanf("%u")`-style parse of a 32-bit unsigned prefix: [`scan_ulong_prefix`] truncated
/// to 32 bits, as scanf stores `strtoul`'s result in an `unsigned int`.
pub fn scan_u32_prefix(s: &[u8]) -> Option<(u32, usize)> {
    scan_ulong_prefix(s).map(|(value, used)| (value as u32, used))
}

/// `strtoul(s, &end, 10)` on a 64-bit system: leading blanks, an optional sign (a negative
/// value is negated as unsigned), digits; beyond `unsigned long` the value is `ULONG_MAX`,
/// whatever the sign. Returns the value and the bytes consumed, `None` without digits.
pub fn scan_ulong_prefix(s: &[u8]) -> Option<(u64, usize)> {
    let n = scan(s)?;
    let value = match n.magnitude {
        None => u64::MAX,
        Some(v) if n.negative => v.wrapping_neg(),
        Some(v) => v,
    };
    Some((value, n.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsigned_prefix_left_by_a_failed_parse() {
        assert_eq!(strtou64_prefix(b"5x"), 5);
        assert_eq!(strtou64_prefix(b" +7:3"), 7);
        assert_eq!(strtou64_prefix(b"99999999999999999999"), u64::MAX);
        assert_eq!(strtou64_prefix(b"-5"), 0);
        assert_eq!(strtou64_prefix(b"x5"), 0);
        assert_eq!(strtou64_prefix(b""), 0);
    }

    #[test]
    fn unsigned_like_util_linux() {
        assert_eq!(strtou64(b"42"), Ok(42));
        assert_eq!(strtou64(b" +7"), Ok(7));
        assert_eq!(strtou64(b"-0"), Ok(0));
        assert_eq!(strtou64(b"-1"), Err(ERANGE));
        assert_eq!(strtou64(b"18446744073709551615"), Ok(u64::MAX));
        assert_eq!(strtou64(b"18446744073709551616"), Err(ERANGE));
        assert_eq!(strtou64(b""), Err(EINVAL));
        assert_eq!(strtou64(b"1x"), Err(EINVAL));
        assert_eq!(strtou64(b"x"), Err(EINVAL));
        assert_eq!(strtou64(b"1 "), Err(EINVAL));
        // The range is checked before what follows the number.
        assert_eq!(strtou64(b"-1:-1"), Err(ERANGE));
        assert_eq!(strtou64(b"-0x"), Err(EINVAL));
        assert_eq!(strtou64(b"99999999999999999999x"), Err(ERANGE));
        assert_eq!(strtou64(b"18446744073709551615x"), Err(EINVAL));
        assert_eq!(strtou64(b"-"), Err(EINVAL));
        assert_eq!(strtou64(b" "), Err(EINVAL));
    }

    #[test]
    fn signed_like_util_linux() {
        assert_eq!(strtos64(b"-5"), Ok(-5));
        assert_eq!(strtos64(b"9223372036854775807"), Ok(i64::MAX));
        assert_eq!(strtos64(b"9223372036854775808"), Err(ERANGE));
        assert_eq!(strtos64(b"-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(strtos64(b"-9223372036854775809"), Err(ERANGE));
        assert_eq!(strtos64(b"9223372036854775808x"), Err(ERANGE));
        assert_eq!(strtos64(b"-5x"), Err(EINVAL));
        assert_eq!(strtos64(b""), Err(EINVAL));
    }

    #[test]
    fn error_texts() {
        let e = strtou64_or_err(b"abc", "failed to parse uid").unwrap_err();
        assert_eq!(e.text, b"failed to parse uid: 'abc'");
        let e = strtou64_or_err(b"-1", "failed to parse uid").unwrap_err();
        assert_eq!(
            e.text,
            b"failed to parse uid: '-1': Numerical result out of range"
        );
        let e = str2num_or_err(b"0", "x", 1, 10).unwrap_err();
        assert_eq!(e.text, b"x: '0': Numerical result out of range");
    }

    #[test]
    fn scanf_u32_prefix() {
        assert_eq!(scan_u32_prefix(b"12:3"), Some((12, 2)));
        assert_eq!(scan_u32_prefix(b" -1,"), Some((u32::MAX, 3)));
        assert_eq!(scan_u32_prefix(b":"), None);
        // Overflow gives ULONG_MAX even with a minus sign; then the cut to 32 bits.
        assert_eq!(
            scan_u32_prefix(b"-99999999999999999999"),
            Some((u32::MAX, 21))
        );
        assert_eq!(scan_u32_prefix(b"4294967296"), Some((0, 10)));
        assert_eq!(scan_ulong_prefix(b"4294967296x"), Some((1 << 32, 10)));
        assert_eq!(scan_ulong_prefix(b"-1"), Some((u64::MAX, 2)));
        assert_eq!(
            scan_ulong_prefix(b"-4294967296"),
            Some(((1u64 << 32).wrapping_neg(), 11))
        );
    }
}
