//! The terminal reader the app's input thread uses (crossterm's) must read
//! keys that reach it together with a resize. If the resize is taken first
//! and the keys are left in the terminal until the next keystroke, what the
//! user typed is missing from the screen, and from the note if the window is
//! closed before another key.
//!
//! This test owns the whole process: it puts a pseudo-terminal on stdin and
//! stdout (crossterm reads whichever terminal stdin is), so it lives alone in
//! this file.

use crossterm::event::{Event, KeyCode};
use std::time::Duration;

/// A sanity bound against a hang, not a timing: every event waited for is
/// already in the terminal's buffer, so a working reader answers at once.
const HANG: Duration = Duration::from_secs(5);

#[test]
fn keys_that_arrive_with_a_resize_are_read_without_waiting_for_more() {
    let pty = PtyOnStdio::open(24, 80);
    crossterm::terminal::enable_raw_mode().expect("raw mode on the pty");
    // Start crossterm's reader now, with nothing to read: it registers the
    // terminal and its SIGWINCH handler.
    assert!(!crossterm::event::poll(Duration::ZERO).expect("poll"), "nothing was typed yet");

    // The window grows: the handler runs inside `raise`, so the reader's
    // resize notice is ready before the keys below.
    pty.set_size(30, 100);
    // SAFETY: raising a signal has no memory-safety preconditions; crossterm handles SIGWINCH.
    assert_eq!(unsafe { libc::raise(libc::SIGWINCH) }, 0);
    pty.type_keys(b"abc");

    let mut events = Vec::new();
    while events.len() < 4 {
        let ready = crossterm::event::poll(HANG).expect("poll");
        assert!(ready, "the reader stopped after {events:?}: the keys typed with the resize were left unread");
        events.push(crossterm::event::read().expect("read"));
    }
    crossterm::terminal::disable_raw_mode().expect("cooked mode");
    let keys: String = events
        .iter()
        .filter_map(|e| match e {
            Event::Key(k) => match k.code {
                KeyCode::Char(c) => Some(c),
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert_eq!(keys, "abc", "events: {events:?}");
    assert!(events.iter().any(|e| matches!(e, Event::Resize(..))), "no resize among {events:?}");
}

/// A pseudo-terminal whose slave side is this process's stdin and stdout
/// until dropped (the test harness prints its results on the real stdout).
struct PtyOnStdio {
    master: libc::c_int,
    saved_stdin: libc::c_int,
    saved_stdout: libc::c_int,
}

impl PtyOnStdio {
    fn open(rows: u16, cols: u16) -> PtyOnStdio {
        let size = libc::winsize { ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0 };
        let (mut master, mut slave) = (-1, -1);
        // SAFETY: the out-pointers are valid; no name buffer and default termios are asked for.
        let opened = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size) };
        assert_eq!(opened, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: plain descriptor calls on descriptors this process owns.
        let (saved_stdin, saved_stdout) = unsafe { (libc::dup(0), libc::dup(1)) };
        assert!(saved_stdin >= 0 && saved_stdout >= 0, "dup: {}", std::io::Error::last_os_error());
        // SAFETY: as above.
        unsafe {
            assert_eq!(libc::dup2(slave, 0), 0);
            assert_eq!(libc::dup2(slave, 1), 1);
            libc::close(slave);
        }
        PtyOnStdio { master, saved_stdin, saved_stdout }
    }

    /// What the terminal emulator does when its window changes size (the
    /// kernel would also signal the foreground group, which this process is not).
    fn set_size(&self, rows: u16, cols: u16) {
        let size = libc::winsize { ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0 };
        // SAFETY: `size` is a valid winsize for the duration of the call.
        assert_eq!(unsafe { libc::ioctl(self.master, libc::TIOCSWINSZ, &size) }, 0);
    }

    /// Types `keys` and returns once they can be read from stdin (the
    /// kernel hands them over on its own schedule).
    fn type_keys(&self, keys: &[u8]) {
        // SAFETY: the buffer is valid for its length.
        let written = unsafe { libc::write(self.master, keys.as_ptr().cast(), keys.len()) };
        assert_eq!(written, keys.len() as isize, "write: {}", std::io::Error::last_os_error());
        let mut stdin = libc::pollfd { fd: 0, events: libc::POLLIN, revents: 0 };
        // SAFETY: one valid pollfd. Level-triggered: it consumes nothing.
        let ready = unsafe { libc::poll(&mut stdin, 1, HANG.as_millis() as libc::c_int) };
        assert_eq!(ready, 1, "the typed keys never reached the terminal");
    }
}

impl Drop for PtyOnStdio {
    fn drop(&mut self) {
        // SAFETY: descriptors this struct opened or saved.
        unsafe {
            libc::dup2(self.saved_stdin, 0);
            libc::dup2(self.saved_stdout, 1);
            libc::close(self.saved_stdin);
            libc::close(self.saved_stdout);
            libc::close(self.master);
        }
    }
}
