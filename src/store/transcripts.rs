//! A session's transcript on disk: the WebVTT file beside the session
//! (`sessions/ID.vtt`), in the normal form `analysis::transcript::vtt`
//! writes, saved atomically like every other file.

use super::disk::{self, RealDisk};
use crate::analysis::transcript::align::{Alignment, TimedText, align};
use crate::analysis::transcript::parse::{self, Format, MAX_BYTES, ParseError};
use crate::analysis::transcript::speakers::likely_interviewer;
use crate::analysis::transcript::vtt;
use crate::domain::session::Session;
use crate::domain::transcript::{ClockOffset, Transcript, TranscriptLink};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The transcript file's name for a session file: `ID.yaml` → `ID.vtt`.
pub fn file_name(session_path: &Path) -> String {
    let stem = session_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    format!("{stem}.vtt")
}

/// Where a transcript named in a session file lives: beside it. A name with
/// a folder in it is refused, so a hand-edited file cannot point elsewhere.
pub fn path_of(session_path: &Path, file: &str) -> Result<PathBuf, String> {
    if file.is_empty() || file.contains(['/', '\\']) || file == ".." || file == "." {
        return Err(format!("transcript file {file:?} must be a file name beside the session"));
    }
    Ok(session_path.parent().unwrap_or(Path::new(".")).join(file))
}

/// Reads a transcript export (any format read), within the budget, with
/// the file's name in every error.
pub fn read_export(path: &Path) -> Result<(Format, Transcript), String> {
    let bytes = read_capped(path)?;
    parse::parse(&bytes).map_err(|e| located(path, &e))
}

/// Reads the normal form kept beside a session.
pub fn read(session_path: &Path, file: &str) -> Result<Transcript, String> {
    let path = path_of(session_path, file)?;
    let bytes = read_capped(&path)?;
    parse::parse(&bytes).map(|(_, t)| t).map_err(|e| located(&path, &e))
}

/// Writes the normal form beside the session, atomically; returns its name.
pub fn write(session_path: &Path, transcript: &Transcript) -> Result<String, String> {
    let name = file_name(session_path);
    let path = path_of(session_path, &name)?;
    disk::write_atomic(&path, vtt::write(transcript).as_bytes(), &mut RealDisk, |_| Ok(()))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(name)
}

/// A transcript export read, aligned to a session's notes and kept beside
/// it: what `transcript import` and the session view's import key do before
/// the session file records `link`.
#[derive(Debug, Clone)]
pub struct Imported {
    pub format: Format,
    pub transcript: Transcript,
    pub link: TranscriptLink,
    /// The offset found from the notes (used unless one was given).
    pub found: Alignment,
}

/// Reads the export at `file`, finds the offset from `session`'s notes
/// (unless `offset` is given), guesses the interviewer (unless named) and
/// writes the normal form beside the session file at `session_path`. The
/// session file itself is left to the caller (under its lock, or through
/// the open session's writer).
pub fn import(
    session_path: &Path,
    session: &Session,
    file: &Path,
    offset: Option<ClockOffset>,
    interviewer: Option<String>,
) -> Result<Imported, String> {
    let (format, transcript) = read_export(file)?;
    let found = align(&first_sitting_notes(session), &transcript);
    let link = TranscriptLink {
        file: write(session_path, &transcript)?,
        offset: offset.unwrap_or(ClockOffset(found.offset_seconds)),
        interviewer: interviewer.or_else(|| likely_interviewer(&transcript)),
        source: file.file_name().map(|n| n.to_string_lossy().into_owned()),
        extra: Default::default(),
    };
    Ok(Imported { format, transcript, link, found })
}

/// The notes the recording can hold: those of the first sitting (a later
/// call is another recording).
pub fn first_sitting_notes(session: &Session) -> Vec<TimedText<'_>> {
    session
        .notes
        .iter()
        .filter(|n| n.sitting_number() == 1)
        .map(|n| TimedText { at: n.at.0 as f64, text: &n.text })
        .collect()
}

/// Removes the transcript file; one already gone is not an error.
pub fn remove(session_path: &Path, file: &str) -> Result<(), String> {
    let path = path_of(session_path, file)?;
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot remove {}: {e}", path.display())),
    }
}

fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let meta = file.metadata().map_err(|e| format!("{}: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!("{}: not a file", path.display()));
    }
    let mut bytes = Vec::new();
    // One byte over the budget is enough to know it is too big.
    file.take(MAX_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(bytes)
}

fn located(path: &Path, e: &ParseError) -> String {
    format!("{}:{}: {}", path.display(), e.line, e.message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::transcript::Cue;

    #[test]
    fn a_transcript_is_kept_beside_its_session_and_read_back() {
        let dir = std::env::temp_dir().join(format!("fieldnotes-transcripts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let session = dir.join("20261130-0900-dana.yaml");
        let t = Transcript {
            cues: vec![Cue { start: 1.0, end: 2.5, speaker: Some("Dana".into()), text: "Hi <there>".into() }],
        };
        let name = write(&session, &t).unwrap();
        assert_eq!(name, "20261130-0900-dana.vtt");
        assert_eq!(read(&session, &name).unwrap(), t);
        remove(&session, &name).unwrap();
        remove(&session, &name).unwrap();
        assert!(read(&session, &name).unwrap_err().contains("20261130-0900-dana.vtt"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_name_that_leaves_the_folder_is_refused() {
        for bad in ["../x.vtt", "/etc/passwd", "a/b.vtt", "..", ""] {
            assert!(path_of(Path::new("/d/s.yaml"), bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_export_too_large_or_broken_names_the_file_and_line() {
        let dir = std::env::temp_dir().join(format!("fieldnotes-export-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("call.vtt");
        std::fs::write(&f, "WEBVTT\n\n00:00:01.000 --> later\nhi\n").unwrap();
        let e = read_export(&f).unwrap_err();
        assert!(e.contains("call.vtt:3:"), "{e}");
        std::fs::write(&f, vec![b'x'; MAX_BYTES + 10]).unwrap();
        assert!(read_export(&f).unwrap_err().contains("MiB"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
