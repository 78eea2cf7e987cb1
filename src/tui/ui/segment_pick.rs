//! The library's segments under the new-interview form's Segment field, drawn
//! as the roster list is under the name: the highlighted one marked `▸`
//! (readable without colour), each with its interviews so far, and the
//! form's key hint while the list shows.

use super::text::inert;
use crate::text::counts::plural;
use crate::tui::action::Action;
use crate::tui::app::home::NewForm;
use crate::tui::app::segment_pick::SegmentChoice;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Draws the segments offered from the top of `area` down: the rows the
/// form grows by under its fields while the list shows.
pub(super) fn render_list(
    frame: &mut Frame,
    area: Rect,
    segments: &[SegmentChoice],
    offered: &[usize],
    highlight: Option<usize>,
    theme: &Theme,
) {
    let rows = offered
        .iter()
        .map(|&i| {
            (
                inert(&segments[i].name).into_owned(),
                format!("{} in the library", plural(segments[i].sessions, "interview")),
            )
        })
        .collect();
    super::offer_list::render(frame, area, rows, highlight, 0, theme);
}

/// The form's keys while the segment list shows: how to walk it and pick
/// from it, or how to reach it.
pub(super) fn form_keys(keys: &Keymap, form: &NewForm) -> String {
    let mode = Mode::NewForm;
    let parts = if form.segment_highlight.is_some() {
        let walk = super::key_pair(keys, mode, &Action::MoveUp, &Action::MoveDown).map(|p| format!("{p} segments"));
        let pick = super::key_line(keys, mode, &[(Action::NextField, "pick"), (Action::Back, "close list")]);
        walk.into_iter().chain([pick]).collect::<Vec<_>>()
    } else {
        vec![
            super::key_line(keys, mode, &[(Action::MoveDown, "library's segments")]),
            super::key_line(keys, mode, &[(Action::NextField, "next field")]),
            super::key_line(keys, mode, &[(Action::StartInterview, "start"), (Action::Back, "cancel")]),
        ]
    };
    format!(" {} ", parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" · "))
}
