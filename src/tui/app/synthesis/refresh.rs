//! The screen's side of the worker: asking for new figures (a `Job`, handed
//! to the main loop through `take_job`) and taking them when they come
//! (`computed`). Between the two the old figures stay, with the records and
//! the filter they were computed from, and the screen says it is updating.

use super::compute::{Answer, Job, Litter, Search, Searched, Whole, options};
use super::{SynthScreen, Tab};
use crate::analysis::anonymize::Anonymizer;
use crate::analysis::synthesis::NoteRef;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The job asked and not answered yet, and what its answer brings along.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Waiting {
    pub number: u64,
    /// A whole synthesis (else a search alone).
    pub whole: bool,
    pub then: Then,
}

/// What to do with the highlight once the new figures are in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Then {
    /// The filter changed: every list starts again from the top (or on the
    /// tag the filter keeps).
    pub from_top: bool,
    /// A note was starred: the evidence highlight follows it.
    pub follow: Option<NoteRef>,
}

/// Job numbers never repeat, even across synthesis screens opened one after
/// another: a late answer to a closed screen's question is never taken.
fn next_number() -> u64 {
    static LAST: AtomicU64 = AtomicU64::new(0);
    LAST.fetch_add(1, Ordering::Relaxed) + 1
}

impl SynthScreen {
    /// Asks for the synthesis (and the search) to be run again over the
    /// newest records: the answer comes back through `computed`.
    pub fn recompute(&mut self) {
        self.ask_whole(Then::default());
    }

    /// A newer question replaces the one waiting, keeping what its answer
    /// was to bring along (a filter change, then a star: both hold).
    pub(super) fn ask_whole(&mut self, then: Then) {
        let Some(data) = self.arriving.clone().or_else(|| self.data.clone()) else { return };
        let then = match self.waiting.take() {
            Some(w) if w.whole => {
                Then { from_top: w.then.from_top || then.from_top, follow: then.follow.or(w.then.follow) }
            }
            _ => then,
        };
        self.asked = next_number();
        self.waiting = Some(Waiting { number: self.asked, whole: true, then });
        let opts = options(self.by, self.matrix_ranking);
        let codebook = self.grouping.codebook.clone();
        self.job = Some(Job::whole(self.asked, data, self.filter.clone(), opts, codebook, self.search_asked()));
    }

    /// Searches for the query typed, in the pools of the figures shown.
    /// While a whole synthesis is under way there is nothing to ask: it
    /// searches with its new pools, and again if the query moved on.
    pub(super) fn run_search(&mut self) {
        if self.waiting.is_some_and(|w| w.whole) {
            return;
        }
        let Some(data) = self.data.clone() else { return };
        self.asked = next_number();
        self.waiting = Some(Waiting { number: self.asked, whole: false, then: Then::default() });
        self.job = Some(Job::search(self.asked, data, self.pools.clone(), self.search_asked()));
    }

    fn search_asked(&self) -> Search {
        Search {
            query: self.query.text().to_string(),
            with_transcripts: self.with_transcripts,
            matched: self.matched.clone(),
        }
    }

    /// The job asked by the last update, for the main loop to run.
    pub fn take_job(&mut self) -> Option<Job> {
        let mut job = self.job.take()?;
        job.litter = Arc::new(std::mem::take(&mut self.litter));
        Some(job)
    }

    /// New figures (or search results) were asked and have not come yet:
    /// the ones on screen are the previous ones.
    pub fn updating(&self) -> bool {
        self.waiting.is_some()
    }

    /// New figures were asked and have not come yet (a search alone leaves
    /// the figures as they are).
    pub fn updating_figures(&self) -> bool {
        self.waiting.is_some_and(|w| w.whole)
    }

    /// Runs the job asked, here, and takes its answer: what the main loop
    /// and its worker do, for tests and benchmarks.
    pub fn settle(&mut self) {
        while let Some(job) = self.take_job() {
            self.computed(job.run());
        }
    }

    /// A job's answer: taken only if it answers the newest question asked,
    /// else dropped (a newer one is on its way).
    pub fn computed(&mut self, c: super::compute::Computed) {
        let Some(waiting) = self.waiting.filter(|w| w.number == c.number) else { return };
        self.waiting = None;
        match c.answer {
            Answer::Failed => {
                self.message = Some("Could not update the figures (internal error): r reads the library again.".into())
            }
            Answer::Search(found) => {
                self.take_found(found);
                let len = self.len(Tab::Search);
                let row = &mut self.rows[Tab::Search.index()];
                *row = (*row).min(len.saturating_sub(1));
            }
            Answer::Whole(whole) => self.take_whole(*whole, waiting.then),
        }
    }

    fn take_found(&mut self, found: Searched) {
        let hits = std::mem::replace(&mut self.hits, found.hits);
        let matched = std::mem::replace(&mut self.matched, found.matched);
        let lines = std::mem::replace(&mut self.line_hits, found.line_hits);
        self.litter.push(Litter::of((hits, matched, lines)));
    }

    /// New figures: shown with the records and filter they came from, the
    /// highlight kept (clamped), or moved as the question asked.
    fn take_whole(&mut self, whole: Whole, then: Then) {
        let Whole { data, filter, result, rollup, pools, found } = whole;
        self.anon = self.anonymize.then(|| Anonymizer::new(&data.records));
        self.data = Some(data);
        self.arriving = None;
        self.grouping.refreshed(rollup);
        let old = (self.result.replace(result), std::mem::replace(&mut self.pools, pools));
        self.litter.push(Litter::of(old));
        self.result_filter = filter;
        self.generation += 1;
        let searched = found.query.clone();
        self.take_found(found);
        if then.from_top {
            self.rows = [0; 7];
            self.evidence = 0;
            self.highlight_filtered_tag();
        }
        for tab in Tab::ALL {
            let len = self.len(tab);
            let row = &mut self.rows[tab.index()];
            *row = (*row).min(len.saturating_sub(1));
        }
        self.skip_heading(1);
        self.evidence = self.evidence.min(self.evidence_refs().len().saturating_sub(1));
        if let Some(at) = then.follow
            && let Some(k) = self.evidence_refs().iter().position(|r| *r == at)
        {
            self.evidence = k;
        }
        // Typed on while the synthesis ran: search for what is there now.
        if searched != self.query.text() {
            self.run_search();
        }
    }

    /// Where the lists are of tags, the highlight goes to the tag the filter
    /// keeps, so it shows what was asked for.
    fn highlight_filtered_tag(&mut self) {
        let wanted = self.filter.tag.as_deref().map(|t| t.trim().trim_start_matches('#').to_lowercase());
        if let (Some(tag), Some(s)) = (wanted, &self.result) {
            let tag_rows = !self.grouping.on;
            if let Some(i) = s.themes.iter().position(|t| tag_rows && t.tag.to_lowercase() == tag) {
                self.rows[Tab::Themes.index()] = i;
            }
            if let Some(i) = s.pain_points.iter().position(|p| p.tag.to_lowercase() == tag) {
                self.rows[Tab::Pains.index()] = i;
            }
        }
    }
}
