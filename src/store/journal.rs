//! The append-only journal beside an open session: every change is appended
//! as a framed record and synced before the UI is told "saved", so a crash or
//! `kill -9` loses nothing that was committed.
//!
//! File layout: the magic line `fieldnotes-journal 1\n`, then records, each
//! `[payload length: u32 LE][CRC-32 of payload: u32 LE][payload: JSON]`.
//! A reader keeps every record up to the first one that is cut short or fails
//! its checksum: a torn tail (crash mid-append) never hides what came before.

use crate::domain::op::Op;
use crate::domain::session::Session;
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub const MAGIC: &[u8] = b"fieldnotes-journal 1\n";
/// No real record comes close; a larger length is damage, not data.
const MAX_RECORD: u32 = 64 * 1024 * 1024;

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

/// What a journal file holds, and whether its end was damaged.
#[derive(Debug, Clone, PartialEq)]
pub struct Contents {
    pub records: Vec<Record>,
    /// Why reading stopped before the end of the file, if it did.
    pub damage: Option<String>,
}

pub fn decode(bytes: &[u8]) -> Contents {
    let Some(mut rest) = bytes.strip_prefix(MAGIC) else {
        return Contents { records: vec![], damage: Some("not a fieldnotes journal (bad header)".into()) };
    };
    let mut records = Vec::new();
    let mut offset = MAGIC.len();
    while !rest.is_empty() {
        let damage =
            |why: &str| Some(format!("{why} at byte {offset}; {} byte(s) after it ignored", bytes.len() - offset));
        if rest.len() < 8 {
            return Contents { records, damage: damage("a record header is cut short") };
        }
        let len = u32::from_le_bytes(rest[0..4].try_into().expect("4 bytes"));
        let crc = u32::from_le_bytes(rest[4..8].try_into().expect("4 bytes"));
        if len > MAX_RECORD || rest.len() < 8 + len as usize {
            return Contents { records, damage: damage("a record is cut short") };
        }
        let payload = &rest[8..8 + len as usize];
        if crc32fast::hash(payload) != crc {
            return Contents { records, damage: damage("a record fails its checksum") };
        }
        match serde_json::from_slice::<Record>(payload) {
            Ok(r) => records.push(r),
            Err(e) => return Contents { records, damage: damage(&format!("a record cannot be read ({e})")) },
        }
        rest = &rest[8 + len as usize..];
        offset += 8 + len as usize;
    }
    Contents { records, damage: None }
}

pub fn read(path: &Path) -> io::Result<Contents> {
    Ok(decode(&std::fs::read(path)?))
}

/// An open journal, appended to by the writer thread only.
pub struct Journal {
    file: File,
    pub path: PathBuf,
}

impl Journal {
    /// Starts a journal with its base record: written to a temporary file,
    /// synced and renamed over any older journal, so at every instant the
    /// journal on disk is either the old one or the new one, whole.
    pub fn create(path: &Path, base: &Record, disk: &mut dyn super::disk::Disk) -> io::Result<Journal> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("journal.tmp");
        let mut bytes = MAGIC.to_vec();
        bytes.extend(encode(base));
        disk.step(super::disk::Step::JournalWrite)?;
        let mut file = OpenOptions::new().write(true).create(true).truncate(true).open(&tmp)?;
        file.write_all(&bytes)?;
        disk.step(super::disk::Step::JournalSync)?;
        file.sync_all()?;
        disk.step(super::disk::Step::JournalRename)?;
        std::fs::rename(&tmp, path)?;
        super::disk::sync_dir(path, disk)?;
        let file = OpenOptions::new().append(true).open(path)?;
        Ok(Journal { file, path: path.to_path_buf() })
    }

    /// Appends records and waits until they are on the disk.
    pub fn append(&mut self, records: &[Record], disk: &mut dyn super::disk::Disk) -> io::Result<()> {
        let mut bytes = Vec::new();
        for r in records {
            bytes.extend(encode(r));
        }
        disk.step(super::disk::Step::JournalAppend)?;
        self.file.write_all(&bytes)?;
        disk.step(super::disk::Step::JournalSync)?;
        self.file.sync_data()
    }
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
    fn zeros_and_garbage_after_good_records_are_ignored() {
        for tail in [vec![0u8; 4096], b"garbage that is not a record at all".to_vec(), vec![0xff; 9]] {
            let mut bytes = journal_bytes(2);
            bytes.extend(&tail);
            let c = decode(&bytes);
            assert_eq!(c.records.len(), 3);
            assert!(c.damage.is_some());
        }
    }

    #[test]
    fn a_flipped_bit_stops_reading_at_that_record() {
        let mut bytes = journal_bytes(3);
        let second_change = journal_bytes(1).len() + 12;
        bytes[second_change] ^= 0x20;
        let c = decode(&bytes);
        assert_eq!(c.records.len(), 2);
        assert!(c.damage.unwrap().contains("checksum"));
    }

    #[test]
    fn a_file_that_is_not_a_journal_is_reported() {
        assert!(decode(b"hello").damage.unwrap().contains("bad header"));
        assert!(decode(b"").damage.is_some());
    }
}
