//! `synth` (text): the summary for the terminal, the top themes as bars, the
//! pain points, the matrix, tag pairs, closing answers and coverage, each cut
//! to the terminal's columns.

use super::view::View;
use super::{capitalise, percent, ranking_words};
use crate::analysis::figures::Share;
use crate::analysis::synthesis::{self, Filter, Synthesis};
use crate::domain::note::Kind;
use crate::text::counts::{plural, thousands};
use crate::text::out::inert;
use crate::text::width::{truncate, width};
use std::fmt::Write;

/// `s` (already inert) cut or padded to `w` columns.
fn pad(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    format!("{t}{}", " ".repeat(w.saturating_sub(width(&t))))
}

fn pad_left(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(width(s))))
}

/// One line of untrusted text for the terminal: inert, on one line, cut to `w` columns.
pub fn line(t: &str, w: usize) -> String {
    truncate(&inert(&t.replace(['\n', '\r'], " ")), w).into_owned()
}

/// The summary `synth` prints, through `view`, not yet `finish`ed.
pub fn summary(s: &Synthesis, view: &View, filter: &Filter, top: usize) -> String {
    let records = view.records;
    let total = s.sessions();
    let mut out = String::new();
    let w = &mut out;
    if total == 0 {
        let _ = writeln!(
            w,
            "No interviews to synthesise{}.",
            match view.filters(filter) {
                Some(f) => format!(" ({f})"),
                None => String::new(),
            }
        );
        return out;
    }
    let range = s.date_range(records).map(|(a, b)| format!(", {a} – {b}")).unwrap_or_default();
    let _ = writeln!(
        w,
        "{}{range} · {} ({} untagged)",
        plural(total, "interview"),
        plural(s.notes, "note"),
        thousands(s.untagged)
    );
    if let Some(f) = view.filters(filter) {
        let _ = writeln!(w, "Filters: {f}");
    }

    let _ = writeln!(w, "\nThemes: interviews mentioning each tag");
    let shown: Vec<_> = s.themes.iter().take(top).collect();
    let tag_w = shown.iter().map(|t| width(&inert(&view.text(&t.tag))) + 1).max().unwrap_or(0).min(24);
    for t in &shown {
        let _ = writeln!(
            w,
            "  {} {} {:>5} of {}  {:>4}  {}",
            pad(&format!("#{}", inert(&view.text(&t.tag))), tag_w),
            pad(&Share::of(t.sessions, total).bar(24), 24),
            thousands(t.sessions),
            thousands(total),
            percent(t.sessions, total),
            plural(t.notes, "note")
        );
    }
    if s.themes.len() > shown.len() {
        let more = s.themes.len() - shown.len();
        let _ = writeln!(w, "  … and {more} more tag{} (--top N, or --format json)", if more == 1 { "" } else { "s" });
    }
    if s.themes.is_empty() {
        let _ = writeln!(w, "  No tagged notes yet.");
    }

    if !s.pain_points.is_empty() || !s.untagged_pains.is_empty() {
        let _ = writeln!(w, "\nTop pain points");
        for (i, p) in s.pain_points.iter().take(5).enumerate() {
            let _ = writeln!(
                w,
                "  {}. #{}: {}, {}",
                i + 1,
                inert(&view.text(&p.tag)),
                plural(p.sessions, "interview"),
                plural(p.notes, "pain")
            );
            let pains = synthesis::pick_curated(&p.pains, 1, |_| true, records);
            for r in pains.into_iter().chain(synthesis::pick_curated(&p.quotes, 1, |_| true, records)) {
                let (sr, n) = r.resolve(records);
                let said = line(&view.text(sr.text(n)), 70);
                let said = if n.kind == Kind::Quote { format!("“{said}”") } else { said };
                let mark = inert(&view.mark_suffix(r)).into_owned();
                let _ = writeln!(w, "     {said} — {}, {}{mark}", line(&view.who(sr), 24), sr.date());
            }
        }
        if !s.untagged_pains.is_empty() {
            let _ = writeln!(w, "  ({} without a tag)", plural(s.untagged_pains.len(), "pain"));
        }
    }

    let m = &s.matrix;
    if !m.themes.is_empty() && !m.rows.is_empty() {
        let _ = writeln!(
            w,
            "\n{} × themes ({}): share of each {}'s interviews and n",
            capitalise(m.by.name()),
            ranking_words(m.ranking),
            m.by.name()
        );
        let cols: Vec<String> = m.themes.iter().take(6).map(|t| line(&view.text(t), 11)).collect();
        let cells: Vec<Vec<String>> = m
            .rows
            .iter()
            .take(12)
            .map(|r| (0..cols.len()).map(|i| Share::of(r.counts[i], r.sessions).cell_text()).collect())
            .collect();
        let col_w: Vec<usize> = (0..cols.len())
            .map(|i| cells.iter().map(|row| width(&row[i])).chain([width(&cols[i]), 4]).max().unwrap_or(4))
            .collect();
        let mut head = format!("  {} {:>5}", pad("", 18), "n");
        for (c, cw) in cols.iter().zip(&col_w) {
            let _ = write!(head, "  {}", pad_left(c, *cw));
        }
        let _ = writeln!(w, "{}", head.trim_end());
        for (r, texts) in m.rows.iter().zip(&cells) {
            let mut row =
                format!("  {} {:>5}", pad(&line(&view.group(m.by, r.group.as_deref()), 18), 18), thousands(r.sessions));
            for (text, cw) in texts.iter().zip(&col_w) {
                let _ = write!(row, "  {}", pad_left(text, *cw));
            }
            let _ = writeln!(w, "{row}");
        }
        if m.rows.len() > 12 {
            let _ = writeln!(w, "  … and {} more", plural(m.rows.len() - 12, "group"));
        }
    }

    let pairs = |v: &[synthesis::Pair]| -> String {
        v.iter()
            .take(5)
            .map(|p| format!("#{} + #{} ({})", inert(&view.text(&p.a)), inert(&view.text(&p.b)), p.count))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !s.note_pairs.is_empty() || !s.session_pairs.is_empty() {
        let _ = writeln!(w, "\nTags that go together");
        if !s.note_pairs.is_empty() {
            let _ = writeln!(w, "  on one note:        {}", pairs(&s.note_pairs));
        }
        if !s.session_pairs.is_empty() {
            let _ = writeln!(w, "  in one interview:   {}", pairs(&s.session_pairs));
        }
    }

    let _ = writeln!(w, "\nClosing answers: {} of {}", thousands(s.closing_answers.len()), plural(total, "interview"));
    for c in s.closing_answers.iter().rev().take(3) {
        let r = &records[c.session];
        let answer = line(&view.text(r.closing_answer.as_deref().unwrap_or_default()), 70);
        let _ = writeln!(w, "  “{answer}” — {}, {}", line(&view.who(r), 24), r.date());
    }
    if s.closing_answers.len() > 3 {
        let _ = writeln!(w, "  (the latest 3; all of them with --format md)");
    }

    if !s.coverage.is_empty() {
        let _ = writeln!(w, "\nQuestion coverage");
        for g in &s.coverage {
            let in_guide: Vec<_> = g.questions.iter().filter(|q| q.in_guide).collect();
            let never: Vec<&str> = in_guide.iter().filter(|q| q.never_covered()).map(|q| q.id.as_str()).collect();
            let name = line(&g.guide, 30);
            if g.title.is_none() {
                let _ = writeln!(w, "  {name} ({}): guide not found", plural(g.sessions, "interview"));
                continue;
            }
            let _ = write!(
                w,
                "  {name} ({}): {} of {} questions covered",
                plural(g.sessions, "interview"),
                in_guide.len() - never.len(),
                in_guide.len()
            );
            if never.is_empty() {
                let _ = writeln!(w);
            } else {
                let _ = writeln!(w, "; never: {}", line(&never.join(", "), 60));
            }
        }
    }
    out
}
