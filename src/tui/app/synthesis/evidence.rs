//! The evidence pane: the notes behind the highlighted row (kept between
//! frames), Enter from a row to its notes and from a note to its session,
//! and starring a note as key evidence (with `u` to take it back). Separate
//! because it is the one part of the screen that reaches into note files.

use super::{CoverageRow, Focus, Jump, Outcome, PairRow, StarChange, SynthScreen, Tab};
use crate::analysis::synthesis::{self, NoteRef, SessionRecord};
use std::rc::Rc;

impl SynthScreen {
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
            Tab::Themes => self.themes_evidence(row),
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
                            let tagged = |t: &str| self.result_filter.notes_of(r).any(|(_, n)| has(r, n, t));
                            tagged(&p.a) && tagged(&p.b)
                        })
                        .collect();
                    let mut out = Vec::new();
                    for si in both {
                        let r = &records[si];
                        for (ni, n) in self.result_filter.notes_of(r) {
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
            for (ni, n) in self.result_filter.notes_of(r) {
                if keep(r, n) {
                    out.push(NoteRef { session: si, note: ni });
                }
            }
        }
        out
    }

    /// Whether the highlighted row has notes behind it to open.
    pub(super) fn has_evidence(&self) -> bool {
        matches!(self.tab, Tab::Themes | Tab::Pains | Tab::Pairs | Tab::Coverage) && !self.evidence_refs().is_empty()
    }

    pub(super) fn jump(&self, at: NoteRef) -> Outcome {
        match self.data.as_ref().and_then(|d| d.paths.get(at.session)) {
            Some(path) => Outcome::Open(Jump { path: path.clone(), note: Some(at.note), recording_secs: None }),
            None => Outcome::None,
        }
    }

    /// `*` in the evidence: star the highlighted note in its file, or take
    /// the star off. The main loop writes it (`Effect::SetStarred`) and says
    /// when it is saved (`star_saved`).
    pub(super) fn toggle_star(&mut self) -> Outcome {
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
    pub(super) fn undo_star(&mut self) -> Outcome {
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
    ///
    /// The star is set at once in the records shown (and in a load still
    /// waiting for its figures); the new order comes with the figures
    /// computed over them, which replace any computation under way.
    pub fn star_saved(&mut self, change: &StarChange) {
        let mut at = None;
        for data in [&mut self.data, &mut self.arriving].into_iter().flatten() {
            let Some(session) = data.paths.iter().position(|p| *p == change.path) else { continue };
            if data.records[session].notes.get(change.index).is_none() {
                continue;
            }
            // Copied only if the worker still reads these records.
            let data = std::sync::Arc::make_mut(data);
            data.records[session].notes[change.index].starred = change.starred;
            // Where it stands in the newest records: those the next figures read.
            at = Some(NoteRef { session, note: change.index });
        }
        let Some(at) = at else { return };
        self.ask_whole(super::refresh::Then { from_top: false, follow: Some(at) });
        self.message =
            Some(if change.starred { "Starred: key evidence, first in reports." } else { "Star removed." }.into());
    }

    /// Enter: from a row to its evidence, from a note to where it was taken.
    pub(super) fn open(&mut self) -> Outcome {
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
                    Some(path) => Outcome::Open(Jump { path: path.clone(), note: None, recording_secs: None }),
                    None => Outcome::None,
                }
            }
            Tab::Search if self.line_hit(self.row()).is_some() => match self.line_hit(self.row()) {
                Some(hit) => self.open_line(hit),
                None => Outcome::None,
            },
            Tab::Search => match self.hits.get(self.row()).map(|h| h.at) {
                Some(crate::analysis::search::Found::Note(at)) => self.jump(at),
                // A closing answer or summary: the session, from its start.
                Some(found) => match self.data.as_ref().and_then(|d| d.paths.get(found.session())) {
                    Some(path) => Outcome::Open(Jump { path: path.clone(), note: None, recording_secs: None }),
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
}

fn has(r: &SessionRecord, n: &synthesis::NoteRecord, tag: &str) -> bool {
    r.tags_of(n).any(|t| t == tag)
}
