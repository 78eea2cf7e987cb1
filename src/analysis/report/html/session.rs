//! One interview as a web page (`show ID --format html`): the same content
//! and order as the Markdown snapshot (`report.rs`): who, when, the summary
//! and the closing answer first, then the notes grouped by the guide question
//! they were taken on, follow-ups, and the tags as a bar chart. Quotes of a
//! participant who did not agree to share them are withheld, as there.

use super::charts::{self, Bar};
use super::escape::escape;
use super::page;
use crate::analysis::figures::Share;
use crate::analysis::report::capitalise;
use crate::domain::guide::Guide;
use crate::domain::note::Kind;
use crate::domain::session::{Note, Session};
use crate::text::counts::plural;
use std::fmt::Write;

/// The whole page for one interview.
pub fn page(s: &Session, guide: Option<&Guide>) -> String {
    let mut body = String::new();
    let w = &mut body;
    let _ = writeln!(w, "<header>\n<h1>{}</h1>", escape(&s.title));
    facts(w, s);
    let _ = writeln!(w, "</header>");
    summary(w, s);
    closing(w, s, guide);
    notes(w, s, guide);
    followups(w, s);
    tags(w, s);
    page::document(&s.title, &body, "Made with fieldnotes: one interview, as recorded.")
}

fn facts(w: &mut String, s: &Session) {
    let p = &s.participant;
    let about: Vec<String> =
        [p.role.as_deref(), p.company.as_deref(), p.segment.as_deref()].into_iter().flatten().map(text).collect();
    let who = if about.is_empty() { text(&p.name) } else { format!("{} ({})", text(&p.name), about.join(", ")) };
    let duration = match s.duration_mins() {
        Some(mins) => format!("{mins} min"),
        None => "in progress".into(),
    };
    let _ = writeln!(w, "<dl class=\"facts\">\n<dt>Participant</dt><dd class=\"participant\">{who}</dd>");
    let _ = writeln!(w, "<dt>Date</dt><dd>{}</dd>", s.started_at.format("%Y-%m-%d %H:%M"));
    let _ = writeln!(w, "<dt>Duration</dt><dd>{duration}</dd>\n<dt>Guide</dt><dd>{}</dd>", text(&s.guide));
    if s.sitting_count() > 1 {
        let starts: Vec<String> =
            (1..=s.sitting_count()).map(|n| format!("{n}. {}", s.sitting_start(n).format("%Y-%m-%d %H:%M"))).collect();
        let _ = writeln!(w, "<dt>Sittings</dt><dd>{}</dd>", starts.join(" · "));
    }
    let kinds: Vec<String> = Kind::ALL
        .iter()
        .filter(|k| **k != Kind::Note)
        .filter_map(|k| match s.count_kind(*k) {
            0 => None,
            n => Some(plural(n, k.label())),
        })
        .collect();
    let _ = writeln!(
        w,
        "<dt>Notes</dt><dd class=\"notes\" data-n=\"{}\">{}{}</dd>\n</dl>",
        s.notes.len(),
        s.notes.len(),
        if kinds.is_empty() { String::new() } else { format!(" ({})", kinds.join(", ")) }
    );
}

/// User text, escaped.
fn text(t: &str) -> String {
    escape(t).into_owned()
}

fn summary(w: &mut String, s: &Session) {
    let Some(summary) = s.summary.as_deref().map(str::trim).filter(|t| !t.is_empty()) else { return };
    let _ =
        writeln!(w, "<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"text\">{}</p>\n</section>", text(summary));
}

fn closing(w: &mut String, s: &Session, guide: Option<&Guide>) {
    let question = s
        .closing
        .as_ref()
        .map(|c| c.question.as_str())
        .or(guide.map(Guide::closing_question))
        .unwrap_or(crate::domain::session::DEFAULT_CLOSING);
    let _ = writeln!(w, "<section id=\"closing\">\n<h2>{}</h2>", text(question));
    match s.closing_answer() {
        Some(a) => {
            let _ = writeln!(w, "<blockquote class=\"answer\"><p class=\"text\">{}</p></blockquote>", text(a));
        }
        None => {
            let _ = writeln!(w, "<p class=\"notice\">Not asked or no answer recorded.</p>");
        }
    }
    let _ = writeln!(w, "</section>");
}

/// One note: its time, its kind, its text (a quote withheld without consent), its tags.
fn note_item(s: &Session, n: &Note) -> String {
    let star = if n.starred { "<span class=\"star\" title=\"starred\">★</span> " } else { "" };
    let body = match n.kind {
        Kind::Quote if !s.quotes_shareable() => {
            "<em class=\"notice\">quote withheld: the participant did not agree to share quotes</em>".to_string()
        }
        Kind::Quote => format!("“<span class=\"text\">{}</span>”", text(&n.text)),
        Kind::Note => format!("<span class=\"text\">{}</span>", text(&n.text)),
        k => format!(
            "<span class=\"kind\">{}:</span> <span class=\"text\">{}</span>",
            capitalise(k.label()),
            text(&n.text)
        ),
    };
    let tags: String = n.tags.iter().map(|t| format!(" <span class=\"tag\">#{}</span>", text(t))).collect();
    format!(
        "<li class=\"item\" data-kind=\"{}\" data-starred=\"{}\"><span class=\"who\">{}</span> {star}{body}{tags}</li>\n",
        n.kind.name(),
        n.starred,
        text(&s.note_time(n))
    )
}

/// Notes grouped by question, in guide order; notes on other questions last.
fn notes(w: &mut String, s: &Session, guide: Option<&Guide>) {
    let mut placed = vec![false; s.notes.len()];
    for section in guide.map(|g| g.sections.as_slice()).unwrap_or_default() {
        let mut section_out = String::new();
        for q in &section.questions {
            let on_q: Vec<usize> =
                (0..s.notes.len()).filter(|&i| s.notes[i].question.as_deref() == Some(q.id.as_str())).collect();
            if on_q.is_empty() {
                continue;
            }
            let _ = writeln!(section_out, "<h3>{} {}</h3>\n<ul class=\"evidence\">", text(&q.id), text(&q.text));
            for i in on_q {
                placed[i] = true;
                section_out.push_str(&note_item(s, &s.notes[i]));
            }
            let _ = writeln!(section_out, "</ul>");
        }
        if !section_out.is_empty() {
            let _ =
                write!(w, "<section class=\"notes\">\n<h2>{}</h2>\n{section_out}</section>\n", text(&section.title));
        }
    }
    let rest: Vec<&Note> = s.notes.iter().enumerate().filter(|(i, _)| !placed[*i]).map(|(_, n)| n).collect();
    if !rest.is_empty() {
        let heading = if guide.is_some() { "Other notes" } else { "Notes" };
        let _ = writeln!(w, "<section class=\"notes\">\n<h2>{heading}</h2>\n<ul class=\"evidence\">");
        for n in rest {
            w.push_str(&note_item(s, n));
        }
        let _ = writeln!(w, "</ul>\n</section>");
    }
}

fn followups(w: &mut String, s: &Session) {
    let follow: Vec<&Note> = s.notes.iter().filter(|n| n.kind == Kind::Followup).collect();
    if follow.is_empty() {
        return;
    }
    let _ = writeln!(w, "<section id=\"followups\">\n<h2>Follow-ups</h2>\n<ul class=\"evidence\">");
    for n in follow {
        let mark = if n.done { "☑ done:" } else { "☐" };
        let _ = writeln!(w, "<li>{mark} <span class=\"text\">{}</span></li>", text(&n.text));
    }
    let _ = writeln!(w, "</ul>\n</section>");
}

/// The interview's tags as bars: notes carrying each, of all its notes.
fn tags(w: &mut String, s: &Session) {
    let mut counts = s.tag_counts();
    if counts.is_empty() {
        return;
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let total = s.notes.len();
    let bars: Vec<Bar> = counts
        .iter()
        .map(|(tag, n)| {
            let share = Share::of(*n, total);
            Bar {
                label: format!("#{tag}"),
                share,
                figure: format!("{} notes · {}", share.of_text(), share.percent_text()),
                data: vec![("tag", tag.clone()), ("n", n.to_string()), ("of", total.to_string())],
            }
        })
        .collect();
    let _ = writeln!(w, "<section id=\"tags\">\n<h2>Tags</h2>");
    w.push_str(&charts::bar_chart("Tags: notes carrying each tag", "tags", &bars));
    let _ = writeln!(w, "</section>");
}
