//! The frame loop: draws the views into a frame and sends the terminal only
//! the cells that changed, as ratatui's `Terminal::draw` does, but without
//! its two passes over every cell of the screen for each frame (copying the
//! unchanged panes back, then comparing every cell with the last frame).
//! Those passes were most of a keystroke's time on a large terminal, though a
//! key mostly changes the input's few rows.
//!
//! Here the panes that did not change and are on screen already are left out
//! of the frame (see `ui/pane_cache.rs`), and only the stretches of rows
//! beside them are compared with what the terminal shows, by ratatui's own
//! diff (wide characters and cells to always redraw behave as they do in
//! ratatui). A key typed in the note input compares the header, the input
//! and the footer; the tag palette's filter, the tags pane besides. The
//! views still draw on a ratatui `Frame`, made by a `Terminal` over a
//! backend that never writes ([`Canvas`]); this loop writes.

use crate::tui::ui::{layers, pane_cache};
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};
use std::io::{self, Write};

pub struct Screen<W: Write> {
    /// Makes the frames the views draw on; never flushed.
    canvas: Terminal<Canvas>,
    /// What the terminal shows.
    shown: Buffer,
    out: CrosstermBackend<W>,
    /// Whether the terminal's cursor is hidden.
    cursor_hidden: bool,
    /// The stretches of rows the last frame compared: the only cells of the
    /// canvas that hold anything (a clean pane's cells are left blank), so
    /// the only ones to blank before the next frame.
    compared: Vec<Stretch>,
    /// A frame failed to reach the terminal: what it shows is unknown.
    unknown: bool,
}

/// Columns `x0..x1` of row `y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stretch {
    y: u16,
    x0: u16,
    x1: u16,
}

impl<W: Write> Screen<W> {
    /// A screen of `size` whose terminal shows nothing yet (as after entering
    /// the alternate screen).
    pub fn new(out: W, size: Size) -> Screen<W> {
        let area = Rect::new(0, 0, size.width, size.height);
        let canvas = Terminal::with_options(Canvas(size), TerminalOptions { viewport: Viewport::Fixed(area) })
            .expect("a canvas cannot fail");
        pane_cache::forget_screen();
        Screen {
            canvas,
            shown: Buffer::empty(area),
            out: CrosstermBackend::new(out),
            cursor_hidden: false,
            compared: Vec::new(),
            unknown: false,
        }
    }

    pub fn size(&self) -> Size {
        self.canvas.backend().0
    }

    /// The terminal is now `size`: when it changed, the screen is cleared and
    /// the next frame drawn whole (as ratatui does on a resize).
    pub fn resize(&mut self, size: Size) -> io::Result<()> {
        if size == self.size() {
            return Ok(());
        }
        let area = Rect::new(0, 0, size.width, size.height);
        self.canvas.backend_mut().0 = size;
        self.canvas.resize(area)?;
        // ratatui keeps the cells of a resized buffer, shifted: blank them all.
        self.canvas.current_buffer_mut().reset();
        self.compared = Vec::new();
        self.clear()
    }

    /// The last frame may not have reached the terminal (the caller's write
    /// failed): the next frame clears it and repaints it whole.
    pub fn lost_frame(&mut self) {
        self.unknown = true;
    }

    /// How many cells the last frame compared with the terminal's.
    #[cfg(test)]
    pub fn cells_compared(&self) -> usize {
        self.compared.iter().map(|s| usize::from(s.x1 - s.x0)).sum()
    }

    /// Clears the terminal; the next frame repaints every cell that is not blank.
    pub fn clear(&mut self) -> io::Result<()> {
        self.shown = Buffer::empty(self.shown_area());
        pane_cache::forget_screen();
        self.out.clear_region(ClearType::All)
    }

    fn shown_area(&mut self) -> Rect {
        self.canvas.get_frame().area()
    }

    /// Draws a frame and writes what changed to `out` (which the caller sends).
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()> {
        if self.unknown {
            self.clear()?;
            self.unknown = false;
        }
        let buf = self.canvas.current_buffer_mut();
        for stretch in &self.compared {
            let start = buf.index_of(stretch.x0, stretch.y);
            buf.content[start..start + usize::from(stretch.x1 - stretch.x0)].fill(Cell::EMPTY);
        }
        debug_assert!(buf.content.iter().all(|c| *c == Cell::EMPTY), "a frame starts blank");
        layers::take_cursor();
        pane_cache::begin_frame();
        render(&mut self.canvas.get_frame());
        let cursor = layers::take_cursor();
        let result = self.send_changes(cursor);
        pane_cache::frame_sent(result.is_ok());
        // What reached the terminal is unknown: the next frame clears it
        // first (it may not listen now) and repaints it whole.
        self.unknown |= result.is_err();
        result
    }

    fn send_changes(&mut self, cursor: Option<Position>) -> io::Result<()> {
        let buf = self.canvas.current_buffer_mut();
        let clean = pane_cache::end_frame(buf);
        self.compared = stretches_to_compare(buf.area, &clean);
        // Most stretches are the same as shown (the header, the footer):
        // compared in place, nothing more is done with them.
        let changed: Vec<&Stretch> = self.compared.iter().filter(|s| !unchanged(&self.shown, buf, s)).collect();
        // Each changed stretch as a one-row buffer, the terminal's and the
        // frame's, for ratatui's diff: their cells are moved out, not copied
        // (copying was a tenth of a frame), and the frame's moved into `shown`.
        let take = |b: &mut Buffer, s: &Stretch| {
            let start = b.index_of(s.x0, s.y);
            let cells = &mut b.content[start..start + usize::from(s.x1 - s.x0)];
            let content = cells.iter_mut().map(|c| std::mem::replace(c, Cell::EMPTY)).collect();
            Buffer { area: Rect::new(s.x0, s.y, s.x1 - s.x0, 1), content }
        };
        let next: Vec<Buffer> = changed.iter().map(|s| take(buf, s)).collect();
        let was: Vec<Buffer> = changed.iter().map(|s| take(&mut self.shown, s)).collect();
        let updates: Vec<(u16, u16, &Cell)> = was.iter().zip(&next).flat_map(|(w, n)| changes(w, n)).collect();
        self.out.draw(updates.into_iter())?;
        for row in next {
            let start = self.shown.index_of(row.area.x, row.area.y);
            for (cell, new) in self.shown.content[start..].iter_mut().zip(row.content) {
                *cell = new;
            }
        }
        match cursor {
            Some(pos) => {
                if self.cursor_hidden {
                    self.out.show_cursor()?;
                    self.cursor_hidden = false;
                }
                self.out.set_cursor_position(pos)?;
            }
            None if !self.cursor_hidden => {
                self.out.hide_cursor()?;
                self.cursor_hidden = true;
            }
            None => {}
        }
        Backend::flush(&mut self.out)
    }
}

/// Whether a stretch has nothing to write: its cells the same as shown, and
/// none of them to be written anyway (see [`changes`]).
fn unchanged(shown: &Buffer, next: &Buffer, s: &Stretch) -> bool {
    let start = next.index_of(s.x0, s.y);
    let range = start..start + usize::from(s.x1 - s.x0);
    let (was, now) = (&shown.content[range.clone()], &next.content[range]);
    was == now && (now.iter().all(|c| c.diff_option != CellDiffOption::AlwaysUpdate) || plain(now))
}

/// What to write for one stretch: ratatui's diff, less the cells a field
/// marks to be written on every frame (`ui/field.rs`, `always_redraw`) where
/// they are the same as shown and the stretch is plain ASCII before and
/// after. A field is written whole because terminals disagree on the width
/// of some clusters (a flag), which only non-ASCII text holds; rewriting the
/// note input's rows on every key was a tenth of a keystroke.
fn changes<'a>(shown: &Buffer, next: &'a Buffer) -> Vec<(u16, u16, &'a Cell)> {
    let updates = shown.diff(next);
    if updates.is_empty() || !plain(&shown.content) || !plain(&next.content) {
        return updates;
    }
    let x0 = shown.area.x;
    updates
        .into_iter()
        .filter(|(x, _, cell)| {
            let was = &shown.content[usize::from(x - x0)];
            was.symbol() != cell.symbol() || was.style() != cell.style()
        })
        .collect()
}

/// Cells of plain ASCII: no cluster a terminal could measure otherwise.
fn plain(cells: &[Cell]) -> bool {
    cells.iter().all(|c| c.symbol().is_ascii())
}

/// The stretches of each row that clean panes leave: all that is compared.
/// A wide character never crosses into a clean pane (panes are drawn on
/// blank cells, and ratatui cuts text at its area's edge), so ratatui's diff
/// of each stretch is the diff of the whole row there.
fn stretches_to_compare(area: Rect, clean: &[Rect]) -> Vec<Stretch> {
    let mut spans = Vec::new();
    for y in area.top()..area.bottom() {
        let mut covered: Vec<(u16, u16)> =
            clean.iter().filter(|p| (p.top()..p.bottom()).contains(&y)).map(|p| (p.left(), p.right())).collect();
        covered.sort_unstable();
        let mut x = area.left();
        for (left, right) in covered {
            if left > x {
                spans.push(Stretch { y, x0: x, x1: left });
            }
            x = x.max(right);
        }
        if x < area.right() {
            spans.push(Stretch { y, x0: x, x1: area.right() });
        }
    }
    spans
}

/// A backend that only knows its size: the frames are written by [`Screen`].
pub struct Canvas(Size);

impl Backend for Canvas {
    type Error = io::Error;

    fn draw<'a, I: Iterator<Item = (u16, u16, &'a Cell)>>(&mut self, _: I) -> io::Result<()> {
        Ok(())
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(Position::ORIGIN)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, _: P) -> io::Result<()> {
        Ok(())
    }
    fn clear(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn clear_region(&mut self, _: ClearType) -> io::Result<()> {
        Ok(())
    }
    fn size(&self) -> io::Result<Size> {
        Ok(self.0)
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize { columns_rows: self.0, pixels: Size::ZERO })
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
#[path = "screen_tests.rs"]
mod tests;
