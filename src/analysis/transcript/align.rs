//! Finding the offset between the interview clock and the recording's from
//! the notes alone: a note is typed a few seconds after the words it records,
//! so each note that shares words with a cue votes for "the recording is
//! this far ahead". Most notes match nothing (they are the PM's words, not
//! the participant's); the votes of the rest agree, and noise does not.
//!
//! The rule, so the estimate can be reasoned about:
//! - A note and a cue match when they share at least two content words
//!   (`words::content_words`) and at least a third of the note's.
//! - When, in a matched cue, the note's words were said: at the last of them
//!   (cues are spread evenly over their words), so a long cue does not blur it.
//! - An offset `o` places a note typed at `at` at `at + o` on the recording.
//!   Words said `LAG` seconds before that moment fit best; said up to
//!   `EARLIEST` s before or `LATEST` s after fit less, on a straight slope;
//!   further away, not at all.
//! - The score of `o` sums, over notes, the best (similarity × fit) of its
//!   cues. The estimate is the best-scoring offset, to the second.
//! - Confidence is 0 to 1: how far the best score stands above the best
//!   rival more than `RIVAL` s away, times how many notes agree (four or more
//!   count fully).

use super::words::content_words;
use crate::domain::transcript::Transcript;
use std::collections::{HashMap, HashSet};

/// Typical seconds from the end of the words to the note typed about them.
pub const LAG: f64 = 3.0;
const EARLIEST: f64 = 25.0;
const LATEST: f64 = 2.0;
const RIVAL: f64 = 15.0;

/// What the alignment found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Alignment {
    /// Seconds to add to the interview clock to reach the recording's.
    pub offset_seconds: i64,
    pub confidence: f64,
    /// Notes whose words were found near their time at that offset.
    pub matched_notes: usize,
}

/// A note as the alignment sees it: when it was typed and what it says.
pub struct TimedText<'a> {
    pub at: f64,
    pub text: &'a str,
}

/// One possible match: note `note`'s words in a cue, the last of them said at `said`.
struct Pair {
    note: usize,
    said: f64,
    similarity: f64,
}

pub fn align(notes: &[TimedText], transcript: &Transcript) -> Alignment {
    let pairs = candidate_pairs(notes, transcript);
    let none = Alignment { offset_seconds: 0, confidence: 0.0, matched_notes: 0 };
    if pairs.is_empty() {
        return none;
    }
    let at = |p: &Pair| notes[p.note].at;
    // Every pair proposes the offset at which it fits best; then look closer.
    let mut candidates: Vec<f64> = pairs.iter().map(|p| p.said + LAG - at(p)).collect();
    candidates.sort_by(f64::total_cmp);
    candidates.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    let scored: Vec<(f64, f64)> = candidates.iter().map(|&o| (o, score(&pairs, notes, o).0)).collect();
    let Some(&(coarse, _)) = scored.iter().max_by(|a, b| a.1.total_cmp(&b.1)) else { return none };
    let best = (-12..=12)
        .map(|k| (coarse + k as f64 * 0.25).round())
        .map(|o| (o, score(&pairs, notes, o)))
        .max_by(|a, b| a.1.0.total_cmp(&b.1.0).then(b.0.abs().total_cmp(&a.0.abs())))
        .unwrap_or((coarse.round(), (0.0, 0)));
    let (offset, (top, matched)) = best;
    if top <= 0.0 {
        return none;
    }
    let rival = scored.iter().filter(|(o, _)| (o - offset).abs() > RIVAL).map(|(_, s)| *s).fold(0.0, f64::max);
    let confidence = ((1.0 - rival / top) * (matched as f64 / 4.0).min(1.0)).clamp(0.0, 1.0);
    Alignment { offset_seconds: offset as i64, confidence, matched_notes: matched }
}

/// How well words said `d` seconds from the note's moment fit: 1 at
/// `-LAG`, falling to 0 at `-EARLIEST` and `+LATEST`.
fn fit(d: f64) -> f64 {
    if d <= -EARLIEST || d >= LATEST {
        0.0
    } else if d <= -LAG {
        (d + EARLIEST) / (EARLIEST - LAG)
    } else {
        (LATEST - d) / (LATEST + LAG)
    }
}

/// The score of an offset and how many notes contribute to it.
fn score(pairs: &[Pair], notes: &[TimedText], offset: f64) -> (f64, usize) {
    let mut best = vec![0.0f64; notes.len()];
    for p in pairs {
        let d = p.said - (notes[p.note].at + offset);
        let v = p.similarity * fit(d);
        if v > best[p.note] {
            best[p.note] = v;
        }
    }
    (best.iter().sum(), best.iter().filter(|v| **v >= 0.25).count())
}

/// The cues each note shares enough words with (at most 30 per note, the
/// most similar), through an index of words to cues.
fn candidate_pairs(notes: &[TimedText], transcript: &Transcript) -> Vec<Pair> {
    let cue_words: Vec<Vec<String>> = transcript.cues.iter().map(|c| content_words(&c.text)).collect();
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (c, words) in cue_words.iter().enumerate() {
        let unique: HashSet<&str> = words.iter().map(String::as_str).collect();
        for w in unique {
            index.entry(w).or_default().push(c);
        }
    }
    let mut pairs = Vec::new();
    for (n, note) in notes.iter().enumerate() {
        let words: HashSet<String> = content_words(note.text).into_iter().collect();
        if words.len() < 2 {
            continue;
        }
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for w in &words {
            for &c in index.get(w.as_str()).map(Vec::as_slice).unwrap_or(&[]) {
                *shared.entry(c).or_default() += 1;
            }
        }
        let mut found: Vec<(usize, f64)> = shared
            .into_iter()
            .filter(|(_, k)| *k >= 2 && *k as f64 * 3.0 >= words.len() as f64)
            .map(|(c, k)| (c, k as f64 / words.len() as f64))
            .collect();
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        found.truncate(30);
        pairs.extend(found.into_iter().map(|(c, similarity)| Pair {
            note: n,
            said: last_said(&transcript.cues[c], &cue_words[c], &words),
            similarity,
        }));
    }
    pairs
}

/// When the last of `words` was said in a cue, its words spread evenly
/// over its time.
fn last_said(cue: &crate::domain::transcript::Cue, cue_words: &[String], words: &HashSet<String>) -> f64 {
    let last = cue_words.iter().rposition(|w| words.contains(w)).unwrap_or(cue_words.len().saturating_sub(1));
    cue.start + (cue.end - cue.start) * (last + 1) as f64 / cue_words.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::transcript::Cue;
    use proptest::prelude::*;

    /// A transcript of `n` cues of eight made-up words each, back to back.
    fn transcript(n: usize, seed: u64) -> Transcript {
        let mut x = seed | 1;
        let mut word = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            format!("w{}", x % 3000)
        };
        let mut t = 0.0;
        let cues = (0..n)
            .map(|i| {
                let text = (0..8).map(|_| word()).collect::<Vec<_>>().join(" ");
                let start = t;
                t += 3.0 + (i % 4) as f64;
                Cue { start, end: t, speaker: Some(if i % 3 == 0 { "Sam" } else { "Dana" }.into()), text }
            })
            .collect();
        Transcript { cues }
    }

    /// A note about cue `c`: some of its words (one changed, as a paraphrase
    /// does), typed `lag` s after the last of them was said, on the interview clock.
    fn note_about(t: &Transcript, c: usize, offset: f64, lag: f64) -> (f64, String) {
        let cue = &t.cues[c];
        let words: Vec<&str> = cue.text.split(' ').collect();
        let text = format!("{} {} typed {} {}", words[1], words[2], words[4], words[5]);
        let said = cue.start + (cue.end - cue.start) * 6.0 / words.len() as f64;
        (said - offset + lag, text)
    }

    fn timed(notes: &[(f64, String)]) -> Vec<TimedText<'_>> {
        notes.iter().map(|(at, text)| TimedText { at: *at, text }).collect()
    }

    #[test]
    fn a_known_offset_is_found_from_a_handful_of_notes_among_noise() {
        let t = transcript(400, 7);
        let offset = 35.0;
        let mut notes: Vec<(f64, String)> = [12, 80, 150, 230, 310]
            .iter()
            .zip([2.0, 5.0, 3.0, 6.0, 4.0])
            .map(|(&c, lag)| note_about(&t, c, offset, lag))
            .collect();
        notes.push((400.0, "they seemed frustrated about the whole process".into()));
        notes.push((900.0, "ask about pricing next time".into()));
        let a = align(&timed(&notes), &t);
        assert!((a.offset_seconds as f64 - offset).abs() <= 2.0, "{a:?}");
        assert_eq!(a.matched_notes, 5, "{a:?}");
        assert!(a.confidence > 0.5, "{a:?}");
    }

    #[test]
    fn notes_that_match_nothing_give_no_confidence() {
        let t = transcript(100, 3);
        let notes = vec![(10.0, "nothing here matches".to_string()), (20.0, "nor here at all".to_string())];
        let a = align(&timed(&notes), &t);
        assert_eq!((a.confidence, a.matched_notes), (0.0, 0), "{a:?}");
    }

    #[test]
    fn the_fit_peaks_at_the_typical_lag_and_ends_at_the_edges() {
        assert_eq!(fit(-LAG), 1.0);
        assert_eq!(fit(-EARLIEST), 0.0);
        assert_eq!(fit(LATEST), 0.0);
        assert!(fit(-10.0) > 0.0 && fit(-10.0) < 1.0);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any offset within ten minutes either way, notes on random cues with
        /// lags of one to six seconds, and unrelated notes between them.
        #[test]
        fn random_offsets_are_recovered_within_two_seconds(
            seed in 1u64..u64::MAX,
            offset in -600i64..600,
            picks in proptest::collection::vec((0usize..300, 1.0f64..6.0), 5..12),
            noise in 0usize..6,
        ) {
            let t = transcript(300, seed);
            let mut notes: Vec<(f64, String)> =
                picks.iter().map(|&(c, lag)| note_about(&t, c, offset as f64, lag)).collect();
            for k in 0..noise {
                notes.push((k as f64 * 97.0, format!("unrelated remark number{k} about onboarding")));
            }
            let a = align(&timed(&notes), &t);
            prop_assert!((a.offset_seconds - offset).abs() <= 2, "{:?} for offset {}", a, offset);
        }
    }
}
