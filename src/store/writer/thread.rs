//! The writer thread: its loop (batching commands, saving when idle or at
//! the latest after `MAX_DELAY`, retrying), the journal appends, and the
//! atomic rewrite of the YAML, including the hand-over to a copy when someone
//! else changed the file. The public handle is in `writer`, the verdicts on
//! close in `closing`.

use super::{Closing, Command, Reply, journal_path};
use crate::domain::session::Session;
use crate::store::disk::{self, Disk};
use crate::store::journal::{self, Journal, Record};
use crate::store::lock::SessionLock;
use crate::store::yaml;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// After this long without a change, the YAML is rewritten.
const IDLE: Duration = Duration::from_millis(1500);
/// Even while changes keep coming, the YAML is never older than this.
const MAX_DELAY: Duration = Duration::from_secs(20);
/// How soon a failed save is tried again.
const RETRY: Duration = Duration::from_secs(2);

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

pub(super) struct OpenSession {
    pub(super) path: PathBuf,
    pub(super) session: Session,
    /// The session as its YAML file holds it (`disk_fp`), or as it began
    /// when no file was written yet; with `unsaved`, what a rescue needs.
    pub(super) saved: Session,
    /// Every change since `saved`.
    pub(super) unsaved: Vec<Record>,
    /// Every change up to here is on the disk (journal synced or YAML written).
    pub(super) durable_rev: u64,
    /// Whether a journal holding `saved` (or older, with the intent for it)
    /// is on the disk: then durable changes are recoverable from it.
    pub(super) journal_on_disk: bool,
    /// `None` after a journal write failed: the next save rewrites from memory.
    pub(super) journal: Option<Journal>,
    /// Fingerprint of the YAML as we last wrote or read it.
    pub(super) disk_fp: Option<u64>,
    pub(super) last_rev: u64,
    pub(super) dirty_since: Option<Instant>,
    pub(super) last_change: Instant,
    pub(super) failing: bool,
    /// Why the last save failed, for the closing verdict.
    pub(super) last_error: Option<String>,
    pub(super) _lock: Option<SessionLock>,
}

pub(super) struct State {
    pub(super) disk: Box<dyn Disk>,
    pub(super) open: Option<OpenSession>,
    /// Sessions closed while nothing could be written anywhere: kept in
    /// memory and tried again on every close and retry.
    pub(super) at_risk: Vec<OpenSession>,
    pub(super) rescue_dirs: Vec<PathBuf>,
    pub(super) reply: Box<dyn Fn(Reply) + Send>,
    /// The latest verdict per session file, from every `CloseReport`.
    pub(super) verdicts: Vec<Closing>,
}

impl State {
    pub(super) fn run(mut self, rx: Receiver<Command>) {
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
    pub(super) fn save_yaml(&mut self) {
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
