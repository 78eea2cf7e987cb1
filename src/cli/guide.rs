//! `fieldnotes guide lint|import|export`.
//!
//! `lint` exits 1 when any guide has an error-severity finding or cannot be
//! loaded, so a team can run it over a folder of guides in CI; warnings alone
//! exit 0. Findings go to standard output (text or JSON), a summary to standard error.

use crate::analysis::guide_markdown;
use crate::analysis::lint::{self, Finding, Severity};
use crate::cli::args::{ExportFormat, GuideCommand, LintFormat};
use crate::domain::guide::Guide;
use crate::store::guides;
use crate::store::lint_rules;
use crate::store::paths::Paths;
use crate::store::yaml::{self, LoadError};
use crate::text::out::inert;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Runs a guide command; returns the process exit code.
pub fn run(paths: &Paths, cmd: GuideCommand) -> Result<i32, String> {
    match cmd {
        GuideCommand::Lint { guides, format } => lint_command(paths, &guides, format),
        GuideCommand::Import { file, output } => import_command(&file, output.as_deref()),
        GuideCommand::Export { guide, format } => export_command(paths, &guide, format),
    }
}

// ---------------------------------------------------------------------------
// lint
// ---------------------------------------------------------------------------

/// One line of lint output, as JSON.
#[derive(Debug, Serialize)]
struct Row {
    file: String,
    question_id: Option<String>,
    /// 1-based probe number when the finding is about a probe of the question.
    probe: Option<usize>,
    question: Option<String>,
    rule: String,
    severity: Severity,
    message: String,
    suggestion: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u64>,
}

/// The rule id given to a guide that could not be loaded.
pub const LOAD_ERROR_RULE: &str = "load-error";

fn is_markdown(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("md" | "markdown"))
}

/// What to lint for one argument: the argument itself, or every guide file in
/// it when it is a folder.
fn expand(spec: &str) -> Result<Vec<String>, LoadError> {
    let path = Path::new(spec);
    if !path.is_dir() {
        return Ok(vec![spec.to_string()]);
    }
    let read = std::fs::read_dir(path).map_err(|e| LoadError::new(path, e.to_string()))?;
    let mut files: Vec<PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "md" | "markdown")))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(LoadError::new(path, "no guide files (.yaml, .yml, .md) in this folder"));
    }
    Ok(files.into_iter().map(|p| p.display().to_string()).collect())
}

/// Reads a Markdown file with the same care as YAML files: regular files of a
/// bounded size only.
fn read_markdown(path: &Path) -> Result<String, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| LoadError::new(path, e.to_string()))?;
    if !meta.is_file() {
        return Err(LoadError::new(path, "not a regular file"));
    }
    if meta.len() > yaml::MAX_FILE_BYTES {
        return Err(LoadError::new(
            path,
            format!("file is larger than the {} bytes fieldnotes reads", yaml::MAX_FILE_BYTES),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| LoadError::new(path, e.to_string()))?;
    String::from_utf8(bytes).map_err(|_| LoadError::new(path, "the file is not valid UTF-8 text"))
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "guide".to_string())
}

/// Loads a guide to lint: a Markdown file through import (its warnings to
/// standard error), anything else as `guide --guide` would.
fn load_for_lint(spec: &str, paths: &Paths) -> Result<Guide, LoadError> {
    let path = Path::new(spec);
    if is_markdown(path) {
        let text = read_markdown(path)?;
        let imported = guide_markdown::import(&text, &stem(path));
        for w in &imported.warnings {
            crate::warn!("{spec}:{}: note: {}", w.line, w.message);
        }
        imported.guide.validate().map_err(|m| LoadError::new(path, m))?;
        return Ok(imported.guide);
    }
    guides::resolve(spec, &paths.guides_dir())
}

fn finding_row(file: &str, f: Finding) -> Row {
    Row {
        file: file.to_string(),
        question_id: f.question_id,
        probe: f.probe,
        question: f.question,
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        suggestion: f.suggestion,
        line: None,
        column: None,
    }
}

fn load_error_row(file: &str, e: LoadError) -> Row {
    Row {
        file: file.to_string(),
        question_id: None,
        probe: None,
        question: None,
        rule: LOAD_ERROR_RULE.to_string(),
        severity: Severity::Error,
        message: e.message,
        suggestion: None,
        line: e.line,
        column: e.column,
    }
}

/// One finding as a line of text:
/// `file:3.1: warning [closed-question] "Do you…?" — It can be… Try: "What…"`.
fn text_line(row: &Row) -> String {
    let sev = row.severity.name();
    let mut out = match (&row.question_id, &row.question) {
        (Some(_), Some(q)) => {
            let loc = match row.probe {
                Some(p) => format!("{}/p{p}", row.question_id.as_deref().unwrap_or("")),
                None => row.question_id.clone().unwrap_or_default(),
            };
            format!("{}:{loc}: {sev} [{}] \"{q}\" — {}", row.file, row.rule, row.message)
        }
        _ => {
            let mut at = row.file.clone();
            if let Some(l) = row.line {
                at.push_str(&format!(":{l}"));
                if let Some(c) = row.column {
                    at.push_str(&format!(":{c}"));
                }
            }
            format!("{at}: {sev} [{}] {}", row.rule, row.message)
        }
    };
    if let Some(s) = &row.suggestion {
        out.push_str(&format!(" Try: \"{s}\""));
    }
    out
}

/// The rule id of a question id the library's interviews used that the
/// guide no longer has (a guide edited mid-study).
pub const REMOVED_QUESTION_RULE: &str = "removed-question";

/// A warning per question id that interviews held on this guide (by its
/// name) used and the guide no longer has: their notes stay under the old
/// id, out of the new question's figures unless the id is kept.
fn removed_question_rows(file: &str, guide: &Guide, records: &[crate::analysis::synthesis::SessionRecord]) -> Vec<Row> {
    use crate::text::counts::plural;
    crate::analysis::study::guide_yield::removed_ids(guide, records)
        .into_iter()
        .map(|r| {
            const NAMED: usize = 5;
            let mut ids: Vec<String> = r.interviews.iter().take(NAMED).map(|i| inert(i).into_owned()).collect();
            if r.interviews.len() > NAMED {
                ids.push(format!("… {} more", r.interviews.len() - NAMED));
            }
            let id = inert(&r.question);
            Row {
                file: file.to_string(),
                question_id: Some(r.question.clone()),
                probe: None,
                question: None,
                rule: REMOVED_QUESTION_RULE.to_string(),
                severity: Severity::Warning,
                message: format!(
                    "{} ({}) used question \"{id}\", which this guide no longer has ({} taken under it). \
                     If it was reworded, give the new question `id: {id}` so the study counts them together; \
                     if it was removed, they keep the old id and `fieldnotes study` leaves them out of the \
                     guide's figures.",
                    plural(r.interviews.len(), "interview"),
                    ids.join(", "),
                    plural(r.notes, "note"),
                ),
                suggestion: None,
                line: None,
                column: None,
            }
        })
        .collect()
}

fn lint_command(paths: &Paths, specs: &[String], format: LintFormat) -> Result<i32, String> {
    let rules = lint_rules::load(&paths.config_dir).map_err(|e| e.to_string())?;
    // Read once, and only when a guide loads: the interviews held on it.
    let mut library: Option<Vec<crate::analysis::synthesis::SessionRecord>> = None;
    let mut rows: Vec<Row> = Vec::new();
    let mut checked = 0;
    for spec in specs {
        let targets = match expand(spec) {
            Ok(t) => t,
            Err(e) => {
                rows.push(load_error_row(spec, e));
                continue;
            }
        };
        for target in targets {
            checked += 1;
            match load_for_lint(&target, paths) {
                Ok(guide) => {
                    rows.extend(lint::lint_guide(&guide, &rules).into_iter().map(|f| finding_row(&target, f)));
                    let records = library.get_or_insert_with(|| {
                        crate::store::cache::load(&paths.sessions_dir(), crate::store::cache::cache_dir().as_deref())
                            .records
                    });
                    rows.extend(removed_question_rows(&target, &guide, records));
                }
                Err(e) => rows.push(load_error_row(&target, e)),
            }
        }
    }
    match format {
        LintFormat::Json => {
            crate::text::out::data(&(serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())? + "\n"))
        }
        LintFormat::Text => rows.iter().for_each(|r| crate::say!("{}", text_line(r))),
    }
    let errors = rows.iter().filter(|r| r.severity == Severity::Error).count();
    let warnings = rows.len() - errors;
    let guides = if checked == 1 { "1 guide".to_string() } else { format!("{checked} guides") };
    if rows.is_empty() {
        crate::warn!("{guides} checked: no findings");
    } else {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        crate::warn!("{guides} checked: {}, {}", plural(errors, "error"), plural(warnings, "warning"));
    }
    Ok(if errors > 0 { 1 } else { 0 })
}

// ---------------------------------------------------------------------------
// import / export
// ---------------------------------------------------------------------------

/// A guide as a YAML guide file's text.
pub fn guide_yaml(guide: &Guide) -> Result<String, String> {
    yaml::to_string(guide)
}

fn import_command(file: &Path, output: Option<&Path>) -> Result<i32, String> {
    let text = read_markdown(file).map_err(|e| e.to_string())?;
    let name = stem(output.unwrap_or(file));
    let imported = guide_markdown::import(&text, &name);
    for w in &imported.warnings {
        crate::warn!("{}:{}: warning: {}", file.display(), w.line, w.message);
    }
    let guide = imported.guide;
    guide.validate().map_err(|m| format!("{}: nothing imported: {m}", file.display()))?;
    let body = guide_yaml(&guide)?;
    // What we write must load back as the same guide: check before writing.
    let label = output.map_or_else(|| PathBuf::from("<output>"), Path::to_path_buf);
    let mut back: Guide = yaml::from_str(&body, &label).map_err(|e| format!("internal error, written YAML: {e}"))?;
    back.name = guide.name.clone();
    if back != guide {
        return Err("internal error: the written YAML does not load back as the imported guide".into());
    }
    let source = file.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let doc = format!("# Imported from {source} by `fieldnotes guide import`.\n{body}");
    match output {
        Some(path) => {
            std::fs::write(path, &doc).map_err(|e| format!("{}: {e}", path.display()))?;
            let sections = guide.sections.len();
            crate::warn!(
                "{}: {} question{} in {sections} section{} → {}",
                file.display(),
                guide.question_count(),
                if guide.question_count() == 1 { "" } else { "s" },
                if sections == 1 { "" } else { "s" },
                path.display()
            );
        }
        // To stdout: exact when piped or redirected (`> guide.yaml` must load
        // back as the same guide), inert on a terminal, where it is only read.
        None => crate::text::out::data(&doc),
    }
    Ok(0)
}

fn export_command(paths: &Paths, spec: &str, format: ExportFormat) -> Result<i32, String> {
    let guide = guides::resolve(spec, &paths.guides_dir()).map_err(|e| e.to_string())?;
    let text = match format {
        ExportFormat::Md => guide_markdown::export(&guide),
        ExportFormat::Yaml => guide_yaml(&guide)?,
    };
    // Exact when piped or redirected (`guide export x > x.md` is the way to
    // write a file, and must round-trip); made inert when stdout is a
    // terminal, where a guide from a teammate could otherwise act on it.
    crate::text::out::data(&text);
    Ok(0)
}
