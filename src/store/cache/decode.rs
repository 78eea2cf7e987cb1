//! Reading a cache file back: the header checks (magic, format version,
//! checksum, folder), the entry index, and each payload decoded on demand.
//! Every count and length is distrusted, so a damaged file is refused, not
//! believed.

use super::file_key::FileKey;
use super::{FORMAT_VERSION, MAGIC};
use crate::analysis::synthesis::{NoteRecord, SessionRecord};
use crate::domain::note::Kind;
use crate::domain::session::Offset;
use crate::store::yaml::LoadError;
use chrono::{DateTime, FixedOffset};
use std::collections::HashMap;
use std::path::PathBuf;

/// Entry headers of a cache file, payloads decoded on demand (by the workers).
#[derive(Default)]
pub(super) struct Index<'a> {
    bytes: &'a [u8],
    pub(super) entries: HashMap<&'a str, Cached>,
}

pub(super) struct Cached {
    pub(super) key: FileKey,
    payload: std::ops::Range<usize>,
}

impl<'a> Index<'a> {
    pub(super) fn parse(bytes: &'a [u8], dir_key: &str) -> Result<Index<'a>, String> {
        let entries = entries(bytes, (MAGIC, FORMAT_VERSION, "cache"), dir_key)?
            .into_iter()
            .map(|(name, key, payload)| (name, Cached { key, payload }))
            .collect();
        Ok(Index { bytes, entries })
    }

    /// The entry's record or load error; `None` if it does not decode (then the file is parsed).
    pub(super) fn decode(&self, e: &Cached) -> Option<Result<SessionRecord, LoadError>> {
        let mut r = Reader { bytes: &self.bytes[e.payload.clone()], pos: 0 };
        let out = match r.u8().ok()? {
            0 => Ok(read_record(&mut r).ok()?),
            1 => Err(read_error(&mut r).ok()?),
            _ => return None,
        };
        (r.pos == r.bytes.len()).then_some(out)
    }
}

pub(super) struct Reader<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) pos: usize,
}

pub(super) type R<T> = Result<T, String>;

/// One stored entry as it lies in a derived file: its file's name and key,
/// and where its payload is in the file's bytes.
pub(super) type Entry<'a> = (&'a str, FileKey, std::ops::Range<usize>);

/// The layout the synthesis cache and the library index share: the header
/// checked (`layout` is the file's magic, format version and the word its
/// errors call it by; then the checksum and the folder), then every entry in
/// file order. Any count or length the bytes cannot hold refuses the file.
pub(super) fn entries<'a>(
    bytes: &'a [u8],
    (magic, version, what): (&[u8; 8], u32, &str),
    dir_key: &str,
) -> Result<Vec<Entry<'a>>, String> {
    let mut r = Reader { bytes, pos: 0 };
    if r.take(8).ok() != Some(magic.as_slice()) {
        return Err(format!("not a fieldnotes {what}"));
    }
    let found = r.u32()?;
    if found != version {
        return Err(format!("{what} format {found}, this version reads {version}"));
    }
    let crc = r.u32()?;
    if crc32fast::hash(&bytes[r.pos..]) != crc {
        return Err("checksum mismatch".into());
    }
    if r.str()? != dir_key {
        return Err(format!("{what} of another folder"));
    }
    let count = r.u32()? as usize;
    // Each entry takes at least 16 bytes: no huge reservation from a bad count.
    let mut out = Vec::with_capacity(count.min(bytes.len() / 16));
    for _ in 0..count {
        let name = r.str()?;
        let size = r.u64()?;
        let mtime = (r.i64()?, r.u32()?);
        let ctime = (r.i64()?, r.u32()?);
        let inode = r.u64()?;
        let len = r.u32()? as usize;
        let start = r.pos;
        r.take(len)?;
        out.push((name, FileKey { size, mtime, ctime, inode }, start..start + len));
    }
    if r.pos != bytes.len() {
        return Err("trailing bytes".into());
    }
    Ok(out)
}

/// A derived file's bytes, or `None` (with why in `stats`) when it is not a
/// file or is larger than any this version writes.
pub(super) fn read_capped(file: &std::path::Path, stats: &mut super::Stats, what: &str) -> Option<Vec<u8>> {
    let meta = std::fs::metadata(file).ok()?;
    if !meta.is_file() || meta.len() > super::MAX_CACHE_BYTES {
        stats.ignored = Some(format!("not {what} file"));
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

impl<'a> Reader<'a> {
    pub(super) fn take(&mut self, n: usize) -> R<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|e| *e <= self.bytes.len()).ok_or("truncated")?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> R<[u8; N]> {
        Ok(self.take(N)?.try_into().expect("N bytes"))
    }
    pub(super) fn u8(&mut self) -> R<u8> {
        Ok(self.array::<1>()?[0])
    }
    pub(super) fn u32(&mut self) -> R<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    pub(super) fn i32(&mut self) -> R<i32> {
        Ok(i32::from_le_bytes(self.array()?))
    }
    pub(super) fn u64(&mut self) -> R<u64> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    pub(super) fn i64(&mut self) -> R<i64> {
        Ok(i64::from_le_bytes(self.array()?))
    }
    pub(super) fn str(&mut self) -> R<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| "bad text".to_string())
    }
    pub(super) fn left(&self) -> usize {
        self.bytes.len() - self.pos
    }
    pub(super) fn string(&mut self) -> R<String> {
        self.str().map(String::from)
    }
    pub(super) fn opt(&mut self) -> R<Option<String>> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.string().map(Some),
            _ => Err("bad option".into()),
        }
    }
    pub(super) fn strings(&mut self) -> R<Vec<String>> {
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
    s.person = r.opt()?;
    if !s.is_consistent() {
        return Err("inconsistent record".into());
    }
    Ok(s)
}

pub(super) fn read_time(r: &mut Reader) -> R<DateTime<FixedOffset>> {
    let (secs, nanos, offset) = (r.i64()?, r.u32()?, r.i32()?);
    let tz = FixedOffset::east_opt(offset).ok_or("bad offset")?;
    Ok(DateTime::from_timestamp(secs, nanos).ok_or("bad time")?.with_timezone(&tz))
}

pub(super) fn read_error(r: &mut Reader) -> R<LoadError> {
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
