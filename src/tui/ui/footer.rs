//! The footer's row of key hints (` F2 next  ^T tag …`): each action's key in
//! the key style and what it does, muted. Every screen draws one; kept here
//! so they are all drawn the same way.

use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use ratatui::text::Span;

/// How the hints of a row are spaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spacing {
    /// ` k label k label`: where the row shares its line (capture, review).
    Tight,
    /// ` k label  k label `: a space after each label (library, synthesis, recovery).
    Spaced,
}

/// The hints whose action has a key in `mode`, as (key, label), in order.
pub(crate) fn bound<'a>(keys: &Keymap, mode: Mode, hints: &[(Action, &'a str)]) -> Vec<(String, &'a str)> {
    hints.iter().filter_map(|(action, label)| Some((keys.hint(mode, action)?, *label))).collect()
}

/// The spans of a row of (key, label) hints.
pub(crate) fn spans<'a>(
    hints: impl IntoIterator<Item = (String, &'a str)>,
    spacing: Spacing,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    for (key, label) in hints {
        out.push(Span::styled(format!(" {key}"), theme.key));
        let label = match spacing {
            Spacing::Tight => format!(" {label}"),
            Spacing::Spaced => format!(" {label} "),
        };
        out.push(Span::styled(label, theme.muted));
    }
    out
}

/// The spans of the hints that have a key in `mode`.
pub(crate) fn hint_spans(
    keys: &Keymap,
    mode: Mode,
    hints: &[(Action, &str)],
    spacing: Spacing,
    theme: &Theme,
) -> Vec<Span<'static>> {
    spans(bound(keys, mode, hints), spacing, theme)
}
