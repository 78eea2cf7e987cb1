//! The lists the new-interview form offers under a field (people from the
//! roster under the name, the library's segments under Segment): one row
//! per offer, the highlighted one marked `▸` (readable without colour), its
//! words on the left and what matters for the choice on the right.

use super::text::{truncate, width};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Where the rows start: under the value typed, past the field's label.
const INDENT: &str = "            ";

/// Draws `rows` (left words, right words; already inert) from the top of
/// `area` down, as many as fit. The right words keep their room and the
/// left ones give way; `margin` columns stay blank before the right edge.
pub(super) fn render(
    frame: &mut Frame,
    area: Rect,
    rows: Vec<(String, String)>,
    highlight: Option<usize>,
    margin: usize,
    theme: &Theme,
) {
    let height = (rows.len() as u16).min(area.height);
    if height == 0 || area.width < 8 {
        return;
    }
    let area = Rect { height, ..area };
    super::layers::overlay(frame, area);
    let w = (area.width as usize).saturating_sub(margin);
    let lines: Vec<Line> = rows
        .into_iter()
        .take(height as usize)
        .enumerate()
        .map(|(row, (left, right))| {
            let chosen = highlight == Some(row);
            let mark = if chosen { "▸ " } else { "  " };
            let right = format!("  {right}");
            let left = truncate(&format!("{INDENT}{mark}{left}"), w.saturating_sub(width(&right)).max(16)).into_owned();
            let right = truncate(&right, w.saturating_sub(width(&left))).into_owned();
            let pad = " ".repeat(w.saturating_sub(width(&left) + width(&right)));
            let tail = " ".repeat(margin);
            let (main, muted) = if chosen { (theme.selection, theme.selection) } else { (theme.text, theme.muted) };
            Line::from(vec![Span::styled(left, main), Span::styled(format!("{pad}{right}{tail}"), muted)])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
