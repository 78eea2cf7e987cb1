//! The Coverage tab: each guide's questions with the share of interviews
//! that have a note on them, never-covered ones marked.

use super::ranked::bar;
use super::{View, first_row, list_and_evidence_at, pane};
use crate::analysis::figures::{Share, ShareColumn};
use crate::text::counts::plural;
use crate::tui::app::synthesis::{CoverageRow, Tab};
use crate::tui::ui::text::{fit, truncate, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

impl View<'_> {
    pub(super) fn coverage(&self, frame: &mut Frame, body: Rect) {
        let (list, evidence) = list_and_evidence_at(body, 60);
        let block = pane(
            "Question coverage · interviews with a note on each question · ✗ never",
            self.list_focused(),
            self.theme,
        );
        let inner = block.inner(list);
        frame.render_widget(block, list);
        let w = inner.width as usize;
        let total = self.s.len(Tab::Coverage);
        if total == 0 {
            let text = "No guides used yet.";
            frame.render_widget(Paragraph::new(Span::styled(text, self.theme.muted)), inner);
        }
        let selected = self.s.row();
        let column = ShareColumn::fitting(
            self.result.coverage.iter().flat_map(|g| g.questions.iter().map(|q| Share::of(q.covered, g.sessions))),
        );
        let top = first_row(selected, inner.height as usize, 1);
        let questions = (top..total).take(inner.height as usize);
        let rows = questions.map(|i| matches!(self.s.coverage_row(i), Some(CoverageRow::Question(..))).then_some(i));
        self.record(inner, rows.collect());
        let mut lines = Vec::new();
        for i in (top..total).take(inner.height as usize) {
            let base = self.row_style(i == selected, self.list_focused());
            match self.s.coverage_row(i) {
                Some(CoverageRow::Guide(g)) => {
                    let gc = &self.result.coverage[g];
                    let title = gc.title.as_deref().map(|t| format!(" — {}", self.text(t))).unwrap_or_default();
                    lines.push(Line::styled(
                        truncate(&format!("{}{title} · {}", self.text(&gc.guide), plural(gc.sessions, "interview")), w)
                            .into_owned(),
                        self.theme.heading.patch(base),
                    ));
                }
                Some(CoverageRow::Question(g, q)) => {
                    let gc = &self.result.coverage[g];
                    let qc = &gc.questions[q];
                    let share = Share::of(qc.covered, gc.sessions);
                    let counts = format!(" {}", column.cell(share));
                    let bar_w = 14.min(w / 5);
                    let text_w = w.saturating_sub(bar_w + width(&counts) + 1);
                    let text = qc
                        .text
                        .as_deref()
                        .map(|t| self.text(t).into_owned())
                        .unwrap_or_else(|| format!("{} (not in the guide)", self.text(&qc.id)));
                    let (style, mark) =
                        if qc.never_covered() { (self.theme.warning, "✗ ") } else { (self.theme.text, "  ") };
                    let meter = Span::styled(format!(" {}", bar(share, bar_w)), self.theme.bar.patch(base));
                    lines.push(Line::from(vec![
                        Span::styled(fit(&format!("{mark}{text}"), text_w), style.patch(base)),
                        meter,
                        Span::styled(counts, self.theme.muted.patch(base)),
                    ]));
                }
                None => {}
            }
        }
        frame.render_widget(Paragraph::new(lines), inner);
        let title = match self.s.coverage_row(selected) {
            Some(CoverageRow::Question(g, q)) => {
                let qc = &self.result.coverage[g].questions[q];
                format!("Notes on question {} · in {}", self.text(&qc.id), plural(qc.noted, "interview"))
            }
            _ => "Notes on the question".into(),
        };
        self.evidence(frame, evidence, &title);
    }
}
