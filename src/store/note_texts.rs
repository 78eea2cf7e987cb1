//! The library's note text, for the free words of a filter that must look
//! into notes (`list --filter`, the library's `/`). The rows themselves hold
//! no note text (`session_info.rs`): it is read here, from the synthesis
//! cache (`cache/mod.rs`), only when a free word asks for it.
//!
//! The home screen does not search on its UI thread: [`NoteSearch`] keeps
//! the text in a thread of its own, read once on the first question (and
//! again when the library changed), and answers each filter line with the
//! sessions whose notes hold its words; a question asked while another is
//! being answered replaces it, so typing never queues work.

use super::cache;
use crate::analysis::synthesis::notes_text_lower;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// Every session's note text, lower-cased, one note per line
/// (`analysis::synthesis::notes_text_lower`), in one string.
#[derive(Debug, Default)]
pub struct NoteTexts {
    text: String,
    by_id: HashMap<String, Range<usize>>,
}

impl NoteTexts {
    /// Read through the synthesis cache (kept current as it is read).
    pub fn read(sessions_dir: &Path, cache_dir: Option<&Path>) -> NoteTexts {
        let loaded = cache::load(sessions_dir, cache_dir);
        let mut out = NoteTexts::default();
        // One allocation of about the right size, not a doubling string.
        out.text.reserve(loaded.records.iter().map(|r| r.text.len() + r.notes().len()).sum());
        for r in loaded.records {
            let start = out.text.len();
            out.text.push_str(&notes_text_lower(&r));
            out.by_id.insert(r.id, start..out.text.len());
        }
        out.text.shrink_to_fit();
        out
    }

    /// The notes of session `id`, lower-cased; empty when it has none (or is unknown).
    pub fn of(&self, id: &str) -> &str {
        self.by_id.get(id).map_or("", |r| &self.text[r.clone()])
    }

    /// For each session whose notes hold any of `words` (trimmed, any case),
    /// those words, lower-cased, one per line.
    pub fn find(&self, words: &[String]) -> HashMap<String, String> {
        let words = normalized(words);
        let mut out = HashMap::new();
        for (id, range) in &self.by_id {
            if let Some(found) = found_in(&self.text[range.clone()], &words) {
                out.insert(id.clone(), found);
            }
        }
        out
    }

    /// As `read(…).find(words)`, for a single question (`list --filter`):
    /// each session's text is looked at and let go, never all kept at once.
    pub fn find_once(sessions_dir: &Path, cache_dir: Option<&Path>, words: &[String]) -> HashMap<String, String> {
        let words = normalized(words);
        let loaded = cache::load(sessions_dir, cache_dir);
        let mut out = HashMap::new();
        for r in loaded.records {
            if let Some(found) = found_in(&notes_text_lower(&r), &words) {
                out.insert(r.id, found);
            }
        }
        out
    }
}

/// The `words` (normalized) that `notes` holds, one per line; `None` when none.
fn found_in(notes: &str, words: &[String]) -> Option<String> {
    let found: Vec<&str> = words.iter().filter(|w| notes.contains(w.as_str())).map(String::as_str).collect();
    (!found.is_empty()).then(|| found.join("\n"))
}

/// Free words as the filter compares them (`Filter::free_words_in`).
pub fn normalized(words: &[String]) -> Vec<String> {
    words.iter().map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect()
}

/// A question for the note search: the free words, and which reading of the
/// library they are about (a new number reads the text again).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteQuery {
    pub words: Vec<String>,
    pub library: u64,
}

/// The answer: for the query asked, the sessions (by id) whose notes hold
/// some of its words, with those words one per line (see `NoteTexts::find`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotesFound {
    pub query: NoteQuery,
    pub in_notes: HashMap<String, String>,
}

/// The thread that holds the library's note text and answers queries.
pub struct NoteSearch {
    tx: mpsc::Sender<NoteQuery>,
}

impl NoteSearch {
    /// Starts the thread; nothing is read until the first question.
    pub fn spawn(
        sessions_dir: PathBuf,
        cache_dir: Option<PathBuf>,
        answer: impl Fn(NotesFound) + Send + 'static,
    ) -> std::io::Result<NoteSearch> {
        let (tx, rx) = mpsc::channel::<NoteQuery>();
        std::thread::Builder::new().name("fieldnotes-note-search".into()).spawn(move || {
            let mut texts: Option<(u64, NoteTexts)> = None;
            while let Ok(mut query) = rx.recv() {
                // Only the last question matters: the line has moved on.
                while let Ok(newer) = rx.try_recv() {
                    query = newer;
                }
                if texts.as_ref().is_none_or(|(library, _)| *library != query.library) {
                    drop(texts.take()); // the old text goes before the new is read
                    texts = Some((query.library, NoteTexts::read(&sessions_dir, cache_dir.as_deref())));
                }
                let in_notes = texts.as_ref().map(|(_, t)| t.find(&query.words)).unwrap_or_default();
                answer(NotesFound { query, in_notes });
            }
        })?;
        Ok(NoteSearch { tx })
    }

    /// Asks for the sessions whose notes hold `query`'s words; the answer comes through `answer`.
    pub fn ask(&self, query: NoteQuery) {
        let _ = self.tx.send(query);
    }
}
