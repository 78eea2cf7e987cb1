//! Colour themes: YAML files that map meanings (heading, pain, warning…) to
//! styles. Views ask for a role, never for a colour, so a theme or `NO_COLOR`
//! changes every screen at once.

use crate::store::yaml::{self, LoadError};
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const BUILTIN: &[(&str, &str)] = &[
    ("dark", include_str!("../themes/dark.yaml")),
    ("light", include_str!("../themes/light.yaml")),
    ("high-contrast", include_str!("../themes/high-contrast.yaml")),
];

pub const DEFAULT_THEME: &str = "dark";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[serde(default)]
    #[allow(dead_code)]
    name: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    /// A theme to start from; this file only overrides some roles.
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    roles: BTreeMap<String, String>,
}

/// Resolved styles for every role the views use.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub text: Style,
    pub muted: Style,
    pub heading: Style,
    pub border: Style,
    pub border_focus: Style,
    pub selection: Style,
    pub input: Style,
    pub quote: Style,
    pub pain: Style,
    pub idea: Style,
    pub followup: Style,
    pub insight: Style,
    pub note: Style,
    pub tag: Style,
    pub warning: Style,
    pub error: Style,
    pub success: Style,
    pub clock: Style,
    pub matched: Style,
    pub key: Style,
    pub visited: Style,
    pub current: Style,
}

impl Theme {
    /// Styles with modifiers only, for `NO_COLOR` and for tests that should not
    /// depend on a palette.
    pub fn monochrome() -> Theme {
        let b = Style::new().add_modifier(Modifier::BOLD);
        let r = Style::new().add_modifier(Modifier::REVERSED);
        let d = Style::new().add_modifier(Modifier::DIM);
        let plain = Style::new();
        Theme {
            text: plain,
            muted: d,
            heading: b,
            border: plain,
            border_focus: b,
            selection: r,
            input: plain,
            quote: Style::new().add_modifier(Modifier::ITALIC),
            pain: b,
            idea: plain,
            followup: Style::new().add_modifier(Modifier::UNDERLINED),
            insight: Style::new().add_modifier(Modifier::ITALIC),
            note: plain,
            tag: plain,
            warning: r.add_modifier(Modifier::BOLD),
            error: r.add_modifier(Modifier::BOLD),
            success: plain,
            clock: b,
            matched: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            key: b,
            visited: d,
            current: r,
        }
    }

    fn set(&mut self, role: &str, style: Style) -> bool {
        let slot = match role {
            "text" => &mut self.text,
            "muted" => &mut self.muted,
            "heading" => &mut self.heading,
            "border" => &mut self.border,
            "border_focus" => &mut self.border_focus,
            "selection" => &mut self.selection,
            "input" => &mut self.input,
            "quote" => &mut self.quote,
            "pain" => &mut self.pain,
            "idea" => &mut self.idea,
            "followup" => &mut self.followup,
            "insight" => &mut self.insight,
            "note" => &mut self.note,
            "tag" => &mut self.tag,
            "warning" => &mut self.warning,
            "error" => &mut self.error,
            "success" => &mut self.success,
            "clock" => &mut self.clock,
            "match" => &mut self.matched,
            "key" => &mut self.key,
            "visited" => &mut self.visited,
            "current" => &mut self.current,
            _ => return false,
        };
        *slot = style;
        true
    }

    pub fn kind(&self, kind: crate::domain::note::Kind) -> Style {
        use crate::domain::note::Kind;
        match kind {
            Kind::Note => self.note,
            Kind::Quote => self.quote,
            Kind::Pain => self.pain,
            Kind::Idea => self.idea,
            Kind::Followup => self.followup,
            Kind::Insight => self.insight,
        }
    }
}

/// The names of every theme on offer: built-in and the user's.
pub fn names(user_dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
    if let Ok(read) = std::fs::read_dir(user_dir) {
        for p in read.filter_map(|e| e.ok().map(|e| e.path())) {
            if p.extension().and_then(|e| e.to_str()) == Some("yaml")
                && let Some(stem) = p.file_stem().and_then(|s| s.to_str())
                && !names.iter().any(|n| n == stem)
            {
                names.push(stem.to_string());
            }
        }
    }
    names
}

/// Loads a theme by name; a user file of the same name wins over a built-in.
/// With `no_color`, every colour is dropped and only modifiers remain.
pub fn load(name: &str, user_dir: &Path, no_color: bool) -> Result<Theme, LoadError> {
    if no_color {
        return Ok(Theme::monochrome());
    }
    let mut chain: Vec<(PathBuf, ThemeFile)> = Vec::new();
    let mut next = Some(name.to_string());
    while let Some(current) = next.take() {
        if chain.len() > 8 {
            return Err(LoadError::new(Path::new(name), "theme parents form a loop"));
        }
        let file = read_theme(&current, user_dir, chain.iter().any(|(p, _)| p.ends_with(format!("{current}.yaml"))))?;
        next = file.1.parent.clone();
        chain.push(file);
    }
    let mut theme = Theme::monochrome();
    for (path, file) in chain.iter().rev() {
        for (role, spec) in &file.roles {
            let style = parse_style(spec).map_err(|m| LoadError::new(path, format!("role `{role}`: {m}")))?;
            if !theme.set(role, style) {
                return Err(LoadError::new(path, format!("unknown role `{role}`")));
            }
        }
    }
    Ok(theme)
}

/// `skip_user`: when a user theme names a built-in of its own name as parent.
fn read_theme(name: &str, user_dir: &Path, skip_user: bool) -> Result<(PathBuf, ThemeFile), LoadError> {
    let user = user_dir.join(format!("{name}.yaml"));
    if !skip_user && user.is_file() {
        return Ok((user.clone(), yaml::read_file(&user)?));
    }
    let path = PathBuf::from(format!("<built-in>/themes/{name}.yaml"));
    match BUILTIN.iter().find(|(n, _)| *n == name) {
        Some((_, text)) => Ok((path.clone(), yaml::from_str(text, &path)?)),
        None => Err(LoadError::new(
            Path::new(name),
            format!("no theme named {name:?}; known themes: {}", names(user_dir).join(", ")),
        )),
    }
}

/// Parses "fg [on bg] [modifiers…]", e.g. "black on yellow bold", "#88c0d0", "".
pub fn parse_style(spec: &str) -> Result<Style, String> {
    let mut style = Style::new();
    let mut words = spec.split_whitespace().peekable();
    let mut seen_colour = false;
    while let Some(word) = words.next() {
        let w = word.to_ascii_lowercase();
        if w == "on" {
            let bg = words.next().ok_or("`on` needs a background colour after it")?;
            style = style.bg(parse_color(bg)?);
            continue;
        }
        let modifier = match w.as_str() {
            "bold" => Some(Modifier::BOLD),
            "dim" => Some(Modifier::DIM),
            "italic" => Some(Modifier::ITALIC),
            "underlined" | "underline" => Some(Modifier::UNDERLINED),
            "reversed" | "reverse" => Some(Modifier::REVERSED),
            _ => None,
        };
        match modifier {
            Some(m) => style = style.add_modifier(m),
            None if !seen_colour => {
                style = style.fg(parse_color(&w)?);
                seen_colour = true;
            }
            None => return Err(format!("unexpected word {word:?}")),
        }
    }
    Ok(style)
}

fn parse_color(word: &str) -> Result<Color, String> {
    let w = word.to_ascii_lowercase().replace('_', "-");
    Ok(match w.as_str() {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "dark-gray" | "dark-grey" => Color::DarkGray,
        "light-red" => Color::LightRed,
        "light-green" => Color::LightGreen,
        "light-yellow" => Color::LightYellow,
        "light-blue" => Color::LightBlue,
        "light-magenta" => Color::LightMagenta,
        "light-cyan" => Color::LightCyan,
        "white" => Color::White,
        "reset" => Color::Reset,
        hex if hex.starts_with('#') && hex.len() == 7 => {
            let v = u32::from_str_radix(&hex[1..], 16).map_err(|_| format!("bad colour {word:?}"))?;
            Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
        }
        _ => return Err(format!("unknown colour {word:?}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_loads_and_sets_every_role() {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in BUILTIN {
            load(name, dir.path(), false).unwrap_or_else(|e| panic!("{e}"));
            let file: ThemeFile = yaml::from_str(text, Path::new(name)).unwrap();
            assert_eq!(file.roles.len(), 22, "{name} should set every role");
        }
    }

    #[test]
    fn style_specs_parse() {
        assert_eq!(
            parse_style("black on yellow bold").unwrap(),
            Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD)
        );
        assert_eq!(parse_style("#ff8000").unwrap(), Style::new().fg(Color::Rgb(255, 128, 0)));
        assert_eq!(parse_style("").unwrap(), Style::new());
        assert!(parse_style("purple").is_err());
        assert!(parse_style("red blue").is_err());
    }

    #[test]
    fn user_theme_with_parent_overrides_a_few_roles() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.yaml"), "parent: dark\nroles:\n  pain: \"light-red bold\"\n").unwrap();
        let mine = load("mine", dir.path(), false).unwrap();
        let dark = load("dark", dir.path(), false).unwrap();
        assert_eq!(mine.pain, parse_style("light-red bold").unwrap());
        assert_eq!(mine.quote, dark.quote);
    }

    #[test]
    fn no_color_has_no_colours() {
        let t = load("dark", Path::new("/nonexistent"), true).unwrap();
        assert_eq!(t.pain.fg, None);
        assert_eq!(t.selection.bg, None);
    }
}
