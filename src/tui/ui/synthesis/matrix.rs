//! The Segments tab: the matrix of groups (segment, company, role, guide)
//! by themes, a heat cell per share, and the highlighted group's profile.

use super::{View, first_row, pane};
use crate::analysis::figures::Share;
use crate::analysis::synthesis::MatrixRanking;
use crate::text::counts::plural;
use crate::tui::theme::Theme;
use crate::tui::ui::pane_cache::render_pane;
use crate::tui::ui::text::{fit, width, wrap};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// " 75%": the share's percent (`figures`), right-aligned in four columns.
/// " 75% 3/4": a matrix cell's figures, the percent right-aligned so the
/// column's percents line up.
fn matrix_cell(s: Share) -> String {
    format!("{:>4} {}", s.percent_text(), s.count_text())
}

impl View<'_> {
    pub(super) fn segments(&self, frame: &mut Frame, body: Rect) {
        let m = &self.result.matrix;
        let which = match m.ranking {
            MatrixRanking::Difference => "themes where groups differ most",
            MatrixRanking::Overall => "the most common themes",
        };
        let block = pane(&format!("{} × {which} · share and n", capital(m.by.name())), true, self.theme);
        let inner = block.inner(body);
        if m.rows.is_empty() || m.themes.is_empty() {
            let text = format!("Nothing to compare yet: interviews need a {} and tagged notes.", m.by.name());
            let lines = vec![Line::from(Span::styled(text, self.theme.muted))];
            render_pane(frame, "synthesis-matrix", body, Some(block), lines);
            return;
        }
        let w = inner.width as usize;
        let group_w = 20.min(w / 4);
        let n_w = 6;
        let room = w.saturating_sub(group_w + n_w);
        // A cell is " 75% 3/4 █": wide enough for the widest such cell.
        let widest_cell = m
            .rows
            .iter()
            .flat_map(|r| r.counts.iter().map(|&c| width(&matrix_cell(Share::of(c, r.sessions))) + 3))
            .max()
            .unwrap_or(8);
        let widest = m.themes.iter().map(|t| width(t) + 2).max().unwrap_or(8).clamp(7, 16).max(widest_cell);
        // Narrow cells only while a header stays readable; past that, fewer columns.
        let cell_w = widest.min(room / m.themes.len().max(1)).max(widest.min(widest_cell));
        let columns = (w.saturating_sub(group_w + n_w) / cell_w).min(m.themes.len()).max(1);
        let mut lines = Vec::new();
        let mut head = vec![
            Span::styled(fit(capital(m.by.name()).as_str(), group_w), self.theme.heading),
            Span::styled(format!("{:>5} ", "n"), self.theme.heading),
        ];
        for t in m.themes.iter().take(columns) {
            head.push(Span::styled(fit(&format!(" #{}", self.text(t)), cell_w), self.theme.tag));
        }
        lines.push(Line::from(head));
        let height = (inner.height as usize).saturating_sub(3);
        let selected = self.s.row();
        let top = first_row(selected, height, 1);
        let shown = (top..m.rows.len()).take(height).map(Some);
        self.record(inner, std::iter::once(None).chain(shown).collect());
        for (i, row) in m.rows.iter().enumerate().skip(top).take(height) {
            let base = self.row_style(i == selected, true);
            let name = self.group(row.group.as_deref());
            let mut spans = vec![
                Span::styled(fit(&name, group_w), self.theme.text.patch(base)),
                Span::styled(format!("{:>5} ", row.sessions), self.theme.muted.patch(base)),
            ];
            for c in 0..columns {
                let f = row.share(c);
                let (glyph, style) = heat(f, self.theme);
                let cell = if row.counts.get(c).copied().unwrap_or(0) == 0 {
                    fit("   ·", cell_w)
                } else {
                    fit(&format!(" {} {glyph}", matrix_cell(Share::of(row.counts[c], row.sessions))), cell_w)
                };
                spans.push(Span::styled(cell, style.patch(if i == selected { base } else { Style::new() })));
            }
            lines.push(Line::from(spans));
        }
        let hidden = m.themes.len() - columns;
        let more = if hidden > 0 { format!(" · {hidden} more themes need a wider window") } else { String::new() };
        lines.push(Line::raw(""));
        let legend = format!(
            "75% 3/4: 3 of the group's 4 interviews · ▁ to █: the share · dim: under 25% · marked: half or more · ·: none{more}"
        );
        lines.extend(wrap(&legend, w).into_iter().map(|l| Line::styled(l, self.theme.muted)));
        // The highlighted group's profile: every matrix theme, most shared first
        // (the start of a persona).
        if let Some(row) = m.rows.get(selected) {
            let name = self.group(row.group.as_deref());
            let mut shares: Vec<(usize, &String)> =
                m.themes.iter().enumerate().map(|(c, t)| (row.counts.get(c).copied().unwrap_or(0), t)).collect();
            shares.sort_by_key(|s| std::cmp::Reverse(s.0));
            let profile: Vec<String> = shares
                .iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, t)| format!("#{} {}", self.text(t), Share::of(*n, row.sessions).percent_text()))
                .collect();
            lines.push(Line::raw(""));
            lines.push(Line::styled(format!("{name} · {}", plural(row.sessions, "interview")), self.theme.heading));
            let text = if profile.is_empty() { "none of these themes".to_string() } else { profile.join(" · ") };
            lines.extend(wrap(&text, w).into_iter().map(|l| Line::styled(l, self.theme.text)));
        }
        render_pane(frame, "synthesis-matrix", body, Some(block), lines);
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A heat-map cell: a block whose height carries the share without colour
/// (for colour-blind readers and `NO_COLOR`), and a style in three tiers.
fn heat(f: f64, theme: &Theme) -> (char, Style) {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let level = ((f.clamp(0.0, 1.0) * 8.0).ceil() as usize).clamp(1, 8);
    let style = if f < 0.25 {
        theme.muted
    } else if f < 0.5 {
        theme.bar
    } else {
        theme.heat
    };
    (BLOCKS[level - 1], style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_levels_rise_with_the_share() {
        let t = Theme::monochrome();
        assert_eq!(heat(0.01, &t).0, '▁');
        assert_eq!(heat(0.5, &t).0, '▄');
        assert_eq!(heat(1.0, &t).0, '█');
        assert_eq!(heat(0.1, &t).1, t.muted);
        assert_eq!(heat(0.3, &t).1, t.bar);
        assert_eq!(heat(0.6, &t).1, t.heat);
    }
}
