//! The filter line: typing it, applying it (or keeping the filter in force,
//! marked, when it is rejected), and narrowing to the highlighted row. The
//! language itself is `analysis::synthesis::filter_line`, shared with the
//! library and the command line.

use super::{CoverageRow, Focus, Outcome, SynthScreen, Tab};
use crate::analysis::synthesis::{Dimension, filter_line, parse_filter};
use crate::tui::action::Action;
use crate::tui::app::capture::edit_text;
use crate::tui::text_input::TextInput;
use chrono::NaiveDate;

impl SynthScreen {
    /// Every list will be ranked again: once the new figures are in, each
    /// starts from the top, and on the tag the filter keeps where the lists
    /// are of tags (`refresh`). The evidence of a row closes now.
    pub(super) fn filter_changed(&mut self) {
        if self.focus == Focus::Evidence {
            self.focus = Focus::List;
        }
        self.ask_whole(super::refresh::Then { from_top: true, follow: None });
    }

    /// Filters everything by the highlighted tag, segment (company, role, guide)
    /// or guide: "show me only this".
    pub(super) fn narrow(&mut self) {
        let Some(s) = &self.result else { return };
        let row = self.row();
        let mut filter = self.filter.clone();
        match self.tab {
            Tab::Themes | Tab::Pains => {
                let tag = match self.tab {
                    Tab::Themes => self.theme_tag_index(row).map(|i| &s.themes[i].tag),
                    _ => s.pain_points.get(row).map(|p| &p.tag),
                };
                let Some(tag) = tag else {
                    if self.tab == Tab::Themes {
                        self.message = Some("Open the theme (Enter) to narrow to one of its tags.".into());
                        return;
                    }
                    self.message = Some("These pains have no tag: nothing to filter by.".into());
                    return;
                };
                filter.tag = Some(tag.clone());
            }
            Tab::Segments => {
                let Some(r) = s.matrix.rows.get(row) else { return };
                let Some(group) = r.group.clone() else {
                    self.message = Some(format!("These interviews have no {}: nothing to filter by.", self.by.name()));
                    return;
                };
                let slot = match self.by {
                    Dimension::Segment => &mut filter.segment,
                    Dimension::Company => &mut filter.company,
                    Dimension::Role => &mut filter.role,
                    Dimension::Guide => &mut filter.guide,
                };
                *slot = Some(group);
            }
            Tab::Coverage => {
                let Some(CoverageRow::Guide(g) | CoverageRow::Question(g, _)) = self.coverage_row(row) else { return };
                filter.guide = Some(s.coverage[g].guide.clone());
            }
            _ => {
                self.message = Some("Nothing here to narrow to: f edits the filter.".into());
                return;
            }
        }
        if filter != self.filter {
            self.filter = filter;
            self.filter_changed();
            self.message = Some(format!("Filtered: {}", self.shown_filter()));
        }
    }

    /// Opens the filter line: on the text last rejected, to fix it, else on
    /// the filter in force.
    pub(super) fn edit_filter(&mut self) {
        let text = self.filter_rejected.take().unwrap_or_else(|| filter_line(&self.filter));
        self.filter_input = TextInput::with_text(&text);
        self.focus = Focus::Filter;
    }

    pub(super) fn update_filter(&mut self, action: Action, today: NaiveDate) -> Outcome {
        match action {
            Action::ApplyTag => {
                // The field closes either way, so the next key never lands in
                // it unseen; a rejected line leaves the filter in force as it
                // was, marked as kept, with the error beside it.
                self.focus = Focus::List;
                match parse_filter(self.filter_input.text(), today) {
                    Ok(filter) => {
                        self.filter_error = None;
                        self.filter_rejected = None;
                        if filter != self.filter {
                            self.filter = filter;
                            self.filter_changed();
                        }
                    }
                    Err(e) => {
                        self.filter_error = Some(e);
                        self.filter_rejected = Some(self.filter_input.text().to_string());
                    }
                }
            }
            Action::Back => {
                self.focus = Focus::List;
                self.filter_error = None;
                self.filter_rejected = None;
            }
            other => {
                edit_text(&mut self.filter_input, other);
                self.filter_error = None;
            }
        }
        Outcome::None
    }
}

impl SynthScreen {
    /// The filter line as the screen shows it: with names hidden, the company
    /// by its C-number and no participant's name (see `Anonymizer::filter`).
    pub fn shown_filter(&self) -> String {
        match &self.anon {
            Some(a) => filter_line(&a.filter(&self.filter)),
            None => filter_line(&self.filter),
        }
    }
}
