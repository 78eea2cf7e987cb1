//! Guide questions: per guide, what each question yields across the study
//! (notes, distinct codes, interviews asked), with the suggestion to reword
//! or remove a question that yields nothing, in words beside it.

use super::Ctx;
use super::escape;
use crate::analysis::study::guide_yield::QuestionYield;
use std::fmt::Write;

pub(super) fn section(w: &mut String, c: &Ctx) {
    let rows = &c.computed().guide;
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(w, "<section id=\"guide\">\n<h2>Guide questions</h2>");
    let _ = writeln!(
        w,
        "<p class=\"legend\">Per question of the guides used: notes taken on it, distinct codes on those notes, interviews in which it was asked.</p>"
    );
    let mut guides: Vec<&str> = rows.iter().map(|r| r.guide.as_str()).collect();
    guides.dedup();
    for g in guides {
        let _ = writeln!(w, "<h3>{}</h3>", c.text(g));
        let _ = writeln!(
            w,
            "<table class=\"coverage\">\n<thead><tr><th>Question</th><th class=\"num\">Notes</th><th class=\"num\">Codes</th><th class=\"num\">Interviews</th></tr></thead>\n<tbody>"
        );
        for r in rows.iter().filter(|r| r.guide == g) {
            w.push_str(&row(c, r));
        }
        let _ = writeln!(w, "</tbody>\n</table>");
    }
    let _ = writeln!(w, "</section>");
}

fn row(c: &Ctx, r: &QuestionYield) -> String {
    let advice = r
        .suggestion
        .map(|s| format!("<br><em class=\"suggestion\">{}</em>", escape(&s.words(r.interviews))))
        .unwrap_or_default();
    format!(
        "<tr data-question=\"{}\"><td>{} {}{advice}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        c.text(&r.question),
        c.text(&r.question),
        c.text(&r.text),
        r.notes,
        r.codes,
        r.interviews
    )
}
