//! The live screen over time, as drawn: one time format everywhere, a guide
//! that can look ahead without moving, and a footer where a passing message
//! never hides the closing reminder.

use chrono::{DateTime, Duration, FixedOffset};
use fieldnotes::domain::guide::Guide;
use fieldnotes::domain::session::Participant;
use fieldnotes::store::guides;
use fieldnotes::store::library::Library;
use fieldnotes::tui::action::Action;
use fieldnotes::tui::app::App;
use fieldnotes::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap()
}

fn at(secs: i64) -> DateTime<FixedOffset> {
    t0() + Duration::seconds(secs)
}

fn discovery() -> Guide {
    guides::parse_builtin("discovery").unwrap().unwrap()
}

fn live(guide: Guide) -> App {
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.start_session(guide, Participant { name: "Ana López".into(), ..Default::default() });
    app
}

fn type_text(app: &mut App, text: &str, now: DateTime<FixedOffset>) {
    for c in text.chars() {
        app.update(Action::InsertChar(c), now);
    }
}

fn rows(app: &App, w: u16, h: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| fieldnotes::tui::ui::render(f, app, &Theme::monochrome())).unwrap();
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol().to_string()).collect::<String>().trim_end().to_string())
        .collect()
}

/// 43 seconds in, a note taken at 0:43: the header, the section and the
/// note say the same clock, which cannot pass for 43 minutes.
#[test]
fn the_screen_says_one_time_format() {
    let mut app = live(discovery());
    type_text(&mut app, "uses Excel for the board report", at(43));
    app.update(Action::CommitNote, at(43));
    app.update(Action::Tick, at(43));
    for (w, h) in [(80, 24), (200, 60)] {
        let screen = rows(&app, w, h);
        let all = screen.join("\n");
        assert!(screen[0].contains("⏱ 0:43 / 45 min"), "{}", screen[0]);
        assert!(screen[0].contains("§1 0:43 / 5 min"), "{}", screen[0]);
        assert!(all.contains("1 Warm-up 0:43 / 5 min"), "{all}");
        assert!(all.contains(" 0:43 · uses Excel"), "{all}");
        assert!(!all.contains("00:"), "no zero-padded clock left:\n{all}");
    }
}

/// Peeking two questions ahead while typing: the pane says so, the question
/// looked at is open, the current one keeps its mark, and the note typed
/// meanwhile lands on the current question.
#[test]
fn the_guide_pane_peeks_ahead_with_a_clear_mark() {
    let mut app = live(discovery());
    type_text(&mut app, "she runs the weekly", at(5));
    app.update(Action::PeekNextQuestion, at(6));
    app.update(Action::PeekNextQuestion, at(6));
    for (w, h) in [(80, 24), (200, 60)] {
        let all = rows(&app, w, h).join("\n");
        assert!(all.contains("Guide · peeking (▶ 1.1)"), "{all}");
        assert!(all.contains("│▶ 1.1"), "the current question stays in view with its mark:\n{all}");
        assert!(all.contains("◆ 2.1"), "the one looked at:\n{all}");
        assert!(all.contains("Esc back"), "how to get back:\n{all}");
    }
    // A few seconds later the guide shows the current question again by itself.
    app.update(Action::Tick, at(6 + fieldnotes::tui::app::capture::PEEK_SECS));
    let all = rows(&app, 80, 24).join("\n");
    assert!(!all.contains("peeking") && !all.contains('◆'), "{all}");
    assert!(all.contains("peek"), "the pane names its peek keys:\n{all}");
    app.update(Action::CommitNote, at(20));
    assert_eq!(app.capture().unwrap().session.notes[0].question.as_deref(), Some("1.1"));
}

/// A 1-minute plan, 1:08 in, with the guide's lint findings said at the
/// start: the reminder shows, with the true overrun.
#[test]
fn the_reminder_is_not_hidden_and_says_the_true_overrun() {
    let mut guide = discovery();
    guide.duration = Some(1);
    let mut app = live(guide);
    // A message that was said, as the lint findings are, while the reminder is due.
    app.update(Action::Undo, at(50));
    assert!(rows(&app, 80, 24)[23].contains("Nothing to undo."));
    app.update(Action::Tick, at(51));
    let footer = rows(&app, 80, 24)[23].clone();
    assert!(footer.contains("9 s left — ask:"), "the reminder first: {footer}");
    assert!(footer.contains("Nothing to undo."), "the message after it: {footer}");
    app.update(Action::Tick, at(68));
    for (w, h) in [(80, 24), (200, 60)] {
        let screen = rows(&app, w, h);
        let footer = &screen[usize::from(h) - 1];
        assert!(footer.contains("8 s over — ask: What else is on your mind?"), "{footer}");
        assert!(!footer.contains("0 min") && !footer.contains("Nothing to undo."), "{footer}");
    }
}

/// 13 quick presses through the guide with no notes: nothing counts as asked.
#[test]
fn the_wrap_up_counts_only_questions_asked() {
    let mut app = live(discovery());
    for i in 0..13 {
        app.update(Action::NextQuestion, t0() + Duration::milliseconds(150 * i));
    }
    app.update(Action::PrevQuestion, at(3));
    type_text(&mut app, "the last one, with a note", at(30));
    app.update(Action::CommitNote, at(30));
    app.update(Action::EndInterview, at(40));
    app.update(Action::SubmitClosing, at(45));
    let all = rows(&app, 80, 24).join("\n");
    assert!(all.contains("Questions asked: 1 of 14"), "{all}");
    assert!(all.contains("lasted 0:45"), "{all}");
}
