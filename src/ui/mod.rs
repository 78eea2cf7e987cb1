//! Views: functions from borrowed state to a frame. They never change state;
//! what they show is derived from the model on every draw.

mod capture;
mod followups;
mod help;
mod home;
mod recovery;
mod review;
mod synthesis;
pub mod text;

use crate::app::{App, Screen};
use crate::theme::Theme;
use ratatui::Frame;

/// Below this, a screen cannot show what matters; it says so instead.
const MIN_WIDTH: u16 = 60;
const MIN_HEIGHT: u16 = 16;

pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "Window too small ({}x{}): fieldnotes needs {MIN_WIDTH}x{MIN_HEIGHT}. Your notes are safe.",
            area.width, area.height
        );
        frame.render_widget(ratatui::widgets::Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }), area);
        return;
    }
    match &app.screen {
        Screen::Home => home::render(frame, app, &app.home, theme),
        Screen::Capture(c) => capture::render(frame, c, app.now, theme),
        Screen::Recovery(pending) => recovery::render(frame, pending, theme),
        Screen::Review(r) => review::render(frame, r, app.message.as_deref(), theme),
        Screen::Followups(selected) => followups::render(frame, app, *selected, theme),
        Screen::Synthesis(s) => synthesis::render(frame, s, app.message.as_deref(), theme),
    }
    if app.help {
        help::render(frame, app.mode_under_help(), theme);
    }
}
