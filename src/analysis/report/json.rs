//! `synth --format json`: every view of a synthesis as one JSON value, for
//! scripts. Separate from the printed formats: its strings stay exact, and it
//! carries every theme rather than the top few.

use super::view::View;
use super::{QUOTES_PER_THEME, ranking_words};
use crate::analysis::figures::Share;
use crate::analysis::synthesis::{self, Filter, NoteRef, Synthesis};
use crate::domain::note::Kind;
use serde_json::{Map, Value, json};

/// Every view of `s` as JSON, through `view`, not yet `finish_json`ed.
pub fn synthesis_json(s: &Synthesis, view: &View, filter: &Filter) -> Value {
    let records = view.records;
    let total = s.sessions();
    let anon_tag = |t: &str| view.text(t).into_owned();
    let mut m = Map::new();
    m.insert("sessions".into(), total.into());
    m.insert("notes".into(), s.notes.into());
    m.insert("untagged_notes".into(), s.untagged.into());
    m.insert("filters".into(), view.filters_json(filter));
    m.insert(
        "tags".into(),
        s.tags.iter().map(|t| json!({"tag": anon_tag(&t.tag), "count": t.notes, "sessions": t.sessions})).collect(),
    );
    // Scripts get every note as evidence, whatever consent says: the flag is in each.
    let evidence = |refs: &[NoteRef]| -> Vec<Value> {
        synthesis::pick_curated(refs, QUOTES_PER_THEME, |_| true, view.records)
            .into_iter()
            .map(|r| view.evidence(r))
            .collect()
    };
    m.insert(
        "themes".into(),
        s.themes
            .iter()
            .map(|t| {
                let kinds: Map<String, Value> =
                    Kind::ALL.iter().map(|k| (k.name().to_string(), t.count(*k).into())).collect();
                json!({
                    "tag": anon_tag(&t.tag),
                    "notes": t.notes,
                    "sessions": t.sessions,
                    "share": Share::of(t.sessions, total).fraction(),
                    "percent": Share::of(t.sessions, total).percent(),
                    "kinds": kinds,
                    "closing_answers": t.closing.len(),
                    "evidence": evidence(&t.evidence),
                })
            })
            .collect(),
    );
    m.insert(
        "pain_points".into(),
        s.pain_points
            .iter()
            .map(|p| {
                json!({
                    "tag": anon_tag(&p.tag),
                    "notes": p.notes,
                    "sessions": p.sessions,
                    "share": Share::of(p.sessions, total).fraction(),
                    "percent": Share::of(p.sessions, total).percent(),
                    "pains": evidence(&p.pains),
                    "quotes": evidence(&p.quotes),
                })
            })
            .collect(),
    );
    m.insert("untagged_pains".into(), s.untagged_pains.len().into());
    let matrix = &s.matrix;
    m.insert(
        "matrix".into(),
        json!({
            "by": matrix.by.name(),
            "ranking": matrix.ranking.name(),
            "ranking_rule": ranking_words(matrix.ranking),
            "themes": matrix.themes.iter().map(|t| anon_tag(t)).collect::<Vec<_>>(),
            "rows": matrix.rows.iter().map(|r| json!({
                "group": r.group.as_deref().map(|g| view.group(matrix.by, Some(g))),
                "sessions": r.sessions,
                "counts": r.counts,
                "shares": (0..r.counts.len()).map(|i| r.share(i)).collect::<Vec<_>>(),
                "percents": r.counts.iter().map(|&c| Share::of(c, r.sessions).percent()).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }),
    );
    let pairs = |v: &[synthesis::Pair]| -> Vec<Value> {
        v.iter().map(|p| json!({"a": anon_tag(&p.a), "b": anon_tag(&p.b), "count": p.count})).collect()
    };
    m.insert("cooccurrence".into(), json!({"notes": pairs(&s.note_pairs), "sessions": pairs(&s.session_pairs)}));
    m.insert(
        "closing_answers".into(),
        s.closing_answers
            .iter()
            .map(|c| {
                let r = &records[c.session];
                json!({
                    "session": view.session_id(r),
                    "participant": view.who(r),
                    "date": r.date().to_string(),
                    "question": r.closing_question.as_deref().unwrap_or(crate::domain::session::DEFAULT_CLOSING),
                    "answer": view.text(r.closing_answer.as_deref().unwrap_or_default()),
                    "quotes_shareable": r.quotes_shareable,
                    "tags": c.tags.iter().map(|t| anon_tag(t)).collect::<Vec<_>>(),
                })
            })
            .collect(),
    );
    m.insert(
        "coverage".into(),
        s.coverage
            .iter()
            .map(|g| {
                json!({
                    "guide": g.guide,
                    "title": g.title,
                    "sessions": g.sessions,
                    "questions": g.questions.iter().map(|q| json!({
                        "id": q.id,
                        "text": q.text,
                        "in_guide": q.in_guide,
                        "noted": q.noted,
                        "reached": q.reached,
                        "covered": q.covered,
                        "percent": Share::of(q.covered, g.sessions).percent(),
                        "never_covered": q.never_covered(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    );
    Value::Object(m)
}
