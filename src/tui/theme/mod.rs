//! Colour themes: YAML files that map meanings (heading, pain, warning…) to
//! styles. Views ask for a role, never for a colour, so a theme or `NO_COLOR`
//! changes every screen at once.
//!
//! Terminals that only know the 16 named ANSI colours get every `#rrggbb` (and
//! 256-colour index) mapped to the nearest named colour by hue and lightness
//! ([`to_16`]); [`ColorSupport::detect`] reads that, and `NO_COLOR`, from the
//! environment.

use crate::store::yaml::{self, LoadError};
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const BUILTIN: &[(&str, &str)] = &[
    ("dark", include_str!("../../../themes/dark.yaml")),
    ("light", include_str!("../../../themes/light.yaml")),
    ("high-contrast", include_str!("../../../themes/high-contrast.yaml")),
    ("solarized-dark", include_str!("../../../themes/solarized-dark.yaml")),
    ("solarized-light", include_str!("../../../themes/solarized-light.yaml")),
    ("okabe-ito", include_str!("../../../themes/okabe-ito.yaml")),
];

/// Every role a theme may set, as spelled in theme files.
pub const ROLES: [&str; 24] = [
    "text",
    "muted",
    "heading",
    "border",
    "border_focus",
    "selection",
    "input",
    "quote",
    "pain",
    "idea",
    "followup",
    "insight",
    "note",
    "tag",
    "warning",
    "error",
    "success",
    "clock",
    "match",
    "key",
    "visited",
    "current",
    "bar",
    "heat",
];

/// What colours the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorSupport {
    /// `NO_COLOR`: modifiers (bold, dim, reverse…) only.
    None,
    /// The 16 named ANSI colours: hex and indexed colours are mapped to them.
    Ansi16,
    /// 256 colours or truecolour: styles are used as written.
    Full,
}

impl ColorSupport {
    /// From the process environment; see [`ColorSupport::from_env`].
    pub fn detect() -> ColorSupport {
        ColorSupport::from_env(|k| std::env::var(k).ok())
    }

    /// The palette only, ignoring `NO_COLOR` (for callers that decided about it).
    pub fn detect_palette() -> ColorSupport {
        ColorSupport::from_env(|k| if k == "NO_COLOR" { None } else { std::env::var(k).ok() })
    }

    /// `NO_COLOR` (non-empty) wins; then `FIELDNOTES_COLORS` (`16`, or `256`,
    /// `truecolor`, `24bit`); then any `COLORTERM` means full colour; then a
    /// `TERM` naming 256 colours, truecolour or direct colour. Anything else is
    /// taken as 16 colours, except an unset `TERM` on Windows, whose consoles
    /// show truecolour without saying so.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> ColorSupport {
        let set = |k: &str| get(k).filter(|v| !v.trim().is_empty());
        if set("NO_COLOR").is_some() {
            return ColorSupport::None;
        }
        if let Some(v) = set("FIELDNOTES_COLORS") {
            match v.trim().to_ascii_lowercase().as_str() {
                "16" => return ColorSupport::Ansi16,
                "256" | "truecolor" | "24bit" | "full" => return ColorSupport::Full,
                "0" | "none" | "never" => return ColorSupport::None,
                _ => {}
            }
        }
        if set("COLORTERM").is_some() {
            return ColorSupport::Full;
        }
        match set("TERM") {
            Some(term) => {
                let term = term.to_ascii_lowercase();
                if ["256color", "truecolor", "24bit", "direct"].iter().any(|s| term.contains(s)) {
                    ColorSupport::Full
                } else {
                    ColorSupport::Ansi16
                }
            }
            None if cfg!(windows) => ColorSupport::Full,
            None => ColorSupport::Ansi16,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            ColorSupport::None => "NO_COLOR: no colours, modifiers only",
            ColorSupport::Ansi16 => "16 colours: hex colours mapped to the nearest ANSI colour",
            ColorSupport::Full => "256 colours or truecolour",
        }
    }
}

pub const DEFAULT_THEME: &str = "dark";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[serde(default)]
    #[allow(dead_code)]
    name: Option<String>,
    #[serde(default)]
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
    /// Chart bars, and heat-map cells of middling share.
    pub bar: Style,
    /// Heat-map cells of high share.
    pub heat: Style,
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
            bar: plain,
            heat: r.add_modifier(Modifier::BOLD),
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
            "bar" => &mut self.bar,
            "heat" => &mut self.heat,
            _ => return false,
        };
        *slot = style;
        true
    }

    /// The style of a role, by its name in theme files (see [`ROLES`]).
    pub fn role(&self, role: &str) -> Option<Style> {
        ROLES.iter().position(|r| *r == role).map(|i| self.styles()[i])
    }

    /// Every role's style, in the order of [`ROLES`].
    pub fn styles(&self) -> [Style; 24] {
        [
            self.text,
            self.muted,
            self.heading,
            self.border,
            self.border_focus,
            self.selection,
            self.input,
            self.quote,
            self.pain,
            self.idea,
            self.followup,
            self.insight,
            self.note,
            self.tag,
            self.warning,
            self.error,
            self.success,
            self.clock,
            self.matched,
            self.key,
            self.visited,
            self.current,
            self.bar,
            self.heat,
        ]
    }

    fn map_styles(&self, f: impl Fn(Style) -> Style) -> Theme {
        let mut out = self.clone();
        for (role, style) in ROLES.iter().zip(self.styles()) {
            out.set(role, f(style));
        }
        out
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
    let mut user: Vec<String> = Vec::new();
    if let Ok(read) = std::fs::read_dir(user_dir) {
        for p in read.filter_map(|e| e.ok().map(|e| e.path())) {
            if p.extension().and_then(|e| e.to_str()) == Some("yaml")
                && let Some(stem) = p.file_stem().and_then(|s| s.to_str())
                && !names.iter().any(|n| n == stem)
            {
                user.push(stem.to_string());
            }
        }
    }
    user.sort();
    names.extend(user);
    names
}

/// Where a theme on offer comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Builtin,
    /// A file in the user's `themes/` dir.
    User(PathBuf),
    /// A user file with the name of a built-in, which it replaces.
    Replaces(PathBuf),
}

/// One theme on offer, for listings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeInfo {
    pub name: String,
    pub source: Source,
    pub description: Option<String>,
    pub parent: Option<String>,
    /// Why the theme does not load, if it does not.
    pub problem: Option<String>,
}

/// Every theme on offer, built-in first, each checked by loading it.
pub fn list(user_dir: &Path) -> Vec<ThemeInfo> {
    names(user_dir)
        .into_iter()
        .map(|name| {
            let user = user_dir.join(format!("{name}.yaml"));
            let builtin = BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
            let source = match (user.is_file(), builtin.is_some()) {
                (true, true) => Source::Replaces(user.clone()),
                (true, false) => Source::User(user.clone()),
                _ => Source::Builtin,
            };
            let file: Result<ThemeFile, LoadError> = match &source {
                Source::Builtin => yaml::from_str(builtin.unwrap_or_default(), Path::new(&name)),
                Source::User(p) | Source::Replaces(p) => yaml::read_file(p),
            };
            let (description, parent) = match &file {
                Ok(f) => (f.description.clone(), f.parent.clone()),
                Err(_) => (None, None),
            };
            let problem = load_for(&name, user_dir, ColorSupport::Full).err().map(|e| e.to_string());
            ThemeInfo { name, source, description, parent, problem }
        })
        .collect()
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

/// The nearest of the 16 named ANSI colours, for terminals that have no others.
///
/// Named colours and `Reset` stay as they are; indexed colours below 16 become
/// their names; `#rrggbb` and the rest of the 256-colour cube are placed by hue
/// and lightness rather than by distance in RGB (which sends muted colours like
/// Solarized's yellow to grey): near-greys become black, dark grey, grey or
/// white by luminance; very dark tints become black; the rest take the hue's
/// family (red, yellow, green, cyan, blue, magenta), and the light variant when
/// they are pale.
pub fn to_16(color: Color) -> Color {
    let (r, g, b) = match color {
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i) if i < 16 => return NAMED[i as usize],
        Color::Indexed(i) => indexed_rgb(i),
        named => return named,
    };
    let (r, g, b) = (f32::from(r) / 255.0, f32::from(g) / 255.0, f32::from(b) / 255.0);
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let chroma = max - min;
    let luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    if chroma < 0.18 {
        return match luma {
            l if l < 0.2 => Color::Black,
            l if l < 0.5 => Color::DarkGray,
            l if l < 0.8 => Color::Gray,
            _ => Color::White,
        };
    }
    // A dark tint (a Solarized background, a navy near black) reads as black.
    if max < 0.3 {
        return Color::Black;
    }
    let hue = if max == r {
        60.0 * ((g - b) / chroma)
    } else if max == g {
        60.0 * ((b - r) / chroma) + 120.0
    } else {
        60.0 * ((r - g) / chroma) + 240.0
    };
    let hue = hue.rem_euclid(360.0);
    let light = (max + min) / 2.0 >= 0.55;
    let pick = |dark: Color, bright: Color| if light { bright } else { dark };
    match hue {
        h if !(30.0..340.0).contains(&h) => pick(Color::Red, Color::LightRed),
        h if h < 65.0 => pick(Color::Yellow, Color::LightYellow),
        h if h < 165.0 => pick(Color::Green, Color::LightGreen),
        h if h < 195.0 => pick(Color::Cyan, Color::LightCyan),
        h if h < 265.0 => pick(Color::Blue, Color::LightBlue),
        _ => pick(Color::Magenta, Color::LightMagenta),
    }
}

/// The 16 ANSI colours by index, as ratatui names them.
const NAMED: [Color; 16] = [
    Color::Black,
    Color::Red,
    Color::Green,
    Color::Yellow,
    Color::Blue,
    Color::Magenta,
    Color::Cyan,
    Color::Gray,
    Color::DarkGray,
    Color::LightRed,
    Color::LightGreen,
    Color::LightYellow,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightCyan,
    Color::White,
];

/// The xterm values of 256-colour indexes 16..=255: a 6×6×6 cube, then 24 greys.
fn indexed_rgb(i: u8) -> (u8, u8, u8) {
    if i >= 232 {
        let v = 8 + 10 * (i - 232);
        return (v, v, v);
    }
    let i = i - 16;
    let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
    (level(i / 36), level((i / 6) % 6), level(i % 6))
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
            assert_eq!(file.roles.len(), ROLES.len(), "{name} should set every role");
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
    fn every_role_has_one_slot_in_order() {
        let mut t = Theme::monochrome();
        for (i, role) in ROLES.iter().enumerate() {
            assert!(t.set(role, Style::new().fg(Color::Indexed(i as u8))), "{role}");
        }
        for (i, style) in t.styles().iter().enumerate() {
            assert_eq!(style.fg, Some(Color::Indexed(i as u8)), "{}", ROLES[i]);
            assert_eq!(t.role(ROLES[i]), Some(*style));
        }
        assert_eq!(t.role("nope"), None);
    }

    #[test]
    fn hex_colours_map_to_sensible_ansi_colours() {
        let hex = |s: &str| to_16(parse_color(s).unwrap());
        let cases = [
            // Pure and near-pure colours.
            ("#000000", Color::Black),
            ("#ffffff", Color::White),
            ("#ff0000", Color::Red),
            ("#00ff00", Color::Green),
            ("#0000ff", Color::Blue),
            ("#ffff00", Color::Yellow),
            ("#00ffff", Color::Cyan),
            ("#ff00ff", Color::Magenta),
            ("#ff8080", Color::LightRed),
            ("#8080ff", Color::LightBlue),
            // Greys by lightness.
            ("#1c1c1c", Color::Black),
            ("#404040", Color::DarkGray),
            ("#808080", Color::Gray),
            ("#c0c0c0", Color::Gray),
            ("#eeeeee", Color::White),
            // Solarized: muted accents keep their hue; its base tones become greys.
            ("#002b36", Color::Black),
            ("#073642", Color::Black),
            ("#586e75", Color::DarkGray),
            ("#93a1a1", Color::Gray),
            ("#fdf6e3", Color::White),
            ("#b58900", Color::Yellow),
            ("#cb4b16", Color::Red),
            ("#dc322f", Color::Red),
            ("#d33682", Color::Magenta),
            ("#268bd2", Color::Blue),
            ("#2aa198", Color::Cyan),
            ("#859900", Color::Green),
            // Okabe–Ito.
            ("#e69f00", Color::Yellow),
            ("#56b4e9", Color::LightBlue),
            ("#009e73", Color::Green),
            ("#f0e442", Color::LightYellow),
            ("#0072b2", Color::Blue),
            ("#d55e00", Color::Red),
            ("#cc79a7", Color::LightMagenta),
            // The built-in themes' own accents.
            ("#5f9fff", Color::LightBlue),
            ("#1a7f37", Color::Green),
            ("#9a6700", Color::Yellow),
            ("#0b6e79", Color::Cyan),
        ];
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(h, want)| hex(h) != *want)
            .map(|(h, want)| format!("{h}: want {want:?}, got {:?}", hex(h)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
        // Named colours and the first 16 indexes are left alone (or named).
        assert_eq!(to_16(Color::LightCyan), Color::LightCyan);
        assert_eq!(to_16(Color::Reset), Color::Reset);
        assert_eq!(to_16(Color::Indexed(9)), Color::LightRed);
        // The 256-colour cube and grey ramp.
        assert_eq!(to_16(Color::Indexed(196)), Color::Red);
        assert_eq!(to_16(Color::Indexed(231)), Color::White);
        assert_eq!(to_16(Color::Indexed(16)), Color::Black);
        assert_eq!(to_16(Color::Indexed(240)), Color::DarkGray);
        assert_eq!(to_16(Color::Indexed(250)), Color::Gray);
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
    fn colour_support_from_the_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        };
        assert_eq!(ColorSupport::from_env(env(&[("NO_COLOR", "1"), ("COLORTERM", "truecolor")])), ColorSupport::None);
        assert_eq!(ColorSupport::from_env(env(&[("NO_COLOR", ""), ("COLORTERM", "truecolor")])), ColorSupport::Full);
        assert_eq!(ColorSupport::from_env(env(&[("TERM", "xterm-256color")])), ColorSupport::Full);
        assert_eq!(ColorSupport::from_env(env(&[("TERM", "xterm")])), ColorSupport::Ansi16);
        assert_eq!(ColorSupport::from_env(env(&[("TERM", "linux")])), ColorSupport::Ansi16);
        assert_eq!(ColorSupport::from_env(env(&[("TERM", "xterm"), ("COLORTERM", "24bit")])), ColorSupport::Full);
        assert_eq!(
            ColorSupport::from_env(env(&[("TERM", "xterm-256color"), ("FIELDNOTES_COLORS", "16")])),
            ColorSupport::Ansi16
        );
        assert_eq!(ColorSupport::from_env(env(&[("TERM", "xterm"), ("FIELDNOTES_COLORS", "256")])), ColorSupport::Full);
    }

    #[test]
    fn every_builtin_file_says_what_it_is_for() {
        for (name, text) in BUILTIN {
            let first = text.lines().next().unwrap_or_default();
            assert!(
                first.starts_with("# ") && first.len() > 20,
                "{name}: first line should be a comment on its intent"
            );
            let file: ThemeFile = yaml::from_str(text, Path::new(name)).unwrap();
            assert_eq!(file.name.as_deref(), Some(*name));
            assert!(file.description.is_some(), "{name}");
        }
    }

    #[test]
    fn no_color_has_no_colours() {
        let t = load("dark", Path::new("/nonexistent"), true).unwrap();
        assert_eq!(t.pain.fg, None);
        assert_eq!(t.selection.bg, None);
    }
}
