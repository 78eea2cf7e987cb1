//! `fieldnotes recover` tells the truth: what was damaged, what could not
//! come back and why, where the damaged journal was kept, and a non-zero
//! exit whenever something did not come back or could not be written.

mod common;

use common::{cli as fieldnotes, finished_session, note, sessions_dir, stderr, stdout};
use fieldnotes::domain::note::Kind;
use fieldnotes::domain::op::Op;
use fieldnotes::store::journal::{MAGIC, Record, encode, fingerprint};
use fieldnotes::store::library::load_session;
use fieldnotes::store::writer::{journal_path, write_session};
use std::path::{Path, PathBuf};

const ID: &str = "20261122-1000-ana";

fn saved_session(root: &Path) -> PathBuf {
    let s =
        finished_session(ID, "Ana López", "2026-11-22T10:00:00+01:00", vec![note(60, Kind::Quote, None, "saved", &[])]);
    let path = sessions_dir(root).join(format!("{ID}.yaml"));
    write_session(&path, &s).unwrap();
    path
}

/// A crash journal: the base (the file as it is now) then each record, and
/// where each record's frame starts.
fn journal(yaml: &Path, records: &[Record]) -> (PathBuf, Vec<u8>, Vec<usize>) {
    let session = load_session(yaml).unwrap();
    let mut bytes = MAGIC.to_vec();
    bytes.extend(encode(&Record::Base {
        session: Box::new(session),
        yaml: Some(fingerprint(&std::fs::read(yaml).unwrap())),
    }));
    let mut starts = Vec::new();
    for r in records {
        starts.push(bytes.len());
        bytes.extend(encode(r));
    }
    (journal_path(yaml), bytes, starts)
}

fn insert(rev: u64, index: usize, text: &str) -> Record {
    Record::Change { rev, op: Op::Insert { index, note: note(600 + rev as u32, Kind::Note, None, text, &[]) } }
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn damaged_copies(root: &Path) -> Vec<String> {
    std::fs::read_dir(sessions_dir(root).join(".fieldnotes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".damaged-"))
        .collect()
}

/// The case from the issue: a flipped byte in the third of six changes.
#[test]
fn a_flipped_byte_is_reported_with_what_was_held_back_and_where_the_copy_is() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = saved_session(dir.path());
    let changes: Vec<Record> = (1..=6).map(|i| insert(i, i as usize, &format!("note {i}"))).collect();
    let (jpath, mut bytes, starts) = journal(&yaml, &changes);
    bytes[starts[2] + 20] ^= 0x04;
    write(&jpath, &bytes);

    let out = fieldnotes(dir.path(), &["recover"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "something was lost: {text}{}", stderr(&out));
    assert!(text.contains("2 change(s)") && text.contains("checksum"), "{text}");
    assert!(text.contains("3 intact change(s) after the damage were not applied"), "{text}");
    for i in 4..=6 {
        assert!(text.contains(&format!("note {i}")), "held-back note {i} is named: {text}");
    }
    let copies = damaged_copies(dir.path());
    assert_eq!(copies.len(), 1);
    assert!(text.contains(&copies[0]), "the damaged copy is named: {text}");
    let notes: Vec<String> = load_session(&yaml).unwrap().notes.into_iter().map(|n| n.text).collect();
    assert_eq!(notes, ["saved", "note 1", "note 2"], "nothing misplaced");
}

/// Damage that lost no change (an intent record, between two changes): the
/// changes after it are found and applied, and the damage is still told.
#[test]
fn changes_after_damage_that_lost_nothing_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = saved_session(dir.path());
    let records =
        [insert(1, 1, "one"), Record::Intent { yaml: 42, rev: 1 }, insert(2, 2, "two"), insert(3, 3, "three")];
    let (jpath, mut bytes, starts) = journal(&yaml, &records);
    bytes[starts[1] + 12] ^= 0x01;
    write(&jpath, &bytes);

    let out = fieldnotes(dir.path(), &["recover"]);
    let text = stdout(&out);
    let notes: Vec<String> = load_session(&yaml).unwrap().notes.into_iter().map(|n| n.text).collect();
    assert_eq!(notes, ["saved", "one", "two", "three"], "{text}");
    assert!(text.contains("3 change(s)") && text.contains("damaged") && text.contains(".damaged-"), "{text}");
}

/// A torn last record is what every crash mid-append leaves: recovered, said, exit 0.
#[test]
fn a_torn_last_record_is_said_but_is_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = saved_session(dir.path());
    let (jpath, bytes, _) = journal(&yaml, &[insert(1, 1, "one"), insert(2, 2, "two")]);
    write(&jpath, &bytes[..bytes.len() - 5]);
    let out = fieldnotes(dir.path(), &["recover"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("cut short"), "{}", stdout(&out));
    assert_eq!(load_session(&yaml).unwrap().notes.len(), 2);
}

/// The session file cannot be written (a folder stands where it goes):
/// said, the journal kept, and a non-zero exit.
#[test]
fn a_file_that_cannot_be_written_is_a_failure_and_the_journal_stays() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = saved_session(dir.path());
    let (jpath, bytes, _) = journal(&yaml, &[insert(1, 1, "one")]);
    write(&jpath, &bytes);
    std::fs::remove_file(&yaml).unwrap();
    std::fs::create_dir_all(yaml.join("in-the-way")).unwrap();

    let out = fieldnotes(dir.path(), &["recover"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("not recovered"), "{}", stdout(&out));
    assert!(jpath.exists(), "the journal is all there is: it stays");
}
