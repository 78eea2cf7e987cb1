//! An interview continued on another day is a new sitting in the same file,
//! with its own clock: resuming a session from March must not stamp a note
//! `15243:27:39`. A dropped call picked up within the hour keeps its clock.
//! Files without sittings load and write back exactly as before.

use chrono::{DateTime, Duration, FixedOffset};
use fieldnotes::domain::op::Op;
use fieldnotes::domain::session::Session;
use fieldnotes::store::guides;
use fieldnotes::store::library::{Library, load_session};
use fieldnotes::store::writer::{Command, Writer};
use fieldnotes::store::yaml;
use fieldnotes::tui::action::Action;
use fieldnotes::tui::app::{App, Effect, GuideChoice};
use std::path::{Path, PathBuf};

/// Ended in March, in its writer's canonical style.
const MARCH: &str = r#"schema: 1
id: 20250312-1000-ana-x2ab
guide: discovery
title: Discovery — Ana
participant:
  name: Ana
  company: Acme
started_at: "2025-03-12T10:00:00+01:00"
ended_at: "2025-03-12T10:40:00+01:00"
notes:
- at: "00:03:12"
  text: Exports take a whole afternoon
  kind: pain
  question: "1.1"
- at: "00:05:00"
  text: We use spreadsheets
  kind: note
  question: "1.2"
  tags: [tooling, workaround]
asked_at:
  "1.1": "00:00:00"
  "1.2": "00:04:30"
"#;

/// The same interview continued in November: every sitting, the notes of the
/// second saying so, the questions it reached kept with it.
const CONTINUED: &str = r#"schema: 1
id: 20250312-1000-ana-x2ab
guide: discovery
title: Discovery — Ana
participant:
  name: Ana
  company: Acme
started_at: "2025-03-12T10:00:00+01:00"
ended_at: "2025-11-30T15:20:00+01:00"
sittings:
- started_at: "2025-03-12T10:00:00+01:00"
  ended_at: "2025-03-12T10:40:00+01:00"
- started_at: "2025-11-30T15:00:00+01:00"
  asked_at:
    "2.1": "00:01:00"
notes:
- at: "00:03:12"
  text: Exports take a whole afternoon
  kind: pain
  question: "1.1"
- at: "00:05:00"
  text: We use spreadsheets
  kind: note
  question: "1.2"
  tags: [tooling, workaround]
- at: "00:03:10"
  sitting: 2
  text: They moved to a BI tool in May
  kind: note
  question: "2.1"
asked_at:
  "1.1": "00:00:00"
  "1.2": "00:04:30"
"#;

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn read(dir: &Path, text: &str) -> (Session, PathBuf) {
    let path = dir.join("20250312-1000-ana-x2ab.yaml");
    std::fs::write(&path, text).unwrap();
    (load_session(&path).unwrap(), path)
}

/// The app on the live screen of `session`, opened at `now`.
fn live(session: Session, path: PathBuf, now: DateTime<FixedOffset>) -> App {
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    let choices = vec![GuideChoice { name: "discovery".into(), guide: Ok(guide.clone()) }];
    let mut app = App::new(Library::default(), choices, PathBuf::from("/unused"), "discovery", now);
    app.open_capture(session, guide, path);
    app
}

fn type_note(app: &mut App, text: &str, at: DateTime<FixedOffset>) -> Vec<Op> {
    let mut effects = Vec::new();
    for c in text.chars() {
        effects.extend(app.update_here(Action::InsertChar(c), at));
    }
    effects.extend(app.update_here(Action::CommitNote, at));
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Persist { op, .. } => Some(*op),
            _ => None,
        })
        .collect()
}

#[test]
fn resuming_months_later_starts_a_new_sitting_with_its_own_clock() {
    let dir = tempfile::tempdir().unwrap();
    let (session, path) = read(dir.path(), MARCH);
    let now = t("2025-11-30T15:00:00+01:00");
    let mut app = live(session, path, now);
    let c = app.capture().unwrap();
    assert_eq!(c.elapsed(now + Duration::seconds(5)), 5, "the clock starts with the new call");

    let ops = type_note(&mut app, "They moved to a BI tool in May", now + Duration::seconds(190));
    assert!(
        matches!(ops.first(), Some(Op::BeginSitting { .. })),
        "the new sitting reaches the writer before the change that started it: {ops:?}"
    );
    let s = &app.capture().unwrap().session;
    let note = s.notes.last().unwrap();
    assert_eq!(note.at.to_string(), "00:03:10");
    assert_eq!(note.sitting, Some(2));
    assert_eq!(s.sittings.len(), 2);
    assert_eq!(s.sittings[0].started_at, t("2025-03-12T10:00:00+01:00"));
    assert_eq!(s.sittings[0].ended_at, Some(t("2025-03-12T10:40:00+01:00")), "the March call ended at its end");
    assert_eq!(s.sittings[1].started_at, now);
    assert_eq!(s.note_time(note), "sitting 2 · 00:03:10");
    assert_eq!(s.note_time(&s.notes[0]), "sitting 1 · 00:03:12");

    let md = fieldnotes::analysis::snapshot::markdown(s, None);
    assert!(md.contains("`sitting 2 · 00:03:10` They moved to a BI tool in May"), "{md}");
    assert!(md.contains("- **Sittings:** 1. 2025-03-12 10:00 · 2. 2025-11-30 15:00"), "{md}");
}

#[test]
fn a_dropped_call_picked_up_within_the_hour_keeps_its_clock() {
    let dir = tempfile::tempdir().unwrap();
    let in_progress = MARCH.replace("ended_at: \"2025-03-12T10:40:00+01:00\"\n", "");
    let (session, path) = read(dir.path(), &in_progress);
    // The last note was at 10:05; the call drops and is picked up at 10:30.
    let now = t("2025-03-12T10:30:00+01:00");
    let mut app = live(session, path, now);
    assert_eq!(app.capture().unwrap().elapsed(now), 30 * 60);
    let ops = type_note(&mut app, "Back after the drop", now + Duration::seconds(10));
    assert!(!ops.iter().any(|op| matches!(op, Op::BeginSitting { .. })), "{ops:?}");
    let s = &app.capture().unwrap().session;
    assert_eq!(s.notes.last().unwrap().at.to_string(), "00:30:10");
    assert_eq!(s.notes.last().unwrap().sitting, None);
    assert!(s.sittings.is_empty());
    assert_eq!(s.note_time(s.notes.last().unwrap()), "00:30:10");
}

#[test]
fn opening_an_old_session_live_and_quitting_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (session, path) = read(dir.path(), MARCH);
    let now = t("2025-11-30T15:00:00+01:00");
    let mut app = live(session, path, now);
    let effects = app.update_here(Action::SaveAndQuit, now + Duration::seconds(30));
    assert_eq!(effects, vec![Effect::Quit], "no sitting is written until something changes");
}

#[test]
fn a_file_without_sittings_round_trips_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let (session, _) = read(dir.path(), MARCH);
    assert_eq!(session.sitting_count(), 1);
    assert_eq!(session.duration_mins(), Some(40));
    assert_eq!(yaml::to_string(&session).unwrap(), MARCH);
}

#[test]
fn a_file_with_sittings_round_trips_and_reads_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = read(dir.path(), CONTINUED);
    assert_eq!(yaml::to_string(&s).unwrap(), CONTINUED);
    assert_eq!(s.sitting_count(), 2);
    assert_eq!(s.notes[2].sitting, Some(2));
    assert!(s.was_asked("2.1") && s.was_asked("1.2"));
    assert_eq!(s.last_asked(), Some("2.1"), "the question reached last is in the latest sitting");
    // 40 minutes in March, 20 in November: not eight months.
    assert_eq!(s.duration_mins(), Some(60));
    let info = fieldnotes::store::library::SessionInfo::of(&s);
    assert_eq!(info.duration_mins(), Some(60));
}

#[test]
fn the_writer_journals_and_saves_a_new_sitting() {
    let dir = tempfile::tempdir().unwrap();
    let (session, path) = read(dir.path(), MARCH);
    let now = t("2025-11-30T15:00:00+01:00");
    let mut app = live(session.clone(), path.clone(), now);
    let ops = type_note(&mut app, "They moved to a BI tool in May", now + Duration::seconds(190));
    let w = Writer::spawn(|_| {});
    w.send(Command::Open { path: path.clone(), session: Box::new(session), fresh: false, lock: None });
    for (i, op) in ops.into_iter().enumerate() {
        w.send(Command::Change { rev: i as u64 + 1, op });
    }
    w.finish();
    let saved = load_session(&path).unwrap();
    assert_eq!(&saved, &app.capture().unwrap().session);
    assert_eq!(saved.sitting_count(), 2);
}

/// The continued interview with its second sitting's note tagged, so it
/// shows up as evidence as well as in search.
fn continued_and_tagged() -> String {
    CONTINUED.replace("  question: \"2.1\"\n", "  question: \"2.1\"\n  tags: [tooling]\n")
}

fn fieldnotes_output(root: &Path, args: &[&str]) -> std::process::Output {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fieldnotes"))
        .args(args)
        .env("FIELDNOTES_DATA_DIR", root.join("data"))
        .env("FIELDNOTES_CONFIG_DIR", root.join("cfg"))
        .env("FIELDNOTES_CACHE_DIR", root.join("cache"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn fieldnotes(root: &Path, args: &[&str]) -> String {
    String::from_utf8(fieldnotes_output(root, args).stdout).unwrap()
}

/// `search` and `synth` say which sitting a note was taken in, as the session
/// view does, whether the library is parsed or read back from the cache: a
/// bare `00:03:10` would put November's note three minutes into March's call.
#[test]
fn search_and_synth_name_the_sitting_of_every_note_also_from_the_cache() {
    let root = tempfile::tempdir().unwrap();
    let sessions = root.path().join("data/sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let path = sessions.join("20250312-1000-ana-x2ab.yaml");
    std::fs::write(&path, continued_and_tagged()).unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(old).unwrap();

    for round in ["parsed", "cached"] {
        let how = String::from_utf8(fieldnotes_output(root.path(), &["synth", "-v"]).stderr).unwrap();
        let from_cache = how.contains("1 from the cache");
        assert_eq!(from_cache, round == "cached", "{round}: {how}");
        let search = fieldnotes(root.path(), &["search", "BI tool"]);
        assert!(search.contains("sitting 2 · 00:03:10"), "{round}: {search}");
        let md = fieldnotes(root.path(), &["synth", "--format", "md"]);
        assert!(md.contains("sitting 2 · 00:03:10"), "{round}: {md}");
        assert!(md.contains("sitting 1 · 00:05:00"), "{round}: {md}");
        let csv = fieldnotes(root.path(), &["synth", "--format", "csv"]);
        assert!(
            csv.starts_with(
                "session,participant,segment,date,offset,kind,question,tags,text,sitting,transcript_check,company,role,question_text\r\n"
            ),
            "{csv}"
        );
        assert!(csv.contains(",00:03:10,note,2.1,tooling,They moved to a BI tool in May,2,,"), "{round}: {csv}");
        let json: serde_json::Value =
            serde_json::from_str(&fieldnotes(root.path(), &["synth", "--format", "json"])).unwrap();
        let evidence = json["themes"].as_array().unwrap().iter().flat_map(|t| t["evidence"].as_array().unwrap());
        let late = evidence.clone().find(|e| e["at"] == "00:03:10").expect("the November note as evidence");
        assert_eq!(late["sitting"], 2, "{round}: {late}");
        // A question first reached in the second sitting counts as reached.
        let questions = json["coverage"][0]["questions"].as_array().unwrap();
        let q21 = questions.iter().find(|q| q["id"] == "2.1").unwrap();
        assert_eq!(q21["reached"], 1, "{round}: {q21}");
        // Let the file's times settle so the next round reads the cache.
        std::thread::sleep(std::time::Duration::from_secs(fieldnotes::store::cache::RACY_SECS + 1));
        fieldnotes(root.path(), &["search", "BI tool"]);
    }
}

/// The live screen of an ended interview continued in a new sitting says so,
/// instead of "ended", from the moment it opens.
#[test]
fn the_live_header_names_the_new_sitting_not_ended() {
    use ratatui::{Terminal, backend::TestBackend};
    let dir = tempfile::tempdir().unwrap();
    let (session, path) = read(dir.path(), MARCH);
    let now = t("2025-11-30T15:00:00+01:00");
    let header = |app: &App| {
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        term.draw(|f| fieldnotes::tui::ui::render(f, app, &fieldnotes::tui::theme::Theme::monochrome())).unwrap();
        let buf = term.backend().buffer().clone();
        (0..80).map(|x| buf[(x, 0)].symbol().to_string()).collect::<String>()
    };
    let mut app = live(session, path, now);
    let before = header(&app);
    assert!(before.contains("sitting 2") && !before.contains("ended"), "{before}");
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| fieldnotes::tui::ui::render(f, &app, &fieldnotes::tui::theme::Theme::monochrome())).unwrap();
    let screen = format!("{}", term.backend());
    assert!(screen.contains("sitting 1 · 3:12"), "March's notes say their sitting from the start:\n{screen}");
    type_note(&mut app, "They moved to a BI tool in May", now + Duration::seconds(190));
    let after = header(&app);
    assert!(after.contains("sitting 2") && !after.contains("ended"), "{after}");
}

/// The Synthesis screen's evidence says the sitting too.
#[test]
fn synthesis_evidence_names_the_sitting() {
    use fieldnotes::analysis::synthesis::SessionRecord;
    use fieldnotes::tui::app::synthesis::SynthData;
    use ratatui::{Terminal, backend::TestBackend};
    let dir = tempfile::tempdir().unwrap();
    let (session, path) = read(dir.path(), &continued_and_tagged());
    let now = t("2025-12-01T09:00:00+01:00");
    let mut app = App::new(Library::default(), vec![], dir.path().to_path_buf(), "discovery", now);
    app.update_here(Action::OpenSynthesis, now);
    let guides = vec![guides::parse_builtin("discovery").unwrap().unwrap()];
    let effects = app.synthesis_loaded(SynthData {
        records: vec![SessionRecord::of(&session)],
        paths: vec![path],
        guides,
        load: 1,
        ..SynthData::default()
    });
    app.compute_here(effects);
    app.update_here(Action::OpenSession, now);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    term.draw(|f| fieldnotes::tui::ui::render(f, &app, &fieldnotes::tui::theme::Theme::monochrome())).unwrap();
    let buf = term.backend().buffer().clone();
    let screen: String =
        (0..40).map(|y| (0..120).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>() + "\n").collect();
    assert!(screen.contains("sitting 2 · 3:10"), "{screen}");
}
