//! A rescue (the whole session written to a fallback folder when its own
//! folder refused every write, see `store/rescue.rs`) comes back before the
//! session opens, whichever way it is opened: `resume ID`, or from the
//! library (a rescue written after start-up, by a session closed on a full
//! disk earlier in the same run). Before, only `recover`, the start-up scan
//! and `r` adopted rescues: the session opened without the rescued notes,
//! was saved so, and the next `recover` split the interview in two files
//! (`ID-recovered-STAMP.yaml`). A library-wide change is refused while a
//! rescue waits, as it is while a journal does.

mod common;

use common::{CTRL_Q, Pty, TIMEOUT, finished_session, note, parse_yaml, session_files};
use fieldnotes::domain::note::Kind;
use fieldnotes::domain::op::Op;
use fieldnotes::store::journal::{self, Record};
use fieldnotes::store::rescue;
use fieldnotes::store::writer::write_session;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const ID: &str = "20261122-1430-ana";

/// A session file with two notes, and a rescue of it (in `rescue_dir`)
/// holding two more, as the writer leaves one when the disk refuses.
fn session_and_rescue(root: &Path, rescue_dir: &Path) -> PathBuf {
    let notes = vec![
        note(10, Kind::Note, None, "saved note one", &["pricing"]),
        note(20, Kind::Note, None, "saved note two", &[]),
    ];
    let base = finished_session(ID, "Ana", "2026-11-22T14:30:05+01:00", notes);
    let path = common::sessions_dir(root).join(format!("{ID}.yaml"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    write_session(&path, &base).unwrap();
    write_rescue(&path, rescue_dir);
    path
}

fn write_rescue(path: &Path, rescue_dir: &Path) {
    let base = fieldnotes::store::library::load_session(path).unwrap();
    let fp = journal::fingerprint(&std::fs::read(path).unwrap());
    let mut current = base.clone();
    let mut changes = Vec::new();
    for (i, text) in ["rescued note three", "rescued note four"].into_iter().enumerate() {
        let op = Op::Insert { index: 2 + i, note: note(30 + i as u32 * 10, Kind::Note, None, text, &[]) };
        op.apply(&mut current).unwrap();
        changes.push(Record::Change { rev: i as u64 + 1, op });
    }
    let contents =
        rescue::Contents { yaml_path: path, base: &base, base_fp: Some(fp), changes: &changes, current: &current };
    rescue::write(&[rescue_dir.to_path_buf()], &contents).unwrap();
}

fn note_texts(path: &Path) -> Vec<String> {
    let doc = parse_yaml(&std::fs::read_to_string(path).unwrap());
    doc["notes"].as_array().unwrap().iter().map(|n| n["text"].as_str().unwrap().to_string()).collect()
}

fn all_four() -> Vec<String> {
    ["saved note one", "saved note two", "rescued note three", "rescued note four"].map(String::from).to_vec()
}

/// `fieldnotes ARGS` with no terminal, rescues looked for in `rescue_dir`.
fn run(root: &Path, rescue_dir: &Path, args: &[&str]) -> Output {
    Command::new(common::BIN)
        .args(args)
        .env("FIELDNOTES_DATA_DIR", common::data_dir(root))
        .env("FIELDNOTES_CONFIG_DIR", common::config_dir(root))
        .env("FIELDNOTES_CACHE_DIR", root.join("cache"))
        .env("FIELDNOTES_RESCUE_DIR", rescue_dir)
        .stdin(Stdio::null())
        .output()
        .expect("run fieldnotes")
}

/// Nothing is left behind: no rescue, no journal to recover, one file.
fn assert_one_whole_interview(root: &Path, rescue_dir: &Path, path: &Path) {
    assert_eq!(std::fs::read_dir(rescue_dir).unwrap().count(), 0, "the rescue is still waiting");
    let rec = run(root, rescue_dir, &["recover"]);
    assert!(rec.status.success(), "{rec:?}");
    assert_eq!(session_files(root), vec![path.to_path_buf()], "the interview was split in two files");
    assert_eq!(note_texts(path), all_four());
}

#[test]
fn resume_brings_back_a_rescue_before_opening() {
    let root = tempfile::tempdir().unwrap();
    let rescue_dir = tempfile::tempdir().unwrap();
    let path = session_and_rescue(root.path(), rescue_dir.path());
    let env = [("FIELDNOTES_RESCUE_DIR", rescue_dir.path().to_str().unwrap())];
    let mut pty = Pty::spawn_with_env(root.path(), &["resume", ID], &env);
    shows_the_rescued_notes_then_quits(&mut pty);
    assert_one_whole_interview(root.path(), rescue_dir.path(), &path);
}

#[test]
fn opening_from_the_library_brings_back_a_rescue_written_after_start_up() {
    let root = tempfile::tempdir().unwrap();
    let rescue_dir = tempfile::tempdir().unwrap();
    let path = session_and_rescue(root.path(), rescue_dir.path());
    // Started with nothing waiting: the start-up scan has nothing to adopt.
    let parked = tempfile::tempdir().unwrap();
    move_all(rescue_dir.path(), parked.path());
    let env = [("FIELDNOTES_RESCUE_DIR", rescue_dir.path().to_str().unwrap())];
    let mut pty = Pty::spawn_with_env(root.path(), &[], &env);
    pty.expect("Ana");
    // The rescue appears now, as one written by a session closed earlier in this run.
    move_all(parked.path(), rescue_dir.path());
    pty.send("c"); // continue it in the live screen
    shows_the_rescued_notes_then_quits(&mut pty);
    assert_one_whole_interview(root.path(), rescue_dir.path(), &path);
}

/// `tags rename` while a rescue waits: refused, as with a journal, or the
/// rescue (based on the file before the rename) would come back as a copy.
#[test]
fn a_waiting_rescue_refuses_a_library_wide_change() {
    let root = tempfile::tempdir().unwrap();
    let rescue_dir = tempfile::tempdir().unwrap();
    let path = session_and_rescue(root.path(), rescue_dir.path());
    let before = std::fs::read(&path).unwrap();
    let out = run(root.path(), rescue_dir.path(), &["tags", "rename", "pricing", "cost", "--yes"]);
    assert!(!out.status.success(), "the rename went through with a rescue waiting: {out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("fieldnotes recover"), "{out:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file was changed");
    let rec = run(root.path(), rescue_dir.path(), &["recover"]);
    assert!(rec.status.success(), "{rec:?}");
    assert_eq!(session_files(root.path()), vec![path.clone()], "the interview was split in two files");
    assert_eq!(note_texts(&path), all_four());
}

/// `recover` when a rescue cannot be brought back (here the state folder
/// beside the sessions is not a folder; on a real disk, the rescue did not
/// fit): it says so, names the rescue, leaves it in place and exits 1.
/// Before, it printed "Nothing to recover." and exited 0.
#[test]
fn recover_says_when_a_rescue_cannot_come_back() {
    let root = tempfile::tempdir().unwrap();
    let rescue_dir = tempfile::tempdir().unwrap();
    session_and_rescue(root.path(), rescue_dir.path());
    let state = common::state_dir(root.path());
    let _ = std::fs::remove_dir_all(&state);
    std::fs::write(&state, "not a folder").unwrap();
    let out = run(root.path(), rescue_dir.path(), &["recover"]);
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(!said.contains("Nothing to recover"), "{said}");
    let folder = std::fs::read_dir(rescue_dir.path()).unwrap().next().expect("the rescue stays").unwrap().path();
    assert!(said.contains(&folder.display().to_string()), "the rescue is not named: {said}");
}

/// Starting the library while a rescue cannot be brought back (no room for it
/// yet): the screen the user looks at says so and names what to run. Before,
/// the start-up scan skipped it without a word.
#[test]
fn the_library_says_when_a_rescue_cannot_come_back_yet() {
    let root = tempfile::tempdir().unwrap();
    let rescue_dir = tempfile::tempdir().unwrap();
    session_and_rescue(root.path(), rescue_dir.path());
    let state = common::state_dir(root.path());
    let _ = std::fs::remove_dir_all(&state);
    std::fs::write(&state, "not a folder").unwrap();
    let env = [("FIELDNOTES_RESCUE_DIR", rescue_dir.path().to_str().unwrap())];
    let mut pty = Pty::spawn_with_env(root.path(), &[], &env);
    pty.expect("Ana");
    pty.wait_for("rescue", TIMEOUT).map_err(|_| pty.report("the waiting rescue is not mentioned")).unwrap();
    pty.expect("fieldnotes recover");
    pty.send("q");
    pty.wait_exit(TIMEOUT);
    assert_eq!(std::fs::read_dir(rescue_dir.path()).unwrap().count(), 1, "the rescue stays where it is");
}

/// Moves every file of `from` into `to` (a rescue "written" at a chosen moment).
fn move_all(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let file = entry.unwrap().path();
        std::fs::rename(&file, to.join(file.file_name().unwrap())).unwrap();
    }
}

/// The live screen shows all four notes (two saved, two rescued); Ctrl-Q leaves cleanly.
fn shows_the_rescued_notes_then_quits(pty: &mut Pty) {
    pty.wait_for("Notes (", TIMEOUT).unwrap();
    pty.wait_for("Notes (4)", TIMEOUT).map_err(|_| pty.report("the rescued notes are not on the screen")).unwrap();
    pty.send(CTRL_Q);
    assert!(pty.wait_exit(TIMEOUT).success(), "{:?}", pty.report("quit failed"));
}
