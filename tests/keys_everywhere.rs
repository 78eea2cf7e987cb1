//! One meaning per key, seen on screen: every footer names only keys that
//! work where it is shown (the form, the filter line and the pickers show
//! their own keys, not the library's), the live footer says how to select a
//! note and change question, and the help scrolls when it is taller than the
//! window. The keymap side (each concept's key on every screen) is in
//! `src/tui/keymap/concepts.rs`.

mod common;

use chrono::{DateTime, Duration, FixedOffset};
use common::note;
use fieldnotes::domain::note::Kind;
use fieldnotes::domain::session::{Participant, Session};
use fieldnotes::domain::transcript::{ClockOffset, Cue, Transcript, TranscriptLink};
use fieldnotes::store::guides;
use fieldnotes::store::library::Library;
use fieldnotes::store::paths::Paths;
use fieldnotes::store::recovery::{Pending, Target};
use fieldnotes::store::study_library::read_study;
use fieldnotes::tui::action::Action;
use fieldnotes::tui::app::synthesis::SynthData;
use fieldnotes::tui::app::{App, GuideChoice};
use fieldnotes::tui::keymap::Mode;
use fieldnotes::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Style};
use std::path::PathBuf;

const KEY_COLOR: Color = Color::Indexed(201);

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

fn session() -> Session {
    let p = Participant { name: "Ana López".into(), company: Some("Acme".into()), ..Default::default() };
    let mut s = Session::new("20261122-1430-ana-lopez".into(), "discovery", "Discovery interview", p, t0());
    s.ended_at = Some(t0() + Duration::minutes(42));
    s.notes = vec![
        note(192, Kind::Quote, Some("1.1"), "We export to Excel every Friday", &["workaround", "reporting"]),
        note(900, Kind::Followup, Some("3.2"), "send her the pricing deck", &["pricing"]),
        note(1320, Kind::Note, Some("4.2"), "keeps a spreadsheet of report dates", &[]),
    ];
    s
}

fn home() -> App {
    App::new(Library::default(), choices(), PathBuf::from("/data/sessions"), "discovery", t0())
}

fn with(mut app: App, actions: &[Action]) -> App {
    for a in actions {
        app.update_here(a.clone(), t0());
    }
    app
}

fn live() -> App {
    let mut app = home();
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    app.start_session(guide, Participant { name: "Ana López".into(), ..Default::default() });
    for c in "first note".chars() {
        app.update_here(Action::InsertChar(c), t0());
    }
    app.update_here(Action::CommitNote, t0());
    app
}

fn review() -> App {
    let mut app = home();
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    app.open_review(session(), guide, PathBuf::from("/data/sessions/20261122-1430-ana-lopez.yaml"), None);
    app
}

fn synthesis(actions: &[Action]) -> App {
    let mut app = with(home(), &[Action::OpenSynthesis]);
    let effects = app.synthesis_loaded(SynthData { load: 1, ..SynthData::default() });
    app.compute_here(effects);
    with(app, actions)
}

/// The session view with a transcript, its pane focused.
fn transcript_pane() -> App {
    let mut s = session();
    s.transcript = Some(TranscriptLink {
        file: "20261122-1430-ana-lopez.vtt".into(),
        offset: ClockOffset(0),
        interviewer: None,
        source: None,
        extra: Default::default(),
    });
    let cues = (0..6)
        .map(|i| Cue {
            start: i as f64 * 10.0,
            end: i as f64 * 10.0 + 9.0,
            speaker: Some("Ana López".into()),
            text: format!("line {i} of what was said"),
        })
        .collect();
    let mut app = home();
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    app.open_review(s, guide, PathBuf::from("/data/sessions/20261122-1430-ana-lopez.yaml"), None);
    app.review_transcript(Some(Ok(Transcript { cues })));
    with(app, &[Action::FocusTranscript])
}

/// The study screen over an empty data folder: the whole library's study.
fn study() -> App {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(Library::default(), choices(), dir.path().join("data/sessions"), "discovery", t0());
    app.update(Action::OpenStudy, t0());
    let paths = Paths { data_dir: dir.path().join("data"), config_dir: dir.path().join("config") };
    app.study_loaded(1, read_study(&paths, None));
    app
}

/// The consent questions before the call, one answer chosen.
fn consent() -> App {
    let mut app = home();
    let mut guide = guides::parse_builtin("discovery").unwrap().unwrap();
    guide.consent = true;
    app.start_session(guide, Participant { name: "Ana López".into(), ..Default::default() });
    with(app, &[Action::ConsentYes])
}

fn recovery() -> App {
    let mut app = home();
    app.offer_recovery(vec![Pending {
        id: "20261122-1430-ana-lopez".into(),
        yaml_path: PathBuf::from("/data/sessions/20261122-1430-ana-lopez.yaml"),
        journal_path: PathBuf::from("/data/sessions/.fieldnotes/20261122-1430-ana-lopez.journal"),
        recovered: session(),
        changes: vec!["added a note".into()],
        target: Target::Overwrite,
        damage: None,
        held_back: vec![],
        lossy: false,
    }]);
    app
}

/// A state of every screen and modal state whose footer lists keys.
fn every_state() -> Vec<App> {
    vec![
        home(),
        with(home(), &[Action::NewInterview]),
        with(home(), &[Action::FilterLibrary]),
        with(home(), &[Action::FacetFilter]),
        with(home(), &[Action::ShowFollowups]),
        recovery(),
        live(),
        with(live(), &[Action::SelectPrevNote]),
        with(live(), &[Action::OpenTagPalette]),
        with(live(), &[Action::EndInterview]),
        with(live(), &[Action::EndInterview, Action::SubmitClosing]),
        review(),
        with(review(), &[Action::EditNote]),
        with(review(), &[Action::QuickTag]),
        with(review(), &[Action::QuickTag, Action::SearchTags]),
        with(review(), &[Action::ImportTranscript]),
        with(review(), &[Action::ChangeKind]),
        transcript_pane(),
        study(),
        consent(),
        synthesis(&[]),
        synthesis(&[Action::SearchNotes]),
        synthesis(&[Action::EditFilter]),
    ]
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut theme = Theme::monochrome();
    theme.key = Style::new().fg(KEY_COLOR);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| fieldnotes::tui::ui::render(f, app, &theme)).unwrap();
    terminal
}

/// The keys a footer names: the runs of key-styled text on the last row.
fn footer_keys(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buf = terminal.backend().buffer();
    let y = buf.area.height - 1;
    let mut runs: Vec<String> = Vec::new();
    let mut run = String::new();
    for x in 0..buf.area.width {
        let cell = &buf[(x, y)];
        if cell.fg == KEY_COLOR && cell.symbol() != " " {
            run.push_str(cell.symbol());
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    runs.extend(Some(run).filter(|r| !r.is_empty()));
    // "^N/^P" names two keys; "/" alone is a key.
    runs.iter()
        .flat_map(|r| {
            if r.len() > 1 && r.contains('/') { r.split('/').map(String::from).collect() } else { vec![r.clone()] }
        })
        .collect()
}

fn labels_in(app: &App, mode: Mode) -> Vec<String> {
    let map = &app.keymap;
    let mut out = Vec::new();
    for a in fieldnotes::tui::keymap::bindable_actions() {
        for k in map.keys(mode, &a) {
            out.push(k.short_label());
            out.push(k.label());
        }
    }
    out
}

#[test]
fn every_footer_names_only_keys_bound_where_it_is_shown() {
    for app in every_state() {
        let mode = app.mode();
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let keys = footer_keys(&draw(&app, w, h));
            assert!(!keys.is_empty(), "{mode:?} at {w}x{h}: no key in the footer");
            let bound = labels_in(&app, mode);
            for k in &keys {
                assert!(bound.contains(k), "{mode:?} at {w}x{h}: the footer names {k:?}, not a key here ({bound:?})");
            }
        }
    }
}

#[test]
fn the_modal_footers_show_their_own_keys() {
    let footer = |app: &App| {
        let t = draw(app, 120, 40);
        let buf = t.backend().buffer();
        let y = buf.area.height - 1;
        (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>()
    };
    let form = footer(&with(home(), &[Action::NewInterview]));
    assert!(form.contains("Enter start") && form.contains("Esc cancel") && !form.contains("synthesis"), "{form}");
    let filter = footer(&with(home(), &[Action::FilterLibrary]));
    assert!(filter.contains("Enter keep") && filter.contains("Esc clear") && !filter.contains("new"), "{filter}");
    let facets = footer(&with(home(), &[Action::FacetFilter]));
    assert!(facets.contains("Enter filter") && !facets.contains("sort"), "{facets}");
    let search = footer(&with(review(), &[Action::QuickTag, Action::SearchTags]));
    assert!(search.contains("Enter apply") && search.contains("Esc close"), "{search}");
}

#[test]
fn the_live_footer_says_how_to_select_a_note_and_change_question() {
    for (w, h) in [(80, 24), (120, 40)] {
        let t = draw(&live(), w, h);
        let buf = t.backend().buffer();
        let y = buf.area.height - 1;
        let footer: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect();
        assert!(footer.contains("^N/^P question") && footer.contains("↑ select"), "{w}x{h}: {footer}");
        assert!(footer.contains("F1 help") && footer.contains("saving"), "{w}x{h}: {footer}");
    }
}

fn rows(app: &App, w: u16, h: u16) -> Vec<String> {
    let t = draw(app, w, h);
    let buf = t.backend().buffer();
    (0..buf.area.height).map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect()).collect()
}

#[test]
fn the_help_scrolls_and_says_where_it_is() {
    // The session view has more keys than 24 lines and too long a column
    // for two at 80 wide: the help scrolls instead of leaving keys out.
    let mut app = with(review(), &[Action::ToggleHelp]);
    let first = rows(&app, 80, 24);
    let screen = first.join("\n");
    assert!(!screen.contains("a taller window"), "{screen}");
    let title = first.iter().find(|r| r.contains("Keys: Session")).expect(&screen);
    assert!(title.contains("1–22 of"), "where you are: {title}");
    // j / ↓ scroll a line, as the keymap says in the help's own mode.
    let j = crossterm::event::KeyEvent::new(crossterm::event::KeyCode::Char('j'), crossterm::event::KeyModifiers::NONE);
    assert_eq!(app.resolve_key(j), Some(Action::MoveDown));
    app.update_here(Action::MoveDown, t0());
    let second = rows(&app, 80, 24);
    // The help box's own columns, from its top border.
    let top = first.iter().position(|r| r.contains("Keys: Session")).unwrap();
    let x = first[top].chars().position(|c| c == '╭').unwrap();
    let w = first[top].chars().skip(x).position(|c| c == '╮').unwrap() + 1;
    let body = |r: &[String]| -> Vec<String> {
        r[top + 1..top + 21].iter().map(|l| l.chars().skip(x).take(w).collect()).collect()
    };
    assert_eq!(body(&first)[1..], body(&second)[..19], "one line up");
    assert!(second.iter().any(|r| r.contains("2–23 of")), "{}", second.join("\n"));
    // To the end, and no further; the last key is shown.
    for _ in 0..20 {
        app.update_here(Action::PageDown, t0());
        rows(&app, 80, 24);
    }
    let last = rows(&app, 80, 24).join("\n");
    let total: usize =
        last.split(" of ").nth(1).and_then(|r| r.split(' ').next()).and_then(|n| n.parse().ok()).expect(&last);
    assert!(last.contains(&format!("{}–{total} of {total}", total - 21)), "{last}");
    assert!(last.contains("show / hide the transcript") || last.contains("offset"), "the last rows: {last}");
    app.update_here(Action::PageUp, t0());
    app.update_here(Action::Back, t0());
    assert_eq!(app.mode(), Mode::Review, "Esc (back) closes the help");
    app.update_here(Action::ToggleHelp, t0());
    assert!(rows(&app, 80, 24).iter().any(|r| r.contains("1–22 of")), "opens at the top again");
}

#[test]
fn quitting_works_with_the_help_open() {
    let mut app = with(review(), &[Action::ToggleHelp]);
    let q =
        crossterm::event::KeyEvent::new(crossterm::event::KeyCode::Char('q'), crossterm::event::KeyModifiers::CONTROL);
    assert_eq!(app.resolve_key(q), Some(Action::SaveAndQuit));
    assert!(!app.update_here(Action::SaveAndQuit, t0()).is_empty(), "Ctrl-Q quits from the help too");
}

#[test]
fn the_library_clears_its_filters_with_one_key_and_q_quits() {
    let mut app = with(home(), &[Action::FilterLibrary]);
    for c in "zz".chars() {
        app.update_here(Action::InsertChar(c), t0());
    }
    app.update_here(Action::ApplyTag, t0());
    assert_eq!(app.home.view.filter.text(), "zz");
    app.update_here(Action::ClearFilter, t0());
    assert_eq!(app.home.view.filter.text(), "");
    assert!(app.home.view.applied.is_empty(), "the filter in force goes too");
    let q = crossterm::event::KeyEvent::new(crossterm::event::KeyCode::Char('q'), crossterm::event::KeyModifiers::NONE);
    assert_eq!(app.resolve_key(q), Some(Action::Back));
    assert!(!app.update_here(Action::Back, t0()).is_empty(), "back from the library leaves the app");
}

#[test]
fn a_filtered_synthesis_says_how_to_clear_the_filter() {
    let footer = |app: &App| rows(app, 120, 40).pop().unwrap();
    let mut app = synthesis(&[Action::EditFilter]);
    for c in "tag:pricing".chars() {
        app.update_here(Action::InsertChar(c), t0());
    }
    app.update_here(Action::ApplyTag, t0());
    assert!(footer(&app).contains("Backspace clear filter"), "{}", footer(&app));
    app.update_here(Action::ClearFilter, t0());
    assert!(!footer(&app).contains("clear filter"), "{}", footer(&app));
}

#[test]
fn every_key_of_the_help_can_be_seen_at_any_size() {
    for (w, h) in [(80, 24), (200, 16), (120, 40), (60, 16)] {
        for mut app in [synthesis(&[Action::ToggleHelp]), with(review(), &[Action::ToggleHelp])] {
            let mode = app.mode_under_help();
            let mut seen = String::new();
            for _ in 0..10 {
                seen.push_str(&rows(&app, w, h).join("\n"));
                app.update_here(Action::PageDown, t0());
            }
            for (_, what) in app.keymap.help_rows(mode) {
                let start: String = what.chars().take(12).collect();
                assert!(seen.contains(&start), "{mode:?} at {w}x{h}: {what:?} never shown");
            }
        }
    }
}
