//! Which evidence a shared report may show: the curated notes per theme and
//! pain point, the closing answers, and what consent holds back. Separate so
//! that every report written to be shared (Markdown today, HTML next) quotes
//! the same notes and withholds the same ones.

use super::View;
use crate::analysis::synthesis::{self, ClosingAnswer, Filter, NoteRef, PainPoint, SessionRecord, Synthesis, Theme};
use crate::domain::note::Kind;
use crate::text::counts::plural;

/// Evidence quotes shown per theme and pain point in reports and JSON.
pub const QUOTES_PER_THEME: usize = 3;

/// Evidence per pain point in a shared report: this many pain notes, then this many quotes.
pub const PER_PAIN_POINT: usize = 2;

/// Closing answers carrying a theme's tag shown under it in a shared report.
pub const ANSWERS_PER_THEME: usize = 2;

/// Whether a note may appear in a shared report: quotes (and closing answers,
/// the participant's own words) of sessions without consent to share quotes
/// stay out; other notes are the PM's own words.
pub fn shareable(records: &[SessionRecord], r: NoteRef) -> bool {
    let (sr, n) = r.resolve(records);
    sr.quotes_shareable || n.kind != Kind::Quote
}

/// Whether the report may show a note: shareable, and not left out for want
/// of proof in the transcript (`--verified-quotes`).
fn allowed(view: &View, r: NoteRef) -> bool {
    shareable(view.records, r) && !view.leaves_out(r)
}

/// The notes a shared report shows under a theme (see `synthesis::pick_curated`).
pub fn theme_notes(t: &Theme, view: &View) -> Vec<NoteRef> {
    synthesis::pick_curated(&t.evidence, QUOTES_PER_THEME, |r| allowed(view, r), view.records)
}

/// Closing answers carrying a theme's tag, newest first, as consent allows.
pub fn theme_closing_answers<'a>(t: &Theme, records: &'a [SessionRecord]) -> Vec<&'a SessionRecord> {
    t.closing.iter().map(|&si| &records[si]).filter(|r| r.quotes_shareable).take(ANSWERS_PER_THEME).collect()
}

/// The notes a shared report shows under a pain point: pain notes first, then quotes.
pub fn pain_notes(p: &PainPoint, view: &View) -> Vec<NoteRef> {
    let pains = synthesis::pick_curated(&p.pains, PER_PAIN_POINT, |r| allowed(view, r), view.records);
    let quotes = synthesis::pick_curated(&p.quotes, PER_PAIN_POINT, |r| allowed(view, r), view.records);
    pains.into_iter().chain(quotes).collect()
}

/// The closing answers a shared report lists (newest first): those that may be shared.
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

/// What a shared report leaves out for want of consent, to say so at its end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Withheld {
    pub quotes: usize,
    pub answers: usize,
    /// Interviews with at least one quote or closing answer withheld.
    pub sessions: usize,
}

impl Withheld {
    /// The sentence a report ends with when it left something out:
    /// "2 quotes and 1 closing answer from 1 interview whose participants…".
    pub fn sentence(&self) -> String {
        format!(
            "{} and {} from {} whose participants did not agree to share quotes.",
            plural(self.quotes, "quote"),
            plural(self.answers, "closing answer"),
            plural(self.sessions, "interview")
        )
    }

    pub fn count(s: &Synthesis, records: &[SessionRecord], filter: &Filter) -> Withheld {
        let (mut quotes, mut sessions) = (0, 0);
        for &si in &s.selected {
            let r = &records[si];
            if !r.quotes_shareable {
                let q = filter.notes_of(r).filter(|(_, n)| n.kind == Kind::Quote).count();
                let a = usize::from(r.closing_answer.is_some());
                quotes += q;
                sessions += usize::from(q + a > 0);
            }
        }
        let answers = s.closing_answers.iter().filter(|c| !records[c.session].quotes_shareable).count();
        Withheld { quotes, answers, sessions }
    }
}
