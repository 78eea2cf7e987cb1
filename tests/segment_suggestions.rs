//! The new-interview form offers the library's segments as the Segment field
//! is typed, as it offers the roster's names: the keys as a terminal sends
//! them, through the real keymap, down to the session the writer is asked to
//! create, and the form drawn with the list showing.

use chrono::{DateTime, Duration, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fieldnotes::store::guides;
use fieldnotes::store::library::{Library, SessionInfo, Summary};
use fieldnotes::tui::app::{App, Effect, GuideChoice};
use fieldnotes::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap()
}

fn choices() -> Vec<GuideChoice> {
    guides::BUILTIN
        .iter()
        .map(|(name, _)| GuideChoice {
            name: name.to_string(),
            guide: guides::parse_builtin(name).unwrap().map_err(|e| e.to_string()),
        })
        .collect()
}

/// A library of five interviews: three mid-market, one enterprise, one SMB.
fn library() -> Library {
    let row = |i: i64, who: &str, segment: &str| Summary {
        id: format!("2026111{i}-1000-{who}"),
        path: PathBuf::from(format!("/data/sessions/2026111{i}-1000-{who}.yaml")),
        info: Ok(SessionInfo {
            participant: who.into(),
            company: None,
            segment: Some(segment.into()),
            role: None,
            guide: "discovery".into(),
            title: format!("Discovery interview — {who}"),
            started_at: t0() - Duration::days(i),
            ended_at: None,
            talk_secs: None,
            notes: 0,
            tags: vec![],
            untagged: 0,
            followups: vec![],
            closing_answer: None,
            closing_tags: vec![],
        }),
        journal: false,
    };
    Library {
        sessions: vec![
            row(1, "ana", "mid-market"),
            row(2, "bo", "enterprise"),
            row(3, "cy", "mid-market"),
            row(4, "di", "SMB"),
            row(5, "ed", "mid-market"),
        ],
    }
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    match app.resolve_key(KeyEvent::new(code, KeyModifiers::NONE)) {
        Some(action) => app.update(action, t0()),
        None => vec![],
    }
}

fn type_keys(app: &mut App, text: &str) {
    for c in text.chars() {
        let mods = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
        if let Some(action) = app.resolve_key(KeyEvent::new(KeyCode::Char(c), mods)) {
            app.update(action, t0());
        }
    }
}

/// The form open, the participant named, the focus on Segment.
fn at_segment() -> App {
    let mut app = App::new(library(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    press(&mut app, KeyCode::Char('n'));
    type_keys(&mut app, "Fay Ito");
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    app
}

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| fieldnotes::tui::ui::render(f, app, &Theme::monochrome())).unwrap();
    let buffer = terminal.backend().buffer();
    (0..h).map(|y| (0..w).map(|x| buffer[(x, y)].symbol().to_string()).collect::<String>() + "\n").collect()
}

/// The row where `name` is offered with its count, if any.
fn offered_row(shown: &str, name: &str, count: &str) -> Option<usize> {
    shown.lines().position(|l| l.contains(&format!("  {name} ")) && l.contains(&format!("{count} in the library")))
}

fn started_segment(effects: &[Effect]) -> Option<String> {
    effects.iter().find_map(|e| match e {
        Effect::Begin { session, .. } => session.participant.segment.clone(),
        _ => None,
    })
}

#[test]
fn typing_a_variant_offers_the_library_spelling_and_tab_picks_it() {
    let mut app = at_segment();
    type_keys(&mut app, "midm");
    for (w, h) in [(80, 24), (200, 60)] {
        let shown = screen(&app, w, h);
        assert!(offered_row(&shown, "mid-market", "3 interviews").is_some(), "{shown}");
        assert!(offered_row(&shown, "enterprise", "1 interview").is_none(), "only what matches:\n{shown}");
        assert!(shown.contains("library's segments"), "the hint names the list's key:\n{shown}");
    }
    press(&mut app, KeyCode::Down);
    assert!(screen(&app, 80, 24).contains("▸ mid-market"));
    press(&mut app, KeyCode::Tab);
    assert!(!screen(&app, 80, 24).contains("3 interviews in the library"), "picked: the list goes");
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(started_segment(&effects).as_deref(), Some("mid-market"));
}

#[test]
fn an_empty_segment_shows_the_most_used_and_a_new_one_is_kept_as_typed() {
    let mut app = at_segment();
    let shown = screen(&app, 80, 24);
    let order: Vec<usize> = [("mid-market", "3 interviews"), ("enterprise", "1 interview"), ("SMB", "1 interview")]
        .iter()
        .map(|(name, count)| offered_row(&shown, name, count).expect(name))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "most used first:\n{shown}");
    // Esc closes a highlighted list first, and the form keeps its field.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app, 80, 24).contains("New interview"), "the form stays open");
    // A segment the library does not have yet: Enter starts with it as typed.
    type_keys(&mut app, "agency");
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(started_segment(&effects).as_deref(), Some("agency"));
}
