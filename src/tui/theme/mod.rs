//! Colour themes: YAML files that map meanings (heading, pain, warning…) to
//! styles. Views ask for a role, never for a colour, so a theme or `NO_COLOR`
//! changes every screen at once.
//!
//! Terminals that only know the 16 named ANSI colours get every `#rrggbb` (and
//! 256-colour index) mapped to the nearest named colour by hue and lightness
//! ([`to_16`]); [`ColorSupport::detect`] reads that, and `NO_COLOR`, from the
//! environment.
//!
//! This file holds the roles and the [`Theme`] that maps each to a style;
//! [`file`](mod@file) reads and checks theme files, [`builtin`] lists the themes on
//! offer, and [`colors`] fits colours to what the terminal shows.

pub mod builtin;
pub mod colors;
pub mod file;

pub use builtin::{BUILTIN, Source, ThemeInfo, list, names};
pub use colors::{ColorSupport, to_16};
pub use file::{load, load_for, parse_style};

use ratatui::style::{Modifier, Style};

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

pub const DEFAULT_THEME: &str = "dark";

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
            // Only the selection is reversed: a warning count or a status
            // line in reverse video reads as a second selected row.
            warning: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            error: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            success: plain,
            clock: b,
            matched: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            key: b,
            visited: d,
            current: b,
            bar: plain,
            heat: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

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
}
