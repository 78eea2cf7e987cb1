//! `fieldnotes agree DIR_A DIR_B`: reads two libraries tagged by two coders
//! and prints their agreement (`analysis::agreement`), as text or JSON;
//! with a `codebook.yaml` in coder A's library (else B's), an alias counts
//! as its code.

use crate::analysis::agreement::{self, format};
use crate::cli::args::{AgreeArgs, TextOrJson};
use crate::domain::codebook::Codebook;
use crate::store::cache;
use crate::text::out::inert;
use std::path::{Path, PathBuf};

/// The sessions folder of a library given as its data dir (or a clone of the
/// team repository, which has `sessions/`), or as the sessions folder itself.
fn sessions_dir(dir: &Path) -> Result<PathBuf, String> {
    if !dir.is_dir() {
        return Err(format!("agree: {} is not a folder", inert(&dir.display().to_string())));
    }
    let inner = dir.join("sessions");
    Ok(if inner.is_dir() { inner } else { dir.to_path_buf() })
}

fn load(label: &str, dir: &Path) -> Result<Vec<crate::analysis::synthesis::SessionRecord>, String> {
    // No cache: two clones of one library would otherwise share nothing but
    // still cost a cache file each in the user's cache dir.
    let loaded = cache::load(&sessions_dir(dir)?, None);
    for e in &loaded.errors {
        crate::warn!("warning: coder {label}: skipped {}", inert(&e.to_string()));
    }
    if loaded.records.is_empty() {
        return Err(format!("agree: no sessions in {}", inert(&dir.display().to_string())));
    }
    Ok(loaded.records)
}

/// The codebook aliases resolve through: coder A's, else coder B's (a
/// data dir's `codebook.yaml`), with whose it is.
fn shared_codebook(a: &Path, b: &Path) -> Result<Option<(&'static str, Codebook)>, String> {
    for (who, dir) in [("A", a), ("B", b)] {
        if let Some(cb) =
            crate::store::codebook::load(&crate::store::codebook::path_in(dir)).map_err(|e| e.to_string())?
        {
            return Ok(Some((who, cb)));
        }
    }
    Ok(None)
}

pub fn agree(args: AgreeArgs) -> Result<(), String> {
    let a = load("A", &args.dir_a)?;
    let b = load("B", &args.dir_b)?;
    let only: Option<Vec<String>> = args
        .codes
        .as_deref()
        .map(|c| c.split(',').map(str::trim).filter(|c| !c.is_empty()).map(String::from).collect());
    let codebook = shared_codebook(&args.dir_a, &args.dir_b)?;
    let resolve = |t: &str| codebook.as_ref().map_or_else(|| t.to_string(), |(_, cb)| cb.canonical(t));
    let ag = agreement::agree_resolved(&a, &b, only.as_deref(), &resolve);
    if ag.shared_sessions == 0 {
        crate::warn!("warning: the two libraries have no session id in common: nothing to compare");
    }
    match args.format {
        TextOrJson::Text => {
            let mut header = format!(
                "Coder A: {}\nCoder B: {}\n",
                inert(&args.dir_a.display().to_string()),
                inert(&args.dir_b.display().to_string())
            );
            if let Some((who, _)) = &codebook {
                header.push_str(&format!("Aliases counted as their code, from coder {who}'s codebook.yaml.\n"));
            }
            crate::text::out::text(&(header + &format::text(&ag)));
        }
        TextOrJson::Json => {
            let v = format::json(&ag);
            crate::text::out::data(&(serde_json::to_string_pretty(&v).map_err(|e| e.to_string())? + "\n"));
        }
    }
    Ok(())
}
