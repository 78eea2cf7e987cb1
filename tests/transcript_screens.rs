//! Issue #16, the session view: the transcript pane beside the notes (200x60)
//! and under them (80x24), quote marks readable without colour, and the
//! two-key replace of a paraphrased quote, driven by real keys through the
//! keymap.

mod common;

use chrono::{DateTime, Duration, FixedOffset};
use common::note;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fieldnotes::domain::note::Kind;
use fieldnotes::domain::op::Op;
use fieldnotes::domain::session::{Participant, Session};
use fieldnotes::domain::transcript::{ClockOffset, Cue, Transcript, TranscriptLink};
use fieldnotes::store::guides;
use fieldnotes::store::library::Library;
use fieldnotes::tui::action::Action;
use fieldnotes::tui::app::{App, Effect};
use fieldnotes::tui::keymap::Mode;
use fieldnotes::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap()
}

/// The recording started 35 s before the interview clock.
const OFFSET: i64 = 35;

fn call() -> Transcript {
    let said: &[(&str, &str)] = &[
        ("Sam Rivera", "Thanks for making the time. Tell me about the last time you built the board report."),
        ("Ana López", "Sure. Every Friday I export the whole thing to Excel."),
        ("Ana López", "It drives me crazy, honestly, because the numbers never match the dashboard."),
        ("Sam Rivera", "What happens after the export?"),
        ("Ana López", "I paste it into the deck by hand."),
        ("Ana López", "That takes most of Monday morning."),
        ("Sam Rivera", "Have you tried anything else?"),
        ("Ana López", "We tried the reporting module once, but nobody trusted it."),
        ("Sam Rivera", "Why not?"),
        ("Ana López", "The totals were off by a few cents and finance noticed."),
        ("Sam Rivera", "What would make you trust it?"),
        ("Ana López", "If it showed where each number came from."),
    ];
    let cues = said
        .iter()
        .enumerate()
        .map(|(i, (who, text))| Cue {
            start: 20.0 + i as f64 * 12.0,
            end: 20.0 + i as f64 * 12.0 + 11.0,
            speaker: Some(who.to_string()),
            text: text.to_string(),
        })
        .collect();
    Transcript { cues }
}

/// Notes typed during the call (interview clock): a quote said word for
/// word, one paraphrased, one never said.
fn session() -> Session {
    let p = Participant { name: "Ana López".into(), company: Some("Acme".into()), ..Default::default() };
    let mut s = Session::new("20261122-1430-ana-lopez".into(), "discovery", "Discovery interview", p, t0());
    s.ended_at = Some(t0() + Duration::minutes(42));
    s.notes = vec![
        note(0, Kind::Quote, Some("1.1"), "Every Friday I export the whole thing to Excel", &["reporting"]),
        note(45, Kind::Pain, Some("1.1"), "pastes into the deck by hand, most of Monday", &["reporting"]),
        note(80, Kind::Quote, Some("1.2"), "we tried the reporting module but nobody trusts it", &[]),
        note(110, Kind::Quote, Some("1.2"), "I would pay double for a mobile app", &[]),
    ];
    s.transcript = Some(TranscriptLink {
        file: "20261122-1430-ana-lopez.vtt".into(),
        offset: ClockOffset(OFFSET),
        interviewer: Some("Sam Rivera".into()),
        source: Some("zoom.vtt".into()),
        extra: Default::default(),
    });
    s
}

fn app_with(loaded: Option<Result<Transcript, String>>) -> App {
    let mut app = App::new(Library::default(), Vec::new(), PathBuf::from("/data/sessions"), "discovery", t0());
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    app.open_review(session(), guide, PathBuf::from("/data/sessions/20261122-1430-ana-lopez.yaml"), None);
    app.review_transcript(loaded);
    app
}

fn app() -> App {
    app_with(Some(Ok(call())))
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| fieldnotes::tui::ui::render(f, app, &Theme::monochrome())).unwrap();
    terminal
}

fn screen_text(app: &App, w: u16, h: u16) -> String {
    let t = draw(app, w, h);
    let buf = t.backend().buffer();
    (0..h).map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n").collect()
}

/// Presses a key as the main loop does: through the keymap, then `update`.
fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    let action = app.resolve_key(KeyEvent::new(code, mods)).unwrap_or_else(|| panic!("{code:?} does nothing"));
    app.update(action, t0())
}

fn both_sizes(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), draw(app, 80, 24).backend());
    insta::assert_snapshot!(format!("{name}_200x60"), draw(app, 200, 60).backend());
}

#[test]
fn the_pane_follows_the_selected_note() {
    let mut app = app();
    app.update(Action::MoveDown, t0()); // the pain at 00:00:45, 80 s on the recording
    both_sizes("transcript_pane_follows", &app);
    let text = screen_text(&app, 200, 60);
    assert!(text.contains("▶  1:08 Ana López: I paste it into the deck by hand."), "{text}");
    assert!(text.contains("offset +00:00:35"), "{text}");
}

#[test]
fn walking_with_a_selection() {
    let mut app = app();
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.mode(), Mode::Transcript);
    press(&mut app, KeyCode::Down, KeyModifiers::SHIFT);
    both_sizes("transcript_pane_walking", &app);
    let text = screen_text(&app, 200, 60);
    assert_eq!(text.matches("┃ ").count(), 2, "two lines selected:\n{text}");
}

#[test]
fn quote_marks_read_without_colour() {
    let text = screen_text(&app(), 200, 60);
    assert!(text.contains("quotes: ✓ said · ≈ close · ✗ not found"), "{text}");
    assert!(text.contains("✓ “Every Friday I export the whole thing to Excel”"), "{text}");
    assert!(text.contains("≈ “we tried the reporting module"), "{text}");
    assert!(text.contains("✗ “I would pay double for a mobile app”"), "{text}");
}

#[test]
fn a_broken_transcript_is_said_in_the_pane() {
    let app =
        app_with(Some(Err("/data/sessions/20261122-1430-ana-lopez.vtt:3: a cue needs a start and an end".into())));
    insta::assert_snapshot!("transcript_pane_broken_80x24", draw(&app, 80, 24).backend());
    let text = screen_text(&app, 200, 60);
    assert!(text.contains("The transcript could not be read:"), "{text}");
}

#[test]
fn the_import_prompt() {
    let mut app = app_with(None);
    press(&mut app, KeyCode::Char('I'), KeyModifiers::SHIFT);
    assert_eq!(app.mode(), Mode::TranscriptImport);
    for c in "~/calls/zoom.vtt".chars() {
        press(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    insta::assert_snapshot!("transcript_import_prompt_80x24", draw(&app, 80, 24).backend());
    let effects = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(
        matches!(&effects[..], [Effect::ImportTranscript { file, .. }] if file == &PathBuf::from("~/calls/zoom.vtt"))
    );
}

/// Two keys: Tab lands on the line the quote check found, `r` puts the
/// words said in place of the paraphrase; the typed words are kept, and
/// undo brings them back.
#[test]
fn two_keys_replace_a_paraphrased_quote_with_the_words_said() {
    let mut app = app();
    for _ in 0..2 {
        press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    }
    let r = app.review().unwrap();
    assert_eq!(r.selected_note(), Some(2), "the paraphrase");
    let effects: Vec<Effect> =
        [press(&mut app, KeyCode::Tab, KeyModifiers::NONE), press(&mut app, KeyCode::Char('p'), KeyModifiers::NONE)]
            .concat();
    let ops: Vec<&Op> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Persist { op, .. } => Some(op.as_ref()),
            _ => None,
        })
        .collect();
    let [Op::Replace { index: 2, note }] = &ops[..] else { panic!("{effects:?}") };
    assert_eq!(note.text, "We tried the reporting module once, but nobody trusted it.");
    assert_eq!(note.typed.as_deref(), Some("we tried the reporting module but nobody trusts it"));
    assert!(note.from_transcript);
    let text = screen_text(&app, 200, 60);
    assert!(text.contains("✓ “We tried the reporting module once"), "the mark follows:\n{text}");
    press(&mut app, KeyCode::Char('u'), KeyModifiers::NONE);
    let r = app.review().unwrap();
    assert_eq!(r.session.notes[2].text, "we tried the reporting module but nobody trusts it");
    assert_eq!(r.session.notes[2].typed, None);
}

/// A search hit on a transcript line: the main loop sets the moment, opens
/// the session, and the pane opens there with the nearest note selected.
#[test]
fn a_jump_to_a_moment_on_the_recording_opens_the_pane_there() {
    let mut app = App::new(Library::default(), Vec::new(), PathBuf::from("/data/sessions"), "discovery", t0());
    app.jump_transcript = Some(117.0);
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    app.open_review(session(), guide, PathBuf::from("/data/sessions/20261122-1430-ana-lopez.yaml"), None);
    app.review_transcript(Some(Ok(call())));
    assert_eq!(app.mode(), Mode::Transcript);
    let r = app.review().unwrap();
    assert_eq!(r.transcript.selection(), 8..=8, "the line said at 1:56");
    assert_eq!(r.selected_note(), Some(2), "the note at 00:01:20, 1:55 on the recording");
    assert_eq!(app.jump_transcript, None, "spent");
}

/// Every state of the pane, with and without the help over it, draws at
/// any size (the smallest says the window is too small).
#[test]
fn every_pane_state_draws_at_any_size() {
    let mut walking = app();
    walking.update(Action::FocusTranscript, t0());
    let mut importing = app_with(None);
    importing.update(Action::ImportTranscript, t0());
    let states = [app(), walking, importing, app_with(Some(Err("x.vtt:1: broken".into()))), app_with(None)];
    for mut state in states {
        for help in [false, true] {
            state.help = help;
            for (w, h) in [(20, 5), (60, 16), (80, 24), (120, 40), (200, 60), (300, 100)] {
                draw(&state, w, h);
            }
        }
    }
}

#[test]
fn the_wrap_up_shows_the_listening_coach() {
    use fieldnotes::analysis::lint::Rules;
    use fieldnotes::analysis::transcript::{coach::coach, coach_lines::wrap_up_lines};
    let mut app = app();
    // As the main loop does when it opens the session with its transcript.
    if let fieldnotes::tui::app::Screen::Review(r) = &mut app.screen {
        r.coach = wrap_up_lines(&coach(&call(), "Sam Rivera", &Rules::builtin()), "Sam Rivera");
    }
    let text = screen_text(&app, 200, 60);
    let wrap_up = text.lines().take(8).collect::<Vec<_>>().join("\n");
    assert!(wrap_up.contains("Listening: Sam Rivera spoke"), "{wrap_up}");
    // At 120 columns the pane is narrow: the coach is cut with a mark, never mid-word silently.
    let text = screen_text(&app, 120, 40);
    let wrap_up = text.lines().take(8).collect::<Vec<_>>().join("\n");
    assert!(wrap_up.contains("Listening:") && wrap_up.contains('…'), "{wrap_up}");
}

#[test]
fn the_quote_legend_is_never_cut() {
    // At 120 columns the notes pane beside the transcript is too narrow for
    // the long legend: a shorter one, whole, rather than "✗ not foun".
    let text = screen_text(&app(), 120, 40);
    assert!(text.contains("✗ not found"), "{text}");
    assert!(!text.contains("✗ not foun─") && !text.contains("✗ not foun╮"), "{text}");
}
