//! `fieldnotes codebook`: the team's codebook with how much each code is
//! used, its themes, and the tags in use it does not know (new);
//! `codebook init` proposes one from the tags in use.

use crate::analysis::codebook::{self as cb, Listing, TagUse};
use crate::cli::args::{CodebookCommand, TextOrJson};
use crate::store::codebook;
use crate::store::library::Library;
use crate::store::paths::Paths;
use crate::text::counts::plural;
use crate::text::out::{self, inert};
use crate::text::width::truncate;
use crate::{say, warn};

pub fn codebook(paths: &Paths, action: Option<CodebookCommand>, format: TextOrJson) -> Result<(), String> {
    let uses = library_tag_uses(paths);
    match action {
        Some(CodebookCommand::Init { force }) => init(paths, &uses, force),
        Some(CodebookCommand::Export { format, output }) => {
            crate::cli::exchange::codebook_export(paths, format, output)
        }
        Some(CodebookCommand::Import { file }) => crate::cli::exchange::codebook_import(paths, &file),
        None => list(paths, &uses, format),
    }
}

/// Every tag the library's sessions use, with its counts.
pub(super) fn library_tag_uses(paths: &Paths) -> Vec<TagUse> {
    let lib = Library::load(&paths.sessions_dir());
    let infos: Vec<_> = lib.sessions.iter().filter_map(|s| s.info.as_ref().ok()).collect();
    cb::tag_uses(infos.iter().map(|i| i.tags.as_slice()))
}

fn init(paths: &Paths, uses: &[TagUse], force: bool) -> Result<(), String> {
    let path = paths.codebook_file();
    if uses.is_empty() {
        return Err("no tags in use yet: tag some notes first, or write codebook.yaml by hand".into());
    }
    let proposal = cb::propose(uses);
    let text = cb::proposal_text(&proposal, uses)?;
    if !force && std::fs::symlink_metadata(&path).is_ok() {
        return Err(format!(
            "{} already exists; `fieldnotes codebook` lists it (pass --force to replace it with a new proposal)",
            inert(&path.display().to_string())
        ));
    }
    crate::store::yaml::check_readable(&text)?;
    crate::store::disk::write_atomic(&path, text.as_bytes(), &mut crate::store::disk::RealDisk, |_| Ok(()))
        .map_err(|e| format!("{}: {e}", inert(&path.display().to_string())))?;
    say!(
        "Wrote {} with {} from the tags in use: describe each one (description, use_when, not_when, theme, aliases).",
        inert(&path.display().to_string()),
        plural(proposal.codes.len(), "code")
    );
    Ok(())
}

fn list(paths: &Paths, uses: &[TagUse], format: TextOrJson) -> Result<(), String> {
    let path = paths.codebook_file();
    let book = codebook::load(&path).map_err(|e| e.to_string())?;
    let Some(book) = book else {
        if format == TextOrJson::Json {
            let listing = cb::listing(&Default::default(), uses);
            out::data(&(json(&listing, false)? + "\n"));
            return Ok(());
        }
        warn!(
            "No codebook yet: `fieldnotes codebook init` proposes one from the {} in use.",
            plural(uses.len(), "tag")
        );
        return Ok(());
    };
    let listing = cb::listing(&book, uses);
    match format {
        TextOrJson::Json => out::data(&(json(&listing, true)? + "\n")),
        TextOrJson::Text => out::text(&text(&listing)),
    }
    Ok(())
}

fn json(listing: &Listing, exists: bool) -> Result<String, String> {
    let mut value = serde_json::to_value(listing).map_err(|e| e.to_string())?;
    value["codebook"] = serde_json::Value::Bool(exists);
    serde_json::to_string_pretty(&value).map_err(|e| e.to_string())
}

/// The listing as people read it: themes with their codes, codes without a
/// theme, then the new tags and any ambiguity in the file.
fn text(listing: &Listing) -> String {
    let mut out = format!("{} in {}.\n", plural(listing.codes.len(), "code"), plural(listing.themes.len(), "theme"));
    for theme in &listing.themes {
        out.push_str(&format!("\n{}", inert(&theme.name)));
        if !theme.description.is_empty() {
            out.push_str(&format!(" — {}", inert(&truncate(&theme.description, 70))));
        }
        out.push('\n');
        for name in &theme.codes {
            if let Some(code) = listing.codes.iter().find(|c| &c.name == name) {
                out.push_str(&code_line(code));
            }
        }
    }
    let loose: Vec<_> = listing.codes.iter().filter(|c| c.theme.is_none()).collect();
    if !loose.is_empty() {
        out.push_str(if listing.themes.is_empty() { "\n" } else { "\nWithout a theme\n" });
        for code in loose {
            out.push_str(&code_line(code));
        }
    }
    if !listing.new_tags.is_empty() {
        out.push_str("\nTags in use not in the codebook\n");
        for u in &listing.new_tags {
            out.push_str(&format!(
                "  {:<24} {:>5} notes {:>4} interviews  new\n",
                format!("#{}", inert(&u.tag)),
                u.notes,
                u.interviews
            ));
        }
    }
    if listing.codes.iter().any(|c| c.alias_notes > 0) {
        out.push_str("\nSome notes carry an alias instead of its code: `fieldnotes tags lint` proposes the merges.\n");
    }
    if !listing.problems.is_empty() {
        out.push_str("\nAmbiguous in codebook.yaml\n");
        for p in &listing.problems {
            out.push_str(&format!("  {}\n", inert(p)));
        }
    }
    out
}

fn code_line(code: &cb::CodeRow) -> String {
    let description = if code.description.is_empty() {
        "(no description yet)".to_string()
    } else {
        truncate(&code.description, 60).into_owned()
    };
    let mut line = format!(
        "  {:<24} {:>5} notes {:>4} interviews  {}",
        format!("#{}", inert(&code.name)),
        code.notes,
        code.interviews,
        inert(&description)
    );
    if !code.aliases.is_empty() {
        let aliases: Vec<String> = code.aliases.iter().map(|a| inert(a).into_owned()).collect();
        line.push_str(&format!("  (also: {})", aliases.join(", ")));
    }
    line.push('\n');
    line
}
