//! The one writer: a thread that owns every write of the open session, so
//! typing never waits on the disk and writes happen in order.
//!
//! The UI sends each change as an `Op`. The writer applies it to its own copy
//! of the session, appends it to the journal and syncs (then replies
//! `Durable`: only now does the footer say "saved"). When the session has been
//! idle a moment, on end and on quit, it rewrites the YAML from its copy
//! atomically and starts a fresh journal. Any failure is reported and retried
//! by rewriting from memory, never by trusting a failed sync.
//!
//! When the file cannot be written on close (full disk, read-only folder),
//! the writer says exactly where the changes are: all in the journal (each
//! append was synced), or in a rescue folder elsewhere (`rescue.rs`), or,
//! when nothing could be written anywhere, which changes exist only in
//! memory; such a session is kept and retried, never dropped.

use super::disk::{self, Disk, RealDisk};
use super::journal::{self, Journal, Record};
use super::lock::SessionLock;
use super::{rescue, yaml};
use crate::domain::op::Op;
use crate::domain::session::Session;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// After this long without a change, the YAML is rewritten.
const IDLE: Duration = Duration::from_millis(1500);
/// Even while changes keep coming, the YAML is never older than this.
const MAX_DELAY: Duration = Duration::from_secs(20);
/// How soon a failed save is tried again.
const RETRY: Duration = Duration::from_secs(2);

pub enum Command {
    /// Start writing a session. `fresh`: not on disk yet, write it at once.
    Open { path: PathBuf, session: Box<Session>, fresh: bool, lock: Option<SessionLock> },
    /// One change, numbered by the UI.
    Change { rev: u64, op: Op },
    /// Rewrite the YAML now (end of interview).
    Flush,
    /// Rewrite the YAML, drop the journal, release the lock.
    Close,
    /// Answers once every command before it is done (see `Writer::close_and_wait`).
    Sync(Sender<()>),
    /// Closes the open session and retries any kept at risk; answers with
    /// where each one's changes are now.
    CloseReport(Sender<Vec<Closing>>),
    /// As `CloseReport`, answering with the last verdict on every session
    /// closed in this writer's life, not only those closed now (see `LastWord`).
    LastWord(Sender<Vec<Closing>>),
}

/// Where a closed session's changes are, as verified by the writer.
#[derive(Debug, Clone, PartialEq)]
pub enum Closing {
    /// Written to its file; the journal is gone.
    Saved { path: PathBuf },
    /// The file could not be written, but every change is in the journal
    /// (each append was synced): `recover` writes it once the disk allows.
    InJournal { path: PathBuf, journal: PathBuf, error: String },
    /// Neither file nor journal could take every change: the whole session
    /// was written to a rescue folder, which `recover` finds.
    Rescued { path: PathBuf, folder: PathBuf, error: String },
    /// Nothing could be written anywhere: these changes are only in memory.
    /// The writer keeps the session and tries again on the next close.
    AtRisk { path: PathBuf, error: String, changes: Vec<String> },
}

impl Closing {
    /// True when every change is on a disk somewhere.
    pub fn is_safe(&self) -> bool {
        !matches!(self, Closing::AtRisk { .. })
    }

    /// The session file this verdict is about.
    pub fn path(&self) -> &Path {
        match self {
            Closing::Saved { path }
            | Closing::InJournal { path, .. }
            | Closing::Rescued { path, .. }
            | Closing::AtRisk { path, .. } => path,
        }
    }

    /// What to tell the user, in full sentences.
    pub fn describe(&self) -> String {
        match self {
            Closing::Saved { path } => format!("Saved: {}", path.display()),
            Closing::InJournal { path, journal, error } => format!(
                "{error}\nEvery change is safe in the journal {} (each one was synced to the disk). \
                 Run `fieldnotes recover` once the problem is fixed to write {}.",
                journal.display(),
                path.display()
            ),
            Closing::Rescued { path, folder, error } => format!(
                "{error}\nThe whole session was saved to {} instead. \
                 Run `fieldnotes recover` once the problem is fixed to bring it back into {}.",
                folder.display(),
                path.display()
            ),
            Closing::AtRisk { path, error, changes } => {
                let shown: Vec<String> = changes.iter().take(8).map(|c| format!("  - {c}")).collect();
                let more = changes.len().saturating_sub(shown.len());
                let more = if more > 0 { format!("\n  … and {more} more") } else { String::new() };
                format!(
                    "NOT SAVED: {error}\nNothing could be written for {}, not even to a fallback folder. \
                     {} change(s) exist only in memory:\n{}{more}",
                    path.display(),
                    changes.len(),
                    shown.join("\n")
                )
            }
        }
    }
}

/// What the writer tells the UI.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// Every change up to `rev` is on disk (journal synced).
    Durable { path: PathBuf, rev: u64 },
    /// The YAML file was rewritten: `bytes` long, holding every change up to `rev`.
    Written { path: PathBuf, bytes: u64, rev: u64 },
    /// Saving failed; changes are kept in memory and retried.
    Failed { path: PathBuf, error: String },
    /// Every change up to `rev` is synced in the journal (its reserved room),
    /// but the YAML file cannot be rewritten (`why`): safe, and retried, so
    /// neither "failed" nor "saved to the file".
    Journaled { path: PathBuf, rev: u64, why: String },
    /// The file was changed by someone else: from now on the session is saved
    /// to a copy, with this id and path.
    Redirected { from: PathBuf, path: PathBuf, id: String },
    /// The session was closed, its YAML complete and its journal gone.
    Closed { path: PathBuf },
}

/// Where a session's journal and lock live: a hidden folder beside the
/// session files, so `git add sessions/` can ignore it with one line.
pub fn state_dir(yaml_path: &Path) -> PathBuf {
    yaml_path.parent().unwrap_or(Path::new(".")).join(".fieldnotes")
}

fn stem(yaml_path: &Path) -> String {
    yaml_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

pub fn journal_path(yaml_path: &Path) -> PathBuf {
    state_dir(yaml_path).join(format!("{}.journal", stem(yaml_path)))
}

pub fn lock_path(yaml_path: &Path) -> PathBuf {
    state_dir(yaml_path).join(format!("{}.lock", stem(yaml_path)))
}

/// Writes a whole session file atomically, outside the writer thread: for
/// recovery and tag-wide rewrites, where no session is open. Refuses what
/// the reader would refuse.
pub fn write_session(path: &Path, session: &Session) -> Result<(), String> {
    let text = yaml::to_string(session)?;
    yaml::check_readable(&text).map_err(|e| format!("not written {}: {e}", path.display()))?;
    disk::write_atomic(path, text.as_bytes(), &mut RealDisk, |_| Ok(()))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Journals and locks are this machine's business: a team that keeps its
/// sessions in git should never commit them, so the sessions folder gets a
/// `.gitignore` naming the state folder (only if it has none).
/// Written atomically: a full disk leaves no file rather than an empty one.
fn ignore_state_dir(yaml_path: &Path, disk: &mut dyn Disk) {
    let Some(dir) = yaml_path.parent() else { return };
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        let text = "# fieldnotes: journals and locks of open sessions, per machine\n.fieldnotes/\n";
        let _ = disk::write_atomic(&ignore, text.as_bytes(), disk, |_| Ok(()));
    }
}

pub struct Writer {
    /// Shared with `LastWord` handles; emptied on shutdown, so the thread
    /// sees its channel close once no `LastWord` is waiting on it.
    tx: Arc<Mutex<Option<Sender<Command>>>>,
    handle: Option<JoinHandle<()>>,
}

/// Asks the writer for its last word from another thread (the signal
/// thread, on a second signal): see `LastWord::wait`.
#[derive(Clone)]
pub struct LastWord(Arc<Mutex<Option<Sender<Command>>>>);

impl LastWord {
    /// Closes the open session and retries any kept at risk, then waits,
    /// however long the disk takes, for where the changes of every session
    /// it closed are now: a save or a rescue under way is never cut short.
    /// Empty when the writer has already finished (every session closed).
    pub fn wait(&self) -> Vec<Closing> {
        let Some(tx) = self.0.lock().unwrap_or_else(|e| e.into_inner()).clone() else { return vec![] };
        let (done, answer) = mpsc::channel();
        if tx.send(Command::LastWord(done)).is_err() {
            return vec![];
        }
        drop(tx);
        answer.recv().unwrap_or_default()
    }
}

impl Writer {
    /// Starts the writer; `reply` is called on the writer thread.
    pub fn spawn(reply: impl Fn(Reply) + Send + 'static) -> Writer {
        Writer::spawn_rescuing(Box::new(RealDisk), rescue::default_dirs(), reply)
    }

    /// As `spawn`, with a disk that can fail on purpose (tests) and no rescue folders.
    pub fn spawn_with(disk: Box<dyn Disk>, reply: impl Fn(Reply) + Send + 'static) -> Writer {
        Writer::spawn_rescuing(disk, vec![], reply)
    }

    /// As `spawn`, with the disk and the rescue folders (`rescue::default_dirs`) given.
    pub fn spawn_rescuing(
        disk: Box<dyn Disk>,
        rescue_dirs: Vec<PathBuf>,
        reply: impl Fn(Reply) + Send + 'static,
    ) -> Writer {
        let (tx, rx) = mpsc::channel::<Command>();
        let state =
            State { disk, open: None, at_risk: Vec::new(), rescue_dirs, reply: Box::new(reply), verdicts: Vec::new() };
        let handle = std::thread::Builder::new()
            .name("fieldnotes-writer".into())
            .spawn(move || state.run(rx))
            .expect("spawn writer thread");
        Writer { tx: Arc::new(Mutex::new(Some(tx))), handle: Some(handle) }
    }

    /// A handle for `LastWord::wait`, usable from any thread.
    pub fn last_word(&self) -> LastWord {
        LastWord(Arc::clone(&self.tx))
    }

    pub fn send(&self, cmd: Command) {
        if let Some(tx) = self.tx.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            // The thread lives until `finish`; a send can only fail if it panicked,
            // and then the journal on disk is what recovery will use.
            let _ = tx.send(cmd);
        }
    }

    /// Closes the open session and waits until its file is written and its
    /// lock released, so the next session (or the same one, reopened) can be
    /// locked at once. Leaving a session is the one place the UI waits on
    /// the disk: one YAML write, never on a keystroke of the live screen.
    pub fn close_and_wait(&self) {
        let (tx, rx) = mpsc::channel();
        self.send(Command::Close);
        self.send(Command::Sync(tx));
        let _ = rx.recv_timeout(std::time::Duration::from_secs(10));
    }

    /// Closes the open session and waits for the verdict on every session
    /// the writer holds (the open one, and any kept at risk before).
    /// `None` when the writer did not answer in time.
    pub fn close_and_report(&self) -> Option<Vec<Closing>> {
        let (tx, rx) = mpsc::channel();
        self.send(Command::CloseReport(tx));
        rx.recv_timeout(std::time::Duration::from_secs(30)).ok()
    }

    /// Closes the open session (YAML written, journal dropped) and waits.
    pub fn finish(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let tx = self.tx.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(tx) = tx {
            let _ = tx.send(Command::Close);
        }
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

struct OpenSession {
    path: PathBuf,
    session: Session,
    /// The session as its YAML file holds it (`disk_fp`), or as it began
    /// when no file was written yet; with `unsaved`, what a rescue needs.
    saved: Session,
    /// Every change since `saved`.
    unsaved: Vec<Record>,
    /// Every change up to here is on the disk (journal synced or YAML written).
    durable_rev: u64,
    /// Whether a journal holding `saved` (or older, with the intent for it)
    /// is on the disk: then durable changes are recoverable from it.
    journal_on_disk: bool,
    /// `None` after a journal write failed: the next save rewrites from memory.
    journal: Option<Journal>,
    /// Fingerprint of the YAML as we last wrote or read it.
    disk_fp: Option<u64>,
    last_rev: u64,
    dirty_since: Option<Instant>,
    last_change: Instant,
    failing: bool,
    /// Why the last save failed, for the closing verdict.
    last_error: Option<String>,
    _lock: Option<SessionLock>,
}

struct State {
    disk: Box<dyn Disk>,
    open: Option<OpenSession>,
    /// Sessions closed while nothing could be written anywhere: kept in
    /// memory and tried again on every close and retry.
    at_risk: Vec<OpenSession>,
    rescue_dirs: Vec<PathBuf>,
    reply: Box<dyn Fn(Reply) + Send>,
    /// The latest verdict per session file, from every `CloseReport`.
    verdicts: Vec<Closing>,
}

impl State {
    fn run(mut self, rx: Receiver<Command>) {
        loop {
            let retry_at_risk = (!self.at_risk.is_empty()).then_some(RETRY);
            let wait = self.open.as_ref().and_then(|o| {
                if o.failing || !self.at_risk.is_empty() {
                    Some(RETRY)
                } else {
                    o.dirty_since.map(|first| {
                        let idle_at = o.last_change + IDLE;
                        let latest = first + MAX_DELAY;
                        idle_at.min(latest).saturating_duration_since(Instant::now())
                    })
                }
            });
            let wait = wait.or(retry_at_risk);
            let first = match wait {
                Some(d) => rx.recv_timeout(d),
                None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            match first {
                Ok(cmd) => {
                    let mut batch = vec![cmd];
                    batch.extend(rx.try_iter());
                    self.handle(batch);
                }
                Err(RecvTimeoutError::Timeout) => {
                    self.save_yaml();
                    self.retry_at_risk();
                }
                Err(RecvTimeoutError::Disconnected) => {
                    self.close();
                    self.retry_at_risk();
                    return;
                }
            }
        }
    }

    /// Handles a batch of commands; changes in a row share one sync.
    fn handle(&mut self, batch: Vec<Command>) {
        let mut pending: Vec<Record> = Vec::new();
        for cmd in batch {
            match cmd {
                Command::Change { rev, op } => {
                    let Some(o) = self.open.as_mut() else { continue };
                    if let Err(e) = op.apply(&mut o.session) {
                        // The UI applied the same op to the same state: this is a bug,
                        // and guessing would corrupt the file. Say so loudly.
                        (self.reply)(Reply::Failed { path: o.path.clone(), error: format!("internal error: {e}") });
                        continue;
                    }
                    o.last_rev = rev;
                    o.last_change = Instant::now();
                    o.dirty_since.get_or_insert(o.last_change);
                    o.unsaved.push(Record::Change { rev, op: op.clone() });
                    pending.push(Record::Change { rev, op });
                }
                other => {
                    self.append(std::mem::take(&mut pending));
                    match other {
                        Command::Open { path, session, fresh, lock } => {
                            self.close();
                            self.open(path, *session, fresh, lock);
                        }
                        Command::Flush => self.save_yaml(),
                        Command::Close => {
                            self.close();
                        }
                        Command::Sync(done) => {
                            let _ = done.send(());
                        }
                        Command::CloseReport(done) => {
                            let _ = done.send(self.close_report());
                        }
                        Command::LastWord(done) => {
                            self.close_report();
                            let _ = done.send(self.verdicts.clone());
                        }
                        Command::Change { .. } => unreachable!("handled above"),
                    }
                }
            }
        }
        self.append(pending);
    }

    fn append(&mut self, records: Vec<Record>) {
        let Some(o) = self.open.as_mut() else { return };
        if records.is_empty() {
            return;
        }
        let result = match o.journal.as_mut() {
            Some(j) => j.append(&records, self.disk.as_mut()),
            None => Err(std::io::Error::other("the journal could not be written")),
        };
        match result {
            Ok(()) => {
                o.durable_rev = o.last_rev;
                if !o.failing {
                    (self.reply)(Reply::Durable { path: o.path.clone(), rev: o.last_rev });
                } else {
                    // Only the file rewrite is failing (a failed journal is
                    // dropped above): the change is safe in the journal.
                    let why = o.last_error.clone().unwrap_or_default();
                    (self.reply)(Reply::Journaled { path: o.path.clone(), rev: o.last_rev, why });
                }
            }
            Err(e) => {
                // A failed append or sync leaves the journal's tail unknown: stop
                // using it and rewrite everything from memory instead.
                o.journal = None;
                o.failing = true;
                o.last_error = Some(e.to_string());
                (self.reply)(Reply::Failed { path: o.path.clone(), error: e.to_string() });
                self.save_yaml();
            }
        }
    }

    fn open(&mut self, path: PathBuf, session: Session, fresh: bool, lock: Option<SessionLock>) {
        ignore_state_dir(&path, self.disk.as_mut());
        let disk_fp = if fresh { None } else { std::fs::read(&path).ok().map(|b| journal::fingerprint(&b)) };
        let now = Instant::now();
        let mut o = OpenSession {
            path,
            saved: session.clone(),
            unsaved: Vec::new(),
            durable_rev: 0,
            journal_on_disk: false,
            session,
            journal: None,
            disk_fp,
            last_rev: 0,
            dirty_since: None,
            last_change: now,
            failing: false,
            last_error: None,
            _lock: lock,
        };
        if fresh {
            o.dirty_since = Some(now);
            self.open = Some(o);
            self.save_yaml();
            return;
        }
        let base = Record::Base { session: Box::new(o.session.clone()), yaml: o.disk_fp };
        match Journal::create(&journal_path(&o.path), &base, self.disk.as_mut()) {
            Ok(j) => {
                o.journal = Some(j);
                o.journal_on_disk = true;
            }
            Err(e) => {
                o.failing = true;
                o.last_error = Some(format!("cannot start the journal of {}: {e}", o.path.display()));
                (self.reply)(Reply::Failed { path: o.path.clone(), error: e.to_string() });
            }
        }
        self.open = Some(o);
    }

    /// Rewrites the YAML from memory and starts a fresh journal.
    fn save_yaml(&mut self) {
        let Some(o) = self.open.as_mut() else { return };
        if o.dirty_since.is_none() && !o.failing && o.journal.is_some() {
            return;
        }
        let result = write_yaml(o, self.disk.as_mut(), &*self.reply);
        match result {
            Ok(bytes) => {
                let was_failing = o.failing;
                o.failing = false;
                o.dirty_since = None;
                o.durable_rev = o.last_rev;
                if was_failing {
                    (self.reply)(Reply::Durable { path: o.path.clone(), rev: o.last_rev });
                }
                (self.reply)(Reply::Written { path: o.path.clone(), bytes, rev: o.last_rev });
            }
            Err(e) => {
                o.failing = true;
                o.last_error = Some(e.clone());
                if o.journal.is_some() && o.durable_rev == o.last_rev {
                    // The file is behind, but every change is in the synced journal.
                    (self.reply)(Reply::Journaled { path: o.path.clone(), rev: o.last_rev, why: e });
                } else {
                    (self.reply)(Reply::Failed { path: o.path.clone(), error: e });
                }
            }
        }
    }

    /// Closes the open session and retries any kept at risk: the verdict on
    /// each, also kept (the latest per file) for `Command::LastWord`.
    fn close_report(&mut self) -> Vec<Closing> {
        let mut report = self.retry_at_risk();
        if let Some(closing) = self.close() {
            if !closing.is_safe() {
                // Still on the screen: keep taking its changes.
                self.open = self.at_risk.pop();
            }
            report.push(closing);
        }
        for v in &report {
            self.verdicts.retain(|old| old.path() != v.path());
            self.verdicts.push(v.clone());
        }
        report
    }

    /// Writes the YAML if it misses a change, then drops the journal: only
    /// once the file that holds every journaled change is safely on disk.
    /// Otherwise says where the changes are (see `settle`). A session only
    /// looked at is not rewritten: its file stays byte for byte (and mtime)
    /// as it was. `None` when no session was open.
    fn close(&mut self) -> Option<Closing> {
        self.open.as_ref()?;
        self.save_yaml();
        let o = self.open.take()?;
        if o.failing {
            return Some(self.settle(o));
        }
        if let Some(j) = &o.journal {
            let _ = std::fs::remove_file(&j.path);
            let _ = disk::sync_dir(&j.path, self.disk.as_mut());
        }
        (self.reply)(Reply::Closed { path: o.path.clone() });
        Some(Closing::Saved { path: o.path })
    }

    /// A session whose file could not be written, closing: if every change
    /// is in its journal, that is enough; else the whole session goes to a
    /// rescue folder; if even that fails, it is kept in memory, at risk.
    fn settle(&mut self, o: OpenSession) -> Closing {
        let error = o.last_error.clone().unwrap_or_else(|| "the session file could not be written".into());
        if o.journal_on_disk && o.durable_rev == o.last_rev {
            return Closing::InJournal { journal: journal_path(&o.path), path: o.path, error };
        }
        let contents = rescue::Contents {
            yaml_path: &o.path,
            base: &o.saved,
            base_fp: o.disk_fp,
            changes: &o.unsaved,
            current: &o.session,
        };
        match rescue::write(&self.rescue_dirs, &contents) {
            Ok(folder) => Closing::Rescued { path: o.path, folder, error },
            Err(rescue_error) => {
                let changes = o
                    .unsaved
                    .iter()
                    .filter_map(|r| match r {
                        Record::Change { rev, op } if *rev > o.durable_rev => Some(op.describe()),
                        _ => None,
                    })
                    .collect::<Vec<_>>();
                let changes = if changes.is_empty() && !o.journal_on_disk && o.disk_fp.is_none() {
                    vec!["the whole session (it was never written)".to_string()]
                } else {
                    changes
                };
                let closing = Closing::AtRisk {
                    path: o.path.clone(),
                    error: format!("{error}; fallback folders: {rescue_error}"),
                    changes,
                };
                self.at_risk.push(o);
                closing
            }
        }
    }

    /// Tries again, for every session kept at risk: its own file first, then
    /// the journal and the rescue folders. Returns the verdict on each.
    fn retry_at_risk(&mut self) -> Vec<Closing> {
        let mut verdicts = Vec::new();
        for o in std::mem::take(&mut self.at_risk) {
            // Reopened as the open session for a moment, so the usual path applies.
            let current = self.open.replace(o);
            verdicts.extend(self.close());
            self.open = current;
        }
        verdicts
    }
}

/// Returns the length of the file written.
fn write_yaml(o: &mut OpenSession, disk: &mut dyn Disk, reply: &dyn Fn(Reply)) -> Result<u64, String> {
    // Someone else changed the file since we last wrote or read it (an editor,
    // a git pull): never overwrite their version. Save ours as a copy instead.
    let mut replaced_journal = None;
    if let Some(expected) = o.disk_fp
        && let Ok(now_on_disk) = std::fs::read(&o.path)
        && journal::fingerprint(&now_on_disk) != expected
    {
        replaced_journal = Some(redirect_to_copy(o, reply));
    }
    let text = yaml::to_string(&o.session)?;
    // Never write what the reader would refuse: the journal keeps the change.
    yaml::check_readable(&text).map_err(|e| format!("not saved to {}: {e}", o.path.display()))?;
    let bytes = text.as_bytes();
    let fp = journal::fingerprint(bytes);
    let rev = o.last_rev;
    let journal = &mut o.journal;
    let written = disk::write_atomic(&o.path, bytes, disk, |disk| match journal.as_mut() {
        Some(j) => j.append(&[Record::Intent { yaml: fp, rev }], disk),
        None => Ok(()),
    });
    // A failure after the rename (the folder sync) still leaves our file in
    // place: know it as ours, or the next save would take it for someone else's.
    if written.is_ok() || std::fs::read(&o.path).is_ok_and(|b| journal::fingerprint(&b) == fp) {
        o.disk_fp = Some(fp);
        o.saved = o.session.clone();
        o.unsaved.clear();
    }
    written.map_err(|e| format!("cannot save {}: {e}", o.path.display()))?;
    let base = Record::Base { session: Box::new(o.session.clone()), yaml: Some(fp) };
    match Journal::create(&journal_path(&o.path), &base, disk) {
        Ok(j) => {
            o.journal = Some(j);
            o.journal_on_disk = true;
        }
        // The old journal (with the intent for this file) still reads right:
        // keep appending to it, and its reserved room, until a new one fits.
        Err(_) if o.journal.is_some() && replaced_journal.is_none() => {}
        Err(e) => {
            o.journal = None;
            o.journal_on_disk = false;
            return Err(format!("saved {}, but cannot start its journal: {e}", o.path.display()));
        }
    }
    // Every change of the original's journal is in the copy now; replaying it
    // over the other writer's file later would be wrong.
    if let Some(old) = replaced_journal {
        let _ = std::fs::remove_file(old);
    }
    Ok(bytes.len() as u64)
}

/// Moves the session to a new id and file beside the original, which stays
/// as the other writer left it. Returns the original's journal, to drop once
/// the copy is safe.
fn redirect_to_copy(o: &mut OpenSession, reply: &dyn Fn(Reply)) -> PathBuf {
    let from = o.path.clone();
    let dir = from.parent().unwrap_or(Path::new(".")).to_path_buf();
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let base_id = format!("{}-conflict-{stamp}", o.session.id);
    let mut id = base_id.clone();
    let mut n = 2;
    while dir.join(format!("{id}.yaml")).exists() {
        id = format!("{base_id}-{n}");
        n += 1;
    }
    let old_journal = journal_path(&from);
    o.session.id = id.clone();
    o.path = dir.join(format!("{id}.yaml"));
    o.disk_fp = None;
    // The copy starts from nothing on disk: a rescue must carry it whole.
    o.saved = o.session.clone();
    o.unsaved.clear();
    o.journal_on_disk = false;
    // Keep appending to the old journal until the copy's own journal exists.
    reply(Reply::Redirected { from, path: o.path.clone(), id });
    old_journal
}
