//! The Synthesis screen's model: what the library says across interviews,
//! one tab per question a team asks of it (themes, pain points, segments,
//! co-occurrence, closing answers, coverage, search). Every tab reads one
//! `Synthesis`, recomputed from the records whenever the filter changes;
//! loading the records is the main loop's job (`Effect::LoadSynthesis`).
//!
//! The screen is split by job: `tabs` (tabs, focus, rows), `handoff` (the
//! load from the main loop and the outcomes it gets back), `filter` (the
//! filter line), `evidence` (the notes behind a row, starring), `search`,
//! `said` (transcript lines in the search, and opening one at its moment).

mod codebook_themes;
mod compute;
mod evidence;
mod filter;
mod handoff;
mod refresh;
mod said;
mod search;
mod tabs;
#[cfg(test)]
mod tests;

pub use crate::analysis::synthesis::{FILTER_EXAMPLE, FILTER_KEYS, filter_line, parse_filter};
pub use codebook_themes::{NO_CODEBOOK, ThemeGrouping};
pub use compute::{Computed, Job};
pub use handoff::{Jump, Outcome, StarChange, SynthData};
pub use tabs::{CoverageRow, Focus, PairRow, Tab};

use crate::analysis::anonymize::Anonymizer;
use crate::analysis::search::Hit;
use crate::analysis::synthesis::{Dimension, Filter, MatrixRanking, NoteRef, Synthesis};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::text_input::TextInput;
use chrono::NaiveDate;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

type EvidenceMemo = ((Tab, usize, u64), Rc<Vec<NoteRef>>);

/// Results kept per search: more than a screen, few enough to stay instant.
pub const SEARCH_LIMIT: usize = 200;
/// Themes in the segment matrix's columns.
pub const MATRIX_THEMES: usize = 12;
/// Co-occurring pairs kept, of each kind.
pub const TOP_PAIRS: usize = 25;

pub struct SynthScreen {
    /// The records the figures on screen were computed from: `None` until
    /// the first figures arrive. Shared with the worker computing the next.
    pub data: Option<Arc<SynthData>>,
    /// A load that arrived, waiting for its figures (then it becomes `data`).
    arriving: Option<Arc<SynthData>>,
    /// A load is under way (the first, or a refresh).
    pub loading: bool,
    /// The number of the latest load asked for.
    pub load: u64,
    pub tab: Tab,
    pub focus: Focus,
    /// The filter in force: the one typed last (its figures may be on their way).
    pub filter: Filter,
    /// The filter the figures on screen were computed with: what their
    /// evidence and their export read.
    pub result_filter: Filter,
    /// The filter line while it is being typed.
    pub filter_input: TextInput,
    /// Why the last line typed was rejected: shown beside the filter kept.
    pub filter_error: Option<String>,
    /// The line that was rejected, reopened by the next `f` to be fixed.
    pub filter_rejected: Option<String>,
    pub by: Dimension,
    /// Which themes the matrix shows: those groups differ on most, or the most common.
    pub matrix_ranking: MatrixRanking,
    /// Names replaced by P1, C1… on screen (for sharing a screen) and in the export.
    pub anonymize: bool,
    pub anon: Option<Anonymizer>,
    pub result: Option<Synthesis>,
    /// Highlighted row per tab, in `Tab::ALL` order.
    pub rows: [usize; 7],
    /// Highlighted note in the evidence list.
    pub evidence: usize,
    /// Stars given or removed here, newest last, for `u`.
    star_undo: Vec<StarChange>,
    pub query: TextInput,
    pub hits: Vec<Hit>,
    /// Counts the synthesis runs, so what was derived from an older one is not reused.
    generation: u64,
    /// The number of the latest job asked of the worker.
    asked: u64,
    /// That job, until the main loop takes it (`take_job`).
    job: Option<Job>,
    /// The job whose answer is awaited, if any: any other answer is stale.
    waiting: Option<refresh::Waiting>,
    /// What answers replaced, for the next job to take to the worker.
    litter: Vec<compute::Litter>,
    /// The evidence of a (tab, row, generation), see `evidence_refs`.
    evidence_memo: RefCell<Option<EvidenceMemo>>,
    /// Where the search looks, for the filter of the figures shown.
    pools: compute::Pools,
    /// The last query searched and everything it matched: where a query
    /// with more words looks (`crate::analysis::search::narrows`).
    matched: Option<compute::Matched>,
    pub message: Option<String>,
    /// Whether the search includes what was said (transcript lines).
    pub with_transcripts: bool,
    /// The transcript lines found, shown after `hits`.
    pub line_hits: Vec<crate::analysis::transcript::search::TranscriptHit>,
    /// The Themes list grouped by the codebook's themes (`codebook_themes`).
    pub grouping: ThemeGrouping,
}

impl SynthScreen {
    pub fn new() -> SynthScreen {
        SynthScreen {
            data: None,
            arriving: None,
            loading: false,
            load: 0,
            tab: Tab::Themes,
            focus: Focus::List,
            filter: Filter::default(),
            result_filter: Filter::default(),
            filter_input: TextInput::default(),
            filter_error: None,
            filter_rejected: None,
            by: Dimension::Segment,
            matrix_ranking: MatrixRanking::default(),
            anonymize: false,
            anon: None,
            result: None,
            rows: [0; 7],
            evidence: 0,
            star_undo: Vec::new(),
            query: TextInput::default(),
            hits: Vec::new(),
            generation: 0,
            asked: 0,
            job: None,
            waiting: None,
            litter: Vec::new(),
            evidence_memo: RefCell::new(None),
            pools: compute::Pools::default(),
            matched: None,
            message: None,
            with_transcripts: false,
            line_hits: Vec::new(),
            grouping: ThemeGrouping::default(),
        }
    }

    pub fn mode(&self) -> Mode {
        match self.focus {
            Focus::Search => Mode::SynthSearch,
            Focus::Filter => Mode::SynthFilter,
            Focus::List | Focus::Evidence => Mode::Synthesis,
        }
    }

    pub fn update(&mut self, action: Action, today: NaiveDate) -> Outcome {
        // Time passing (or a resize) is not the user doing something: what
        // the screen says stays.
        if action == Action::Tick {
            return Outcome::None;
        }
        self.message = None;
        // → / ← walk the codebook's themes when they are listed, else views.
        let action = match self.update_drill(action) {
            Ok(outcome) => return outcome,
            Err(action) => action,
        };
        match self.focus {
            Focus::Filter => return self.update_filter(action, today),
            Focus::Search => return self.update_search(action),
            Focus::List | Focus::Evidence => {}
        }
        if let Some(outcome) = self.update_grouping(&action) {
            return outcome;
        }
        match action {
            Action::MoveUp | Action::MoveDown | Action::PageUp | Action::PageDown => self.move_with(&action),
            // Far enough to reach either end; move_by clamps.
            Action::MoveFirst | Action::MoveLast => self.move_with(&action),
            Action::Pick(row) => self.pick(row),
            Action::NextTab => self.show(self.tab.step(true)),
            Action::PrevTab => self.show(self.tab.step(false)),
            Action::ShowTab(n) => {
                if let Some(tab) = Tab::ALL.get(usize::from(n).wrapping_sub(1)) {
                    self.show(*tab);
                }
            }
            Action::SearchNotes => self.show(Tab::Search),
            Action::EditFilter => self.edit_filter(),
            Action::ClearFilter => {
                if self.filter.is_empty() {
                    self.message = Some("No filter to clear.".into());
                } else {
                    self.filter = Filter::default();
                    self.filter_error = None;
                    self.filter_rejected = None;
                    self.filter_changed();
                    self.message = Some("Filters cleared: the whole library.".into());
                }
            }
            Action::NarrowToSelection => self.narrow(),
            Action::CycleDimension => {
                let i = Dimension::ALL.iter().position(|d| *d == self.by).unwrap_or(0);
                self.by = Dimension::ALL[(i + 1) % Dimension::ALL.len()];
                self.tab = Tab::Segments;
                self.focus = Focus::List;
                self.recompute();
            }
            Action::ToggleMatrixRanking => {
                self.matrix_ranking = self.matrix_ranking.other();
                self.tab = Tab::Segments;
                self.focus = Focus::List;
                self.recompute();
                self.message = Some(match self.matrix_ranking {
                    MatrixRanking::Difference => "Segments: the themes groups differ on most.".into(),
                    MatrixRanking::Overall => "Segments: the most common themes.".into(),
                });
            }
            Action::ToggleAnonymize => {
                self.anonymize = !self.anonymize;
                self.anon = match (&self.data, self.anonymize) {
                    (Some(d), true) => Some(Anonymizer::new(&d.records)),
                    _ => None,
                };
                self.message = Some(if self.anonymize {
                    "Names hidden: participants are P1, P2…, companies C1, C2…, e-mails and phones masked (also in the export).".into()
                } else {
                    "Names shown.".into()
                });
            }
            Action::ToggleTranscriptLines => self.toggle_transcript_lines(),
            Action::Reload => return Outcome::Reload,
            Action::Export => return Outcome::Export { clipboard: false },
            Action::CopySnapshot => return Outcome::Export { clipboard: true },
            Action::OpenSession => return self.open(),
            Action::ToggleStar => return self.toggle_star(),
            Action::Undo => return self.undo_star(),
            Action::Back if self.focus == Focus::Evidence => self.focus = Focus::List,
            Action::Back | Action::Quit => return Outcome::Leave,
            _ => {}
        }
        Outcome::None
    }
}

impl Default for SynthScreen {
    fn default() -> Self {
        SynthScreen::new()
    }
}
