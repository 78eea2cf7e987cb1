//! Tag co-occurrence: which tags go together on one note or in one session.
//! Separate because the counter switches between a dense triangle and a map
//! with the number of tags.

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub a: String,
    pub b: String,
    pub count: usize,
}

/// Counts of tag pairs: a dense triangle while the tags are few, a map otherwise.
pub(super) enum PairCounter {
    Dense { n: usize, counts: Vec<u32> },
    Sparse(HashMap<(u32, u32), u32>),
}

impl PairCounter {
    pub(super) fn new(n: usize) -> PairCounter {
        if n <= 1024 { PairCounter::Dense { n, counts: vec![0; n * n] } } else { PairCounter::Sparse(HashMap::new()) }
    }

    /// Counts every pair of `ids`, which must be sorted and distinct.
    pub(super) fn add_all(&mut self, ids: &[u32]) {
        for (i, &a) in ids.iter().enumerate() {
            for &b in &ids[i + 1..] {
                match self {
                    PairCounter::Dense { n, counts } => counts[a as usize * *n + b as usize] += 1,
                    PairCounter::Sparse(m) => *m.entry((a, b)).or_default() += 1,
                }
            }
        }
    }

    pub(super) fn top(self, names: &[&str], limit: usize) -> Vec<Pair> {
        let mut pairs: Vec<(u32, u32, u32)> = match self {
            PairCounter::Dense { n, counts } => counts
                .iter()
                .enumerate()
                .filter(|(_, c)| **c > 0)
                .map(|(i, c)| ((i / n) as u32, (i % n) as u32, *c))
                .collect(),
            PairCounter::Sparse(m) => m.into_iter().map(|((a, b), c)| (a, b, c)).collect(),
        };
        // Names in each pair in name order, pairs by count then names.
        let named = |&(a, b, _): &(u32, u32, u32)| {
            let (x, y) = (names[a as usize], names[b as usize]);
            if x <= y { (x, y) } else { (y, x) }
        };
        pairs.sort_unstable_by(|p, q| q.2.cmp(&p.2).then_with(|| named(p).cmp(&named(q))));
        pairs
            .iter()
            .take(limit)
            .map(|p| {
                let (a, b) = named(p);
                Pair { a: a.to_string(), b: b.to_string(), count: p.2 as usize }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::synthesis::fixtures::library;
    use crate::analysis::synthesis::{Filter, Options, synthesize};

    #[test]
    fn cooccurrence_on_notes_and_sessions() {
        let r = library();
        let s = synthesize(&r, &[], &Filter::default(), &Options::default());
        let pairs = |v: &[Pair]| v.iter().map(|p| (p.a.clone(), p.b.clone(), p.count)).collect::<Vec<_>>();
        assert_eq!(
            pairs(&s.note_pairs),
            vec![("export".into(), "perf".into(), 1), ("perf".into(), "pricing".into(), 1)]
        );
        assert_eq!(pairs(&s.session_pairs), pairs(&s.note_pairs));
        // A dense and a sparse counter agree.
        let mut sparse = PairCounter::Sparse(HashMap::new());
        let mut dense = PairCounter::new(3);
        for l in [[0u32, 1, 2].as_slice(), &[1, 2], &[0, 2]] {
            sparse.add_all(l);
            dense.add_all(l);
        }
        assert_eq!(sparse.top(&["x", "y", "z"], 10), dense.top(&["x", "y", "z"], 10));
    }
}
