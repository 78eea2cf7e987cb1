//! The one writer: a thread that owns every session write, so saves happen in
//! order, never on the UI thread, and an older snapshot never lands after a
//! newer one. The UI sends whole snapshots; the writer keeps only the newest
//! per file when it falls behind.

use super::yaml;
use crate::domain::session::Session;
use atomic_write_file::AtomicWriteFile;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

/// A request to put a session on disk.
#[derive(Debug, Clone)]
pub struct SaveJob {
    pub path: PathBuf,
    pub session: Session,
    /// Increases with every change, so replies can be matched to what is on screen.
    pub rev: u64,
}

/// What the writer tells the UI after each save.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveReply {
    Saved { path: PathBuf, rev: u64 },
    Failed { path: PathBuf, rev: u64, error: String },
}

pub struct Writer {
    tx: Option<Sender<SaveJob>>,
    handle: Option<JoinHandle<()>>,
}

impl Writer {
    /// Starts the writer; `reply` is called on the writer thread after each save.
    pub fn spawn(reply: impl Fn(SaveReply) + Send + 'static) -> Writer {
        let (tx, rx) = mpsc::channel::<SaveJob>();
        let handle = std::thread::Builder::new()
            .name("fieldnotes-writer".into())
            .spawn(move || run(rx, reply))
            .expect("spawn writer thread");
        Writer { tx: Some(tx), handle: Some(handle) }
    }

    pub fn save(&self, job: SaveJob) {
        if let Some(tx) = &self.tx {
            // The thread only ends when we drop the sender, so this cannot fail
            // while `self` lives; if it somehow did, save inline rather than lose it.
            if let Err(mpsc::SendError(job)) = tx.send(job) {
                let _ = write_session(&job.path, &job.session);
            }
        }
    }

    /// Waits for every queued save to finish.
    pub fn finish(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.tx.take();
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

fn run(rx: Receiver<SaveJob>, reply: impl Fn(SaveReply)) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        // Only the newest snapshot of each file matters.
        let mut newest: Vec<SaveJob> = Vec::new();
        for job in batch {
            match newest.iter_mut().find(|j| j.path == job.path) {
                Some(slot) if slot.rev <= job.rev => *slot = job,
                Some(_) => {}
                None => newest.push(job),
            }
        }
        for job in newest {
            let msg = match write_session(&job.path, &job.session) {
                Ok(()) => SaveReply::Saved { path: job.path, rev: job.rev },
                Err(error) => SaveReply::Failed { path: job.path, rev: job.rev, error },
            };
            reply(msg);
        }
    }
}

/// Writes a session atomically: a temporary file in the same folder, synced,
/// renamed over the old one, and the folder synced. A crash at any point
/// leaves either the old file or the new one, whole.
pub fn write_session(path: &Path, session: &Session) -> Result<(), String> {
    let text = yaml::to_string(session)?;
    write_atomic(path, text.as_bytes())
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut file = AtomicWriteFile::open(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    file.write_all(bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    file.commit().map_err(|e| format!("cannot save {}: {e}", path.display()))
}
