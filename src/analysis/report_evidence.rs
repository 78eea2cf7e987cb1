//! What a shared study report may quote, chosen once for the Markdown report
//! (`synth --format md`, `s` on the synthesis screen) and the HTML report, so
//! the two can never pick different evidence: the notes the PM starred first,
//! then quotes, newest first (`synthesis::pick_curated`), and nothing in the
//! participant's own words (a quote, a closing answer) from an interview
//! whose participant did not agree to share quotes; how much was left out.

use crate::analysis::synthesis::{self, ClosingAnswer, Filter, NoteRef, PainPoint, SessionRecord, Synthesis, Theme};
use crate::domain::note::Kind;

/// Evidence notes shown per theme in reports and JSON.
pub const QUOTES_PER_THEME: usize = 3;
/// Closing answers carrying a theme's tag shown under it.
const ANSWERS_PER_THEME: usize = 2;
/// Pain notes, and then quotes, shown per pain point.
const PER_PAIN_POINT: usize = 2;

/// Whether a note may be shown in a shared report: anything but a quote, or a
/// quote of an interview whose participant agreed to share quotes.
pub fn shareable(records: &[SessionRecord], r: NoteRef) -> bool {
    let (s, n) = r.resolve(records);
    s.quotes_shareable || n.kind != Kind::Quote
}

/// The evidence under a theme: starred first, then quotes, newest first.
pub fn theme_evidence(t: &Theme, records: &[SessionRecord]) -> Vec<NoteRef> {
    synthesis::pick_curated(&t.evidence, QUOTES_PER_THEME, |r| shareable(records, r), records)
}

/// The interviews whose closing answer carries the theme's tag, newest
/// first, as consent allows.
pub fn theme_answers<'r>(t: &Theme, records: &'r [SessionRecord]) -> Vec<&'r SessionRecord> {
    t.closing.iter().map(|&si| &records[si]).filter(|r| r.quotes_shareable).take(ANSWERS_PER_THEME).collect()
}

/// The evidence under a pain point: pain notes, then quotes on the same tag.
pub fn pain_evidence(p: &PainPoint, records: &[SessionRecord]) -> Vec<NoteRef> {
    let allow = |r| shareable(records, r);
    let mut out = synthesis::pick_curated(&p.pains, PER_PAIN_POINT, allow, records);
    out.extend(synthesis::pick_curated(&p.quotes, PER_PAIN_POINT, allow, records));
    out
}

/// The closing answers a report lists (newest first): those that may be shared.
pub fn closing_answers<'s>(
    s: &'s Synthesis,
    records: &'s [SessionRecord],
) -> impl Iterator<Item = &'s ClosingAnswer> + 's {
    s.closing_answers.iter().filter(|c| records[c.session].quotes_shareable)
}

/// The closing question the report's answers are listed under.
pub fn closing_question<'r>(s: &Synthesis, records: &'r [SessionRecord]) -> &'r str {
    s.closing_answers
        .first()
        .and_then(|c| records[c.session].closing_question.as_deref())
        .unwrap_or(crate::domain::session::DEFAULT_CLOSING)
}

/// What a report left out for want of consent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Withheld {
    pub quotes: usize,
    pub answers: usize,
    /// Interviews with a quote or a closing answer left out.
    pub sessions: usize,
}

/// Counts the quotes and closing answers of the kept interviews whose
/// participants did not agree to share quotes.
pub fn withheld(s: &Synthesis, records: &[SessionRecord], filter: &Filter) -> Withheld {
    let mut w = Withheld::default();
    for &si in &s.selected {
        let r = &records[si];
        if !r.quotes_shareable {
            let q = filter.notes_of(r).filter(|(_, n)| n.kind == Kind::Quote).count();
            let a = usize::from(r.closing_answer.is_some());
            w.quotes += q;
            w.sessions += usize::from(q + a > 0);
        }
    }
    w.answers = s.closing_answers.iter().filter(|c| !records[c.session].quotes_shareable).count();
    w
}
