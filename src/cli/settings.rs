//! `fieldnotes themes`, `config`, `completions` and `man`: settings and
//! installation helpers that print and exit.

use crate::cli::args::{Cli, CompletionsArgs, ConfigCommand, ThemesArgs};
use crate::store::paths::Paths;
use crate::tui::config::{self, Config};
use crate::tui::theme::{self, ColorSupport, Source, Theme};
use crossterm::style::{Attribute, Color as CtColor, ContentStyle};
use ratatui::style::{Color, Modifier, Style};
use std::path::Path;

// ---------------------------------------------------------------------------
// themes
// ---------------------------------------------------------------------------

pub fn themes(paths: &Paths, args: ThemesArgs) -> Result<(), String> {
    let user_dir = paths.themes_dir();
    let configured = configured_theme(paths);
    let colors = ColorSupport::detect();
    if args.all {
        let mut out = String::new();
        for (i, name) in theme::names(&user_dir).iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&preview_for(name, &user_dir, colors, &configured)?);
        }
        crate::text::out::styled(&out);
        return Ok(());
    }
    match args.name.or(args.preview) {
        Some(name) => crate::text::out::styled(&preview_for(&name, &user_dir, colors, &configured)?),
        None => crate::text::out::text(&listing(&user_dir, &configured)),
    }
    Ok(())
}

/// The theme the config names, or the default (the `--theme` flag is not seen here).
fn configured_theme(paths: &Paths) -> String {
    config::load(&paths.config_file()).ok().and_then(|c| c.theme).unwrap_or_else(|| theme::DEFAULT_THEME.to_string())
}

/// `fieldnotes themes`: one line per theme, the configured one marked.
pub fn listing(user_dir: &Path, configured: &str) -> String {
    let infos = theme::list(user_dir);
    let width = infos.iter().map(|i| i.name.chars().count()).max().unwrap_or(0);
    let origin = |source: &Source| match source {
        Source::Builtin => "built-in",
        Source::User(_) => "user",
        Source::Replaces(_) => "user (replaces built-in)",
    };
    let origin_width = infos.iter().map(|i| origin(&i.source).len()).max().unwrap_or(0);
    let mut out = String::new();
    for info in &infos {
        let mark = if info.name == configured { '*' } else { ' ' };
        let origin = origin(&info.source);
        let mut about = info.description.clone().unwrap_or_default();
        if let Some(parent) = &info.parent {
            about =
                if about.is_empty() { format!("based on {parent}") } else { format!("{about} (based on {parent})") };
        }
        if let Source::User(p) | Source::Replaces(p) = &info.source
            && about.is_empty()
        {
            about = p.display().to_string();
        }
        if let Some(problem) = &info.problem {
            about = format!("BROKEN: {problem}");
        }
        out.push_str(
            &format!("{mark} {:<width$}  {origin:<origin_width$}  {about}\n", info.name).replace("  \n", "\n"),
        );
    }
    if !infos.iter().any(|i| i.name == configured) {
        out.push_str(&format!("\nconfig.yaml names theme {configured:?}, which does not exist.\n"));
    }
    out.push_str(&format!(
        "\n* = in use (theme: in config.yaml, or --theme NAME). Preview one: fieldnotes themes NAME\n\
         Add your own in {}\n",
        user_dir.display()
    ));
    out
}

fn preview_for(name: &str, user_dir: &Path, colors: ColorSupport, configured: &str) -> Result<String, String> {
    // Read and check the theme whatever the colours: a broken theme is an error even under NO_COLOR.
    let theme = theme::load_for(name, user_dir, colors).map_err(|e| e.to_string())?;
    let info = theme::list(user_dir).into_iter().find(|i| i.name == name);
    let origin = match info.as_ref().map(|i| &i.source) {
        Some(Source::User(p) | Source::Replaces(p)) => p.display().to_string(),
        _ => "built-in".to_string(),
    };
    let in_use = if name == configured { ", in use" } else { "" };
    // The head is the theme file's text: made inert, as the preview after it
    // carries our own colour sequences and is printed as it is.
    let mut head = format!("{name} ({origin}{in_use}) · {}\n", colors.describe());
    if let Some(d) = info.and_then(|i| i.description) {
        head.push_str(&d);
        head.push('\n');
    }
    Ok(crate::text::out::terminal_safe(&head).into_owned() + &preview(&theme))
}

/// A sample of every role, styled with the theme: fake notes, a tag, messages
/// and pieces of screen, each labelled with its role's name in theme files.
/// The escape sequences are crossterm's; a theme without colours (`NO_COLOR`)
/// gives modifiers only.
pub fn preview(theme: &Theme) -> String {
    use crate::domain::note::Kind;
    let t = theme;
    let plain = Style::new();
    let note = |kind: Kind, at: &'static str, text: &'static str| -> Vec<(Style, String)> {
        vec![(t.muted, format!("{at} ")), (t.kind(kind), format!("{} {text}", kind.badge()))]
    };
    let section = |title: &str| -> (String, Vec<(Style, String)>) { (String::new(), vec![(t.heading, title.into())]) };
    let row = |role: &str, spans: Vec<(Style, String)>| (role.to_string(), spans);
    let s = |style: Style, text: &str| vec![(style, text.to_string())];
    let rows: Vec<(String, Vec<(Style, String)>)> = vec![
        section("Notes"),
        row("quote", note(Kind::Quote, "00:03:12", "“We export to Excel every Friday”")),
        row("pain", note(Kind::Pain, "00:05:00", "Building the board report takes all of Monday")),
        row("idea", note(Kind::Idea, "00:06:10", "Scheduled exports straight to the shared drive")),
        row("followup", note(Kind::Followup, "00:07:00", "Send her the pricing deck")),
        row("insight", note(Kind::Insight, "00:08:30", "Finance trusts the spreadsheet, not the dashboard")),
        row("note", note(Kind::Note, "00:09:45", "Uses Looker for the weekly numbers")),
        row("tag", vec![(t.tag, "#reporting".into()), (plain, " ".into()), (t.tag, "#workaround".into())]),
        section("Messages"),
        row("warning", s(t.warning, " ⚑ 5 minutes left: ask the closing question ")),
        row("error", s(t.error, " cannot save: the disk is full ")),
        row("success", s(t.success, "● saved")),
        section("Screen"),
        row("heading", s(t.heading, "Discovery interview — Ana López")),
        row("text", s(t.text, "Ana López · Acme · Ops lead · mid-market")),
        row("muted", s(t.muted, "3 sessions · 42 notes · last one 2 days ago")),
        row("selection", s(t.selection, " 20261122-1430  Ana López      Acme      6 notes ")),
        row("input", vec![(t.muted, "› ".into()), (t.input, "they also use Looker".into())]),
        row("clock", s(t.clock, "⏱ 07:00 / 45m")),
        row("current", s(t.current, "▶ 1.2 How did you come to be in this role?")),
        row("visited", s(t.visited, "✓ 1.1 Tell me a little about your work")),
        row(
            "match",
            vec![
                (t.matched, "rep".into()),
                (t.text, "orting  ".into()),
                (t.matched, "rep".into()),
                (t.text, "lied".into()),
            ],
        ),
        row(
            "key",
            vec![
                (t.key, "^N".into()),
                (t.muted, " next  ".into()),
                (t.key, "^T".into()),
                (t.muted, " tag  ".into()),
                (t.key, "F1".into()),
                (t.muted, " help".into()),
            ],
        ),
        row(
            "bar",
            vec![(t.tag, "#pricing ".into()), (t.bar, "██████████▌    ".into()), (t.text, " 14/20  70%".into())],
        ),
        row("heat", vec![(t.muted, "  12% ▁ ".into()), (t.bar, "  38% ▄ ".into()), (t.heat, "  81% █ ".into())]),
        row("border", s(t.border, "╭─ Notes ─────╮")),
        row("border_focus", s(t.border_focus, "╭─ Note input ╮")),
    ];
    let width = theme::ROLES.iter().map(|r| r.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (label, spans) in rows {
        if label.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("  {label:<width$}  "));
        }
        for (style, text) in spans {
            out.push_str(&styled(style, &text));
        }
        out.push('\n');
    }
    out
}

/// `text` with a ratatui style, as crossterm writes it (escape sequences, then a reset).
pub fn styled(style: Style, text: &str) -> String {
    let cs = content_style(style);
    if cs == ContentStyle::new() {
        return text.to_string();
    }
    cs.apply(text).to_string()
}

/// A ratatui style as crossterm content styling.
pub fn content_style(style: Style) -> ContentStyle {
    let mut cs = ContentStyle::new();
    cs.foreground_color = style.fg.map(crossterm_color);
    cs.background_color = style.bg.map(crossterm_color);
    let pairs = [
        (Modifier::BOLD, Attribute::Bold),
        (Modifier::DIM, Attribute::Dim),
        (Modifier::ITALIC, Attribute::Italic),
        (Modifier::UNDERLINED, Attribute::Underlined),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink),
        (Modifier::REVERSED, Attribute::Reverse),
        (Modifier::HIDDEN, Attribute::Hidden),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut),
    ];
    for (modifier, attribute) in pairs {
        if style.add_modifier.contains(modifier) {
            cs.attributes.set(attribute);
        }
    }
    cs
}

/// ratatui's colour names follow ANSI ("Red" is colour 1, "LightRed" 9);
/// crossterm's call colour 1 "DarkRed" and colour 9 "Red".
pub fn crossterm_color(color: Color) -> CtColor {
    match color {
        Color::Reset => CtColor::Reset,
        Color::Black => CtColor::Black,
        Color::Red => CtColor::DarkRed,
        Color::Green => CtColor::DarkGreen,
        Color::Yellow => CtColor::DarkYellow,
        Color::Blue => CtColor::DarkBlue,
        Color::Magenta => CtColor::DarkMagenta,
        Color::Cyan => CtColor::DarkCyan,
        Color::Gray => CtColor::Grey,
        Color::DarkGray => CtColor::DarkGrey,
        Color::LightRed => CtColor::Red,
        Color::LightGreen => CtColor::Green,
        Color::LightYellow => CtColor::Yellow,
        Color::LightBlue => CtColor::Blue,
        Color::LightMagenta => CtColor::Magenta,
        Color::LightCyan => CtColor::Cyan,
        Color::White => CtColor::White,
        Color::Rgb(r, g, b) => CtColor::Rgb { r, g, b },
        Color::Indexed(i) => CtColor::AnsiValue(i),
    }
}

// ---------------------------------------------------------------------------
// config
// ---------------------------------------------------------------------------

pub fn config(paths: &Paths, cmd: ConfigCommand) -> Result<(), String> {
    let file = paths.config_file();
    match cmd {
        ConfigCommand::Path => {
            crate::say!("{}", file.display());
            Ok(())
        }
        ConfigCommand::Show => {
            let config = config::load(&file).map_err(|e| e.to_string())?;
            crate::text::out::data(&show(&config, paths)?);
            Ok(())
        }
        ConfigCommand::Init { force } => {
            init(&file, force)?;
            crate::warn!("wrote {}", file.display());
            Ok(())
        }
    }
}

/// `config show`: the settings in effect, as YAML, with a comment saying where they come from.
pub fn show(config: &Config, paths: &Paths) -> Result<String, String> {
    let file = paths.config_file();
    let source =
        if file.exists() { file.display().to_string() } else { format!("{} (not there: defaults)", file.display()) };
    let effective = config.effective(&paths.data_dir).map_err(|e| config::in_file(&file, &e))?;
    let body = crate::store::yaml::to_string(&effective)?;
    let out = format!(
        "# The configuration in effect: {source}, with defaults filled in.\n\
         # data_dir is the directory in use; --data-dir and $FIELDNOTES_DATA_DIR win over the file.\n\
         # keymap lists every screen's keys with keymap_preset and your keymap applied.\n"
    );
    let mut out = out;
    out.push_str(&body);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

/// `config init`: writes the commented default config, never over an existing file without `force`.
pub fn init(file: &Path, force: bool) -> Result<(), String> {
    if !force && (file.exists() || file.is_symlink()) {
        return Err(format!("{} already exists; pass --force to replace it", file.display()));
    }
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(file, config::DEFAULT_CONFIG).map_err(|e| format!("{}: {e}", file.display()))
}

// ---------------------------------------------------------------------------
// completions and man page
// ---------------------------------------------------------------------------

pub fn completions(args: CompletionsArgs) -> Result<(), String> {
    crate::text::out::generated(&completion_script(args.shell));
    Ok(())
}

/// The completion script for a shell, generated from the clap definitions.
pub fn completion_script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "fieldnotes", &mut out);
    out
}

pub fn man() -> Result<(), String> {
    crate::text::out::generated(&man_page()?);
    Ok(())
}

/// The man page (roff), generated from the clap definitions.
pub fn man_page() -> Result<Vec<u8>, String> {
    crate::cli::man_page::render(<Cli as clap::CommandFactory>::command())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_become_crossterm_sequences() {
        let s = styled(Style::new().fg(Color::Rgb(1, 2, 3)).add_modifier(Modifier::BOLD), "x");
        assert!(s.contains("\x1b[1m") && s.contains('x'), "{s:?}");
        // crossterm itself drops colours when the tests run under NO_COLOR.
        if std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) {
            assert!(s.contains("38;2;1;2;3"), "{s:?}");
        }
        assert_eq!(styled(Style::new(), "plain"), "plain");
        assert_eq!(crossterm_color(Color::LightRed), CtColor::Red);
        assert_eq!(crossterm_color(Color::Red), CtColor::DarkRed);
    }

    #[test]
    fn a_monochrome_preview_has_modifiers_and_no_colours() {
        let p = preview(&Theme::monochrome());
        assert!(p.contains("\x1b[1m"), "bold is kept");
        assert!(!p.contains("[38;") && !p.contains("[48;"), "{p:?}");
        for role in theme::ROLES {
            assert!(p.contains(&format!("  {role} ")), "the preview shows {role}");
        }
    }
}
