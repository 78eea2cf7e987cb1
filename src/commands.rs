//! The commands that print and exit (`list`, `show`, `guides`): read the
//! library, format, print. Their output is for scripts as much as for people,
//! so text goes to stdout and problems to stderr with a non-zero exit.

use crate::cli::ShowFormat;
use crate::paths::Paths;
use crate::store::guides::{self, Source};
use crate::store::library::{self, Library};
use crate::ui::text::inert;
use serde_json::json;

pub fn list(paths: &Paths, as_json: bool) -> Result<(), String> {
    let lib = Library::scan(&paths.sessions_dir());
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
        println!("{}", serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?);
    } else {
        if lib.sessions.is_empty() {
            eprintln!("No sessions yet in {}. Start one with `fieldnotes new`.", paths.sessions_dir().display());
        }
        for s in &lib.sessions {
            match &s.info {
                Ok(i) => {
                    let tags: Vec<String> = i.tags.iter().take(3).map(|(t, _)| format!("#{}", inert(t))).collect();
                    let state = if i.ended_at.is_none() { " (in progress)" } else { "" };
                    let state =
                        if s.journal { " (unsaved changes in its journal: run `fieldnotes recover`)" } else { state };
                    println!(
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
                    eprintln!("error: {e}");
                }
            }
        }
    }
    if failed > 0 {
        eprintln!("{failed} session file(s) could not be read; they are listed above and left untouched.");
    }
    Ok(())
}

pub fn show(paths: &Paths, id: &str, format: ShowFormat) -> Result<(), String> {
    let lib = Library::scan(&paths.sessions_dir());
    let summary = lib.find(id)?;
    let session = library::load_session(&summary.path).map_err(|e| e.to_string())?;
    if summary.journal {
        eprintln!(
            "warning: {} has changes in its journal that this file does not show yet; run `fieldnotes recover` first",
            summary.id
        );
    }
    let text = match format {
        ShowFormat::Md => {
            let guide = guides::resolve(&session.guide, &paths.guides_dir()).ok();
            crate::report::markdown(&session, guide.as_ref())
        }
        ShowFormat::Yaml => for_terminal(crate::store::yaml::to_string(&session)?),
        ShowFormat::Json => for_terminal(serde_json::to_string_pretty(&session).map_err(|e| e.to_string())? + "\n"),
    };
    print!("{text}");
    Ok(())
}

/// Data formats stay exact when piped to a file or a program; on a terminal,
/// characters that would act on it (bidi overrides, say) are shown inert.
fn for_terminal(text: String) -> String {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() { inert(&text).into_owned() } else { text }
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
                println!(
                    "{:<20} {:<13} {:>7}  {:>2} questions  {}  [{source}]",
                    entry.name,
                    g.kind,
                    mins,
                    g.question_count(),
                    inert(&g.title)
                );
            }
            Err(e) => println!("{:<20} error: {e}", entry.name),
        }
    }
    Ok(())
}

pub fn recover(paths: &Paths) -> Result<(), String> {
    println!("{}", crate::run::recover_all(&paths.sessions_dir()).join("\n"));
    Ok(())
}
