//! The main loop's work off the UI thread: reports and snapshots written,
//! the synthesis and the study read, the synthesis computed, a follow-up
//! ticked or a note starred from a list, each a job whose result comes back
//! as an event.

use super::*;
use crate::tui::app::synthesis::Job;

impl Loop {
    /// Writes the open session's Markdown snapshot to `exports/`, or sends it
    /// to the terminal's clipboard with OSC 52.
    pub(super) fn export(&mut self, clipboard: bool) {
        let Some(r) = self.app.review() else { return };
        let md = crate::analysis::snapshot::markdown(&r.session, Some(&r.guide));
        if clipboard {
            self.terminal_out = Some(crate::tui::editor::osc52(&md));
            self.app.message = Some(
                "Snapshot sent to the clipboard (OSC 52). If nothing was copied, your terminal does not allow it: use s to save a file."
                    .into(),
            );
            return;
        }
        let path = self.paths.data_dir.join("exports").join(format!("{}.md", r.session.id));
        self.write_off_thread(move || {
            write_file(&path, &md).map(|()| Done::Said(format!("Snapshot saved to {}", path.display())))
        });
    }

    /// Reads the library (through the derived cache) and the guides on a
    /// thread of its own: a year of interviews must not freeze the screen.
    pub(super) fn load_synthesis(&mut self, load: u64) {
        use crate::tui::app::synthesis::SynthData;
        let tx = self.events.clone();
        let sessions = self.paths.sessions_dir();
        let guides_dir = self.paths.guides_dir();
        let started = std::thread::Builder::new().name("fieldnotes-synthesis".into()).spawn(move || {
            // A panic while reading must still answer, or the screen would
            // say "Reading the library…" for ever.
            let read = std::panic::catch_unwind(|| {
                let loaded = crate::store::cache::load(&sessions, crate::store::cache::cache_dir().as_deref());
                let guides = guides::list(&guides_dir).into_iter().filter_map(|e| e.guide.ok()).collect();
                let cache_dir = crate::store::cache::cache_dir();
                // Transcripts and the verdicts on quotes, with the records: never on a key.
                let said = crate::store::cache::transcripts::load(&loaded.paths, &loaded.records, cache_dir.as_deref());
                SynthData {
                    records: loaded.records,
                    paths: loaded.paths,
                    guides,
                    unreadable: loaded.errors.len(),
                    pending: loaded.journals.len(),
                    load,
                    error: None,
                    ..SynthData::default()
                }
                .with_transcripts_and_marks(said.transcripts, said.marks)
            });
            let data = read.unwrap_or_else(|_| SynthData {
                load,
                error: Some("internal error while reading (see the message above)".into()),
                ..SynthData::default()
            });
            let _ = tx.send(Event::Synthesis(Box::new(data)));
        });
        if let Err(e) = started {
            self.app.message = Some(format!("Cannot read the library: {e}"));
        }
    }

    /// Computes the synthesis screen's figures (or its search) on a thread
    /// of its own, started with the first job and kept: a key never waits
    /// for them. The answer comes back as `Event::Computed`.
    pub(super) fn synthesize(&mut self, job: Job) {
        let job = match &self.figures {
            Some(tx) => match tx.send(job) {
                Ok(()) => return,
                // The thread is gone: start it again.
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        let (tx, rx) = mpsc::channel();
        // Waiting in the channel for the thread (a clone shares what it reads).
        let _ = tx.send(job.clone());
        let events = self.events.clone();
        let started =
            std::thread::Builder::new().name("fieldnotes-figures".into()).spawn(move || figures(&rx, &events));
        match started {
            Ok(_) => self.figures = Some(tx),
            // No thread to be had: computed here, late rather than never.
            Err(_) => {
                let computed = job.run();
                let _ = self.events.send(Event::Computed(Box::new(computed)));
            }
        }
    }

    /// Reads and computes the study for the study screen on a thread of its
    /// own: the study file, the roster and the library are never read on a key.
    pub(super) fn load_study(&mut self, load: u64, name: Option<String>) {
        use crate::store::study_library::{StudyRead, read_study};
        let tx = self.events.clone();
        let paths = self.paths.clone();
        let started = std::thread::Builder::new().name("fieldnotes-study".into()).spawn(move || {
            // A panic while reading must still answer, or the screen would say "reading…" for ever.
            let read = std::panic::catch_unwind(|| read_study(&paths, name.as_deref())).unwrap_or_else(|_| StudyRead {
                names: Vec::new(),
                label: None,
                shown: Err("internal error while reading (see the message above)".into()),
                warnings: Vec::new(),
            });
            let _ = tx.send(Event::Study { load, read: Box::new(read) });
        });
        if let Err(e) = started {
            self.app.message = Some(format!("Cannot read the study: {e}"));
        }
    }

    /// Writes the study report of what the synthesis screen shows (filters and
    /// anonymisation included) to `exports/`, or sends it to the clipboard.
    pub(super) fn export_report(&mut self, clipboard: bool) {
        let Some(s) = self.app.synthesis() else { return };
        let Some(result) = &s.result else {
            self.app.message = Some("Still reading the library: nothing to save yet.".into());
            return;
        };
        // The figures on screen, with the filter they were computed with (a
        // newer one may be on its way); the codebook's themes when the
        // library has a codebook (read at start-up).
        let view = s.report_view();
        let book = self.app.codebook.clone();
        let md = crate::analysis::report::codebook_themes::markdown_report(
            result,
            &view,
            &s.result_filter,
            10,
            book.as_deref(),
        );
        if clipboard {
            self.terminal_out = Some(crate::tui::editor::osc52(&md));
            self.app.message =
                Some("Report sent to the clipboard (OSC 52). If nothing was copied, use s to save a file.".into());
            return;
        }
        // The same report twice: Markdown to paste, HTML (charts) for the team's browsers.
        let html =
            crate::analysis::report::codebook_themes::html_report(result, &view, &s.result_filter, 10, book.as_deref());
        let path =
            self.paths.data_dir.join("exports").join(format!("synthesis-{}", self.app.now.format("%Y%m%d-%H%M%S")));
        let (md_path, html_path) = (path.with_extension("md"), path.with_extension("html"));
        self.write_off_thread(move || {
            write_file(&md_path, &md)?;
            write_file(&html_path, &html)
                .map_err(|e| format!("{e} (the Markdown was saved to {})", md_path.display()))?;
            Ok(Done::Said(format!("Report saved to {} (and .html, with charts)", md_path.display())))
        });
    }

    /// Marks a follow-up done in a session that is not open: under its lock,
    /// after recovering any journal, one atomic rewrite. The list shows the
    /// new state only once the file holds it.
    pub(super) fn set_done(&mut self, path: PathBuf, index: usize, done: bool) {
        self.write_off_thread(move || {
            let written = (|| {
                let _lock = lock::acquire(&lock_path(&path)).map_err(|e| e.to_string())?;
                recovery::bring_back(&path)?;
                let mut session = library::load_session(&path).map_err(|e| e.to_string())?;
                let note = session.notes.get_mut(index).ok_or("that follow-up is gone from the file")?;
                note.done = done;
                crate::store::writer::write_session(&path, &session)
            })();
            written.map_err(|e| format!("Not changed: {e}"))?;
            Ok(Done::FollowupDone { path, index, done })
        });
    }

    /// Stars a note (or unstars it) in a session that is not open, from the
    /// synthesis: under the session's lock, after any journal is brought
    /// back, as the same `Op::Replace` the session view would journal.
    pub(super) fn set_starred(&mut self, change: crate::tui::app::synthesis::StarChange) {
        self.write_off_thread(move || {
            let written = (|| {
                let path = change.path.as_path();
                let _lock = lock::acquire(&lock_path(path)).map_err(|e| e.to_string())?;
                recovery::bring_back(path)?;
                let mut session = library::load_session(path).map_err(|e| e.to_string())?;
                let mut note = session.notes.get(change.index).ok_or("that note is gone from the file")?.clone();
                note.starred = change.starred;
                crate::domain::op::Op::Replace { index: change.index, note }.apply(&mut session)?;
                crate::store::writer::write_session(path, &session)
            })();
            written.map_err(|e| format!("Not changed: {e}"))?;
            Ok(Done::Starred(change))
        });
    }

    /// Queues a write on the file thread; its error comes back as the footer's message.
    pub(super) fn write_off_thread(&mut self, job: impl FnOnce() -> Result<Done, String> + Send + 'static) {
        if !self.jobs.run(move || job().unwrap_or_else(Done::Failed)) {
            self.app.message = Some("Nothing written: the thread that writes files has stopped.".into());
        }
    }

    /// A file job's outcome reaches the screen.
    pub(super) fn job_done(&mut self, done: Done) {
        match done {
            Done::Said(message) | Done::Failed(message) => self.app.message = Some(message),
            Done::Starred(change) => {
                for effect in self.app.star_saved(&change) {
                    self.carry_out(effect);
                }
            }
            Done::Roster(roster) => self.app.roster_loaded(roster),
            Done::FollowupDone { path, index, done } => self.app.followup_saved(&path, index, done),
            Done::TranscriptImported { session_path, imported } => {
                for effect in self.app.transcript_imported(&session_path, *imported) {
                    self.carry_out(effect);
                }
            }
        }
    }
}

/// The figures thread: only the newest job waiting is run (the older ones
/// were asked again since, and their answers would be dropped), one that a
/// newer job overtakes is abandoned between its steps, and every job run to
/// its end answers, even one that panicked, or the screen would say
/// "updating" for ever.
fn figures(jobs: &mpsc::Receiver<Job>, events: &mpsc::Sender<Event>) {
    let mut next: Option<Job> = None;
    loop {
        let mut job = match next.take() {
            Some(job) => job,
            None => match jobs.recv() {
                Ok(job) => job,
                Err(_) => return,
            },
        };
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let number = job.number;
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            job.run_unless(|| {
                // Anything in the channel is newer than this job.
                next = jobs.try_recv().ok();
                next.is_some()
            })
        }));
        let computed = match ran {
            Ok(Some(computed)) => computed,
            Ok(None) => continue,
            Err(_) => Job::failed(number),
        };
        if events.send(Event::Computed(Box::new(computed))).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::synthesis::{SynthData, SynthScreen};

    /// Three questions waiting before the worker looks: it answers only the
    /// newest, and the screen takes that answer.
    #[test]
    fn the_figures_thread_answers_only_the_newest_job_waiting() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00+00:00").unwrap();
        let mut r = crate::analysis::synthesis::SessionRecord::new("a", "Dana", "discovery", at);
        r.push_note(
            crate::domain::session::Offset(5),
            crate::domain::note::Kind::Pain,
            None,
            ["export"],
            "export breaks",
        );
        let mut screen = SynthScreen::new();
        screen.loaded(SynthData { records: vec![r], paths: vec!["/s/a.yaml".into()], ..SynthData::default() });
        let mut asked = vec![screen.take_job().expect("the load asks for its figures")];
        for _ in 0..2 {
            screen.recompute();
            asked.push(screen.take_job().expect("a job"));
        }
        let newest = asked[2].number;
        let (jobs_tx, jobs_rx) = mpsc::channel();
        for job in asked {
            jobs_tx.send(job).unwrap();
        }
        drop(jobs_tx);
        let (events_tx, events_rx) = mpsc::channel();
        // Returns once the channel is empty and closed.
        figures(&jobs_rx, &events_tx);
        let answers: Vec<_> = events_rx
            .try_iter()
            .map(|e| match e {
                Event::Computed(c) => c,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(answers.iter().map(|c| c.number).collect::<Vec<_>>(), vec![newest]);
        assert!(screen.updating() && screen.result.is_none());
        screen.computed(*answers.into_iter().next().unwrap());
        assert!(!screen.updating());
        assert_eq!(screen.result.as_ref().map(|s| s.themes[0].tag.as_str()), Some("export"));
    }
}
