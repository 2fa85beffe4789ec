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
    s.push_str(&optional_values(doc));
    s.push_str(&option_names(doc));
    s.push_str("\t_nsutils_command_offset \"$cword\"\n}\n\n");
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
    let ids = |file: &str, extra: &[&str]| {
        format!(
            "local id ids=({})\n\
             while IFS=: read -r _ _ id _; do ids+=(\"$id\"); done <{file} 2>/dev/null\n\
             COMPREPLY=($(compgen -W \"${{ids[*]}}\" -- \"$cur\"))",
            extra.join(" ")
        )
    };
    let code = match value {
        Value::None | Value::Text => return None,
        Value::File => "_filedir\n__ltrim_colon_completions \"$cur\"".to_string(),
        Value::Dir => "_filedir -d\n__ltrim_colon_completions \"$cur\"".to_string(),
        Value::Pid => "local pids=(/proc/[0-9]*)\n\
                       COMPREPLY=($(compgen -W \"${pids[*]#/proc/}\" -- \"$cur\"))"
            .to_string(),
        Value::Uid => ids("/etc/passwd", &[]),
        Value::Gid => ids("/etc/group", &[]),
        Value::UidOr(words) => ids("/etc/passwd", words),
        Value::GidOr(words) => ids("/etc/group", words),
        Value::Signal => {
            "local signals=($(compgen -A signal))\n\
                          COMPREPLY=($(compgen -W \"${signals[*]} ${signals[*]#SIG}\" -- \"$cur\"))"
                .to_string()
        }
        Value::Words(words) => format!(
            "COMPREPLY=($(compgen -W '{}' -- \"$cur\"))",
            words.join(" ")
        ),
    };
    Some(code)
}

/// Case arms on `$prev`: options grouped by the code that completes their value, in table
/// order. Options whose value cannot be completed get an empty arm, so that nothing else
/// (an option name, a command) is offered in its place.
fn case_arms(opts: &[&OptView], indent: &str, with_short: bool) -> String {
    let mut groups: Vec<(Option<String>, Vec<String>)> = Vec::new();
    for opt in opts {
        let code = action(opt.value);
        let mut names = Vec::new();
        if let (true, Some(c)) = (with_short, opt.short) {
            names.push(format!("-{}", c as char));
        }
        names.push(format!("--{}", opt.long));
        match groups.iter_mut().find(|(c, _)| *c == code) {
            Some((_, list)) => list.extend(names),
            None => groups.push((code, names)),
        }
    }
    let mut s = String::new();
    for (code, names) in groups {
        s.push_str(&format!("{indent}{})\n", names.join(" | ")));
        for line in code.iter().flat_map(|c| c.lines()) {
            s.push_str(&format!("{indent}\t{line}\n"));
        }
        s.push_str(&format!("{indent}\treturn\n{indent}\t;;\n"));
    }
    s
}

/// Values of options with a required argument: `--root DIR`, `-R DIR`, `--root=DIR`.
fn required_values(doc: &Doc) -> String {
    let opts: Vec<&OptView> = doc
        .options
        .iter()
        .filter(|o| o.arg == ArgKind::Required)
        .collect();
    format!(
        "\tcase $prev in\n{}\tesac\n\n",
        case_arms(&opts, "\t", true)
    )
}

/// Values of options with an optional argument, which only exist attached: `--mount=FILE`.
fn optional_values(doc: &Doc) -> String {
    let opts: Vec<&OptView> = doc
        .options
        .iter()
        .filter(|o| o.arg == ArgKind::Optional)
        .collect();
    format!(
        "\tif [[ $split == true ]]; then\n\
         \t\tcase $prev in\n{}\t\tesac\n\
         \t\treturn\n\
         \tfi\n\n",
        case_arms(&opts, "\t\t", false)
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
