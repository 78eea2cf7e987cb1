//! The commands that print and exit, run as a user runs them.

mod common;

use common::{cli as fieldnotes, finished_session, note, stderr, stdout};

use std::path::Path;
use std::process::Command;

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
    // The whole row, to the character: its date, columns and first tags.
    assert_eq!(
        text,
        "2026-11-22 14:30  Ana López                 discovery                3 notes  #reporting #workaround  20261122-1430-ana-lopez\n"
    );

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
    // As `ls` with a file it cannot read: the rest listed, exit 1.
    assert_eq!(out.status.code(), Some(1));
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

// ---- `tags`, `followups` and `review --help`, on files written by fieldnotes itself ----

use fieldnotes::domain::note::Kind;
use fieldnotes::domain::session::Note;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Three sessions, written with the project's own writer:
/// - ana (newest): reporting ×3 (one note also has `workaround`), tools, an open follow-up;
/// - bo: reporting, trust, a done follow-up;
/// - cy (oldest): pricing only, so a `reporting` rename never touches it.
fn tag_library() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = library_with(&[]);
    let sessions = dir.path().join("data/sessions");
    let all = [
        finished_session(
            "20261122-1000-ana",
            "Ana López",
            "2026-11-22T10:00:00+01:00",
            vec![
                note(60, Kind::Quote, None, "We export to Excel every Friday", &["workaround", "reporting"]),
                note(120, Kind::Pain, None, "Reports take hours", &["reporting"]),
                note(180, Kind::Note, None, "Two report tools", &["reporting", "tools"]),
                note(240, Kind::Followup, None, "send her the pricing deck", &[]),
            ],
        ),
        finished_session(
            "20261121-0900-bo",
            "Bo",
            "2026-11-21T09:00:00+01:00",
            vec![
                note(60, Kind::Note, None, "Board report monthly", &["reporting"]),
                note(90, Kind::Insight, None, "Distrusts the numbers", &["trust"]),
                Note { done: true, ..note(120, Kind::Followup, None, "intro to the finance lead", &[]) },
            ],
        ),
        finished_session(
            "20261120-0800-cy",
            "Cy",
            "2026-11-20T08:00:00+01:00",
            vec![note(60, Kind::Note, None, "Price is fine", &["pricing"])],
        ),
    ];
    let paths = all
        .iter()
        .map(|s| {
            let path = sessions.join(format!("{}.yaml", s.id));
            fieldnotes::store::writer::write_session(&path, s).unwrap();
            path
        })
        .collect();
    (dir, paths)
}

fn contents(paths: &[PathBuf]) -> BTreeMap<PathBuf, Vec<u8>> {
    paths.iter().map(|p| (p.clone(), std::fs::read(p).unwrap())).collect()
}

/// Asserts that `before` and `after` differ only on `tags:` lines (and differ at all when `changed`).
fn only_tag_lines_differ(before: &[u8], after: &[u8], changed: bool) {
    let (before, after) = (String::from_utf8_lossy(before), String::from_utf8_lossy(after));
    let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    assert_eq!(b.len(), a.len(), "line count changed:\n{before}\n---\n{after}");
    let differing: Vec<(&str, &str)> = b.iter().zip(&a).filter(|(x, y)| x != y).map(|(x, y)| (*x, *y)).collect();
    for (x, y) in &differing {
        let is_tags = |l: &str| l.trim_start().trim_start_matches("- ").starts_with("tags: [");
        assert!(is_tags(x) && is_tags(y), "a line other than tags changed: {x:?} → {y:?}");
    }
    assert_eq!(!differing.is_empty(), changed, "before:\n{before}\nafter:\n{after}");
}

fn notes_tags(path: &Path) -> Vec<Vec<String>> {
    let s = fieldnotes::store::library::load_session(path).unwrap();
    s.notes.into_iter().map(|n| n.tags).collect()
}

#[test]
fn tags_lists_counts_of_notes_and_sessions() {
    let (dir, _) = tag_library();
    let out = fieldnotes(dir.path(), &["tags"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let line = |tag: &str| {
        text.lines()
            .find(|l| l.split_whitespace().next() == Some(tag))
            .unwrap_or_else(|| panic!("no {tag} line in:\n{text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
    };
    assert_eq!(line("#reporting"), ["#reporting", "4", "notes", "2", "sessions"], "{text}");
    assert_eq!(line("#pricing"), ["#pricing", "1", "notes", "1", "sessions"], "{text}");
    assert_eq!(line("#trust"), ["#trust", "1", "notes", "1", "sessions"], "{text}");
    assert!(text.lines().next().unwrap().starts_with("#reporting"), "most used first:\n{text}");
    assert_eq!(text.lines().count(), 5, "reporting, pricing, tools, trust, workaround:\n{text}");

    let empty = library_with(&[]);
    let out = fieldnotes(empty.path(), &["tags"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("No tags yet."), "{}", stderr(&out));
}

#[test]
fn tags_rename_rewrites_every_affected_file_and_only_its_tags() {
    let (dir, paths) = tag_library();
    let before = contents(&paths);
    let out = fieldnotes(dir.path(), &["tags", "rename", "reporting", "reports", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("#reporting → #reports: 4 notes in 2 sessions"), "{}", stdout(&out));
    let after = contents(&paths);
    only_tag_lines_differ(&before[&paths[0]], &after[&paths[0]], true);
    only_tag_lines_differ(&before[&paths[1]], &after[&paths[1]], true);
    assert_eq!(before[&paths[2]], after[&paths[2]], "a session without the tag was rewritten");
    assert_eq!(
        notes_tags(&paths[0]),
        [vec!["workaround", "reports"], vec!["reports"], vec!["reports", "tools"], vec![]]
    );
    assert_eq!(notes_tags(&paths[1]), [vec!["reports"], vec!["trust"], vec![]]);
    let listed = stdout(&fieldnotes(dir.path(), &["tags"]));
    assert!(!listed.contains("#reporting"), "{listed}");
    assert!(
        listed.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["#reports", "4", "notes", "2", "sessions"]),
        "{listed}"
    );
    assert!(!dir.path().join("data/sessions/.fieldnotes").exists() || no_journals(dir.path()), "a journal was left");
}

fn no_journals(root: &Path) -> bool {
    std::fs::read_dir(root.join("data/sessions/.fieldnotes"))
        .unwrap()
        .all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".journal"))
}

#[test]
fn tags_rename_onto_a_tag_in_use_points_to_merge() {
    let (dir, paths) = tag_library();
    let before = contents(&paths);
    let out = fieldnotes(dir.path(), &["tags", "rename", "reporting", "workaround", "--yes"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("#workaround is already in use"), "{err}");
    assert!(err.contains("fieldnotes tags merge reporting workaround"), "{err}");
    assert_eq!(contents(&paths), before, "a refused rename changed a file");
}

#[test]
fn tags_merge_merges_and_dedupes() {
    let (dir, paths) = tag_library();
    let before = contents(&paths);
    let out = fieldnotes(dir.path(), &["tags", "merge", "reporting", "workaround", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("#reporting → #workaround: 4 notes in 2 sessions"), "{}", stdout(&out));
    // The note that had both ends with one `workaround`.
    assert_eq!(notes_tags(&paths[0]), [vec!["workaround"], vec!["workaround"], vec!["workaround", "tools"], vec![]]);
    assert_eq!(notes_tags(&paths[1]), [vec!["workaround"], vec!["trust"], vec![]]);
    let after = contents(&paths);
    only_tag_lines_differ(&before[&paths[0]], &after[&paths[0]], true);
    only_tag_lines_differ(&before[&paths[1]], &after[&paths[1]], true);
    assert_eq!(before[&paths[2]], after[&paths[2]]);
    let listed = stdout(&fieldnotes(dir.path(), &["tags"]));
    assert!(
        listed
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["#workaround", "4", "notes", "2", "sessions"]),
        "{listed}"
    );
    assert!(!listed.contains("#reporting"), "{listed}");
}

/// `fieldnotes` with `input` on its standard input, as a user answering a question.
fn fieldnotes_answering(root: &Path, args: &[&str], input: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_fieldnotes"))
        .args(args)
        .env("FIELDNOTES_DATA_DIR", root.join("data"))
        .env("FIELDNOTES_CONFIG_DIR", root.join("config"))
        .env("FIELDNOTES_CACHE_DIR", root.join("cache"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// A library-wide change shows what it will do and asks before any file
/// changes: `tags rename "Pricing" "Price Plan"` once rewrote 201 files at
/// once with no preview. No answer (a script) or "n" changes nothing.
#[test]
fn tags_rename_and_merge_show_the_change_and_ask_first() {
    let (dir, paths) = tag_library();
    let before = contents(&paths);
    for (args, input) in [
        (&["tags", "rename", "reporting", "reports"][..], ""),
        (&["tags", "merge", "reporting", "workaround"][..], "n\n"),
    ] {
        let out = fieldnotes_answering(dir.path(), args, input);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stdout(&out));
        let (text, err) = (stdout(&out), stderr(&out));
        assert!(text.contains("#reporting → #"), "{args:?}: {text}");
        assert!(text.contains(": 4 notes in 2 of 3 interviews."), "{args:?}: {text}");
        assert!(err.contains("Rewrite 2 files? [y/N]"), "{args:?}: {err}");
        assert!(err.contains("nothing changed (answer y, or pass --yes)"), "{args:?}: {err}");
        assert_eq!(contents(&paths), before, "{args:?} changed a file without a yes");
    }
    let out = fieldnotes_answering(dir.path(), &["tags", "rename", "reporting", "reports"], "y\n");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("#reporting → #reports: 4 notes in 2 sessions"), "{}", stdout(&out));
    assert_ne!(contents(&paths), before);
}

/// A new name that is not a tag as typed says what it becomes.
#[test]
fn tags_rename_says_when_the_new_name_is_normalised() {
    let (dir, _) = tag_library();
    let out = fieldnotes(dir.path(), &["tags", "rename", "Reporting", "Price Plan", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("\"Price Plan\" is written #price-plan: tags are lower case, with - between words."),
        "{text}"
    );
    assert!(text.contains("#reporting → #price-plan: 4 notes in 2 sessions"), "{text}");
}

#[test]
fn tags_on_an_unknown_or_invalid_tag_fail_and_change_nothing() {
    let (dir, paths) = tag_library();
    let before = contents(&paths);
    for args in [
        &["tags", "rename", "nope", "other"][..],
        &["tags", "merge", "nope", "reporting"],
        &["tags", "rename", "reporting", "reporting"],
        &["tags", "rename", "reporting", "###"],
    ] {
        let out = fieldnotes(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stdout(&out));
        assert!(!stderr(&out).trim().is_empty(), "{args:?} failed without a message");
    }
    assert!(stderr(&fieldnotes(dir.path(), &["tags", "rename", "nope", "other"])).contains("no session uses #nope"));
    assert_eq!(contents(&paths), before);
}

#[test]
fn tags_rename_stops_before_any_file_changes_when_a_session_is_locked() {
    let (dir, paths) = tag_library();
    let before = contents(&paths);
    // Bo is the second (and last) session with the tag, so Ana was already
    // planned when the lock is met: nothing may have been written yet.
    let held = fieldnotes::store::lock::acquire(&fieldnotes::store::writer::lock_path(&paths[1])).unwrap();
    let out = fieldnotes(dir.path(), &["tags", "rename", "reporting", "reports", "--yes"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("20261121-0900-bo") && err.contains("open in another fieldnotes"), "{err}");
    assert_eq!(contents(&paths), before, "a file changed although the rename was refused");
    let names: Vec<String> = std::fs::read_dir(dir.path().join("data/sessions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    assert_eq!(names.len(), 3, "stray files: {names:?}");
    // Once the lock is gone, the same command works.
    drop(held);
    let out = fieldnotes(dir.path(), &["tags", "rename", "reporting", "reports", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn followups_lists_who_when_and_done() {
    let (dir, _) = tag_library();
    let out = fieldnotes(dir.path(), &["followups"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    let open = lines.iter().find(|l| l.contains("send her the pricing deck")).expect("open follow-up");
    assert!(open.starts_with("[ ] 2026-11-22"), "{open}");
    assert!(open.contains("Ana López") && open.contains("(20261122-1000-ana)"), "{open}");
    let done = lines.iter().find(|l| l.contains("intro to the finance lead")).expect("done follow-up");
    assert!(done.starts_with("[x] 2026-11-21") && done.contains("Bo"), "{done}");

    let out = fieldnotes(dir.path(), &["followups", "--open"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("send her the pricing deck"), "{text}");
    assert!(!text.contains("intro to the finance lead") && !text.contains("[x]"), "{text}");

    let empty = library_with(&[]);
    let out = fieldnotes(empty.path(), &["followups", "--open"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("No follow-ups left open."), "{}", stderr(&out));
}

#[test]
fn review_tags_and_followups_have_help() {
    let dir = library_with(&[]);
    for (cmd, expected) in [
        (&["review", "--help"][..], "--untagged"),
        (&["tags", "--help"], "rename"),
        (&["tags", "rename", "--help"], "merge"),
        (&["followups", "--help"], "--open"),
    ] {
        let out = fieldnotes(dir.path(), cmd);
        assert!(out.status.success(), "{cmd:?}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("Usage") && text.contains(expected), "{cmd:?}:\n{text}");
    }
}

#[test]
fn a_broken_config_still_lets_you_find_and_repair_it() {
    let dir = library_with(&[]);
    std::fs::create_dir_all(dir.path().join("cfg")).unwrap();
    std::fs::write(dir.path().join("cfg/config.yaml"), "them: dark\n").unwrap();
    let out = fieldnotes(dir.path(), &["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("config.yaml:1"), "{}", stderr(&out));
    for args in [&["config", "path"][..], &["completions", "bash"], &["man"]] {
        let out = fieldnotes(dir.path(), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let out = fieldnotes(dir.path(), &["config", "init", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fieldnotes(dir.path(), &["list"]).status.success(), "repaired");
}

#[test]
fn data_dir_in_the_config_is_used_unless_the_environment_says_otherwise() {
    let dir = library_with(&[("20261122-1430-ana-lopez.yaml", SESSION)]);
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(elsewhere.join("sessions")).unwrap();
    std::fs::create_dir_all(dir.path().join("cfg")).unwrap();
    std::fs::write(dir.path().join("cfg/config.yaml"), format!("data_dir: {}\n", elsewhere.display())).unwrap();
    let run = |env_data: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_fieldnotes"));
        cmd.args(["list", "--json"])
            .env("FIELDNOTES_CONFIG_DIR", dir.path().join("cfg"))
            .env("FIELDNOTES_CACHE_DIR", dir.path().join("cache"))
            .env_remove("FIELDNOTES_DATA_DIR");
        if env_data {
            cmd.env("FIELDNOTES_DATA_DIR", dir.path().join("data"));
        }
        let rows: serde_json::Value = serde_json::from_slice(&cmd.output().unwrap().stdout).unwrap();
        rows.as_array().unwrap().len()
    };
    assert_eq!(run(false), 0, "the config's data_dir (empty) is used");
    assert_eq!(run(true), 1, "the environment wins over the config");
}
