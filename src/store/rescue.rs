//! The last resort when a session's own folder refuses every write (a full
//! disk, a folder gone read-only): on quit, hang-up or terminate the writer
//! puts the whole session in a fallback folder, and `recover` brings it back.
//!
//! A rescue is a folder `<fallback>/<id>-<stamp>-<pid>/` holding
//! - `session.journal`: a journal (see `journal.rs`) whose base is the session
//!   as its file last held it, with every change since: what recovery needs
//!   to merge it into the right file, whatever happened to that file;
//! - `for`: the path of the session file it belongs to;
//! - `<id>.yaml`: the whole session as a plain session file, for people.
//!
//! The fallback folders are tried in order: `$FIELDNOTES_RESCUE_DIR` alone if
//! set, else the user's state dir, data dir, the temporary folder, then home.

use super::disk::{RealDisk, sync_dir, write_atomic};
use super::journal::{self, Record};
use super::paths::{journal_path, lock_path};
use super::{lock, yaml};
use crate::domain::session::Session;
use std::fs::File;
use std::io::Write;
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};

const JOURNAL: &str = "session.journal";
const TARGET: &str = "for";

/// Where rescues go, most fitting first.
pub fn default_dirs() -> Vec<PathBuf> {
    if let Some(dir) = std::env::var_os("FIELDNOTES_RESCUE_DIR").filter(|v| !v.is_empty()) {
        return vec![PathBuf::from(dir)];
    }
    let mut dirs = Vec::new();
    if let Some(p) = directories::ProjectDirs::from("", "", "fieldnotes") {
        if let Some(state) = p.state_dir() {
            dirs.push(state.join("rescue"));
        }
        dirs.push(p.data_local_dir().join("rescue"));
    }
    dirs.push(std::env::temp_dir().join("fieldnotes-rescue"));
    if let Some(home) = directories::BaseDirs::new() {
        dirs.push(home.home_dir().join("fieldnotes-rescue"));
    }
    dirs
}

/// What a rescue holds: the session as its file last held it (`base`, with
/// that file's fingerprint), every change since, and the session now.
pub struct Contents<'a> {
    pub yaml_path: &'a Path,
    pub base: &'a Session,
    pub base_fp: Option<u64>,
    pub changes: &'a [Record],
    pub current: &'a Session,
}

/// Writes a rescue into the first of `dirs` that takes it; returns its folder,
/// or every folder's error.
pub fn write(dirs: &[PathBuf], c: &Contents) -> Result<PathBuf, String> {
    let mut errors = Vec::new();
    for dir in dirs {
        match write_in(dir, c) {
            Ok(folder) => return Ok(folder),
            Err(e) => errors.push(format!("{}: {e}", dir.display())),
        }
    }
    if errors.is_empty() {
        errors.push("no fallback folder is known (no home directory)".into());
    }
    Err(errors.join("; "))
}

fn write_in(dir: &Path, c: &Contents) -> std::io::Result<PathBuf> {
    #[cfg(debug_assertions)]
    debug_slow_disk();
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let folder = dir.join(format!("{}-{stamp}-{}", c.current.id, std::process::id()));
    std::fs::create_dir_all(&folder)?;
    let result = write_files(&folder, c);
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&folder);
    }
    result.map(|()| folder)
}

fn write_files(folder: &Path, c: &Contents) -> std::io::Result<()> {
    let mut bytes = journal::MAGIC.to_vec();
    bytes.extend(journal::encode(&Record::Base { session: Box::new(c.base.clone()), yaml: c.base_fp }));
    for r in c.changes {
        bytes.extend(journal::encode(r));
    }
    write_synced(&folder.join(JOURNAL), &bytes)?;
    write_synced(&folder.join(TARGET), c.yaml_path.as_os_str().as_encoded_bytes())?;
    // For people; the journal above is what `recover` uses.
    let text = yaml::to_string(c.current).map_err(std::io::Error::other)?;
    write_synced(&folder.join(format!("{}.yaml", c.current.id)), text.as_bytes())?;
    sync_dir(&folder.join(JOURNAL), &mut RealDisk)?;
    if let Some(parent) = folder.parent() {
        sync_dir(&parent.join("x"), &mut RealDisk)?;
    }
    Ok(())
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Brings the rescues that belong to `sessions_dir` back beside their
/// session, as its journal, so recovery handles them like any crash: one
/// line per rescue, `Ok` when brought back, `Err` when it stays where it is
/// (then nothing else changed). A journal already there (the one that
/// stopped when the disk filled) holds less than the rescue: kept aside as
/// `.superseded-STAMP`, never deleted.
pub fn adopt(sessions_dir: &Path, dirs: &[PathBuf]) -> Vec<Result<String, String>> {
    let mut lines = Vec::new();
    for (folder, yaml_path) in waiting(sessions_dir, dirs) {
        if lock::is_held(&lock_path(&yaml_path)) {
            continue;
        }
        lines.push(match adopt_one(&folder, &yaml_path) {
            Ok(()) => Ok(format!("rescued changes found in {}", folder.display())),
            Err(e) => Err(format!("cannot bring back the rescue in {} (it stays there): {e}", folder.display())),
        });
    }
    lines
}

/// Brings back the rescues of the one session at `yaml_path`, before it
/// opens. The caller holds the session's lock, or has just found it free.
/// An error means a rescue is still waiting: the session must not open
/// without it (it would be saved without the rescued changes, and the
/// rescue would later come back as a copy beside it).
pub fn adopt_session(yaml_path: &Path, dirs: &[PathBuf]) -> Result<(), String> {
    let Some(sessions_dir) = yaml_path.parent() else { return Ok(()) };
    for (folder, target) in waiting(sessions_dir, dirs) {
        if same_file(&target, yaml_path) {
            adopt_one(&folder, &target)
                .map_err(|e| format!("its rescue in {} cannot be brought back: {e}", folder.display()))?;
        }
    }
    Ok(())
}

/// The rescues waiting for sessions in `sessions_dir`: each rescue folder,
/// with the session file it belongs to.
pub fn waiting(sessions_dir: &Path, dirs: &[PathBuf]) -> Vec<(PathBuf, PathBuf)> {
    let mut found = Vec::new();
    for folder in dirs.iter().flat_map(|d| rescue_folders(d)) {
        let Ok(target) = std::fs::read(folder.join(TARGET)) else { continue };
        let yaml_path = PathBuf::from(std::ffi::OsString::from_vec(target));
        if same_dir(yaml_path.parent(), sessions_dir) {
            found.push((folder, yaml_path));
        }
    }
    found
}

fn rescue_folders(dir: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else { return vec![] };
    let mut folders: Vec<PathBuf> =
        read.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.join(JOURNAL).is_file()).collect();
    folders.sort();
    folders
}

fn same_dir(a: Option<&Path>, b: &Path) -> bool {
    a.is_some_and(|a| canonical(a) == canonical(b))
}

/// The same session file, however each path is spelled (the file itself may not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    a.file_name() == b.file_name() && same_dir(a.parent(), b.parent().unwrap_or(Path::new(".")))
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

fn adopt_one(folder: &Path, yaml_path: &Path) -> Result<(), String> {
    let bytes = std::fs::read(folder.join(JOURNAL)).map_err(|e| e.to_string())?;
    let jpath = journal_path(yaml_path);
    let mut aside = None;
    if jpath.exists() {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let to = jpath.with_extension(format!("journal.superseded-{stamp}"));
        std::fs::rename(&jpath, &to).map_err(|e| format!("cannot keep {} aside: {e}", jpath.display()))?;
        aside = Some(to);
    }
    if let Err(e) = write_atomic(&jpath, &bytes, &mut RealDisk, |_| Ok(())) {
        // The journal that was there is what recovery uses meanwhile: put it back.
        if let Some(aside) = aside {
            let _ = std::fs::rename(&aside, &jpath);
        }
        return Err(format!("cannot write {}: {e}", jpath.display()));
    }
    std::fs::remove_dir_all(folder).map_err(|e| format!("brought back, but cannot remove {}: {e}", folder.display()))
}

/// Debug builds only: `FIELDNOTES_DEBUG_SLOW_RESCUE_MS=N` makes each rescue
/// take N ms more, as on a slow disk, so tests can signal the app while one
/// is being written. Release builds do not contain this.
#[cfg(debug_assertions)]
fn debug_slow_disk() {
    if let Some(ms) = std::env::var("FIELDNOTES_DEBUG_SLOW_RESCUE_MS").ok().and_then(|v| v.parse().ok()) {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}
