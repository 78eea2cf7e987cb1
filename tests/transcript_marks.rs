//! What a transcript adds outside the session view, through the real
//! binary: every report format marks each quote with the transcript's
//! verdict (the same one everywhere), and `search --transcripts` finds what
//! was said, with speaker and time.

mod common;

use common::{cli, finished_session, note, sessions_dir, stderr, stdout};
use fieldnotes::domain::note::Kind;
use fieldnotes::store::writer::write_session;
use serde_json::Value;
use std::path::Path;

const ID: &str = "20261130-0900-dana-lee";
const OTHER: &str = "20261128-1400-ola-berg";

/// Dana's call on the recording's clock, 35 s ahead of the interview clock.
const CALL: &str = "WEBVTT\n\n\
    00:00:40.000 --> 00:00:48.000\n<v Sam Rivera>Thanks for joining. How do you report on spend today?</v>\n\n\
    00:00:50.000 --> 00:00:58.000\n<v Dana Lee>Um, every Friday I export the whole thing to Excel.</v>\n\n\
    00:01:02.000 --> 00:01:10.000\n<v Dana Lee>It drives me crazy because the numbers never match the dashboard.</v>\n\n\
    00:02:10.000 --> 00:02:18.000\n<v Dana Lee>My manager and the CFO look at them every Monday morning.</v>\n";

/// Three quotes (said, nearly said, never said) and a pain, tagged so
/// every format shows them (at most three quotes a theme); and an interview with no transcript.
fn library(root: &Path) {
    let notes = vec![
        note(26, Kind::Quote, None, "every Friday I export the whole thing to Excel", &["excel"]),
        note(38, Kind::Pain, None, "numbers never match the dashboard", &["reporting"]),
        note(104, Kind::Quote, None, "my manager and the CFO look at the reports every Monday", &["reporting"]),
        note(140, Kind::Quote, None, "I would pay double for a tool that just works", &["reporting"]),
    ];
    let dir = sessions_dir(root);
    std::fs::create_dir_all(&dir).unwrap();
    let s = finished_session(ID, "Dana Lee", "2026-11-30T09:00:00+00:00", notes);
    write_session(&dir.join(format!("{ID}.yaml")), &s).unwrap();
    let other = vec![note(30, Kind::Quote, None, "Excel is where reports go to die", &["reporting"])];
    let s = finished_session(OTHER, "Ola Berg", "2026-11-28T14:00:00+00:00", other);
    write_session(&dir.join(format!("{OTHER}.yaml")), &s).unwrap();
    let export = root.join("call.vtt");
    std::fs::write(&export, CALL).unwrap();
    let o = cli(root, &["transcript", "import", ID, export.to_str().unwrap(), "--offset", "+35"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

fn run(root: &Path, args: &[&str]) -> String {
    let o = cli(root, args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

/// The text right after `quote` in `report`, to read the mark beside it.
fn after<'r>(report: &'r str, quote: &str) -> &'r str {
    let at = report.find(quote).unwrap_or_else(|| panic!("{quote:?} not in\n{report}"));
    let rest = &report[at..];
    &rest[..rest.len().min(400)]
}

#[test]
fn every_report_format_marks_each_quote_with_the_transcripts_verdict() {
    let root = tempfile::tempdir().unwrap();
    library(root.path());

    for format in ["md", "html"] {
        let report = run(root.path(), &["synth", "--format", format]);
        let said = after(&report, "every Friday I export the whole thing to Excel");
        assert!(said.contains("✓ verbatim in the transcript"), "{format}: {said}");
        let close = after(&report, "my manager and the CFO look at the reports every Monday");
        assert!(close.contains("≈ close to the transcript (not said: the reports)"), "{format}: {close}");
        let never = after(&report, "I would pay double");
        assert!(never.contains("✗ not found in the transcript"), "{format}: {never}");
        // No transcript, no mark.
        let other = after(&report, "Excel is where reports go to die");
        let other = &other[..other.find(OTHER).or(other.find("2026-11-28")).unwrap_or(other.len())];
        assert!(!other.contains("transcript"), "{format}: {other}");
    }
    let html = run(root.path(), &["synth", "--format", "html"]);
    assert!(html.contains("data-check=\"not-found\""), "{html}");

    let v: Value = serde_json::from_str(&run(root.path(), &["synth", "--format", "json"])).unwrap();
    let evidence: Vec<&Value> =
        v["themes"].as_array().unwrap().iter().flat_map(|t| t["evidence"].as_array().unwrap()).collect();
    let check = |text: &str| {
        evidence.iter().find(|e| e["text"] == text).map(|e| e["transcript_check"].clone()).unwrap_or_default()
    };
    assert_eq!(check("every Friday I export the whole thing to Excel"), "verbatim", "{v}");
    assert_eq!(check("I would pay double for a tool that just works"), "not-found", "{v}");
    assert_eq!(check("Excel is where reports go to die"), Value::Null, "{v}");
    assert_eq!(check("numbers never match the dashboard"), Value::Null, "a pain is not a quote");

    let csv = run(root.path(), &["synth", "--format", "csv"]);
    let header = csv.lines().next().unwrap();
    assert!(header.contains(",sitting,transcript_check,"), "{header}");
    let row =
        |text: &str| csv.lines().find(|l| l.contains(text)).unwrap_or_else(|| panic!("{text}: {csv}")).to_string();
    assert!(row("every Friday I export").contains(",1,verbatim,"), "{csv}");
    assert!(row("the reports every Monday").contains(",1,close,"), "{csv}");
    assert!(row("pay double").contains(",1,not-found,"), "{csv}");
    assert!(row("go to die").contains(",1,,"), "{csv}");

    // The terminal summary shows one quote per pain point, with its mark.
    let text = run(root.path(), &["synth"]);
    assert!(text.contains("just works” — Dana Lee, 2026-11-30 · ✗ not found in the transcript"), "{text}");
}

#[test]
fn search_with_transcripts_finds_what_was_said_with_speaker_and_time() {
    let root = tempfile::tempdir().unwrap();
    library(root.path());

    let plain = run(root.path(), &["search", "crazy"]);
    assert!(!plain.contains("drives me crazy"), "without the flag, notes only: {plain}");

    let text = run(root.path(), &["search", "crazy", "--transcripts"]);
    // Said at 01:02 on the recording: 00:27 on the interview clock.
    assert!(text.contains("00:00:27  said      Dana Lee: It drives me crazy"), "{text}");
    assert!(text.contains(&format!("{ID} transcript at 1:02")), "{text}");

    let v: Value =
        serde_json::from_str(&run(root.path(), &["search", "excel friday", "--transcripts", "--json"])).unwrap();
    let hits = v["hits"].as_array().unwrap();
    let said: Vec<&Value> = hits.iter().filter(|h| h["source"] == "transcript").collect();
    assert_eq!(said.len(), 1, "{v}");
    let line = said[0];
    assert_eq!(line["kind"], "transcript");
    assert_eq!(line["speaker"], "Dana Lee");
    assert_eq!(line["start"], 50.0);
    assert_eq!(line["at"], "00:00:15");
    assert_eq!(line["session"], ID);
    assert!(hits.iter().any(|h| h["source"] == "note"), "notes are still found: {v}");

    // Anonymised, the interviewer is named by role and the participant by number.
    let v: Value =
        serde_json::from_str(&run(root.path(), &["search", "spend", "--transcripts", "--json", "--anonymize"]))
            .unwrap();
    let out = v.to_string();
    assert!(!out.contains("Sam Rivera") && !out.contains("Dana"), "{out}");
    assert_eq!(v["hits"][0]["speaker"], "Interviewer", "{v}");
}
