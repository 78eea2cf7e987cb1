//! The model of the whole app and its one entry point, `update`: an action
//! and the current time in, effects out. No I/O happens here, so every key
//! path can be tested without a terminal or a disk.
//!
//! This file holds the app's state and `update`, which hands each action to
//! the screen showing; moving between screens is in `navigate.rs`, what the
//! main loop reports back (writer replies, loaded data) in `replies.rs`, and
//! each screen's keys in its own file.

pub mod capture;
pub mod codebook_tags;
pub mod followups;
pub mod home;
pub mod library_view;
pub mod list;
mod navigate;
mod quick_tag;
mod rename;
mod replies;
pub mod review;
pub mod roster_pick;
pub mod saving;
pub mod segment_pick;
pub mod study;
pub mod synthesis;
pub mod tags;
pub mod transcript_pane;

use crate::domain::guide::Guide;
use crate::domain::op::Op;
use crate::domain::session::Session;
use crate::store::library::Library;
use crate::store::recovery::Pending;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use capture::Capture;
use chrono::{DateTime, FixedOffset};
use home::Home;
use review::Review;
use std::path::PathBuf;
use synthesis::{Outcome, SynthScreen};

// The test modules read these through `use super::*`.
#[cfg(test)]
use {crate::domain::session::Participant, crate::store::writer::Reply};

/// Something for the main loop to do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Journal this change; the model has applied it already.
    Persist { rev: u64, op: Box<Op> },
    /// Start writing this session: lock it and start its journal
    /// (`fresh`: it is not on disk yet, write it now).
    Begin { path: PathBuf, session: Box<Session>, fresh: bool },
    /// Rewrite the session's YAML now.
    Flush,
    /// Done with the open session: YAML complete, journal dropped, lock released.
    Close,
    /// Load this session from disk and open it in the live screen.
    Load(PathBuf),
    /// Apply the journals listed on the recovery screen.
    Recover,
    /// Load this session into the session view.
    Review(PathBuf),
    /// Load this session straight into quick tagging; `rest` are the sessions after it.
    TagSession { path: PathBuf, rest: Vec<PathBuf> },
    /// Hand text to the user's editor; the result comes back through `text_edited`.
    EditExternally { target: EditTarget, text: String },
    /// Write the Markdown snapshot of the open session to the exports folder (or the clipboard).
    Export { clipboard: bool },
    /// Mark a follow-up done in a session that is not open.
    SetDone { path: PathBuf, index: usize, done: bool },
    /// Star a note (or unstar it) in a session that is not open, from the synthesis.
    SetStarred(synthesis::StarChange),
    /// Read the library for the synthesis screen (in the background); the
    /// answer carries `load` back.
    LoadSynthesis { load: u64 },
    /// Write the synthesis report to the exports folder (or the clipboard).
    ExportReport { clipboard: bool },
    /// Run the synthesis (or its search) on the worker thread; the answer
    /// comes back through `synthesis_computed`.
    Synthesize(Box<synthesis::Job>),
    /// Import the transcript export `file` for the open session (off the
    /// UI thread); `session` is its notes as they are now, to align to.
    ImportTranscript { session_path: PathBuf, file: PathBuf, session: Box<Session> },
    /// Back to the library (handled inside `update`; never leaves it).
    GoHome,
    /// Read the study `name` (or the one found) and compute it for the
    /// study screen, off the UI thread; the answer carries `load` back.
    LoadStudy { load: u64, name: Option<String> },
    /// Leave the app once pending saves are done.
    Quit,
    /// Give the terminal back to the shell and stop until resumed (`fg`).
    Suspend,
    /// Read the roster for the new-interview form (off the UI thread); the
    /// answer comes back through `roster_loaded`.
    LoadRoster,
}

/// What text handed to `$EDITOR` belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditTarget {
    /// The session's summary (key takeaways).
    Summary,
    /// A note, by its index in the session.
    Note(usize),
}

/// A guide offered in the new-interview form.
#[derive(Debug, Clone)]
pub struct GuideChoice {
    pub name: String,
    pub guide: Result<Guide, String>,
}

pub enum Screen {
    /// The library (its view settings live in `App::home`, so they survive a visit to a session).
    Home,
    Capture(Box<Capture>),
    /// Journals left by a crash, offered back before anything else.
    Recovery(Vec<Pending>),
    /// One session after the call.
    Review(Box<Review>),
    /// Every follow-up in the library, grouped by interview.
    Followups(Box<followups::FollowupsView>),
    /// What the library says across interviews.
    Synthesis(Box<SynthScreen>),
    /// The study around the interviews: recruiting, hypotheses, saturation, trends, personas.
    Study(Box<study::StudyScreen>),
}

/// The rows shown while the library is still being checked: the ids drawn
/// from the index (dropped when the checked library comes, which has its
/// own rows for them) and how many interviews the index holds.
#[derive(Debug, Clone, Default)]
pub struct LibraryPreview {
    pub ids: std::collections::HashSet<String>,
    pub total: usize,
}

pub struct App {
    pub now: DateTime<FixedOffset>,
    pub screen: Screen,
    /// The library's selection, filter, sort and the new-interview form.
    pub home: Home,
    pub library: Library,
    pub guides: Vec<GuideChoice>,
    pub sessions_dir: PathBuf,
    pub default_guide: String,
    pub help: bool,
    /// The first line of the help shown; the help scrolls when it is taller
    /// than the window.
    pub help_scroll: usize,
    /// How far the help can scroll and how many lines a page is, as last
    /// drawn (the view knows the window's height; the model does not).
    pub help_room: std::cell::Cell<(usize, usize)>,
    pub message: Option<String>,
    /// From the config: minutes before the planned end to remind about the closing question.
    pub closing_reminder_minutes: u32,
    /// Randomness for session ids, seeded by the caller (fixed in tests).
    pub nonce: u64,
    /// From the config: ask for consent before every new interview.
    pub require_consent: bool,
    /// The library is being read in the background; the table says so.
    pub library_loading: bool,
    /// While it is read: the rows drawn from the index's newest entries, not
    /// yet checked against their files, and how many the index holds.
    pub library_preview: Option<LibraryPreview>,
    /// The keys in effect. `update` never reads them (it gets actions); the
    /// main loop resolves keys with them and the views show them in help and hints.
    pub keymap: Keymap,
    /// The synthesis screen, kept while one of its notes is open in its
    /// session, to come back to.
    pub parked_synthesis: Option<Box<SynthScreen>>,
    /// The note to select in the next session opened (a jump from the synthesis).
    pub jump_note: Option<usize>,
    /// Walking the library's untagged notes (`t` in the library): each
    /// interview of the walk with its untagged notes when it began.
    pub tag_walk: Option<Vec<(PathBuf, usize)>>,
    /// The follow-ups list a session was opened from, to go back to.
    pub parked_followups: Option<Box<followups::FollowupsView>>,
    /// The moment on the recording (seconds) to open the next session's
    /// transcript pane at (a search hit on a transcript line).
    pub jump_transcript: Option<f64>,
    /// The library's codebook, read at start-up: meanings and aliases where tags are chosen.
    pub codebook: Option<std::sync::Arc<crate::domain::codebook::Codebook>>,
    /// Near-duplicate tags in the library (`tags lint`), counted off the UI thread.
    pub tag_near_duplicates: usize,
    /// `codebook: strict` in the config: ask before a tag the codebook does not know is created.
    pub codebook_strict: bool,
    /// Why `codebook.yaml` is not used when it exists but does not read
    /// (file, line, column), so no screen says there is none.
    pub codebook_problem: Option<String>,
}

impl App {
    pub fn new(
        library: Library,
        guides: Vec<GuideChoice>,
        sessions_dir: PathBuf,
        default_guide: &str,
        now: DateTime<FixedOffset>,
    ) -> App {
        App {
            now,
            screen: Screen::Home,
            home: Home::default(),
            library,
            guides,
            sessions_dir,
            default_guide: default_guide.to_string(),
            help: false,
            help_scroll: 0,
            help_room: std::cell::Cell::new((0, 1)),
            message: None,
            closing_reminder_minutes: 5,
            nonce: 0,
            require_consent: false,
            library_loading: false,
            library_preview: None,
            keymap: Keymap::default(),
            parked_synthesis: None,
            jump_note: None,
            tag_walk: None,
            parked_followups: None,
            jump_transcript: None,
            codebook: None,
            tag_near_duplicates: 0,
            codebook_strict: false,
            codebook_problem: None,
        }
    }

    pub fn mode(&self) -> Mode {
        if self.help {
            return Mode::Help;
        }
        self.mode_under_help()
    }

    /// The action for a key in the current mode. With the help open over a
    /// screen where text is typed (the live screen, a form), a typed
    /// character is typed there as if the help were not open: a PM who
    /// pressed F1 mid-call loses no word, and `q` or `?` in a sentence stays
    /// in the sentence.
    pub fn resolve_key(&self, key: crossterm::event::KeyEvent) -> Option<Action> {
        let under = self.mode_under_help();
        if self.help
            && under.takes_text()
            && let Some(typed @ Action::InsertChar(_)) = self.keymap.resolve(under, key)
        {
            return Some(typed);
        }
        self.keymap.resolve(self.mode(), key)
    }

    /// Scrolls the help a line or a page, within what the last frame showed.
    fn scroll_help(&mut self, action: &Action) {
        let (max, page) = self.help_room.get();
        let s = self.help_scroll.min(max);
        self.help_scroll = match action {
            Action::MoveUp => s.saturating_sub(1),
            Action::MoveDown => (s + 1).min(max),
            Action::PageUp => s.saturating_sub(page.max(1)),
            _ => (s + page.max(1)).min(max),
        };
    }

    /// Whether `action` is text for the field under the help overlay, which
    /// then closes to take it.
    fn typed_under_help(&self, action: &Action) -> bool {
        matches!(action, Action::InsertChar(_) | Action::Paste(_)) && self.mode_under_help().takes_text()
    }

    /// The mode under the help overlay, which the overlay describes.
    pub fn mode_under_help(&self) -> Mode {
        match &self.screen {
            Screen::Home if self.home.form.is_some() => Mode::NewForm,
            Screen::Home if self.home.view.filtering => Mode::HomeFilter,
            Screen::Home if self.home.view.picking.is_some() => Mode::Facet,
            Screen::Home => Mode::Home,
            Screen::Capture(c) => c.mode(),
            Screen::Recovery(_) => Mode::Recovery,
            Screen::Review(r) => r.mode(),
            Screen::Followups(v) if v.filtering => Mode::FollowupsFilter,
            Screen::Followups(_) => Mode::Followups,
            Screen::Synthesis(s) => s.mode(),
            Screen::Study(_) => Mode::Study,
        }
    }

    /// The save state of the open session's screen, if one is open.
    pub fn save_state_mut(&mut self) -> Option<&mut saving::SaveState> {
        match &mut self.screen {
            Screen::Capture(c) => Some(&mut c.save),
            Screen::Review(r) => Some(&mut r.save),
            _ => None,
        }
    }

    pub fn capture(&self) -> Option<&Capture> {
        match &self.screen {
            Screen::Capture(c) => Some(c),
            _ => None,
        }
    }

    /// The open session view, if any.
    pub fn review(&self) -> Option<&Review> {
        match &self.screen {
            Screen::Review(r) => Some(r),
            _ => None,
        }
    }

    /// The synthesis screen, if it is showing.
    pub fn synthesis(&self) -> Option<&SynthScreen> {
        match &self.screen {
            Screen::Synthesis(s) => Some(s),
            _ => None,
        }
    }

    pub fn update(&mut self, action: Action, now: DateTime<FixedOffset>) -> Vec<Effect> {
        self.now = now;
        // Whatever the screen: the writer keeps every change safe meanwhile.
        if action == Action::Suspend {
            return vec![Effect::Suspend];
        }
        if action == Action::ToggleHelp {
            self.help = !self.help;
            self.help_scroll = 0;
            return vec![];
        }
        if self.help {
            match action {
                Action::Back => {
                    self.help = false;
                    return vec![];
                }
                Action::MoveUp | Action::MoveDown | Action::PageUp | Action::PageDown => {
                    self.scroll_help(&action);
                    return vec![];
                }
                // Quitting works with the help open, as on the screen under it.
                Action::SaveAndQuit | Action::Quit => self.help = false,
                _ if self.typed_under_help(&action) => self.help = false,
                _ => return vec![],
            }
        }
        if action != Action::Tick {
            self.message = None;
        }
        // Everywhere but the live screen (which keeps its draft first), saving
        // and quitting is the same: the main loop closes the open session.
        if action == Action::SaveAndQuit && !matches!(self.screen, Screen::Capture(_)) {
            return vec![Effect::Quit];
        }
        let effects = match &mut self.screen {
            Screen::Capture(c) => c.update(action, now),
            Screen::Home if action == Action::OpenStudy => self.open_study(),
            Screen::Home => self.update_home(action),
            Screen::Review(r) => r.update(action),
            Screen::Followups(_) => self.update_followups(action),
            Screen::Synthesis(_) => self.update_synthesis(action),
            Screen::Study(_) => self.update_study(action),
            Screen::Recovery(_) => match action {
                Action::Recover => vec![Effect::Recover],
                Action::Back => {
                    self.screen = Screen::Home;
                    self.message = Some("Recovery postponed: the journals stay until you recover them.".into());
                    vec![]
                }
                Action::Quit => vec![Effect::Quit],
                _ => vec![],
            },
        };
        let mut out = Vec::with_capacity(effects.len());
        for effect in effects {
            match effect {
                Effect::GoHome => {
                    out.push(Effect::Close);
                    // The session may have changed while it was open.
                    if let Some(load) = self.go_home() {
                        out.push(Effect::LoadSynthesis { load });
                    }
                }
                other => out.push(other),
            }
        }
        out
    }

    fn update_synthesis(&mut self, action: Action) -> Vec<Effect> {
        let Screen::Synthesis(s) = &mut self.screen else { return vec![] };
        let outcome = s.update(action, self.now.date_naive());
        // A key never waits for the figures: what it asked runs on the worker.
        let job = s.take_job().map(|job| Effect::Synthesize(Box::new(job)));
        let mut effects = self.synthesis_outcome(outcome);
        effects.extend(job);
        effects
    }

    fn synthesis_outcome(&mut self, outcome: Outcome) -> Vec<Effect> {
        let Screen::Synthesis(s) = &mut self.screen else { return vec![] };
        match outcome {
            Outcome::None => vec![],
            Outcome::Leave => {
                self.screen = Screen::Home;
                self.jump_note = None;
                self.jump_transcript = None;
                vec![]
            }
            Outcome::Reload => vec![Effect::LoadSynthesis { load: s.request_load() }],
            Outcome::Export { clipboard } => vec![Effect::ExportReport { clipboard }],
            Outcome::Star(change) => vec![Effect::SetStarred(change)],
            Outcome::Open(jump) => {
                self.jump_note = jump.note;
                self.jump_transcript = jump.recording_secs.map(f64::from);
                self.message = Some("Opened from the synthesis: {back} goes back to it.".into());
                vec![Effect::Review(jump.path)]
            }
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod review_tests;

#[cfg(test)]
mod followups_tests;

#[cfg(test)]
mod transcript_pane_tests;
