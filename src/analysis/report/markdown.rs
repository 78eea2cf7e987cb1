//! `synth --format md` and the synthesis screen's export: the study report
//! to paste into a doc, with evidence as consent allows (quotes of interviews
//! that may not be shared stay out, and the report says how many).

use super::evidence::{self, Withheld};
use super::view::View;
use super::{capitalise, percent, ranking_words};
use crate::analysis::figures::Share;
use crate::analysis::synthesis::{self, Filter, NoteRecord, NoteRef, SessionRecord, Synthesis};
use crate::domain::note::Kind;
use crate::text::counts::{plural, thousands};
use crate::text::out::inert;
use std::fmt::Write;

/// Text safe for Markdown and terminals: inert, on one line.
fn md(s: &str) -> String {
    inert(&s.replace(['\n', '\r'], " ")).into_owned()
}

/// As `md`, and safe inside a table cell.
fn cell(s: &str) -> String {
    md(s).replace('|', "\\|")
}

/// Evidence lines under a heading: quotes as block quotes, each apart; list items together.
fn evidence_block(
    w: &mut String,
    refs: impl IntoIterator<Item = NoteRef>,
    records: &[SessionRecord],
    line: &dyn Fn(NoteRef) -> String,
) {
    let mut last_quote = false;
    for (i, r) in refs.into_iter().enumerate() {
        let quote = r.resolve(records).1.kind == Kind::Quote;
        if i > 0 && (quote || last_quote) {
            let _ = writeln!(w);
        }
        let _ = writeln!(w, "{}", line(r));
        last_quote = quote;
    }
}

/// The study report `synth --format md` prints, for the synthesis screen's export.
pub fn report(records: &[SessionRecord], s: &Synthesis, filter: &Filter, anonymize: bool, top: usize) -> String {
    let view = View::new(records, anonymize);
    view.finish(study_report(s, &view, filter, top))
}

/// The study report through `view`, not yet `finish`ed (see [`View::finish`]).
pub fn study_report(s: &Synthesis, view: &View, filter: &Filter, top: usize) -> String {
    let records = view.records;
    let total = s.sessions();
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "# Interview synthesis\n");
    let range = s.date_range(records).map(|(a, b)| format!(" ({a} – {b})")).unwrap_or_default();
    let mut guides: Vec<String> = s.coverage.iter().map(|g| format!("{} ({})", md(&g.guide), g.sessions)).collect();
    guides.truncate(6);
    let _ = writeln!(
        w,
        "**{}**{range} · **{}** · guides: {}",
        plural(total, "interview"),
        plural(s.notes, "note"),
        if guides.is_empty() { "none".into() } else { guides.join(", ") }
    );
    if let Some(f) = view.filters(filter) {
        let _ = writeln!(w, "\nFilters: {}", md(&f));
    }
    if view.anon.is_some() {
        let _ = writeln!(
            w,
            "\n_Participants are anonymised as P1, P2… (in order of their first interview) and companies as C1, C2…_"
        );
    }
    if let Some(left) = &view.left_out {
        let _ = writeln!(w, "\n_{}_", left.sentence());
    }

    let withheld = Withheld::count(s, records, filter);

    let attribution = |sr: &SessionRecord, n: Option<&NoteRecord>| md(&view.attribution(sr, n));
    // Only a quote is shown as the participant's words; anything else (a
    // paraphrase is a note) says what it is. A starred note says so.
    let evidence_line = |r: NoteRef| {
        let (sr, n) = r.resolve(records);
        let t = md(&view.text(sr.text(n)));
        let who = attribution(sr, Some(n));
        let star = if n.starred { "★ " } else { "" };
        match n.kind {
            Kind::Quote => format!("> {star}“{t}”  \n> — {who}{}", md(&view.mark_suffix(r))),
            k => format!("- {star}**{}:** {t} — _{who}_", capitalise(k.label())),
        }
    };
    let closing_line = |sr: &SessionRecord| {
        let answer = md(&view.text(sr.closing_answer.as_deref().unwrap_or_default()));
        format!("- **Closing answer:** “{answer}” — _{}_", attribution(sr, None))
    };

    let _ = writeln!(w, "\n## Themes\n");
    if s.themes.is_empty() {
        let _ = writeln!(w, "_No tagged notes._");
    } else {
        let _ = writeln!(w, "| # | Theme | Interviews | Share | Notes | Quotes | Pains |");
        let _ = writeln!(w, "|---:|---|---:|---:|---:|---:|---:|");
        for (i, t) in s.themes.iter().take(top).enumerate() {
            let _ = writeln!(
                w,
                "| {} | {} | {} | {} | {} | {} | {} |",
                i + 1,
                cell(&view.text(&t.tag)),
                Share::of(t.sessions, total).of_text(),
                percent(t.sessions, total),
                thousands(t.notes),
                thousands(t.count(Kind::Quote)),
                thousands(t.count(Kind::Pain))
            );
        }
        if s.themes.len() > top {
            let more = s.themes.len() - top;
            let _ = writeln!(w, "\n_… and {more} more tag{}._", if more == 1 { "" } else { "s" });
        }
        for (i, t) in s.themes.iter().take(top).enumerate() {
            let _ = writeln!(
                w,
                "\n### {}. {} — {} interviews ({}), {}\n",
                i + 1,
                md(&view.text(&t.tag)),
                Share::of(t.sessions, total).of_text(),
                percent(t.sessions, total),
                plural(t.notes, "note")
            );
            let picked = evidence::theme_notes(t, view);
            let answers = evidence::theme_closing_answers(t, records);
            if picked.is_empty() && answers.is_empty() {
                let _ = writeln!(w, "_No evidence that may be shared._");
            }
            let apart = !picked.is_empty() && !answers.is_empty();
            evidence_block(w, picked, records, &evidence_line);
            if apart {
                let _ = writeln!(w);
            }
            for r in answers {
                let _ = writeln!(w, "{}", closing_line(r));
            }
        }
    }

    let _ = writeln!(w, "\n## Pain points\n");
    if s.pain_points.is_empty() {
        let _ = writeln!(w, "_No tagged pain points._");
    }
    for (i, p) in s.pain_points.iter().take(top).enumerate() {
        if i > 0 {
            let _ = writeln!(w);
        }
        let _ = writeln!(
            w,
            "### {}. {} — {} ({}), {}\n",
            i + 1,
            md(&view.text(&p.tag)),
            plural(p.sessions, "interview"),
            percent(p.sessions, total),
            plural(p.notes, "pain note")
        );
        evidence_block(w, evidence::pain_notes(p, view), records, &evidence_line);
    }
    if !s.untagged_pains.is_empty() {
        let _ = writeln!(w, "\n_{} without a tag._", plural(s.untagged_pains.len(), "pain note"));
    }

    let m = &s.matrix;
    if !m.themes.is_empty() && !m.rows.is_empty() {
        let by = capitalise(m.by.name());
        let _ = writeln!(w, "\n## {by} × themes\n");
        let _ = writeln!(
            w,
            "Share of each {}'s interviews that mention the theme, and how many of them; {}.\n",
            m.by.name(),
            ranking_words(m.ranking)
        );
        let head: Vec<String> = m.themes.iter().map(|t| cell(&view.text(t))).collect();
        let _ = writeln!(w, "| {by} | Interviews | {} |", head.join(" | "));
        let _ = writeln!(w, "|---|---:|{}", "---:|".repeat(head.len()));
        for r in &m.rows {
            let cells: Vec<String> =
                (0..m.themes.len()).map(|i| Share::of(r.counts[i], r.sessions).cell_text()).collect();
            let _ = writeln!(
                w,
                "| {} | {} | {} |",
                cell(&view.group(m.by, r.group.as_deref())),
                thousands(r.sessions),
                cells.join(" | ")
            );
        }
    }

    if !s.note_pairs.is_empty() || !s.session_pairs.is_empty() {
        let _ = writeln!(w, "\n## Tags that go together\n");
        let pairs = |v: &[synthesis::Pair]| -> String {
            v.iter()
                .take(8)
                .map(|p| format!("`#{}` + `#{}` ({})", md(&view.text(&p.a)), md(&view.text(&p.b)), p.count))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !s.note_pairs.is_empty() {
            let _ = writeln!(w, "- **On the same note:** {}", pairs(&s.note_pairs));
        }
        if !s.session_pairs.is_empty() {
            let _ = writeln!(w, "- **In the same interview:** {}", pairs(&s.session_pairs));
        }
    }

    w.push_str(&super::personas::markdown(s, view));

    let question = evidence::closing_question(s, records);
    let _ = writeln!(w, "\n## Closing answers: “{}”\n", md(question));
    let mut any = false;
    for c in evidence::closing_answers(s, records) {
        let r = &records[c.session];
        any = true;
        let tags: Vec<String> = c.tags.iter().take(5).map(|t| format!("`#{}`", md(&view.text(t)))).collect();
        let _ = writeln!(
            w,
            "- “{}” — {}{}",
            md(&view.text(r.closing_answer.as_deref().unwrap_or_default())),
            attribution(r, None),
            if tags.is_empty() { String::new() } else { format!(" · {}", tags.join(" ")) }
        );
    }
    if !any {
        let _ = writeln!(w, "_No closing answers recorded._");
    }

    if !s.coverage.is_empty() {
        let _ = writeln!(w, "\n## Question coverage\n");
        for g in &s.coverage {
            let title = g.title.as_deref().map(md).unwrap_or_else(|| "guide not found".into());
            let _ = writeln!(w, "### {} (`{}`, {})\n", title, md(&g.guide), plural(g.sessions, "interview"));
            let _ = writeln!(w, "| Question | Covered | With notes | Reached |");
            let _ = writeln!(w, "|---|---:|---:|---:|");
            for q in &g.questions {
                let text = match (&q.text, q.in_guide) {
                    (Some(t), _) => format!("{} {}", cell(&q.id), cell(t)),
                    (None, false) => format!("{} _(not in the guide)_", cell(&q.id)),
                    (None, true) => cell(&q.id),
                };
                let covered = if q.never_covered() {
                    "**never**".to_string()
                } else {
                    format!("{} ({})", thousands(q.covered), percent(q.covered, g.sessions))
                };
                let _ = writeln!(w, "| {text} | {covered} | {} | {} |", q.noted, q.reached);
            }
            let _ = writeln!(w);
        }
    }

    if withheld.sessions > 0 {
        let _ = writeln!(w, "\n---\n\n_Withheld: {}_", withheld.sentence());
    }
    out
}
