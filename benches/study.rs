//! `fieldnotes study --format json` on 1,000 generated interviews with a
//! warm cache: the library read through the cache (each record carries its
//! `person:`), then quotas, hypotheses, saturation, trends and personas computed
//! and the JSON written; and opening the study screen (the same read and
//! computation, on the screen's worker, then its first frame). Budget
//! (issue #18): under 100 ms.

mod common;

use common::{Budget, Plan};
use criterion::{Criterion, criterion_group, criterion_main};
use fieldnotes::analysis::study::format::{Named, json};
use fieldnotes::analysis::study::{Options, compute};
use fieldnotes::domain::study::{Evidence, Hypothesis, Quota, Study};
use fieldnotes::store::cache;
use std::hint::black_box;
use std::time::Duration;

/// A study as a user would write one over the generated library.
fn study() -> Study {
    let h = |statement: &str, yes: &[&str], no: &[&str], words: &[&str]| Hypothesis {
        statement: statement.into(),
        evidence_for: Evidence {
            tags: yes.iter().map(|s| s.to_string()).collect(),
            words: words.iter().map(|s| s.to_string()).collect(),
        },
        evidence_against: Evidence { tags: no.iter().map(|s| s.to_string()).collect(), words: vec![] },
        ..Hypothesis::default()
    };
    Study {
        quotas: vec![
            Quota { segment: "mid-market".into(), target: 200 },
            Quota { segment: "enterprise".into(), target: 300 },
        ],
        hypotheses: vec![
            h("Onboarding is the main reason for churn", &["onboarding"], &["pricing"], &["took weeks"]),
            h("Reports are rebuilt by hand", &["reporting", "workaround"], &[], &["excel"]),
            h("Integrations decide the purchase", &["integration"], &["pricing"], &[]),
        ],
        ..Study::default()
    }
}

fn study_json(c: &mut Criterion) {
    let sessions = common::sessions_dir();
    let cache_dir = common::data_root().join("study-cache");
    // Warm the cache once: the budget is for a library already read before.
    let _ = cache::load(&sessions, Some(&cache_dir));
    let study = study();
    let plan = Plan::new(20, Duration::from_secs(1), Duration::from_secs(5));
    let samples = common::time_steps(c, "study", "json-warm-cache", plan, |_| {
        let loaded = cache::load(&sessions, Some(&cache_dir));
        let computed = compute(&study, &loaded.records, &Options::default());
        let v = json(&Named { name: None, study: &study, computed: &computed, records: &loaded.records });
        black_box(serde_json::to_string_pretty(&v).unwrap());
    });
    samples.report("study --format json (1,000 interviews, warm cache)", Budget::P99(common::ms(100)));
}

/// The computation alone, records in memory: quotas, hypotheses, saturation,
/// trends, personas and the JSON text.
fn study_compute(c: &mut Criterion) {
    let records = common::records();
    let study = study();
    let plan = Plan::new(20, Duration::from_secs(1), Duration::from_secs(5));
    let samples = common::time_steps(c, "study", "compute", plan, |_| {
        let computed = compute(&study, &records, &Options::default());
        let v = json(&Named { name: None, study: &study, computed: &computed, records: &records });
        black_box(serde_json::to_string_pretty(&v).unwrap());
    });
    samples.report("study computation and JSON (1,000 interviews in memory)", Budget::P99(common::ms(100)));
}

/// The reading part alone: the library through the warm cache (each record
/// with its `person:`).
fn study_read(c: &mut Criterion) {
    let sessions = common::sessions_dir();
    let cache_dir = common::data_root().join("study-cache");
    let _ = cache::load(&sessions, Some(&cache_dir));
    let plan = Plan::new(20, Duration::from_secs(1), Duration::from_secs(5));
    let samples = common::time_steps(c, "study", "read", plan, |_| {
        black_box(cache::load(&sessions, Some(&cache_dir)));
    });
    samples.report("study: library read through the warm cache", Budget::None);
}

/// What the study screen waits for after its key: the study file, the
/// roster and the library read (warm cache) and the study computed, on the
/// screen's worker (`store::study_library::read_study`). The key itself only
/// asks for it; the screen says "reading…" until it arrives.
fn study_screen_read(c: &mut Criterion) {
    let cache_dir = common::data_root().join("study-screen-cache");
    // SAFETY: set before any thread of this bench reads the environment.
    unsafe { std::env::set_var("FIELDNOTES_CACHE_DIR", &cache_dir) };
    let config = tempfile::tempdir().unwrap();
    let paths =
        fieldnotes::store::paths::Paths { data_dir: common::library(), config_dir: config.path().to_path_buf() };
    let _ = fieldnotes::store::study_library::read_study(&paths, None);
    let plan = Plan::new(20, Duration::from_secs(1), Duration::from_secs(5));
    let samples = common::time_steps(c, "study", "screen-read", plan, |_| {
        black_box(fieldnotes::store::study_library::read_study(&paths, None));
    });
    samples.report("study screen: read and computed (1,000 interviews, warm cache)", Budget::P99(common::ms(100)));
}

criterion_group!(benches, study_json, study_compute, study_read, study_screen_read);
criterion_main!(benches);
