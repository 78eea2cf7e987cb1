//! `fieldnotes tags`: counts of every tag, or renaming and merging a tag in
//! every session file. Apart from the other commands because it is the one
//! that rewrites the library, under each session's lock.

use crate::cli::args::TagsCommand;
use crate::store::library::{self, Library};
use crate::store::paths::Paths;
use crate::text::out::inert;
use crate::{say, warn};

pub fn tags(paths: &Paths, action: Option<TagsCommand>) -> Result<(), String> {
    let lib = Library::load(&paths.sessions_dir());
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    for info in lib.sessions.iter().filter_map(|s| s.info.as_ref().ok()) {
        for (t, n) in &info.tags {
            match counts.iter_mut().find(|(x, _, _)| x == t) {
                Some((_, notes, sessions)) => {
                    *notes += n;
                    *sessions += 1;
                }
                None => counts.push((t.clone(), *n, 1)),
            }
        }
    }
    let (from, to, merging) = match action {
        None => {
            counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            if counts.is_empty() {
                warn!("No tags yet.");
            }
            for (t, notes, sessions) in counts {
                say!("{:<28} {notes:>5} notes  {sessions:>4} sessions", format!("#{}", inert(&t)));
            }
            return Ok(());
        }
        Some(TagsCommand::Lint { apply, format }) => return super::tags_lint::lint(paths, &lib, apply, format),
        Some(TagsCommand::Rename { old, new }) => (old, new, false),
        Some(TagsCommand::Merge { from, into }) => (from, into, true),
    };
    let norm = |t: &str| crate::domain::note::normalize_tag(t).ok_or_else(|| format!("{t:?} is not a valid tag name"));
    let (from, to) = (norm(&from)?, norm(&to)?);
    if from == to {
        return Err("the two tags are the same".into());
    }
    if !counts.iter().any(|(t, _, _)| *t == from) {
        return Err(format!("no session uses #{from}"));
    }
    if !merging && counts.iter().any(|(t, _, _)| *t == to) {
        return Err(format!("#{to} is already in use: `fieldnotes tags merge {from} {to}` merges them"));
    }
    retag_library(&lib, &paths.sessions_dir(), &from, &to)
}

/// Rewrites every session using `from`, each through the atomic save and
/// under its lock; a session open elsewhere or a journal anywhere in the
/// library stops everything before any file changes, so a rename is never
/// half done and never split from notes a crash left in a journal.
pub(super) fn retag_library(lib: &Library, sessions_dir: &std::path::Path, from: &str, to: &str) -> Result<(), String> {
    use crate::store::{lock, recovery, writer};
    let mut plan = Vec::new();
    for s in &lib.sessions {
        let Ok(info) = &s.info else { continue };
        if !info.tags.iter().any(|(t, _)| t == from) {
            continue;
        }
        let held = lock::acquire(&writer::lock_path(&s.path)).map_err(|e| format!("{}: {e}", s.id))?;
        plan.push((s, held));
    }
    recovery::refuse_library_change_while_journals(sessions_dir, &format!("changing #{from} into #{to}"))?;
    let mut loaded = Vec::new();
    for (s, held) in plan {
        let session = library::load_session(&s.path).map_err(|e| e.to_string())?;
        loaded.push((s.path.clone(), session, held));
    }
    let plan = loaded;
    let mut notes = 0;
    let files = plan.len();
    for (path, mut session, _held) in plan {
        notes += session.retag(from, to);
        writer::write_session(&path, &session)?;
    }
    say!("#{from} → #{to}: {notes} note(s) in {files} session(s)");
    Ok(())
}
