//! Key paths through the pure update: no terminal, no disk. This file holds
//! the fixtures; the tests are split by topic.

use super::capture::Focus;
use super::*;
use crate::domain::note::Kind;
use crate::domain::op::Op;
use crate::store::guides;
use chrono::Duration;

mod codebook;
mod editing;
mod input_owns_printable_keys;
mod live_guide;
mod new_form;
mod no_panic;
mod session;
mod typing;

pub(super) fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap()
}

fn guide() -> Guide {
    guides::parse_builtin("discovery").unwrap().unwrap()
}

fn app_in_capture() -> App {
    let choices = vec![GuideChoice { name: "discovery".into(), guide: Ok(guide()) }];
    let mut app = App::new(Library::default(), choices, PathBuf::from("/data/sessions"), "discovery", t0());
    let p = Participant { name: "Ana López".into(), ..Default::default() };
    let effect = app.start_session(guide(), p);
    assert!(matches!(effect, Effect::Begin { fresh: true, .. }));
    app
}

fn typed(app: &mut App, text: &str, at: DateTime<FixedOffset>) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        effects.extend(app.update(Action::InsertChar(c), at));
    }
    effects
}

fn cap(app: &App) -> &Capture {
    app.capture().expect("capture screen")
}

/// The changes handed to the writer.
pub(super) fn ops(effects: &[Effect]) -> Vec<&Op> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Persist { op, .. } => Some(op.as_ref()),
            _ => None,
        })
        .collect()
}

fn revs(effects: &[Effect]) -> Vec<u64> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Persist { rev, .. } => Some(*rev),
            _ => None,
        })
        .collect()
}

/// Presses keys as a terminal sends them, through the app's keymap: `text`
/// as typed characters (no modifiers), or one named key.
fn press(app: &mut App, code: crossterm::event::KeyCode, mods: crossterm::event::KeyModifiers) -> Vec<Effect> {
    let event = crossterm::event::KeyEvent::new(code, mods);
    match app.resolve_key(event) {
        Some(action) => app.update(action, t0()),
        None => vec![],
    }
}

fn type_keys(app: &mut App, text: &str) -> Vec<Effect> {
    use crossterm::event::{KeyCode, KeyModifiers};
    let mut effects = Vec::new();
    for c in text.chars() {
        let mods = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
        effects.extend(press(app, KeyCode::Char(c), mods));
    }
    effects
}

fn note_texts(app: &App) -> Vec<String> {
    cap(app).session.notes.iter().map(|n| n.text.clone()).collect()
}

fn three_notes() -> App {
    use crossterm::event::{KeyCode, KeyModifiers};
    let mut app = app_in_capture();
    for t in ["first note", "second note", "third note"] {
        type_keys(&mut app, t);
        press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    }
    app
}

fn app_asking_consent() -> App {
    let mut g = guide();
    g.consent = true;
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.start_session(g, Participant { name: "Ana".into(), ..Default::default() });
    assert_eq!(app.mode(), Mode::Consent);
    app
}
