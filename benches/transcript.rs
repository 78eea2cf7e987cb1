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

/// The session view of that call: 120 notes over the two hours (every
/// other one a quote), the transcript open beside them, a 200x50 screen.
fn session_view() -> fieldnotes::tui::app::App {
    use fieldnotes::domain::note::Kind;
    use fieldnotes::domain::session::{Note, Offset, Participant, Session};
    use fieldnotes::domain::transcript::{ClockOffset, TranscriptLink};
    let transcript = call();
    let start = chrono::DateTime::parse_from_rfc3339("2026-11-30T09:00:00+00:00").expect("a date");
    let mut session = Session::new(
        "bench".into(),
        "discovery",
        "Two hours",
        Participant { name: "Dana Lee".into(), ..Default::default() },
        start,
    );
    session.notes = (0..120)
        .map(|k| {
            let cue = &transcript.cues[k * (CUES / 120)];
            let words: Vec<&str> = cue.text.split(' ').collect();
            Note {
                at: Offset((cue.end - OFFSET + 3.0).max(0.0) as u32),
                sitting: None,
                text: words[1..6].join(" "),
                kind: if k % 2 == 0 { Kind::Quote } else { Kind::Note },
                question: Some(format!("{}.1", 1 + k % 5)),
                tags: Vec::new(),
                done: false,
                starred: false,
                from_transcript: false,
                typed: None,
                extra: Default::default(),
            }
        })
        .collect();
    session.transcript = Some(TranscriptLink {
        file: "bench.vtt".into(),
        offset: ClockOffset(OFFSET as i64),
        interviewer: Some("Sam Rivera".into()),
        source: None,
        extra: Default::default(),
    });
    let guide = fieldnotes::store::guides::parse_builtin("discovery").expect("built in").expect("parses");
    let mut app = fieldnotes::tui::app::App::new(
        fieldnotes::store::library::Library::default(),
        Vec::new(),
        "/bench/sessions".into(),
        "discovery",
        start,
    );
    app.open_review(session, guide, "/bench/sessions/bench.yaml".into(), None);
    app.review_transcript(Some(Ok(transcript)));
    app
}

/// One key in the session view with the 2-hour transcript open, the whole
/// screen drawn after it: the selection moving through the notes (the pane
/// follows), then walking the transcript itself. Budget: p99 under 1 ms.
fn session_view_keys(c: &mut Criterion) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let theme = fieldnotes::tui::theme::Theme::monochrome();
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    // Down through 40 notes and back up; then into the pane, 40 lines down and back out.
    let mut notes_cycle = vec![key(KeyCode::Down); 40];
    notes_cycle.extend(vec![key(KeyCode::Up); 40]);
    let mut pane_cycle = vec![key(KeyCode::Tab)];
    pane_cycle.extend(vec![key(KeyCode::Down); 40]);
    pane_cycle.push(key(KeyCode::Esc));
    // The same view with the pane hidden (`v`), for what the pane adds under the same load.
    let runs = [
        ("session-view-notes-2h", notes_cycle.clone(), true),
        ("session-view-walk-2h", pane_cycle, true),
        ("session-view-notes-pane-hidden", notes_cycle, false),
    ];
    for (name, keys, pane) in runs {
        let mut app = session_view();
        if !pane {
            app.update(fieldnotes::tui::action::Action::ToggleTranscript, app.now);
        }
        let mut screen = common::screen();
        let now = app.now;
        let plan = Plan::new(50, Duration::from_secs(1), Duration::from_secs(4));
        let samples = common::time_steps(c, "transcript", name, plan, |n| {
            common::press(&mut app, &mut screen, &theme, keys[n % keys.len()], now);
        });
        samples.report(&format!("transcript/{name}"), Budget::P99(common::ms(1)));
    }
}

criterion_group!(benches, import_align_check, session_view_keys);
criterion_main!(benches);
