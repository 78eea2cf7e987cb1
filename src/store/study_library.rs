//! The library as the study reads it: the study file, the records (through
//! the cache, with codebook aliases resolved), the roster and which sessions
//! are with whom. One loader for `fieldnotes study`, `people`, `personas`
//! and the study screen, so the figures are the same wherever they show.
//! Problems that do not stop the study (a skipped file, a codebook that
//! does not read) come back as warnings for the caller to show.

use crate::analysis::study;
use crate::analysis::study::roster::{SessionLink, scheduled_segments, sessions_of};
use crate::analysis::synthesis::SessionRecord;
use crate::domain::person::{Person, same_words};
use crate::domain::study::Study;
use crate::store::cache;
use crate::store::paths::Paths;
use crate::store::study_files::{self, RosterEntry};

/// The records, the roster and the links between them.
pub struct StudyLibrary {
    pub records: Vec<SessionRecord>,
    pub roster: Vec<RosterEntry>,
    /// Per roster entry, the ids of its sessions.
    pub linked: Vec<Vec<String>>,
    /// What was skipped or not used, one line each (file names included).
    pub warnings: Vec<String>,
}

impl StudyLibrary {
    pub fn load(paths: &Paths) -> StudyLibrary {
        let loaded = cache::load(&paths.sessions_dir(), cache::cache_dir().as_deref());
        let mut warnings: Vec<String> = loaded.errors.iter().map(|e| format!("skipped {e}")).collect();
        let (roster, errors) = study_files::load_people(&paths.data_dir);
        warnings.extend(errors.iter().map(|e| format!("skipped {e}")));
        // The `person:` link comes with the record (through the cache): no
        // session file is read again for it.
        let links: Vec<SessionLink> = loaded
            .records
            .iter()
            .map(|r| SessionLink {
                id: &r.id,
                participant: &r.participant,
                company: r.company.as_deref(),
                person: r.person.as_deref(),
            })
            .collect();
        let people: Vec<(&str, &Person)> = roster.iter().map(|e| (e.id.as_str(), &e.person)).collect();
        let linked =
            sessions_of(&people, &links).into_iter().map(|v| v.into_iter().map(String::from).collect()).collect();
        let mut records = loaded.records;
        // With a codebook, an alias counts as its code in every figure.
        match crate::store::codebook::load(&paths.codebook_file()) {
            Ok(Some(book)) => study::codes::with_codebook(&mut records, &book),
            Ok(None) => {}
            Err(e) => warnings.push(format!("codebook not used: {e}")),
        }
        StudyLibrary { records, roster, linked, warnings }
    }

    /// The segment of each person scheduled and not yet interviewed.
    pub fn scheduled(&self) -> Vec<Option<String>> {
        let people: Vec<(&str, &Person)> = self.roster.iter().map(|e| (e.id.as_str(), &e.person)).collect();
        let linked: Vec<Vec<&str>> = self.linked.iter().map(|l| l.iter().map(String::as_str).collect()).collect();
        scheduled_segments(&people, &linked)
    }
}

/// Everything the study screen shows, read and computed in one go on a
/// worker thread: which studies there are, the one shown and its figures.
#[derive(Debug)]
pub struct StudyRead {
    /// The names of `studies/*.yaml`, sorted (empty: none).
    pub names: Vec<String>,
    /// The study shown: `studies/NAME.yaml`'s NAME, `study.yaml`, or `None`
    /// for the whole library.
    pub label: Option<String>,
    /// The figures, or why the study file does not read (file, line, column).
    pub shown: Result<Box<Shown>, String>,
    /// What was skipped or not used, one line each.
    pub warnings: Vec<String>,
}

/// A study, its figures and the records they index into.
#[derive(Debug)]
pub struct Shown {
    pub study: Study,
    pub computed: study::Computed,
    pub records: Vec<SessionRecord>,
}

/// Reads the study `name` (or the one found: `study.yaml`, else the first
/// of `studies/`) and computes it, as `fieldnotes study` does.
pub fn read_study(paths: &Paths, name: Option<&str>) -> StudyRead {
    let names = study_files::study_names(&paths.data_dir);
    // Several studies and no `study.yaml`: the screen shows the first and says how to switch.
    let name = match name {
        None if !paths.data_dir.join(study_files::STUDY_FILE).is_file() && names.len() > 1 => Some(names[0].as_str()),
        other => other,
    };
    let (label, study) = match load_study(paths, name) {
        Ok(found) => found,
        Err(e) => {
            let label = name.map(String::from).or_else(|| Some(study_files::STUDY_FILE.to_string()));
            return StudyRead { names, label, shown: Err(e), warnings: Vec::new() };
        }
    };
    let lib = StudyLibrary::load(paths);
    let warnings = lib.warnings.clone();
    // The same options as `fieldnotes study`, so the screen and the command agree.
    let opts = study::Options { scheduled: lib.scheduled(), guides: usable_guides(paths), ..study::Options::default() };
    let computed = study::compute(&study, &lib.records, &opts);
    let shown = Box::new(Shown { study, computed, records: lib.records });
    StudyRead { names, label, shown: Ok(shown), warnings }
}

/// The guides the study's questions are read from: the guides folder, then
/// the built-in ones it does not override. One that does not read is left
/// out (`fieldnotes guide lint` says why).
pub fn usable_guides(paths: &Paths) -> Vec<crate::domain::guide::Guide> {
    crate::store::guides::list(&paths.guides_dir()).into_iter().filter_map(|e| e.guide.ok()).collect()
}

/// The study file named (or found) and what to call it; the whole library
/// as one study when there is none.
pub fn load_study(paths: &Paths, name: Option<&str>) -> Result<(Option<String>, Study), String> {
    match study_files::study_path(&paths.data_dir, name)? {
        None => Ok((None, Study::default())),
        Some(path) => {
            let study = study_files::load_study(&path).map_err(|e| e.to_string())?;
            // `studies/NAME.yaml` is called NAME; the root file by its file name.
            let label = if path.parent().is_some_and(|p| p.ends_with(study_files::STUDIES_DIR)) {
                path.file_stem().map(|s| s.to_string_lossy().into_owned())
            } else {
                Some(study_files::STUDY_FILE.to_string())
            };
            Ok((label, study))
        }
    }
}

/// The roster entry `wanted` names: by file id, or by name ignoring case and
/// accents, or by a part of the name when only one person matches.
pub fn pick_person<'a>(roster: &'a [RosterEntry], wanted: &str) -> Result<&'a RosterEntry, String> {
    use crate::text::out::inert;
    if let Some(e) = roster.iter().find(|e| e.id == wanted.trim()) {
        return Ok(e);
    }
    let exact: Vec<&RosterEntry> = roster.iter().filter(|e| same_words(&e.person.name, wanted)).collect();
    let slug = crate::domain::session::slug(wanted);
    let found: Vec<&RosterEntry> = if exact.is_empty() && !slug.is_empty() {
        roster.iter().filter(|e| crate::domain::session::slug(&e.person.name).contains(&slug)).collect()
    } else {
        exact
    };
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("no one called {:?} on the roster (`fieldnotes people`)", inert(wanted))),
        many => {
            let ids: Vec<String> = many.iter().map(|e| inert(&e.id).into_owned()).collect();
            Err(format!("{:?} names several people; give one of: {}", inert(wanted), ids.join(", ")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, name: &str) -> RosterEntry {
        RosterEntry { id: id.into(), person: Person { name: name.into(), ..Person::default() } }
    }

    #[test]
    fn a_person_is_picked_by_id_name_or_a_unique_part() {
        let r = vec![entry("ana-lopez-acme", "Ana López"), entry("ana-b", "Ana Berg"), entry("ben", "Ben Okafor")];
        assert_eq!(pick_person(&r, "ana-b").unwrap().id, "ana-b");
        assert_eq!(pick_person(&r, "ana lopez").unwrap().id, "ana-lopez-acme");
        assert_eq!(pick_person(&r, "okaf").unwrap().id, "ben");
        assert!(pick_person(&r, "ana").unwrap_err().contains("several"));
        assert!(pick_person(&r, "zed").is_err());
    }
}
