//! Which note of coder A's library is which note of coder B's.
//!
//! The rule: two notes are the same note when they are in sessions with the
//! same id and have the same sitting, the same time (`at`) and the same text
//! (the words without their `#tags`). Where several notes of a session share
//! all three, they pair in file order. So a coder who inserted or deleted a
//! note, or reordered the file, still lines up with the other on every note
//! both kept; a note whose words one coder changed matches nothing and is
//! counted as unmatched, never compared.

use crate::analysis::synthesis::{NoteRecord, SessionRecord};
use crate::domain::session::Offset;
use std::collections::HashMap;

/// One note both coders have, as each of them has it.
#[derive(Debug, Clone, Copy)]
pub struct Pair<'r> {
    pub a_session: &'r SessionRecord,
    pub a: &'r NoteRecord,
    pub b_session: &'r SessionRecord,
    pub b: &'r NoteRecord,
}

/// What matching found.
#[derive(Debug, Default)]
pub struct Matched<'r> {
    pub pairs: Vec<Pair<'r>>,
    /// Sessions in both libraries.
    pub shared_sessions: usize,
    /// Sessions only one coder has, by id: left out.
    pub a_only_sessions: Vec<String>,
    pub b_only_sessions: Vec<String>,
    /// Notes of shared sessions with no partner on the other side.
    pub a_unmatched: usize,
    pub b_unmatched: usize,
}

type Key<'r> = (u32, Offset, &'r str);

fn key<'r>(s: &'r SessionRecord, n: &NoteRecord) -> Key<'r> {
    (n.sitting, n.at, s.text(n))
}

/// Pairs the notes of the sessions both libraries hold, by the module's rule.
pub fn match_notes<'r>(a: &'r [SessionRecord], b: &'r [SessionRecord]) -> Matched<'r> {
    let b_by_id: HashMap<&str, &SessionRecord> = b.iter().map(|s| (s.id.as_str(), s)).collect();
    let a_ids: std::collections::HashSet<&str> = a.iter().map(|s| s.id.as_str()).collect();
    let mut m = Matched::default();
    for sa in a {
        let Some(sb) = b_by_id.get(sa.id.as_str()) else {
            m.a_only_sessions.push(sa.id.clone());
            continue;
        };
        m.shared_sessions += 1;
        pair_session(sa, sb, &mut m);
    }
    m.b_only_sessions = b.iter().filter(|s| !a_ids.contains(s.id.as_str())).map(|s| s.id.clone()).collect();
    m
}

fn pair_session<'r>(sa: &'r SessionRecord, sb: &'r SessionRecord, m: &mut Matched<'r>) {
    // B's notes waiting for a partner, per key, in file order.
    let mut waiting: HashMap<Key<'r>, std::collections::VecDeque<&'r NoteRecord>> = HashMap::new();
    for n in sb.notes() {
        waiting.entry(key(sb, n)).or_default().push_back(n);
    }
    let mut matched = 0;
    for na in sa.notes() {
        match waiting.get_mut(&key(sa, na)).and_then(|q| q.pop_front()) {
            Some(nb) => {
                matched += 1;
                m.pairs.push(Pair { a_session: sa, a: na, b_session: sb, b: nb });
            }
            None => m.a_unmatched += 1,
        }
    }
    m.b_unmatched += sb.notes().len() - matched;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::note::Kind;

    fn session(id: &str, notes: &[(u32, &str, &[&str])]) -> SessionRecord {
        let start = chrono::DateTime::parse_from_rfc3339("2025-03-01T10:00:00+00:00").unwrap();
        let mut s = SessionRecord::new(id, "Ana", "discovery", start);
        for (at, text, tags) in notes {
            s.push_note(Offset(*at), Kind::Note, None, tags.iter().copied(), text);
        }
        s
    }

    #[test]
    fn notes_pair_by_time_and_text_even_when_one_coder_inserted_a_note() {
        let a = vec![session("s1", &[(10, "slow", &["perf"]), (20, "pricey", &[])])];
        let b = vec![session("s1", &[(5, "added by B", &["x"]), (10, "slow", &[]), (20, "pricey", &["pricing"])])];
        let m = match_notes(&a, &b);
        let texts: Vec<(&str, &str)> = m.pairs.iter().map(|p| (a[0].text(p.a), b[0].text(p.b))).collect();
        assert_eq!(texts, vec![("slow", "slow"), ("pricey", "pricey")]);
        assert_eq!((m.a_unmatched, m.b_unmatched), (0, 1));
    }

    #[test]
    fn a_note_whose_words_changed_matches_nothing() {
        let a = vec![session("s1", &[(10, "slow export", &["perf"])])];
        let b = vec![session("s1", &[(10, "slow exports", &["perf"])])];
        let m = match_notes(&a, &b);
        assert!(m.pairs.is_empty());
        assert_eq!((m.a_unmatched, m.b_unmatched), (1, 1));
    }

    #[test]
    fn twin_notes_pair_in_file_order_and_sessions_on_one_side_are_listed() {
        let a = vec![session("s1", &[(10, "yes", &["a"]), (10, "yes", &["b"])]), session("only-a", &[])];
        let b = vec![session("s1", &[(10, "yes", &["c"]), (10, "yes", &["d"])]), session("only-b", &[])];
        let m = match_notes(&a, &b);
        let tags: Vec<(Vec<&str>, Vec<&str>)> =
            m.pairs.iter().map(|p| (p.a_session.tags_of(p.a).collect(), p.b_session.tags_of(p.b).collect())).collect();
        assert_eq!(tags, vec![(vec!["a"], vec!["c"]), (vec!["b"], vec!["d"])]);
        assert_eq!(m.a_only_sessions, vec!["only-a"]);
        assert_eq!(m.b_only_sessions, vec!["only-b"]);
        assert_eq!(m.shared_sessions, 1);
    }
}
