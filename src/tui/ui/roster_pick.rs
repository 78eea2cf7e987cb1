//! The roster list under the participant's name in the new-interview form,
//! the mark beside a name picked from it, and the form's key hint, which
//! names only the keys that work where the focus is.

use super::text::inert;
use crate::tui::action::Action;
use crate::tui::app::home::NewForm;
use crate::tui::app::roster_pick::{RosterChoice, history};
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Draws the people offered over the rows below the name (`area`, labels
/// included), one a line under the name, each with company, role, segment
/// and their interviews so far, which keep their room (one column is kept
/// blank at the right, so the history never touches the border).
pub(super) fn render_list(
    frame: &mut Frame,
    area: Rect,
    roster: &[RosterChoice],
    offered: &[usize],
    highlight: Option<usize>,
    theme: &Theme,
) {
    let rows = offered.iter().map(|&i| (who(&roster[i]), history(&roster[i]))).collect();
    super::offer_list::render(frame, area, rows, highlight, 1, theme);
}

/// "Ana López · Acme · PM · mid-market", every part made inert.
fn who(choice: &RosterChoice) -> String {
    let p = &choice.person;
    [Some(&p.name), p.company.as_ref(), p.role.as_ref(), p.segment.as_ref()]
        .into_iter()
        .flatten()
        .map(|v| inert(v.trim()).into_owned())
        .filter(|v| !v.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// What follows a name picked from the roster: " · roster: 2 interviews, last 2026-11-20".
pub(super) fn picked_mark(form: &NewForm, roster: &[RosterChoice]) -> Option<String> {
    let id = form.picked.as_deref()?;
    let choice = roster.iter().find(|c| c.id == id)?;
    Some(format!("  ✓ roster: {}", history(choice)))
}

/// The form's keys for its bottom border, for where the focus is: the
/// roster list's keys while it shows, the guide's arrows on the guide.
pub(super) fn form_keys(keys: &Keymap, form: &NewForm, offered: bool) -> String {
    let mode = Mode::NewForm;
    let mut parts = Vec::new();
    if offered && form.highlight.is_some() {
        if let Some(pair) = super::key_pair(keys, mode, &Action::MoveUp, &Action::MoveDown) {
            parts.push(format!("{pair} roster"));
        }
        parts.push(super::key_line(keys, mode, &[(Action::NextField, "pick"), (Action::Back, "close list")]));
        return join(parts);
    }
    if form.holding {
        parts.push(super::key_line(keys, mode, &[(Action::NextField, "back to the fields")]));
    } else if offered {
        parts.push(super::key_line(keys, mode, &[(Action::MoveDown, "roster")]));
        parts.push(super::key_line(keys, mode, &[(Action::NextField, "next field")]));
    } else {
        parts.push(super::key_line(keys, mode, &[(Action::NextField, "next field")]));
        if let Some(pair) = super::key_pair(keys, mode, &Action::MoveUp, &Action::MoveDown) {
            parts.push(format!("{pair} choose guide"));
        }
    }
    parts.push(super::key_line(keys, mode, &[(Action::StartInterview, "start"), (Action::Back, "cancel")]));
    join(parts)
}

fn join(parts: Vec<String>) -> String {
    format!(" {} ", parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" · "))
}
