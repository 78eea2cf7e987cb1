//! The note input: committing a note (or `#tags` alone on the last one),
//! editing one in the input or in `$EDITOR`, undo, and the draft that reaches
//! the journal while it is typed. Apart from the dispatch in `mod.rs`, which
//! decides when.

use super::{Capture, Focus};
use crate::domain::note::{self, Kind};
use crate::domain::op::Op;
use crate::domain::session::{Note, Offset};
use crate::tui::app::Effect;
use crate::tui::app::saving::{self, NoteChanges, Undo};
use chrono::{DateTime, FixedOffset};

/// How long typing may go unjournaled: the most a crash can lose of a draft.
const DRAFT_EVERY_MS: i64 = 700;

impl Capture {
    /// Whether typed text is waiting to be journaled (the main loop then wakes sooner).
    pub fn draft_pending(&self) -> bool {
        self.draft_text() != self.journaled_draft
    }

    pub(super) fn sync_draft(&mut self, now: DateTime<FixedOffset>, force: bool) -> Option<Effect> {
        if !self.draft_pending() {
            return None;
        }
        let due = self.draft_sent_at.is_none_or(|t| (now - t).num_milliseconds() >= DRAFT_EVERY_MS);
        if !force && !due {
            return None;
        }
        self.draft_sent_at = Some(now);
        self.journaled_draft = self.draft_text();
        let text = Some(self.journaled_draft.clone()).filter(|d| !d.trim().is_empty());
        Some(self.persist(Op::Draft { text }))
    }

    /// What to keep if the app closes now: the note being typed, or the draft
    /// an edit pushed aside.
    fn draft_text(&self) -> String {
        match &self.editing {
            Some(e) => e.stashed.text().to_string(),
            None => self.input.text().to_string(),
        }
    }

    pub(super) fn commit(&mut self, now: DateTime<FixedOffset>) -> Vec<Effect> {
        let mut effects = if self.editing.is_some() { self.commit_edit() } else { self.commit_new(now) };
        if effects.is_empty() {
            return effects;
        }
        // The committed text must not come back as a draft after a crash.
        if let Some(e) = self.sync_draft(now, true) {
            effects.push(e);
        }
        effects
    }

    /// Saves the note being edited; an edit that leaves no text is refused.
    fn commit_edit(&mut self) -> Vec<Effect> {
        let Some(index) = self.editing.as_ref().map(|e| e.index) else { return vec![] };
        let Some(note) = self.session.notes[index].retyped(self.input.text()) else {
            self.message =
                Some("An empty note is not saved: {back} cancels the edit, {delete-note} deletes a note.".into());
            return vec![];
        };
        let effect = self.change(index, note);
        if let Some(editing) = self.editing.take() {
            self.input = editing.stashed;
        }
        self.message = Some("Note updated.".into());
        vec![effect]
    }

    /// Stores the input as a new note, or, when it is only `#tags`, tags the last note.
    fn commit_new(&mut self, now: DateTime<FixedOffset>) -> Vec<Effect> {
        let Some(mut parsed) = note::parse(self.input.text()) else { return vec![] };
        parsed.tags = self.as_codes(parsed.tags);
        if parsed.text.is_empty() {
            return self.tag_last_note(parsed);
        }
        if let Err(full) = self.save.room_for(&parsed.text) {
            self.message = Some(full);
            return vec![];
        }
        let question = self.guide.nth(self.current).map(|(_, q)| q.id.clone());
        let note = Note {
            at: Offset(self.elapsed(now)),
            sitting: self.sitting_now(),
            text: parsed.text,
            kind: parsed.kind,
            question,
            tags: parsed.tags,
            done: false,
            starred: false,
            from_transcript: false,
            typed: None,
            extra: Default::default(),
        };
        let effect = self.persist(Op::Insert { index: self.session.notes.len(), note });
        self.input.clear();
        self.say_aliases_once();
        // A note on a question says it was asked.
        std::iter::once(effect).chain(self.mark_current_asked()).collect()
    }

    /// `#tags` alone add to the last note: a fast gesture on a call, undone in
    /// one step. Nothing to tag, or a marker with no text, keeps the input.
    fn tag_last_note(&mut self, parsed: note::ParsedNote) -> Vec<Effect> {
        if parsed.kind != Kind::Note {
            self.message = Some("A marker needs words after it; only #tags would tag the last note.".into());
            return vec![];
        }
        let Some(last) = self.session.notes.len().checked_sub(1) else {
            self.message = Some("No note to tag yet: write the note first, then #tags alone tag it.".into());
            return vec![];
        };
        self.input.clear();
        let mut note = self.session.notes[last].clone();
        let new: Vec<String> = parsed.tags.into_iter().filter(|t| !note.tags.contains(t)).collect();
        let named = |tags: &[String]| tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" ");
        if new.is_empty() {
            self.message = Some(format!("The last note already has {}.", named(&note.tags)));
            return vec![];
        }
        self.message = Some(format!("Tagged the last note {} ({{undo}} undoes).", named(&new)));
        // The message names the code already: the alias is not said again later.
        self.alias_pending = None;
        for tag in &new {
            self.known_tags.add_new(tag);
        }
        note.tags.extend(new);
        vec![self.change(last, note)]
    }

    pub(super) fn undo(&mut self) -> Vec<Effect> {
        if self.editing.is_some() {
            // Restoring a note would shift the one being edited.
            self.message = Some("Finish ({commit-note}) or cancel ({back}) the edit before undoing.".into());
            return vec![];
        }
        let Some(op) = self.undo.pop() else {
            self.message = Some("Nothing to undo.".into());
            return vec![];
        };
        self.message = Some(match op {
            Undo::Deleted { .. } => "Deleted note restored.".into(),
            Undo::Changed { .. } => "Change undone.".into(),
            Undo::Inserted { .. } => "Added note taken back.".into(),
            Undo::Renamed { .. } => "Name change undone.".into(),
        });
        let effect = self.persist(op.into_op(self.session.notes.len()));
        // Back to the input: what is typed next is a new note, never a key
        // on a note selected before the undo.
        if matches!(self.focus, Focus::Selected(_)) {
            self.focus = Focus::Typing;
        }
        vec![effect]
    }

    /// A note came back from the editor: read like typed input (marker, #tags).
    pub fn set_note_text(&mut self, index: usize, text: &str) -> Vec<Effect> {
        saving::set_note_text(self, index, text)
    }

    /// Replaces a note, remembering the old one for undo.
    pub(super) fn change(&mut self, index: usize, note: Note) -> Effect {
        self.undo.push(Undo::Changed { index, before: self.session.notes[index].clone() });
        self.persist(Op::Replace { index, note })
    }
}

impl NoteChanges for Capture {
    fn notes(&self) -> &[Note] {
        &self.session.notes
    }

    fn replace_note(&mut self, index: usize, note: Note) -> Vec<Effect> {
        let effect = self.change(index, note);
        self.leading_first(vec![effect])
    }

    fn tell(&mut self, message: String) {
        self.message = Some(message);
    }
}
