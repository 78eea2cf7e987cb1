//! Listing and reading the session files of a sessions folder: the one
//! lowest step that both the library listing and its derived cache build on,
//! so neither has to import the other.

use super::yaml::{self, LoadError};
use crate::domain::session::Session;
use std::path::{Path, PathBuf};

pub fn load_session(path: &Path) -> Result<Session, LoadError> {
    let session: Session = yaml::read_session_file(path)?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if session.id != stem {
        return Err(LoadError::new(
            path,
            format!("the file's `id` is {:?} but its name says {:?}; they must match", session.id, stem),
        ));
    }
    Ok(session)
}

/// The `.yaml` files directly in the sessions folder, skipping temporary files.
pub fn session_paths(dir: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return vec![];
    };
    let mut paths: Vec<PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().and_then(|e| e.to_str()) == Some("yaml")
                && !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    // All in one folder, so the whole path's bytes order them as their names
    // do, and far cheaper than `Path`'s component by component comparison
    // (a tenth of listing 10,000 interviews).
    paths.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    paths
}
