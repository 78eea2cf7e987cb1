//! `search`: the results as text lines (matched words underlined on a
//! terminal) or as JSON with the matched character positions.

use super::text::line;
use super::view::View;
use crate::text::out::inert;
use serde_json::{Value, json};
use std::fmt::Write;

/// The results as JSON: the query, and each hit as in [`found_json`] with
/// whether every word matched exactly and the matched character positions in
/// `text` as printed. Not yet `finish_json`ed.
pub fn results_json(hits: &[crate::analysis::search::Hit], view: &View, query: &str) -> Value {
    let hits: Vec<Value> = hits
        .iter()
        .map(|h| {
            let mut v = found_json(view, h.at);
            // Positions in `text` as printed: after scrubbing names, matched again.
            let indices = match (&view.anon, v["text"].as_str()) {
                (Some(_), Some(t)) => crate::analysis::search::highlight(t, query),
                _ => h.indices.clone(),
            };
            if let Value::Object(m) = &mut v {
                m.insert("exact_words".into(), h.exact.into());
                m.insert("indices".into(), json!(indices));
            }
            v
        })
        .collect();
    json!({"query": query, "hits": hits})
}

/// One search result as JSON: where it is and what it is (`source`: note,
/// closing_answer or summary; a note's fields as in evidence).
pub fn found_json(view: &View, found: crate::analysis::search::Found) -> Value {
    let s = &view.records[found.session()];
    let (source, question) = match found {
        crate::analysis::search::Found::Note(r) => {
            let mut v = view.evidence(r);
            if let Value::Object(m) = &mut v {
                m.insert("source".into(), "note".into());
            }
            return v;
        }
        crate::analysis::search::Found::ClosingAnswer(_) => ("closing_answer", s.closing_question.as_deref()),
        crate::analysis::search::Found::Summary(_) => ("summary", None),
    };
    json!({
        "source": source,
        "session": view.session_id(s),
        "participant": view.who(s),
        "date": s.date().to_string(),
        "question": question,
        "text": view.text(found.text(view.records)),
    })
}

/// Results as lines: date, participant, when, what was found (the note's
/// kind, "closing answer" or "summary"), the text with the matched words
/// underlined when `styled` (the caller knows whether it prints to a
/// terminal); then where it is in the file.
pub fn results_text(hits: &[crate::analysis::search::Hit], view: &View, query: &str, styled: bool) -> String {
    let mut out = String::new();
    for (i, h) in hits.iter().enumerate() {
        let s = &view.records[h.at.session()];
        // `inert` maps character to character, so the indices still line up.
        let shown = inert(&view.text(h.at.text(view.records)).replace(['\n', '\r'], " ")).into_owned();
        let indices =
            if view.anon.is_some() { crate::analysis::search::highlight(&shown, query) } else { h.indices.clone() };
        let mut text = String::new();
        let mut next = indices.iter().peekable();
        for (ci, c) in shown.chars().enumerate() {
            let hit = next.peek().is_some_and(|&&x| x == ci);
            if hit {
                next.next();
            }
            if hit && styled {
                let _ = write!(text, "\x1b[1;4m{c}\x1b[0m");
            } else {
                text.push(c);
            }
        }
        let (when, tags, place) = match h.at {
            crate::analysis::search::Found::Note(r) => {
                let n = r.resolve(view.records).1;
                let tags: Vec<String> = s.tags_of(n).map(|t| format!("#{}", inert(&view.text(t)))).collect();
                let tags = if tags.is_empty() { String::new() } else { format!("  {}", tags.join(" ")) };
                (format!("  {}", s.note_time(n)), tags, format!("notes[{}]", r.note))
            }
            crate::analysis::search::Found::ClosingAnswer(_) => (String::new(), String::new(), "closing.answer".into()),
            crate::analysis::search::Found::Summary(_) => (String::new(), String::new(), "summary".into()),
        };
        let _ = writeln!(
            out,
            "{:>3}. {}  {}{}  {:<9} {}{}",
            i + 1,
            s.date(),
            line(&view.who(s), 24),
            when,
            h.at.label(view.records),
            text,
            tags
        );
        let _ = writeln!(out, "     {} {place}", inert(&view.session_id(s)));
    }
    out
}
