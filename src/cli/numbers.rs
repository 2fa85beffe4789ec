//! util-linux's number parsers (`lib/strutils.c`): C `strtoimax`/`strtoumax` in base 10, the
//! whole string must be a number, negative values are out of range for the unsigned ones, and
//! errors read `<what>: '<input>'` (with `: Numerical result out of range` on overflow).

use errno::Errno;

use crate::msg::{Error, Result};

const EINVAL: Errno = Errno(libc::EINVAL);
const ERANGE: Errno = Errno(libc::ERANGE);

/// C's `isspace` in the C locale.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Parses like `strto[iu]max(s, &end, 10)` followed by util-linux's "nothing after it" check.
/// Returns the sign and the magnitude, saturated, with `ERANGE` beyond `u64`.
fn scan(s: &[u8]) -> std::result::Result<(bool, u64), Errno> {
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
    if n == 0 || n != digits.len() {
        return Err(EINVAL);
    }
    let mut value: u64 = 0;
    let mut overflow = false;
    for &d in digits {
        match value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(d - b'0')))
        {
            Some(v) => value = v,
            None => overflow = true,
        }
    }
    if overflow {
        return Err(ERANGE);
    }
    Ok((negative, value))
}

/// `ul_strtos64(s, &n, 10)`.
pub fn strtos64(s: &[u8]) -> std::result::Result<i64, Errno> {
    if s.is_empty() {
        return Err(EINVAL);
    }
    let (negative, magnitude) = scan(s)?;
    if negative {
        0i64.checked_sub_unsigned(magnitude).ok_or(ERANGE)
    } else {
        i64::try_from(magnitude).map_err(|_| ERANGE)
    }
}

/// `ul_strtou64(s, &n, 10)`: negative numbers are out of range (even `-0` is accepted as 0,
/// as strtoimax gives 0 for it).
pub fn strtou64(s: &[u8]) -> std::result::Result<u64, Errno> {
    if s.is_empty() {
        return Err(EINVAL);
    }
    let (negative, magnitude) = scan(s)?;
    if negative && magnitude != 0 {
        return Err(ERANGE);
    }
    Ok(magnitude)
}

/// What `ul_strtou64(s, &n, 10)` leaves in `n` (set to 0 before) even when it fails: C
/// `strtoumax`'s reading of the number at the start of `s`, saturated, whatever follows it;
/// 0 when there is none or `strtoimax` reads a negative number (then nothing is stored).
pub fn strtou64_prefix(s: &[u8]) -> u64 {
    let mut i = s.iter().take_while(|&&b| is_c_space(b)).count();
    match s.get(i) {
        Some(b'-') => return 0,
        Some(b'+') => i += 1,
        _ => {}
    }
    s[i..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .fold(0u64, |n, &d| {
            n.checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(d - b'0')))
                .unwrap_or(u64::MAX)
        })
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

/// `sscanf("%u")`-style parse of a 32-bit unsigned prefix: leading blanks, an optional sign
/// (negative values wrap, as in C), digits; returns the value and the bytes consumed.
/// Overflow beyond `unsigned long` saturates like `strtoul` and is then truncated to 32 bits.
pub fn scan_u32_prefix(s: &[u8]) -> Option<(u32, usize)> {
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
    let n = s[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    if n == 0 {
        return None;
    }
    let mut value: u64 = 0;
    for &d in &s[i..i + n] {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(d - b'0')))
            .unwrap_or(u64::MAX);
    }
    let value = if negative {
        value.wrapping_neg()
    } else {
        value
    };
    Some((value as u32, i + n))
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
    }

    #[test]
    fn signed_like_util_linux() {
        assert_eq!(strtos64(b"-5"), Ok(-5));
        assert_eq!(strtos64(b"9223372036854775807"), Ok(i64::MAX));
        assert_eq!(strtos64(b"9223372036854775808"), Err(ERANGE));
        assert_eq!(strtos64(b"-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(strtos64(b"-9223372036854775809"), Err(ERANGE));
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
    }
}
