//! A pane's cells kept between frames. Laying lines out into cells (ratatui
//! splits every line into graphemes and measures each, and walks every cell
//! of a block to style it) was the larger part of a frame, though most keys
//! change one pane: the input. A pane drawn through [`render_pane`] is laid
//! out again only when its frame, its lines or its place differ from the last
//! frame's; otherwise its cells are copied back as they were, the same cells a
//! fresh layout gives, since a pane is drawn on cells nothing else drew on
//! (checked in debug builds, so every test checks it).

use ratatui::Frame;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    /// Kept per thread: the app draws on one; tests draw on many at once.
    static PANES: RefCell<HashMap<&'static str, Kept>> = RefCell::new(HashMap::new());
}

/// One pane as last drawn: where, what, and the cells it made.
struct Kept {
    area: Rect,
    block: Option<Block<'static>>,
    lines: Vec<Line<'static>>,
    cells: Vec<Cell>,
}

/// Draws `block` (if any) on `area` and `lines` as a plain `Paragraph` inside
/// it, through the pane `slot`'s kept cells (one slot per pane on screen: two
/// panes sharing one would only miss, never draw wrong). `area` must be blank.
pub fn render_pane(
    frame: &mut Frame,
    slot: &'static str,
    area: Rect,
    block: Option<Block<'static>>,
    lines: Vec<Line<'static>>,
) {
    let area = area.intersection(frame.area());
    let buf = frame.buffer_mut();
    debug_assert!(cells_of(buf, area).iter().all(|c| *c == Cell::EMPTY), "pane {slot} drawn on blank cells");
    PANES.with_borrow_mut(|panes| {
        if let Some(kept) = panes.get(slot)
            && kept.area == area
            && kept.block == block
            && kept.lines == lines
        {
            put_cells(buf, area, &kept.cells);
            return;
        }
        let inner = match &block {
            Some(b) => {
                b.render(area, buf);
                b.inner(area)
            }
            None => area,
        };
        Paragraph::new(lines.clone()).render(inner, buf);
        let cells = cells_of(buf, area);
        panes.insert(slot, Kept { area, block, lines, cells });
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

fn put_cells(buf: &mut Buffer, area: Rect, kept: &[Cell]) {
    let w = area.width as usize;
    for (k, (y, x)) in rows(area).enumerate() {
        let start = buf.index_of(x, y);
        buf.content[start..start + w].clone_from_slice(&kept[k * w..(k + 1) * w]);
    }
}
