//! The commands that read the library, print and exit: `list`, `show`,
//! `guides`, `recover`, `followups`. Their output is for scripts as much as
//! for people, so text goes to stdout and problems to stderr with a non-zero
//! exit.

use crate::analysis::synthesis::Filter;
use crate::cli::args::ShowFormat;
use crate::store::guides::{self, Source};
use crate::store::library::{self, Library};
use crate::store::paths::Paths;
use crate::text::out::{self, inert};
use crate::{say, warn};
use chrono::{Datelike, Timelike};
use serde_json::json;
use std::fmt::Write as _;

/// One line of `list`: when, who, which guide, how many notes, the first
/// three tags, the id, and a word on its state.
fn write_row(listing: &mut String, s: &library::Summary, i: &library::SessionInfo) {
    let state = if i.ended_at.is_none() { " (in progress)" } else { "" };
    let state = if s.journal { " (unsaved changes in its journal: run `fieldnotes recover`)" } else { state };
    // The fields written one by one, the date by hand: at 10,000 rows,
    // `format`'s pattern parsed per row and the tags gathered in a list
    // first were a sixth of `list`.
    let t = &i.started_at;
    let _ = write!(
        listing,
        "{:04}-{:02}-{:02} {:02}:{:02}  {:<24}  {:<20}  {:>4} notes  ",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        inert(&i.participant),
        inert(&i.guide),
        i.notes,
    );
    for (n, (tag, _)) in i.tags.iter().take(3).enumerate() {
        let _ = write!(listing, "{}#{}", if n == 0 { "" } else { " " }, inert(tag));
    }
    let _ = writeln!(listing, "  {}{}", inert(&s.id), state);
}

/// The sessions `filter` keeps (the library screen's rows for the same
/// filter); unreadable files are always listed, as the screen lists them,
/// since nothing says they would not match.
pub fn list(paths: &Paths, as_json: bool, filter: &Filter) -> Result<(), String> {
    let dir = paths.sessions_dir();
    let mut lib = Library::load(&dir);
    // Note text is read only for free words, which may be found in notes;
    // a row's notes are then the words found in them (see `library::Row`).
    let in_notes = (!crate::store::note_texts::normalized(&filter.words).is_empty()).then(|| {
        let cache = crate::store::cache::cache_dir();
        crate::store::note_texts::NoteTexts::find_once(&dir, cache.as_deref(), &filter.words)
    });
    lib.sessions.retain(|s| match &s.info {
        Err(_) => true,
        Ok(info) => {
            let notes = in_notes.as_ref().and_then(|f| f.get(&s.id)).map_or("", String::as_str);
            filter.keeps(&library::Row { info, notes })
        }
    });
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
                    "role": i.role,
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
        if lib.sessions.is_empty() && !filter.is_empty() {
            warn!("No session matches the filter.");
        } else if lib.sessions.is_empty() {
            warn!("No sessions yet in {}. Start one with `fieldnotes new`.", paths.sessions_dir().display());
        }
        // One write for the whole listing: a line at a time is a system
        // call per interview, which 10,000 of them feel.
        let mut listing = String::new();
        for s in &lib.sessions {
            match &s.info {
                Ok(i) => write_row(&mut listing, s, i),
                Err(e) => {
                    failed += 1;
                    warn!("error: {e}");
                }
            }
        }
        out::text(&listing);
    }
    // The rows are pure data the process gives back as it exits: freeing
    // 10,000 of them one by one only delays the prompt.
    std::mem::forget(lib);
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
        ShowFormat::Html => {
            let guide = guides::resolve(&session.guide, &paths.guides_dir()).ok();
            crate::analysis::report::html::interview(&session, guide.as_ref())
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    /// The row's date is written by hand: it must read as the pattern
    /// `%Y-%m-%d %H:%M` writes it, single digits and small years included.
    #[test]
    fn a_row_gives_its_date_as_the_pattern_does() {
        for at in ["2026-03-02T09:05:00+01:00", "0987-12-31T23:59:59-11:30", "2026-11-22T14:30:05+05:45"] {
            let started_at = DateTime::parse_from_rfc3339(at).unwrap();
            let info = library::SessionInfo {
                participant: "Zoë".into(),
                company: None,
                role: None,
                segment: None,
                guide: "discovery".into(),
                title: String::new(),
                started_at,
                ended_at: Some(started_at),
                talk_secs: None,
                notes: 7,
                untagged: 0,
                tags: vec![("a".into(), 2), ("b\u{1b}".into(), 1), ("c".into(), 1), ("d".into(), 1)],
                followups: vec![],
                closing_answer: None,
                closing_tags: vec![],
            };
            let s = library::Summary { id: "x".into(), path: "x.yaml".into(), info: Ok(info.clone()), journal: false };
            let mut row = String::new();
            write_row(&mut row, &s, &info);
            let expected = format!(
                "{}  {:<24}  {:<20}  {:>4} notes  #a #b␛ #c  x\n",
                started_at.format("%Y-%m-%d %H:%M"),
                "Zoë",
                "discovery",
                7
            );
            assert_eq!(row, expected);
        }
    }
}
