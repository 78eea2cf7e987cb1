//! The session file: one YAML document per interview. This is the contract with
//! users, their editors and their teammates' git history, so field names never
//! change and keys this version does not know are carried through untouched.
//!
//! Times: `started_at` and `ended_at` are absolute; a note's `at` (and
//! `asked_at`, `consent.at`) is an offset from the start of its sitting. Most
//! interviews are one sitting and have no `sittings:` key. One continued in a
//! later call lists every sitting (`Sitting`), the first starting at
//! `started_at`; its later notes carry `sitting: N` and later questions
//! reached are kept in their sitting's `asked_at`. The README's "Session
//! files" section shows the shape.
//!
//! Curation: a note the PM starred as key evidence says `starred: true` (left
//! out when false, so older files round-trip byte for byte); the closing
//! answer keeps its text as typed and lists the `#tags` in it under
//! `closing.tags` (left out when none).

mod id;
mod lenient;
mod offset;
mod sittings;
pub mod summary;

pub use id::{make_id, slug};
pub use offset::Offset;
pub use sittings::{SITTING_GAP_SECS, Sitting, clock_label, time_label};

use super::note::Kind;
use chrono::{DateTime, FixedOffset};
use lenient::{flow_seq, lenient_opt_string, lenient_string, null_as_default};
use serde::{Deserialize, Serialize};

/// Keys this version does not know, kept in file order so a rewrite never
/// drops a teammate's field.
pub type Extra = serde_json::Map<String, serde_json::Value>;

pub const SCHEMA: u32 = 1;
pub const DEFAULT_CLOSING: &str = "What else is on your mind?";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub schema: u32,
    #[serde(deserialize_with = "lenient_string")]
    pub id: String,
    #[serde(deserialize_with = "lenient_string")]
    pub guide: String,
    #[serde(default, deserialize_with = "lenient_string")]
    pub title: String,
    pub participant: Participant,
    /// The roster entry (`people/ID.yaml`) this interview is with, when linked.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_opt_string")]
    pub person: Option<String>,
    pub started_at: DateTime<FixedOffset>,
    /// When the interview was last ended: the end of its last finished sitting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<FixedOffset>>,
    /// Absent for an interview held in one sitting (most files). Once a later
    /// call continues it (`resume` long after the last activity, see
    /// [`SITTING_GAP_SECS`]), every sitting in order, the first one starting at
    /// `started_at`. Notes of a later sitting say which (`sitting: 2`).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub sittings: Vec<Sitting>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub notes: Vec<Note>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<Closing>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    /// When each guide question was asked (in the first sitting; later
    /// sittings keep their own), for reviewing coverage and pacing: the moment
    /// it became the current question, recorded once a note was taken on it
    /// or it stayed current for a while, never for one skipped past.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub asked_at: std::collections::BTreeMap<String, Offset>,
    /// Key takeaways written after the call (multi-line).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_opt_string")]
    pub summary: Option<String>,
    /// The after-call checklist.
    #[serde(default, skip_serializing_if = "Wrapup::is_empty")]
    pub wrapup: Wrapup,
    /// Text left in the note input when the app was closed, given back on resume.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_opt_string")]
    pub draft: Option<String>,
    /// The recording's transcript, kept beside the session (`ID.vtt`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcript: Option<crate::domain::transcript::TranscriptLink>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Participant {
    #[serde(deserialize_with = "lenient_string")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_opt_string")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_opt_string")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_opt_string")]
    pub segment: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// From the start of the note's sitting.
    pub at: Offset,
    /// Which sitting the note was taken in (1-based), when not the first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sitting: Option<u32>,
    #[serde(default, deserialize_with = "lenient_string")]
    pub text: String,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_opt_string")]
    pub question: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_as_default",
        serialize_with = "flow_seq"
    )]
    pub tags: Vec<String>,
    /// A follow-up that has been dealt with.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
    /// Key evidence, chosen by the PM: reports and the evidence pane put it
    /// first. Written `starred: true`; absent when not starred, so files
    /// written before stars existed read and write back unchanged.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub starred: bool,
    /// Its words were taken from the recording's transcript (a quote made
    /// from selected lines, or a paraphrase replaced by what was said).
    /// Written `from_transcript: true`; absent otherwise.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_transcript: bool,
    /// The words as the PM typed them, kept when the transcript's words
    /// replaced them. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_opt_string")]
    pub typed: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Note {
    /// The sitting the note was taken in, 1-based.
    pub fn sitting_number(&self) -> u32 {
        self.sitting.unwrap_or(1).max(1)
    }

    /// The note as it would be typed: marker, text, `#tags`. Editing starts from this.
    pub fn as_typed(&self) -> String {
        super::note::unparse(self.kind, &self.text, &self.tags)
    }

    /// The note after being typed again: kind, text and tags read from
    /// `typed`, everything else (time, question, done, unknown keys) kept.
    /// `None` when no words would be left of it: `#tags` alone do not make a
    /// note, on any screen, so they never replace what it said.
    pub fn retyped(&self, typed: &str) -> Option<Note> {
        let parsed = super::note::parse(typed).filter(|p| !p.text.is_empty())?;
        Some(Note { kind: parsed.kind, text: parsed.text, tags: parsed.tags, ..self.clone() })
    }
}

/// What the participant agreed to, asked before the interview starts.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Consent {
    /// May notes be taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<bool>,
    /// May the call be recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording: Option<bool>,
    /// May their words be quoted to the team; `false` keeps quotes out of snapshots and reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotes: Option<bool>,
    /// When it was given, from the start of the interview.
    pub at: Offset,
    #[serde(flatten)]
    pub extra: Extra,
}

/// What is left to do once the call is over.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Wrapup {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub thanked: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Wrapup {
    pub fn is_empty(&self) -> bool {
        !self.thanked && !self.shared && self.extra.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Closing {
    #[serde(deserialize_with = "lenient_string")]
    pub question: String,
    /// The answer as typed, `#tags` included: it is the participant's answer
    /// to the question that matters most, so nothing is taken out of it.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_opt_string")]
    pub answer: Option<String>,
    /// The `#tags` typed in the answer, read as a note's are
    /// (`note::tags_in`): they count in themes like notes' tags. Absent
    /// when there are none.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_as_default",
        serialize_with = "flow_seq"
    )]
    pub tags: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Closing {
    /// The closing answer as typed: its tags are read from it.
    pub fn answered(question: &str, answer: &str, extra: Extra) -> Closing {
        let answer = Some(answer.to_string()).filter(|a| !a.trim().is_empty());
        let tags = answer.as_deref().map(super::note::tags_in).unwrap_or_default();
        Closing { question: question.to_string(), answer, tags, extra }
    }
}

impl Session {
    /// A fresh session for `participant`, started at `started_at`.
    pub fn new(
        id: String,
        guide: &str,
        guide_title: &str,
        participant: Participant,
        started_at: DateTime<FixedOffset>,
    ) -> Session {
        let title = format!("{guide_title} — {}", participant.name);
        Session {
            schema: SCHEMA,
            id,
            guide: guide.to_string(),
            title,
            participant,
            person: None,
            started_at,
            ended_at: None,
            sittings: Vec::new(),
            notes: Vec::new(),
            closing: None,
            consent: None,
            asked_at: Default::default(),
            summary: None,
            wrapup: Wrapup::default(),
            draft: None,
            transcript: None,
            extra: Extra::new(),
        }
    }

    pub fn is_finished(&self) -> bool {
        self.ended_at.is_some()
    }

    pub fn closing_answer(&self) -> Option<&str> {
        self.closing.as_ref().and_then(|c| c.answer.as_deref()).filter(|a| !a.trim().is_empty())
    }

    /// Tags in order of first use, each with how many notes carry it.
    pub fn tag_counts(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for tag in self.notes.iter().flat_map(|n| &n.tags) {
            match counts.iter_mut().find(|(t, _)| t == tag) {
                Some((_, c)) => *c += 1,
                None => counts.push((tag.clone(), 1)),
            }
        }
        counts
    }

    /// Replaces tag `from` with `to` on every note (no duplicates); returns how
    /// many notes changed.
    pub fn retag(&mut self, from: &str, to: &str) -> usize {
        let mut changed = 0;
        for n in &mut self.notes {
            if let Some(pos) = n.tags.iter().position(|t| t == from) {
                if n.tags.iter().any(|t| t == to) {
                    n.tags.remove(pos);
                } else {
                    n.tags[pos] = to.to_string();
                }
                changed += 1;
            }
        }
        changed
    }

    /// Whether quotes may be shown to the team: not when consent says no.
    pub fn quotes_shareable(&self) -> bool {
        self.consent.as_ref().and_then(|c| c.quotes) != Some(false)
    }

    pub fn count_kind(&self, kind: Kind) -> usize {
        self.notes.iter().filter(|n| n.kind == kind).count()
    }
}
