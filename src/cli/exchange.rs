//! Trading with other research tools: `fieldnotes export --format qdpx`
//! (the library, through the same filters as `synth`, as a REFI-QDA
//! project), and `fieldnotes codebook export|import` (the codebook as a
//! REFI-QDA `.qdc` or CSV, and one from another tool merged into
//! `codebook.yaml` by the rule of `analysis::codebook_merge`).

use crate::analysis::anonymize::Anonymizer;
use crate::analysis::codebook_merge::{self, Changes};
use crate::analysis::refi::codes::ExCodebook;
use crate::analysis::refi::{codebook_xml, project};
use crate::analysis::{codebook_convert, codebook_csv};
use crate::cli::args::{CodebookFormat, ProjectExportArgs, ProjectFormat};
use crate::domain::transcript::Transcript;
use crate::store::paths::Paths;
use crate::store::{cache, qdpx, transcripts};
use crate::text::counts::plural;
use crate::text::out::inert;
use std::collections::HashMap;

pub fn export_project(paths: &Paths, args: ProjectExportArgs) -> Result<(), String> {
    let ProjectFormat::Qdpx = args.format;
    let loaded = cache::load(&paths.sessions_dir(), cache::cache_dir().as_deref());
    for e in &loaded.errors {
        crate::warn!("warning: skipped {}", inert(&e.to_string()));
    }
    let filter = args.filter.filter()?;
    let mut interviews = project::select(&loaded.records, &filter);
    if interviews.is_empty() {
        return Err("export: no interview matches; nothing written".into());
    }
    let transcripts = read_transcripts(&loaded, &interviews);
    for iv in &mut interviews {
        iv.transcript = transcripts.get(iv.record.id.as_str());
    }
    // Numbered over the whole library, as reports number them, so P3 is the
    // same person in a filtered export and in the full one.
    let anon = args.anonymize.then(|| Anonymizer::new(&loaded.records));
    let name = args.output.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "fieldnotes".into());
    let codebook = library_codebook(paths)?;
    let p = project::build(&name, &interviews, &codebook, anon.as_ref());
    qdpx::write(&args.output, &p.qde, &p.sources)?;
    crate::say!(
        "Wrote {}: {}, {} coded with {}, {}{}.",
        inert(&args.output.display().to_string()),
        plural(p.sources.len(), "interview"),
        plural(p.selections, "selection"),
        plural(p.codes, "code"),
        plural(p.cases, "case"),
        if args.anonymize { ", names anonymised" } else { "" }
    );
    Ok(())
}

/// The transcripts kept beside the chosen sessions (`ID.vtt`); one that
/// cannot be read is said and left out.
fn read_transcripts(loaded: &cache::Loaded, interviews: &[project::Interview]) -> HashMap<String, Transcript> {
    let wanted: std::collections::HashSet<&str> = interviews.iter().map(|i| i.record.id.as_str()).collect();
    let mut out = HashMap::new();
    for (record, path) in loaded.records.iter().zip(&loaded.paths) {
        if !wanted.contains(record.id.as_str()) {
            continue;
        }
        let file = transcripts::file_name(path);
        if !path.with_file_name(&file).exists() {
            continue;
        }
        match transcripts::read(path, &file) {
            Ok(t) => {
                out.insert(record.id.clone(), t);
            }
            Err(e) => crate::warn!("warning: transcript left out: {}", inert(&e)),
        }
    }
    out
}

/// The library's codebook for the exchange; none (no `codebook.yaml`) is
/// empty, and the project's codes are then the tags.
fn library_codebook(paths: &Paths) -> Result<ExCodebook, String> {
    let loaded = crate::store::codebook::load(&paths.codebook_file()).map_err(|e| e.to_string())?;
    Ok(loaded.as_ref().map(codebook_convert::to_exchange).unwrap_or_default())
}

/// `fieldnotes codebook export`.
pub fn codebook_export(
    paths: &Paths,
    format: CodebookFormat,
    output: Option<std::path::PathBuf>,
) -> Result<(), String> {
    let ex = library_codebook(paths)?;
    if ex.codes.is_empty() {
        return Err(format!(
            "codebook export: {} has no codes yet (`fieldnotes codebook init` proposes them from the tags in use)",
            inert(&paths.codebook_file().display().to_string())
        ));
    }
    let text = match format {
        CodebookFormat::Qdc => codebook_xml::qdc(&ex),
        CodebookFormat::Csv => codebook_csv::write(&ex),
    };
    match output {
        None => crate::text::out::data(&text),
        Some(path) => {
            crate::store::disk::write_atomic(&path, text.as_bytes(), &mut crate::store::disk::RealDisk, |_| Ok(()))
                .map_err(|e| format!("cannot write {}: {e}", inert(&path.display().to_string())))?;
            crate::say!(
                "Wrote {}: {}, {}.",
                inert(&path.display().to_string()),
                plural(ex.codes.len(), "code"),
                plural(ex.all_themes().len(), "theme")
            );
        }
    }
    Ok(())
}

/// The largest codebook file read: far above any real one.
const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// A codebook from a file of any shape imported: a zip (`.qdpx`) by its
/// project's codebook, XML (`.qdc`, `.qde`) by its `CodeBook`, else CSV.
/// Told apart by content, not by name.
fn read_any(file: &std::path::Path) -> Result<(ExCodebook, Vec<String>), String> {
    let shown = inert(&file.display().to_string()).into_owned();
    let size = std::fs::metadata(file).map_err(|e| format!("cannot read {shown}: {e}"))?.len();
    if size > MAX_IMPORT_BYTES {
        return Err(format!("{shown} is {size} bytes, more than a codebook can be"));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {shown}: {e}"))?;
    if bytes.starts_with(b"PK") {
        let entries = qdpx::read_entries(&bytes).map_err(|e| format!("{shown}: {e}"))?;
        let (_, qde) = entries
            .iter()
            .find(|(name, _)| name == "project.qde")
            .ok_or_else(|| format!("{shown}: a zip without project.qde is not a REFI-QDA project"))?;
        return Ok((codebook_xml::read_codebook(qde).map_err(|e| format!("{shown}: {e}"))?, Vec::new()));
    }
    let text = String::from_utf8(bytes).map_err(|_| format!("{shown}: not UTF-8 text"))?;
    if text.trim_start_matches('\u{feff}').trim_start().starts_with('<') {
        return Ok((codebook_xml::read_codebook(&text).map_err(|e| format!("{shown}: {e}"))?, Vec::new()));
    }
    let read = codebook_csv::read(&text).map_err(|e| format!("{shown}: {e}"))?;
    let mut notes = Vec::new();
    if !read.ignored_columns.is_empty() {
        let cols: Vec<String> = read.ignored_columns.iter().map(|c| inert(c).into_owned()).collect();
        notes.push(format!("columns not read: {}", cols.join(", ")));
    }
    if !read.skipped_rows.is_empty() {
        let rows: Vec<String> = read.skipped_rows.iter().map(usize::to_string).collect();
        notes.push(format!("rows without a code name left out (lines {})", rows.join(", ")));
    }
    Ok((read.codebook, notes))
}

/// `fieldnotes codebook import FILE`.
pub fn codebook_import(paths: &Paths, file: &std::path::Path) -> Result<(), String> {
    let (mut incoming, notes) = read_any(file)?;
    let refused = codebook_convert::as_tags(&mut incoming);
    let path = paths.codebook_file();
    let mut local = crate::store::codebook::load(&path).map_err(|e| e.to_string())?.unwrap_or_default();
    let mut merged = codebook_convert::to_exchange(&local);
    let changes = codebook_merge::merge(&mut merged, &incoming);
    for n in &notes {
        crate::warn!("note: {n}");
    }
    if !refused.is_empty() {
        let names: Vec<String> = refused.iter().map(|r| format!("{:?}", inert(r))).collect();
        crate::warn!("left out, not usable as a tag: {}", names.join(", "));
    }
    if changes.is_empty() {
        crate::say!(
            "Nothing to change: {} already holds every code and field of the import.",
            inert(&path.display().to_string())
        );
        return Ok(());
    }
    codebook_convert::apply(&mut local, &merged);
    crate::store::codebook::save(&path, &local)?;
    crate::text::out::text(&changes_text(&changes, &path.display().to_string()));
    Ok(())
}

/// What an import changed, in words.
fn changes_text(c: &Changes, file: &str) -> String {
    let names = |v: &[String]| v.iter().map(|n| inert(n).into_owned()).collect::<Vec<_>>().join(", ");
    let mut out = format!("Merged into {}:\n", inert(file));
    if !c.added.is_empty() {
        out.push_str(&format!("  added {}: {}\n", plural(c.added.len(), "code"), names(&c.added)));
    }
    for (code, fields) in &c.updated {
        out.push_str(&format!("  updated {}: {}\n", inert(code), fields.join(", ")));
    }
    if !c.themes_added.is_empty() {
        out.push_str(&format!("  added {}: {}\n", plural(c.themes_added.len(), "theme"), names(&c.themes_added)));
    }
    if !c.themes_updated.is_empty() {
        out.push_str(&format!("  theme descriptions updated: {}\n", names(&c.themes_updated)));
    }
    if c.unchanged > 0 {
        out.push_str(&format!("  {} already the same\n", plural(c.unchanged, "code")));
    }
    out
}
