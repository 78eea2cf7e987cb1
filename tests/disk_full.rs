//! A disk that fills up, goes read-only or fails, at every step of a session:
//! no change is lost, and the app says exactly where each one is.
//!
//! In process, the writer runs on a disk that fails from each step on in turn
//! (ENOSPC, EROFS, EIO). With the real binary, a small tmpfs is filled for
//! real (these tests mount one and skip, saying why, where that is not allowed).

mod common;

use common::{CTRL_Q, ENTER, Pty, TIMEOUT, parse_yaml};
use fieldnotes::domain::op::Op;
use fieldnotes::domain::session::{Note, Session};
use fieldnotes::store::disk::FailFrom;
use fieldnotes::store::library::load_session;
use fieldnotes::store::recovery::{self, Found};
use fieldnotes::store::rescue;
use fieldnotes::store::writer::{Closing, Command, Reply, Writer};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output, Stdio};
use std::sync::mpsc;

fn session(id: &str) -> Session {
    common::open_session(id)
}

fn note(i: usize) -> Note {
    common::numbered_note(i, None, &[])
}

fn script() -> Vec<Op> {
    let mut ops: Vec<Op> = (0..4).map(|i| Op::Insert { index: i, note: note(i) }).collect();
    ops.push(Op::Remove { index: 0 });
    ops.extend((4..8).map(|i| Op::Insert { index: i - 1, note: note(i) }));
    ops.push(Op::Draft { text: Some("half a thought".into()) });
    ops
}

/// What a restart with a healthy disk finds: the journal recovered, then the file.
fn after_restart(path: &Path) -> Option<Session> {
    match recovery::inspect(path) {
        Found::Pending(p) => {
            recovery::apply(&p).unwrap();
        }
        Found::Stale { journal_path } | Found::Unusable { journal_path, .. } => {
            recovery::discard(&journal_path).unwrap()
        }
        Found::InUse { .. } => panic!("nobody holds the lock"),
    }
    path.exists().then(|| load_session(path).unwrap_or_else(|e| panic!("YAML not whole: {e}")))
}

/// Every step of a session (open, changes, a save, close) fails in turn, and
/// stays failed, with each of ENOSPC, EROFS and EIO; with a working fallback
/// folder and without one. Whatever the writer answers on close must be true:
/// saved, all in the journal, all in the rescue (which `recover` brings back),
/// or "at risk" naming exactly the changes a restart would not find.
#[test]
fn a_failing_disk_at_any_step_loses_nothing_it_does_not_name() {
    let base = session("sweep");
    let ops = script();
    let full = common::state_after(&base, &ops, ops.len());
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    for errno in [libc::ENOSPC, libc::EROFS, libc::EIO] {
        for with_rescue in [true, false] {
            for n in 0.. {
                let dir = tempfile::tempdir().unwrap();
                let rescue_dir = tempfile::tempdir().unwrap();
                let path = dir.path().join("sweep.yaml");
                let rescue_dirs = if with_rescue { vec![rescue_dir.path().to_path_buf()] } else { vec![] };
                let (tx, rx) = mpsc::channel();
                let w =
                    Writer::spawn_rescuing(Box::new(FailFrom { n, errno, seen: 0 }), rescue_dirs.clone(), move |r| {
                        let _ = tx.send(r);
                    });
                w.send(Command::Open { path: path.clone(), session: Box::new(base.clone()), fresh: true, lock: None });
                for (i, op) in ops.iter().enumerate() {
                    w.send(Command::Change { rev: i as u64 + 1, op: op.clone() });
                    if i == 4 {
                        w.send(Command::Flush);
                    }
                }
                let verdicts = w.close_and_report().expect("the writer answers");
                drop(w);
                let replies: Vec<Reply> = rx.try_iter().collect();
                let durable = replies
                    .iter()
                    .filter_map(|r| if let Reply::Durable { rev, .. } = r { Some(*rev as usize) } else { None })
                    .max()
                    .unwrap_or(0);
                let case = format!("errno {errno}, rescue {with_rescue}, failing from step {n}");
                assert_eq!(verdicts.len(), 1, "{case}: {verdicts:?}");
                match &verdicts[0] {
                    Closing::Saved { .. } => {
                        *seen.entry("saved").or_default() += 1;
                        assert_eq!(load_session(&path).unwrap(), full, "{case}");
                    }
                    Closing::InJournal { .. } => {
                        *seen.entry("in journal").or_default() += 1;
                        assert_eq!(after_restart(&path).as_ref(), Some(&full), "{case}");
                    }
                    Closing::Rescued { folder, .. } => {
                        *seen.entry("rescued").or_default() += 1;
                        assert!(with_rescue, "{case}");
                        assert!(folder.join("sweep.yaml").exists(), "{case}: no readable copy in the rescue");
                        let lines = rescue::adopt(dir.path(), &rescue_dirs);
                        assert_eq!(lines.len(), 1, "{case}: {lines:?}");
                        assert!(!folder.exists(), "{case}: the rescue stays after it was brought back");
                        assert_eq!(after_restart(&path).as_ref(), Some(&full), "{case}");
                    }
                    Closing::AtRisk { changes, .. } => {
                        *seen.entry("at risk").or_default() += 1;
                        assert!(!with_rescue, "{case}: a working fallback folder was not used");
                        match after_restart(&path) {
                            Some(found) => {
                                let k = (durable..=ops.len())
                                    .find(|k| found == common::state_after(&base, &ops, *k))
                                    .unwrap_or_else(|| panic!("{case}: the file lost a durable change"));
                                // A change written but not synced may survive: named at risk all the same.
                                let named = changes.len();
                                assert!(
                                    named >= ops.len() - k && named <= ops.len() - durable,
                                    "{case}: {named} named at risk, the restart lacks {}: {changes:?}",
                                    ops.len() - k
                                );
                            }
                            None => {
                                assert_eq!(durable, 0, "{case}");
                                assert!(!changes.is_empty(), "{case}");
                            }
                        }
                    }
                }
                let failed = replies.iter().any(|r| matches!(r, Reply::Failed { .. }));
                if !failed && matches!(verdicts[0], Closing::Saved { .. }) {
                    break;
                }
                assert!(n < 200, "{case}: the script never completes");
            }
        }
    }
    eprintln!("verdicts over the sweep: {seen:?}");
    for kind in ["saved", "in journal", "rescued", "at risk"] {
        assert!(seen.contains_key(kind), "the sweep never reached {kind:?}: {seen:?}");
    }
}

// ---------------------------------------------------------------------------
// A real full disk
// ---------------------------------------------------------------------------

/// A tmpfs of a given size, unmounted on drop.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// `None` (with the reason printed) where mounting is not permitted.
    fn mount(size: &str, test: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let out = Process::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output();
        match out {
            Ok(o) if o.status.success() => Some(Tmpfs { dir }),
            Ok(o) => {
                common::skipped(&format!(
                    "{test}: cannot mount a tmpfs: {}",
                    String::from_utf8_lossy(&o.stderr).trim()
                ));
                None
            }
            Err(e) => {
                common::skipped(&format!("{test}: cannot run mount: {e}"));
                None
            }
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes zeros until the disk refuses: returns the filler to free space later.
    fn fill(&self) -> PathBuf {
        use std::io::Write;
        let filler = self.path().join("filler");
        let mut f = std::fs::File::create(&filler).unwrap();
        let block = vec![0u8; 4096];
        while f.write_all(&block).is_ok() {}
        let _ = f.write_all(&[0u8; 1]);
        filler
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Process::new("umount").arg("-l").arg(self.dir.path()).status();
    }
}

/// `fieldnotes ARGS` with the data on `root`, rescues in `rescue`, no terminal.
fn run(root: &Path, rescue: &Path, args: &[&str]) -> Output {
    Process::new(common::BIN)
        .args(args)
        .env("FIELDNOTES_DATA_DIR", common::data_dir(root))
        .env("FIELDNOTES_CONFIG_DIR", common::config_dir(root))
        .env("FIELDNOTES_CACHE_DIR", root.join("cache"))
        .env("FIELDNOTES_RESCUE_DIR", rescue)
        .stdin(Stdio::null())
        .output()
        .expect("run fieldnotes")
}

fn notes_of(path: &Path) -> Vec<String> {
    let doc = parse_yaml(&std::fs::read_to_string(path).unwrap());
    doc["notes"].as_array().unwrap().iter().map(|n| n["text"].as_str().unwrap().to_string()).collect()
}

fn long_note(i: usize) -> String {
    format!("note {i}: {}", "the export to Excel takes hours every Friday ".repeat(5).trim_end())
}

/// The steps: 3 notes, the disk fills, 20 more, quit. The journal's
/// reserved room takes the 20 (no rescue folder works either: the fallback is
/// on the same full disk), the quit message says so, and `recover` brings
/// back all 23 once there is space.
#[test]
fn a_full_disk_then_quit_keeps_every_note_in_the_journal() {
    let Some(fs) = Tmpfs::mount("256k", "a_full_disk_then_quit_keeps_every_note_in_the_journal") else { return };
    let root = fs.path();
    let rescue = root.join("rescue");
    let env = [("FIELDNOTES_RESCUE_DIR", rescue.to_str().unwrap())];
    let mut pty = Pty::spawn_with_env(root, &["new", "--guide", "discovery", "--participant", "Full Disk"], &env);
    pty.expect("Notes (0)");
    for i in 0..3 {
        pty.send(&long_note(i));
        pty.send(ENTER);
        pty.expect(&format!("Notes ({})", i + 1));
    }
    pty.expect("● saved");
    let filler = fs.fill();
    for i in 3..23 {
        pty.send(&long_note(i));
        pty.send(ENTER);
        pty.expect(&format!("Notes ({})", i + 1));
    }
    pty.send(CTRL_Q);
    let status = pty.wait_exit(TIMEOUT);
    let out = String::from_utf8_lossy(&pty.raw).into_owned();
    assert!(!status.success(), "the file could not be written: {status:?}\n{out}");
    assert!(out.contains("Every change is safe in the journal"), "{:?}", pty.report("no verified journal message"));
    assert!(!out.contains("Nothing is lost"), "{out}");

    std::fs::remove_file(filler).unwrap();
    let rec = run(root, &rescue, &["recover"]);
    assert!(rec.status.success(), "{rec:?}");
    let (path, _) = common::only_session(root);
    let want: Vec<String> = (0..23).map(long_note).collect();
    assert_eq!(notes_of(&path), want);
}

/// The disk is full before `new`: no session file, no journal, no
/// `.gitignore` can be written. Quitting writes the whole session to the
/// fallback folder and names it; `recover` brings it back once there is room.
#[test]
fn a_full_disk_at_new_rescues_the_session_and_leaves_no_empty_files() {
    let test = "a_full_disk_at_new_rescues_the_session_and_leaves_no_empty_files";
    let Some(fs) = Tmpfs::mount("256k", test) else { return };
    let root = fs.path();
    std::fs::create_dir_all(common::sessions_dir(root)).unwrap();
    let rescue = tempfile::tempdir().unwrap();
    let env = [("FIELDNOTES_RESCUE_DIR", rescue.path().to_str().unwrap())];
    let filler = fs.fill();
    let mut pty = Pty::spawn_with_env(root, &["new", "--guide", "discovery", "--participant", "No Room"], &env);
    pty.expect("Notes (0)");
    for i in 0..3 {
        pty.send(&format!("rescued note {i}"));
        pty.send(ENTER);
        pty.expect(&format!("Notes ({})", i + 1));
    }
    pty.send(CTRL_Q);
    let status = pty.wait_exit(TIMEOUT);
    let out = String::from_utf8_lossy(&pty.raw).into_owned();
    assert!(!status.success(), "{out}");
    assert!(out.contains("The whole session was saved to"), "{:?}", pty.report("no rescue message"));
    assert!(out.contains(&rescue.path().display().to_string()), "the message does not name the folder:\n{out}");

    let ignore = common::sessions_dir(root).join(".gitignore");
    assert!(std::fs::metadata(&ignore).map_or(true, |m| m.len() > 0), "a full disk left an empty {}", ignore.display());
    assert!(common::session_files(root).is_empty(), "no session file could be written");

    std::fs::remove_file(filler).unwrap();
    let rec = run(root, rescue.path(), &["recover"]);
    assert!(rec.status.success(), "{rec:?}");
    let (path, _) = common::only_session(root);
    assert_eq!(notes_of(&path), ["rescued note 0", "rescued note 1", "rescued note 2"]);
    assert_eq!(std::fs::read_dir(rescue.path()).unwrap().count(), 0, "the rescue stays after recover");
}

/// Symmetric limits: a session just under the size the reader takes, and
/// two more notes. The writer refuses to write a file the reader would
/// refuse (before, it wrote it and said "saved"; then `list`, `show` and
/// `resume` refused the file); the file on disk stays readable and the
/// changes stay in the journal.
#[test]
fn the_writer_never_writes_a_file_the_reader_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.yaml");
    let mut big = session("big");
    let room = fieldnotes::store::yaml::MAX_FILE_BYTES as usize - 2_000;
    big.notes.push(Note { text: "a".repeat(room - 400), ..note(0) });
    fieldnotes::store::writer::write_session(&path, &big).unwrap();
    let before = std::fs::read(&path).unwrap();
    assert!(load_session(&path).is_ok());

    let (tx, rx) = mpsc::channel();
    let w = Writer::spawn_with(Box::new(fieldnotes::store::disk::RealDisk), move |r| {
        let _ = tx.send(r);
    });
    w.send(Command::Open { path: path.clone(), session: Box::new(big.clone()), fresh: false, lock: None });
    for i in 1..3 {
        let text = format!("note {i} {}", "b".repeat(3_000));
        w.send(Command::Change { rev: i as u64, op: Op::Insert { index: i, note: Note { text, ..note(i) } } });
    }
    let verdicts = w.close_and_report().expect("the writer answers");
    drop(w);
    let replies: Vec<Reply> = rx.try_iter().collect();
    assert!(!replies.iter().any(|r| matches!(r, Reply::Written { .. })), "a file too large was written: {verdicts:?}");
    let error = replies
        .iter()
        .find_map(|r| match r {
            // Safe in the journal, the file not written: the screen says why.
            Reply::Failed { error, .. } | Reply::Journaled { why: error, .. } => Some(error.clone()),
            _ => None,
        })
        .expect("the refusal is reported");
    assert!(error.contains("16 MiB"), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file on disk is untouched");
    assert!(load_session(&path).is_ok(), "the file stays readable");
    assert!(matches!(verdicts[..], [Closing::InJournal { .. }]), "{verdicts:?}");
}

/// A second signal while the disk is full and the session is being written
/// to the fallback folder (made slow here, as on a slow disk): before, a
/// second signal 300 ms or more after the first exited at once and cut the
/// rescue short, so nothing of the session was anywhere. Now it waits for
/// the writer, and `recover` brings back every note. SIGTERM twice, and
/// SIGHUP then SIGTERM.
#[test]
fn a_second_signal_during_a_rescue_does_not_cut_it_short() {
    let test = "a_second_signal_during_a_rescue_does_not_cut_it_short";
    for (first, second) in [("TERM", "TERM"), ("HUP", "TERM")] {
        let Some(fs) = Tmpfs::mount("256k", test) else { return };
        let root = fs.path();
        std::fs::create_dir_all(common::sessions_dir(root)).unwrap();
        let rescue = tempfile::tempdir().unwrap();
        let env =
            [("FIELDNOTES_RESCUE_DIR", rescue.path().to_str().unwrap()), ("FIELDNOTES_DEBUG_SLOW_RESCUE_MS", "3000")];
        let filler = fs.fill();
        let mut pty = Pty::spawn_with_env(root, &["new", "--guide", "discovery", "--participant", "Two Signals"], &env);
        pty.expect("Notes (0)");
        for i in 0..3 {
            pty.send(&format!("rescued note {i}"));
            pty.send(ENTER);
            pty.expect(&format!("Notes ({})", i + 1));
        }
        common::signal(pty.pid(), first);
        // Past the 300 ms in which a hang-up's double SIGHUP counts as one.
        std::thread::sleep(std::time::Duration::from_millis(600));
        common::signal(pty.pid(), second);
        pty.wait_exit(TIMEOUT);
        let case = format!("SIG{first} then SIG{second}");
        let out = String::from_utf8_lossy(&pty.raw).into_owned();
        assert!(out.contains("The whole session was saved to"), "{case}: {:?}", pty.report("no rescue message"));

        std::fs::remove_file(filler).unwrap();
        let rec = run(root, rescue.path(), &["recover"]);
        assert!(rec.status.success(), "{case}: {rec:?}");
        let files = common::session_files(root);
        assert_eq!(files.len(), 1, "{case}: the rescue was cut short: {rec:?}");
        assert_eq!(notes_of(&files[0]), ["rescued note 0", "rescued note 1", "rescued note 2"], "{case}");
    }
}

/// The full disk, past the journal's reserve: the rescue (120 long
/// notes) is larger than the room the freed disk has. `recover` used to move
/// the session's own journal aside, fail to write the rescue in its place,
/// drop that failure and print "Nothing to recover." (exit 0). Now the
/// journal is put back and left alone (written into the file alone, its part
/// of the rescue would make the rescue come back as a copy), the rescue
/// stays and is named, and it exits 1.
#[test]
fn a_rescue_too_large_for_the_disk_stays_named_and_the_journal_stays() {
    let test = "a_rescue_too_large_for_the_disk_stays_named_and_the_journal_stays";
    let Some(fs) = Tmpfs::mount("256k", test) else { return };
    let sessions = common::sessions_dir(fs.path());
    std::fs::create_dir_all(sessions.join(".fieldnotes")).unwrap();
    let path = sessions.join("big.yaml");
    let base = session("big");
    fieldnotes::store::writer::write_session(&path, &base).unwrap();
    let fp = fieldnotes::store::journal::fingerprint(&std::fs::read(&path).unwrap());
    let journal = sessions.join(".fieldnotes/big.journal");
    let mut current = base.clone();
    let mut changes = Vec::new();
    for i in 0..120 {
        let op = Op::Insert { index: i, note: Note { text: format!("note {i} {}", "x".repeat(2_500)), ..note(i) } };
        op.apply(&mut current).unwrap();
        changes.push(fieldnotes::store::journal::Record::Change { rev: i as u64 + 1, op });
    }
    // The session's own journal stopped after the first 3 changes when the disk filled.
    let mut bytes = fieldnotes::store::journal::MAGIC.to_vec();
    let base_record = fieldnotes::store::journal::Record::Base { session: Box::new(base.clone()), yaml: Some(fp) };
    bytes.extend(fieldnotes::store::journal::encode(&base_record));
    for change in &changes[..3] {
        bytes.extend(fieldnotes::store::journal::encode(change));
    }
    std::fs::write(&journal, &bytes).unwrap();
    let file_before = std::fs::read(&path).unwrap();
    let rescue_dir = tempfile::tempdir().unwrap();
    let contents =
        rescue::Contents { yaml_path: &path, base: &base, base_fp: Some(fp), changes: &changes, current: &current };
    let folder = rescue::write(&[rescue_dir.path().to_path_buf()], &contents).unwrap();

    let out = run(fs.path(), rescue_dir.path(), &["recover"]);
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(!said.contains("Nothing to recover"), "{said}");
    assert!(said.contains(&folder.display().to_string()), "the rescue is not named: {said}");
    assert!(folder.join("session.journal").exists(), "the rescue is gone");
    let left: Vec<_> =
        std::fs::read_dir(sessions.join(".fieldnotes")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(
        std::fs::read(&journal).ok() == Some(bytes),
        "the session's own journal was not put back: {left:?}\n{said}"
    );
    // Its 3 changes are not written alone: the rescue would then come back as a copy.
    assert_eq!(std::fs::read(&path).unwrap(), file_before, "part of the rescue was written into the file");
}
