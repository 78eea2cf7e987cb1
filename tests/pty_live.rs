//! End-to-end tests of the live capture screen: the real binary runs in a
//! pseudo-terminal, keys and pastes are sent as bytes, the screen is read back
//! through a vt100 emulator, and the session file on disk is checked.

mod common;

use common::{COLS, CTRL_E, CTRL_N, CTRL_Q, ENTER, Pty, TIMEOUT, contains_bytes, only_session, parse_yaml, tags};
use std::path::Path;

fn spawn_interview(root: &Path) -> Pty {
    Pty::spawn(root, &["new", "--guide", "discovery", "--participant", "Ana López", "--company", "Acme"])
}

#[test]
fn new_notes_closing_answer_reaches_disk() {
    let root = tempfile::tempdir().expect("tempdir");
    let mut pty = spawn_interview(root.path());
    pty.expect("Notes (0)");

    pty.send("\"We export to Excel every Friday #workaround #reporting");
    pty.send(ENTER);
    pty.expect("Notes (1)");

    pty.send("!Reports take hours");
    pty.send(ENTER);
    pty.expect("Notes (2)");

    pty.send(CTRL_N);
    pty.expect("▶ 1.2");

    // A pasted line break becomes a space and does not commit the note.
    pty.send("\x1b[200~pasted\nquote\x1b[201~");
    pty.expect("pasted quote");
    assert!(pty.screen().contains("Notes (2)"), "{:?}", pty.report("the paste committed a note"));
    // The space keeps `#paste` a word of its own, which is what makes it a tag.
    pty.send(" #paste");
    pty.send(ENTER);
    pty.expect("Notes (3)");

    pty.send(CTRL_E);
    // The question is always in the live footer (after a ⚑); the prompt is its own pane.
    pty.wait_until("the closing prompt", TIMEOUT, |s| {
        s.contains(" Closing question ") && s.contains("What else is on your mind?") && !s.contains('⚑')
    })
    .unwrap();
    pty.send("The AWS bill eats my Mondays");
    pty.expect("The AWS bill eats my Mondays");
    pty.send(ENTER);
    pty.expect("Interview ended");
    pty.expect("Saved to ");
    let wrap_up = pty.screen();

    pty.send(CTRL_Q);
    let status = pty.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}\n{:?}", pty.report("the app failed"));
    assert!(!pty.parser.screen().alternate_screen(), "{:?}", pty.report("still on the alternate screen"));
    let after = pty.screen();
    assert!(after.contains("Saved (3 notes): "), "{:?}", pty.report("no saved message after quitting"));

    let (path, text) = only_session(root.path());
    let name = path.file_name().expect("file name").to_string_lossy().into_owned();
    assert!(after.contains(&name), "the saved message does not name {name}:\n{after}");
    let saved_to = format!("Saved to {}", path.display());
    // The wrap-up cuts lines at the pane's edge, so the full path is only checked where it fits.
    if saved_to.chars().count() < usize::from(COLS.get()) - 4 {
        assert!(wrap_up.contains(&saved_to), "the wrap-up does not show {saved_to:?}:\n{wrap_up}");
    }

    // Line checks on the text as written, for the parts a teammate reads.
    assert!(text.lines().any(|l| l.trim() == "ended_at:" || l.starts_with("ended_at: ")), "no ended_at:\n{text}");
    assert!(text.contains("Ana López"), "participant name not kept as typed:\n{text}");

    let doc = parse_yaml(&text);
    assert_eq!(doc["participant"]["name"], "Ana López", "{text}");
    assert_eq!(doc["participant"]["company"], "Acme", "{text}");
    assert_eq!(doc["guide"], "discovery", "{text}");
    assert!(doc["ended_at"].as_str().is_some_and(|s| !s.is_empty()), "ended_at missing:\n{text}");

    let notes = doc["notes"].as_array().unwrap_or_else(|| panic!("no notes list:\n{text}"));
    assert_eq!(notes.len(), 3, "{text}");

    assert_eq!(notes[0]["kind"], "quote", "{text}");
    assert_eq!(notes[0]["text"], "We export to Excel every Friday", "{text}");
    assert_eq!(tags(&notes[0]), ["workaround", "reporting"], "{text}");
    assert_eq!(notes[0]["question"], "1.1", "{text}");

    assert_eq!(notes[1]["kind"], "pain", "{text}");
    assert_eq!(notes[1]["text"], "Reports take hours", "{text}");
    assert_eq!(notes[1]["question"], "1.1", "{text}");

    assert_eq!(notes[2]["kind"], "note", "{text}");
    assert_eq!(notes[2]["text"], "pasted quote", "{text}");
    assert_eq!(tags(&notes[2]), ["paste"], "{text}");
    assert_eq!(notes[2]["question"], "1.2", "{text}");

    for note in notes {
        let at = note["at"].as_str().unwrap_or_else(|| panic!("note without at:\n{text}"));
        let ok = at.len() == 8 && at.split(':').all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()));
        assert!(ok, "at {at:?} is not HH:MM:SS:\n{text}");
    }

    assert_eq!(doc["closing"]["question"], "What else is on your mind?", "{text}");
    assert_eq!(doc["closing"]["answer"], "The AWS bill eats my Mondays", "{text}");
    assert!(doc.get("draft").is_none(), "an empty input left a draft:\n{text}");
}

#[test]
fn ctrl_q_mid_interview_keeps_draft_and_restores_terminal() {
    let root = tempfile::tempdir().expect("tempdir");
    let mut pty = spawn_interview(root.path());
    pty.expect("Notes (0)");
    assert!(
        pty.parser.screen().alternate_screen(),
        "{:?}",
        pty.report("the live screen is not on the alternate screen")
    );
    assert!(pty.parser.screen().bracketed_paste(), "{:?}", pty.report("bracketed paste is not enabled"));

    pty.send("+Export straight to the board deck");
    pty.send(ENTER);
    pty.expect("Notes (1)");

    pty.send("half typed");
    pty.expect("half typed");

    pty.pump();
    let before_quit = pty.raw.len();
    pty.send(CTRL_Q);
    let status = pty.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}\n{:?}", pty.report("the app failed"));

    let tail = &pty.raw[before_quit..];
    assert!(
        contains_bytes(tail, b"\x1b[?1049l"),
        "no leave-alternate-screen sequence after Ctrl-Q; output tail: {:?}",
        String::from_utf8_lossy(tail)
    );
    assert!(
        contains_bytes(tail, b"\x1b[?2004l"),
        "no disable-bracketed-paste sequence after Ctrl-Q; output tail: {:?}",
        String::from_utf8_lossy(tail)
    );
    let screen = pty.parser.screen();
    assert!(!screen.alternate_screen(), "{:?}", pty.report("still on the alternate screen"));
    assert!(!screen.bracketed_paste(), "{:?}", pty.report("bracketed paste still on"));
    assert!(pty.screen().contains("Saved (1 note): "), "{:?}", pty.report("no saved message after quitting"));

    let (_, text) = only_session(root.path());
    assert!(text.lines().any(|l| l == "draft: half typed"), "no `draft: half typed` line:\n{text}");
    let doc = parse_yaml(&text);
    let notes = doc["notes"].as_array().unwrap_or_else(|| panic!("no notes list:\n{text}"));
    assert_eq!(notes.len(), 1, "{text}");
    assert_eq!(notes[0]["kind"], "idea", "{text}");
    assert_eq!(notes[0]["text"], "Export straight to the board deck", "{text}");
    assert_eq!(doc["draft"], "half typed", "{text}");
    assert!(doc.get("ended_at").is_none(), "quitting mid-interview must not end it:\n{text}");
    assert!(doc.get("closing").is_none(), "no closing question was asked:\n{text}");
}

/// Issue #12, item 1: after an undo, an accidental ↑ or a capital E, the next
/// words typed were read as keys (d deleted a note, e pulled one into the
/// input, E opened vi). Now they are typed, whatever was pressed before.
#[test]
fn typed_words_are_notes_after_undo_up_and_capital_e() {
    let root = tempfile::tempdir().expect("tempdir");
    let marker = root.path().join("editor-ran");
    let editor = root.path().join("editor.sh");
    std::fs::write(&editor, format!("#!/bin/sh\ntouch '{}'\n", marker.display())).unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let editor = editor.to_string_lossy().into_owned();
    let mut pty = Pty::spawn_with_env(
        root.path(),
        &["new", "--guide", "discovery", "--participant", "Ana López"],
        &[("VISUAL", &editor), ("EDITOR", &editor)],
    );
    pty.expect("Notes (0)");
    for (i, note) in ["first note", "second note", "third note"].iter().enumerate() {
        pty.send(note);
        pty.send(ENTER);
        pty.expect(&format!("Notes ({})", i + 1));
    }
    const UP: &str = "\x1b[A";
    const DELETE: &str = "\x1b[3~";
    const CTRL_Z: &str = "\x1a";

    // Delete a note, bring it back, go on typing.
    pty.send(UP);
    pty.expect("Note 3 selected");
    pty.send(DELETE);
    pty.expect("Notes (2)");
    pty.send(CTRL_Z);
    pty.expect("Notes (3)");
    pty.send("deadline is Friday");
    pty.expect("› deadline is Friday");
    pty.send(ENTER);
    pty.expect("Notes (4)");

    // One accidental ↑, then a sentence full of e and d.
    pty.send(UP);
    pty.expect("Note 4 selected");
    pty.send("each day ends late");
    pty.expect("› each day ends late");
    pty.send(ENTER);
    pty.expect("Notes (5)");

    // E on a selected note is a capital letter, not the editor.
    pty.send(UP);
    pty.expect("Note 5 selected");
    pty.send("Everyone exports");
    pty.expect("› Everyone exports");
    pty.send(ENTER);
    pty.expect("Notes (6)");

    pty.send(CTRL_Q);
    assert!(pty.wait_exit(TIMEOUT).success(), "{:?}", pty.report("the app failed"));
    assert!(!marker.exists(), "a typed key opened the editor");
    let (_, text) = only_session(root.path());
    let doc = parse_yaml(&text);
    let notes: Vec<&str> = doc["notes"].as_array().unwrap().iter().map(|n| n["text"].as_str().unwrap()).collect();
    assert_eq!(
        notes,
        ["first note", "second note", "third note", "deadline is Friday", "each day ends late", "Everyone exports"],
        "{text}"
    );
}

/// Issue #12: when `new` cannot create the session (here a read-only
/// sessions folder), the app fell back to the library and the words typed
/// next ran as library keys (s sorted, t started tagging, q quit). It now
/// returns to the filled-in form with the error.
#[test]
fn a_session_that_cannot_be_created_leaves_typing_harmless() {
    let root = tempfile::tempdir().expect("tempdir");
    let data = common::data_dir(root.path());
    std::fs::create_dir_all(&data).unwrap();
    let Some(_mount) = ReadOnlyMount::new(&data, &["sessions"]) else { return };
    let mut pty = Pty::spawn(root.path(), &[]);
    pty.expect("No interviews yet");
    pty.send("n");
    pty.expect("Participant");
    pty.send("Ana");
    pty.send(ENTER);
    pty.expect("Not started: cannot lock the session: Read-only file system");
    // A PM on a call types on; nothing may act, and the words are kept for
    // the first note rather than added to the name.
    pty.send("quick question, so tell me");
    pty.expect("Kept for the first note: quick question, so tell me");
    pty.expect("Participant  Ana ");
    assert!(pty.poll_exit().is_none(), "{:?}", pty.report("typing quit the app"));
    pty.send(CTRL_Q);
    pty.wait_exit(TIMEOUT);
    assert!(!pty.parser.screen().alternate_screen(), "{:?}", pty.report("still on the alternate screen"));
}

/// A read-only tmpfs at `dir` holding the empty folders `subdirs`, unmounted
/// on drop. `None`, said on stderr, where this machine does not allow mounting.
struct ReadOnlyMount(std::path::PathBuf);

impl ReadOnlyMount {
    fn new(dir: &Path, subdirs: &[&str]) -> Option<ReadOnlyMount> {
        let mount = |args: &[&str]| {
            std::process::Command::new("mount").args(args).arg(dir).output().map_err(|e| e.to_string()).and_then(|o| {
                if o.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&o.stderr).into_owned()) }
            })
        };
        if let Err(e) = mount(&["-t", "tmpfs", "-o", "size=1m", "none"]) {
            common::skipped(&format!(
                "a read-only folder: cannot mount a tmpfs here ({}); run as root to test it",
                e.trim()
            ));
            return None;
        }
        let guard = ReadOnlyMount(dir.to_path_buf());
        for d in subdirs {
            std::fs::create_dir_all(dir.join(d)).expect("a folder on the new tmpfs");
        }
        if let Err(e) = mount(&["-o", "remount,ro"]) {
            common::skipped(&format!("a read-only folder: cannot make the tmpfs read-only ({})", e.trim()));
            return None;
        }
        Some(guard)
    }
}

impl Drop for ReadOnlyMount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// A PM who starts typing on the consent screen records no answer: `n` in
/// "now" used to store "no" for taking notes, and the sentence's `y`s "yes".
/// An answer is its key alone, kept by Enter.
#[test]
fn a_sentence_typed_on_the_consent_screen_answers_nothing() {
    let root = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(common::config_dir(root.path())).unwrap();
    std::fs::write(common::config_dir(root.path()).join("config.yaml"), "require_consent: true\n").unwrap();
    let mut pty = spawn_interview(root.path());
    pty.expect("Before we start: consent");
    pty.send("now she says yes");
    pty.send(ENTER);
    pty.expect("Not an answer");
    assert!(pty.screen().contains("Before we start: consent"), "{:?}", pty.report("the sentence answered consent"));
    for answer in ["y", "y", "n"] {
        pty.send(answer);
        pty.send(ENTER);
    }
    pty.wait_until("the live screen", TIMEOUT, |s| !s.contains("Before we start")).unwrap();
    pty.send(CTRL_Q);
    assert!(pty.wait_exit(TIMEOUT).success(), "{:?}", pty.report("quit failed"));
    let (_, text) = only_session(root.path());
    let consent = &parse_yaml(&text)["consent"];
    assert_eq!(
        (&consent["notes"], &consent["recording"], &consent["quotes"]),
        (&true.into(), &true.into(), &false.into()),
        "{text}"
    );
}

/// With the help open on the live screen, what the PM types is the note: the
/// help used to eat the first words ("she said q" closed it on `q`), and the
/// rest ("? then d") became a follow-up. A paste is kept the same way.
#[test]
fn typing_with_the_help_open_closes_it_and_keeps_every_character() {
    let root = tempfile::tempdir().expect("tempdir");
    let mut pty = spawn_interview(root.path());
    pty.expect("Notes (0)");
    pty.send("\x1bOP"); // F1
    pty.expect("Keys: Live notes");
    pty.send("she said q? then d");
    pty.send(ENTER);
    pty.expect("Notes (1)");
    pty.send("\x1bOP");
    pty.expect("Keys: Live notes");
    pty.send("\x1b[200~pasted words\x1b[201~");
    pty.send(ENTER);
    pty.expect("Notes (2)");
    pty.send(CTRL_Q);
    assert!(pty.wait_exit(TIMEOUT).success(), "{:?}", pty.report("quit failed"));
    let (_, text) = only_session(root.path());
    let notes = parse_yaml(&text)["notes"].clone();
    assert_eq!(notes[0]["text"], "she said q? then d", "{text}");
    assert_eq!(notes[0]["kind"], "note", "{text}");
    assert_eq!(notes[1]["text"], "pasted words", "{text}");
}
