//! Files the screens write outside the open session (an export, a star from
//! the synthesis, a follow-up ticked in the list) are written here, on one
//! thread of its own, in the order asked. A keystroke never waits on a disk;
//! two changes to one file never race for its lock; and a screen changes only
//! once the file holds the change, when the job's `Done` comes back as an
//! event. On leaving, `finish` waits for what is under way.

use crate::tui::app::synthesis::StarChange;
use std::path::PathBuf;
use std::sync::mpsc::{self, Sender};
use std::thread::JoinHandle;

/// What a job came to, for the screen.
#[derive(Debug)]
pub enum Done {
    /// Written: what to say in the footer.
    Said(String),
    /// A star from the synthesis reached its session file.
    Starred(StarChange),
    /// A follow-up's new state reached its session file.
    FollowupDone { path: PathBuf, index: usize, done: bool },
    /// A transcript was read and kept beside the open session, whose file
    /// is yet to record it.
    TranscriptImported { session_path: PathBuf, imported: Box<crate::store::transcripts::Imported> },
    /// Nothing was changed, and why.
    Failed(String),
    /// The roster, read for the new-interview form (nothing written).
    Roster(Vec<crate::tui::app::roster_pick::RosterChoice>),
}

type Job = Box<dyn FnOnce() -> Done + Send>;

pub struct FileJobs {
    jobs: Option<Sender<Job>>,
    worker: Option<JoinHandle<()>>,
}

impl FileJobs {
    /// Starts the thread; each job's `Done` is handed to `reply` (the main
    /// loop sends it to itself as an event, as the writer's replies are).
    pub fn spawn(reply: impl Fn(Done) + Send + 'static) -> std::io::Result<FileJobs> {
        let (tx, rx) = mpsc::channel::<Job>();
        let worker = std::thread::Builder::new().name("fieldnotes-files".into()).spawn(move || {
            for job in rx {
                // A panic in one job is that job's failure, not the thread's end.
                let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job))
                    .unwrap_or_else(|_| Done::Failed("internal error while writing (see the message above)".into()));
                reply(done);
            }
        })?;
        Ok(FileJobs { jobs: Some(tx), worker: Some(worker) })
    }

    /// Queues a job. `false` when the thread is gone (then nothing was written).
    pub fn run(&self, job: impl FnOnce() -> Done + Send + 'static) -> bool {
        self.jobs.as_ref().is_some_and(|tx| tx.send(Box::new(job)).is_ok())
    }

    /// Waits for every job queued so far to be written.
    pub fn finish(mut self) {
        drop(self.jobs.take());
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_run_in_order_off_the_caller_and_finish_waits_for_them() {
        let (tx, rx) = mpsc::channel();
        let jobs = FileJobs::spawn(move |done| tx.send(done).unwrap()).unwrap();
        let (gate_tx, gate_rx) = mpsc::channel::<()>();
        // The first job waits on a gate the caller holds: queuing it returns at once.
        assert!(jobs.run(move || {
            gate_rx.recv().unwrap();
            Done::Said("first".into())
        }));
        assert!(jobs.run(|| Done::Said("second".into())));
        assert!(jobs.run(|| panic!("a broken job")));
        assert!(rx.try_recv().is_err(), "nothing is done while the first job waits");
        gate_tx.send(()).unwrap();
        jobs.finish();
        let said: Vec<String> = rx
            .try_iter()
            .map(|e| match e {
                Done::Said(s) => s,
                Done::Failed(s) => format!("failed: {s}"),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert_eq!(&said[..2], ["first", "second"]);
        assert!(said[2].starts_with("failed: internal error"), "{said:?}");
    }
}
