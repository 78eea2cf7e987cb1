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
}

impl SaveState {
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
            Reply::Redirected { path: copy, id, .. } => {
                self.banner = Some(format!(
                    "The file was changed outside fieldnotes; your changes now save to a copy: {}",
                    copy.display()
                ));
                session.id = id;
                *path = copy;
            }
            Reply::Written { .. } | Reply::Closed { .. } => {}
        }
    }
}

/// One step back: a deleted note or a note as it was before a change.
#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    Deleted { index: usize, note: Note },
    Changed { index: usize, before: Note },
}

impl Undo {
    /// The change that undoes this step on a session with `len` notes.
    pub fn into_op(self, len: usize) -> Op {
        match self {
            Undo::Deleted { index, note } => Op::Insert { index: index.min(len), note },
            Undo::Changed { index, before } => Op::Replace { index, note: before },
        }
    }
}
