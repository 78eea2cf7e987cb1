//! The session view after the call: notes grouped under the guide question
//! they were taken on, with editing, kinds, follow-ups, the wrap-up checklist,
//! sharing, and quick tagging one note at a time. Pure, like the live screen:
//! every change is an `Op` for the writer.

use super::capture::edit_text;
use super::saving::{self, NoteChanges, SaveState, Undo};
use super::tags::{self, TagRow};
use super::{EditTarget, Effect};
use crate::domain::guide::Guide;
use crate::domain::note::Kind;
use crate::domain::op::Op;
use crate::domain::session::{Note, Session, Wrapup};
use crate::store::writer::Reply;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::text_input::TextInput;
use std::path::PathBuf;

pub use super::quick_tag::{QuickTag, Walk};
pub use super::transcript_pane::TranscriptPane;

#[derive(Debug, Clone, PartialEq)]
pub enum ReviewMode {
    Browse,
    /// A note back in an input to be changed.
    Edit {
        index: usize,
        input: TextInput,
    },
    /// Waiting for a marker key to set the selected note's kind.
    Kind,
    Tagging(QuickTag),
    /// Walking the transcript pane (`transcript_pane.rs`).
    Transcript,
    /// Typing the path of a transcript to import.
    Import {
        input: TextInput,
    },
    /// Typing the participant's name (`rename.rs`).
    Rename {
        input: TextInput,
    },
}

#[derive(Debug, Clone)]
pub struct Review {
    pub session: Session,
    pub guide: Guide,
    pub path: PathBuf,
    /// Position of the selected note in `order()`.
    pub selected: usize,
    pub mode: ReviewMode,
    undo: Vec<Undo>,
    pub(super) known_tags: Vec<(String, usize)>,
    /// The library's codebook: aliases offer their code, the highlighted code's description is shown.
    pub codebook: Option<std::sync::Arc<crate::domain::codebook::Codebook>>,
    /// `codebook: strict` in the config: creating a tag the codebook does not know asks first.
    pub strict_tags: bool,
    /// The tag strict mode last asked about.
    pub(super) strict_pending: Option<String>,
    /// When walking the whole library's untagged notes: the sessions still to visit.
    pub next_sessions: Vec<PathBuf>,
    /// When walking the whole library: where this session stands in the walk.
    pub walk: Option<Walk>,
    pub save: SaveState,
    pub message: Option<String>,
    /// The recording's transcript beside the notes (`transcript_pane.rs`).
    pub transcript: TranscriptPane,
    /// The listening coach's lines (talk share, longest stretch, flagged
    /// questions) when a transcript is attached, worked out when the session
    /// is opened; the wrap-up pane shows them.
    pub coach: Vec<String>,
}

/// What the session view shows, in order: each guide question with its
/// notes (or none: not covered), then notes on questions the guide lacks.
pub enum Row<'a> {
    Section(&'a str),
    Question { id: &'a str, text: &'a str, covered: bool },
    Note(usize),
    Other,
}

impl Review {
    pub fn new(
        session: Session,
        guide: Guide,
        path: PathBuf,
        library_tags: &std::collections::HashMap<String, usize>,
    ) -> Review {
        let known_tags = tags::known(&guide.tags, library_tags);
        Review {
            session,
            guide,
            path,
            selected: 0,
            mode: ReviewMode::Browse,
            undo: Vec::new(),
            known_tags,
            codebook: None,
            strict_tags: false,
            strict_pending: None,
            next_sessions: Vec::new(),
            walk: None,
            save: SaveState::default(),
            message: None,
            transcript: TranscriptPane::default(),
            coach: Vec::new(),
        }
    }

    pub fn mode(&self) -> Mode {
        match &self.mode {
            ReviewMode::Browse => Mode::Review,
            ReviewMode::Edit { .. } | ReviewMode::Rename { .. } => Mode::ReviewEdit,
            ReviewMode::Kind => Mode::KindPick,
            ReviewMode::Tagging(q) if q.search.is_some() => Mode::TagSearch,
            ReviewMode::Tagging(_) => Mode::QuickTag,
            ReviewMode::Transcript => Mode::Transcript,
            ReviewMode::Import { .. } => Mode::TranscriptImport,
        }
    }

    /// Note indices in display order: by guide question, then the rest.
    pub fn order(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.session.notes.len());
        for (_, q) in self.guide.questions() {
            out.extend(self.notes_on(&q.id));
        }
        out.extend((0..self.session.notes.len()).filter(|i| !self.on_guide_question(*i)));
        out
    }

    fn notes_on<'a>(&'a self, id: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.session.notes.iter().enumerate().filter(move |(_, n)| n.question.as_deref() == Some(id)).map(|(i, _)| i)
    }

    fn on_guide_question(&self, i: usize) -> bool {
        self.session.notes[i].question.as_deref().is_some_and(|q| self.guide.index_of_id(q).is_some())
    }

    /// Every row of the view, for drawing.
    pub fn rows(&self) -> Vec<Row<'_>> {
        let mut rows = Vec::new();
        for section in &self.guide.sections {
            rows.push(Row::Section(&section.title));
            for q in &section.questions {
                let notes: Vec<usize> = self.notes_on(&q.id).collect();
                rows.push(Row::Question { id: &q.id, text: &q.text, covered: !notes.is_empty() });
                rows.extend(notes.into_iter().map(Row::Note));
            }
        }
        let others: Vec<usize> = (0..self.session.notes.len()).filter(|i| !self.on_guide_question(*i)).collect();
        if !others.is_empty() {
            rows.push(Row::Other);
            rows.extend(others.into_iter().map(Row::Note));
        }
        rows
    }

    /// Selects note `index` of the session (a jump from the synthesis); an
    /// index the session no longer has leaves the selection alone.
    pub fn select_note(&mut self, index: usize) {
        if let Some(pos) = self.order().iter().position(|i| *i == index) {
            self.selected = pos;
        }
    }

    /// The selected note's index in the session, if there are notes.
    pub fn selected_note(&self) -> Option<usize> {
        self.order().get(self.selected).copied()
    }

    pub fn is_saved(&self) -> bool {
        self.save.is_saved()
    }

    /// Tags for the quick-tag search.
    pub fn search_rows(&self) -> Vec<TagRow> {
        let filter = match &self.mode {
            ReviewMode::Tagging(QuickTag { search: Some((f, _)), .. }) => f.text(),
            _ => "",
        };
        let rows = tags::palette(filter, &self.session, &self.known_tags);
        crate::tui::app::codebook_tags::offer_codes(rows, filter, self.codebook.as_deref())
    }

    /// The quick-tagging state, while tagging.
    pub fn quick_tag(&self) -> Option<&QuickTag> {
        match &self.mode {
            ReviewMode::Tagging(q) => Some(q),
            _ => None,
        }
    }

    /// How many notes still have no tag.
    pub fn untagged(&self) -> usize {
        self.session.notes.iter().filter(|n| n.tags.is_empty()).count()
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.message = None;
        match (&mut self.mode, action) {
            (ReviewMode::Browse, action) => self.browse(action),
            (ReviewMode::Edit { .. }, Action::CommitNote) => self.finish_edit(),
            (ReviewMode::Edit { .. }, Action::Back) => {
                self.mode = ReviewMode::Browse;
                vec![]
            }
            (ReviewMode::Edit { input, .. }, action) => {
                edit_text(input, action);
                vec![]
            }
            (ReviewMode::Kind, Action::SetKind(kind)) => {
                self.mode = ReviewMode::Browse;
                let Some(i) = self.selected_note() else { return vec![] };
                let mut note = self.session.notes[i].clone();
                note.kind = kind;
                vec![self.change(i, note)]
            }
            (ReviewMode::Kind, _) => {
                self.mode = ReviewMode::Browse;
                vec![]
            }
            (ReviewMode::Tagging(_), action) => self.tagging(action),
            (ReviewMode::Transcript, action) => self.transcript_focused(action),
            (ReviewMode::Import { .. }, action) => self.import_prompt(action),
            (ReviewMode::Rename { .. }, action) => self.rename_key(action),
        }
    }

    fn browse(&mut self, action: Action) -> Vec<Effect> {
        let count = self.session.notes.len();
        if let Some(row) = super::list::moved(self.selected, count, &action) {
            self.selected = row;
            return vec![];
        }
        if let Some(effects) = self.transcript_key(&action) {
            return effects;
        }
        match action {
            Action::EditNote => {
                if let Some(i) = self.selected_note() {
                    let n = &self.session.notes[i];
                    let input = TextInput::with_text(&n.as_typed());
                    self.mode = ReviewMode::Edit { index: i, input };
                }
            }
            Action::DeleteNote => {
                if let Some(index) = self.selected_note() {
                    self.undo.push(Undo::Deleted { index, note: self.session.notes[index].clone() });
                    let effect = self.persist(Op::Remove { index });
                    self.selected = self.selected.min(self.session.notes.len().saturating_sub(1));
                    self.message = Some("Note deleted. {undo} brings it back.".into());
                    return vec![effect];
                }
            }
            Action::Undo => return self.undo(),
            Action::ChangeKind if self.selected_note().is_some() => self.mode = ReviewMode::Kind,
            Action::QuickTag => {
                if count == 0 {
                    self.message = Some("No notes to tag.".into());
                } else {
                    self.start_tagging();
                }
            }
            Action::ToggleDone => {
                let Some(i) = self.selected_note() else { return vec![] };
                let mut note = self.session.notes[i].clone();
                if note.kind != Kind::Followup {
                    self.message = Some("Only follow-ups (notes marked ?) can be done.".into());
                    return vec![];
                }
                note.done = !note.done;
                return vec![self.change(i, note)];
            }
            Action::ToggleStar => {
                if let Some(i) = self.selected_note() {
                    return vec![self.toggle_star(i)];
                }
            }
            Action::ToggleThanked | Action::ToggleShared => {
                let mut w: Wrapup = self.session.wrapup.clone();
                if action == Action::ToggleThanked {
                    w.thanked = !w.thanked;
                } else {
                    w.shared = !w.shared;
                }
                return vec![self.persist(Op::Wrapup { wrapup: w })];
            }
            Action::RenameParticipant => self.start_rename(),
            Action::EditSummary => {
                let text = self.session.summary.clone().unwrap_or_else(crate::domain::session::summary::template);
                return vec![Effect::EditExternally { target: EditTarget::Summary, text }];
            }
            Action::EditInEditor => {
                if let Some(i) = self.selected_note() {
                    let n = &self.session.notes[i];
                    let text = n.as_typed();
                    return vec![Effect::EditExternally { target: EditTarget::Note(i), text }];
                }
            }
            Action::Export => return vec![Effect::Export { clipboard: false }],
            Action::CopySnapshot => return vec![Effect::Export { clipboard: true }],
            Action::ResumeLive => return vec![Effect::Close, Effect::Load(self.path.clone())],
            Action::Back | Action::Quit => return vec![Effect::GoHome],
            _ => {}
        }
        vec![]
    }

    fn finish_edit(&mut self) -> Vec<Effect> {
        let ReviewMode::Edit { index, input } = &self.mode else { return vec![] };
        let index = *index;
        let Some(note) = self.session.notes[index].retyped(input.text()) else {
            self.message = Some(
                "A note needs words (tags alone are not saved): {back} cancels, {delete-note} deletes a note.".into(),
            );
            return vec![];
        };
        self.mode = ReviewMode::Browse;
        vec![self.change(index, note)]
    }

    /// Stars note `index` as key evidence, or takes the star off: a change
    /// like any other, so it is journaled and undone the same way.
    pub(super) fn toggle_star(&mut self, index: usize) -> Effect {
        let mut note = self.session.notes[index].clone();
        note.starred = !note.starred;
        self.message =
            Some(if note.starred { "Starred: key evidence, shown first in reports." } else { "Star removed." }.into());
        self.change(index, note)
    }

    /// Replaces a note, remembering the old one for undo.
    pub(super) fn change(&mut self, index: usize, note: Note) -> Effect {
        self.undo.push(Undo::Changed { index, before: self.session.notes[index].clone() });
        self.persist(Op::Replace { index, note })
    }

    pub(super) fn undo(&mut self) -> Vec<Effect> {
        let Some(op) = self.undo.pop() else {
            self.message = Some("Nothing to undo.".into());
            return vec![];
        };
        self.message = Some("Undone.".into());
        vec![self.persist(op.into_op(self.session.notes.len()))]
    }

    fn persist(&mut self, op: Op) -> Effect {
        let effect = self.save.persist(&mut self.session, op).unwrap_or_else(|e| {
            self.message = Some(e);
            Effect::Flush
        });
        // Notes or the offset changed: the quote marks follow.
        self.transcript.refresh(&self.session);
        effect
    }

    /// For the transcript pane: a change journaled like the view's own.
    pub(super) fn persist_op(&mut self, op: Op) -> Effect {
        self.persist(op)
    }

    /// For the transcript pane: a note replaced, undoable.
    pub(super) fn change_note(&mut self, index: usize, note: Note) -> Effect {
        self.change(index, note)
    }

    /// For the transcript pane: the steps undo walks back.
    pub(super) fn undo_stack(&mut self) -> &mut Vec<Undo> {
        &mut self.undo
    }

    /// A note came back from the editor: read like typed input (marker, #tags).
    pub fn set_note_text(&mut self, index: usize, text: &str) -> Vec<Effect> {
        saving::set_note_text(self, index, text)
    }

    /// The summary came back from the editor.
    pub fn set_summary(&mut self, text: String) -> Effect {
        let text = crate::domain::session::summary::from_edited(&text);
        self.persist(Op::Summary { text })
    }

    pub fn on_reply(&mut self, reply: Reply) {
        self.save.on_reply(reply, &mut self.session, &mut self.path);
    }
}

impl NoteChanges for Review {
    fn notes(&self) -> &[Note] {
        &self.session.notes
    }

    fn replace_note(&mut self, index: usize, note: Note) -> Vec<Effect> {
        vec![self.change(index, note)]
    }

    fn tell(&mut self, message: String) {
        self.message = Some(message);
    }
}
