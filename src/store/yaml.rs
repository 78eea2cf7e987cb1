//! Every YAML file goes through here: one set of input budgets for reading
//! (hostile files must fail fast, not hang or eat memory) and one writer style,
//! so saving the same data twice gives the same bytes.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt;
use std::path::{Path, PathBuf};

/// Largest file we read at all; a session of a very long day is well under 2 MB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

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

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 64,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_events: 2_000_000,
            max_nodes: 1_000_000,
            max_documents: 1,
            max_total_scalar_bytes: MAX_FILE_BYTES as usize,
        },
        with_snippet: false,
    }
}

/// Parses YAML text; `path` is only used to name the file in errors.
pub fn from_str<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, LoadError> {
    serde_saphyr::from_str_with_options(text, options()).map_err(|e| {
        let loc = e.location();
        let message = e.to_string();
        // The crate appends its own "at line X, column Y"; we print it in front.
        let message = match message.find(" at line ") {
            Some(i) if loc.is_some() => message[..i].to_string(),
            _ => message,
        };
        LoadError {
            path: path.to_path_buf(),
            line: loc.map(|l| l.line()).filter(|l| *l > 0),
            column: loc.map(|l| l.column()).filter(|c| *c > 0),
            message,
        }
    })
}

/// Reads and parses a file, refusing oversized and non-UTF-8 ones up front.
pub fn read_file<T: DeserializeOwned>(path: &Path) -> Result<T, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| LoadError::new(path, e.to_string()))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::new(
            path,
            format!("file is {} bytes, larger than the {} bytes fieldnotes reads", meta.len(), MAX_FILE_BYTES),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| LoadError::new(path, e.to_string()))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        let col = before.iter().rev().take_while(|b| **b != b'\n').count() as u64 + 1;
        LoadError {
            path: path.to_path_buf(),
            line: Some(line),
            column: Some(col),
            message: "the file is not valid UTF-8 text".into(),
        }
    })?;
    from_str(text, path)
}

pub fn to_string<T: Serialize>(value: &T) -> Result<String, String> {
    let mut opts = serde_saphyr::SerializerOptions::default();
    // One line per note diffs best in git; folded blocks re-wrap on every edit.
    opts.prefer_block_scalars = false;
    serde_saphyr::to_string_with_options(value, opts).map_err(|e| e.to_string())
}
