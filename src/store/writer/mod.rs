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

mod closing;
mod thread;

/// Where journals and locks live is a question of paths, answered below the
/// writer so the rescue (which the writer uses) can ask it too.
pub use super::paths::{journal_path, lock_path, state_dir};
pub use closing::Closing;

use super::disk::{self, Disk, RealDisk};
use super::lock::SessionLock;
use super::{rescue, yaml};
use crate::domain::op::Op;
use crate::domain::session::Session;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use thread::State;

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

/// Writes a whole session file atomically, outside the writer thread: for
/// recovery and tag-wide rewrites, where no session is open. Refuses what
/// the reader would refuse.
pub fn write_session(path: &Path, session: &Session) -> Result<(), String> {
    let text = yaml::to_string(session)?;
    yaml::check_readable(&text).map_err(|e| format!("not written {}: {e}", path.display()))?;
    disk::write_atomic(path, text.as_bytes(), &mut RealDisk, |_| Ok(()))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
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
