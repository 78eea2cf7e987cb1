//! The note, edit and closing inputs grow to show the whole text being
//! typed (a long note or a paste no longer hides its start), at every size,
//! and a wide character leaves nothing behind when the input empties.

mod common;

use common::screen::rows;

use chrono::{DateTime, FixedOffset};
use fieldnotes::domain::note::Kind;
use fieldnotes::domain::session::{Participant, Session};
use fieldnotes::store::guides;
use fieldnotes::store::library::Library;
use fieldnotes::tui::action::Action;
use fieldnotes::tui::app::{App, GuideChoice};
use fieldnotes::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::path::PathBuf;

const LONG: &str = "She exports the board pack to Excel every Friday night, rebuilds the pivot tables by hand, \
                    then mails it to the CFO before the Monday meeting because the dashboard numbers never match";

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap()
}

fn app() -> App {
    let choices = vec![GuideChoice {
        name: "discovery".into(),
        guide: guides::parse_builtin("discovery").unwrap().map_err(|e| e.to_string()),
    }];
    App::new(Library::default(), choices, PathBuf::from("/data/sessions"), "discovery", t0())
}

fn live() -> App {
    let mut app = app();
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    app.start_session(guide, Participant { name: "Ana López".into(), ..Default::default() });
    app
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::InsertChar(c), t0());
    }
}

fn draw_on(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| fieldnotes::tui::ui::render(f, app, &Theme::monochrome())).unwrap();
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    draw_on(&mut terminal, app);
    terminal
}

/// Every word of `text` is on screen, in order (what a popup's border or a
/// pane beside it adds in between is skipped).
fn shows_whole(terminal: &Terminal<TestBackend>, text: &str) -> bool {
    let screen = rows(terminal).join(" ").replace(['│', '›'], " ");
    let mut wanted = text.split_whitespace().peekable();
    for word in screen.split_whitespace() {
        if wanted.peek() == Some(&word) {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}

#[test]
fn a_long_note_shows_its_start_and_its_end_while_typed() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let mut app = live();
        type_text(&mut app, LONG);
        let terminal = draw(&app, w, h);
        assert!(shows_whole(&terminal, LONG), "{w}x{h}:\n{}", rows(&terminal).join("\n"));
        // The cursor is drawn just after the last word, inside the field.
        let pos = terminal.backend().cursor_position();
        let row = &rows(&terminal)[pos.y as usize];
        assert!(row.contains("match"), "{w}x{h}: the cursor is on {row:?}");
    }
}

#[test]
fn the_note_input_starts_at_one_row_and_grows() {
    let mut app = live();
    let before = draw(&app, 80, 24);
    let border_rows = |t: &Terminal<TestBackend>| rows(t).iter().filter(|r| r.starts_with("╭ Note")).count();
    assert_eq!(border_rows(&before), 1);
    let input_top = |t: &Terminal<TestBackend>| rows(t).iter().position(|r| r.starts_with("╭ Note")).unwrap();
    assert_eq!(input_top(&before), 24 - 4, "one row of text in borders, above the footer");
    type_text(&mut app, LONG);
    let after = draw(&app, 80, 24);
    assert_eq!(input_top(&after), 24 - 6, "three rows of text for a 190-character note at 80 columns");
    // A short window keeps room for the notes: one row, scrolled to the cursor.
    let short = draw(&app, 80, 16);
    let top = input_top(&short);
    assert_eq!(top, 16 - 4, "{}", rows(&short).join("\n"));
    assert!(rows(&short)[top + 1].contains("match"), "the row being typed is shown");
}

#[test]
fn a_pasted_note_wraps_whole_with_wide_characters() {
    let mut app = live();
    let text =
        "売上レポートが遅い 😩 — the Tokyo team waits on it too, every single month, 🇯🇵 and then some more words";
    app.update(Action::Paste(text.into()), t0());
    let terminal = draw(&app, 80, 24);
    assert!(shows_whole(&terminal, text), "{}", rows(&terminal).join("\n"));
}

/// What a terminal that keeps a flag as two cells, one regional indicator
/// each, shows after it is sent the updates between two frames: the cells
/// of the first frame, each flag split in two, then every update written.
fn terminal_after(prev: &Buffer, next: &Buffer) -> Vec<Vec<String>> {
    let (w, h) = (prev.area.width as usize, prev.area.height as usize);
    let mut screen = vec![vec![" ".to_string(); w]; h];
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let symbol = prev[(x as u16, y as u16)].symbol();
            let chars: Vec<char> = symbol.chars().collect();
            if chars.len() == 2 && chars.iter().all(|c| ('\u{1F1E6}'..='\u{1F1FF}').contains(c)) {
                screen[y][x] = chars[0].to_string();
                screen[y][x + 1] = chars[1].to_string();
                x += 2;
            } else {
                screen[y][x] = symbol.to_string();
                x += fieldnotes::text::width::width(symbol).max(1);
            }
        }
    }
    for (x, y, cell) in prev.diff(next) {
        screen[y as usize][x as usize] = cell.symbol().to_string();
    }
    screen
}

#[test]
fn a_flag_leaves_no_half_character_after_commit() {
    let mut app = live();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    type_text(&mut app, "🇯🇵 Tokyo");
    let theme = Theme::monochrome();
    let before = terminal.draw(|f| fieldnotes::tui::ui::render(f, &app, &theme)).unwrap().buffer.clone();
    let input_row = rows(&terminal).iter().position(|r| r.contains("› 🇯🇵")).expect("the flag in the input");
    app.update(Action::CommitNote, t0());
    let after = terminal.draw(|f| fieldnotes::tui::ui::render(f, &app, &theme)).unwrap().buffer.clone();
    let shown = terminal_after(&before, &after);
    let row: String = shown[input_row].concat();
    assert!(
        row.starts_with("│›") && row[("│›".len())..].trim_end_matches('│').trim().is_empty(),
        "left in the input after commit: {row:?}"
    );
}

#[test]
fn the_closing_answer_grows_in_its_box() {
    let mut app = live();
    app.update(Action::EndInterview, t0());
    type_text(&mut app, LONG);
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = draw(&app, w, h);
        assert!(shows_whole(&terminal, LONG), "{w}x{h}:\n{}", rows(&terminal).join("\n"));
        // The box holds the question, a blank line and the answer: no empty rows.
        let all = rows(&terminal);
        let top = all.iter().position(|r| r.contains("╭ Closing question")).unwrap();
        let bottom = all.iter().position(|r| r.contains("╰ Enter save")).unwrap();
        let inside: Vec<&String> = all[top + 1..bottom].iter().collect();
        let blank = inside.iter().filter(|r| r.split('│').nth(2).is_some_and(|s| s.trim().is_empty())).count();
        assert_eq!(blank, 1, "{w}x{h}: only the line under the question is blank:\n{}", all.join("\n"));
    }
}

#[test]
fn the_edit_field_in_the_session_view_grows() {
    let mut app = app();
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    let p = Participant { name: "Ana López".into(), ..Default::default() };
    let mut s = Session::new("20261122-1430-ana-lopez".into(), "discovery", "Discovery interview", p, t0());
    s.ended_at = Some(t0() + chrono::Duration::minutes(42));
    s.notes = vec![common::note(60, Kind::Note, Some("1.1"), LONG, &[])];
    app.open_review(s, guide, PathBuf::from("/data/sessions/20261122-1430-ana-lopez.yaml"), None);
    app.update(Action::EditNote, t0());
    let terminal = draw(&app, 80, 24);
    let all = rows(&terminal);
    let top = all.iter().position(|r| r.starts_with("╭ Edit note")).expect("the edit field");
    let field: String = all[top + 1..].iter().take_while(|r| !r.starts_with('╰')).cloned().collect();
    assert!(field.contains("She exports the board pack"), "the start is shown:\n{}", all.join("\n"));
    assert!(field.contains("never match"), "and the end:\n{}", all.join("\n"));
}
