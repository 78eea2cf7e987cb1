//! The study report as a web page (`synth --format html`, and the `.html`
//! the synthesis screen saves beside the Markdown): the same synthesis, the
//! same figures (`figures::Share`), the same evidence (`report::evidence`) and
//! the same anonymising (`synth_cmd::View`) as the Markdown report, drawn as
//! charts. Every piece of user text is scrubbed of names when anonymising
//! ([`Page::text`]) and escaped; nothing else is written unescaped but the
//! page's own fixed words and numbers.

use super::charts::{self, Bar, HeatRow};
use super::escape::escape;
use super::page;
use crate::analysis::figures::Share;
use crate::analysis::report::evidence::{self, Withheld};
use crate::analysis::report::{View, capitalise, ranking_words};
use crate::analysis::synthesis::{Filter, NoteRef, SessionRecord, Synthesis};
use crate::domain::note::Kind;
use crate::text::counts::{plural, thousands};
use std::fmt::Write;

/// What every part of the page needs: the names as shown (or anonymised) and the synthesis.
struct Page<'v, 'a> {
    view: &'v View<'a>,
    s: &'v Synthesis,
}

impl Page<'_, '_> {
    fn records(&self) -> &[SessionRecord] {
        self.view.records
    }

    /// User text as written into the page: names scrubbed when anonymising, escaped.
    fn text(&self, t: &str) -> String {
        escape(&self.view.text(t)).into_owned()
    }

    /// User text for a chart, which escapes it: names scrubbed when anonymising.
    fn label(&self, t: &str) -> String {
        self.view.text(t).into_owned()
    }

    /// "participant · company · date · time", anonymised as the view says, escaped.
    fn attribution(&self, s: &SessionRecord, n: Option<&crate::analysis::synthesis::NoteRecord>) -> String {
        self.text(&self.view.attribution(s, n))
    }

    /// `#tag` as a small label.
    fn tag(&self, t: &str) -> String {
        format!("<span class=\"tag\">#{}</span>", self.text(t))
    }

    fn total(&self) -> usize {
        self.s.sessions()
    }
}

/// The whole page for `s`, as `synth --format html` prints it.
pub fn page(s: &Synthesis, view: &View, filter: &Filter, top: usize) -> String {
    let p = Page { view, s };
    let mut body = String::new();
    header(&mut body, &p, filter);
    themes(&mut body, &p, top);
    pain_points(&mut body, &p, top);
    matrix(&mut body, &p);
    pairs(&mut body, &p);
    body.push_str(&personas_section(&p));
    closing_answers(&mut body, &p);
    coverage(&mut body, &p);
    withheld(&mut body, &p, filter);
    let title = format!("Interview synthesis · {}", plural(p.total(), "interview"));
    page::document(
        &title,
        &body,
        "Made with fieldnotes. Shares are of interviews, rounded half up: never 100% unless all, never 0% unless none.",
    )
}

fn header(w: &mut String, p: &Page, filter: &Filter) {
    let s = p.s;
    let _ = writeln!(w, "<header>\n<h1>Interview synthesis</h1>");
    let range = match s.date_range(p.records()) {
        Some((a, b)) => format!(" · <span class=\"range\" data-since=\"{a}\" data-until=\"{b}\">{a} – {b}</span>"),
        None => String::new(),
    };
    let mut guides: Vec<String> =
        s.coverage.iter().map(|g| format!("{} ({})", p.text(&g.guide), thousands(g.sessions))).collect();
    guides.truncate(6);
    let _ = writeln!(
        w,
        "<p class=\"meta\"><strong class=\"total\" data-n=\"{}\">{}</strong>{range} · <strong>{}</strong> ({} untagged) · guides: {}</p>",
        p.total(),
        plural(p.total(), "interview"),
        plural(s.notes, "note"),
        thousands(s.untagged),
        if guides.is_empty() { "none".into() } else { guides.join(", ") }
    );
    match p.view.filters(filter) {
        Some(f) => {
            let _ = writeln!(w, "<p class=\"filters\">Filters: {}</p>", p.text(&f));
        }
        None => {
            let _ = writeln!(w, "<p class=\"filters\">Filters: none (every interview in the library)</p>");
        }
    }
    if p.view.anon.is_some() {
        let _ = writeln!(
            w,
            "<p class=\"notice\">Participants are anonymised as P1, P2… (in order of their first interview) and companies as C1, C2…; e-mail addresses and phone numbers are masked.</p>"
        );
    }
    if let Some(left) = &p.view.left_out {
        // Our words and numbers only: nothing to escape.
        let _ = writeln!(w, "<p class=\"notice verified\">{}</p>", left.sentence());
    }
    let _ = writeln!(w, "</header>");
}

/// The theme's figure in words: "149 of 200 interviews · 75%".
fn interviews_figure(share: Share) -> String {
    format!("{} interviews · {}", share.of_text(), share.percent_text())
}

fn themes(w: &mut String, p: &Page, top: usize) {
    let s = p.s;
    let total = p.total();
    // The heading, its lede and the chart are kept on one printed page.
    let _ = writeln!(w, "<section id=\"themes\">\n<div class=\"keep\">\n<h2>Themes</h2>");
    if s.themes.is_empty() {
        let _ = writeln!(w, "<p class=\"notice\">No tagged notes.</p>\n</div>\n</section>");
        return;
    }
    let _ = writeln!(
        w,
        "<p class=\"lede\">Interviews mentioning each tag, of the {} in this report (a closing answer’s #tags count like a note’s).</p>",
        thousands(total)
    );
    let shown = &s.themes[..top.min(s.themes.len())];
    let bars: Vec<Bar> = shown
        .iter()
        .map(|t| {
            let share = Share::of(t.sessions, total);
            let tag = p.label(&t.tag);
            Bar {
                label: format!("#{tag}"),
                share,
                figure: interviews_figure(share),
                data: vec![
                    ("theme", tag),
                    ("n", t.sessions.to_string()),
                    ("of", total.to_string()),
                    ("percent", share.percent().to_string()),
                ],
            }
        })
        .collect();
    w.push_str(&charts::bar_chart("Themes: share of interviews mentioning each tag", "themes", &bars));
    let _ = writeln!(w, "</div>");
    if s.themes.len() > shown.len() {
        let more = s.themes.len() - shown.len();
        let _ = writeln!(
            w,
            "<p class=\"notice\">… and {} (all of them in <code>synth --format json</code>).</p>",
            plural(more, "more tag")
        );
    }
    for (i, t) in shown.iter().enumerate() {
        let share = Share::of(t.sessions, total);
        let _ = writeln!(
            w,
            "<article class=\"theme\" data-theme=\"{}\">\n<h3>{}. {} <span class=\"figure-line\">— {} interviews ({}), {}</span></h3>",
            p.text(&t.tag),
            i + 1,
            p.tag(&t.tag),
            share.of_text(),
            share.percent_text(),
            plural(t.notes, "note")
        );
        let picked = evidence::theme_notes(t, p.view);
        let answers = evidence::theme_closing_answers(t, p.records());
        if picked.is_empty() && answers.is_empty() {
            let _ = writeln!(w, "<p class=\"notice\">No evidence that may be shared.</p>");
        } else {
            let _ = writeln!(w, "<ul class=\"evidence\">");
            for r in picked {
                w.push_str(&evidence_item(p, r));
            }
            for r in answers {
                let answer = p.text(r.closing_answer.as_deref().unwrap_or_default());
                let _ = writeln!(
                    w,
                    "<li class=\"item\" data-kind=\"closing_answer\"><p><span class=\"kind\">Closing answer:</span> “<span class=\"text\">{answer}</span>” <span class=\"who\">— {}</span></p></li>",
                    p.attribution(r, None)
                );
            }
            let _ = writeln!(w, "</ul>");
        }
        let _ = writeln!(w, "</article>");
    }
    let _ = writeln!(w, "</section>");
}

/// One piece of evidence: a quote as the participant's words, anything else
/// labelled with its kind; a starred note marked ★.
fn evidence_item(p: &Page, r: NoteRef) -> String {
    let (sr, n) = r.resolve(p.records());
    let text = p.text(sr.text(n));
    let who = p.attribution(sr, Some(n));
    let star = if n.starred { "<span class=\"star\" title=\"starred\">★</span> " } else { "" };
    let open = format!("<li class=\"item\" data-kind=\"{}\" data-starred=\"{}\">", n.kind.name(), n.starred);
    match n.kind {
        Kind::Quote => format!(
            "{open}<blockquote><p>{star}“<span class=\"text\">{text}</span>”</p><span class=\"who\">— {who}</span>{}</blockquote></li>\n",
            check(p, r)
        ),
        k => format!(
            "{open}<p>{star}<span class=\"kind\">{}:</span> <span class=\"text\">{text}</span> <span class=\"who\">— {who}</span></p></li>\n",
            capitalise(k.label())
        ),
    }
}

/// The transcript's verdict on a quote, in words (it reads without colour),
/// or nothing when its interview has no transcript.
fn check(p: &Page, r: NoteRef) -> String {
    match p.view.verdict(r) {
        Some(v) => format!(
            " <span class=\"check\" data-check=\"{}\">{}</span>",
            v.status(),
            p.text(&crate::analysis::transcript::marks::mark_sentence(v))
        ),
        None => String::new(),
    }
}

fn pain_points(w: &mut String, p: &Page, top: usize) {
    let s = p.s;
    let total = p.total();
    let _ = writeln!(w, "<section id=\"pain-points\">\n<div class=\"keep\">\n<h2>Pain points</h2>");
    if s.pain_points.is_empty() {
        let _ = writeln!(w, "<p class=\"notice\">No tagged pain points.</p>");
    }
    let shown = &s.pain_points[..top.min(s.pain_points.len())];
    if !shown.is_empty() {
        let _ = writeln!(w, "<p class=\"lede\">Interviews with a pain note on each tag.</p>");
        let bars: Vec<Bar> = shown
            .iter()
            .map(|pp| {
                let share = Share::of(pp.sessions, total);
                let tag = p.label(&pp.tag);
                Bar {
                    label: format!("#{tag}"),
                    share,
                    figure: interviews_figure(share),
                    data: vec![
                        ("pain", tag),
                        ("n", pp.sessions.to_string()),
                        ("of", total.to_string()),
                        ("percent", share.percent().to_string()),
                    ],
                }
            })
            .collect();
        w.push_str(&charts::bar_chart("Pain points: share of interviews with a pain on each tag", "pains", &bars));
    }
    let _ = writeln!(w, "</div>");
    for (i, pp) in shown.iter().enumerate() {
        let _ = writeln!(
            w,
            "<article class=\"pain\" data-pain=\"{}\">\n<h3>{}. {} <span class=\"figure-line\">— {} ({}), {}</span></h3>",
            p.text(&pp.tag),
            i + 1,
            p.tag(&pp.tag),
            plural(pp.sessions, "interview"),
            Share::of(pp.sessions, total).percent_text(),
            plural(pp.notes, "pain note")
        );
        let picked = evidence::pain_notes(pp, p.view);
        if !picked.is_empty() {
            let _ = writeln!(w, "<ul class=\"evidence\">");
            for r in picked {
                w.push_str(&evidence_item(p, r));
            }
            let _ = writeln!(w, "</ul>");
        }
        let _ = writeln!(w, "</article>");
    }
    if !s.untagged_pains.is_empty() {
        let _ = writeln!(w, "<p class=\"notice\">{} without a tag.</p>", plural(s.untagged_pains.len(), "pain note"));
    }
    let _ = writeln!(w, "</section>");
}

fn matrix(w: &mut String, p: &Page) {
    let m = &p.s.matrix;
    if m.themes.is_empty() || m.rows.is_empty() {
        return;
    }
    let by = m.by.name();
    let _ = writeln!(w, "<section id=\"matrix\" class=\"keep\">\n<h2>{} × themes</h2>", capitalise(by));
    let _ = writeln!(
        w,
        "<p class=\"lede\">Share of each {by}’s interviews that mention the theme, and how many of them (n); {}. Darker is a larger share.</p>",
        ranking_words(m.ranking)
    );
    let themes: Vec<String> = m.themes.iter().map(|t| p.label(t)).collect();
    let rows: Vec<HeatRow> = m
        .rows
        .iter()
        .map(|r| HeatRow {
            group: p.view.group(m.by, r.group.as_deref()),
            sessions: r.sessions,
            cells: (0..m.themes.len()).map(|i| Share::of(r.counts[i], r.sessions)).collect(),
        })
        .collect();
    w.push_str(&charts::heat_map(&format!("{} × themes", capitalise(by)), by, &themes, &rows));
    let _ = writeln!(w, "</section>");
}

fn pairs(w: &mut String, p: &Page) {
    let s = p.s;
    if s.note_pairs.is_empty() && s.session_pairs.is_empty() {
        return;
    }
    let list = |v: &[crate::analysis::synthesis::Pair]| -> String {
        v.iter()
            .take(8)
            .map(|pair| format!("{} + {} ({})", p.tag(&pair.a), p.tag(&pair.b), thousands(pair.count)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(w, "<section id=\"pairs\">\n<h2>Tags that go together</h2>\n<ul>");
    if !s.note_pairs.is_empty() {
        let _ = writeln!(w, "<li><strong>On the same note:</strong> {}</li>", list(&s.note_pairs));
    }
    if !s.session_pairs.is_empty() {
        let _ = writeln!(w, "<li><strong>In the same interview:</strong> {}</li>", list(&s.session_pairs));
    }
    let _ = writeln!(w, "</ul>\n</section>");
}

/// Persona drafts per segment, from the report's interviews (see `report::personas`).
fn personas_section(p: &Page) -> String {
    let drafts = crate::analysis::report::personas::drafts(p.s, p.view);
    super::personas::section(&drafts, p.view, crate::analysis::report::personas::BY)
}

fn closing_answers(w: &mut String, p: &Page) {
    let question = evidence::closing_question(p.s, p.records());
    let _ = writeln!(
        w,
        "<section id=\"closing-answers\">\n<h2>Closing answers</h2>\n<p class=\"lede\">“{}”</p>",
        p.text(question)
    );
    let mut any = false;
    for c in evidence::closing_answers(p.s, p.records()) {
        if !any {
            let _ = writeln!(w, "<ul class=\"evidence\">");
        }
        any = true;
        let r = &p.records()[c.session];
        let tags: Vec<String> = c.tags.iter().take(5).map(|t| p.tag(t)).collect();
        let _ = writeln!(
            w,
            "<li class=\"answer\"><blockquote><p>“<span class=\"text\">{}</span>”</p><span class=\"who\">— {}{}</span></blockquote></li>",
            p.text(r.closing_answer.as_deref().unwrap_or_default()),
            p.attribution(r, None),
            if tags.is_empty() { String::new() } else { format!(" · {}", tags.join(" ")) }
        );
    }
    if any {
        let _ = writeln!(w, "</ul>");
    } else {
        let _ = writeln!(w, "<p class=\"notice\">No closing answers recorded.</p>");
    }
    let _ = writeln!(w, "</section>");
}

fn coverage(w: &mut String, p: &Page) {
    if p.s.coverage.is_empty() {
        return;
    }
    let _ = writeln!(w, "<section id=\"coverage\">\n<h2>Question coverage</h2>");
    for g in &p.s.coverage {
        let title = g.title.as_deref().map(|t| p.text(t)).unwrap_or_else(|| "guide not found".into());
        let _ = writeln!(
            w,
            "<h3>{title} <span class=\"figure-line\">({}, {})</span></h3>",
            p.text(&g.guide),
            plural(g.sessions, "interview")
        );
        let _ = writeln!(
            w,
            "<table class=\"coverage\">\n<thead><tr><th>Question</th><th class=\"num\">Covered</th><th class=\"num\">With notes</th><th class=\"num\">Reached</th></tr></thead>\n<tbody>"
        );
        for q in &g.questions {
            let text = match (&q.text, q.in_guide) {
                (Some(t), _) => format!("{} {}", p.text(&q.id), p.text(t)),
                (None, false) => format!("{} <em>(not in the guide)</em>", p.text(&q.id)),
                (None, true) => p.text(&q.id),
            };
            let share = Share::of(q.covered, g.sessions);
            let covered = if q.never_covered() {
                "<span class=\"never\">never</span>".to_string()
            } else {
                format!("{} ({}){}", thousands(q.covered), share.percent_text(), charts::meter(share))
            };
            let _ = writeln!(
                w,
                "<tr><td>{text}</td><td class=\"num\">{covered}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                thousands(q.noted),
                thousands(q.reached)
            );
        }
        let _ = writeln!(w, "</tbody>\n</table>");
    }
    let _ = writeln!(w, "</section>");
}

fn withheld(w: &mut String, p: &Page, filter: &Filter) {
    let held = Withheld::count(p.s, p.records(), filter);
    if held.sessions > 0 {
        let _ = writeln!(w, "<p class=\"notice withheld\">Withheld: {}</p>", held.sentence());
    }
}
