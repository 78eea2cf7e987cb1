//! What the frame loop (`tui/screen.rs`) must hear of a frame besides its
//! cells: where the cursor goes, and what is drawn over the panes. ratatui
//! keeps a frame's cursor to itself, and the loop leaves unchanged panes out
//! of a frame, so the views place the cursor and draw popups through these
//! two functions (clippy refuses a direct cursor call, see `clippy.toml`, and
//! `tests/printing.rs` refuses a popup's `Clear` anywhere else).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use std::cell::Cell;

thread_local! {
    /// The cursor the frame being drawn asked for.
    static CURSOR: Cell<Option<Position>> = const { Cell::new(None) };
}

/// Shows the terminal's cursor at `pos` after this frame.
pub fn place_cursor(frame: &mut Frame, pos: Position) {
    #[allow(clippy::disallowed_methods)] // the one place it is called
    frame.set_cursor_position(pos);
    CURSOR.set(Some(pos));
}

/// Blanks `area` for a popup drawn over whatever is there.
pub fn overlay(frame: &mut Frame, area: Rect) {
    super::pane_cache::cover(frame.buffer_mut(), area);
    frame.render_widget(ratatui::widgets::Clear, area);
}

/// The cursor the frame just drawn asked for (none: hidden), forgotten for the next.
pub fn take_cursor() -> Option<Position> {
    CURSOR.take()
}
