//! The transcripts of a library as the synthesis and its reports read them,
//! and the one verdict per quote note they all show: verbatim, close, not
//! found, or nothing when the interview has no transcript. Computed once
//! when the library is read (off the keystroke path), then only looked up,
//! so the screen, the exported report and every `synth` format agree.

use super::quotes::{self, Verdict};
use crate::analysis::synthesis::{NoteRef, SessionRecord};
use crate::domain::note::Kind;
use crate::domain::transcript::Transcript;
use std::collections::HashMap;

/// One interview's transcript, with what its session file says of it.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionTranscript {
    /// Seconds from the interview clock to the recording's (`ClockOffset`).
    pub offset: i64,
    pub interviewer: Option<String>,
    pub transcript: Transcript,
}

/// The transcripts of a library, by the index of their session's record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LibraryTranscripts {
    pub by_session: HashMap<usize, SessionTranscript>,
}

impl LibraryTranscripts {
    pub fn of(&self, session: usize) -> Option<&SessionTranscript> {
        self.by_session.get(&session)
    }
}

/// The verdict on every quote note a transcript can speak for: the quotes
/// of the first sitting of interviews with a transcript (a later sitting is
/// another call, another recording).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteMarks {
    verdicts: HashMap<NoteRef, Verdict>,
}

impl QuoteMarks {
    /// Checks every quote the transcripts can speak for.
    pub fn compute(records: &[SessionRecord], transcripts: &LibraryTranscripts) -> QuoteMarks {
        let mut marks = QuoteMarks::default();
        for (&si, t) in &transcripts.by_session {
            if let Some(r) = records.get(si) {
                marks.insert_session(si, session_verdicts(r, t));
            }
        }
        marks
    }

    /// Adds the verdicts on one session's quotes (by note index), as
    /// `session_verdicts` gives them (or a cache kept them).
    pub fn insert_session(&mut self, session: usize, verdicts: impl IntoIterator<Item = (usize, Verdict)>) {
        self.verdicts.extend(verdicts.into_iter().map(|(note, v)| (NoteRef { session, note }, v)));
    }

    /// The verdict on a note; `None` for a note no transcript speaks for.
    pub fn get(&self, r: NoteRef) -> Option<&Verdict> {
        self.verdicts.get(&r)
    }

    pub fn is_empty(&self) -> bool {
        self.verdicts.is_empty()
    }
}

/// The verdict on each quote of one interview that its transcript can
/// speak for (the first sitting's), by note index.
pub fn session_verdicts(r: &SessionRecord, t: &SessionTranscript) -> Vec<(usize, Verdict)> {
    r.notes()
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind == Kind::Quote && n.sitting <= 1)
        .map(|(ni, n)| (ni, quotes::check(r.text(n), f64::from(n.at.0), t.offset as f64, &t.transcript)))
        .collect()
}

/// How a verdict reads beside a quote, on screen and in every report:
/// words first, so it reads without colour.
pub fn mark(v: &Verdict) -> &'static str {
    match v {
        Verdict::Verbatim { .. } => "✓ verbatim",
        Verdict::Close { .. } => "≈ close",
        Verdict::NotFound => "✗ not found",
    }
}

/// The mark with what it is about, for readers of a shared report:
/// "✓ verbatim in the transcript", "≈ close to the transcript (not said: x y)".
pub fn mark_sentence(v: &Verdict) -> String {
    match v {
        Verdict::Verbatim { .. } => "✓ verbatim in the transcript".into(),
        Verdict::Close { missing, .. } if missing.is_empty() => "≈ close to the transcript".into(),
        Verdict::Close { missing, .. } => format!("≈ close to the transcript (not said: {})", missing.join(" ")),
        Verdict::NotFound => "✗ not found in the transcript".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::session::Offset;
    use crate::domain::transcript::Cue;

    fn record() -> SessionRecord {
        let t = chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00+00:00").unwrap();
        let mut r = SessionRecord::new("s1", "Dana", "discovery", t);
        r.push_note(Offset(70), Kind::Quote, None, std::iter::empty(), "I export everything to Excel every Friday");
        r.push_note(Offset(80), Kind::Quote, None, std::iter::empty(), "I love the reporting module");
        r.push_note(Offset(90), Kind::Note, None, std::iter::empty(), "Excel every Friday");
        r.push_note(Offset(95), Kind::Quote, None, std::iter::empty(), "I export it all to Excel every Friday");
        r.push_note(Offset(10), Kind::Quote, None, std::iter::empty(), "I export everything to Excel every Friday");
        r.set_last_sitting(2);
        r
    }

    fn transcripts() -> LibraryTranscripts {
        let cue = Cue {
            start: 95.0,
            end: 100.0,
            speaker: Some("Dana".into()),
            text: "Well, I export everything to Excel every Friday.".into(),
        };
        let t = SessionTranscript { offset: 30, interviewer: None, transcript: Transcript { cues: vec![cue] } };
        LibraryTranscripts { by_session: HashMap::from([(0, t)]) }
    }

    #[test]
    fn every_quote_of_the_first_sitting_gets_one_verdict_and_nothing_else_does() {
        let records = vec![record()];
        let marks = QuoteMarks::compute(&records, &transcripts());
        let at = |note| marks.get(NoteRef { session: 0, note }).map(Verdict::status);
        assert_eq!(at(0), Some("verbatim"));
        assert_eq!(at(1), Some("not-found"));
        assert_eq!(at(2), None, "a plain note is not a quote");
        assert_eq!(at(3), Some("close"));
        assert_eq!(at(4), None, "a later sitting is another recording");
        assert!(QuoteMarks::compute(&records, &LibraryTranscripts::default()).is_empty());
    }

    #[test]
    fn marks_read_without_colour() {
        assert_eq!(mark(&Verdict::Verbatim { cue: 0 }), "✓ verbatim");
        assert_eq!(mark(&Verdict::NotFound), "✗ not found");
        let close = Verdict::Close { cue: 0, missing: vec!["it".into()] };
        assert_eq!(mark(&close), "≈ close");
        assert_eq!(mark_sentence(&close), "≈ close to the transcript (not said: it)");
    }
}
