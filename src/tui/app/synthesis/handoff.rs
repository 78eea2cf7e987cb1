//! What passes between the screen and the main loop: the library read off
//! the UI thread (`SynthData`), its arrival and the synthesis run over it,
//! and what an update asks of the app around the screen (`Outcome`). Kept
//! apart so the loop's side of the screen reads in one place.

use super::SynthScreen;
use crate::analysis::synthesis::{NoteRef, SessionRecord};
use crate::analysis::transcript::marks::{LibraryTranscripts, QuoteMarks};
use crate::analysis::transcript::search::LineIndex;
use crate::domain::guide::Guide;
use std::path::PathBuf;

/// The library as the synthesis reads it, loaded off the UI thread.
#[derive(Debug, Clone, Default)]
pub struct SynthData {
    pub records: Vec<SessionRecord>,
    /// The file of each record, to open a note where it lives.
    pub paths: Vec<PathBuf>,
    pub guides: Vec<Guide>,
    /// Files that could not be read (`fieldnotes synth -v` names them).
    pub unreadable: usize,
    /// Sessions whose journal holds changes the file may not have yet.
    pub pending: usize,
    /// Which load this answers (`SynthScreen::request_load`): an older one
    /// arriving late is dropped.
    pub load: u64,
    /// The load failed: the records above are empty; this says why.
    pub error: Option<String>,
    /// The transcripts of the records, read with them (for search).
    pub transcripts: LibraryTranscripts,
    /// The transcript's verdict on each quote, computed with the load so
    /// no keystroke waits for it; the export shows the same ones.
    pub marks: QuoteMarks,
    /// The transcripts' lines indexed by word, for a search per keystroke.
    pub line_index: LineIndex,
}

impl SynthData {
    /// The marks and transcripts of the records, read from their files:
    /// the loading thread's work.
    pub fn with_transcripts(self, read: LibraryTranscripts) -> SynthData {
        let marks = QuoteMarks::compute(&self.records, &read);
        self.with_transcripts_and_marks(read, marks)
    }

    /// As `with_transcripts`, with verdicts already known (kept in the cache).
    pub fn with_transcripts_and_marks(mut self, read: LibraryTranscripts, marks: QuoteMarks) -> SynthData {
        self.marks = marks;
        self.line_index = LineIndex::build(&read);
        self.transcripts = read;
        self
    }
}

/// Where a jump from the synthesis lands: a session, and a note in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jump {
    pub path: PathBuf,
    pub note: Option<usize>,
    /// When a transcript line was opened, its moment on the recording, in
    /// seconds: `App::jump_transcript` carries it to the session view, which
    /// focuses its transcript pane there once the transcript is read.
    pub recording_secs: Option<u32>,
}

/// What an update asks of the app around the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    None,
    /// Back to the library.
    Leave,
    /// Read the library again.
    Reload,
    Open(Jump),
    /// Write the study report (or copy it).
    Export {
        clipboard: bool,
    },
    /// Star a note as key evidence in its file (or take the star off).
    Star(StarChange),
}

/// A note to star or unstar in a session that is not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StarChange {
    pub path: PathBuf,
    /// The note's index in its file.
    pub index: usize,
    pub starred: bool,
}

impl SynthScreen {
    /// Asks for the library to be read (again): the number to give the load.
    pub fn request_load(&mut self) -> u64 {
        self.load += 1;
        self.loading = true;
        self.load
    }

    /// A load finished: its figures are asked for (`take_job`), with the
    /// same tab, filter and rows (clamped when they arrive); the old figures
    /// stay until then. An answer to an older load than the latest asked
    /// for is dropped; a failed one keeps what is shown.
    pub fn loaded(&mut self, data: SynthData) {
        if data.load != self.load {
            return;
        }
        self.loading = false;
        if let Some(e) = data.error {
            self.message = Some(format!("Cannot read the library: {e}"));
            return;
        }
        self.arriving = Some(std::sync::Arc::new(data));
        self.recompute();
    }

    /// What the export writes through: names as shown, and the quotes'
    /// marks computed with the load (the ones on screen).
    pub fn report_view(&self) -> crate::analysis::report::View<'_> {
        let mut view = crate::analysis::report::View::new(self.records(), self.anonymize);
        view.marks = self.data.as_ref().map(|d| &d.marks);
        view
    }

    /// The transcript's verdict on a quote, if its interview has a transcript.
    pub fn verdict(&self, r: NoteRef) -> Option<&crate::analysis::transcript::quotes::Verdict> {
        self.data.as_ref()?.marks.get(r)
    }

    pub fn records(&self) -> &[SessionRecord] {
        self.data.as_ref().map_or(&[], |d| &d.records)
    }
}
