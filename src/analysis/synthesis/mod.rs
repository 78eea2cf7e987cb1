//! What the interviews say together: themes with their evidence, pain points, a
//! segment × theme matrix, tag co-occurrence, closing answers and question
//! coverage, all over compact [`SessionRecord`]s (searched by words in
//! `analysis::search`, which uses these records and filters, not the reverse).
//!
//! Pure: no I/O, no terminal. `cli/synth.rs` loads records (through the cache in
//! `store/cache/`), and `analysis::report` formats what [`synthesize`] and
//! `analysis::search::search` return; a TUI
//! screen calls the same two functions with its own [`Filter`] and draws the data.
//! Every note is pointed at by a [`NoteRef`] (index of the session in the slice
//! given, index of the note in that session's file), so a screen can jump to it.
//!
//! Filters: date range, segment, guide and participant select sessions; a tag
//! selects notes (those carrying it), and then only sessions with such a note
//! count. So `--tag pricing` answers "what do the pricing notes say": every
//! count, share and matrix cell is about notes carrying `pricing`.
//!
//! One file per view: `records.rs` (what a session holds), `filter.rs` (what
//! to look at), `filter_line.rs` (the one filter language, read and written), `themes.rs` (themes, pains and the order of evidence),
//! `matrix.rs`, `pairs.rs`, `closing.rs` and `coverage.rs`; this file runs
//! them all in one pass ([`synthesize`]).

mod closing;
mod coverage;
mod filter;
mod filter_line;
#[cfg(test)]
mod fixtures;
mod matrix;
mod pairs;
mod records;
mod themes;

pub use closing::ClosingAnswer;
pub use coverage::{GuideCoverage, QuestionCoverage};
pub use filter::{Dimension, Filter, Filterable, notes_text_lower};
pub use filter_line::{FILTER_EXAMPLE, FILTER_KEYS, date as filter_date, filter_line, parse_filter};
pub use matrix::{MIN_GROUP, Matrix, MatrixRanking, MatrixRow};
pub use pairs::Pair;
pub use records::{NoteRecord, NoteRef, SessionRecord, session_tag_ranking};
pub use themes::{PainPoint, TagCount, Theme, curate, evidence_rank, pick, pick_curated};

use crate::domain::guide::Guide;
use crate::domain::note::Kind;
use chrono::NaiveDate;
use coverage::coverage;
use matrix::build_matrix;
use pairs::PairCounter;
use records::len32;
use themes::kind_index;

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub by: Dimension,
    /// Columns of the matrix: this many themes, picked by `matrix_ranking`.
    pub matrix_themes: usize,
    pub matrix_ranking: MatrixRanking,
    /// Co-occurring pairs kept, of each kind.
    pub top_pairs: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { by: Dimension::Segment, matrix_themes: 8, matrix_ranking: MatrixRanking::default(), top_pairs: 20 }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Synthesis {
    /// The sessions kept, oldest first: indices into the records.
    pub selected: Vec<usize>,
    /// Notes kept.
    pub notes: usize,
    /// Notes kept that carry no tag.
    pub untagged: usize,
    /// Every tag, most notes first, then by name.
    pub tags: Vec<TagCount>,
    /// Every tag, most sessions first, then most notes, then by name.
    pub themes: Vec<Theme>,
    /// Tags of pain notes, most sessions first, then most pains, then by name.
    pub pain_points: Vec<PainPoint>,
    /// Pain notes with no tag, oldest first.
    pub untagged_pains: Vec<NoteRef>,
    pub matrix: Matrix,
    /// Tag pairs on the same note, most first (then by names), at most `top_pairs`.
    pub note_pairs: Vec<Pair>,
    /// Tag pairs in the same session, most first (then by names), at most `top_pairs`.
    pub session_pairs: Vec<Pair>,
    /// Newest first.
    pub closing_answers: Vec<ClosingAnswer>,
    /// Most sessions first, then by guide name.
    pub coverage: Vec<GuideCoverage>,
}

impl Synthesis {
    pub fn sessions(&self) -> usize {
        self.selected.len()
    }

    /// First and last day of the sessions kept.
    pub fn date_range(&self, records: &[SessionRecord]) -> Option<(NaiveDate, NaiveDate)> {
        let first = records[*self.selected.first()?].date();
        let last = self.selected.iter().map(|&i| records[i].date()).max()?;
        Some((first.min(last), last))
    }

    pub fn theme(&self, tag: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.tag == tag)
    }
}

/// Share as a fraction, 0 when there is nothing to divide by (`figures::Share::fraction`;
/// percents and bars shown to people come from `figures` too).
pub fn share(part: usize, whole: usize) -> f64 {
    crate::analysis::figures::Share::of(part, whole).fraction()
}

#[derive(Default)]
struct TagAcc {
    notes: usize,
    sessions: usize,
    last: usize,
    kinds: [usize; 6],
    /// By `evidence_rank`, each oldest first.
    evidence: [Vec<NoteRef>; 6],
    pains: Vec<NoteRef>,
    pain_sessions: usize,
    pain_last: usize,
    /// Sessions whose closing answer carries the tag, oldest first.
    closing: Vec<usize>,
}

/// FNV-1a, for the tag table: short keys, no untrusted-input flooding concern
/// worth SipHash's cost (a hostile library can only slow its own synthesis).
#[derive(Default, Clone, Copy)]
struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Fnv = std::hash::BuildHasherDefault<FnvHasher>;

/// Every view at once, over the sessions and notes `filter` keeps. `guides` are
/// the guides sessions name (those not given get coverage from note ids alone).
pub fn synthesize(records: &[SessionRecord], guides: &[Guide], filter: &Filter, opts: &Options) -> Synthesis {
    let selected = filter.select(records);
    // Coverage walks the sessions by guide, apart from everything counted
    // by tag: on the other core meanwhile (an eighth of a synthesis).
    std::thread::scope(|both| {
        let covered = both.spawn(|| coverage(records, &selected, guides, filter));
        let mut s = by_tag(records, filter, opts, selected.clone());
        s.coverage = covered.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        s
    })
}

/// Everything but the coverage, over the sessions `selected`.
fn by_tag(records: &[SessionRecord], filter: &Filter, opts: &Options, selected: Vec<usize>) -> Synthesis {
    let mut ids: HashMap<&str, u32, Fnv> = HashMap::default();
    let mut names: Vec<&str> = Vec::new();
    let mut acc: Vec<TagAcc> = Vec::new();
    let mut session_tags: Vec<Vec<u32>> = Vec::with_capacity(selected.len());
    // Tag ids of notes with two tags or more, each list sorted, back to back, for pair counts.
    let mut note_lists: Vec<u32> = Vec::new();
    let mut note_list_ends: Vec<usize> = Vec::new();
    let mut notes = 0;
    let mut untagged = 0;
    let mut untagged_pains = Vec::new();
    let mut closing_answers = Vec::new();
    let mut on_note: Vec<u32> = Vec::new();
    // The session's tag indices → ids in the whole synthesis, made as tags are met.
    let mut global: Vec<u32> = Vec::new();
    for (pos, &si) in selected.iter().enumerate() {
        let s = &records[si];
        let mut here: Vec<u32> = Vec::new();
        global.clear();
        global.resize(s.tags.len(), u32::MAX);
        for (ni, n) in filter.notes_of(s) {
            notes += 1;
            let r = NoteRef { session: si, note: ni };
            let pain = n.kind == Kind::Pain;
            let local = s.tag_ids(n);
            if local.is_empty() {
                untagged += 1;
                if pain {
                    untagged_pains.push(r);
                }
                continue;
            }
            on_note.clear();
            for &l in local {
                let mut id = global[l as usize];
                if id == u32::MAX {
                    let t = s.tags[l as usize].as_str();
                    id = *ids.entry(t).or_insert_with(|| {
                        names.push(t);
                        acc.push(TagAcc { last: usize::MAX, pain_last: usize::MAX, ..TagAcc::default() });
                        len32(names.len() - 1)
                    });
                    global[l as usize] = id;
                }
                on_note.push(id);
                let a = &mut acc[id as usize];
                a.notes += 1;
                a.kinds[kind_index(n.kind)] += 1;
                a.evidence[usize::from(evidence_rank(n.kind))].push(r);
                if a.last != pos {
                    a.last = pos;
                    a.sessions += 1;
                    here.push(id);
                }
                if pain {
                    a.pains.push(r);
                    if a.pain_last != pos {
                        a.pain_last = pos;
                        a.pain_sessions += 1;
                    }
                }
            }
            if on_note.len() > 1 {
                on_note.sort_unstable();
                note_lists.extend_from_slice(&on_note);
                note_list_ends.push(note_lists.len());
            }
        }
        if s.closing_answer.is_some() {
            // The answer's own tags first, then the rest of the session's.
            let mut tags = s.closing_tags.clone();
            tags.extend(session_tag_ranking(s).into_iter().filter(|t| !s.closing_tags.contains(t)));
            closing_answers.push(ClosingAnswer { session: si, tags });
        }
        if filter.keeps_closing(s) {
            for t in &s.closing_tags {
                let id = *ids.entry(t.as_str()).or_insert_with(|| {
                    names.push(t.as_str());
                    acc.push(TagAcc { last: usize::MAX, pain_last: usize::MAX, ..TagAcc::default() });
                    len32(names.len() - 1)
                });
                let a = &mut acc[id as usize];
                a.closing.push(si);
                if a.last != pos {
                    a.last = pos;
                    a.sessions += 1;
                    here.push(id);
                }
            }
        }
        here.sort_unstable();
        session_tags.push(here);
    }

    let mut note_pairs = PairCounter::new(names.len());
    let mut start = 0;
    for &end in &note_list_ends {
        note_pairs.add_all(&note_lists[start..end]);
        start = end;
    }
    let mut session_pairs = PairCounter::new(names.len());
    for l in &session_tags {
        session_pairs.add_all(l);
    }

    let mut by_notes: Vec<u32> = (0..names.len() as u32).collect();
    by_notes.sort_by(|&a, &b| {
        acc[b as usize].notes.cmp(&acc[a as usize].notes).then_with(|| names[a as usize].cmp(names[b as usize]))
    });
    let tags = by_notes
        .iter()
        .map(|&i| TagCount {
            tag: names[i as usize].to_string(),
            notes: acc[i as usize].notes,
            sessions: acc[i as usize].sessions,
        })
        .collect();
    let mut by_sessions: Vec<u32> = (0..names.len() as u32).collect();
    by_sessions.sort_by(|&a, &b| {
        let (x, y) = (&acc[a as usize], &acc[b as usize]);
        y.sessions.cmp(&x.sessions).then(y.notes.cmp(&x.notes)).then_with(|| names[a as usize].cmp(names[b as usize]))
    });

    let every_theme = build_matrix(records, &selected, &session_tags, &by_sessions, &names, opts.by);
    let matrix = every_theme.ranked(opts.matrix_ranking, opts.matrix_themes);

    let mut pain_ids: Vec<u32> = (0..names.len() as u32).filter(|&i| !acc[i as usize].pains.is_empty()).collect();
    pain_ids.sort_by(|&a, &b| {
        let (x, y) = (&acc[a as usize], &acc[b as usize]);
        y.pain_sessions
            .cmp(&x.pain_sessions)
            .then(y.pains.len().cmp(&x.pains.len()))
            .then_with(|| names[a as usize].cmp(names[b as usize]))
    });
    let mut newness = vec![0usize; records.len()];
    for (pos, &si) in selected.iter().enumerate() {
        newness[si] = pos;
    }
    // Evidence comes from the sessions selected only: only theirs are looked at.
    let mut with_stars = vec![false; records.len()];
    for &si in &selected {
        with_stars[si] = records[si].notes.iter().any(|n| n.starred);
    }
    let mut in_pain_session = vec![false; records.len()];
    let pain_points = pain_ids
        .iter()
        .map(|&i| {
            let a = &acc[i as usize];
            for r in &a.pains {
                in_pain_session[r.session] = true;
            }
            let quotes = a.evidence[usize::from(evidence_rank(Kind::Quote))]
                .iter()
                .copied()
                .filter(|r| in_pain_session[r.session])
                .collect();
            for r in &a.pains {
                in_pain_session[r.session] = false;
            }
            PainPoint {
                tag: names[i as usize].to_string(),
                notes: a.pains.len(),
                sessions: a.pain_sessions,
                pains: curate(a.pains.clone(), records, &newness, &with_stars),
                quotes: curate(quotes, records, &newness, &with_stars),
            }
        })
        .collect();

    let themes = by_sessions
        .iter()
        .map(|&i| {
            let a = &mut acc[i as usize];
            let evidence = curate(std::mem::take(&mut a.evidence).concat(), records, &newness, &with_stars);
            let closing = a.closing.iter().rev().copied().collect();
            Theme {
                tag: names[i as usize].to_string(),
                notes: a.notes,
                sessions: a.sessions,
                kinds: a.kinds,
                evidence,
                closing,
            }
        })
        .collect();

    Synthesis {
        notes,
        untagged,
        tags,
        themes,
        pain_points,
        untagged_pains,
        matrix,
        note_pairs: note_pairs.top(&names, opts.top_pairs),
        session_pairs: session_pairs.top(&names, opts.top_pairs),
        closing_answers: closing_answers.into_iter().rev().collect(),
        coverage: Vec::new(),
        selected,
    }
}

// ---------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    // Search over the same records (its own rules are tested in `search.rs`).
    use crate::analysis::search::search;
    use crate::analysis::synthesis::fixtures::library;
    use crate::domain::session::Offset;

    #[test]
    fn search_ranks_and_gives_char_indices() {
        let r = library();
        let hits = search(&r, &Filter::default(), "export", 10);
        assert!(hits.len() >= 2, "{hits:?}");
        assert!(hits[0].at.text(&r).contains("export"), "{}", hits[0].at.text(&r));
        assert!(search(&r, &Filter::default(), "zzzz", 10).is_empty());
        assert!(search(&r, &Filter::default(), "  ", 10).is_empty());
        let mut u = library();
        u[0].push_note(Offset(9), Kind::Note, None, [], "Ünïcode café export");
        let hits = search(&u, &Filter::default(), "café", 1);
        assert_eq!(hits[0].indices, vec![8, 9, 10, 11]);
        let only_pricing = search(&r, &Filter { tag: Some("pricing".into()), ..Filter::default() }, "p", 10);
        assert!(only_pricing.iter().all(|h| {
            let (s, n) = h.at.note().expect("a tag filter finds notes only").resolve(&r);
            s.tags_of(n).any(|t| t == "pricing")
        }));
    }
}
