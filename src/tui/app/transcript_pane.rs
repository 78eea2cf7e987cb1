//! The session view's transcript pane: what was said around the selected
//! note's moment on the recording, walked line by line; selected lines made
//! into a verbatim quote note or put in place of a paraphrased quote; the
//! clock offset nudged; a transcript imported. Pure like the rest of the
//! view: every change is an `Op` for the writer.
//!
//! Clocks: a note's moment on the recording is its `at` plus the offset,
//! for notes of the first sitting only (a later sitting is another call,
//! which this recording does not hold).

use super::Effect;
use super::capture::edit_text;
use super::review::{Review, ReviewMode};
use super::saving::Undo;
use crate::analysis::transcript::align::LAG;
use crate::analysis::transcript::quotes::{self, Verdict};
use crate::analysis::transcript::words::words;
use crate::domain::note::Kind;
use crate::domain::op::Op;
use crate::domain::session::{Note, Offset, Session};
use crate::domain::transcript::{ClockOffset, Transcript, TranscriptLink};
use crate::tui::action::Action;
use crate::tui::text_input::TextInput;
use std::path::PathBuf;

/// The pane's state, kept in the session view.
#[derive(Debug, Clone, Default)]
pub struct TranscriptPane {
    /// `None`: the session has no transcript. `Some(Err)`: it could not be
    /// read, and the pane says why.
    pub loaded: Option<Result<Transcript, String>>,
    pub shown: bool,
    /// While walking: the highlighted line (a cue index) and the other end
    /// of the selection (equal when one line is selected).
    pub cursor: usize,
    pub anchor: usize,
    /// Per note of the session: the quote check's verdict for quotes of the
    /// first sitting (`None` for every other note). Computed when the
    /// transcript, the offset or a note changes, never per keystroke.
    pub verdicts: Vec<Option<Verdict>>,
}

impl TranscriptPane {
    /// The transcript, when it was read.
    pub fn transcript(&self) -> Option<&Transcript> {
        self.loaded.as_ref().and_then(|l| l.as_ref().ok())
    }

    /// The selected lines, first to last.
    pub fn selection(&self) -> std::ops::RangeInclusive<usize> {
        self.cursor.min(self.anchor)..=self.cursor.max(self.anchor)
    }

    /// Checks every quote again against the transcript at the session's offset.
    pub fn refresh(&mut self, session: &Session) {
        let offset = offset_of(session);
        self.verdicts = match self.transcript() {
            Some(t) => session
                .notes
                .iter()
                .map(|n| {
                    (n.kind == Kind::Quote && n.sitting_number() == 1)
                        .then(|| quotes::check(&n.text, n.at.0 as f64, offset, t))
                })
                .collect(),
            None => Vec::new(),
        };
    }

    /// The verdict on note `index`, if it is a checked quote.
    pub fn verdict(&self, index: usize) -> Option<&Verdict> {
        self.verdicts.get(index).and_then(Option::as_ref)
    }
}

/// Seconds added to the interview clock to reach the recording's.
pub fn offset_of(session: &Session) -> f64 {
    session.transcript.as_ref().map_or(0.0, |l| l.offset.0 as f64)
}

/// Where a note falls on the recording, or `None` for a note of a later
/// sitting (another call).
pub fn moment(session: &Session, note: &Note) -> Option<f64> {
    (note.sitting_number() == 1).then(|| note.at.0 as f64 + offset_of(session))
}

/// The cue nearest a moment on the recording: one being spoken then, else
/// the one that ends or starts closest to it (the earlier on a tie).
pub fn nearest_cue(t: &Transcript, moment: f64) -> Option<usize> {
    let distance = |i: usize| {
        let c = &t.cues[i];
        if c.start <= moment && moment <= c.end { 0.0 } else { (c.start - moment).abs().min((c.end - moment).abs()) }
    };
    (0..t.cues.len()).min_by(|a, b| distance(*a).total_cmp(&distance(*b)))
}

/// A moment on the recording back on the interview clock (never before its start).
pub fn interview_time(recording: f64, offset: ClockOffset) -> Offset {
    Offset((recording - offset.0 as f64).round().max(0.0) as u32)
}

impl Review {
    /// Attaches what was read of the session's transcript when it was
    /// opened (`None`: it has none). The pane shows when there is one.
    pub fn set_transcript(&mut self, loaded: Option<Result<Transcript, String>>) {
        self.transcript.shown = loaded.is_some();
        self.transcript.loaded = loaded;
        self.transcript.refresh(&self.session);
    }

    /// The line nearest the selected note on the recording, when it has one.
    pub fn nearest_line(&self) -> Option<usize> {
        let t = self.transcript.transcript()?;
        let note = &self.session.notes[self.selected_note()?];
        // A note is typed a few seconds after the words it records.
        nearest_cue(t, moment(&self.session, note)? - LAG)
    }

    /// Opens the pane focused on the line said at `seconds` on the
    /// recording, with the note nearest that moment selected (a search hit
    /// on a transcript line lands here).
    pub fn focus_transcript_at(&mut self, seconds: f64) {
        let Some(t) = self.transcript.transcript() else { return };
        let Some(cue) = nearest_cue(t, seconds) else { return };
        let order = self.order();
        let closest = order
            .iter()
            .enumerate()
            .filter_map(|(pos, i)| moment(&self.session, &self.session.notes[*i]).map(|m| (pos, (m - seconds).abs())))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((pos, _)) = closest {
            self.selected = pos;
        }
        self.walk_from(cue);
    }

    fn walk_from(&mut self, cue: usize) {
        self.transcript.shown = true;
        self.transcript.cursor = cue;
        self.transcript.anchor = cue;
        self.mode = ReviewMode::Transcript;
    }

    /// The pane's keys while the notes have the focus; `None` for other keys.
    pub(super) fn transcript_key(&mut self, action: &Action) -> Option<Vec<Effect>> {
        match action {
            Action::ToggleTranscript => {
                self.transcript.shown = !self.transcript.shown;
                if self.transcript.shown && self.transcript.loaded.is_none() {
                    self.message = Some("No transcript yet: {import-transcript} imports the call's.".into());
                }
            }
            Action::FocusTranscript => self.focus(),
            Action::NudgeOffset(delta) => return Some(self.nudge(*delta)),
            Action::ImportTranscript => {
                self.mode = ReviewMode::Import { input: TextInput::default() };
            }
            _ => return None,
        }
        Some(vec![])
    }

    /// Into the pane: on the line a quote's check found, else the nearest.
    fn focus(&mut self) {
        let Some(t) = self.transcript.transcript() else {
            self.transcript.shown = true;
            self.message = Some(match &self.transcript.loaded {
                Some(Err(_)) => "The transcript could not be read (see the pane).".into(),
                _ => "No transcript yet: {import-transcript} imports the call's.".into(),
            });
            return;
        };
        let last = t.cues.len().saturating_sub(1);
        let quote = self.selected_note().filter(|i| self.session.notes[*i].kind == Kind::Quote);
        let checked = quote.and_then(|i| self.transcript.verdict(i)).and_then(Verdict::cue);
        let lines = match (quote, checked) {
            (Some(i), Some(cue)) => said_lines(t, &self.session.notes[i].text, cue),
            _ => {
                let cue = self.nearest_line().unwrap_or(0).min(last);
                cue..=cue
            }
        };
        self.walk_from(*lines.start());
        // The selection covers every line of the quote, the cursor on its last.
        self.transcript.cursor = *lines.end();
    }

    /// The pane's keys while it has the focus.
    pub(super) fn transcript_focused(&mut self, action: Action) -> Vec<Effect> {
        let last = self.transcript.transcript().map_or(0, |t| t.cues.len().saturating_sub(1));
        let pane = &mut self.transcript;
        match action {
            Action::MoveUp | Action::MoveDown | Action::PageUp | Action::PageDown => {
                pane.cursor = super::list::moved(pane.cursor, last + 1, &action).unwrap_or(pane.cursor);
                pane.anchor = pane.cursor;
            }
            Action::ExtendUp => pane.cursor = pane.cursor.saturating_sub(1),
            Action::ExtendDown => pane.cursor = (pane.cursor + 1).min(last),
            Action::QuoteFromTranscript => return self.quote_from_selection(),
            Action::ReplaceFromTranscript => return self.replace_from_selection(),
            Action::NudgeOffset(delta) => return self.nudge(delta),
            Action::Undo => return self.undo(),
            Action::ToggleTranscript => {
                pane.shown = false;
                self.mode = ReviewMode::Browse;
            }
            Action::Back => self.mode = ReviewMode::Browse,
            _ => {}
        }
        vec![]
    }

    /// The selected lines' words, joined, and when the first was said.
    fn selected_words(&self) -> Option<(String, f64)> {
        let t = self.transcript.transcript()?;
        let cues = t.cues.get(self.transcript.selection())?;
        let text = cues.iter().map(|c| c.text.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
        (!text.is_empty()).then(|| (text, cues[0].start))
    }

    /// The selected lines as a new quote note, in time order among the
    /// first sitting's notes, on the question the notes before it were on.
    fn quote_from_selection(&mut self) -> Vec<Effect> {
        let Some((text, said)) = self.selected_words() else {
            self.message = Some("No words on the selected lines.".into());
            return vec![];
        };
        let offset = self.session.transcript.as_ref().map(|l| l.offset).unwrap_or_default();
        let at = interview_time(said, offset);
        let index = insertion_index(&self.session, at);
        let note = Note {
            at,
            sitting: None,
            text,
            kind: Kind::Quote,
            question: question_then(&self.session, index),
            tags: Vec::new(),
            done: false,
            starred: false,
            from_transcript: true,
            typed: None,
            extra: Default::default(),
        };
        self.undo_stack().push(Undo::Inserted { index });
        let effect = self.persist_op(Op::Insert { index, note });
        self.select_note(index);
        self.message = Some(format!("Quote added at {at}, in the participant's words. {{undo}} takes it back."));
        vec![effect]
    }

    /// Puts the selected lines' words in place of the selected quote's,
    /// keeping what was typed (`typed:`) the first time.
    fn replace_from_selection(&mut self) -> Vec<Effect> {
        let Some(i) = self.selected_note() else { return vec![] };
        if self.session.notes[i].kind != Kind::Quote {
            self.message = Some("Only a quote's words are replaced: select a quote note first.".into());
            return vec![];
        }
        let Some((text, _)) = self.selected_words() else {
            self.message = Some("No words on the selected lines.".into());
            return vec![];
        };
        let mut note = self.session.notes[i].clone();
        if note.text == text {
            self.message = Some("The quote already says exactly that.".into());
            return vec![];
        }
        note.typed = note.typed.take().or_else(|| Some(note.text.clone()));
        note.text = text;
        note.from_transcript = true;
        self.message = Some("Quote replaced by the words said (what you typed is kept). {undo} restores it.".into());
        vec![self.change_note(i, note)]
    }

    /// Moves the transcript's offset by `delta` seconds, saved at once.
    fn nudge(&mut self, delta: i64) -> Vec<Effect> {
        let Some(link) = &self.session.transcript else {
            self.message = Some("No transcript to align: {import-transcript} imports one.".into());
            return vec![];
        };
        let link = TranscriptLink { offset: ClockOffset(link.offset.0 + delta), ..link.clone() };
        self.message = Some(format!("Transcript offset {}.", link.offset));
        vec![self.persist_op(Op::Transcript { link: Some(link) })]
    }

    /// The import prompt's keys.
    pub(super) fn import_prompt(&mut self, action: Action) -> Vec<Effect> {
        let ReviewMode::Import { input } = &mut self.mode else { return vec![] };
        match action {
            Action::Back => self.mode = ReviewMode::Browse,
            Action::CommitNote => {
                let typed = input.text().trim().trim_matches(['"', '\'']).trim().to_string();
                if typed.is_empty() {
                    self.message = Some("Type the path of the transcript file (.vtt, .srt, .txt).".into());
                    return vec![];
                }
                self.mode = ReviewMode::Browse;
                self.message = Some("Importing the transcript…".into());
                return vec![Effect::ImportTranscript {
                    session_path: self.path.clone(),
                    file: PathBuf::from(typed),
                    session: Box::new(self.session.clone()),
                }];
            }
            other => edit_text(input, other),
        }
        vec![]
    }

    /// An import finished: the session records its link through the
    /// writer, and the pane shows it.
    pub fn transcript_imported(&mut self, imported: crate::store::transcripts::Imported) -> Vec<Effect> {
        let crate::store::transcripts::Imported { transcript, link, found, .. } = imported;
        let cues = transcript.cues.len();
        self.transcript.loaded = Some(Ok(transcript));
        self.transcript.shown = true;
        let offset = link.offset;
        let effect = self.persist_op(Op::Transcript { link: Some(link) });
        self.message = Some(if found.matched_notes == 0 {
            format!(
                "Transcript attached ({cues} lines). No note matched what was said: {{offset-back-10}}/{{offset-forward-10}} {{offset-back-1}}/{{offset-forward-1}} set the offset."
            )
        } else {
            format!(
                "Transcript attached ({cues} lines), offset {offset} from {} note(s), {:.0}% sure ({{offset-back-1}}/{{offset-forward-1}} nudge it).",
                found.matched_notes,
                found.confidence * 100.0
            )
        });
        vec![effect]
    }
}

/// The lines that say a quote the check found starting in cue `from`: the
/// check starts at the first word in common, which may be a stray word of
/// the line before, so the best line is the one of the next few holding
/// most of the quote's words; then the lines after it whose words are
/// mostly the quote's (a quote said over several lines).
fn said_lines(t: &Transcript, quote: &str, from: usize) -> std::ops::RangeInclusive<usize> {
    let quote = words(quote);
    let shared = |i: usize| {
        let said = words(&t.cues[i].text);
        let common = said.iter().filter(|w| quote.contains(w)).count();
        (common, said.len())
    };
    let last = (from + LOOK_AHEAD).min(t.cues.len().saturating_sub(1));
    let best = (from..=last).max_by_key(|i| (shared(*i).0, std::cmp::Reverse(*i))).unwrap_or(from);
    let mostly_quote = |i: usize| {
        let (common, len) = shared(i);
        len > 0 && common * 2 >= len
    };
    let mut start = best;
    while start > from && mostly_quote(start - 1) {
        start -= 1;
    }
    let mut end = best;
    while end + 1 < t.cues.len() && mostly_quote(end + 1) {
        end += 1;
    }
    start..=end
}

/// How many lines after the check's first one the quote may truly start.
const LOOK_AHEAD: usize = 3;

/// Where a note taken at `at` in the first sitting goes: after every note
/// of the first sitting at or before it, before the later sittings' notes.
pub fn insertion_index(session: &Session, at: Offset) -> usize {
    session.notes.iter().position(|n| n.sitting_number() > 1 || n.at > at).unwrap_or(session.notes.len())
}

/// The guide question current at a new note's place: that of the note
/// before it (the notes around a moment are on the question asked then),
/// else of the note after it.
fn question_then(session: &Session, index: usize) -> Option<String> {
    let before = index.checked_sub(1).and_then(|i| session.notes.get(i)).and_then(|n| n.question.clone());
    before.or_else(|| session.notes.get(index).and_then(|n| n.question.clone()))
}

impl super::App {
    /// The transcript read when the session view was opened; a jump to a
    /// moment on the recording (`jump_transcript`) lands there.
    pub fn review_transcript(&mut self, loaded: Option<Result<Transcript, String>>) {
        let jump = self.jump_transcript.take();
        if let super::Screen::Review(r) = &mut self.screen {
            r.set_transcript(loaded);
            if let Some(seconds) = jump {
                r.focus_transcript_at(seconds);
            }
        }
    }

    /// An import finished; it reaches the session view only if the same
    /// session is still open there.
    pub fn transcript_imported(
        &mut self,
        session_path: &std::path::Path,
        imported: crate::store::transcripts::Imported,
    ) -> Vec<Effect> {
        match &mut self.screen {
            super::Screen::Review(r) if r.path == session_path => {
                let effects = r.transcript_imported(imported);
                // What was found stays in the footer until the next key (the
                // view's own messages go with the next tick).
                self.message = r.message.take();
                effects
            }
            _ => {
                self.message = Some("Transcript read, but its session was closed meanwhile: import it again.".into());
                vec![]
            }
        }
    }
}
