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
//! text); `list` under 200 ms; synth under 300 ms cold and 100 ms warm, peak
//! RSS under 150 MB. `FIELDNOTES_BENCH_DATA` points the `list` and start-up
//! runs at another data dir (a generated 10,000-interview library, say), to
//! check those figures stay within 10x of the 1,000's; the `new` run writes a
//! session there and removes it, so point it at a copy you may write to.

mod common;

use common::process::{Env, remove_sessions_of, run, tui_until};
use common::{Budget, Plan};
use criterion::{Criterion, criterion_group, criterion_main};
use std::path::PathBuf;
use std::time::Duration;

/// The library to time: `FIELDNOTES_BENCH_DATA`, or the generated 1,000.
fn env() -> Env {
    let data = std::env::var_os("FIELDNOTES_BENCH_DATA").map(PathBuf::from).unwrap_or_else(common::library);
    Env::new(data, &common::data_root())
}

/// The size every pty run here uses.
const SCREEN: (u16, u16) = (common::WIDTH, common::HEIGHT);

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
        let samples = common::time(c, "startup", name, PLAN, || tui_until(&env, when, &[], SCREEN));
        samples.report(&format!("startup/{name} (1,000 sessions, pty 200x50)"), budget);
    }
    // `new` opens the live screen from the guide and the new session alone;
    // the library is read behind it. Each run's session is removed after it.
    let args = ["new", "--participant", "Bench Newcomer"];
    let samples = common::time(c, "startup", "new-first-frame", PLAN, || {
        let took = tui_until(&env, "1", &args, SCREEN);
        remove_sessions_of(&env.data, "bench-newcomer");
        took
    });
    samples.report("startup/new-first-frame (1,000 sessions, pty 200x50)", Budget::Median(common::ms(100)));
}

fn commands(c: &mut Criterion) {
    let env = env();
    let cases: [(&str, &[&str], bool, Budget); 3] = [
        ("list", &["list"], false, Budget::Median(common::ms(200))),
        ("synth-json-cold", &["synth", "--format", "json"], true, Budget::Median(common::ms(300))),
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
