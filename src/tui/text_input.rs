//! A one-line text field: the text and a cursor counted in characters, so
//! editing never splits a multi-byte character.

use crate::text::out::is_unsafe_char;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// Cursor position in characters, 0..=len.
    cursor: usize,
}

impl TextInput {
    pub fn with_text(text: &str) -> Self {
        let mut input = TextInput::default();
        input.insert_str(text);
        input
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text.char_indices().nth(char_index).map_or(self.text.len(), |(i, _)| i)
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    pub fn insert(&mut self, c: char) {
        if is_unsafe_char(c) {
            return;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Inserts text, turning line breaks and tabs into single spaces and
    /// dropping control characters. One splice for the whole text, so a
    /// large paste costs time in proportion to its size.
    pub fn insert_str(&mut self, s: &str) {
        let clean = crate::domain::note::clean_input(s);
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.len() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn delete_word(&mut self) {
        while self.cursor > 0 && self.char_before().is_some_and(char::is_whitespace) {
            self.backspace();
        }
        while self.cursor > 0 && self.char_before().is_some_and(|c| !c.is_whitespace()) {
            self.backspace();
        }
    }

    fn char_before(&self) -> Option<char> {
        self.text.chars().nth(self.cursor.checked_sub(1)?)
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.len());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.len();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Takes the text out, leaving the field empty.
    pub fn take(&mut self) -> String {
        self.cursor = 0;
        std::mem::take(&mut self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_multibyte_text_by_characters() {
        let mut t = TextInput::with_text("café 😩");
        t.left();
        t.backspace();
        assert_eq!(t.text(), "café😩");
        t.home();
        t.delete();
        assert_eq!(t.text(), "afé😩");
        t.end();
        t.insert('日');
        assert_eq!(t.text(), "afé😩日");
        assert_eq!(t.cursor(), 5);
    }

    #[test]
    fn delete_word_and_paste() {
        let mut t = TextInput::with_text("one two  ");
        t.delete_word();
        assert_eq!(t.text(), "one ");
        t.insert_str("a\nb\u{1b}[2J");
        assert_eq!(t.text(), "one a b[2J");
    }

    #[test]
    fn paste_lands_at_the_cursor_as_one_line() {
        let mut t = TextInput::with_text("say  done");
        for _ in 0..5 {
            t.left();
        }
        t.insert_str("é\r\nline two\tend\n\n");
        assert_eq!(t.text(), "say é line two end  done");
        assert_eq!(t.cursor(), "say é line two end ".chars().count(), "the cursor ends after the paste");
        t.insert('!');
        assert_eq!(t.text(), "say é line two end ! done");
    }

    /// Guards against quadratic pasting (it once inserted character by
    /// character, each insert O(n): 2 MB never finished). Linear work takes
    /// milliseconds even in a debug build; the bound is only a generous
    /// sanity limit, not a performance figure (those are in benches/).
    #[test]
    fn a_megabyte_paste_is_linear() {
        let line = "We export to Excel every Friday, then fix it by hand. 日本\n";
        let big = line.repeat(1_000_000 / line.len() + 1);
        let mut t = TextInput::with_text("before after");
        for _ in 0.." after".len() {
            t.left();
        }
        let start = std::time::Instant::now();
        t.insert_str(&big);
        t.insert_str(&big);
        assert!(start.elapsed() < std::time::Duration::from_secs(5), "2 MB pasted in {:?}", start.elapsed());
        let pasted = crate::domain::note::clean_input(&big).repeat(2);
        assert_eq!(t.text(), format!("before{pasted} after"));
        assert_eq!(t.cursor(), "before".len() + pasted.chars().count());
    }

    #[test]
    fn cursor_never_leaves_the_text() {
        let mut t = TextInput::default();
        t.left();
        t.backspace();
        t.delete();
        t.right();
        assert_eq!((t.text(), t.cursor()), ("", 0));
    }
}
