//! Under a list of tags (the tag palette, quick tagging's search): the
//! highlighted code's description from the codebook, on the last line.

use crate::domain::codebook::Codebook;
use crate::text::out::inert;
use crate::text::width::truncate;
use crate::tui::app::codebook_tags::description;
use crate::tui::app::tags::TagRow;
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// Puts the description of `row`'s code as the last line that fits in
/// `area`, giving up the last tag row when the list fills it.
pub fn push_description(
    lines: &mut Vec<Line<'static>>,
    area: Rect,
    row: Option<&TagRow>,
    codebook: Option<&Codebook>,
    theme: &Theme,
) {
    let Some(row) = row.filter(|r| !r.new) else { return };
    let Some(text) = description(codebook, &row.tag) else { return };
    let room = area.height as usize;
    if room < 2 {
        return;
    }
    lines.truncate(room - 1);
    let width = (area.width as usize).saturating_sub(2);
    lines.push(Line::styled(format!("  {}", truncate(&inert(&text), width)), theme.muted));
}
