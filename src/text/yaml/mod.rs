//! The YAML text codec, with no disk access: one set of input budgets for
//! parsing (hostile text must fail fast, not hang or eat memory) and one writer
//! style, so saving the same data twice gives the same bytes. Reading files
//! (size and file-type checks, UTF-8) is `store::yaml`, on top of this; the
//! guide linter, themes, keymaps and config parse text here without the store.
//!
//! Parsing is hardened against hostile and broken text (see `tests/hostile_files.rs`):
//! the budget in `options(len)` stops alias bombs, deep nesting and huge node counts
//! early. Errors name the file, the line and column where the parser gives one,
//! and the key path (`notes[3].kind`) of the value at fault (`errors`, `key_path`),
//! so a user can fix the file by hand.

mod errors;
pub mod fast;
mod key_path;

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt;
use std::path::{Path, PathBuf};

/// Largest file we read at all; a session of a very long day is well under 2 MB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Deepest nesting of lists and mappings we accept. A session needs 4
/// (session > notes > note > tags); unknown keys may nest a little more.
const MAX_DEPTH: usize = 64;

/// Aliases (`*name`) and anchors (`&name`) a file may use. fieldnotes never
/// writes them; hand-edited files may use a few.
const MAX_ALIASES: usize = 1_000;

/// Events an alias may replay, and events copied into anchors, in total. Both
/// grow exponentially in an alias bomb ("billion laughs"); 20,000 stops one in
/// ~10 ms (release; ~0.15 s in debug) and ~3 MB, while leaving room for real use
/// of anchors (a thousand aliases of a small mapping or list). The crate's
/// default, 1,000,000, let a 10x10 bomb run for 4 s in debug.
const MAX_ALIAS_EVENTS: usize = 20_000;

/// Longest error message we keep: a hostile file can put megabytes of text into
/// a value that ends up quoted in an error ("unknown variant `…`").
const MAX_MESSAGE_CHARS: usize = 300;

/// A file that could not be read, with where in it the problem is.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub path: PathBuf,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        LoadError { path: path.to_path_buf(), line: None, column: None, message: message.into() }
    }
}

/// Values (nodes) a file of `len` bytes may hold. The densest file fieldnotes
/// writes spends three bytes on a value (one-letter tags: `[a, b, c]`), so a
/// budget of a value per three bytes never refuses a file the writer made,
/// up to the 16 MiB a session file may hold, while a file packed tighter than
/// that (`[a,a,a,…]`) is refused before it is read. Small files keep the old
/// fixed floor, which no real session comes near. The work any file can cost
/// is then bounded by its size, as parsing is: about a second for the largest.
pub(crate) fn node_budget(len: usize) -> usize {
    (len / 3).max(250_000)
}

/// The reading budget for a text of `len` bytes. A 10,000-note session with
/// long texts (5.6 MB) uses about 130,000 events and 110,000 nodes, no
/// aliases and depth 4; an hour-long interview has a few hundred notes. The
/// node budget grows with the file (`node_budget`); the others are fixed.
fn options(len: usize) -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            // The parser's own flow (`[[[`) limit, kept equal so both kinds of nesting
            // stop at the same depth.
            flow_nesting_limit: MAX_DEPTH,
            max_aliases: MAX_ALIASES,
            max_anchors: MAX_ALIASES,
            max_recorded_anchor_events: MAX_ALIAS_EVENTS,
            max_recorded_anchor_bytes: MAX_FILE_BYTES as usize,
            // A value is at most two events (a list's start and end).
            max_events: 2 * node_budget(len),
            max_nodes: node_budget(len),
            max_documents: 1,
            max_total_scalar_bytes: MAX_FILE_BYTES as usize,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_ALIAS_EVENTS,
            max_replay_stack_depth: 16,
        },
        // Values whose type is inferred (lenient text fields, keys this version does
        // not know) keep their spelling instead of becoming something else or failing
        // the whole file: `company: no` stays "no" (not "false"), `name: 007` stays
        // "007", and `answers: {y: 1, n: 2}` in an unknown field loads (YAML 1.1 reads
        // `y`/`n`/`on`/`off` as booleans, which Serde cannot use as map keys).
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        // `.nan` / `.inf` in an unknown key would otherwise refuse the whole file.
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::AsString,
        with_snippet: false,
    }
}

/// Parses YAML text; `path` is only used to name the file in errors.
pub fn from_str<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, LoadError> {
    serde_saphyr::from_str_with_options(text, options(text.len())).map_err(|e| errors::describe::<T>(&e, text, path))
}

/// [`from_str`] through the fast reader for the layout fieldnotes writes
/// (`fast.rs`), the general parser deciding whatever that reader leaves.
pub fn from_str_fast<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, LoadError> {
    match fast::parse(text) {
        Some(value) => Ok(value),
        None => from_str(text, path),
    }
}

/// Whether the reader will take `text` back: the writer's side of the
/// budgets above, so fieldnotes never writes a file it then refuses. The
/// size is checked exactly; the node and event budgets (which only a file
/// of more than a megabyte can reach) by parsing the text as the reader does.
pub fn check_readable(text: &str) -> Result<(), String> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "the session would be {} bytes, more than the {MAX_FILE_BYTES} bytes (16 MiB) a session file may hold",
            text.len()
        ));
    }
    if text.len() > 1024 * 1024 {
        from_str::<serde::de::IgnoredAny>(text, Path::new("the session"))
            .map_err(|e| format!("the session would be too large for fieldnotes to read back ({})", e.message))?;
    }
    Ok(())
}

pub fn to_string<T: Serialize>(value: &T) -> Result<String, String> {
    let mut opts = serde_saphyr::SerializerOptions::default();
    // One line per note diffs best in git; folded blocks re-wrap on every edit.
    opts.prefer_block_scalars = false;
    serde_saphyr::to_string_with_options(value, opts).map_err(|e| e.to_string())
}
