//! Search across the library: the query runs among the last query's matches
//! while it only gains words, else among every note the filter keeps; the
//! keys while the query is typed. Separate because it keeps its own pool.

use super::{Focus, Outcome, SEARCH_LIMIT, SynthScreen, Tab};
use crate::tui::action::Action;
use crate::tui::app::capture::edit_text;

impl SynthScreen {
    /// Searches for the query, among the last query's matches when it only
    /// gained words, else among everything the filter keeps.
    pub(super) fn run_search(&mut self) {
        let Some(data) = &self.data else { return };
        let query = self.query.text().trim().to_string();
        let pool = match &self.matched {
            Some((last, matched)) if crate::analysis::search::narrows(last, &query) => matched,
            _ => &self.pool,
        };
        let (hits, matched) = crate::analysis::search::search_within(&data.records, pool, &query, SEARCH_LIMIT);
        self.hits = hits;
        self.matched = Some((query, matched));
        self.run_line_search();
    }

    pub(super) fn update_search(&mut self, action: Action) -> Outcome {
        match action {
            Action::MoveUp | Action::MoveDown | Action::PageUp | Action::PageDown => self.move_with(&action),
            Action::OpenSession => return self.open(),
            Action::Pick(row) => self.pick(row),
            Action::Back => self.focus = Focus::List,
            Action::ToggleTranscriptLines => self.toggle_transcript_lines(),
            Action::NextTab => self.show(self.tab.step(true)),
            Action::PrevTab => self.show(self.tab.step(false)),
            other => {
                let before = self.query.text().to_string();
                edit_text(&mut self.query, other);
                if self.query.text() != before {
                    self.run_search();
                    self.rows[Tab::Search.index()] = 0;
                }
            }
        }
        Outcome::None
    }
}
