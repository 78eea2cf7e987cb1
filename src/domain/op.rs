//! Every change to a session as data. The live screen applies an `Op` to its
//! copy of the session and hands the same `Op` to the writer, which applies it
//! to its own copy and journals it; recovery replays journaled ops. One
//! `apply` for all three, so they cannot drift apart.

use super::session::{Closing, Consent, Note, Offset, Session, Wrapup};
use super::transcript::TranscriptLink;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Op {
    /// A new note (or an undone delete) at `index`.
    Insert { index: usize, note: Note },
    /// A note changed: edited, re-kinded or tagged (or an undone change).
    Replace { index: usize, note: Note },
    /// A note deleted.
    Remove { index: usize },
    /// The interview ended (or its closing answer changed).
    Finish { ended_at: Option<DateTime<FixedOffset>>, closing: Option<Closing> },
    /// What is typed in the note input but not committed yet.
    Draft { text: Option<String> },
    /// The participant's consent, asked before capture.
    Consent { consent: Consent },
    /// A guide question was reached for the first time.
    Asked { question: String, at: Offset },
    /// The key takeaways written after the call.
    Summary { text: Option<String> },
    /// The after-call checklist.
    Wrapup { wrapup: Wrapup },
    /// A later call continues the interview: a new sitting starts, and the
    /// one before it ends at `previous_end`.
    BeginSitting { started_at: DateTime<FixedOffset>, previous_end: DateTime<FixedOffset> },
    /// The recording's transcript attached (or its offset nudged), or detached.
    Transcript { link: Option<TranscriptLink> },
    /// The participant's name set after the start (an interview started
    /// without one is "Participant N" until then).
    Rename { name: String },
}

impl Op {
    /// Applies the change; an op that does not fit the session (an index out
    /// of range, from a damaged or foreign journal) is refused, not guessed at.
    pub fn apply(&self, s: &mut Session) -> Result<(), String> {
        match self {
            Op::Insert { index, note } if *index <= s.notes.len() => s.notes.insert(*index, note.clone()),
            Op::Replace { index, note } if *index < s.notes.len() => s.notes[*index] = note.clone(),
            Op::Remove { index } if *index < s.notes.len() => {
                s.notes.remove(*index);
            }
            Op::Finish { ended_at, closing } => {
                s.ended_at = *ended_at;
                s.closing = closing.clone();
            }
            Op::Draft { text } => s.draft = text.clone(),
            Op::Summary { text } => s.summary = text.clone(),
            Op::Rename { name } => {
                // The title was made from the name ("Discovery — Participant 3"):
                // it follows; a title written by hand is left alone.
                if let Some(guide_part) = s.title.strip_suffix(&format!(" — {}", s.participant.name)) {
                    s.title = format!("{guide_part} — {name}");
                }
                s.participant.name = name.clone();
            }
            Op::Consent { consent } => s.consent = Some(consent.clone()),
            Op::Asked { question, at } => s.mark_asked(question, *at),
            Op::BeginSitting { started_at, previous_end } => s.begin_sitting(*started_at, *previous_end),
            Op::Wrapup { wrapup } => s.wrapup = wrapup.clone(),
            Op::Transcript { link } => s.transcript = link.clone(),
            other => return Err(format!("{other:?} does not fit a session with {} notes", s.notes.len())),
        }
        Ok(())
    }

    /// A one-line account of the op, for recovery reports.
    pub fn describe(&self) -> String {
        let short = |t: &str| crate::text::width::truncate(&crate::text::out::inert(t), 50).into_owned();
        match self {
            Op::Insert { note, .. } => format!("note {} “{}”", note.at, short(&note.text)),
            Op::Replace { index, note } => format!("change to note {}: “{}”", index + 1, short(&note.text)),
            Op::Remove { index } => format!("deletion of note {}", index + 1),
            Op::Finish { closing, .. } => match closing.as_ref().and_then(|c| c.answer.as_deref()) {
                Some(a) => format!("closing answer “{}”", short(a)),
                None => "end of the interview".into(),
            },
            Op::Draft { text: Some(t) } => format!("unsent draft “{}”", short(t)),
            Op::Draft { text: None } => "cleared draft".into(),
            Op::Summary { text: Some(t) } => format!("summary “{}”", short(t)),
            Op::Summary { text: None } => "summary removed".into(),
            Op::Wrapup { .. } => "wrap-up checklist".into(),
            Op::Consent { .. } => "consent answers".into(),
            Op::Asked { question, at } => format!("question {question} reached at {at}"),
            Op::BeginSitting { started_at, .. } => format!("new sitting at {}", started_at.format("%Y-%m-%d %H:%M")),
            Op::Transcript { link: Some(link) } => format!("transcript at offset {}", link.offset),
            Op::Transcript { link: None } => "transcript detached".into(),
            Op::Rename { name } => format!("participant renamed “{}”", short(name)),
        }
    }
}
