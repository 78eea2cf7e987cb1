//! One writer per session: an OS lock on a dedicated `.lock` file (never the
//! YAML, which is replaced by renames). The OS releases it when the holder
//! dies, however it dies, so a crash never leaves a session locked.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct SessionLock {
    // Held open for the lock's lifetime; closing it releases the lock.
    _file: File,
    pub path: PathBuf,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LockError {
    /// Another fieldnotes has the session open.
    Held {
        pid: Option<u32>,
    },
    Io(String),
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Held { pid: Some(pid) } => {
                write!(f, "this session is open in another fieldnotes (process {pid}); close it there first")
            }
            LockError::Held { pid: None } => {
                write!(f, "this session is open in another fieldnotes; close it there first")
            }
            LockError::Io(e) => write!(f, "cannot lock the session: {e}"),
        }
    }
}

/// Takes the lock at `path` without waiting, and writes our process id in it
/// so a refused second instance can say who holds it.
pub fn acquire(path: &Path) -> Result<SessionLock, LockError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| LockError::Io(e.to_string()))?;
    }
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| LockError::Io(e.to_string()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Err(LockError::Held { pid: holder(&mut file) }),
        Err(TryLockError::Error(e)) => return Err(LockError::Io(e.to_string())),
    }
    let _ = file.set_len(0).and_then(|_| file.seek(SeekFrom::Start(0))).and_then(|_| {
        file.write_all(format!("{}\n", std::process::id()).as_bytes())?;
        file.flush()
    });
    Ok(SessionLock { _file: file, path: path.to_path_buf() })
}

/// Whether someone holds the lock right now (without taking it for long).
pub fn is_held(path: &Path) -> bool {
    match OpenOptions::new().read(true).write(true).open(path) {
        Ok(file) => matches!(file.try_lock(), Err(TryLockError::WouldBlock)),
        Err(_) => false,
    }
}

/// Whether another process holds the lock at `path`, and its id if it wrote
/// one. Our own lock is not "another": a library-wide change takes the locks
/// first and then asks about each journal.
pub fn held_elsewhere(path: &Path) -> Option<Option<u32>> {
    if !is_held(path) {
        return None;
    }
    let pid = OpenOptions::new().read(true).open(path).ok().and_then(|mut f| holder(&mut f));
    if pid == Some(std::process::id()) { None } else { Some(pid) }
}

fn holder(file: &mut File) -> Option<u32> {
    let mut s = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.read_to_string(&mut s).ok()?;
    s.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_is_refused_and_names_the_holder_then_freed_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.lock");
        let first = acquire(&path).unwrap();
        assert!(is_held(&path));
        // Within one process, a second open file description still conflicts.
        let err = acquire(&path).unwrap_err();
        assert_eq!(err, LockError::Held { pid: Some(std::process::id()) });
        assert!(err.to_string().contains(&std::process::id().to_string()));
        drop(first);
        assert!(!is_held(&path));
        acquire(&path).unwrap();
    }

    #[test]
    fn different_sessions_lock_side_by_side() {
        let dir = tempfile::tempdir().unwrap();
        let _a = acquire(&dir.path().join("a.lock")).unwrap();
        let _b = acquire(&dir.path().join("b.lock")).unwrap();
    }
}
