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
    /// A numeric user ID.
    Uid,
    /// A numeric group ID.
    Gid,
    /// A user ID or name (`--map-user`).
    User,
    /// A group ID or name (`--map-group`).
    Group,
    /// A user ID or one of these words (nsenter's `--setuid follow`).
    UidOr(&'static [&'static str]),
    /// A group ID or one of these words.
    GidOr(&'static [&'static str]),
    Signal,
    /// One of a fixed list of words.
    Words(&'static [&'static str]),
    /// Anything else (numbers, mappings, lists).
    Text,
    /// Anything else, or one of these words, which completion offers (`--map-users auto`).
    TextOr(&'static [&'static str]),
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
}

impl<Id> Opt<Id> {
    /// What a row leaves unsaid: no short option, no argument, nothing to complete, not the
    /// start of a group. Each tool's table names its row defaults with this (`..ROW`); the
    /// id, the long name, the help line and the rank are given in every row (the table
    /// tests check them).
    pub const fn defaults(id: Id) -> Self {
        Opt {
            id,
            short: None,
            long: "",
            arg: ArgKind::None,
            metavar: "",
            help_arg: None,
            help: "",
            group_start: false,
            getopt_rank: 0,
            value: Value::None,
        }
    }
}

/// Declares a tool's option ids: a fieldless enum, and `ALL`, every variant in declaration
/// order (for the table tests: one row per id).
macro_rules! option_ids {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($variant:ident,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        $vis enum $name {
            $($variant,)*
        }

        impl $name {
            /// Every id, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
        }
    };
}
pub(crate) use option_ids;

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

/// The checks every table must pass (run by each tool's tests): short and long names
/// unique, `getopt_rank` a permutation of the rows, one row per id of `all`, and every
/// option `--help` shows reaches that option's row through the parser.
#[cfg(test)]
pub(crate) fn check_table<Id: Copy + PartialEq + std::fmt::Debug>(
    tool: &'static Tool<Id>,
    all: &[Id],
) {
    let rows = tool.options;
    let name = tool.name;
    for (i, row) in rows.iter().enumerate() {
        assert!(
            !row.long.is_empty() && !row.help.is_empty(),
            "{name}: row {i}"
        );
        let later = &rows[i + 1..];
        assert!(
            later.iter().all(|o| o.long != row.long),
            "{name}: --{} twice",
            row.long
        );
        if let Some(c) = row.short {
            assert!(
                later.iter().all(|o| o.short != Some(c)),
                "{name}: -{} twice",
                c as char
            );
        }
    }
    let mut ranks: Vec<usize> = rows.iter().map(|o| usize::from(o.getopt_rank)).collect();
    ranks.sort_unstable();
    assert!(
        ranks.iter().copied().eq(0..rows.len()),
        "{name}: getopt_rank is not a permutation: {ranks:?}"
    );
    assert_eq!(rows.len(), all.len(), "{name}: rows and ids");
    for id in all {
        let n = rows.iter().filter(|o| o.id == *id).count();
        assert_eq!(n, 1, "{name}: {id:?} has {n} rows");
    }
    let help = tool.help(name);
    let mut shown = Vec::new();
    for line in help.lines().filter(|l| l.starts_with(' ')) {
        let column = line.get(..tool.layout.width).unwrap_or(line);
        let word = column.split_whitespace().find(|w| w.starts_with("--"));
        let Some(word) = word else { continue };
        let long = word[2..].split(['[', '=']).next().unwrap_or_default();
        shown.push(long);
        let row = rows.iter().find(|o| o.long == long);
        let row = row.unwrap_or_else(|| panic!("{name}: --help shows --{long}, not in the table"));
        let mut args = vec![name.into(), format!("--{long}").into()];
        if row.arg == ArgKind::Required {
            args.push("x".into());
        }
        let parsed = crate::cli::Getopt::new(tool, args).next();
        match parsed {
            Ok(Some((id, _))) => assert_eq!(id, row.id, "{name}: --{long}"),
            _ => panic!("{name}: --{long} does not parse"),
        }
    }
    for row in rows {
        assert!(
            shown.contains(&row.long),
            "{name}: --{} not in --help",
            row.long
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table for checking [`check_table`] itself: `GOOD` passes, and each other table
    /// breaks one rule, so a check that stopped checking would let it through.
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum T {
        Fork,
        Root,
        Help,
        Version,
    }

    const ALL: &[T] = &[T::Fork, T::Root, T::Help, T::Version];
    const ROW: Opt<T> = Opt::defaults(T::Help);
    const FORK: Opt<T> = Opt {
        id: T::Fork,
        short: Some(b'f'),
        long: "fork",
        help: "fork",
        getopt_rank: 2,
        ..ROW
    };
    const ROOT: Opt<T> = Opt {
        id: T::Root,
        short: Some(b'R'),
        long: "root",
        arg: ArgKind::Required,
        metavar: "<dir>",
        help: "root",
        getopt_rank: 3,
        ..ROW
    };
    const HELP: Opt<T> = Opt {
        id: T::Help,
        short: Some(b'h'),
        long: "help",
        help: "display this help",
        getopt_rank: 0,
        ..ROW
    };
    const VERSION: Opt<T> = Opt {
        id: T::Version,
        short: Some(b'V'),
        long: "version",
        help: "display version",
        getopt_rank: 1,
        ..ROW
    };

    const fn tool(options: &'static [Opt<T>]) -> Tool<T> {
        Tool {
            name: "t",
            summary: "A test.",
            options,
            short_optional_args: false,
            layout: Layout {
                width: 24,
                indent_long_only: false,
                wrap_wide: true,
            },
        }
    }

    /// `GOOD` with some fields of its `--root` row changed.
    macro_rules! root_changed {
        ($($field:ident: $value:expr),*) => {
            tool(&[FORK, Opt { $($field: $value,)* ..ROOT }, HELP, VERSION])
        };
    }

    static GOOD: Tool<T> = tool(&[FORK, ROOT, HELP, VERSION]);
    static SHORT_TWICE: Tool<T> = root_changed!(short: Some(b'f'));
    static LONG_TWICE: Tool<T> = root_changed!(long: "fork");
    static RANK_TWICE: Tool<T> = root_changed!(getopt_rank: 2);
    static ID_TWICE: Tool<T> = root_changed!(id: T::Fork);
    static ID_MISSING: Tool<T> = tool(&[FORK, HELP, VERSION]);

    #[test]
    fn a_sound_table_passes() {
        check_table(&GOOD, ALL);
    }

    #[test]
    #[should_panic(expected = "-f twice")]
    fn a_short_option_twice_fails() {
        check_table(&SHORT_TWICE, ALL);
    }

    #[test]
    #[should_panic(expected = "--fork twice")]
    fn a_long_option_twice_fails() {
        check_table(&LONG_TWICE, ALL);
    }

    #[test]
    #[should_panic(expected = "getopt_rank is not a permutation")]
    fn a_rank_twice_fails() {
        check_table(&RANK_TWICE, ALL);
    }

    #[test]
    #[should_panic(expected = "Fork has 2 rows")]
    fn an_id_with_two_rows_fails() {
        check_table(&ID_TWICE, ALL);
    }

    #[test]
    #[should_panic(expected = "rows and ids")]
    fn an_id_without_a_row_fails() {
        check_table(&ID_MISSING, ALL);
    }

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
