//! Closing the terminal window: the real binary in a pseudo-terminal whose
//! master side is closed right after a draft is typed (what a terminal
//! emulator does when its window closes). The app must not panic on the
//! dead terminal, and the draft must be kept, however young it is.

mod common;

use common::{BIN, TIMEOUT, config_dir, data_dir, parse_yaml, session_files};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::os::fd::RawFd;
use std::path::Path;
use std::time::{Duration, Instant};

/// Reads what is there on a non-blocking fd.
fn read_some(fd: RawFd, into: &mut Vec<u8>) {
    let mut buf = [0u8; 8192];
    loop {
        // SAFETY: reading into a buffer we own, of the length given.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n <= 0 {
            return;
        }
        into.extend_from_slice(&buf[..n as usize]);
    }
}

fn write_all(fd: RawFd, bytes: &[u8]) {
    // SAFETY: writing from a buffer we own, of the length given.
    let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
    assert_eq!(n, bytes.len() as isize, "write to the pty");
}

/// Waits until the screen (as a terminal would show it) holds `text`.
fn wait_for(fd: RawFd, screen: &mut vt100::Parser, text: &str) {
    let start = Instant::now();
    while !screen.screen().contents().contains(text) {
        assert!(start.elapsed() < TIMEOUT, "timed out waiting for {text:?}:\n{}", screen.screen().contents());
        std::thread::sleep(Duration::from_millis(5));
        let mut out = Vec::new();
        read_some(fd, &mut out);
        screen.process(&out);
    }
}

/// One trial: start an interview, commit a note, type a draft, and close the
/// window the moment the draft is on the screen. Returns the exit code.
fn close_window_after_draft(root: &Path, draft: &str) -> Option<i32> {
    let pair = native_pty_system()
        .openpty(PtySize { rows: common::ROWS.get(), cols: common::COLS.get(), pixel_width: 0, pixel_height: 0 })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(["new", "--guide", "discovery", "--participant", "Window Closer"]);
    cmd.env("FIELDNOTES_DATA_DIR", data_dir(root));
    cmd.env("FIELDNOTES_CONFIG_DIR", config_dir(root));
    cmd.env("FIELDNOTES_CACHE_DIR", root.join("cache"));
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn fieldnotes");
    drop(pair.slave);
    // Read and write the master's fd directly: portable-pty's writer sends an
    // end-of-file on drop, and a reader thread would keep the master open.
    let fd = pair.master.as_raw_fd().expect("the master's fd");
    // SAFETY: fcntl on a descriptor we own.
    unsafe { libc::fcntl(fd, libc::F_SETFL, libc::fcntl(fd, libc::F_GETFL) | libc::O_NONBLOCK) };
    let mut out = vt100::Parser::new(common::ROWS, common::COLS, 0);
    wait_for(fd, &mut out, "Notes (0)");
    write_all(fd, b"a committed note\r");
    wait_for(fd, &mut out, "Notes (1)");
    write_all(fd, draft.as_bytes());
    wait_for(fd, &mut out, draft);
    drop(pair.master); // the window closes
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status.success().then_some(0).or(Some(status.exit_code() as i32));
        }
        assert!(start.elapsed() < TIMEOUT, "the app did not exit after its window closed");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn closing_the_window_right_after_typing_keeps_the_draft_and_does_not_panic() {
    for trial in 0..6 {
        let root = tempfile::tempdir().expect("tempdir");
        let draft = format!("draft typed just before the window closed {trial}");
        let code = close_window_after_draft(root.path(), &draft);
        assert_ne!(code, Some(101), "trial {trial}: the app panicked on the closed terminal");
        assert_eq!(code, Some(0), "trial {trial}: exit code {code:?}");
        let files = session_files(root.path());
        assert_eq!(files.len(), 1, "trial {trial}: {files:?}");
        let text = std::fs::read_to_string(&files[0]).unwrap();
        let doc = parse_yaml(&text);
        assert_eq!(doc["draft"], draft.as_str(), "trial {trial}: the draft was lost:\n{text}");
        assert_eq!(doc["notes"][0]["text"], "a committed note", "trial {trial}:\n{text}");
    }
}

/// `new` with no terminal (a script, a pipe) says so and leaves no session
/// behind: before, an empty "in progress" session stayed in the library.
#[test]
fn new_without_a_terminal_refuses_and_leaves_no_session() {
    let root = tempfile::tempdir().expect("tempdir");
    let out = common::cli(root.path(), &["new", "--guide", "discovery", "--participant", "No Tty"]);
    let stderr = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert_eq!(session_files(root.path()), Vec::<std::path::PathBuf>::new(), "a session was left behind");
}
