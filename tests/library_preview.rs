//! The library screen's first rows come from the index before any file is
//! checked (`Library::preview`): they are the newest rows the index holds,
//! the header says they are being checked, nothing that needs the whole
//! library acts on them, and the checked library replaces them (a file
//! deleted meanwhile goes, a session begun meanwhile stays).

mod common;

use common::screen::rows;

mod generated;

use chrono::{DateTime, FixedOffset};
use fieldnotes::store::cache::index::index_file;
use fieldnotes::store::library::{Library, PREVIEW_ROWS, Summary};
use fieldnotes::tui::action::Action;
use fieldnotes::tui::app::App;
use fieldnotes::tui::theme::Theme;
use generated::Lib;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;

/// A generated library of `n` interviews plus one file that does not read.
fn library(n: usize) -> Lib {
    generated::library(n, 6, &[("broken.yaml", "id: [\n")])
}

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap()
}

/// The plain TUI at start-up: the library is still being read.
fn starting_app() -> App {
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.library_loading = true;
    app
}

fn header(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    terminal.draw(|f| drop(fieldnotes::tui::ui::draw(f, app, &Theme::monochrome()))).unwrap();
    rows(&terminal)[0].clone()
}

#[test]
fn the_preview_is_the_newest_rows_of_the_index() {
    let lib = library(260);
    assert!(Library::preview(&lib.sessions, &lib.cache).is_none(), "no index yet: nothing to preview");
    let loaded = Library::load_with(&lib.sessions, Some(&lib.cache));
    let preview = Library::preview(&lib.sessions, &lib.cache).expect("the index written by the load");
    assert_eq!(preview.total, 261, "every file the index holds, the unreadable one too");
    assert_eq!(preview.library.sessions.len(), PREVIEW_ROWS);
    assert_eq!(
        preview.library.sessions,
        loaded.sessions[..PREVIEW_ROWS],
        "the same rows, in the same order, as the checked library's first"
    );

    // A damaged index gives no preview (and `load` rebuilds it).
    let file = index_file(&lib.cache, &lib.sessions);
    let mut bytes = std::fs::read(&file).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&file, bytes).unwrap();
    assert!(Library::preview(&lib.sessions, &lib.cache).is_none());
}

#[test]
fn a_small_library_is_previewed_whole_with_its_unreadable_file_left_to_the_check() {
    let lib = library(5);
    let loaded = Library::load_with(&lib.sessions, Some(&lib.cache));
    let preview = Library::preview(&lib.sessions, &lib.cache).unwrap();
    assert_eq!(preview.total, 6);
    assert_eq!(preview.library.sessions, loaded.sessions[..5], "the five that read, newest first");
    assert!(loaded.sessions[5].info.is_err());
}

#[test]
fn the_checked_library_replaces_the_preview() {
    let lib = library(8);
    Library::load_with(&lib.sessions, Some(&lib.cache));
    let preview = Library::preview(&lib.sessions, &lib.cache).unwrap();
    let gone: Summary = preview.library.sessions[2].clone();
    std::fs::remove_file(&gone.path).unwrap();

    let mut app = starting_app();
    app.library_previewed(preview.clone());
    assert_eq!(app.library, preview.library);
    let head = header(&app);
    assert!(head.contains("newest 8 of 9 · checking the library…"), "{head}");

    // Tagging the untagged walks the whole library: not on unchecked rows.
    app.update(Action::TagUntagged, t0());
    let said = app.message.clone().unwrap_or_default();
    assert!(said.contains("Still reading the library"), "{said}");

    // A session begun meanwhile is a row of its own.
    let mut begun = preview.library.sessions[0].clone();
    begun.id = "20991231-2359-new-one-abcd".into();
    begun.path = lib.sessions.join("20991231-2359-new-one-abcd.yaml");
    app.library.sessions.insert(0, begun.clone());

    let checked = Library::load_with(&lib.sessions, Some(&lib.cache));
    assert!(!checked.sessions.iter().any(|s| s.id == gone.id));
    app.library_loaded(checked.clone());
    assert!(app.library_preview.is_none() && !app.library_loading);
    assert!(!app.library.sessions.iter().any(|s| s.id == gone.id), "the deleted file's row went with the preview");
    assert_eq!(app.library.sessions[0], begun, "the session begun meanwhile stayed");
    assert_eq!(app.library.sessions[1..], checked.sessions[..]);
    let head = header(&app);
    assert!(head.contains(" 9 interviews") && !head.contains("checking"), "{head}");
}

#[test]
fn a_preview_that_comes_after_the_library_changes_nothing() {
    let lib = library(3);
    let loaded = Library::load_with(&lib.sessions, Some(&lib.cache));
    let preview = Library::preview(&lib.sessions, &lib.cache).unwrap();
    let mut app = starting_app();
    app.library_loaded(loaded.clone());
    app.library_previewed(preview);
    assert_eq!(app.library, loaded);
    assert!(app.library_preview.is_none());
}
