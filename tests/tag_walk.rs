//! Tagging every untagged note of a 200-interview library from the library's
//! `t`: one tag key per untagged note, no key spent on a tagged note, and the
//! walk opens the next interview by itself. Keys go through the default
//! keymap; a session the walk asks for is read from disk and opened the way
//! the main loop opens it.

#[path = "../examples/gen_library.rs"]
#[allow(dead_code)]
mod gen_library;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fieldnotes::store::guides;
use fieldnotes::store::library::{self, Library};
use fieldnotes::tui::action::Action;
use fieldnotes::tui::app::{App, Effect, Screen};
use fieldnotes::tui::keymap::Mode;
use fieldnotes::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};

fn t0() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap()
}

/// Presses `code` and carries out what the walk asks of the main loop:
/// opening the next interview in quick tagging.
fn press(app: &mut App, code: KeyCode, guides_dir: &Path) {
    let action = app.keymap.resolve(app.mode(), KeyEvent::new(code, KeyModifiers::NONE)).expect("a bound key");
    for effect in app.update(action, t0()) {
        if let Effect::TagSession { path, rest } = effect {
            open_tagging(app, path, rest, guides_dir);
        }
    }
}

fn open_tagging(app: &mut App, path: PathBuf, rest: Vec<PathBuf>, guides_dir: &Path) {
    app.refresh_library_row();
    let session = library::load_session(&path).unwrap();
    let guide = guides::resolve(&session.guide, guides_dir).unwrap();
    app.open_review(session, guide, path, Some(rest));
}

fn title(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| fieldnotes::tui::ui::render(f, app, &Theme::monochrome())).unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .find(|l| l.contains("Quick tagging"))
        .unwrap_or_default()
}

#[test]
fn tagging_a_200_interview_library_takes_one_key_per_untagged_note() {
    let dir = tempfile::tempdir().unwrap();
    gen_library::generate(dir.path(), 200, 60, 7).unwrap();
    let sessions_dir = dir.path().join("sessions");
    let guides_dir = dir.path().join("guides");
    let lib = Library::load(&sessions_dir);
    let interviews = lib.sessions.iter().filter(|s| s.info.as_ref().is_ok_and(|i| i.untagged > 0)).count();
    let untagged: usize = lib.sessions.iter().filter_map(|s| s.info.as_ref().ok()).map(|i| i.untagged).sum();
    assert!(untagged > 1_500 && interviews > 150, "a library with many untagged notes: {untagged} in {interviews}");
    let mut app = App::new(lib, vec![], sessions_dir.clone(), "discovery", t0());

    let effects = app.update(Action::TagUntagged, t0());
    let [Effect::TagSession { path, rest }] = &effects[..] else { panic!("{effects:?}") };
    open_tagging(&mut app, path.clone(), rest.clone(), &guides_dir);
    assert_eq!(app.mode(), Mode::QuickTag);
    let first = title(&app);
    let total = fieldnotes::text::counts::thousands(untagged);
    assert!(
        first.contains(&format!("1 of {total} untagged · interview 1 of {interviews}")),
        "the counter is the library's: {first}"
    );

    let mut keys = 0;
    let mut opened = vec![path.clone()];
    while keys < untagged {
        let Screen::Review(r) = &app.screen else { panic!("left the session view after {keys} keys") };
        let Some(current) = r.quick_tag().and_then(|q| q.current()) else { panic!("not tagging after {keys} keys") };
        assert!(r.session.notes[current].tags.is_empty(), "note {current} of {} has a tag already", r.path.display());
        press(&mut app, KeyCode::Char('1'), &guides_dir);
        keys += 1;
        if let Screen::Review(r) = &app.screen
            && opened.last() != Some(&r.path)
        {
            opened.push(r.path.clone());
            if opened.len() == 3 {
                let t = title(&app);
                assert!(t.contains(&format!("· interview 3 of {interviews}")), "{t}");
            }
        }
    }
    assert_eq!(opened.len(), interviews, "every interview with untagged notes, opened by the walk itself");
    let Screen::Review(r) = &app.screen else { panic!("left the session view") };
    assert_eq!(r.untagged(), 0);
    assert!(
        app.message.as_deref().or(r.message.as_deref()).is_some_and(|m| m.contains("last untagged note")),
        "{:?}",
        r.message
    );
    // The library's rows follow the walk: nothing untagged is left.
    app.refresh_library_row();
    let left: usize = app.library.sessions.iter().filter_map(|s| s.info.as_ref().ok()).map(|i| i.untagged).sum();
    assert_eq!(left, 0);
}
