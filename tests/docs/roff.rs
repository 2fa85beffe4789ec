//! A small roff writer for man(7) pages: escaping, fonts and control lines.
//!
//! Text given to it is plain; the only markup is the lightweight one of [`spans`]:
//! `*bold*` and `_italic_`, recognised only at word boundaries (as in AsciiDoc's constrained
//! formatting), so `MS_PRIVATE` and `/proc/pid/ns/*` stay literal.

/// A font for a run of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    Roman,
    Bold,
    Italic,
}

impl Font {
    fn escape(self) -> &'static str {
        match self {
            Font::Roman => "\\fR",
            Font::Bold => "\\fB",
            Font::Italic => "\\fI",
        }
    }
}

/// A run of text in one font.
pub type Span<'a> = (Font, &'a str);

/// Escapes text for a roff text line or macro argument: a backslash is printed with `\e`,
/// every `-` is a minus sign `\-` (so options copy and paste as ASCII), and quotes become the
/// glyphs that copy as themselves (`'` would otherwise render as a typographic quote and, at
/// the start of a line, start a control line).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            '\'' => out.push_str("\\(aq"),
            '`' => out.push_str("\\(ga"),
            '"' => out.push_str("\\(dq"),
            '~' => out.push_str("\\(ti"),
            '^' => out.push_str("\\(ha"),
            _ => out.push(c),
        }
    }
    out
}

/// Splits marked-up text into spans: `*bold*` and `_italic_` where the opening mark follows
/// a non-alphanumeric character and the closing one precedes one. An unmatched mark is text.
pub fn spans(text: &str) -> Vec<Span<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut plain_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let font = match bytes[i] {
            b'*' => Font::Bold,
            b'_' => Font::Italic,
            _ => {
                i += 1;
                continue;
            }
        };
        match marked_end(bytes, i) {
            Some(end) => {
                if plain_start < i {
                    out.push((Font::Roman, &text[plain_start..i]));
                }
                out.push((font, &text[i + 1..end]));
                i = end + 1;
                plain_start = i;
            }
            None => i += 1,
        }
    }
    if plain_start < text.len() {
        out.push((Font::Roman, &text[plain_start..]));
    }
    out
}

/// Where the mark at `open` is closed, if it opens a constrained span.
fn marked_end(bytes: &[u8], open: usize) -> Option<usize> {
    let mark = bytes[open];
    let word_char = |b: u8| b.is_ascii_alphanumeric();
    if open > 0 && word_char(bytes[open - 1]) {
        return None;
    }
    let first = *bytes.get(open + 1)?;
    if first == b' ' || first == mark {
        return None;
    }
    let mut j = open + 2;
    while j < bytes.len() {
        if bytes[j] == mark
            && bytes[j - 1] != b' '
            && !bytes.get(j + 1).is_some_and(|&b| word_char(b))
        {
            return Some(j);
        }
        j += 1;
    }
    None
}

/// Renders spans as one escaped piece of roff text (no line handling).
pub fn render_spans(spans: &[Span<'_>]) -> String {
    let mut out = String::new();
    for &(font, text) in spans {
        if font == Font::Roman {
            out.push_str(&escape(text));
        } else {
            out.push_str(font.escape());
            out.push_str(&escape(text));
            out.push_str("\\fR");
        }
    }
    out
}

/// A man page being written.
#[derive(Default)]
pub struct Roff {
    out: String,
}

impl Roff {
    pub fn new() -> Self {
        Self::default()
    }

    /// A control line: `.NAME arg …`; every argument is escaped, and quoted if it has a space.
    pub fn control(&mut self, name: &str, args: &[&str]) {
        self.out.push('.');
        self.out.push_str(name);
        for arg in args {
            let arg = escape(arg);
            if arg.contains(' ') {
                self.out.push_str(" \"");
                self.out.push_str(&arg);
                self.out.push('"');
            } else {
                self.out.push(' ');
                self.out.push_str(&arg);
            }
        }
        self.out.push('\n');
    }

    /// A control line whose arguments are already roff (font escapes); written unquoted.
    pub fn control_raw(&mut self, name: &str, args: &str) {
        self.out.push('.');
        self.out.push_str(name);
        if !args.is_empty() {
            self.out.push(' ');
            self.out.push_str(args);
        }
        self.out.push('\n');
    }

    /// A comment line.
    pub fn comment(&mut self, text: &str) {
        self.out.push_str(".\\\" ");
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// Already-escaped roff text as one input line, protected against starting a control line.
    pub fn line(&mut self, roff: &str) {
        if roff.starts_with('.') || roff.starts_with('\'') {
            self.out.push_str("\\&");
        }
        self.out.push_str(roff);
        self.out.push('\n');
    }

    /// Marked-up prose in fill mode, one input line per sentence so that roff sees the ends
    /// of sentences where they are.
    pub fn prose(&mut self, text: &str) {
        for sentence in sentences(text) {
            for line in wrap(&render_spans(&spans(sentence)), MAX_LINE) {
                self.line(line);
            }
        }
    }

    /// Literal lines in no-fill mode (examples): escaped, never interpreted, no markup.
    pub fn literal(&mut self, text: &str) {
        self.control_raw("EX", "");
        for line in text.lines() {
            if line.is_empty() {
                // A blank input line would be a paragraph break to linters; `\&` is an empty line.
                self.line("\\&");
            } else {
                self.line(&escape(line));
            }
        }
        self.control_raw("EE", "");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Longest input line of prose (mandoc's style check wants at most 80 bytes).
const MAX_LINE: usize = 80;

/// Breaks roff text into input lines of at most `max` bytes at spaces (a longer word gets a
/// line of its own). It never breaks after a word ending in `.`: roff would take that for the
/// end of a sentence (`e.g.`).
fn wrap(text: &str, max: usize) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    while rest.len() > max {
        let bytes = rest.as_bytes();
        let cut = (1..=max)
            .rev()
            .find(|&i| bytes[i] == b' ' && bytes[i - 1] != b'.')
            .or_else(|| rest.find(' '));
        match cut {
            Some(i) => {
                lines.push(&rest[..i]);
                rest = &rest[i + 1..];
            }
            None => break,
        }
    }
    lines.push(rest);
    lines
}

/// Splits prose into sentences: after `. `, `? ` or `! ` when the next word starts with a
/// capital letter, a mark-up character or a parenthesis (so `e.g. the` stays on one line). Other whitespace is kept as it is.
fn sentences(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..bytes.len().saturating_sub(1) {
        let ends = matches!(bytes[i - 1], b'.' | b'?' | b'!')
            && bytes[i] == b' '
            && (bytes[i + 1].is_ascii_uppercase() || matches!(bytes[i + 1], b'*' | b'_' | b'('));
        if ends {
            out.push(text[start..i].trim());
            start = i + 1;
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        out.push(last);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_roff_would_interpret() {
        assert_eq!(escape("--map-user"), "\\-\\-map\\-user");
        assert_eq!(escape("a\\b"), "a\\eb");
        assert_eq!(escape("don't"), "don\\(aqt");
        assert_eq!(escape("\"x\""), "\\(dqx\\(dq");
    }

    #[test]
    fn leading_dot_is_protected() {
        let mut r = Roff::new();
        r.line(".hidden");
        r.literal("'quoted\n.dot\n\nend");
        assert_eq!(
            r.finish(),
            "\\&.hidden\n.EX\n\\(aqquoted\n\\&.dot\n\\&\nend\n.EE\n"
        );
    }

    #[test]
    fn markup_is_constrained() {
        assert_eq!(
            spans("use *--fork* with _file_"),
            vec![
                (Font::Roman, "use "),
                (Font::Bold, "--fork"),
                (Font::Roman, " with "),
                (Font::Italic, "file"),
            ]
        );
        assert_eq!(
            spans("MS_PRIVATE|MS_REC"),
            vec![(Font::Roman, "MS_PRIVATE|MS_REC")]
        );
        assert_eq!(
            spans("/proc/pid/ns/* x"),
            vec![(Font::Roman, "/proc/pid/ns/* x")]
        );
        assert_eq!(
            spans("/proc/_pid_/ns"),
            vec![
                (Font::Roman, "/proc/"),
                (Font::Italic, "pid"),
                (Font::Roman, "/ns")
            ]
        );
        assert_eq!(render_spans(&spans("*-m*")), "\\fB\\-m\\fR");
    }

    #[test]
    fn wraps_at_spaces_not_after_periods() {
        assert_eq!(wrap("aaa bbb ccc", 7), vec!["aaa bbb", "ccc"]);
        assert_eq!(wrap("e.g. bbb ccc", 9), vec!["e.g. bbb", "ccc"]);
        assert_eq!(wrap("x e.g. bbb", 8), vec!["x", "e.g. bbb"]);
        assert_eq!(wrap("aaaaaaaaaa b", 4), vec!["aaaaaaaaaa", "b"]);
        assert_eq!(wrap("short", 80), vec!["short"]);
    }

    #[test]
    fn sentences_split_before_capitals_only() {
        assert_eq!(
            sentences("One, e.g. this. Two? *Three* here. x"),
            vec!["One, e.g. this.", "Two?", "*Three* here. x"]
        );
    }
}
