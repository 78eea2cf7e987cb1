//! Trends: each top theme's share of interviews per week or month, one
//! `Sparkline` row each, with the first and last share written out and the
//! period labels under the rows, so growth reads without colour.

use super::View;
use crate::analysis::figures::Share;
use crate::tui::ui::text::inert;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Sparkline};

/// Columns for the theme's name.
const NAME: u16 = 18;
/// Columns for "12 % → 40 %".
const FIGURES: u16 = 16;

impl View<'_> {
    pub(super) fn trends(&self, frame: &mut Frame, area: Rect) {
        let tr = &self.c.trends;
        let block = super::pane(&format!("Trends: share of interviews per {}", tr.period.name()), self.theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if tr.themes.is_empty() {
            frame.render_widget(Paragraph::new("No coded interview yet.").style(self.theme.muted), inner);
            return;
        }
        let rows = inner.layout_vec(&Layout::vertical(
            std::iter::repeat_n(Constraint::Length(2), tr.themes.len())
                .chain([Constraint::Length(2), Constraint::Fill(1)]),
        ));
        for (theme, row) in tr.themes.iter().zip(&rows) {
            let [name, spark, figures] = row.layout(&Layout::horizontal([
                Constraint::Length(NAME),
                Constraint::Fill(1),
                Constraint::Length(FIGURES),
            ]));
            let label: String = inert(&theme.code).chars().take(usize::from(NAME) - 1).collect();
            frame.render_widget(Paragraph::new(label).style(self.theme.text), name);
            // One bar per period, at most as many as fit (the latest kept).
            let percents: Vec<u64> = theme.shares.iter().map(percent).collect();
            let shown = &percents[percents.len().saturating_sub(usize::from(spark.width))..];
            frame.render_widget(Sparkline::default().data(shown).max(100).style(self.theme.bar), spark);
            let (first, last) = (percents.first().copied().unwrap_or(0), percents.last().copied().unwrap_or(0));
            frame.render_widget(Paragraph::new(format!(" {first:>3} % → {last:>3} %")), figures);
        }
        if let Some(axis) = rows.get(tr.themes.len()) {
            let first = tr.starts.first().map(|s| tr.period.label(*s)).unwrap_or_default();
            let last = tr.starts.last().map(|s| tr.period.label(*s)).unwrap_or_default();
            let held: Vec<String> = tr.interviews.iter().map(|n| n.to_string()).collect();
            let lines = vec![
                Line::styled(
                    format!("{:w$}{first} … {last} ({} periods)", "", tr.starts.len(), w = usize::from(NAME)),
                    self.theme.muted,
                ),
                Line::styled(
                    format!("{:w$}interviews per {}: {}", "", tr.period.name(), held.join(" "), w = usize::from(NAME)),
                    self.theme.muted,
                ),
            ];
            frame.render_widget(Paragraph::new(lines), *axis);
        }
    }
}

fn percent(s: &Share) -> u64 {
    u64::from(s.percent())
}
