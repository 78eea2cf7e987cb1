//! Persona drafts: per segment (or another field), who they are (roles,
//! companies), their top themes and pains with starred quotes, and what they
//! said when asked the closing question. A draft for a PM to edit, not a
//! finding: every line says how many interviews it stands on.

use super::codes::{code_of, session_codes};
use crate::analysis::synthesis::{Dimension, NoteRef, SessionRecord, evidence_rank};
use crate::domain::note::Kind;

/// How much a draft lists of each.
pub const TOP: usize = 5;
pub const QUOTES: usize = 3;
pub const CLOSING: usize = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct Persona {
    /// The segment (or other field's value) the draft is about.
    pub name: String,
    pub interviews: usize,
    /// Most frequent first, then by name: (value, interviews).
    pub roles: Vec<(String, usize)>,
    pub companies: Vec<(String, usize)>,
    pub themes: Vec<(String, usize)>,
    pub pains: Vec<(String, usize)>,
    /// Starred notes, quotes first, newest interview first.
    pub quotes: Vec<NoteRef>,
    /// Sessions whose closing answer is quoted, newest first.
    pub closing: Vec<usize>,
}

/// One draft per value of `by` among `selected` (indices into `records`,
/// oldest first), most interviews first; interviews without a value are left out.
pub fn drafts(records: &[SessionRecord], selected: &[usize], by: Dimension) -> Vec<Persona> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for &si in selected {
        let Some(v) = by.of(&records[si]) else { continue };
        match groups.iter_mut().find(|(k, _)| k.to_lowercase() == v.to_lowercase()) {
            Some((_, list)) => list.push(si),
            None => groups.push((v.to_string(), vec![si])),
        }
    }
    let mut out: Vec<Persona> = groups.into_iter().map(|(name, list)| draft(records, name, &list)).collect();
    out.sort_by(|a, b| b.interviews.cmp(&a.interviews).then_with(|| a.name.cmp(&b.name)));
    out
}

fn draft(records: &[SessionRecord], name: String, sessions: &[usize]) -> Persona {
    let field = |f: fn(&SessionRecord) -> Option<&str>| {
        ranked(sessions.iter().filter_map(|&i| f(&records[i])).map(|v| vec![v.trim().to_string()]))
    };
    let roles = field(|s| s.role.as_deref());
    let companies = field(|s| s.company.as_deref());
    let themes = ranked(sessions.iter().map(|&i| session_codes(&records[i])));
    let pains = ranked(sessions.iter().map(|&i| {
        let s = &records[i];
        // The session's distinct tags on a pain note, each resolved to its code once.
        let mut on_pain = vec![false; s.tags().len()];
        for n in s.notes().iter().filter(|n| n.kind == Kind::Pain) {
            for &t in s.tag_ids(n) {
                on_pain[t as usize] = true;
            }
        }
        s.tags().iter().zip(on_pain).filter(|(_, p)| *p).map(|(t, _)| code_of(t)).collect::<Vec<_>>()
    }));
    let mut quotes: Vec<NoteRef> = sessions
        .iter()
        .filter(|&&i| records[i].quotes_shareable)
        .flat_map(|&i| {
            records[i]
                .notes()
                .iter()
                .enumerate()
                .filter(|(_, n)| n.starred)
                .map(move |(ni, _)| NoteRef { session: i, note: ni })
        })
        .collect();
    quotes.sort_by_key(|r| (evidence_rank(records[r.session].notes()[r.note].kind), std::cmp::Reverse(r.session)));
    quotes.truncate(QUOTES);
    // The same words from two people are one line on a card: a deck repeats nothing.
    let mut seen: Vec<String> = Vec::new();
    let closing: Vec<usize> = sessions
        .iter()
        .rev()
        .copied()
        .filter(|&i| records[i].quotes_shareable)
        .filter(|&i| {
            let Some(answer) = records[i].closing_answer.as_deref() else { return false };
            let key = answer.trim().to_lowercase();
            !seen.contains(&key) && {
                seen.push(key);
                true
            }
        })
        .take(CLOSING)
        .collect();
    Persona {
        name,
        interviews: sessions.len(),
        roles: top(roles),
        companies: top(companies),
        themes: top(themes),
        pains: top(pains),
        quotes,
        closing,
    }
}

/// How many interviews name each value (each once per interview, in any
/// case; shown as first written), most first, then by name.
fn ranked(per_session: impl Iterator<Item = Vec<String>>) -> Vec<(String, usize)> {
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    for values in per_session {
        seen.clear();
        for v in values.into_iter().filter(|v| !v.is_empty()) {
            let i = *at.entry(v.to_lowercase()).or_insert_with(|| {
                counts.push((v.clone(), 0));
                counts.len() - 1
            });
            if !seen.contains(&i) {
                seen.push(i);
                counts[i].1 += 1;
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
}

fn top(mut v: Vec<(String, usize)>) -> Vec<(String, usize)> {
    v.truncate(TOP);
    v
}

#[cfg(test)]
mod tests {
    use super::super::tests::{rec, starred};
    use super::*;

    #[test]
    fn a_draft_per_segment_with_roles_themes_pains_quotes_and_closing_answers() {
        let mut r = vec![
            rec(
                "a",
                1,
                "mid-market",
                &[(Kind::Pain, "exports break", &["export"]), (Kind::Quote, "I need CSV", &["export", "csv"])],
            ),
            rec(
                "b",
                2,
                "Mid-Market",
                &[(Kind::Pain, "too pricey", &["pricing"]), (Kind::Note, "exports", &["export"])],
            ),
            rec("c", 3, "enterprise", &[(Kind::Quote, "SSO or nothing", &["sso"])]),
            rec("d", 4, "", &[]),
        ];
        r[0].role = Some("Ops lead".into());
        r[1].role = Some("ops lead".into());
        r[1].closing_answer = Some("Make exports reliable".into());
        starred(&mut r[0], 1);
        let p = drafts(&r, &[0, 1, 2, 3], Dimension::Segment);
        assert_eq!(p.len(), 2, "the interview without a segment is left out");
        assert_eq!((p[0].name.as_str(), p[0].interviews), ("mid-market", 2));
        assert_eq!(p[0].roles, vec![("Ops lead".to_string(), 2)]);
        assert_eq!(p[0].themes[0], ("export".to_string(), 2));
        assert_eq!(p[0].pains, vec![("export".to_string(), 1), ("pricing".to_string(), 1)]);
        assert_eq!(p[0].quotes, vec![NoteRef { session: 0, note: 1 }]);
        assert_eq!(p[0].closing, vec![1]);
        assert!(p[1].quotes.is_empty(), "only starred notes are quoted");
    }

    #[test]
    fn the_same_closing_answer_twice_is_on_the_card_once() {
        let mut r = vec![rec("a", 1, "smb", &[]), rec("b", 2, "smb", &[]), rec("c", 3, "smb", &[])];
        r[0].closing_answer = Some("Security review, again.".into());
        r[1].closing_answer = Some("Migration is a mess".into());
        r[2].closing_answer = Some("security review, again. ".into());
        let p = drafts(&r, &[0, 1, 2], Dimension::Segment);
        assert_eq!(p[0].closing, vec![2, 1], "newest first, the repeat left out");
    }
}
