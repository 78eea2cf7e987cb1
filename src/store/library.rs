//! The sessions folder: reading every session file, and the summary of each
//! that the home screen, `list` and the tag palette need.

use super::yaml::{self, LoadError};
use crate::domain::session::Session;
use chrono::{DateTime, FixedOffset};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub fn load_session(path: &Path) -> Result<Session, LoadError> {
    let session: Session = yaml::read_file(path)?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if session.id != stem {
        return Err(LoadError::new(
            path,
            format!("the file's `id` is {:?} but its name says {:?}; they must match", session.id, stem),
        ));
    }
    Ok(session)
}

/// What the library shows of one session file, or why it could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub id: String,
    pub path: PathBuf,
    pub info: Result<SessionInfo, LoadError>,
    /// A journal holds changes the file may not: shown, never silently ignored.
    pub journal: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SessionInfo {
    pub participant: String,
    pub company: Option<String>,
    pub segment: Option<String>,
    pub guide: String,
    pub title: String,
    pub started_at: DateTime<FixedOffset>,
    pub ended_at: Option<DateTime<FixedOffset>>,
    pub notes: usize,
    /// Notes without any tag: what quick tagging has left to do.
    pub untagged: usize,
    /// Tags with how many notes carry them, most used first.
    pub tags: Vec<(String, usize)>,
    /// Follow-up notes: (index in the session, text, done).
    pub followups: Vec<(usize, String, bool)>,
    pub closing_answer: Option<String>,
    /// Lower-cased title, company and note texts, for the library filter.
    pub search_text: String,
}

impl SessionInfo {
    /// Minutes from start to end, for finished sessions.
    pub fn duration_mins(&self) -> Option<i64> {
        self.ended_at.map(|e| ((e - self.started_at).num_seconds().max(0) + 30) / 60)
    }
}

impl SessionInfo {
    pub fn of(s: &Session) -> SessionInfo {
        let mut tags = s.tag_counts();
        tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let followups = s
            .notes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind == crate::domain::note::Kind::Followup)
            .map(|(i, n)| (i, n.text.clone(), n.done))
            .collect();
        let mut search_text = format!("{} {}", s.title, s.participant.company.as_deref().unwrap_or(""));
        for n in &s.notes {
            search_text.push('\n');
            search_text.push_str(&n.text);
        }
        SessionInfo {
            participant: s.participant.name.clone(),
            company: s.participant.company.clone(),
            segment: s.participant.segment.clone(),
            guide: s.guide.clone(),
            title: s.title.clone(),
            started_at: s.started_at,
            ended_at: s.ended_at,
            notes: s.notes.len(),
            untagged: s.notes.iter().filter(|n| n.tags.is_empty()).count(),
            tags,
            followups,
            closing_answer: s.closing_answer().map(String::from),
            search_text: search_text.to_lowercase(),
        }
    }
}

/// All session files, newest first; files that fail to load sort last but stay listed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    pub sessions: Vec<Summary>,
}

impl Library {
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
        sessions.sort_by(|a, b| match (&a.info, &b.info) {
            (Ok(x), Ok(y)) => y.started_at.cmp(&x.started_at).then_with(|| a.id.cmp(&b.id)),
            (Ok(_), Err(_)) => std::cmp::Ordering::Less,
            (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
            (Err(_), Err(_)) => a.id.cmp(&b.id),
        });
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

/// The `.yaml` files directly in the sessions folder, skipping temporary files.
pub fn session_paths(dir: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return vec![];
    };
    let mut paths: Vec<PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().and_then(|e| e.to_str()) == Some("yaml")
                && !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    paths.sort();
    paths
}
