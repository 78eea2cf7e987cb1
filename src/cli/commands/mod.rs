//! The commands that print and exit (`list`, `show`, `guides`): read the
//! library, format, print. Their output is for scripts as much as for people,
//! so text goes to stdout and problems to stderr with a non-zero exit.

use crate::cli::args::ShowFormat;
use crate::store::guides::{self, Source};
use crate::store::library::{self, Library};
use crate::store::paths::Paths;
use crate::text::out::{self, inert};
use crate::{say, warn};
use serde_json::json;

pub fn list(paths: &Paths, as_json: bool) -> Result<(), String> {
    let lib = Library::load(&paths.sessions_dir());
    let mut failed = 0;
    if as_json {
        let rows: Vec<serde_json::Value> = lib
            .sessions
            .iter()
            .map(|s| match &s.info {
                Ok(i) => json!({
                    "id": s.id,
                    "participant": i.participant,
                    "company": i.company,
                    "segment": i.segment,
                    "guide": i.guide,
                    "started_at": i.started_at.to_rfc3339(),
                    "ended_at": i.ended_at.map(|e| e.to_rfc3339()),
                    "notes": i.notes,
                    "tags": i.tags.iter().take(3).map(|(t, _)| t.clone()).collect::<Vec<_>>(),
                    "path": s.path,
                    "unsaved_journal": s.journal,
                }),
                Err(e) => {
                    failed += 1;
                    json!({"id": s.id, "path": s.path, "error": e.to_string()})
                }
            })
            .collect();
        out::data(&(serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())? + "\n"));
    } else {
        if lib.sessions.is_empty() {
            warn!("No sessions yet in {}. Start one with `fieldnotes new`.", paths.sessions_dir().display());
        }
        for s in &lib.sessions {
            match &s.info {
                Ok(i) => {
                    let tags: Vec<String> = i.tags.iter().take(3).map(|(t, _)| format!("#{}", inert(t))).collect();
                    let state = if i.ended_at.is_none() { " (in progress)" } else { "" };
                    let state =
                        if s.journal { " (unsaved changes in its journal: run `fieldnotes recover`)" } else { state };
                    say!(
                        "{}  {:<24}  {:<20}  {:>4} notes  {}  {}{}",
                        i.started_at.format("%Y-%m-%d %H:%M"),
                        inert(&i.participant),
                        inert(&i.guide),
                        i.notes,
                        tags.join(" "),
                        inert(&s.id),
                        state
                    );
                }
                Err(e) => {
                    failed += 1;
                    warn!("error: {e}");
                }
            }
        }
    }
    // As `ls` does with a file it cannot read: list the rest, name each
    // failure on stderr, and exit non-zero so a script notices.
    if failed > 0 {
        return Err(format!(
            "{failed} session file(s) could not be read (named above); the others are listed and all are left untouched"
        ));
    }
    Ok(())
}

pub fn show(paths: &Paths, id: &str, format: ShowFormat) -> Result<(), String> {
    let lib = Library::load(&paths.sessions_dir());
    let summary = lib.find(id)?;
    let session = library::load_session(&summary.path).map_err(|e| e.to_string())?;
    if summary.journal {
        warn!(
            "warning: {} has changes in its journal that this file does not show yet; run `fieldnotes recover` first",
            summary.id
        );
    }
    let text = match format {
        ShowFormat::Md => {
            let guide = guides::resolve(&session.guide, &paths.guides_dir()).ok();
            crate::analysis::snapshot::markdown(&session, guide.as_ref())
        }
        ShowFormat::Yaml => crate::store::yaml::to_string(&session)?,
        ShowFormat::Json => serde_json::to_string_pretty(&session).map_err(|e| e.to_string())? + "\n",
    };
    // Exact when piped to a file or a program; inert on a terminal.
    out::data(&text);
    Ok(())
}

pub fn guides(paths: &Paths) -> Result<(), String> {
    for entry in guides::list(&paths.guides_dir()) {
        let source = match &entry.source {
            Source::Builtin => "built-in".to_string(),
            Source::File(p) => p.display().to_string(),
        };
        match &entry.guide {
            Ok(g) => {
                let mins = g.duration.map(|d| format!("{d} min")).unwrap_or_else(|| "-".into());
                say!(
                    "{:<20} {:<13} {:>7}  {:>2} questions  {}  [{source}]",
                    entry.name,
                    g.kind,
                    mins,
                    g.question_count(),
                    inert(&g.title)
                );
            }
            Err(e) => say!("{:<20} error: {e}", entry.name),
        }
    }
    Ok(())
}

pub fn recover(paths: &Paths) -> Result<(), String> {
    let report = crate::store::recovery::recover_library(&paths.sessions_dir());
    say!("{}", report.lines.join("\n"));
    // Non-zero when something did not come back or could not be written, so
    // nobody takes "recovered" for "all there".
    if report.complete { Ok(()) } else { Err("recovery is not complete: see above".into()) }
}

pub fn tags(paths: &Paths, action: Option<crate::cli::args::TagsCommand>) -> Result<(), String> {
    use crate::cli::args::TagsCommand;
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
fn retag_library(lib: &Library, sessions_dir: &std::path::Path, from: &str, to: &str) -> Result<(), String> {
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

pub fn followups(paths: &Paths, open_only: bool) -> Result<(), String> {
    let lib = Library::load(&paths.sessions_dir());
    let mut any = false;
    for s in &lib.sessions {
        let Ok(info) = &s.info else { continue };
        for (_, text, done) in &info.followups {
            if open_only && *done {
                continue;
            }
            any = true;
            say!(
                "{} {}  {:<22} {}  ({})",
                if *done { "[x]" } else { "[ ]" },
                info.started_at.format("%Y-%m-%d"),
                inert(&info.participant),
                inert(text),
                inert(&s.id)
            );
        }
    }
    if !any {
        warn!("No follow-ups{}.", if open_only { " left open" } else { "" });
    }
    Ok(())
}
