//! A getopt_long-compatible parser on lexopt, driven by a [`Tool`]'s table.
//!
//! It follows glibc's `getopt_long()` with a `+` optstring, as util-linux calls it: parsing
//! stops at the first non-option; `--` ends the options; short flags cluster; a long option
//! may be abbreviated to a unique prefix (an exact name always wins); optional arguments are
//! taken only when attached; required ones attached or from the next word, whatever it looks
//! like. Errors carry glibc's texts.

use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};

use super::table::{ArgKind, Opt, Tool};
use crate::msg::{Error, Result};

/// Streams the options of a command line, then hands over the operands.
pub struct Getopt<Id: 'static> {
    tool: &'static Tool<Id>,
    parser: lexopt::Parser,
    /// The first operand, once parsing has stopped at it.
    first_operand: Option<OsString>,
    done: bool,
    /// The word of the short cluster being parsed and the offset of its next option: glibc
    /// reports a bad option by its byte, which lexopt turns into U+FFFD when it is not UTF-8.
    cluster: (Vec<u8>, usize),
}

impl<Id: Copy + PartialEq> Getopt<Id> {
    /// `args` is the whole argv, argv[0] included.
    pub fn new(tool: &'static Tool<Id>, args: Vec<OsString>) -> Self {
        let mut parser = lexopt::Parser::from_iter(args);
        parser.set_short_equals(false);
        Getopt {
            tool,
            parser,
            first_operand: None,
            done: false,
            cluster: (Vec::new(), 0),
        }
    }

    /// The next option and its argument, or `None` when the options are over.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<(Id, Option<OsString>)>> {
        if self.done {
            return Ok(None);
        }
        if let Some(word) = self.next_long_word() {
            return self.long(word).map(Some);
        }
        if let Some(raw) = self.parser.try_raw_args() {
            // Not inside a cluster: if the next word is one, it starts after its '-'.
            let word = raw.peek().map(|w| w.as_bytes().to_vec());
            self.cluster = (word.unwrap_or_default(), 1);
        }
        let arg = match self.parser.next() {
            Ok(Some(arg)) => arg,
            Ok(None) => return self.finish(None),
            // Long options never reach lexopt, so no attached value is left unconsumed.
            Err(e) => return Err(Error::usage(e.to_string())),
        };
        match arg {
            lexopt::Arg::Value(v) => self.finish(Some(v)),
            lexopt::Arg::Short(c) => self.short(c).map(Some),
            lexopt::Arg::Long(name) => Err(Error::usage(format!("unrecognized option '--{name}'"))),
        }
    }

    /// Takes the next word if it is a long option (`--name[=value]`, not `--` itself). Long
    /// options are matched here on bytes, as glibc does; lexopt would convert a name that is
    /// not UTF-8 lossily.
    fn next_long_word(&mut self) -> Option<OsString> {
        let mut raw = self.parser.try_raw_args()?;
        raw.next_if(|w| w.len() > 2 && w.as_bytes().starts_with(b"--"))
    }

    /// The operands: the program and its arguments, untouched.
    pub fn operands(mut self) -> Vec<OsString> {
        let mut rest: Vec<OsString> = self.first_operand.take().into_iter().collect();
        if let Some(raw) = self.parser.try_raw_args() {
            rest.extend(raw);
        }
        rest
    }

    fn finish(&mut self, operand: Option<OsString>) -> Result<Option<(Id, Option<OsString>)>> {
        self.done = true;
        self.first_operand = operand;
        Ok(None)
    }

    fn short(&mut self, c: char) -> Result<(Id, Option<OsString>)> {
        let opt = u8::try_from(c)
            .ok()
            .filter(|&b| b != b'-' && b != b':')
            .and_then(|b| self.tool.by_short(b));
        let (word, at) = &mut self.cluster;
        let byte = word.get(*at).copied();
        *at += c.len_utf8();
        let Some(opt) = opt else {
            return Err(Error::usage(invalid_short(c, byte)));
        };
        let value = match opt.arg {
            ArgKind::None => None,
            ArgKind::Optional if self.tool.short_optional_args => self.parser.optional_value(),
            ArgKind::Optional => None,
            ArgKind::Required => Some(
                self.parser
                    .value()
                    .map_err(|_| Error::usage(format!("option requires an argument -- '{c}'")))?,
            ),
        };
        Ok((opt.id, value))
    }

    /// `word` is the whole `--name[=value]`; glibc's messages quote it as written.
    fn long(&mut self, word: OsString) -> Result<(Id, Option<OsString>)> {
        let body = &word.as_bytes()[2..];
        let (name, attached) = match body.iter().position(|&b| b == b'=') {
            Some(eq) => (
                &body[..eq],
                Some(OsString::from_vec(body[eq + 1..].to_vec())),
            ),
            None => (body, None),
        };
        let quoted = |prefix: &[u8], suffix: &[u8]| [prefix, word.as_bytes(), suffix].concat();
        let opt = match lookup_long(self.tool.options, name) {
            Lookup::Found(opt) => opt,
            Lookup::Unknown => return Err(Error::usage(quoted(b"unrecognized option '", b"'"))),
            Lookup::Ambiguous(candidates) => {
                let mut text = quoted(b"option '", b"' is ambiguous; possibilities:");
                for c in candidates {
                    text.extend_from_slice(format!(" '--{}'", c.long).as_bytes());
                }
                return Err(Error::usage(text));
            }
        };
        let value = match opt.arg {
            ArgKind::None if attached.is_some() => {
                return Err(Error::usage(format!(
                    "option '--{}' doesn't allow an argument",
                    opt.long
                )))
            }
            ArgKind::None => None,
            ArgKind::Optional => attached,
            ArgKind::Required => match attached {
                Some(v) => Some(v),
                None => Some(self.parser.value().map_err(|_| {
                    Error::usage(format!("option '--{}' requires an argument", opt.long))
                })?),
            },
        };
        Ok((opt.id, value))
    }
}

/// glibc prints the offending byte of a short cluster: `byte`, the one found at the option's
/// place in the word, or else the first byte of `c`.
fn invalid_short(c: char, byte: Option<u8>) -> Vec<u8> {
    let mut buf = [0u8; 4];
    let first = byte.unwrap_or(c.encode_utf8(&mut buf).as_bytes()[0]);
    [b"invalid option -- '".as_slice(), &[first], b"'"].concat()
}

enum Lookup<Id: 'static> {
    Found(&'static Opt<Id>),
    Unknown,
    /// Every match, in util-linux's `longopts[]` order.
    Ambiguous(Vec<&'static Opt<Id>>),
}

/// An exact name wins; otherwise a unique prefix. An empty name (`--=x`) is a prefix of
/// every option, as in glibc.
fn lookup_long<Id>(options: &'static [Opt<Id>], name: &[u8]) -> Lookup<Id> {
    if let Some(opt) = options.iter().find(|o| o.long.as_bytes() == name) {
        return Lookup::Found(opt);
    }
    let mut matches: Vec<&'static Opt<Id>> = options
        .iter()
        .filter(|o| o.long.as_bytes().starts_with(name))
        .collect();
    match matches.len() {
        0 => Lookup::Unknown,
        1 => Lookup::Found(matches[0]),
        _ => {
            matches.sort_by_key(|o| o.getopt_rank);
            Lookup::Ambiguous(matches)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::table::{Layout, Value};

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum T {
        Mount,
        MountProc,
        Fork,
        Forward,
        Setuid,
        Help,
    }

    const fn row(id: T, short: Option<u8>, long: &'static str, arg: ArgKind, rank: u8) -> Opt<T> {
        Opt {
            id,
            short,
            long,
            arg,
            metavar: "<x>",
            help_arg: None,
            help: "",
            group_start: false,
            getopt_rank: rank,
            value: Value::None,
        }
    }

    static OPTS: [Opt<T>; 6] = [
        row(T::Mount, Some(b'm'), "mount", ArgKind::Optional, 1),
        row(T::MountProc, None, "mount-proc", ArgKind::Optional, 0),
        row(T::Fork, Some(b'f'), "fork", ArgKind::None, 2),
        row(T::Forward, None, "forward-signals", ArgKind::None, 3),
        row(T::Setuid, Some(b'S'), "setuid", ArgKind::Required, 4),
        row(T::Help, Some(b'h'), "help", ArgKind::None, 5),
    ];

    static NO_SHORT_ARGS: Tool<T> = Tool {
        name: "t",
        summary: "",
        options: &OPTS,
        short_optional_args: false,
        layout: Layout {
            width: 27,
            indent_long_only: false,
            wrap_wide: true,
        },
    };

    static SHORT_ARGS: Tool<T> = Tool {
        name: "t",
        summary: "",
        options: &OPTS,
        short_optional_args: true,
        layout: Layout {
            width: 27,
            indent_long_only: false,
            wrap_wide: true,
        },
    };

    type Parsed = (Vec<(T, Option<String>)>, Vec<String>);

    fn parse(tool: &'static Tool<T>, args: &[&str]) -> std::result::Result<Parsed, String> {
        let argv = std::iter::once("prog")
            .chain(args.iter().copied())
            .map(OsString::from);
        let mut g = Getopt::new(tool, argv.collect());
        let mut opts = Vec::new();
        loop {
            match g.next() {
                Ok(Some((id, v))) => opts.push((id, v.map(|v| v.into_string().unwrap()))),
                Ok(None) => break,
                Err(e) => return Err(String::from_utf8(e.text).unwrap()),
            }
        }
        let rest = g.operands().into_iter().map(|s| s.into_string().unwrap());
        Ok((opts, rest.collect()))
    }

    fn ok(tool: &'static Tool<T>, args: &[&str]) -> Parsed {
        parse(tool, args).expect("parses")
    }

    fn err(tool: &'static Tool<T>, args: &[&str]) -> String {
        parse(tool, args).expect_err("fails")
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn stops_at_first_operand() {
        let (opts, rest) = ok(&NO_SHORT_ARGS, &["-f", "prog", "-m", "--fork"]);
        assert_eq!(opts, vec![(T::Fork, None)]);
        assert_eq!(rest, ["prog", "-m", "--fork"]);
    }

    #[test]
    fn double_dash_ends_options() {
        let (opts, rest) = ok(&NO_SHORT_ARGS, &["--", "-f", "x"]);
        assert!(opts.is_empty());
        assert_eq!(rest, ["-f", "x"]);
        let (_, rest) = ok(&NO_SHORT_ARGS, &["-f", "--"]);
        assert!(rest.is_empty());
    }

    #[test]
    fn lone_dash_is_an_operand() {
        assert_eq!(ok(&NO_SHORT_ARGS, &["-", "-f"]).1, ["-", "-f"]);
    }

    #[test]
    fn clusters_short_flags() {
        let (opts, _) = ok(&NO_SHORT_ARGS, &["-fmh"]);
        assert_eq!(
            opts,
            vec![(T::Fork, None), (T::Mount, None), (T::Help, None)]
        );
    }

    #[test]
    fn short_optional_argument_only_where_the_tool_allows_it() {
        assert_eq!(ok(&SHORT_ARGS, &["-mfoo"]).0, vec![(T::Mount, some("foo"))]);
        assert_eq!(ok(&SHORT_ARGS, &["-m=x"]).0, vec![(T::Mount, some("=x"))]);
        assert_eq!(
            ok(&SHORT_ARGS, &["-m", "x"]),
            (vec![(T::Mount, None)], vec!["x".into()])
        );
        assert_eq!(err(&NO_SHORT_ARGS, &["-m=x"]), "invalid option -- '='");
        assert_eq!(
            ok(&NO_SHORT_ARGS, &["-mf"]).0,
            vec![(T::Mount, None), (T::Fork, None)]
        );
    }

    #[test]
    fn long_optional_argument_only_attached() {
        assert_eq!(
            ok(&NO_SHORT_ARGS, &["--mount=/x"]).0,
            vec![(T::Mount, some("/x"))]
        );
        assert_eq!(
            ok(&NO_SHORT_ARGS, &["--mount="]).0,
            vec![(T::Mount, some(""))]
        );
        let (opts, rest) = ok(&NO_SHORT_ARGS, &["--mount", "/x"]);
        assert_eq!(opts, vec![(T::Mount, None)]);
        assert_eq!(rest, ["/x"]);
    }

    #[test]
    fn required_argument_attached_or_next_word() {
        assert_eq!(ok(&NO_SHORT_ARGS, &["-S5"]).0, vec![(T::Setuid, some("5"))]);
        assert_eq!(
            ok(&NO_SHORT_ARGS, &["-S", "-5"]).0,
            vec![(T::Setuid, some("-5"))]
        );
        assert_eq!(ok(&NO_SHORT_ARGS, &["-fS=1"]).0[1], (T::Setuid, some("=1")));
        assert_eq!(
            ok(&NO_SHORT_ARGS, &["--setuid", "--"]).0,
            vec![(T::Setuid, some("--"))]
        );
        assert_eq!(
            ok(&NO_SHORT_ARGS, &["--setuid=7"]).0,
            vec![(T::Setuid, some("7"))]
        );
    }

    #[test]
    fn missing_arguments() {
        assert_eq!(
            err(&NO_SHORT_ARGS, &["-S"]),
            "option requires an argument -- 'S'"
        );
        assert_eq!(
            err(&NO_SHORT_ARGS, &["--setuid"]),
            "option '--setuid' requires an argument"
        );
        assert_eq!(
            err(&NO_SHORT_ARGS, &["--setu"]),
            "option '--setuid' requires an argument"
        );
    }

    #[test]
    fn flag_given_an_argument() {
        assert_eq!(
            err(&NO_SHORT_ARGS, &["--fork=1"]),
            "option '--fork' doesn't allow an argument"
        );
        assert_eq!(
            err(&NO_SHORT_ARGS, &["--fork="]),
            "option '--fork' doesn't allow an argument"
        );
    }

    #[test]
    fn unknown_options() {
        assert_eq!(err(&NO_SHORT_ARGS, &["-x"]), "invalid option -- 'x'");
        assert_eq!(err(&NO_SHORT_ARGS, &["-f-"]), "invalid option -- '-'");
        assert_eq!(
            err(&NO_SHORT_ARGS, &["--bogus"]),
            "unrecognized option '--bogus'"
        );
        assert_eq!(
            err(&NO_SHORT_ARGS, &["--foo=bar"]),
            "unrecognized option '--foo=bar'"
        );
    }

    #[test]
    fn abbreviations() {
        assert_eq!(ok(&NO_SHORT_ARGS, &["--forw"]).0, vec![(T::Forward, None)]);
        assert_eq!(
            ok(&NO_SHORT_ARGS, &["--mount-p=/p"]).0,
            vec![(T::MountProc, some("/p"))]
        );
        // An exact name wins over longer candidates.
        assert_eq!(ok(&NO_SHORT_ARGS, &["--mount"]).0, vec![(T::Mount, None)]);
    }

    #[test]
    fn empty_long_name_matches_every_option() {
        assert_eq!(
            err(&NO_SHORT_ARGS, &["--=x"]),
            "option '--=x' is ambiguous; possibilities: '--mount-proc' '--mount' '--fork' \
             '--forward-signals' '--setuid' '--help'"
        );
    }

    #[test]
    fn long_names_are_bytes() {
        use std::os::unix::ffi::OsStringExt;
        let argv = ["prog".into(), OsString::from_vec(b"--\xff=\xfe".to_vec())];
        let e = Getopt::new(&NO_SHORT_ARGS, argv.to_vec())
            .next()
            .unwrap_err();
        assert_eq!(e.text, b"unrecognized option '--\xff=\xfe'");
    }

    #[test]
    fn bad_short_option_is_reported_by_its_byte() {
        use std::os::unix::ffi::OsStringExt;
        for (word, byte) in [
            (&b"-\xff"[..], 0xff),
            (b"-f\xfe", 0xfe),
            (b"-f\xc3\xa9", 0xc3),
            (b"-f\xef\xbf\xbd", 0xef),
            (b"-f\xe9x", 0xe9),
        ] {
            let argv = vec!["prog".into(), OsString::from_vec(word.to_vec())];
            let mut g = Getopt::new(&NO_SHORT_ARGS, argv);
            let e = loop {
                match g.next() {
                    Ok(Some(_)) => continue,
                    Ok(None) => panic!("{word:?} parses"),
                    Err(e) => break e,
                }
            };
            assert_eq!(
                e.text,
                [&b"invalid option -- '"[..], &[byte], b"'"].concat()
            );
        }
        // A new word starts a new cluster.
        let argv = vec![
            "prog".into(),
            "-mf".into(),
            OsString::from_vec(b"-\xfe".to_vec()),
        ];
        let mut g = Getopt::new(&NO_SHORT_ARGS, argv);
        assert!(g.next().is_ok() && g.next().is_ok());
        assert_eq!(g.next().unwrap_err().text, b"invalid option -- '\xfe'");
    }

    #[test]
    fn ambiguity_lists_candidates_in_longopts_order() {
        assert_eq!(
            err(&NO_SHORT_ARGS, &["--fo"]),
            "option '--fo' is ambiguous; possibilities: '--fork' '--forward-signals'"
        );
        assert_eq!(
            err(&NO_SHORT_ARGS, &["--mou=x"]),
            "option '--mou=x' is ambiguous; possibilities: '--mount-proc' '--mount'"
        );
    }
}
