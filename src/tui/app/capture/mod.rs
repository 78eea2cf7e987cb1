//! The live screen's model: the guide position, the note input, the notes and
//! everything that changes them. `update` is pure: it returns effects (save,
//! quit) for the main loop to carry out.
//!
//! This file holds the screen's state and `update`, which hands each key to
//! what has the focus; the rest is one file per job: `notes.rs` (the note
//! input, committing, editing, undo, the draft), `palette.rs` (tagging) and `palette_rows.rs` (its rows, kept between frames),
//! `guide.rs` (the guide position, what counts as asked, and the clocks),
//! `peek.rs` (looking ahead in the guide without moving), `consent.rs` and
//! `closing.rs` (before and after the call).

mod closing;
mod codebook;
mod consent;
mod guide;
mod notes;
mod palette;
mod palette_rows;
mod peek;

pub use consent::{CONSENT_QUESTIONS, ConsentAsk};
pub use guide::{ASKED_AFTER_SECS, reminder_time};
pub use peek::{PEEK_SECS, Peek};

/// How long a message in the footer lasts when no key comes to clear it.
pub const MESSAGE_SECS: i64 = 5;

use super::Effect;
use super::saving::{SaveState, Undo};
use super::tags;
use crate::domain::guide::Guide;
use crate::domain::note::Kind;
use crate::domain::op::Op;
use crate::domain::session::Session;
use crate::store::writer::Reply;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::text_input::TextInput;
use chrono::{DateTime, FixedOffset};
use std::collections::HashMap;
use std::path::PathBuf;

/// What has the focus on the live screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Focus {
    /// Before capture, when consent is required: the answers given so far
    /// (notes, recording, quotes) and the one chosen for the question on screen.
    Consent(ConsentAsk),
    Typing,
    Selected(usize),
    Palette(Palette),
    Closing,
    WrapUp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    pub filter: TextInput,
    /// Highlighted row of `rows()`.
    pub highlighted: usize,
    /// The note being tagged.
    pub target: usize,
    /// Whether to return to the selected note (else to the input) on close.
    pub from_selected: bool,
}

/// A note being edited in the input, and the draft it pushed aside.
#[derive(Debug, Clone, PartialEq)]
pub struct Editing {
    pub index: usize,
    stashed: TextInput,
}

#[derive(Debug, Clone)]
pub struct Capture {
    pub session: Session,
    pub guide: Guide,
    pub path: PathBuf,
    /// Flat index of the current guide question.
    pub current: usize,
    /// When the current question became current: what `asked_at` records,
    /// and the start of the stay that counts it as asked.
    current_since: DateTime<FixedOffset>,
    /// Per guide question: asked (a note on it, or it stayed current; see
    /// `ASKED_AFTER_SECS`), in this sitting or an earlier one.
    pub asked: Vec<bool>,
    /// A question looked at ahead (or back) without moving the current one.
    peek: Option<Peek>,
    /// Seconds spent in each section before the current stay.
    section_spent: Vec<u32>,
    section_since: DateTime<FixedOffset>,
    pub input: TextInput,
    pub closing_input: TextInput,
    pub focus: Focus,
    pub editing: Option<Editing>,
    /// The library's codebook: aliases offer their code, notes store the code's name.
    pub codebook: Option<std::sync::Arc<crate::domain::codebook::Codebook>>,
    /// The footer has said once that an alias was stored as its code.
    alias_said: bool,
    /// An alias just replaced, to be said once the note is stored.
    alias_pending: Option<String>,
    /// `codebook: strict` in the config: creating a tag the codebook does not know asks first.
    pub strict_tags: bool,
    /// The tag strict mode last asked about.
    strict_pending: Option<String>,
    undo: Vec<Undo>,
    /// Tags known from the guide and the library, with library-wide counts.
    known_tags: palette_rows::KnownTags,
    /// The palette's rows as last ranked (see `palette_rows.rs`).
    rows_memo: std::cell::RefCell<palette_rows::RowsMemo>,
    /// The library is still being read: the palette has only the guide's
    /// tags until `library_tags_arrived`.
    pub library_tags_pending: bool,
    pub save: SaveState,
    /// A passing message in the footer: gone at the next key or after
    /// `MESSAGE_SECS`, and never in the closing reminder's place.
    pub message: Option<String>,
    message_since: Option<DateTime<FixedOffset>>,
    /// The draft as the writer last got it, and when.
    journaled_draft: String,
    draft_sent_at: Option<DateTime<FixedOffset>>,
    /// Minutes before the planned end when the footer reminds to ask the closing question.
    pub reminder_minutes: u32,
    /// The session's tag counts as of a change to its notes: the palette
    /// asks on every frame, and counting 3,000 notes per keystroke shows.
    tag_memo: std::cell::RefCell<Option<TagMemo>>,
    /// Moves with every change to the notes (not to the draft, which changes
    /// while typing), to a number no other live screen has had.
    notes_rev: u64,
    /// A later call continuing the interview (see `Session::is_new_sitting_at`):
    /// the clock runs from this start, and the new sitting reaches the file
    /// with the first change, so that opening and leaving writes nothing.
    pending_sitting: Option<DateTime<FixedOffset>>,
    /// Changes that must reach the writer before the ones `update` returns
    /// (the new sitting, started by whichever change comes first).
    leading: Vec<Effect>,
    /// The listening coach's lines when the interview has a transcript
    /// attached (read when it was opened), shown in the wrap-up.
    pub coach: Vec<String>,
}

/// Tag counts (`Session::tag_counts`) as of a notes revision and a note count.
type TagMemo = (u64, usize, Vec<(String, usize)>);

impl Capture {
    /// Opens the live screen on a session (new or resumed). `library_tags`
    /// are the tags used across the library, with their counts.
    pub fn new(
        session: Session,
        guide: Guide,
        path: PathBuf,
        library_tags: &HashMap<String, usize>,
        now: DateTime<FixedOffset>,
    ) -> Capture {
        let n = guide.question_count();
        let mut asked = vec![false; n];
        let noted = session.notes.iter().filter_map(|note| note.question.as_deref());
        for q in noted.chain(session.asked_ids()) {
            if let Some(i) = guide.index_of_id(q) {
                asked[i] = true;
            }
        }
        // A resumed call picks up at the question reached last (or, for files
        // without `asked_at`, the question of the last note).
        let last_asked = session.last_asked().and_then(|q| guide.index_of_id(q));
        let last_noted =
            session.notes.iter().rev().find_map(|note| note.question.as_deref().and_then(|q| guide.index_of_id(q)));
        let current = last_asked.or(last_noted).unwrap_or(0);
        let known = tags::known(&guide.tags, library_tags);
        let draft = session.draft.clone().unwrap_or_default();
        let input = TextInput::with_text(&draft);
        let closing_input = TextInput::with_text(session.closing_answer().unwrap_or(""));
        let sections = guide.sections.len();
        let pending_sitting = session.is_new_sitting_at(now).then(|| whole_seconds(now));
        let mut c = Capture {
            session,
            guide,
            path,
            current,
            current_since: now,
            asked,
            peek: None,
            section_spent: vec![0; sections],
            section_since: now,
            input,
            closing_input,
            focus: Focus::Typing,
            editing: None,
            codebook: None,
            alias_said: false,
            alias_pending: None,
            strict_tags: false,
            strict_pending: None,
            undo: Vec::new(),
            known_tags: palette_rows::KnownTags::new(known),
            rows_memo: Default::default(),
            library_tags_pending: false,
            tag_memo: Default::default(),
            notes_rev: crate::tui::revision::next(),
            save: SaveState::default(),
            message: None,
            message_since: None,
            journaled_draft: draft,
            draft_sent_at: None,
            reminder_minutes: 5,
            pending_sitting,
            leading: Vec::new(),
            coach: Vec::new(),
        };
        if c.guide.consent && c.session.consent.is_none() && c.session.notes.is_empty() {
            c.focus = Focus::Consent(ConsentAsk::default());
        }
        c
    }

    pub fn mode(&self) -> Mode {
        match self.focus {
            Focus::Consent(_) => Mode::Consent,
            Focus::Typing => Mode::Typing,
            Focus::Selected(_) => Mode::Selected,
            Focus::Palette(_) => Mode::Palette,
            Focus::Closing => Mode::Closing,
            Focus::WrapUp => Mode::WrapUp,
        }
    }

    pub fn is_saved(&self) -> bool {
        self.save.is_saved()
    }

    pub fn update(&mut self, action: Action, now: DateTime<FixedOffset>) -> Vec<Effect> {
        self.message_lasts(action == Action::Tick, now);
        let said = self.message.clone();
        self.expire_peek(now);
        // A stay on a question counts only while the notes are on screen.
        if matches!(self.focus, Focus::Consent(_) | Focus::Closing | Focus::WrapUp) {
            self.current_since = now;
        }
        let quitting = action == Action::SaveAndQuit;
        // Before the key: a question stayed on long enough is asked, even if
        // this key moves on or quits.
        let mut effects: Vec<Effect> = self.settle_asked(now).into_iter().collect();
        effects.extend(self.apply_action(action, now));
        // Whatever is typed reaches the journal within a second; on quit, now.
        if let Some(e) = self.sync_draft(now, quitting) {
            effects.insert(0, e);
        }
        if self.message.is_some() && self.message != said {
            self.message_since = Some(now);
        }
        self.leading_first(effects)
    }

    /// A message goes at the next key, or `MESSAGE_SECS` after it was said
    /// (a message set from outside, like the guide's lint findings, counts
    /// from the first tick).
    fn message_lasts(&mut self, tick: bool, now: DateTime<FixedOffset>) {
        if self.message.is_none() {
            self.message_since = None;
            return;
        }
        let since = *self.message_since.get_or_insert(now);
        if !tick || (now - since).num_seconds() >= MESSAGE_SECS {
            self.message = None;
            self.message_since = None;
        }
    }

    /// Puts the changes that must come first (see `leading`) before `effects`.
    fn leading_first(&mut self, mut effects: Vec<Effect>) -> Vec<Effect> {
        effects.splice(0..0, std::mem::take(&mut self.leading));
        effects
    }

    fn apply_action(&mut self, action: Action, now: DateTime<FixedOffset>) -> Vec<Effect> {
        let live = matches!(self.focus, Focus::Typing | Focus::Selected(_));
        // Esc first ends a peek; a commit ends it too (the note is on the current question).
        if live && action == Action::Back && self.end_peek(now) {
            return vec![];
        }
        if action == Action::CommitNote {
            self.peek = None;
        }
        match (&mut self.focus, action) {
            (_, Action::Tick) => vec![],
            (_, Action::SaveAndQuit) => vec![Effect::Quit],
            (Focus::Consent(_), action) => self.consent_key(action, now),
            (Focus::Typing | Focus::Selected(_), Action::NextQuestion) => self.go_to(self.current + 1, now),
            (Focus::Typing | Focus::Selected(_), Action::PrevQuestion) => {
                self.go_to(self.current.saturating_sub(1), now)
            }
            (Focus::Typing | Focus::Selected(_), Action::PeekNextQuestion) => {
                self.peek_step(true, now);
                vec![]
            }
            (Focus::Typing | Focus::Selected(_), Action::PeekPrevQuestion) => {
                self.peek_step(false, now);
                vec![]
            }
            (Focus::Typing | Focus::Selected(_), Action::Undo) => self.undo(),
            (Focus::Typing | Focus::Selected(_), Action::OpenTagPalette) => {
                self.open_palette();
                vec![]
            }
            (Focus::Typing | Focus::Selected(_), Action::EndInterview) => {
                if let Some(answer) = self.session.closing_answer() {
                    self.closing_input = TextInput::with_text(answer);
                }
                self.focus = Focus::Closing;
                vec![]
            }
            (Focus::Typing, Action::CommitNote) => self.commit(now),
            (Focus::Typing, Action::Back) => {
                if let Some(editing) = self.editing.take() {
                    self.input = editing.stashed;
                    self.message = Some("Edit cancelled.".into());
                }
                vec![]
            }
            (Focus::Typing, Action::SelectPrevNote) => {
                if self.input.is_empty() && self.editing.is_none() && !self.session.notes.is_empty() {
                    self.focus = Focus::Selected(self.session.notes.len() - 1);
                }
                vec![]
            }
            // A click selects a note only when nothing is being typed, as ↑ does:
            // the input keeps the focus and the draft stays where it is.
            (Focus::Typing, Action::Pick(i)) => {
                if self.input.is_empty() && self.editing.is_none() && i < self.session.notes.len() {
                    self.focus = Focus::Selected(i);
                }
                vec![]
            }
            (Focus::Selected(_), Action::Pick(i)) => {
                if i < self.session.notes.len() {
                    self.focus = Focus::Selected(i);
                }
                vec![]
            }
            (Focus::Typing, action) => {
                edit_text(&mut self.input, action);
                vec![]
            }
            (Focus::Selected(i), Action::SelectPrevNote) => {
                *i = i.saturating_sub(1);
                vec![]
            }
            (Focus::Selected(i), Action::SelectNextNote) => {
                if *i + 1 < self.session.notes.len() {
                    *i += 1;
                } else {
                    self.focus = Focus::Typing;
                }
                vec![]
            }
            (Focus::Selected(i), Action::EditNote) => {
                let index = *i;
                let n = &self.session.notes[index];
                let text = n.as_typed();
                let stashed = std::mem::replace(&mut self.input, TextInput::with_text(&text));
                self.editing = Some(Editing { index, stashed });
                self.focus = Focus::Typing;
                vec![]
            }
            (Focus::Selected(i), Action::EditInEditor) => {
                let n = &self.session.notes[*i];
                let text = n.as_typed();
                vec![Effect::EditExternally { target: super::EditTarget::Note(*i), text }]
            }
            (Focus::Selected(i), Action::DeleteNote) => {
                let index = *i;
                self.undo.push(Undo::Deleted { index, note: self.session.notes[index].clone() });
                let effect = self.persist(Op::Remove { index });
                self.focus = match self.session.notes.len() {
                    0 => Focus::Typing,
                    len => Focus::Selected(index.min(len - 1)),
                };
                self.message = Some("Note deleted. {undo} brings it back.".into());
                vec![effect]
            }
            (Focus::Selected(_), Action::Back) => {
                self.focus = Focus::Typing;
                vec![]
            }
            (Focus::Selected(_), Action::InsertChar(c)) => {
                self.focus = Focus::Typing;
                self.input.insert(c);
                vec![]
            }
            (Focus::Selected(_), Action::Paste(text)) => {
                self.focus = Focus::Typing;
                self.input.insert_str(&text);
                vec![]
            }
            (Focus::Palette(_), action) => self.palette_key(action),
            (Focus::Closing, action) => self.closing_key(action, now),
            (Focus::WrapUp, action) => self.wrap_up_key(action, now),
            _ => vec![],
        }
    }

    /// Applies a change to the model and hands the same change to the writer.
    /// The first change of a new sitting starts it.
    fn persist(&mut self, op: Op) -> Effect {
        if let Some(started_at) = self.pending_sitting.take() {
            let previous_end = self.session.sitting_last_activity(self.session.sitting_count());
            let begin = Op::BeginSitting { started_at, previous_end };
            match self.save.persist(&mut self.session, begin) {
                Ok(effect) => self.leading.push(effect),
                Err(e) => self.message = Some(e),
            }
        }
        if matches!(op, Op::Insert { .. } | Op::Replace { .. } | Op::Remove { .. }) {
            self.notes_rev = crate::tui::revision::next();
        }
        self.save.persist(&mut self.session, op).unwrap_or_else(|e| {
            self.message = Some(e);
            Effect::Flush
        })
    }

    /// The writer reports on this session.
    pub fn on_reply(&mut self, reply: Reply) {
        self.save.on_reply(reply, &mut self.session, &mut self.path);
    }

    pub fn kind_counts(&self) -> Vec<(Kind, usize)> {
        Kind::ALL.iter().map(|k| (*k, self.session.count_kind(*k))).filter(|(_, n)| *n > 0).collect()
    }
}

/// Timestamps in files carry whole seconds.
pub fn whole_seconds(t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    use chrono::Timelike;
    t.with_nanosecond(0).unwrap_or(t)
}

/// The editing actions every text field shares.
pub fn edit_text(input: &mut TextInput, action: Action) {
    match action {
        Action::InsertChar(c) => input.insert(c),
        Action::Paste(text) => input.insert_str(&text),
        Action::Backspace => input.backspace(),
        Action::DeleteForward => input.delete(),
        Action::DeleteWord => input.delete_word(),
        Action::ClearInput => input.clear(),
        Action::CursorLeft => input.left(),
        Action::CursorRight => input.right(),
        Action::CursorHome => input.home(),
        Action::CursorEnd => input.end(),
        _ => {}
    }
}
