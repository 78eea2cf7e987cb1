//! The man page `fieldnotes man` prints: one page that describes every
//! command in it. clap_mangen's full render lists subcommands as
//! `fieldnotes-new(1)` pages of their own, which fieldnotes never installs,
//! so its sections up to the options are kept and the commands are written
//! here, each as a subsection with its synopsis and options.

use clap::{Arg, Command};

/// The page, in roff.
pub fn render(cmd: Command) -> Result<Vec<u8>, String> {
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    let io = |e: std::io::Error| e.to_string();
    man.render_title(&mut out).map_err(io)?;
    man.render_name_section(&mut out).map_err(io)?;
    man.render_synopsis_section(&mut out).map_err(io)?;
    man.render_description_section(&mut out).map_err(io)?;
    man.render_options_section(&mut out).map_err(io)?;
    let mut text = String::from(".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        command(&mut text, sub, "fieldnotes");
    }
    out.extend_from_slice(text.as_bytes());
    man.render_version_section(&mut out).map_err(io)?;
    Ok(out)
}

/// One command's subsection, then its own subcommands'.
fn command(out: &mut String, cmd: &Command, parent: &str) {
    let path = format!("{parent} {}", cmd.get_name());
    out.push_str(&format!(".SS \"{}\"\n", escape(&path)));
    if let Some(about) = cmd.get_long_about().or(cmd.get_about()) {
        out.push_str(&format!("{}\n", text(&about.to_string())));
    }
    out.push_str(&format!(".PP\n\\fB{}\\fR{}\n", escape(&path), usage(cmd)));
    // The global options (`--data-dir`…) are the page's own OPTIONS, said once;
    // a positional without help is already in the synopsis line.
    let own = |a: &&Arg| !a.is_hide_set() && !a.is_global_set() && a.get_id() != "help";
    for arg in cmd.get_arguments().filter(own).filter(|a| !a.is_positional() || a.get_help().is_some()) {
        option(out, arg);
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        command(out, sub, &path);
    }
}

/// " [OPTIONS] OLD NEW" or " <COMMAND>".
fn usage(cmd: &Command) -> String {
    let mut s = String::new();
    if cmd.get_arguments().any(|a| !a.is_positional() && !a.is_hide_set() && !a.is_global_set() && a.get_id() != "help")
    {
        s.push_str(" [OPTIONS]");
    }
    for a in cmd.get_positionals() {
        let name =
            a.get_value_names().and_then(|v| v.first()).map_or_else(|| a.get_id().to_string(), |v| v.to_string());
        let name = escape(&name.to_uppercase());
        s.push_str(&if a.is_required_set() { format!(" \\fI{name}\\fR") } else { format!(" [\\fI{name}\\fR]") });
    }
    if cmd.has_subcommands() {
        s.push_str(" \\fICOMMAND\\fR");
    }
    s
}

/// `.TP` with the flags (or the value's name) and the help.
fn option(out: &mut String, arg: &Arg) {
    let mut names: Vec<String> = Vec::new();
    if let Some(short) = arg.get_short() {
        names.push(format!("\\fB\\-{}\\fR", escape(&short.to_string())));
    }
    if let Some(long) = arg.get_long() {
        names.push(format!("\\fB\\-\\-{}\\fR", escape(long)));
    }
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    let value = arg.get_value_names().and_then(|v| v.first()).map(|v| v.to_string());
    let mut head = if names.is_empty() {
        format!("\\fI{}\\fR", escape(&value.unwrap_or_else(|| arg.get_id().to_string()).to_uppercase()))
    } else {
        let mut h = names.join(", ");
        if takes_value && !arg.is_positional() {
            let v = value.unwrap_or_else(|| arg.get_id().to_string().to_uppercase());
            h.push_str(&format!(" \\fI{}\\fR", escape(&v)));
        }
        h
    };
    let values: Vec<String> =
        arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
    if !values.is_empty() && !arg.is_positional() {
        head.push_str(&format!(" [{}]", escape(&values.join("|"))));
    }
    out.push_str(&format!(".TP\n{head}\n"));
    let help = arg.get_long_help().or(arg.get_help()).map(|h| h.to_string()).unwrap_or_default();
    if !help.is_empty() {
        out.push_str(&format!("{}\n", text(&help)));
    }
}

/// Running text: escaped, and no line that roff would read as a request.
fn text(s: &str) -> String {
    s.lines()
        .map(|l| {
            let l = escape(l);
            if l.starts_with('.') || l.starts_with('\'') { format!("\\&{l}") } else { l }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Backslashes and hyphens as roff wants them.
fn escape(s: &str) -> String {
    s.replace('\\', "\\e").replace('-', "\\-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_become_a_roff_request() {
        assert_eq!(text(".SH not a heading\n'also"), "\\&.SH not a heading\n\\&'also");
        assert_eq!(escape("a-b\\c"), "a\\-b\\ec");
    }
}
