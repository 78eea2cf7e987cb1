//! The whole process, timed from outside on the 1,000-session library: start-up
//! to the first frame, `list`, and `synth --format json` cold and warm, with
//! the peak memory (max RSS from `wait4`) of each run.
//!
//! Start-up runs the TUI in a pseudo-terminal (200x50) with
//! `FIELDNOTES_EXIT_AFTER_FIRST_FRAME=1`, which leaves right after the first
//! frame is drawn: the time is process start to exit, so it includes
//! restoring the terminal. `=library` waits for the frame that shows the
//! scanned library instead.
//!
//! Budgets: first frame under 100 ms, and the first frame with the library's
//! rows under 100 ms too (the rows come from the library index, no note
//! text); `list` under 200 ms; synth under 1 s cold and 100 ms warm, peak
//! RSS under 150 MB. `FIELDNOTES_BENCH_DATA` points the `list` and start-up
//! runs at another data dir (a generated 10,000-interview library, say), to
//! check those figures stay within 10x of the 1,000's; the `new` run writes a
//! session there and removes it, so point it at a copy you may write to.

mod common;

use common::{Budget, Plan};
use criterion::{Criterion, criterion_group, criterion_main};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_fieldnotes");

/// Config and cache dirs of the benchmark's own, so no user setting counts.
struct Env {
    data: PathBuf,
    config: PathBuf,
    cache: PathBuf,
}

fn env() -> Env {
    let data = std::env::var_os("FIELDNOTES_BENCH_DATA").map(PathBuf::from).unwrap_or_else(common::library);
    let root = common::data_root();
    let config = root.join("config");
    std::fs::create_dir_all(&config).expect("config dir");
    Env { data, config, cache: root.join("cache") }
}

impl Env {
    fn vars(&self) -> Vec<(&'static str, &Path)> {
        vec![
            ("FIELDNOTES_DATA_DIR", &self.data),
            ("FIELDNOTES_CONFIG_DIR", &self.config),
            ("FIELDNOTES_CACHE_DIR", &self.cache),
        ]
    }
}

/// Runs `fieldnotes args` to the end: wall time and peak RSS in bytes.
fn run(env: &Env, args: &[&str]) -> (Duration, u64) {
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

/// The TUI in a 200x50 pseudo-terminal until it leaves by itself.
fn tui_until(env: &Env, when: &str, args: &[&str]) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize { rows: common::HEIGHT, cols: common::WIDTH, pixel_width: 0, pixel_height: 0 })
        .expect("open a pty");
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

/// Every process benchmark: a few slow runs.
const PLAN: Plan = Plan::new(10, Duration::from_millis(500), Duration::from_secs(3)).flat();

fn startup(c: &mut Criterion) {
    let env = env();
    // The library's derived cache is warm, as it is after the first run.
    run(&env, &["list"]);
    for (name, when, budget) in [
        ("first-frame", "1", Budget::Median(common::ms(100))),
        ("library-shown", "library", Budget::Median(common::ms(100))),
    ] {
        let samples = common::time(c, "startup", name, PLAN, || tui_until(&env, when, &[]));
        samples.report(&format!("startup/{name} (1,000 sessions, pty 200x50)"), budget);
    }
    // `new` opens the live screen from the guide and the new session alone;
    // the library is read behind it. Each run's session is removed after it.
    let args = ["new", "--participant", "Bench Newcomer"];
    let samples = common::time(c, "startup", "new-first-frame", PLAN, || {
        let took = tui_until(&env, "1", &args);
        remove_sessions_of(&env.data, "bench-newcomer");
        took
    });
    samples.report("startup/new-first-frame (1,000 sessions, pty 200x50)", Budget::Median(common::ms(100)));
}

/// Deletes the session files (and their journals and locks) whose name holds `slug`.
fn remove_sessions_of(data: &Path, slug: &str) {
    let sessions = data.join("sessions");
    for dir in [sessions.clone(), sessions.join(".fieldnotes")] {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if entry.file_name().to_string_lossy().contains(slug) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

fn commands(c: &mut Criterion) {
    let env = env();
    let cases: [(&str, &[&str], bool, Budget); 3] = [
        ("list", &["list"], false, Budget::Median(common::ms(200))),
        ("synth-json-cold", &["synth", "--format", "json"], true, Budget::Median(common::ms(1000))),
        ("synth-json-warm", &["synth", "--format", "json"], false, Budget::Median(common::ms(100))),
    ];
    for (name, args, cold, budget) in cases {
        let mut peak = 0u64;
        let samples = common::time(c, "command", name, PLAN, || {
            if cold {
                let _ = std::fs::remove_dir_all(&env.cache);
            } else {
                run(&env, args); // make sure the cache is there and current
            }
            let (d, rss) = run(&env, args);
            peak = peak.max(rss);
            d
        });
        samples.report(&format!("command/{name} (1,000 sessions)"), budget);
        let mb = peak as f64 / 1e6;
        println!(
            "command/{name}: peak RSS {mb:.1} MB  budget ≤ 150 MB → {}",
            if mb <= 150.0 { "MET" } else { "MISSED" }
        );
    }
}

criterion_group!(benches, startup, commands);
criterion_main!(benches);
