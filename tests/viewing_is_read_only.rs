//! Looking at a session never rewrites it. A hand-written file (flow style,
//! `+00:00` offsets, `tags: []`) opened and left without a change keeps every
//! byte and its mtime, whichever screen opened it: in a team library in git,
//! `sync` must never commit an edit nobody made. A real change still saves.

mod common;

use common::{CTRL_Q, ENTER, Pty, TIMEOUT, data_dir, sessions_dir};
use fieldnotes::domain::op::Op;
use fieldnotes::store::library::load_session;
use fieldnotes::store::writer::{Command, Reply, Writer, journal_path};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

const ESC: &str = "\x1b";
const ID: &str = "20250312-1000-ana-x2ab";
/// The session's row in the library, once the library has been read.
const LIBRARY_ROW: &str = "2025-03-12 10:00";

/// Written by hand, in styles fieldnotes' own writer would not choose.
const HAND_WRITTEN: &str = "\
schema: 1
id: 20250312-1000-ana-x2ab
guide: discovery
title: Discovery — Ana
participant: {name: Ana, company: Acme}
started_at: 2025-03-12T10:00:00+00:00
ended_at: 2025-03-12T10:40:00+00:00
notes:
  - {at: \"00:03:12\", text: Exports take a whole afternoon, kind: pain, question: \"1.1\", tags: []}
  - at: \"00:05:00\"
    text: We use spreadsheets
    kind: note
    question: \"1.2\"
    tags: [tooling, workaround]
";

/// An mtime far in the past: any rewrite would move it to now.
fn old_mtime() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_741_777_200) // 2025-03-12 11:00 UTC
}

fn write_hand_written(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(format!("{ID}.yaml"));
    std::fs::write(&path, HAND_WRITTEN).unwrap();
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(old_mtime()).unwrap();
    path
}

/// The file's bytes and mtime are exactly as written by hand.
fn assert_untouched(path: &Path, after: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(text, HAND_WRITTEN, "the file was rewritten after {after}");
    let mtime = std::fs::metadata(path).unwrap().modified().unwrap();
    assert_eq!(mtime, old_mtime(), "the file's mtime moved after {after}");
}

fn spawn_writer() -> (Writer, mpsc::Receiver<Reply>) {
    let (tx, rx) = mpsc::channel();
    let w = Writer::spawn(move |r| {
        let _ = tx.send(r);
    });
    (w, rx)
}

#[test]
fn the_writer_leaves_a_session_opened_and_closed_without_a_change_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_hand_written(dir.path());
    let session = load_session(&path).unwrap();
    let (w, rx) = spawn_writer();
    w.send(Command::Open { path: path.clone(), session: Box::new(session), fresh: false, lock: None });
    w.close_and_wait();
    w.finish();
    assert_untouched(&path, "open and close in the writer");
    assert!(!journal_path(&path).exists(), "the journal is dropped on close");
    let replies: Vec<Reply> = rx.try_iter().collect();
    assert!(replies.iter().any(|r| matches!(r, Reply::Closed { .. })), "{replies:?}");
    assert!(!replies.iter().any(|r| matches!(r, Reply::Written { .. })), "nothing to write: {replies:?}");
}

#[test]
fn the_writer_still_rewrites_a_session_that_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_hand_written(dir.path());
    let session = load_session(&path).unwrap();
    let (w, _rx) = spawn_writer();
    w.send(Command::Open { path: path.clone(), session: Box::new(session), fresh: false, lock: None });
    w.send(Command::Change { rev: 1, op: Op::Draft { text: Some("half a thought".into()) } });
    w.finish();
    assert_eq!(load_session(&path).unwrap().draft.as_deref(), Some("half a thought"));
    assert!(std::fs::metadata(&path).unwrap().modified().unwrap() > old_mtime());
}

/// Runs the app in a pty on a library holding only the hand-written file,
/// drives it with `steps` (text to send, then text to wait for), and checks
/// that it exits cleanly and the file is untouched.
fn view_and_leave(args: &[&str], steps: &[(&str, &str)]) {
    let root = tempfile::tempdir().unwrap();
    let path = write_hand_written(&sessions_dir(root.path()));
    std::fs::create_dir_all(data_dir(root.path())).unwrap();
    let mut pty = Pty::spawn(root.path(), args);
    for (send, wait) in steps {
        pty.send(send);
        if !wait.is_empty() {
            pty.expect(wait);
        }
    }
    let status = pty.wait_exit(TIMEOUT);
    assert!(status.success(), "{:?}", pty.report("exit status"));
    assert_untouched(&path, &format!("fieldnotes {args:?} with {steps:?}"));
}

#[test]
fn review_then_esc_then_q_leaves_the_file_untouched() {
    view_and_leave(&["review", ID], &[("", "Ana · Acme"), (ESC, "Library"), ("q", "")]);
}

#[test]
fn the_library_opening_a_session_and_leaving_leaves_the_file_untouched() {
    view_and_leave(&[], &[("", LIBRARY_ROW), (ENTER, "Ana · Acme"), ("q", LIBRARY_ROW), ("q", "")]);
}

#[test]
fn quick_tagging_without_tagging_leaves_the_file_untouched() {
    view_and_leave(
        &["review", ID, "--untagged"],
        &[("", "Quick tagging"), (ESC, "Notes by question"), ("q", LIBRARY_ROW), ("q", "")],
    );
}

#[test]
fn a_note_opened_from_the_synthesis_and_left_leaves_the_file_untouched() {
    view_and_leave(
        &[],
        &[
            ("", LIBRARY_ROW),
            ("S", "Evidence"),
            (ENTER, "open in its session"),
            (ENTER, "Opened from the synthesis"),
            (ESC, "Themes · share"),
            (CTRL_Q, ""),
        ],
    );
}

#[test]
fn the_live_screen_resumed_and_quit_without_typing_leaves_the_file_untouched() {
    view_and_leave(&["resume", ID], &[("", "We use spreadsheets"), (CTRL_Q, "")]);
}

#[test]
fn continuing_from_the_session_view_and_quitting_leaves_the_file_untouched() {
    view_and_leave(&["review", ID], &[("", "Ana · Acme"), ("c", "We use spreadsheets"), (CTRL_Q, "")]);
}
