//! `synth --format csv`: one row per note of the selected interviews, for a
//! spreadsheet; with the RFC 4180 quoting and the guard against formulas.

use super::view::View;
use crate::analysis::synthesis::{Dimension, Filter, NoteRef, Synthesis};
use std::borrow::Cow;
use std::collections::HashMap;

/// RFC 4180: fields with a comma, quote or line break are quoted, quotes
/// doubled, rows end with CRLF. A field that a spreadsheet would run as a
/// formula (`=`, `+`, `-`, `@` first) gets a leading `'`, so a note shared by a
/// teammate cannot execute anything when the file is opened.
pub(crate) fn csv_field(out: &mut String, field: &str) {
    let guarded: Cow<str> = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{field}"))
    } else {
        Cow::Borrowed(field)
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&guarded.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&guarded);
    }
}

pub(crate) fn csv_row(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, f);
    }
    out.push_str("\r\n");
}

/// The words of each question of the guides in use, by guide and question id.
fn question_texts(s: &Synthesis) -> HashMap<(&str, &str), &str> {
    let mut texts = HashMap::new();
    for g in &s.coverage {
        for q in &g.questions {
            if let Some(t) = &q.text {
                texts.insert((g.guide.as_str(), q.id.as_str()), t.as_str());
            }
        }
    }
    texts
}

/// One row per note of the selected interviews, through `view`, not yet `finish`ed.
pub fn notes_csv(s: &Synthesis, view: &View, filter: &Filter) -> String {
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "session",
            "participant",
            "segment",
            "date",
            "offset",
            "kind",
            "question",
            "tags",
            "text",
            "sitting",
            "transcript_check",
            "company",
            "role",
            "question_text",
        ],
    );
    let questions = question_texts(s);
    for &si in &s.selected {
        let r = &view.records[si];
        let (id, who, date) = (view.session_id(r), view.who(r), r.date().to_string());
        let segment = view.text(r.segment.as_deref().unwrap_or_default()).into_owned();
        let company = r.company.as_deref().map(|c| view.group(Dimension::Company, Some(c))).unwrap_or_default();
        let role = view.text(r.role.as_deref().unwrap_or_default()).into_owned();
        for (ni, n) in filter.notes_of(r) {
            // verbatim, close, not-found; empty without a transcript.
            let check = view.verdict(NoteRef { session: si, note: ni }).map(|v| v.status()).unwrap_or_default();
            let tags: Vec<Cow<str>> = r.tags_of(n).map(|t| view.text(t)).collect();
            csv_row(
                &mut out,
                &[
                    &id,
                    &who,
                    &segment,
                    &date,
                    &n.at.to_string(),
                    n.kind.name(),
                    r.question(n).unwrap_or_default(),
                    &tags.join(";"),
                    &view.text(r.text(n)),
                    // Last, so the columns scripts already read keep their place.
                    &n.sitting.to_string(),
                    check,
                    &company,
                    &role,
                    &view.text(
                        r.question(n).and_then(|q| questions.get(&(r.guide.as_str(), q))).copied().unwrap_or_default(),
                    ),
                ],
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_guards() {
        let mut out = String::new();
        csv_row(&mut out, &["plain", "a,b", "say \"hi\"", "two\nlines", "=SUM(A1)", ""]);
        assert_eq!(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",'=SUM(A1),\r\n");
    }
}
