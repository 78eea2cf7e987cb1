//! The live screen's notes pane: each note's time, badge, text and tags,
//! wrapped under the text, the selected or last note kept in view.
//!
//! A note's lines are kept between frames ([`NoteLines`]): while the user
//! types, the notes do not change, and wrapping each visible note again (a
//! grapheme at a time) on every key was most of a frame. A kept entry is
//! used only when everything the lines are made of is the same (the note's
//! text, kind, tags and time, the width, the selection, the theme's styles),
//! so an edit, a retag or a deletion shows at once. The pane as a whole is
//! keyed by a hash of the notes that could be in view ([`lines_key`]): on a
//! key typed in the input it is not laid out at all.

use super::text::{inert, width, wrap};
use crate::domain::note::Kind;
use crate::domain::session::{Note, clock_label};
use crate::tui::app::capture::{Capture, Focus};
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::cell::RefCell;

/// Draws the notes; returns which note is on which line, for clicks.
pub(super) fn render_notes(
    frame: &mut Frame,
    area: Rect,
    c: &Capture,
    theme: &Theme,
    keys: &Keymap,
) -> Option<super::ListHits> {
    let selected = match &c.focus {
        Focus::Selected(i) => Some(*i),
        Focus::Palette(p) => Some(p.target),
        _ => c.editing.as_ref().map(|e| e.index),
    };
    let count = c.session.notes.len();
    let title = format!("Notes ({count})");
    let block = super::capture::pane(&title, matches!(c.focus, Focus::Selected(_)), theme);
    let inner = block.inner(area);
    let (w, h) = (inner.width as usize, inner.height as usize);
    if count == 0 {
        super::pane_cache::render_pane(frame, "capture-notes", area, Some(block), empty_hint(theme, keys));
        return None;
    }
    // Only the notes that fit are laid out, so a 3,000-note session draws as
    // fast as a short one. The anchor (selected or last note) stays in view
    // with a few notes after it.
    let anchor = selected.unwrap_or(count - 1).min(count - 1);
    // While the user types, the notes are as they were: the pane is known
    // unchanged from a hash of the notes that could be in view, and not laid
    // out at all (making and comparing its lines was a fifth of a keystroke's
    // frame).
    let key = lines_key(c, anchor, selected, w, h, theme);
    let mut made: Option<Vec<Option<usize>>> = None;
    let lines = || {
        let (lines, rows) = notes_in_view(c, anchor, selected, w, h, theme);
        made = Some(rows);
        lines
    };
    super::pane_cache::render_keyed_pane(frame, "capture-notes", area, Some(block), key, lines);
    let rows = NOTE_LINES.with_borrow_mut(|kept| match made {
        Some(rows) => {
            kept.rows = Some((key, rows.clone()));
            rows
        }
        None => match &kept.rows {
            Some((k, rows)) if *k == key => rows.clone(),
            // Kept cells without kept rows (not expected): lay out again.
            _ => notes_in_view(c, anchor, selected, w, h, theme).1,
        },
    });
    Some(super::ListHits { area: inner, rows })
}

/// Everything [`notes_in_view`] makes its lines of, hashed. Every note takes
/// at least one line, so no note further than `h` before the anchor or `h / 3`
/// after it can be in view: those are the notes hashed.
fn lines_key(c: &Capture, anchor: usize, selected: Option<usize>, w: usize, h: usize, theme: &Theme) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let notes = &c.session.notes;
    let end = (anchor + 1 + h / 3).min(notes.len());
    for n in &notes[anchor.saturating_sub(h)..end] {
        (&n.text, n.kind, &n.tags, n.at.0, n.sitting_number()).hash(&mut hasher);
    }
    (notes.len(), anchor, selected, w, h, c.sitting()).hash(&mut hasher);
    theme.styles().hash(&mut hasher);
    hasher.finish()
}

/// The lines of the notes that fit `w` x `h` around the anchor, and which
/// note each line belongs to (for clicks).
fn notes_in_view(
    c: &Capture,
    anchor: usize,
    selected: Option<usize>,
    w: usize,
    h: usize,
    theme: &Theme,
) -> (Vec<Line<'static>>, Vec<Option<usize>>) {
    let count = c.session.notes.len();
    NOTE_LINES.with_borrow_mut(|kept| {
        let mut lines_of = |i: usize| kept.lines(c, i, w, Some(i) == selected, theme);
        let mut after: Vec<(Line, usize)> = Vec::new();
        for i in anchor + 1..count {
            if after.len() >= h / 3 {
                break;
            }
            after.extend(lines_of(i).into_iter().map(|l| (l, i)));
        }
        after.truncate(h / 3);
        let mut before: Vec<Vec<(Line, usize)>> = Vec::new();
        let mut used = after.len();
        for i in (0..=anchor).rev() {
            if used >= h {
                break;
            }
            let lines: Vec<_> = lines_of(i).into_iter().map(|l| (l, i)).collect();
            used += lines.len();
            before.push(lines);
        }
        let mut lines: Vec<(Line, usize)> = before.into_iter().rev().flatten().collect();
        let overflow = (lines.len() + after.len()).saturating_sub(h);
        lines.drain(..overflow.min(lines.len()));
        lines.extend(after);
        let rows = lines.iter().map(|(_, i)| Some(*i)).collect();
        (lines.into_iter().map(|(l, _)| l).collect(), rows)
    })
}

fn empty_hint(theme: &Theme, keys: &Keymap) -> Vec<Line<'static>> {
    vec![
        Line::styled(
            super::keyed("No notes yet. Type below and press {commit-note}.", keys, Mode::Typing),
            theme.muted,
        ),
        Line::default(),
        Line::from(vec![
            Span::styled("\" ", theme.quote),
            Span::styled("quote  ", theme.muted),
            Span::styled("! ", theme.pain),
            Span::styled("pain  ", theme.muted),
            Span::styled("+ ", theme.idea),
            Span::styled("idea", theme.muted),
        ]),
        Line::from(vec![
            Span::styled("? ", theme.followup),
            Span::styled("follow-up  ", theme.muted),
            Span::styled("[ ", theme.insight),
            Span::styled("insight  ", theme.muted),
            Span::styled("#tag", theme.tag),
        ]),
    ]
}

thread_local! {
    /// Kept per thread: the app draws on one; tests draw on many at once.
    static NOTE_LINES: RefCell<NoteLines> = RefCell::new(NoteLines::default());
}

/// Forgets every kept note (tests compare with a layout from scratch).
#[cfg(test)]
fn forget() {
    NOTE_LINES.with_borrow_mut(|kept| *kept = NoteLines::default());
}

#[cfg(test)]
#[path = "capture_notes_tests.rs"]
mod tests;

/// Each note's lines as last drawn, by the note's place in the session.
#[derive(Default)]
pub(super) struct NoteLines {
    kept: Vec<Option<(NoteKey, Vec<Line<'static>>)>>,
    /// The pane's last lines' notes, by the pane's key (see [`lines_key`]).
    rows: Option<(u64, Vec<Option<usize>>)>,
}

/// Everything a note's lines are made of.
#[derive(PartialEq)]
struct NoteKey {
    text: String,
    kind: Kind,
    tags: Vec<String>,
    /// The sittings of the interview, the note's sitting, and its time.
    when: (u32, u32, u32),
    width: usize,
    selected: bool,
    /// muted, selection, the kind's, text, tag.
    styles: [Style; 5],
}

impl NoteKey {
    fn matches(&self, n: &Note, when: (u32, u32, u32), width: usize, selected: bool, styles: &[Style; 5]) -> bool {
        self.width == width
            && self.selected == selected
            && self.when == when
            && self.kind == n.kind
            && self.styles == *styles
            && self.text == n.text
            && self.tags == n.tags
    }
}

impl NoteLines {
    /// Note `index`'s lines at width `w`: the kept ones when nothing they
    /// depend on changed, else made again (and kept).
    pub(super) fn lines(
        &mut self,
        c: &Capture,
        index: usize,
        w: usize,
        selected: bool,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        let n = &c.session.notes[index];
        let when = (c.sitting(), n.sitting_number(), n.at.0);
        let styles = [theme.muted, theme.selection, theme.kind(n.kind), theme.text, theme.tag];
        if self.kept.len() != c.session.notes.len() {
            // Notes added or deleted: places past the change hold other notes
            // now, which their keys tell; only the length is set here.
            self.kept.resize_with(c.session.notes.len(), || None);
        }
        if let Some((key, lines)) = &self.kept[index]
            && key.matches(n, when, w, selected, &styles)
        {
            return lines.clone();
        }
        let lines = note_lines(c, index, w, selected, theme);
        let key =
            NoteKey { text: n.text.clone(), kind: n.kind, tags: n.tags.clone(), when, width: w, selected, styles };
        self.kept[index] = Some((key, lines.clone()));
        lines
    }
}

/// Lines of one note: time, kind badge, text and tags, wrapped under the text.
pub(super) fn note_lines(c: &Capture, index: usize, w: usize, selected: bool, theme: &Theme) -> Vec<Line<'static>> {
    let n = &c.session.notes[index];
    let kind_style = theme.kind(n.kind);
    // Counted with a sitting about to start, so the notes say theirs from the
    // moment a continued interview opens, as the header does.
    // Right-aligned, so `9:00` and `15:00` line up with the badges after them.
    let lead = format!("{:>5} ", clock_label(c.sitting(), n.sitting_number(), n.at));
    let badge = format!("{} ", n.kind.badge());
    let indent = width(&lead) + width(&badge);
    let mut body = inert(&n.text).into_owned();
    if n.kind == Kind::Quote {
        body = format!("“{body}”");
    }
    for t in &n.tags {
        body.push_str(" #");
        body.push_str(&inert(t));
    }
    let base = if selected { theme.selection } else { Style::new() };
    let text_style = if n.kind == Kind::Note { theme.text } else { kind_style };
    // One column kept blank at the right: a word that touches the border reads as cut.
    wrap(&body, w.saturating_sub(indent + 1).max(8))
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let mut spans = if i == 0 {
                vec![
                    Span::styled(lead.clone(), theme.muted.patch(base)),
                    Span::styled(badge.clone(), kind_style.patch(base)),
                ]
            } else {
                vec![Span::styled(" ".repeat(indent), base)]
            };
            // Tags are drawn in their own colour where they fall on the line.
            let mut rest = part.as_str();
            while let Some(pos) = rest.find(" #") {
                let (before, after) = rest.split_at(pos);
                spans.push(Span::styled(before.to_string(), text_style.patch(base)));
                let end = after[1..].find(' ').map_or(after.len(), |e| e + 1);
                spans.push(Span::styled(after[..end].to_string(), theme.tag.patch(base)));
                rest = &after[end..];
            }
            if !rest.is_empty() {
                let style = if rest.starts_with('#') && i > 0 { theme.tag } else { text_style };
                spans.push(Span::styled(rest.to_string(), style.patch(base)));
            }
            Line::from(spans)
        })
        .collect()
}
