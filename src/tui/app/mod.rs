//! The model of the whole app and its one entry point, `update`: an action
//! and the current time in, effects out. No I/O happens here, so every key
//! path can be tested without a terminal or a disk.

pub mod capture;
pub mod home;
pub mod list;
pub mod review;
pub mod saving;
pub mod synthesis;
pub mod tags;

use crate::domain::guide::Guide;
use crate::domain::op::Op;
use crate::domain::session::{self, Participant, Session};
use crate::store::library::{Library, SessionInfo, Summary};
use crate::store::recovery::Pending;
use crate::store::writer::Reply;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::text_input::TextInput;
use capture::{Capture, edit_text};
use chrono::{DateTime, FixedOffset};
use home::{Field, Home, NewForm};
use review::Review;
use std::path::PathBuf;
use synthesis::{Outcome, SynthData, SynthScreen};

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
    /// Back to the library (handled inside `update`; never leaves it).
    GoHome,
    /// Leave the app once pending saves are done.
    Quit,
    /// Give the terminal back to the shell and stop until resumed (`fg`).
    Suspend,
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
    /// Every follow-up in the library; the selected row.
    Followups(usize),
    /// What the library says across interviews.
    Synthesis(Box<SynthScreen>),
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
    pub message: Option<String>,
    /// From the config: minutes before the planned end to remind about the closing question.
    pub closing_reminder_minutes: u32,
    /// Randomness for session ids, seeded by the caller (fixed in tests).
    pub nonce: u64,
    /// From the config: ask for consent before every new interview.
    pub require_consent: bool,
    /// The library is being read in the background; the table says so.
    pub library_loading: bool,
    /// The keys in effect. `update` never reads them (it gets actions); the
    /// main loop resolves keys with them and the views show them in help and hints.
    pub keymap: Keymap,
    /// The synthesis screen, kept while one of its notes is open in its
    /// session, to come back to.
    pub parked_synthesis: Option<Box<SynthScreen>>,
    /// The note to select in the next session opened (a jump from the synthesis).
    pub jump_note: Option<usize>,
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
            message: None,
            closing_reminder_minutes: 5,
            nonce: 0,
            require_consent: false,
            library_loading: false,
            keymap: Keymap::default(),
            parked_synthesis: None,
            jump_note: None,
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
            Screen::Followups(_) => Mode::Followups,
            Screen::Synthesis(s) => s.mode(),
        }
    }

    /// Shows the recovery screen first when journals hold unsaved changes.
    pub fn offer_recovery(&mut self, pending: Vec<Pending>) {
        if !pending.is_empty() {
            self.screen = Screen::Recovery(pending);
        }
    }

    /// The background scan finished. Rows added since it started (a session
    /// begun meanwhile) are kept.
    pub fn library_loaded(&mut self, mut library: Library) {
        for row in std::mem::take(&mut self.library.sessions) {
            if !library.sessions.iter().any(|s| s.id == row.id) {
                library.sessions.insert(0, row);
            }
        }
        self.library = library;
        self.library_loading = false;
    }

    /// After recovery ran: the refreshed library and what happened.
    pub fn recovered(&mut self, library: Library, report: String) {
        self.library = library;
        self.screen = Screen::Home;
        self.message = Some(report);
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

    /// Opens the live screen on a session read from disk (`resume`, or
    /// chosen in the library). The effect starts its journal.
    pub fn open_capture(&mut self, session: Session, guide: Guide, path: PathBuf) -> Effect {
        let tags = self.library.tag_counts();
        let mut capture = Capture::new(session, guide, path, &tags, self.now);
        capture.reminder_minutes = self.closing_reminder_minutes;
        let effect =
            Effect::Begin { path: capture.path.clone(), session: Box::new(capture.session.clone()), fresh: false };
        self.screen = Screen::Capture(Box::new(capture));
        effect
    }

    /// Opens the session view on a session read from disk; with `tagging`,
    /// straight into quick tagging (walking `rest` afterwards).
    pub fn open_review(
        &mut self,
        session: Session,
        guide: Guide,
        path: PathBuf,
        tagging: Option<Vec<PathBuf>>,
    ) -> Effect {
        let mut review = Review::new(session, guide, path, &self.library.tag_counts());
        if let Some(note) = self.jump_note.take() {
            review.select_note(note);
        }
        self.park_synthesis();
        if let Some(rest) = tagging {
            review.next_sessions = rest;
            review.start_tagging();
        }
        let effect =
            Effect::Begin { path: review.path.clone(), session: Box::new(review.session.clone()), fresh: false };
        self.screen = Screen::Review(Box::new(review));
        effect
    }

    /// The open session view, if any.
    pub fn review(&self) -> Option<&Review> {
        match &self.screen {
            Screen::Review(r) => Some(r),
            _ => None,
        }
    }

    /// A star given from the synthesis reached its file.
    pub fn star_saved(&mut self, change: &synthesis::StarChange) {
        match (&mut self.screen, &mut self.parked_synthesis) {
            (Screen::Synthesis(s), _) | (_, Some(s)) => s.star_saved(change),
            _ => {}
        }
    }

    /// A follow-up's new state reached its file.
    pub fn followup_saved(&mut self, path: &std::path::Path, index: usize, done: bool) {
        for s in self.library.sessions.iter_mut().filter(|s| s.path == path) {
            if let Ok(info) = &mut s.info
                && let Some(f) = info.followups.iter_mut().find(|f| f.0 == index)
            {
                f.2 = done;
            }
        }
    }

    /// The user's editor returned the text.
    pub fn text_edited(&mut self, target: EditTarget, text: String) -> Vec<Effect> {
        match (&mut self.screen, target) {
            (Screen::Review(r), EditTarget::Summary) => vec![r.set_summary(text)],
            (Screen::Review(r), EditTarget::Note(i)) => r.set_note_text(i, &text),
            (Screen::Capture(c), EditTarget::Note(i)) => c.set_note_text(i, &text),
            _ => vec![],
        }
    }

    /// The session could not be opened for writing (locked elsewhere, say).
    pub fn open_failed(&mut self, message: String) {
        self.screen = match self.parked_synthesis.take() {
            Some(s) => Screen::Synthesis(s),
            None => Screen::Home,
        };
        self.message = Some(message);
    }

    /// A new interview could not be created (a read-only or full sessions
    /// folder, say). Back to the form as it was filled in, with the error:
    /// not to the library, where the words the PM types next would run as keys.
    pub fn start_failed(&mut self, message: String) {
        let Screen::Capture(c) = &self.screen else { return self.open_failed(message) };
        let p = &c.session.participant;
        let guide = self.guides.iter().position(|g| g.name == c.guide.name).unwrap_or(0);
        let filled = |text: &Option<String>| TextInput::with_text(text.as_deref().unwrap_or(""));
        let form = NewForm {
            participant: TextInput::with_text(&p.name),
            company: filled(&p.company),
            role: filled(&p.role),
            segment: filled(&p.segment),
            error: Some(format!("Not started: {message}")),
            ..NewForm::new(guide)
        };
        self.screen = Screen::Home;
        self.home.form = Some(form);
        self.message =
            Some("Nothing was created. Fix the sessions folder, then Enter tries again (Esc cancels).".into());
    }

    /// The synthesis screen, if it is showing.
    pub fn synthesis(&self) -> Option<&SynthScreen> {
        match &self.screen {
            Screen::Synthesis(s) => Some(s),
            _ => None,
        }
    }

    /// The records for the synthesis arrived (from `Effect::LoadSynthesis`).
    pub fn synthesis_loaded(&mut self, data: SynthData) {
        match (&mut self.screen, &mut self.parked_synthesis) {
            (Screen::Synthesis(s), _) | (_, Some(s)) => s.loaded(data),
            _ => {}
        }
    }

    /// Leaving the synthesis for one of its notes: keep it to come back to.
    fn park_synthesis(&mut self) {
        if matches!(self.screen, Screen::Synthesis(_))
            && let Screen::Synthesis(s) = std::mem::replace(&mut self.screen, Screen::Home)
        {
            self.parked_synthesis = Some(s);
        }
    }

    fn update_synthesis(&mut self, action: Action) -> Vec<Effect> {
        let Screen::Synthesis(s) = &mut self.screen else { return vec![] };
        match s.update(action, self.now.date_naive()) {
            Outcome::None => vec![],
            Outcome::Leave => {
                self.screen = Screen::Home;
                self.jump_note = None;
                vec![]
            }
            Outcome::Reload => vec![Effect::LoadSynthesis { load: s.request_load() }],
            Outcome::Export { clipboard } => vec![Effect::ExportReport { clipboard }],
            Outcome::Star(change) => vec![Effect::SetStarred(change)],
            Outcome::Open(jump) => {
                self.jump_note = jump.note;
                self.message = Some("Opened from the synthesis: {back} goes back to it.".into());
                vec![Effect::Review(jump.path)]
            }
        }
    }

    /// A new session from a guide and a participant; the effect writes it at once
    /// so the interview exists on disk before the first note.
    pub fn start_session(&mut self, mut guide: Guide, participant: Participant) -> Effect {
        guide.consent |= self.require_consent;
        // A fresh nonce per session (splitmix64 step): ids stay unique across machines.
        self.nonce = self.nonce.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.nonce;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        let id = session::make_id(self.now, &participant.name, z ^ (z >> 31), |id| {
            self.library.ids().any(|x| x == id) || crate::store::paths::session_file_in(&self.sessions_dir, id).exists()
        });
        let started = capture::whole_seconds(self.now);
        let mut s = Session::new(id.clone(), &guide.name, &guide.title, participant, started);
        if let Some((_, first)) = guide.nth(0) {
            s.asked_at.insert(first.id.clone(), crate::domain::session::Offset(0));
        }
        let path = crate::store::paths::session_file_in(&self.sessions_dir, &id);
        let lint = crate::analysis::lint::summary(&guide);
        let effect = match self.open_capture(s, guide, path) {
            Effect::Begin { path, session, .. } => Effect::Begin { path, session, fresh: true },
            other => other,
        };
        // The guide coaches, it does not block: say so once, without taking the focus.
        if let (Some(text), Screen::Capture(c)) = (lint, &mut self.screen) {
            c.message = Some(format!("This guide has {text}"));
        }
        effect
    }

    pub fn update(&mut self, action: Action, now: DateTime<FixedOffset>) -> Vec<Effect> {
        self.now = now;
        // Whatever the screen: the writer keeps every change safe meanwhile.
        if action == Action::Suspend {
            return vec![Effect::Suspend];
        }
        if action == Action::ToggleHelp {
            self.help = !self.help;
            return vec![];
        }
        if self.help {
            if !self.typed_under_help(&action) {
                return vec![];
            }
            self.help = false;
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
            Screen::Home => self.update_home(action),
            Screen::Review(r) => r.update(action),
            Screen::Followups(_) => self.update_followups(action),
            Screen::Synthesis(_) => self.update_synthesis(action),
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

    /// The writer reports on a session.
    pub fn on_reply(&mut self, reply: Reply) {
        let path = match &reply {
            Reply::Durable { path, .. }
            | Reply::Written { path, .. }
            | Reply::Failed { path, .. }
            | Reply::Journaled { path, .. }
            | Reply::Closed { path }
            | Reply::Redirected { from: path, .. } => path.clone(),
        };
        match &mut self.screen {
            Screen::Capture(c) if c.path == path => c.on_reply(reply),
            Screen::Review(r) if r.path == path => r.on_reply(reply),
            _ => {
                if let Reply::Failed { error, .. } = reply {
                    self.message = Some(format!("Save failed: {error}"));
                }
            }
        }
    }

    /// Back to where the session was opened from: the synthesis, if a jump
    /// from it opened the session (then the number of the load that reads
    /// the library again), else the library.
    fn go_home(&mut self) -> Option<u64> {
        self.refresh_library_row();
        self.jump_note = None;
        match self.parked_synthesis.take() {
            Some(mut s) => {
                let load = s.request_load();
                self.screen = Screen::Synthesis(s);
                Some(load)
            }
            None => {
                self.screen = Screen::Home;
                None
            }
        }
    }

    /// Updates the library's row of the open session from memory, before it
    /// is left: counts and tags must not be stale when the library shows again.
    pub fn refresh_library_row(&mut self) {
        let open = match &self.screen {
            Screen::Capture(c) => Some((&c.session, &c.path)),
            Screen::Review(r) => Some((&r.session, &r.path)),
            _ => None,
        };
        if let Some((session, path)) = open {
            let summary = Summary {
                id: session.id.clone(),
                path: path.clone(),
                info: Ok(SessionInfo::of(session)),
                journal: false,
            };
            match self.library.sessions.iter_mut().find(|s| s.id == summary.id) {
                Some(slot) => *slot = summary,
                None => self.library.sessions.insert(0, summary),
            }
        }
    }

    fn default_guide_index(&self) -> usize {
        self.guides.iter().position(|g| g.name == self.default_guide).unwrap_or(0)
    }

    fn update_home(&mut self, action: Action) -> Vec<Effect> {
        let default_guide = self.default_guide_index();
        let guide_count = self.guides.len();
        let home = &mut self.home;
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
        if home.view.filtering {
            match action {
                Action::ApplyTag => home.view.filtering = false,
                Action::Back => {
                    home.view.filtering = false;
                    home.view.filter.clear();
                }
                other => edit_text(&mut home.view.filter, other),
            }
            home.selected = 0;
            return vec![];
        }
        if let Some((typed, highlighted)) = &mut home.view.picking {
            match action {
                Action::MoveUp => *highlighted = highlighted.saturating_sub(1),
                Action::MoveDown => *highlighted += 1,
                Action::ApplyTag => {
                    let h = *highlighted;
                    let facets = home.view.facets(&self.library);
                    home.view.facet = facets.get(h.min(facets.len().saturating_sub(1))).map(|(f, _)| f.clone());
                    home.view.picking = None;
                    home.selected = 0;
                }
                Action::Back => {
                    home.view.picking = None;
                    home.view.facet = None;
                    home.selected = 0;
                }
                other => {
                    edit_text(typed, other);
                    *highlighted = 0;
                }
            }
            return vec![];
        }
        let visible = home.view.visible(&self.library);
        let count = visible.len();
        let chosen = visible.get(home.selected).and_then(|i| self.library.sessions.get(*i));
        if let Some(row) = list::moved(home.selected, count, &action) {
            home.selected = row;
            return vec![];
        }
        match action {
            Action::NewInterview => home.form = Some(NewForm::new(default_guide)),
            Action::FilterLibrary => home.view.filtering = true,
            Action::CycleSort => {
                home.view.sort = home.view.sort.next();
                home.selected = 0;
                self.message = Some(format!("Sorted {}.", home.view.sort.label()));
            }
            Action::FacetFilter => home.view.picking = Some((TextInput::default(), 0)),
            Action::ShowFollowups => self.screen = Screen::Followups(0),
            Action::OpenSynthesis => {
                let mut s = Box::<SynthScreen>::default();
                let load = s.request_load();
                self.screen = Screen::Synthesis(s);
                return vec![Effect::LoadSynthesis { load }];
            }
            Action::TagUntagged => {
                let mut paths: Vec<PathBuf> = self
                    .library
                    .sessions
                    .iter()
                    .filter(|s| s.info.as_ref().is_ok_and(|i| i.untagged > 0))
                    .map(|s| s.path.clone())
                    .collect();
                if paths.is_empty() {
                    self.message = Some("Every note in the library has a tag.".into());
                } else {
                    let first = paths.remove(0);
                    return vec![Effect::TagSession { path: first, rest: paths }];
                }
            }
            Action::OpenSession | Action::ResumeLive => {
                if let Some(s) = chosen {
                    match &s.info {
                        Ok(_) if action == Action::ResumeLive => return vec![Effect::Load(s.path.clone())],
                        Ok(_) => return vec![Effect::Review(s.path.clone())],
                        Err(e) => self.message = Some(format!("Cannot open: {e}")),
                    }
                }
            }
            Action::Quit => return vec![Effect::Quit],
            _ => {}
        }
        vec![]
    }

    /// Every follow-up in the library: (session index, note index, text, done).
    pub fn followups(&self) -> Vec<(usize, usize, &str, bool)> {
        let mut out = Vec::new();
        for (si, s) in self.library.sessions.iter().enumerate() {
            if let Ok(info) = &s.info {
                out.extend(info.followups.iter().map(|(ni, text, done)| (si, *ni, text.as_str(), *done)));
            }
        }
        out
    }

    fn update_followups(&mut self, action: Action) -> Vec<Effect> {
        let items: Vec<(usize, usize, bool)> =
            self.followups().into_iter().map(|(si, ni, _, done)| (si, ni, done)).collect();
        let Screen::Followups(selected) = &mut self.screen else { return vec![] };
        if let Some(row) = list::moved(*selected, items.len(), &action) {
            *selected = row;
            return vec![];
        }
        match action {
            Action::Back | Action::Quit => self.screen = Screen::Home,
            Action::OpenSession => {
                if let Some((si, _, _)) = items.get(*selected) {
                    return vec![Effect::Review(self.library.sessions[*si].path.clone())];
                }
            }
            Action::ToggleDone => {
                // Shown done only once the file says so (see `followup_saved`).
                if let Some((si, ni, done)) = items.get(*selected).copied() {
                    return vec![Effect::SetDone {
                        path: self.library.sessions[si].path.clone(),
                        index: ni,
                        done: !done,
                    }];
                }
            }
            _ => {}
        }
        vec![]
    }

    fn start_from_form(&mut self) -> Vec<Effect> {
        let Some(form) = &mut self.home.form else { return vec![] };
        let text = |t: &crate::tui::text_input::TextInput| Some(t.text().trim().to_string()).filter(|s| !s.is_empty());
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
        self.home.form = None;
        vec![self.start_session(guide, participant)]
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod review_tests;
