//! The persona drafts of a shared report: one per segment, drawn from the
//! report's own interviews (its filters hold), with the quotes the report
//! would leave out (`--verified-quotes`) left out of the drafts too. The
//! Markdown cards are `fieldnotes personas --format md`'s, one heading level
//! down; the HTML cards are in `html/personas.rs`.

use super::view::View;
use crate::analysis::study::format::personas_markdown;
use crate::analysis::study::personas::{self, Persona};
use crate::analysis::synthesis::{Dimension, Synthesis};

/// What the report's drafts are grouped by.
pub const BY: Dimension = Dimension::Segment;

/// The drafts over the report's interviews, as the view may quote them.
pub fn drafts(s: &Synthesis, view: &View) -> Vec<Persona> {
    let mut drafts = personas::drafts(view.records, &s.selected, BY);
    for p in &mut drafts {
        p.quotes.retain(|&r| !view.leaves_out(r));
    }
    drafts
}

/// The "Personas" section of the Markdown report: `personas --format md`'s
/// cards under a `##` heading, each card a `###`. Names are scrubbed by the
/// report's `View::finish`, as for the rest of the Markdown.
pub fn markdown(s: &Synthesis, view: &View) -> String {
    let cards = personas_markdown(&drafts(s, view), view.records, BY.name());
    let mut out = String::from(
        "\n## Personas\n\n_Drafts per segment, from the interviews of this report: a start to edit, not a finding._\n",
    );
    // The cards' own title ("# Persona drafts …") is this section's heading.
    for line in cards.lines().skip(1) {
        if line.starts_with("## ") {
            out.push('#');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::synthesis::{Filter, Options, SessionRecord, synthesize};
    use crate::domain::note::Kind;
    use crate::domain::session::Offset;

    fn records() -> Vec<SessionRecord> {
        let at = |d: u32| chrono::DateTime::parse_from_rfc3339(&format!("2026-02-{d:02}T10:00:00+00:00")).unwrap();
        let mut a = SessionRecord::new("a", "Ana López", "discovery", at(1));
        a.segment = Some("mid-market".into());
        a.company = Some("Acme".into());
        a.role = Some("Ops lead".into());
        a.push_note(Offset(60), Kind::Quote, None, ["export"], "Acme exports by hand");
        a.notes[0].starred = true;
        let mut b = SessionRecord::new("b", "Ben", "discovery", at(2));
        b.segment = Some("enterprise".into());
        b.push_note(Offset(60), Kind::Pain, None, ["sso"], "no SSO");
        vec![a, b]
    }

    #[test]
    fn the_report_has_a_card_per_segment_of_its_own_interviews() {
        let r = records();
        let view = View::new(&r, false);
        let all = synthesize(&r, &[], &Filter::default(), &Options::default());
        let md = markdown(&all, &view);
        assert!(md.starts_with("\n## Personas\n"), "{md}");
        assert!(md.contains("\n### mid-market\n") && md.contains("\n### enterprise\n"), "{md}");
        assert!(md.contains("> Acme exports by hand — Ops lead"), "{md}");
        assert!(!md.contains("\n# ") && !md.contains("\n## mid"), "one level down: {md}");
        let only = Filter { segment: Some("enterprise".into()), ..Filter::default() };
        let some = synthesize(&r, &[], &only, &Options::default());
        let md = markdown(&some, &view);
        assert!(md.contains("### enterprise") && !md.contains("mid-market"), "the report's filter holds: {md}");
    }

    #[test]
    fn quotes_the_report_leaves_out_are_not_in_the_drafts() {
        let r = records();
        let mut view = View::new(&r, false);
        let s = synthesize(&r, &[], &Filter::default(), &Options::default());
        assert_eq!(drafts(&s, &view).iter().map(|p| p.quotes.len()).sum::<usize>(), 1);
        let mut left = crate::analysis::report::view::LeftOut::default();
        left.notes.insert(crate::analysis::synthesis::NoteRef { session: 0, note: 0 });
        view.left_out = Some(left);
        assert!(drafts(&s, &view).iter().all(|p| p.quotes.is_empty()));
    }
}
