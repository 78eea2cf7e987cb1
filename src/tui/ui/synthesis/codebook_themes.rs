//! The Themes list grouped by the codebook: a row per theme (its share of
//! interviews, the figure the report prints, and its distinct notes), or
//! the tags of the theme drilled into. The rows feed the ranked list the
//! tag view draws, so both read alike.

use super::View;
use crate::text::counts::plural;

/// A ranked list's rows (name, interviews, tail) and its pane's title.
pub(super) type GroupedRows = (Vec<(String, usize, String)>, String);

impl View<'_> {
    /// The rows when the list is grouped by the codebook's themes; `None`
    /// when it shows every tag.
    pub(super) fn grouped_rows(&self) -> Option<GroupedRows> {
        let g = &self.s.grouping;
        if !g.on {
            return None;
        }
        Some(match g.open_theme() {
            Some(theme) => (
                theme
                    .tags
                    .iter()
                    .map(|t| (format!("#{}", self.text(&t.tag)), t.sessions, plural(t.notes, "note")))
                    .collect(),
                format!("Theme {} · its tags (← or Esc: all themes)", self.text(&theme.theme)),
            ),
            None => (
                g.rollup
                    .iter()
                    .map(|t| (self.text(&t.theme).into_owned(), t.sessions, plural(t.notes, "note")))
                    .collect(),
                "Codebook themes · share of interviews, distinct notes".to_string(),
            ),
        })
    }

    /// The evidence pane's title on a theme row (not drilled into).
    pub(super) fn theme_evidence_title(&self) -> Option<String> {
        let g = &self.s.grouping;
        if !g.on || g.open.is_some() {
            return None;
        }
        let theme = g.rollup.get(self.s.row())?;
        let tags = theme.tags.len();
        Some(format!(
            "Evidence · {} · {} · {}",
            self.text(&theme.theme),
            plural(theme.notes, "note"),
            plural(tags, "tag")
        ))
    }
}
