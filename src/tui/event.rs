//! One channel of events for the main loop: keys and pastes from an input
//! thread, save replies from the writer, and termination signals.

use crate::store::writer::{Closing, LastWord, Reply};
use crossterm::event::{KeyEvent, MouseEvent, MouseEventKind};
use std::sync::mpsc::Sender;

#[derive(Debug)]
pub enum Event {
    Key(KeyEvent),
    /// A wheel turn or a button press (motion is not reported).
    Mouse(MouseEvent),
    Paste(String),
    Resize,
    /// The writer reports on a save.
    Store(Reply),
    /// The library, read in the background at start-up.
    Library(crate::store::library::Library),
    /// The library's newest rows as its index last stored them, sent before
    /// `Library` so the first frame has rows (see `Library::preview`).
    LibraryPreview(crate::store::library::Preview),
    /// The sessions whose notes hold the library filter's free words, found off the UI thread.
    NotesFound(crate::store::note_texts::NotesFound),
    /// How many near-duplicate tags the library has (`tags lint`), found after the library was read.
    TagHygiene(usize),
    /// The records for the synthesis screen, read in the background.
    Synthesis(Box<crate::tui::app::synthesis::SynthData>),
    /// The synthesis (or its search) computed on the worker thread.
    Computed(Box<crate::tui::app::synthesis::Computed>),
    /// The study read for the study screen, in the background (`load` is its request's number).
    Study {
        load: u64,
        read: Box<crate::store::study_library::StudyRead>,
    },
    /// A file written off the UI thread (`file_jobs`): what it came to.
    Job(crate::tui::file_jobs::Done),
    /// SIGHUP, SIGTERM or SIGINT: save and leave.
    Terminate,
    /// SIGTSTP from outside (`kill -TSTP`): give the terminal back, then stop.
    Suspend,
    /// SIGCONT: the process was stopped and resumed; the screen may hold anything.
    Continued,
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
                    // Motion would wake the loop for nothing on every move.
                    Ok(crossterm::event::Event::Mouse(m))
                        if !matches!(m.kind, MouseEventKind::Moved | MouseEventKind::Drag(_)) =>
                    {
                        Event::Mouse(m)
                    }
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

/// Turns SIGTSTP into `Event::Suspend` and SIGCONT into `Event::Continued`,
/// so the terminal is restored before stopping and redrawn after.
pub fn spawn_job_control(tx: Sender<Event>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGTSTP};
    let mut signals = signal_hook::iterator::Signals::new([SIGTSTP, SIGCONT])?;
    std::thread::Builder::new().name("fieldnotes-job-control".into()).spawn(move || {
        for signal in signals.forever() {
            let event = if signal == SIGTSTP { Event::Suspend } else { Event::Continued };
            if tx.send(event).is_err() {
                return;
            }
        }
    })?;
    Ok(())
}

/// Turns SIGHUP (window closed), SIGTERM and SIGINT into `Event::Terminate`.
/// A second signal while the first is being handled leaves without the main
/// loop (which may be stuck: a terminal that stopped reading, an editor), but
/// never before the writer has closed the session and said where every
/// change is: a save or a rescue under way is never cut short (see
/// `leave_now`). "Second" means a moment later: a terminal hang-up delivers
/// SIGHUP twice at once (to the session leader and to the foreground group,
/// which fieldnotes both is), and that pair must still end in a clean save.
pub fn spawn_signals(tx: Sender<Event>, last_word: LastWord) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    const SAME_EVENT: std::time::Duration = std::time::Duration::from_millis(300);
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT])?;
    std::thread::Builder::new().name("fieldnotes-signals".into()).spawn(move || {
        let mut first: Option<std::time::Instant> = None;
        for _ in signals.forever() {
            match first {
                Some(t) if t.elapsed() >= SAME_EVENT => leave_now(&last_word),
                Some(_) => {}
                None => {
                    first = Some(std::time::Instant::now());
                    let _ = tx.send(Event::Terminate);
                }
            }
        }
    })?;
    Ok(())
}

/// Waits for the writer's last word (however long the disk takes: `kill -9`
/// stays for a disk that never answers, and the journal keeps what was
/// synced), restores the terminal, says where any change not in its file
/// is, and exits.
fn leave_now(last_word: &LastWord) -> ! {
    let verdicts = last_word.wait();
    crate::tui::terminal::restore();
    for v in verdicts.iter().filter(|v| !matches!(v, Closing::Saved { .. })) {
        crate::warn!("fieldnotes: {}", v.describe());
    }
    let code = if verdicts.iter().all(Closing::is_safe) { 130 } else { 1 };
    std::process::exit(code);
}
