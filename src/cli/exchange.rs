//! `fieldnotes export --format qdpx`: the library (through the same filters
//! as `synth`) as a REFI-QDA project other research tools open.

use crate::analysis::anonymize::Anonymizer;
use crate::analysis::refi::codes::ExCodebook;
use crate::analysis::refi::project;
use crate::cli::args::{ProjectExportArgs, ProjectFormat};
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
    let filter = args.filter.filter();
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

/// The library's codebook for the exchange (none yet: codes come from tags).
fn library_codebook(_paths: &Paths) -> Result<ExCodebook, String> {
    Ok(ExCodebook::default())
}
