//! The derived cache behind `synth`, `search`, reports and the library's
//! free words in notes: every session file reduced to
//! a [`SessionRecord`], kept in one binary file per sessions folder in the
//! platform cache dir (or `FIELDNOTES_CACHE_DIR`), so an unchanged library is
//! read back in milliseconds instead of parsing every YAML file again.
//!
//! The YAML is the truth and the cache only a copy: an entry is used only when
//! its file's `FileKey` (`file_key.rs`) matches exactly (size, modification time, change
//! time and inode), and only if its times were at least [`RACY_SECS`] old when
//! it was stored (a file rewritten within the same clock tick, to the same
//! size, would otherwise look unchanged). The change time is what a same-size
//! edit with its mtime put back (`touch -d`, `rsync -t`) cannot hide: no
//! program can set it, the kernel moves it on every write. A
//! cache that fails its checksum, has another format version or another
//! folder's entries is ignored and rewritten; deleting it is always safe. It is
//! replaced atomically and synced (`disk::write_atomic`, which says why a
//! cache is synced too), so a crash or a concurrent run leaves the old or the
//! new one, never half of one.
//!
//! Format (little-endian): `FNSYNTH\0`, u32 format version, u32 CRC-32 of the
//! rest, the sessions folder, u32 entry count, then per entry the file name, u64
//! size, i64 + u32 mtime, i64 + u32 ctime, u64 inode, u32 payload length and the
//! payload (a record or the file's load error). Strings are u32 length + UTF-8.
//!
//! The library's rows (`list`, the home screen: `Library::load`) do not read
//! this file: they read the compact index of summaries in `index.rs`, kept by
//! the same rules, so listing never loads every note's text.

mod decode;
mod encode;
mod file_key;
pub mod index;
mod summary_codec;
pub mod transcripts;

use super::session_files::{load_session, session_paths};
use super::yaml::LoadError;
use crate::analysis::synthesis::SessionRecord;
use decode::Index;
use encode::{Entry, encode};
use file_key::{FileKey, stamp};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

const MAGIC: &[u8; 8] = b"FNSYNTH\0";
/// Bump whenever the payload or `SessionRecord::of` changes meaning.
/// 4: entries are keyed by ctime and inode too, records carry `talk_secs`;
/// 5: records carry their sitting count and each note its sitting, and
/// `asked` covers every sitting (older caches are ignored and rewritten);
/// 6: each note says whether it is starred, records carry the closing answer's tags;
/// 7: records carry the session summary (searched), after the note text;
/// 8: records carry the roster person the session is with, after the summary.
pub const FORMAT_VERSION: u32 = 8;
/// Entries whose file changed this recently are not stored (see the module doc).
pub const RACY_SECS: u64 = 2;
/// A cache larger than this is not ours to read.
const MAX_CACHE_BYTES: u64 = 1 << 30;

/// What loading the library gave.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every readable session, in file-name order.
    pub records: Vec<SessionRecord>,
    /// The file of each record, in the same order.
    pub paths: Vec<PathBuf>,
    /// Files that could not be read, with file:line:col where known.
    pub errors: Vec<LoadError>,
    /// Ids of sessions whose journal holds changes their file may not
    /// (`recovery::has_journal`): synthesised from the file as it is.
    pub journals: Vec<String>,
    pub stats: Stats,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub files: usize,
    /// Files taken from the cache.
    pub cached: usize,
    /// Files parsed (new, changed, or no usable cache).
    pub parsed: usize,
    pub cache_file: Option<PathBuf>,
    /// Why the cache file was not used, when it existed but was not.
    pub ignored: Option<String>,
    /// Whether the cache was rewritten.
    pub written: bool,
    /// Why writing the cache failed, if it did (synthesis goes on without it).
    pub write_error: Option<String>,
}

/// Where caches live: `FIELDNOTES_CACHE_DIR`, else the platform cache dir.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("FIELDNOTES_CACHE_DIR").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "fieldnotes").map(|d| d.cache_dir().to_path_buf())
}

/// The cache file of one sessions folder: one per folder, so several
/// libraries (a personal one, a team one, tests) never evict each other.
pub fn cache_file(cache_dir: &Path, sessions_dir: &Path) -> PathBuf {
    cache_file_for(cache_dir, &canonical_dir(sessions_dir))
}

fn cache_file_for(cache_dir: &Path, canonical: &Path) -> PathBuf {
    cache_dir.join(format!("synth-{:016x}.bin", dir_hash(canonical)))
}

/// The sessions folder as caches name it: the same folder by any path.
fn canonical_dir(sessions_dir: &Path) -> PathBuf {
    std::fs::canonicalize(sessions_dir).unwrap_or_else(|_| sessions_dir.to_path_buf())
}

/// FNV-1a of the folder: stable across Rust versions, unlike `DefaultHasher`.
fn dir_hash(canonical: &Path) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in canonical.as_os_str().as_encoded_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Reads every session in `sessions_dir` on all cores, from the cache where
/// an entry still matches its file, and rewrites the cache if anything changed.
/// With `cache_dir` `None` the cache is neither read nor written.
pub fn load(sessions_dir: &Path, cache_dir: Option<&Path>) -> Loaded {
    let (mut loaded, rewrite) = read(sessions_dir, cache_dir);
    if let Some(rewrite) = rewrite {
        let outcome = rewrite.write(&loaded);
        loaded.stats.record_write(outcome);
    }
    loaded
}

/// The cache file to be written again with what was loaded: what [`read`]
/// leaves to do, so a caller can have it done beside its own work on the
/// same records (at 10,000 interviews, encoding and writing the cache takes
/// half a second).
#[derive(Debug)]
pub struct Rewrite {
    file: PathBuf,
    dir_key: String,
    fresh: Vec<Entry>,
}

impl Rewrite {
    /// Encodes `loaded`'s records and errors (as [`read`] gave them) and
    /// replaces the cache file with them; the failure as `Stats` says it.
    pub fn write(&self, loaded: &Loaded) -> Result<(), String> {
        let out = encode(&self.dir_key, &self.fresh, &loaded.records, &loaded.errors);
        super::disk::write_atomic(&self.file, &out, &mut super::disk::RealDisk, |_| Ok(()))
            .map_err(|e| format!("{}: {e}", self.file.display()))
    }
}

impl Stats {
    /// What writing the cache gave, as the stats say it.
    pub fn record_write(&mut self, outcome: Result<(), String>) {
        match outcome {
            Ok(()) => self.written = true,
            Err(e) => self.write_error = Some(e),
        }
    }
}

/// As [`load`], leaving the cache's rewrite (if anything changed) to the
/// caller: `Some` when it is due, to be done with the returned records.
pub fn read(sessions_dir: &Path, cache_dir: Option<&Path>) -> (Loaded, Option<Rewrite>) {
    let started = SystemTime::now();
    let paths = session_paths(sessions_dir);
    let canonical = canonical_dir(sessions_dir);
    let dir_key = canonical.to_string_lossy().into_owned();
    let file = cache_dir.map(|d| cache_file_for(d, &canonical));
    let mut stats = Stats { files: paths.len(), cache_file: file.clone(), ..Stats::default() };

    let bytes = file.as_deref().and_then(|f| decode::read_capped(f, &mut stats, "a cache"));
    let index = match bytes.as_deref().map(|b| Index::parse(b, &dir_key)) {
        Some(Ok(index)) => index,
        Some(Err(why)) => {
            stats.ignored = Some(why);
            Index::default()
        }
        None => Index::default(),
    };

    let outcomes = load_all(&paths, &index);

    let mut loaded = Loaded::default();
    let mut fresh: Vec<Entry> = Vec::with_capacity(outcomes.len());
    let bytes_missing = bytes.is_none();
    let mut dirty = bytes_missing || stats.ignored.is_some() || index.entries.len() != paths.len();
    let racy_limit = started.checked_sub(Duration::from_secs(RACY_SECS)).and_then(|t| stamp(Some(t)));
    for (path, o) in paths.iter().zip(outcomes) {
        if o.from_cache {
            stats.cached += 1;
        } else {
            stats.parsed += 1;
            dirty = true;
        }
        if o.journal
            && let Ok(r) = &o.result
        {
            loaded.journals.push(r.id.clone());
        }
        let storable = o.key.is_some_and(|k| racy_limit.is_some_and(|limit| k.settled_before(limit)));
        let name = path.file_name().and_then(|n| n.to_str()).filter(|_| storable);
        if name.is_none() && o.from_cache {
            dirty = true; // an entry that should not be there any more
        }
        let index = match o.result {
            Ok(r) => {
                loaded.records.push(r);
                loaded.paths.push(path.clone());
                loaded.records.len() * 2 - 2
            }
            Err(err) => {
                loaded.errors.push(err);
                loaded.errors.len() * 2 - 1
            }
        };
        if let Some(name) = name {
            fresh.push(Entry { name: name.to_string(), key: o.key.unwrap_or_default(), index });
        }
    }
    drop(index);
    drop(bytes);

    // No library and no cache yet: nothing worth a file.
    let nothing = paths.is_empty() && bytes_missing;
    let rewrite = file.filter(|_| dirty && !nothing).map(|file| Rewrite { file, dir_key, fresh });
    loaded.stats = stats;
    (loaded, rewrite)
}

struct Outcome {
    /// `None` when the file could not be read or has no usable times (never cached).
    key: Option<FileKey>,
    result: Result<SessionRecord, LoadError>,
    from_cache: bool,
    journal: bool,
}

fn load_all(paths: &[PathBuf], index: &Index) -> Vec<Outcome> {
    let one = |path: &PathBuf| {
        let key = std::fs::metadata(path).ok().as_ref().and_then(FileKey::of);
        let hit = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| index.entries.get(n))
            .filter(|e| key == Some(e.key))
            .and_then(|e| index.decode(e));
        let from_cache = hit.is_some();
        let result = hit.unwrap_or_else(|| load_session(path).map(|s| SessionRecord::of(&s)));
        let journal = super::recovery::has_journal(path);
        Outcome { key, result, from_cache, journal }
    };
    // Parsing dominates a cold run: every core takes the next file as it frees up.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(paths.len()).max(1);
    let next = AtomicUsize::new(0);
    let mut parts: Vec<Vec<(usize, Outcome)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = paths.get(i) else { break };
                        out.push((i, one(path)));
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    let mut all: Vec<(usize, Outcome)> = parts.iter_mut().flat_map(std::mem::take).collect();
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, o)| o).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_files_differ_by_folder() {
        let a = cache_file_for(Path::new("/c"), Path::new("/lib/a"));
        let b = cache_file_for(Path::new("/c"), Path::new("/lib/b"));
        assert_ne!(a, b);
        assert!(a.file_name().unwrap().to_str().unwrap().starts_with("synth-"));
    }
}

#[cfg(test)]
mod same_size_edits {
    use super::*;

    const BEFORE: &str = "schema: 1\nid: s1\nguide: discovery\nparticipant: {name: Ana}\nstarted_at: 2025-03-12T10:00:00+00:00\nnotes:\n  - {at: \"00:05:00\", text: We use spreadsheets, tags: [tooling]}\n";

    fn set_mtime(path: &Path, t: SystemTime) {
        std::fs::File::options().write(true).open(path).unwrap().set_modified(t).unwrap();
    }

    fn note_texts(loaded: &Loaded) -> Vec<String> {
        loaded.records.iter().map(|r| r.text.clone()).collect()
    }

    /// An editor (or `sed -i` then `touch -d`) changes a note to text of the
    /// same length and puts the mtime back: size and mtime match the cache,
    /// but the cache must not answer with the old note.
    #[test]
    fn a_same_size_edit_with_the_mtime_put_back_is_read_again() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("sessions");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s1.yaml");
        std::fs::write(&path, BEFORE).unwrap();
        let old = SystemTime::now() - Duration::from_secs(3600);
        set_mtime(&path, old);
        // The cache keeps only files that have not changed for RACY_SECS.
        std::thread::sleep(Duration::from_secs(RACY_SECS + 1));
        let cache = root.path().join("cache");
        let first = load(&dir, Some(&cache));
        assert!(first.stats.written, "{:?}", first.stats);
        assert!(note_texts(&first)[0].contains("spreadsheets"));
        assert_eq!(load(&dir, Some(&cache)).stats.cached, 1, "an unchanged file comes from the cache");

        let after = BEFORE.replace("spreadsheets", "salesforce!!");
        assert_eq!(after.len(), BEFORE.len());
        std::fs::write(&path, &after).unwrap();
        set_mtime(&path, old);
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!((meta.len(), meta.modified().unwrap()), (BEFORE.len() as u64, old), "size and mtime as cached");

        let second = load(&dir, Some(&cache));
        assert_eq!(second.stats.parsed, 1, "{:?}", second.stats);
        let texts = note_texts(&second);
        assert!(texts[0].contains("salesforce!!") && !texts[0].contains("spreadsheets"), "{texts:?}");
    }
}

#[cfg(test)]
mod person_link {
    use super::*;

    const WITH_PERSON: &str = "schema: 1\nid: s1\nguide: discovery\nperson: ana-lopez\nparticipant: {name: Ana}\nstarted_at: 2025-03-12T10:00:00+00:00\nnotes: []\n";

    /// The roster link comes from the cache like every other field, and a
    /// cache of the format before it (which has no such field) is not
    /// believed: the file is read again and the link is there.
    #[test]
    fn the_person_comes_back_from_the_cache_and_an_older_format_is_read_again() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("sessions");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s1.yaml");
        std::fs::write(&path, WITH_PERSON).unwrap();
        let old = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(old).unwrap();
        std::thread::sleep(Duration::from_secs(RACY_SECS + 1));
        let cache = root.path().join("cache");
        assert!(load(&dir, Some(&cache)).stats.written);
        let cached = load(&dir, Some(&cache));
        assert_eq!(cached.stats.cached, 1, "{:?}", cached.stats);
        assert_eq!(cached.records[0].person.as_deref(), Some("ana-lopez"));

        let file = cache_file(&cache, &dir);
        let mut bytes = std::fs::read(&file).unwrap();
        bytes[8..12].copy_from_slice(&(FORMAT_VERSION - 1).to_le_bytes());
        std::fs::write(&file, &bytes).unwrap();
        let again = load(&dir, Some(&cache));
        assert_eq!((again.stats.cached, again.stats.parsed), (0, 1), "{:?}", again.stats);
        assert!(again.stats.ignored.as_deref().is_some_and(|w| w.contains("format")), "{:?}", again.stats);
        assert_eq!(again.records[0].person.as_deref(), Some("ana-lopez"));
    }
}
