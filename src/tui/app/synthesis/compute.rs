//! The screen's heavy work as data: what the synthesis and the search need
//! (`Job`), run by the main loop on a worker thread (`Job::run`), and what
//! comes back (`Computed`). A key only asks: the filter line or the query
//! changes at once, the old figures stay on screen marked as updating, and
//! the new ones replace them when they arrive. Every job has a number; only
//! the answer to the newest one asked is taken, so a late answer to an older
//! question is never shown.

use super::{MATRIX_THEMES, SEARCH_LIMIT, SynthData, TOP_PAIRS};
use crate::analysis::codebook::rollup::{ThemeRollup, roll_up};
use crate::analysis::search::{Found, Hit, narrows, search_pool, search_within};
use crate::analysis::synthesis::{Filter, Options, Synthesis, synthesize};
use crate::analysis::transcript::search::{TranscriptHit, line_pool};
use crate::domain::codebook::Codebook;
use std::sync::Arc;

/// The last query searched and everything it matched: where a query with
/// more words looks (`narrows`).
pub(super) type Matched = (String, Arc<Vec<Found>>);

/// A computation for the worker. It holds what it reads (shared, never
/// copied), so the screen goes on answering keys meanwhile.
#[derive(Clone)]
pub struct Job {
    /// Its number: the screen takes only the answer to the newest.
    pub number: u64,
    work: Work,
    /// Figures the screen replaced since its last job, freed by the worker:
    /// at 100,000 notes freeing them takes the UI thread about a millisecond.
    pub(super) litter: Arc<Vec<Litter>>,
}

/// What an answer replaced on screen, held only to be freed off the UI thread.
pub(super) struct Litter {
    _held: Box<dyn std::any::Any + Send + Sync>,
}

impl Litter {
    pub(super) fn of(held: impl std::any::Any + Send + Sync) -> Litter {
        Litter { _held: Box::new(held) }
    }
}

#[derive(Clone)]
enum Work {
    /// A new filter, view, star or library: the synthesis, the pools the
    /// search looks in, and the search of the query typed.
    Whole { data: Arc<SynthData>, filter: Filter, opts: Options, codebook: Option<Arc<Codebook>>, search: Search },
    /// A query typed: the search alone, in the pools of the figures shown.
    Search { data: Arc<SynthData>, pools: Pools, search: Search },
}

/// What a search looks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Search {
    pub query: String,
    pub with_transcripts: bool,
    pub matched: Option<Matched>,
}

/// Where a search looks, computed with the synthesis for its filter.
#[derive(Clone, Debug, Default)]
pub(super) struct Pools {
    /// Every note the filter keeps, in search order.
    pub notes: Arc<Vec<Found>>,
    /// Where each indexed transcript line stands among those the filter
    /// keeps (newest interview first; `u32::MAX`: left out).
    pub line_ranks: Arc<Vec<u32>>,
}

/// The answer to a job.
#[derive(Debug)]
pub struct Computed {
    /// The number of the job it answers.
    pub number: u64,
    pub(super) answer: Answer,
}

#[derive(Debug)]
pub(super) enum Answer {
    Whole(Box<Whole>),
    Search(Searched),
    /// The computation panicked: the screen stops waiting and says so.
    Failed,
}

/// The synthesis and everything derived from it, with the records it read.
#[derive(Debug)]
pub(super) struct Whole {
    pub data: Arc<SynthData>,
    pub filter: Filter,
    pub result: Synthesis,
    pub rollup: Vec<ThemeRollup>,
    pub pools: Pools,
    pub found: Searched,
}

/// What a search found, and for which query.
#[derive(Debug, Default)]
pub(super) struct Searched {
    pub query: String,
    pub hits: Vec<Hit>,
    pub matched: Option<Matched>,
    pub line_hits: Vec<TranscriptHit>,
}

impl Job {
    pub(super) fn whole(
        number: u64,
        data: Arc<SynthData>,
        filter: Filter,
        opts: Options,
        codebook: Option<Arc<Codebook>>,
        search: Search,
    ) -> Job {
        Job { number, work: Work::Whole { data, filter, opts, codebook, search }, litter: Arc::default() }
    }

    pub(super) fn search(number: u64, data: Arc<SynthData>, pools: Pools, search: Search) -> Job {
        Job { number, work: Work::Search { data, pools, search }, litter: Arc::default() }
    }

    /// Whether this is a whole synthesis (else a search alone).
    pub fn is_whole(&self) -> bool {
        matches!(self.work, Work::Whole { .. })
    }

    /// Does the work: on the worker thread in the app, inline in tests.
    pub fn run(self) -> Computed {
        self.run_unless(|| false).expect("never abandoned")
    }

    /// As `run`, abandoned (`None`) between its steps once `superseded`
    /// says a newer job was asked: its answer would be dropped anyway.
    pub fn run_unless(self, mut superseded: impl FnMut() -> bool) -> Option<Computed> {
        let litter = self.litter;
        let answer = match self.work {
            Work::Whole { data, filter, opts, codebook, search } => {
                // The search pools do not depend on the figures: made on the
                // other core meanwhile, with what the last answer replaced
                // freed there first (a tenth of the figures' wait, done apart).
                let (result, (notes, line_ranks)) = std::thread::scope(|both| {
                    let pools = both.spawn(|| {
                        drop(litter);
                        let notes = search_pool(&data.records, &filter);
                        let lines = line_pool(&data.records, &filter, &data.transcripts);
                        (notes, data.line_index.ranks(&lines))
                    });
                    let result = synthesize(&data.records, &data.guides, &filter, &opts);
                    (result, pools.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                });
                if superseded() {
                    return None;
                }
                let rollup = codebook.as_deref().map(|c| roll_up(&result, c)).unwrap_or_default();
                let pools = Pools { notes: Arc::new(notes), line_ranks: Arc::new(line_ranks) };
                // A new pool: the last query's matches are no place to look.
                let found = find(&data, &pools, Search { matched: None, ..search });
                Answer::Whole(Box::new(Whole { data, filter, result, rollup, pools, found }))
            }
            Work::Search { data, pools, search } => {
                drop(litter);
                Answer::Search(find(&data, &pools, search))
            }
        };
        Some(Computed { number: self.number, answer })
    }

    /// The answer when the work panicked, so the screen never waits for ever.
    pub fn failed(number: u64) -> Computed {
        Computed { number, answer: Answer::Failed }
    }
}

/// The options of the synthesis the screen shows.
pub(super) fn options(
    by: crate::analysis::synthesis::Dimension,
    ranking: crate::analysis::synthesis::MatrixRanking,
) -> Options {
    Options { by, matrix_themes: MATRIX_THEMES, matrix_ranking: ranking, top_pairs: TOP_PAIRS }
}

/// Searches for the query, among the last query's matches when it only
/// gained words, else among everything the filter keeps; and the transcript
/// lines, when they are included.
fn find(data: &SynthData, pools: &Pools, search: Search) -> Searched {
    let query = search.query.trim().to_string();
    let pool = match &search.matched {
        Some((last, matched)) if narrows(last, &query) => matched,
        _ => &pools.notes,
    };
    let (hits, matched) = search_within(&data.records, pool, &query, SEARCH_LIMIT);
    let line_hits = if search.with_transcripts {
        data.line_index.search(&data.transcripts, &pools.line_ranks, &query, SEARCH_LIMIT)
    } else {
        Vec::new()
    };
    Searched { query: search.query, hits, matched: Some((query, Arc::new(matched))), line_hits }
}

// Effects are compared in tests; a job is known by its number and its kind
// (what it reads is shared, not compared).
impl PartialEq for Job {
    fn eq(&self, other: &Job) -> bool {
        self.number == other.number && self.is_whole() == other.is_whole()
    }
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.is_whole() { "synthesis" } else { "search" };
        write!(f, "Job {{ number: {}, {kind} }}", self.number)
    }
}
