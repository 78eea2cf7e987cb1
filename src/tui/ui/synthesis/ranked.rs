//! The two ranked lists of tags, Themes and Pain points: a row per tag with
//! a bar of the share of interviews, and the evidence title that sums up
//! what kind of notes a theme rests on. Also the bar the other tabs draw.

use super::{View, empty, first_row, list_and_evidence, pane};
use crate::analysis::figures::{Share, ShareColumn};
use crate::domain::note::Kind;
use crate::text::counts::plural;
use crate::tui::ui::pane_cache::render_pane;
use crate::tui::ui::text::{fit, truncate, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// A bar of `cols` columns, filled to `fraction` in eighths of a column.
/// The share's bar (`figures::Share::bar`), padded to `cols`.
pub(super) fn bar(s: Share, cols: usize) -> String {
    fit(&s.bar(cols), cols)
}

/// Columns of a ranked list's row, left to right: name, bar, the share column
/// (with a space before it) and the tail, a space before it too. The share
/// column is never cut; the tail gives way first, then the bar (down to 4),
/// then the name.
fn tag_row_widths(w: usize, widest_name: usize, counts_w: usize, widest_tail: usize) -> (usize, usize, usize) {
    let name_w = widest_name.clamp(8, (w / 3).max(8)).min(w.saturating_sub(counts_w + 1 + 4));
    let rest = w.saturating_sub(name_w + counts_w + 1);
    let tail_w = widest_tail.min(w / 4).min(rest.saturating_sub(4 + 1));
    let bar_w = rest.saturating_sub(if tail_w > 0 { tail_w + 1 } else { 0 });
    (name_w, bar_w, tail_w)
}

impl View<'_> {
    /// A ranked list of tags: name, bar of the share of interviews, counts.
    pub(super) fn tag_rows(&self, frame: &mut Frame, area: Rect, rows: &[(String, usize, String)], title: &str) {
        let total = self.result.sessions();
        let block = pane(title, self.list_focused(), self.theme);
        let inner = block.inner(area);
        // A column of room at the right: the tail's last word must not touch the border.
        let w = (inner.width as usize).saturating_sub(1);
        let column = ShareColumn::fitting(rows.iter().map(|(_, n, _)| Share::of(*n, total)));
        let widest_name = rows.iter().map(|(t, ..)| width(t) + 1).max().unwrap_or(8);
        let widest_tail = rows.iter().map(|(.., tail)| width(tail)).max().unwrap_or(0);
        let (name_w, bar_w, tail_w) = tag_row_widths(w, widest_name, column.width(), widest_tail);
        let selected = self.s.row();
        let top = first_row(selected, inner.height as usize, 1);
        self.record(inner, (top..rows.len()).take(inner.height as usize).map(Some).collect());
        let lines: Vec<Line<'static>> = rows
            .iter()
            .enumerate()
            .skip(top)
            .take(inner.height as usize)
            .map(|(i, (tag, sessions, tail))| {
                let base = self.row_style(i == selected, self.list_focused());
                let share = Share::of(*sessions, total);
                let mut spans = vec![
                    Span::styled(fit(tag, name_w), self.theme.tag.patch(base)),
                    Span::styled(bar(share, bar_w), self.theme.bar.patch(base)),
                    Span::styled(format!(" {}", column.cell(share)), self.theme.text.patch(base)),
                ];
                if tail_w > 0 {
                    spans.push(Span::styled(format!(" {}", truncate(tail, tail_w)), self.theme.muted.patch(base)));
                }
                Line::from(spans)
            })
            .collect();
        render_pane(frame, "synthesis-list", area, Some(block), lines);
    }

    pub(super) fn themes(&self, frame: &mut Frame, body: Rect) {
        let (list, evidence) = list_and_evidence(body);
        if let Some((rows, title)) = self.grouped_rows() {
            self.tag_rows(frame, list, &rows, &title);
        } else {
            let rows: Vec<(String, usize, String)> = self
                .result
                .themes
                .iter()
                .map(|t| (format!("#{}", self.text(&t.tag)), t.sessions, plural(t.notes, "note")))
                .collect();
            if rows.is_empty() {
                empty(
                    frame,
                    list,
                    "Themes",
                    "No tags yet: tag notes (t in the library) and themes appear here.",
                    self.theme,
                );
            } else {
                self.tag_rows(frame, list, &rows, "Themes · share of interviews mentioning each tag");
            }
        }
        let tag = self.s.theme_tag_index(self.s.row()).and_then(|i| self.result.themes.get(i));
        let title = match (self.theme_evidence_title(), tag) {
            (Some(title), _) => title,
            (None, Some(t)) => format!(
                "Evidence · #{} · {}{}",
                self.text(&t.tag),
                kinds_summary(t.notes, &t.kinds),
                closing_summary(t.closing.len())
            ),
            (None, None) => "Evidence".into(),
        };
        self.evidence(frame, evidence, &title);
    }

    pub(super) fn pains(&self, frame: &mut Frame, body: Rect) {
        let (list, evidence) = list_and_evidence(body);
        let mut rows: Vec<(String, usize, String)> = self
            .result
            .pain_points
            .iter()
            .map(|p| (format!("#{}", self.text(&p.tag)), p.sessions, plural(p.notes, "pain")))
            .collect();
        if !self.result.untagged_pains.is_empty() {
            let sessions = {
                let mut s: Vec<usize> = self.result.untagged_pains.iter().map(|r| r.session).collect();
                s.dedup();
                s.sort_unstable();
                s.dedup();
                s.len()
            };
            rows.push(("(no tag)".into(), sessions, plural(self.result.untagged_pains.len(), "pain")));
        }
        if rows.is_empty() {
            empty(frame, list, "Pain points", "No pains yet: notes that start with ! are pains.", self.theme);
        } else {
            self.tag_rows(frame, list, &rows, "Pain points · by interviews");
        }
        let title = match self.result.pain_points.get(self.s.row()) {
            Some(p) => format!(
                "#{} · {} and {}",
                self.text(&p.tag),
                plural(p.pains.len(), "pain"),
                plural(p.quotes.len(), "quote")
            ),
            None => "Pains without a tag".into(),
        };
        self.evidence(frame, evidence, &title);
    }
}

/// " · 2 closing answers": closing answers carrying the theme's tag, which
/// count in its interviews but are not among its notes.
fn closing_summary(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => " · 1 closing answer".into(),
        n => format!(" · {n} closing answers"),
    }
}

/// "38 notes: 5 quotes, 9 pains, 2 ideas" — what kind of evidence a theme rests on.
fn kinds_summary(notes: usize, kinds: &[usize; 6]) -> String {
    let mut parts = Vec::new();
    for (k, kind) in Kind::ALL.iter().enumerate() {
        if matches!(kind, Kind::Quote | Kind::Pain | Kind::Idea) && kinds[k] > 0 {
            parts.push(plural(kinds[k], kind.label()));
        }
    }
    let notes = plural(notes, "note");
    if parts.is_empty() { notes } else { format!("{notes}: {}", parts.join(", ")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_in_eighths_and_keep_their_width() {
        assert_eq!(bar(Share::of(0, 4), 4), "    ");
        assert_eq!(bar(Share::of(4, 4), 4), "████");
        assert_eq!(bar(Share::of(2, 4), 4), "██  ");
        assert_eq!(bar(Share::of(1, 32), 4), "▏   ");
        assert_eq!(bar(Share::of(7, 1), 2), "██", "over 100% is clamped");
        for (p, w) in [(13, 100), (1, 2), (77, 100), (99, 100)] {
            assert_eq!(width(&bar(Share::of(p, w), 10)), 10);
        }
    }

    #[test]
    fn a_ranked_row_always_has_room_for_its_numbers() {
        for w in [20, 38, 58, 78, 118, 198] {
            for name in [8, 30, 90] {
                for tail in [0, 13, 40] {
                    let counts = 20; // "123,456/123,456 100%"
                    let (name_w, bar_w, tail_w) = tag_row_widths(w, name, counts, tail);
                    let used = name_w + bar_w + 1 + counts + if tail_w > 0 { tail_w + 1 } else { 0 };
                    assert!(used <= w.max(counts + 1 + 8 + 4), "w {w} name {name} tail {tail}: {used}");
                }
            }
        }
    }
}
