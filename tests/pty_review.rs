//! End-to-end tests of the screens after the call: quick tagging across the
//! library, the session view (follow-ups, wrap-up, export) and the follow-ups
//! screen. The real binary runs in a pseudo-terminal on a library written with
//! fieldnotes' own writer; the files are checked once the app has exited.

mod common;

use common::{ENTER, Pty, TIMEOUT, data_dir, finished_session, note, parse_yaml, sessions_dir, state_dir, tags};
use fieldnotes::domain::note::Kind;
use fieldnotes::domain::session::Session;
use std::path::{Path, PathBuf};

const ESC: &str = "\x1b";
const ANA: &str = "20261122-1000-ana-lopez";
const BO: &str = "20261121-0900-bo-chen";

/// Two finished sessions, each with untagged notes and an open follow-up.
/// Tags in use: reporting ×3, pricing ×2, workaround ×1, so key 1 is `#reporting`.
/// Ana (newest, listed first): notes 1–3 untagged (note 2 is the follow-up).
/// Bo: notes 2 and 4 untagged (note 4 is the follow-up).
fn write_library(root: &Path) -> (PathBuf, PathBuf) {
    let ana = finished_session(
        ANA,
        "Ana López",
        "2026-11-22T10:00:00+01:00",
        vec![
            note(60, Kind::Quote, Some("1.1"), "We export to Excel every Friday", &["reporting", "workaround"]),
            note(120, Kind::Note, Some("1.2"), "Came over from the finance team", &[]),
            note(180, Kind::Followup, Some("2.1"), "send her the pricing deck", &[]),
            note(240, Kind::Pain, Some("3.1"), "The board report takes a whole day", &[]),
        ],
    );
    let bo = finished_session(
        BO,
        "Bo Chen",
        "2026-11-21T09:00:00+01:00",
        vec![
            note(60, Kind::Note, Some("1.1"), "Runs the monthly board pack", &["reporting"]),
            note(90, Kind::Pain, Some("1.1"), "The numbers never match", &["reporting", "pricing"]),
            note(150, Kind::Idea, Some("2.2"), "A button that sends the pack", &[]),
            note(200, Kind::Note, Some("3.3"), "The pricing page confuses buyers", &["pricing"]),
            note(260, Kind::Followup, Some("4.1"), "intro to the finance lead", &[]),
        ],
    );
    let dir = sessions_dir(root);
    std::fs::create_dir_all(&dir).expect("create the sessions folder");
    let write = |s: &Session| {
        let path = dir.join(format!("{}.yaml", s.id));
        fieldnotes::store::writer::write_session(&path, s).expect("write a session");
        path
    };
    (write(&ana), write(&bo))
}

fn is_tags_line(line: &str) -> bool {
    line.trim_start().trim_start_matches("- ").starts_with("tags: [")
}

/// Asserts that only `tags:` lines were added or changed between `before` and `after`.
fn only_tags_changed(before: &str, after: &str) {
    let strip = |text: &str| text.lines().filter(|l| !is_tags_line(l)).map(String::from).collect::<Vec<_>>();
    assert_eq!(strip(before), strip(after), "lines other than tags changed:\n--- before\n{before}\n--- after\n{after}");
}

/// Journals left in the state folder (there must be none once the app has exited).
fn journals(root: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(state_dir(root)) else { return vec![] };
    read.map(|e| e.expect("dir entry").path()).filter(|p| p.extension().is_some_and(|x| x == "journal")).collect()
}

/// The walk's counter in the quick-tagging title: (this note, of how many
/// untagged in the library).
fn counters(screen: &str) -> Option<(usize, usize)> {
    let rest = &screen[screen.find("Quick tagging · ")? + "Quick tagging · ".len()..];
    let mut words = rest.split_whitespace();
    let at = words.next()?.parse().ok()?;
    (words.next()? == "of").then_some(())?;
    let total = words.next()?.parse().ok()?;
    (words.next()? == "untagged").then_some(())?;
    Some((at, total))
}

fn current_counters(pty: &mut Pty) -> (usize, usize) {
    pty.wait_until("the quick-tagging counters", TIMEOUT, |s| counters(s).is_some()).unwrap();
    counters(&pty.screen()).expect("just seen")
}

/// Tags `n` untagged notes with key 1: each tag moves on to the next
/// untagged note by itself, in the next interview when this one is done.
fn tag_with_key_1(pty: &mut Pty, n: usize) {
    for _ in 0..n {
        let (at, total) = current_counters(pty);
        pty.send("1");
        if at == total {
            pty.expect("That was the last untagged note.");
            return;
        }
        pty.wait_until("the next untagged note", TIMEOUT, |s| counters(s).is_some_and(|c| c.0 == at + 1)).unwrap();
    }
}

#[test]
fn review_untagged_tags_every_session_then_quits() {
    let root = tempfile::tempdir().expect("tempdir");
    let (ana, bo) = write_library(root.path());
    let before = (std::fs::read_to_string(&ana).unwrap(), std::fs::read_to_string(&bo).unwrap());

    let mut pty = Pty::spawn(root.path(), &["review", "--untagged"]);
    // The newest session with untagged notes comes first; Bo's is still to come.
    pty.expect("Discovery interview — Ana López");
    pty.expect("Quick tagging · 1 of 5 untagged · interview 1 of 2");
    pty.expect("1 #reporting");
    // One key per untagged note, never a key for a tagged one; Bo's session
    // opens by itself after Ana's last untagged note.
    tag_with_key_1(&mut pty, 3);
    pty.expect("Discovery interview — Bo Chen");
    pty.expect("Quick tagging · 4 of 5 untagged · interview 2 of 2");
    tag_with_key_1(&mut pty, 2);
    pty.expect("That was the last untagged note.");

    // Esc leaves tagging, Esc leaves the session, q quits from the library.
    pty.send(ESC);
    pty.expect("Notes by question");
    pty.send(ESC);
    pty.wait_until("the library", TIMEOUT, |s| s.contains(" Library ") && s.contains("2 interviews")).unwrap();
    pty.send("q");
    let status = pty.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}\n{:?}", pty.report("the app failed"));

    let after = (std::fs::read_to_string(&ana).unwrap(), std::fs::read_to_string(&bo).unwrap());
    only_tags_changed(&before.0, &after.0);
    only_tags_changed(&before.1, &after.1);
    let doc = parse_yaml(&after.0);
    let notes = doc["notes"].as_array().expect("notes");
    assert_eq!(tags(&notes[0]), ["reporting", "workaround"], "a tagged note changed:\n{}", after.0);
    for n in &notes[1..] {
        assert_eq!(tags(n), ["reporting"], "{}", after.0);
    }
    let doc = parse_yaml(&after.1);
    let notes = doc["notes"].as_array().expect("notes");
    let expected: [&[&str]; 5] =
        [&["reporting"], &["reporting", "pricing"], &["reporting"], &["pricing"], &["reporting"]];
    for (n, want) in notes.iter().zip(expected) {
        assert_eq!(tags(n), want, "{}", after.1);
    }
    assert!(journals(root.path()).is_empty(), "journals left: {:?}", journals(root.path()));
    // The library agrees.
    let listed = common::list_json(root.path());
    assert_eq!(listed.len(), 2);
}

#[test]
fn session_view_follow_ups_wrap_up_and_export() {
    let root = tempfile::tempdir().expect("tempdir");
    let (ana, bo) = write_library(root.path());

    let mut pty = Pty::spawn(root.path(), &[]);
    pty.wait_until("the library", TIMEOUT, |s| s.contains("2 interviews") && s.contains("Ana López")).unwrap();
    // Ana's session is the newest, so it is selected.
    pty.send(ENTER);
    pty.expect("Notes by question");
    pty.expect("1 ☐ thanked the participant");
    pty.expect("☐ send her the pricing deck");

    // The follow-up is the third note in question order: j j selects it, x ticks it.
    pty.send("jj");
    pty.send("x");
    pty.expect("☑ send her the pricing deck");
    assert!(!pty.screen().contains("Only follow-ups"), "{:?}", pty.report("x landed on another note"));

    pty.send("1");
    pty.expect("1 ☑ thanked the participant");

    pty.send("s");
    pty.expect("Snapshot saved to ");
    let export = data_dir(root.path()).join("exports").join(format!("{ANA}.md"));
    assert!(pty.screen().contains(&format!("exports/{ANA}.md")), "{:?}", pty.report("the footer names no file"));
    let md = std::fs::read_to_string(&export).unwrap_or_else(|e| panic!("{}: {e}", export.display()));
    assert!(md.starts_with("# ") && md.contains("# Discovery interview — Ana López"), "{md}");
    assert!(md.contains("send her the pricing deck"), "{md}");

    pty.send(ESC);
    pty.wait_until("the library", TIMEOUT, |s| s.contains(" Library ") && s.contains("2 interviews")).unwrap();
    pty.send("F");
    // Ana's follow-up is done already, so only Bo's, still open, is listed.
    pty.expect("follow-ups · 1 open of 2 · open only");
    pty.expect("Bo Chen, Acme · 2026-11-21 · 1 open");
    pty.expect("☐ intro to the finance lead");
    assert!(!pty.screen().contains("send her the pricing deck"), "{:?}", pty.report("a done follow-up is listed"));
    pty.send("x");
    pty.expect("follow-ups · 0 open of 2");
    pty.expect("Every follow-up is done");
    // a: the done ones too.
    pty.send("a");
    pty.expect("☑ intro to the finance lead");
    pty.expect("☑ send her the pricing deck");

    pty.send(ESC);
    pty.wait_until("the library", TIMEOUT, |s| s.contains(" Library ") && s.contains("2 interviews")).unwrap();
    pty.send("q");
    let status = pty.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}\n{:?}", pty.report("the app failed"));

    let text = std::fs::read_to_string(&ana).unwrap();
    let doc = parse_yaml(&text);
    assert_eq!(doc["notes"][2]["done"], true, "{text}");
    assert_eq!(doc["wrapup"]["thanked"], true, "{text}");
    assert!(text.lines().any(|l| l == "wrapup:"), "{text}");
    assert!(doc["wrapup"].get("shared").is_none(), "{text}");
    for (i, n) in doc["notes"].as_array().expect("notes").iter().enumerate() {
        if i != 2 {
            assert!(n.get("done").is_none(), "note {i} changed:\n{text}");
        }
    }
    let text = std::fs::read_to_string(&bo).unwrap();
    let doc = parse_yaml(&text);
    assert_eq!(doc["notes"][4]["done"], true, "{text}");
    assert!(doc.get("wrapup").is_none(), "{text}");
    assert!(journals(root.path()).is_empty(), "journals left: {:?}", journals(root.path()));
}

#[test]
fn after_walking_the_library_no_longer_counts_tagged_notes_as_untagged() {
    let root = tempfile::tempdir().expect("tempdir");
    write_library(root.path());
    let mut pty = Pty::spawn(root.path(), &["review", "--untagged"]);
    pty.expect("Quick tagging · 1 of 5 untagged · interview 1 of 2");
    tag_with_key_1(&mut pty, 5);
    pty.send(ESC);
    pty.expect("Notes by question");
    pty.send(ESC);
    pty.wait_until("the library", TIMEOUT, |s| s.contains(" Library ") && s.contains("2 interviews")).unwrap();
    // Every note has a tag now, in the files and so in the library.
    pty.send("t");
    pty.expect("Every note in the library has a tag.");
}

#[test]
fn a_locked_next_session_never_swallows_changes_to_the_current_one() {
    let root = tempfile::tempdir().expect("tempdir");
    let (ana, bo) = write_library(root.path());
    let _held = fieldnotes::store::lock::acquire(&fieldnotes::store::writer::lock_path(&bo)).expect("lock Bo");
    let mut pty = Pty::spawn(root.path(), &["review", "--untagged"]);
    pty.expect("Quick tagging · 1 of 5 untagged · interview 1 of 2");
    // Ana's last untagged note moves on to Bo, who is open elsewhere: the app says so…
    tag_with_key_1(&mut pty, 2);
    pty.send("1");
    pty.expect("open in another fieldnotes");
    // …and Ana's session, still on screen, saves a change made to it.
    if pty.screen().contains("Quick tagging · 3 of 5 untagged") {
        pty.send("d");
        pty.send("1");
        pty.expect("Removed #reporting.");
        pty.expect("● saved");
    }
    // Esc once from quick tagging, once from the session view. Each Esc waits
    // for its own screen: an extra Esc still unread when `q` follows would
    // arrive as Alt-q.
    pty.send(ESC);
    pty.wait_until("the session view", TIMEOUT, |s| {
        s.contains(" Library ") || (s.contains("Notes by question") && !s.contains("Quick tagging"))
    })
    .unwrap();
    if !pty.screen().contains(" Library ") {
        pty.send(ESC);
        pty.wait_until("the library", TIMEOUT, |s| s.contains(" Library ")).unwrap();
    }
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).success());
    let doc = parse_yaml(&std::fs::read_to_string(&ana).unwrap());
    // Quick tagging walks the untagged notes: the third is the board-report note.
    let notes = doc["notes"].as_array().expect("notes");
    let board = notes.iter().find(|n| n["text"] == "The board report takes a whole day").expect("the note");
    assert!(tags(board).is_empty(), "the removal shown on screen never reached the file");
}

#[test]
fn a_refused_follow_up_toggle_is_not_shown_as_done() {
    let root = tempfile::tempdir().expect("tempdir");
    let (_ana, bo) = write_library(root.path());
    let held = fieldnotes::store::lock::acquire(&fieldnotes::store::writer::lock_path(&bo)).expect("lock Bo");
    let mut pty = Pty::spawn(root.path(), &[]);
    pty.wait_until("the library", TIMEOUT, |s| s.contains(" Library ") && s.contains("2 interviews")).unwrap();
    pty.send("F");
    pty.expect("follow-ups · 2 open of 2");
    pty.expect("Bo Chen, Acme · 2026-11-21 · 1 open");
    pty.send("j");
    pty.send("x");
    pty.expect("Not changed: ");
    let screen = pty.screen();
    pty.send(ESC);
    pty.wait_until("the library", TIMEOUT, |s| s.contains(" Library ")).unwrap();
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).success());
    drop(held);
    let doc = parse_yaml(&std::fs::read_to_string(&bo).unwrap());
    assert!(doc["notes"][4].get("done").is_none(), "the refused change reached the file");
    assert!(
        screen.contains("☐ intro to the finance lead") && screen.contains("2 open of 2"),
        "the screen shows the follow-up done although the file says open:\n{screen}"
    );
}

#[test]
fn synthesis_search_opens_the_note_in_its_session_and_comes_back() {
    let root = tempfile::tempdir().expect("tempdir");
    write_library(root.path());
    let cache = root.path().join("cache");
    let cache_env = cache.to_str().expect("a UTF-8 path");
    let mut pty = Pty::spawn_with_env(root.path(), &[], &[("FIELDNOTES_CACHE_DIR", cache_env)]);
    pty.expect("Bo Chen");
    pty.send("S");
    // Both interviews talk about reporting; only Bo's about pricing twice.
    pty.wait_until("the themes", TIMEOUT, |s| s.contains("fieldnotes · synthesis") && s.contains("#reporting"))
        .unwrap();
    assert!(pty.screen().contains("2 interviews"), "{}", pty.screen());
    // Search as you type, Enter on the hit: the session view, on that note.
    pty.send("/");
    pty.send("board rep");
    pty.wait_until("the hit", TIMEOUT, |s| s.contains("The board report takes a whole day")).unwrap();
    pty.send(ENTER);
    pty.wait_until("Ana's session", TIMEOUT, |s| s.contains("Notes by question") && s.contains("Ana López")).unwrap();
    // Esc: back where the search was, the query still there.
    pty.send(ESC);
    pty.wait_until("the synthesis again", TIMEOUT, |s| s.contains("every word must match") && s.contains("board rep"))
        .unwrap();
    // Save the report, then leave the synthesis and the app. (Each Esc is
    // waited on: Esc and a letter at once would read as Alt and the letter.)
    pty.send(ESC);
    pty.wait_until("the results list", TIMEOUT, |s| s.contains("save report")).unwrap();
    pty.send("s");
    pty.wait_until("the report", TIMEOUT, |s| s.contains("Report saved to")).unwrap();
    pty.send(ESC);
    pty.expect("Bo Chen");
    pty.send("\x11");
    let status = pty.wait_exit(TIMEOUT);
    assert!(status.success(), "{status:?}\n{}", pty.screen());
    let mut exports: Vec<PathBuf> = std::fs::read_dir(data_dir(root.path()).join("exports"))
        .expect("the exports folder")
        .map(|e| e.expect("entry").path())
        .collect();
    exports.sort();
    // The same report twice: .html (charts, for a browser) and .md.
    assert_eq!(exports.len(), 2, "{exports:?}");
    assert_eq!(exports[0].with_extension("md"), exports[1], "{exports:?}");
    let html = std::fs::read_to_string(&exports[0]).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("data-theme=\"reporting\""), "{html}");
    let report = std::fs::read_to_string(&exports[1]).unwrap();
    assert!(report.starts_with("# Interview synthesis") && report.contains("reporting"), "{report}");
    assert!(cache.read_dir().is_ok_and(|mut d| d.next().is_some()), "the derived cache went to FIELDNOTES_CACHE_DIR");
    assert!(journals(root.path()).is_empty());
}
