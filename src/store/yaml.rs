//! Reading YAML files from the disk: oversized files and anything that is not
//! a regular file are refused before a byte is read, invalid UTF-8 with its
//! position; the text then goes through the codec in `text::yaml`, re-exported
//! here so callers reading files and parsing text use one path.

use std::io::Read;
use std::path::Path;

pub use crate::text::yaml::{LoadError, MAX_FILE_BYTES, check_readable, from_str, from_str_fast, to_string};
use serde::de::DeserializeOwned;

/// Reads and parses a file, refusing oversized, non-regular and non-UTF-8 ones up front.
pub fn read_file<T: DeserializeOwned>(path: &Path) -> Result<T, LoadError> {
    read_text(path).and_then(|text| from_str(&text, path))
}

/// [`read_file`] for session files: the fast reader takes the layout
/// fieldnotes writes, the general parser the rest (`text::yaml::fast`).
pub fn read_session_file<T: DeserializeOwned>(path: &Path) -> Result<T, LoadError> {
    read_text(path).and_then(|text| from_str_fast(&text, path))
}

fn read_text(path: &Path) -> Result<String, LoadError> {
    let bytes = read_bytes(path)?;
    std::str::from_utf8(&bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        // Columns count characters, as the parser's do.
        let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(&before[line_start..]).chars().count() as u64 + 1;
        LoadError {
            path: path.to_path_buf(),
            line: Some(line),
            column: Some(col),
            message: "the file is not valid UTF-8 text (is it a binary file?)".into(),
        }
    })?;
    // Valid UTF-8: the bytes become the string without a copy.
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// The whole file, if it is a regular file of at most [`MAX_FILE_BYTES`].
///
/// A FIFO or device named `*.yaml` (or a symlink to one, like `/dev/zero`) would
/// block or never end, so only regular files are opened, and the read itself is
/// capped in case the file grows between the check and the read. (Swapping in a
/// FIFO between the check and the open would still block; that takes someone
/// racing us on the local disk, not a file someone sent.)
fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    let io_error = |e: std::io::Error| LoadError::new(path, e.to_string());
    let too_big = |len: u64| {
        LoadError::new(path, format!("file is {len} bytes, larger than the {MAX_FILE_BYTES} bytes fieldnotes reads"))
    };
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if !meta.is_file() {
        return Err(LoadError::new(
            path,
            "not a regular file (a folder, pipe or device), so fieldnotes does not read it",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located_in_characters() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.yaml");
        std::fs::write(&path, b"a: 1\nname: L\xc3\xb3pez \xff\n").unwrap();
        let err = read_file::<serde_json::Value>(&path).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(13)), "{err}");
    }
}
