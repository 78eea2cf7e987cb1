//! The study files at the library root: `study.yaml` or `studies/NAME.yaml`
//! (read only: they are the user's, edited by hand), and the roster, one
//! file per person in `people/` (written atomically, new files only: an
//! import adds people, it never rewrites one).

use super::disk::{RealDisk, write_atomic};
use super::session_files::session_paths;
use super::yaml::{self, LoadError};
use crate::domain::person::Person;
use crate::domain::study::Study;
use std::path::{Path, PathBuf};

pub const STUDY_FILE: &str = "study.yaml";
pub const STUDIES_DIR: &str = "studies";
pub const PEOPLE_DIR: &str = "people";

/// Which study file `fieldnotes study [NAME]` reads. Without a name:
/// `study.yaml`, else the only file of `studies/`, else none (the whole
/// library is the study). With one: `studies/NAME.yaml`.
pub fn study_path(data_dir: &Path, name: Option<&str>) -> Result<Option<PathBuf>, String> {
    let studies = data_dir.join(STUDIES_DIR);
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => {
            if n.contains(['/', '\\']) || n.starts_with('.') {
                return Err(format!("{n:?} is not a study name (a file name in studies/, without .yaml)"));
            }
            let path = studies.join(format!("{}.yaml", n.trim_end_matches(".yaml")));
            if path.is_file() {
                Ok(Some(path))
            } else {
                let known = study_names(data_dir);
                let hint = if known.is_empty() { "none yet".to_string() } else { known.join(", ") };
                Err(format!("no study {n:?} in {} (studies: {hint})", studies.display()))
            }
        }
        None => {
            let root = data_dir.join(STUDY_FILE);
            if root.is_file() {
                return Ok(Some(root));
            }
            let mut files = session_paths(&studies);
            match files.len() {
                0 => Ok(None),
                1 => Ok(files.pop()),
                _ => Err(format!(
                    "several studies in {}: name one ({})",
                    studies.display(),
                    study_names(data_dir).join(", ")
                )),
            }
        }
    }
}

/// The names of `studies/*.yaml`, sorted.
pub fn study_names(data_dir: &Path) -> Vec<String> {
    session_paths(&data_dir.join(STUDIES_DIR))
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect()
}

pub fn load_study(path: &Path) -> Result<Study, LoadError> {
    yaml::read_file(path)
}

/// A person of the roster and the file that holds them.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterEntry {
    /// The file name without `.yaml`: what a session's `person:` names.
    pub id: String,
    pub person: Person,
}

/// Every readable person in `people/`, by id; unreadable files as errors.
pub fn load_people(data_dir: &Path) -> (Vec<RosterEntry>, Vec<LoadError>) {
    let mut people = Vec::new();
    let mut errors = Vec::new();
    for path in session_paths(&data_dir.join(PEOPLE_DIR)) {
        let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        match yaml::read_file::<Person>(&path) {
            Ok(person) => people.push(RosterEntry { id, person }),
            Err(e) => errors.push(e),
        }
    }
    (people, errors)
}

/// Writes a new person file (atomically) under a free id; returns the id.
pub fn add_person(data_dir: &Path, person: &Person) -> Result<String, String> {
    let dir = data_dir.join(PEOPLE_DIR);
    let base = Some(person.file_id()).filter(|s| !s.is_empty()).unwrap_or_else(|| "person".into());
    let id = (1..)
        .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
        .find(|id| !dir.join(format!("{id}.yaml")).exists())
        .unwrap_or(base);
    let path = dir.join(format!("{id}.yaml"));
    let text = yaml::to_string(person)?;
    write_atomic(&path, text.as_bytes(), &mut RealDisk, |_| Ok(())).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(id)
}

/// Writes the commented starter `study.yaml`; refuses when one exists.
pub fn init_study(data_dir: &Path) -> Result<PathBuf, String> {
    let path = data_dir.join(STUDY_FILE);
    if path.exists() {
        return Err(format!("{} exists; it is left as it is", path.display()));
    }
    write_atomic(&path, STARTER.as_bytes(), &mut RealDisk, |_| Ok(()))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// The starter study: every key, commented, with the defaults filled in.
pub const STARTER: &str = "\
# The study around your interviews: `fieldnotes study` reads this file.
# Edit it by hand; fieldnotes never rewrites it.

objective: Learn why teams stop using the product in their first month

research_questions:
  - What do teams expect in their first week?
  - What makes them give up?

# Each hypothesis counts evidence for and against it: notes carrying one of the
# tags (codes), or whose words contain one of the phrases. You set the status:
# open, supported, refuted or mixed; `fieldnotes study` says what the figures suggest.
hypotheses:
  - statement: Setup takes too long for teams without an admin
    for: {tags: [onboarding, setup], words: [took weeks]}
    against: {tags: [fast-setup]}
    status: open

# Interviews wanted per participant segment (the session's `segment`).
quotas: {mid-market: 8, enterprise: 5}

# Which interviews belong to the study, as `fieldnotes synth` filters them
# (since, until, segment, guide, tag, participant, company, role). Empty: all.
filter: {}

starts: 2026-01-05
ends: 2026-03-31

# Saturation (Guest, Namey & Chen 2020): reached when the last `run` interviews
# added at most `threshold_percent` new codes relative to the codes known after
# the first `base` interviews.
saturation: {base: 6, run: 3, threshold_percent: 5}
";

#[cfg(test)]
mod tests {
    use super::*;

    fn temp() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn the_starter_reads_and_is_never_overwritten() {
        let d = temp();
        let path = init_study(d.path()).unwrap();
        let s = load_study(&path).unwrap();
        assert_eq!(s.hypotheses.len(), 1);
        assert_eq!(s.quotas.len(), 2);
        std::fs::write(&path, "objective: mine\n").unwrap();
        assert!(init_study(d.path()).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "objective: mine\n");
    }

    #[test]
    fn the_study_file_is_found_by_name_or_alone() {
        let d = temp();
        assert_eq!(study_path(d.path(), None).unwrap(), None, "no file: the whole library");
        std::fs::create_dir_all(d.path().join("studies")).unwrap();
        std::fs::write(d.path().join("studies/pricing.yaml"), "objective: x\n").unwrap();
        assert!(study_path(d.path(), None).unwrap().unwrap().ends_with("studies/pricing.yaml"));
        std::fs::write(d.path().join("studies/churn.yaml"), "objective: y\n").unwrap();
        assert!(study_path(d.path(), None).is_err(), "two studies: name one");
        assert!(study_path(d.path(), Some("churn")).unwrap().unwrap().ends_with("studies/churn.yaml"));
        assert!(study_path(d.path(), Some("nope")).unwrap_err().contains("churn, pricing"));
        assert!(study_path(d.path(), Some("../x")).is_err());
    }

    #[test]
    fn people_are_added_under_free_ids_and_broken_files_are_located() {
        let d = temp();
        let p = Person { name: "Ana López".into(), company: Some("Acme".into()), ..Person::default() };
        assert_eq!(add_person(d.path(), &p).unwrap(), "ana-lopez-acme");
        assert_eq!(add_person(d.path(), &p).unwrap(), "ana-lopez-acme-2");
        std::fs::write(d.path().join("people/bad.yaml"), "name: x\nstatus: [\n").unwrap();
        let (people, errors) = load_people(d.path());
        assert_eq!(people.len(), 2);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].line.is_some(), "{}", errors[0]);
    }
}
