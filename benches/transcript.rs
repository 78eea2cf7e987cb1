//! A two-hour call's transcript (2,500 cues, 20,000 words): read from its
//! WebVTT bytes, aligned to 60 live notes, and 30 quotes checked, as
//! `fieldnotes transcript import` and `quotes check` do. Budget: the whole
//! under 100 ms (p99).

mod common;

use common::{Budget, Plan};
use criterion::{Criterion, criterion_group, criterion_main};
use fieldnotes::analysis::transcript::align::{TimedText, align};
use fieldnotes::analysis::transcript::{parse, quotes, vtt};
use fieldnotes::domain::transcript::{Cue, Transcript};
use std::time::{Duration, Instant};

const CUES: usize = 2_500;
const WORDS_PER_CUE: usize = 8;
/// The recording started this long before the interview clock.
const OFFSET: f64 = 35.0;

/// A made-up call: words from a 2,000-word vocabulary, cues back to back.
fn call() -> Transcript {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut word = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        format!("word{}", x % 2_000)
    };
    let mut t = 0.0;
    let cues = (0..CUES)
        .map(|i| {
            let text = (0..WORDS_PER_CUE).map(|_| word()).collect::<Vec<_>>().join(" ");
            let start = t;
            t += 2.0 + (i % 3) as f64;
            Cue { start, end: t, speaker: Some(if i % 4 == 0 { "Sam Rivera" } else { "Dana Lee" }.into()), text }
        })
        .collect();
    Transcript { cues }
}

/// Notes typed a few seconds after cues spread over the call, with some in
/// the PM's own words; every other one is a quote of what was said.
fn notes(t: &Transcript) -> Vec<(f64, String, bool)> {
    (0..60)
        .map(|k| {
            let cue = &t.cues[k * (CUES / 60)];
            let words: Vec<&str> = cue.text.split(' ').collect();
            let text = if k % 3 == 2 { format!("my own words number {k}") } else { words[2..7].join(" ") };
            (cue.end - OFFSET + 3.0, text, k % 2 == 0)
        })
        .collect()
}

fn import_align_check(c: &mut Criterion) {
    let transcript = call();
    let bytes = vtt::write(&transcript).into_bytes();
    let notes = notes(&transcript);
    let plan = Plan::new(20, Duration::from_secs(1), Duration::from_secs(5));
    let samples = common::time(c, "transcript", "import-align-check-2h", plan, || {
        let t0 = Instant::now();
        let (_, t) = parse::parse(&bytes).expect("the normal form reads");
        let timed: Vec<TimedText> = notes.iter().map(|(at, text, _)| TimedText { at: *at, text }).collect();
        let found = align(&timed, &t);
        let checked: Vec<quotes::Verdict> = notes
            .iter()
            .filter(|(_, _, quote)| *quote)
            .map(|(at, text, _)| quotes::check(text, *at, found.offset_seconds as f64, &t))
            .collect();
        std::hint::black_box((found, checked));
        t0.elapsed()
    });
    samples.report("transcript/import-align-check-2h", Budget::P99(common::ms(100)));
}

criterion_group!(benches, import_align_check);
criterion_main!(benches);
