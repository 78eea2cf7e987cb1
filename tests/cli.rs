//! The commands that print and exit, run as a user runs them.

use std::path::Path;
use std::process::{Command, Output};

fn fieldnotes(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fieldnotes"))
        .args(args)
        .env("FIELDNOTES_DATA_DIR", data.join("data"))
        .env("FIELDNOTES_CONFIG_DIR", data.join("cfg"))
        .env_remove("NO_COLOR")
        .output()
        .expect("run fieldnotes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const SESSION: &str = r#"schema: 1
id: 20261122-1430-ana-lopez
guide: discovery
title: Discovery interview — Ana López
participant: {name: Ana López, company: Acme, segment: mid-market}
started_at: 2026-11-22T14:30:05+01:00
ended_at: 2026-11-22T15:12:40+01:00
notes:
  - {at: "00:03:12", text: We export to Excel every Friday, kind: quote, question: "1.1", tags: [workaround, reporting]}
  - {at: "00:05:00", text: Reports take hours, kind: pain, question: "1.2", tags: [reporting]}
  - {at: "00:07:00", text: send the pricing deck, kind: followup, question: "9.9"}
closing: {question: What else is on your mind?, answer: The AWS bill eats my Mondays.}
"#;

fn library_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("data/sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    for (name, text) in files {
        std::fs::write(sessions.join(name), text).unwrap();
    }
    dir
}

#[test]
fn list_and_show_a_session() {
    let dir = library_with(&[("20261122-1430-ana-lopez.yaml", SESSION)]);
    let out = fieldnotes(dir.path(), &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Ana López") && text.contains("3 notes") && text.contains("#reporting"), "{text}");

    let out = fieldnotes(dir.path(), &["list", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["id"], "20261122-1430-ana-lopez");
    assert_eq!(rows[0]["notes"], 3);
    assert_eq!(rows[0]["participant"], "Ana López");
    assert_eq!(rows[0]["started_at"], "2026-11-22T14:30:05+01:00");
    assert!(rows[0]["path"].as_str().unwrap().ends_with("20261122-1430-ana-lopez.yaml"));

    // A unique prefix is enough.
    let md = stdout(&fieldnotes(dir.path(), &["show", "20261122"]));
    for expected in [
        "# Discovery interview — Ana López",
        "**Participant:** Ana López (Acme, mid-market)",
        "**Duration:** 43 min",
        "> The AWS bill eats my Mondays.",
        "## Warm-up",
        "💬 “We export to Excel every Friday” `#workaround` `#reporting`",
        "**Pain:** Reports take hours",
        "## Other notes",
        "- [ ] send the pricing deck",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in:\n{md}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&fieldnotes(dir.path(), &["show", "20261122", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["notes"][1]["kind"], "pain");
    let yaml = stdout(&fieldnotes(dir.path(), &["show", "20261122", "--format", "yaml"]));
    assert!(yaml.contains("tags: [workaround, reporting]"), "{yaml}");
}

#[test]
fn unknown_ids_and_broken_files_are_clear_errors() {
    let dir = library_with(&[
        ("20261122-1430-ana-lopez.yaml", SESSION),
        ("broken.yaml", "schema: 1\nid: broken\nnotes: [\n"),
    ]);
    let out = fieldnotes(dir.path(), &["show", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no session with id \"nope\""), "{}", stderr(&out));
    let out = fieldnotes(dir.path(), &["list"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("Ana López"), "the good session still lists");
    let err = stderr(&out);
    assert!(err.contains("broken.yaml:") && err.contains("could not be read"), "{err}");
    let before = std::fs::read(dir.path().join("data/sessions/broken.yaml")).unwrap();
    let _ = fieldnotes(dir.path(), &["show", "broken"]);
    assert_eq!(std::fs::read(dir.path().join("data/sessions/broken.yaml")).unwrap(), before, "never rewritten");
}

#[test]
fn escape_sequences_in_files_never_reach_the_terminal() {
    let evil = SESSION
        .replace("We export to Excel every Friday", "evil \\e]52;c;aGk=\\a \\e[2J \\u202Egnp.exe")
        .replace("{at: \"00:03:12\", text: evil", "{at: \"00:03:12\", text: \"evil")
        .replace("gnp.exe, kind", "gnp.exe\", kind");
    assert!(evil.contains("\"evil \\e]52"), "{evil}");
    let dir = library_with(&[("20261122-1430-ana-lopez.yaml", &evil)]);
    // Text for people is always inert.
    for args in [&["list"][..], &["show", "20261122"]] {
        let out = fieldnotes(dir.path(), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let bytes = [out.stdout.clone(), out.stderr.clone()].concat();
        assert!(!bytes.contains(&0x1b), "{args:?} printed a raw ESC: {}", stdout(&out));
        assert!(!String::from_utf8_lossy(&bytes).contains('\u{202e}'), "{args:?} printed a bidi override");
    }
    // Data piped elsewhere stays exact, and still carries no raw ESC.
    let yaml = fieldnotes(dir.path(), &["show", "20261122", "--format", "yaml"]);
    assert!(!yaml.stdout.contains(&0x1b), "YAML escapes ESC as \\e: {}", stdout(&yaml));
    let back: serde_json::Value = serde_saphyr::from_slice(&yaml.stdout).unwrap();
    assert!(back["notes"][0]["text"].as_str().unwrap().starts_with("evil \u{1b}]52"));
    assert!(stdout(&fieldnotes(dir.path(), &["show", "20261122"])).contains("evil ␛]52;c;aGk=␇ ␛[2J"));
}

#[test]
fn guides_recover_help_and_version() {
    let dir = library_with(&[]);
    let guides = stdout(&fieldnotes(dir.path(), &["guides"]));
    for g in ["discovery", "usability", "churn", "problem-validation"] {
        assert!(guides.contains(g), "{guides}");
    }
    assert_eq!(stdout(&fieldnotes(dir.path(), &["recover"])).trim(), "Nothing to recover.");
    for cmd in ["new", "resume", "list", "show", "guides", "recover"] {
        let out = fieldnotes(dir.path(), &[cmd, "--help"]);
        assert!(out.status.success() && stdout(&out).contains("Usage"), "{cmd} --help");
    }
    assert!(stdout(&fieldnotes(dir.path(), &["--version"])).starts_with("fieldnotes "));
}

#[test]
fn a_broken_guide_stops_new_before_the_terminal_changes() {
    let dir = library_with(&[]);
    let guide = dir.path().join("bad-guide.yaml");
    std::fs::write(&guide, "title: Bad\nsections:\n  - title: One\n    questions: [Fine?]\n    budgett: 5\n").unwrap();
    let out = fieldnotes(dir.path(), &["new", "--guide", guide.to_str().unwrap(), "--participant", "X"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("bad-guide.yaml:5:"), "{err}");
    assert!(!out.stdout.contains(&0x1b), "the terminal was never touched");
    let started = std::fs::read_dir(dir.path().join("data/sessions")).unwrap().count();
    assert_eq!(started, 0, "no session was started");
}
