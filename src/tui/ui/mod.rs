//! Views: functions from borrowed state to a frame. They never change state;
//! what they show is derived from the model on every draw.

mod capture;
mod capture_footer;
mod capture_guide;
mod capture_notes;
mod codebook_hint;
mod field;
mod followups;
mod footer;
mod help;
mod home;
pub(crate) mod layers;
mod offer_list;
pub(crate) mod pane_cache;
mod recovery;
mod review;
mod roster_pick;
mod save_status;
mod segment_pick;
mod study;
mod synthesis;
pub mod text;
mod transcript_pane;

use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};

/// Where the views drew what a click can pick, so the main loop can turn a
/// mouse position into a row without knowing the layout.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    /// The screen's main list (sessions, notes, follow-ups).
    pub list: Option<ListHits>,
}

/// A list on screen: `rows[k]` is the item drawn on line `area.y + k`, if any
/// (a note may take several lines; headings take none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListHits {
    pub area: Rect,
    pub rows: Vec<Option<usize>>,
}

impl Hits {
    /// The item under a screen position, if any.
    pub fn item_at(&self, column: u16, row: u16) -> Option<usize> {
        let list = self.list.as_ref()?;
        if !list.area.contains(Position::new(column, row)) {
            return None;
        }
        list.rows.get(usize::from(row - list.area.y)).copied().flatten()
    }

    /// Whether a position is over the list (the wheel scrolls it).
    pub fn over_list(&self, column: u16, row: u16) -> bool {
        self.list.as_ref().is_some_and(|l| l.area.contains(Position::new(column, row)))
    }
}

/// Below this, a screen cannot show what matters; it says so instead.
const MIN_WIDTH: u16 = 60;
const MIN_HEIGHT: u16 = 16;

pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    draw(frame, app, theme);
}

/// Draws the app; returns where its clickable list went.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) -> Hits {
    let mut hits = Hits::default();
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "Window too small ({}x{}): fieldnotes needs {MIN_WIDTH}x{MIN_HEIGHT}. Your notes are safe.",
            area.width, area.height
        );
        frame.render_widget(ratatui::widgets::Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }), area);
        return hits;
    }
    let keys = &app.keymap;
    match &app.screen {
        Screen::Home => home::render(frame, app, &app.home, theme, &mut hits),
        Screen::Capture(c) => capture::render(frame, c, app.now, theme, keys, &mut hits),
        Screen::Recovery(pending) => recovery::render(frame, pending, theme, keys),
        Screen::Review(r) => {
            review::render(frame, r, app.back_from_session(), app.message.as_deref(), theme, keys, &mut hits)
        }
        Screen::Followups(view) => followups::render(frame, app, view, theme, &mut hits),
        Screen::Synthesis(s) => synthesis::render(frame, s, app.message.as_deref(), theme, keys, &mut hits),
        Screen::Study(s) => study::render(frame, s, app.message.as_deref(), theme, keys),
    }
    if app.help {
        help::render(frame, app.mode_under_help(), theme, keys, app.help_scroll, &app.help_room);
        hits = Hits::default();
    }
    hits
}

/// A message from the model with its `{action-name}` placeholders written as
/// the live keymap's keys (`{undo}` → `Ctrl-Z`, or the user's own key): the
/// model says which action, the keymap says which key. The key is the
/// action's in `mode`, else in any screen; other braces are left alone.
pub(crate) fn keyed(message: &str, keys: &Keymap, mode: Mode) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let key = after.find('}').and_then(|close| {
            let action = crate::tui::keymap::action_named(&after[..close])?;
            let key =
                keys.first_key(mode, &action).or_else(|| Mode::ALL.iter().find_map(|m| keys.first_key(*m, &action)))?;
            Some((key.label(), close))
        });
        match key {
            Some((label, close)) => {
                out.push_str(&label);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// "Enter start · Esc cancel": each action's first key in `mode` and what it
/// does, for titles and footers; an action without a key there is left out.
fn key_line(keys: &Keymap, mode: Mode, items: &[(Action, &str)]) -> String {
    items
        .iter()
        .filter_map(|(action, what)| Some(format!("{} {what}", keys.first_key(mode, action)?.label())))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Two actions' keys written as one (`↑↓`, or `Ctrl-P/Ctrl-N` for longer names).
fn key_pair(keys: &Keymap, mode: Mode, a: &Action, b: &Action) -> Option<String> {
    let a = keys.first_key(mode, a)?.label();
    let b = keys.first_key(mode, b)?.label();
    Some(if text::width(&a) == 1 && text::width(&b) == 1 { format!("{a}{b}") } else { format!("{a}/{b}") })
}

#[cfg(test)]
mod keyed_tests {
    use super::*;
    use crate::tui::keymap::Key;

    #[test]
    fn messages_name_the_live_keys() {
        let mut keys = Keymap::default();
        assert_eq!(
            keyed("Note deleted. {undo} brings it back.", &keys, Mode::Typing),
            "Note deleted. Ctrl-Z brings it back."
        );
        keys.remap(Mode::Typing, &Action::Undo, &[Key::parse("alt-u").unwrap()]);
        assert_eq!(keyed("{undo} brings it back", &keys, Mode::Typing), "Alt-u brings it back");
        // An action without a key on this screen: its key elsewhere.
        assert_eq!(keyed("{delete-note} deletes", &keys, Mode::Typing), "Delete deletes");
        // Braces that name no action, and unclosed ones, stay as written.
        assert_eq!(keyed("{not-an-action} {undo", &keys, Mode::Typing), "{not-an-action} {undo");
        assert_eq!(keyed("a {} b {{back}", &keys, Mode::Typing), "a {} b {Esc");
    }
}

#[cfg(test)]
mod inert_tests {
    use super::*;
    use crate::store::library::Library;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use std::path::PathBuf;

    /// A message naming a hostile file (as an error from a teammate's file
    /// would): nothing in it may reach the terminal as it is. ratatui drops
    /// control characters and zero-width graphemes (bidi overrides) as it
    /// fills the buffer; this pins that for every cell of a drawn screen.
    #[test]
    fn no_drawn_cell_holds_a_character_that_acts_on_the_terminal() {
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap();
        let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t);
        app.message = Some("cannot read ab\u{202e}lmx.yaml\u{1b}]52;c;eA==\u{7} \u{9b}2J \u{2066}x\u{2069}".into());
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        terminal.draw(|f| drop(draw(f, &app, &Theme::monochrome()))).unwrap();
        let buffer = terminal.backend().buffer();
        let bad: Vec<&str> = buffer
            .content
            .iter()
            .map(|c| c.symbol())
            .filter(|s| s.chars().any(crate::text::out::is_unsafe_char))
            .collect();
        assert!(bad.is_empty(), "{bad:?}");
        let shown: String = buffer.content.iter().map(|c| c.symbol()).collect();
        assert!(shown.contains("cannot read ab"), "the message is drawn: {shown}");
    }
}

#[cfg(test)]
mod live_keys_tests {
    use super::*;
    use crate::domain::session::Participant;
    use crate::store::library::Library;
    use crate::tui::app::GuideChoice;
    use crate::tui::keymap::Key;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use std::path::PathBuf;

    /// The footer and titles are kept between frames: keys changed under
    /// the live screen show at the next frame all the same.
    #[test]
    fn the_live_screen_shows_keys_remapped_while_it_is_open() {
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap();
        let guide = crate::store::guides::parse_builtin("discovery").unwrap().unwrap();
        let choices = vec![GuideChoice { name: "discovery".into(), guide: Ok(guide.clone()) }];
        let mut app = App::new(Library::default(), choices, PathBuf::from("/data/sessions"), "discovery", t);
        app.start_session(guide, Participant { name: "Ana".into(), ..Default::default() });
        let mut terminal = Terminal::new(TestBackend::new(200, 40)).unwrap();
        let footer = |terminal: &mut Terminal<TestBackend>, app: &App| {
            terminal.draw(|f| drop(draw(f, app, &Theme::monochrome()))).unwrap();
            let buffer = terminal.backend().buffer();
            (0..200).map(|x| buffer[(x, 39)].symbol().to_string()).collect::<String>()
        };
        assert!(footer(&mut terminal, &app).contains("end"), "the footer names the end key");
        assert!(!footer(&mut terminal, &app).contains("F9"));
        app.keymap.remap(Mode::Typing, &Action::EndInterview, &[Key::parse("f9").unwrap()]);
        let shown = footer(&mut terminal, &app);
        assert!(shown.contains("F9 end"), "{shown}");
    }
}
