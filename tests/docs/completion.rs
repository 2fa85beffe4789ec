//! Bash completion of a tool, for the bash-completion package: option names (with the `=`
//! form of optional arguments), option values from the table's `Value`, and after the first
//! non-option word the wrapped program's own completion (`_command_offset`).

use super::{Doc, OptView, REGENERATE};
use nsutils::cli::{ArgKind, Value};

/// Renders the completion script of a tool.
pub fn render(doc: &Doc) -> String {
    let name = doc.name;
    let func = format!("_{name}_module");
    let mut s = String::new();
    s.push_str(&format!(
        "# bash completion for {name}(1) of nsutils                  -*- shell-script -*-\n\
         # Generated from src/{name}/options.rs by `{REGENERATE}`; do not edit.\n\n"
    ));
    s.push_str(&format!("{func}()\n{{\n"));
    let longs: Vec<String> = doc
        .options
        .iter()
        .map(|o| format!("--{}", o.long))
        .collect();
    s.push_str(&format!(
        "\tlocal cur prev words cword split REPLY\n\
         \t# Keep --opt=value and PID:inode as one word.\n\
         \t_init_completion -s -n : || return\n\
         \tlocal longs='{}'\n\n",
        longs.join(" ")
    ));
    s.push_str(&find_program(doc));
    s.push_str(
        "\t# An option abbreviated to a unique prefix is that option (getopt_long).\n\
         \tif [[ $prev == --?* ]]; then\n\
         \t\t_nsutils_long_option \"$prev\" $longs\n\
         \t\tprev=$REPLY\n\
         \tfi\n\n",
    );
    s.push_str(&required_values(doc));
    s.push_str(&format!(
        "\t# The value of --opt=VALUE, for an optional argument as for a required one.\n\
         \tif [[ $split == true ]]; then\n\
         \t\t_{name}_value \"$prev\"\n\
         \t\treturn\n\
         \tfi\n\n"
    ));
    s.push_str(&attached_value(doc));
    s.push_str(&option_names(doc));
    s.push_str("\t_nsutils_command_offset \"$cword\"\n}\n\n");
    s.push_str(&value_function(doc));
    s.push_str(COMMAND_OFFSET);
    s.push_str(LONG_OPTION);
    s.push_str(&format!("complete -F {func} {name}\n"));
    s
}

/// Resolves an abbreviated long option the way getopt_long does.
const LONG_OPTION: &str = "\
# Sets REPLY to the long option that $1 names: itself, or the one option it is a prefix of.
_nsutils_long_option()
{
\tlocal word=$1 option found=()
\tshift
\tREPLY=$word
\tfor option; do
\t\t[[ $option == \"$word\" ]] && return
\t\t[[ $option == \"$word\"* ]] && found+=(\"$option\")
\tdone
\t((${#found[@]} == 1)) && REPLY=${found[0]}
\treturn 0
}

";

/// `_command_offset` counts in COMP_WORDS, which bash split at every `=` and `:`; the scan
/// works on the reassembled `words`. Maps a `words` index to a COMP_WORDS one.
const COMMAND_OFFSET: &str = "\
# Completes words[$1...] as a command line of its own (the wrapped program).
_nsutils_command_offset()
{
\tlocal j=0 k joined
\tfor ((k = 0; k < $1; k++)); do
\t\tjoined=
\t\twhile [[ $joined != \"${words[k]}\" ]] && ((j < ${#COMP_WORDS[@]})); do
\t\t\tjoined+=${COMP_WORDS[j++]}
\t\tdone
\tdone
\t_command_offset \"$j\"
}

";

/// The scan for the wrapped program: the first word that is neither an option nor the
/// argument of one (getopt stops there, as at `--`).
fn find_program(doc: &Doc) -> String {
    let required_long = doc
        .options
        .iter()
        .filter(|o| o.arg == ArgKind::Required)
        .map(|o| format!("--{}", o.long))
        .collect::<Vec<_>>()
        .join(" | ");
    let shorts = |kind: ArgKind| -> String {
        doc.options
            .iter()
            .filter(|o| o.arg == kind)
            .filter_map(|o| o.short.map(char::from))
            .collect()
    };
    let required_short = shorts(ArgKind::Required);
    let optional_short = if doc.short_optional_args {
        shorts(ArgKind::Optional)
    } else {
        String::new()
    };
    let mut s = String::from(
        "\t# Past the options, complete the wrapped program and its arguments.\n\
         \tlocal i w\n\
         \tfor ((i = 1; i < cword; i++)); do\n\
         \t\tcase ${words[i]} in\n\
         \t\t--)\n\
         \t\t\t_nsutils_command_offset $((i + 1))\n\
         \t\t\treturn\n\
         \t\t\t;;\n",
    );
    s.push_str(&format!(
        "\t\t--*=*) ;;\n\
         \t\t--?*)\n\
         \t\t\t_nsutils_long_option \"${{words[i]}}\" $longs\n\
         \t\t\tcase $REPLY in\n\
         \t\t\t{required_long}) ((i++)) ;;\n\
         \t\t\tesac\n\
         \t\t\t;;\n"
    ));
    s.push_str(
        "\t\t-?*)\n\
         \t\t\t# Bundled short options: one taking an argument ends the bundle, and takes\n\
         \t\t\t# the next word when it is last.\n\
         \t\t\tw=${words[i]:1}\n\
         \t\t\twhile [[ $w ]]; do\n\
         \t\t\t\tcase ${w:0:1} in\n",
    );
    s.push_str(&format!(
        "\t\t\t\t[{required_short}])\n\
         \t\t\t\t\t[[ ${{w:1}} ]] || ((i++))\n\
         \t\t\t\t\tbreak\n\
         \t\t\t\t\t;;\n"
    ));
    if !optional_short.is_empty() {
        s.push_str(&format!("\t\t\t\t[{optional_short}]) break ;;\n"));
    }
    s.push_str(
        "\t\t\t\tesac\n\
         \t\t\t\tw=${w:1}\n\
         \t\t\tdone\n\
         \t\t\t;;\n\
         \t\t*)\n\
         \t\t\t_nsutils_command_offset \"$i\"\n\
         \t\t\treturn\n\
         \t\t\t;;\n\
         \t\tesac\n\
         \tdone\n\n",
    );
    s
}

/// The shell code that completes one kind of value in `$cur`, if any.
fn action(value: Value) -> Option<String> {
    // Numeric IDs (field 3 of /etc/passwd or /etc/group), with the names (field 1) too
    // where the option takes them, and the option's own words.
    let ids = |file: &str, names: bool, extra: &[&str]| {
        let (locals, name, add) = if names {
            ("name id", "name", "\"$name\" \"$id\"")
        } else {
            ("id", "_", "\"$id\"")
        };
        format!(
            "local {locals} ids=({})\n\
             while IFS=: read -r {name} _ id _; do ids+=({add}); done <{file} 2>/dev/null\n\
             COMPREPLY=($(compgen -W \"${{ids[*]}}\" -- \"$cur\"))",
            extra.join(" ")
        )
    };
    let words = |words: &[&str]| {
        format!(
            "COMPREPLY=($(compgen -W '{}' -- \"$cur\"))",
            words.join(" ")
        )
    };
    let code = match value {
        Value::None | Value::Text => return None,
        Value::File => "_filedir\n__ltrim_colon_completions \"$cur\"".to_string(),
        Value::Dir => "_filedir -d\n__ltrim_colon_completions \"$cur\"".to_string(),
        Value::Pid => "local pids=(/proc/[0-9]*)\n\
                       COMPREPLY=($(compgen -W \"${pids[*]#/proc/}\" -- \"$cur\"))"
            .to_string(),
        Value::Uid => ids("/etc/passwd", false, &[]),
        Value::Gid => ids("/etc/group", false, &[]),
        Value::User => ids("/etc/passwd", true, &[]),
        Value::Group => ids("/etc/group", true, &[]),
        Value::UidOr(extra) => ids("/etc/passwd", false, extra),
        Value::GidOr(extra) => ids("/etc/group", false, extra),
        Value::Signal => {
            "local signals=($(compgen -A signal))\n\
                          COMPREPLY=($(compgen -W \"${signals[*]} ${signals[*]#SIG}\" -- \"$cur\"))"
                .to_string()
        }
        Value::Words(list) | Value::TextOr(list) => words(list),
    };
    Some(code)
}

/// The options that take an argument, and their names (`-R --root`) as case patterns.
fn names(opt: &OptView) -> String {
    let long = format!("--{}", opt.long);
    match opt.short {
        Some(c) => format!("-{} | {long}", c as char),
        None => long,
    }
}

/// `_<tool>_value OPTION`: completes `$cur` as the value of OPTION (any spelling: `-R`,
/// `--root`). Options grouped by the code that completes their value, in table order; an
/// option whose value cannot be completed offers nothing (not option names or commands).
fn value_function(doc: &Doc) -> String {
    let mut groups: Vec<(Option<String>, Vec<String>)> = Vec::new();
    for opt in doc.options.iter().filter(|o| o.arg != ArgKind::None) {
        let code = action(opt.value);
        match groups.iter_mut().find(|(c, _)| *c == code) {
            Some((_, list)) => list.push(names(opt)),
            None => groups.push((code, vec![names(opt)])),
        }
    }
    let mut s = format!(
        "# Completes $cur as the value of option $1.\n_{}_value()\n{{\n\tcase $1 in\n",
        doc.name
    );
    for (code, names) in groups {
        s.push_str(&format!("\t{})\n", names.join(" | ")));
        for line in code.iter().flat_map(|c| c.lines()) {
            s.push_str(&format!("\t\t{line}\n"));
        }
        s.push_str("\t\t;;\n");
    }
    s.push_str("\tesac\n}\n\n");
    s
}

/// Values of options with a required argument in the next word: `--root DIR`, `-R DIR`.
fn required_values(doc: &Doc) -> String {
    let required: Vec<String> = doc
        .options
        .iter()
        .filter(|o| o.arg == ArgKind::Required)
        .map(names)
        .collect();
    format!(
        "\tcase $prev in\n\
         \t{})\n\
         \t\t_{}_value \"$prev\"\n\
         \t\treturn\n\
         \t\t;;\n\
         \tesac\n\n",
        required.join(" | "),
        doc.name
    )
}

/// A value attached to a short option, after any flags bundled before it (`-R/srv`,
/// `-fw/tmp`, nsenter's `-m/run/ns`): complete the value and keep the options before it.
fn attached_value(doc: &Doc) -> String {
    let takes_value: String = doc
        .options
        .iter()
        .filter(|o| {
            o.arg == ArgKind::Required || (o.arg == ArgKind::Optional && doc.short_optional_args)
        })
        .filter_map(|o| o.short.map(char::from))
        .collect();
    format!(
        "\t# A value attached to a short option (-R/srv, -fw/tmp): complete it, keep the rest.\n\
         \tif [[ $cur == -[!-]?* ]]; then\n\
         \t\tw=${{cur:1}}\n\
         \t\twhile [[ $w && ${{w:0:1}} != [{takes_value}] ]]; do\n\
         \t\t\tw=${{w:1}}\n\
         \t\tdone\n\
         \t\tif ((${{#w}} > 1)); then\n\
         \t\t\tlocal head=${{cur%\"${{w:1}}\"}}\n\
         \t\t\tcur=${{w:1}}\n\
         \t\t\t_{}_value \"-${{w:0:1}}\"\n\
         \t\t\tCOMPREPLY=(\"${{COMPREPLY[@]/#/$head}}\")\n\
         \t\t\treturn\n\
         \t\tfi\n\
         \tfi\n\n",
        doc.name
    )
}

/// Option names, in table order: `-m --mount --mount=` for an optional argument.
fn option_names(doc: &Doc) -> String {
    let mut names = Vec::new();
    for opt in &doc.options {
        if let Some(c) = opt.short {
            names.push(format!("-{}", c as char));
        }
        names.push(format!("--{}", opt.long));
        if opt.arg == ArgKind::Optional {
            names.push(format!("--{}=", opt.long));
        }
    }
    format!(
        "\tif [[ $cur == -* ]]; then\n\
         \t\tCOMPREPLY=($(compgen -W '{}' -- \"$cur\"))\n\
         \t\t[[ ${{#COMPREPLY[@]}} -eq 1 && $COMPREPLY == *= ]] && compopt -o nospace\n\
         \t\treturn\n\
         \tfi\n\n",
        names.join(" ")
    )
}
