//! The append-only journal beside an open session: every change is appended
//! as a framed record and synced before the UI is told "saved", so a crash or
//! `kill -9` loses nothing that was committed.
//!
//! File layout: the magic line `fieldnotes-journal 1\n`, then records, each
//! `[payload length: u32 LE][CRC-32 of payload: u32 LE][payload: JSON]`.
//! A reader keeps every record up to the first one that is cut short or fails
//! its checksum: a torn tail (crash mid-append) never hides what came before.
//! Past damage it looks for the next intact record (same frame, valid CRC) and
//! keeps what follows apart, so a flipped byte does not hide the records after it.
//!
//! Room for the journal is reserved ahead of need: the file is grown with
//! zeros (allocated blocks) past its last record, and records are written
//! over those zeros, so appends go on when the disk fills up. A reader stops
//! at the first header of zeros followed only by zeros: that is reserved
//! space, not damage (a real record is never empty).

use super::disk::{Disk, Step, sync_dir};
use crate::domain::op::Op;
use crate::domain::session::Session;
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

pub const MAGIC: &[u8] = b"fieldnotes-journal 1\n";
/// No real record comes close; a larger length is damage, not data.
const MAX_RECORD: u32 = 64 * 1024 * 1024;
/// Room kept free at the journal's end: a few hundred notes, or a long
/// stretch of drafts. Asked for first; halved until the disk can give it.
const RESERVE: u64 = 256 * 1024;
/// Below this, a reservation is not worth a failed attempt.
const MIN_RESERVE: u64 = 8 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "kebab-case")]
pub enum Record {
    /// The session as it stood when this journal began, and the fingerprint of
    /// the YAML file that held exactly that state (none if it was not on disk yet).
    Base { session: Box<Session>, yaml: Option<u64> },
    /// One change, numbered by the UI.
    Change { rev: u64, op: Op },
    /// The YAML file is about to be replaced by one of this fingerprint,
    /// holding every change up to `rev`. Written and synced before the rename,
    /// so recovery can tell "our newer file" from "someone else's edit".
    Intent { yaml: u64, rev: u64 },
}

/// FNV-1a over the file's bytes: identifies a YAML file's exact content.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

pub fn encode(record: &Record) -> Vec<u8> {
    let payload = serde_json::to_vec(record).expect("records always serialize");
    let mut out = Vec::with_capacity(payload.len() + 8);
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

/// What a journal file holds, and whether and where it was damaged.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Contents {
    /// The records before any damage.
    pub records: Vec<Record>,
    /// What the first damage was and how many bytes it spans, if any.
    pub damage: Option<String>,
    /// Intact records found past the damage (by `resync`): kept, so a
    /// flipped byte does not hide everything after it. Whether they can be
    /// applied is recovery's call: a change may be missing before them.
    pub after_damage: Vec<Record>,
    /// The only damage is a last record cut short by the end of the file:
    /// what a crash in the middle of an append leaves, a change never reported saved.
    pub torn_tail: bool,
}

pub fn decode(bytes: &[u8]) -> Contents {
    if !bytes.starts_with(MAGIC) {
        return Contents { damage: Some("not a fieldnotes journal (bad header)".into()), ..Contents::default() };
    }
    let mut contents = Contents::default();
    let mut offset = MAGIC.len();
    let mut damaged = false;
    while offset < bytes.len() {
        if bytes[offset..].iter().all(|b| *b == 0) {
            break; // the reserved tail
        }
        match frame_at(bytes, offset) {
            Ok((record, len)) => {
                if damaged {
                    contents.after_damage.push(record)
                } else {
                    contents.records.push(record)
                }
                offset += len;
            }
            Err(why) => {
                let next = resync(bytes, offset + 1);
                let skipped = next.unwrap_or(bytes.len()) - offset;
                if !damaged {
                    contents.torn_tail = next.is_none() && why == CUT_SHORT;
                    contents.damage = Some(match next {
                        Some(_) => {
                            format!("{why} at byte {offset}; {skipped} byte(s) skipped to the next intact record")
                        }
                        None => format!("{why} at byte {offset}; {skipped} byte(s) after it ignored"),
                    });
                } else {
                    contents.torn_tail = false;
                    if let Some(d) = contents.damage.as_mut() {
                        d.push_str(&format!("; more damage at byte {offset} ({skipped} byte(s))"));
                    }
                }
                damaged = true;
                match next {
                    Some(n) => offset = n,
                    None => break,
                }
            }
        }
    }
    contents
}

const CUT_SHORT: &str = "a record is cut short";

/// The record framed at `offset`, and the length of its frame; or why not.
fn frame_at(bytes: &[u8], offset: usize) -> Result<(Record, usize), String> {
    let rest = &bytes[offset..];
    if rest.len() < 8 {
        return Err(CUT_SHORT.into());
    }
    let len = u32::from_le_bytes(rest[0..4].try_into().expect("4 bytes"));
    let crc = u32::from_le_bytes(rest[4..8].try_into().expect("4 bytes"));
    if len > MAX_RECORD || rest.len() < 8 + len as usize {
        return Err(CUT_SHORT.into());
    }
    let payload = &rest[8..8 + len as usize];
    if crc32fast::hash(payload) != crc {
        // JSON never holds a NUL byte, so zeros in the payload are reserved room
        // the append had not yet covered: a write cut short, not damage.
        if payload.contains(&0) {
            return Err(CUT_SHORT.into());
        }
        return Err("a record fails its checksum".into());
    }
    serde_json::from_slice::<Record>(payload)
        .map(|r| (r, 8 + len as usize))
        .map_err(|e| format!("a record cannot be read ({e})"))
}

/// Every payload starts so (serde writes the tag first): a cheap filter
/// before the checksum, so scanning a damaged stretch stays linear in practice.
const PAYLOAD_START: &[u8] = b"{\"record\":\"";

/// The offset of the next intact record at or after `from`: a frame whose
/// payload starts as records do, passes its CRC-32 and reads as a record.
/// A stray match needs those 12 bytes, a 1-in-4-billion checksum and valid
/// JSON of the right shape at once, so what it finds is a record we wrote.
fn resync(bytes: &[u8], from: usize) -> Option<usize> {
    (from..bytes.len().saturating_sub(8 + PAYLOAD_START.len()))
        .filter(|&at| bytes[at + 8..].starts_with(PAYLOAD_START))
        .find(|&at| frame_at(bytes, at).is_ok())
}

pub fn read(path: &Path) -> io::Result<Contents> {
    Ok(decode(&std::fs::read(path)?))
}

/// An open journal, appended to by the writer thread only.
pub struct Journal {
    file: File,
    pub path: PathBuf,
    /// Where the next record goes: the end of the last one written.
    end: u64,
    /// The file's length: `end` plus the reserved zeros.
    reserved: u64,
}

impl Journal {
    /// Starts a journal with its base record: written to a temporary file
    /// with room reserved after it, synced and renamed over any older
    /// journal, so at every instant the journal on disk is either the old one
    /// or the new one, whole. A failure before the rename leaves the old one
    /// in place (and in use by the writer).
    pub fn create(path: &Path, base: &Record, disk: &mut dyn Disk) -> io::Result<Journal> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("journal.tmp");
        let result = start_file(&tmp, base, disk).and_then(|(file, end, reserved)| {
            disk.step(Step::JournalRename)?;
            std::fs::rename(&tmp, path)?;
            Ok((file, end, reserved))
        });
        let (file, end, reserved) = match result {
            Ok(r) => r,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
        };
        // The rename happened: this file is the journal now, whatever the
        // folder sync says (a crash before it leaves the old journal, which
        // recovery reads just as well).
        let _ = sync_dir(path, disk);
        Ok(Journal { file, path: path.to_path_buf(), end, reserved })
    }

    /// Appends records and waits until they are on the disk.
    pub fn append(&mut self, records: &[Record], disk: &mut dyn Disk) -> io::Result<()> {
        let mut bytes = Vec::new();
        for r in records {
            bytes.extend(encode(r));
        }
        let len = bytes.len() as u64;
        if self.end + len > self.reserved {
            // Out of reserved room: ask for more (best effort; the write
            // itself is what must succeed).
            self.reserved = reserve(&self.file, self.end + len, disk).unwrap_or(self.reserved).max(self.reserved);
        }
        disk.step(Step::JournalAppend)?;
        self.file.write_all_at(&bytes, self.end)?;
        disk.step(Step::JournalSync)?;
        self.file.sync_data()?;
        self.end += len;
        self.reserved = self.reserved.max(self.end);
        // Keep room ahead of need: top up once half the reserve is used.
        if self.reserved - self.end < RESERVE / 2
            && let Some(r) = reserve(&self.file, self.end, disk)
        {
            self.reserved = r;
        }
        Ok(())
    }

    /// Bytes of reserved room left after the last record.
    pub fn room(&self) -> u64 {
        self.reserved.saturating_sub(self.end)
    }
}

/// Writes the magic line and the base record to a new file at `tmp`,
/// reserves room after it, and syncs. Returns the file, the end of the base
/// record and the file's length.
fn start_file(tmp: &Path, base: &Record, disk: &mut dyn Disk) -> io::Result<(File, u64, u64)> {
    let mut bytes = MAGIC.to_vec();
    bytes.extend(encode(base));
    disk.step(Step::JournalWrite)?;
    let mut file = OpenOptions::new().read(true).write(true).create(true).truncate(true).open(tmp)?;
    file.write_all(&bytes)?;
    let end = bytes.len() as u64;
    let reserved = reserve(&file, end, disk).unwrap_or(end);
    disk.step(Step::JournalSync)?;
    file.sync_all()?;
    Ok((file, end, reserved))
}

/// Grows `file` with zeros to hold `RESERVE` bytes past `from`, halving the
/// request while the disk cannot give it. Returns the new length, or `None`
/// when not even `MIN_RESERVE` fits (the journal then goes on unreserved).
/// Unsynced: the caller's next sync makes the length durable.
fn reserve(file: &File, from: u64, disk: &mut dyn Disk) -> Option<u64> {
    let mut want = RESERVE;
    while want >= MIN_RESERVE {
        if disk.step(Step::JournalReserve).is_ok() && allocate(file, from + want).is_ok() {
            return Some(from + want);
        }
        want /= 2;
    }
    None
}

/// Makes `file` at least `len` bytes long with real blocks behind every byte
/// (a sparse `set_len` would reserve nothing). The added bytes read as zeros.
fn allocate(file: &File, len: u64) -> io::Result<()> {
    let current = file.metadata()?.len();
    if current >= len {
        return Ok(());
    }
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let wanted = i64::try_from(len).map_err(io::Error::other)?;
        // SAFETY: fallocate on a file descriptor we own; no pointers involved.
        if unsafe { libc::fallocate(file.as_raw_fd(), 0, 0, wanted) } == 0 {
            return Ok(());
        }
        let err = io::Error::last_os_error();
        if err.raw_os_error() != Some(libc::EOPNOTSUPP) {
            // Undo a partial grow so the file keeps only what it had.
            let _ = file.set_len(current);
            return Err(err);
        }
    }
    // No fallocate here: write the zeros, which allocates the blocks too.
    let zeros = vec![0u8; (len - current) as usize];
    let written = file.write_all_at(&zeros, current);
    if written.is_err() {
        let _ = file.set_len(current);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::session::{Note, Offset, Participant};

    fn session() -> Session {
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap();
        Session::new("x".into(), "g", "G", Participant { name: "A".into(), ..Default::default() }, t)
    }

    fn note(i: u32) -> Note {
        Note {
            at: Offset(i),
            sitting: None,
            text: format!("note {i} ✓"),
            kind: Default::default(),
            question: None,
            tags: vec![],
            done: false,
            starred: false,
            from_transcript: false,
            typed: None,
            extra: Default::default(),
        }
    }

    fn journal_bytes(n: u32) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        bytes.extend(encode(&Record::Base { session: Box::new(session()), yaml: Some(7) }));
        for i in 0..n {
            bytes.extend(encode(&Record::Change {
                rev: u64::from(i) + 1,
                op: Op::Insert { index: i as usize, note: note(i) },
            }));
        }
        bytes
    }

    #[test]
    fn records_round_trip() {
        let c = decode(&journal_bytes(3));
        assert_eq!(c.damage, None);
        assert_eq!(c.records.len(), 4);
    }

    #[test]
    fn a_torn_last_record_is_ignored_at_every_cut() {
        let whole = journal_bytes(3);
        let last_start = journal_bytes(2).len();
        for cut in last_start..whole.len() {
            let c = decode(&whole[..cut]);
            assert_eq!(c.records.len(), 3, "cut at {cut}");
            assert_eq!(c.damage.is_some(), cut > last_start, "cut at {cut}");
        }
    }

    #[test]
    fn a_zero_tail_is_reserved_room_not_damage() {
        let mut bytes = journal_bytes(2);
        bytes.extend(vec![0u8; 4096]);
        let c = decode(&bytes);
        assert_eq!((c.records.len(), c.damage), (3, None));
    }

    #[test]
    fn zeros_and_garbage_after_good_records_are_ignored() {
        let mut zeros_then_garbage = vec![0u8; 64];
        zeros_then_garbage.push(1);
        for tail in [zeros_then_garbage, b"garbage that is not a record at all".to_vec(), vec![0xff; 9]] {
            let mut bytes = journal_bytes(2);
            bytes.extend(&tail);
            let c = decode(&bytes);
            assert_eq!(c.records.len(), 3);
            assert!(c.damage.is_some());
        }
    }

    #[test]
    fn a_flipped_bit_loses_only_its_record_and_the_ones_after_are_found() {
        let mut bytes = journal_bytes(5);
        let second_change = journal_bytes(1).len() + 12;
        bytes[second_change] ^= 0x20;
        let c = decode(&bytes);
        assert_eq!(c.records.len(), 2, "base and the first change");
        let after: Vec<u64> = c
            .after_damage
            .iter()
            .map(|r| match r {
                Record::Change { rev, .. } => *rev,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(after, [3, 4, 5], "the three changes after the damaged one");
        let damage = c.damage.unwrap();
        assert!(damage.contains("checksum") && damage.contains("skipped to the next intact record"), "{damage}");
        assert!(!c.torn_tail);
    }

    #[test]
    fn a_flipped_length_is_resynchronised_too() {
        let mut bytes = journal_bytes(3);
        bytes[journal_bytes(1).len()] ^= 0x01;
        let c = decode(&bytes);
        assert_eq!((c.records.len(), c.after_damage.len()), (2, 1));
    }

    #[test]
    fn a_torn_tail_is_told_apart_from_damage_in_the_middle() {
        let whole = journal_bytes(2);
        assert!(decode(&whole[..whole.len() - 3]).torn_tail);
        let mut flipped = whole.clone();
        let last = whole.len() - 3;
        flipped[last] ^= 0x01;
        assert!(!decode(&flipped).torn_tail, "a complete record failing its checksum is damage");
    }

    #[test]
    fn a_torn_append_over_reserved_room_is_a_torn_tail_not_damage() {
        // The append writes over zeros, so a crash mid-append leaves a frame
        // whose payload ends in zeros, not a file cut short.
        let whole = journal_bytes(3);
        let last_start = journal_bytes(2).len();
        for cut in last_start + 1..whole.len() {
            let mut bytes = whole[..cut].to_vec();
            bytes.extend(vec![0u8; 4096]);
            let c = decode(&bytes);
            assert_eq!(c.records.len(), 3, "cut at {cut}");
            assert!(c.torn_tail, "cut at {cut}: {:?}", c.damage);
        }
    }

    #[test]
    fn a_file_that_is_not_a_journal_is_reported() {
        assert!(decode(b"hello").damage.unwrap().contains("bad header"));
        assert!(decode(b"").damage.is_some());
    }
}
