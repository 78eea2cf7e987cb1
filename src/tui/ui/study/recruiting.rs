//! Recruiting: per target segment, interviewed / scheduled / target, what
//! is missing, and a bar drawn in characters (`#` interviewed, `+`
//! scheduled, `.` still to find) so it reads without colour.

use super::View;
use crate::analysis::study::quotas::QuotaRow;
use crate::text::counts::plural;
use crate::tui::ui::text::inert;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The widest a bar gets.
const BAR: usize = 30;

impl View<'_> {
    pub(super) fn recruiting(&self, frame: &mut Frame, area: Rect) {
        let t = self.theme;
        let mut lines: Vec<Line> = Vec::new();
        if let Some(obj) = &self.study.objective {
            lines.push(Line::from(vec![Span::styled("Objective: ", t.heading), Span::raw(inert(obj).into_owned())]));
            lines.push(Line::raw(""));
        }
        if self.c.quotas.is_empty() {
            lines.push(Line::styled(
                "No target segments yet: add `quotas:` to the study file (for example `mid-market: 8`).",
                t.muted,
            ));
        } else {
            let w = self.c.quotas.iter().map(|q| q.segment.chars().count()).max().unwrap_or(0).min(24);
            lines.push(Line::styled(
                format!("{:w$}  {:>11}  {:>9}  {:>6}  progress", "segment", "interviewed", "scheduled", "target"),
                t.muted,
            ));
            // The bar takes what the columns leave (inside the borders).
            let cells = usize::from(area.width).saturating_sub(w + 38).clamp(8, BAR);
            for q in &self.c.quotas {
                lines.push(quota_line(q, w, cells));
                lines.push(Line::styled(format!("{:w$}  {}", "", missing_words(q)), t.muted));
            }
            lines.push(Line::styled("progress: # interviewed  + scheduled  . still to recruit", t.muted));
        }
        let total = self.c.selected.len();
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("{} in the study in all.", plural(total, "interview")), t.muted));
        self.scrolled(frame, area, "Recruiting", lines);
    }
}

fn quota_line(q: &QuotaRow, w: usize, cells: usize) -> Line<'static> {
    let name: String = inert(&q.segment).chars().take(w).collect();
    Line::raw(format!("{name:w$}  {:>11}  {:>9}  {:>6}  {}", q.done, q.scheduled, q.target, bar(q, cells)))
}

/// `[####++....]`: interviewed, scheduled, missing, scaled to the target (or
/// to what was done, when that is more).
fn bar(q: &QuotaRow, width: usize) -> String {
    let whole = q.target.max(q.done + q.scheduled).max(1);
    let cells = |n: usize| (n * width).div_ceil(whole).min(width);
    let done = cells(q.done);
    let sched = cells(q.done + q.scheduled).saturating_sub(done);
    let rest = width.saturating_sub(done + sched);
    format!("[{}{}{}]", "#".repeat(done), "+".repeat(sched), ".".repeat(rest))
}

fn missing_words(q: &QuotaRow) -> String {
    if q.missing == 0 {
        if q.done >= q.target {
            "quota met".to_string()
        } else if q.scheduled == 1 {
            "the 1 scheduled covers the rest".to_string()
        } else {
            format!("the {} scheduled cover the rest", q.scheduled)
        }
    } else {
        let who = if q.missing == 1 { "person" } else { "people" };
        format!("{} missing: recruit {} more {who}", q.missing, q.missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(done: usize, scheduled: usize, target: usize) -> QuotaRow {
        QuotaRow { segment: "s".into(), target, done, scheduled, missing: target.saturating_sub(done + scheduled) }
    }

    #[test]
    fn the_bar_shows_done_scheduled_and_missing_in_characters() {
        assert_eq!(bar(&row(3, 1, 6), BAR), format!("[{}{}{}]", "#".repeat(15), "+".repeat(5), ".".repeat(10)));
        assert_eq!(bar(&row(0, 0, 0), BAR), format!("[{}]", ".".repeat(30)));
        assert_eq!(bar(&row(8, 0, 4), BAR), format!("[{}]", "#".repeat(30)));
        assert_eq!(missing_words(&row(3, 1, 6)), "2 missing: recruit 2 more people");
        assert_eq!(missing_words(&row(6, 0, 6)), "quota met");
    }
}
