//! Whether a quote was said: its words looked for in what was spoken near
//! its time on the recording.
//!
//! The rule (words compared by `words::words`: case, punctuation and fillers
//! ignored):
//! - **verbatim**: every word of the quote, in order and together.
//! - **close**: at least three quarters of the quote's words (and at least
//!   two), in the same order, within a stretch of speech at most twice the
//!   quote's length; the words that differ are named.
//! - **not found**: neither, within `BEFORE` s before the note's moment on
//!   the recording and `AFTER` s after it.

use super::words::words;
use crate::domain::transcript::Transcript;

/// How far before the note's moment the words may have been said (a quote
/// is often typed well after, as the PM catches up).
pub const BEFORE: f64 = 120.0;
/// How far after (the clocks are only as good as the offset).
pub const AFTER: f64 = 30.0;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Said as written, starting in cue `cue`.
    Verbatim {
        cue: usize,
    },
    /// Said nearly as written, starting in cue `cue`: `missing` are the
    /// quote's words that were not said there.
    Close {
        cue: usize,
        missing: Vec<String>,
    },
    NotFound,
}

impl Verdict {
    /// The name scripts read: `verbatim`, `close`, `not-found`.
    pub fn status(&self) -> &'static str {
        match self {
            Verdict::Verbatim { .. } => "verbatim",
            Verdict::Close { .. } => "close",
            Verdict::NotFound => "not-found",
        }
    }

    pub fn cue(&self) -> Option<usize> {
        match self {
            Verdict::Verbatim { cue } | Verdict::Close { cue, .. } => Some(*cue),
            Verdict::NotFound => None,
        }
    }
}

/// Checks the quote `text`, typed at interview time `at`, given the offset
/// from the interview clock to the recording's.
pub fn check(text: &str, at: f64, offset: f64, transcript: &Transcript) -> Verdict {
    let quote = words(text);
    if quote.is_empty() {
        return Verdict::NotFound;
    }
    let moment = at + offset;
    let mut spoken: Vec<(String, usize)> = Vec::new();
    for (c, cue) in transcript.cues.iter().enumerate() {
        if cue.end >= moment - BEFORE && cue.start <= moment + AFTER {
            spoken.extend(words(&cue.text).into_iter().map(|w| (w, c)));
        }
    }
    if let Some(start) = spoken.windows(quote.len()).position(|w| w.iter().map(|(s, _)| s).eq(quote.iter())) {
        return Verdict::Verbatim { cue: spoken[start].1 };
    }
    close_match(&quote, &spoken).unwrap_or(Verdict::NotFound)
}

/// The best near match: the stretch (starting on a word of the quote) whose
/// longest common subsequence with the quote is longest.
fn close_match(quote: &[String], spoken: &[(String, usize)]) -> Option<Verdict> {
    let needed = (quote.len() * 3).div_ceil(4).max(2);
    let span = quote.len() * 2;
    let mut best: Option<(usize, usize, Vec<bool>)> = None;
    for start in 0..spoken.len() {
        if !quote.contains(&spoken[start].0) {
            continue;
        }
        let stretch: Vec<&str> =
            spoken[start..(start + span).min(spoken.len())].iter().map(|(w, _)| w.as_str()).collect();
        let (len, used) = common_subsequence(quote, &stretch);
        if len >= needed && best.as_ref().is_none_or(|b| len > b.1) {
            best = Some((start, len, used));
        }
    }
    let (start, _, used) = best?;
    let missing = quote.iter().zip(used).filter(|(_, u)| !u).map(|(w, _)| w.clone()).collect();
    Some(Verdict::Close { cue: spoken[start].1, missing })
}

/// The length of the longest common subsequence of `a` and `b`, and which
/// words of `a` are in it.
fn common_subsequence(a: &[String], b: &[&str]) -> (usize, Vec<bool>) {
    let (n, m) = (a.len(), b.len());
    let mut table = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i][j] = if a[i] == b[j] { table[i + 1][j + 1] + 1 } else { table[i + 1][j].max(table[i][j + 1]) };
        }
    }
    let mut used = vec![false; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            used[i] = true;
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    (table[0][0], used)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::transcript::Cue;

    fn said(lines: &[(f64, &str)]) -> Transcript {
        let cues = lines
            .iter()
            .map(|&(start, text)| Cue { start, end: start + 4.0, speaker: Some("Dana".into()), text: text.into() })
            .collect();
        Transcript { cues }
    }

    fn call() -> Transcript {
        said(&[
            (100.0, "So um, every Friday I export the whole thing"),
            (104.0, "to Excel, and it drives me crazy, honestly."),
            (300.0, "We tried the reporting module once."),
        ])
    }

    #[test]
    fn words_said_across_two_cues_are_verbatim_despite_case_and_fillers() {
        let v = check("Every Friday I export the whole thing to Excel", 110.0, 0.0, &call());
        assert_eq!(v, Verdict::Verbatim { cue: 0 });
    }

    #[test]
    fn a_paraphrase_is_close_and_names_what_differs() {
        let v = check("every Friday I export everything to Excel", 110.0, 0.0, &call());
        assert_eq!(v, Verdict::Close { cue: 0, missing: vec!["everything".into()] });
        assert_eq!(v.status(), "close");
    }

    #[test]
    fn words_never_said_or_said_far_from_the_time_are_not_found() {
        assert_eq!(check("The export is the best part of my week", 110.0, 0.0, &call()), Verdict::NotFound);
        // Said, but at 300 s on the recording: a note at 10 s with no offset is far from it.
        assert_eq!(check("We tried the reporting module once", 10.0, 0.0, &call()), Verdict::NotFound);
        // With the right offset it is found.
        assert_eq!(check("We tried the reporting module once", 10.0, 295.0, &call()), Verdict::Verbatim { cue: 2 });
    }

    #[test]
    fn an_empty_quote_is_not_found() {
        assert_eq!(check("...", 110.0, 0.0, &call()), Verdict::NotFound);
    }
}
