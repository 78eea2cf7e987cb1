//! The terminal guard: raw mode, alternate screen and bracketed paste are
//! switched on in `enter` and off in `Drop`, and a panic hook switches them
//! off before the panic message prints, so no exit path leaves a broken shell.

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, stdout};

pub type Term = Terminal<CrosstermBackend<Stdout>>;

pub struct Tui {
    pub terminal: Term,
}

impl Tui {
    pub fn enter() -> io::Result<Tui> {
        install_panic_hook();
        enable_raw_mode()?;
        // From here on, Drop undoes whatever part of the set-up succeeded.
        let mut tui_out = stdout();
        if let Err(e) = execute!(tui_out, EnterAlternateScreen, EnableBracketedPaste) {
            restore();
            return Err(e);
        }
        match Terminal::new(CrosstermBackend::new(stdout())) {
            Ok(terminal) => Ok(Tui { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl Tui {
    /// Gives the terminal to another program (an editor) and takes it back
    /// afterwards, redrawing from scratch so nothing it left stays on screen.
    pub fn hand_over<T>(&mut self, f: impl FnOnce() -> T) -> Result<T, String> {
        restore();
        let result = f();
        enable_raw_mode().map_err(|e| e.to_string())?;
        execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste).map_err(|e| e.to_string())?;
        // Not `Terminal::clear`: it asks the terminal for the cursor position,
        // and the reply races the input thread for stdin. Clear the screen and
        // draw one blank frame instead, so the next frame repaints every cell.
        execute!(stdout(), crossterm::terminal::Clear(crossterm::terminal::ClearType::All))
            .map_err(|e| e.to_string())?;
        self.terminal.draw(|_| {}).map_err(|e| e.to_string())?;
        Ok(result)
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back as the shell expects it. Safe to call twice.
pub fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste, LeaveAlternateScreen, crossterm::cursor::Show);
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}
