//! The hypotheses scoreboard: for each hypothesis, the notes and interviews
//! that count for it and against it (a note carrying one of the codes, or
//! whose words contain one of the phrases), the strongest starred quotes,
//! the status the user set, and what the figures suggest.
//!
//! The figure to trust is interviews, as in synthesis: ten notes from one
//! talkative participant are one interview.

use super::codes::{code_of, note_codes};
use crate::analysis::synthesis::{NoteRef, SessionRecord, evidence_rank};
use crate::domain::study::{Evidence, Hypothesis, Status};

/// At most this many quotes per side.
pub const QUOTES: usize = 3;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Side {
    pub interviews: usize,
    pub notes: usize,
    /// Starred notes, quotes first, newest first; never from an interview
    /// whose consent keeps quotes in.
    pub quotes: Vec<NoteRef>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub statement: String,
    pub status: Status,
    pub evidence_for: Side,
    pub evidence_against: Side,
    pub suggests: &'static str,
}

/// Below this many interviews with evidence, the figures suggest nothing.
pub const ENOUGH: usize = 3;

/// Each hypothesis over the study's interviews (`selected`: indices into `records`, oldest first).
pub fn score(hypotheses: &[Hypothesis], records: &[SessionRecord], selected: &[usize]) -> Vec<Scored> {
    hypotheses
        .iter()
        .map(|h| {
            let evidence_for = side(&h.evidence_for, records, selected);
            let evidence_against = side(&h.evidence_against, records, selected);
            let suggests = suggestion(evidence_for.interviews, evidence_against.interviews);
            Scored { statement: h.statement.clone(), status: h.status, evidence_for, evidence_against, suggests }
        })
        .collect()
}

/// What the figures suggest: supported when interviews for outnumber those
/// against two to one, refuted the other way round, mixed between.
pub fn suggestion(for_: usize, against: usize) -> &'static str {
    if for_ + against < ENOUGH {
        "too little evidence"
    } else if for_ >= 2 * against {
        "supported"
    } else if against >= 2 * for_ {
        "refuted"
    } else {
        "mixed"
    }
}

fn side(e: &Evidence, records: &[SessionRecord], selected: &[usize]) -> Side {
    let mut out = Side::default();
    if e.is_empty() {
        return out;
    }
    let codes: Vec<String> = e.tags.iter().map(|t| code_of(t)).filter(|c| !c.is_empty()).collect();
    let words: Vec<String> = e.words.iter().map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect();
    let mut starred: Vec<NoteRef> = Vec::new();
    for &si in selected {
        let s = &records[si];
        let before = out.notes;
        for (ni, n) in s.notes().iter().enumerate() {
            let by_code = note_codes(s, n).iter().any(|c| codes.contains(c));
            let by_words = !words.is_empty() && {
                let text = s.text(n).to_lowercase();
                words.iter().any(|w| text.contains(w.as_str()))
            };
            if by_code || by_words {
                out.notes += 1;
                if n.starred && s.quotes_shareable {
                    starred.push(NoteRef { session: si, note: ni });
                }
            }
        }
        if out.notes > before {
            out.interviews += 1;
        }
    }
    // Quotes first, then by kind; newest interview first within a kind.
    starred.sort_by_key(|r| (evidence_rank(records[r.session].notes()[r.note].kind), std::cmp::Reverse(r.session)));
    starred.truncate(QUOTES);
    out.quotes = starred;
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{rec, starred};
    use super::*;
    use crate::domain::note::Kind;

    #[test]
    fn evidence_counts_interviews_and_notes_by_code_or_words() {
        let mut records = vec![
            rec("a", 1, "smb", &[(Kind::Pain, "setup took weeks", &[]), (Kind::Note, "again", &["Onboarding"])]),
            rec("b", 2, "smb", &[(Kind::Quote, "it was fast", &["fast-setup"])]),
            rec("c", 3, "smb", &[(Kind::Quote, "onboarding hurt", &["onboarding"])]),
        ];
        starred(&mut records[2], 0);
        starred(&mut records[1], 0);
        records[1].quotes_shareable = false;
        let h = Hypothesis {
            statement: "Setup is slow".into(),
            evidence_for: Evidence { tags: vec!["#onboarding".into()], words: vec!["Took Weeks".into()] },
            evidence_against: Evidence { tags: vec!["fast-setup".into()], words: vec![] },
            ..Hypothesis::default()
        };
        let s = &score(&[h], &records, &[0, 1, 2])[0];
        assert_eq!((s.evidence_for.interviews, s.evidence_for.notes), (2, 3));
        assert_eq!((s.evidence_against.interviews, s.evidence_against.notes), (1, 1));
        assert_eq!(s.evidence_for.quotes, vec![NoteRef { session: 2, note: 0 }]);
        assert!(s.evidence_against.quotes.is_empty(), "no consent to quote");
        assert_eq!(s.suggests, "supported");
        assert_eq!(suggestion(1, 1), "too little evidence");
        assert_eq!(suggestion(2, 2), "mixed");
        assert_eq!(suggestion(1, 3), "refuted");
    }
}
