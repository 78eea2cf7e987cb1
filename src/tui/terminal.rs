//! The terminal guard: raw mode, alternate screen, bracketed paste and mouse
//! reporting are switched on in `enter` and off in `Drop`, and a panic hook
//! switches them off before the panic message prints, so no exit path leaves
//! a broken shell. Handing the terminal to `$EDITOR` and suspending (Ctrl-Z)
//! switch them off and on around the other program or the stop.

use crate::tui::frame_out::{FrameOut, RawStdout};
use crate::tui::screen::Screen;
use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use std::io::{self, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub struct Tui {
    /// Draws frames (see `screen.rs`); they are held and written whole (see
    /// `frame_out.rs`): draw through [`Tui::draw`], which sends them.
    screen: Screen<FrameOut<RawStdout>>,
    /// The terminal's writer, shared: sends each frame once it is drawn.
    frame_out: FrameOut<RawStdout>,
    /// The terminal may have changed size: asked before the next frame.
    size_unknown: bool,
    /// Whether the mouse is reported to the app (config `mouse:`).
    mouse: bool,
    /// Set by SIGCONT: tells whether a stop really happened.
    continued: Arc<AtomicBool>,
}

/// Clicks and the wheel, in SGR encoding (any column). Unlike crossterm's
/// `EnableMouseCapture`, motion is not reported: it would only wake the app.
struct ReportClicks;

impl crossterm::Command for ReportClicks {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h")
    }
}

impl Tui {
    pub fn enter(mouse: bool) -> io::Result<Tui> {
        install_panic_hook();
        let continued = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(signal_hook::consts::SIGCONT, continued.clone())?;
        enable_raw_mode()?;
        // From here on, Drop undoes whatever part of the set-up succeeded.
        if let Err(e) = set_up(mouse) {
            restore();
            return Err(e);
        }
        let frame_out = FrameOut::new(RawStdout);
        match crossterm::terminal::size() {
            Ok((width, height)) => {
                let screen = Screen::new(frame_out.clone(), ratatui::layout::Size { width, height });
                Ok(Tui { screen, frame_out, size_unknown: false, mouse, continued })
            }
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

fn set_up(mouse: bool) -> io::Result<()> {
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(stdout(), ReportClicks)?;
    }
    Ok(())
}

impl Tui {
    /// Draws a frame and writes it to the terminal in one piece.
    pub fn draw(&mut self, render: impl FnOnce(&mut ratatui::Frame)) -> io::Result<()> {
        if std::mem::take(&mut self.size_unknown) {
            let (width, height) = crossterm::terminal::size()?;
            self.screen.resize(ratatui::layout::Size { width, height })?;
        }
        self.screen.draw(render)?;
        self.frame_out.send().inspect_err(|_| self.screen.lost_frame())
    }

    /// The terminal may have been resized (or a second passed): its size is
    /// asked before the next frame rather than on every frame, which would be
    /// a file opened and closed per key.
    pub fn size_may_have_changed(&mut self) {
        self.size_unknown = true;
    }

    /// Gives the terminal to another program (an editor) and takes it back
    /// afterwards, redrawing from scratch so nothing it left stays on screen.
    /// Meanwhile Ctrl-Z stops fieldnotes with the other program, as the shell
    /// expects of one job (see `with_default_stop`).
    pub fn hand_over<T>(&mut self, f: impl FnOnce() -> T) -> Result<T, String> {
        restore();
        let result = with_default_stop(f);
        self.take_back()?;
        Ok(result)
    }

    /// Switches everything back on and repaints every cell on the next draw:
    /// after a hand-over, or a stop and `fg` (when the shell may have reset the
    /// terminal and anything may be on the screen).
    pub fn take_back(&mut self) -> Result<(), String> {
        enable_raw_mode().map_err(|e| e.to_string())?;
        set_up(self.mouse).map_err(|e| e.to_string())?;
        // Cleared without asking the terminal anything (a reply would race
        // the input thread for stdin); the next frame repaints every cell.
        self.size_unknown = true;
        self.screen.clear().and_then(|()| self.frame_out.send()).map_err(|e| e.to_string())
    }

    /// Ctrl-Z: restores the terminal, stops the process as the shell's job
    /// control expects, and takes the terminal back once resumed. Returns
    /// false when nothing stopped: the kernel ignores a stop when no shell
    /// could resume the process (started straight from a terminal emulator,
    /// say), which is better than hanging.
    pub fn suspend(&mut self) -> Result<bool, String> {
        self.continued.store(false, Ordering::SeqCst);
        // SAFETY: raising a signal at this process has no memory-safety preconditions.
        self.hand_over(|| unsafe { libc::raise(libc::SIGTSTP) })?;
        // SIGCONT's flag is set on whichever thread takes the signal: give it a moment.
        let start = std::time::Instant::now();
        while !self.continued.load(Ordering::SeqCst) && start.elapsed() < std::time::Duration::from_millis(100) {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        Ok(self.continued.load(Ordering::SeqCst))
    }
}

/// Runs `f` with SIGTSTP's default action (stop) instead of the handler that
/// turns `kill -TSTP` into `Event::Suspend`: an editor sends its Ctrl-Z to the
/// whole process group, and a job stops only when all of it does.
fn with_default_stop<T>(f: impl FnOnce() -> T) -> T {
    // SAFETY: sigaction on zeroed, fully initialised structs; the previous
    // action is kept and put back below.
    let previous = unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        libc::sigemptyset(&mut default.sa_mask);
        let mut previous: libc::sigaction = std::mem::zeroed();
        (libc::sigaction(libc::SIGTSTP, &default, &mut previous) == 0).then_some(previous)
    };
    let result = f();
    if let Some(previous) = previous {
        // SAFETY: `previous` is what sigaction itself filled in.
        unsafe { libc::sigaction(libc::SIGTSTP, &previous, std::ptr::null_mut()) };
    }
    result
}

impl Drop for Tui {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back as the shell expects it. Safe to call twice, and
/// safe whether or not the mouse was reported.
pub fn restore() {
    let _ =
        execute!(stdout(), DisableMouseCapture, DisableBracketedPaste, LeaveAlternateScreen, crossterm::cursor::Show);
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
