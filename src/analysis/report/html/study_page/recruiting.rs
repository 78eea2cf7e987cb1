//! Recruiting: a bar per target segment, interviews done (solid) and
//! scheduled (hatched) against the target (a mark), every figure also in
//! words, so it reads without colour and in print.

use super::Ctx;
use super::escape;
use crate::analysis::figures::Share;
use crate::analysis::study::quotas::QuotaRow;
use std::fmt::Write;

pub(super) fn section(w: &mut String, c: &Ctx) {
    let rows = &c.computed().quotas;
    let _ = writeln!(w, "<section id=\"recruiting\">\n<h2>Recruiting</h2>");
    if rows.is_empty() {
        let _ = writeln!(
            w,
            "<p class=\"notice\">No quotas in the study file: add one target per segment, like <code>quotas: {{mid-market: 8, enterprise: 5}}</code>.</p>\n</section>"
        );
        return;
    }
    let _ = writeln!(
        w,
        "<p class=\"legend\">Per target segment:<span class=\"swatch done\"></span>interviewed<span class=\"swatch scheduled\"></span>scheduled (on the roster) · the dark mark is the target.</p>"
    );
    for q in rows {
        w.push_str(&bar(c, q));
    }
    let _ = writeln!(w, "</section>");
}

/// A length along the bar in percent of its scale, to a tenth.
fn percent_of(part: usize, scale: usize) -> String {
    let tenths = Share::of(part, scale).scaled(1000);
    format!("{}.{}%", tenths / 10, tenths % 10)
}

/// One segment: its name and figures, then the bar. The bar's scale is the
/// target, or what is done and scheduled when that is more.
fn bar(c: &Ctx, q: &QuotaRow) -> String {
    let name = c.segment(&q.segment);
    let scale = q.target.max(q.done + q.scheduled).max(1);
    let missing = if q.missing == 0 { "complete".to_string() } else { format!("{} to find", q.missing) };
    let words = format!("{} done · {} scheduled · target {} · {missing}", q.done, q.scheduled, q.target);
    format!(
        "<div class=\"quota\" data-segment=\"{}\" data-done=\"{}\" data-scheduled=\"{}\" data-target=\"{}\" data-missing=\"{}\">\n\
         <div><strong>{}</strong> <span class=\"figure-line\">{words}</span></div>\n\
         <div class=\"quota-bar\" role=\"img\" aria-label=\"{}: {words}\">\
         <span class=\"done\" style=\"width: {}\"></span>\
         <span class=\"scheduled\" style=\"left: {}; width: {}\"></span>\
         <span class=\"target\" style=\"left: calc({} - 3px)\"></span></div>\n</div>\n",
        escape(&name),
        q.done,
        q.scheduled,
        q.target,
        q.missing,
        escape(&name),
        escape(&name),
        percent_of(q.done, scale),
        percent_of(q.done, scale),
        percent_of(q.scheduled, scale),
        percent_of(q.target, scale),
    )
}
