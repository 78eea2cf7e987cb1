//! The evidence pane beside (or under) a tab's list: the notes behind the
//! highlighted row, each wrapped to three lines with who said it when.

use super::{View, pane};
use crate::analysis::synthesis::{NoteRecord, NoteRef, SessionRecord};
use crate::analysis::transcript::quotes::Verdict;
use crate::domain::note::Kind;
use crate::tui::app::synthesis::Focus;
use crate::tui::ui::pane_cache::render_pane;
use crate::tui::ui::text::{clip_lines, truncate, width, wrap};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

impl View<'_> {
    /// The notes behind the highlighted row: each note's text (kind badge,
    /// wrapped to three lines) and who said it when.
    pub(super) fn evidence(&self, frame: &mut Frame, area: Rect, title: &str) {
        let focused = self.s.focus == Focus::Evidence;
        let refs = self.s.evidence_refs();
        let block = pane(title, focused, self.theme);
        let inner = block.inner(area);
        if refs.is_empty() {
            let lines = vec![Line::from(Span::styled("No notes here.", self.theme.muted))];
            render_pane(frame, "synthesis-evidence", area, Some(block), lines);
            return;
        }
        let w = inner.width as usize;
        let h = inner.height as usize;
        let selected = if focused { self.s.evidence } else { 0 };
        // Walk up from the selected note until the screen is full, so it stays visible.
        let mut start = selected;
        let mut used = self.evidence_item(refs[selected], w, false).len();
        while start > 0 {
            let above = self.evidence_item(refs[start - 1], w, false).len();
            if used + above > h {
                break;
            }
            used += above;
            start -= 1;
        }
        let mut lines = Vec::new();
        for (k, at) in refs.iter().enumerate().skip(start) {
            if lines.len() >= h {
                break;
            }
            let mut item = self.evidence_item(*at, w, focused && k == selected);
            if k == selected && focused {
                // Keep the highlight whole even when it is the last thing on screen.
                item.truncate(h.saturating_sub(lines.len()).max(1));
            }
            lines.extend(item);
        }
        render_pane(frame, "synthesis-evidence", area, Some(block), lines);
    }

    fn evidence_item(&self, at: NoteRef, w: usize, selected: bool) -> Vec<Line<'static>> {
        let (r, n) = at.resolve(self.records);
        let base = self.row_style(selected, true);
        let text = self.text(r.text(n));
        let body = if n.kind == Kind::Quote { format!("“{text}”") } else { text.into_owned() };
        let body = if n.starred { format!("{} {body}", crate::tui::ui::review::STAR) } else { body };
        let lead = format!("{} ", n.kind.badge());
        let mut parts = wrap(&body, w.saturating_sub(width(&lead)).max(8));
        clip_lines(&mut parts, 3, w.saturating_sub(width(&lead)).max(8));
        let style = if n.kind == Kind::Note { self.theme.text } else { self.theme.kind(n.kind) };
        let mut lines: Vec<Line<'static>> = parts
            .into_iter()
            .enumerate()
            .map(|(k, p)| {
                let lead = if k == 0 { lead.clone() } else { " ".repeat(width(&lead)) };
                Line::from(vec![Span::styled(lead, self.theme.muted.patch(base)), Span::styled(p, style.patch(base))])
            })
            .collect();
        // The transcript's verdict first, in words, so no width cuts it off.
        let mut last = vec![Span::styled("  ", self.theme.muted.patch(base))];
        if let Some(v) = self.s.verdict(at) {
            let mark = crate::analysis::transcript::marks::mark(v);
            last.push(Span::styled(format!("{mark} "), self.verdict_style(v).patch(base)));
        }
        let used: usize = last.iter().map(|s| width(&s.content)).sum();
        last.push(Span::styled(self.attribution(r, n, w.saturating_sub(used)), self.theme.muted.patch(base)));
        lines.push(Line::from(last));
        lines
    }

    /// A verdict's colour, over its words: said, close, never said.
    fn verdict_style(&self, v: &Verdict) -> ratatui::style::Style {
        match v {
            Verdict::Verbatim { .. } => self.theme.success,
            Verdict::Close { .. } => self.theme.warning,
            Verdict::NotFound => self.theme.error,
        }
    }

    /// "— Ana López · Acme · 2026-03-02 · 00:12:31 · #pricing #trust"
    pub(super) fn attribution(&self, r: &SessionRecord, n: &NoteRecord, w: usize) -> String {
        let mut out = format!("— {}", self.who(r));
        if let Some(c) = self.company(r) {
            out.push_str(&format!(" · {c}"));
        }
        out.push_str(&format!(
            " · {} · {}",
            r.date(),
            crate::domain::session::clock_label(r.sittings, n.sitting, n.at)
        ));
        let tags: String = r.tags_of(n).map(|t| format!(" #{}", self.text(t))).collect();
        if !tags.is_empty() {
            out.push_str(" ·");
            out.push_str(&tags);
        }
        if !r.quotes_shareable && n.kind == Kind::Quote {
            out.push_str(" · no consent to quote");
        }
        truncate(&out, w).into_owned()
    }
}
