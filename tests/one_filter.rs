//! One filter language: the same line typed in the library (`/`), in the
//! synthesis screen (`f`) and given to the command line (`--filter`) keeps
//! the same interviews.

mod common;

use chrono::{Duration, Local, Utc};
use common::{cli as fieldnotes, stderr, stdout};
use fieldnotes::store::library::Library;
use fieldnotes::tui::action::Action;
use fieldnotes::tui::app::synthesis::SynthData;
use fieldnotes::tui::app::{App, Screen};
use std::collections::BTreeSet;
use std::path::Path;

/// id, name, company, segment, role, days ago, note, tag.
type Person = (&'static str, &'static str, &'static str, &'static str, &'static str, i64, &'static str, &'static str);

const PEOPLE: [Person; 5] = [
    ("s-ana", "Ana Lopez", "Acme Corp", "smb", "Founder", 5, "Pricing page confused her", "pricing"),
    ("s-bo", "Bo Chen", "Globex", "enterprise", "Head of Ops", 12, "Security review takes months", "trust"),
    ("s-cy", "Cy Park", "Acme Logistics", "smb", "Ops lead", 45, "Exports to Excel every week", "export"),
    ("s-di", "Di Sato", "Initech", "mid-market", "CFO", 100, "The pricing tiers are unclear", "pricing"),
    ("s-ed", "Ed Moss", "Hooli", "SMB", "Analyst", 20, "Onboarding took weeks", "onboarding"),
];

fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sessions = common::sessions_dir(dir.path());
    std::fs::create_dir_all(&sessions).unwrap();
    for (id, name, company, segment, role, ago, note, tag) in PEOPLE {
        // Dates count back from now, as the relative dates do, at noon so
        // no time zone moves them across a day.
        let day = (Utc::now() - Duration::days(ago)).format("%Y-%m-%d");
        let yaml = format!(
            "schema: 1\nid: {id}\nguide: discovery\ntitle: Discovery interview\n\
             participant: {{name: {name}, company: {company}, segment: {segment}, role: {role}}}\n\
             started_at: {day}T12:00:00+00:00\nended_at: {day}T12:40:00+00:00\n\
             notes:\n  - {{at: \"00:01:00\", text: {note}, kind: note, tags: [{tag}]}}\n"
        );
        std::fs::write(sessions.join(format!("{id}.yaml")), yaml).unwrap();
    }
    dir
}

fn type_line(app: &mut App, line: &str) {
    for c in line.chars() {
        app.update_here(Action::InsertChar(c), app.now);
    }
    app.update_here(Action::ApplyTag, app.now);
}

/// The ids the library shows for `line` typed in `/`.
fn in_library(root: &Path, line: &str) -> BTreeSet<String> {
    let lib = Library::load(&common::sessions_dir(root));
    let mut app = App::new(lib, vec![], common::sessions_dir(root), "discovery", Local::now().fixed_offset());
    app.update_here(Action::FilterLibrary, app.now);
    type_line(&mut app, line);
    assert!(app.home.view.error.is_none(), "{line}: {:?}", app.home.view.error);
    // Free words are looked for in the notes off the UI thread: answered here as the note search does.
    if let Some(query) = app.home.view.take_note_query() {
        let texts = fieldnotes::store::note_texts::NoteTexts::read(&common::sessions_dir(root), None);
        let in_notes = texts.find(&query.words);
        app.home.view.notes_found(fieldnotes::store::note_texts::NotesFound { query, in_notes });
    }
    app.home.view.visible(&app.library).iter().map(|i| app.library.sessions[*i].id.clone()).collect()
}

/// The ids the synthesis screen selects for `line` typed in `f`.
fn in_synthesis(root: &Path, line: &str) -> BTreeSet<String> {
    let mut app =
        App::new(Library::default(), vec![], common::sessions_dir(root), "discovery", Local::now().fixed_offset());
    app.update_here(Action::OpenSynthesis, app.now);
    let loaded = fieldnotes::store::cache::load(&common::sessions_dir(root), None);
    let Screen::Synthesis(s) = &app.screen else { panic!("no synthesis screen") };
    let load = s.load;
    let effects =
        app.synthesis_loaded(SynthData { records: loaded.records, paths: loaded.paths, load, ..SynthData::default() });
    app.compute_here(effects);
    app.update_here(Action::EditFilter, app.now);
    type_line(&mut app, line);
    let Screen::Synthesis(s) = &app.screen else { panic!("no synthesis screen") };
    assert!(s.filter_error.is_none(), "{line}: {:?}", s.filter_error);
    let records = &s.data.as_ref().unwrap().records;
    s.result.as_ref().unwrap().selected.iter().map(|&i| records[i].id.clone()).collect()
}

/// The ids `fieldnotes list --json --filter LINE` prints, and checks that
/// `synth --format json` counts as many.
fn on_the_command_line(root: &Path, line: &str) -> BTreeSet<String> {
    let out = fieldnotes(root, &["list", "--json", "--filter", line]);
    assert!(out.status.success(), "{line}: {}", stderr(&out));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let ids: BTreeSet<String> = rows.iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
    let out = fieldnotes(root, &["synth", "--format", "json", "--filter", line]);
    assert!(out.status.success(), "{line}: {}", stderr(&out));
    let synth: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(synth["sessions"].as_u64(), Some(ids.len() as u64), "{line}: synth and list differ");
    ids
}

#[test]
fn the_same_filter_selects_the_same_interviews_everywhere() {
    let dir = library();
    let root = dir.path();
    let cases: [(&str, &[&str]); 8] = [
        ("segment:smb", &["s-ana", "s-cy", "s-ed"]),
        ("company:acme", &["s-ana", "s-cy"]),
        ("since:30d", &["s-ana", "s-bo", "s-ed"]),
        ("acme", &["s-ana", "s-cy"]),
        ("pricing", &["s-ana", "s-di"]),
        ("segment:smb since:30d pricing", &["s-ana"]),
        (r#"role:"head of" until:1w"#, &["s-bo"]),
        ("tag:pricing since:6w", &["s-ana"]),
    ];
    for (line, want) in cases {
        let want: BTreeSet<String> = want.iter().map(|s| s.to_string()).collect();
        assert_eq!(in_library(root, line), want, "library: {line}");
        assert_eq!(in_synthesis(root, line), want, "synthesis: {line}");
        assert_eq!(on_the_command_line(root, line), want, "command line: {line}");
    }
}

#[test]
fn the_flags_are_shorthands_with_the_same_matching() {
    let dir = library();
    let root = dir.path();
    let ids = |args: &[&str]| {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        let out = fieldnotes(root, &all);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
        rows.iter().map(|r| r["id"].as_str().unwrap().to_string()).collect::<BTreeSet<_>>()
    };
    assert_eq!(ids(&["--company", "acme"]), on_the_command_line(root, "company:acme"));
    assert_eq!(ids(&["--since", "30d", "--segment", "smb"]), on_the_command_line(root, "since:30d segment:smb"));
    let out = fieldnotes(root, &["list", "--filter", "segmnt:smb"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("unknown filter key 'segmnt': did you mean segment?"), "{}", stderr(&out));
}
