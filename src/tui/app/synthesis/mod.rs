//! The Synthesis screen's model: what the library says across interviews,
//! one tab per question a team asks of it (themes, pain points, segments,
//! co-occurrence, closing answers, coverage, search). Every tab reads one
//! `Synthesis`, recomputed from the records whenever the filter changes;
//! loading the records is the main loop's job (`Effect::LoadSynthesis`).

use super::capture::edit_text;
use super::list;
use crate::analysis::synthesis::{
    self, Anonymizer, Dimension, Filter, Hit, MatrixRanking, NoteRef, Options, SessionRecord, Synthesis,
};
use crate::domain::guide::Guide;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::text_input::TextInput;
use chrono::{Days, Months, NaiveDate};
use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

type EvidenceMemo = ((Tab, usize, u64), Rc<Vec<NoteRef>>);

/// Results kept per search: more than a screen, few enough to stay instant.
pub const SEARCH_LIMIT: usize = 200;
/// Themes in the segment matrix's columns.
pub const MATRIX_THEMES: usize = 12;
/// Co-occurring pairs kept, of each kind.
pub const TOP_PAIRS: usize = 25;

/// The library as the synthesis reads it, loaded off the UI thread.
#[derive(Debug, Default)]
pub struct SynthData {
    pub records: Vec<SessionRecord>,
    /// The file of each record, to open a note where it lives.
    pub paths: Vec<PathBuf>,
    pub guides: Vec<Guide>,
    /// Files that could not be read (`fieldnotes synth -v` names them).
    pub unreadable: usize,
    /// Sessions whose journal holds changes the file may not have yet.
    pub pending: usize,
    /// Which load this answers (`SynthScreen::request_load`): an older one
    /// arriving late is dropped.
    pub load: u64,
    /// The load failed: the records above are empty; this says why.
    pub error: Option<String>,
}

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

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    fn step(self, forward: bool) -> Tab {
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

/// Where a jump from the synthesis lands: a session, and a note in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jump {
    pub path: PathBuf,
    pub note: Option<usize>,
}

/// What an update asks of the app around the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    None,
    /// Back to the library.
    Leave,
    /// Read the library again.
    Reload,
    Open(Jump),
    /// Write the study report (or copy it).
    Export {
        clipboard: bool,
    },
    /// Star a note as key evidence in its file (or take the star off).
    Star(StarChange),
}

/// A note to star or unstar in a session that is not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StarChange {
    pub path: PathBuf,
    /// The note's index in its file.
    pub index: usize,
    pub starred: bool,
}

pub struct SynthScreen {
    /// `None` until the first load arrives.
    pub data: Option<SynthData>,
    /// A load is under way (the first, or a refresh).
    pub loading: bool,
    /// The number of the latest load asked for.
    pub load: u64,
    pub tab: Tab,
    pub focus: Focus,
    pub filter: Filter,
    /// The filter line while it is being typed.
    pub filter_input: TextInput,
    pub filter_error: Option<String>,
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
    /// The evidence of a (tab, row, generation), see `evidence_refs`.
    evidence_memo: RefCell<Option<EvidenceMemo>>,
    /// Every note the filter keeps, in search order.
    pool: Vec<synthesis::Found>,
    /// The last query searched and everything it matched: where a query
    /// with more words looks (`synthesis::narrows`).
    matched: Option<(String, Vec<synthesis::Found>)>,
    pub message: Option<String>,
}

impl SynthScreen {
    pub fn new() -> SynthScreen {
        SynthScreen {
            data: None,
            loading: false,
            load: 0,
            tab: Tab::Themes,
            focus: Focus::List,
            filter: Filter::default(),
            filter_input: TextInput::default(),
            filter_error: None,
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
            evidence_memo: RefCell::new(None),
            pool: Vec::new(),
            matched: None,
            message: None,
        }
    }

    pub fn mode(&self) -> Mode {
        match self.focus {
            Focus::Search => Mode::SynthSearch,
            Focus::Filter => Mode::SynthFilter,
            Focus::List | Focus::Evidence => Mode::Synthesis,
        }
    }

    /// Asks for the library to be read (again): the number to give the load.
    pub fn request_load(&mut self) -> u64 {
        self.load += 1;
        self.loading = true;
        self.load
    }

    /// A load finished: the records replace the old ones, the view is recomputed
    /// with the same tab, filter and rows (clamped). An answer to an older load
    /// than the latest asked for is dropped; a failed one keeps what is shown.
    pub fn loaded(&mut self, data: SynthData) {
        if data.load != self.load {
            return;
        }
        self.loading = false;
        if let Some(e) = data.error {
            self.message = Some(format!("Cannot read the library: {e}"));
            return;
        }
        self.data = Some(data);
        self.recompute();
    }

    pub fn records(&self) -> &[SessionRecord] {
        self.data.as_ref().map_or(&[], |d| &d.records)
    }

    /// Runs the synthesis (and the search) again over the loaded records.
    pub fn recompute(&mut self) {
        let Some(data) = &self.data else { return };
        let opts = Options {
            by: self.by,
            matrix_themes: MATRIX_THEMES,
            matrix_ranking: self.matrix_ranking,
            top_pairs: TOP_PAIRS,
        };
        self.result = Some(synthesis::synthesize(&data.records, &data.guides, &self.filter, &opts));
        self.generation += 1;
        self.anon = self.anonymize.then(|| Anonymizer::new(&data.records));
        self.pool = synthesis::search_pool(&data.records, &self.filter);
        self.matched = None;
        self.run_search();
        for tab in Tab::ALL {
            let len = self.len(tab);
            let row = &mut self.rows[tab.index()];
            *row = (*row).min(len.saturating_sub(1));
        }
        self.skip_heading(1);
        self.evidence = self.evidence.min(self.evidence_refs().len().saturating_sub(1));
    }

    /// Searches for the query, among the last query's matches when it only
    /// gained words, else among everything the filter keeps.
    fn run_search(&mut self) {
        let Some(data) = &self.data else { return };
        let query = self.query.text().trim().to_string();
        let pool = match &self.matched {
            Some((last, matched)) if synthesis::narrows(last, &query) => matched,
            _ => &self.pool,
        };
        let (hits, matched) = synthesis::search_within(&data.records, pool, &query, SEARCH_LIMIT);
        self.hits = hits;
        self.matched = Some((query, matched));
    }

    /// Every list was ranked again: start each from the top, and on the tag
    /// the filter keeps where the lists are of tags, so the highlight shows
    /// what was asked for.
    fn filter_changed(&mut self) {
        self.recompute();
        self.rows = [0; 7];
        self.evidence = 0;
        if self.focus == Focus::Evidence {
            self.focus = Focus::List;
        }
        let wanted = self.filter.tag.as_deref().map(|t| t.trim().trim_start_matches('#').to_lowercase());
        if let (Some(tag), Some(s)) = (wanted, &self.result) {
            if let Some(i) = s.themes.iter().position(|t| t.tag.to_lowercase() == tag) {
                self.rows[Tab::Themes.index()] = i;
            }
            if let Some(i) = s.pain_points.iter().position(|p| p.tag.to_lowercase() == tag) {
                self.rows[Tab::Pains.index()] = i;
            }
        }
        self.skip_heading(1);
    }

    pub fn row(&self) -> usize {
        self.rows[self.tab.index()]
    }

    /// Rows in a tab's list.
    pub fn len(&self, tab: Tab) -> usize {
        let Some(s) = &self.result else { return 0 };
        match tab {
            Tab::Themes => s.themes.len(),
            Tab::Pains => s.pain_points.len() + usize::from(!s.untagged_pains.is_empty()),
            Tab::Segments => s.matrix.rows.len(),
            Tab::Pairs => s.note_pairs.len() + s.session_pairs.len(),
            Tab::Closing => s.closing_answers.len(),
            Tab::Coverage => s.coverage.iter().map(|g| 1 + g.questions.len()).sum(),
            Tab::Search => self.hits.len(),
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

    /// The notes behind the highlighted row, in the order they are shown.
    ///
    /// Kept between frames until the row, the tab or the synthesis changes:
    /// for pairs and coverage it is a walk over every note the filter keeps,
    /// and every frame and every move in the evidence asks for it.
    pub fn evidence_refs(&self) -> Rc<Vec<NoteRef>> {
        let key = (self.tab, self.row(), self.generation);
        let mut memo = self.evidence_memo.borrow_mut();
        if let Some((k, refs)) = &*memo
            && *k == key
        {
            return Rc::clone(refs);
        }
        let refs = Rc::new(self.find_evidence());
        *memo = Some((key, Rc::clone(&refs)));
        refs
    }

    fn find_evidence(&self) -> Vec<NoteRef> {
        let (Some(s), Some(data)) = (&self.result, &self.data) else { return Vec::new() };
        let records = &data.records;
        let row = self.row();
        match self.tab {
            Tab::Themes => s.themes.get(row).map(|t| t.evidence.clone()).unwrap_or_default(),
            Tab::Pains => match s.pain_points.get(row) {
                // The pains themselves first: that is what the row counts.
                Some(p) => p.pains.iter().chain(&p.quotes).copied().collect(),
                None => s.untagged_pains.clone(),
            },
            Tab::Pairs => match self.pair_row(row) {
                Some(PairRow::Note(i)) => {
                    let p = &s.note_pairs[i];
                    self.notes_where(|r, n| has(r, n, &p.a) && has(r, n, &p.b))
                }
                Some(PairRow::Session(i)) => {
                    let p = &s.session_pairs[i];
                    let both: Vec<usize> = s
                        .selected
                        .iter()
                        .copied()
                        .filter(|&si| {
                            let r = &records[si];
                            let tagged = |t: &str| self.filter.notes_of(r).any(|(_, n)| has(r, n, t));
                            tagged(&p.a) && tagged(&p.b)
                        })
                        .collect();
                    let mut out = Vec::new();
                    for si in both {
                        let r = &records[si];
                        for (ni, n) in self.filter.notes_of(r) {
                            if has(r, n, &p.a) || has(r, n, &p.b) {
                                out.push(NoteRef { session: si, note: ni });
                            }
                        }
                    }
                    out
                }
                None => Vec::new(),
            },
            Tab::Coverage => match self.coverage_row(row) {
                Some(CoverageRow::Question(g, q)) => {
                    let guide = &s.coverage[g];
                    let id = &guide.questions[q].id;
                    self.notes_where(|r, n| r.guide == guide.guide && r.question(n) == Some(id.as_str()))
                }
                _ => Vec::new(),
            },
            Tab::Segments | Tab::Closing | Tab::Search => Vec::new(),
        }
    }

    /// Notes of the selected sessions the filter keeps and `keep` accepts, oldest first.
    fn notes_where(&self, keep: impl Fn(&SessionRecord, &synthesis::NoteRecord) -> bool) -> Vec<NoteRef> {
        let (Some(s), Some(data)) = (&self.result, &self.data) else { return Vec::new() };
        let mut out = Vec::new();
        for &si in &s.selected {
            let r = &data.records[si];
            for (ni, n) in self.filter.notes_of(r) {
                if keep(r, n) {
                    out.push(NoteRef { session: si, note: ni });
                }
            }
        }
        out
    }

    /// Whether the highlighted row has notes behind it to open.
    fn has_evidence(&self) -> bool {
        matches!(self.tab, Tab::Themes | Tab::Pains | Tab::Pairs | Tab::Coverage) && !self.evidence_refs().is_empty()
    }

    fn jump(&self, at: NoteRef) -> Outcome {
        match self.data.as_ref().and_then(|d| d.paths.get(at.session)) {
            Some(path) => Outcome::Open(Jump { path: path.clone(), note: Some(at.note) }),
            None => Outcome::None,
        }
    }

    /// Moves the highlight of the focused list (the tab's rows or the evidence).
    fn move_with(&mut self, action: &Action) {
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
    fn skip_heading(&mut self, direction: isize) {
        let slot = self.rows[Tab::Coverage.index()];
        if let Some(CoverageRow::Guide(_)) = self.coverage_row(slot) {
            let next = if direction < 0 && slot > 0 { slot - 1 } else { slot + 1 };
            let next = if next < self.len(Tab::Coverage) { next } else { slot.saturating_sub(1) };
            self.rows[Tab::Coverage.index()] = next;
        }
    }

    /// A click on a row of the tab's list: it becomes the highlighted one.
    fn pick(&mut self, row: usize) {
        if self.focus == Focus::Evidence {
            self.focus = Focus::List;
        }
        self.rows[self.tab.index()] = row.min(self.len(self.tab).saturating_sub(1));
        self.evidence = 0;
    }

    fn show(&mut self, tab: Tab) {
        self.tab = tab;
        self.focus = if tab == Tab::Search { Focus::Search } else { Focus::List };
        self.evidence = 0;
    }

    pub fn update(&mut self, action: Action, today: NaiveDate) -> Outcome {
        // Time passing (or a resize) is not the user doing something: what
        // the screen says stays.
        if action == Action::Tick {
            return Outcome::None;
        }
        self.message = None;
        match self.focus {
            Focus::Filter => return self.update_filter(action, today),
            Focus::Search => return self.update_search(action),
            Focus::List | Focus::Evidence => {}
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
            Action::EditFilter => {
                self.filter_input = TextInput::with_text(&filter_line(&self.filter));
                self.filter_error = None;
                self.focus = Focus::Filter;
            }
            Action::ClearFilter => {
                if self.filter.is_empty() {
                    self.message = Some("No filter to clear.".into());
                } else {
                    self.filter = Filter::default();
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

    /// `*` in the evidence: star the highlighted note in its file, or take
    /// the star off. The main loop writes it (`Effect::SetStarred`) and says
    /// when it is saved (`star_saved`).
    fn toggle_star(&mut self) -> Outcome {
        if self.focus != Focus::Evidence {
            self.message = Some("Open a row's evidence (Enter) to star one of its notes.".into());
            return Outcome::None;
        }
        let Some(at) = self.evidence_refs().get(self.evidence).copied() else { return Outcome::None };
        let Some(data) = &self.data else { return Outcome::None };
        let (Some(path), Some(note)) = (data.paths.get(at.session), data.records[at.session].notes().get(at.note))
        else {
            return Outcome::None;
        };
        let change = StarChange { path: path.clone(), index: at.note, starred: !note.starred };
        self.star_undo.push(change.clone());
        Outcome::Star(change)
    }

    /// `u`: takes back the last star given or removed here.
    fn undo_star(&mut self) -> Outcome {
        match self.star_undo.pop() {
            Some(last) => Outcome::Star(StarChange { starred: !last.starred, ..last }),
            None => {
                self.message = Some("Nothing to undo.".into());
                Outcome::None
            }
        }
    }

    /// A star reached its file: the evidence is ordered again (starred
    /// first) and the highlight follows the note.
    pub fn star_saved(&mut self, change: &StarChange) {
        let Some(data) = &mut self.data else { return };
        let Some(session) = data.paths.iter().position(|p| *p == change.path) else { return };
        let Some(note) = data.records[session].notes.get_mut(change.index) else { return };
        note.starred = change.starred;
        let at = NoteRef { session, note: change.index };
        self.recompute();
        if let Some(k) = self.evidence_refs().iter().position(|r| *r == at) {
            self.evidence = k;
        }
        self.message =
            Some(if change.starred { "Starred: key evidence, first in reports." } else { "Star removed." }.into());
    }

    /// Enter: from a row to its evidence, from a note to where it was taken.
    fn open(&mut self) -> Outcome {
        if self.focus == Focus::Evidence {
            return match self.evidence_refs().get(self.evidence) {
                Some(at) => self.jump(*at),
                None => Outcome::None,
            };
        }
        match self.tab {
            Tab::Closing => {
                let session = self.result.as_ref().and_then(|s| s.closing_answers.get(self.row())).map(|c| c.session);
                match session.and_then(|si| self.data.as_ref()?.paths.get(si)) {
                    Some(path) => Outcome::Open(Jump { path: path.clone(), note: None }),
                    None => Outcome::None,
                }
            }
            Tab::Search => match self.hits.get(self.row()).map(|h| h.at) {
                Some(synthesis::Found::Note(at)) => self.jump(at),
                // A closing answer or summary: the session, from its start.
                Some(found) => match self.data.as_ref().and_then(|d| d.paths.get(found.session())) {
                    Some(path) => Outcome::Open(Jump { path: path.clone(), note: None }),
                    None => Outcome::None,
                },
                None => Outcome::None,
            },
            Tab::Segments => {
                self.narrow();
                Outcome::None
            }
            _ if self.has_evidence() => {
                self.focus = Focus::Evidence;
                self.evidence = 0;
                Outcome::None
            }
            _ => Outcome::None,
        }
    }

    /// Filters everything by the highlighted tag, segment (company, role, guide)
    /// or guide: "show me only this".
    fn narrow(&mut self) {
        let Some(s) = &self.result else { return };
        let row = self.row();
        let mut filter = self.filter.clone();
        match self.tab {
            Tab::Themes | Tab::Pains => {
                let tag = match self.tab {
                    Tab::Themes => s.themes.get(row).map(|t| &t.tag),
                    _ => s.pain_points.get(row).map(|p| &p.tag),
                };
                let Some(tag) = tag else {
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

    fn update_filter(&mut self, action: Action, today: NaiveDate) -> Outcome {
        match action {
            Action::ApplyTag => match parse_filter(self.filter_input.text(), today) {
                Ok(filter) => {
                    self.focus = Focus::List;
                    self.filter_error = None;
                    if filter != self.filter {
                        self.filter = filter;
                        self.filter_changed();
                    }
                }
                Err(e) => self.filter_error = Some(e),
            },
            Action::Back => {
                self.focus = Focus::List;
                self.filter_error = None;
            }
            other => {
                edit_text(&mut self.filter_input, other);
                self.filter_error = None;
            }
        }
        Outcome::None
    }

    fn update_search(&mut self, action: Action) -> Outcome {
        match action {
            Action::MoveUp | Action::MoveDown | Action::PageUp | Action::PageDown => self.move_with(&action),
            Action::OpenSession => return self.open(),
            Action::Pick(row) => self.pick(row),
            Action::Back => self.focus = Focus::List,
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

impl Default for SynthScreen {
    fn default() -> Self {
        SynthScreen::new()
    }
}

fn has(r: &SessionRecord, n: &synthesis::NoteRecord, tag: &str) -> bool {
    r.tags_of(n).any(|t| t == tag)
}

/// Filter keys of the filter line, in the order they are written back.
pub const FILTER_KEYS: [&str; 8] = ["since", "until", "segment", "company", "role", "guide", "participant", "tag"];

/// The filter as a line the user can edit: `since:2026-01-01 segment:smb tag:pricing`.
/// Values with spaces are quoted.
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

pub fn filter_line(f: &Filter) -> String {
    let mut parts = Vec::new();
    let mut push = |key: &str, v: &Option<String>| {
        if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            if v.contains(char::is_whitespace) || v.contains('"') {
                parts.push(format!("{key}:\"{}\"", v.replace('"', "'")));
            } else {
                parts.push(format!("{key}:{v}"));
            }
        }
    };
    push("since", &f.since.map(|d| d.to_string()));
    push("until", &f.until.map(|d| d.to_string()));
    push("segment", &f.segment);
    push("company", &f.company);
    push("role", &f.role);
    push("guide", &f.guide);
    push("participant", &f.participant);
    push("tag", &f.tag);
    parts.join(" ")
}

/// Reads a filter line: `key:value` words (values in double quotes may hold
/// spaces), `#tag` for `tag:tag`. Dates are `YYYY-MM-DD` or relative to
/// `today`: `30d`, `6w`, `3m`, `1y` ago.
pub fn parse_filter(line: &str, today: NaiveDate) -> Result<Filter, String> {
    let mut f = Filter::default();
    for word in words(line)? {
        if let Some(tag) = word.strip_prefix('#') {
            f.tag = Some(tag.to_string());
            continue;
        }
        let Some((key, value)) = word.split_once(':') else {
            return Err(format!("'{word}': write key:value, with key one of {} (or #tag)", FILTER_KEYS.join(", ")));
        };
        let value = value.trim().to_string();
        if value.is_empty() {
            return Err(format!("'{key}:' needs a value"));
        }
        match key.to_lowercase().as_str() {
            "since" | "from" => f.since = Some(date(&value, today)?),
            "until" | "to" => f.until = Some(date(&value, today)?),
            "segment" | "seg" => f.segment = Some(value),
            "company" => f.company = Some(value),
            "role" => f.role = Some(value),
            "guide" => f.guide = Some(value),
            "participant" | "who" => f.participant = Some(value),
            "tag" => f.tag = Some(value.trim_start_matches('#').to_string()),
            other => return Err(format!("unknown filter '{other}': use {}", FILTER_KEYS.join(", "))),
        }
    }
    if let (Some(a), Some(b)) = (f.since, f.until)
        && a > b
    {
        return Err(format!("since {a} is after until {b}"));
    }
    Ok(f)
}

/// Splits on spaces, keeping "double-quoted values" whole.
fn words(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if quoted {
        return Err("a quote is not closed".into());
    }
    if !word.is_empty() {
        out.push(word);
    }
    Ok(out)
}

fn date(value: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    if let Ok(d) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Ok(d);
    }
    let bad = || format!("'{value}' is not a date: write 2026-03-01, or 30d, 6w, 3m, 1y for that long ago");
    let unit = value.chars().last().ok_or_else(bad)?;
    let n: u32 = value[..value.len() - unit.len_utf8()].parse().map_err(|_| bad())?;
    let ago = match unit {
        'd' => today.checked_sub_days(Days::new(n.into())),
        'w' => today.checked_sub_days(Days::new(u64::from(n) * 7)),
        'm' => today.checked_sub_months(Months::new(n)),
        'y' => today.checked_sub_months(Months::new(n.saturating_mul(12))),
        _ => None,
    };
    ago.ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn filter_lines_round_trip() {
        let today = day("2026-11-22");
        let f = parse_filter(r#"since:2026-01-01 segment:smb role:"Head of Ops" #pricing who:ana"#, today).unwrap();
        assert_eq!(f.since, Some(day("2026-01-01")));
        assert_eq!(f.segment.as_deref(), Some("smb"));
        assert_eq!(f.role.as_deref(), Some("Head of Ops"));
        assert_eq!(f.tag.as_deref(), Some("pricing"));
        assert_eq!(f.participant.as_deref(), Some("ana"));
        assert_eq!(parse_filter(&filter_line(&f), today).unwrap(), f);
        assert_eq!(parse_filter("  ", today).unwrap(), Filter::default());
    }

    #[test]
    fn relative_dates_count_back_from_today() {
        let today = day("2026-11-22");
        assert_eq!(parse_filter("since:30d", today).unwrap().since, Some(day("2026-10-23")));
        assert_eq!(parse_filter("since:2w", today).unwrap().since, Some(day("2026-11-08")));
        assert_eq!(parse_filter("since:3m", today).unwrap().since, Some(day("2026-08-22")));
        assert_eq!(parse_filter("from:1y", today).unwrap().since, Some(day("2025-11-22")));
    }

    #[test]
    fn bad_filter_lines_say_what_is_wrong() {
        let today = day("2026-11-22");
        assert!(parse_filter("colour:red", today).unwrap_err().contains("unknown filter 'colour'"));
        assert!(parse_filter("pricing", today).unwrap_err().contains("key:value"));
        assert!(parse_filter("since:yesterday", today).unwrap_err().contains("not a date"));
        assert!(parse_filter("since:2026-05-01 until:2026-04-01", today).unwrap_err().contains("after"));
        assert!(parse_filter("role:\"head of", today).unwrap_err().contains("quote"));
        assert!(parse_filter("tag:", today).unwrap_err().contains("needs a value"));
        // Not a date, whatever the last character is (a byte-wise split would panic).
        for bad in ["since:昨日", "until:3é", "since:😩", "since:d"] {
            assert!(parse_filter(bad, today).unwrap_err().contains("not a date"), "{bad}");
        }
    }
}

#[cfg(test)]
mod screen_tests {
    use super::*;
    use crate::domain::note::Kind;
    use crate::domain::session::Offset;
    use chrono::DateTime;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn record(
        id: &str,
        day: u32,
        who: &str,
        segment: &str,
        notes: &[(Kind, &str, &[&str], Option<&str>)],
    ) -> SessionRecord {
        let at = DateTime::parse_from_rfc3339(&format!("2026-03-{day:02}T10:00:00+00:00")).unwrap();
        let mut r = SessionRecord::new(id, who, "discovery", at);
        r.segment = Some(segment.into());
        r.company = Some(format!("{who} Co"));
        for (k, (kind, text, tags, q)) in notes.iter().enumerate() {
            r.push_note(Offset(60 * k as u32), *kind, *q, tags.iter().copied(), text);
        }
        r
    }

    /// Three interviews: pricing in all three, export in two (one of them a
    /// pain), a closing answer in one.
    fn screen() -> SynthScreen {
        let mut a = record(
            "a",
            1,
            "Ana",
            "smb",
            &[
                (Kind::Quote, "pricing is confusing", &["pricing"], Some("1.1")),
                (Kind::Pain, "export breaks every Friday", &["export", "pricing"], Some("1.2")),
            ],
        );
        a.closing_answer = Some("Hiring analysts".into());
        let b = record(
            "b",
            2,
            "Ben",
            "enterprise",
            &[
                (Kind::Note, "pricing per seat", &["pricing"], None),
                (Kind::Idea, "scheduled export", &["export"], None),
            ],
        );
        let c = record("c", 3, "Chidi", "smb", &[(Kind::Pain, "too pricey", &["pricing"], Some("1.1"))]);
        let paths = ["a", "b", "c"].iter().map(|id| PathBuf::from(format!("/s/{id}.yaml"))).collect();
        let mut s = SynthScreen::new();
        s.loaded(SynthData { records: vec![a, b, c], paths, ..SynthData::default() });
        s
    }

    fn press(s: &mut SynthScreen, actions: &[Action]) -> Outcome {
        let mut last = Outcome::None;
        for a in actions {
            last = s.update(a.clone(), today());
        }
        last
    }

    /// Issue #14: `*` in the evidence stars the highlighted note in its file;
    /// once saved it comes first, with the highlight on it; `u` takes it back.
    #[test]
    fn a_note_starred_in_the_evidence_comes_first_and_undo_unstars_it() {
        let mut s = screen();
        let star =
            crossterm::event::KeyEvent::new(crossterm::event::KeyCode::Char('*'), crossterm::event::KeyModifiers::NONE);
        assert_eq!(crate::tui::keymap::Keymap::default().resolve(Mode::Synthesis, star), Some(Action::ToggleStar));
        // On the list, the star says where it works.
        assert_eq!(press(&mut s, &[Action::ToggleStar]), Outcome::None);
        assert!(s.message.as_deref().unwrap_or("").contains("evidence"));
        // Pricing's evidence, newest first: Chidi, Ben, then Ana's quote.
        press(&mut s, &[Action::OpenSession, Action::MoveDown, Action::MoveDown]);
        let ana = s.evidence_refs()[2];
        assert_eq!(s.records()[ana.session].id, "a");
        let out = press(&mut s, &[Action::ToggleStar]);
        let change = StarChange { path: PathBuf::from("/s/a.yaml"), index: ana.note, starred: true };
        assert_eq!(out, Outcome::Star(change.clone()));
        // Not shown starred until the file says so.
        assert_eq!(s.evidence_refs()[2], ana);
        s.star_saved(&change);
        assert_eq!(s.evidence_refs()[0], ana, "starred first");
        assert_eq!(s.evidence, 0, "the highlight follows the note");
        assert!(s.records()[ana.session].notes()[ana.note].starred);
        // u: the star comes off again (through the file too).
        let undo = press(&mut s, &[Action::Undo]);
        let back = StarChange { starred: false, ..change };
        assert_eq!(undo, Outcome::Star(back.clone()));
        s.star_saved(&back);
        assert_eq!(s.evidence_refs()[2], ana);
        assert_eq!(press(&mut s, &[Action::Undo]), Outcome::None, "nothing more to undo");
    }

    #[test]
    fn themes_open_their_evidence_and_a_note_opens_where_it_was_taken() {
        let mut s = screen();
        assert!(!s.loading);
        let r = s.result.as_ref().unwrap();
        assert_eq!(r.themes[0].tag, "pricing");
        assert_eq!(r.themes[0].sessions, 3);
        // Enter: the evidence, newest first (nothing is starred).
        assert_eq!(press(&mut s, &[Action::OpenSession]), Outcome::None);
        assert_eq!(s.focus, Focus::Evidence);
        let first = s.evidence_refs()[0];
        assert_eq!(s.records()[first.session].text(&s.records()[first.session].notes()[first.note]), "too pricey");
        // Down, Enter: the second note of the evidence, in its file.
        let out = press(&mut s, &[Action::MoveDown, Action::OpenSession]);
        let second = s.evidence_refs()[1];
        let path = PathBuf::from(format!("/s/{}.yaml", s.records()[second.session].id));
        assert_eq!(out, Outcome::Open(Jump { path, note: Some(second.note) }));
        // Esc: back to the list; Esc again: leave.
        assert_eq!(press(&mut s, &[Action::Back]), Outcome::None);
        assert_eq!(s.focus, Focus::List);
        assert_eq!(press(&mut s, &[Action::Back]), Outcome::Leave);
    }

    #[test]
    fn narrowing_to_a_theme_filters_every_view_and_x_clears_it() {
        let mut s = screen();
        press(&mut s, &[Action::MoveDown, Action::NarrowToSelection]);
        assert_eq!(s.filter.tag.as_deref(), Some("export"));
        let r = s.result.as_ref().unwrap();
        assert_eq!(r.themes[s.row()].tag, "export", "the highlight stays on the theme asked for");
        assert_eq!(s.result.as_ref().unwrap().sessions(), 2);
        assert_eq!(s.result.as_ref().unwrap().notes, 2);
        press(&mut s, &[Action::ClearFilter]);
        assert!(s.filter.is_empty());
        assert_eq!(s.result.as_ref().unwrap().sessions(), 3);
    }

    #[test]
    fn the_filter_line_is_typed_applied_and_errors_keep_it_open() {
        let mut s = screen();
        press(&mut s, &[Action::EditFilter]);
        assert_eq!(s.mode(), Mode::SynthFilter);
        for c in "segment:smb colour:red".chars() {
            s.update(Action::InsertChar(c), today());
        }
        press(&mut s, &[Action::ApplyTag]);
        assert_eq!(s.mode(), Mode::SynthFilter, "a bad filter keeps the line open");
        assert!(s.filter_error.as_deref().unwrap().contains("colour"));
        for _ in 0.." colour:red".len() {
            s.update(Action::Backspace, today());
        }
        press(&mut s, &[Action::ApplyTag]);
        assert_eq!(s.mode(), Mode::Synthesis);
        assert_eq!(s.result.as_ref().unwrap().sessions(), 2);
        // Editing again starts from the filter in force; Esc keeps it.
        press(&mut s, &[Action::EditFilter]);
        assert_eq!(s.filter_input.text(), "segment:smb");
        press(&mut s, &[Action::ClearInput, Action::Back]);
        assert_eq!(s.filter.segment.as_deref(), Some("smb"));
    }

    #[test]
    fn segments_switch_dimension_and_enter_keeps_one_group() {
        let mut s = screen();
        press(&mut s, &[Action::ShowTab(3)]);
        assert_eq!(s.tab, Tab::Segments);
        let rows: Vec<_> = s.result.as_ref().unwrap().matrix.rows.iter().map(|r| r.group.clone()).collect();
        assert_eq!(rows, vec![Some("smb".to_string()), Some("enterprise".to_string())]);
        press(&mut s, &[Action::MoveDown, Action::OpenSession]);
        assert_eq!(s.filter.segment.as_deref(), Some("enterprise"));
        press(&mut s, &[Action::ClearFilter, Action::CycleDimension]);
        assert_eq!(s.by, Dimension::Company);
        assert_eq!(s.result.as_ref().unwrap().matrix.rows.len(), 3);
        press(&mut s, &[Action::OpenSession]);
        assert!(s.filter.company.is_some());
    }

    /// Issue #14: everyone mentions #pricing and #export; only enterprise
    /// mentions #sso. The matrix leads with #sso; `o` shows the overall ranking.
    #[test]
    fn segments_lead_with_differences_and_o_shows_the_overall_ranking() {
        let both: &[(Kind, &str, &[&str], Option<&str>)] =
            &[(Kind::Note, "price", &["pricing"], None), (Kind::Note, "csv", &["export"], None)];
        let mut records = Vec::new();
        for i in 0..6 {
            let segment = if i < 3 { "smb" } else { "enterprise" };
            let mut r = record(&format!("s{i}"), i + 1, &format!("P{i}"), segment, both);
            if segment == "enterprise" {
                r.push_note(Offset(9), Kind::Pain, None, ["sso"], "no SAML");
            }
            records.push(r);
        }
        let paths = (0..6).map(|i| PathBuf::from(format!("/s/s{i}.yaml"))).collect();
        let mut s = SynthScreen::new();
        s.loaded(SynthData { records, paths, ..SynthData::default() });
        let themes = |s: &SynthScreen| s.result.as_ref().unwrap().matrix.themes.clone();
        assert_eq!(themes(&s), ["sso", "export", "pricing"]);
        press(&mut s, &[Action::ToggleMatrixRanking]);
        assert_eq!((s.tab, s.matrix_ranking), (Tab::Segments, MatrixRanking::Overall));
        assert_eq!(themes(&s), ["export", "pricing", "sso"]);
        assert!(s.message.as_deref().unwrap().contains("most common"));
        press(&mut s, &[Action::ToggleMatrixRanking]);
        assert_eq!(themes(&s), ["sso", "export", "pricing"]);
    }

    #[test]
    fn search_narrows_as_the_query_grows_and_finds_the_same_as_from_scratch() {
        let mut s = screen();
        press(&mut s, &[Action::SearchNotes]);
        assert_eq!(s.mode(), Mode::SynthSearch);
        let mut typed = String::new();
        for c in "pric".chars() {
            s.update(Action::InsertChar(c), today());
            typed.push(c);
            let fresh = synthesis::search(s.records(), &s.filter, &typed, SEARCH_LIMIT);
            assert_eq!(s.hits, fresh, "after {typed:?}");
        }
        assert_eq!(s.hits.len(), 3);
        // Deleting widens again.
        for _ in 0..3 {
            s.update(Action::Backspace, today());
        }
        assert_eq!(s.hits, synthesis::search(s.records(), &s.filter, "p", SEARCH_LIMIT));
        // Down and Enter open the highlighted hit without leaving the input first.
        let second = s.hits[1].at.note().expect("a note");
        match press(&mut s, &[Action::MoveDown, Action::OpenSession]) {
            Outcome::Open(j) => assert_eq!(j.note, Some(second.note)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_word_typed_on_can_match_what_its_start_did_not() {
        let a = record("a", 1, "Ana", "smb", &[(Kind::Quote, "We export to Excel, every Friday", &[], None)]);
        let b = record("b", 2, "Ben", "smb", &[(Kind::Pain, "Excel on the first call, it drives me crazy", &[], None)]);
        let mut s = SynthScreen::new();
        s.loaded(SynthData {
            records: vec![a, b],
            paths: vec!["/s/a.yaml".into(), "/s/b.yaml".into()],
            ..SynthData::default()
        });
        press(&mut s, &[Action::SearchNotes]);
        let mut typed = String::new();
        for c in "exel friday".chars() {
            s.update(Action::InsertChar(c), today());
            typed.push(c);
            assert_eq!(s.hits, synthesis::search(s.records(), &s.filter, &typed, SEARCH_LIMIT), "after {typed:?}");
        }
        // "exe" matches no word; "exel" is a typo of "Excel".
        let found: Vec<_> = s.hits.iter().map(|h| h.at.text(s.records())).collect();
        assert_eq!(found, vec!["We export to Excel, every Friday"]);
    }

    #[test]
    fn a_closing_answer_found_opens_its_session() {
        let mut s = screen();
        press(&mut s, &[Action::SearchNotes]);
        for c in "analysts".chars() {
            s.update(Action::InsertChar(c), today());
        }
        assert_eq!(s.hits.iter().map(|h| h.at).collect::<Vec<_>>(), vec![synthesis::Found::ClosingAnswer(0)]);
        match press(&mut s, &[Action::OpenSession]) {
            Outcome::Open(j) => assert_eq!((j.path, j.note), (PathBuf::from("/s/a.yaml"), None)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn pairs_and_coverage_show_the_notes_behind_a_row() {
        let mut s = screen();
        press(&mut s, &[Action::ShowTab(4)]);
        assert_eq!(s.pair_row(0), Some(PairRow::Note(0)));
        let both = s.evidence_refs();
        assert_eq!(both.len(), 1, "one note carries export and pricing");
        press(&mut s, &[Action::ShowTab(6)]);
        assert_eq!(s.coverage_row(0), Some(CoverageRow::Guide(0)));
        assert_eq!(s.row(), 1, "a guide's heading is stepped over");
        let on_first = s.evidence_refs();
        assert_eq!(on_first.len(), 2, "two notes on 1.1");
        press(&mut s, &[Action::MoveUp]);
        assert_eq!(s.row(), 1);
    }

    #[test]
    fn closing_answers_open_their_session_and_reload_keeps_the_view() {
        let mut s = screen();
        press(&mut s, &[Action::ShowTab(5)]);
        assert_eq!(press(&mut s, &[Action::OpenSession]), Outcome::Open(Jump { path: "/s/a.yaml".into(), note: None }));
        assert_eq!(press(&mut s, &[Action::Reload]), Outcome::Reload);
        let first = s.request_load();
        let second = s.request_load();
        assert!(s.loading);
        let data = s.data.take().unwrap();
        // The first load answers after the second was asked for: dropped.
        s.loaded(SynthData { load: first, ..SynthData::default() });
        assert!(s.loading && s.data.is_none());
        s.loaded(SynthData { load: second, ..data });
        assert_eq!(s.tab, Tab::Closing);
        assert!(!s.loading);
    }

    #[test]
    fn messages_and_filter_errors_outlast_the_clock() {
        let mut s = screen();
        press(&mut s, &[Action::ClearFilter]);
        assert_eq!(s.message.as_deref(), Some("No filter to clear."));
        press(&mut s, &[Action::Tick, Action::Tick]);
        assert_eq!(s.message.as_deref(), Some("No filter to clear."));
        press(&mut s, &[Action::EditFilter, Action::InsertChar('x'), Action::ApplyTag, Action::Tick]);
        assert!(s.filter_error.is_some(), "the error stays until the user types");
        press(&mut s, &[Action::Backspace]);
        assert!(s.filter_error.is_none());
    }

    #[test]
    fn pairs_in_one_interview_follow_the_tag_filter() {
        let mut s = screen();
        // Only pricing notes: in Ana's interview, export is no longer there.
        press(&mut s, &[Action::EditFilter]);
        for c in "#pricing".chars() {
            s.update(Action::InsertChar(c), today());
        }
        press(&mut s, &[Action::ApplyTag, Action::ShowTab(4)]);
        let r = s.result.clone().unwrap();
        for i in 0..s.len(Tab::Pairs) {
            s.rows[Tab::Pairs.index()] = i;
            if let Some(PairRow::Session(k)) = s.pair_row(i) {
                let sessions: std::collections::BTreeSet<usize> = s.evidence_refs().iter().map(|n| n.session).collect();
                assert_eq!(sessions.len(), r.session_pairs[k].count, "{:?}", r.session_pairs[k]);
            }
        }
    }

    #[test]
    fn tabs_cycle_both_ways_and_empty_libraries_do_not_panic() {
        let mut s = SynthScreen::new();
        for a in [Action::OpenSession, Action::MoveDown, Action::NarrowToSelection, Action::NextTab, Action::Export] {
            s.update(a, today());
        }
        s.loaded(SynthData::default());
        for _ in 0..8 {
            for a in [Action::OpenSession, Action::MoveDown, Action::NarrowToSelection, Action::Back, Action::NextTab] {
                s.update(a, today());
            }
        }
        let mut s = screen();
        press(&mut s, &[Action::PrevTab]);
        assert_eq!(s.tab, Tab::Search);
        press(&mut s, &[Action::NextTab]);
        assert_eq!(s.tab, Tab::Themes);
    }
}
