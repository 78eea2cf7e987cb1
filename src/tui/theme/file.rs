//! Reading a theme: the YAML file (with its parent chain), each role's style
//! spec ("black on yellow bold"), the checks that name a bad role or colour,
//! and the fit to the terminal's colours. Apart from the [`Theme`] it fills.

use super::Theme;
use super::builtin::{BUILTIN, names};
use super::colors::{ColorSupport, to_16};
use crate::store::yaml::{self, LoadError};
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A theme file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ThemeFile {
    #[serde(default)]
    #[allow(dead_code)]
    pub(super) name: Option<String>,
    #[serde(default)]
    pub(super) description: Option<String>,
    /// A theme to start from; this file only overrides some roles.
    #[serde(default)]
    pub(super) parent: Option<String>,
    #[serde(default)]
    pub(super) roles: BTreeMap<String, String>,
}

/// Loads a theme by name; a user file of the same name wins over a built-in.
/// With `no_color`, every colour is dropped and only modifiers remain (and the
/// theme is not even read). Otherwise the palette comes from the environment
/// ([`ColorSupport::detect_palette`]): on a 16-colour terminal hex colours are
/// mapped to named ones.
pub fn load(name: &str, user_dir: &Path, no_color: bool) -> Result<Theme, LoadError> {
    if no_color {
        return Ok(Theme::monochrome());
    }
    load_for(name, user_dir, ColorSupport::detect_palette())
}

/// Loads a theme for a terminal with the given colours. The theme is read and
/// checked whatever `colors` says; with [`ColorSupport::None`] the result is
/// [`Theme::monochrome`].
pub fn load_for(name: &str, user_dir: &Path, colors: ColorSupport) -> Result<Theme, LoadError> {
    let theme = load_full(name, user_dir)?;
    Ok(match colors {
        ColorSupport::None => Theme::monochrome(),
        ColorSupport::Ansi16 => theme.map_styles(|mut s| {
            s.fg = s.fg.map(to_16);
            s.bg = s.bg.map(to_16);
            s
        }),
        ColorSupport::Full => theme,
    })
}

fn load_full(name: &str, user_dir: &Path) -> Result<Theme, LoadError> {
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

pub(super) fn parse_color(word: &str) -> Result<Color, String> {
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
    use crate::tui::theme::ROLES;

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
    fn a_16_colour_theme_has_named_colours_only() {
        let dir = tempfile::tempdir().unwrap();
        for (name, _) in BUILTIN {
            let t = load_for(name, dir.path(), ColorSupport::Ansi16).unwrap();
            for (role, style) in ROLES.iter().zip(t.styles()) {
                for c in [style.fg, style.bg].into_iter().flatten() {
                    assert!(!matches!(c, Color::Rgb(..) | Color::Indexed(_)), "{name}.{role}: {c:?}");
                }
            }
            // Modifiers survive the mapping.
            assert_eq!(t.pain.add_modifier, load_for(name, dir.path(), ColorSupport::Full).unwrap().pain.add_modifier);
        }
    }

    #[test]
    fn no_color_has_no_colours() {
        let t = load("dark", Path::new("/nonexistent"), true).unwrap();
        assert_eq!(t.pain.fg, None);
        assert_eq!(t.selection.bg, None);
    }
}
