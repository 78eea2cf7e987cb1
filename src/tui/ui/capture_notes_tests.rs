//! The notes pane's kept lines and kept cells against a layout from scratch,
//! after every kind of change: each step changes the session (or the width,
//! the selection, the theme) behind the kept state's back, as the model does,
//! and the kept lines and the whole screen must be what a first draw gives.

use super::{NOTE_LINES, NoteLines, note_lines};
use crate::domain::guide::Guide;
use crate::domain::note::Kind;
use crate::domain::session::{Note, Offset, Participant, Session};
use crate::store::guides;
use crate::tui::app::capture::{Capture, Focus};
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use chrono::{DateTime, FixedOffset};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use std::path::PathBuf;

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap()
}

fn guide() -> Guide {
    guides::parse_builtin("discovery").unwrap().unwrap()
}

fn note(i: usize) -> Note {
    let kinds = [Kind::Note, Kind::Quote, Kind::Pain, Kind::Idea, Kind::Followup, Kind::Insight];
    Note {
        at: Offset(30 * i as u32),
        sitting: None,
        text: format!(
            "note {i}: we export everything to Excel every Friday and then fix it by hand, {}",
            "ok ".repeat(i % 7)
        ),
        kind: kinds[i % kinds.len()],
        question: None,
        tags: if i.is_multiple_of(3) { vec![format!("tag-{i}"), "reporting".into()] } else { vec![] },
        done: false,
        starred: false,
        from_transcript: false,
        typed: None,
        extra: Default::default(),
    }
}

fn capture(notes: usize) -> Capture {
    let p = Participant { name: "Ana López".into(), ..Default::default() };
    let g = guide();
    let mut session = Session::new("s1".into(), &g.name, &g.title, p, t0());
    session.notes = (0..notes).map(note).collect();
    Capture::new(session, g, PathBuf::from("/x.yaml"), &Default::default(), t0())
}

/// The live screen drawn with whatever is kept from earlier frames.
fn draw(c: &Capture, w: u16, h: u16, theme: &Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let keys = Keymap::default();
    let mut hits = crate::tui::ui::Hits::default();
    let now = t0() + chrono::Duration::minutes(20);
    terminal.draw(|f| super::super::capture::render(f, c, now, theme, &keys, &mut hits)).unwrap();
    terminal.backend().buffer().clone()
}

/// The same, with nothing kept: what the screen was before anything was kept.
fn draw_fresh(c: &Capture, w: u16, h: u16, theme: &Theme) -> Buffer {
    super::forget();
    super::super::pane_cache::forget();
    draw(c, w, h, theme)
}

/// One step: the kept lines of every note, and the screen, as from scratch.
fn check(step: &str, kept: &mut NoteLines, c: &Capture, (w, h): (u16, u16), theme: &Theme) {
    let selected = match c.focus {
        Focus::Selected(i) => Some(i),
        _ => None,
    };
    // One width per terminal size: a note keeps the lines of one width.
    let width = w as usize / 2;
    for i in 0..c.session.notes.len() {
        let sel = Some(i) == selected;
        let fresh = note_lines(c, i, width, sel, theme);
        assert_eq!(kept.lines(c, i, width, sel, theme), fresh, "{step}: note {i} at width {width}");
    }
    let screen = draw(c, w, h, theme);
    assert_eq!(screen, draw_fresh(c, w, h, theme), "{step}: the screen drawn with kept panes");
    // Drawn twice with everything kept, still the same.
    assert_eq!(draw(c, w, h, theme), screen, "{step}: drawn again");
}

#[test]
fn kept_lines_and_panes_match_a_layout_from_scratch_after_every_change() {
    let mut c = capture(40);
    let mut kept = NoteLines::default();
    let mut theme = Theme::monochrome();
    let mut size = (200, 50);
    // Kept from a first frame, so every step below starts from kept state.
    draw(&c, size.0, size.1, &theme);
    check("first frame", &mut kept, &c, size, &theme);

    c.session.notes.push(note(40));
    check("a note added", &mut kept, &c, size, &theme);

    c.session.notes[39].text = "edited: a much shorter note".into();
    c.session.notes[38].kind = Kind::Pain;
    check("a note edited, another's kind changed", &mut kept, &c, size, &theme);

    c.session.notes.remove(35);
    check("a note deleted", &mut kept, &c, size, &theme);

    c.session.notes[36].tags = vec!["billing".into(), "pricing-page".into()];
    c.session.notes[37].tags.clear();
    check("notes retagged", &mut kept, &c, size, &theme);

    c.session.notes[30].at = Offset(4000);
    check("a note's time changed", &mut kept, &c, size, &theme);

    size = (120, 40);
    check("the width changed", &mut kept, &c, size, &theme);
    size = (80, 24);
    check("a small terminal", &mut kept, &c, size, &theme);

    c.focus = Focus::Selected(20);
    check("a note selected", &mut kept, &c, size, &theme);
    c.focus = Focus::Selected(19);
    check("the selection moved", &mut kept, &c, size, &theme);
    c.focus = Focus::Typing;
    check("back to typing", &mut kept, &c, size, &theme);

    theme.tag = Style::new().fg(Color::Magenta);
    theme.selection = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
    theme.muted = Style::new().fg(Color::DarkGray);
    theme.pain = Style::new().fg(Color::Red);
    check("the theme changed", &mut kept, &c, size, &theme);

    c.current = 5;
    c.asked[2] = true;
    check("the guide moved on (its pane kept too)", &mut kept, &c, size, &theme);

    c.session.notes[2].tags.push("onboarding".into());
    check("a tag counted in the tags pane", &mut kept, &c, size, &theme);

    c.input.insert_str("typing a note does not change the notes pane");
    check("the input changed", &mut kept, &c, size, &theme);

    c.session.notes.truncate(3);
    check("most notes deleted", &mut kept, &c, size, &theme);
    c.session.notes.clear();
    check("no notes left", &mut kept, &c, size, &theme);
}

/// The kept state lives per thread; the app's one survives a frame without
/// notes, and a session opened after another (same places, other notes).
#[test]
fn another_session_in_the_same_places_is_not_drawn_from_the_first() {
    let theme = Theme::monochrome();
    let first = capture(30);
    draw(&first, 200, 50, &theme);
    let mut second = capture(30);
    for n in &mut second.session.notes {
        n.text = format!("another interview: {}", n.text.len());
    }
    assert_eq!(draw(&second, 200, 50, &theme), draw_fresh(&second, 200, 50, &theme));
    NOTE_LINES.with_borrow(|kept| assert_eq!(kept.kept.len(), 30, "the second session's notes are kept"));
}
