//! The live screen's footer: what is saved, then the closing question to
//! keep in mind and the keys of what has the focus (how to change question
//! and select a note while typing). Apart from the panes, which it does not
//! touch.

use super::text::{inert, truncate, width};
use crate::tui::action::Action;
use crate::tui::app::capture::{Capture, Focus};
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub(super) fn render(
    frame: &mut Frame,
    area: Rect,
    c: &Capture,
    now: DateTime<FixedOffset>,
    theme: &Theme,
    keys: &Keymap,
) {
    let save = super::save_status::span(&c.save, area.width as usize, theme);
    // On most keys the footer is as it was: it is keyed by what it is made
    // of, and its hints (a dozen lookups in the keymap) are not made again.
    let selected = match c.focus {
        Focus::Selected(i) => Some(i),
        _ => None,
    };
    let key = super::pane_cache::key_of((
        (&save, &c.save.banner, c.closing_reminder(now), &c.message, c.mode(), selected),
        (c.guide.closing_question(), area.width, keys.revision()),
        theme.styles(),
    ));
    let line = || vec![footer_line(area.width, c, now, save.clone(), theme, keys)];
    super::pane_cache::render_keyed_pane(frame, "capture-footer", area, None, key, line);
}

/// The footer as one line: what has the focus says, then the save state at
/// the right edge.
fn footer_line(
    cols: u16,
    c: &Capture,
    now: DateTime<FixedOffset>,
    save: Span<'static>,
    theme: &Theme,
    keys: &Keymap,
) -> Line<'static> {
    let mode = c.mode();
    let save_w = (save.width() as u16).min(cols);
    let question = inert(c.guide.closing_question()).into_owned();
    // A selected note is said first, whatever else the footer shows: it is
    // the one state where some keys act on a note.
    let selected = match c.focus {
        Focus::Selected(i) => Some(Span::styled(format!(" Note {} selected ", i + 1), theme.selection)),
        _ => None,
    };
    let message = c.message.as_ref().map(|m| super::keyed(&inert(m), keys, c.mode()));
    let mut left: Line = if let Some(b) = c.save.banner.as_ref() {
        Line::styled(format!(" {}", super::keyed(&inert(b), keys, c.mode())), theme.warning)
    } else if let Some(secs) = c.closing_reminder(now) {
        // Time to ask the question that surfaces what nobody mentioned yet; a
        // passing message comes after it, never in its place.
        let when = crate::tui::app::capture::reminder_time(secs);
        let mut spans = vec![Span::styled(format!(" {when} — ask: {question}"), theme.warning)];
        if let Some(m) = message {
            spans.push(Span::styled(format!(" · {m}"), theme.muted));
        }
        Line::from(spans)
    } else if let Some(m) = message {
        Line::styled(format!(" {m}"), theme.warning)
    } else {
        let hints: &[(Action, &str)] = match mode {
            Mode::Selected => &[
                (Action::EditNote, "edit"),
                (Action::DeleteNote, "delete"),
                (Action::OpenTagPalette, "tag"),
                (Action::EditInEditor, "$EDITOR"),
                (Action::Back, "input"),
            ],
            Mode::Palette => &[(Action::ApplyTag, "apply"), (Action::Back, "close")],
            Mode::Closing => &[(Action::SubmitClosing, "save answer"), (Action::Back, "back")],
            Mode::WrapUp => &[(Action::GoHome, "library"), (Action::Back, "notes"), (Action::SaveAndQuit, "quit")],
            _ => &[
                (Action::SelectPrevNote, "select"),
                (Action::OpenTagPalette, "tag"),
                (Action::EndInterview, "end"),
                (Action::SaveAndQuit, "quit"),
                (Action::ToggleHelp, "help"),
            ],
        };
        let mut hints = super::footer::bound(keys, mode, hints);
        if mode == Mode::Typing {
            // The questions' two keys share one hint: "^N/^P question".
            let question_keys: Vec<String> =
                [Action::NextQuestion, Action::PrevQuestion].iter().filter_map(|a| keys.hint(mode, a)).collect();
            if !question_keys.is_empty() {
                hints.insert(0, (question_keys.join("/"), "question"));
            }
        }
        let mut spans = Vec::new();
        if mode == Mode::Typing {
            // The closing question gives way to the keys, down to a few words.
            let hints_w: usize = hints.iter().map(|(k, l)| width(k) + width(l) + 2).sum();
            let room = (cols.saturating_sub(save_w) as usize).saturating_sub(hints_w + 4);
            if room >= 8 {
                let closing = format!(" ⚑ {} ", truncate(&inert(c.guide.closing_question()), room));
                spans.push(Span::styled(closing, theme.followup));
            }
        }
        spans.extend(super::footer::spans(hints, super::footer::Spacing::Tight, theme));
        Line::from(spans)
    };
    if let Some(tag) = selected {
        left.spans.insert(0, tag);
    }
    super::text::left_and_right(left, vec![save], usize::from(cols))
}
