//! `fieldnotes export --format qdpx` on the 1,000-session library (about
//! 100,000 notes): the whole command, run to the end as a user runs it
//! (cache warm, the .qdpx written), and its pure part (the project built
//! and zipped in memory from records already read).
//!
//! Budget (issue 17): the command under 2 s.

mod common;

use common::{Budget, Plan};
use criterion::{Criterion, criterion_group, criterion_main};
use fieldnotes::analysis::refi::codes::ExCodebook;
use fieldnotes::analysis::refi::project;
use fieldnotes::analysis::synthesis::Filter;
use std::hint::black_box;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_fieldnotes");

const PLAN: Plan = Plan::new(10, Duration::from_millis(500), Duration::from_secs(5)).flat();

fn build_in_memory(c: &mut Criterion) {
    let records = common::records();
    let interviews = project::select(&records, &Filter::default());
    let codebook = ExCodebook::default();
    let samples = common::time(c, "export", "qdpx-in-memory", PLAN, || {
        let t = Instant::now();
        let p = project::build("bench", &interviews, &codebook, None);
        black_box(fieldnotes::store::qdpx::zip_bytes(&p.qde, &p.sources).unwrap());
        t.elapsed()
    });
    samples.report("export/qdpx-in-memory (1,000 sessions: build and zip)", Budget::None);
}

fn whole_command(c: &mut Criterion) {
    let data = common::library();
    let root = common::data_root();
    let out = root.join("study.qdpx");
    let run = || {
        let status = Command::new(BIN)
            .args(["export", "--format", "qdpx", "-o"])
            .arg(&out)
            .env("FIELDNOTES_DATA_DIR", &data)
            .env("FIELDNOTES_CONFIG_DIR", root.join("config"))
            .env("FIELDNOTES_CACHE_DIR", root.join("cache"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .status()
            .expect("run fieldnotes");
        assert!(status.success(), "export ran");
    };
    run(); // the cache warm, as after the first run
    let samples = common::time(c, "export", "qdpx-command", PLAN, || {
        let t = Instant::now();
        run();
        t.elapsed()
    });
    samples.report("export/qdpx-command (1,000 sessions, warm cache)", Budget::Median(common::ms(2000)));
}

criterion_group!(benches, build_in_memory, whole_command);
criterion_main!(benches);
