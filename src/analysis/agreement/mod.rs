//! Agreement between two coders who tagged the same interviews on their own
//! (two clones or two branches of the team library): Cohen's kappa per code
//! and overall, and the notes they coded differently, to discuss.
//!
//! - The unit is the note. Notes are matched between the two libraries by
//!   `matching.rs` (same session id, sitting, time and text).
//! - A matched note counts only when at least one coder applied at least one
//!   of the codes compared (all codes either used, or `--codes`); notes that
//!   neither coder tagged say nothing about agreement and would inflate it.
//! - For each code, every counted note is one yes/no decision per coder
//!   (`kappa::Table`). Overall is the pooled kappa: the tables of all codes
//!   added cell by cell (every note × code decision), then one kappa.
//! - Tags compare as synthesis compares them: trimmed, any leading `#`
//!   dropped, lower-cased; with a codebook, an alias counts as its code.

pub mod format;
pub mod kappa;
pub mod matching;

use crate::analysis::synthesis::{NoteRecord, SessionRecord};
use kappa::Table;
use std::collections::BTreeSet;

/// One code's agreement.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeAgreement {
    pub code: String,
    pub table: Table,
}

/// A note the coders coded differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    pub session: String,
    /// As the session view shows it (`00:03:10`, or with its sitting).
    pub time: String,
    pub text: String,
    /// Every tag each coder gave the note, as written.
    pub a_tags: Vec<String>,
    pub b_tags: Vec<String>,
}

/// Everything `fieldnotes agree` reports.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Agreement {
    /// Notes compared: matched, and tagged by at least one coder.
    pub notes: usize,
    /// Matched notes left out because neither coder tagged them.
    pub untagged_by_both: usize,
    pub codes: Vec<CodeAgreement>,
    /// All codes' tables added together.
    pub pooled: Table,
    pub disagreements: Vec<Disagreement>,
    pub shared_sessions: usize,
    pub a_only_sessions: Vec<String>,
    pub b_only_sessions: Vec<String>,
    pub a_unmatched_notes: usize,
    pub b_unmatched_notes: usize,
}

/// A tag as agreement compares it.
pub fn normalize(tag: &str) -> String {
    tag.trim().trim_start_matches('#').trim().to_lowercase()
}

/// What a tag counts as: itself, or the code it is an alias of.
pub type Resolve<'r> = &'r dyn Fn(&str) -> String;

fn codes_of(s: &SessionRecord, n: &NoteRecord, resolve: Resolve) -> BTreeSet<String> {
    s.tags_of(n).map(|t| resolve(&normalize(t))).filter(|t| !t.is_empty()).collect()
}

/// Compares coder A's library with coder B's. `only`: the codes to compare
/// (`--codes`), else every code either coder used on a matched note.
pub fn agree(a: &[SessionRecord], b: &[SessionRecord], only: Option<&[String]>) -> Agreement {
    agree_resolved(a, b, only, &|t: &str| t.to_string())
}

/// As [`agree`], each tag first resolved to its code (the codebook's
/// aliases: `price` counts as `pricing`), so two spellings of one code agree.
pub fn agree_resolved(
    a: &[SessionRecord],
    b: &[SessionRecord],
    only: Option<&[String]>,
    resolve: Resolve,
) -> Agreement {
    let m = matching::match_notes(a, b);
    let coded: Vec<(BTreeSet<String>, BTreeSet<String>, &matching::Pair)> =
        m.pairs.iter().map(|p| (codes_of(p.a_session, p.a, resolve), codes_of(p.b_session, p.b, resolve), p)).collect();
    let codes: Vec<String> = match only {
        Some(list) => {
            let mut seen = Vec::new();
            for c in list.iter().map(|c| resolve(&normalize(c))).filter(|c| !c.is_empty()) {
                if !seen.contains(&c) {
                    seen.push(c);
                }
            }
            seen
        }
        None => {
            coded.iter().flat_map(|(x, y, _)| x.iter().chain(y)).cloned().collect::<BTreeSet<_>>().into_iter().collect()
        }
    };
    let mut out = Agreement {
        codes: codes.iter().map(|c| CodeAgreement { code: c.clone(), table: Table::default() }).collect(),
        shared_sessions: m.shared_sessions,
        a_only_sessions: m.a_only_sessions.clone(),
        b_only_sessions: m.b_only_sessions.clone(),
        a_unmatched_notes: m.a_unmatched,
        b_unmatched_notes: m.b_unmatched,
        ..Agreement::default()
    };
    for (ca, cb, pair) in &coded {
        let tagged = codes.iter().any(|c| ca.contains(c) || cb.contains(c));
        if !tagged {
            out.untagged_by_both += 1;
            continue;
        }
        out.notes += 1;
        for ag in &mut out.codes {
            ag.table.record(ca.contains(&ag.code), cb.contains(&ag.code));
        }
        if codes.iter().any(|c| ca.contains(c) != cb.contains(c)) {
            out.disagreements.push(disagreement(pair));
        }
    }
    for ag in &out.codes {
        out.pooled.add(&ag.table);
    }
    out
}

fn disagreement(p: &matching::Pair) -> Disagreement {
    Disagreement {
        session: p.a_session.id.clone(),
        time: p.a_session.note_time(p.a),
        text: p.a_session.text(p.a).to_string(),
        a_tags: p.a_session.tags_of(p.a).map(String::from).collect(),
        b_tags: p.b_session.tags_of(p.b).map(String::from).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::note::Kind;
    use crate::domain::session::Offset;

    fn session(id: &str, notes: &[(u32, &str, &[&str])]) -> SessionRecord {
        let start = chrono::DateTime::parse_from_rfc3339("2025-03-01T10:00:00+00:00").unwrap();
        let mut s = SessionRecord::new(id, "Ana", "discovery", start);
        for (at, text, tags) in notes {
            s.push_note(Offset(*at), Kind::Note, None, tags.iter().copied(), text);
        }
        s
    }

    /// Two coders over five notes of one interview, the fifth untagged by both.
    fn coders() -> (Vec<SessionRecord>, Vec<SessionRecord>) {
        let a = session(
            "s1",
            &[
                (1, "one", &["price"]),
                (2, "two", &["price", "trust"]),
                (3, "three", &["trust"]),
                (4, "four", &[]),
                (5, "five", &[]),
            ],
        );
        let b = session(
            "s1",
            &[
                (1, "one", &["Price"]),
                (2, "two", &["price"]),
                (3, "three", &["trust"]),
                (4, "four", &["#trust"]),
                (5, "five", &[]),
            ],
        );
        (vec![a], vec![b])
    }

    #[test]
    fn per_code_tables_count_notes_tagged_by_either_coder() {
        let (a, b) = coders();
        let ag = agree(&a, &b, None);
        assert_eq!(ag.notes, 4);
        assert_eq!(ag.untagged_by_both, 1);
        let codes: Vec<(&str, Table)> = ag.codes.iter().map(|c| (c.code.as_str(), c.table)).collect();
        assert_eq!(
            codes,
            vec![
                ("price", Table { both: 2, a_only: 0, b_only: 0, neither: 2 }),
                ("trust", Table { both: 1, a_only: 1, b_only: 1, neither: 1 }),
            ]
        );
        assert_eq!(ag.pooled, Table { both: 3, a_only: 1, b_only: 1, neither: 3 });
        assert_eq!(ag.codes[0].table.kappa(), Some(1.0));
        assert_eq!(ag.codes[1].table.kappa(), Some(0.0));
        // Pooled: po = 6/8, pe = 0.5 → 0.5.
        assert!((ag.pooled.kappa().unwrap() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn disagreements_list_the_note_and_both_coders_tags() {
        let (a, b) = coders();
        let ag = agree(&a, &b, None);
        let texts: Vec<&str> = ag.disagreements.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, vec!["two", "four"]);
        let four = &ag.disagreements[1];
        assert_eq!((four.session.as_str(), four.time.as_str()), ("s1", "00:00:04"));
        assert_eq!((four.a_tags.clone(), four.b_tags.clone()), (vec![], vec!["#trust".to_string()]));
    }

    #[test]
    fn aliases_resolved_to_their_code_agree() {
        let a = vec![session("s1", &[(1, "one", &["price"]), (2, "two", &[])])];
        let b = vec![session("s1", &[(1, "one", &["pricing"]), (2, "two", &["cost"])])];
        let resolve = |t: &str| if t == "price" || t == "cost" { "pricing".to_string() } else { t.to_string() };
        let ag = agree_resolved(&a, &b, None, &resolve);
        assert_eq!(ag.codes.len(), 1);
        assert_eq!(ag.codes[0].table, Table { both: 1, a_only: 0, b_only: 1, neither: 0 });
        // Without the codebook, three codes that never meet.
        assert_eq!(agree(&a, &b, None).codes.len(), 3);
    }

    #[test]
    fn chosen_codes_limit_the_notes_counted_and_a_code_nobody_used_is_undefined() {
        let (a, b) = coders();
        let only = vec!["#Price".to_string(), "unused".to_string()];
        let ag = agree(&a, &b, Some(&only));
        // Only the two notes tagged price count; "trust" disagreements are not listed.
        assert_eq!(ag.notes, 2);
        assert!(ag.disagreements.is_empty());
        assert_eq!(ag.codes[1].code, "unused");
        assert_eq!(ag.codes[1].table.kappa(), None);
    }
}
