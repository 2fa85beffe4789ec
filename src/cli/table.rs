//! The option table: one row per option drives the parser, `--help`, the man page and the
//! shell completion.

/// Whether an option takes an argument, as in getopt_long's `has_arg`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    None,
    /// `--opt VALUE` or `--opt=VALUE` (`-oVALUE` or `-o VALUE`).
    Required,
    /// Only attached: `--opt=VALUE` (and `-oVALUE` where the tool's short options allow it).
    Optional,
}

/// What an argument names, for shell completion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    None,
    File,
    Dir,
    Pid,
    Uid,
    Gid,
    /// A user ID or one of these words (nsenter's `--setuid follow`).
    UidOr(&'static [&'static str]),
    /// A group ID or one of these words.
    GidOr(&'static [&'static str]),
    Signal,
    /// One of a fixed list of words.
    Words(&'static [&'static str]),
    /// Anything else (numbers, mappings, lists).
    Text,
}

/// One option.
#[derive(Debug)]
pub struct Opt<Id: 'static> {
    pub id: Id,
    pub short: Option<u8>,
    pub long: &'static str,
    pub arg: ArgKind,
    /// The argument as written in `--help`, without the brackets and `=` of an optional
    /// argument: `<file>`, `<uid>|<name>`, `slave|shared|private|unchanged`.
    pub metavar: &'static str,
    /// Overrides the help rendering of the argument (util-linux's texts have quirks, e.g.
    /// nsenter's `--setuid[=<uid>]` for a required argument).
    pub help_arg: Option<&'static str>,
    /// The help line. A `\n` starts a continuation line, indented to the help column.
    pub help: &'static str,
    /// Starts a new group: `--help` puts a blank line before it.
    pub group_start: bool,
    /// Position in util-linux's `longopts[]`: glibc lists ambiguous candidates in that order.
    pub getopt_rank: u8,
    /// What the argument names (completion).
    pub value: Value,
    /// The man page text: plain text (the generator escapes it) with `*bold*` for literal
    /// words and `_italic_` for replaceable ones; `\n\n` starts another paragraph.
    pub man: &'static str,
}

/// Help text layout of a tool.
#[derive(Debug)]
pub struct Layout {
    /// Column where help text starts (`USAGE_HELP_OPTIONS(N)`).
    pub width: usize,
    /// Long-only options are indented as if there were a short one (`     --user-parent`).
    pub indent_long_only: bool,
    /// When the option column is too wide: help on the next line (true) or after two spaces.
    pub wrap_wide: bool,
}

/// A tool: its name, description and option table.
#[derive(Debug)]
pub struct Tool<Id: 'static> {
    pub name: &'static str,
    pub summary: &'static str,
    pub options: &'static [Opt<Id>],
    /// Short options never take optional arguments (unshare: `-m` takes no `=file`).
    pub short_optional_args: bool,
    pub layout: Layout,
}

impl<Id: Copy + PartialEq> Tool<Id> {
    pub fn by_short(&self, c: u8) -> Option<&'static Opt<Id>> {
        self.options.iter().find(|o| o.short == Some(c))
    }

    pub fn by_id(&self, id: Id) -> &'static Opt<Id> {
        self.options
            .iter()
            .find(|o| o.id == id)
            .expect("every id has a row")
    }

    /// The option column of `--help`: ` -m, --mount[=<file>]`.
    pub fn help_left(&self, opt: &Opt<Id>) -> String {
        let mut s = String::from(" ");
        match opt.short {
            Some(c) => {
                s.push('-');
                s.push(c as char);
                s.push_str(", ");
            }
            None if self.layout.indent_long_only => s.push_str("    "),
            None => {}
        }
        s.push_str("--");
        s.push_str(opt.long);
        s.push_str(&help_arg(opt));
        s
    }

    /// The whole `--help` text, byte for byte as util-linux prints it.
    pub fn help(&self, prog: &str) -> String {
        let width = self.layout.width;
        let mut out = String::with_capacity(2048);
        out.push_str("\nUsage:\n ");
        out.push_str(prog);
        out.push_str(" [options] [<program> [<argument>...]]\n\n");
        out.push_str(self.summary);
        out.push_str("\n\nOptions:\n");
        let mut first = true;
        for opt in self.options.iter().filter(|o| !is_help_or_version(o.long)) {
            if opt.group_start && !first {
                out.push('\n');
            }
            first = false;
            let left = self.help_left(opt);
            push_entry(&mut out, &left, opt.help, width, self.layout.wrap_wide);
        }
        out.push('\n');
        push_entry(&mut out, " -h, --help", "display this help", width, false);
        push_entry(&mut out, " -V, --version", "display version", width, false);
        out.push_str("\nFor more details see ");
        out.push_str(self.name);
        out.push_str("(1).\n");
        out
    }
}

/// The argument as `--help` shows it: ` <dir>` or `[=<file>]`.
pub fn help_arg<Id>(opt: &Opt<Id>) -> String {
    if let Some(text) = opt.help_arg {
        return text.to_string();
    }
    match opt.arg {
        ArgKind::None => String::new(),
        ArgKind::Required => [" ", opt.metavar].concat(),
        ArgKind::Optional => ["[=", opt.metavar, "]"].concat(),
    }
}

fn is_help_or_version(long: &str) -> bool {
    long == "help" || long == "version"
}

fn push_entry(out: &mut String, left: &str, help: &str, width: usize, wrap_wide: bool) {
    out.push_str(left);
    if left.len() < width {
        out.extend(std::iter::repeat(' ').take(width - left.len()));
    } else if wrap_wide {
        out.push('\n');
        out.extend(std::iter::repeat(' ').take(width));
    } else {
        out.push_str("  ");
    }
    let mut lines = help.split('\n');
    out.push_str(lines.next().unwrap_or(""));
    out.push('\n');
    for line in lines {
        out.extend(std::iter::repeat(' ').take(width));
        out.push_str(line);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_pad_wrap_or_space() {
        let mut s = String::new();
        push_entry(&mut s, " -f, --fork", "fork", 27, true);
        assert_eq!(s, " -f, --fork                fork\n");
        s.clear();
        push_entry(&mut s, &" x".repeat(14), "h", 27, true);
        assert_eq!(s, format!("{}\n{}h\n", " x".repeat(14), " ".repeat(27)));
        s.clear();
        push_entry(&mut s, &" x".repeat(16), "h", 31, false);
        assert_eq!(s, format!("{}  h\n", " x".repeat(16)));
        s.clear();
        push_entry(&mut s, " --k", "a\n  b", 10, true);
        assert_eq!(s, " --k      a\n            b\n");
    }
}
