//! The footer's row of key hints (` F2 next  ^T tag …`): each action's key in
//! the key style and what it does, muted. Every screen draws one; kept here
//! so they are all drawn the same way.

use crate::text::width::width;
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

/// The spans of the hints that have a key in `mode`, as many as fit in
/// `room` columns: hints come in order of importance, so those just before
/// the last (help, which lists them all) are left out first, whole.
pub(crate) fn hint_spans(
    keys: &Keymap,
    mode: Mode,
    hints: &[(Action, &str)],
    spacing: Spacing,
    theme: &Theme,
    room: usize,
) -> Vec<Span<'static>> {
    spans(fitting(bound(keys, mode, hints), spacing, room), spacing, theme)
}

/// `hints` less those that do not fit in `room` columns (dropped from just
/// before the last one), as `spans` will draw them.
pub(crate) fn fitting(mut hints: Vec<(String, &str)>, spacing: Spacing, room: usize) -> Vec<(String, &str)> {
    let extra = if spacing == Spacing::Spaced { 3 } else { 2 };
    let cost = |h: &(String, &str)| width(&h.0) + width(h.1) + extra;
    while hints.len() > 1 && hints.iter().map(cost).sum::<usize>() > room {
        hints.remove(hints.len() - 2);
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_that_do_not_fit_are_left_out_whole_keeping_help() {
        let hints = vec![
            ("b".to_string(), "group by"),
            ("Tab".to_string(), "next view"),
            ("Esc".to_string(), "library"),
            ("F1".to_string(), "help"),
        ];
        let all = fitting(hints.clone(), Spacing::Spaced, 80);
        assert_eq!(all.len(), 4);
        let some = fitting(hints, Spacing::Spaced, 36);
        assert_eq!(some.iter().map(|h| h.1).collect::<Vec<_>>(), ["group by", "next view", "help"]);
        let drawn: usize = spans(some, Spacing::Spaced, &Theme::monochrome()).iter().map(|s| s.width()).sum();
        assert!(drawn <= 36, "{drawn}");
    }
}
