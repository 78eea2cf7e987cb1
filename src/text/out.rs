//! Everything fieldnotes prints goes through here: one sanitizer for text
//! that reaches a terminal, and one way to write to stdout and stderr.
//!
//! Text from outside the program (file names, paths, session and guide text,
//! theme descriptions, git's output, error messages that quote any of them)
//! may hold escape sequences: ESC, CSI, OSC 52 (writes the clipboard), C1
//! controls, bidi overrides. On a terminal they would act instead of show.
//! So:
//! - `say!` (stdout) and `warn!` (stderr) print a line of text for people,
//!   always made inert as a whole: newlines and tabs stay, every other control
//!   character shows as its visible symbol (ESC as ␛).
//! - [`data`] prints a machine format (`--json`, YAML, a guide export): exact
//!   when stdout is a file or a pipe, so scripts get the bytes the library
//!   holds; made inert when stdout is a terminal, where nobody parses it.
//! - [`styled`] prints text carrying our own colour sequences; every piece
//!   from outside must have gone through [`inert`] first.
//!
//! A closed stdout (`fieldnotes list | head`) ends the program quietly with
//! status 141, what a shell reports for `ls` or `git` killed by SIGPIPE
//! (128 + 13), so `set -o pipefail` scripts see the same as with them.
//! A failing stderr is ignored: there is nowhere left to say so.
//!
//! `tests/cli.rs` checks that no `println!`/`eprintln!` is left outside this module.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, IsTerminal, Write};

/// Characters that must never reach the terminal as they are: controls
/// (escape sequences start with one) and the bidi overrides that reorder what
/// is shown. Notes drop them when typed; everything printed replaces them.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// The exit status when stdout was closed under us: 128 + SIGPIPE.
pub const BROKEN_PIPE_STATUS: i32 = 141;

/// One field (a name, a path, a tag) made safe to show on one line: control
/// characters, newline included, show as their visible symbols (ESC as ␛)
/// and bidi overrides as �, so nothing can move the cursor, clear the
/// screen, write the clipboard or reorder what follows.
pub fn inert(s: &str) -> Cow<'_, str> {
    sanitize(s, false)
}

/// Text of any number of lines made safe for a terminal: as [`inert`], but
/// newlines and tabs stay what they are.
pub fn terminal_safe(s: &str) -> Cow<'_, str> {
    sanitize(s, true)
}

fn sanitize(s: &str, keep_layout: bool) -> Cow<'_, str> {
    let kept = |c: char| keep_layout && matches!(c, '\n' | '\t');
    let Some(first) = first_unsafe(s, kept) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    out.extend(s[first..].chars().map(|c| if kept(c) { c } else { visible(c) }));
    Cow::Owned(out)
}

/// Where the first character to replace starts, found byte by byte: every
/// unsafe character begins with a byte below 0x20, 0x7f, or the first byte
/// of the two- or three-byte forms they take (0xc2: C1 controls; 0xd8: U+061C;
/// 0xe2: the bidi marks and overrides), and none of those bytes is ever inside
/// another character's encoding. Only a character starting with one of them
/// is decoded and looked at: a listing of 10,000 interviews is one pass.
fn first_unsafe(s: &str, kept: impl Fn(char) -> bool) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(at) = bytes[from..].iter().position(|&b| b < 0x20 || matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2)) {
        let at = from + at;
        let c = s[at..].chars().next().expect("a character starts at a lead byte");
        if is_unsafe_char(c) && !kept(c) {
            return Some(at);
        }
        from = at + c.len_utf8();
    }
    None
}

/// The character shown in place of `c`.
fn visible(c: char) -> char {
    match c {
        // The Control Pictures block has a symbol for each C0 control.
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
        '\u{7f}' => '␡',
        c if is_unsafe_char(c) => '�',
        c => c,
    }
}

/// Prints one line of text for people on stdout, made inert.
pub fn say(args: fmt::Arguments) {
    let mut line = terminal_safe(&args.to_string()).into_owned();
    line.push('\n');
    write_stdout(line.as_bytes());
}

/// As [`say`], but a stdout that is gone is ignored: for the last line of a
/// run whose work is done (the window may have closed under it).
pub fn say_if_possible(args: fmt::Arguments) {
    let mut line = terminal_safe(&args.to_string()).into_owned();
    line.push('\n');
    let mut out = io::stdout().lock();
    let _ = out.write_all(line.as_bytes()).and_then(|()| out.flush());
}

/// Prints one line of text for people on stderr, made inert.
pub fn warn(args: fmt::Arguments) {
    let mut line = terminal_safe(&args.to_string()).into_owned();
    line.push('\n');
    let mut err = io::stderr().lock();
    let _ = err.write_all(line.as_bytes()).and_then(|()| err.flush());
}

/// Asks a question on stderr, on the line the answer is typed after, so the
/// question is seen even when stdout goes to a file.
pub fn prompt(question: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(terminal_safe(question).as_bytes()).and_then(|()| err.flush());
}

/// Prints text for people on stdout as it is laid out, made inert.
pub fn text(text: &str) {
    write_stdout(terminal_safe(text).as_bytes());
}

/// Prints a machine format on stdout: exact unless stdout is a terminal.
pub fn data(text: &str) {
    if io::stdout().is_terminal() {
        write_stdout(terminal_safe(text).as_bytes());
    } else {
        write_stdout(text.as_bytes());
    }
}

/// Prints text whose only escape sequences are our own styling; the caller
/// made every outside piece [`inert`].
pub fn styled(text: &str) {
    write_stdout(text.as_bytes());
}

/// Bytes we generated ourselves (completions, the man page), exact.
pub fn generated(bytes: &[u8]) {
    write_stdout(bytes);
}

fn write_stdout(bytes: &[u8]) {
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_all(bytes).and_then(|()| out.flush()) {
        stdout_failed(&e);
    }
}

/// Stdout is gone: a reader that stopped reading (`| head`) or a terminal
/// that closed. Either way nothing more can be shown, so stop quietly, as
/// other Unix tools do; a real error is said on stderr if it still works.
fn stdout_failed(e: &io::Error) -> ! {
    if e.kind() == io::ErrorKind::BrokenPipe {
        std::process::exit(BROKEN_PIPE_STATUS);
    }
    warn(format_args!("fieldnotes: cannot write to standard output: {e}"));
    std::process::exit(1);
}

/// `say!("…", args)`: a line for people on stdout, made inert.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => { $crate::text::out::say(format_args!($($arg)*)) };
}

/// `warn!("…", args)`: a line for people on stderr, made inert.
#[macro_export]
macro_rules! warn {
    ($($arg:tt)*) => { $crate::text::out::warn(format_args!($($arg)*)) };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of sequence a hostile name or file may carry.
    const HOSTILE: &[&str] = &[
        "\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}", // OSC 52: writes the clipboard
        "\u{1b}[2J\u{1b}[H",                 // CSI: clears the screen
        "\u{9b}31m",                         // C1 CSI
        "\u{9d}52;c;eA==\u{9c}",             // C1 OSC … ST
        "\u{85}\u{90}\u{9f}\u{80}",          // other C1 controls
        "\u{202e}evil\u{202c}\u{2066}\u{2069}\u{200f}\u{61c}",
        "nul\u{0}bel\u{7}cr\u{d}del\u{7f}bs\u{8}",
    ];

    fn acts_on_a_terminal(s: &str) -> bool {
        s.chars().any(|c| is_unsafe_char(c) && !matches!(c, '\n' | '\t'))
    }

    #[test]
    fn nothing_hostile_survives_either_sanitizer() {
        for h in HOSTILE {
            let field = inert(h);
            assert!(!field.chars().any(is_unsafe_char), "{h:?} → {field:?}");
            let text = terminal_safe(h);
            assert!(!acts_on_a_terminal(&text), "{h:?} → {text:?}");
        }
    }

    /// The byte-by-byte search must answer what looking at every character
    /// answers, for any text: the same result from both sanitizers.
    #[test]
    fn the_fast_search_gives_what_looking_at_every_character_gives() {
        use proptest::prelude::*;
        fn plain(s: &str, keep_layout: bool) -> String {
            let kept = |c: char| keep_layout && matches!(c, '\n' | '\t');
            s.chars().map(|c| if kept(c) { c } else { visible(c) }).collect()
        }
        // Every character the rule names, its neighbours, and ordinary text.
        let picked = proptest::sample::select(vec![
            'a', ' ', '~', '\n', '\t', '\r', '\u{0}', '\u{1b}', '\u{1f}', '\u{7f}', '\u{80}', '\u{9f}', '\u{a0}',
            '\u{bf}', 'é', 'Ø', '\u{61b}', '\u{61c}', '\u{61d}', '\u{200d}', '\u{200e}', '\u{200f}', '\u{2010}',
            '\u{2029}', '\u{202a}', '\u{202e}', '\u{202f}', '\u{2065}', '\u{2066}', '\u{2069}', '\u{206a}', '“', '—',
            '…', '日', '😀',
        ]);
        let text = proptest::collection::vec(proptest::prop_oneof![picked, proptest::char::any()], 0..40)
            .prop_map(|cs| cs.into_iter().collect::<String>());
        proptest!(ProptestConfig::with_cases(2000), |(s in text)| {
            prop_assert_eq!(inert(&s).into_owned(), plain(&s, false));
            prop_assert_eq!(terminal_safe(&s).into_owned(), plain(&s, true));
        });
    }

    #[test]
    fn escapes_show_as_visible_symbols() {
        assert_eq!(inert("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(inert("\u{202e}x"), "�x");
        assert_eq!(inert("line\nnext"), "line␊next");
        assert_eq!(terminal_safe("line\nnext\tcol\r"), "line\nnext\tcol␍");
        assert_eq!(terminal_safe("\u{9b}x"), "�x");
    }

    #[test]
    fn clean_text_is_not_copied() {
        assert!(matches!(inert("plain é 日本"), Cow::Borrowed(_)));
        assert!(matches!(terminal_safe("two\nlines\tand a tab"), Cow::Borrowed(_)));
    }
}
