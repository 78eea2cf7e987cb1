//! A source's plain text, built piece by piece, with the position of every
//! piece a selection points at.
//!
//! Positions follow REFI-QDA's plain-text selections: counted in characters
//! from the start of the text, the first being 0. A character here is a
//! Unicode scalar value (a code point), not a UTF-16 unit nor a byte: an
//! emoji outside the Basic Multilingual Plane counts one. `endPosition` is
//! exclusive: the position just after the last character, so `end - start`
//! is the selection's length and an empty selection would have `end ==
//! start`. The text is made XML-safe (`xml::xml_text`) before it is counted,
//! so the file in `Sources/` and the positions always agree.

use super::xml::xml_text;

/// A selection's place in its source: `[start, end)` in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// The text of one source, growing, with its length in characters kept.
#[derive(Debug, Default)]
pub struct SourceText {
    text: String,
    chars: usize,
}

impl SourceText {
    /// Appends text no selection points at.
    pub fn push(&mut self, piece: &str) {
        let safe = xml_text(piece);
        self.chars += safe.chars().count();
        self.text.push_str(&safe);
    }

    /// Appends text a selection points at, and says where it is.
    pub fn push_span(&mut self, piece: &str) -> Span {
        let start = self.chars;
        self.push(piece);
        Span { start, end: self.chars }
    }

    pub fn into_string(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_code_points_and_end_is_exclusive() {
        let mut t = SourceText::default();
        t.push("é😀 ");
        let span = t.push_span("a😀b");
        t.push("\n");
        assert_eq!(span, Span { start: 3, end: 6 });
        let text = t.into_string();
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[span.start..span.end].iter().collect::<String>(), "a😀b");
    }

    #[test]
    fn forbidden_characters_are_replaced_before_counting() {
        let mut t = SourceText::default();
        t.push("\u{0}\u{1}");
        let span = t.push_span("x");
        assert_eq!(span, Span { start: 2, end: 3 });
        assert_eq!(t.into_string(), "\u{FFFD}\u{FFFD}x");
    }
}
