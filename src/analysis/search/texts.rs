//! Search over any texts by the notes' rules (transcript lines, say): a
//! scan, and a word index built once that finds exactly what the scan finds
//! but compares the query with each distinct word once.

use super::*;

/// Searches any texts by the same rules (transcript lines, say): the best
/// `limit` as (index, exact words, matched character indices), most exact
/// words first, then in the order given. `text(i)` is the `i`th of `len`.
pub fn search_texts<'t>(
    len: usize,
    text: impl Fn(usize) -> &'t str + Sync,
    query: &str,
    limit: usize,
) -> Vec<(usize, usize, Vec<usize>)> {
    let query = Query::new(query);
    if query.words.is_empty() || limit == 0 {
        return Vec::new();
    }
    let score = |range: std::ops::Range<usize>| -> Vec<(usize, usize)> {
        let mut scratch = Scratch::default();
        range.filter_map(|i| query.exact_words(text(i), &mut scratch).map(|exact| (exact, i))).collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let mut scored: Vec<(usize, usize)> = if len >= PARALLEL_POOL && threads > 1 {
        let chunk = len.div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..len)
                .step_by(chunk)
                .map(|from| {
                    let score = &score;
                    scope.spawn(move || score(from..(from + chunk).min(len)))
                })
                .collect();
            handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
        })
    } else {
        score(0..len)
    };
    let order = |a: &(usize, usize), b: &(usize, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if scored.len() > limit {
        scored.select_nth_unstable_by(limit - 1, order);
    }
    scored.truncate(limit);
    scored.sort_unstable_by(order);
    scored.into_iter().map(|(exact, i)| (i, exact, query.indices(text(i)))).collect()
}

/// Every distinct word of many texts (lowercased) and the texts it is in,
/// so a search compares the query with each distinct word once instead of
/// with every word of every text: what keeps hours of transcripts within a
/// keystroke. It finds exactly what [`search_texts`] finds (a test holds
/// them to it); built once, off the keystroke path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordIndex {
    words: Vec<String>,
    /// For each of `words`, the texts it is in, ascending.
    texts_of: Vec<Vec<u32>>,
    len: usize,
}

impl WordIndex {
    pub fn build<'t>(len: usize, text: impl Fn(usize) -> &'t str) -> WordIndex {
        let mut ids: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let mut index = WordIndex { len, ..WordIndex::default() };
        let mut lower = String::new();
        for i in 0..len {
            let i32 = u32::try_from(i).unwrap_or(u32::MAX);
            for w in words(text(i)) {
                lower.clear();
                push_lower(&mut lower, w);
                let id = match ids.get(lower.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = u32::try_from(index.words.len()).unwrap_or(u32::MAX);
                        ids.insert(lower.clone(), id);
                        index.words.push(lower.clone());
                        index.texts_of.push(Vec::new());
                        id
                    }
                };
                let texts = &mut index.texts_of[id as usize];
                if texts.last() != Some(&i32) {
                    texts.push(i32);
                }
            }
        }
        index
    }

    /// Every text that matches each word of `query`, with how many words
    /// matched exactly, in text order (the rules of [`search`]).
    pub fn matches(&self, query: &str) -> Vec<(usize, usize)> {
        let query = Query::new(query);
        if query.words.is_empty() {
            return Vec::new();
        }
        // Per text: how many query words matched so far, and how many exactly.
        let mut matched = vec![0u16; self.len];
        let mut exact = vec![0u16; self.len];
        let mut best = vec![Match::None; self.len];
        let mut scratch = String::new();
        for (k, q) in query.words.iter().enumerate() {
            best.fill(Match::None);
            for (w, texts) in self.words.iter().zip(&self.texts_of) {
                let m = q.against(w, &mut scratch);
                if m == Match::None {
                    continue;
                }
                for &t in texts {
                    let b = &mut best[t as usize];
                    *b = (*b).max(m);
                }
            }
            for t in 0..self.len {
                if best[t] != Match::None && usize::from(matched[t]) == k {
                    matched[t] += 1;
                    exact[t] += u16::from(best[t] == Match::Exact);
                }
            }
        }
        let all = query.words.len();
        (0..self.len).filter(|&t| usize::from(matched[t]) == all).map(|t| (t, usize::from(exact[t]))).collect()
    }
}

#[cfg(test)]
mod word_index {
    use super::*;

    /// Generated texts (accents, case, punctuation) and queries (prefixes,
    /// typos, several words): the index and the scan agree on every one.
    #[test]
    fn the_index_finds_exactly_what_the_scan_finds() {
        let vocab = [
            "Excel",
            "export",
            "exports",
            "Friday",
            "friday,",
            "Größe",
            "café",
            "ÉCOLE",
            "report",
            "reprot",
            "dashboard",
        ];
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        let texts: Vec<String> = (0..400)
            .map(|_| (0..1 + next(6)).map(|_| vocab[next(vocab.len())]).collect::<Vec<_>>().join(" "))
            .collect();
        let index = WordIndex::build(texts.len(), |i| texts[i].as_str());
        for query in [
            "ex",
            "excel",
            "exel",
            "export fri",
            "report",
            "repotr",
            "größe",
            "GROSSE",
            "cafe",
            "école",
            "dashbord excel",
            "zzz",
        ] {
            let scan: Vec<(usize, usize)> = search_texts(texts.len(), |i| texts[i].as_str(), query, usize::MAX)
                .into_iter()
                .map(|(i, e, _)| (i, e))
                .collect();
            let mut scan = scan;
            scan.sort_unstable();
            assert_eq!(index.matches(query), scan, "{query:?}");
        }
    }
}
