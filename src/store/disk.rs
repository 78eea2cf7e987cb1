//! The steps of every write, named, so tests can stop a save at each one.
//!
//! An atomic save is: write a temporary file in the same folder, sync it,
//! rename it over the old file, sync the folder. This is written out here
//! (not taken from a crate) because the crash-point tests need a hook between
//! every step; `Disk::step` is that hook, a no-op in real use.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    TempWrite,
    TempSync,
    Rename,
    DirSync,
    JournalWrite,
    JournalSync,
    JournalRename,
    JournalAppend,
    /// Growing the journal's reserved room (a failure here is not fatal).
    JournalReserve,
}

pub trait Disk: Send {
    /// Called before each step; an error stops the save there.
    fn step(&mut self, step: Step) -> io::Result<()>;
}

/// The real disk: every step goes ahead.
pub struct RealDisk;

impl Disk for RealDisk {
    fn step(&mut self, _: Step) -> io::Result<()> {
        Ok(())
    }
}

/// Fails the `n`-th step (0-based) and every one after it: the disk as a
/// crash at that point leaves it.
#[derive(Debug, Default)]
pub struct CrashAt {
    pub n: usize,
    pub seen: usize,
    pub steps: Vec<Step>,
}

impl Disk for CrashAt {
    fn step(&mut self, step: Step) -> io::Result<()> {
        self.seen += 1;
        if self.seen > self.n {
            return Err(io::Error::other(format!("injected crash before {step:?}")));
        }
        self.steps.push(step);
        Ok(())
    }
}

/// Fails the `n`-th step (0-based) and every one after it with the OS error
/// `errno` (ENOSPC, EROFS, EIO...): a disk that fills up, goes read-only or
/// breaks at that point and stays so, while the process runs on.
#[derive(Debug, Default)]
pub struct FailFrom {
    pub n: usize,
    pub errno: i32,
    pub seen: usize,
}

impl Disk for FailFrom {
    fn step(&mut self, _: Step) -> io::Result<()> {
        self.seen += 1;
        if self.seen > self.n { Err(io::Error::from_raw_os_error(self.errno)) } else { Ok(()) }
    }
}

/// A disk that reports "no space left" for every step while `full` is set.
#[derive(Debug, Clone, Default)]
pub struct FullDisk {
    pub full: Arc<AtomicBool>,
}

impl Disk for FullDisk {
    fn step(&mut self, _: Step) -> io::Result<()> {
        if self.full.load(Ordering::SeqCst) {
            Err(io::Error::from_raw_os_error(28)) // ENOSPC
        } else {
            Ok(())
        }
    }
}

/// Syncs the folder holding `path`, so a rename in it is durable.
pub fn sync_dir(path: &Path, disk: &mut dyn Disk) -> io::Result<()> {
    disk.step(Step::DirSync)?;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    File::open(dir)?.sync_all()
}

/// Replaces `path` with `bytes` atomically. `before_rename` runs once the new
/// content is safely in the temporary file (the writer journals its intent there).
///
/// Derived files (the caches, the library index) take this path too, synced:
/// left unsynced, a file renamed over another is flushed by ext4 at the next
/// journal commit, so the next save anywhere on the disk (a note on a live
/// call) would wait for it; 156 ms was seen after a 110 MB cache.
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    disk: &mut dyn Disk,
    before_rename: impl FnOnce(&mut dyn Disk) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Hidden, so the library never lists a half-written file.
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        disk.step(Step::TempWrite)?;
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        disk.step(Step::TempSync)?;
        file.sync_all()?;
        before_rename(disk)?;
        disk.step(Step::Rename)?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result?;
    sync_dir(path, disk)
}
