//! One journal rule for every change across the library: while any session
//! has a journal (a crash's, or a running fieldnotes'), `tags rename`, `tags
//! merge` and `sync` refuse and say which sessions and what fixes them. And
//! recovery of a file nobody else changed goes back into that same file;
//! a `-recovered-` copy only when someone did, said on the screen in use.

mod common;

use common::{CTRL_Q, Pty, TIMEOUT, cli as fieldnotes, finished_session, note, sessions_dir, stderr, stdout};
use fieldnotes::domain::note::Kind;
use fieldnotes::domain::op::Op;
use fieldnotes::domain::session::Session;
use fieldnotes::store::journal::{MAGIC, Record, encode, fingerprint};
use fieldnotes::store::library::load_session;
use fieldnotes::store::writer::{journal_path, write_session};
use std::path::{Path, PathBuf};

const ANA: &str = "20261122-1000-ana";
const CY: &str = "20261120-0800-cy";

/// Ana and Bo use #reporting, Cy does not.
fn library() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let sessions = sessions_dir(dir.path());
    let all = [
        finished_session(
            ANA,
            "Ana López",
            "2026-11-22T10:00:00+01:00",
            vec![note(60, Kind::Quote, None, "We export to Excel every Friday", &["reporting"])],
        ),
        finished_session(
            "20261121-0900-bo",
            "Bo",
            "2026-11-21T09:00:00+01:00",
            vec![note(60, Kind::Note, None, "Board report monthly", &["reporting"])],
        ),
        finished_session(
            CY,
            "Cy",
            "2026-11-20T08:00:00+01:00",
            vec![note(60, Kind::Note, None, "Price is fine", &["pricing"])],
        ),
    ];
    let paths = all
        .iter()
        .map(|s| {
            let path = sessions.join(format!("{}.yaml", s.id));
            write_session(&path, s).unwrap();
            path
        })
        .collect();
    (dir, paths)
}

/// The journal a crash leaves after `notes` were committed on the session at
/// `yaml`, begun when the file held exactly what it holds now.
fn crash_journal(yaml: &Path, notes: &[(&str, &[&str])]) {
    let bytes = std::fs::read(yaml).unwrap();
    let session: Session = load_session(yaml).unwrap();
    let mut journal = MAGIC.to_vec();
    let first = session.notes.len();
    journal.extend(encode(&Record::Base { session: Box::new(session), yaml: Some(fingerprint(&bytes)) }));
    for (i, (text, tags)) in notes.iter().enumerate() {
        let op = Op::Insert { index: first + i, note: note(600 + i as u32, Kind::Note, None, text, tags) };
        journal.extend(encode(&Record::Change { rev: i as u64 + 1, op }));
    }
    let path = journal_path(yaml);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, journal).unwrap();
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(sessions_dir(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

fn contents(paths: &[PathBuf]) -> Vec<Vec<u8>> {
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn a_crash_journal_refuses_tags_rename_and_merge_and_names_the_fix() {
    let (dir, paths) = library();
    crash_journal(&paths[0], &[("Reports take hours", &["reporting"])]);
    let before = contents(&paths);
    for args in
        [["tags", "rename", "reporting", "reports", "--yes"], ["tags", "merge", "reporting", "pricing", "--yes"]]
    {
        let out = fieldnotes(dir.path(), &args);
        assert_eq!(out.status.code(), Some(1), "{args:?} went through: {}", stdout(&out));
        let err = stderr(&out);
        assert!(err.contains(ANA) && err.contains("fieldnotes recover"), "{args:?}: {err}");
        assert_eq!(contents(&paths), before, "{args:?} changed a file");
    }

    // Recovery puts the journaled note into Ana's own file (nobody else
    // changed it), and then the rename reaches it too.
    let out = fieldnotes(dir.path(), &["recover"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(files(dir.path()).len(), 3, "no copy: {:?}", files(dir.path()));
    let out = fieldnotes(dir.path(), &["tags", "rename", "reporting", "reports", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ana = load_session(&paths[0]).unwrap();
    assert_eq!(ana.notes.len(), 2);
    assert!(ana.notes.iter().all(|n| n.tags == ["reports"]), "{:?}", ana.notes);
}

#[test]
fn a_journal_on_a_session_without_the_tag_refuses_too() {
    // Its journal may hold a note with the tag: a rename must not miss it.
    let (dir, paths) = library();
    crash_journal(&paths[2], &[("Pricing is per seat", &["reporting"])]);
    let before = contents(&paths);
    let out = fieldnotes(dir.path(), &["tags", "rename", "reporting", "reports", "--yes"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains(CY), "{}", stderr(&out));
    assert_eq!(contents(&paths), before);
}

/// The file was changed by someone else after the crash: the journal's notes
/// go to a copy, and `resume` says so on the live screen, where the PM looks.
#[test]
fn resume_announces_a_recovered_copy_on_the_live_screen() {
    let (dir, paths) = library();
    crash_journal(&paths[0], &[("Reports take hours", &[])]);
    let mut edited = load_session(&paths[0]).unwrap();
    edited.title = "Edited by a teammate".into();
    write_session(&paths[0], &edited).unwrap();

    let mut pty = Pty::spawn(dir.path(), &["resume", ANA]);
    pty.expect("1 change from the crash is in a copy");
    pty.expect(&format!("{ANA}-recovered-"));
    pty.send(CTRL_Q);
    pty.wait_exit(TIMEOUT);
    assert_eq!(files(dir.path()).len(), 4, "{:?}", files(dir.path()));
}

/// Nobody changed the file: the journal goes back into it, said on screen.
#[test]
fn resume_of_an_unchanged_file_merges_the_journal_into_it() {
    let (dir, paths) = library();
    crash_journal(&paths[0], &[("Reports take hours", &[])]);
    let mut pty = Pty::spawn(dir.path(), &["resume", ANA]);
    pty.expect("Brought back 1 change");
    pty.expect("Reports take hours");
    pty.send(CTRL_Q);
    pty.wait_exit(TIMEOUT);
    assert_eq!(files(dir.path()).len(), 3, "no copy: {:?}", files(dir.path()));
    assert_eq!(load_session(&paths[0]).unwrap().notes.len(), 2);
}
