//! `fieldnotes tags`: counts of every tag, or renaming and merging a tag in
//! every session file. Apart from the other commands because it is the one
//! that rewrites the library, under each session's lock.

use crate::cli::args::TagsCommand;
use crate::store::library::{self, Library};
use crate::store::paths::Paths;
use crate::text::counts::plural;
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
        Some(TagsCommand::Rename { old, new, yes }) => (old, new, (false, yes)),
        Some(TagsCommand::Merge { from, into, yes }) => (from, into, (true, yes)),
    };
    let (merging, yes) = merging;
    let norm = |t: &str| crate::domain::note::normalize_tag(t).ok_or_else(|| format!("{t:?} is not a valid tag name"));
    let (typed_to, from, to) = (to.clone(), norm(&from)?, norm(&to)?);
    if typed_to.trim().trim_start_matches('#') != to {
        say!("{:?} is written #{to}: tags are lower case, with - between words.", inert(typed_to.trim()));
    }
    if from == to {
        return Err("the two tags are the same".into());
    }
    if !counts.iter().any(|(t, _, _)| *t == from) {
        return Err(format!("no session uses #{from}"));
    }
    if !merging && counts.iter().any(|(t, _, _)| *t == to) {
        return Err(format!("#{to} is already in use: `fieldnotes tags merge {from} {to}` merges them"));
    }
    let plan = plan_retag(&lib, &paths.sessions_dir(), &from, &to)?;
    say!("{}", plan.summary(lib.sessions.len()));
    if !yes && !confirm(&format!("Rewrite {}?", plural(plan.files.len(), "file")))? {
        return Err("nothing changed (answer y, or pass --yes)".into());
    }
    plan.write()
}

/// Asks on the terminal; anything but y or yes (an empty line, the end of
/// the input) is a no, so a script without `--yes` never changes files.
fn confirm(question: &str) -> Result<bool, String> {
    crate::text::out::prompt(&format!("{question} [y/N] "));
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).map_err(|e| format!("reading the answer: {e}"))?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}

/// Rewrites every session using `from` (see [`plan_retag`]), without asking:
/// for `tags lint --apply`, whose merges the user has just read.
pub(super) fn retag_library(lib: &Library, sessions_dir: &std::path::Path, from: &str, to: &str) -> Result<(), String> {
    plan_retag(lib, sessions_dir, from, to)?.write()
}

/// A change of `from` into `to`, done in memory and not yet written: every
/// session using `from` loaded, locked and retagged. A session open
/// elsewhere or a journal anywhere in the library stops everything before
/// any file changes, so a rename is never half done and never split from
/// notes a crash left in a journal. The locks are held until it is written
/// or dropped.
pub(super) struct RetagPlan {
    from: String,
    to: String,
    notes: usize,
    files: Vec<(std::path::PathBuf, crate::domain::session::Session, crate::store::lock::SessionLock)>,
}

impl RetagPlan {
    /// "#pricing → #price-plan: 42 notes in 17 of 200 interviews."
    fn summary(&self, interviews: usize) -> String {
        format!(
            "#{} → #{}: {} in {} of {}.",
            self.from,
            self.to,
            plural(self.notes, "note"),
            crate::text::counts::thousands(self.files.len()),
            plural(interviews, "interview")
        )
    }

    /// Writes each file through the atomic save, under its lock.
    fn write(self) -> Result<(), String> {
        let (from, to, notes, files) = (self.from, self.to, self.notes, self.files.len());
        for (path, session, _held) in self.files {
            crate::store::writer::write_session(&path, &session)?;
        }
        say!("#{from} → #{to}: {} in {}", plural(notes, "note"), plural(files, "session"));
        Ok(())
    }
}

pub(super) fn plan_retag(
    lib: &Library,
    sessions_dir: &std::path::Path,
    from: &str,
    to: &str,
) -> Result<RetagPlan, String> {
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
    let mut notes = 0;
    for (_, session, _) in &mut loaded {
        notes += session.retag(from, to);
    }
    Ok(RetagPlan { from: from.to_string(), to: to.to_string(), notes, files: loaded })
}
