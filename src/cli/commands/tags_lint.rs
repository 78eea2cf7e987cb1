//! `fieldnotes tags lint`: near-duplicate tags with their counts and the
//! merge that would fix each; `--apply` does the merges through the same
//! locked, atomic rewrite as `tags merge`.

use crate::analysis::codebook::hygiene::{self, Merge};
use crate::analysis::codebook::tag_uses;
use crate::cli::args::TextOrJson;
use crate::store::codebook;
use crate::store::library::Library;
use crate::store::paths::Paths;
use crate::text::counts::plural;
use crate::text::out::{self, inert};
use crate::{say, warn};

pub(super) fn lint(paths: &Paths, lib: &Library, apply: bool, format: TextOrJson) -> Result<(), String> {
    let book = codebook::load(&paths.codebook_file()).map_err(|e| e.to_string())?;
    let infos: Vec<_> = lib.sessions.iter().filter_map(|s| s.info.as_ref().ok()).collect();
    let uses = tag_uses(infos.iter().map(|i| i.tags.as_slice()));
    let merges = hygiene::near_duplicates(&uses, book.as_ref());
    match format {
        TextOrJson::Json => {
            let text =
                serde_json::to_string_pretty(&serde_json::json!({ "merges": merges })).map_err(|e| e.to_string())?;
            out::data(&(text + "\n"));
        }
        TextOrJson::Text => print_merges(&merges, apply),
    }
    if apply {
        for m in &merges {
            super::tags::retag_library(lib, &paths.sessions_dir(), &m.from, &m.into)?;
        }
    }
    Ok(())
}

fn print_merges(merges: &[Merge], apply: bool) {
    if merges.is_empty() {
        say!("No near-duplicate tags.");
        return;
    }
    let mut text = format!("{}:\n", plural(merges.len(), "tag near-duplicate"));
    for m in merges {
        text.push_str(&format!(
            "  #{} ({}, {}) → #{} ({}): {}\n    {}\n",
            inert(&m.from),
            plural(m.from_notes, "note"),
            plural(m.from_interviews, "interview"),
            inert(&m.into),
            plural(m.into_notes, "note"),
            m.reason.label(),
            inert(&m.command()),
        ));
    }
    out::text(&text);
    if !apply {
        warn!("`fieldnotes tags lint --apply` does these merges.");
    }
}
