//! The live screen's guide and footer over time: what counts as asked,
//! peeking ahead without moving, and messages that pass without hiding the
//! closing reminder.

use super::*;
use crate::domain::session::Offset;
use crate::tui::app::capture::{ASKED_AFTER_SECS, MESSAGE_SECS, PEEK_SECS, reminder_time};

fn at(secs: i64) -> DateTime<FixedOffset> {
    t0() + Duration::seconds(secs)
}

fn cap_mut(app: &mut App) -> &mut Capture {
    match &mut app.screen {
        Screen::Capture(c) => c,
        _ => panic!("capture screen"),
    }
}

fn asked_ops(effects: &[Effect]) -> Vec<(String, Offset)> {
    ops(effects)
        .into_iter()
        .filter_map(|op| match op {
            Op::Asked { question, at } => Some((question.clone(), *at)),
            _ => None,
        })
        .collect()
}

#[test]
fn questions_skipped_past_are_not_asked() {
    // 13 quick presses in 2 s with no notes used to mark all 14 asked.
    let mut app = app_in_capture();
    let mut effects = Vec::new();
    for i in 0..13 {
        effects.extend(app.update(Action::NextQuestion, t0() + Duration::milliseconds(150 * i)));
    }
    assert_eq!(cap(&app).current, 13);
    assert!(asked_ops(&effects).is_empty(), "{effects:?}");
    assert!(cap(&app).session.asked_at.is_empty());
    assert_eq!(cap(&app).asked.iter().filter(|a| **a).count(), 0, "the wrap-up counts none of them");
}

#[test]
fn a_question_is_asked_after_a_stay_or_with_a_note() {
    let stay = i64::from(ASKED_AFTER_SECS);
    let mut app = app_in_capture();
    // One second short of the stay: moving on leaves 1.1 unasked.
    assert!(asked_ops(&app.update(Action::NextQuestion, at(stay - 1))).is_empty());
    // 1.2 stays long enough: a tick records it, at the moment it became current.
    assert!(asked_ops(&app.update(Action::Tick, at(2 * stay - 2))).is_empty());
    let e = app.update(Action::Tick, at(2 * stay - 1));
    assert_eq!(asked_ops(&e), [("1.2".to_string(), Offset(u32::try_from(stay - 1).unwrap()))]);
    // The third question gets a note at once: asked, though it was current for a second.
    app.update(Action::NextQuestion, at(100));
    typed(&mut app, "budget owner is the CFO", at(101));
    let e = app.update(Action::CommitNote, at(101));
    let third = guide().nth(2).unwrap().1.id.clone();
    assert_eq!(asked_ops(&e), [(third, Offset(100))]);
    let c = cap(&app);
    assert_eq!(&c.asked[..3], &[false, true, true]);
    assert_eq!(c.session.asked_at.len(), 2);
}

#[test]
fn a_stay_is_recorded_even_when_the_next_key_quits() {
    let mut app = app_in_capture();
    let e = app.update(Action::SaveAndQuit, at(i64::from(ASKED_AFTER_SECS) + 5));
    assert_eq!(asked_ops(&e), [("1.1".to_string(), Offset(0))]);
    assert_eq!(e.last(), Some(&Effect::Quit), "the mark comes before quitting");
}

#[test]
fn peeking_looks_ahead_without_moving_the_current_question() {
    use crossterm::event::{KeyCode, KeyModifiers};
    let mut app = app_in_capture();
    type_keys(&mut app, "half a tho");
    let e = press(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    press(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    assert!(asked_ops(&e).is_empty());
    let c = cap(&app);
    assert_eq!((c.current, c.peeking(t0())), (0, Some(2)), "the current question stays; the peek is two ahead");
    // Typing goes on into the note while peeking.
    type_keys(&mut app, "ught");
    assert_eq!(cap(&app).input.text(), "half a thought");
    // Back one, then commit: the note is on the current question and the peek ends.
    press(&mut app, KeyCode::PageUp, KeyModifiers::NONE);
    assert_eq!(cap(&app).peeking(t0()), Some(1));
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let c = cap(&app);
    assert_eq!(c.session.notes[0].question.as_deref(), Some("1.1"));
    assert_eq!(c.peeking(t0()), None);
    assert_eq!(c.current, 0);
}

#[test]
fn a_peek_ends_on_esc_or_by_itself() {
    let mut app = app_in_capture();
    app.update(Action::PeekNextQuestion, t0());
    app.update(Action::Back, t0());
    assert_eq!(cap(&app).peeking(t0()), None, "Esc ends it");
    app.update(Action::PeekNextQuestion, at(1));
    assert_eq!(cap(&app).peeking(at(1 + PEEK_SECS - 1)), Some(1));
    assert_eq!(cap(&app).peeking(at(1 + PEEK_SECS)), None, "the current question comes back by itself");
    app.update(Action::Tick, at(1 + PEEK_SECS));
    // A peek key after that starts from the current question again.
    app.update(Action::PeekNextQuestion, at(20));
    assert_eq!(cap(&app).peeking(at(20)), Some(1));
    // Peeking back to the current question is no peek.
    app.update(Action::PeekPrevQuestion, at(21));
    assert_eq!(cap(&app).peeking(at(21)), None);
    assert_eq!(cap(&app).current, 0);
}

#[test]
fn peek_keys_are_free_while_typing() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let app = app_in_capture();
    for (code, action) in [(KeyCode::PageDown, Action::PeekNextQuestion), (KeyCode::PageUp, Action::PeekPrevQuestion)] {
        for mode in [Mode::Typing, Mode::Selected] {
            assert_eq!(app.keymap.resolve(mode, KeyEvent::new(code, KeyModifiers::NONE)), Some(action.clone()));
        }
    }
}

#[test]
fn the_help_states_the_stay_that_counts_as_asked() {
    let help = crate::tui::keymap::defaults::BINDINGS
        .iter()
        .find(|b| b.action == Action::NextQuestion)
        .map(|b| b.help)
        .unwrap_or_default();
    assert!(help.contains(&format!("{ASKED_AFTER_SECS} s on it")), "{help}");
}

#[test]
fn a_message_passes_at_the_next_key_or_after_a_few_seconds() {
    let mut app = app_in_capture();
    // As the guide's lint findings are said when the screen opens.
    cap_mut(&mut app).message = Some("This guide has 2 findings".into());
    app.update(Action::Tick, at(1));
    assert!(cap(&app).message.is_some());
    app.update(Action::Tick, at(1 + MESSAGE_SECS));
    assert_eq!(cap(&app).message, None, "gone after a few seconds, not at the first note");
    cap_mut(&mut app).message = Some("This guide has 2 findings".into());
    app.update(Action::InsertChar('a'), at(10));
    assert_eq!(cap(&app).message, None, "gone at the next key");
    // A message a key says lasts past that key.
    app.update(Action::Undo, at(11));
    assert_eq!(cap(&app).message.as_deref(), Some("Nothing to undo."));
    app.update(Action::Tick, at(12));
    assert!(cap(&app).message.is_some());
}

#[test]
fn the_reminder_says_the_true_overrun() {
    // A 1-minute plan, 1:08 in: 8 s over (it said "0 min over").
    let mut app = app_in_capture();
    let c = cap_mut(&mut app);
    c.guide.duration = Some(1);
    let secs = c.closing_reminder(at(68)).expect("due");
    assert_eq!(reminder_time(secs), "8 s over");
    assert_eq!(reminder_time(60 * 5), "5 min left");
    assert_eq!(reminder_time(121), "3 min left", "minutes left round up");
    assert_eq!(reminder_time(60), "1 min left");
    assert_eq!(reminder_time(45), "45 s left");
    assert_eq!(reminder_time(0), "0 s left");
    assert_eq!(reminder_time(-60), "1 min over");
    assert_eq!(reminder_time(-119), "1 min over");
    assert_eq!(reminder_time(-150), "2 min over");
    for s in -7200..=7200 {
        assert!(!reminder_time(s).starts_with("0 min"), "{s}");
    }
}
