//! The screen's tabs and what has the keyboard, and the rows of each tab's
//! list: how many there are, what a row of the mixed lists (pairs, coverage)
//! stands for, and moving the highlight. Separate from the screen's keys so
//! the views can ask about rows without reading the dispatcher.

use super::SynthScreen;
use crate::tui::action::Action;
use crate::tui::app::list;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Themes,
    Pains,
    Segments,
    Pairs,
    Closing,
    Coverage,
    Search,
}

impl Tab {
    pub const ALL: [Tab; 7] =
        [Tab::Themes, Tab::Pains, Tab::Segments, Tab::Pairs, Tab::Closing, Tab::Coverage, Tab::Search];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Themes => "Themes",
            Tab::Pains => "Pain points",
            Tab::Segments => "Segments",
            Tab::Pairs => "Together",
            Tab::Closing => "Closing answers",
            Tab::Coverage => "Coverage",
            Tab::Search => "Search",
        }
    }

    /// The title where columns are few.
    pub fn short(self) -> &'static str {
        match self {
            Tab::Pains => "Pains",
            Tab::Closing => "Closing",
            other => other.title(),
        }
    }

    pub(super) fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub(super) fn step(self, forward: bool) -> Tab {
        let n = Tab::ALL.len();
        Tab::ALL[(self.index() + if forward { 1 } else { n - 1 }) % n]
    }
}

/// What has the keyboard on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The tab's list.
    List,
    /// The evidence (notes) of the highlighted row.
    Evidence,
    /// Typing the search query; arrows move through the results.
    Search,
    /// Typing the filter line.
    Filter,
}

/// One row of the co-occurrence tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairRow {
    /// `note_pairs[i]`: tags on the same note.
    Note(usize),
    /// `session_pairs[i]`: tags in the same interview.
    Session(usize),
}

/// One row of the coverage tab: a guide's heading or one of its questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoverageRow {
    Guide(usize),
    Question(usize, usize),
}

impl SynthScreen {
    pub fn row(&self) -> usize {
        self.rows[self.tab.index()]
    }

    /// Rows in a tab's list.
    pub fn len(&self, tab: Tab) -> usize {
        let Some(s) = &self.result else { return 0 };
        match tab {
            Tab::Themes => self.themes_len(s),
            Tab::Pains => s.pain_points.len() + usize::from(!s.untagged_pains.is_empty()),
            Tab::Segments => s.matrix.rows.len(),
            Tab::Pairs => s.note_pairs.len() + s.session_pairs.len(),
            Tab::Closing => s.closing_answers.len(),
            Tab::Coverage => s.coverage.iter().map(|g| 1 + g.questions.len()).sum(),
            Tab::Search => self.hits.len() + self.line_hits.len(),
        }
    }

    pub fn pair_row(&self, i: usize) -> Option<PairRow> {
        let s = self.result.as_ref()?;
        if i < s.note_pairs.len() {
            Some(PairRow::Note(i))
        } else {
            (i - s.note_pairs.len() < s.session_pairs.len()).then(|| PairRow::Session(i - s.note_pairs.len()))
        }
    }

    pub fn coverage_row(&self, mut i: usize) -> Option<CoverageRow> {
        let s = self.result.as_ref()?;
        for (g, guide) in s.coverage.iter().enumerate() {
            if i == 0 {
                return Some(CoverageRow::Guide(g));
            }
            i -= 1;
            if i < guide.questions.len() {
                return Some(CoverageRow::Question(g, i));
            }
            i -= guide.questions.len();
        }
        None
    }

    /// Moves the highlight of the focused list (the tab's rows or the evidence).
    pub(super) fn move_with(&mut self, action: &Action) {
        let (len, slot) = match self.focus {
            Focus::Evidence => (self.evidence_refs().len(), &mut self.evidence),
            _ => (self.len(self.tab), &mut self.rows[self.tab.index()]),
        };
        let Some(to) = list::moved(*slot, len, action) else { return };
        let direction = if to < *slot { -1 } else { 1 };
        *slot = to;
        if self.focus != Focus::Evidence {
            self.evidence = 0;
            if self.tab == Tab::Coverage {
                self.skip_heading(direction);
            }
        }
    }

    /// Coverage headings (a guide's name) are not rows to stand on: step past
    /// them, the way the highlight was going (down from the very top).
    pub(super) fn skip_heading(&mut self, direction: isize) {
        let slot = self.rows[Tab::Coverage.index()];
        if let Some(CoverageRow::Guide(_)) = self.coverage_row(slot) {
            let next = if direction < 0 && slot > 0 { slot - 1 } else { slot + 1 };
            let next = if next < self.len(Tab::Coverage) { next } else { slot.saturating_sub(1) };
            self.rows[Tab::Coverage.index()] = next;
        }
    }

    /// A click on a row of the tab's list: it becomes the highlighted one.
    pub(super) fn pick(&mut self, row: usize) {
        if self.focus == Focus::Evidence {
            self.focus = Focus::List;
        }
        self.rows[self.tab.index()] = row.min(self.len(self.tab).saturating_sub(1));
        self.evidence = 0;
    }

    pub(super) fn show(&mut self, tab: Tab) {
        self.tab = tab;
        self.focus = if tab == Tab::Search { Focus::Search } else { Focus::List };
        self.evidence = 0;
    }
}
