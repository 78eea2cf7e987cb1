//! One channel of events for the main loop: keys and pastes from an input
//! thread, save replies from the writer, and termination signals.

use crate::store::writer::Reply;
use crossterm::event::KeyEvent;
use std::sync::mpsc::Sender;

#[derive(Debug)]
pub enum Event {
    Key(KeyEvent),
    Paste(String),
    Resize,
    /// The writer reports on a save.
    Store(Reply),
    /// SIGHUP, SIGTERM or SIGINT: save and leave.
    Terminate,
    /// The terminal cannot be read any more: treated like a hang-up.
    InputGone(String),
}

/// Reads the terminal on its own thread so the main loop only ever waits on the channel.
pub fn spawn_input(tx: Sender<Event>) {
    std::thread::Builder::new()
        .name("fieldnotes-input".into())
        .spawn(move || {
            loop {
                let ev = match crossterm::event::read() {
                    Ok(crossterm::event::Event::Key(k)) => Event::Key(k),
                    Ok(crossterm::event::Event::Paste(s)) => Event::Paste(s),
                    Ok(crossterm::event::Event::Resize(..)) => Event::Resize,
                    Ok(_) => continue,
                    Err(e) => {
                        let _ = tx.send(Event::InputGone(e.to_string()));
                        return;
                    }
                };
                if tx.send(ev).is_err() {
                    return;
                }
            }
        })
        .expect("spawn input thread");
}

/// Turns SIGHUP (window closed), SIGTERM and SIGINT into `Event::Terminate`.
/// A second signal while the first is being handled exits at once: every
/// committed note has already been handed to the writer by then.
pub fn spawn_signals(tx: Sender<Event>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT])?;
    std::thread::Builder::new().name("fieldnotes-signals".into()).spawn(move || {
        let mut seen = false;
        for _ in signals.forever() {
            if seen {
                crate::terminal::restore();
                std::process::exit(130);
            }
            seen = true;
            let _ = tx.send(Event::Terminate);
        }
    })?;
    Ok(())
}
