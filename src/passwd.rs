//! `/etc/passwd` and `/etc/group` lookups without NSS, so a static binary behaves the same
//! everywhere and nothing is loaded at run time.

use crate::cli::numbers::{is_c_space, scan_ulong_prefix};

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

/// The two formats: which fields follow the id.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    /// `name:passwd:uid:gid:gecos:home:shell`, the shell being the rest of the line.
    Passwd,
    /// `name:passwd:gid:members`.
    Group,
}

/// Parses a line as glibc's nss_files does (`getpwnam()` and friends on a system whose
/// nsswitch.conf says `files`): leading blanks are skipped, empty and `#` lines ignored;
/// ids are `strtoul` numbers up to 2^32-1 ended by `:` or the end of the line; missing
/// trailing text fields are empty. Entries named `+...`/`-...` (nss_compat) never match.
fn parse_line(line: &[u8], format: Format) -> Option<Entry> {
    let start = line.iter().position(|&b| !is_c_space(b))?;
    let mut rest = &line[start..];
    if rest.first() == Some(&b'#') {
        return None;
    }
    let name = string_field(&mut rest);
    if matches!(name.first(), Some(b'+' | b'-')) {
        return None;
    }
    let _password = string_field(&mut rest);
    let id = id_field(&mut rest)?;
    let shell = match format {
        Format::Passwd => {
            let _gid = id_field(&mut rest)?;
            let _gecos = string_field(&mut rest);
            let _home = string_field(&mut rest);
            rest
        }
        Format::Group => &[],
    };
    Some(Entry {
        name: name.to_vec(),
        id,
        shell: shell.to_vec(),
    })
}

/// A text field: up to the next `:` (consumed) or the end of the line.
fn string_field<'a>(rest: &mut &'a [u8]) -> &'a [u8] {
    let end = rest.iter().position(|&b| b == b':').unwrap_or(rest.len());
    let field = &rest[..end];
    *rest = rest.get(end + 1..).unwrap_or_default();
    field
}

/// A numeric field: `strtoul`, refused above 2^32-1 (negative numbers wrap there), then
/// `:` (consumed) or the end of the line; anything else makes the line invalid.
fn id_field(rest: &mut &[u8]) -> Option<u32> {
    let (value, used) = scan_ulong_prefix(rest)?;
    let id = u32::try_from(value).ok()?;
    match rest.get(used) {
        None => *rest = &[],
        Some(b':') => *rest = &rest[used + 1..],
        Some(_) => return None,
    }
    Some(id)
}

fn find(path: &str, format: Format, pred: impl Fn(&Entry) -> bool) -> Option<Entry> {
    let data = crate::sys::read_file(path).ok()?;
    data.split(|&b| b == b'\n')
        .filter_map(|line| parse_line(line, format))
        .find(|e| pred(e))
}

/// The passwd entry of `uid`.
pub fn user_by_id(uid: u32) -> Option<Entry> {
    find(PASSWD, Format::Passwd, |e| e.id == uid)
}

/// The passwd entry named `name`.
pub fn user_by_name(name: &[u8]) -> Option<Entry> {
    find(PASSWD, Format::Passwd, |e| e.name == name)
}

/// The group entry of `gid`.
pub fn group_by_id(gid: u32) -> Option<Entry> {
    find(GROUP, Format::Group, |e| e.id == gid)
}

/// The group entry named `name`.
pub fn group_by_name(name: &[u8]) -> Option<Entry> {
    find(GROUP, Format::Group, |e| e.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passwd(line: &[u8]) -> Option<(Vec<u8>, u32, Vec<u8>)> {
        parse_line(line, Format::Passwd).map(|e| (e.name, e.id, e.shell))
    }

    fn group(line: &[u8]) -> Option<(Vec<u8>, u32)> {
        parse_line(line, Format::Group).map(|e| (e.name, e.id))
    }

    fn entry(name: &[u8], id: u32, shell: &[u8]) -> Option<(Vec<u8>, u32, Vec<u8>)> {
        Some((name.to_vec(), id, shell.to_vec()))
    }

    #[test]
    fn parses_passwd_and_group_lines() {
        assert_eq!(
            passwd(b"root:x:0:0:root:/root:/bin/bash"),
            entry(b"root", 0, b"/bin/bash")
        );
        assert_eq!(group(b"tty:x:5:"), Some((b"tty".to_vec(), 5)));
        assert_eq!(group(b"tty:x:5"), Some((b"tty".to_vec(), 5)));
        assert_eq!(group(b"tty:x:5:a,b"), Some((b"tty".to_vec(), 5)));
        assert_eq!(passwd(b"bad:x:notanumber:"), None);
        assert_eq!(passwd(b""), None);
    }

    #[test]
    fn lines_as_glibc_reads_them() {
        // Leading blanks skipped; comments and blank lines ignored.
        assert_eq!(
            passwd(b" \tfoo:x:5:5::/:/bin/sh"),
            entry(b"foo", 5, b"/bin/sh")
        );
        assert_eq!(passwd(b"#foo:x:5:5::/:/bin/sh"), None);
        assert_eq!(passwd(b"  #foo:x:5:5::/:/bin/sh"), None);
        assert_eq!(passwd(b"   "), None);
        // nss_compat entries are never matched by the files service.
        assert_eq!(passwd(b"+foo:x:5:5::/:/bin/sh"), None);
        assert_eq!(passwd(b"-foo:x:5:5::/:/bin/sh"), None);
        // The shell is the rest of the line, colons and carriage return included.
        assert_eq!(
            passwd(b"foo:x:5:5::/:/bin/sh:x"),
            entry(b"foo", 5, b"/bin/sh:x")
        );
        assert_eq!(
            passwd(b"foo:x:5:5::/:/bin/sh\r"),
            entry(b"foo", 5, b"/bin/sh\r")
        );
        // Missing text fields are empty; missing ids make the line invalid.
        assert_eq!(passwd(b"foo:x:5:5"), entry(b"foo", 5, b""));
        assert_eq!(passwd(b"foo:x:5"), None);
        assert_eq!(passwd(b"foo:x::5::/:"), None);
        assert_eq!(group(b"grp:x"), None);
        // An empty name is a name.
        assert_eq!(passwd(b":x:5:5::/:/bin/sh"), entry(b"", 5, b"/bin/sh"));
    }

    #[test]
    fn ids_are_strtoul_numbers_up_to_u32_max() {
        let uid = |field: &str| passwd(format!("foo:x:{field}:5::/:").as_bytes()).map(|e| e.1);
        assert_eq!(uid(" +5"), Some(5));
        assert_eq!(uid("\t5"), Some(5));
        assert_eq!(uid("-0"), Some(0));
        assert_eq!(uid("00005"), Some(5));
        assert_eq!(uid("4294967295"), Some(u32::MAX));
        // strtoul negates as unsigned: -18446744073709551615 is 1.
        assert_eq!(uid("-18446744073709551615"), Some(1));
        for bad in [
            "4294967296",
            "-1",
            "18446744073709551616",
            "+-5",
            "0x5",
            "5 ",
            "",
        ] {
            assert_eq!(uid(bad), None, "{bad:?}");
        }
    }
}
