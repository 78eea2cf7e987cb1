//! Hostile names: a teammate's session whose participant, company, role,
//! segment, title, guide, tags, notes and closing question and answer carry
//! terminal escapes (an OSC 52 clipboard write, a window-title change, a
//! hyperlink, DCS, colours, screen clears) and bidi overrides, in a file whose
//! name carries them too, beside an unreadable file with such a name. Nothing
//! of it may reach the terminal raw: not from the library, the session view,
//! the Synthesis screen and its search, nor from `list`, `show`, `search`,
//! `synth`, `tags` and `followups` printing to a terminal.

mod common;

use common::{ENTER, Pty, TIMEOUT, sessions_dir};
use std::path::Path;

/// A file name (and so an id) that writes red and clears the screen.
const HOSTILE_ID: &str = "20261120-1000-eve\u{1b}[31m\u{1b}[2Jred";

/// The session, every field a person reads carrying escapes (YAML double
/// quotes: `\e` is ESC, `\a` BEL, `\u202E` a right-to-left override).
fn hostile_session() -> String {
    format!(
        r#"schema: 1
id: "{id}"
guide: "disc\e[7movery"
title: "T\e]0;pwned title\a \u202DX\e[2J"
participant:
  name: "Eve\e[31mRED\e[0m\u202Eevil"
  company: "Acme\e]52;c;aGFja2Vk\aCorp"
  role: "PM\e]8;;http://x\e\\link"
  segment: "smb\e[5mblink"
started_at: "2026-11-20T10:00:00Z"
ended_at: "2026-11-20T10:30:00Z"
notes:
- at: "00:01:00"
  text: "pain \e]52;c;Zm9v\a here"
  kind: pain
  tags: ["bad\e[1mtag", ok]
- at: "00:02:00"
  text: "quote \u202Eesrever\e[H"
  kind: quote
  tags: [ok]
- at: "00:03:00"
  text: "follow \eP1;2;3q\e\\ dcs"
  kind: followup
closing:
  question: "What else\e[31m?"
  answer: "all \e]52;c;YWxs\a good"
"#,
        id = HOSTILE_ID.replace('\u{1b}', "\\e")
    )
}

fn library(root: &Path) {
    let dir = sessions_dir(root);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{HOSTILE_ID}.yaml")), hostile_session()).unwrap();
    std::fs::write(dir.join("bad\u{1b}]52;c;ZmlsZQ==\u{7}name.yaml"), "schema: 1\nid: x\n: : broken\n").unwrap();
}

/// What the hostile text would send if it got through. The app draws with CSI
/// sequences of its own, so those are matched with the text that follows
/// them in the files; OSC, DCS, string terminators, BEL and bidi controls are
/// never the app's own.
const RAW: [&[u8]; 14] = [
    b"\x1b]",
    b"\x1bP",
    b"\x1b\\",
    b"\x07",
    "\u{202e}".as_bytes(),
    "\u{202d}".as_bytes(),
    b"\x1b[31mRED",
    b"\x1b[31m\x1b[2Jred",
    b"\x1b[5mblink",
    b"\x1b[1mtag",
    b"\x1b[7movery",
    b"\x1b[2J\"",
    b"\x1b[H\"",
    b"\x1b[31m?",
];

fn assert_inert(what: &str, raw: &[u8]) {
    for bad in RAW {
        let hit = raw.windows(bad.len()).position(|w| w == bad);
        assert!(
            hit.is_none(),
            "{what} sent {:?} raw to the terminal, at byte {}: …{}…",
            String::from_utf8_lossy(bad),
            hit.unwrap_or(0),
            String::from_utf8_lossy(&raw[hit.unwrap_or(0).saturating_sub(40)..(hit.unwrap_or(0) + 40).min(raw.len())])
        );
    }
}

#[test]
fn hostile_names_reach_no_screen_raw() {
    let root = tempfile::tempdir().unwrap();
    library(root.path());
    let mut pty = Pty::spawn(root.path(), &[]);
    pty.expect("Eve␛[31mRED");
    // The unreadable file, named inertly.
    pty.expect("bad␛]52;c;ZmlsZQ==␇name");
    // The session view.
    pty.send(ENTER);
    pty.expect("Notes by question");
    pty.expect("Acme␛]52;c;aGFja2Vk␇Corp");
    pty.send("\x1b");
    pty.expect("Library");
    // Every tab of the Synthesis screen, then its search.
    pty.send("S");
    pty.expect("Themes");
    for (tab, shows) in
        [("2", "Pain points"), ("3", "smb␛[5mblink"), ("4", "bad␛[1mtag"), ("5", "all ␛]52"), ("6", "disc")]
    {
        pty.send(tab);
        pty.expect(shows);
    }
    pty.send("7");
    pty.send("pain");
    pty.expect("pain ␛]52;c;Zm9v␇ here");
    pty.send("\x11");
    pty.wait_exit(TIMEOUT);
    assert_inert("the app", &pty.raw);
}

#[test]
fn hostile_names_printed_to_a_terminal_are_inert() {
    let root = tempfile::tempdir().unwrap();
    library(root.path());
    let id = HOSTILE_ID;
    let commands: [&[&str]; 8] = [
        &["list"],
        &["show", id],
        &["search", "pain"],
        &["synth"],
        &["synth", "--format", "md"],
        &["tags"],
        &["followups"],
        &["show", "bad\u{1b}]52;c;ZmlsZQ==\u{7}name"],
    ];
    for args in commands {
        let mut pty = Pty::spawn(root.path(), args);
        pty.wait_exit(TIMEOUT);
        let shown = String::from_utf8_lossy(&pty.raw).into_owned();
        // The hostile text is there, made visible.
        assert!(shown.contains('␛'), "{args:?} printed:\n{shown}");
        assert_inert(&format!("{args:?}"), &pty.raw);
    }
}
