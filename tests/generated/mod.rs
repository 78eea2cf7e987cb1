//! A generated library in a temporary folder, for the tests of what is
//! derived from it (the library index and its preview): the sessions, a
//! cache folder beside them, and extra files that are not what the
//! generator writes.

#[path = "../../examples/gen_library.rs"]
#[allow(dead_code)]
mod gen_library;

use fieldnotes::store::cache::RACY_SECS;
use std::path::PathBuf;
use std::time::Duration;

pub struct Lib {
    _root: tempfile::TempDir,
    pub sessions: PathBuf,
    pub cache: PathBuf,
}

/// `n` interviews of about `notes` notes each, plus the `extra` files (name,
/// text), old enough for the index to keep (see `cache::RACY_SECS`).
pub fn library(n: usize, notes: usize, extra: &[(&str, &str)]) -> Lib {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    gen_library::generate(&data, n, notes, 7).unwrap();
    let sessions = data.join("sessions");
    for (name, text) in extra {
        std::fs::write(sessions.join(name), text).unwrap();
    }
    settle();
    let cache = root.path().join("cache");
    Lib { _root: root, sessions, cache }
}

/// Lets every file's change time age past the window the index refuses.
pub fn settle() {
    std::thread::sleep(Duration::from_secs(RACY_SECS + 1));
}
