//! End-to-end tests of the live capture screen: the real binary runs in a
//! pseudo-terminal, keys and pastes are sent as bytes, the screen is read back
//! through a vt100 emulator, and the session file on disk is checked.

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use serde_json::Value;
use std::fmt;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

const ROWS: NonZeroU16 = NonZeroU16::new(30).unwrap();
const COLS: NonZeroU16 = NonZeroU16::new(100).unwrap();
/// Generous, for a loaded 2-core CI machine; the happy path takes milliseconds.
const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);

const CTRL_N: &str = "\x0e";
const CTRL_E: &str = "\x05";
const CTRL_Q: &str = "\x11";
const ENTER: &str = "\r";

/// A failed wait, with the screen as it was so the failure can be read.
struct Failure(String);

impl fmt::Debug for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The app running in a pseudo-terminal, and what it has drawn so far.
struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    rx: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    /// Every byte the app wrote, in order.
    raw: Vec<u8>,
    /// The reader thread saw end of file (the app and the pty's slave side are gone).
    eof: bool,
    status: Option<ExitStatus>,
    // Kept open for the life of the test: the reader and writer are its clones.
    _master: Box<dyn MasterPty + Send>,
}

impl Pty {
    /// Starts `fieldnotes <args>` with its data and config isolated under `root`.
    fn spawn(root: &Path, args: &[&str]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize { rows: ROWS.get(), cols: COLS.get(), pixel_width: 0, pixel_height: 0 })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_fieldnotes"));
        cmd.args(args);
        cmd.cwd(root);
        cmd.env("FIELDNOTES_DATA_DIR", root.join("data"));
        cmd.env("FIELDNOTES_CONFIG_DIR", root.join("cfg"));
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).expect("spawn fieldnotes");
        // Only the child may hold the slave side, so the reader sees EOF when it exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    // EOF, or EIO once the slave side is closed (Linux).
                    Ok(0) | Err(_) => return,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        Pty {
            child,
            writer,
            rx,
            parser: vt100::Parser::new(ROWS, COLS, 0),
            raw: Vec::new(),
            eof: false,
            status: None,
            _master: pair.master,
        }
    }

    /// Feeds whatever the reader thread has received into the emulator.
    fn pump(&mut self) {
        loop {
            match self.rx.try_recv() {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => {
                    self.eof = true;
                    return;
                }
            }
        }
    }

    fn poll_exit(&mut self) -> Option<ExitStatus> {
        if self.status.is_none() {
            self.status = self.child.try_wait().expect("try_wait");
        }
        self.status.clone()
    }

    fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// The visible screen as text, one line per row.
    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    fn report(&self, what: &str) -> Failure {
        let rows: Vec<String> = self.screen().lines().enumerate().map(|(i, l)| format!("{i:>2}│{l}")).collect();
        Failure(format!(
            "{what}\nchild status: {:?}; alternate screen: {}; {} bytes read\n--- screen ---\n{}\n--------------",
            self.status,
            self.parser.screen().alternate_screen(),
            self.raw.len(),
            rows.join("\n"),
        ))
    }

    /// Waits until `done` holds for the screen's text; `what` names it in the error.
    fn wait_until(&mut self, what: &str, timeout: Duration, done: impl Fn(&str) -> bool) -> Result<(), Failure> {
        let start = Instant::now();
        loop {
            self.pump();
            if done(&self.screen()) {
                return Ok(());
            }
            if self.poll_exit().is_some() {
                // Give the last bytes a moment to arrive before judging.
                self.drain(Duration::from_millis(500));
                if done(&self.screen()) {
                    return Ok(());
                }
                return Err(self.report(&format!("the app exited while waiting for {what}")));
            }
            if start.elapsed() > timeout {
                return Err(self.report(&format!("timed out after {timeout:?} waiting for {what}")));
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until `text` is on the screen.
    fn wait_for(&mut self, text: &str, timeout: Duration) -> Result<(), Failure> {
        self.wait_until(&format!("{text:?}"), timeout, |screen| screen.contains(text))
    }

    /// `wait_for` with the default timeout, panicking with the screen on failure.
    fn expect(&mut self, text: &str) {
        if let Err(f) = self.wait_for(text, TIMEOUT) {
            panic!("{f:?}");
        }
    }

    /// Reads until the reader thread ends or `limit` passes.
    fn drain(&mut self, limit: Duration) {
        let start = Instant::now();
        while !self.eof && start.elapsed() < limit {
            self.pump();
            std::thread::sleep(POLL);
        }
        self.pump();
    }

    /// Waits for the app to exit, then for the rest of its output.
    fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let start = Instant::now();
        loop {
            self.pump();
            if let Some(status) = self.poll_exit() {
                self.drain(Duration::from_secs(2));
                return status;
            }
            assert!(
                start.elapsed() <= timeout,
                "{:?}",
                self.report(&format!("the app did not exit within {timeout:?}"))
            );
            std::thread::sleep(POLL);
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A failed test must not leave the app running.
        if self.poll_exit().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn spawn_interview(root: &Path) -> Pty {
    Pty::spawn(root, &["new", "--guide", "discovery", "--participant", "Ana López", "--company", "Acme"])
}

/// The one session file the run wrote, and its text.
fn only_session(root: &Path) -> (PathBuf, String) {
    let dir = root.join("data").join("sessions");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    assert_eq!(files.len(), 1, "expected one session file in {}: {files:?}", dir.display());
    let text = std::fs::read_to_string(&files[0]).expect("read the session file");
    (files[0].clone(), text)
}

fn parse_yaml(text: &str) -> Value {
    serde_saphyr::from_str::<Value>(text).unwrap_or_else(|e| panic!("session file is not valid YAML: {e}\n{text}"))
}

fn tags(note: &Value) -> Vec<&str> {
    note["tags"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
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
