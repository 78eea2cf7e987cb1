//! Ten times the library, same speed (issue #19): the process figures a user
//! feels, on 1,000 and 10,000 generated interviews (~100 notes each) in one
//! run, the two sizes alternated round by round so a busy machine weighs on
//! both alike. Each figure is given with its median and p99, the 10,000
//! figure with its ratio to the 1,000 one (linear or better is ≤ 10x).
//!
//! - `list`, the derived cache warm, and its peak RSS;
//! - the library screen's first frame with rows (pty 200x50: the index's
//!   newest rows), and its frame once every file is checked;
//! - `new` to the live screen's first frame;
//! - `synth --format json` warm, cold (no cache) and after one session file
//!   changed (the cache is used for every other file).
//!
//! - reading YAML: every file of the 1,000-interview library, already in
//!   memory, read into its session on one core (the issue's "parsing ≥ 50
//!   MB/s a core"), once a round.
//!
//! `FIELDNOTES_BENCH_ROUNDS` sets the rounds (default 7). The 10,000-interview
//! library (150 MB) is generated once into `target/bench-data/`.

mod common;

use common::process::{Env, remove_sessions_of, run, stderr_of, tui_until};
use common::{Budget, Samples, ms};
use std::path::PathBuf;
use std::time::Duration;

const SIZES: [usize; 2] = [1_000, 10_000];

#[derive(Clone, Copy, PartialEq)]
enum Measure {
    List,
    LibraryFrame,
    LibraryChecked,
    NewFrame,
    SynthWarm,
    SynthCold,
    SynthOneChanged,
}

const MEASURES: [Measure; 7] = [
    Measure::List,
    Measure::LibraryFrame,
    Measure::LibraryChecked,
    Measure::NewFrame,
    Measure::SynthWarm,
    Measure::SynthCold,
    Measure::SynthOneChanged,
];

impl Measure {
    fn name(self) -> &'static str {
        match self {
            Measure::List => "list (cache warm)",
            Measure::LibraryFrame => "library first frame with rows (pty 200x50)",
            Measure::LibraryChecked => "library with every file checked (pty 200x50)",
            Measure::NewFrame => "new: first frame of the live screen",
            Measure::SynthWarm => "synth --format json, warm",
            Measure::SynthCold => "synth --format json, cold",
            Measure::SynthOneChanged => "synth --format json, one file changed",
        }
    }

    /// The budget for this figure at `n` interviews, where it sets one.
    fn budget(self, n: usize) -> Budget {
        match (self, n) {
            (Measure::List, 10_000) => Budget::Median(ms(200)),
            (Measure::LibraryFrame | Measure::NewFrame, 10_000) => Budget::Median(ms(100)),
            (Measure::SynthCold, 1_000) => Budget::Median(ms(300)),
            (Measure::SynthCold, 10_000) => Budget::Median(ms(3_000)),
            _ => Budget::None,
        }
    }
}

struct Size {
    n: usize,
    env: Env,
    /// The session file changed for `SynthOneChanged`, and its bytes.
    changed: (PathBuf, Vec<u8>),
}

fn size(n: usize) -> Size {
    let data = common::library_dir(n, common::NOTES_PER_SESSION);
    let env = Env::new(data.clone(), &common::data_root().join(format!("scale-{n}")));
    let first = fieldnotes::store::library::session_paths(&data.join("sessions")).remove(0);
    let bytes = std::fs::read(&first).expect("a session file");
    Size { n, env, changed: (first, bytes) }
}

/// One sample of `m` on `s`; the peak RSS of the run where there is one.
fn sample(s: &Size, m: Measure, round: usize) -> (Duration, Option<u64>) {
    let synth = ["synth", "--format", "json"];
    match m {
        Measure::List => {
            let (d, rss) = run(&s.env, &["list"]);
            (d, Some(rss))
        }
        Measure::LibraryFrame => (tui_until(&s.env, "library", &[], (200, 50)), None),
        Measure::LibraryChecked => (tui_until(&s.env, "checked", &[], (200, 50)), None),
        Measure::NewFrame => {
            let d = tui_until(&s.env, "1", &["new", "--participant", "Scale Newcomer"], (200, 50));
            remove_sessions_of(&s.env.data, "scale-newcomer");
            (d, None)
        }
        Measure::SynthWarm => {
            let (d, rss) = run(&s.env, &synth);
            (d, Some(rss))
        }
        Measure::SynthCold => {
            let _ = std::fs::remove_dir_all(&s.env.cache);
            let (d, rss) = run(&s.env, &synth);
            (d, Some(rss))
        }
        Measure::SynthOneChanged => {
            // A pull that brought one edited file: its size and times change,
            // every other file is as the cache has it. Put back after.
            let (path, bytes) = &s.changed;
            let mut edited = bytes.clone();
            edited.extend(std::iter::repeat_n(b'\n', 1 + round % 3));
            std::fs::write(path, &edited).expect("edit one session");
            let (d, rss) = run(&s.env, &synth);
            std::fs::write(path, bytes).expect("put it back");
            settle(s);
            (d, Some(rss))
        }
    }
}

/// The library's caches made warm again after a file was written: a file
/// changed within the last `RACY_SECS` is never stored (`store/cache`), so
/// until then every run would parse it and write both caches again, and the
/// next round's "warm" figures would be those of a changed library. Waits
/// that out, lets `list` and `synth` store it, and checks they did.
fn settle(s: &Size) {
    std::thread::sleep(Duration::from_secs(fieldnotes::store::cache::RACY_SECS) + Duration::from_millis(200));
    run(&s.env, &["list"]);
    run(&s.env, &["synth", "--format", "json"]);
    let said = stderr_of(&s.env, &["synth", "--format", "json", "--verbose"]);
    assert!(said.contains(" 0 parsed") && !said.contains("rewritten"), "the cache is warm again: {said}");
}

/// The files of a library in memory, to time reading them apart from the disk.
struct Texts {
    files: Vec<(PathBuf, String)>,
    bytes: usize,
}

impl Texts {
    fn of(sessions: &std::path::Path) -> Texts {
        let files: Vec<(PathBuf, String)> = fieldnotes::store::library::session_paths(sessions)
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).expect("a session file");
                (p, text)
            })
            .collect();
        let bytes = files.iter().map(|(_, t)| t.len()).sum();
        Texts { files, bytes }
    }

    /// One pass: every file read into its session on this thread, as
    /// `load_session` does once the bytes are in (the fast reader, the general
    /// parser for what it leaves).
    fn parse_all(&self) -> Duration {
        let started = std::time::Instant::now();
        for (path, text) in &self.files {
            let session: fieldnotes::domain::session::Session =
                fieldnotes::text::yaml::from_str_fast(text, path).expect("the generated library reads");
            std::hint::black_box(session);
        }
        started.elapsed()
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter that names nothing here skips it.
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    if !filter.is_empty() && !filter.iter().any(|f| "scale".contains(f.as_str())) {
        return;
    }
    let rounds: usize = std::env::var("FIELDNOTES_BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(7);
    let sizes: Vec<Size> = SIZES.iter().map(|&n| size(n)).collect();
    for s in &sizes {
        run(&s.env, &["list"]); // the cache, written once
    }
    let mut samples: Vec<Vec<Samples>> =
        sizes.iter().map(|_| MEASURES.iter().map(|_| Samples::default()).collect()).collect();
    let mut peak = vec![vec![0u64; MEASURES.len()]; sizes.len()];
    let texts = Texts::of(&sizes[0].env.data.join("sessions"));
    let mut parsing = Samples::default();
    for round in 0..rounds {
        parsing.push(texts.parse_all());
        for (si, s) in sizes.iter().enumerate() {
            for (mi, &m) in MEASURES.iter().enumerate() {
                if m == Measure::SynthCold || m == Measure::SynthOneChanged {
                    run(&s.env, &["list"]); // warm again after the cold run
                }
                let (d, rss) = sample(s, m, round);
                samples[si][mi].push(d);
                peak[si][mi] = peak[si][mi].max(rss.unwrap_or(0));
            }
        }
        eprintln!("scale: round {} of {rounds} done", round + 1);
    }
    for (mi, &m) in MEASURES.iter().enumerate() {
        for (si, s) in sizes.iter().enumerate() {
            let label = format!("scale/{} ({} interviews)", m.name(), common::thousands(s.n));
            samples[si][mi].report(&label, m.budget(s.n));
            if peak[si][mi] > 0 {
                let mb = peak[si][mi] as f64 / 1e6;
                let verdict = match (m, s.n) {
                    (Measure::List, 10_000) => {
                        format!("budget ≤ 150 MB → {}", if mb <= 150.0 { "MET" } else { "MISSED" })
                    }
                    _ => "(no budget)".into(),
                };
                println!("{label}: peak RSS {mb:.1} MB  {verdict}");
            }
        }
        let small = samples[0][mi].percentile(50.0).as_secs_f64();
        let big = samples[1][mi].percentile(50.0).as_secs_f64();
        let ratio = big / small.max(1e-9);
        println!(
            "scale/{}: 10,000 / 1,000 = {ratio:.1}x  budget ≤ 10x → {}",
            m.name(),
            if ratio <= 10.0 { "MET" } else { "MISSED" }
        );
    }
    // Reading YAML on one core, as a rate over the whole library's bytes.
    let label = format!("scale/YAML read into sessions, one core ({} interviews)", common::thousands(sizes[0].n));
    parsing.report(&label, Budget::None);
    let rate = |d: Duration| texts.bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9);
    let (median, slow) = (rate(parsing.percentile(50.0)), rate(parsing.percentile(99.0)));
    println!(
        "{label}: {median:.1} MB/s at the median pass, {slow:.1} MB/s at p99 ({:.1} MB)  budget ≥ 50 MB/s → {}",
        texts.bytes as f64 / 1e6,
        if median >= 50.0 { "MET" } else { "MISSED" }
    );
    // After a change to one file: within 1.2x of the warm figure.
    let at = |m: Measure| MEASURES.iter().position(|x| *x == m).expect("a measure");
    for (si, s) in sizes.iter().enumerate() {
        let warm = samples[si][at(Measure::SynthWarm)].percentile(50.0).as_secs_f64();
        let changed = samples[si][at(Measure::SynthOneChanged)].percentile(50.0).as_secs_f64();
        let ratio = changed / warm.max(1e-9);
        println!(
            "scale/one file changed vs warm ({} interviews): {ratio:.2}x  budget ≤ 1.2x → {}",
            common::thousands(s.n),
            if ratio <= 1.2 { "MET" } else { "MISSED" }
        );
    }
}
