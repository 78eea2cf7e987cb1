//! Where a frame's bytes go: held in memory while ratatui writes the changed
//! cells, the cursor and its visibility, then handed to the terminal in one
//! `write` by [`FrameOut::send`]. Through `Stdout` a frame left in pieces (a
//! write per 1,024 bytes, another for the cursor, another for its position),
//! and the terminal could show a half-drawn frame between them; each piece
//! was also a system call on the way from a key to the screen.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

/// A writer whose `flush` keeps the bytes: ratatui flushes after the cells
/// and again after each cursor command, and only the frame as a whole should
/// reach the terminal. [`FrameOut::send`] writes what was held. Clones share
/// the bytes: the terminal writes through one, the loop sends through another
/// (ratatui lends its backend's writer only behind an unstable feature).
pub struct FrameOut<W: Write> {
    shared: Rc<RefCell<Held<W>>>,
}

struct Held<W> {
    bytes: Vec<u8>,
    out: W,
}

impl<W: Write> Clone for FrameOut<W> {
    fn clone(&self) -> Self {
        FrameOut { shared: Rc::clone(&self.shared) }
    }
}

impl<W: Write> FrameOut<W> {
    pub fn new(out: W) -> FrameOut<W> {
        // A full 200x50 repaint with colours is some 60 kB: room from the start.
        FrameOut { shared: Rc::new(RefCell::new(Held { bytes: Vec::with_capacity(64 * 1024), out })) }
    }

    /// Writes everything held since the last send, in one `write` unless the
    /// terminal takes only part of it (then the rest follows at once).
    pub fn send(&self) -> io::Result<()> {
        let mut held = self.shared.borrow_mut();
        if held.bytes.is_empty() {
            return Ok(());
        }
        let Held { bytes, out } = &mut *held;
        let result = out.write_all(bytes).and_then(|()| out.flush());
        bytes.clear();
        result
    }

    /// Looks at the writer underneath (tests count its writes).
    pub fn with_inner<T>(&self, look: impl FnOnce(&W) -> T) -> T {
        look(&self.shared.borrow().out)
    }
}

impl<W: Write> Write for FrameOut<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.shared.borrow_mut().bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    /// Kept until [`FrameOut::send`]: see the type's doc.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Standard output without `Stdout`'s line buffer, which would split a frame
/// holding a newline in two writes. Anything written through `Stdout` is
/// flushed by whoever wrote it (the terminal guard uses `execute!`), so the
/// two never interleave inside a frame.
pub struct RawStdout;

impl Write for RawStdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // SAFETY: the pointer and length come from a live slice; fd 1 is ours.
        let n = unsafe { libc::write(libc::STDOUT_FILENO, buf.as_ptr().cast(), buf.len()) };
        if n < 0 { Err(io::Error::last_os_error()) } else { Ok(n as usize) }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::{Position, Rect};
    use ratatui::widgets::Paragraph;
    use ratatui::{Terminal, TerminalOptions, Viewport};

    /// Counts the writes that reach it and keeps their bytes.
    #[derive(Default)]
    struct Counting {
        writes: usize,
        bytes: Vec<u8>,
    }

    impl Write for Counting {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.writes += 1;
            self.bytes.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// A plain writer the test can look into while the terminal owns it.
    #[derive(Clone, Default)]
    struct Shared(Rc<RefCell<Counting>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().write(buf)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn fixed<W: Write>(out: W) -> Terminal<CrosstermBackend<W>> {
        let viewport = Viewport::Fixed(Rect::new(0, 0, 80, 24));
        Terminal::with_options(CrosstermBackend::new(out), TerminalOptions { viewport }).expect("terminal")
    }

    fn frame(f: &mut ratatui::Frame, text: &str) {
        let lines: Vec<String> = (0..24).map(|row| format!("{text} {row}\n{text}")).collect();
        f.render_widget(Paragraph::new(lines.join("\n")), f.area());
        #[allow(clippy::disallowed_methods)] // a bare ratatui terminal, not the app's frame loop
        f.set_cursor_position(Position::new(3, 20));
    }

    #[test]
    fn a_frame_with_its_cursor_reaches_the_terminal_in_one_write() {
        let out = FrameOut::new(Counting::default());
        let mut terminal = fixed(out.clone());
        let writes = || out.with_inner(|c| c.writes);
        for text in ["first frame, every cell new", "second frame, some cells changed"] {
            let before = writes();
            terminal.draw(|f| frame(f, text)).expect("draw");
            assert_eq!(writes(), before, "nothing leaves before send");
            out.send().expect("send");
            assert_eq!(writes(), before + 1, "one write per frame");
        }
        // A frame with nothing changed writes nothing but the cursor, still once.
        terminal.draw(|f| frame(f, "second frame, some cells changed")).expect("draw");
        out.send().expect("send");
        assert_eq!(writes(), 3);
    }

    #[test]
    fn the_bytes_are_those_an_unbuffered_terminal_gets() {
        let out = FrameOut::new(Counting::default());
        let mut held = fixed(out.clone());
        let unbuffered = Shared::default();
        let mut plain = fixed(unbuffered.clone());
        for text in ["one", "two"] {
            held.draw(|f| frame(f, text)).expect("draw");
            out.send().expect("send");
            plain.draw(|f| frame(f, text)).expect("draw");
        }
        let plain = &unbuffered.0.borrow().bytes;
        assert!(plain.len() > 100, "the frames drew something");
        assert_eq!(&out.with_inner(|c| c.bytes.clone()), plain);
    }
}
