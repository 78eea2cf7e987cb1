//! What the frame loop (`tui/screen.rs`) must hear of a frame besides its
//! cells: where the cursor goes, and what is drawn over the panes. ratatui
//! keeps a frame's cursor to itself, and the loop leaves unchanged panes out
//! of a frame, so the views place the cursor and draw popups through these
//! two functions (clippy refuses a direct cursor call, see `clippy.toml`, and
//! a test here refuses a popup's `Clear` anywhere else).

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

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// A popup blanked with ratatui's `Clear` directly would be drawn over
    /// panes the frame loop leaves out of the frame: it would not show.
    #[test]
    fn popups_are_blanked_through_overlay_only() {
        let mut files = Vec::new();
        sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
        assert!(files.len() > 50, "the sources were found");
        let offenders: Vec<String> = files
            .iter()
            .filter(|p| !p.ends_with("ui/layers.rs"))
            .filter(|p| {
                let text = std::fs::read_to_string(p).unwrap();
                text.contains("widgets::Clear")
                    || text.contains(" Clear,")
                    || text.contains("{Clear")
                    || text.contains("(Clear,")
            })
            .map(|p| p.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(p).display().to_string())
            .collect();
        assert!(offenders.is_empty(), "use ui::layers::overlay instead of Clear in {offenders:?}");
    }
}
