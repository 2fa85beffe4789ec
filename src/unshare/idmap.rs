//! User and group ID maps: parsing `--map-users`/`--map-groups` values, the subordinate-id
//! files, and merging a single `--map-user`/`--map-group` mapping into ranges.
//!
//! A chain is kept head first, as util-linux keeps its linked list: new ranges go in front,
//! and the maps are written in chain order.

use crate::cli::numbers::{scan_u32_prefix, scan_ulong_prefix, strtou64_or_err};
use std::collections::VecDeque;

use crate::msg::{Context, Error, Result};

/// One `inner outer count` line of a uid or gid map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MapRange {
    pub outer: u32,
    pub inner: u32,
    pub count: u32,
}

/// A chain of ranges, head first; util-linux prepends to a linked list, so do we (in O(1)).
pub type Chain = VecDeque<MapRange>;

/// `inner` of an `auto` range: rebased to 0 when the chain is merged.
pub const AUTO_INNER: u32 = u32::MAX;

/// Parses `inner:outer:count` or the older `outer,inner,count`, each number as C's `%u`.
pub fn parse_range(s: &[u8]) -> Result<MapRange> {
    let invalid = || Error::msg([b"invalid mapping '".as_slice(), s, b"'"].concat());
    if let Some([inner, outer, count]) = scan_three(s, b':') {
        return Ok(MapRange {
            outer,
            inner,
            count,
        });
    }
    if let Some([outer, inner, count]) = scan_three(s, b',') {
        return Ok(MapRange {
            outer,
            inner,
            count,
        });
    }
    Err(invalid())
}

/// `sscanf(s, "%u<sep>%u<sep>%u%n")` with nothing left over.
fn scan_three(s: &[u8], sep: u8) -> Option<[u32; 3]> {
    let mut out = [0u32; 3];
    let mut rest = s;
    for (i, slot) in out.iter_mut().enumerate() {
        if i > 0 {
            rest = rest.strip_prefix(&[sep])?;
        }
        let (value, used) = scan_u32_prefix(rest)?;
        *slot = value;
        rest = &rest[used..];
    }
    rest.is_empty().then_some(out)
}

/// The first `/etc/sub[ug]id` block of the user `uid` (lines are `name:start:count` or
/// `uid:start:count`); mapped to 0 (as [`AUTO_INNER`]) or, with `identity`, onto itself.
pub fn read_subid_range(file: &str, uid: u32, identity: bool) -> Result<MapRange> {
    let Some(user) = crate::passwd::user_by_id(uid) else {
        return Err(Error::msg(format!("you (user {uid}) don't exist.")));
    };
    let fd =
        crate::sys::open(file, libc::O_RDONLY).or_err(|| format!("could not open '{file}'"))?;
    // A read error ends the file as getline() does (a directory opens, then reads nothing).
    let data = crate::sys::read_to_end(&fd).unwrap_or_default();
    for line in data.split_inclusive(|&b| b == b'\n') {
        let Some(range) = subid_line(line, &user.name, user.id)? else {
            continue;
        };
        let inner = if identity { range.0 } else { AUTO_INNER };
        return Ok(MapRange {
            outer: range.0,
            inner,
            count: range.1,
        });
    }
    let mut text = b"no line matching user \"".to_vec();
    text.extend_from_slice(&user.name);
    text.extend_from_slice(format!("\" in {file}").as_bytes());
    Err(Error::msg(text))
}

/// `(start, count)` of a line that belongs to the user; `None` for other lines.
fn subid_line(line: &[u8], name: &[u8], uid: u32) -> Result<Option<(u32, u32)>> {
    let Some(colon) = line.iter().position(|&b| b == b':') else {
        return Ok(None);
    };
    let owner = &line[..colon];
    if owner != name && leading_ulong(owner) != u64::from(uid) {
        return Ok(None);
    }
    let rest = &line[colon + 1..];
    let Some(colon) = rest.iter().position(|&b| b == b':') else {
        return Ok(None);
    };
    let count = &rest[colon + 1..];
    let count = count.strip_suffix(b"\n").unwrap_or(count);
    // util-linux cuts the count at the first newline only.
    let count = count.split(|&b| b == b'\n').next().unwrap_or_default();
    let what = "failed to parse subid map";
    let start = strtou64_or_err(&rest[..colon], what)?;
    let count = strtou64_or_err(count, what)?;
    Ok(Some((start as u32, count as u32)))
}

/// `strtoul(s, NULL, 10)`: the leading number, 0 if none. Not cut to 32 bits: util-linux
/// compares the whole `unsigned long` with the uid, so `4294967296` is not root.
fn leading_ulong(s: &[u8]) -> u64 {
    scan_ulong_prefix(s).map_or(0, |(v, _)| v)
}

/// `--map-users=all`: every range of our own map (`/proc/self/uid_map`), passed through.
/// Each new range goes to the front of `chain`.
pub fn read_kernel_map(chain: &mut Chain, file: &str) -> Result<()> {
    let data = crate::sys::read_file(file).or_err(|| format!("could not open '{file}'"))?;
    for line in data.split(|&b| b == b'\n') {
        let mut words = line
            .split(|b| b.is_ascii_whitespace())
            .filter(|w| !w.is_empty());
        let (Some(start), Some(_), Some(count)) = (words.next(), words.next(), words.next()) else {
            continue;
        };
        let (Some((start, _)), Some((count, _))) = (scan_u32_prefix(start), scan_u32_prefix(count))
        else {
            continue;
        };
        chain.push_front(MapRange {
            outer: start,
            inner: start,
            count,
        });
    }
    Ok(())
}

/// Puts the single mapping `outer -> inner` first and takes a "hole" out of every range it
/// overlaps (on either side), so no two lines of the map collide; such a range then maps one
/// ID fewer, its topmost. `inner == u32::MAX` means "no single mapping": the ranges are only
/// rebased ([`AUTO_INNER`] becomes 0). The ranges come out in reverse order, each split in
/// at most three pieces (below, between and above the single IDs), as util-linux writes them.
pub fn add_single_map_range(chain: &Chain, outer: u32, inner: u32) -> Chain {
    let none = inner == u32::MAX;
    let outer = if none { u32::MAX } else { outer };
    let mut out = Chain::new();
    for &range in chain {
        let mut map = range;
        if map.inner == AUTO_INNER {
            map.inner = 0;
        } else if !none
            && ((outer >= map.outer && outer <= map.outer.wrapping_add(map.count))
                || (inner >= map.inner && inner <= map.inner.wrapping_add(map.count)))
        {
            map.count = map.count.wrapping_sub(1);
        }
        let outer_offset = outer.saturating_sub(map.outer).min(map.count);
        let inner_offset = inner.saturating_sub(map.inner).min(map.count);

        let lo = MapRange {
            outer: map.outer,
            inner: map.inner,
            count: inner_offset.min(outer_offset),
        };
        let mid_outer = lo.outer.wrapping_add(lo.count);
        let mid_inner = lo.inner.wrapping_add(lo.count);
        let mid = MapRange {
            outer: mid_outer.wrapping_add(u32::from(mid_outer == outer)),
            inner: mid_inner.wrapping_add(u32::from(mid_inner == inner)),
            count: outer_offset.abs_diff(inner_offset),
        };
        let hi_outer = mid.outer.wrapping_add(mid.count);
        let hi_inner = mid.inner.wrapping_add(mid.count);
        let hi = MapRange {
            outer: hi_outer.wrapping_add(u32::from(hi_outer == outer)),
            inner: hi_inner.wrapping_add(u32::from(hi_inner == inner)),
            count: map.count.wrapping_sub(lo.count).wrapping_sub(mid.count),
        };
        // Prepending hi, mid, lo leaves them in lo, mid, hi order in front.
        for piece in [hi, mid, lo].into_iter().filter(|r| r.count != 0) {
            out.push_front(piece);
        }
    }
    if !none {
        out.push_front(MapRange {
            outer,
            inner,
            count: 1,
        });
    }
    out
}

/// The text of a uid/gid map file: one `inner outer count` line per range.
pub fn map_text(chain: &Chain) -> Vec<u8> {
    chain
        .iter()
        .flat_map(|r| format!("{} {} {}\n", r.inner, r.outer, r.count).into_bytes())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(inner: u32, outer: u32, count: u32) -> MapRange {
        MapRange {
            outer,
            inner,
            count,
        }
    }

    #[test]
    fn parses_both_syntaxes() {
        assert_eq!(parse_range(b"0:1000:5").unwrap(), r(0, 1000, 5));
        assert_eq!(parse_range(b"1000,0,5").unwrap(), r(0, 1000, 5));
        assert_eq!(parse_range(b"-1:0:1").unwrap(), r(u32::MAX, 0, 1));
        assert_eq!(parse_range(b" 1: 2: 3").unwrap(), r(1, 2, 3));
        for bad in [
            &b"1:2"[..],
            b"0:1:2:3",
            b"",
            b"1:2:3x",
            b"1,2:3",
            b"a:b:c",
            b"1:2:3 ",
        ] {
            let e = parse_range(bad).unwrap_err();
            assert_eq!(
                e.text,
                [b"invalid mapping '".as_slice(), bad, b"'"].concat()
            );
        }
    }

    #[test]
    fn subid_lines() {
        assert_eq!(
            subid_line(b"alice:100000:65536\n", b"alice", 1000).unwrap(),
            Some((100000, 65536))
        );
        assert_eq!(
            subid_line(b"1000:200000:10", b"alice", 1000).unwrap(),
            Some((200000, 10))
        );
        assert_eq!(subid_line(b"bob:1:2\n", b"alice", 1000).unwrap(), None);
        assert_eq!(subid_line(b"alice\n", b"alice", 1000).unwrap(), None);
        assert_eq!(subid_line(b"alice:5\n", b"alice", 1000).unwrap(), None);
        // A number that is the uid only once cut to 32 bits is someone else; a name that
        // is no number reads as uid 0 (strtoul), so it belongs to root.
        assert_eq!(subid_line(b"4294967296:1:2\n", b"root", 0).unwrap(), None);
        assert_eq!(subid_line(b"-4294967296:1:2\n", b"root", 0).unwrap(), None);
        assert_eq!(
            subid_line(b"nobody:1:2\n", b"root", 0).unwrap(),
            Some((1, 2))
        );
        let e = subid_line(b"alice:x:5\n", b"alice", 1000).unwrap_err();
        assert_eq!(e.text, b"failed to parse subid map: 'x'");
    }

    #[test]
    fn single_map_without_overlap_goes_first() {
        // -r with --map-users=1:100000:1000 (as uid 1000): no overlap on either side...
        let out = add_single_map_range(&Chain::from([r(1, 100000, 1000)]), 1000, 0);
        assert_eq!(out, vec![r(0, 1000, 1), r(1, 100000, 1000)]);
    }

    #[test]
    fn auto_ranges_are_rebased_and_holed() {
        // --map-auto -r as uid 1000 with 100000:65536: the rebased range is moved up past
        // the single inner ID 0 without losing its count (util-linux does the same).
        let out = add_single_map_range(&Chain::from([r(AUTO_INNER, 100000, 65536)]), 1000, 0);
        assert_eq!(out, vec![r(0, 1000, 1), r(1, 100000, 65536)]);
        // Nothing to merge: only the rebase.
        let out = add_single_map_range(&Chain::from([r(AUTO_INNER, 100000, 65536)]), 0, u32::MAX);
        assert_eq!(out, vec![r(0, 100000, 65536)]);
    }

    #[test]
    fn hole_splits_a_range_in_three() {
        // --map-current-user (1000 -> 1000) inside an identity range 0..65536.
        let out = add_single_map_range(&Chain::from([r(0, 0, 65536)]), 1000, 1000);
        assert_eq!(
            out,
            vec![r(1000, 1000, 1), r(0, 0, 1000), r(1001, 1001, 64535)]
        );
        // outer and inner at different offsets: lo, mid and hi pieces.
        let out = add_single_map_range(&Chain::from([r(0, 0, 100)]), 10, 20);
        assert_eq!(
            out,
            vec![r(20, 10, 1), r(0, 0, 10), r(10, 11, 10), r(21, 21, 79)]
        );
    }

    #[test]
    fn ranges_come_out_reversed() {
        let chain = Chain::from([r(0, 100, 10), r(50, 500, 10)]);
        let out = add_single_map_range(&chain, 0, u32::MAX);
        assert_eq!(out, vec![r(50, 500, 10), r(0, 100, 10)]);
    }

    #[test]
    fn map_text_lines() {
        assert_eq!(
            map_text(&Chain::from([r(0, 1000, 1), r(1, 2, 3)])),
            b"0 1000 1\n1 2 3\n"
        );
    }
}
