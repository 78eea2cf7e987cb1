//! The session view's transcript pane: the lines said around the selected
//! note's moment, each with its time on the recording and its speaker. The
//! line nearest the note is marked `▶`, selected lines `┃` (marks, so they
//! read without colour); the title carries the offset and its keys.

use super::text::{inert, truncate, width, wrap};
use crate::analysis::transcript::quotes::Verdict;
use crate::domain::transcript::{Cue, Transcript};
use crate::text::width::clock;
use crate::tui::action::Action;
use crate::tui::app::review::{Review, ReviewMode};
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

/// The mark of the line nearest the selected note.
pub const NEAREST: &str = "▶";
/// The mark of a selected line while walking.
pub const SELECTED: &str = "┃";

/// The mark a checked quote carries in the notes, and the word the legend gives it.
pub fn verdict_mark(v: &Verdict) -> &'static str {
    match v {
        Verdict::Verbatim { .. } => "✓",
        Verdict::Close { .. } => "≈",
        Verdict::NotFound => "✗",
    }
}

/// The legend of the quote marks, for the notes pane's title.
pub const LEGEND: &str = "quotes: ✓ said · ≈ close · ✗ not found";
/// The legend for a narrow pane.
pub const SHORT_LEGEND: &str = "✓ said ≈ close ✗ not found";

pub fn render(frame: &mut Frame, area: Rect, r: &Review, theme: &Theme, keys: &Keymap) {
    let focused = r.mode == ReviewMode::Transcript;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused { theme.border_focus } else { theme.border })
        .title(Line::styled(format!(" {} ", title(r, keys, area.width)), theme.heading));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = match &r.transcript.loaded {
        None => vec![Line::styled(
            super::keyed("No transcript: {import-transcript} imports the call's.", keys, Mode::Review),
            theme.muted,
        )],
        Some(Err(e)) => {
            let mut out = vec![Line::styled("The transcript could not be read:", theme.error)];
            out.extend(wrap(&inert(e), inner.width as usize).into_iter().map(|l| Line::styled(l, theme.error)));
            out
        }
        Some(Ok(t)) => match (focused, r.nearest_line()) {
            (true, nearest) => window(t, r.transcript.cursor, nearest, Some(r.transcript.selection()), inner, theme),
            (false, Some(nearest)) => window(t, nearest, Some(nearest), None, inner, theme),
            (false, None) if t.cues.is_empty() => vec![Line::styled("The transcript has no lines.", theme.muted)],
            (false, None) => vec![Line::styled(no_moment(r), theme.muted)],
        },
    };
    // Straight into the buffer: the lines are cut to the pane already, and a
    // paragraph's layout work would cost more than the rest of the pane.
    let buf = frame.buffer_mut();
    for (row, line) in (inner.y..inner.bottom()).zip(&lines) {
        buf.set_line(inner.x, row, line, inner.width);
    }
}

/// Why no line follows the note.
fn no_moment(r: &Review) -> &'static str {
    match r.selected_note() {
        None => "No note selected.",
        Some(_) => "This note is from a later sitting: the transcript is of the first call.",
    }
}

/// `Transcript · offset +00:00:35 · [ ] ±1 s · { } ±10 s`, shortened to fit.
fn title(r: &Review, keys: &Keymap, room: u16) -> String {
    let mut title = "Transcript".to_string();
    if let Some(link) = &r.session.transcript {
        title.push_str(&format!(" · offset {}", link.offset));
        let key = |d: i64| keys.first_key(Mode::Review, &Action::NudgeOffset(d)).map(|k| k.label());
        if let (Some(a), Some(b)) = (key(-1), key(1)) {
            title.push_str(&format!(" · {a} {b} ±1 s"));
        }
        if let (Some(a), Some(b)) = (key(-10), key(10)) {
            title.push_str(&format!(" · {a} {b} ±10 s"));
        }
    }
    truncate(&title, room.saturating_sub(4) as usize).into_owned()
}

/// The lines around cue `center`, wrapped to the pane, with `center` a
/// third of the way down.
fn window(
    t: &Transcript,
    center: usize,
    nearest: Option<usize>,
    selection: Option<std::ops::RangeInclusive<usize>>,
    area: Rect,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let h = area.height as usize;
    let w = area.width as usize;
    // Only the cues that can show (each takes a line at least, and `center`
    // sits a third of the way down): a long call costs no more than a short one.
    let first = center.saturating_sub(h / 3);
    let last = (center + h).min(t.cues.len().saturating_sub(1));
    let mut lines = Vec::new();
    let mut center_line = 0;
    for i in first..=last {
        if i == center {
            center_line = lines.len();
        }
        let selected = selection.as_ref().is_some_and(|s| s.contains(&i));
        lines.extend(cue_lines(&t.cues[i], Some(i) == nearest, selected, w, theme));
    }
    let top = center_line.saturating_sub(h / 3).min(lines.len().saturating_sub(h));
    lines.into_iter().skip(top).take(h).collect()
}

/// One cue: `▶┃ 12:03 Dana Lee: what was said`, wrapped under its text.
fn cue_lines(cue: &Cue, nearest: bool, selected: bool, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let marks = format!("{}{} ", if nearest { NEAREST } else { " " }, if selected { SELECTED } else { " " });
    let time = format!("{} ", clock(cue.start as u32));
    let who = cue.speaker.as_deref().map(|s| format!("{}: ", truncate(&inert(s), 18))).unwrap_or_default();
    let indent = width(&marks) + width(&time);
    let base = if selected { theme.selection } else { Style::new() };
    let text_style = if nearest { theme.current } else { theme.text };
    let body = format!("{who}{}", inert(&cue.text));
    let mut parts = wrap(&body, w.saturating_sub(indent).max(8));
    if parts.is_empty() {
        parts.push(String::new());
    }
    parts
        .into_iter()
        .enumerate()
        .map(|(k, part)| {
            let lead = if k == 0 {
                vec![
                    Span::styled(marks.clone(), theme.key.patch(base)),
                    Span::styled(time.clone(), theme.clock.patch(base)),
                ]
            } else {
                vec![Span::styled(" ".repeat(indent), base)]
            };
            let mut spans = lead;
            // The speaker's name, on the first line, stands apart from the words.
            if k == 0 && !who.is_empty() && part.starts_with(&who) {
                spans.push(Span::styled(who.clone(), theme.heading.patch(base)));
                spans.push(Span::styled(part[who.len()..].to_string(), text_style.patch(base)));
            } else {
                spans.push(Span::styled(part, text_style.patch(base)));
            }
            Line::from(spans)
        })
        .collect()
}
