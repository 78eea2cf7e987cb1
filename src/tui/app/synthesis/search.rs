//! Search across the library: the keys while the query is typed. The search
//! itself runs on the worker (`refresh::run_search`, `compute`): among the
//! last query's matches while the query only gains words, else among every
//! note the filter keeps.

use super::{Focus, Outcome, SynthScreen, Tab};
use crate::tui::action::Action;
use crate::tui::app::capture::edit_text;

impl SynthScreen {
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
