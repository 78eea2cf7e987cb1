//! The main loop of the TUI: wait for events, turn them into actions through
//! the keymap, let the model update, carry out its effects, draw once per
//! batch of events.

use crate::action::Action;
use crate::app::{App, Effect};
use crate::event::{self, Event};
use crate::keymap;
use crate::paths::Paths;
use crate::store::writer::{SaveReply, Writer};
use crate::store::{guides, library};
use crate::terminal::Tui;
use crate::theme::Theme;
use chrono::{DateTime, FixedOffset, Local, Timelike};
use std::sync::mpsc;
use std::time::Duration;

/// The local time to the second: files carry whole seconds, not nanoseconds.
pub fn now() -> DateTime<FixedOffset> {
    let t = Local::now().fixed_offset();
    t.with_nanosecond(0).unwrap_or(t)
}

/// What happened when the loop ended, for the message printed after the
/// terminal is restored.
pub struct Outcome {
    pub last_session: Option<std::path::PathBuf>,
    pub note: Option<String>,
}

pub fn run(mut app: App, first: Vec<Effect>, theme: &Theme, paths: &Paths) -> Result<Outcome, String> {
    let (tx, rx) = mpsc::channel::<Event>();
    let writer_tx = tx.clone();
    let writer = Writer::spawn(move |reply| {
        let _ = writer_tx.send(Event::Saved(reply));
    });
    for effect in first {
        if let Effect::Save(job) = effect {
            writer.save(*job);
        }
    }
    let mut tui = Tui::enter().map_err(|e| format!("cannot open the terminal: {e}"))?;
    event::spawn_input(tx.clone());
    event::spawn_signals(tx).map_err(|e| format!("cannot watch signals: {e}"))?;
    let mut note = None;
    'outer: loop {
        tui.terminal.draw(|f| crate::ui::render(f, &app, theme)).map_err(|e| e.to_string())?;
        // Wake at least once a second so the clock moves.
        let first = match rx.recv_timeout(Duration::from_millis(1000)) {
            Ok(ev) => Some(ev),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let events: Vec<Event> = first.into_iter().chain(rx.try_iter()).collect();
        if events.is_empty() {
            app.update(Action::Tick, now());
            continue;
        }
        for ev in events {
            let action = match ev {
                Event::Key(key) => keymap::resolve(app.mode(), key),
                Event::Paste(text) => Some(Action::Paste(text)),
                Event::Resize => None,
                Event::Saved(SaveReply::Saved { path, rev }) => {
                    app.saved(&path, rev, None);
                    None
                }
                Event::Saved(SaveReply::Failed { path, rev, error }) => {
                    app.saved(&path, rev, Some(error));
                    None
                }
                Event::Terminate | Event::InputGone(_) => {
                    // Close the help first so the save-and-quit reaches the screen's model.
                    app.help = false;
                    Some(if app.capture().is_some() { Action::SaveAndQuit } else { Action::Quit })
                }
            };
            let Some(action) = action else { continue };
            for effect in app.update(action, now()) {
                match effect {
                    Effect::Save(job) => writer.save(*job),
                    Effect::Open(path) => open(&mut app, &path, paths),
                    Effect::Quit => break 'outer,
                    Effect::GoHome => {}
                }
            }
        }
    }
    let last_session = app.capture().map(|c| c.path.clone());
    if let Some(c) = app.capture()
        && !c.session.notes.is_empty()
    {
        let n = c.session.notes.len();
        note = Some(format!("{n} note{}", if n == 1 { "" } else { "s" }));
    }
    drop(tui);
    // Every queued save lands before the process exits.
    writer.finish();
    Ok(Outcome { last_session, note })
}

/// Loads a session chosen in the library and opens it in the live screen.
fn open(app: &mut App, path: &std::path::Path, paths: &Paths) {
    match library::load_session(path) {
        Ok(session) => {
            let guide = guides::resolve(&session.guide, &paths.guides_dir())
                .unwrap_or_else(|_| crate::domain::guide::Guide::placeholder(&session.guide));
            app.open_capture(session, guide, path.to_path_buf());
        }
        Err(e) => app.message = Some(format!("Cannot open: {e}")),
    }
}
