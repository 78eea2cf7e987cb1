//! A pane's cells kept between frames. Laying lines out into cells (ratatui
//! splits every line into graphemes and measures each, and walks every cell
//! of a block to style it) was the larger part of a frame, though most keys
//! change one pane: the input. A pane drawn through [`render_pane`] is laid
//! out again only when its frame, its lines or its place differ from the last
//! frame's; otherwise its cells are copied back as they were, the same cells a
//! fresh layout gives, since a pane is drawn on cells nothing else drew on
//! (checked in debug builds, so every test checks it).
//!
//! Under the app's frame loop (`tui/screen.rs`) a pane can do better than be
//! copied back: when it is the same as last frame and the terminal already
//! shows it, it is left out of the frame altogether ("clean"), and the loop
//! neither copies nor compares its cells. Whatever is then drawn over a pane
//! must say so through [`cover`] (the views' `layers::overlay`), which puts
//! the clean panes' cells back first; debug builds check that nothing else
//! drew on a pane.
//!
//! A pane whose lines cost more to make than to know unchanged (every pane
//! of the live screen, its header and footer) goes through
//! [`render_keyed_pane`]: a hash of what its lines are made of ([`key_of`])
//! stands for the lines, which are not made at all while it holds. A pane
//! whose text changes on every key (the note input) keeps at least its
//! block's cells ([`draw_block`]).

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
    /// Each slot's block as last drawn (see [`draw_block`]).
    static BLOCKS: RefCell<HashMap<&'static str, KeptBlock>> = RefCell::new(HashMap::new());
    /// Set while the frame loop draws a frame (see [`begin_frame`]).
    static FRAME: RefCell<Option<LoopFrame>> = const { RefCell::new(None) };
}

/// One pane as last drawn: where, what, and the cells it made.
struct Kept {
    area: Rect,
    block: Option<Block<'static>>,
    lines: Vec<Line<'static>>,
    /// What the lines are made of, hashed (see [`render_keyed_pane`]).
    key: Option<u64>,
    cells: Vec<Cell>,
    /// The terminal shows exactly these cells at `area` (the frame loop's
    /// last frame drew or kept the pane, and nothing covered it).
    on_screen: bool,
}

/// What the frame loop learns about the panes of the frame being drawn.
#[derive(Default)]
struct LoopFrame {
    /// Panes left out of the frame: unchanged and on screen.
    clean: Vec<&'static str>,
    /// Panes drawn into the frame (laid out, or put back by [`cover`]).
    drawn: Vec<&'static str>,
    /// Panes something was drawn over: not on screen as kept after this frame.
    covered: Vec<&'static str>,
}

/// A keyed pane's key: everything its lines are made of, hashed (see
/// [`render_keyed_pane`]).
pub fn key_of(parts: impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
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
    place(frame, slot, area, block, None, Some(lines));
}

/// As [`render_pane`], for a pane whose lines cost more to make than to
/// know unchanged: `key` is a hash of everything the lines are made of, and
/// `lines` is called only when the key (or the area, or the block) differs
/// from the kept pane's. Debug builds make the lines anyway and check that
/// an unchanged key means unchanged lines, so every test checks the key.
pub fn render_keyed_pane(
    frame: &mut Frame,
    slot: &'static str,
    area: Rect,
    block: Option<Block<'static>>,
    key: u64,
    lines: impl FnOnce() -> Vec<Line<'static>>,
) {
    let area = area.intersection(frame.area());
    let same = PANES
        .with_borrow(|panes| panes.get(slot).is_some_and(|k| k.key == Some(key) && k.area == area && k.block == block));
    if cfg!(debug_assertions) {
        let lines = lines();
        if same {
            let kept = PANES.with_borrow(|panes| panes[slot].lines == lines);
            assert!(kept, "the pane {slot}'s key did not change, but its lines did: the key misses something");
        }
        place(frame, slot, area, block, Some(key), Some(lines));
    } else if same {
        place(frame, slot, area, block, Some(key), None);
    } else {
        place(frame, slot, area, block, Some(key), Some(lines()));
    }
}

/// Draws a pane, or leaves it out of the frame loop's frame, or copies its
/// kept cells back. `lines` is `None` when the caller's key says the kept
/// pane's lines still hold (its area and block were checked the same).
fn place(
    frame: &mut Frame,
    slot: &'static str,
    area: Rect,
    block: Option<Block<'static>>,
    key: Option<u64>,
    lines: Option<Vec<Line<'static>>>,
) {
    let area = area.intersection(frame.area());
    let buf = frame.buffer_mut();
    debug_assert!(cells_of(buf, area).iter().all(|c| *c == Cell::EMPTY), "pane {slot} drawn on blank cells");
    PANES.with_borrow_mut(|panes| {
        FRAME.with_borrow_mut(|looped| {
            if let Some(kept) = panes.get(slot)
                && kept.area == area
                && kept.block == block
                && lines.as_ref().is_none_or(|l| kept.lines == *l)
            {
                match looped {
                    Some(f) if kept.on_screen => f.clean.push(slot),
                    Some(f) => {
                        put_cells(buf, area, &kept.cells);
                        f.drawn.push(slot);
                    }
                    None => put_cells(buf, area, &kept.cells),
                }
                return;
            }
            let lines = lines.expect("lines are left out only for a kept pane");
            let inner = match &block {
                Some(b) => draw_block(buf, slot, area, b),
                None => area,
            };
            Paragraph::new(lines.clone()).render(inner, buf);
            let cells = cells_of(buf, area);
            panes.insert(slot, Kept { area, block, lines, key, cells, on_screen: false });
            if let Some(f) = looped {
                f.drawn.push(slot);
            }
        })
    });
}

/// A block's borders and title as drawn on blank cells at `area`.
struct KeptBlock {
    area: Rect,
    block: Block<'static>,
    cells: Vec<Cell>,
}

/// Draws `block` on the blank cells of `area` and returns its inside, from
/// the cells kept for `slot` when the block and its place are the same as
/// last time. A pane whose text changes on every key (the note input) keeps
/// its frame: drawing a border and its title cell by cell, and styling every
/// cell inside, cost more than the text in it. Debug builds draw the block
/// anyway and refuse kept cells that differ.
pub fn draw_block(buf: &mut Buffer, slot: &'static str, area: Rect, block: &Block<'static>) -> Rect {
    let area = area.intersection(buf.area);
    BLOCKS.with_borrow_mut(|blocks| match blocks.get(slot) {
        Some(kept) if kept.area == area && kept.block == *block => {
            if cfg!(debug_assertions) {
                block.render(area, buf);
                assert!(cells_of(buf, area) == kept.cells, "the block of {slot} drew other cells than kept");
            }
            put_cells(buf, area, &kept.cells);
        }
        _ => {
            block.render(area, buf);
            blocks.insert(slot, KeptBlock { area, block: block.clone(), cells: cells_of(buf, area) });
        }
    });
    block.inner(area)
}

/// Something is about to be drawn over `area` (a popup, the help): the
/// clean panes' cells are put back into `buf` so it is drawn over them, and
/// the panes under `area` will not be on screen as kept. Outside the frame
/// loop, nothing to do: every pane's cells are in the buffer already.
pub fn cover(buf: &mut Buffer, area: Rect) {
    PANES.with_borrow(|panes| {
        FRAME.with_borrow_mut(|looped| {
            let Some(f) = looped else { return };
            for slot in std::mem::take(&mut f.clean) {
                put_cells(buf, panes[slot].area, &panes[slot].cells);
                f.drawn.push(slot);
            }
            for slot in &f.drawn {
                if panes[slot].area.intersects(area) {
                    f.covered.push(slot);
                }
            }
        })
    });
}

/// The frame loop is about to draw a frame: panes report to it until [`end_frame`].
pub fn begin_frame() {
    FRAME.set(Some(LoopFrame::default()));
}

/// The frame is drawn: the areas of the panes left out of it (their cells
/// are not in the buffer; the terminal shows them already).
pub fn end_frame(buf: &Buffer) -> Vec<Rect> {
    let Some(f) = FRAME.take() else { return Vec::new() };
    PANES.with_borrow(|panes| {
        // Nothing may draw on a pane without `cover`: a clean pane's cells are
        // still blank, a drawn one's still its own.
        if cfg!(debug_assertions) {
            for slot in &f.clean {
                let blank = cells_of(buf, panes[slot].area).iter().all(|c| *c == Cell::EMPTY);
                assert!(blank, "drawn over the clean pane {slot} without layers::overlay");
            }
            for slot in f.drawn.iter().filter(|s| !f.covered.contains(s)) {
                let same = cells_of(buf, panes[slot].area) == panes[slot].cells;
                assert!(same, "drawn over the pane {slot} without layers::overlay");
            }
        }
        let areas = f.clean.iter().map(|slot| panes[slot].area).collect();
        FRAME.set(Some(f));
        areas
    })
}

/// The frame reached the terminal (`shown` is true) or may not have: which
/// panes the terminal now shows as kept. A pane not drawn in this frame is
/// not on screen any more (another screen drew there).
pub fn frame_sent(shown: bool) {
    let f = FRAME.take().unwrap_or_default();
    PANES.with_borrow_mut(|panes| {
        for (slot, kept) in panes.iter_mut() {
            let in_frame = f.clean.contains(slot) || f.drawn.contains(slot);
            kept.on_screen = shown && in_frame && !f.covered.contains(slot);
        }
    });
}

/// The terminal's content is unknown or gone (a resize, a hand-over): no
/// pane is on screen until drawn again.
pub fn forget_screen() {
    PANES.with_borrow_mut(|panes| panes.values_mut().for_each(|k| k.on_screen = false));
}

/// Forgets every kept pane (tests compare with a layout from scratch).
#[cfg(test)]
pub fn forget() {
    PANES.with_borrow_mut(HashMap::clear);
    BLOCKS.with_borrow_mut(HashMap::clear);
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
