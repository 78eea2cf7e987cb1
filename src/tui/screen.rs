//! The frame loop: draws the views into a frame and sends the terminal only
//! the cells that changed, as ratatui's `Terminal::draw` does, but without
//! its two passes over every cell of the screen for each frame (copying the
//! unchanged panes back, then comparing every cell with the last frame).
//! Those passes were most of a keystroke's time on a large terminal, though a
//! key mostly changes the input's few rows.
//!
//! Here the panes that did not change and are on screen already are left out
//! of the frame (see `ui/pane_cache.rs`), and only the rows they do not fill
//! are compared, row by row, with what the terminal shows, by ratatui's own
//! diff (wide characters and cells to always redraw behave as they do in
//! ratatui). The views still draw on a ratatui `Frame`, made by a `Terminal`
//! over a backend that never writes ([`Canvas`]); this loop writes.

use crate::tui::ui::{layers, pane_cache};
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};
use std::io::{self, Write};

pub struct Screen<W: Write> {
    /// Makes the frames the views draw on; never flushed.
    canvas: Terminal<Canvas>,
    /// What the terminal shows, one buffer per row.
    shown: Vec<Buffer>,
    out: CrosstermBackend<W>,
    /// Whether the terminal's cursor is hidden.
    cursor_hidden: bool,
    /// The rows the last frame compared: the only rows of the canvas that
    /// hold anything (a clean pane's rows are left blank), so the only ones
    /// to blank before the next frame.
    dirty: Vec<bool>,
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
            shown: blank_rows(area),
            out: CrosstermBackend::new(out),
            cursor_hidden: false,
            dirty: Vec::new(),
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
        self.dirty = Vec::new();
        self.clear()
    }

    /// How many of its rows the last frame compared with the terminal's.
    pub fn rows_compared(&self) -> usize {
        self.dirty.iter().filter(|d| **d).count()
    }

    /// Clears the terminal; the next frame repaints every cell that is not blank.
    pub fn clear(&mut self) -> io::Result<()> {
        self.shown = blank_rows(self.canvas.get_frame().area());
        pane_cache::forget_screen();
        self.out.clear_region(ClearType::All)
    }

    /// Draws a frame and writes what changed to `out` (which the caller sends).
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()> {
        let buf = self.canvas.current_buffer_mut();
        let w = buf.area.width as usize;
        for (y, _) in self.dirty.iter().enumerate().filter(|(_, d)| **d) {
            buf.content[y * w..(y + 1) * w].fill(Cell::EMPTY);
        }
        debug_assert!(buf.content.iter().all(|c| *c == Cell::EMPTY), "a frame starts blank");
        layers::take_cursor();
        pane_cache::begin_frame();
        render(&mut self.canvas.get_frame());
        let cursor = layers::take_cursor();
        let result = self.send_changes(cursor);
        pane_cache::frame_sent(result.is_ok());
        if result.is_err() {
            // What reached the terminal is unknown: the next frame repaints.
            self.shown = blank_rows(self.canvas.get_frame().area());
        }
        result
    }

    fn send_changes(&mut self, cursor: Option<Position>) -> io::Result<()> {
        let buf = self.canvas.current_buffer_mut();
        let clean = pane_cache::end_frame(buf);
        self.dirty = dirty_rows(buf.area, &clean);
        let dirty = &self.dirty;
        pane_cache::fill_rows(buf, dirty);
        let w = buf.area.width as usize;
        let next: Vec<(usize, Buffer)> = (0..self.shown.len())
            .filter(|y| dirty[*y])
            .map(|y| {
                let content = buf.content[y * w..(y + 1) * w].to_vec();
                (y, Buffer { area: self.shown[y].area, content })
            })
            .collect();
        let updates: Vec<(u16, u16, &Cell)> = next.iter().flat_map(|(y, row)| changes(&self.shown[*y], row)).collect();
        self.out.draw(updates.into_iter())?;
        for (y, row) in next {
            self.shown[y] = row;
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

/// What to write for one row: ratatui's diff, less the cells a field marks
/// to be written on every frame (`ui/field.rs`, `always_redraw`) where they
/// are the same as shown and the row is plain ASCII before and after. A
/// field is written whole because terminals disagree on the width of some
/// clusters (a flag), which only non-ASCII text holds; rewriting the note
/// input's rows on every key was a tenth of a keystroke.
fn changes<'a>(shown: &Buffer, next: &'a Buffer) -> Vec<(u16, u16, &'a Cell)> {
    let updates = shown.diff(next);
    let plain = |b: &Buffer| b.content.iter().all(|c| c.symbol().is_ascii());
    if updates.is_empty() || !plain(shown) || !plain(next) {
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

/// A row is compared unless clean panes fill it from edge to edge (panes are
/// drawn on blank cells, so they never overlap and their widths add up).
fn dirty_rows(area: Rect, clean: &[Rect]) -> Vec<bool> {
    let mut filled = vec![0u16; area.height as usize];
    for pane in clean {
        for y in pane.top()..pane.bottom() {
            filled[usize::from(y - area.y)] += pane.width;
        }
    }
    filled.into_iter().map(|w| w < area.width).collect()
}

fn blank_rows(area: Rect) -> Vec<Buffer> {
    (area.top()..area.bottom()).map(|y| Buffer::empty(Rect::new(area.x, y, area.width, 1))).collect()
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
