//! Views: functions from borrowed state to a frame. They never change state;
//! what they show is derived from the model on every draw.

mod capture;
mod help;
mod home;
mod recovery;
pub mod text;

use crate::app::{App, Screen};
use crate::theme::Theme;
use ratatui::Frame;

pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    match &app.screen {
        Screen::Home(home) => home::render(frame, app, home, theme),
        Screen::Capture(c) => capture::render(frame, c, app.now, theme),
        Screen::Recovery(pending) => recovery::render(frame, pending, theme),
    }
    if app.help {
        help::render(frame, app.mode_under_help(), theme);
    }
}
