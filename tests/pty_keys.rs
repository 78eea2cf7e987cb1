//! End-to-end tests of what makes the app feel at home: a key remapped in
//! config.yaml, the mouse (wheel and clicks, as SGR sequences) and Ctrl-Z
//! handing the terminal back to a real shell and coming back with `fg`.

mod common;

use common::{CTRL_N, CTRL_Q, ENTER, Pty, TIMEOUT, config_dir};
use std::path::Path;
use std::time::Duration;
use vt100::MouseProtocolMode;

const ALT_J: &str = "\x1bj";
const ALT_K: &str = "\x1bk";
const CTRL_Z: &str = "\x1a";

fn write_config(root: &Path, text: &str) {
    std::fs::create_dir_all(config_dir(root)).unwrap();
    std::fs::write(config_dir(root).join("config.yaml"), text).unwrap();
}

fn interview(root: &Path) -> Pty {
    Pty::spawn(root, &["new", "--guide", "discovery", "--participant", "Ana López"])
}

/// Nothing changes on screen for a moment (to check that a key did nothing).
fn settle(pty: &mut Pty) {
    std::thread::sleep(Duration::from_millis(300));
    pty.pump();
}

#[test]
fn next_and_previous_question_remapped_to_alt_j_and_alt_k() {
    let root = tempfile::tempdir().unwrap();
    write_config(root.path(), "keymap:\n  live:\n    next-question: alt-j\n    prev-question: alt-k\n");
    let mut pty = interview(root.path());
    pty.expect("▶ 1.1");
    // The footer hint comes from the live keymap.
    pty.expect("Alt-j/Alt-k question");
    pty.send("half a thought");
    pty.send(ALT_J);
    pty.expect("▶ 1.2");
    pty.send(ALT_J);
    pty.expect("▶ 2.1");
    pty.send(ALT_K);
    pty.expect("▶ 1.2");
    // The old key does nothing now, and Alt-j typed nothing into the input.
    pty.send(CTRL_N);
    settle(&mut pty);
    assert!(pty.screen().contains("▶ 1.2"), "{:?}", pty.report("Ctrl-N still moved the guide"));
    assert!(pty.screen().contains("› half a thought "), "{:?}", pty.report("the input changed"));
    // F1 shows the new keys.
    pty.send("\x1bOP");
    pty.expect("Alt-j");
    pty.expect("keymap: typing");
    pty.send("\x1bOP");
    pty.send(CTRL_Q);
    assert!(pty.wait_exit(TIMEOUT).success());
}

#[test]
fn a_conflicting_keymap_stops_before_the_terminal_changes() {
    let root = tempfile::tempdir().unwrap();
    write_config(root.path(), "keymap:\n  live:\n    next-question: ctrl-t\n");
    let mut pty = interview(root.path());
    let status = pty.wait_exit(TIMEOUT);
    assert!(!status.success());
    let screen = pty.screen();
    assert!(screen.contains("ctrl-t is both next-question and open-tag-palette"), "{screen}");
    assert!(screen.contains("--no-config"), "{screen}");
    assert!(!pty.raw.windows(8).any(|w| w == b"\x1b[?1049h"), "the alternate screen was entered");
}

/// Where `text` is on screen, as 1-based (column, row) for a mouse sequence.
fn find(pty: &Pty, text: &str) -> (usize, usize) {
    for (row, line) in pty.screen().lines().enumerate() {
        if let Some(byte) = line.find(text) {
            return (line[..byte].chars().count() + 1, row + 1);
        }
    }
    panic!("{:?}", pty.report(&format!("{text:?} is not on screen")));
}

fn click(pty: &mut Pty, (column, row): (usize, usize)) {
    pty.send(&format!("\x1b[<0;{column};{row}M\x1b[<0;{column};{row}m"));
}

#[test]
fn the_wheel_and_clicks_select_notes_and_never_take_typed_text() {
    let root = tempfile::tempdir().unwrap();
    let mut pty = interview(root.path());
    pty.expect("Notes (0)");
    assert_eq!(pty.parser.screen().mouse_protocol_mode(), MouseProtocolMode::PressRelease);
    for note in ["first thing", "second thing"] {
        pty.send(note);
        pty.send(ENTER);
    }
    pty.expect("Notes (2)");

    // Wheel up over the notes: the last note is selected, as ↑ would.
    let (c, r) = find(&pty, "second thing");
    pty.send(&format!("\x1b[<64;{c};{r}M"));
    pty.expect("Note 2 selected");
    // A click on the first note selects it; Delete deletes the selected note.
    let at = find(&pty, "first thing");
    click(&mut pty, at);
    settle(&mut pty);
    pty.send("\x1b[3~");
    pty.wait_until("the first note deleted", TIMEOUT, |s| s.contains("Notes (1)") && !s.contains("first thing"))
        .unwrap();

    // With a draft in the input, a click selects nothing and the draft stays.
    pty.send("\x1b");
    settle(&mut pty);
    pty.send("a draft");
    pty.expect("› a draft");
    let at = find(&pty, "second thing");
    click(&mut pty, at);
    pty.send(" goes on");
    pty.send(ENTER);
    pty.expect("Notes (2)");
    pty.expect("a draft goes on");

    pty.send(CTRL_Q);
    assert!(pty.wait_exit(TIMEOUT).success());
    assert_eq!(pty.parser.screen().mouse_protocol_mode(), MouseProtocolMode::None, "mouse reporting left on");
}

#[test]
fn mouse_false_leaves_the_mouse_to_the_terminal() {
    let root = tempfile::tempdir().unwrap();
    write_config(root.path(), "mouse: false\n");
    let mut pty = interview(root.path());
    pty.expect("Notes (0)");
    assert_eq!(pty.parser.screen().mouse_protocol_mode(), MouseProtocolMode::None);
    pty.send(CTRL_Q);
    assert!(pty.wait_exit(TIMEOUT).success());
}

/// The process state letter from /proc (T: stopped).
fn state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit_once(')').and_then(|(_, rest)| rest.trim_start().chars().next()).unwrap_or('?')
}

fn wait_state(pty: &mut Pty, pid: u32, want: char) {
    let start = std::time::Instant::now();
    while state(pid) != want {
        assert!(start.elapsed() < TIMEOUT, "{:?}", pty.report(&format!("process state {} not {want}", state(pid))));
        std::thread::sleep(Duration::from_millis(20));
        pty.pump();
    }
}

#[test]
fn ctrl_z_goes_back_to_the_shell_and_fg_brings_the_screen_back() {
    if !Path::new("/bin/bash").exists() {
        common::skipped("ctrl_z_goes_back_to_the_shell_and_fg_brings_the_screen_back: no /bin/bash here");
        return;
    }
    let root = tempfile::tempdir().unwrap();
    // Suspend has no default key (Ctrl-Z is undo wherever there is undo):
    // given one by its name, on every screen where that key is free.
    write_config(root.path(), "keymap:\n  global:\n    suspend: ctrl-z\n");
    let mut pty = Pty::spawn_program(
        root.path(),
        "/bin/bash",
        &["--norc", "--noprofile", "-i"],
        &[("PS1", "shell$ "), ("HISTFILE", "/dev/null")],
    );
    pty.expect("shell$ ");
    pty.send(&format!("{}\r", common::BIN));
    pty.expect("No interviews yet.");
    let pid = *pty.grandchildren().first().expect("fieldnotes runs under the shell");

    // Ctrl-Z in the library: the shell's prompt, on the normal screen, no mouse reporting.
    pty.send(CTRL_Z);
    pty.wait_until("the shell saying it stopped", TIMEOUT, |s| s.contains("Stopped")).unwrap();
    wait_state(&mut pty, pid, 'T');
    assert!(!pty.parser.screen().alternate_screen(), "{:?}", pty.report("still on the alternate screen"));
    assert_eq!(pty.parser.screen().mouse_protocol_mode(), MouseProtocolMode::None);

    // fg: the whole screen is drawn again and keys work.
    pty.send("fg\r");
    pty.wait_until("the library again", TIMEOUT, |s| s.contains("No interviews yet.") && !s.contains("Stopped"))
        .unwrap();
    assert!(pty.parser.screen().alternate_screen());
    pty.send("n");
    pty.expect("New interview");
    pty.send("\x1b");
    // (An Esc still unread when the shell takes over would reach its line editor.)
    pty.wait_until("the form closed", TIMEOUT, |s| !s.contains("New interview")).unwrap();

    // kill -TSTP from elsewhere: the terminal is restored before stopping too.
    common::signal(pid, "TSTP");
    wait_state(&mut pty, pid, 'T');
    pty.wait_until("the normal screen", TIMEOUT, |s| s.contains("Stopped")).unwrap();
    assert!(!pty.parser.screen().alternate_screen(), "{:?}", pty.report("still on the alternate screen"));
    pty.send("fg\r");
    pty.wait_until("the library again", TIMEOUT, |s| s.contains("No interviews yet.")).unwrap();
    pty.send("q");
    pty.expect("shell$ ");
    pty.send("exit\r");
    pty.wait_exit(TIMEOUT);
}

#[test]
fn ctrl_z_without_a_shell_to_return_to_says_so_and_carries_on() {
    let root = tempfile::tempdir().unwrap();
    write_config(root.path(), "keymap:\n  global:\n    suspend: ctrl-z\n");
    // Started straight in the terminal (no job control): stopping would hang.
    let mut pty = Pty::spawn(root.path(), &[]);
    pty.expect("No interviews yet.");
    pty.send(CTRL_Z);
    pty.expect("Not suspended");
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).success());
}

#[test]
fn resizing_at_any_moment_keeps_what_is_being_typed() {
    let root = tempfile::tempdir().unwrap();
    let mut pty = interview(root.path());
    pty.expect("Notes (0)");
    pty.send("half a sentence");
    pty.expect("› half a sentence");
    pty.resize(12, 50);
    pty.expect("Window too small");
    pty.send(" and more");
    pty.resize(24, 80);
    pty.expect("› half a sentence and more");
    pty.send(ENTER);
    pty.expect("Notes (1)");
    pty.send(CTRL_Q);
    assert!(pty.wait_exit(TIMEOUT).success());
}
