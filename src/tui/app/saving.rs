//! What the live screen and the session view share about saving: applying a
//! change and handing it to the writer, following the writer's replies for
//! the "saved" indicator, and undoing.

use super::Effect;
use crate::domain::op::Op;
use crate::domain::session::{Note, Session};
use crate::store::writer::Reply;
use std::path::PathBuf;

/// How far the writer has got with the open session's changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SaveState {
    /// Incremented on every change; `saved` catches up as the writer replies.
    pub rev: u64,
    pub saved: u64,
    /// The last save failed: shown until a save succeeds.
    pub error: Option<String>,
    /// A warning that stays while the session is open (saving to a copy).
    pub banner: Option<String>,
    /// Every change is in the synced journal, but the session file could not
    /// be rewritten (disk full): why. Cleared when the file is written.
    pub file_behind: Option<String>,
    /// The session file's length at its last rewrite (0: not written yet).
    pub file_bytes: u64,
}

/// From this share of the largest file the reader takes, the session warns.
const WARN_PERCENT: u64 = 80;

/// What a note adds to the file, at most: its text written with every
/// character escaped (`\u{1}` becomes 4 bytes), plus its keys.
pub fn note_bytes_bound(text: &str) -> u64 {
    text.len() as u64 * 4 + 512
}

impl SaveState {
    /// Refuses a note that could take the file past what the reader takes
    /// back (`yaml::MAX_FILE_BYTES`): the writer would refuse it anyway, and the
    /// input keeps it so nothing is lost.
    pub fn room_for(&self, text: &str) -> Result<(), String> {
        let max = crate::store::yaml::MAX_FILE_BYTES;
        if self.file_bytes + note_bytes_bound(text) <= max {
            return Ok(());
        }
        Err(format!(
            "Not added: this session is {} of the {} MB a session file may hold. The note stays in the input: \
             end this session and continue in a new one.",
            mb(self.file_bytes),
            mb(max)
        ))
    }

    /// Why the file is behind, short enough for the footer: the system's
    /// words without the path or the error number ("No space left on device").
    pub fn file_behind_brief(&self) -> Option<&str> {
        let why = self.file_behind.as_deref()?;
        let last = why.rsplit(": ").next().unwrap_or(why);
        Some(last.split(" (os error").next().unwrap_or(last).trim())
    }

    pub fn is_saved(&self) -> bool {
        self.saved == self.rev && self.error.is_none()
    }

    /// Applies a change to the screen's session and returns the same change
    /// for the writer. An op that does not apply (a bug: ops are built from
    /// the current state) is never sent, so the writer cannot drift.
    pub fn persist(&mut self, session: &mut Session, op: Op) -> Result<Effect, String> {
        op.apply(session).map_err(|e| format!("Internal error, change not applied: {e}"))?;
        self.rev += 1;
        Ok(Effect::Persist { rev: self.rev, op: Box::new(op) })
    }

    /// Follows a writer reply about this session.
    pub fn on_reply(&mut self, reply: Reply, session: &mut Session, path: &mut PathBuf) {
        match reply {
            Reply::Durable { rev, .. } => {
                self.saved = self.saved.max(rev);
                if self.saved >= self.rev {
                    self.error = None;
                }
            }
            Reply::Failed { error, .. } => self.error = Some(error),
            Reply::Journaled { rev, why, .. } => {
                self.saved = self.saved.max(rev);
                if self.saved >= self.rev {
                    self.error = None;
                }
                self.file_behind = Some(why);
            }
            Reply::Redirected { path: copy, id, .. } => {
                self.banner = Some(format!(
                    "The file was changed outside fieldnotes; your changes now save to a copy: {}",
                    copy.display()
                ));
                session.id = id;
                *path = copy;
            }
            Reply::Written { bytes, .. } => {
                self.file_bytes = bytes;
                self.file_behind = None;
                let max = crate::store::yaml::MAX_FILE_BYTES;
                if bytes * 100 >= max * WARN_PERCENT && self.banner.as_ref().is_none_or(|b| b.starts_with(SIZE_WARNING))
                {
                    self.banner = Some(format!(
                        "{SIZE_WARNING} {} MB of the {} MB a session file may hold: end it and continue in a new one.",
                        mb(bytes),
                        mb(max)
                    ));
                }
            }
            Reply::Closed { .. } => {}
        }
    }
}

const SIZE_WARNING: &str = "Session nearly full:";

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// One step back: a deleted note or a note as it was before a change.
#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    Deleted {
        index: usize,
        note: Note,
    },
    Changed {
        index: usize,
        before: Note,
    },
    /// A note added after the call (a quote from the transcript).
    Inserted {
        index: usize,
    },
    /// The participant's name before a rename.
    Renamed {
        before: String,
    },
}

impl Undo {
    /// The change that undoes this step on a session with `len` notes.
    pub fn into_op(self, len: usize) -> Op {
        match self {
            Undo::Deleted { index, note } => Op::Insert { index: index.min(len), note },
            Undo::Changed { index, before } => Op::Replace { index, note: before },
            Undo::Inserted { index } => Op::Remove { index },
            Undo::Renamed { before } => Op::Rename { name: before },
        }
    }
}

/// A screen with an open session whose notes it replaces as undoable
/// changes: the live screen and the session view.
pub trait NoteChanges {
    /// The open session's notes.
    fn notes(&self) -> &[Note];
    /// Replaces note `index`, remembering the old one for undo: the effects
    /// for the writer.
    fn replace_note(&mut self, index: usize, note: Note) -> Vec<Effect>;
    /// Shows a message in the footer.
    fn tell(&mut self, message: String);
}

/// A note came back from the editor: read like typed input (marker, #tags),
/// by the one rule for a note typed again (`Note::retyped`). A note the
/// session no longer has, or text that leaves no words, changes nothing.
pub fn set_note_text(screen: &mut impl NoteChanges, index: usize, text: &str) -> Vec<Effect> {
    let Some(before) = screen.notes().get(index) else { return vec![] };
    match before.retyped(text) {
        Some(note) => screen.replace_note(index, note),
        None => {
            screen.tell("The note came back with no words: nothing changed ({delete-note} deletes a note).".into());
            vec![]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::yaml::MAX_FILE_BYTES;

    fn written(bytes: u64) -> Reply {
        Reply::Written { path: PathBuf::from("s.yaml"), bytes, rev: 1 }
    }

    fn on(save: &mut SaveState, reply: Reply) {
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap();
        let mut session = Session::new("s".into(), "g", "G", Default::default(), t);
        save.on_reply(reply, &mut session, &mut PathBuf::from("s.yaml"));
    }

    #[test]
    fn a_change_safe_in_the_journal_says_so_until_the_file_is_written() {
        let mut save = SaveState { rev: 2, saved: 1, ..Default::default() };
        on(&mut save, Reply::Failed { path: PathBuf::from("s.yaml"), error: "No space left".into() });
        assert!(!save.is_saved());
        let why = "No space left on device".to_string();
        on(&mut save, Reply::Journaled { path: PathBuf::from("s.yaml"), rev: 2, why: why.clone() });
        assert!(save.is_saved(), "synced in the journal is safe");
        assert_eq!(save.file_behind, Some(why), "but the file is behind, and the footer says why");
        let long = "cannot save /data/sessions/s.yaml: No space left on device (os error 28)".to_string();
        on(&mut save, Reply::Journaled { path: PathBuf::from("s.yaml"), rev: 2, why: long });
        assert_eq!(save.file_behind_brief(), Some("No space left on device"), "short enough for the footer");
        on(&mut save, Reply::Written { path: PathBuf::from("s.yaml"), bytes: 100, rev: 2 });
        assert_eq!(save.file_behind, None);
    }

    #[test]
    fn a_session_warns_at_80_percent_of_the_readable_size() {
        let mut save = SaveState::default();
        on(&mut save, written(MAX_FILE_BYTES * 79 / 100));
        assert_eq!(save.banner, None);
        on(&mut save, written(MAX_FILE_BYTES * 81 / 100));
        let banner = save.banner.clone().expect("a warning at 81 %");
        assert!(banner.contains("13.0 MB of the 16.0 MB"), "{banner}");
    }

    #[test]
    fn a_note_that_could_pass_the_limit_is_refused_before_it_is_saved() {
        let mut save = SaveState::default();
        on(&mut save, written(MAX_FILE_BYTES - 10_000));
        assert!(save.room_for("a short note").is_ok());
        let long = "x".repeat(5_000);
        let refused = save.room_for(&long).unwrap_err();
        assert!(refused.contains("stays in the input"), "{refused}");
    }
}
