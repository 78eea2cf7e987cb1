//! What must be unchanged for a cached entry to stand for its file: size,
//! modification and change times, inode. Separate because it is the one
//! platform-dependent part of the cache, and the rule the cache's trust rests on.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds and nanoseconds since the epoch, if after it.
pub(super) type Stamp = (i64, u32);

pub(super) fn stamp(t: Option<SystemTime>) -> Option<Stamp> {
    let d = t?.duration_since(UNIX_EPOCH).ok()?;
    Some((i64::try_from(d.as_secs()).ok()?, d.subsec_nanos()))
}

/// What must be unchanged for a cached entry to stand for its file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct FileKey {
    pub(super) size: u64,
    pub(super) mtime: Stamp,
    /// Status change time: moved by the kernel on every write, and unlike
    /// the mtime no program can set it back.
    pub(super) ctime: Stamp,
    /// A file replaced by another (an atomic save, a `git checkout`) has a new one.
    pub(super) inode: u64,
}

impl FileKey {
    /// `None` when a time is before the epoch or not available.
    pub(super) fn of(meta: &std::fs::Metadata) -> Option<FileKey> {
        let mtime = stamp(meta.modified().ok())?;
        let (ctime, inode) = change_time_and_inode(meta)?;
        Some(FileKey { size: meta.len(), mtime, ctime, inode })
    }

    /// Whether both times are older than `limit`: a later change within the
    /// same clock tick could otherwise leave the key as it was.
    pub(super) fn settled_before(&self, limit: Stamp) -> bool {
        self.mtime < limit && self.ctime < limit
    }
}

#[cfg(unix)]
fn change_time_and_inode(meta: &std::fs::Metadata) -> Option<(Stamp, u64)> {
    use std::os::unix::fs::MetadataExt;
    let nanos = u32::try_from(meta.ctime_nsec()).ok()?;
    (meta.ctime() >= 0).then_some(((meta.ctime(), nanos), meta.ino()))
}

/// Elsewhere the creation time stands in: less strict, but never stale for
/// a file replaced by an atomic save.
#[cfg(not(unix))]
fn change_time_and_inode(meta: &std::fs::Metadata) -> Option<(Stamp, u64)> {
    Some((stamp(meta.created().ok()).unwrap_or_default(), 0))
}
