//! Keystroke → frame on the live screen: one key through the real keymap and
//! `App::update`, then the whole screen drawn by `ui::render` through the
//! app's frame loop (`tui/screen.rs`, 200x50, its bytes thrown away), in a session of 3,000 notes with a 1,000-session library
//! behind it (the tag palette offers its tags). Budget: p99 under 1 ms.
//!
//! Each iteration is one key of a cycle (typing a sentence then clearing it;
//! opening the palette, filtering it, closing it), so the state stays the same
//! size however many iterations criterion asks for.

mod common;

use common::{Budget, Plan};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fieldnotes::store::library::Library;
use fieldnotes::tui::theme::Theme;
use std::time::{Duration, Instant};

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

fn typed(text: &str) -> Vec<KeyEvent> {
    text.chars().map(|c| key(KeyCode::Char(c), KeyModifiers::NONE)).collect()
}

/// Time between keys: a brisk typist, so the draft is journaled every few
/// keys as in a real call (the writer is not running here; only the model's
/// part of that is timed).
const KEY_EVERY_MS: i64 = 150;

fn bench_cycle(c: &mut Criterion, name: &str, keys: &[KeyEvent]) {
    let library = Library::scan(&common::sessions_dir());
    let (session, guide) = common::big_session(common::LIVE_NOTES);
    let (mut app, _) = common::live_app(&library, &session, &guide, &common::sessions_dir());
    let theme = Theme::monochrome();
    let mut screen = common::screen();
    let start = app.now;
    let at = |i: usize| start + chrono::Duration::milliseconds(i as i64 * KEY_EVERY_MS);
    common::press(&mut app, &mut screen, &theme, key(KeyCode::F(12), KeyModifiers::NONE), at(0));
    let plan = Plan::new(50, Duration::from_secs(1), Duration::from_secs(4));
    let samples = common::time_steps(c, "keystroke", name, plan, |n| {
        common::press(&mut app, &mut screen, &theme, keys[n % keys.len()], at(n + 1));
    });
    let notes = app.capture().map_or(0, |c| c.session.notes.len());
    assert_eq!(notes, common::LIVE_NOTES, "the cycle leaves the session as it was");
    samples.report(&format!("keystroke/{name}"), Budget::P99(common::ms(1)));
}

fn live_typing(c: &mut Criterion) {
    let mut keys = typed("We export everything to Excel every Friday #reporting");
    keys.push(key(KeyCode::Char('u'), KeyModifiers::CONTROL));
    bench_cycle(c, "live-typing", &keys);
}

fn tag_palette(c: &mut Criterion) {
    let mut keys = vec![key(KeyCode::Char('t'), KeyModifiers::CONTROL)];
    keys.extend(typed("pri"));
    keys.push(key(KeyCode::Backspace, KeyModifiers::NONE));
    keys.push(key(KeyCode::Down, KeyModifiers::NONE));
    keys.push(key(KeyCode::Esc, KeyModifiers::NONE));
    bench_cycle(c, "tag-palette", &keys);
}

/// A 1 MB paste into the note input, drawn: it once went character by
/// character (quadratic; 2 MB never finished). The input is cleared, untimed,
/// after each paste. Budget: the median under 250 ms ("well under a second").
fn paste_1mb(c: &mut Criterion) {
    let library = Library::scan(&common::sessions_dir());
    let (session, guide) = common::big_session(common::LIVE_NOTES);
    let (mut app, _) = common::live_app(&library, &session, &guide, &common::sessions_dir());
    let theme = Theme::monochrome();
    let mut screen = common::screen();
    let line = "We export everything to Excel every Friday, then fix it by hand #reporting\n";
    let text = line.repeat(1_000_000 / line.len() + 1);
    let now = app.now;
    let clear = key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    let plan = Plan::new(10, Duration::from_secs(1), Duration::from_secs(5));
    let samples = common::time(c, "keystroke", "paste-1mb", plan, || {
        let t = Instant::now();
        std::hint::black_box(app.update(fieldnotes::tui::action::Action::Paste(text.clone()), now));
        screen.draw(|f| fieldnotes::tui::ui::render(f, &app, &theme)).expect("draw");
        let took = t.elapsed();
        common::press(&mut app, &mut screen, &theme, clear, now);
        took
    });
    samples.report("keystroke/paste-1mb", Budget::Median(common::ms(250)));
}

criterion_group!(benches, live_typing, tag_palette, paste_1mb);
criterion_main!(benches);
