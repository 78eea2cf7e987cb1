//! The steps of every write, named, so tests can stop a save at each one.
//!
//! An atomic save is: write a temporary file in the same folder, sync it,
//! rename it over the old file, sync the folder. A derived file (a cache or
//! the library index, rebuilt from the library whenever its checksum fails)
//! takes the same steps less the two syncs (`write_derived`). This is written out here
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
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    disk: &mut dyn Disk,
    before_rename: impl FnOnce(&mut dyn Disk) -> io::Result<()>,
) -> io::Result<()> {
    replace(path, bytes, disk, Durable::Yes, before_rename)
}

/// Replaces a derived file (the synthesis cache, the library index, the
/// transcripts cache) atomically, without waiting for the disk to have it:
/// another run sees the old file or the new one, never half of one, but a
/// crash of the machine may leave the old one or a damaged one, which its
/// checksum refuses and the next run builds again from the library. Waiting
/// (`fsync`) for a cache of 10,000 interviews took a third of a second.
/// Anything that is not rebuilt from the library goes through [`write_atomic`].
pub fn write_derived(path: &Path, bytes: &[u8], disk: &mut dyn Disk) -> io::Result<()> {
    replace(path, bytes, disk, Durable::No, |_| Ok(()))
}

/// Whether a replacement waits for the disk to hold it (see [`write_derived`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Durable {
    Yes,
    No,
}

/// The one way a file is replaced: a hidden temporary file beside it,
/// renamed over it; synced before the rename and the folder after it when
/// `durable`.
fn replace(
    path: &Path,
    bytes: &[u8],
    disk: &mut dyn Disk,
    durable: Durable,
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
        if durable == Durable::Yes {
            disk.step(Step::TempSync)?;
            file.sync_all()?;
        }
        before_rename(disk)?;
        disk.step(Step::Rename)?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result?;
    if durable == Durable::Yes { sync_dir(path, disk) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every step a replacement takes, recorded (a crash point past them all).
    fn steps_of(write: impl FnOnce(&Path, &mut CrashAt) -> io::Result<()>) -> (Vec<Step>, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file.bin");
        std::fs::write(&path, b"old").unwrap();
        let mut disk = CrashAt { n: usize::MAX, ..CrashAt::default() };
        write(&path, &mut disk).unwrap();
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["file.bin"], "no temporary file left behind");
        (disk.steps, std::fs::read(&path).unwrap())
    }

    #[test]
    fn a_derived_file_is_replaced_the_same_way_without_waiting_for_the_disk() {
        let (steps, bytes) = steps_of(|path, disk| write_atomic(path, b"new", disk, |_| Ok(())));
        assert_eq!(steps, [Step::TempWrite, Step::TempSync, Step::Rename, Step::DirSync]);
        assert_eq!(bytes, b"new");
        let (steps, bytes) = steps_of(|path, disk| write_derived(path, b"new", disk));
        assert_eq!(steps, [Step::TempWrite, Step::Rename], "a temporary file renamed over it, no sync");
        assert_eq!(bytes, b"new");
    }

    #[test]
    fn a_derived_file_that_cannot_be_written_is_left_as_it_was() {
        for n in 0..2 {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("file.bin");
            std::fs::write(&path, b"old").unwrap();
            assert!(write_derived(&path, b"new", &mut CrashAt { n, ..CrashAt::default() }).is_err());
            assert_eq!(std::fs::read(&path).unwrap(), b"old", "stopped before step {n}");
            assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left behind");
        }
    }
}
