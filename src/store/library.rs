//! The sessions folder: reading every session file, and the summary of each
//! that the home screen, `list` and the tag palette need (`session_info.rs`),
//! read through the compact index in `cache/index.rs`.

pub use super::session_files::{load_session, session_paths};
pub use super::session_info::{Row, SessionInfo};
use super::yaml::LoadError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the library shows of one session file, or why it could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub id: String,
    pub path: PathBuf,
    pub info: Result<SessionInfo, LoadError>,
    /// A journal holds changes the file may not: shown, never silently ignored.
    pub journal: bool,
}

/// All session files, newest first; files that fail to load sort last but stay listed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    pub sessions: Vec<Summary>,
}

/// The newest rows of a library as its index last stored them, before any
/// file is checked, and how many interviews the index holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Preview {
    pub library: Library,
    pub total: usize,
}

/// Rows enough for any screen's first frame.
pub const PREVIEW_ROWS: usize = 200;

impl Library {
    /// The newest `PREVIEW_ROWS` rows from the index in `cache_dir`, newest
    /// first, unchecked: what the library screen draws while `load` checks
    /// every file (a few tens of milliseconds against a few hundred at
    /// 10,000 interviews). `None` when there is no usable index.
    pub fn preview(sessions_dir: &Path, cache_dir: &Path) -> Option<Preview> {
        let (rows, total) = super::cache::index::peek(sessions_dir, cache_dir, PREVIEW_ROWS)?;
        Some(Preview { library: Library { sessions: summaries(sessions_dir, rows) }, total })
    }

    /// The library through its index (`store::cache::index`, in
    /// `FIELDNOTES_CACHE_DIR` or the platform cache dir): files unchanged
    /// since the last run are not parsed again, and no note text is read.
    /// What `list` and the home screen use; the same rows as `scan`.
    pub fn load(sessions_dir: &Path) -> Library {
        Library::load_with(sessions_dir, super::cache::cache_dir().as_deref())
    }

    /// As `load`, with the index in `cache_dir` (`None`: no index, like `scan`).
    pub fn load_with(sessions_dir: &Path, cache_dir: Option<&Path>) -> Library {
        Library::load_counted(sessions_dir, cache_dir).0
    }

    /// As `load_with`, and how many files the index answered and how many were parsed.
    pub fn load_counted(sessions_dir: &Path, cache_dir: Option<&Path>) -> (Library, super::cache::Stats) {
        let (rows, stats) = super::cache::index::load(sessions_dir, cache_dir);
        let mut sessions = summaries(sessions_dir, rows);
        sort_newest_first(&mut sessions);
        (Library { sessions }, stats)
    }

    /// Every session file parsed, no cache.
    pub fn scan(sessions_dir: &Path) -> Library {
        let paths = session_paths(sessions_dir);
        let summarize = |path: &PathBuf| {
            let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let info = load_session(path).map(|s| SessionInfo::of(&s));
            let journal = super::recovery::has_journal(path);
            Summary { id, path: path.clone(), info, journal }
        };
        // Parsing dominates: spread the files over every core.
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(paths.len().max(1));
        let chunk = paths.len().div_ceil(workers).max(1);
        let mut sessions: Vec<Summary> = std::thread::scope(|scope| {
            let handles: Vec<_> = paths
                .chunks(chunk)
                .map(|part| scope.spawn(move || part.iter().map(summarize).collect::<Vec<_>>()))
                .collect();
            // A panic in a worker is a bug: let it surface rather than hide sessions.
            handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
        });
        sort_newest_first(&mut sessions);
        Library { sessions }
    }

    /// Every tag used anywhere, with how many notes carry it.
    pub fn tag_counts(&self) -> HashMap<String, usize> {
        let mut out: HashMap<String, usize> = HashMap::new();
        for info in self.sessions.iter().filter_map(|s| s.info.as_ref().ok()) {
            for (tag, n) in &info.tags {
                *out.entry(tag.clone()).or_default() += n;
            }
        }
        out
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.sessions.iter().map(|s| s.id.as_str())
    }

    /// Finds a session by exact id, or by a unique prefix of one.
    pub fn find(&self, id: &str) -> Result<&Summary, String> {
        if let Some(s) = self.sessions.iter().find(|s| s.id == id) {
            return Ok(s);
        }
        let matches: Vec<&Summary> = self.sessions.iter().filter(|s| s.id.starts_with(id)).collect();
        match matches.as_slice() {
            [one] => Ok(one),
            [] => Err(format!("no session with id {id:?} (see `fieldnotes list`)")),
            many => Err(format!(
                "{id:?} matches {} sessions: {}",
                many.len(),
                many.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
            )),
        }
    }
}

/// The index's rows as the library shows them: each with its id and whether
/// a journal holds changes its file may not.
fn summaries(sessions_dir: &Path, rows: Vec<super::cache::index::Indexed>) -> Vec<Summary> {
    let journals = journal_stems(sessions_dir);
    rows.into_iter()
        .map(|row| {
            let id = row.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let journal = journals.as_ref().is_none_or(|j| j.contains(&id)) && super::recovery::has_journal(&row.path);
            Summary { id, path: row.path, info: row.info, journal }
        })
        .collect()
}

/// The sessions (by file stem) with a journal file in the state folder: one
/// listing instead of a look per file, which 10,000 interviews feel. `None`
/// when the folder cannot be listed (then each file is looked at).
fn journal_stems(sessions_dir: &Path) -> Option<std::collections::HashSet<String>> {
    let state = super::paths::state_dir(&sessions_dir.join("x.yaml"));
    let read = match std::fs::read_dir(&state) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Some(Default::default()),
        Err(_) => return None,
    };
    let journal_of = |name: &str| Some(name.strip_suffix(".journal")?.to_string());
    Some(read.filter_map(|e| journal_of(e.ok()?.file_name().to_str()?)).collect())
}

fn sort_newest_first(sessions: &mut [Summary]) {
    sessions.sort_by(|a, b| match (&a.info, &b.info) {
        (Ok(x), Ok(y)) => y.started_at.cmp(&x.started_at).then_with(|| a.id.cmp(&b.id)),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(_), Err(_)) => a.id.cmp(&b.id),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::note::Kind;
    use crate::domain::session::{Note, Offset, Participant, Session};
    use chrono::DateTime;

    fn session(id: &str, minutes: i64) -> Session {
        let t = DateTime::parse_from_rfc3339("2026-03-02T09:00:00+01:00").unwrap() + chrono::Duration::minutes(minutes);
        let p = Participant { name: "Zoë Kim".into(), company: Some("Acme".into()), ..Default::default() };
        let mut s = Session::new(id.into(), "discovery", "Discovery", p, t);
        let note = |text: &str, kind: Kind, tags: &[&str], done: bool| Note {
            at: Offset(60),
            sitting: None,
            text: text.into(),
            kind,
            question: None,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            done,
            starred: false,
            from_transcript: false,
            typed: None,
            extra: Default::default(),
        };
        s.notes.push(note("Exports to Excel", Kind::Pain, &["reporting", "workaround"], false));
        s.notes.push(note("Send the deck", Kind::Followup, &["pricing"], true));
        s.notes.push(note("Ask IT", Kind::Followup, &[], false));
        s.notes.push(note("Weekly report", Kind::Note, &["reporting"], false));
        s.ended_at = Some(t + chrono::Duration::minutes(40));
        s
    }

    #[test]
    fn the_cached_library_lists_what_the_files_say() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("sessions");
        std::fs::create_dir_all(&dir).unwrap();
        for (id, m) in [("a", 0), ("b", 90), ("c", 30)] {
            crate::store::writer::write_session(&dir.join(format!("{id}.yaml")), &session(id, m)).unwrap();
        }
        std::fs::write(dir.join("broken.yaml"), "id: [").unwrap();
        let state = crate::store::writer::state_dir(&dir.join("b.yaml"));
        std::fs::create_dir_all(&state).unwrap();
        std::fs::write(crate::store::writer::journal_path(&dir.join("b.yaml")), "").unwrap();
        // Old enough for the cache to keep them (see `cache::RACY_SECS`).
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        for p in session_paths(&dir) {
            std::fs::File::options().write(true).open(&p).unwrap().set_modified(old).unwrap();
        }
        // Their change time cannot be set back: let it age past the racy window.
        std::thread::sleep(std::time::Duration::from_secs(crate::store::cache::RACY_SECS + 1));

        let scanned = Library::scan(&dir);
        assert_eq!(scanned.sessions.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["b", "c", "a", "broken"]);
        assert!(scanned.sessions[0].journal);
        let info = scanned.sessions[0].info.as_ref().unwrap();
        assert_eq!(
            info.tags,
            [("reporting".to_string(), 2), ("pricing".to_string(), 1), ("workaround".to_string(), 1)]
        );
        assert_eq!(info.untagged, 1);
        assert_eq!(info.followups, [(1, "Send the deck".to_string(), true), (2, "Ask IT".to_string(), false)]);
        assert_eq!(info.duration_mins(), Some(40));

        let cache = root.path().join("cache");
        let cold = Library::load_with(&dir, Some(&cache));
        let warm = Library::load_with(&dir, Some(&cache));
        assert_eq!(cold, scanned);
        assert_eq!(warm, scanned);
        let stats = Library::load_counted(&dir, Some(&cache)).1;
        assert_eq!((stats.cached, stats.parsed), (4, 0), "every file came from the index");

        // A changed file is read again, never taken from the cache.
        let mut s = session("a", 0);
        s.notes[2].done = true;
        s.title = "Retitled".into();
        crate::store::writer::write_session(&dir.join("a.yaml"), &s).unwrap();
        let again = Library::load_with(&dir, Some(&cache));
        assert_eq!(again, Library::scan(&dir));
        let a = again.sessions.iter().find(|x| x.id == "a").unwrap().info.as_ref().unwrap();
        assert_eq!((a.title.as_str(), a.followups[1].2), ("Retitled", true));
    }
}
