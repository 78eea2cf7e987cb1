//! The hypotheses scoreboard: each statement with the interviews (and notes)
//! for and against it, the status the user set and what the figures suggest,
//! what changed in the last week, and the strongest starred notes on each
//! side with the interview they come from.

use super::Ctx;
use crate::analysis::report::capitalise;
use crate::analysis::study::hypotheses::{Scored, Side};
use crate::analysis::synthesis::NoteRef;
use crate::domain::note::Kind;
use crate::text::counts::plural;
use std::fmt::Write;

pub(super) fn section(w: &mut String, c: &Ctx) {
    let all = &c.computed().hypotheses;
    let _ = writeln!(w, "<section id=\"hypotheses\">\n<h2>Hypotheses</h2>");
    if all.is_empty() {
        let _ = writeln!(
            w,
            "<p class=\"notice\">No hypotheses in the study file: each has a <code>statement</code>, the tags or words that count <code>for</code> and <code>against</code> it, and a <code>status</code>.</p>\n</section>"
        );
        return;
    }
    let _ = writeln!(
        w,
        "<p class=\"lede\">Interviews with a note for and against each hypothesis (a note counts when it carries one of its tags or words). The status is yours; the figures only suggest.</p>"
    );
    for h in all {
        article(w, c, h);
    }
    let _ = writeln!(w, "</section>");
}

fn article(w: &mut String, c: &Ctx, h: &Scored) {
    let (for_, against) = (h.evidence_for.interviews, h.evidence_against.interviews);
    let _ = writeln!(
        w,
        "<article class=\"hypothesis keep\" data-status=\"{}\" data-for=\"{for_}\" data-against=\"{against}\" data-for-notes=\"{}\" data-against-notes=\"{}\" data-suggests=\"{}\">\n\
         <h3><span class=\"text\">{}</span></h3>\n\
         <p>Status: <span class=\"status\">{}</span> · the figures suggest: <em>{}</em></p>\n\
         <p><span class=\"side\">For:</span> {} · <span class=\"side\">Against:</span> {}</p>\n<p class=\"meta change\">{}</p>",
        h.status.name(),
        h.evidence_for.notes,
        h.evidence_against.notes,
        h.suggests,
        c.text(&h.statement),
        h.status.name(),
        h.suggests,
        side_words(&h.evidence_for),
        side_words(&h.evidence_against),
        change(h)
    );
    let quotes: Vec<(&str, NoteRef)> = h
        .evidence_for
        .quotes
        .iter()
        .map(|&r| ("For", r))
        .chain(h.evidence_against.quotes.iter().map(|&r| ("Against", r)))
        .collect();
    if !quotes.is_empty() {
        let _ = writeln!(w, "<ul class=\"evidence\">");
        for (side, r) in quotes {
            w.push_str(&quote(c, side, r));
        }
        let _ = writeln!(w, "</ul>");
    }
    let _ = writeln!(w, "</article>");
}

/// "5 interviews (9 notes)".
fn side_words(s: &Side) -> String {
    format!("{} ({})", plural(s.interviews, "interview"), plural(s.notes, "note"))
}

/// What the last week changed, in words: the figures now against those of a
/// week before the study's last interview.
fn change(h: &Scored) -> String {
    let (was_for, was_against) = h.week_before;
    let (now_for, now_against) = (h.evidence_for.interviews, h.evidence_against.interviews);
    if (now_for, now_against) == (was_for, was_against) {
        return "No change in the last week.".into();
    }
    let delta = |now: usize, was: usize| {
        if now >= was { format!("+{}", now - was) } else { format!("−{}", was - now) }
    };
    format!(
        "In the last week: {} for, {} against (a week before: {was_for} for, {was_against} against).",
        delta(now_for, was_for),
        delta(now_against, was_against)
    )
}

/// A starred note: a quote as the participant's words, anything else with
/// its kind; then who said it and in which interview.
fn quote(c: &Ctx, side: &str, r: NoteRef) -> String {
    let (s, n) = r.resolve(c.records());
    let text = c.text(s.text(n));
    let who =
        format!("{} · interview {}", c.text(&c.view.attribution(s, Some(n))), super::escape(&c.view.session_id(s)));
    let open = format!("<li class=\"item\" data-side=\"{}\" data-kind=\"{}\">", side.to_lowercase(), n.kind.name());
    match n.kind {
        Kind::Quote => format!(
            "{open}<blockquote><p><span class=\"side\">{side}:</span> “<span class=\"text\">{text}</span>”</p><span class=\"who\">— {who}</span></blockquote></li>\n"
        ),
        k => format!(
            "{open}<p><span class=\"side\">{side}:</span> <span class=\"kind\">{}:</span> <span class=\"text\">{text}</span> <span class=\"who\">— {who}</span></p></li>\n",
            capitalise(k.label())
        ),
    }
}
