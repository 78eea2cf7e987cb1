//! The library's `/` filter keeps the rows it kept when every row carried
//! its notes' text: tags, segments, dates and free words alike, with the
//! free words now looked for in the notes off the UI thread
//! (`store::note_texts`). The rows are computed once per change, and while
//! the notes are being searched the rows shown before stay.

#[path = "../examples/gen_library.rs"]
#[allow(dead_code)]
mod gen_library;

use chrono::NaiveDate;
use fieldnotes::analysis::synthesis::{Filter, notes_text_lower};
use fieldnotes::store::cache;
use fieldnotes::store::library::{Library, Row};
use fieldnotes::store::note_texts::{NoteSearch, NoteTexts, NotesFound};
use fieldnotes::tui::app::home::{LibraryView, Sort};
use fieldnotes::tui::text_input::TextInput;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

const LIVE: &str = "schema: 1\nid: live\nguide: discovery\nparticipant: {name: \"Zoë 日本\", company: Acme, segment: smb}\nstarted_at: 2025-01-20T10:00:00+05:30\nnotes:\n  - {at: \"00:05:00\", text: \"Send the “deck”\", kind: followup, tags: [pricing]}\n  - {at: \"00:07:00\", text: We EXPORT to Excel on Mondays, tags: [Reporting]}\nclosing: {question: What else?, answer: Budget, tags: [budget]}\n";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

/// The rows as the library showed them when each row held its notes' text:
/// kept by the filter, newest first, unreadable files last.
fn rows_before(lib: &Library, notes: &HashMap<String, String>, filter: &Filter) -> Vec<String> {
    let mut ok: Vec<(usize, chrono::DateTime<chrono::FixedOffset>)> = Vec::new();
    let mut broken = Vec::new();
    for (i, s) in lib.sessions.iter().enumerate() {
        match &s.info {
            Ok(info) => {
                let row = Row { info, notes: notes.get(&s.id).map_or("", String::as_str) };
                if filter.keeps(&row) {
                    ok.push((i, info.started_at));
                }
            }
            Err(_) => broken.push(i),
        }
    }
    ok.sort_by_key(|(_, t)| std::cmp::Reverse(*t));
    ok.into_iter().map(|(i, _)| i).chain(broken).map(|i| lib.sessions[i].id.clone()).collect()
}

fn ids(lib: &Library, rows: &[usize]) -> Vec<String> {
    rows.iter().map(|i| lib.sessions[*i].id.clone()).collect()
}

#[test]
fn the_filter_keeps_the_rows_it_kept_with_every_notes_text_in_memory() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    gen_library::generate(&data, 60, 15, 11).unwrap();
    let dir = data.join("sessions");
    std::fs::write(dir.join("live.yaml"), LIVE).unwrap();
    std::fs::write(dir.join("broken.yaml"), "id: [\n").unwrap();
    let cache_dir = root.path().join("cache");
    let lib = Library::load_with(&dir, Some(&cache_dir));
    let full: HashMap<String, String> =
        cache::load(&dir, None).records.iter().map(|r| (r.id.clone(), notes_text_lower(r))).collect();
    let texts = NoteTexts::read(&dir, Some(&cache_dir));

    let lines = [
        "",
        "#export",
        "tag:reporting",
        "#budget",
        "segment:smb",
        "segment:public-sector #pain",
        "since:2025-02-01",
        "until:2025-01-31",
        "excel",
        "EXCEL monday",
        "deck",
        "zoë",
        "acme excel",
        "segment:smb excel",
        "since:2025-01-15 sync",
        "nowhere-at-all",
        "\"takes about\"",
    ];
    let mut view = LibraryView::default();
    let mut nonempty = 0;
    for line in lines {
        let shown_before = view.visible(&lib);
        view.filter = TextInput::with_text(line);
        view.reread(today());
        assert!(view.error.is_none(), "{line}: {:?}", view.error);
        let expected = rows_before(&lib, &full, &view.applied);
        nonempty += usize::from(expected.len() > 1 && expected.len() < lib.sessions.len());
        if let Some(query) = view.take_note_query() {
            // Until the note search answers, the rows shown stay as they were.
            assert!(view.notes_pending(), "{line}");
            assert!(Arc::ptr_eq(&view.visible(&lib), &shown_before), "{line}: rows kept while searching");
            assert_eq!(view.take_note_query(), None, "{line}: asked once");
            let in_notes = texts.find(&query.words);
            view.notes_found(NotesFound { query, in_notes });
        }
        assert!(!view.notes_pending(), "{line}");
        let rows = view.visible(&lib);
        assert_eq!(ids(&lib, &rows), expected, "{line}");
        assert!(Arc::ptr_eq(&rows, &view.visible(&lib)), "{line}: computed once, not per frame");
        assert_eq!(*rows, view.compute_rows(&lib), "{line}");
    }
    assert!(nonempty >= 8, "the table narrows for real: {nonempty}");

    // A new sort is a new computation; the filter's answer still holds.
    view.sort = Sort::Participant;
    let by_name = view.visible(&lib);
    assert_eq!(*by_name, view.compute_rows(&lib));
    // A library read again asks the notes again.
    view.library_changed();
    assert!(view.notes_pending());
    assert!(view.take_note_query().is_some());
}

#[test]
fn the_note_search_answers_off_the_ui_thread_with_the_last_question() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    gen_library::generate(&data, 20, 10, 3).unwrap();
    let dir = data.join("sessions");
    std::fs::write(dir.join("live.yaml"), LIVE).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let search = NoteSearch::spawn(dir.clone(), None, move |found| tx.send(found).unwrap()).unwrap();
    let mut view = LibraryView::default();
    view.filter = TextInput::with_text("excel mondays");
    view.reread(today());
    let query = view.take_note_query().unwrap();
    search.ask(query.clone());
    let found = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    assert_eq!(found.query, query);
    assert_eq!(found.in_notes, NoteTexts::read(&dir, None).find(&query.words));
    assert_eq!(found.in_notes, NoteTexts::find_once(&dir, None, &query.words), "`list --filter` finds the same");
    assert_eq!(found.in_notes["live"], "excel\nmondays");
    view.notes_found(found);
    let lib = Library::load_with(&dir, None);
    let rows = view.visible(&lib);
    assert!(ids(&lib, &rows).contains(&"live".to_string()));
}
