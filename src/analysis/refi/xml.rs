//! Text made safe for XML 1.0, and the few writer calls every REFI file
//! makes. quick-xml escapes `<`, `>`, `&`, and quotes; what it cannot do is
//! carry a character XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF): no
//! escape makes those legal, so they become U+FFFD, the replacement
//! character, and the file stays valid for every reader.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::borrow::Cow;

/// Whether XML 1.0 allows `c` in a document (its `Char` production).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// `text` with every character XML 1.0 forbids replaced by U+FFFD.
pub fn xml_text(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' }).collect())
    }
}

/// An attribute value: as `xml_text`, and on one line (a reader turns an
/// attribute's tabs and line breaks into spaces anyway).
pub fn xml_attr(text: &str) -> String {
    xml_text(text).chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }).collect()
}

/// The writer every REFI file is built with: indented one tab, in memory.
pub type XmlWriter = Writer<Vec<u8>>;

pub fn writer() -> XmlWriter {
    let mut w = Writer::new_with_indent(Vec::new(), b'\t', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None))).expect("writing to memory");
    w
}

/// A start tag with its attributes (values made safe here).
pub fn start<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
    let mut e = BytesStart::new(name);
    for (k, v) in attrs {
        e.push_attribute((*k, xml_attr(v).as_str()));
    }
    e
}

pub fn open(w: &mut XmlWriter, name: &str, attrs: &[(&str, &str)]) {
    w.write_event(Event::Start(start(name, attrs))).expect("writing to memory");
}

pub fn close(w: &mut XmlWriter, name: &str) {
    w.write_event(Event::End(BytesEnd::new(name))).expect("writing to memory");
}

/// An element with attributes and nothing inside.
pub fn empty(w: &mut XmlWriter, name: &str, attrs: &[(&str, &str)]) {
    w.write_event(Event::Empty(start(name, attrs))).expect("writing to memory");
}

/// `<name>text</name>`, the text made safe and escaped.
pub fn text_element(w: &mut XmlWriter, name: &str, text: &str) {
    open(w, name, &[]);
    w.write_event(Event::Text(BytesText::new(&xml_text(text)))).expect("writing to memory");
    close(w, name);
}

/// The document as a string (the writer only ever holds UTF-8).
pub fn finish(w: XmlWriter) -> String {
    let mut s = String::from_utf8(w.into_inner()).expect("the writer is given only UTF-8");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_become_the_replacement_character_and_others_stay() {
        assert_eq!(xml_text("a\u{0}b\u{1b}c\u{FFFE}"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}");
        assert_eq!(xml_text("tab\tline\n😀 é <&>"), "tab\tline\n😀 é <&>");
        assert_eq!(xml_attr("two\nlines\u{7}"), "two lines\u{FFFD}");
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut w = writer();
        open(&mut w, "A", &[("name", "\"<x>\" & 'y'")]);
        text_element(&mut w, "B", "</B><script>&amp;");
        close(&mut w, "A");
        let s = finish(w);
        assert!(!s.contains("<script>"), "{s}");
        assert!(s.contains("&lt;/B&gt;&lt;script&gt;&amp;amp;"), "{s}");
        assert!(s.contains("name=\"&quot;&lt;x&gt;&quot; &amp; &apos;y&apos;\""), "{s}");
    }
}
