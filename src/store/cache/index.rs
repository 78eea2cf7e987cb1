//! The library index: one compact file per sessions folder holding each
//! session file's row summary ([`SessionInfo`], no note text), so `list` and
//! the home screen read a few megabytes instead of every note of every
//! interview. It sits next to the synthesis cache and follows its rules
//! (see `cache/mod.rs`): derived, never trusted over the YAML, an entry used
//! only when its file's `FileKey` matches and had settled for `RACY_SECS`,
//! refused whole on a bad checksum, another format version or another
//! folder, replaced atomically, safe to delete. Only the files whose key
//! changed are read again: a `git pull` of 50 interviews parses 50 files.
//!
//! Format (little-endian): `FNINDEX\0`, u32 format version, u32 CRC-32 of the
//! rest, the sessions folder, u32 entry count, then per entry the file name,
//! its key as the synthesis cache writes it, u32 payload length and the
//! payload: 0 and a summary (`summary_codec.rs`), or 1 and the load error.

use super::decode::{Reader, read_capped, read_error};
use super::encode::{put_str, put_u32, write_error};
use super::file_key::{FileKey, stamp};
use super::summary_codec::{read_info, started_at_of, write_info};
use super::{RACY_SECS, Stats, canonical_dir, dir_hash};
use crate::analysis::synthesis::SessionRecord;
use crate::store::session_files::{load_session, session_paths};
use crate::store::session_info::SessionInfo;
use crate::store::yaml::LoadError;
use chrono::{DateTime, FixedOffset};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

const MAGIC: &[u8; 8] = b"FNINDEX\0";
/// Bump whenever a summary's payload or `SessionInfo::from_record` changes meaning.
pub const INDEX_VERSION: u32 = 1;

/// One session file as the index gives it, in file-name order.
#[derive(Debug)]
pub struct Indexed {
    pub path: PathBuf,
    pub info: Result<SessionInfo, LoadError>,
}

/// The index file of one sessions folder, next to its synthesis cache.
pub fn index_file(cache_dir: &Path, sessions_dir: &Path) -> PathBuf {
    index_file_for(cache_dir, &canonical_dir(sessions_dir))
}

fn index_file_for(cache_dir: &Path, canonical: &Path) -> PathBuf {
    cache_dir.join(format!("index-{:016x}.bin", dir_hash(canonical)))
}

/// Every session file's summary: from the index where its key still matches,
/// parsed (on all cores) where not, and the index rewritten if anything
/// changed. With `cache_dir` `None` nothing is read or written but the YAML.
pub fn load(sessions_dir: &Path, cache_dir: Option<&Path>) -> (Vec<Indexed>, Stats) {
    let started = SystemTime::now();
    let paths = session_paths(sessions_dir);
    let canonical = canonical_dir(sessions_dir);
    let dir_key = canonical.to_string_lossy().into_owned();
    let file = cache_dir.map(|d| index_file_for(d, &canonical));
    let mut stats = Stats { files: paths.len(), cache_file: file.clone(), ..Stats::default() };

    // Each file's key is asked of the kernel on another core while this one
    // reads the index and decodes its entries: at 10,000 interviews the two
    // take about as long as each other (a `stat` per file, a decode per entry).
    let (keys, stored) = std::thread::scope(|scope| {
        let keys = scope.spawn(|| keys_of(&paths));
        let stored = read_stored(file.as_deref(), &dir_key, &paths, &mut stats);
        (keys.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), stored)
    });
    let had_index = stored.is_some();
    // No index, a refused one, or one that does not list exactly these files in order.
    let mut dirty = stats.ignored.is_some() || stored.as_ref().is_none_or(|s| s.entries != paths.len() || !s.in_order);
    let outcomes = summarize_all(&paths, keys, stored.map(|s| s.rows).unwrap_or_default());

    let racy_limit = started.checked_sub(Duration::from_secs(RACY_SECS)).and_then(|t| stamp(Some(t)));
    // What may be stored: a file whose key had settled (see the module doc).
    let storable = |o: &Outcome| o.key.filter(|k| racy_limit.is_some_and(|limit| k.settled_before(limit)));
    for o in &outcomes {
        if o.from_index {
            stats.cached += 1;
            // An entry that should not be there any more.
            dirty |= storable(o).is_none();
        } else {
            stats.parsed += 1;
            dirty = true;
        }
    }
    // An unchanged library is not written again, nor even encoded.
    let body = dirty.then(|| encode(&dir_key, &paths, &outcomes, storable));
    let out: Vec<Indexed> = paths.into_iter().zip(outcomes).map(|(path, o)| Indexed { path, info: o.info }).collect();

    // No library and no index yet: nothing worth a file.
    let nothing = out.is_empty() && !had_index;
    if let Some(whole) = body.filter(|_| !nothing)
        && let Some(file) = &file
    {
        let outcome = crate::store::disk::write_atomic(file, &whole, &mut crate::store::disk::RealDisk, |_| Ok(()));
        stats.record_write(outcome.map_err(|e| format!("{}: {e}", file.display())));
    }
    (out, stats)
}

/// The whole index file: the header, the folder, then the entries of the
/// files that may be stored, in file-name order.
fn encode(
    dir_key: &str,
    paths: &[PathBuf],
    outcomes: &[Outcome],
    storable: impl Fn(&Outcome) -> Option<FileKey>,
) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend_from_slice(MAGIC);
    body.extend_from_slice(&INDEX_VERSION.to_le_bytes());
    body.extend_from_slice(&[0; 4]); // the checksum, once the rest is written
    put_str(&mut body, dir_key);
    let count_at = body.len();
    put_u32(&mut body, 0);
    let mut stored = 0usize;
    let mut payload = Vec::new();
    for (path, o) in paths.iter().zip(outcomes) {
        let (Some(key), Some(name)) = (storable(o), path.file_name().and_then(|n| n.to_str())) else { continue };
        payload.clear();
        match &o.info {
            Ok(info) => {
                payload.push(0);
                write_info(&mut payload, info);
            }
            Err(e) => {
                payload.push(1);
                write_error(&mut payload, e);
            }
        }
        put_str(&mut body, name);
        put_key(&mut body, &key);
        put_u32(&mut body, payload.len());
        body.extend_from_slice(&payload);
        stored += 1;
    }
    body[count_at..count_at + 4].copy_from_slice(&u32::try_from(stored).unwrap_or(u32::MAX).to_le_bytes());
    let crc = crc32fast::hash(&body[16..]);
    body[12..16].copy_from_slice(&crc.to_le_bytes());
    body
}

fn put_key(out: &mut Vec<u8>, k: &FileKey) {
    out.extend_from_slice(&k.size.to_le_bytes());
    for (secs, nanos) in [k.mtime, k.ctime] {
        out.extend_from_slice(&secs.to_le_bytes());
        out.extend_from_slice(&nanos.to_le_bytes());
    }
    out.extend_from_slice(&k.inode.to_le_bytes());
}

/// A stored entry: its file's name, key and payload.
type Stored<'a> = (&'a str, FileKey, &'a [u8]);

/// Each entry in file order.
fn entries<'a>(bytes: &'a [u8], dir_key: &str) -> Result<Vec<Stored<'a>>, String> {
    let all = super::decode::entries(bytes, (MAGIC, INDEX_VERSION, "index"), dir_key)?;
    Ok(all.into_iter().map(|(name, key, at)| (name, key, &bytes[at])).collect())
}

/// The newest `n` summaries as the index last stored them, not yet checked
/// against their files, and how many sessions the index holds: what the
/// library screen draws first while [`load`] checks every file (at 10,000
/// interviews that takes a few hundred milliseconds; this, a few tens). Only
/// each entry's start time is read to find the newest; only they are
/// decoded. `None` without a usable index (the first run, say).
pub fn peek(sessions_dir: &Path, cache_dir: &Path, n: usize) -> Option<(Vec<Indexed>, usize)> {
    let canonical = canonical_dir(sessions_dir);
    let dir_key = canonical.to_string_lossy().into_owned();
    let bytes = read_capped(&index_file_for(cache_dir, &canonical), &mut Stats::default(), "an index")?;
    let mut dated: Vec<_> = entries(&bytes, &dir_key)
        .ok()?
        .into_iter()
        .map(|(name, _, payload)| (started_of(payload), name, payload))
        .collect();
    let total = dated.len();
    // Newest first and, on a tie, by id (the file's stem), as `Library`
    // sorts; an entry without a readable start (a load error) is left for `load`.
    type Dated<'a> = (Option<DateTime<FixedOffset>>, &'a str, &'a [u8]);
    let stem = |name: &'_ str| -> String { name.strip_suffix(".yaml").unwrap_or(name).to_owned() };
    let newest = |a: &Dated, b: &Dated| b.0.cmp(&a.0).then_with(|| stem(a.1).cmp(&stem(b.1)));
    if n < dated.len() {
        dated.select_nth_unstable_by(n, newest);
        dated.truncate(n);
    }
    dated.sort_unstable_by(newest);
    let rows = dated
        .into_iter()
        .filter(|(started, ..)| started.is_some())
        .filter_map(|(_, name, payload)| {
            Some(Indexed { path: sessions_dir.join(name), info: Ok(decode(payload)?.ok()?) })
        })
        .collect();
    Some((rows, total))
}

/// A summary's start time, read past the strings before it without
/// copying them; `None` for a stored load error or a payload that does not read.
fn started_of(payload: &[u8]) -> Option<DateTime<FixedOffset>> {
    let mut r = Reader { bytes: payload, pos: 0 };
    if r.u8().ok()? != 0 {
        return None; // 1: the file's load error, no summary
    }
    started_at_of(&mut r).ok()
}

/// The entry's summary or load error; `None` if it does not decode (then the file is parsed).
fn decode(payload: &[u8]) -> Option<Result<SessionInfo, LoadError>> {
    let mut r = Reader { bytes: payload, pos: 0 };
    let out = match r.u8().ok()? {
        0 => Ok(read_info(&mut r).ok()?),
        1 => Err(read_error(&mut r).ok()?),
        _ => return None,
    };
    (r.pos == payload.len()).then_some(out)
}

struct Outcome {
    /// `None` when the file could not be read or has no usable times (never stored).
    key: Option<FileKey>,
    info: Result<SessionInfo, LoadError>,
    from_index: bool,
}

/// Each file's key, or `None` where it could not be read.
fn keys_of(paths: &[PathBuf]) -> Vec<Option<FileKey>> {
    paths.iter().map(|path| std::fs::metadata(path).ok().as_ref().and_then(FileKey::of)).collect()
}

/// A summary (or load error) as stored, with the key of the file it came from.
type StoredRow = (FileKey, Result<SessionInfo, LoadError>);

/// What the index holds for each of `paths` (its stored key and decoded
/// summary, in the same order), and how many entries it holds in all.
struct FromIndex {
    rows: Vec<Option<StoredRow>>,
    entries: usize,
    /// Whether the entries were stored in name order, as they are written.
    in_order: bool,
}

/// The index file read and every entry that names one of `paths` decoded,
/// before its file's key is known: the keys come from another core at the
/// same time, and an entry whose key then differs is dropped unused (see
/// [`summarize_all`]). `None` without a usable index (why, in `stats`). The
/// file's bytes are gone when this returns, before anything is encoded.
fn read_stored(file: Option<&Path>, dir_key: &str, paths: &[PathBuf], stats: &mut Stats) -> Option<FromIndex> {
    let bytes = read_capped(file?, stats, "an index")?;
    let mut entries = entries(&bytes, dir_key).unwrap_or_else(|why| {
        stats.ignored = Some(why);
        Vec::new()
    });
    // The index is written in the order `session_paths` gives, so each
    // file's entry is found by walking both lists (a table of 10,000 names
    // took longer than reading them). An index in any other order is put in
    // order first, and written again in order (a name stored twice is out
    // of order too).
    let in_order = entries.is_sorted_by(|a, b| a.0 < b.0);
    if !in_order {
        entries.sort_by(|a, b| a.0.cmp(b.0));
    }
    let mut next = entries.iter().peekable();
    let matched: Vec<Option<&Stored>> = paths
        .iter()
        .map(|path| {
            let name = path.file_name()?.to_str()?;
            while next.next_if(|e| e.0 < name).is_some() {}
            next.next_if(|e| e.0 == name)
        })
        .collect();
    let one = |entry: &Option<&Stored>| {
        let (_, key, payload) = (*entry)?;
        Some((*key, decode(payload)?))
    };
    // Decoding is mostly allocating (some forty strings a summary): the
    // second half on another core takes a sixth off it at 10,000 interviews.
    let half = matched.len() / 2;
    let rows = std::thread::scope(|scope| {
        let later = scope.spawn(|| matched[half..].iter().map(one).collect::<Vec<_>>());
        let mut rows: Vec<_> = matched[..half].iter().map(one).collect();
        rows.extend(later.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        rows
    });
    Some(FromIndex { rows, entries: entries.len(), in_order })
}

/// Every file's summary: the stored one where the file's key is the one it
/// was stored with, parsed where not.
fn summarize_all(paths: &[PathBuf], keys: Vec<Option<FileKey>>, stored: Vec<Option<StoredRow>>) -> Vec<Outcome> {
    // Without an index there is nothing stored: every file is parsed.
    let stored = stored.into_iter().chain(std::iter::repeat_with(|| None));
    let mut out: Vec<Option<Outcome>> = keys
        .into_iter()
        .zip(stored)
        .map(|(key, entry)| {
            let (stored_key, info) = entry?;
            (key == Some(stored_key)).then_some(Outcome { key, info, from_index: true })
        })
        .collect();
    let misses: Vec<usize> = (0..out.len()).filter(|i| out[*i].is_none()).collect();
    for (i, o) in parse_all(paths, &misses) {
        out[i] = Some(o);
    }
    out.into_iter().map(|o| o.expect("every file looked up or parsed")).collect()
}

/// The files at `which` parsed, on all cores: parsing dominates a cold run,
/// so every core takes the next file as it frees up.
fn parse_all(paths: &[PathBuf], which: &[usize]) -> Vec<(usize, Outcome)> {
    let one = |path: &PathBuf| {
        let key = std::fs::metadata(path).ok().as_ref().and_then(FileKey::of);
        let info = load_session(path).map(|s| SessionInfo::from_record(&SessionRecord::of(&s)));
        Outcome { key, info, from_index: false }
    };
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(which.len());
    if workers <= 1 {
        return which.iter().map(|&i| (i, one(&paths[i]))).collect();
    }
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    while let Some(&i) = which.get(next.fetch_add(1, Ordering::Relaxed)) {
                        out.push((i, one(&paths[i])));
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}
