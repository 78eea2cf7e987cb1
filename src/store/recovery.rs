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
    /// Why the journal's end could not be read, if it could not.
    pub damage: Option<String>,
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
    // Rescues written elsewhere when this folder refused every write come
    // back first, as journals, so what follows treats them like any crash.
    super::rescue::adopt(sessions_dir, &super::rescue::default_dirs());
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
    if target == Target::Overwrite && new_ops.is_empty() && damage.is_none() {
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
    }))
}

/// Writes the recovered session (to its file, or to a copy when someone else
/// changed the file), keeps a damaged journal aside, then drops the journal.
/// Returns the path written.
pub fn apply(p: &Pending) -> Result<PathBuf, String> {
    let mut session = p.recovered.clone();
    let target_path = match p.target {
        Target::Overwrite | Target::Create => p.yaml_path.clone(),
        Target::Copy => {
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
            session.id = format!("{}-recovered-{stamp}", p.id);
            p.yaml_path.with_file_name(format!("{}.yaml", session.id))
        }
    };
    if p.damage.is_some() {
        keep_aside(&p.journal_path)?;
    }
    write_session(&target_path, &session)?;
    discard(&p.journal_path)?;
    Ok(target_path)
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

/// Applies every pending journal; one line per session of what came back.
pub fn recover_all(sessions_dir: &Path) -> Vec<String> {
    let mut done = Vec::new();
    for found in scan(sessions_dir) {
        match found {
            Found::Pending(p) => match apply(&p) {
                Ok(path) => done.push(format!("{} → {}", summary(&p), path.display())),
                Err(e) => done.push(format!("{}: {e}", p.id)),
            },
            Found::Stale { journal_path } => {
                let _ = discard(&journal_path);
            }
            Found::InUse { .. } => {}
            Found::Unusable { journal_path, error } => match keep_aside(&journal_path) {
                Ok(aside) => {
                    let _ = discard(&journal_path);
                    done.push(format!("{}: unusable ({error}); kept as {}", journal_path.display(), aside.display()));
                }
                Err(e) => done.push(e),
            },
        }
    }
    if done.is_empty() {
        done.push("Nothing to recover.".into());
    }
    done
}
