//! Shared by the end-to-end tests: the real binary in a pseudo-terminal
//! (`Pty`), read back through a vt100 emulator, and the plain commands run
//! with the same isolated data and config directories.

// Each test binary uses its own part of this module.
#![allow(dead_code)]

pub mod browser;
pub mod screen;

use fieldnotes::domain::note::Kind;
use fieldnotes::domain::session::{Closing, Note, Offset, Participant, Session};
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use serde_json::Value;
use std::fmt;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

pub const ROWS: NonZeroU16 = NonZeroU16::new(30).unwrap();
pub const COLS: NonZeroU16 = NonZeroU16::new(100).unwrap();
/// Generous, for a loaded 2-core CI machine; the happy path takes milliseconds.
pub const TIMEOUT: Duration = Duration::from_secs(10);
pub const POLL: Duration = Duration::from_millis(20);

pub const CTRL_N: &str = "\x0e";
pub const CTRL_E: &str = "\x05";
pub const CTRL_Q: &str = "\x11";
pub const ENTER: &str = "\r";

pub const BIN: &str = env!("CARGO_BIN_EXE_fieldnotes");

/// A failed wait, with the screen as it was so the failure can be read.
pub struct Failure(pub String);

impl fmt::Debug for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The app running in a pseudo-terminal, and what it has drawn so far.
pub struct Pty {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    rx: Receiver<Vec<u8>>,
    pub parser: vt100::Parser,
    /// Every byte the app wrote, in order.
    pub raw: Vec<u8>,
    /// The reader thread saw end of file (the app and the pty's slave side are gone).
    pub eof: bool,
    pub status: Option<ExitStatus>,
    // Kept open for the life of the test: the reader and writer are its clones.
    _master: Box<dyn MasterPty + Send>,
}

impl Pty {
    /// Starts `fieldnotes <args>` with its data and config isolated under `root`.
    pub fn spawn(root: &Path, args: &[&str]) -> Pty {
        Pty::spawn_with_env(root, args, &[])
    }

    /// As `spawn`, with extra environment variables.
    pub fn spawn_with_env(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Pty {
        Pty::spawn_program(root, BIN, args, env)
    }

    /// Runs any program in the pty with fieldnotes' directories isolated under
    /// `root` (a shell, to test job control).
    pub fn spawn_program(root: &Path, program: &str, args: &[&str], env: &[(&str, &str)]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize { rows: ROWS.get(), cols: COLS.get(), pixel_width: 0, pixel_height: 0 })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(root);
        cmd.env("FIELDNOTES_DATA_DIR", data_dir(root));
        cmd.env("FIELDNOTES_CONFIG_DIR", config_dir(root));
        cmd.env("FIELDNOTES_CACHE_DIR", root.join("cache"));
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn fieldnotes");
        // Only the child may hold the slave side, so the reader sees EOF when it exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (tx, rx) = mpsc::channel();
        // This thread drains the pty for as long as the app writes to it, so the
        // app never blocks on a full terminal, whatever the test is doing.
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

    /// The process ids of the child's children (a shell's jobs).
    pub fn grandchildren(&self) -> Vec<u32> {
        let pid = self.pid();
        std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|p| p.parse().ok())
            .collect()
    }

    /// Resizes the emulator, then the terminal (the app gets SIGWINCH), as a
    /// real terminal does: its grid has the new size before the app can learn
    /// of it, so every frame drawn for the new size lands in a grid of that
    /// size. (Resizing the emulator afterwards let a quick app's new frame be
    /// taken at the old size: a garbled screen that diffed redraws never
    /// repair.) Bytes of an old-size frame still on their way land in the new
    /// grid, which is harmless: the app clears the whole screen when it draws
    /// at a new size.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.pump();
        self.parser.screen_mut().set_size(NonZeroU16::new(rows).expect("rows"), NonZeroU16::new(cols).expect("cols"));
        self._master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize the pty");
    }

    /// The app's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a process id")
    }

    /// Feeds whatever the reader thread has received into the emulator.
    pub fn pump(&mut self) {
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

    pub fn poll_exit(&mut self) -> Option<ExitStatus> {
        if self.status.is_none() {
            self.status = self.child.try_wait().expect("try_wait");
        }
        self.status.clone()
    }

    /// Waits for the process (already told to die) without a timeout.
    pub fn reap(&mut self) -> ExitStatus {
        if self.status.is_none() {
            self.status = Some(self.child.wait().expect("wait for the child"));
        }
        self.status.clone().expect("just set")
    }

    pub fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// The visible screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    pub fn report(&self, what: &str) -> Failure {
        let (rows, cols) = self.parser.screen().size();
        Failure(format!(
            "{what}\nchild status: {:?}; alternate screen: {}; {} bytes read; emulator {rows}x{cols}\n\
             --- screen ---\n{}\n--------------\n\
             --- the app's output since its last full-screen clear, replayed at {rows}x{cols} ---\n{}\n--------------",
            self.status,
            self.parser.screen().alternate_screen(),
            self.raw.len(),
            numbered(&self.screen()),
            numbered(&self.replay_since_last_clear()),
        ))
    }

    /// What the app drew since it last cleared the whole screen, replayed in
    /// a fresh emulator of the current size. The app clears everything when
    /// it notices a new size, so this is the screen a terminal would show if
    /// it had taken those bytes at the size the app drew them for: when it
    /// differs from `screen()`, the emulator took them at another size.
    pub fn replay_since_last_clear(&self) -> String {
        const CLEAR_ALL: &[u8] = b"\x1b[2J";
        let start = self.raw.windows(CLEAR_ALL.len()).rposition(|w| w == CLEAR_ALL).unwrap_or(0);
        let (rows, cols) = self.parser.screen().size();
        let mut fresh = vt100::Parser::new(rows, cols, 0);
        // The alternate screen was entered before the clear: enter it again.
        if self.parser.screen().alternate_screen() {
            fresh.process(b"\x1b[?1049h");
        }
        fresh.process(&self.raw[start..]);
        fresh.screen().contents()
    }

    /// Waits until `done` holds for the screen's text; `what` names it in the error.
    pub fn wait_until(&mut self, what: &str, timeout: Duration, done: impl Fn(&str) -> bool) -> Result<(), Failure> {
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
    pub fn wait_for(&mut self, text: &str, timeout: Duration) -> Result<(), Failure> {
        self.wait_until(&format!("{text:?}"), timeout, |screen| screen.contains(text))
    }

    /// `wait_for` with the default timeout, panicking with the screen on failure.
    pub fn expect(&mut self, text: &str) {
        if let Err(f) = self.wait_for(text, TIMEOUT) {
            panic!("{f:?}");
        }
    }

    /// Reads until the reader thread ends or `limit` passes.
    pub fn drain(&mut self, limit: Duration) {
        let start = Instant::now();
        while !self.eof && start.elapsed() < limit {
            self.pump();
            std::thread::sleep(POLL);
        }
        self.pump();
    }

    /// Waits for the app to exit, then for the rest of its output.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
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

/// A screen's text with its row numbers, for failure messages.
fn numbered(screen: &str) -> String {
    screen.lines().enumerate().map(|(i, l)| format!("{i:>2}│{l}")).collect::<Vec<_>>().join("\n")
}

pub fn data_dir(root: &Path) -> PathBuf {
    root.join("data")
}

pub fn config_dir(root: &Path) -> PathBuf {
    root.join("cfg")
}

pub fn sessions_dir(root: &Path) -> PathBuf {
    data_dir(root).join("sessions")
}

/// Where the journal and lock of session `id` live.
pub fn state_dir(root: &Path) -> PathBuf {
    sessions_dir(root).join(".fieldnotes")
}

pub fn journal_path(root: &Path, id: &str) -> PathBuf {
    state_dir(root).join(format!("{id}.journal"))
}

pub fn lock_path(root: &Path, id: &str) -> PathBuf {
    state_dir(root).join(format!("{id}.lock"))
}

/// Runs `fieldnotes <args>` as a plain process (no terminal), isolated under
/// `root`; killed and reported if it has not finished within `TIMEOUT`.
pub fn cli(root: &Path, args: &[&str]) -> Output {
    let child = std::process::Command::new(BIN)
        .args(args)
        .current_dir(root)
        .env("FIELDNOTES_DATA_DIR", data_dir(root))
        .env("FIELDNOTES_CONFIG_DIR", config_dir(root))
        .env("FIELDNOTES_CACHE_DIR", root.join("cache"))
        .env_remove("NO_COLOR")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("run fieldnotes {args:?}: {e}"));
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(TIMEOUT) {
        Ok(out) => out.unwrap_or_else(|e| panic!("run fieldnotes {args:?}: {e}")),
        Err(_) => {
            let _ = std::process::Command::new("kill").arg("-KILL").arg(pid.to_string()).status();
            panic!("fieldnotes {args:?} did not finish within {TIMEOUT:?}");
        }
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `fieldnotes list --json`, parsed.
pub fn list_json(root: &Path) -> Vec<Value> {
    let out = cli(root, &["list", "--json"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "list --json failed: {:?}\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    match serde_json::from_str::<Value>(&stdout) {
        Ok(Value::Array(rows)) => rows,
        other => panic!("list --json is not a JSON array ({other:?}):\n{stdout}"),
    }
}

/// Sends `kill -<signal> <pid>` (the `kill` command: no libc in the tests).
pub fn signal(pid: u32, signal: &str) {
    let out =
        std::process::Command::new("kill").arg(format!("-{signal}")).arg(pid.to_string()).output().expect("run kill");
    assert!(out.status.success(), "kill -{signal} {pid} failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// The session files (`*.yaml`) in the sessions folder, sorted.
pub fn session_files(root: &Path) -> Vec<PathBuf> {
    let dir = sessions_dir(root);
    let Ok(read) = std::fs::read_dir(&dir) else { return vec![] };
    let mut files: Vec<PathBuf> =
        read.map(|e| e.expect("dir entry").path()).filter(|p| p.extension().is_some_and(|x| x == "yaml")).collect();
    files.sort();
    files
}

/// The one session file the run wrote, and its text.
pub fn only_session(root: &Path) -> (PathBuf, String) {
    let files = session_files(root);
    assert_eq!(files.len(), 1, "expected one session file in {}: {files:?}", sessions_dir(root).display());
    let text = std::fs::read_to_string(&files[0]).expect("read the session file");
    (files[0].clone(), text)
}

/// A session file's id: its name without `.yaml`.
pub fn id_of(path: &Path) -> String {
    path.file_stem().expect("file name").to_string_lossy().into_owned()
}

pub fn parse_yaml(text: &str) -> Value {
    serde_saphyr::from_str::<Value>(text).unwrap_or_else(|e| panic!("session file is not valid YAML: {e}\n{text}"))
}

pub fn tags(note: &Value) -> Vec<&str> {
    note["tags"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

pub fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A note as the tests write them (not done, nothing extra).
pub fn note(at: u32, kind: Kind, question: Option<&str>, text: &str, tags: &[&str]) -> Note {
    Note {
        at: Offset(at),
        sitting: None,
        text: text.into(),
        kind,
        question: question.map(String::from),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        done: false,
        starred: false,
        from_transcript: false,
        typed: None,
        extra: Default::default(),
    }
}

/// A discovery interview with Ana, begun and not ended: what the writer
/// tests open, change and close.
pub fn open_session(id: &str) -> Session {
    let t = chrono::DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").expect("a valid time");
    Session::new(id.into(), "discovery", "Discovery", Participant { name: "Ana".into(), ..Default::default() }, t)
}

/// The `i`-th plain note of a writer test, ten seconds after the one before.
pub fn numbered_note(i: usize, question: Option<&str>, tags: &[&str]) -> Note {
    note(i as u32 * 10, Kind::Note, question, &format!("note {i}: we export to Excel"), tags)
}

/// `base` after the first `n` of `ops`: what the writer tests expect on disk.
pub fn state_after(base: &Session, ops: &[fieldnotes::domain::op::Op], n: usize) -> Session {
    let mut s = base.clone();
    for op in &ops[..n] {
        op.apply(&mut s).expect("the script's ops apply");
    }
    s
}

/// A finished 40-minute discovery interview at Acme, with a closing answer.
pub fn finished_session(id: &str, who: &str, started: &str, notes: Vec<Note>) -> Session {
    let started = chrono::DateTime::parse_from_rfc3339(started).expect("a valid time");
    let p = Participant { name: who.into(), company: Some("Acme".into()), ..Default::default() };
    let mut s = Session::new(id.into(), "discovery", "Discovery interview", p, started);
    s.ended_at = Some(started + chrono::Duration::minutes(40));
    s.notes = notes;
    s.closing = Some(Closing {
        question: "What else is on your mind?".into(),
        answer: Some("The AWS bill eats my Mondays.".into()),
        tags: Vec::new(),
        extra: Default::default(),
    });
    s
}

/// Says that a test skipped, and why, where a passing run shows it.
/// `eprintln!` in a test is captured by the harness and shown only when the
/// test fails, so a skip said that way is silent; a direct write to the
/// standard error is not captured.
pub fn skipped(why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED {why}");
}
