//! Synthesis and search over the whole library from memory (records already
//! read): what a synthesis screen does when the filter changes, and what a
//! search box does on every keystroke. 1,000 sessions, about 100,000 notes.
//!
//! Budgets: a filter change, like any keystroke, p99 under 1 ms; a search
//! keystroke under 50 ms. Drawing the synthesis screen can be added here once
//! that screen exists, on the same `common::records()`.

mod common;

use common::{Budget, Samples};
use criterion::{Criterion, criterion_group, criterion_main};
use fieldnotes::synthesis::{self, Filter, Options};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The filters a user steps through: everything, a segment, a tag, a guide, a
/// tag within a segment.
fn filters() -> Vec<Filter> {
    let f = |segment: Option<&str>, tag: Option<&str>, guide: Option<&str>| Filter {
        segment: segment.map(String::from),
        tag: tag.map(String::from),
        guide: guide.map(String::from),
        ..Filter::default()
    };
    vec![
        f(None, None, None),
        f(Some("enterprise"), None, None),
        f(None, Some("pricing"), None),
        f(None, None, Some("discovery")),
        f(Some("smb"), Some("onboarding"), None),
    ]
}

fn filter_change(c: &mut Criterion) {
    let records = common::records();
    let notes: usize = records.iter().map(|r| r.notes().len()).sum();
    let guides = common::guides();
    let filters = filters();
    let opts = Options::default();
    let mut samples = Samples::default();
    let mut i = 0;
    let mut group = c.benchmark_group("synthesis");
    group.sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    group.bench_function("filter-change", |b| {
        b.iter_custom(|iters| {
            samples.run(iters, || {
                let filter = &filters[i % filters.len()];
                i += 1;
                let t = Instant::now();
                black_box(synthesis::synthesize(&records, &guides, filter, &opts));
                t.elapsed()
            })
        })
    });
    group.finish();
    samples.report(
        &format!("synthesis/filter-change ({} sessions, {notes} notes)", records.len()),
        Budget::P99(common::ms(1)),
    );
}

fn search_keystroke(c: &mut Criterion) {
    let records = common::records();
    let query = "export excel friday";
    // Every prefix, as typed: the first letters match the most notes.
    let prefixes: Vec<&str> = (1..=query.len()).filter(|&n| query.is_char_boundary(n)).map(|n| &query[..n]).collect();
    let filter = Filter::default();
    let mut samples = Samples::default();
    let mut i = 0;
    let mut group = c.benchmark_group("search");
    group.sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(8));
    group.bench_function("keystroke", |b| {
        b.iter_custom(|iters| {
            samples.run(iters, || {
                let q = prefixes[i % prefixes.len()];
                i += 1;
                let t = Instant::now();
                black_box(synthesis::search(&records, &filter, q, 50));
                t.elapsed()
            })
        })
    });
    group.finish();
    samples.report("search/keystroke (100,000 notes, top 50)", Budget::P99(common::ms(50)));
}

criterion_group!(benches, filter_change, search_keystroke);
criterion_main!(benches);
