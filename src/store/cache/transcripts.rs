//! The library's transcripts, kept reduced beside the records' cache: a
//! WebVTT file and its session file parsed again for every `synth`, every
//! `search --transcripts` and every synthesis screen cost seconds across a
//! few hundred interviews. An entry stands for a session only while both
//! its session file and its `.vtt` keep their [`FileKey`] (so a changed
//! offset or a new transcript is seen at once), and only once both have
//! been still for `RACY_SECS`, as in the records' cache.
//!
//! Format (little-endian): `FNTRANS\0`, u32 version, u32 CRC-32 of the rest,
//! the sessions folder, u32 entry count, then per entry: the session file's
//! name, its key and the transcript's key (u64 size, i64 + u32 mtime,
//! i64 + u32 ctime, u64 inode each), i64 offset, optional interviewer, u32
//! cue count, and per cue f64 start, f64 end, optional speaker, text; then
//! u32 verdict count, and per verdict u32 note index, u8 status (0
//! verbatim, 1 close, 2 not found), u32 cue, the words not said.
//! The verdicts on the quotes are kept too: checking every quote of a few
//! hundred interviews costs seconds, and depends on nothing but the two files.
//! Strings are u32 length + UTF-8; an option is a 0/1 byte first.

use super::file_key::{FileKey, stamp};
use super::{RACY_SECS, cache_file_for};
use crate::analysis::synthesis::SessionRecord;
use crate::analysis::transcript::marks::{SessionTranscript, session_verdicts};
use crate::analysis::transcript::quotes::Verdict;
use crate::domain::transcript::{Cue, Transcript};
use crate::store::library_transcripts::{Read, read_one};
use crate::store::transcripts;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const MAGIC: &[u8; 8] = b"FNTRANS\0";
const VERSION: u32 = 1;

/// The verdicts on one session's quotes, by note index.
type Verdicts = Vec<(usize, Verdict)>;

/// Both files an entry stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Keys {
    session: FileKey,
    transcript: FileKey,
}

/// Reads the transcript of every session in `paths` that has one, from the
/// cache in `cache_dir` where both files are unchanged, and rewrites the
/// cache when anything was read afresh. Without `cache_dir`, reads them all.
pub fn load(paths: &[PathBuf], records: &[SessionRecord], cache_dir: Option<&Path>) -> Read {
    let started = SystemTime::now();
    let Some(dir) = paths.first().and_then(|p| p.parent()) else { return Read::default() };
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let dir_key = canonical.to_string_lossy().into_owned();
    let file = cache_dir.map(|d| transcripts_file(&cache_file_for(d, &canonical)));
    let mut cached =
        file.as_deref().and_then(|f| std::fs::read(f).ok()).and_then(|b| decode(&b, &dir_key).ok()).unwrap_or_default();

    let racy_limit = started.checked_sub(Duration::from_secs(RACY_SECS)).and_then(|t| stamp(Some(t)));
    let mut read = Read::default();
    // What the cache will hold: (file name, keys, session index, verdicts).
    let mut keep: Vec<(String, Keys, usize, Verdicts)> = Vec::new();
    let mut dirty = false;
    for (si, path) in paths.iter().enumerate() {
        let vtt = path.with_file_name(transcripts::file_name(path));
        let Some(keys) = keys_of(path, &vtt) else { continue };
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let hit = cached.remove(&name).filter(|(k, _, _)| *k == keys).map(|(_, t, v)| (t, v));
        let fresh = hit.is_none();
        let (t, verdicts) = match hit {
            Some(hit) => hit,
            None => match read_one(path) {
                Ok(Some(t)) => {
                    let verdicts = records.get(si).map(|r| session_verdicts(r, &t)).unwrap_or_default();
                    (t, verdicts)
                }
                Ok(None) => continue,
                Err(e) => {
                    read.problems.push(e);
                    continue;
                }
            },
        };
        dirty |= fresh;
        let settled = |k: FileKey| racy_limit.is_some_and(|limit| k.settled_before(limit));
        if settled(keys.session) && settled(keys.transcript) {
            keep.push((name, keys, si, verdicts.clone()));
        } else {
            dirty |= !fresh;
        }
        read.marks.insert_session(si, verdicts);
        read.transcripts.by_session.insert(si, t);
    }
    // Entries for sessions gone or without a transcript any more.
    dirty |= !cached.is_empty();
    if dirty && let Some(file) = &file {
        let all = &read.transcripts.by_session;
        let entries: Vec<Entry> =
            keep.iter().filter_map(|(n, k, si, v)| Some((n.as_str(), *k, all.get(si)?, v.as_slice()))).collect();
        let bytes = encode(&dir_key, &entries);
        // A cache that cannot be written only costs the next run its time.
        let _ = crate::store::disk::write_atomic(file, &bytes, &mut crate::store::disk::RealDisk, |_| Ok(()));
    }
    read
}

/// `synth-HASH.bin` → `transcripts-HASH.bin`, beside it.
fn transcripts_file(records_cache: &Path) -> PathBuf {
    let name = records_cache.file_name().and_then(|n| n.to_str()).unwrap_or("synth-.bin");
    records_cache.with_file_name(name.replacen("synth-", "transcripts-", 1))
}

fn keys_of(session: &Path, vtt: &Path) -> Option<Keys> {
    let transcript = std::fs::metadata(vtt).ok().filter(|m| m.is_file()).as_ref().and_then(FileKey::of)?;
    let session = std::fs::metadata(session).ok().as_ref().and_then(FileKey::of)?;
    Some(Keys { session, transcript })
}

/// One entry to write: file name, keys, transcript, verdicts.
type Entry<'a> = (&'a str, Keys, &'a SessionTranscript, &'a [(usize, Verdict)]);

fn encode(dir_key: &str, entries: &[Entry]) -> Vec<u8> {
    let mut body = Vec::new();
    put_str(&mut body, dir_key);
    put_u32(&mut body, entries.len());
    for (name, keys, t, verdicts) in entries {
        put_str(&mut body, name);
        for k in [keys.session, keys.transcript] {
            body.extend_from_slice(&k.size.to_le_bytes());
            for (secs, nanos) in [k.mtime, k.ctime] {
                body.extend_from_slice(&secs.to_le_bytes());
                body.extend_from_slice(&nanos.to_le_bytes());
            }
            body.extend_from_slice(&k.inode.to_le_bytes());
        }
        body.extend_from_slice(&t.offset.to_le_bytes());
        put_opt(&mut body, t.interviewer.as_deref());
        put_u32(&mut body, t.transcript.cues.len());
        for c in &t.transcript.cues {
            body.extend_from_slice(&c.start.to_le_bytes());
            body.extend_from_slice(&c.end.to_le_bytes());
            put_opt(&mut body, c.speaker.as_deref());
            put_str(&mut body, &c.text);
        }
        put_u32(&mut body, verdicts.len());
        for (note, v) in verdicts.iter() {
            put_u32(&mut body, *note);
            let (status, missing): (u8, &[String]) = match v {
                Verdict::Verbatim { .. } => (0, &[]),
                Verdict::Close { missing, .. } => (1, missing),
                Verdict::NotFound => (2, &[]),
            };
            body.push(status);
            put_u32(&mut body, v.cue().unwrap_or(0));
            put_u32(&mut body, missing.len());
            for m in missing {
                put_str(&mut body, m);
            }
        }
    }
    let mut out = Vec::with_capacity(body.len() + 16);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
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

type Entries = HashMap<String, (Keys, SessionTranscript, Verdicts)>;

/// Every entry of a cache file; any damage refuses the whole file.
fn decode(bytes: &[u8], dir_key: &str) -> Result<Entries, String> {
    let mut r = Reader { bytes, pos: 0 };
    if r.take(8)? != MAGIC.as_slice() || r.u32()? != VERSION {
        return Err("not this version's transcript cache".into());
    }
    let crc = r.u32()?;
    if crc32fast::hash(&bytes[r.pos..]) != crc {
        return Err("checksum mismatch".into());
    }
    if r.str()? != dir_key {
        return Err("cache of another folder".into());
    }
    let count = r.u32()? as usize;
    let mut entries = HashMap::with_capacity(count.min(bytes.len() / 64));
    for _ in 0..count {
        let name = r.str()?.to_string();
        let session = r.key()?;
        let transcript = r.key()?;
        let offset = r.i64()?;
        let interviewer = r.opt()?;
        let n = r.u32()? as usize;
        // Each cue takes at least 22 bytes: no huge allocation from a bad count.
        let mut cues = Vec::with_capacity(n.min(r.left() / 22));
        for _ in 0..n {
            let start = f64::from_le_bytes(r.array()?);
            let end = f64::from_le_bytes(r.array()?);
            let speaker = r.opt()?;
            let text = r.str()?.to_string();
            cues.push(Cue { start, end, speaker, text });
        }
        let t = SessionTranscript { offset, interviewer, transcript: Transcript { cues } };
        let n = r.u32()? as usize;
        let mut verdicts = Vec::with_capacity(n.min(r.left() / 13));
        for _ in 0..n {
            let note = r.u32()? as usize;
            let status = r.take(1)?[0];
            let cue = r.u32()? as usize;
            let words = r.u32()? as usize;
            let mut missing = Vec::with_capacity(words.min(r.left() / 4));
            for _ in 0..words {
                missing.push(r.str()?.to_string());
            }
            let v = match status {
                0 => Verdict::Verbatim { cue },
                1 => Verdict::Close { cue, missing },
                2 => Verdict::NotFound,
                _ => return Err("bad verdict".into()),
            };
            verdicts.push((note, v));
        }
        entries.insert(name, (Keys { session, transcript }, t, verdicts));
    }
    if r.pos != bytes.len() {
        return Err("trailing bytes".into());
    }
    Ok(entries)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).filter(|e| *e <= self.bytes.len()).ok_or("truncated")?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        Ok(self.take(N)?.try_into().expect("N bytes"))
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    fn i64(&mut self) -> Result<i64, String> {
        Ok(i64::from_le_bytes(self.array()?))
    }
    fn str(&mut self) -> Result<&'a str, String> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| "bad text".to_string())
    }
    fn opt(&mut self) -> Result<Option<String>, String> {
        match self.take(1)?[0] {
            0 => Ok(None),
            1 => Ok(Some(self.str()?.to_string())),
            _ => Err("bad option".into()),
        }
    }
    fn key(&mut self) -> Result<FileKey, String> {
        let size = self.u64()?;
        let mtime = (self.i64()?, self.u32()?);
        let ctime = (self.i64()?, self.u32()?);
        let inode = self.u64()?;
        Ok(FileKey { size, mtime, ctime, inode })
    }
    fn left(&self) -> usize {
        self.bytes.len() - self.pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SESSION: &str = "schema: 1\nid: s1\nguide: discovery\nparticipant: {name: Ana}\nstarted_at: 2025-03-12T10:00:00+00:00\ntranscript: {file: s1.vtt, offset: \"+00:00:35\", interviewer: Sam}\nnotes:\n  - {at: \"00:05:00\", text: We use spreadsheets}\n";

    fn set_old(path: &Path) {
        let old = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options().write(true).open(path).unwrap().set_modified(old).unwrap();
    }

    /// Read once, then from the cache; a changed transcript or offset is
    /// read again, and a damaged cache is only ignored.
    #[test]
    fn transcripts_come_from_the_cache_until_either_file_changes() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("sessions");
        std::fs::create_dir_all(&dir).unwrap();
        let session = dir.join("s1.yaml");
        std::fs::write(&session, SESSION).unwrap();
        let said = |text: &str| Transcript {
            cues: vec![Cue { start: 1.0, end: 2.0, speaker: Some("Ana".into()), text: text.into() }],
        };
        transcripts::write(&session, &said("first words")).unwrap();
        set_old(&session);
        set_old(&dir.join("s1.vtt"));
        std::thread::sleep(Duration::from_secs(RACY_SECS + 1));
        let cache = root.path().join("cache");
        let paths = vec![session.clone()];
        let first = load(&paths, &[], Some(&cache));
        assert_eq!(first.transcripts.of(0).unwrap().transcript, said("first words"));
        let file = transcripts_file(&cache_file_for(&cache, &std::fs::canonicalize(&dir).unwrap()));
        assert!(file.exists(), "written once read");
        // The cache answers: a cache saying something else is believed while keys match.
        let mut entries =
            decode(&std::fs::read(&file).unwrap(), &std::fs::canonicalize(&dir).unwrap().to_string_lossy()).unwrap();
        assert_eq!(entries.len(), 1);
        let entry = entries.get_mut("s1.yaml").unwrap();
        entry.1.offset = 99;
        entry.2 = vec![(0, Verdict::Close { cue: 3, missing: vec!["a".into()] })];
        let keep: Vec<Entry> = entries.iter().map(|(n, (k, t, v))| (n.as_str(), *k, t, v.as_slice())).collect();
        std::fs::write(&file, encode(&std::fs::canonicalize(&dir).unwrap().to_string_lossy(), &keep)).unwrap();
        let cached = load(&paths, &[], Some(&cache));
        assert_eq!(cached.transcripts.of(0).unwrap().offset, 99, "from the cache");
        let kept = cached.marks.get(crate::analysis::synthesis::NoteRef { session: 0, note: 0 });
        assert_eq!(kept, Some(&Verdict::Close { cue: 3, missing: vec!["a".into()] }), "verdicts too");

        // A new transcript is seen.
        transcripts::write(&session, &said("other words")).unwrap();
        let again = load(&paths, &[], Some(&cache));
        assert_eq!(again.transcripts.of(0).unwrap().transcript, said("other words"));
        assert_eq!(again.transcripts.of(0).unwrap().offset, 35, "read from the files");

        // A new offset in the session file is seen.
        std::fs::write(&session, SESSION.replace("+00:00:35", "+00:00:12")).unwrap();
        assert_eq!(load(&paths, &[], Some(&cache)).transcripts.of(0).unwrap().offset, 12);

        // A damaged cache is ignored.
        std::fs::write(&file, b"FNTRANS\0garbage").unwrap();
        assert_eq!(load(&paths, &[], Some(&cache)).transcripts.of(0).unwrap().offset, 12);
    }
}
