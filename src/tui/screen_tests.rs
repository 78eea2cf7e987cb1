//! The frame loop against ratatui's own drawing: the real views, driven
//! through the live screen's keys, popups, the help, resizes and a clear,
//! are sent through [`Screen`] into a terminal emulator, and after every
//! frame the emulator must show what ratatui draws for the same state from
//! scratch: every character, its colours, bold and reverse, and the cursor.

use super::*;
use crate::domain::session::Participant;
use crate::store::guides;
use crate::store::library::Library;
use crate::tui::app::{App, GuideChoice};
use crate::tui::theme::Theme;
use crate::tui::theme::colors::NAMED;
use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap()
}

/// A live interview with `notes` notes already taken.
fn live(notes: usize) -> App {
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    let choices = vec![GuideChoice { name: "discovery".into(), guide: Ok(guide.clone()) }];
    let mut app = App::new(Library::default(), choices, PathBuf::from("/data/sessions"), "discovery", t0());
    app.start_session(guide, Participant { name: "Ana López".into(), ..Default::default() });
    for i in 0..notes {
        let text = format!("note {i}: we export everything to Excel every Friday, then fix it by hand #reporting");
        for c in text.chars() {
            app.update(crate::tui::action::Action::InsertChar(c), t0());
        }
        press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    }
    app
}

/// The built-in colour theme most users see.
fn dark() -> Theme {
    crate::tui::theme::file::load("dark", std::path::Path::new("/no/themes"), false).unwrap()
}

fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    if let Some(action) = app.resolve_key(KeyEvent::new(code, mods)) {
        app.update(action, t0());
    }
}

/// Bytes written by the screen, shared with the test, which can make the
/// terminal refuse them (`broken`).
#[derive(Clone, Default)]
struct Tape(Rc<RefCell<Vec<u8>>>, Rc<std::cell::Cell<bool>>);

impl Write for Tape {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.1.get() {
            return Err(io::Error::other("the terminal refused the bytes"));
        }
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The screen under test, the emulator it writes to, and the size.
struct Rig {
    screen: Screen<Tape>,
    tape: Tape,
    term: vt100::Parser,
    size: Size,
    frames: usize,
}

impl Rig {
    fn new(width: u16, height: u16) -> Rig {
        let tape = Tape::default();
        let size = Size { width, height };
        let screen = Screen::new(tape.clone(), size);
        Rig { screen, tape, term: vt100::Parser::new(nz(height), nz(width), 0), size, frames: 0 }
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.size = Size { width, height };
        self.term.screen_mut().set_size(nz(height), nz(width));
        self.screen.resize(self.size).unwrap();
        self.pump();
    }

    fn pump(&mut self) {
        let bytes = std::mem::take(&mut *self.tape.0.borrow_mut());
        self.term.process(&bytes);
    }

    /// A key pressed, then its frame drawn and checked.
    fn press(&mut self, app: &mut App, code: KeyCode, mods: KeyModifiers, step: &str) {
        press(app, code, mods);
        self.frame(app, step);
    }

    /// Draws `app` through the screen, then checks the emulator against ratatui.
    fn frame(&mut self, app: &App, step: &str) {
        let theme = dark();
        self.screen
            .draw(|f| {
                crate::tui::ui::draw(f, app, &theme);
            })
            .unwrap();
        self.pump();
        self.frames += 1;
        let mut reference = Terminal::new(TestBackend::new(self.size.width, self.size.height)).unwrap();
        reference
            .draw(|f| {
                crate::tui::ui::draw(f, app, &theme);
            })
            .unwrap();
        let cursor = layers::take_cursor();
        let want = reference.backend().buffer();
        let shown = self.term.screen();
        for y in 0..self.size.height {
            let mut skip = 0;
            for x in 0..self.size.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let cell = &want[(x, y)];
                let got = shown.cell(y, x).unwrap();
                let symbol = if cell.symbol() == " " { "" } else { cell.symbol() };
                let seen = if got.contents() == " " { "" } else { got.contents() };
                assert_eq!(seen, symbol, "{step}: the character at {x},{y}\n{}", shown.contents());
                assert!(same_color(cell.fg, got.fgcolor()), "{step}: foreground at {x},{y}");
                assert!(same_color(cell.bg, got.bgcolor()), "{step}: background at {x},{y}");
                assert_eq!(got.bold(), cell.modifier.contains(Modifier::BOLD), "{step}: bold at {x},{y}");
                assert_eq!(got.inverse(), cell.modifier.contains(Modifier::REVERSED), "{step}: reverse at {x},{y}");
                skip = crate::text::width::width(cell.symbol()).saturating_sub(1);
            }
        }
        assert_eq!(shown.hide_cursor(), cursor.is_none(), "{step}: cursor shown");
        if let Some(pos) = cursor {
            assert_eq!(shown.cursor_position(), (pos.y, pos.x), "{step}: cursor place");
        }
    }
}

fn nz(n: u16) -> std::num::NonZero<u16> {
    std::num::NonZero::new(n).unwrap()
}

fn same_color(want: Color, got: vt100::Color) -> bool {
    match (want, got) {
        (Color::Reset, vt100::Color::Default) => true,
        (Color::Indexed(a), vt100::Color::Idx(b)) => a == b,
        (Color::Rgb(r, g, b), vt100::Color::Rgb(r2, g2, b2)) => (r, g, b) == (r2, g2, b2),
        (c, vt100::Color::Idx(b)) => NAMED.iter().position(|n| *n == c) == Some(usize::from(b)),
        _ => false,
    }
}

#[test]
fn the_terminal_shows_what_ratatui_draws_through_every_kind_of_frame() {
    for (w, h) in [(200, 50), (80, 24), (120, 40)] {
        let mut app = live(40);
        let mut rig = Rig::new(w, h);
        rig.frame(&app, "first frame");
        for (i, c) in "We export everything, then fix it".chars().enumerate() {
            app.update(crate::tui::action::Action::InsertChar(c), t0());
            rig.frame(&app, &format!("typed {i}"));
            // Only the header, the input and the footer: the panes stay as they are.
            let compared = rig.screen.cells_compared();
            assert!(compared <= 5 * usize::from(w), "typed {i} at {w}x{h}: {compared} cells");
        }
        rig.press(&mut app, KeyCode::Enter, KeyModifiers::NONE, "committed");
        rig.press(&mut app, KeyCode::Up, KeyModifiers::NONE, "selected");
        rig.press(&mut app, KeyCode::Up, KeyModifiers::NONE, "selected the one before");
        rig.press(&mut app, KeyCode::Char('t'), KeyModifiers::CONTROL, "tag palette");
        for c in "rep".chars() {
            rig.press(&mut app, KeyCode::Char(c), KeyModifiers::NONE, "palette filter");
            // The tags pane changed; the guide and the notes beside it did not.
            let compared = rig.screen.cells_compared();
            let all = usize::from(w) * usize::from(h);
            if w >= 150 {
                assert!(compared < all / 4, "palette at {w}x{h}: {compared} of {all} cells");
            }
        }
        rig.press(&mut app, KeyCode::Esc, KeyModifiers::NONE, "palette closed");
        rig.press(&mut app, KeyCode::Esc, KeyModifiers::NONE, "back to typing");
        // The guide: the next question, a peek ahead and back, the clock.
        rig.press(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL, "next question");
        rig.press(&mut app, KeyCode::PageDown, KeyModifiers::NONE, "peeking ahead");
        rig.press(&mut app, KeyCode::PageUp, KeyModifiers::NONE, "peek back");
        app.update(crate::tui::action::Action::Tick, t0() + chrono::Duration::seconds(75));
        rig.frame(&app, "a minute later");
        rig.press(&mut app, KeyCode::F(1), KeyModifiers::NONE, "help over the panes");
        rig.frame(&app, "help again");
        rig.press(&mut app, KeyCode::F(1), KeyModifiers::NONE, "help closed");
        rig.press(&mut app, KeyCode::Char('e'), KeyModifiers::CONTROL, "closing question over the panes");
        for c in "pricing".chars() {
            app.update(crate::tui::action::Action::InsertChar(c), t0());
            rig.frame(&app, "closing answer");
        }
        rig.press(&mut app, KeyCode::Esc, KeyModifiers::NONE, "closing question closed");
        rig.resize(w - 7, h - 3);
        rig.frame(&app, "resized");
        app.update(crate::tui::action::Action::InsertChar('x'), t0());
        rig.frame(&app, "typed after the resize");
        rig.screen.clear().unwrap();
        rig.pump();
        rig.frame(&app, "after a clear");
        assert!(rig.frames > 40);
    }
}

#[test]
fn after_a_frame_that_failed_to_reach_the_terminal_the_next_repaints_it_whole() {
    let mut app = live(40);
    let mut rig = Rig::new(120, 40);
    rig.press(&mut app, KeyCode::F(1), KeyModifiers::NONE, "help over the panes");
    // The help closes, but that frame never reaches the terminal.
    press(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    rig.tape.1.set(true);
    let theme = dark();
    assert!(
        rig.screen
            .draw(|f| {
                crate::tui::ui::draw(f, &app, &theme);
            })
            .is_err()
    );
    rig.tape.1.set(false);
    // The screen cannot know what the terminal kept: the help's words must
    // not stay where the next frame draws nothing.
    rig.frame(&app, "the frame after the failed one");
}

/// The Synthesis screen over `interviews` interviews, its first figures in.
fn synthesis(interviews: usize) -> App {
    use crate::analysis::synthesis::SessionRecord;
    use crate::domain::note::Kind;
    use crate::tui::app::synthesis::SynthData;
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.update(crate::tui::action::Action::OpenSynthesis, t0());
    let tags = ["pricing", "export", "onboarding", "reporting", "permissions", "search"];
    let records: Vec<SessionRecord> = (0..interviews)
        .map(|i| {
            let mut r = SessionRecord::new(&format!("s{i}"), &format!("Person {i}"), "discovery", t0());
            r.segment = Some(["smb", "enterprise", "mid-market"][i % 3].into());
            for k in 0..12 {
                let kind = [Kind::Note, Kind::Pain, Kind::Quote][k % 3];
                let tagged = [tags[(i + k) % tags.len()], tags[k % 2]];
                let text = format!("note {k} of {i}: we export everything to Excel every Friday, then fix it");
                r.push_note(crate::domain::session::Offset(60 * k as u32), kind, None, tagged, &text);
            }
            r
        })
        .collect();
    let paths = records.iter().map(|r| PathBuf::from(format!("/data/sessions/{}.yaml", r.id))).collect();
    let load = app.synthesis().map_or(0, |s| s.load);
    let effects = app.synthesis_loaded(SynthData { records, paths, load, ..SynthData::default() });
    app.compute_here(effects);
    app
}

#[test]
fn a_filter_change_on_the_synthesis_screen_compares_only_what_it_changed() {
    let (w, h) = (200, 50);
    let all = usize::from(w) * usize::from(h);
    let mut app = synthesis(60);
    let mut rig = Rig::new(w, h);
    rig.frame(&app, "first figures");
    // Each filter key: its frame (the filter line, "updating…") with the old
    // figures kept as they were on screen, then the frame with the new ones.
    for (key, what) in [(KeyCode::Char('='), "only the highlighted theme"), (KeyCode::Backspace, "the filter cleared")]
    {
        let asked = app.resolve_key(KeyEvent::new(key, KeyModifiers::NONE)).unwrap();
        let effects = app.update(asked, t0());
        rig.frame(&app, what);
        let compared = rig.screen.cells_compared();
        assert!(compared < all / 4, "{what}: {compared} of {all} cells compared");
        app.compute_here(effects);
        rig.frame(&app, &format!("{what}: its figures"));
    }
    for (key, what) in [('3', "the segments"), ('b', "grouped another way"), ('1', "back to the themes")] {
        let effects = app.update(app.resolve_key(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE)).unwrap(), t0());
        rig.frame(&app, what);
        app.compute_here(effects);
        rig.frame(&app, &format!("{what}: its figures"));
    }
    rig.press(&mut app, KeyCode::Down, KeyModifiers::NONE, "the next theme");
    rig.press(&mut app, KeyCode::Tab, KeyModifiers::NONE, "into its evidence");
    rig.press(&mut app, KeyCode::F(1), KeyModifiers::NONE, "help over the figures");
    rig.press(&mut app, KeyCode::F(1), KeyModifiers::NONE, "help closed");
}
