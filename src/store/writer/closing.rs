//! Verdicts on close: where a closed session's changes are (saved, in the
//! journal, rescued, or at risk in memory), and the writer's steps to reach
//! one, handing a session its file refused to the rescue folders. Separate
//! from the loop because this is the part that must never lose a change.

use super::thread::{OpenSession, State};
use super::{Reply, journal_path};
use crate::store::disk;
use crate::store::journal::Record;
use crate::store::rescue;
use std::path::{Path, PathBuf};

/// Where a closed session's changes are, as verified by the writer.
#[derive(Debug, Clone, PartialEq)]
pub enum Closing {
    /// Written to its file; the journal is gone.
    Saved { path: PathBuf },
    /// The file could not be written, but every change is in the journal
    /// (each append was synced): `recover` writes it once the disk allows.
    InJournal { path: PathBuf, journal: PathBuf, error: String },
    /// Neither file nor journal could take every change: the whole session
    /// was written to a rescue folder, which `recover` finds.
    Rescued { path: PathBuf, folder: PathBuf, error: String },
    /// Nothing could be written anywhere: these changes are only in memory.
    /// The writer keeps the session and tries again on the next close.
    AtRisk { path: PathBuf, error: String, changes: Vec<String> },
}

impl Closing {
    /// True when every change is on a disk somewhere.
    pub fn is_safe(&self) -> bool {
        !matches!(self, Closing::AtRisk { .. })
    }

    /// The session file this verdict is about.
    pub fn path(&self) -> &Path {
        match self {
            Closing::Saved { path }
            | Closing::InJournal { path, .. }
            | Closing::Rescued { path, .. }
            | Closing::AtRisk { path, .. } => path,
        }
    }

    /// What to tell the user, in full sentences.
    pub fn describe(&self) -> String {
        match self {
            Closing::Saved { path } => format!("Saved: {}", path.display()),
            Closing::InJournal { path, journal, error } => format!(
                "{error}\nEvery change is safe in the journal {} (each one was synced to the disk). \
                 Run `fieldnotes recover` once the problem is fixed to write {}.",
                journal.display(),
                path.display()
            ),
            Closing::Rescued { path, folder, error } => format!(
                "{error}\nThe whole session was saved to {} instead. \
                 Run `fieldnotes recover` once the problem is fixed to bring it back into {}.",
                folder.display(),
                path.display()
            ),
            Closing::AtRisk { path, error, changes } => {
                let shown: Vec<String> = changes.iter().take(8).map(|c| format!("  - {c}")).collect();
                let more = changes.len().saturating_sub(shown.len());
                let more = if more > 0 { format!("\n  … and {more} more") } else { String::new() };
                format!(
                    "NOT SAVED: {error}\nNothing could be written for {}, not even to a fallback folder. \
                     {} change(s) exist only in memory:\n{}{more}",
                    path.display(),
                    changes.len(),
                    shown.join("\n")
                )
            }
        }
    }
}

impl State {
    /// Closes the open session and retries any kept at risk: the verdict on
    /// each, also kept (the latest per file) for `Command::LastWord`.
    pub(super) fn close_report(&mut self) -> Vec<Closing> {
        let mut report = self.retry_at_risk();
        if let Some(closing) = self.close() {
            if !closing.is_safe() {
                // Still on the screen: keep taking its changes.
                self.open = self.at_risk.pop();
            }
            report.push(closing);
        }
        for v in &report {
            self.verdicts.retain(|old| old.path() != v.path());
            self.verdicts.push(v.clone());
        }
        report
    }

    /// Writes the YAML if it misses a change, then drops the journal: only
    /// once the file that holds every journaled change is safely on disk.
    /// Otherwise says where the changes are (see `settle`). A session only
    /// looked at is not rewritten: its file stays byte for byte (and mtime)
    /// as it was. `None` when no session was open.
    pub(super) fn close(&mut self) -> Option<Closing> {
        self.open.as_ref()?;
        self.save_yaml();
        let o = self.open.take()?;
        if o.failing {
            return Some(self.settle(o));
        }
        if let Some(j) = &o.journal {
            let _ = std::fs::remove_file(&j.path);
            let _ = disk::sync_dir(&j.path, self.disk.as_mut());
        }
        (self.reply)(Reply::Closed { path: o.path.clone() });
        Some(Closing::Saved { path: o.path })
    }

    /// A session whose file could not be written, closing: if every change
    /// is in its journal, that is enough; else the whole session goes to a
    /// rescue folder; if even that fails, it is kept in memory, at risk.
    fn settle(&mut self, o: OpenSession) -> Closing {
        let error = o.last_error.clone().unwrap_or_else(|| "the session file could not be written".into());
        if o.journal_on_disk && o.durable_rev == o.last_rev {
            return Closing::InJournal { journal: journal_path(&o.path), path: o.path, error };
        }
        let contents = rescue::Contents {
            yaml_path: &o.path,
            base: &o.saved,
            base_fp: o.disk_fp,
            changes: &o.unsaved,
            current: &o.session,
        };
        match rescue::write(&self.rescue_dirs, &contents) {
            Ok(folder) => Closing::Rescued { path: o.path, folder, error },
            Err(rescue_error) => {
                let changes = o
                    .unsaved
                    .iter()
                    .filter_map(|r| match r {
                        Record::Change { rev, op } if *rev > o.durable_rev => Some(op.describe()),
                        _ => None,
                    })
                    .collect::<Vec<_>>();
                let changes = if changes.is_empty() && !o.journal_on_disk && o.disk_fp.is_none() {
                    vec!["the whole session (it was never written)".to_string()]
                } else {
                    changes
                };
                let closing = Closing::AtRisk {
                    path: o.path.clone(),
                    error: format!("{error}; fallback folders: {rescue_error}"),
                    changes,
                };
                self.at_risk.push(o);
                closing
            }
        }
    }

    /// Tries again, for every session kept at risk: its own file first, then
    /// the journal and the rescue folders. Returns the verdict on each.
    pub(super) fn retry_at_risk(&mut self) -> Vec<Closing> {
        let mut verdicts = Vec::new();
        for o in std::mem::take(&mut self.at_risk) {
            // Reopened as the open session for a moment, so the usual path applies.
            let current = self.open.replace(o);
            verdicts.extend(self.close());
            self.open = current;
        }
        verdicts
    }
}
