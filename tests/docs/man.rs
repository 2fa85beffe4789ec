//! The man page of a tool: man(7) markup from its option table and prose.

use super::roff::{self, Roff};
use super::{Block, Doc, DATE, REGENERATE};
use nsutils::cli::ArgKind;

/// Shared by both pages: where bugs go.
const REPORTING_BUGS: &[Block] = &[Block::Para(
    "Report bugs in the issue tracker of the nsutils project. \
     Any difference from util-linux 2.42.4 that is not listed in _compat/DEVIATIONS.md_ \
     in the source tree is a bug; please include the command line, what util-linux does \
     and what nsutils does.",
)];

/// Shared by both pages: one binary, both tools, and the `nsutils` name (src/multicall.rs).
const MULTICALL: &[Block] = &[
    Block::Para(
        "One nsutils binary is both *unshare* and *nsenter*: it picks the tool by the name \
         it is run under (the last component of argv[0]), so a copy, hard link or symbolic \
         link named *unshare* or *nsenter* is that tool. Run as *nsutils*, it takes the \
         tool's name from its first argument, as BusyBox does:",
    ),
    Block::Item(
        "*nsutils* _tool_ [_argument_...]",
        "Runs _tool_ (*unshare* or *nsenter*) with the _arguments_, as if run under that \
         name; its messages name _tool_.",
    ),
    Block::Item("*nsutils --list*", "Prints the tools' names, one a line."),
    Block::Item(
        "*nsutils --install* [*-s*] _directory_",
        "Makes each tool's name in _directory_ a hard link to the binary, or with *-s* a \
         symbolic link to its absolute path, as *busybox --install* does; a name that \
         exists in _directory_ is left as it is. The binary is found through \
         /proc/self/exe, so /proc must be mounted.",
    ),
    Block::Para(
        "Under any other name the binary prints a usage message naming both tools and \
         exits with status 1. To fill an image's /bin:",
    ),
    Block::Example(
        "# install -m 755 target/release/unshare /image/bin/nsutils\n\
         # /image/bin/nsutils --install /image/bin",
    ),
];

/// Renders the whole page.
pub fn render(doc: &Doc) -> String {
    let mut r = Roff::new();
    let prose = doc.prose;
    r.comment(&format!(
        "Generated from src/{}/options.rs and tests/docs/{}.rs by `{}`; do not edit.",
        doc.name, doc.name, REGENERATE
    ));
    let title = doc.name.to_ascii_uppercase();
    let source = concat!("nsutils ", env!("CARGO_PKG_VERSION"));
    // Not escaped: mandoc reads the date, and `\-` would hide it.
    r.control_raw(
        "TH",
        &format!("{title} 1 {DATE} \"{source}\" \"User Commands\""),
    );
    r.control_raw("SH", "NAME");
    r.line(&format!(
        "{} \\- {}",
        roff::escape(doc.name),
        roff::escape(prose.purpose)
    ));
    r.control_raw("SH", "SYNOPSIS");
    r.line(&format!(
        "\\fB{}\\fR [options] [\\fIprogram\\fR [\\fIargument\\fR ...]]",
        roff::escape(doc.name)
    ));
    section(&mut r, "DESCRIPTION", prose.description);
    options(&mut r, doc);
    section(&mut r, "EXIT STATUS", prose.exit_status);
    section(&mut r, "ENVIRONMENT", prose.environment);
    section(&mut r, "NOTES", prose.notes);
    section(&mut r, "MULTICALL BINARY", MULTICALL);
    section(&mut r, "EXAMPLES", prose.examples);
    section(&mut r, "AUTHORS", prose.authors);
    section(&mut r, "REPORTING BUGS", REPORTING_BUGS);
    see_also(&mut r, prose.see_also);
    r.finish()
}

fn section(r: &mut Roff, title: &str, blocks: &[Block]) {
    if blocks.is_empty() {
        return;
    }
    r.control("SH", &[title]);
    blocks_(r, blocks);
}

/// Writes blocks; the first needs no paragraph macro right after a heading.
fn blocks_(r: &mut Roff, blocks: &[Block]) {
    let mut after_heading = true;
    for block in blocks {
        match block {
            Block::Para(text) => {
                if !after_heading {
                    r.control_raw("PP", "");
                }
                r.prose(text);
            }
            Block::Item(tag, text) => {
                r.control_raw("TP", "");
                r.line(&roff::render_spans(&roff::spans(tag)));
                item_body(r, text);
            }
            Block::Example(text) => {
                if !after_heading {
                    r.control_raw("PP", "");
                }
                r.control_raw("RS", "4");
                r.literal(text);
                r.control_raw("RE", "");
            }
        }
        after_heading = false;
    }
}

/// The body of a tagged paragraph; further paragraphs keep its indentation (`.IP`).
fn item_body(r: &mut Roff, text: &str) {
    for (i, para) in text.split("\n\n").enumerate() {
        if i > 0 {
            r.control_raw("IP", "");
        }
        r.prose(para);
    }
}

fn options(r: &mut Roff, doc: &Doc) {
    r.control_raw("SH", "OPTIONS");
    blocks_(r, doc.prose.options_intro);
    for opt in &doc.options {
        r.control_raw("TP", "");
        r.line(&option_tag(opt));
        item_body(r, opt.man);
    }
}

/// `\fB\-m\fR, \fB\-\-mount\fR[=\fIfile\fR]`: the names in bold, the argument as in the
/// synopsis conventions (replaceable parts in italics, literal words in bold).
fn option_tag(opt: &super::OptView) -> String {
    let mut tag = String::new();
    if let Some(c) = opt.short {
        tag.push_str(&format!(
            "\\fB\\-{}\\fR, ",
            roff::escape(&(c as char).to_string())
        ));
    }
    tag.push_str(&format!("\\fB\\-\\-{}\\fR", roff::escape(opt.long)));
    match opt.arg {
        ArgKind::None => {}
        ArgKind::Required => {
            tag.push(' ');
            tag.push_str(&metavar(opt.metavar));
        }
        ArgKind::Optional => {
            tag.push_str("[=");
            tag.push_str(&metavar(opt.metavar));
            tag.push(']');
        }
    }
    tag
}

/// Renders a `--help` metavar: `<file>` in italics, bare words (`slave`, `allow`) in bold,
/// punctuation (`|`, `:`, `=`) in roman.
pub fn metavar(meta: &str) -> String {
    let mut out = String::new();
    let mut rest = meta;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest.find('>').unwrap_or(rest.len());
            out.push_str("\\fI");
            out.push_str(&roff::escape(&rest[1..end]));
            out.push_str("\\fR");
            rest = rest.get(end + 1..).unwrap_or("");
        } else if c.is_ascii_alphanumeric() {
            let end = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '-' || ch == '_'))
                .unwrap_or(rest.len());
            out.push_str("\\fB");
            out.push_str(&roff::escape(&rest[..end]));
            out.push_str("\\fR");
            rest = &rest[end..];
        } else {
            out.push_str(&roff::escape(&rest[..c.len_utf8()]));
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn see_also(r: &mut Roff, pages: &[(&str, u8)]) {
    if pages.is_empty() {
        return;
    }
    r.control_raw("SH", "SEE ALSO");
    let last = pages.len() - 1;
    for (i, (name, section)) in pages.iter().enumerate() {
        let sep = if i == last { "" } else { "," };
        r.line(&format!(
            "\\fB{}\\fR({}){}",
            roff::escape(name),
            section,
            sep
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_appear_in_table_order_after_the_sections_before_them() {
        for doc in super::super::docs() {
            let page = render(&doc);
            let options = page.find("\n.SH OPTIONS\n").expect("OPTIONS section");
            let mut at = options;
            for opt in &doc.options {
                let tag = format!("\n.TP\n{}\n", option_tag(opt));
                let found = page[at..].find(&tag).map(|i| at + i);
                at = found.unwrap_or_else(|| panic!("{} missing or out of order", opt.long));
            }
            let order = [
                "NAME",
                "SYNOPSIS",
                "DESCRIPTION",
                "OPTIONS",
                "\"EXIT STATUS\"",
                "ENVIRONMENT",
                "NOTES",
                "\"MULTICALL BINARY\"",
                "EXAMPLES",
                "AUTHORS",
                "\"REPORTING BUGS\"",
                "SEE ALSO",
            ];
            let positions: Vec<usize> = order
                .iter()
                .map(|s| page.find(&format!("\n.SH {s}\n")).expect(s))
                .collect();
            assert!(positions.windows(2).all(|w| w[0] < w[1]), "{}", doc.name);
        }
    }

    #[test]
    fn unshare_examples_walk_through_the_container() {
        let page = render(&super::super::docs()[0]);
        for step in [
            "# unshare --mount --pid --fork\n",
            "# mount --bind /srv/rootfs /mnt/container0\n",
            "# mkdir -p /mnt/container0/mnt/old-root\n",
            "# pivot_root . ./mnt/old-root\n",
            "# cd / && hash -r\n",
            "# mount -t proc none /proc\n",
            "# mount -t devtmpfs -o size=50k,nr_inodes=2k none /dev\n",
            "# mount -t devpts -o newinstance,gid=5,mode=620,ptmxmode=666",
            "# umount -l /mnt/old-root\n",
            "# rmdir /mnt/old-root\n",
        ] {
            assert!(page.contains(&roff::escape(step)), "missing {step:?}");
        }
    }

    #[test]
    fn metavars_mark_replaceable_and_literal_parts() {
        assert_eq!(metavar("<file>"), "\\fIfile\\fR");
        assert_eq!(metavar("<file>|=:<nsid>"), "\\fIfile\\fR|=:\\fInsid\\fR");
        assert_eq!(metavar("allow|deny"), "\\fBallow\\fR|\\fBdeny\\fR");
        assert_eq!(metavar("<uid>:<gid>"), "\\fIuid\\fR:\\fIgid\\fR");
    }
}
