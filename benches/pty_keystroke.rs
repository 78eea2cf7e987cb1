//! Keystroke → first byte back, as the user's terminal sees it: the release
//! binary resumes a 3,000-note session in a 200x50 pseudo-terminal, keys are
//! sent one at a time, and each is timed from its write to the first byte
//! the app writes back (what `keystroke.rs` times in-process, plus the input
//! thread, the hand-off to the loop, and the frame's way out).
//!
//! The same harness drives `vim -u NONE` in insert mode on the same keys,
//! rounds alternating between the two so a busy moment of the machine falls
//! on both. vim missing: said, and fieldnotes timed alone.
//!
//! Budget (issue #19): p50 ≤ 0.5 ms, p99 ≤ 1 ms, and within 1.5x of vim.
//!
//!   cargo bench --bench pty_keystroke [-- --rounds N --keys N]

mod common;

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_fieldnotes");

/// Typed into the note input (and vim's insert mode), cleared with Ctrl-U
/// after each sentence, so the screen stays the same size round after round.
const SENTENCE: &str = "We export everything to Excel every Friday then fix it by hand";
const CLEAR: u8 = 0x15;

/// After the first byte, output counts as the same frame until the pty has
/// been quiet this long; then the next key goes.
const QUIET: Duration = Duration::from_millis(3);

/// A program in the pty: its input, and its output as (when read, bytes).
struct Driven {
    name: &'static str,
    child: Box<dyn Child + Send + Sync>,
    input: Box<dyn Write + Send>,
    output: Receiver<(Instant, Vec<u8>)>,
    _master: Box<dyn MasterPty + Send>,
}

impl Driven {
    fn spawn(name: &'static str, cmd: CommandBuilder) -> Driven {
        let pair = native_pty_system()
            .openpty(PtySize { rows: common::HEIGHT, cols: common::WIDTH, pixel_width: 0, pixel_height: 0 })
            .expect("open a pty");
        let child = pair.slave.spawn_command(cmd).unwrap_or_else(|e| panic!("spawn {name}: {e}"));
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let input = pair.master.take_writer().expect("pty writer");
        let (tx, output) = mpsc::channel();
        // The time is taken as the read returns, on this thread: the hand-off
        // to the timing thread is not counted against the app.
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                    return;
                }
            }
        });
        Driven { name, child, input, output, _master: pair.master }
    }

    /// Reads until `done` holds for everything read so far, or panics after `limit`.
    fn wait_for(&mut self, what: &str, limit: Duration, done: impl Fn(&[u8]) -> bool) {
        let start = Instant::now();
        let mut seen = Vec::new();
        while !done(&seen) {
            let left = limit.checked_sub(start.elapsed()).unwrap_or_else(|| panic!("{}: no {what}", self.name));
            if let Ok((_, bytes)) = self.output.recv_timeout(left) {
                seen.extend(bytes);
            }
        }
        self.settle();
    }

    /// Reads whatever is in flight until the pty has been quiet for `QUIET`.
    fn settle(&mut self) {
        loop {
            match self.output.recv_timeout(QUIET) {
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => return,
                Err(RecvTimeoutError::Disconnected) => panic!("{} left", self.name),
            }
        }
    }

    /// Sends one key; the time until the first byte comes back.
    fn key(&mut self, key: u8) -> Duration {
        self.settle();
        let sent = Instant::now();
        self.input.write_all(&[key]).expect("send a key");
        self.input.flush().expect("send a key");
        let (at, _) =
            self.output.recv_timeout(Duration::from_secs(5)).unwrap_or_else(|_| panic!("{}: no answer", self.name));
        at.saturating_duration_since(sent)
    }

    /// `n` keys of the sentence, cleared at its end.
    fn round(&mut self, n: usize, typed: &mut usize) -> Vec<Duration> {
        (0..n)
            .map(|_| {
                let key = SENTENCE.as_bytes().get(*typed).copied().unwrap_or(CLEAR);
                *typed = if key == CLEAR { 0 } else { *typed + 1 };
                self.key(key)
            })
            .collect()
    }
}

impl Drop for Driven {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A data dir holding only the 3,000-note session, made fresh for each run
/// (a run leaves its journal and lock behind). Returns the dir and the id.
fn live_library() -> (PathBuf, String) {
    let (session, _) = common::big_session(common::LIVE_NOTES);
    let root = common::data_root().join("pty-keystroke");
    let _ = std::fs::remove_dir_all(&root);
    let sessions = root.join("data").join("sessions");
    std::fs::create_dir_all(&sessions).expect("sessions dir");
    std::fs::create_dir_all(root.join("config")).expect("config dir");
    let path = sessions.join(format!("{}.yaml", session.id));
    fieldnotes::store::writer::write_session(&path, &session).expect("write the session");
    (root, session.id)
}

fn fieldnotes(root: &Path, id: &str) -> Driven {
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(["resume", id]);
    cmd.env("FIELDNOTES_DATA_DIR", root.join("data"));
    cmd.env("FIELDNOTES_CONFIG_DIR", root.join("config"));
    cmd.env("FIELDNOTES_CACHE_DIR", root.join("cache"));
    cmd.env("TERM", "xterm-256color");
    let mut app = Driven::spawn("fieldnotes", cmd);
    let shown = format!("Notes ({})", common::LIVE_NOTES);
    app.wait_for("live screen", Duration::from_secs(30), |seen| contains(seen, shown.as_bytes()));
    app
}

/// `vim -u NONE` in insert mode, or why not.
fn vim(root: &Path) -> Result<Driven, String> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = std::env::split_paths(&path).map(|d| d.join("vim")).find(|p| p.is_file());
    let vim = found.ok_or("no `vim` on PATH")?;
    let mut cmd = CommandBuilder::new(vim);
    cmd.args(["-u", "NONE", "-N", "-n", "-i", "NONE"]);
    cmd.arg(root.join("vim.txt"));
    cmd.env("TERM", "xterm-256color");
    let mut vim = Driven::spawn("vim", cmd);
    // Its first screen, then insert mode.
    vim.wait_for("first screen", Duration::from_secs(10), |seen| !seen.is_empty());
    std::thread::sleep(Duration::from_millis(200));
    vim.key(b'i');
    std::thread::sleep(Duration::from_millis(100));
    vim.settle();
    Ok(vim)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)?.parse().ok()).unwrap_or(default)
}

fn main() {
    let rounds = arg("--rounds", 3);
    let keys = arg("--keys", 200);
    let (root, id) = live_library();
    let mut app = fieldnotes(&root, &id);
    let mut vim = match vim(&root) {
        Ok(v) => Some(v),
        Err(why) => {
            println!("pty-keystroke: vim skipped: {why}");
            None
        }
    };
    // One round untimed each, for warm caches on both sides.
    let (mut typed_app, mut typed_vim) = (0, 0);
    app.round(keys / 4, &mut typed_app);
    if let Some(v) = vim.as_mut() {
        v.round(keys / 4, &mut typed_vim);
    }
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for r in 0..rounds {
        ours.extend(app.round(keys, &mut typed_app));
        if let Some(v) = vim.as_mut() {
            theirs.extend(v.round(keys, &mut typed_vim));
        }
        eprintln!("pty-keystroke: round {}/{rounds} done", r + 1);
    }
    ours.sort();
    theirs.sort();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    println!(
        "pty-keystroke: {} notes, pty {}x{}, {rounds} rounds x {keys} keys alternating, load average {load}",
        common::LIVE_NOTES,
        common::WIDTH,
        common::HEIGHT
    );
    let (p50, p99) = (percentile(&ours, 0.5), percentile(&ours, 0.99));
    println!("  fieldnotes     p50 {:.3} ms  p99 {:.3} ms", ms(p50), ms(p99));
    let mut met = p50 <= Duration::from_micros(500) && p99 <= Duration::from_millis(1);
    if !theirs.is_empty() {
        let (v50, v99) = (percentile(&theirs, 0.5), percentile(&theirs, 0.99));
        let (r50, r99) = (ms(p50) / ms(v50).max(1e-3), ms(p99) / ms(v99).max(1e-3));
        println!("  vim -u NONE    p50 {:.3} ms  p99 {:.3} ms", ms(v50), ms(v99));
        println!("  ratio          p50 {r50:.2}x     p99 {r99:.2}x");
        met &= r50 <= 1.5 && r99 <= 1.5;
    }
    println!("pty-keystroke: budget p50 ≤ 0.5 ms, p99 ≤ 1 ms, ≤ 1.5x vim → {}", if met { "MET" } else { "MISSED" });
}
