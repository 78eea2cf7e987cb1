//! The Markdown snapshot of one interview, ready to paste into a team
//! channel: who, when, the interviewer's summary and the closing answer
//! first, then notes grouped by the guide question they were taken on.
//! `show --format md`, `s` (save) and `y` (copy) in the session view all use it.

use crate::domain::guide::Guide;
use crate::domain::note::Kind;
use crate::domain::session::{Note, Session};
use crate::text::out::inert;
use std::fmt::Write;

/// Text safe for Markdown and terminals: control characters made visible and
/// line breaks flattened, so a note can never break the document's structure.
fn md(s: &str) -> String {
    inert(&s.replace(['\n', '\r'], " ")).into_owned()
}

/// One line of the summary: the interviewer's own Markdown (lists, emphasis)
/// kept, but inert, and unable to open a heading of the snapshot's own
/// ("# …", or a line of only `-` or `=` under text, which Markdown reads as one).
fn summary_line(line: &str) -> String {
    let line = inert(line).into_owned();
    let bare = line.trim();
    let heading = bare.starts_with('#');
    let underline = !bare.is_empty() && (bare.chars().all(|c| c == '-') || bare.chars().all(|c| c == '='));
    if heading || underline { format!("\\{bare}") } else { line }
}

/// The summary written with `m`, when there is one, as its own section.
fn write_summary(w: &mut String, s: &Session) {
    let Some(summary) = s.summary.as_deref().map(str::trim).filter(|t| !t.is_empty()) else { return };
    let _ = writeln!(w, "\n## Summary\n");
    for line in summary.lines() {
        let _ = writeln!(w, "{}", summary_line(line));
    }
}

fn note_line(s: &Session, n: &Note) -> String {
    let quotes_ok = s.quotes_shareable();
    let mut line = format!("- `{}` ", s.note_time(n));
    match n.kind {
        Kind::Quote if !quotes_ok => write!(line, "💬 _quote withheld: the participant did not agree to share quotes_"),
        Kind::Quote => write!(line, "💬 “{}”", md(&n.text)),
        Kind::Note => write!(line, "{}", md(&n.text)),
        Kind::Pain => write!(line, "**Pain:** {}", md(&n.text)),
        Kind::Idea => write!(line, "**Idea:** {}", md(&n.text)),
        Kind::Followup => write!(line, "**Follow-up:** {}", md(&n.text)),
        Kind::Insight => write!(line, "**Insight:** _{}_", md(&n.text)),
    }
    .expect("write to String");
    for t in &n.tags {
        line.push_str(&format!(" `#{}`", md(t)));
    }
    line
}

pub fn markdown(s: &Session, guide: Option<&Guide>) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "# {}\n", md(&s.title));
    let p = &s.participant;
    let about: Vec<String> =
        [p.role.as_deref(), p.company.as_deref(), p.segment.as_deref()].into_iter().flatten().map(md).collect();
    let who = if about.is_empty() { md(&p.name) } else { format!("{} ({})", md(&p.name), about.join(", ")) };
    let _ = writeln!(w, "- **Participant:** {who}");
    let duration = match s.duration_mins() {
        Some(mins) => format!("{mins} min"),
        None => "in progress".into(),
    };
    let _ = writeln!(
        w,
        "- **Date:** {} · **Duration:** {duration} · **Guide:** {}",
        s.started_at.format("%Y-%m-%d %H:%M"),
        md(&s.guide)
    );
    if s.sitting_count() > 1 {
        let starts: Vec<String> =
            (1..=s.sitting_count()).map(|n| format!("{n}. {}", s.sitting_start(n).format("%Y-%m-%d %H:%M"))).collect();
        let _ = writeln!(w, "- **Sittings:** {}", starts.join(" · "));
    }
    let kinds: Vec<String> = Kind::ALL
        .iter()
        .filter(|k| **k != Kind::Note)
        .filter_map(|k| match s.count_kind(*k) {
            0 => None,
            1 => Some(format!("1 {}", k.label())),
            n => Some(format!("{n} {}s", k.label())),
        })
        .collect();
    let _ = writeln!(
        w,
        "- **Notes:** {}{}",
        s.notes.len(),
        if kinds.is_empty() { String::new() } else { format!(" ({})", kinds.join(", ")) }
    );
    write_summary(w, s);
    let closing_q = s
        .closing
        .as_ref()
        .map(|c| c.question.as_str())
        .or(guide.map(Guide::closing_question))
        .unwrap_or(crate::domain::session::DEFAULT_CLOSING);
    let _ = writeln!(w, "\n## {}\n", md(closing_q));
    match s.closing_answer() {
        Some(a) => {
            let _ = writeln!(w, "> {}", md(a));
        }
        None => {
            let _ = writeln!(w, "_Not asked or no answer recorded._");
        }
    }
    // Notes grouped by question, in guide order; notes on unknown questions last.
    let mut placed = vec![false; s.notes.len()];
    if let Some(g) = guide {
        for section in &g.sections {
            let mut section_out = String::new();
            for q in &section.questions {
                let notes: Vec<(usize, &Note)> =
                    s.notes.iter().enumerate().filter(|(_, n)| n.question.as_deref() == Some(q.id.as_str())).collect();
                if notes.is_empty() {
                    continue;
                }
                let _ = writeln!(section_out, "\n**{} {}**\n", md(&q.id), md(&q.text));
                for (i, n) in notes {
                    placed[i] = true;
                    let _ = writeln!(section_out, "{}", note_line(s, n));
                }
            }
            if !section_out.is_empty() {
                let _ = write!(w, "\n## {}\n{section_out}", md(&section.title));
            }
        }
    }
    let rest: Vec<&Note> = s.notes.iter().enumerate().filter(|(i, _)| !placed[*i]).map(|(_, n)| n).collect();
    if !rest.is_empty() {
        let _ = writeln!(w, "\n## {}\n", if guide.is_some() { "Other notes" } else { "Notes" });
        for n in rest {
            let _ = writeln!(w, "{}", note_line(s, n));
        }
    }
    let follow: Vec<&Note> = s.notes.iter().filter(|n| n.kind == Kind::Followup).collect();
    if !follow.is_empty() {
        let _ = writeln!(w, "\n## Follow-ups\n");
        for n in follow {
            let _ = writeln!(w, "- [ ] {}", md(&n.text));
        }
    }
    let tags = s.tag_counts();
    if !tags.is_empty() {
        let mut sorted = tags;
        sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let list: Vec<String> = sorted.iter().map(|(t, n)| format!("`#{}` {n}", md(t))).collect();
        let _ = writeln!(w, "\n## Tags\n\n{}", list.join(" · "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::session::{Consent, Offset, Participant};

    #[test]
    fn quotes_are_withheld_without_consent_to_share() {
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap();
        let mut s = Session::new("x".into(), "g", "G", Participant { name: "Ana".into(), ..Default::default() }, t);
        s.notes.push(Note {
            at: Offset(5),
            sitting: None,
            text: "We export to Excel".into(),
            kind: Kind::Quote,
            question: None,
            tags: vec![],
            done: false,
            starred: false,
            from_transcript: false,
            typed: None,
            extra: Default::default(),
        });
        assert!(markdown(&s, None).contains("“We export to Excel”"));
        s.consent = Some(Consent { quotes: Some(false), ..Default::default() });
        let md = markdown(&s, None);
        assert!(!md.contains("We export to Excel"), "{md}");
        assert!(md.contains("quote withheld"));
    }

    #[test]
    fn the_summary_is_in_the_snapshot_before_the_closing_answer() {
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap();
        let mut s = Session::new("x".into(), "g", "G", Participant { name: "Ana".into(), ..Default::default() }, t);
        assert!(!markdown(&s, None).contains("## Summary"), "no summary, no section");
        s.summary = Some("Key takeaway: exports hurt.\n\n- pricing unclear\n# not a heading\n---\nend\x1b[2J".into());
        let md = markdown(&s, None);
        let summary = md.find("## Summary").expect("a summary section");
        assert!(summary < md.find("## What else is on your mind?").unwrap(), "{md}");
        assert!(md.contains("\nKey takeaway: exports hurt.\n\n- pricing unclear\n"), "{md}");
        assert!(md.contains("\n\\# not a heading\n\\---\n"), "no heading of its own: {md}");
        assert!(!md.contains('\x1b'), "inert: {md}");
    }
}
