//! The derived cache behind `synth`, `search` and the library (`list`, the
//! home screen: `Library::load`): every session file reduced to
//! a [`SessionRecord`], kept in one binary file per sessions folder in the
//! platform cache dir (or `FIELDNOTES_CACHE_DIR`), so an unchanged library is
//! read back in milliseconds instead of parsing every YAML file again.
//!
//! The YAML is the truth and the cache only a copy: an entry is used only when
//! its file's [`FileKey`] matches exactly (size, modification time, change
//! time and inode), and only if its times were at least [`RACY_SECS`] old when
//! it was stored (a file rewritten within the same clock tick, to the same
//! size, would otherwise look unchanged). The change time is what a same-size
//! edit with its mtime put back (`touch -d`, `rsync -t`) cannot hide: no
//! program can set it, the kernel moves it on every write. A
//! cache that fails its checksum, has another format version or another
//! folder's entries is ignored and rewritten; deleting it is always safe. It is
//! replaced atomically, so a crash or a concurrent run leaves the old or the new
//! one, never half of one.
//!
//! Format (little-endian): `FNSYNTH\0`, u32 format version, u32 CRC-32 of the
//! rest, the sessions folder, u32 entry count, then per entry the file name, u64
//! size, i64 + u32 mtime, i64 + u32 ctime, u64 inode, u32 payload length and the
//! payload (a record or the file's load error). Strings are u32 length + UTF-8.

use super::session_files::{load_session, session_paths};
use super::yaml::LoadError;
use crate::analysis::synthesis::{NoteRecord, SessionRecord};
use crate::domain::note::Kind;
use crate::domain::session::Offset;
use chrono::{DateTime, FixedOffset};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const MAGIC: &[u8; 8] = b"FNSYNTH\0";
/// Bump whenever the payload or `SessionRecord::of` changes meaning.
/// 4: entries are keyed by ctime and inode too, records carry `talk_secs`;
/// 5: records carry their sitting count and each note its sitting, and
/// `asked` covers every sitting (older caches are ignored and rewritten);
/// 6: each note says whether it is starred, records carry the closing answer's tags;
/// 7: records carry the session summary (searched), after the note text.
pub const FORMAT_VERSION: u32 = 7;
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
    let canonical = std::fs::canonicalize(sessions_dir).unwrap_or_else(|_| sessions_dir.to_path_buf());
    cache_file_for(cache_dir, &canonical)
}

fn cache_file_for(cache_dir: &Path, canonical: &Path) -> PathBuf {
    // FNV-1a: stable across Rust versions, unlike `DefaultHasher`.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in canonical.as_os_str().as_encoded_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    cache_dir.join(format!("synth-{h:016x}.bin"))
}

/// Reads every session in `sessions_dir` on all cores, from the cache where
/// an entry still matches its file, and rewrites the cache if anything changed.
/// With `cache_dir` `None` the cache is neither read nor written.
pub fn load(sessions_dir: &Path, cache_dir: Option<&Path>) -> Loaded {
    let started = SystemTime::now();
    let paths = session_paths(sessions_dir);
    let canonical = std::fs::canonicalize(sessions_dir).unwrap_or_else(|_| sessions_dir.to_path_buf());
    let dir_key = canonical.to_string_lossy().into_owned();
    let file = cache_dir.map(|d| cache_file_for(d, &canonical));
    let mut stats = Stats { files: paths.len(), cache_file: file.clone(), ..Stats::default() };

    let bytes = file.as_deref().and_then(|f| read_cache_bytes(f, &mut stats));
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
    if dirty
        && !nothing
        && let Some(file) = &file
    {
        let out = encode(&dir_key, &fresh, &loaded.records, &loaded.errors);
        match super::disk::write_atomic(file, &out, &mut super::disk::RealDisk, |_| Ok(())) {
            Ok(()) => stats.written = true,
            Err(e) => stats.write_error = Some(format!("{}: {e}", file.display())),
        }
    }
    loaded.stats = stats;
    loaded
}

fn read_cache_bytes(file: &Path, stats: &mut Stats) -> Option<Vec<u8>> {
    let meta = std::fs::metadata(file).ok()?;
    if !meta.is_file() || meta.len() > MAX_CACHE_BYTES {
        stats.ignored = Some("not a cache file".into());
        return None;
    }
    match std::fs::read(file) {
        Ok(b) => Some(b),
        Err(e) => {
            stats.ignored = Some(e.to_string());
            None
        }
    }
}

/// Seconds and nanoseconds since the epoch, if after it.
type Stamp = (i64, u32);

fn stamp(t: Option<SystemTime>) -> Option<Stamp> {
    let d = t?.duration_since(UNIX_EPOCH).ok()?;
    Some((i64::try_from(d.as_secs()).ok()?, d.subsec_nanos()))
}

/// What must be unchanged for a cached entry to stand for its file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct FileKey {
    size: u64,
    mtime: Stamp,
    /// Status change time: moved by the kernel on every write, and unlike
    /// the mtime no program can set it back.
    ctime: Stamp,
    /// A file replaced by another (an atomic save, a `git checkout`) has a new one.
    inode: u64,
}

impl FileKey {
    /// `None` when a time is before the epoch or not available.
    fn of(meta: &std::fs::Metadata) -> Option<FileKey> {
        let mtime = stamp(meta.modified().ok())?;
        let (ctime, inode) = change_time_and_inode(meta)?;
        Some(FileKey { size: meta.len(), mtime, ctime, inode })
    }

    /// Whether both times are older than `limit`: a later change within the
    /// same clock tick could otherwise leave the key as it was.
    fn settled_before(&self, limit: Stamp) -> bool {
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

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/// Entry headers of a cache file, payloads decoded on demand (by the workers).
#[derive(Default)]
struct Index<'a> {
    bytes: &'a [u8],
    entries: HashMap<&'a str, Cached>,
}

struct Cached {
    key: FileKey,
    payload: std::ops::Range<usize>,
}

impl<'a> Index<'a> {
    fn parse(bytes: &'a [u8], dir_key: &str) -> Result<Index<'a>, String> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8).ok() != Some(MAGIC.as_slice()) {
            return Err("not a fieldnotes cache".into());
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(format!("cache format {version}, this version reads {FORMAT_VERSION}"));
        }
        let crc = r.u32()?;
        if crc32fast::hash(&bytes[r.pos..]) != crc {
            return Err("checksum mismatch".into());
        }
        if r.str()? != dir_key {
            return Err("cache of another folder".into());
        }
        let count = r.u32()? as usize;
        let mut entries = HashMap::with_capacity(count.min(bytes.len() / 16));
        for _ in 0..count {
            let name = r.str()?;
            let size = r.u64()?;
            let mtime = (r.i64()?, r.u32()?);
            let ctime = (r.i64()?, r.u32()?);
            let inode = r.u64()?;
            let len = r.u32()? as usize;
            let start = r.pos;
            r.take(len)?;
            let key = FileKey { size, mtime, ctime, inode };
            entries.insert(name, Cached { key, payload: start..start + len });
        }
        if r.pos != bytes.len() {
            return Err("trailing bytes".into());
        }
        Ok(Index { bytes, entries })
    }

    /// The entry's record or load error; `None` if it does not decode (then the file is parsed).
    fn decode(&self, e: &Cached) -> Option<Result<SessionRecord, LoadError>> {
        let mut r = Reader { bytes: &self.bytes[e.payload.clone()], pos: 0 };
        let out = match r.u8().ok()? {
            0 => Ok(read_record(&mut r).ok()?),
            1 => Err(read_error(&mut r).ok()?),
            _ => return None,
        };
        (r.pos == r.bytes.len()).then_some(out)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

type R<T> = Result<T, String>;

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> R<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|e| *e <= self.bytes.len()).ok_or("truncated")?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> R<[u8; N]> {
        Ok(self.take(N)?.try_into().expect("N bytes"))
    }
    fn u8(&mut self) -> R<u8> {
        Ok(self.array::<1>()?[0])
    }
    fn u32(&mut self) -> R<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn i32(&mut self) -> R<i32> {
        Ok(i32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> R<u64> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    fn i64(&mut self) -> R<i64> {
        Ok(i64::from_le_bytes(self.array()?))
    }
    fn str(&mut self) -> R<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| "bad text".to_string())
    }
    fn left(&self) -> usize {
        self.bytes.len() - self.pos
    }
    fn string(&mut self) -> R<String> {
        self.str().map(String::from)
    }
    fn opt(&mut self) -> R<Option<String>> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.string().map(Some),
            _ => Err("bad option".into()),
        }
    }
    fn strings(&mut self) -> R<Vec<String>> {
        let n = self.u32()? as usize;
        // Each string takes at least its 4-byte length: no huge allocation from a bad count.
        let mut v = Vec::with_capacity(n.min(self.left() / 4));
        for _ in 0..n {
            v.push(self.string()?);
        }
        Ok(v)
    }
}

fn read_record(r: &mut Reader) -> R<SessionRecord> {
    let id = r.str()?;
    let participant = r.str()?;
    let company = r.opt()?;
    let role = r.opt()?;
    let segment = r.opt()?;
    let guide = r.str()?;
    let started_at = read_time(r)?;
    let mut s = SessionRecord::new(id, participant, guide, started_at);
    s.company = company;
    s.role = role;
    s.segment = segment;
    s.quotes_shareable = r.u8()? != 0;
    s.closing_question = r.opt()?;
    s.closing_answer = r.opt()?;
    s.closing_tags = r.strings()?;
    s.asked = r.strings()?;
    s.title = r.string()?;
    s.ended_at = match r.u8()? {
        0 => None,
        1 => Some(read_time(r)?),
        _ => return Err("bad option".into()),
    };
    s.talk_secs = match r.u8()? {
        0 => None,
        1 => Some(r.u32()?),
        _ => return Err("bad option".into()),
    };
    s.sittings = r.u32()?;
    let n = r.u32()? as usize;
    s.done = Vec::with_capacity(n.min(r.left() / 4));
    for _ in 0..n {
        s.done.push(r.u32()?);
    }
    s.tags = r.strings()?;
    s.questions = r.strings()?;
    let n = r.u32()? as usize;
    // Each note takes 30 bytes: no huge allocation from a bad count.
    s.notes = Vec::with_capacity(n.min(r.left() / 30));
    for _ in 0..n {
        let at = Offset(r.u32()?);
        let sitting = r.u32()?;
        let kind = *Kind::ALL.get(r.u8()? as usize).ok_or("bad kind")?;
        let starred = match r.u8()? {
            0 => false,
            1 => true,
            _ => return Err("bad star".into()),
        };
        let question = r.u32()?;
        let tags = (r.u32()?, r.u32()?);
        let text = (r.u32()?, r.u32()?);
        s.notes.push(NoteRecord { at, sitting, kind, starred, question, tags, text });
    }
    let n = r.u32()? as usize;
    s.note_tags = Vec::with_capacity(n.min(r.left() / 4));
    for _ in 0..n {
        s.note_tags.push(r.u32()?);
    }
    s.text = r.string()?;
    s.summary = r.opt()?;
    if !s.is_consistent() {
        return Err("inconsistent record".into());
    }
    Ok(s)
}

fn read_time(r: &mut Reader) -> R<DateTime<FixedOffset>> {
    let (secs, nanos, offset) = (r.i64()?, r.u32()?, r.i32()?);
    let tz = FixedOffset::east_opt(offset).ok_or("bad offset")?;
    Ok(DateTime::from_timestamp(secs, nanos).ok_or("bad time")?.with_timezone(&tz))
}

fn read_error(r: &mut Reader) -> R<LoadError> {
    let path = PathBuf::from(r.string()?);
    let opt_u64 = |r: &mut Reader| -> R<Option<u64>> {
        match r.u8()? {
            0 => Ok(None),
            1 => r.u64().map(Some),
            _ => Err("bad option".into()),
        }
    };
    let line = opt_u64(r)?;
    let column = opt_u64(r)?;
    let message = r.string()?;
    Ok(LoadError { path, line, column, message })
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

struct Entry {
    name: String,
    key: FileKey,
    /// `2 * i` for `records[i]`, `2 * i + 1` for `errors[i]`.
    index: usize,
}

fn encode(dir_key: &str, entries: &[Entry], records: &[SessionRecord], errors: &[LoadError]) -> Vec<u8> {
    let mut body = Vec::new();
    put_str(&mut body, dir_key);
    put_u32(&mut body, entries.len());
    let mut payload = Vec::new();
    for e in entries {
        payload.clear();
        if e.index % 2 == 0 {
            payload.push(0);
            write_record(&mut payload, &records[e.index / 2]);
        } else {
            payload.push(1);
            write_error(&mut payload, &errors[e.index / 2]);
        }
        put_str(&mut body, &e.name);
        let k = &e.key;
        body.extend_from_slice(&k.size.to_le_bytes());
        for (secs, nanos) in [k.mtime, k.ctime] {
            body.extend_from_slice(&secs.to_le_bytes());
            body.extend_from_slice(&nanos.to_le_bytes());
        }
        body.extend_from_slice(&k.inode.to_le_bytes());
        put_u32(&mut body, payload.len());
        body.extend_from_slice(&payload);
    }
    let mut out = Vec::with_capacity(body.len() + 16);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
    // Session files are at most 16 MB: every length fits.
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => out.push(0),
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
    }
}

fn put_strings(out: &mut Vec<u8>, v: &[String]) {
    put_u32(out, v.len());
    for s in v {
        put_str(out, s);
    }
}

fn write_record(out: &mut Vec<u8>, s: &SessionRecord) {
    put_str(out, &s.id);
    put_str(out, &s.participant);
    put_opt(out, s.company.as_deref());
    put_opt(out, s.role.as_deref());
    put_opt(out, s.segment.as_deref());
    put_str(out, &s.guide);
    put_time(out, &s.started_at);
    out.push(u8::from(s.quotes_shareable));
    put_opt(out, s.closing_question.as_deref());
    put_opt(out, s.closing_answer.as_deref());
    put_strings(out, &s.closing_tags);
    put_strings(out, &s.asked);
    put_str(out, &s.title);
    match &s.ended_at {
        None => out.push(0),
        Some(t) => {
            out.push(1);
            put_time(out, t);
        }
    }
    match s.talk_secs {
        None => out.push(0),
        Some(secs) => {
            out.push(1);
            out.extend_from_slice(&secs.to_le_bytes());
        }
    }
    out.extend_from_slice(&s.sittings.to_le_bytes());
    put_u32(out, s.done.len());
    for d in &s.done {
        out.extend_from_slice(&d.to_le_bytes());
    }
    put_strings(out, &s.tags);
    put_strings(out, &s.questions);
    put_u32(out, s.notes.len());
    for n in &s.notes {
        out.extend_from_slice(&n.at.0.to_le_bytes());
        out.extend_from_slice(&n.sitting.to_le_bytes());
        out.push(Kind::ALL.iter().position(|k| *k == n.kind).unwrap_or(0) as u8);
        out.push(u8::from(n.starred));
        for v in [n.question, n.tags.0, n.tags.1, n.text.0, n.text.1] {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    put_u32(out, s.note_tags.len());
    for t in &s.note_tags {
        out.extend_from_slice(&t.to_le_bytes());
    }
    put_str(out, &s.text);
    put_opt(out, s.summary.as_deref());
}

fn put_time(out: &mut Vec<u8>, t: &DateTime<FixedOffset>) {
    out.extend_from_slice(&t.timestamp().to_le_bytes());
    out.extend_from_slice(&t.timestamp_subsec_nanos().to_le_bytes());
    out.extend_from_slice(&t.offset().local_minus_utc().to_le_bytes());
}

fn write_error(out: &mut Vec<u8>, e: &LoadError) {
    put_str(out, &e.path.to_string_lossy());
    for v in [e.line, e.column] {
        match v {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
    }
    put_str(out, &e.message);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> SessionRecord {
        let t = DateTime::parse_from_rfc3339("2025-01-06T09:00:00.5+05:30").unwrap();
        let mut s = SessionRecord::new("x", "Zoë", "discovery", t);
        s.role = Some("Ops".into());
        s.segment = Some("smb".into());
        s.quotes_shareable = false;
        s.closing_question = Some("What else?".into());
        s.summary = Some("Budget owner.\nWants “invoices”.".into());
        s.asked = vec!["1.1".into()];
        s.title = "Discovery — Zoë".into();
        s.ended_at = Some(t + chrono::Duration::minutes(45));
        s.talk_secs = Some(45 * 60);
        s.push_note(Offset(75), Kind::Insight, None, ["日本", "a"], "“quoted”, with \"commas\"\n");
        s.push_note(Offset(80), Kind::Quote, Some("2.1"), ["a"], "");
        s.set_last_starred(true);
        s.closing_tags = vec!["reporting".into()];
        s.sittings = 2;
        s.set_last_sitting(2);
        s.done = vec![1];
        s
    }

    #[test]
    fn records_and_errors_round_trip() {
        let err = LoadError { path: "/x/y.yaml".into(), line: Some(3), column: None, message: "bad".into() };
        let entries = vec![
            Entry {
                name: "x.yaml".into(),
                key: FileKey { size: 10, mtime: (5, 6), ctime: (9, 1), inode: 42 },
                index: 0,
            },
            Entry {
                name: "y.yaml".into(),
                key: FileKey { size: 11, mtime: (7, 8), ctime: (9, 2), inode: 43 },
                index: 1,
            },
        ];
        let bytes = encode("/dir", &entries, &[record()], std::slice::from_ref(&err));
        let index = Index::parse(&bytes, "/dir").unwrap();
        let x = &index.entries["x.yaml"];
        assert_eq!(x.key, FileKey { size: 10, mtime: (5, 6), ctime: (9, 1), inode: 42 });
        let back = index.decode(x).unwrap().unwrap();
        assert_eq!(back, record());
        assert_eq!(back.started_at.offset().local_minus_utc(), 5 * 3600 + 1800);
        assert_eq!(index.decode(&index.entries["y.yaml"]).unwrap().unwrap_err(), err);
        assert!(Index::parse(&bytes, "/other").is_err());
        // Any flipped byte, or a cut, is caught.
        for i in [0, 9, 13, bytes.len() / 2, bytes.len() - 1] {
            let mut bad = bytes.clone();
            bad[i] ^= 0x40;
            assert!(Index::parse(&bad, "/dir").is_err(), "byte {i}");
        }
        assert!(Index::parse(&bytes[..bytes.len() - 3], "/dir").is_err());
        assert!(Index::parse(b"", "/dir").is_err());
    }

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
