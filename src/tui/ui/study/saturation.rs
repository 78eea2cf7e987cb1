//! Saturation: new codes per interview (bars) and cumulative codes (a
//! line of dots) as a ratatui `Chart`, for the whole study or one segment
//! (the arrows pick), and every curve's verdict in words under it. The
//! legend names each series by its marker, so it reads without colour.

use super::View;
use crate::analysis::study::saturation::{Curve, in_words};
use crate::tui::ui::text::inert;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, LegendPosition, Paragraph, Wrap};

impl View<'_> {
    pub(super) fn saturation(&self, frame: &mut Frame, area: Rect) {
        let curves = self.curves();
        let rows = curves.len() as u16 + 3;
        let [chart_area, words_area] =
            area.layout(&Layout::vertical([Constraint::Min(8), Constraint::Length(rows.min(area.height / 2))]));
        let picked = self.s.curve.min(curves.len().saturating_sub(1));
        if let Some((name, curve)) = curves.get(picked) {
            self.chart(frame, chart_area, name, curve);
        }
        let rule = &self.study.saturation;
        let mut lines = vec![Line::styled(
            format!("Rule: {}.", crate::analysis::study::format::rule_words(self.study)),
            self.theme.muted,
        )];
        for (i, (name, curve)) in curves.iter().enumerate() {
            let mark = if i == picked { "> " } else { "  " };
            let style = if i == picked { self.theme.current } else { self.theme.text };
            lines.push(Line::from(vec![Span::styled(mark, style), Span::styled(in_words(name, curve, rule), style)]));
        }
        let block = super::pane("In words", self.theme);
        frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), words_area);
    }

    /// Overall first, then each segment, with their names made safe to show.
    fn curves(&self) -> Vec<(String, &Curve)> {
        let mut v = vec![("overall".to_string(), &self.c.overall)];
        v.extend(self.c.segments.iter().map(|(n, c)| (inert(n).into_owned(), c)));
        v
    }

    fn chart(&self, frame: &mut Frame, area: Rect, name: &str, curve: &Curve) {
        let t = self.theme;
        let cumulative: Vec<(f64, f64)> =
            curve.steps.iter().enumerate().map(|(i, s)| ((i + 1) as f64, s.cumulative as f64)).collect();
        // Only interviews that added codes get a bar: a row of empty bars
        // along the axis reads as "one code each".
        let new: Vec<(f64, f64)> = curve
            .steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.new_codes > 0)
            .map(|(i, s)| ((i + 1) as f64, s.new_codes as f64))
            .collect();
        let n = curve.steps.len().max(1);
        let top = curve.steps.last().map_or(1, |s| s.cumulative.max(1));
        // Where the stopping rule was met, as a vertical line of its own marker.
        let rule_line: Vec<(f64, f64)> =
            curve.reached_after.map(|k| vec![(k as f64, 0.0), (k as f64, top as f64)]).unwrap_or_default();
        let rule_name = curve.reached_after.map(|k| format!("⡇ rule met at {k}")).unwrap_or_default();
        let mut datasets = vec![
            Dataset::default()
                .name("• cumulative codes")
                .marker(Marker::Dot)
                .graph_type(GraphType::Line)
                .style(t.text)
                .data(&cumulative),
            Dataset::default()
                .name("▄ new codes")
                .marker(Marker::Bar)
                .graph_type(GraphType::Bar)
                .style(t.muted)
                .data(&new),
        ];
        if !rule_line.is_empty() {
            datasets.push(
                Dataset::default()
                    .name(rule_name)
                    .marker(Marker::Braille)
                    .graph_type(GraphType::Line)
                    .style(t.current)
                    .data(&rule_line),
            );
        }
        let x = Axis::default().title("interview").bounds([0.0, n as f64]).labels([
            "0".to_string(),
            (n / 2).to_string(),
            n.to_string(),
        ]);
        let y = Axis::default().title("codes").bounds([0.0, top as f64]).labels([
            "0".to_string(),
            (top / 2).to_string(),
            top.to_string(),
        ]);
        let title = format!("Saturation: {name} ({} interviews)", curve.steps.len());
        let chart = Chart::new(datasets)
            .block(super::pane(&title, t))
            .x_axis(x)
            .y_axis(y)
            .legend_position(Some(LegendPosition::BottomRight))
            .hidden_legend_constraints((Constraint::Ratio(1, 1), Constraint::Ratio(1, 1)));
        frame.render_widget(chart, area);
    }
}
