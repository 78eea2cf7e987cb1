//! What every benchmark shares: the generated library (written once per
//! `target/` and reused), the models built from it, the criterion timing loop
//! ([`time`], [`time_steps`]) and per-iteration times so each benchmark can
//! report its median and p99 against its budget.
//!
//! A later benchmark (say, drawing the synthesis screen) builds on
//! [`records`] and [`guides`] like `benches/synthesis.rs` does.

// Each bench binary uses its own part of this module.
#![allow(dead_code)]

#[path = "../../examples/gen_library.rs"]
mod gen_library;
pub mod process;

use chrono::{DateTime, FixedOffset};
use criterion::{Criterion, SamplingMode};
use crossterm::event::KeyEvent;
use fieldnotes::analysis::synthesis::SessionRecord;
use fieldnotes::domain::guide::Guide;
use fieldnotes::domain::session::Session;
use fieldnotes::store::guides;
use fieldnotes::store::library::{Library, load_session};
use fieldnotes::tui::app::{App, GuideChoice};
use fieldnotes::tui::theme::Theme;
use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The library every benchmark runs on: a year of interviews.
pub const SESSIONS: usize = 1_000;
/// Notes per session, on average: about 100,000 notes in all.
pub const NOTES_PER_SESSION: usize = 102;
pub const SEED: u64 = 7;
/// The live screen's session in the keystroke benchmarks.
pub const LIVE_NOTES: usize = 3_000;
/// The terminal every frame is drawn to.
pub const WIDTH: u16 = 200;
pub const HEIGHT: u16 = 50;

/// `target/bench-data`: on the build's own disk, kept between runs.
pub fn data_root() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("bench-data")
}

/// A generated library (a data dir holding `sessions/`), written on first use.
/// A marker file written last names what it holds, so an interrupted or
/// differently sized one is made again rather than trusted.
pub fn library_dir(sessions: usize, notes_per_session: usize) -> PathBuf {
    let dir = data_root().join(format!("library-{sessions}x{notes_per_session}-{SEED}"));
    let marker = dir.join("complete");
    let expected = format!("{sessions} {notes_per_session} {SEED}\n");
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(expected.as_str()) {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!("generating {sessions} sessions into {} (once per target dir)", dir.display());
    gen_library::generate(&dir, sessions, notes_per_session, SEED).expect("generate the library");
    std::fs::write(&marker, expected).expect("write the marker");
    dir
}

/// The standard library of 1,000 sessions.
pub fn library() -> PathBuf {
    library_dir(SESSIONS, NOTES_PER_SESSION)
}

pub fn sessions_dir() -> PathBuf {
    library().join("sessions")
}

/// Every session of the library as synthesis holds it, read without a cache.
pub fn records() -> Vec<SessionRecord> {
    let loaded = fieldnotes::store::cache::load(&sessions_dir(), None);
    assert!(loaded.errors.is_empty(), "the generated library loads cleanly");
    loaded.records
}

pub fn guides() -> Vec<Guide> {
    guides::BUILTIN.iter().map(|(name, _)| guides::parse_builtin(name).unwrap().expect("built-in guide")).collect()
}

pub fn guide_choices() -> Vec<GuideChoice> {
    guides().into_iter().map(|g| GuideChoice { name: g.name.clone(), guide: Ok(g) }).collect()
}

/// One session of exactly `n` notes, made of the library's notes in file
/// order, on the first session's guide and participant.
pub fn big_session(n: usize) -> (Session, Guide) {
    let paths = fieldnotes::store::library::session_paths(&sessions_dir());
    let mut session = load_session(&paths[0]).expect("first session");
    let mut notes = Vec::with_capacity(n);
    for path in &paths {
        notes.extend(load_session(path).expect("session").notes);
        if notes.len() >= n {
            break;
        }
    }
    notes.truncate(n);
    assert_eq!(notes.len(), n, "the library has enough notes");
    session.notes = notes;
    session.ended_at = None;
    let guide = guides().into_iter().find(|g| g.name == session.guide).expect("the session's guide is built in");
    (session, guide)
}

/// The app on the live screen with `session` open from `dir`, the whole
/// library behind it (its tags fill the palette), and the effect that starts
/// the session's writer.
pub fn live_app(
    library: &Library,
    session: &Session,
    guide: &Guide,
    dir: &Path,
) -> (App, fieldnotes::tui::app::Effect) {
    let now = session.started_at + chrono::Duration::minutes(30);
    let mut app = App::new(library.clone(), guide_choices(), dir.to_path_buf(), &guide.name, now);
    let path = dir.join(format!("{}.yaml", session.id));
    let begin = app.open_capture(session.clone(), guide.clone(), path);
    (app, begin)
}

/// What the TUI loop does with one key at `now`: resolve it through the live
/// keymap, update, draw the whole screen.
pub fn press(app: &mut App, screen: &mut Screen, theme: &Theme, key: KeyEvent, now: DateTime<FixedOffset>) {
    if let Some(action) = app.keymap.resolve(app.mode(), key) {
        black_box(app.update(action, now));
    }
    screen.draw(|f| fieldnotes::tui::ui::render(f, app, theme)).expect("draw");
}

/// The app's frame loop at the benches' size, writing its frames nowhere.
pub type Screen = fieldnotes::tui::screen::Screen<std::io::Sink>;

pub fn screen() -> Screen {
    Screen::new(std::io::sink(), ratatui::layout::Size { width: WIDTH, height: HEIGHT })
}

/// How criterion runs one benchmark: samples, warm-up and measurement time.
#[derive(Clone, Copy)]
pub struct Plan {
    pub sample_size: usize,
    pub warm_up: Duration,
    pub measurement: Duration,
    /// Criterion's flat sampling (as many iterations in every sample), for slow iterations.
    pub flat: bool,
}

impl Plan {
    pub const fn new(sample_size: usize, warm_up: Duration, measurement: Duration) -> Plan {
        Plan { sample_size, warm_up, measurement, flat: false }
    }

    pub const fn flat(self) -> Plan {
        Plan { flat: true, ..self }
    }
}

/// The criterion timing loop every benchmark runs: benchmarks `group/name`
/// with `one` as each iteration (it times itself, leaving out any set-up, and
/// returns how long it took) and gives back every iteration's time for
/// [`Samples::report`].
pub fn time(c: &mut Criterion, group: &str, name: &str, plan: Plan, mut one: impl FnMut() -> Duration) -> Samples {
    let mut samples = Samples::default();
    let mut g = c.benchmark_group(group);
    g.sample_size(plan.sample_size).warm_up_time(plan.warm_up).measurement_time(plan.measurement);
    if plan.flat {
        g.sampling_mode(SamplingMode::Flat);
    }
    g.bench_function(name, |b| b.iter_custom(|iters| samples.run(iters, &mut one)));
    g.finish();
    samples
}

/// As [`time`], for a benchmark that steps through a cycle (of keys, filters,
/// queries): `step` gets the iteration's number, counting on across
/// criterion's batches, and is timed whole.
pub fn time_steps(c: &mut Criterion, group: &str, name: &str, plan: Plan, mut step: impl FnMut(usize)) -> Samples {
    let mut i = 0;
    time(c, group, name, plan, || {
        let n = i;
        i += 1;
        let t = Instant::now();
        step(n);
        t.elapsed()
    })
}

/// Per-iteration times of one benchmark, for the figures criterion does not
/// give: the median and the 99th percentile.
#[derive(Default)]
pub struct Samples(Vec<Duration>);

impl Samples {
    /// Runs `iters` iterations for criterion's `iter_custom`; `one` times
    /// itself (leaving out any set-up) and returns how long it took.
    pub fn run(&mut self, iters: u64, mut one: impl FnMut() -> Duration) -> Duration {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            let d = one();
            self.0.push(d);
            total += d;
        }
        total
    }

    pub fn push(&mut self, d: Duration) {
        self.0.push(d);
    }

    pub fn percentile(&self, p: f64) -> Duration {
        let mut v = self.0.clone();
        v.sort_unstable();
        if v.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
        v[rank.clamp(1, v.len()) - 1]
    }

    /// Prints median and p99 against the budget (warm-up iterations
    /// included, so the p99 errs on the slow side), and appends the line to
    /// `target/bench-data/summary.tsv` for BENCHMARKS.md.
    pub fn report(&self, name: &str, budget: Budget) {
        if self.0.is_empty() {
            return;
        }
        let (median, p99) = (self.percentile(50.0), self.percentile(99.0));
        let judged = match budget {
            Budget::Median(b) => median <= b,
            Budget::P99(b) => p99 <= b,
            Budget::None => true,
        };
        let verdict = match budget {
            Budget::None => "(no budget)".to_string(),
            Budget::Median(b) => format!("budget median ≤ {} → {}", fmt(b), if judged { "MET" } else { "MISSED" }),
            Budget::P99(b) => format!("budget p99 ≤ {} → {}", fmt(b), if judged { "MET" } else { "MISSED" }),
        };
        let line = format!(
            "{name}: n={} median {} p99 {} max {}  {verdict}",
            self.0.len(),
            fmt(median),
            fmt(p99),
            fmt(self.percentile(100.0))
        );
        println!("{line}");
        let _ = std::fs::create_dir_all(data_root());
        if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(data_root().join("summary.tsv")) {
            let _ = writeln!(
                f,
                "{}\t{name}\t{}\t{:.3}\t{:.3}\t{verdict}",
                chrono::Local::now().format("%Y-%m-%d %H:%M"),
                self.0.len(),
                median.as_secs_f64() * 1e3,
                p99.as_secs_f64() * 1e3
            );
        }
    }
}

#[derive(Clone, Copy)]
pub enum Budget {
    None,
    Median(Duration),
    P99(Duration),
}

/// `10000` as `10,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

pub fn fmt(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1_000.0 { format!("{us:.0} µs") } else { format!("{:.2} ms", us / 1e3) }
}
