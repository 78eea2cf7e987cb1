//! The hypotheses scoreboard: for each hypothesis, the notes and interviews
//! that count for it and against it (a note carrying one of the codes, or
//! whose words contain one of the phrases), the strongest starred quotes,
//! the status the user set, and what the figures suggest.
//!
//! The figure to trust is interviews, as in synthesis: ten notes from one
//! talkative participant are one interview.

use super::codes::code_of;
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
    /// Interviews for and against a week before the study's last interview:
    /// what changed since then.
    pub week_before: (usize, usize),
}

/// Below this many interviews with evidence, the figures suggest nothing.
pub const ENOUGH: usize = 3;

/// Each hypothesis over the study's interviews (`selected`: indices into `records`, oldest first).
pub fn score(hypotheses: &[Hypothesis], records: &[SessionRecord], selected: &[usize]) -> Vec<Scored> {
    let cutoff = selected.iter().map(|&i| records[i].started_at).max().map(|last| last - chrono::Duration::days(7));
    // Every note's text in ASCII lower case, once per interview (byte offsets
    // stay the same), when some hypothesis looks for words.
    let any_words = hypotheses.iter().any(|h| !h.evidence_for.words.is_empty() || !h.evidence_against.words.is_empty());
    let lowered: Vec<String> =
        if any_words { selected.iter().map(|&i| records[i].text.to_ascii_lowercase()).collect() } else { Vec::new() };
    let side = |e: &Evidence| side(e, records, selected, cutoff, &lowered);
    hypotheses
        .iter()
        .map(|h| {
            let (evidence_for, for_before) = side(&h.evidence_for);
            let (evidence_against, against_before) = side(&h.evidence_against);
            let suggests = suggestion(evidence_for.interviews, evidence_against.interviews);
            Scored {
                statement: h.statement.clone(),
                status: h.status,
                evidence_for,
                evidence_against,
                suggests,
                week_before: (for_before, against_before),
            }
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

/// The evidence on one side, and how many of its interviews were held by
/// `cutoff` (a week before the last one). One pass; a session's distinct
/// tags are resolved to codes once, not per note.
fn side(
    e: &Evidence,
    records: &[SessionRecord],
    selected: &[usize],
    cutoff: Option<chrono::DateTime<chrono::FixedOffset>>,
    lowered: &[String],
) -> (Side, usize) {
    let mut out = Side::default();
    let mut before_cutoff = 0;
    if e.is_empty() {
        return (out, 0);
    }
    let codes: Vec<String> = e.tags.iter().map(|t| code_of(t)).filter(|c| !c.is_empty()).collect();
    let words: Vec<String> = e.words.iter().map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect();
    let mut starred: Vec<NoteRef> = Vec::new();
    let mut wanted: Vec<bool> = Vec::new();
    for (pos, &si) in selected.iter().enumerate() {
        let s = &records[si];
        wanted.clear();
        wanted.extend(s.tags().iter().map(|t| codes.contains(&code_of(t))));
        let before = out.notes;
        for (ni, n) in s.notes().iter().enumerate() {
            let by_code = s.tag_ids(n).iter().any(|&t| wanted[t as usize]);
            if by_code || words.iter().any(|w| has_words(s, n, lowered.get(pos), w)) {
                out.notes += 1;
                if n.starred && s.quotes_shareable {
                    starred.push(NoteRef { session: si, note: ni });
                }
            }
        }
        if out.notes > before {
            out.interviews += 1;
            if cutoff.is_some_and(|c| s.started_at <= c) {
                before_cutoff += 1;
            }
        }
    }
    // Quotes first, then by kind; newest interview first within a kind.
    starred.sort_by_key(|r| (evidence_rank(records[r.session].notes()[r.note].kind), std::cmp::Reverse(r.session)));
    starred.truncate(QUOTES);
    out.quotes = starred;
    (out, before_cutoff)
}

/// Whether note `n` contains `lower` (already lower-case) in any case: an
/// ASCII phrase is looked up in the interview's text lowered once
/// (`lowered`), any other lowers the note.
fn has_words(
    s: &SessionRecord,
    n: &crate::analysis::synthesis::NoteRecord,
    lowered: Option<&String>,
    lower: &str,
) -> bool {
    match lowered {
        Some(all) if lower.is_ascii() => {
            all.get(n.text.0 as usize..n.text.1 as usize).is_some_and(|t| t.contains(lower))
        }
        _ => s.text(n).to_lowercase().contains(lower),
    }
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
        let s = &score(std::slice::from_ref(&h), &records, &[0, 1, 2])[0];
        assert_eq!((s.evidence_for.interviews, s.evidence_for.notes), (2, 3));
        assert_eq!((s.evidence_against.interviews, s.evidence_against.notes), (1, 1));
        assert_eq!(s.evidence_for.quotes, vec![NoteRef { session: 2, note: 0 }]);
        assert!(s.evidence_against.quotes.is_empty(), "no consent to quote");
        assert_eq!(s.suggests, "supported");
        assert_eq!(s.week_before, (0, 0), "all three within the last week");
        records.push(rec("d", 12, "smb", &[(Kind::Note, "fast", &["fast-setup"])]));
        let h = score(&[h], &records, &[0, 1, 2, 3]);
        assert_eq!((h[0].evidence_against.interviews, h[0].week_before), (2, (2, 1)), "d is this week's");
        assert_eq!(suggestion(1, 1), "too little evidence");
        assert_eq!(suggestion(2, 2), "mixed");
        assert_eq!(suggestion(1, 3), "refuted");
    }
}
