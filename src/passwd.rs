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

/// Parses a passwd- or group-format line.
fn parse_line(line: &[u8]) -> Option<Entry> {
    let mut fields = line.split(|&b| b == b':');
    let name = fields.next()?;
    let _password = fields.next()?;
    let id = std::str::from_utf8(fields.next()?).ok()?.parse().ok()?;
    // passwd: gid, gecos, home, shell; group: members.
    let shell = fields.nth(3).unwrap_or_default();
    if name.is_empty() {
        return None;
    }
    Some(Entry {
        name: name.to_vec(),
        id,
        shell: shell.to_vec(),
    })
}

fn find(path: &str, pred: impl Fn(&Entry) -> bool) -> Option<Entry> {
    let data = crate::sys::read_file(path).ok()?;
    data.split(|&b| b == b'\n')
        .filter_map(parse_line)
        .find(|e| pred(e))
}

/// The passwd entry of `uid`.
pub fn user_by_id(uid: u32) -> Option<Entry> {
    find(PASSWD, |e| e.id == uid)
}

/// The passwd entry named `name`.
pub fn user_by_name(name: &[u8]) -> Option<Entry> {
    find(PASSWD, |e| e.name == name)
}

/// The group entry named `name`.
pub fn group_by_name(name: &[u8]) -> Option<Entry> {
    find(GROUP, |e| e.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_passwd_and_group_lines() {
        let e = parse_line(b"root:x:0:0:root:/root:/bin/bash").unwrap();
        assert_eq!(
            (e.name.as_slice(), e.id, e.shell.as_slice()),
            (&b"root"[..], 0, &b"/bin/bash"[..])
        );
        let g = parse_line(b"tty:x:5:").unwrap();
        assert_eq!((g.name.as_slice(), g.id), (&b"tty"[..], 5));
        assert_eq!(parse_line(b"bad:x:notanumber:"), None);
        assert_eq!(parse_line(b""), None);
    }
}
