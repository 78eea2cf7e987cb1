//! What colours the terminal shows ([`ColorSupport`], from the environment)
//! and the mapping of any colour to the 16 named ANSI ones ([`to_16`]). Apart
//! from theme files: it is about the terminal, not the theme.

use ratatui::style::Color;

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
pub(crate) const NAMED: [Color; 16] = [
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
    use crate::tui::theme::file::parse_color;

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
}
