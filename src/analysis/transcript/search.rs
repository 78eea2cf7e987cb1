//! Transcript lines in a search: what was said, found by the same word
//! rules as notes (`analysis::search`), newest interview first, each cue in
//! the order of its file; and the note a hit lands on when it is opened.

use super::marks::LibraryTranscripts;
use crate::analysis::search::{WordIndex, highlight, search_texts};
use crate::analysis::synthesis::{Filter, SessionRecord};
use crate::domain::transcript::Cue;

/// One cue of one interview's transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineRef {
    /// Index of the session's record.
    pub session: usize,
    pub cue: usize,
}

impl LineRef {
    pub fn cue(self, t: &LibraryTranscripts) -> &Cue {
        &t.by_session[&self.session].transcript.cues[self.cue]
    }

    /// When it was said on the interview clock (the recording's minus the
    /// offset), never before the start.
    pub fn interview_secs(self, t: &LibraryTranscripts) -> u32 {
        let offset = t.by_session[&self.session].offset as f64;
        (self.cue(t).start - offset).max(0.0) as u32
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranscriptHit {
    pub line: LineRef,
    /// How many words of the query matched a word exactly (the rank).
    pub exact: usize,
    /// Character indices of the cue's text that matched.
    pub indices: Vec<usize>,
}

/// Every line a search may find: those of the interviews the filter keeps,
/// newest first. A tag filter keeps none (what was said carries no tags,
/// like closing answers and summaries).
pub fn line_pool(records: &[SessionRecord], filter: &Filter, transcripts: &LibraryTranscripts) -> Vec<LineRef> {
    if filter.tag.as_deref().is_some_and(|t| !t.trim().trim_start_matches('#').is_empty()) {
        return Vec::new();
    }
    let mut pool = Vec::new();
    for si in filter.select(records).into_iter().rev() {
        if let Some(t) = transcripts.of(si) {
            pool.extend((0..t.transcript.cues.len()).map(|cue| LineRef { session: si, cue }));
        }
    }
    pool
}

/// The best `limit` lines of `pool` for `query`: most exact words first,
/// then in pool order.
pub fn search_lines(
    transcripts: &LibraryTranscripts,
    pool: &[LineRef],
    query: &str,
    limit: usize,
) -> Vec<TranscriptHit> {
    search_texts(pool.len(), |i| pool[i].cue(transcripts).text.as_str(), query, limit)
        .into_iter()
        .map(|(i, exact, indices)| TranscriptHit { line: pool[i], exact, indices })
        .collect()
}

/// Every line of a library's transcripts, indexed by word once (when the
/// library is read), so the synthesis screen searches hours of speech
/// within a keystroke. Finds what [`search_lines`] finds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    /// Every line, by session then cue.
    lines: Vec<LineRef>,
    words: WordIndex,
}

impl LineIndex {
    pub fn build(t: &LibraryTranscripts) -> LineIndex {
        let mut sessions: Vec<usize> = t.by_session.keys().copied().collect();
        sessions.sort_unstable();
        let lines: Vec<LineRef> = sessions
            .into_iter()
            .flat_map(|session| {
                (0..t.by_session[&session].transcript.cues.len()).map(move |cue| LineRef { session, cue })
            })
            .collect();
        let words = WordIndex::build(lines.len(), |i| lines[i].cue(t).text.as_str());
        LineIndex { lines, words }
    }

    /// Where each line stands in `pool` (`u32::MAX`: not in it), for [`LineIndex::search`].
    pub fn ranks(&self, pool: &[LineRef]) -> Vec<u32> {
        let mut ranks = vec![u32::MAX; self.lines.len()];
        for (pos, line) in pool.iter().enumerate() {
            if let Ok(i) = self.lines.binary_search(line) {
                ranks[i] = u32::try_from(pos).unwrap_or(u32::MAX);
            }
        }
        ranks
    }

    /// The best `limit` lines of the pool `ranks` stands for: most exact
    /// words first, then in pool order.
    pub fn search(&self, t: &LibraryTranscripts, ranks: &[u32], query: &str, limit: usize) -> Vec<TranscriptHit> {
        let mut found: Vec<(usize, u32, usize)> = self
            .words
            .matches(query)
            .into_iter()
            .filter_map(|(i, exact)| ranks.get(i).filter(|r| **r != u32::MAX).map(|&r| (exact, r, i)))
            .collect();
        let order = |a: &(usize, u32, usize), b: &(usize, u32, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if found.len() > limit && limit > 0 {
            found.select_nth_unstable_by(limit - 1, order);
        }
        found.truncate(limit);
        found.sort_unstable_by(order);
        found
            .into_iter()
            .map(|(exact, _, i)| {
                let line = self.lines[i];
                TranscriptHit { line, exact, indices: highlight(&line.cue(t).text, query) }
            })
            .collect()
    }
}

/// The note of the first sitting nearest `at` seconds on the interview
/// clock: where the session view opens for a line of the transcript.
pub fn nearest_note(record: &SessionRecord, at: u32) -> Option<usize> {
    record
        .notes()
        .iter()
        .enumerate()
        .filter(|(_, n)| n.sitting <= 1)
        .min_by_key(|(_, n)| n.at.0.abs_diff(at))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::transcript::marks::SessionTranscript;
    use crate::domain::note::Kind;
    use crate::domain::session::Offset;
    use crate::domain::transcript::Transcript;
    use std::collections::HashMap;

    fn record(id: &str, day: u32) -> SessionRecord {
        let t = chrono::DateTime::parse_from_rfc3339(&format!("2026-03-{day:02}T10:00:00+00:00")).unwrap();
        let mut r = SessionRecord::new(id, "Dana", "discovery", t);
        for at in [10, 60, 200] {
            r.push_note(Offset(at), Kind::Note, None, std::iter::empty(), "n");
        }
        r
    }

    fn said(offset: i64, lines: &[&str]) -> SessionTranscript {
        let cues = lines
            .iter()
            .enumerate()
            .map(|(i, t)| Cue {
                start: 40.0 + 10.0 * i as f64,
                end: 45.0,
                speaker: Some("Dana".into()),
                text: t.to_string(),
            })
            .collect();
        SessionTranscript { offset, interviewer: None, transcript: Transcript { cues } }
    }

    fn library() -> (Vec<SessionRecord>, LibraryTranscripts) {
        let records = vec![record("old", 1), record("new", 2), record("none", 3)];
        let t = LibraryTranscripts {
            by_session: HashMap::from([
                (0, said(0, &["We export to Excel", "nothing here"])),
                (1, said(30, &["Excel exports, every Friday", "the export to Excel"])),
            ]),
        };
        (records, t)
    }

    #[test]
    fn lines_are_found_by_words_newest_interview_first_exact_words_first() {
        let (records, t) = library();
        let pool = line_pool(&records, &Filter::default(), &t);
        assert_eq!(pool.len(), 4);
        let hits = search_lines(&t, &pool, "export excel", 10);
        let found: Vec<(usize, usize)> = hits.iter().map(|h| (h.line.session, h.line.cue)).collect();
        assert_eq!(found, vec![(1, 1), (0, 0), (1, 0)], "both words exact first, then newest first");
        assert_eq!(hits[0].indices, (4..10).chain(14..19).collect::<Vec<_>>());
        assert!(search_lines(&t, &pool, "dashboard", 10).is_empty());
    }

    #[test]
    fn the_index_finds_what_the_scan_finds_in_the_same_order() {
        let (records, t) = library();
        let index = LineIndex::build(&t);
        let everything = line_pool(&records, &Filter::default(), &t);
        let one = vec![everything[2], everything[0]];
        for pool in [everything, one] {
            let ranks = index.ranks(&pool);
            for query in ["export excel", "excel", "exp", "exprot", "every friday", "nothing", "dashboard", "EXCEL, ex"]
            {
                for limit in [1, 10] {
                    let scan = search_lines(&t, &pool, query, limit);
                    assert_eq!(index.search(&t, &ranks, query, limit), scan, "{query:?} {limit}");
                }
            }
        }
    }

    #[test]
    fn a_tag_filter_keeps_no_line() {
        let (records, t) = library();
        let filter = Filter { tag: Some("pricing".into()), ..Filter::default() };
        assert!(line_pool(&records, &filter, &t).is_empty());
    }

    #[test]
    fn a_line_opens_at_the_nearest_note_on_the_interview_clock() {
        let (records, t) = library();
        let line = LineRef { session: 1, cue: 1 };
        // Said at 50 s on the recording, 30 s ahead of the interview clock: 20 s.
        assert_eq!(line.interview_secs(&t), 20);
        assert_eq!(nearest_note(&records[1], 20), Some(0));
        assert_eq!(nearest_note(&records[1], 150), Some(2));
    }
}
