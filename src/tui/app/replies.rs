//! What the main loop reports back after carrying out an effect: the
//! writer's replies, the library or synthesis read in the background, text
//! back from the editor, a session that could not be opened. Apart from
//! `update`, since these are answers, not keys.

use super::home::NewForm;
use super::synthesis::{self, SynthData};
use super::{App, EditTarget, Effect, Screen};
use crate::store::library::Library;
use crate::store::writer::Reply;
use crate::tui::text_input::TextInput;

impl App {
    /// The background scan finished. Rows added since it started (a session
    /// begun meanwhile) are kept.
    pub fn library_loaded(&mut self, mut library: Library) {
        let preview = self.library_preview.take().unwrap_or_default();
        for row in std::mem::take(&mut self.library.sessions) {
            // A previewed row is the index's word, which the checked library replaces.
            if !preview.ids.contains(&row.id) && !library.sessions.iter().any(|s| s.id == row.id) {
                library.sessions.insert(0, row);
            }
        }
        self.library = library;
        self.library_loading = false;
        self.home.view.library_changed();
        if self.home.form.is_some() {
            self.home.segments = super::segment_pick::library_segments(&self.library);
        }
        // `new` opens the live screen before the library is read: its
        // palette gets the library's tags now.
        if let Screen::Capture(c) = &mut self.screen {
            c.library_tags_arrived(&self.library.tag_counts());
        }
    }

    /// The index's newest rows, before the library is checked: shown so the
    /// first frame has rows; anything that needs the whole library waits.
    pub fn library_previewed(&mut self, preview: crate::store::library::Preview) {
        if !self.library_loading || !self.library.sessions.is_empty() {
            return; // the library came first, or a session was begun: keep what is there
        }
        let ids = preview.library.sessions.iter().map(|s| s.id.clone()).collect();
        self.library = preview.library;
        self.library_preview = Some(super::LibraryPreview { ids, total: preview.total });
        self.home.view.library_changed();
    }

    /// After recovery ran: the refreshed library and what happened.
    pub fn recovered(&mut self, library: Library, report: String) {
        self.library = library;
        self.home.view.library_changed();
        self.screen = Screen::Home;
        self.message = Some(report);
    }

    /// A star given from the synthesis reached its file.
    /// Its new order is computed on the worker (the effect returned).
    pub fn star_saved(&mut self, change: &synthesis::StarChange) -> Vec<Effect> {
        self.with_synthesis(|s| s.star_saved(change))
    }

    /// New figures (or search results) computed on the worker, for the
    /// synthesis on screen or parked; a search may follow (the effect returned).
    pub fn synthesis_computed(&mut self, computed: synthesis::Computed) -> Vec<Effect> {
        self.with_synthesis(|s| s.computed(computed))
    }

    /// Carries out here the synthesis computations among `effects`, as the
    /// main loop's worker would, and returns the others: for tests and
    /// benchmarks that drive the app without its loop.
    pub fn compute_here(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        let mut others = Vec::new();
        let mut queue = effects;
        while !queue.is_empty() {
            for effect in std::mem::take(&mut queue) {
                match effect {
                    Effect::Synthesize(job) => {
                        let computed = job.run();
                        queue.extend(self.synthesis_computed(computed));
                    }
                    other => others.push(other),
                }
            }
        }
        others
    }

    /// `update`, then `compute_here`: a key and the figures it asked for.
    pub fn update_here(
        &mut self,
        action: crate::tui::action::Action,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> Vec<Effect> {
        let effects = self.update(action, now);
        self.compute_here(effects)
    }

    /// Does `f` to the synthesis screen (shown or parked), and hands the
    /// computation it asked for to the main loop.
    fn with_synthesis(&mut self, f: impl FnOnce(&mut synthesis::SynthScreen)) -> Vec<Effect> {
        match (&mut self.screen, &mut self.parked_synthesis) {
            (Screen::Synthesis(s), _) | (_, Some(s)) => {
                f(s);
                s.take_job().map(|job| Effect::Synthesize(Box::new(job))).into_iter().collect()
            }
            _ => vec![],
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
        let mut form = NewForm {
            participant: TextInput::with_text(&p.name),
            company: filled(&p.company),
            role: filled(&p.role),
            segment: filled(&p.segment),
            // Whatever reached the note input meanwhile stays the first note's.
            held: TextInput::with_text(c.input.text()),
            ..NewForm::new(guide)
        };
        form.start_refused(format!("Not started: {message}"));
        self.screen = Screen::Home;
        self.home.form = Some(form);
        self.message =
            Some("Nothing was created. Fix the sessions folder, then Enter tries again (Esc cancels).".into());
    }

    /// The records for the synthesis arrived (from `Effect::LoadSynthesis`).
    /// Their figures are computed on the worker (the effect returned).
    pub fn synthesis_loaded(&mut self, data: SynthData) -> Vec<Effect> {
        self.with_synthesis(|s| s.loaded(data))
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
}
