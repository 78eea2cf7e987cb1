//! The hypotheses scoreboard: each hypothesis with its status (set by the
//! user), what the figures suggest, the evidence for and against (notes,
//! interviews, the change over the last week) and the strongest starred
//! quotes. Scrolled with the arrows.

use super::View;
use crate::analysis::study::hypotheses::{Scored, Side};
use crate::text::counts::plural;
use crate::tui::ui::text::inert;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

impl View<'_> {
    pub(super) fn hypotheses(&self, frame: &mut Frame, area: Rect) {
        let t = self.theme;
        let mut lines: Vec<Line> = Vec::new();
        if self.c.hypotheses.is_empty() {
            lines.push(Line::styled(
                "No hypotheses yet: add them under `hypotheses:` in the study file, each with the tags or words that count for and against it.",
                t.muted,
            ));
        }
        for (i, h) in self.c.hypotheses.iter().enumerate() {
            lines.push(Line::from(vec![
                Span::styled(format!("{}. ", i + 1), t.heading),
                Span::styled(inert(&h.statement).into_owned(), t.heading),
            ]));
            lines.push(Line::styled(
                format!("   status: {} · the figures suggest: {}", h.status.name(), h.suggests),
                t.text,
            ));
            lines.push(self.side_line("for", &h.evidence_for, h.week_before.0));
            lines.push(self.side_line("against", &h.evidence_against, h.week_before.1));
            self.quotes(&mut lines, h);
            lines.push(Line::raw(""));
        }
        self.scrolled(frame, area, "Hypotheses scoreboard", lines);
    }

    /// `for: 5 interviews, 9 notes (+2 interviews this week)`.
    fn side_line(&self, name: &str, side: &Side, week_before: usize) -> Line<'static> {
        let change = side.interviews.saturating_sub(week_before);
        let change = if change == 0 { "no change this week".to_string() } else { format!("+{change} this week") };
        Line::styled(
            format!(
                "   {name:>7}: {}, {} ({change})",
                plural(side.interviews, "interview"),
                plural(side.notes, "note")
            ),
            self.theme.text,
        )
    }

    /// The starred quotes behind the hypothesis, for first.
    fn quotes(&self, lines: &mut Vec<Line<'static>>, h: &Scored) {
        let sides = [("for", &h.evidence_for), ("against", &h.evidence_against)];
        for (name, side) in sides {
            for r in &side.quotes {
                let s = &self.records[r.session];
                let text = inert(s.text(&s.notes()[r.note])).into_owned();
                let who = inert(&s.participant).into_owned();
                lines.push(Line::styled(format!("   * ({name}) “{text}” — {who}"), self.theme.quote));
            }
        }
    }
}
