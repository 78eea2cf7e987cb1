//! The transcripts of a whole library, read once with it (off the UI
//! thread in the app, once per command on the command line), for the quote
//! marks and the transcript lines of a search.
//!
//! Only sessions with a `ID.vtt` beside them are opened again (a stat per
//! session otherwise): their file says the transcript's name and offset. A
//! transcript that cannot be read is passed over and named in `problems`;
//! its quotes show no mark.

use super::session_files::load_session;
use super::transcripts;
use crate::analysis::transcript::marks::{LibraryTranscripts, QuoteMarks, SessionTranscript};
use std::collections::HashMap;
use std::path::PathBuf;

/// What reading the library's transcripts gave.
#[derive(Debug, Default)]
pub struct Read {
    pub transcripts: LibraryTranscripts,
    /// One line per transcript that could not be read.
    pub problems: Vec<String>,
    /// The verdict on each quote the transcripts speak for.
    pub marks: QuoteMarks,
}

/// Reads the transcript of every session in `paths` (the files of the
/// records, in the records' order) that has one, with no cache and no
/// marks (`store::cache::transcripts::load` gives both).
pub fn read_all(paths: &[PathBuf]) -> Read {
    let mut by_session = HashMap::new();
    let mut problems = Vec::new();
    for (si, path) in paths.iter().enumerate() {
        if !path.with_file_name(transcripts::file_name(path)).is_file() {
            continue;
        }
        match read_one(path) {
            Ok(Some(t)) => {
                by_session.insert(si, t);
            }
            Ok(None) => {}
            Err(e) => problems.push(e),
        }
    }
    Read { transcripts: LibraryTranscripts { by_session }, problems, marks: QuoteMarks::default() }
}

/// One session's transcript, if its file names one.
pub fn read_one(path: &std::path::Path) -> Result<Option<SessionTranscript>, String> {
    let session = load_session(path).map_err(|e| e.to_string())?;
    let Some(link) = session.transcript else { return Ok(None) };
    let transcript = transcripts::read(path, &link.file)?;
    Ok(Some(SessionTranscript { offset: link.offset.0, interviewer: link.interviewer, transcript }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::transcript::{Cue, Transcript};

    const SESSION: &str = "schema: 1\nid: s1\nguide: discovery\nparticipant: {name: Ana}\nstarted_at: 2025-03-12T10:00:00+00:00\ntranscript: {file: s1.vtt, offset: \"+00:00:35\", interviewer: Sam}\nnotes:\n  - {at: \"00:05:00\", text: We use spreadsheets}\n";

    #[test]
    fn only_sessions_with_a_transcript_beside_them_are_read_with_their_offset() {
        let dir = tempfile::tempdir().unwrap();
        let with = dir.path().join("s1.yaml");
        let without = dir.path().join("s2.yaml");
        std::fs::write(&with, SESSION).unwrap();
        std::fs::write(&without, SESSION.replace("s1", "s2")).unwrap();
        let t = Transcript { cues: vec![Cue { start: 1.0, end: 2.0, speaker: None, text: "hello".into() }] };
        transcripts::write(&with, &t).unwrap();
        let read = read_all(&[without.clone(), with.clone()]);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        assert_eq!(read.transcripts.by_session.len(), 1);
        let got = read.transcripts.of(1).unwrap();
        assert_eq!((got.offset, got.interviewer.as_deref(), &got.transcript), (35, Some("Sam"), &t));

        std::fs::write(with.with_extension("vtt"), "not a transcript at all\u{0}").unwrap();
        let read = read_all(&[with]);
        assert!(read.transcripts.by_session.is_empty());
        assert_eq!(read.problems.len(), 1, "a broken transcript is named");
    }
}
