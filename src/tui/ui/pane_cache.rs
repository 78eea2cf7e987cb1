//! A pane's cells kept between frames. Laying lines out into cells (ratatui
//! splits every line into graphemes and measures each) was the larger part
//! of a frame, though most keys change one pane: the input. A pane drawn
//! through [`render_lines`] is laid out again only when its lines, its place
//! or the cells under it differ from the last frame; otherwise its cells are
//! copied back as they were, the same cells a fresh layout would give.

use ratatui::Frame;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    /// Kept per thread: the app draws on one; tests draw on many at once.
    static PANES: RefCell<HashMap<&'static str, Kept>> = RefCell::new(HashMap::new());
}

/// One pane as last drawn: where, what, on what, and the cells it made.
struct Kept {
    area: Rect,
    lines: Vec<Line<'static>>,
    beneath: Vec<Cell>,
    cells: Vec<Cell>,
}

/// Draws `lines` as a plain `Paragraph` into `area`, through the pane
/// `slot`'s kept cells (one slot per pane on screen: two panes sharing one
/// would only miss, never draw wrong).
pub fn render_lines(frame: &mut Frame, slot: &'static str, area: Rect, lines: Vec<Line<'static>>) {
    let area = area.intersection(frame.area());
    let buf = frame.buffer_mut();
    PANES.with_borrow_mut(|panes| {
        if let Some(kept) = panes.get(slot)
            && kept.area == area
            && kept.lines == lines
            && cells_equal(buf, area, &kept.beneath)
        {
            put_cells(buf, area, &kept.cells);
            return;
        }
        let beneath = cells_of(buf, area);
        ratatui::widgets::Widget::render(Paragraph::new(lines.clone()), area, buf);
        let cells = cells_of(buf, area);
        panes.insert(slot, Kept { area, lines, beneath, cells });
    });
}

/// Forgets every kept pane (tests compare with a layout from scratch).
#[cfg(test)]
pub fn forget() {
    PANES.with_borrow_mut(HashMap::clear);
}

fn rows(area: Rect) -> impl Iterator<Item = (u16, u16)> {
    (area.y..area.bottom()).map(move |y| (y, area.x))
}

fn cells_of(buf: &Buffer, area: Rect) -> Vec<Cell> {
    let mut out = Vec::with_capacity(area.area() as usize);
    for (y, x) in rows(area) {
        let start = buf.index_of(x, y);
        out.extend_from_slice(&buf.content[start..start + area.width as usize]);
    }
    out
}

fn cells_equal(buf: &Buffer, area: Rect, kept: &[Cell]) -> bool {
    if kept.len() != area.area() as usize {
        return false;
    }
    let w = area.width as usize;
    rows(area).enumerate().all(|(k, (y, x))| {
        let start = buf.index_of(x, y);
        buf.content[start..start + w] == kept[k * w..(k + 1) * w]
    })
}

fn put_cells(buf: &mut Buffer, area: Rect, kept: &[Cell]) {
    let w = area.width as usize;
    for (k, (y, x)) in rows(area).enumerate() {
        let start = buf.index_of(x, y);
        buf.content[start..start + w].clone_from_slice(&kept[k * w..(k + 1) * w]);
    }
}
