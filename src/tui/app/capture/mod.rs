//! The live screen's model: the guide position, the note input, the notes and
//! everything that changes them. `update` is pure: it returns effects (save,
//! quit) for the main loop to carry out.

use super::Effect;
use super::saving::{SaveState, Undo};
use super::tags::{self, TagRow};
use crate::domain::guide::Guide;
use crate::domain::note::{self, Kind};
use crate::domain::op::Op;
use crate::domain::session::{Closing, Consent, Note, Offset, Session};
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
    pub visited: Vec<bool>,
    /// Seconds spent in each section before the current stay.
    section_spent: Vec<u32>,
    section_since: DateTime<FixedOffset>,
    pub input: TextInput,
    pub closing_input: TextInput,
    pub focus: Focus,
    pub editing: Option<Editing>,
    undo: Vec<Undo>,
    /// Tags known from the guide and the library, with library-wide counts.
    known_tags: Vec<(String, usize)>,
    pub save: SaveState,
    pub message: Option<String>,
    /// The draft as the writer last got it, and when.
    journaled_draft: String,
    draft_sent_at: Option<DateTime<FixedOffset>>,
    /// Minutes before the planned end when the footer reminds to ask the closing question.
    pub reminder_minutes: u32,
    /// The session's tag counts as of a change to its notes: the palette
    /// asks on every frame, and counting 3,000 notes per keystroke shows.
    tag_memo: std::cell::RefCell<Option<TagMemo>>,
    /// Counts changes to the notes (not to the draft, which changes while typing).
    notes_rev: u64,
    /// A later call continuing the interview (see `Session::is_new_sitting_at`):
    /// the clock runs from this start, and the new sitting reaches the file
    /// with the first change, so that opening and leaving writes nothing.
    pending_sitting: Option<DateTime<FixedOffset>>,
    /// Changes that must reach the writer before the ones `update` returns
    /// (the new sitting, started by whichever change comes first).
    leading: Vec<Effect>,
}

/// Tag counts (`Session::tag_counts`) as of a notes revision and a note count.
type TagMemo = (u64, usize, Vec<(String, usize)>);

/// The consent questions as they are being asked. An answer is its key alone
/// (`y` or `n`), kept by Enter: a PM who starts typing a sentence here
/// ("now she says yes") must not record "no" on its first letter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConsentAsk {
    answers: Vec<bool>,
    /// Chosen for the question on screen, not kept yet.
    choice: Option<bool>,
    /// Another character was typed since the question showed: a sentence,
    /// so nothing is chosen until the next Enter or Backspace.
    typing: bool,
}

impl ConsentAsk {
    /// The answers kept so far, in `CONSENT_QUESTIONS` order.
    pub fn answers(&self) -> &[bool] {
        &self.answers
    }

    /// The answer chosen for the question on screen, waiting for Enter.
    pub fn choice(&self) -> Option<bool> {
        self.choice
    }

    fn choose(&mut self, yes: bool) {
        if !self.typing {
            self.choice = Some(yes);
        }
    }

    fn typed_other(&mut self) {
        self.typing = true;
        self.choice = None;
    }

    fn clear(&mut self) {
        self.typing = false;
        self.choice = None;
    }

    /// Keeps the chosen answer, if one was chosen alone; starts the next
    /// question afresh either way.
    fn confirm(&mut self) -> Option<bool> {
        let kept = self.choice;
        self.clear();
        self.answers.extend(kept);
        kept
    }
}

/// Said when Enter finds no answer chosen (placeholders are the live keys).
const CONSENT_HOW: &str =
    "Not an answer: press {consent-yes} or {consent-no} alone, then {consent-confirm} ({back} skips consent).";

/// Asked in this order before capture when the guide requires consent.
pub const CONSENT_QUESTIONS: [&str; 3] = [
    "May I take notes during our conversation?",
    "May I record this call?",
    "May we share your words, quoted, with our team?",
];

/// How long typing may go unjournaled: the most a crash can lose of a draft.
const DRAFT_EVERY_MS: i64 = 700;

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
        let mut visited = vec![false; n];
        let noted = session.notes.iter().filter_map(|note| note.question.as_deref());
        for q in noted.chain(session.asked_ids()) {
            if let Some(i) = guide.index_of_id(q) {
                visited[i] = true;
            }
        }
        // A resumed call picks up at the question reached last (or, for files
        // without `asked_at`, the question of the last note).
        let last_asked = session.last_asked().and_then(|q| guide.index_of_id(q));
        let last_noted =
            session.notes.iter().rev().find_map(|note| note.question.as_deref().and_then(|q| guide.index_of_id(q)));
        let current = last_asked.or(last_noted).unwrap_or(0);
        if let Some(v) = visited.get_mut(current) {
            *v = true;
        }
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
            visited,
            section_spent: vec![0; sections],
            section_since: now,
            input,
            closing_input,
            focus: Focus::Typing,
            editing: None,
            undo: Vec::new(),
            known_tags: known,
            tag_memo: Default::default(),
            notes_rev: 0,
            save: SaveState::default(),
            message: None,
            journaled_draft: draft,
            draft_sent_at: None,
            reminder_minutes: 5,
            pending_sitting,
            leading: Vec::new(),
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

    pub fn current_section(&self) -> Option<usize> {
        self.guide.nth(self.current).map(|(r, _)| r.section)
    }

    /// The time the clocks show: frozen at the end while the wrap-up shows.
    fn clock_time(&self, now: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        match (&self.focus, self.session.ended_at) {
            (Focus::WrapUp, Some(end)) => end,
            _ => now,
        }
    }

    /// Seconds spent in the current section, this stay included.
    pub fn section_elapsed(&self, now: DateTime<FixedOffset>) -> u32 {
        let Some(s) = self.current_section() else { return 0 };
        let stay = if self.focus == Focus::WrapUp { 0 } else { secs_between(self.section_since, now) };
        self.section_spent[s] + stay
    }

    /// Seconds since the current sitting started: the clock, and the offset
    /// a note taken now gets.
    pub fn elapsed(&self, now: DateTime<FixedOffset>) -> u32 {
        secs_between(self.sitting_start(), self.clock_time(now))
    }

    /// When the call on screen started: the session's start, unless a later
    /// sitting continues it.
    pub fn sitting_start(&self) -> DateTime<FixedOffset> {
        self.pending_sitting.unwrap_or_else(|| self.session.sitting_start(self.session.sitting_count()))
    }

    /// The sitting on screen, 1-based: a new one counts from the moment the
    /// screen opens, though it reaches the file with the first change.
    pub fn sitting(&self) -> u32 {
        self.session.sitting_count() + u32::from(self.pending_sitting.is_some())
    }

    /// Whether the call on screen was ended (`Ctrl-E`), as opposed to an
    /// interview ended in an earlier sitting and continued now.
    pub fn sitting_ended(&self) -> bool {
        self.session.ended_at.is_some_and(|end| end >= self.sitting_start())
    }

    /// The sitting a note taken now belongs to: `None` for the first.
    fn sitting_now(&self) -> Option<u32> {
        let n = self.sitting();
        (n > 1).then_some(n)
    }

    pub fn is_saved(&self) -> bool {
        self.save.is_saved()
    }

    /// Tag palette rows for the current filter: fuzzy matches best first, or
    /// every tag (this session's most used first) when the filter is empty.
    pub fn palette_rows(&self) -> Vec<TagRow> {
        let filter = match &self.focus {
            Focus::Palette(p) => p.filter.text(),
            _ => "",
        };
        let in_session = self.session_tag_counts();
        tags::rank(filter, &in_session, &tags::candidates(&in_session, &self.known_tags))
    }

    /// `Session::tag_counts`, counted again only after the session changed.
    pub fn session_tag_counts(&self) -> Vec<(String, usize)> {
        let key = (self.notes_rev, self.session.notes.len());
        let mut memo = self.tag_memo.borrow_mut();
        match &*memo {
            Some((rev, notes, counts)) if (*rev, *notes) == key => counts.clone(),
            _ => {
                let counts = self.session.tag_counts();
                *memo = Some((key.0, key.1, counts.clone()));
                counts
            }
        }
    }

    pub fn update(&mut self, action: Action, now: DateTime<FixedOffset>) -> Vec<Effect> {
        if !matches!(action, Action::Tick | Action::InsertChar(_)) {
            self.message = None;
        }
        let quitting = action == Action::SaveAndQuit;
        let mut effects = self.apply_action(action, now);
        // Whatever is typed reaches the journal within a second; on quit, now.
        if let Some(e) = self.sync_draft(now, quitting) {
            effects.insert(0, e);
        }
        self.leading_first(effects)
    }

    /// Puts the changes that must come first (see `leading`) before `effects`.
    fn leading_first(&mut self, mut effects: Vec<Effect>) -> Vec<Effect> {
        effects.splice(0..0, std::mem::take(&mut self.leading));
        effects
    }

    /// Whether typed text is waiting to be journaled (the main loop then wakes sooner).
    pub fn draft_pending(&self) -> bool {
        self.draft_text() != self.journaled_draft
    }

    fn sync_draft(&mut self, now: DateTime<FixedOffset>, force: bool) -> Option<Effect> {
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

    fn apply_action(&mut self, action: Action, now: DateTime<FixedOffset>) -> Vec<Effect> {
        match (&mut self.focus, action) {
            (_, Action::Tick) => vec![],
            (_, Action::SaveAndQuit) => vec![Effect::Quit],
            (Focus::Consent(ask), answer @ (Action::ConsentYes | Action::ConsentNo)) => {
                ask.choose(answer == Action::ConsentYes);
                vec![]
            }
            (Focus::Consent(ask), Action::InsertChar(_) | Action::Paste(_)) => {
                ask.typed_other();
                self.message = Some(CONSENT_HOW.into());
                vec![]
            }
            (Focus::Consent(ask), Action::Backspace) => {
                ask.clear();
                self.message = None;
                vec![]
            }
            (Focus::Consent(ask), Action::ConsentConfirm) => {
                if ask.confirm().is_none() {
                    self.message = Some(CONSENT_HOW.into());
                    return vec![];
                }
                self.message = None;
                if ask.answers.len() < CONSENT_QUESTIONS.len() {
                    return vec![];
                }
                let a = ask.answers.clone();
                self.focus = Focus::Typing;
                let consent = Consent {
                    notes: Some(a[0]),
                    recording: Some(a[1]),
                    quotes: Some(a[2]),
                    at: Offset(self.elapsed(now)),
                    extra: Default::default(),
                };
                if !a[2] {
                    self.message = Some("Noted: quotes from this interview stay out of shared snapshots.".into());
                }
                vec![self.persist(Op::Consent { consent })]
            }
            (Focus::Consent(_), Action::Back) => {
                self.focus = Focus::Typing;
                self.message = Some("Consent skipped: nothing recorded about it.".into());
                vec![]
            }
            (Focus::Consent(_), _) => vec![],
            (Focus::Typing | Focus::Selected(_), Action::NextQuestion) => self.go_to(self.current + 1, now),
            (Focus::Typing | Focus::Selected(_), Action::PrevQuestion) => {
                self.go_to(self.current.saturating_sub(1), now)
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
            (Focus::Palette(p), Action::MoveUp) => {
                p.highlighted = p.highlighted.saturating_sub(1);
                vec![]
            }
            (Focus::Palette(p), Action::MoveDown) => {
                p.highlighted += 1;
                let len = self.palette_rows().len();
                if let Focus::Palette(p) = &mut self.focus {
                    p.highlighted = p.highlighted.min(len.saturating_sub(1));
                }
                vec![]
            }
            (Focus::Palette(_), Action::ApplyTag) => self.apply_tag(),
            (Focus::Palette(p), Action::Back) => {
                self.focus = if p.from_selected { Focus::Selected(p.target) } else { Focus::Typing };
                vec![]
            }
            (Focus::Palette(p), action) => {
                edit_text(&mut p.filter, action);
                p.highlighted = 0;
                vec![]
            }
            (Focus::Closing, Action::SubmitClosing) => {
                let answer = note::clean_input(self.closing_input.text()).trim().to_string();
                let extra = self.session.closing.as_ref().map(|c| c.extra.clone()).unwrap_or_default();
                let closing = Closing::answered(self.guide.closing_question(), &answer, extra);
                let effect = self.persist(Op::Finish { ended_at: Some(whole_seconds(now)), closing: Some(closing) });
                self.leave_section(now);
                self.focus = Focus::WrapUp;
                // The end of the interview is worth a full save right away.
                vec![effect, Effect::Flush]
            }
            (Focus::Closing, Action::Back) => {
                self.focus = Focus::Typing;
                vec![]
            }
            (Focus::Closing, action) => {
                edit_text(&mut self.closing_input, action);
                vec![]
            }
            (Focus::WrapUp, Action::Back) => {
                self.back_to_notes(now);
                vec![]
            }
            // A thought typed after the closing answer is a note, not a key.
            (Focus::WrapUp, action @ (Action::InsertChar(_) | Action::Paste(_))) => {
                self.back_to_notes(now);
                edit_text(&mut self.input, action);
                vec![]
            }
            (Focus::WrapUp, Action::GoHome) => vec![Effect::GoHome],
            _ => vec![],
        }
    }

    /// What to keep if the app closes now: the note being typed, or the draft
    /// an edit pushed aside.
    fn draft_text(&self) -> String {
        match &self.editing {
            Some(e) => e.stashed.text().to_string(),
            None => self.input.text().to_string(),
        }
    }

    fn commit(&mut self, now: DateTime<FixedOffset>) -> Vec<Effect> {
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
        let Some(note) = retyped_with_text(&self.session.notes[index], self.input.text()) else {
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
        let Some(parsed) = note::parse(self.input.text()) else { return vec![] };
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
            extra: Default::default(),
        };
        let effect = self.persist(Op::Insert { index: self.session.notes.len(), note });
        self.input.clear();
        vec![effect]
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
        for tag in &new {
            if !self.known_tags.iter().any(|(known, _)| known == tag) {
                self.known_tags.push((tag.clone(), 0));
            }
        }
        note.tags.extend(new);
        vec![self.change(last, note)]
    }

    fn open_palette(&mut self) {
        let (target, from_selected) = match self.focus {
            Focus::Selected(i) => (i, true),
            _ => match self.session.notes.len() {
                0 => {
                    self.message = Some("No note to tag yet: commit one with {commit-note} first.".into());
                    return;
                }
                n => (n - 1, false),
            },
        };
        self.focus = Focus::Palette(Palette { filter: TextInput::default(), highlighted: 0, target, from_selected });
    }

    fn apply_tag(&mut self) -> Vec<Effect> {
        let Focus::Palette(p) = &self.focus else { return vec![] };
        let (target, from_selected, highlighted) = (p.target, p.from_selected, p.highlighted);
        let rows = self.palette_rows();
        let Some(row) = rows.get(highlighted) else { return vec![] };
        self.focus = if from_selected { Focus::Selected(target) } else { Focus::Typing };
        if self.session.notes[target].tags.contains(&row.tag) {
            self.message = Some(format!("Already tagged #{}.", row.tag));
            return vec![];
        }
        let mut note = self.session.notes[target].clone();
        note.tags.push(row.tag.clone());
        self.message = Some(format!("Tagged #{}.", row.tag));
        if row.new {
            self.known_tags.push((row.tag.clone(), 0));
        }
        vec![self.change(target, note)]
    }

    fn undo(&mut self) -> Vec<Effect> {
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
        });
        let effect = self.persist(op.into_op(self.session.notes.len()));
        // Back to the input: what is typed next is a new note, never a key
        // on a note selected before the undo.
        if matches!(self.focus, Focus::Selected(_)) {
            self.focus = Focus::Typing;
        }
        vec![effect]
    }

    /// From the wrap-up back to capturing; the section clock starts again.
    fn back_to_notes(&mut self, now: DateTime<FixedOffset>) {
        self.focus = Focus::Typing;
        self.section_since = now;
    }

    /// Moves the guide to a question; the first visit is recorded in `asked_at`.
    fn go_to(&mut self, index: usize, now: DateTime<FixedOffset>) -> Vec<Effect> {
        let n = self.guide.question_count();
        if n == 0 {
            return vec![];
        }
        let index = index.min(n - 1);
        let before = self.current_section();
        if index == self.current {
            return vec![];
        }
        self.current = index;
        self.visited[index] = true;
        if before != self.current_section() {
            if let Some(s) = before {
                self.section_spent[s] += secs_between(self.section_since, now);
            }
            self.section_since = now;
        }
        let id = self.guide.nth(index).map(|(_, q)| q.id.clone()).unwrap_or_default();
        if self.session.was_asked(&id) {
            return vec![];
        }
        vec![self.persist(Op::Asked { question: id, at: Offset(self.elapsed(now)) })]
    }

    /// When the interview should end, from the guide's planned duration.
    pub fn planned_end(&self) -> Option<DateTime<FixedOffset>> {
        self.guide.duration.map(|m| self.sitting_start() + chrono::Duration::minutes(i64::from(m)))
    }

    /// Minutes left before the planned end, once the closing reminder is due
    /// (negative when over time); `None` before that, or once the interview ended.
    pub fn closing_reminder(&self, now: DateTime<FixedOffset>) -> Option<i64> {
        if self.session.is_finished() || matches!(self.focus, Focus::Closing | Focus::WrapUp) {
            return None;
        }
        let left = (self.planned_end()? - now).num_seconds();
        let mins = (left as f64 / 60.0).ceil() as i64;
        (left <= i64::from(self.reminder_minutes) * 60).then_some(mins)
    }

    fn leave_section(&mut self, now: DateTime<FixedOffset>) {
        if let Some(s) = self.current_section() {
            self.section_spent[s] += secs_between(self.section_since, now);
        }
        self.section_since = now;
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
            self.notes_rev += 1;
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

    /// A note came back from the editor: read like typed input (marker, #tags).
    pub fn set_note_text(&mut self, index: usize, text: &str) -> Vec<Effect> {
        let Some(before) = self.session.notes.get(index) else { return vec![] };
        match retyped_with_text(before, text) {
            Some(note) => {
                let effect = self.change(index, note);
                self.leading_first(vec![effect])
            }
            None => {
                self.message = Some("The note came back empty: nothing changed ({delete-note} deletes a note).".into());
                vec![]
            }
        }
    }

    /// Replaces a note, remembering the old one for undo.
    fn change(&mut self, index: usize, note: Note) -> Effect {
        self.undo.push(Undo::Changed { index, before: self.session.notes[index].clone() });
        self.persist(Op::Replace { index, note })
    }

    pub fn kind_counts(&self) -> Vec<(Kind, usize)> {
        Kind::ALL.iter().map(|k| (*k, self.session.count_kind(*k))).filter(|(_, n)| *n > 0).collect()
    }
}

/// A note typed again, as long as words are left: tags alone are no note.
fn retyped_with_text(note: &Note, typed: &str) -> Option<Note> {
    note.retyped(typed).filter(|n| !n.text.is_empty())
}

/// Timestamps in files carry whole seconds.
pub fn whole_seconds(t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    use chrono::Timelike;
    t.with_nanosecond(0).unwrap_or(t)
}

fn secs_between(from: DateTime<FixedOffset>, to: DateTime<FixedOffset>) -> u32 {
    u32::try_from((to - from).num_seconds().max(0)).unwrap_or(u32::MAX)
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
