//! `fieldnotes study`, `people` and `personas`: read the study file, the
//! roster (`people/`) and the library (through the cache), compute with
//! `analysis::study`, and print. Viewing never writes a file; `study init`
//! and `people import` only add new files.

use crate::analysis::study::format::{self, Named};
use crate::analysis::study::trends::Period;
use crate::analysis::study::{self, candidates};
use crate::cli::study_args::{
    PeopleArgs, PeopleCommand, PeopleFormat, PeriodArg, PersonasArgs, PersonasFormat, StudyArgs, StudyCommand,
    StudyFormat,
};
use crate::domain::person::{Person, PersonStatus};
use crate::domain::session::Participant;
use crate::store::paths::Paths;
use crate::store::study_files::{self, RosterEntry};
use crate::store::study_library::{StudyLibrary, load_study, pick_person};
use crate::text::counts::plural;
use crate::text::out::inert;
use serde_json::json;
use std::path::Path;

/// The library as the study reads it, with what was skipped said once.
fn load_library(paths: &Paths) -> StudyLibrary {
    let lib = StudyLibrary::load(paths);
    for w in &lib.warnings {
        crate::warn!("warning: {}", inert(w));
    }
    lib
}

pub fn study(paths: &Paths, args: StudyArgs) -> Result<(), String> {
    if let Some(StudyCommand::Init) = args.action {
        let path = study_files::init_study(&paths.data_dir)?;
        crate::say!("Wrote {}: edit it, then run `fieldnotes study`.", path.display());
        return Ok(());
    }
    if args.anonymize && args.format != StudyFormat::Html {
        return Err("--anonymize is for --format html (the other study formats show names as they are)".into());
    }
    let (name, study) = load_study(paths, args.name.as_deref())?;
    let lib = load_library(paths);
    let opts = study::Options {
        scheduled: lib.scheduled(),
        period: args.period.map(|p| match p {
            PeriodArg::Week => Period::Week,
            PeriodArg::Month => Period::Month,
        }),
        guides: crate::store::study_library::usable_guides(paths),
        ..study::Options::default()
    };
    let computed = study::compute(&study, &lib.records, &opts);
    let named = Named { name: name.as_deref(), study: &study, computed: &computed, records: &lib.records };
    match args.format {
        StudyFormat::Text => crate::text::out::text(&format::text(&named)),
        StudyFormat::Md => crate::text::out::data(&format::markdown(&named)),
        StudyFormat::Json => crate::text::out::data(&pretty(&format::json(&named))?),
        StudyFormat::Html => {
            let view = crate::analysis::report::View::new(&lib.records, args.anonymize);
            crate::text::out::data(&crate::analysis::report::html::study_page(&named, &view));
        }
    }
    Ok(())
}

fn pretty(v: &serde_json::Value) -> Result<String, String> {
    Ok(serde_json::to_string_pretty(v).map_err(|e| e.to_string())? + "\n")
}

pub fn personas(paths: &Paths, args: PersonasArgs) -> Result<(), String> {
    let (_, study) = load_study(paths, args.study.as_deref())?;
    let lib = load_library(paths);
    let by: crate::analysis::synthesis::Dimension = args.by.into();
    let selected = study::filter_of(&study.filter).select(&lib.records);
    let drafts = study::personas::drafts(&lib.records, &selected, by);
    match args.format {
        PersonasFormat::Md => {
            crate::text::out::data(&format::personas_markdown(&drafts, &lib.records, by.name()));
        }
        PersonasFormat::Json => {
            let v: Vec<serde_json::Value> = drafts
                .iter()
                .map(|p| {
                    json!({"name": p.name, "interviews": p.interviews, "roles": p.roles, "companies": p.companies,
                           "themes": p.themes, "pains": p.pains,
                           "quotes": p.quotes.iter().map(|r| { let s = &lib.records[r.session]; json!({"session": s.id, "text": s.text(&s.notes()[r.note])}) }).collect::<Vec<_>>(),
                           "closing": p.closing.iter().map(|&i| json!({"session": lib.records[i].id, "answer": lib.records[i].closing_answer})).collect::<Vec<_>>()})
                })
                .collect();
            crate::text::out::data(&pretty(&serde_json::Value::from(v))?);
        }
    }
    Ok(())
}

pub fn people(paths: &Paths, args: PeopleArgs) -> Result<(), String> {
    match &args.action {
        Some(PeopleCommand::Import { file }) => return import(paths, file),
        Some(PeopleCommand::Status { person, status, when }) => {
            return set_status(paths, person, status, when.as_deref());
        }
        None => {}
    }
    let wanted = match args.status.as_deref() {
        None => None,
        Some(s) => Some(PersonStatus::parse(s).ok_or_else(|| {
            let all: Vec<&str> = PersonStatus::ALL.iter().map(|s| s.name()).collect();
            format!("{:?} is not a status: {}", inert(s), all.join(", "))
        })?),
    };
    let lib = load_library(paths);
    let rows: Vec<(&RosterEntry, &Vec<String>, PersonStatus)> = lib
        .roster
        .iter()
        .zip(&lib.linked)
        .map(|(e, l)| (e, l, e.person.effective_status(l.len())))
        .filter(|(_, _, st)| wanted.is_none_or(|w| w == *st))
        .collect();
    match args.format {
        PeopleFormat::Json => {
            let v: Vec<serde_json::Value> = rows
                .iter()
                .map(|(e, l, st)| {
                    let mut m = serde_json::to_value(&e.person).unwrap_or_default();
                    m["id"] = json!(e.id);
                    m["status"] = json!(st.name());
                    m["sessions"] = json!(l);
                    m
                })
                .collect();
            crate::text::out::data(&pretty(&serde_json::Value::from(v))?);
        }
        PeopleFormat::Text => {
            if lib.roster.is_empty() {
                crate::say!(
                    "No one on the roster yet: `fieldnotes people import candidates.csv`, or add people/NAME.yaml."
                );
                return Ok(());
            }
            let mut out = String::new();
            for (e, l, st) in &rows {
                out.push_str(&person_line(&e.person, l, *st));
                out.push('\n');
            }
            out.push_str(&match wanted {
                None => format!("{}\n", people_count(lib.roster.len())),
                Some(_) => format!("{} of {}\n", rows.len(), people_count(lib.roster.len())),
            });
            crate::text::out::text(&out);
        }
    }
    Ok(())
}

/// "1 person", "2 people".
fn people_count(n: usize) -> String {
    if n == 1 { "1 person".into() } else { format!("{} people", crate::text::counts::thousands(n)) }
}

fn person_line(p: &Person, sessions: &[String], st: PersonStatus) -> String {
    let mut line = format!("{:<12} {}", st.name(), inert(&p.name));
    let detail: Vec<String> =
        [&p.company, &p.role, &p.segment].iter().filter_map(|v| v.as_deref()).map(|v| inert(v).into_owned()).collect();
    if !detail.is_empty() {
        line.push_str(&format!(" ({})", detail.join(", ")));
    }
    if st == PersonStatus::Scheduled
        && let Some(when) = &p.scheduled
    {
        line.push_str(&format!(" — {}", inert(when)));
    }
    if !sessions.is_empty() {
        let ids: Vec<String> = sessions.iter().map(|s| inert(s).into_owned()).collect();
        line.push_str(&format!(" — {}", ids.join(", ")));
    }
    line
}

/// `people status NAME STATUS [WHEN]`: one person's status, in their file.
fn set_status(paths: &Paths, wanted: &str, status: &str, when: Option<&str>) -> Result<(), String> {
    let status = PersonStatus::parse(status).ok_or_else(|| {
        let all: Vec<&str> = PersonStatus::ALL.iter().map(|s| s.name()).collect();
        format!("{:?} is not a status: {}", inert(status), all.join(", "))
    })?;
    let when = when.map(str::trim).filter(|w| !w.is_empty());
    if status == PersonStatus::Scheduled && when.is_none() {
        return Err("say when: `fieldnotes people status NAME scheduled \"2026-12-02 15:00\"`".into());
    }
    let (roster, _) = study_files::load_people(&paths.data_dir);
    let entry = pick_person(&roster, wanted)?;
    let path = paths.data_dir.join(study_files::PEOPLE_DIR).join(format!("{}.yaml", entry.id));
    crate::store::person_status::set_status(&path, status, when)?;
    let at = when.map(|w| format!(" ({})", inert(w))).unwrap_or_default();
    crate::say!("{}: {}{at}.", inert(&entry.person.name), status.name());
    Ok(())
}

fn import(paths: &Paths, file: &Path) -> Result<(), String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{}: not UTF-8 text (export the CSV as UTF-8)", file.display()))?;
    let (roster, errors) = study_files::load_people(&paths.data_dir);
    if !errors.is_empty() {
        let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        return Err(format!(
            "the roster has unreadable files; fix them first, so no one is added twice:\n{}",
            list.join("\n")
        ));
    }
    let existing: Vec<&Person> = roster.iter().map(|e| &e.person).collect();
    let result = candidates::import(&text, &existing);
    for e in &result.errors {
        crate::warn!("{}: {}", file.display(), inert(e));
    }
    for p in &result.added {
        study_files::add_person(&paths.data_dir, p)?;
    }
    crate::say!(
        "Added {} to {} as to-recruit; {} already on the roster skipped{}.",
        people_count(result.added.len()),
        paths.data_dir.join(study_files::PEOPLE_DIR).display(),
        result.duplicates,
        if result.errors.is_empty() {
            String::new()
        } else {
            format!("; {} with problems (above)", plural(result.errors.len(), "row"))
        }
    );
    if result.added.is_empty() && !result.errors.is_empty() {
        return Err("nothing imported".into());
    }
    Ok(())
}

/// For `fieldnotes new --person NAME`: the roster entry named (by file id,
/// or by name, ignoring case and accents; fuzzy by a part of the name when
/// only one matches) as a participant, with the id to link the session to.
pub fn person_for_new(paths: &Paths, wanted: &str) -> Result<(String, Participant), String> {
    let (roster, _) = study_files::load_people(&paths.data_dir);
    let entry = pick_person(&roster, wanted)?;
    let p = &entry.person;
    let participant = Participant {
        name: p.name.trim().to_string(),
        company: p.company.clone(),
        role: p.role.clone(),
        segment: p.segment.clone(),
        extra: Default::default(),
    };
    Ok((entry.id.clone(), participant))
}

/// Links the interview `fieldnotes new --person` just started to the roster
/// entry `id`, as the new-interview form does when a person is picked.
pub fn link_new_session(app: &mut crate::tui::app::App, begin: &mut crate::tui::app::Effect, id: &str) {
    crate::tui::app::roster_pick::link_new_session(app, begin, id);
}
