//! The model of the whole app and its one entry point, `update`: an action
//! and the current time in, effects out. No I/O happens here, so every key
//! path can be tested without a terminal or a disk.

pub mod capture;
pub mod home;

use crate::action::Action;
use crate::domain::guide::Guide;
use crate::domain::op::Op;
use crate::domain::session::{self, Participant, Session};
use crate::keymap::Mode;
use crate::store::library::{Library, SessionInfo, Summary};
use crate::store::recovery::Pending;
use crate::store::writer::Reply;
use capture::{Capture, edit_text};
use chrono::{DateTime, FixedOffset};
use home::{Field, Home, NewForm};
use std::path::PathBuf;

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
    /// Back to the library (handled inside `update`; never leaves it).
    GoHome,
    /// Leave the app once pending saves are done.
    Quit,
}

/// A guide offered in the new-interview form.
#[derive(Debug, Clone)]
pub struct GuideChoice {
    pub name: String,
    pub guide: Result<Guide, String>,
}

pub enum Screen {
    Home(Home),
    Capture(Box<Capture>),
    /// Journals left by a crash, offered back before anything else.
    Recovery(Vec<Pending>),
}

pub struct App {
    pub now: DateTime<FixedOffset>,
    pub screen: Screen,
    pub library: Library,
    pub guides: Vec<GuideChoice>,
    pub sessions_dir: PathBuf,
    pub default_guide: String,
    pub help: bool,
    pub message: Option<String>,
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
            screen: Screen::Home(Home::default()),
            library,
            guides,
            sessions_dir,
            default_guide: default_guide.to_string(),
            help: false,
            message: None,
        }
    }

    pub fn mode(&self) -> Mode {
        if self.help {
            return Mode::Help;
        }
        self.mode_under_help()
    }

    /// The mode under the help overlay, which the overlay describes.
    pub fn mode_under_help(&self) -> Mode {
        match &self.screen {
            Screen::Home(h) if h.form.is_some() => Mode::NewForm,
            Screen::Home(_) => Mode::Home,
            Screen::Capture(c) => c.mode(),
            Screen::Recovery(_) => Mode::Recovery,
        }
    }

    /// Shows the recovery screen first when journals hold unsaved changes.
    pub fn offer_recovery(&mut self, pending: Vec<Pending>) {
        if !pending.is_empty() {
            self.screen = Screen::Recovery(pending);
        }
    }

    /// After recovery ran: the refreshed library and what happened.
    pub fn recovered(&mut self, library: Library, report: String) {
        self.library = library;
        self.screen = Screen::Home(Home::default());
        self.message = Some(report);
    }

    pub fn capture(&self) -> Option<&Capture> {
        match &self.screen {
            Screen::Capture(c) => Some(c),
            _ => None,
        }
    }

    /// Opens the live screen on a session read from disk (`resume`, or
    /// chosen in the library). The effect starts its journal.
    pub fn open_capture(&mut self, session: Session, guide: Guide, path: PathBuf) -> Effect {
        let tags = self.library.tag_counts();
        let capture = Capture::new(session, guide, path, &tags, self.now);
        let effect =
            Effect::Begin { path: capture.path.clone(), session: Box::new(capture.session.clone()), fresh: false };
        self.screen = Screen::Capture(Box::new(capture));
        effect
    }

    /// The session could not be opened for writing (locked elsewhere, say).
    pub fn open_failed(&mut self, message: String) {
        self.screen = Screen::Home(Home::default());
        self.message = Some(message);
    }

    /// A new session from a guide and a participant; the effect writes it at once
    /// so the interview exists on disk before the first note.
    pub fn start_session(&mut self, guide: Guide, participant: Participant) -> Effect {
        let id = session::make_id(self.now, &participant.name, |id| {
            self.library.ids().any(|x| x == id) || crate::paths::session_file_in(&self.sessions_dir, id).exists()
        });
        let started = capture::whole_seconds(self.now);
        let s = Session::new(id.clone(), &guide.name, &guide.title, participant, started);
        let path = crate::paths::session_file_in(&self.sessions_dir, &id);
        match self.open_capture(s, guide, path) {
            Effect::Begin { path, session, .. } => Effect::Begin { path, session, fresh: true },
            other => other,
        }
    }

    pub fn update(&mut self, action: Action, now: DateTime<FixedOffset>) -> Vec<Effect> {
        self.now = now;
        if action == Action::ToggleHelp {
            self.help = !self.help;
            return vec![];
        }
        if self.help {
            return vec![];
        }
        if action != Action::Tick {
            self.message = None;
        }
        let effects = match &mut self.screen {
            Screen::Capture(c) => c.update(action, now),
            Screen::Home(_) => self.update_home(action),
            Screen::Recovery(_) => match action {
                Action::Recover => vec![Effect::Recover],
                Action::Back => {
                    self.screen = Screen::Home(Home::default());
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
                    self.go_home();
                    out.push(Effect::Close);
                }
                other => out.push(other),
            }
        }
        out
    }

    /// The writer reports on a session.
    pub fn on_reply(&mut self, reply: Reply) {
        let path = match &reply {
            Reply::Durable { path, .. }
            | Reply::Written { path }
            | Reply::Failed { path, .. }
            | Reply::Closed { path }
            | Reply::Redirected { from: path, .. } => path.clone(),
        };
        match &mut self.screen {
            Screen::Capture(c) if c.path == path => c.on_reply(reply),
            _ => {
                if let Reply::Failed { error, .. } = reply {
                    self.message = Some(format!("Save failed: {error}"));
                }
            }
        }
    }

    fn go_home(&mut self) {
        if let Screen::Capture(c) = &self.screen {
            // Refresh the library row from memory: no need to read the file back.
            let summary = Summary {
                id: c.session.id.clone(),
                path: c.path.clone(),
                info: Ok(SessionInfo::of(&c.session)),
                journal: false,
            };
            self.library.sessions.retain(|s| s.id != summary.id);
            self.library.sessions.insert(0, summary);
        }
        self.screen = Screen::Home(Home::default());
    }

    fn default_guide_index(&self) -> usize {
        self.guides.iter().position(|g| g.name == self.default_guide).unwrap_or(0)
    }

    fn update_home(&mut self, action: Action) -> Vec<Effect> {
        let default_guide = self.default_guide_index();
        let guide_count = self.guides.len();
        let Screen::Home(home) = &mut self.screen else { return vec![] };
        if let Some(form) = &mut home.form {
            match action {
                Action::Back => home.form = None,
                Action::Quit => return vec![Effect::Quit],
                Action::NextField => form.cycle(true),
                Action::PrevField => form.cycle(false),
                Action::MoveUp if form.field == Field::Guide => form.guide = form.guide.saturating_sub(1),
                Action::MoveDown if form.field == Field::Guide => {
                    form.guide = (form.guide + 1).min(guide_count.saturating_sub(1));
                }
                Action::MoveUp => form.cycle(false),
                Action::MoveDown => form.cycle(true),
                Action::StartInterview => return self.start_from_form(),
                other => {
                    if let Some(input) = form.input_mut() {
                        edit_text(input, other);
                    }
                }
            }
            return vec![];
        }
        let count = self.library.sessions.len();
        match action {
            Action::MoveUp => home.selected = home.selected.saturating_sub(1),
            Action::MoveDown => home.selected = (home.selected + 1).min(count.saturating_sub(1)),
            Action::NewInterview => home.form = Some(NewForm::new(default_guide)),
            Action::OpenSession => {
                if let Some(s) = self.library.sessions.get(home.selected) {
                    match &s.info {
                        Ok(_) => return vec![Effect::Load(s.path.clone())],
                        Err(e) => self.message = Some(format!("Cannot open: {e}")),
                    }
                }
            }
            Action::Quit => return vec![Effect::Quit],
            _ => {}
        }
        vec![]
    }

    fn start_from_form(&mut self) -> Vec<Effect> {
        let Screen::Home(Home { form: Some(form), .. }) = &mut self.screen else { return vec![] };
        let text = |t: &crate::text_input::TextInput| Some(t.text().trim().to_string()).filter(|s| !s.is_empty());
        let Some(name) = text(&form.participant) else {
            form.error = Some("Type the participant's name first.".into());
            form.field = Field::Participant;
            return vec![];
        };
        let guide = match self.guides.get(form.guide).map(|g| &g.guide) {
            Some(Ok(g)) => g.clone(),
            Some(Err(e)) => {
                form.error = Some(format!("This guide cannot be used: {e}"));
                form.field = Field::Guide;
                return vec![];
            }
            None => {
                form.error = Some("No guide to choose from.".into());
                return vec![];
            }
        };
        let participant = Participant {
            name,
            company: text(&form.company),
            role: text(&form.role),
            segment: text(&form.segment),
            extra: Default::default(),
        };
        vec![self.start_session(guide, participant)]
    }
}

#[cfg(test)]
mod tests;
