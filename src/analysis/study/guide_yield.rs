//! Guide refinement: what each guide question yields across the study's
//! interviews, so the questions that bring nothing can be reworded or cut.
//!
//! A note carries the id of the question it was taken under, and a session
//! names its guide, so a question is matched by its id within the guide the
//! session names: two guides may both have a "2.1", and a guide edited
//! mid-study keeps the figures of the questions whose ids it kept. Per
//! question: the notes taken on it, the distinct codes those notes carry,
//! and the interviews it was asked in (reached in the guide pane, or a note
//! taken on it).
//!
//! The rule for a suggestion (documented in README): a question is judged
//! only once its guide was used in at least [`MIN_INTERVIEWS`] interviews of
//! the study; then it is suggested for a change when
//! - it was never asked: "never reached" (move it earlier or remove it);
//! - it was asked in at least [`MIN_INTERVIEWS`] and no note was ever taken
//!   on it: "never yields a note" (reword or remove);
//! - it was asked in at least [`MIN_INTERVIEWS`] and its notes per interview
//!   asked are under a quarter ([`WEAK_SHARE`]) of the median of the guide's
//!   judged questions: "yields far less than the others" (reword).

use super::codes::code_of;
use crate::analysis::synthesis::SessionRecord;
use crate::domain::guide::Guide;
use std::collections::BTreeSet;

/// Interviews on a guide (and asking a question) before it is judged:
/// fewer say more about who was interviewed than about the question.
pub const MIN_INTERVIEWS: usize = 3;

/// A question yielding under this share of the guide's median notes per
/// interview asked yields "far less than the others".
pub const WEAK_SHARE: f64 = 0.25;

/// What one question yielded.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionYield {
    /// The guide's name (what sessions name).
    pub guide: String,
    pub question: String,
    pub text: String,
    pub notes: usize,
    /// Distinct codes of the notes taken on it.
    pub codes: usize,
    /// Interviews it was asked in.
    pub interviews: usize,
    pub suggestion: Option<Suggestion>,
}

/// Why a question is suggested for rewording or removal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Suggestion {
    /// Never asked in `on_guide` interviews held on its guide.
    NeverAsked { on_guide: usize },
    /// Asked, never a note.
    NoNotes,
    /// Notes per interview asked, against the guide's median.
    Weak { per_interview: f64, median: f64 },
}

impl Suggestion {
    /// The suggestion in words, for every format.
    pub fn words(&self, interviews: usize) -> String {
        match self {
            Suggestion::NeverAsked { on_guide } => {
                format!("never reached in {on_guide} interviews on this guide: move it earlier or remove it")
            }
            Suggestion::NoNotes => {
                format!("asked in {interviews} interviews without a single note: reword it or remove it")
            }
            Suggestion::Weak { per_interview, median } => format!(
                "yields far less than the others ({} notes per interview against a median of {}): reword it",
                tenths(*per_interview),
                tenths(*median)
            ),
        }
    }
}

/// "0.3" for 0.25: rounded half away from zero, as people round.
fn tenths(x: f64) -> String {
    format!("{:.1}", (x * 10.0).round() / 10.0)
}

/// Every question of every guide the study's interviews name, in guide
/// order, guides by name. Guides no interview names are left out; so are
/// interviews whose guide is not in `guides` (their ids cannot be read).
pub fn yields(guides: &[Guide], records: &[SessionRecord], selected: &[usize]) -> Vec<QuestionYield> {
    let mut used: Vec<&Guide> =
        guides.iter().filter(|g| selected.iter().any(|&i| records[i].guide == g.name)).collect();
    used.sort_by(|a, b| a.name.cmp(&b.name));
    used.dedup_by(|a, b| a.name == b.name);
    used.into_iter().flat_map(|g| guide_yields(g, records, selected)).collect()
}

fn guide_yields(guide: &Guide, records: &[SessionRecord], selected: &[usize]) -> Vec<QuestionYield> {
    let sessions: Vec<&SessionRecord> =
        selected.iter().map(|&i| &records[i]).filter(|r| r.guide == guide.name).collect();
    let mut rows: Vec<QuestionYield> = guide
        .questions()
        .map(|(_, q)| {
            let mut notes = 0;
            let mut codes: BTreeSet<String> = BTreeSet::new();
            let mut interviews = 0;
            for s in &sessions {
                let on_it: Vec<_> = s.notes().iter().filter(|n| s.question(n) == Some(q.id.as_str())).collect();
                notes += on_it.len();
                codes.extend(on_it.iter().flat_map(|n| s.tags_of(n)).map(code_of).filter(|c| !c.is_empty()));
                if !on_it.is_empty() || s.asked.contains(&q.id) {
                    interviews += 1;
                }
            }
            QuestionYield {
                guide: guide.name.clone(),
                question: q.id.clone(),
                text: q.text.clone(),
                notes,
                codes: codes.len(),
                interviews,
                suggestion: None,
            }
        })
        .collect();
    // Only interviews that followed the guide (a question reached, or a note
    // taken on one) tell anything about its questions: notes typed without
    // the guide pane, or files written by hand, would flag every question.
    let followed = sessions.iter().filter(|s| !s.asked.is_empty() || s.notes().iter().any(|n| s.question(n).is_some()));
    suggest(&mut rows, followed.count());
    rows
}

/// Applies the rule (module doc) to one guide's rows; `on_guide` counts the
/// interviews that followed the guide.
fn suggest(rows: &mut [QuestionYield], on_guide: usize) {
    if on_guide < MIN_INTERVIEWS {
        return;
    }
    let rate = |r: &QuestionYield| r.notes as f64 / r.interviews as f64;
    let mut rates: Vec<f64> = rows.iter().filter(|r| r.interviews >= MIN_INTERVIEWS).map(rate).collect();
    rates.sort_by(f64::total_cmp);
    let median = match rates.len() {
        0 => 0.0,
        n if n % 2 == 1 => rates[n / 2],
        n => (rates[n / 2 - 1] + rates[n / 2]) / 2.0,
    };
    for r in rows.iter_mut() {
        r.suggestion = if r.interviews == 0 {
            Some(Suggestion::NeverAsked { on_guide })
        } else if r.interviews < MIN_INTERVIEWS {
            None
        } else if r.notes == 0 {
            Some(Suggestion::NoNotes)
        } else if rate(r) < median * WEAK_SHARE {
            Some(Suggestion::Weak { per_interview: rate(r), median })
        } else {
            None
        };
    }
}

/// A question id the study's interviews used under a guide that no longer
/// has it (removed or renamed since): what `guide lint` says about a guide
/// edited mid-study.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovedId {
    pub question: String,
    /// Notes taken under it.
    pub notes: usize,
    /// The interviews that reached it or took a note on it, by id, oldest first.
    pub interviews: Vec<String>,
}

/// The ids the interviews held on `guide` (by its name) used that the guide
/// does not have, in order of first use.
pub fn removed_ids(guide: &Guide, records: &[SessionRecord]) -> Vec<RemovedId> {
    let known: BTreeSet<&str> = guide.questions().map(|(_, q)| q.id.as_str()).collect();
    let mut sessions: Vec<&SessionRecord> = records.iter().filter(|r| r.guide == guide.name).collect();
    sessions.sort_by(|a, b| a.started_at.cmp(&b.started_at).then_with(|| a.id.cmp(&b.id)));
    let mut out: Vec<RemovedId> = Vec::new();
    for s in sessions {
        let noted = s.notes().iter().filter_map(|n| s.question(n));
        let used: Vec<&str> = s.asked.iter().map(String::as_str).chain(noted).collect();
        for id in used.iter().copied().filter(|id| !id.trim().is_empty() && !known.contains(id)) {
            let at = match out.iter().position(|r| r.question == id) {
                Some(at) => at,
                None => {
                    out.push(RemovedId { question: id.to_string(), notes: 0, interviews: vec![] });
                    out.len() - 1
                }
            };
            if !out[at].interviews.contains(&s.id) {
                out[at].interviews.push(s.id.clone());
                out[at].notes += s.notes().iter().filter(|n| s.question(n) == Some(id)).count();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::guide::{Question, Section};
    use crate::domain::note::Kind;
    use crate::domain::session::Offset;
    use chrono::DateTime;

    fn guide(name: &str, ids: &[&str]) -> Guide {
        Guide {
            name: name.into(),
            title: name.into(),
            kind: "exploratory".into(),
            objective: String::new(),
            duration: None,
            closing: None,
            tags: vec![],
            consent: false,
            sections: vec![Section {
                title: "All".into(),
                budget: None,
                questions: ids
                    .iter()
                    .map(|id| Question { id: id.to_string(), text: format!("Question {id}?"), probes: vec![] })
                    .collect(),
            }],
        }
    }

    /// An interview on `guide` that reached `asked`, with notes (question, tags).
    fn session(id: &str, guide: &str, asked: &[&str], notes: &[(&str, &[&str])]) -> SessionRecord {
        let at = DateTime::parse_from_rfc3339("2026-01-05T10:00:00+00:00").unwrap();
        let mut s = SessionRecord::new(id, id, guide, at);
        s.asked = asked.iter().map(|a| a.to_string()).collect();
        for (q, tags) in notes {
            s.push_note(Offset(60), Kind::Note, Some(q), tags.iter().copied(), "said something");
        }
        s
    }

    fn row<'a>(rows: &'a [QuestionYield], guide: &str, id: &str) -> &'a QuestionYield {
        rows.iter().find(|r| r.guide == guide && r.question == id).unwrap_or_else(|| panic!("{guide} {id}: {rows:?}"))
    }

    #[test]
    fn questions_are_matched_by_id_within_the_guide_each_session_names() {
        let guides = [guide("discovery", &["intro", "pains"]), guide("churn", &["intro", "why-left"])];
        let records = vec![
            session("a", "discovery", &["intro", "pains"], &[("intro", &["Role"]), ("pains", &["perf", "cost"])]),
            session("b", "churn", &["intro"], &[("intro", &["price"]), ("intro", &["PRICE", "#role"])]),
            session("c", "usability", &["intro"], &[("intro", &["x"])]),
        ];
        let rows = yields(&guides, &records, &[0, 1, 2]);
        let names: Vec<(&str, &str)> = rows.iter().map(|r| (r.guide.as_str(), r.question.as_str())).collect();
        assert_eq!(names, [("churn", "intro"), ("churn", "why-left"), ("discovery", "intro"), ("discovery", "pains")]);
        let churn_intro = row(&rows, "churn", "intro");
        assert_eq!(
            (churn_intro.notes, churn_intro.codes, churn_intro.interviews),
            (2, 2, 1),
            "codes ignore case and #"
        );
        let d_intro = row(&rows, "discovery", "intro");
        assert_eq!((d_intro.notes, d_intro.codes, d_intro.interviews), (1, 1, 1), "churn's intro is not discovery's");
        assert_eq!(row(&rows, "discovery", "pains").codes, 2);
        assert_eq!(row(&rows, "churn", "why-left").interviews, 0);
        assert!(rows.iter().all(|r| r.suggestion.is_none()), "one interview per guide judges nothing");
    }

    #[test]
    fn a_guide_edited_mid_study_counts_the_ids_it_kept_and_new_ones_from_their_first_use() {
        // v1 had "tools"; v2 renamed it "workflow" and added "budget".
        let v2 = guide("discovery", &["intro", "workflow", "budget"]);
        let records = vec![
            session("old1", "discovery", &["intro", "tools"], &[("intro", &["a"]), ("tools", &["excel"])]),
            session("new1", "discovery", &["intro", "workflow"], &[("workflow", &["excel"])]),
        ];
        let rows = yields(&[v2], &records, &[0, 1]);
        assert_eq!(rows.len(), 3, "the removed id is not a row: {rows:?}");
        assert_eq!(row(&rows, "discovery", "intro").interviews, 2);
        assert_eq!(row(&rows, "discovery", "workflow").notes, 1);
        assert_eq!(row(&rows, "discovery", "budget").interviews, 0);
    }

    #[test]
    fn silent_unreached_and_weak_questions_are_suggested_and_the_rest_are_not() {
        let g = guide("discovery", &["rich", "steady", "thin", "silent", "unreached", "late"]);
        let mut records = Vec::new();
        for i in 0..4 {
            let asked: &[&str] = if i == 0 {
                &["rich", "steady", "thin", "silent", "late"]
            } else {
                &["rich", "steady", "thin", "silent"]
            };
            let mut notes: Vec<(&str, &[&str])> = vec![("rich", &["a"]), ("rich", &["b"]), ("steady", &["c"])];
            notes.push(("steady", &["d"]));
            if i == 0 {
                notes.push(("thin", &["e"]));
            }
            records.push(session(&format!("s{i}"), "discovery", asked, &notes));
        }
        let rows = yields(&[g], &records, &[0, 1, 2, 3]);
        assert_eq!(row(&rows, "discovery", "rich").suggestion, None);
        assert_eq!(row(&rows, "discovery", "steady").suggestion, None);
        // Medians over rich 2, steady 2, thin 0.25, silent 0: (0.25 + 2) / 2 = 1.125; a quarter is 0.28.
        assert_eq!(
            row(&rows, "discovery", "thin").suggestion,
            Some(Suggestion::Weak { per_interview: 0.25, median: 1.125 })
        );
        assert_eq!(row(&rows, "discovery", "silent").suggestion, Some(Suggestion::NoNotes));
        assert_eq!(row(&rows, "discovery", "unreached").suggestion, Some(Suggestion::NeverAsked { on_guide: 4 }));
        assert_eq!(row(&rows, "discovery", "late").suggestion, None, "asked once: too few to judge");
        let words = row(&rows, "discovery", "silent").suggestion.unwrap().words(4);
        assert_eq!(words, "asked in 4 interviews without a single note: reword it or remove it");
        assert!(
            Suggestion::Weak { per_interview: 0.25, median: 1.125 }
                .words(4)
                .contains("(0.3 notes per interview against a median of 1.1)")
        );
    }

    #[test]
    fn ids_a_guide_no_longer_has_are_found_with_their_notes_and_interviews() {
        let v2 = guide("discovery", &["intro", "workflow"]);
        let records = vec![
            session("b", "discovery", &["intro", "tools"], &[("tools", &["x"]), ("tools", &[]), ("pricing", &[])]),
            session("a", "discovery", &["tools"], &[]),
            session("c", "churn", &["tools"], &[("tools", &[])]),
            session("d", "discovery", &["intro", "workflow"], &[("workflow", &[])]),
        ];
        let removed = removed_ids(&v2, &records);
        assert_eq!(
            removed,
            vec![
                RemovedId { question: "tools".into(), notes: 2, interviews: vec!["a".into(), "b".into()] },
                RemovedId { question: "pricing".into(), notes: 1, interviews: vec!["b".into()] },
            ],
            "another guide's interviews are not this guide's"
        );
        assert!(removed_ids(&guide("discovery", &["intro", "workflow", "tools", "pricing"]), &records).is_empty());
    }

    #[test]
    fn only_the_studys_interviews_count() {
        let g = guide("discovery", &["intro"]);
        let records = vec![
            session("in", "discovery", &["intro"], &[]),
            session("out", "discovery", &["intro"], &[("intro", &[])]),
        ];
        let rows = yields(&[g], &records, &[0]);
        assert_eq!((rows[0].notes, rows[0].interviews), (0, 1));
        assert!(yields(&[guide("discovery", &["intro"])], &records, &[]).is_empty(), "no interview, no guide");
    }

    #[test]
    fn interviews_that_never_followed_the_guide_flag_nothing() {
        let g = guide("discovery", &["q1", "q2"]);
        // Notes taken, but none on a question, and no question reached.
        let plain = |id: &str| {
            let mut s = session(id, "discovery", &[], &[]);
            s.push_note(Offset(60), Kind::Note, None, ["pricing"], "typed without the guide");
            s
        };
        let records: Vec<SessionRecord> = (0..4).map(|i| plain(&format!("s{i}"))).collect();
        let rows = yields(&[g], &records, &[0, 1, 2, 3]);
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r.suggestion.is_none()), "{rows:?}");
    }
}
