//! Search by words over notes, closing answers and summaries.
//!
//! The rules, as a user can rely on them:
//! - A word is a run of letters and digits (`Excel,` → `excel`; `follow-up`
//!   is two words). Case never matters.
//! - Every word of the query must match some word of the text. A query word
//!   matches a text word that is equal to it, that starts with it (`fri` →
//!   `Friday`, so results come while a word is being typed), or that is
//!   within a typo of it: one typo (a letter added, dropped, changed, or two
//!   neighbours swapped) for query words of 4 to 7 letters, two for 8 letters
//!   and more, none for shorter words (`exel` → `Excel`, `recieve` → `receive`).
//! - Results are ranked by how many query words match a word exactly, then
//!   newest interview first (within one interview: its notes in order, then
//!   its closing answer, then its summary).
//! - With a tag filter only notes carrying the tag are searched: closing
//!   answers and summaries carry no tags.
//!
//! Pure: no I/O. The Synthesis screen narrows a search as words are added
//! ([`narrows`]); a word being typed is searched afresh on each key (a typo
//! allowance grows with the word, so a longer word can match what a shorter
//! one did not).

use crate::analysis::synthesis::{Filter, NoteRef, SessionRecord};

mod texts;
pub use texts::{WordIndex, search_texts};

/// What a search can find.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Found {
    Note(NoteRef),
    /// The closing answer of `records[session]`.
    ClosingAnswer(usize),
    /// The summary of `records[session]`.
    Summary(usize),
}

impl Found {
    /// Index of the session in the records searched.
    pub fn session(self) -> usize {
        match self {
            Found::Note(r) => r.session,
            Found::ClosingAnswer(s) | Found::Summary(s) => s,
        }
    }

    /// The note, when a note was found.
    pub fn note(self) -> Option<NoteRef> {
        match self {
            Found::Note(r) => Some(r),
            _ => None,
        }
    }

    /// The text searched: the note's, the closing answer or the summary.
    pub fn text(self, records: &[SessionRecord]) -> &str {
        let s = &records[self.session()];
        match self {
            Found::Note(r) => s.text(&s.notes()[r.note]),
            Found::ClosingAnswer(_) => s.closing_answer.as_deref().unwrap_or_default(),
            Found::Summary(_) => s.summary.as_deref().unwrap_or_default(),
        }
    }

    /// What was found, as results label it: the note's kind (`quote`,
    /// `follow-up`…), `closing answer` or `summary`.
    pub fn label(self, records: &[SessionRecord]) -> &'static str {
        match self {
            Found::Note(r) => r.resolve(records).1.kind.label(),
            Found::ClosingAnswer(_) => "closing answer",
            Found::Summary(_) => "summary",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub at: Found,
    /// How many words of the query matched a word exactly (the rank).
    pub exact: usize,
    /// Character (not byte) indices of the text that matched: whole words, ascending.
    pub indices: Vec<usize>,
}

/// Search by words over everything the filter keeps: most exact words
/// first, then newest interview first. See the module doc for the rules.
pub fn search(records: &[SessionRecord], filter: &Filter, query: &str, limit: usize) -> Vec<Hit> {
    search_within(records, &search_pool(records, filter), query, limit).0
}

/// What a search looks through, in the order ties are shown: newest
/// session first, then its notes in order, its closing answer, its summary.
pub fn search_pool(records: &[SessionRecord], filter: &Filter) -> Vec<Found> {
    let mut pool = Vec::new();
    let notes_only = filter.tag.as_deref().is_some_and(|t| !t.trim().trim_start_matches('#').is_empty());
    for &si in filter.select(records).iter().rev() {
        let s = &records[si];
        pool.extend(filter.notes_of(s).map(|(ni, _)| Found::Note(NoteRef { session: si, note: ni })));
        if !notes_only {
            if s.closing_answer.is_some() {
                pool.push(Found::ClosingAnswer(si));
            }
            if s.summary.is_some() {
                pool.push(Found::Summary(si));
            }
        }
    }
    pool
}

/// Pools this large are searched on every core.
const PARALLEL_POOL: usize = 20_000;

/// Searches `pool` for `query`: the best `limit` hits, and everything that
/// matched, in pool order (where a query with more words can look, see [`narrows`]).
pub fn search_within(records: &[SessionRecord], pool: &[Found], query: &str, limit: usize) -> (Vec<Hit>, Vec<Found>) {
    let query = Query::new(query);
    if query.words.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let score = |part: &[Found], offset: usize| -> Vec<(usize, usize)> {
        let mut scratch = Scratch::default();
        part.iter()
            .enumerate()
            .filter_map(|(i, at)| query.exact_words(at.text(records), &mut scratch).map(|exact| (exact, offset + i)))
            .collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let mut scored: Vec<(usize, usize)> = if pool.len() >= PARALLEL_POOL && threads > 1 {
        let chunk = pool.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> =
                pool.chunks(chunk).enumerate().map(|(k, part)| scope.spawn(move || score(part, k * chunk))).collect();
            handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
        })
    } else {
        score(pool, 0)
    };
    let matched: Vec<Found> = scored.iter().map(|&(_, i)| pool[i]).collect();
    // A total order (pool position breaks ties), so the split over threads cannot show.
    let order = |a: &(usize, usize), b: &(usize, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if scored.len() > limit && limit > 0 {
        scored.select_nth_unstable_by(limit - 1, order);
    }
    scored.truncate(limit);
    scored.sort_unstable_by(order);
    let hits = scored
        .into_iter()
        .map(|(exact, i)| Hit { at: pool[i], exact, indices: query.indices(pool[i].text(records)) })
        .collect();
    (hits, matched)
}

/// Character indices of the words of `text` that match a word of `query`
/// (as [`search`] matches them), for highlighting text shown differently
/// from how it was searched (anonymised).
pub fn highlight(text: &str, query: &str) -> Vec<usize> {
    Query::new(query).indices(text)
}

/// Whether everything `longer` matches is among what `shorter` matched, so a
/// search for `longer` may look only there: `longer` has the same words and
/// more (`excel` → `excel fri`). A word that grew (`fri` → `frid`) does not
/// narrow: its typo allowance may have grown with it.
pub fn narrows(shorter: &str, longer: &str) -> bool {
    let (a, b) = (Query::new(shorter), Query::new(longer));
    !a.words.is_empty()
        && a.words.len() <= b.words.len()
        && a.words.iter().zip(&b.words).all(|(x, y)| x.text == y.text)
        // The last word of `shorter` was finished: a separator follows it in `longer`.
        && (a.words.len() < b.words.len() || a.words.len() == b.words.len() && shorter.trim() == longer.trim())
}

// ---------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------

/// The words of `text`: runs of letters and digits.
fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

/// Splits on bytes: ASCII is decided by one comparison, only other
/// characters are decoded (`str::split` decodes every one).
struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Words<'a> {
    /// The length of the character at `at` if it is a letter or digit.
    #[inline]
    fn word_char(&self, at: usize) -> Option<usize> {
        let b = self.text.as_bytes()[at];
        if b < 0x80 {
            return b.is_ascii_alphanumeric().then_some(1);
        }
        let c = self.text[at..].chars().next()?;
        c.is_alphanumeric().then(|| c.len_utf8())
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        // Skip what is not a word: ASCII in a tight loop, other characters decoded.
        loop {
            while self.pos < bytes.len() && bytes[self.pos] < 0x80 && !bytes[self.pos].is_ascii_alphanumeric() {
                self.pos += 1;
            }
            if self.pos >= bytes.len() {
                return None;
            }
            if bytes[self.pos] < 0x80 {
                break;
            }
            match self.text[self.pos..].chars().next() {
                Some(c) if c.is_alphanumeric() => break,
                Some(c) => self.pos += c.len_utf8(),
                None => return None,
            }
        }
        let start = self.pos;
        loop {
            while self.pos < bytes.len() && bytes[self.pos].is_ascii_alphanumeric() {
                self.pos += 1;
            }
            match (self.pos < bytes.len()).then(|| self.word_char(self.pos)).flatten() {
                Some(n) => self.pos += n,
                None => break,
            }
        }
        Some(&self.text[start..self.pos])
    }
}

/// Appends `word` lowercased to `out`.
fn push_lower(out: &mut String, word: &str) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

struct QueryWord {
    /// Lowercased.
    text: String,
    ascii: bool,
    /// Typos forgiven: by the word's length in characters.
    typos: usize,
}

impl QueryWord {
    fn new(word: &str) -> QueryWord {
        let mut text = String::new();
        push_lower(&mut text, word);
        let typos = match text.chars().count() {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        };
        QueryWord { ascii: text.is_ascii(), text, typos }
    }

    /// How this query word matches a word of the text (any case). `lower`
    /// is a buffer for lowercasing words that are not ASCII.
    fn against(&self, word: &str, lower: &mut String) -> Match {
        if self.ascii && word.is_ascii() {
            // Most words: compared in place, without lowercasing a copy.
            return self.against_ascii(word.as_bytes());
        }
        lower.clear();
        push_lower(lower, word);
        self.against_lower(lower)
    }

    fn against_ascii(&self, word: &[u8]) -> Match {
        let q = self.text.as_bytes();
        if self.typos == 0 && word.first().map(u8::to_ascii_lowercase) != q.first().copied() {
            return Match::None; // the common case, decided by one byte
        }
        if word.len() >= q.len() && word[..q.len()].eq_ignore_ascii_case(q) {
            return if word.len() == q.len() { Match::Exact } else { Match::Near };
        }
        if self.typos == 0 || word.len().abs_diff(q.len()) > self.typos || word.len() > MAX_TYPO_WORD {
            return Match::None;
        }
        let mut buf = [0u8; MAX_TYPO_WORD];
        for (to, from) in buf.iter_mut().zip(word) {
            *to = from.to_ascii_lowercase();
        }
        if osa_within(q, &buf[..word.len()], self.typos) { Match::Near } else { Match::None }
    }

    /// As `against`, for a word already lowercased.
    fn against_lower(&self, word: &str) -> Match {
        if word == self.text {
            Match::Exact
        } else if word.starts_with(self.text.as_str()) || self.typos > 0 && within_typos(&self.text, word, self.typos) {
            Match::Near
        } else {
            Match::None
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Match {
    None,
    Near,
    Exact,
}

struct Query {
    words: Vec<QueryWord>,
    /// Indices of `words`, longest first.
    order: Vec<usize>,
}

/// A buffer reused from one text to the next.
#[derive(Default)]
struct Scratch {
    word: String,
}

impl Query {
    fn new(query: &str) -> Query {
        let words: Vec<QueryWord> = words(query).map(QueryWord::new).collect();
        let mut order: Vec<usize> = (0..words.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(words[i].text.len()));
        Query { words, order }
    }

    /// `None` unless every query word matches a word of `text`; else how
    /// many match one exactly.
    fn exact_words(&self, text: &str, scratch: &mut Scratch) -> Option<usize> {
        // Word by word of the query, the most selective (longest) first: most
        // texts fail on it, after one pass over their words.
        let mut exact = 0;
        for &qi in &self.order {
            let q = &self.words[qi];
            let mut best = Match::None;
            for w in words(text) {
                best = best.max(q.against(w, &mut scratch.word));
                if best == Match::Exact {
                    break;
                }
            }
            match best {
                Match::None => return None,
                Match::Near => {}
                Match::Exact => exact += 1,
            }
        }
        Some(exact)
    }

    /// Character indices of every word of `text` that some query word matches.
    fn indices(&self, text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut lower = String::new();
        let mut start: Option<(usize, usize)> = None; // (byte, char) where the word began
        let mut mark = |from: (usize, usize), end_byte: usize, end_char: usize, out: &mut Vec<usize>| {
            let word = &text[from.0..end_byte];
            if self.words.iter().any(|q| q.against(word, &mut lower) != Match::None) {
                out.extend(from.1..end_char);
            }
        };
        let mut chars = 0;
        for (ci, (bi, c)) in text.char_indices().enumerate() {
            chars = ci + 1;
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some((bi, ci)),
                (false, Some(from)) => {
                    mark(from, bi, ci, &mut out);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(from) = start {
            mark(from, text.len(), chars, &mut out);
        }
        out
    }
}

/// Longest word compared for typos; longer ones match only exactly or by prefix.
const MAX_TYPO_WORD: usize = 48;

/// Whether `a` and `b` are at most `k` edits apart (insertions, deletions,
/// substitutions and swaps of neighbours: the optimal string alignment distance).
fn within_typos(a: &str, b: &str, k: usize) -> bool {
    if a.len().abs_diff(b.len()) > k * 4 {
        return false; // even in 4-byte characters, too far apart
    }
    if a.is_ascii() && b.is_ascii() {
        osa_within(a.as_bytes(), b.as_bytes(), k)
    } else {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        osa_within(&a, &b, k)
    }
}

fn osa_within<T: PartialEq>(a: &[T], b: &[T], k: usize) -> bool {
    if a.len().abs_diff(b.len()) > k || a.len() > MAX_TYPO_WORD || b.len() > MAX_TYPO_WORD {
        return false;
    }
    // What the two share at either end costs nothing: compare the middles.
    let (a, b) = differing_middles(a, b);
    if a.len().max(b.len()) <= k {
        return true; // each differing position one edit at most
    }
    if k == 1 {
        // One edit left: only a swap of two neighbours ("ab" / "ba").
        return a.len() == 2 && b.len() == 2 && a[0] == b[1] && a[1] == b[0];
    }
    osa_table_within(a, b, k)
}

/// `a` and `b` without their common prefix and suffix.
fn differing_middles<'x, T: PartialEq>(a: &'x [T], b: &'x [T]) -> (&'x [T], &'x [T]) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    (&a[..a.len() - suffix], &b[..b.len() - suffix])
}

/// The optimal string alignment distance of `a` and `b`, at most `k`: by its table.
fn osa_table_within<T: PartialEq>(a: &[T], b: &[T], k: usize) -> bool {
    // Three rows of the distance table: two back (for swaps), one back, this
    // one. Distances fit a byte: words are at most `MAX_TYPO_WORD` long.
    let mut rows = [[0u8; MAX_TYPO_WORD + 1]; 3];
    for (j, cell) in (0u8..).zip(rows[0].iter_mut().take(b.len() + 1)) {
        *cell = j;
    }
    for (i, row_start) in (1..=a.len()).zip(1u8..) {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = row_start;
        let mut row_min = row_start;
        for j in 1..=b.len() {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[prev][j] + 1).min(rows[cur][j - 1] + 1).min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = d;
            row_min = row_min.min(d);
        }
        // Every later row is at least this row's smallest distance.
        if usize::from(row_min) > k {
            return false;
        }
    }
    usize::from(rows[a.len() % 3][b.len()]) <= k
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::note::Kind;
    use crate::domain::session::Offset;

    fn record(id: &str, day: u32, notes: &[(Kind, &str)]) -> SessionRecord {
        let at = chrono::DateTime::parse_from_rfc3339(&format!("2026-03-{day:02}T10:00:00+00:00")).unwrap();
        let mut r = SessionRecord::new(id, &format!("Person {id}"), "discovery", at);
        for (kind, text) in notes {
            r.push_note(Offset(60), *kind, None, [], text);
        }
        r
    }

    fn texts(records: &[SessionRecord], hits: &[Hit]) -> Vec<String> {
        hits.iter().map(|h| h.at.text(records).to_string()).collect()
    }

    #[test]
    fn every_query_word_must_match_a_word_not_letters_in_order() {
        let r = vec![
            record("a", 1, &[(Kind::Quote, "We export to Excel, every Friday")]),
            record("b", 2, &[(Kind::Pain, "Excel on the first call of the day, it drives me crazy")]),
        ];
        let hits = search(&r, &Filter::default(), "excel friday", 10);
        assert_eq!(texts(&r, &hits), vec!["We export to Excel, every Friday"]);
        assert_eq!(hits[0].exact, 2);
        // The letters of "friday" in order are in "first … day", but no word is near it.
        assert!(search(&r, &Filter::default(), "friday crazy", 10).is_empty());
    }

    #[test]
    fn a_typo_within_a_word_is_forgiven_by_its_length() {
        let r = vec![record("a", 1, &[(Kind::Note, "Excel exports; we receive invoices quarterly")])];
        let found = |q: &str| !search(&r, &Filter::default(), q, 10).is_empty();
        assert!(found("exel"), "4 letters: one typo");
        assert!(found("EXCLE"), "a swap of neighbours is one typo, case ignored");
        assert!(found("recieve"), "one swap");
        assert!(found("quartrely invioces"), "8 letters: two typos; 8 letters: a swap");
        assert!(found("exp"), "a prefix, as while typing");
        assert!(!found("exl"), "3 letters: no typo");
        assert!(!found("exelx"), "two typos in a 5-letter word");
        assert!(!found("qurtrelyy"), "three typos");
        assert!(!found("xport"), "two edits from \"exports\"");
    }

    #[test]
    fn exact_words_rank_first_then_the_newest_interview() {
        let r = vec![
            record("old", 1, &[(Kind::Note, "excel report")]),
            record("new", 9, &[(Kind::Note, "excels reporting"), (Kind::Quote, "exel report")]),
        ];
        let hits = search(&r, &Filter::default(), "excel report", 10);
        assert_eq!(texts(&r, &hits), vec!["excel report", "exel report", "excels reporting"]);
        assert_eq!(hits.iter().map(|h| h.exact).collect::<Vec<_>>(), vec![2, 1, 0]);
        let hits = search(&r, &Filter::default(), "rep", 10);
        assert_eq!(texts(&r, &hits), vec!["excels reporting", "exel report", "excel report"], "newest first");
    }

    #[test]
    fn closing_answers_and_summaries_are_found_and_said_to_be_such() {
        let mut r = vec![record("a", 1, &[(Kind::Idea, "A weekly digest")])];
        r[0].closing_answer = Some("The AWS bill eats my Mondays.".into());
        r[0].summary = Some("Budget owner; wants quarterly invoices.".into());
        let hits = search(&r, &Filter::default(), "mondays", 10);
        assert_eq!(hits.iter().map(|h| h.at).collect::<Vec<_>>(), vec![Found::ClosingAnswer(0)]);
        assert_eq!(hits[0].at.label(&r), "closing answer");
        let hits = search(&r, &Filter::default(), "invoices", 10);
        assert_eq!(hits.iter().map(|h| h.at).collect::<Vec<_>>(), vec![Found::Summary(0)]);
        assert_eq!(hits[0].at.label(&r), "summary");
        let hits = search(&r, &Filter::default(), "digest", 10);
        assert_eq!(hits[0].at.label(&r), "idea");
        // A tag filter searches the notes carrying it only.
        let tagged = Filter { tag: Some("pricing".into()), ..Filter::default() };
        assert!(search(&r, &tagged, "mondays", 10).is_empty());
    }

    #[test]
    fn highlights_cover_the_matched_words_in_characters() {
        let text = "Café: we export to Excel, every friday";
        let shown: Vec<char> = text.chars().collect();
        let picked: String = highlight(text, "exel fri café").iter().map(|&i| shown[i]).collect();
        assert_eq!(picked, "CaféExcelfriday");
        assert!(highlight(text, "  ").is_empty());
    }

    #[test]
    fn a_search_narrows_only_when_words_are_added() {
        assert!(narrows("excel", "excel f"));
        assert!(narrows("excel ", "excel fri"));
        assert!(narrows("excel fri", "excel fri"));
        assert!(!narrows("excel fri", "excel frid"), "a growing word can gain a typo");
        assert!(!narrows("exe", "exel"));
        assert!(!narrows("", "excel"));
        assert!(!narrows("excel friday", "excel"));
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_in_any_script() {
        for text in
            ["We export to Excel, every \"Friday\"", "  café—naïve 売上レポート 2x  ", "", "—", "a", "follow-up…ok"]
        {
            let expected: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            assert_eq!(words(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn typo_distance_counts_edits_and_swaps() {
        assert!(osa_within(b"excel", b"exel", 1));
        assert!(osa_within(b"ab", b"ba", 1));
        assert!(!osa_within(b"abc", b"cab", 1));
        assert!(osa_within(b"abc", b"cab", 2));
        assert!(within_typos("señor", "senor", 1));
        assert!(!within_typos("kitten", "sitting", 2));
        assert!(within_typos("kitten", "sitting", 3));
    }
}
