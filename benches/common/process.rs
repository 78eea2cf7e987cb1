//! Running the real binary from a benchmark: to the end with its peak memory
//! (`run`), or in a pseudo-terminal until it leaves after a chosen frame
//! (`tui_until`), with the data, config and cache dirs of the benchmark's own.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_fieldnotes");

/// Where a run reads and writes, so no user setting counts.
pub struct Env {
    pub data: PathBuf,
    pub config: PathBuf,
    pub cache: PathBuf,
}

impl Env {
    /// The library in `data`, with config and cache under `root`.
    pub fn new(data: PathBuf, root: &Path) -> Env {
        let config = root.join("config");
        std::fs::create_dir_all(&config).expect("config dir");
        Env { data, config, cache: root.join("cache") }
    }

    fn vars(&self) -> [(&'static str, &Path); 3] {
        [
            ("FIELDNOTES_DATA_DIR", &self.data),
            ("FIELDNOTES_CONFIG_DIR", &self.config),
            ("FIELDNOTES_CACHE_DIR", &self.cache),
        ]
    }
}

/// Runs `fieldnotes args` to the end: wall time and peak RSS in bytes.
pub fn run(env: &Env, args: &[&str]) -> (Duration, u64) {
    let mut cmd = Command::new(BIN);
    cmd.args(args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::inherit());
    for (k, v) in env.vars() {
        cmd.env(k, v);
    }
    let t = Instant::now();
    // Reaped by `wait4` below, not `Child::wait`, to read its peak RSS.
    #[allow(clippy::zombie_processes)]
    let child = cmd.spawn().expect("spawn fieldnotes");
    let (status, rss) = wait4(child.id());
    let elapsed = t.elapsed();
    assert!(status == 0, "fieldnotes {args:?} failed ({status})");
    (elapsed, rss)
}

/// Runs `fieldnotes args` to the end, untimed, and gives what it said on stderr.
pub fn stderr_of(env: &Env, args: &[&str]) -> String {
    let mut cmd = Command::new(BIN);
    cmd.args(args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
    for (k, v) in env.vars() {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run fieldnotes");
    assert!(out.status.success(), "fieldnotes {args:?} failed ({})", out.status);
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Reaps the child with `wait4`, the one call that also gives its peak RSS.
fn wait4(pid: u32) -> (i32, u64) {
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; pid is our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(r, pid as libc::pid_t, "wait4: {}", std::io::Error::last_os_error());
    // Linux reports kilobytes.
    (status, usage.ru_maxrss as u64 * 1024)
}

/// The TUI in a `cols`x`rows` pseudo-terminal until it leaves by itself:
/// `FIELDNOTES_EXIT_AFTER_FIRST_FRAME=when` (`1`: the first frame; `library`:
/// the first frame that shows the library). The time is process start to
/// exit, so it includes restoring the terminal.
pub fn tui_until(env: &Env, when: &str, args: &[&str], (cols, rows): (u16, u16)) -> Duration {
    let pair =
        native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("open a pty");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(args);
    for (k, v) in env.vars() {
        cmd.env(k, v);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.env("FIELDNOTES_EXIT_AFTER_FIRST_FRAME", when);
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    // Drain the terminal so the app never blocks writing its frame.
    let drain = std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        let mut total = 0;
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            total += n;
        }
        total
    });
    let t = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn fieldnotes");
    drop(pair.slave);
    let status = child.wait().expect("wait");
    let elapsed = t.elapsed();
    drop(pair.master);
    let drawn = drain.join().expect("drain");
    assert!(status.success() && drawn > 0, "the TUI drew and left cleanly ({status:?})");
    elapsed
}

/// Deletes the session files (and their journals and locks) whose name holds `slug`.
pub fn remove_sessions_of(data: &Path, slug: &str) {
    let sessions = data.join("sessions");
    for dir in [sessions.clone(), sessions.join(".fieldnotes")] {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if entry.file_name().to_string_lossy().contains(slug) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}
