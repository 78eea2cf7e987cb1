//! A recording's transcript beside an interview, through the real binary:
//! a Zoom export imported, the offset found from the notes alone, the
//! transcript read back in the contract's JSON, quotes checked (said, close,
//! never said), the listening coach, a broken export refused with its line,
//! and removal.

mod common;

use common::{cli, finished_session, note, sessions_dir, stderr, stdout};
use fieldnotes::domain::note::Kind;
use fieldnotes::store::writer::write_session;
use serde_json::Value;
use std::path::Path;

const ID: &str = "20261130-0900-dana-lee";

/// What Dana and Sam said, on the recording's clock: the recording started
/// 35 s before the interview clock, so a note typed at interview time `t`
/// about words said just before is near `t + 35` here.
fn zoom_export() -> String {
    let turns = [
        (40, "Sam Rivera", "Thanks for joining. How do you report on spend today?"),
        (50, "Dana Lee", "Um, every Friday I export the whole thing to Excel."),
        (62, "Dana Lee", "It drives me crazy because the numbers never match the dashboard."),
        (75, "Sam Rivera", "What happens when they don't match?"),
        (85, "Dana Lee", "I email finance and we argue about which one is right."),
        (120, "Sam Rivera", "Who else sees those reports?"),
        (130, "Dana Lee", "My manager and the CFO look at them every Monday morning."),
        (170, "Dana Lee", "Honestly the approval flow is the worst part of my week."),
        (200, "Sam Rivera", "Do you use the dashboard every day?"),
    ];
    let mut vtt = String::from("WEBVTT\n");
    for (i, (at, who, text)) in turns.iter().enumerate() {
        vtt.push_str(&format!(
            "\n{}\n00:{:02}:{:02}.000 --> 00:{:02}:{:02}.500\n{who}: {text}\n",
            i + 1,
            at / 60,
            at % 60,
            (at + 8) / 60,
            (at + 8) % 60
        ));
    }
    vtt
}

/// Notes typed live a few seconds after the words (interview clock), and
/// two that match nothing said.
fn interview(root: &Path) {
    let notes = vec![
        note(26, Kind::Quote, None, "every Friday I export the whole thing to Excel", &["reporting"]),
        note(38, Kind::Pain, None, "numbers never match the dashboard", &[]),
        note(60, Kind::Note, None, "emails finance, argues about which is right", &[]),
        note(104, Kind::Quote, None, "my manager and the CFO look at the reports every Monday", &["reporting"]),
        note(140, Kind::Quote, None, "I would pay double for a tool that just works", &["reporting"]),
        note(150, Kind::Idea, None, "ask about approvals next time", &[]),
    ];
    let s = finished_session(ID, "Dana Lee", "2026-11-30T09:00:00+00:00", notes);
    std::fs::create_dir_all(sessions_dir(root)).unwrap();
    write_session(&sessions_dir(root).join(format!("{ID}.yaml")), &s).unwrap();
}

fn json(root: &Path, args: &[&str]) -> Value {
    let o = cli(root, args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{args:?}: {e}\n{}", stdout(&o)))
}

#[test]
fn a_zoom_export_is_aligned_from_the_notes_and_its_quotes_are_checked() {
    let root = tempfile::tempdir().unwrap();
    interview(root.path());
    let export = root.path().join("zoom.vtt");
    std::fs::write(&export, zoom_export()).unwrap();

    let o = cli(root.path(), &["transcript", "import", ID, export.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = stdout(&o);
    assert!(said.contains("9 cues (WebVTT"), "{said}");
    assert!(said.contains("Sam Rivera (interviewer), Dana Lee"), "{said}");
    assert!(said.contains("Offset +00:00:3"), "{said}");

    // The session file records it; the normal form sits beside it.
    let yaml = std::fs::read_to_string(sessions_dir(root.path()).join(format!("{ID}.yaml"))).unwrap();
    assert!(yaml.contains(&format!("file: {ID}.vtt")), "{yaml}");
    assert!(yaml.contains("interviewer: Sam Rivera") && yaml.contains("source: zoom.vtt"), "{yaml}");
    let kept = std::fs::read_to_string(sessions_dir(root.path()).join(format!("{ID}.vtt"))).unwrap();
    assert!(kept.contains("<v Dana Lee>"), "{kept}");

    let shown = json(root.path(), &["transcript", "show", ID, "--format", "json"]);
    let offset = shown["offset_seconds"].as_i64().unwrap();
    assert!((offset - 35).abs() <= 2, "{shown}");
    assert_eq!(shown["speakers"], serde_json::json!(["Sam Rivera", "Dana Lee"]));
    assert_eq!(shown["interviewer"], "Sam Rivera");
    assert_eq!(shown["cues"][1]["start"], 50.0);
    assert_eq!(shown["cues"][1]["speaker"], "Dana Lee");

    let aligned = json(root.path(), &["transcript", "align", ID, "--format", "json"]);
    assert_eq!(aligned["offset_seconds"], shown["offset_seconds"]);
    assert!(aligned["matched_notes"].as_u64().unwrap() >= 3, "{aligned}");

    let checked = json(root.path(), &["quotes", "check", ID, "--format", "json"]);
    let status: Vec<(u64, &str)> = checked
        .as_array()
        .unwrap()
        .iter()
        .map(|q| (q["note"].as_u64().unwrap(), q["status"].as_str().unwrap()))
        .collect();
    assert_eq!(status, vec![(0, "verbatim"), (3, "close"), (4, "not-found")], "{checked}");
    assert_eq!(checked[0]["cue"], 1);
    assert_eq!(checked[2]["cue"], Value::Null);

    // Reports with --verified-quotes keep the quotes the transcript bears out
    // (verbatim, close) and leave out the one never said, saying so.
    let o = cli(root.path(), &["synth", "--format", "md"]);
    assert!(stdout(&o).contains("I would pay double"), "{}", stdout(&o));
    for format in ["md", "html"] {
        let o = cli(root.path(), &["synth", "--format", format, "--verified-quotes"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let report = stdout(&o);
        assert!(!report.contains("I would pay double"), "{format}: {report}");
        assert!(report.contains("every Friday I export the whole thing to Excel"), "{format}: {report}");
        assert!(report.contains("my manager and the CFO look at the reports every Monday"), "{format}: {report}");
        assert!(
            report.contains("1 quote left out (1 not found in it, 0 from interviews without one)"),
            "{format}: {report}"
        );
    }

    // The listening coach: Sam spoke 4 of 9 equal turns, asked 4 questions, one of them closed.
    let stats = json(root.path(), &["transcript", "stats", ID, "--format", "json"]);
    assert_eq!(stats["interviewer"], "Sam Rivera");
    assert_eq!(stats["talk_share"], 0.44);
    assert_eq!(stats["questions"], 4);
    assert_eq!(stats["flagged"].as_array().unwrap().len(), 1, "{stats}");
    assert_eq!(stats["flagged"][0]["question"], "Do you use the dashboard every day?");
    assert_eq!(stats["flagged"][0]["at"], 200.0);

    let o = cli(root.path(), &["transcript", "remove", ID]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!sessions_dir(root.path()).join(format!("{ID}.vtt")).exists());
    let o = cli(root.path(), &["quotes", "check", ID]);
    assert!(!o.status.success() && stderr(&o).contains("has no transcript"), "{}", stderr(&o));
}

#[test]
fn a_given_offset_wins_and_a_broken_export_changes_nothing() {
    let root = tempfile::tempdir().unwrap();
    interview(root.path());
    let session = sessions_dir(root.path()).join(format!("{ID}.yaml"));
    let before = std::fs::read(&session).unwrap();
    let broken = root.path().join("broken.srt");
    std::fs::write(&broken, "1\n00:00:01,000 --> 00:00:02,000\nhello\n\n2\nno timing here\n").unwrap();
    let o = cli(root.path(), &["transcript", "import", ID, broken.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("broken.srt:5:"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&session).unwrap(), before, "a refused import leaves the session as it was");

    let export = root.path().join("zoom.vtt");
    std::fs::write(&export, zoom_export()).unwrap();
    let o = cli(root.path(), &["transcript", "import", ID, export.to_str().unwrap(), "--offset", "-0:12"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Offset -00:00:12 (as given)"), "{}", stdout(&o));
    let shown = json(root.path(), &["transcript", "show", ID, "--format", "json"]);
    assert_eq!(shown["offset_seconds"], -12);
}

#[test]
fn align_saves_no_offset_that_no_note_supports() {
    let root = tempfile::tempdir().unwrap();
    let s = finished_session(
        ID,
        "Dana Lee",
        "2026-11-30T09:00:00+00:00",
        vec![note(30, Kind::Note, None, "nothing said here matches", &[])],
    );
    std::fs::create_dir_all(sessions_dir(root.path())).unwrap();
    write_session(&sessions_dir(root.path()).join(format!("{ID}.yaml")), &s).unwrap();
    let export = root.path().join("zoom.vtt");
    std::fs::write(&export, zoom_export()).unwrap();
    let o = cli(root.path(), &["transcript", "import", ID, export.to_str().unwrap(), "--offset", "+5"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cli(root.path(), &["transcript", "align", ID, "--save"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no note matched"), "{}", stderr(&o));
    assert_eq!(json(root.path(), &["transcript", "show", ID, "--format", "json"])["offset_seconds"], 5);
}

#[test]
fn quotes_across_the_library_pass_over_an_unreadable_file_and_say_so() {
    let root = tempfile::tempdir().unwrap();
    interview(root.path());
    let export = root.path().join("zoom.vtt");
    std::fs::write(&export, zoom_export()).unwrap();
    assert!(cli(root.path(), &["transcript", "import", ID, export.to_str().unwrap()]).status.success());
    std::fs::write(sessions_dir(root.path()).join("20261130-1000-broken.yaml"), "schema: 1\nid: [unclosed\n").unwrap();
    let o = cli(root.path(), &["quotes", "check", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("20261130-1000-broken.yaml"), "{}", stderr(&o));
    let rows: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3, "{rows}");
    assert_eq!(rows[0]["session"], ID);
}
