//! The documentation generator, a test-time tool: man pages and bash completion, rendered
//! from each tool's option table (`src/<tool>/options.rs`) plus its prose (`unshare.rs`,
//! `nsenter.rs` here, kept out of the library so that the binaries do not carry it). The
//! files in `man/` and `completion/` are committed; `tests/generated.rs` fails when one
//! differs from what this module renders, and `make generate` rewrites them.

pub mod completion;
pub mod man;
mod nsenter;
pub mod roff;
mod unshare;

use nsutils::cli::Tool;

/// The date printed in the man pages' title lines. Fixed, so that generating is reproducible;
/// bump it when the pages change in substance.
pub const DATE: &str = "2026-11-29";

/// The command that rewrites every generated file (named by the staleness test).
pub const REGENERATE: &str = "make generate";

/// A piece of prose in a man page section. Text uses the markup of [`roff::spans`].
#[derive(Debug)]
pub enum Block {
    /// A paragraph.
    Para(&'static str),
    /// A tagged paragraph: the tag (marked up) and its text (paragraphs split by `\n\n`).
    Item(&'static str, &'static str),
    /// Literal lines, shown as typed (commands and their output).
    Example(&'static str),
}

/// The first paragraph of both pages' EXAMPLES: how to read them (`tests/examples.rs` runs
/// them so).
pub const EXAMPLES_INTRO: Block = Block::Para(
    "Every example runs as shown, pasted into bash: *#* marks a command run as root, \
      *$* one run as an ordinary user (here user 1000), and the lines without a \
      prompt are what the commands print.",
);

/// The hand-written parts of a tool's man page; the OPTIONS section comes from the table.
#[derive(Debug)]
pub struct Prose {
    /// The NAME line after `tool \-`.
    pub purpose: &'static str,
    pub description: &'static [Block],
    /// Paragraphs before the option list.
    pub options_intro: &'static [Block],
    pub exit_status: &'static [Block],
    pub environment: &'static [Block],
    pub notes: &'static [Block],
    pub examples: &'static [Block],
    pub authors: &'static [Block],
    /// Pages for SEE ALSO: (name, section).
    pub see_also: &'static [(&'static str, u8)],
}

/// A tool as the generators see it: its table (ids erased) and prose.
pub struct Doc {
    pub name: &'static str,
    pub options: Vec<OptView>,
    pub short_optional_args: bool,
    pub prose: &'static Prose,
}

/// One table row, without the tool-specific id type.
pub struct OptView {
    pub short: Option<u8>,
    pub long: &'static str,
    pub arg: nsutils::cli::ArgKind,
    pub metavar: &'static str,
    pub value: nsutils::cli::Value,
    pub man: &'static str,
}

impl Doc {
    /// Joins a tool's table with its prose and the text of each option, which must name
    /// every row of the table once.
    pub fn new<Id: Copy + PartialEq + std::fmt::Debug>(
        tool: &'static Tool<Id>,
        prose: &'static Prose,
        texts: &'static [(Id, &'static str)],
    ) -> Self {
        let options = tool
            .options
            .iter()
            .map(|o| {
                let mut found = texts.iter().filter(|(id, _)| *id == o.id);
                let (Some((_, man)), None) = (found.next(), found.next()) else {
                    panic!("{}: --{} needs exactly one man text", tool.name, o.long);
                };
                OptView {
                    short: o.short,
                    long: o.long,
                    arg: o.arg,
                    metavar: o.metavar,
                    value: o.value,
                    man,
                }
            })
            .collect();
        for (id, _) in texts {
            assert!(
                tool.options.iter().any(|o| o.id == *id),
                "{}: man text for {id:?}, which has no row",
                tool.name
            );
        }
        Doc {
            name: tool.name,
            options,
            short_optional_args: tool.short_optional_args,
            prose,
        }
    }
}

/// Both tools.
pub fn docs() -> [Doc; 2] {
    [
        Doc::new(
            &nsutils::unshare::options::TOOL,
            &unshare::PROSE,
            unshare::OPTIONS,
        ),
        Doc::new(
            &nsutils::nsenter::options::TOOL,
            &nsenter::PROSE,
            nsenter::OPTIONS,
        ),
    ]
}

/// Every generated file: (path relative to the repository root, contents).
pub fn generated_files() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for doc in docs() {
        files.push((format!("man/{}.1", doc.name), man::render(&doc)));
        files.push((
            format!("completion/bash/{}", doc.name),
            completion::render(&doc),
        ));
    }
    files
}
