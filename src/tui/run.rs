//! The main loop of the TUI: wait for events, turn them into actions through
//! the keymap, let the model update, carry out its effects, draw once per
//! batch of events. The only I/O here is handing work to the writer, taking
//! session locks, and loading a session the user chose to open.

use crate::store::library::Library;
use crate::store::paths::Paths;
use crate::store::writer::{Closing, Command, Writer, lock_path};
use crate::store::{guides, library, lock, recovery};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::event::{self, Event};
use crate::tui::file_jobs::{Done, FileJobs};
use crate::tui::terminal::Tui;
use crate::tui::theme::Theme;
use chrono::{DateTime, FixedOffset, Local};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

mod jobs;

pub fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

/// What the user should be told once the terminal is back.
pub struct Outcome {
    pub last_session: Option<PathBuf>,
    pub notes: usize,
}

/// `editor`: the command that edits summaries (config `editor:`, `$VISUAL`, `$EDITOR`, `vi`);
/// `mouse`: whether to take the wheel and clicks (config `mouse:`). Keys resolve
/// through `app.keymap`.
pub fn run(
    app: App,
    first: Vec<Effect>,
    theme: &Theme,
    paths: &Paths,
    editor: String,
    mouse: bool,
) -> Result<Outcome, String> {
    let (tx, rx) = mpsc::channel::<Event>();
    let writer_tx = tx.clone();
    let writer = Writer::spawn(move |reply| {
        let _ = writer_tx.send(Event::Store(reply));
    });
    // Refuse before anything is written: a session begun here could never be typed into.
    require_terminal()?;
    let mut looper = Loop {
        app,
        writer,
        verdicts: Vec::new(),
        quit_warned: false,
        terminating: false,
        paths: paths.clone(),
        editor,
        editor_request: None,
        terminal_out: None,
        suspend_request: false,
        events: tx.clone(),
        jobs: {
            let jobs_tx = tx.clone();
            FileJobs::spawn(move |done| {
                let _ = jobs_tx.send(Event::Job(done));
            })
            .map_err(|e| format!("cannot start writing files: {e}"))?
        },
        note_search: None,
        figures: None,
    };
    // The terminal first: if it cannot be had, no session has been begun.
    let mut tui = Tui::enter(mouse).map_err(|e| format!("cannot open the terminal: {e}"))?;
    for effect in first {
        looper.carry_out(effect);
    }
    if looper.app.library_loading {
        let scan_tx = tx.clone();
        let dir = paths.sessions_dir();
        let codebook_file = paths.codebook_file();
        std::thread::Builder::new()
            .name("fieldnotes-library".into())
            .spawn(move || {
                // Rows first, from the index as it was last written; then
                // every file checked against it.
                if let Some(preview) = crate::store::cache::cache_dir().and_then(|c| Library::preview(&dir, &c)) {
                    let _ = scan_tx.send(Event::LibraryPreview(preview));
                }
                let library = Library::load(&dir);
                // Off the UI thread: comparing every pair of tags grows with their square.
                let book = crate::store::codebook::load(&codebook_file).ok().flatten();
                let near = crate::tui::app::codebook_tags::near_duplicate_count(&library, book.as_ref());
                let _ = scan_tx.send(Event::Library(library));
                let _ = scan_tx.send(Event::TagHygiene(near));
            })
            .map_err(|e| format!("cannot start reading the library: {e}"))?;
    }
    event::spawn_input(tx.clone());
    event::spawn_job_control(tx.clone()).map_err(|e| format!("cannot watch signals: {e}"))?;
    event::spawn_signals(tx, looper.writer.last_word()).map_err(|e| format!("cannot watch signals: {e}"))?;
    // A panic anywhere in the loop still saves: the writer already holds every
    // change; closing it writes the YAML and drops the journal.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| looper.event_loop(&mut tui, &rx, theme)));
    drop(tui);
    // The last word on every session: where its changes are, as the writer
    // verified (on quit this was asked already; a panic or a lost terminal
    // left the loop without asking).
    let last = looper.writer.close_and_report();
    let Loop { app, writer, mut verdicts, jobs, .. } = looper;
    // A star or an export still being written is finished, and one that
    // failed after the screen closed is said below.
    jobs.finish();
    let late: Vec<String> = rx
        .try_iter()
        .filter_map(|e| match e {
            Event::Job(Done::Failed(why)) => Some(why),
            _ => None,
        })
        .collect();
    let last_session = app.capture().map(|c| c.path.clone());
    let notes = app.capture().map_or(0, |c| c.session.notes.len());
    // The library's rows are pure data the process gives back as it exits:
    // freeing 10,000 of them one by one only delays the prompt.
    let mut app = app;
    std::mem::forget(std::mem::take(&mut app.library));
    writer.finish();
    let Some(last) = last else {
        return Err("the session's writer did not answer in time: what was saved is unknown. \
             Run `fieldnotes recover` to bring back what its journal holds."
            .into());
    };
    merge_verdicts(&mut verdicts, last);
    let problems: Vec<String> =
        verdicts.iter().filter(|v| !matches!(v, Closing::Saved { .. })).map(Closing::describe).chain(late).collect();
    if !problems.is_empty() {
        return Err(problems.join("\n\n"));
    }
    match result {
        Ok(r) => r.map(|()| Outcome { last_session, notes }),
        Err(_) => {
            let saved = last_session.map(|p| format!("; the session was saved to {}", p.display())).unwrap_or_default();
            Err(format!("internal error (see the message above){saved}"))
        }
    }
}

struct Loop {
    app: App,
    writer: Writer,
    /// What the writer said of each session closed so far (the last word per file).
    verdicts: Vec<Closing>,
    /// Changes at risk were shown on a quit: the next quit leaves anyway.
    quit_warned: bool,
    /// A signal or a lost terminal asked to leave: nobody to ask to confirm.
    terminating: bool,
    paths: Paths,
    editor: String,
    /// Text waiting to be handed to the user's editor (needs the terminal).
    editor_request: Option<(crate::tui::app::EditTarget, String)>,
    /// Bytes for the terminal itself (OSC 52 clipboard), written between frames.
    terminal_out: Option<Vec<u8>>,
    /// Ctrl-Z was pressed: stop once the current actions are carried out.
    suspend_request: bool,
    /// For work done in the background (reading the library for the synthesis).
    events: mpsc::Sender<Event>,
    /// Files written outside the open session, off this thread.
    jobs: FileJobs,
    /// The library's free words looked for in notes, off this thread:
    /// started on the first such word (`store::note_texts`).
    note_search: Option<crate::store::note_texts::NoteSearch>,
    /// The synthesis screen's worker (`jobs.rs`), started with its first job.
    figures: Option<mpsc::Sender<crate::tui::app::synthesis::Job>>,
}

impl Loop {
    /// The library's filter has free words not yet looked for in the notes:
    /// the note search (started now if need be) is asked, and answers later.
    fn ask_note_search(&mut self) {
        let Some(query) = self.app.home.view.take_note_query() else { return };
        if self.note_search.is_none() {
            let tx = self.events.clone();
            let cache = crate::store::cache::cache_dir();
            let spawned = crate::store::note_texts::NoteSearch::spawn(self.paths.sessions_dir(), cache, move |found| {
                let _ = tx.send(Event::NotesFound(found));
            });
            match spawned {
                Ok(search) => self.note_search = Some(search),
                Err(e) => {
                    self.app.message = Some(format!("Cannot search the notes: {e}"));
                    return;
                }
            }
        }
        if let Some(search) = &self.note_search {
            search.ask(query);
        }
    }
}

/// How a session chosen in the library opens.
enum OpenAs {
    Live,
    Review,
    Tagging(Vec<PathBuf>),
}

impl Loop {
    fn event_loop(&mut self, tui: &mut Tui, rx: &mpsc::Receiver<Event>, theme: &Theme) -> Result<(), String> {
        // Where the last frame put its clickable list.
        let mut hits = crate::tui::ui::Hits::default();
        let exit_after = ExitAfter::from_env();
        loop {
            self.ask_note_search();
            if tui.draw(|f| hits = crate::tui::ui::draw(f, &self.app, theme)).is_err() {
                // The terminal is gone (window closed): keep what was typed, then leave.
                self.leave_on_hangup();
                return Ok(());
            }
            if exit_after.is_some_and(|e| e.reached(&self.app)) {
                return Ok(());
            }
            // Wake once a second for the clock, sooner while a draft waits for the journal.
            let wait = if self.app.capture().is_some_and(|c| c.draft_pending()) { 250 } else { 1000 };
            let first = match rx.recv_timeout(Duration::from_millis(wait)) {
                Ok(ev) => Some(ev),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            };
            let mut events: Vec<Event> = first.into_iter().chain(rx.try_iter()).collect();
            if events.is_empty() {
                events.push(Event::Resize); // stands for "time passed"
            }
            for ev in events {
                let action = match ev {
                    Event::Key(key) => self.app.resolve_key(key),
                    Event::Mouse(m) => crate::tui::mouse::action(self.app.mode(), m, &hits),
                    Event::Paste(text) => Some(Action::Paste(text)),
                    Event::Suspend => Some(Action::Suspend),
                    Event::Continued => {
                        // A hang-up sends SIGCONT after SIGHUP: the terminal may be gone.
                        if tui.take_back().is_err() {
                            self.leave_on_hangup();
                            return Ok(());
                        }
                        None
                    }
                    Event::Resize => {
                        tui.size_may_have_changed();
                        Some(Action::Tick)
                    }
                    Event::Store(reply) => {
                        self.app.on_reply(reply);
                        None
                    }
                    Event::Library(library) => {
                        self.app.library_loaded(library);
                        None
                    }
                    Event::LibraryPreview(preview) => {
                        self.app.library_previewed(preview);
                        None
                    }
                    Event::NotesFound(found) => {
                        self.app.home.view.notes_found(found);
                        None
                    }
                    Event::TagHygiene(n) => {
                        self.app.tag_near_duplicates = n;
                        None
                    }
                    Event::Synthesis(data) => {
                        for effect in self.app.synthesis_loaded(*data) {
                            self.carry_out(effect);
                        }
                        None
                    }
                    Event::Computed(computed) => {
                        for effect in self.app.synthesis_computed(*computed) {
                            self.carry_out(effect);
                        }
                        None
                    }
                    Event::Study { load, read } => {
                        self.app.study_loaded(load, *read);
                        None
                    }
                    Event::Job(done) => {
                        self.job_done(done);
                        None
                    }
                    Event::Terminate | Event::InputGone(_) => {
                        self.terminating = true;
                        Some(self.leaving_action())
                    }
                };
                let Some(action) = action else { continue };
                #[cfg(debug_assertions)]
                debug_panic(&self.app);
                for effect in self.app.update(action, now()) {
                    if effect == Effect::Quit {
                        if self.may_quit() {
                            return Ok(());
                        }
                        continue;
                    }
                    self.carry_out(effect);
                }
                if let Some((target, text)) = self.editor_request.take() {
                    let edited = tui.hand_over(|| crate::tui::editor::edit(&text, &self.editor));
                    match edited {
                        Ok(Ok(new_text)) => {
                            for effect in self.app.text_edited(target, new_text) {
                                self.carry_out(effect);
                            }
                        }
                        Ok(Err(e)) | Err(e) => self.app.message = Some(format!("Editor: {e}")),
                    }
                }
                if std::mem::take(&mut self.suspend_request) && !tui.suspend()? {
                    self.app.message = Some(
                        "Not suspended: fieldnotes was not started from a shell with job control, so nothing could bring it back."
                            .into(),
                    );
                }
                if let Some(bytes) = self.terminal_out.take() {
                    use std::io::Write;
                    let mut out = std::io::stdout();
                    let _ = out.write_all(&bytes).and_then(|_| out.flush());
                }
            }
        }
    }

    /// The action that saves and leaves from wherever the app is.
    fn leaving_action(&mut self) -> Action {
        // Close the help first so the save reaches the screen's model.
        self.app.help = false;
        if self.app.capture().is_some() { Action::SaveAndQuit } else { Action::Quit }
    }

    /// The terminal is gone: journal the draft (whatever its age) and the
    /// rest of what leaving saves, without drawing anything.
    fn leave_on_hangup(&mut self) {
        self.terminating = true;
        let action = self.leaving_action();
        for effect in self.app.update(action, now()) {
            if effect != Effect::Quit {
                self.carry_out(effect);
            }
        }
    }

    /// Closes the open session and checks where every change went before
    /// leaving. When nothing could be written anywhere, the screen says which
    /// changes are at risk and the app stays (the writer keeps them and
    /// retries), unless this is the second quit or a signal asked.
    fn may_quit(&mut self) -> bool {
        let Some(verdicts) = self.writer.close_and_report() else { return true };
        let at_risk: Vec<String> = verdicts
            .iter()
            .filter_map(|v| match v {
                Closing::AtRisk { changes, .. } => Some(changes.join(", ")),
                _ => None,
            })
            .collect();
        merge_verdicts(&mut self.verdicts, verdicts);
        if at_risk.is_empty() || self.quit_warned || self.terminating {
            return true;
        }
        self.quit_warned = true;
        self.warn(format!(
            "NOT SAVED ANYWHERE (disk full or read-only, fallback folders too): only in memory: {}. \
             Free some space, then quit again to retry; if it still fails, that quit loses them.",
            at_risk.join("; ")
        ));
        false
    }

    /// A warning that stays on the screen the user is looking at.
    fn warn(&mut self, text: String) {
        if let Some(save) = self.app.save_state_mut() {
            save.banner = Some(text);
        } else {
            self.app.message = Some(text);
        }
    }

    fn carry_out(&mut self, effect: Effect) {
        match effect {
            Effect::Persist { rev, op } => self.writer.send(Command::Change { rev, op: *op }),
            Effect::Begin { path, session, fresh } => match lock::acquire(&lock_path(&path)) {
                Ok(lock) => self.writer.send(Command::Open { path, session, fresh, lock: Some(lock) }),
                Err(e) if fresh => self.app.start_failed(e.to_string()),
                Err(e) => self.app.open_failed(format!("Cannot open {}: {e}", session.id)),
            },
            Effect::Flush => self.writer.send(Command::Flush),
            Effect::Close => {
                self.app.refresh_library_row();
                if let Some(verdicts) = self.writer.close_and_report() {
                    if let Some(problem) = verdicts.iter().find(|v| !matches!(v, Closing::Saved { .. })) {
                        self.app.message = Some(one_line(&problem.describe()));
                    }
                    merge_verdicts(&mut self.verdicts, verdicts);
                }
            }
            Effect::Load(path) => self.load(&path, OpenAs::Live),
            Effect::Review(path) => {
                self.load(&path, OpenAs::Review);
                // Opened or not, the note a synthesis jump asked for is spent.
                self.app.jump_note = None;
                self.app.jump_transcript = None;
            }
            Effect::TagSession { path, rest } => self.walk_to(path, rest),
            Effect::EditExternally { target, text } => self.editor_request = Some((target, text)),
            Effect::Export { clipboard } => self.export(clipboard),
            Effect::SetDone { path, index, done } => self.set_done(path, index, done),
            Effect::SetStarred(change) => self.set_starred(change),
            Effect::LoadSynthesis { load } => self.load_synthesis(load),
            Effect::LoadStudy { load, name } => self.load_study(load, name),
            Effect::ExportReport { clipboard } => self.export_report(clipboard),
            Effect::Synthesize(job) => self.synthesize(*job),
            Effect::Recover => {
                let report = recovery::recover_all(&self.paths.sessions_dir()).join("; ");
                self.app.recovered(Library::load(&self.paths.sessions_dir()), report);
            }
            Effect::ImportTranscript { session_path, file, session } => {
                let file = expand_home(file);
                self.write_off_thread(move || {
                    let imported = crate::store::transcripts::import(&session_path, &session, &file, None, None)?;
                    Ok(Done::TranscriptImported { session_path, imported: Box::new(imported) })
                });
            }
            Effect::Suspend => self.suspend_request = true,
            Effect::LoadRoster => {
                let paths = self.paths.clone();
                let _ = self.jobs.run(move || {
                    Done::Roster(crate::tui::app::roster_pick::choices(
                        &crate::store::study_library::StudyLibrary::load(&paths),
                    ))
                });
            }
            Effect::GoHome | Effect::Quit => {}
        }
    }

    /// Quick tagging across the library: on to the next session that can be
    /// opened. Sessions open elsewhere are skipped; the current one is closed
    /// only once there is somewhere to go.
    fn walk_to(&mut self, path: PathBuf, mut rest: Vec<PathBuf>) {
        let mut next = Some(path);
        let mut skipped = 0;
        while let Some(candidate) = next.take() {
            if !lock::is_held(&lock_path(&candidate)) {
                self.carry_out(Effect::Close);
                self.load(&candidate, OpenAs::Tagging(rest));
                if skipped > 0 {
                    self.app.message = Some(format!("Skipped {skipped} session(s) open in another fieldnotes."));
                }
                return;
            }
            skipped += 1;
            next = (!rest.is_empty()).then(|| rest.remove(0));
        }
        self.app.message =
            Some("The remaining sessions are open in another fieldnotes: nothing more to tag here.".into());
    }

    /// Loads a session chosen in the library and opens it as asked.
    fn load(&mut self, path: &Path, how: OpenAs) {
        if lock::is_held(&lock_path(path)) {
            self.app.message = Some("That session is open in another fieldnotes; close it there first.".into());
            return;
        }
        // Never open a session while its journal or a rescue holds newer changes.
        if let Err(e) = recovery::bring_back(path) {
            self.app.message = Some(format!("Not opened: {e}"));
            return;
        }
        match library::load_session(path) {
            Ok(session) => {
                // Read with the session, never on a keystroke; a missing or
                // broken file is said in the pane.
                let transcript = session.transcript.as_ref().map(|l| crate::store::transcripts::read(path, &l.file));
                let guide = guides::resolve(&session.guide, &self.paths.guides_dir())
                    .unwrap_or_else(|_| crate::domain::guide::Guide::placeholder(&session.guide));
                let effect = match how {
                    OpenAs::Live => {
                        // Read now, so the wrap-up never waits on a file.
                        let coach =
                            crate::store::transcript_coach::wrap_up_coach(path, &session, &self.paths.config_dir);
                        let effect = self.app.open_capture(session, guide, path.to_path_buf());
                        if let crate::tui::app::Screen::Capture(c) = &mut self.app.screen {
                            c.coach = coach;
                        }
                        effect
                    }
                    OpenAs::Review => self.app.open_review(session, guide, path.to_path_buf(), None),
                    OpenAs::Tagging(rest) => self.app.open_review(session, guide, path.to_path_buf(), Some(rest)),
                };
                // The listening coach for the session view's wrap-up, from the transcript just read.
                if let (crate::tui::app::Screen::Review(r), Some(Ok(t))) = (&mut self.app.screen, &transcript)
                    && let Some(link) = &r.session.transcript
                {
                    r.coach = crate::store::transcript_coach::coach_lines(t, link, &self.paths.config_dir);
                }
                self.app.review_transcript(transcript);
                self.carry_out(effect);
            }
            Err(e) => self.app.message = Some(format!("Cannot open: {e}")),
        }
    }
}

/// A typed path starting `~/` is under the home folder, as in a shell.
fn expand_home(path: PathBuf) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path,
    }
}

/// The TUI reads keys from stdin and draws on stdout: both must be a
/// terminal, or a session would be begun that nothing could type into.
fn require_terminal() -> Result<(), String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return Ok(());
    }
    Err("this needs a terminal (stdin and stdout are not one); nothing was started. \
         Commands such as `list`, `show` and `recover` work without one."
        .into())
}

/// Keeps the latest verdict per session file.
fn merge_verdicts(into: &mut Vec<Closing>, new: Vec<Closing>) {
    for v in new {
        into.retain(|old| old.path() != v.path());
        into.push(v);
    }
}

fn one_line(text: &str) -> String {
    text.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// `FIELDNOTES_EXIT_AFTER_FIRST_FRAME`, for the start-up benchmark, which times
/// the whole process from outside: `1` leaves right after the first frame is
/// drawn, `library` after the first frame with the library's rows (from its
/// index, maybe not yet checked), `checked` after the first frame of the
/// library with every file checked.
#[derive(Clone, Copy)]
enum ExitAfter {
    FirstFrame,
    LibraryShown,
    LibraryChecked,
}

impl ExitAfter {
    fn from_env() -> Option<ExitAfter> {
        match std::env::var("FIELDNOTES_EXIT_AFTER_FIRST_FRAME").ok()?.as_str() {
            "1" => Some(ExitAfter::FirstFrame),
            "library" => Some(ExitAfter::LibraryShown),
            "checked" => Some(ExitAfter::LibraryChecked),
            _ => None,
        }
    }

    fn reached(self, app: &App) -> bool {
        match self {
            ExitAfter::FirstFrame => true,
            ExitAfter::LibraryShown => !app.library_loading || !app.library.sessions.is_empty(),
            ExitAfter::LibraryChecked => !app.library_loading,
        }
    }
}

/// Debug builds only: `FIELDNOTES_DEBUG_PANIC_AFTER_NOTES=N` panics once the
/// session holds N notes, so tests can prove a panic restores the terminal
/// and saves the session. Release builds do not contain this.
#[cfg(debug_assertions)]
fn debug_panic(app: &App) {
    static AFTER: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
    let after = AFTER.get_or_init(|| std::env::var("FIELDNOTES_DEBUG_PANIC_AFTER_NOTES").ok()?.parse().ok());
    if let (Some(n), Some(c)) = (after, app.capture())
        && c.session.notes.len() >= *n
    {
        panic!("debug panic requested by FIELDNOTES_DEBUG_PANIC_AFTER_NOTES");
    }
}

/// Writes an export atomically, or says why not.
fn write_file(path: &Path, text: &str) -> Result<(), String> {
    crate::store::disk::write_atomic(path, text.as_bytes(), &mut crate::store::disk::RealDisk, |_| Ok(()))
        .map_err(|e| format!("Cannot write {}: {e}", path.display()))
}
