//! The `View` every report format prints through: participant, company and
//! session names as they are or anonymised (P1, C1…), free text scrubbed, the
//! filters in words or JSON. Separate so that every format (text, Markdown,
//! JSON, CSV, search results, and any new one) hides names the same way.

use crate::analysis::anonymize::Anonymizer;
use crate::analysis::synthesis::{Dimension, Filter, NoteRecord, NoteRef, SessionRecord};
use crate::analysis::transcript::marks::{QuoteMarks, mark_sentence};
use crate::analysis::transcript::quotes::Verdict;
use crate::text::counts::plural;
use crate::text::out::inert;
use serde_json::{Value, json};
use std::borrow::Cow;
use std::collections::HashSet;

/// The records a report is written from, and the anonymizer when names are hidden.
pub struct View<'a> {
    pub records: &'a [SessionRecord],
    /// `Some` when participants, companies and sessions are anonymised.
    pub anon: Option<Anonymizer>,
    /// `Some` when the report keeps only quotes found in the transcript
    /// (`--verified-quotes`): the quotes it leaves out, and why.
    pub left_out: Option<LeftOut>,
    /// The verdict on each quote checked against its interview's transcript
    /// (`None`: no transcript was read, so no quote shows a mark).
    pub marks: Option<&'a QuoteMarks>,
}

/// Quotes a report leaves out because the transcript does not bear them out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeftOut {
    pub notes: HashSet<NoteRef>,
    /// Quotes checked against a transcript and not found in it.
    pub not_found: usize,
    /// Quotes of interviews with no transcript to check them against.
    pub no_transcript: usize,
}

impl LeftOut {
    /// The quotes of the chosen interviews a report with `--verified-quotes`
    /// leaves out, from the same verdicts the marks show: those not found,
    /// and those no transcript speaks for (no transcript, a later sitting).
    pub fn from_marks(records: &[SessionRecord], chosen: &[usize], marks: &QuoteMarks) -> LeftOut {
        let mut left = LeftOut::default();
        for &si in chosen {
            for (ni, n) in records[si].notes().iter().enumerate() {
                if n.kind != crate::domain::note::Kind::Quote {
                    continue;
                }
                let r = NoteRef { session: si, note: ni };
                match marks.get(r) {
                    Some(Verdict::NotFound) => left.not_found += 1,
                    Some(_) => continue,
                    None => left.no_transcript += 1,
                }
                left.notes.insert(r);
            }
        }
        left
    }

    /// The sentence a report says it with, under its header.
    pub fn sentence(&self) -> String {
        format!(
            "Only quotes found in the recording's transcript: {} left out ({} not found in it, {} from interviews without one).",
            plural(self.not_found + self.no_transcript, "quote"),
            self.not_found,
            self.no_transcript
        )
    }
}

impl<'a> View<'a> {
    pub fn new(records: &'a [SessionRecord], anonymize: bool) -> View<'a> {
        View { records, anon: anonymize.then(|| Anonymizer::new(records)), left_out: None, marks: None }
    }

    /// The transcript's verdict on a quote, when its interview has a transcript.
    pub fn verdict(&self, r: NoteRef) -> Option<&'a Verdict> {
        self.marks.and_then(|m| m.get(r))
    }

    /// " · ✓ verbatim in the transcript" after a quote's attribution, or
    /// nothing; the words that differ scrubbed like the quote.
    pub fn mark_suffix(&self, r: NoteRef) -> String {
        self.verdict(r).map(|v| format!(" · {}", self.text(&mark_sentence(v)))).unwrap_or_default()
    }

    /// Whether the report leaves this note out (`--verified-quotes`).
    pub fn leaves_out(&self, r: NoteRef) -> bool {
        self.left_out.as_ref().is_some_and(|l| l.notes.contains(&r))
    }

    pub fn who(&self, s: &SessionRecord) -> String {
        match &self.anon {
            Some(a) => a.participant(&s.participant),
            None => s.participant.clone(),
        }
    }

    pub fn session_id(&self, s: &SessionRecord) -> String {
        match &self.anon {
            Some(a) => a.session(&s.id),
            None => s.id.clone(),
        }
    }

    /// Free text from a file, with names scrubbed when anonymising.
    pub fn text<'t>(&self, t: &'t str) -> Cow<'t, str> {
        match &self.anon {
            Some(a) => a.scrub(t),
            None => Cow::Borrowed(t),
        }
    }

    /// The whole output once more, when anonymising: whatever a view printed
    /// without `text` (guide titles, question text, file names) is caught here.
    /// Text, Markdown and CSV only: their escapes never glue a letter to a name.
    pub fn finish(&self, out: String) -> String {
        match &self.anon {
            Some(a) => a.scrub(&out).into_owned(),
            None => out,
        }
    }

    /// As `finish`, for JSON: every string in it (not on the printed text,
    /// where an escape such as `\nAna` would hide the name).
    pub fn finish_json(&self, v: &mut Value) {
        if let Some(a) = &self.anon {
            a.scrub_json(v);
        }
    }

    /// The filters in words; when anonymising, the participant and company
    /// asked for are not repeated (a participant filter may be part of a name).
    pub fn filters(&self, f: &Filter) -> Option<String> {
        match &self.anon {
            Some(a) => describe_filter(&a.filter(f)),
            None => describe_filter(f),
        }
    }

    /// The filters as JSON, names hidden as in `filters`.
    pub fn filters_json(&self, f: &Filter) -> Value {
        match &self.anon {
            Some(a) => filter_json(&a.filter(f)),
            None => filter_json(f),
        }
    }

    pub fn group(&self, by: Dimension, g: Option<&str>) -> String {
        match (g, &self.anon) {
            (None, _) => format!("(no {})", by.name()),
            (Some(g), Some(a)) => a.group(by, g),
            (Some(g), None) => g.to_string(),
        }
    }

    /// Who said it, as a report credits it: `participant · company · date`
    /// (the company when known), then the note's time when there is a note.
    pub fn attribution(&self, s: &SessionRecord, n: Option<&NoteRecord>) -> String {
        let mut parts = vec![self.who(s)];
        if s.company.is_some() {
            parts.push(self.group(Dimension::Company, s.company.as_deref()));
        }
        parts.push(s.date().to_string());
        if let Some(n) = n {
            parts.push(s.note_time(n));
        }
        parts.join(" · ")
    }

    /// One note as JSON, with where it is.
    pub fn evidence(&self, r: NoteRef) -> Value {
        let (s, n) = r.resolve(self.records);
        json!({
            "session": self.session_id(s),
            "note_index": r.note,
            "participant": self.who(s),
            "date": s.date().to_string(),
            "at": n.at.to_string(),
            "sitting": n.sitting,
            "kind": n.kind.name(),
            "starred": n.starred,
            "question": s.question(n),
            "tags": s.tags_of(n).map(|t| self.text(t).into_owned()).collect::<Vec<_>>(),
            "text": self.text(s.text(n)),
            "quotes_shareable": s.quotes_shareable,
            // verbatim, close or not-found; null without a transcript.
            "transcript_check": self.verdict(r).map(Verdict::status),
        })
    }
}

fn describe_filter(f: &Filter) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(d) = f.since {
        parts.push(format!("since {d}"));
    }
    if let Some(d) = f.until {
        parts.push(format!("until {d}"));
    }
    let named = [
        ("segment", &f.segment),
        ("guide", &f.guide),
        ("tag", &f.tag),
        ("participant", &f.participant),
        ("company", &f.company),
        ("role", &f.role),
    ];
    for (name, v) in named {
        if let Some(v) = v {
            parts.push(format!("{name} {}", inert(v)));
        }
    }
    for w in &f.words {
        parts.push(format!("\"{}\"", inert(w)));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn filter_json(f: &Filter) -> Value {
    json!({
        "since": f.since.map(|d| d.to_string()),
        "until": f.until.map(|d| d.to_string()),
        "segment": f.segment,
        "guide": f.guide,
        "tag": f.tag,
        "participant": f.participant,
        "company": f.company,
        "role": f.role,
        // Free words of the filter language: each occurs in every interview kept.
        "words": f.words,
    })
}
