//! The library's view settings and the rows they show: the filter line
//! typed in `/`, the sort, the `f` picker, and the visible rows computed
//! once per change of filter, sort or library (not on every key and frame:
//! at 10,000 interviews a filter pass is felt). Free words that must look
//! into notes are answered off the UI thread (`store::note_texts`): until
//! the answer comes, the rows shown stay as they were and the header says
//! the notes are being searched.

use crate::analysis::synthesis::{Filter, filter_line, parse_filter};
use crate::store::library::{Library, Row, SessionInfo};
use crate::store::note_texts::{NoteQuery, NotesFound, normalized};
use crate::tui::text_input::TextInput;
use chrono::NaiveDate;
use std::cell::RefCell;
use std::sync::Arc;

/// How the library is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Newest,
    Participant,
    Untagged,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Newest => Sort::Participant,
            Sort::Participant => Sort::Untagged,
            Sort::Untagged => Sort::Newest,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Newest => "newest first",
            Sort::Participant => "by participant",
            Sort::Untagged => "most untagged first",
        }
    }
}

/// A tag or a segment the library is narrowed to: the `f` picker's rows,
/// written into the filter line as `tag:…` or `segment:…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Facet {
    Tag(String),
    Segment(String),
}

impl Facet {
    pub fn label(&self) -> String {
        match self {
            Facet::Tag(t) => format!("#{t}"),
            Facet::Segment(s) => format!("segment: {s}"),
        }
    }
}

/// The library's view settings: the filter line typed in `/` (the language
/// of `analysis::synthesis::filter_line`), the sort, the `f` picker.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LibraryView {
    pub filter: TextInput,
    /// The filter field has the focus.
    pub filtering: bool,
    /// The filter in force: the last line that was read without error.
    pub applied: Filter,
    /// Why the line as typed was rejected; `applied` stays as it was.
    pub error: Option<String>,
    /// The filter in force when the field opened (or at the last Enter that
    /// read): what a line rejected on Enter leaves in force.
    pub committed: Filter,
    pub sort: Sort,
    /// The facet picker is open: what is typed, and the highlighted row.
    pub picking: Option<(TextInput, usize)>,
    /// Which reading of the library the rows are of: moved by the app
    /// whenever its rows change ([`LibraryView::library_changed`]).
    pub library_version: u64,
    /// The last question put to the note search, so each is asked once.
    pub asked: Option<NoteQuery>,
    /// The note search's last answer.
    pub found: Option<NotesFound>,
    rows: RowsCache,
}

/// What the visible rows were computed from.
#[derive(Debug, Clone, PartialEq)]
struct RowsKey {
    filter: Filter,
    sort: Sort,
    sessions: (usize, usize),
    library_version: u64,
    /// Whether the note search's answer for the filter's free words was in.
    notes_known: bool,
}

/// The visible rows, kept until what they were computed from changes.
/// Not part of what the view is: a copy starts empty, and two views with
/// the same settings are equal whatever either has kept.
#[derive(Debug, Default)]
struct RowsCache(RefCell<Option<(RowsKey, Arc<Vec<usize>>)>>);

impl Clone for RowsCache {
    fn clone(&self) -> Self {
        RowsCache::default()
    }
}

impl PartialEq for RowsCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl LibraryView {
    /// Reads the line again: narrows as it is typed, and keeps the filter in
    /// force, with the error, while the line does not read.
    pub fn reread(&mut self, today: NaiveDate) {
        match parse_filter(self.filter.text(), today) {
            Ok(f) => {
                self.applied = f;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// Puts `key:value` in the line in place of any word with that key
    /// (`None` takes it out), as the `f` picker does.
    pub fn set_key(&mut self, key: &str, value: Option<&str>, today: NaiveDate) {
        let mut f = self.applied.clone();
        let slot = if key == "tag" { &mut f.tag } else { &mut f.segment };
        *slot = value.map(str::to_string);
        self.filter = TextInput::with_text(&filter_line(&f));
        self.reread(today);
        self.committed = self.applied.clone();
    }

    /// Indices into `lib.sessions` of what the library shows, in order.
    /// Unreadable files always stay listed (at the end), so they never vanish.
    /// Computed once per change of filter, sort, library or note answer;
    /// while the notes are being searched, the rows shown before stay.
    pub fn visible(&self, lib: &Library) -> Arc<Vec<usize>> {
        let key = self.rows_key(lib);
        let mut cache = self.rows.0.borrow_mut();
        if let Some((k, rows)) = cache.as_ref() {
            let same_library = k.sessions == key.sessions && k.library_version == key.library_version;
            if *k == key || (same_library && self.notes_pending()) {
                return rows.clone();
            }
        }
        let rows = Arc::new(self.compute_rows(lib));
        *cache = Some((key, rows.clone()));
        rows
    }

    fn rows_key(&self, lib: &Library) -> RowsKey {
        RowsKey {
            filter: self.applied.clone(),
            sort: self.sort,
            sessions: (lib.sessions.len(), lib.sessions.as_ptr() as usize),
            library_version: self.library_version,
            notes_known: !self.notes_pending(),
        }
    }

    /// The rows as `visible` gives them, computed afresh.
    pub fn compute_rows(&self, lib: &Library) -> Vec<usize> {
        let mut ok: Vec<(usize, &SessionInfo)> = Vec::new();
        let mut broken: Vec<usize> = Vec::new();
        for (i, s) in lib.sessions.iter().enumerate() {
            let Ok(info) = &s.info else {
                broken.push(i);
                continue;
            };
            if self.applied.keeps(&self.row(&s.id, info)) {
                ok.push((i, info));
            }
        }
        match self.sort {
            Sort::Newest => ok.sort_by_key(|(_, i)| std::cmp::Reverse(i.started_at)),
            Sort::Participant => ok.sort_by_key(|(_, i)| i.participant.to_lowercase()),
            Sort::Untagged => ok.sort_by_key(|(_, i)| std::cmp::Reverse(i.untagged)),
        }
        ok.into_iter().map(|(i, _)| i).chain(broken).collect()
    }

    /// A row as the filter reads it, with what the note search found in its
    /// notes (nothing until the answer for these words is in).
    pub fn row<'a>(&'a self, id: &str, info: &'a SessionInfo) -> Row<'a> {
        let notes = match &self.found {
            Some(f) if Some(&f.query) == self.note_query().as_ref() => f.in_notes.get(id).map_or("", String::as_str),
            _ => "",
        };
        Row { info, notes }
    }

    /// The question the filter's free words put to the note search, if any.
    pub fn note_query(&self) -> Option<NoteQuery> {
        (!normalized(&self.applied.words).is_empty())
            .then(|| NoteQuery { words: self.applied.words.clone(), library: self.library_version })
    }

    /// The question to ask now, once: `None` when there is none or it was asked.
    pub fn take_note_query(&mut self) -> Option<NoteQuery> {
        let query = self.note_query();
        if query.is_none() || query == self.asked {
            return None;
        }
        self.asked = query.clone();
        query
    }

    /// Free words wait for the note search's answer.
    pub fn notes_pending(&self) -> bool {
        self.note_query().is_some_and(|q| self.found.as_ref().is_none_or(|f| f.query != q))
    }

    /// The note search answered; an answer to an older question is dropped.
    pub fn notes_found(&mut self, found: NotesFound) {
        if Some(&found.query) == self.note_query().as_ref() {
            self.found = Some(found);
        }
    }

    /// The library's rows changed (read again, a row refreshed): the rows
    /// shown are computed again, and free words are searched in the new notes.
    pub fn library_changed(&mut self) {
        self.library_version += 1;
    }

    /// Tags and segments to narrow the library to, matching what is typed in
    /// the picker, with how many sessions each covers.
    pub fn facets(&self, lib: &Library) -> Vec<(Facet, usize)> {
        use fuzzy_matcher::FuzzyMatcher;
        let mut counts: Vec<(Facet, usize)> = Vec::new();
        let mut bump = |f: Facet| match counts.iter_mut().find(|(x, _)| *x == f) {
            Some((_, n)) => *n += 1,
            None => counts.push((f, 1)),
        };
        for info in lib.sessions.iter().filter_map(|s| s.info.as_ref().ok()) {
            for (t, _) in &info.tags {
                bump(Facet::Tag(t.clone()));
            }
            if let Some(seg) = &info.segment {
                bump(Facet::Segment(seg.clone()));
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.label().cmp(&b.0.label())));
        let typed = self.picking.as_ref().map(|(t, _)| t.text().trim().to_string()).unwrap_or_default();
        if typed.is_empty() {
            return counts;
        }
        let matcher = fuzzy_matcher::skim::SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, (Facet, usize))> =
            counts.into_iter().filter_map(|f| Some((matcher.fuzzy_match(&f.0.label(), &typed)?, f))).collect();
        scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
        scored.into_iter().map(|(_, f)| f).collect()
    }
}
