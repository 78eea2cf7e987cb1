//! The one HTML escaper: every piece of user text (notes, tags, names, guide
//! and question text, closing answers, filters) goes through [`escape`]
//! before it is written into the page, as text content or as an attribute
//! value (always double-quoted), so no note can open a tag, close the
//! `<style>`, end an attribute or add an event handler.

use crate::text::out::terminal_safe;
use std::borrow::Cow;

/// `s` as HTML text or a double- or single-quoted attribute value: `&`, `<`,
/// `>`, `"` and `'` become character references; control characters (but
/// line breaks and tabs) show as their visible symbols and bidi overrides as
/// `�`, as on a terminal, so they cannot reorder what follows either.
pub fn escape(s: &str) -> Cow<'_, str> {
    let safe = terminal_safe(s);
    if !safe.contains(['&', '<', '>', '"', '\'']) {
        return safe;
    }
    let mut out = String::with_capacity(safe.len() + 16);
    for c in safe.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` cut to at most `max` characters, with `…` when cut: chart labels
/// have a fixed room (the whole text is in the element's `<title>`).
pub fn shorten(s: &str, max: usize) -> Cow<'_, str> {
    if s.chars().count() <= max {
        return Cow::Borrowed(s);
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_references() {
        assert_eq!(escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(escape("</style>"), "&lt;/style&gt;");
        assert_eq!(escape("\"><img src=x onerror=alert(1)>"), "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(escape("it's & done"), "it&#39;s &amp; done");
        assert_eq!(escape("&amp;"), "&amp;amp;", "an entity in a note stays text");
    }

    #[test]
    fn plain_text_is_borrowed_and_line_breaks_stay() {
        assert!(matches!(escape("We export to Excel"), Cow::Borrowed(_)));
        assert_eq!(escape("two\nlines\tand a tab"), "two\nlines\tand a tab");
        assert_eq!(escape("naïve café — “quoted”"), "naïve café — “quoted”");
    }

    #[test]
    fn controls_and_bidi_overrides_are_made_visible() {
        assert_eq!(escape("a\x1b[2Jb"), "a␛[2Jb");
        assert_eq!(escape("x\u{202e}y"), "x�y");
        assert_eq!(escape("\0<"), "␀&lt;");
    }

    #[test]
    fn labels_are_cut_with_an_ellipsis() {
        assert_eq!(shorten("reporting", 9), "reporting");
        assert_eq!(shorten("reporting", 6), "repor…");
        assert_eq!(shorten("ééééé", 3), "éé…");
    }
}
