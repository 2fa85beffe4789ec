//! `/etc/passwd` and `/etc/group` lookups without NSS, so a static binary behaves the same
//! everywhere and nothing is loaded at run time.

/// One `name:x:id:...` entry of interest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: Vec<u8>,
    pub id: u32,
    /// The login shell (passwd only; empty for groups).
    pub shell: Vec<u8>,
}

const PASSWD: &str = "/etc/passwd";
const GROUP: &str = "/etc/group";

/// Parses a passwd- (`passwd`) or group-format line the way glibc's nss_files does, as
/// util-linux gets its entries through `getpwuid(3)` and friends: the numeric fields are
/// read like `strtoul` (blanks and a sign allowed, clamped to 32 bits) and must end at a
/// ':' or the line's end, and the shell is the rest of the line, colons included.
fn parse_line(line: &[u8], passwd: bool) -> Option<Entry> {
    let (name, rest) = field(line);
    let (_password, rest) = field(rest);
    let (id, rest) = id_field(rest)?;
    let shell = if passwd {
        let (_gid, rest) = id_field(rest)?;
        let (_gecos, rest) = field(rest);
        let (_home, shell) = field(rest);
        shell
    } else {
        b""
    };
    Some(Entry {
        name: name.to_vec(),
        id,
        shell: shell.to_vec(),
    })
}

/// The text up to the next ':' and what follows that colon.
fn field(line: &[u8]) -> (&[u8], &[u8]) {
    match line.iter().position(|&b| b == b':') {
        Some(colon) => (&line[..colon], &line[colon + 1..]),
        None => (line, b""),
    }
}

/// glibc's `INT_FIELD` with `strtou32`: a number, ended by ':' or the end of the line.
fn id_field(line: &[u8]) -> Option<(u32, &[u8])> {
    let (text, rest) = field(line);
    let blanks = text
        .iter()
        .take_while(|b| b" \t\n\x0b\x0c\r".contains(b))
        .count();
    let signed = &text[blanks..];
    let (negative, digits) = match signed.first() {
        Some(b'-') => (true, &signed[1..]),
        Some(b'+') => (false, &signed[1..]),
        _ => (false, signed),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let magnitude = digits.iter().fold(0u64, |n, &d| {
        n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    });
    // strtoul negates a negative number in unsigned arithmetic: anything but -0 ends up
    // above 32 bits and is clamped.
    let value = match (negative, magnitude) {
        (true, 0) => 0,
        (true, _) => u32::MAX,
        (false, n) => u32::try_from(n).unwrap_or(u32::MAX),
    };
    Some((value, rest))
}

/// The entries of a passwd- or group-format file that a lookup can find: blank and `#`
/// lines are skipped, as are NIS compat lines (`+name`, `-name`), which nss_files never
/// returns.
fn find(path: &str, passwd: bool, pred: impl Fn(&Entry) -> bool) -> Option<Entry> {
    let data = crate::sys::read_file(path).ok()?;
    data.split(|&b| b == b'\n')
        .map(|line| {
            let blanks = line
                .iter()
                .take_while(|b| b.is_ascii_whitespace() || **b == 0x0b);
            &line[blanks.count()..]
        })
        .filter(|line| !line.is_empty() && line[0] != b'#')
        .filter_map(|line| parse_line(line, passwd))
        .filter(|e| !matches!(e.name.first(), Some(b'+' | b'-')))
        .find(|e| pred(e))
}

/// The passwd entry of `uid`.
pub fn user_by_id(uid: u32) -> Option<Entry> {
    find(PASSWD, true, |e| e.id == uid)
}

/// The passwd entry named `name`.
pub fn user_by_name(name: &[u8]) -> Option<Entry> {
    find(PASSWD, true, |e| e.name == name)
}

/// The group entry named `name`.
pub fn group_by_name(name: &[u8]) -> Option<Entry> {
    find(GROUP, false, |e| e.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_passwd_and_group_lines() {
        let e = parse_line(b"root:x:0:0:root:/root:/bin/bash", true).unwrap();
        assert_eq!(
            (e.name.as_slice(), e.id, e.shell.as_slice()),
            (&b"root"[..], 0, &b"/bin/bash"[..])
        );
        let g = parse_line(b"tty:x:5:", false).unwrap();
        assert_eq!((g.name.as_slice(), g.id), (&b"tty"[..], 5));
        assert_eq!(parse_line(b"bad:x:notanumber:", false), None);
        assert_eq!(parse_line(b"", true), None);
    }

    #[test]
    fn fields_as_glibc_reads_them() {
        let shell = |line: &[u8]| parse_line(line, true).map(|e| (e.id, e.shell));
        assert_eq!(
            shell(b"r:x:0:0::/:/bin/sh:x"),
            Some((0, b"/bin/sh:x".to_vec()))
        );
        assert_eq!(shell(b"r:x: +7:0::/:s"), Some((7, b"s".to_vec())));
        assert_eq!(shell(b"r:x:-1:0::/:s"), Some((u32::MAX, b"s".to_vec())));
        assert_eq!(shell(b"r:x:-0:0::/:s"), Some((0, b"s".to_vec())));
        assert_eq!(
            shell(b"r:x:4294967296:0::/:s"),
            Some((u32::MAX, b"s".to_vec()))
        );
        assert_eq!(shell(b"r:x:0:0"), Some((0, Vec::new())));
        for bad in [
            &b"r:x::0::/:s"[..],
            b"r:x:0x0:0::/:s",
            b"r:x:0 :0::/:s",
            b"r:x:0:g::/:s",
        ] {
            assert_eq!(shell(bad), None, "{:?}", String::from_utf8_lossy(bad));
        }
    }
}
