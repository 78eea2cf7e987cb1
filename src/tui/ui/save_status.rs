//! What the live screen's footer and the session view's header say about
//! saving: one wording on both, and a failure's reason cut with a mark when
//! it does not fit, never the "✗ not saved" that says it failed.

use super::text::{inert, truncate};
use crate::tui::app::saving::SaveState;
use crate::tui::theme::Theme;
use ratatui::text::Span;

/// The save state as one span at most `max` columns wide.
pub(super) fn span(save: &SaveState, max: usize, theme: &Theme) -> Span<'static> {
    let (text, style) = if let Some(e) = &save.error {
        (format!(" ✗ not saved: {}", inert(e)), theme.error)
    } else if let (true, Some(why)) = (save.is_saved(), save.file_behind_brief()) {
        // Safe (synced in the journal) but not yet in the session file.
        (format!(" ● in journal, file not written: {}", inert(why)), theme.warning)
    } else if save.is_saved() {
        (" ● saved".to_string(), theme.success)
    } else {
        (" ○ saving".to_string(), theme.muted)
    };
    // The trailing space keeps it off the screen's edge where it fits.
    let text = if super::text::width(&text) < max { text + " " } else { truncate(&text, max).into_owned() };
    Span::styled(text, style)
}
