//! The writer and recovery, in process: every step of a save stopped in turn,
//! torn journals, a full disk, and a file changed behind the writer's back.
//! Whatever happens, the YAML is whole (old or new) and no journaled change is lost.

mod common;

use fieldnotes::domain::op::Op;
use fieldnotes::domain::session::{Note, Session};
use fieldnotes::store::disk::{CrashAt, FullDisk};
use fieldnotes::store::journal;
use fieldnotes::store::library::load_session;
use fieldnotes::store::recovery::{self, Found, Target};
use fieldnotes::store::writer::{Command, Reply, Writer, journal_path, write_session};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::time::Duration;

fn session(id: &str) -> Session {
    common::open_session(id)
}

fn note(i: usize) -> Note {
    common::numbered_note(i, Some("1.1"), &["reporting"])
}

/// A realistic run: notes, an edit, a delete, a flush, more notes, a draft.
fn script() -> Vec<Op> {
    let mut ops: Vec<Op> = (0..3).map(|i| Op::Insert { index: i, note: note(i) }).collect();
    ops.push(Op::Replace { index: 1, note: Note { text: "edited".into(), ..note(1) } });
    ops.push(Op::Remove { index: 0 });
    ops.extend((3..6).map(|i| Op::Insert { index: i - 1, note: note(i) }));
    ops.push(Op::Draft { text: Some("half a thought".into()) });
    ops
}

fn spawn(disk: Box<dyn fieldnotes::store::disk::Disk>) -> (Writer, mpsc::Receiver<Reply>) {
    let (tx, rx) = mpsc::channel();
    let w = Writer::spawn_with(disk, move |r| {
        let _ = tx.send(r);
    });
    (w, rx)
}

/// Runs the script: open fresh, first half, flush, second half, close.
fn run_script(w: &Writer, path: &Path, base: &Session, ops: &[Op]) {
    w.send(Command::Open { path: path.to_path_buf(), session: Box::new(base.clone()), fresh: true, lock: None });
    for (i, op) in ops.iter().enumerate() {
        w.send(Command::Change { rev: i as u64 + 1, op: op.clone() });
        if i == 4 {
            w.send(Command::Flush);
        }
    }
}

fn highest_durable(replies: &[Reply]) -> u64 {
    replies.iter().filter_map(|r| if let Reply::Durable { rev, .. } = r { Some(*rev) } else { None }).max().unwrap_or(0)
}

/// What a restart finds: recover if needed, then the file.
fn after_restart(path: &Path) -> Option<Session> {
    match recovery::inspect(path) {
        Found::Pending(p) => {
            let written = recovery::apply(&p).unwrap();
            assert_eq!(written, path, "our own older file is overwritten, not copied");
        }
        Found::Stale { journal_path } => recovery::discard(&journal_path).unwrap(),
        Found::InUse { .. } => panic!("nobody holds the lock"),
        Found::Unusable { journal_path, error } => {
            // Only a journal cut before its base record is whole; then nothing was durable.
            assert!(!path.exists() || load_session(path).is_ok(), "{error}");
            recovery::discard(&journal_path).unwrap();
        }
    }
    path.exists().then(|| load_session(path).unwrap_or_else(|e| panic!("YAML not whole: {e}")))
}

#[test]
fn clean_run_writes_the_yaml_and_drops_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s1.yaml");
    let base = session("s1");
    let ops = script();
    let (w, rx) = spawn(Box::new(fieldnotes::store::disk::RealDisk));
    run_script(&w, &path, &base, &ops);
    w.finish();
    let replies: Vec<Reply> = rx.try_iter().collect();
    assert_eq!(highest_durable(&replies), ops.len() as u64, "{replies:?}");
    assert!(replies.iter().any(|r| matches!(r, Reply::Closed { .. })));
    assert!(!journal_path(&path).exists(), "the journal is dropped once the YAML holds everything");
    assert_eq!(load_session(&path).unwrap(), common::state_after(&base, &ops, ops.len()));
}

#[test]
fn idle_session_gets_its_yaml_rewritten_without_a_flush() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s2.yaml");
    let base = session("s2");
    let (w, rx) = spawn(Box::new(fieldnotes::store::disk::RealDisk));
    w.send(Command::Open { path: path.clone(), session: Box::new(base.clone()), fresh: true, lock: None });
    w.send(Command::Change { rev: 1, op: Op::Insert { index: 0, note: note(0) } });
    // The writer rewrites the YAML by itself once the session is idle.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let mut written = 0;
    while written < 2 && std::time::Instant::now() < deadline {
        if let Ok(Reply::Written { .. }) = rx.recv_timeout(Duration::from_millis(100)) {
            written += 1;
        }
    }
    assert_eq!(written, 2, "one write at open, one when idle");
    assert_eq!(load_session(&path).unwrap().notes.len(), 1);
    assert!(journal_path(&path).exists(), "the journal stays while the session is open");
    w.finish();
}

/// Stops the disk at every step of the script in turn (the state a crash there
/// would leave), restarts, and checks: the YAML is whole and holds every change
/// that was reported durable, in order, and nothing that was not sent.
#[test]
fn a_crash_at_any_step_loses_no_durable_change() {
    let base = session("sweep");
    let ops = script();
    let mut n = 0;
    loop {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sweep.yaml");
        let (w, rx) = spawn(Box::new(CrashAt { n, ..Default::default() }));
        run_script(&w, &path, &base, &ops);
        w.finish();
        let replies: Vec<Reply> = rx.try_iter().collect();
        let durable = highest_durable(&replies) as usize;
        let crashed = replies.iter().any(|r| matches!(r, Reply::Failed { .. }));
        match after_restart(&path) {
            Some(found) => {
                let matches = (durable..=ops.len()).any(|k| found == common::state_after(&base, &ops, k));
                assert!(matches, "crash at step {n}: file does not hold the {durable} durable change(s): {found:?}");
            }
            None => assert_eq!(durable, 0, "crash at step {n}: durable changes but no file"),
        }
        if !crashed {
            eprintln!("crash-point sweep: {n} steps, each stopped in turn");
            assert!(n > 10, "the sweep should pass through many steps, ended at {n}");
            break;
        }
        n += 1;
        assert!(n < 500, "the script never completes without a failure");
    }
}

#[test]
fn torn_journal_keeps_every_whole_record_and_the_damage_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("torn.yaml");
    let base = session("torn");
    let mut s = base.clone();
    s.notes = vec![note(0)];
    write_session(&path, &s).unwrap();
    // Build a journal by hand: base = the file on disk, then three notes.
    let fp = journal::fingerprint(&std::fs::read(&path).unwrap());
    let mut bytes = journal::MAGIC.to_vec();
    bytes.extend(journal::encode(&journal::Record::Base { session: Box::new(s.clone()), yaml: Some(fp) }));
    let mut ends = vec![];
    for i in 1..4 {
        bytes.extend(journal::encode(&journal::Record::Change {
            rev: i as u64,
            op: Op::Insert { index: i, note: note(i) },
        }));
        ends.push(bytes.len());
    }
    let jpath = journal_path(&path);
    std::fs::create_dir_all(jpath.parent().unwrap()).unwrap();
    let original_yaml = std::fs::read(&path).unwrap();
    for cut in ends[1]..=ends[2] {
        std::fs::write(&path, &original_yaml).unwrap();
        std::fs::write(&jpath, &bytes[..cut]).unwrap();
        let Found::Pending(p) = recovery::inspect(&path) else { panic!("cut {cut}: nothing pending") };
        let whole = if cut == ends[2] { 3 } else { 2 };
        assert_eq!(p.changes.len(), whole, "cut {cut}");
        assert_eq!(p.damage.is_some(), cut != ends[1] && cut != ends[2], "cut {cut}");
        assert_eq!(p.target, Target::Overwrite);
        recovery::apply(&p).unwrap();
        assert_eq!(load_session(&path).unwrap().notes.len(), 1 + whole, "cut {cut}");
        assert!(!jpath.exists());
    }
    let aside: Vec<_> = std::fs::read_dir(jpath.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("damaged"))
        .collect();
    assert!(!aside.is_empty(), "damaged journals are kept aside, never silently deleted");
}

#[test]
fn full_disk_never_claims_saved_and_saves_once_space_returns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("full.yaml");
    let base = session("full");
    let disk = FullDisk::default();
    let full = disk.full.clone();
    let (w, rx) = spawn(Box::new(disk));
    w.send(Command::Open { path: path.clone(), session: Box::new(base.clone()), fresh: true, lock: None });
    w.send(Command::Change { rev: 1, op: Op::Insert { index: 0, note: note(0) } });
    let wait_for = |pred: &dyn Fn(&Reply) -> bool| {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let mut seen = vec![];
        while std::time::Instant::now() < deadline {
            if let Ok(r) = rx.recv_timeout(Duration::from_millis(50)) {
                let hit = pred(&r);
                seen.push(r);
                if hit {
                    return seen;
                }
            }
        }
        panic!("timed out; saw {seen:?}");
    };
    wait_for(&|r| matches!(r, Reply::Durable { rev: 1, .. }));
    full.store(true, Ordering::SeqCst);
    w.send(Command::Change { rev: 2, op: Op::Insert { index: 1, note: note(1) } });
    let seen = wait_for(&|r| matches!(r, Reply::Failed { .. }));
    assert!(!seen.iter().any(|r| matches!(r, Reply::Durable { rev: 2, .. })), "never 'saved' while the disk is full");
    w.send(Command::Change { rev: 3, op: Op::Insert { index: 2, note: note(2) } });
    std::thread::sleep(Duration::from_millis(300));
    full.store(false, Ordering::SeqCst);
    // The retry rewrites everything from memory, then reports it durable.
    wait_for(&|r| matches!(r, Reply::Durable { rev: 3, .. }));
    assert_eq!(load_session(&path).unwrap().notes.len(), 3, "every note kept in memory reached the file");
    w.finish();
    assert_eq!(
        load_session(&path).unwrap(),
        common::state_after(
            &base,
            &[
                Op::Insert { index: 0, note: note(0) },
                Op::Insert { index: 1, note: note(1) },
                Op::Insert { index: 2, note: note(2) }
            ],
            3
        )
    );
}

#[test]
fn a_file_changed_behind_our_back_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.yaml");
    let base = session("shared");
    write_session(&path, &base).unwrap();
    let (w, rx) = spawn(Box::new(fieldnotes::store::disk::RealDisk));
    w.send(Command::Open { path: path.clone(), session: Box::new(base.clone()), fresh: false, lock: None });
    w.send(Command::Change { rev: 1, op: Op::Insert { index: 0, note: note(0) } });
    std::thread::sleep(Duration::from_millis(100));
    // A teammate's git pull rewrites the file.
    let mut theirs = base.clone();
    theirs.title = "Edited by a teammate".into();
    write_session(&path, &theirs).unwrap();
    let their_bytes = std::fs::read(&path).unwrap();
    w.send(Command::Flush);
    w.finish();
    let replies: Vec<Reply> = rx.try_iter().collect();
    let copy: PathBuf = replies
        .iter()
        .find_map(|r| if let Reply::Redirected { path, .. } = r { Some(path.clone()) } else { None })
        .unwrap_or_else(|| panic!("no redirect: {replies:?}"));
    assert_eq!(std::fs::read(&path).unwrap(), their_bytes, "their version stays byte for byte");
    let ours = load_session(&copy).unwrap();
    assert_eq!(ours.notes.len(), 1);
    assert!(ours.id.starts_with("shared-conflict-"), "{}", ours.id);
    assert!(!journal_path(&path).exists(), "the original's journal is not left to be replayed over their file");
    assert!(
        matches!(recovery::inspect(&path), Found::Unusable { .. } | Found::Stale { .. })
            || !journal_path(&path).exists()
    );
}

#[test]
fn recovery_into_a_changed_file_goes_to_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.yaml");
    let base = session("c");
    // Opening a fresh session in a new folder takes 13 steps (`.gitignore` and
    // YAML: write, sync, rename, dir sync each; journal: write, reserve, sync,
    // rename, dir sync), a change 2 more: crash right after.
    let (w, rx) = spawn(Box::new(CrashAt { n: 15, ..Default::default() }));
    w.send(Command::Open { path: path.clone(), session: Box::new(base.clone()), fresh: true, lock: None });
    w.send(Command::Change { rev: 1, op: Op::Insert { index: 0, note: note(0) } });
    w.finish();
    assert_eq!(highest_durable(&rx.try_iter().collect::<Vec<_>>()), 1);
    assert!(journal_path(&path).exists(), "the crash left a journal");
    let mut theirs = base.clone();
    theirs.title = "theirs".into();
    write_session(&path, &theirs).unwrap();
    let Found::Pending(p) = recovery::inspect(&path) else { panic!("expected pending") };
    assert_eq!(p.target, Target::Copy);
    let written = recovery::apply(&p).unwrap();
    assert_ne!(written, path);
    assert_eq!(load_session(&path).unwrap().title, "theirs");
    assert_eq!(load_session(&written).unwrap().notes.len(), 1);
}

/// A full disk as the journal's reserved room meets it: appends over the
/// reserve go on, anything that needs new blocks (a new file, a rename, more
/// reserve) fails.
struct FullButReserved {
    full: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl fieldnotes::store::disk::Disk for FullButReserved {
    fn step(&mut self, step: fieldnotes::store::disk::Step) -> std::io::Result<()> {
        use fieldnotes::store::disk::Step::{JournalAppend, JournalSync};
        if self.full.load(Ordering::SeqCst) && !matches!(step, JournalAppend | JournalSync) {
            Err(std::io::Error::from_raw_os_error(28)) // ENOSPC
        } else {
            Ok(())
        }
    }
}

#[test]
fn a_change_in_the_reserved_journal_is_reported_journaled_not_failed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reserved.yaml");
    let base = session("reserved");
    let full = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (w, rx) = spawn(Box::new(FullButReserved { full: full.clone() }));
    w.send(Command::Open { path: path.clone(), session: Box::new(base.clone()), fresh: false, lock: None });
    w.send(Command::Change { rev: 1, op: Op::Insert { index: 0, note: note(0) } });
    w.send(Command::Flush);
    let mut seen = vec![];
    let mut wait_for = |pred: &dyn Fn(&Reply) -> bool| {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            if let Ok(r) = rx.recv_timeout(Duration::from_millis(50)) {
                let hit = pred(&r);
                seen.push(r);
                if hit {
                    return;
                }
            }
        }
        panic!("timed out; saw {seen:?}");
    };
    wait_for(&|r| matches!(r, Reply::Written { .. }));
    full.store(true, Ordering::SeqCst);
    w.send(Command::Change { rev: 2, op: Op::Insert { index: 1, note: note(1) } });
    w.send(Command::Flush);
    // The file cannot be rewritten, but the change is synced in the journal:
    // the screen must hear exactly that, never "failed" for a change that is safe.
    wait_for(&|r| matches!(r, Reply::Journaled { rev: 2, .. }));
    std::thread::sleep(Duration::from_millis(300));
    let later: Vec<Reply> = rx.try_iter().collect();
    assert!(
        !later.iter().chain(seen.iter()).any(|r| matches!(r, Reply::Failed { .. })),
        "a change safe in the journal is never reported failed: {seen:?} {later:?}"
    );
    full.store(false, Ordering::SeqCst);
    w.finish();
    assert_eq!(load_session(&path).unwrap().notes.len(), 2);
}
