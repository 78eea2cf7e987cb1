//! Bringing back what a crash left only in a journal.
//!
//! A journal holds the session as it was when the journal began (`Base`), each
//! change since, and an `Intent` before every YAML rewrite naming the new
//! file's fingerprint. Comparing the YAML on disk with those fingerprints tells
//! which changes it already holds. A YAML that matches none of them was changed
//! by someone else: the recovered session then goes to a copy beside it.

use super::disk::{self, RealDisk};
use super::journal::{self, Record};
use super::lock;
use super::writer::{journal_path, lock_path, state_dir, write_session};
use crate::domain::op::Op;
use crate::domain::session::Session;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// The YAML holds an older state of ours: replace it.
    Overwrite,
    /// No YAML yet (crash before the first save): create it.
    Create,
    /// The YAML was changed by someone else: write a copy beside it.
    Copy,
}

/// A journal with changes its YAML does not hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub id: String,
    pub yaml_path: PathBuf,
    pub journal_path: PathBuf,
    /// The session with every journaled change applied.
    pub recovered: Session,
    /// What will come back, one line per change.
    pub changes: Vec<String>,
    pub target: Target,
    /// Why part of the journal could not be read, if it could not.
    pub damage: Option<String>,
    /// Intact changes found after the damage that were not applied, because
    /// a change before them is lost and they could land on the wrong note;
    /// one line each. They stay in the damaged copy.
    pub held_back: Vec<String>,
    /// Something committed may be lost: damage other than a torn last record.
    pub lossy: bool,
}

impl Pending {
    pub fn participant(&self) -> &str {
        &self.recovered.participant.name
    }
}

/// What to do with one journal found on disk.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Pending(Box<Pending>),
    /// Everything in it is in the YAML already (a crash just after a save).
    Stale {
        journal_path: PathBuf,
    },
    /// The session is open in a running fieldnotes: not ours to touch.
    InUse {
        journal_path: PathBuf,
    },
    /// The journal cannot be used at all (no readable base record).
    Unusable {
        journal_path: PathBuf,
        error: String,
    },
}

/// Every journal beside the sessions in `sessions_dir`, examined.
pub fn scan(sessions_dir: &Path) -> Vec<Found> {
    adopt_then_scan(sessions_dir).1
}

/// As [`scan`], with why each rescue that could not come back stays out:
/// for the start-up screen, which must say so (nothing is lost, but the
/// session opens without those notes until `fieldnotes recover` succeeds).
pub fn scan_at_start(sessions_dir: &Path) -> (Vec<String>, Vec<Found>) {
    adopt_then_scan(sessions_dir)
}

/// Rescues written elsewhere when this folder refused every write come back
/// first, as journals, so what follows treats them like any crash. A session
/// whose rescue stays out (no room for it yet, or open elsewhere) is left
/// alone, journal included: its journal holds a part of the rescue, and
/// writing that part into the file now would make the rescue come back
/// later as a copy beside it. Returns why each refused rescue stayed out,
/// and the journals found.
fn adopt_then_scan(sessions_dir: &Path) -> (Vec<String>, Vec<Found>) {
    let dirs = super::rescue::default_dirs();
    let refused = super::rescue::adopt(sessions_dir, &dirs).into_iter().filter_map(Result::err).collect();
    let waiting: Vec<PathBuf> =
        super::rescue::waiting(sessions_dir, &dirs).iter().map(|(_, yaml)| journal_path(yaml)).collect();
    let found = scan_journals(sessions_dir).into_iter().filter(|f| !waiting.contains(&found_journal(f))).collect();
    (refused, found)
}

fn found_journal(f: &Found) -> PathBuf {
    match f {
        Found::Pending(p) => p.journal_path.clone(),
        Found::Stale { journal_path } | Found::InUse { journal_path } | Found::Unusable { journal_path, .. } => {
            journal_path.clone()
        }
    }
}

/// Every journal beside the sessions, examined (rescues not brought back).
fn scan_journals(sessions_dir: &Path) -> Vec<Found> {
    let dir = state_dir(&sessions_dir.join("x.yaml"));
    let Ok(read) = std::fs::read_dir(&dir) else { return vec![] };
    let mut journals: Vec<PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("journal"))
        .collect();
    journals.sort();
    journals
        .into_iter()
        .map(|j| {
            let stem = j.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            inspect(&sessions_dir.join(format!("{stem}.yaml")))
        })
        .collect()
}

/// The one rule for every change across the library (`tags rename`, `tags
/// merge`, `sync`, and any later one): while any session has a journal, the
/// change is refused, whoever holds its lock. A journal holds changes its
/// file does not have yet; a change made to the file alone would be undone,
/// or split into a `-recovered-` copy, when the journal comes back. Names
/// each session and what fixes it. `change` says what was refused
/// ("renaming #pricing"). Call it with the locks of the change already held.
pub fn refuse_library_change_while_journals(sessions_dir: &Path, change: &str) -> Result<(), String> {
    let mut crashed = Vec::new();
    let mut open = Vec::new();
    for (folder, yaml) in super::rescue::waiting(sessions_dir, &super::rescue::default_dirs()) {
        let stem = yaml.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        crashed.push(format!("  {stem} (rescued to {})", folder.display()));
    }
    for stem in journal_stems(sessions_dir) {
        let yaml = crate::store::paths::session_file_in(sessions_dir, &stem);
        match lock::held_elsewhere(&lock_path(&yaml)) {
            Some(Some(pid)) => open.push(format!("  {stem} (process {pid})")),
            Some(None) => open.push(format!("  {stem}")),
            None => crashed.push(format!("  {stem}")),
        }
    }
    let mut why = Vec::new();
    if !crashed.is_empty() {
        why.push(format!(
            "unsaved changes in a journal left by a crash or a full disk:\n{}\nrun `fieldnotes recover` first (it writes them into their files)",
            crashed.join("\n")
        ));
    }
    if !open.is_empty() {
        why.push(format!("open in a running fieldnotes:\n{}\nclose it there first", open.join("\n")));
    }
    if why.is_empty() { Ok(()) } else { Err(format!("not {change}: {}", why.join("\n"))) }
}

/// The session names of every journal beside the sessions, sorted.
fn journal_stems(sessions_dir: &Path) -> Vec<String> {
    let dir = state_dir(&sessions_dir.join("x.yaml"));
    let Ok(read) = std::fs::read_dir(&dir) else { return vec![] };
    let mut stems: Vec<String> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("journal"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    stems.sort();
    stems
}

/// Whether `yaml_path` has a journal that is not in use by a running instance.
pub fn has_journal(yaml_path: &Path) -> bool {
    journal_path(yaml_path).exists() && !lock::is_held(&lock_path(yaml_path))
}

/// Examines the journal of the session at `yaml_path`.
pub fn inspect(yaml_path: &Path) -> Found {
    let jpath = journal_path(yaml_path);
    if lock::is_held(&lock_path(yaml_path)) {
        return Found::InUse { journal_path: jpath };
    }
    examine(yaml_path)
}

/// Every way of opening a session (`resume`, the library, a follow-up ticked
/// in a closed session) comes through here first: a rescue written elsewhere
/// comes back as the journal, then the journal is written into the file.
/// Returns what came back and where it was written. An error means the
/// session must not open: what it would show and save lacks changes that
/// exist elsewhere. The caller holds the session's lock, or has just found
/// it free; a lock held by another process refuses.
pub fn bring_back(yaml_path: &Path) -> Result<Option<(Box<Pending>, PathBuf)>, String> {
    bring_back_from(yaml_path, &super::rescue::default_dirs())
}

/// As `bring_back`, with the rescue folders given.
pub fn bring_back_from(yaml_path: &Path, rescue_dirs: &[PathBuf]) -> Result<Option<(Box<Pending>, PathBuf)>, String> {
    if lock::held_elsewhere(&lock_path(yaml_path)).is_some() {
        return Err("that session is open in another fieldnotes; close it there first".into());
    }
    super::rescue::adopt_session(yaml_path, rescue_dirs)?;
    match examine(yaml_path) {
        Found::Pending(p) => {
            let written = apply(&p).map_err(|e| format!("cannot recover {}: {e}", p.id))?;
            Ok(Some((p, written)))
        }
        _ => Ok(None),
    }
}

/// Examines the journal of the session at `yaml_path`, whoever holds its lock.
fn examine(yaml_path: &Path) -> Found {
    let jpath = journal_path(yaml_path);
    let contents = match journal::read(&jpath) {
        Ok(c) => c,
        Err(e) => return Found::Unusable { journal_path: jpath, error: e.to_string() },
    };
    let mut records = contents.records.into_iter();
    let Some(Record::Base { session, yaml: base_fp }) = records.next() else {
        let why = contents.damage.unwrap_or_else(|| "it has no base record".into());
        return Found::Unusable { journal_path: jpath, error: why };
    };
    let mut state = *session;
    let mut damage = contents.damage;
    let lossy = damage.is_some() && !contents.torn_tail;
    let records: Vec<Record> = records.collect();
    let (records, held_back) = join_across_damage(records, contents.after_damage);
    // (fingerprint of a YAML file we wrote, number of changes it holds)
    let mut points: Vec<(u64, usize)> = base_fp.map(|fp| (fp, 0)).into_iter().collect();
    let mut ops: Vec<Op> = Vec::new();
    for r in records {
        match r {
            Record::Change { op, .. } => {
                if let Err(e) = op.apply(&mut state) {
                    damage = Some(format!("a change does not apply ({e}); later ones ignored"));
                    break;
                }
                ops.push(op);
            }
            Record::Intent { yaml, .. } => points.push((yaml, ops.len())),
            Record::Base { .. } => {
                damage = Some("a second base record; what follows is ignored".into());
                break;
            }
        }
    }
    let on_disk = std::fs::read(yaml_path).ok().map(|b| journal::fingerprint(&b));
    let (target, new_ops) = match on_disk {
        None => (Target::Create, &ops[..]),
        Some(fp) => match points.iter().rev().find(|(p, _)| *p == fp) {
            Some((_, held)) => (Target::Overwrite, &ops[*held..]),
            None => (Target::Copy, &ops[..]),
        },
    };
    if target == Target::Overwrite && new_ops.is_empty() && damage.is_none() && held_back.is_empty() {
        return Found::Stale { journal_path: jpath };
    }
    let mut changes: Vec<String> = new_ops.iter().map(Op::describe).collect();
    if target == Target::Create && base_fp.is_none() && changes.is_empty() {
        changes.push("the session itself (it was never saved)".into());
    }
    Found::Pending(Box::new(Pending {
        id: state.id.clone(),
        yaml_path: yaml_path.to_path_buf(),
        journal_path: jpath,
        recovered: state,
        changes,
        target,
        damage,
        held_back,
        lossy,
    }))
}

/// The records to apply: those before the damage, and those after it when
/// nothing was lost in between (the change numbers run on unbroken, as when
/// the damage hit only an intent record or torn bytes). Otherwise the ones
/// after are held back, described: ops address notes by position, and one
/// missing insert or deletion would put every later change on the wrong note.
fn join_across_damage(mut before: Vec<Record>, after: Vec<Record>) -> (Vec<Record>, Vec<String>) {
    let last_rev = before.iter().rev().find_map(|r| match r {
        Record::Change { rev, .. } | Record::Intent { rev, .. } => Some(*rev),
        Record::Base { .. } => None,
    });
    let unbroken = match (last_rev, after.first()) {
        (_, None) => true,
        (Some(last), Some(Record::Change { rev, .. })) => *rev == last + 1,
        (Some(last), Some(Record::Intent { rev, .. })) => *rev == last,
        _ => false,
    };
    if unbroken {
        before.extend(after);
        return (before, vec![]);
    }
    let held_back = after
        .iter()
        .filter_map(|r| match r {
            Record::Change { op, .. } => Some(op.describe()),
            _ => None,
        })
        .collect();
    (before, held_back)
}

/// Writes the recovered session (to its file, or to a copy when someone else
/// changed the file), keeps a damaged journal aside, then drops the journal.
/// Returns the path written.
pub fn apply(p: &Pending) -> Result<PathBuf, String> {
    apply_keeping_aside(p).map(|(written, _)| written)
}

/// As `apply`, and also returns where the damaged journal was kept, if it was.
pub fn apply_keeping_aside(p: &Pending) -> Result<(PathBuf, Option<PathBuf>), String> {
    let mut session = p.recovered.clone();
    let target_path = match p.target {
        Target::Overwrite | Target::Create => p.yaml_path.clone(),
        Target::Copy => {
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
            session.id = format!("{}-recovered-{stamp}", p.id);
            p.yaml_path.with_file_name(format!("{}.yaml", session.id))
        }
    };
    let aside = if p.damage.is_some() { Some(keep_aside(&p.journal_path)?) } else { None };
    write_session(&target_path, &session)?;
    discard(&p.journal_path)?;
    Ok((target_path, aside))
}

/// Removes a journal whose content is safely elsewhere.
pub fn discard(journal_path: &Path) -> Result<(), String> {
    match std::fs::remove_file(journal_path) {
        Ok(()) => disk::sync_dir(journal_path, &mut RealDisk).map_err(|e| e.to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot remove {}: {e}", journal_path.display())),
    }
}

/// Copies a damaged journal to `NAME.damaged-STAMP`, never deleting evidence.
pub fn keep_aside(journal_path: &Path) -> Result<PathBuf, String> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let aside = journal_path.with_extension(format!("journal.damaged-{stamp}"));
    std::fs::copy(journal_path, &aside).map_err(|e| format!("cannot keep {} aside: {e}", journal_path.display()))?;
    Ok(aside)
}

/// One line per session for people: who, how many changes, where they went.
pub fn summary(p: &Pending) -> String {
    let what = match p.target {
        Target::Overwrite => "",
        Target::Create => " (file was never written)",
        Target::Copy => " (file changed since: recovered into a copy)",
    };
    format!("{} — {}: {} change(s){what}", p.id, p.participant(), p.changes.len())
}

/// What `resume` shows on the live screen after bringing a journal back:
/// the changes are in this file, or (someone else changed the file since)
/// in a copy beside it that this screen does not show.
pub fn resume_notice(p: &Pending, written: &Path) -> String {
    let n = p.changes.len();
    let changes = if n == 1 { "1 change".to_string() } else { format!("{n} changes") };
    match p.target {
        Target::Overwrite | Target::Create => {
            format!("Brought back {changes} that had not reached the session file (a crash or a full disk).")
        }
        // Short, to fit the footer: the file changed elsewhere since the
        // crash, so this screen shows it without those changes.
        Target::Copy => format!(
            "{changes} from the crash {} in a copy: {}",
            if n == 1 { "is" } else { "are" },
            written.file_stem().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default()
        ),
    }
}

/// What `recover` did: lines for people, and whether it all came back.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub lines: Vec<String>,
    /// Every journal was written back in full (a torn last record, never
    /// reported saved, does not count against it).
    pub complete: bool,
}

/// Applies every pending journal; one line per session of what came back.
pub fn recover_all(sessions_dir: &Path) -> Vec<String> {
    recover_library(sessions_dir).lines
}

/// Applies every pending journal and tells the whole truth: damage, the
/// changes that could not come back, where the damaged journal was kept,
/// and every file it could not write.
pub fn recover_library(sessions_dir: &Path) -> Report {
    let mut report = Report { lines: vec![], complete: true };
    // A rescue that cannot come back (no room for it yet) is named, never
    // passed over as "nothing to recover".
    let (refused, found) = adopt_then_scan(sessions_dir);
    for line in refused {
        report.lines.push(line);
        report.complete = false;
    }
    for found in found {
        match found {
            Found::Pending(p) => recover_one(&p, &mut report),
            Found::Stale { journal_path } => {
                if let Err(e) = discard(&journal_path) {
                    report.lines.push(e);
                    report.complete = false;
                }
            }
            Found::InUse { .. } => {}
            Found::Unusable { journal_path, error } => {
                report.complete = false;
                match keep_aside(&journal_path) {
                    Ok(aside) => {
                        let _ = discard(&journal_path);
                        report.lines.push(format!(
                            "{}: unusable ({error}); kept as {}",
                            journal_path.display(),
                            aside.display()
                        ));
                    }
                    Err(e) => report.lines.push(e),
                }
            }
        }
    }
    if report.lines.is_empty() {
        report.lines.push("Nothing to recover.".into());
    }
    report
}

fn recover_one(p: &Pending, report: &mut Report) {
    match apply_keeping_aside(p) {
        Ok((written, aside)) => {
            report.lines.push(format!("{} → {}", summary(p), written.display()));
            if let Some(d) = &p.damage {
                report.lines.push(format!("  ! the journal is damaged: {d}"));
            }
            if !p.held_back.is_empty() {
                report.lines.push(format!(
                    "  ! {} intact change(s) after the damage were not applied: a change before them is lost, \
                     so they could land on the wrong note:",
                    p.held_back.len()
                ));
                report.lines.extend(p.held_back.iter().map(|c| format!("      {c}")));
            }
            if let Some(aside) = aside {
                report.lines.push(format!("  ! the damaged journal is kept as {}", aside.display()));
            }
            if p.lossy || !p.held_back.is_empty() {
                report.complete = false;
            }
        }
        Err(e) => {
            report.lines.push(format!("{}: not recovered: {e} (the journal is left as it was)", p.id));
            report.complete = false;
        }
    }
}
