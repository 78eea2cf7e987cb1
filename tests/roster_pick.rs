//! The new-interview form picks a person from the study's roster: the keys
//! as a terminal sends them, through the real keymap, down to the session
//! the writer is asked to create; and the form drawn with the list showing.

use chrono::{DateTime, FixedOffset, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fieldnotes::domain::person::{Person, PersonStatus};
use fieldnotes::domain::session::Session;
use fieldnotes::store::guides;
use fieldnotes::store::library::Library;
use fieldnotes::tui::app::roster_pick::RosterChoice;
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

fn person(id: &str, name: &str, company: &str, role: &str, segment: &str, sessions: usize) -> RosterChoice {
    RosterChoice {
        id: id.into(),
        person: Person {
            name: name.into(),
            company: Some(company.into()),
            role: Some(role.into()),
            segment: Some(segment.into()),
            status: PersonStatus::Scheduled,
            ..Person::default()
        },
        sessions,
        last: (sessions > 0).then(|| NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()),
    }
}

fn roster() -> Vec<RosterChoice> {
    vec![
        person("ana-lopez-acme", "Ana López", "Acme", "Head of Ops", "mid-market", 2),
        person("lopa-das-initech", "Lopa Das", "Initech", "CFO", "enterprise", 0),
        person("ben-okafor-sato", "Ben Okafor", "Sato Logistics", "Analyst", "smb", 0),
    ]
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    let mods = if code == KeyCode::BackTab { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
    match app.resolve_key(KeyEvent::new(code, mods)) {
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

/// The library with the form open (by its key) and the roster arrived.
fn form_open(roster: Vec<RosterChoice>) -> App {
    let mut app = App::new(Library::default(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    let effects = press(&mut app, KeyCode::Char('n'));
    assert!(effects.contains(&Effect::LoadRoster), "the form asks for the roster off the UI thread: {effects:?}");
    app.roster_loaded(roster);
    app
}

fn begun(effects: &[Effect]) -> &Session {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Begin { session, .. } => Some(session.as_ref()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no session begun: {effects:?}"))
}

#[test]
fn typing_part_of_a_name_and_picking_links_the_session_and_fills_the_participant() {
    let mut app = form_open(roster());
    type_keys(&mut app, "lópe");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Tab);
    let form = app.home.form.as_ref().unwrap();
    assert_eq!(form.participant.text(), "Ana López");
    assert_eq!(form.picked.as_deref(), Some("ana-lopez-acme"));
    // The filled fields stay editable: the role is changed by hand.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    for _ in 0.."Head of Ops".len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_keys(&mut app, "COO");
    let effects = press(&mut app, KeyCode::Enter);
    let session = begun(&effects);
    assert_eq!(session.person.as_deref(), Some("ana-lopez-acme"));
    assert_eq!(session.participant.name, "Ana López");
    assert_eq!(session.participant.company.as_deref(), Some("Acme"));
    assert_eq!(session.participant.role.as_deref(), Some("COO"));
    assert_eq!(session.participant.segment.as_deref(), Some("mid-market"));
    assert_eq!(app.capture().unwrap().session.person.as_deref(), Some("ana-lopez-acme"), "later saves keep it");
    // Nothing but the session is written: the person's status follows from the link.
    assert!(effects.iter().all(|e| matches!(e, Effect::Begin { .. })), "{effects:?}");
}

#[test]
fn enter_on_a_highlighted_person_picks_them_and_the_next_enter_starts() {
    let mut app = form_open(roster());
    type_keys(&mut app, "okaf");
    press(&mut app, KeyCode::Down);
    let effects = press(&mut app, KeyCode::Enter);
    assert!(effects.is_empty(), "the first Enter picks: {effects:?}");
    let effects = press(&mut app, KeyCode::Enter);
    let session = begun(&effects);
    assert_eq!(session.person.as_deref(), Some("ben-okafor-sato"));
    assert_eq!(session.participant.company.as_deref(), Some("Sato Logistics"));
}

#[test]
fn a_name_that_matches_no_one_starts_as_before_without_a_link() {
    let mut app = form_open(roster());
    type_keys(&mut app, "Zed Quill");
    assert!(app.home.form.as_ref().unwrap().offered(&app.home.roster).is_empty());
    // Tab moves to the next field (↑↓ choose the guide).
    press(&mut app, KeyCode::Tab);
    type_keys(&mut app, "Globex");
    let effects = press(&mut app, KeyCode::Enter);
    let session = begun(&effects);
    assert_eq!(session.person, None);
    assert_eq!(session.participant.name, "Zed Quill");
    assert_eq!(session.participant.company.as_deref(), Some("Globex"));
}

#[test]
fn a_typed_match_not_picked_is_not_linked_and_editing_a_picked_name_unlinks() {
    let mut app = form_open(roster());
    type_keys(&mut app, "Ana");
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(begun(&effects).person, None, "offered is not picked");

    let mut app = form_open(roster());
    type_keys(&mut app, "ana");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Backspace);
    let form = app.home.form.as_ref().unwrap();
    assert_eq!(form.picked, None, "Ana Lópe is not the person picked");
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(begun(&effects).person, None);
}

#[test]
fn esc_closes_the_highlight_first_then_the_form() {
    let mut app = form_open(roster());
    type_keys(&mut app, "lop");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Esc);
    let form = app.home.form.as_ref().expect("the form stays");
    assert_eq!(form.highlight, None);
    assert_eq!(form.participant.text(), "lop");
    press(&mut app, KeyCode::Esc);
    assert!(app.home.form.is_none());
}

#[test]
fn up_off_the_top_of_the_list_leaves_it_and_the_focus_order_is_unchanged() {
    let mut app = form_open(roster());
    type_keys(&mut app, "lop");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.home.form.as_ref().unwrap().highlight, Some(1));
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    assert_eq!(app.home.form.as_ref().unwrap().highlight, None);
    // Without a highlight, Tab goes on to the company, as it always did.
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.home.form.as_ref().unwrap().field, fieldnotes::tui::app::home::Field::Company);
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| fieldnotes::tui::ui::render(f, app, &Theme::monochrome())).unwrap();
    terminal
}

#[test]
fn the_form_with_the_roster_list() {
    let mut app = form_open(roster());
    type_keys(&mut app, "lop");
    press(&mut app, KeyCode::Down);
    insta::assert_snapshot!("roster_list_80x24", draw(&app, 80, 24).backend());
    insta::assert_snapshot!("roster_list_120x40", draw(&app, 120, 40).backend());
}

#[test]
fn the_form_after_a_pick() {
    let mut app = form_open(roster());
    type_keys(&mut app, "lop");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Tab);
    insta::assert_snapshot!("roster_picked_80x24", draw(&app, 80, 24).backend());
}

#[test]
fn hostile_roster_names_are_drawn_inert() {
    let mut evil = person("evil", "Eve\u{1b}[2J\u{7}lyn", "Co\u{1b}]52;c;aGk=\u{7}rp", "x\u{202e}y", "smb", 1);
    evil.person.name = "Eve\u{1b}[2J\u{7}lyn".into();
    let mut app = form_open(vec![evil]);
    type_keys(&mut app, "eve");
    press(&mut app, KeyCode::Down);
    let shown = format!("{}", draw(&app, 120, 40).backend());
    assert!(shown.contains("Eve␛[2J␇lyn · Co␛]52"), "{shown}");
    assert!(!shown.contains('\u{1b}') && !shown.contains('\u{7}'), "{shown}");
    press(&mut app, KeyCode::Tab);
    let shown = format!("{}", draw(&app, 120, 40).backend());
    // The field takes no control characters: the name picked arrives without them.
    assert!(shown.contains("Participant  Eve[2Jlyn  ✓ roster"), "{shown}");
    assert!(!shown.contains('\u{1b}') && !shown.contains('\u{7}'), "{shown}");
}
