//! A note as the PM types it: a leading marker for its kind, inline `#tags`,
//! and the verbatim text that remains once both are taken out.

use crate::text::out::is_unsafe_char;
use serde::{Deserialize, Serialize};

/// What a note is. The marker is the single character typed first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Note,
    Quote,
    Pain,
    Idea,
    Followup,
    Insight,
}

impl Kind {
    pub const ALL: [Kind; 6] = [Kind::Note, Kind::Quote, Kind::Pain, Kind::Idea, Kind::Followup, Kind::Insight];

    /// The character typed at the start of a note to give it this kind.
    pub fn marker(self) -> Option<char> {
        match self {
            Kind::Note => None,
            Kind::Quote => Some('"'),
            Kind::Pain => Some('!'),
            Kind::Idea => Some('+'),
            Kind::Followup => Some('?'),
            Kind::Insight => Some('['),
        }
    }

    fn from_marker(c: char) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.marker() == Some(c))
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Note => "note",
            Kind::Quote => "quote",
            Kind::Pain => "pain",
            Kind::Idea => "idea",
            Kind::Followup => "followup",
            Kind::Insight => "insight",
        }
    }

    /// The name people read: "follow-up" rather than the file's "followup".
    pub fn label(self) -> &'static str {
        match self {
            Kind::Followup => "follow-up",
            other => other.name(),
        }
    }

    /// A short label that reads well in a narrow column.
    pub fn badge(self) -> &'static str {
        match self {
            Kind::Note => "·",
            Kind::Quote => "\"",
            Kind::Pain => "!",
            Kind::Idea => "+",
            Kind::Followup => "?",
            Kind::Insight => "[",
        }
    }
}

/// The result of reading what was typed in the note input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedNote {
    pub kind: Kind,
    pub text: String,
    pub tags: Vec<String>,
}

/// Splits typed input into kind, verbatim text and tags.
///
/// Returns `None` when nothing would be left to store (blank input, or only a
/// marker), so that an accidental Enter never commits an empty note.
pub fn parse(input: &str) -> Option<ParsedNote> {
    let clean = clean_input(input);
    let trimmed = clean.trim();
    let mut chars = trimmed.chars();
    let (kind, body) = match chars.next().and_then(Kind::from_marker) {
        Some(kind) => (kind, chars.as_str()),
        None => (Kind::Note, trimmed),
    };
    let (text, tags) = extract_tags(body);
    let mut text = text.trim().to_string();
    // A closing quote or bracket belongs to the marker, not to what was said.
    let closer = match kind {
        Kind::Quote => Some(['"', '\u{201d}']),
        Kind::Insight => Some([']', ']']),
        _ => None,
    };
    if let Some(closers) = closer
        && let Some(last) = text.chars().last()
        && closers.contains(&last)
    {
        text.pop();
        text = text.trim_end().to_string();
    }
    if text.is_empty() && tags.is_empty() {
        return None;
    }
    Some(ParsedNote { kind, text, tags })
}

/// The `#tags` in `text`, read exactly as in a note (lower-cased, first
/// occurrence order, no duplicates), leaving `text` itself alone: for the
/// closing answer, whose words are kept verbatim.
pub fn tags_in(text: &str) -> Vec<String> {
    extract_tags(&clean_input(text)).1
}

/// Rebuilds what the PM would have typed to produce a note, so that editing a
/// note shows its marker and tags and re-parsing gives the same note back.
pub fn unparse(kind: Kind, text: &str, tags: &[String]) -> String {
    let mut out = String::new();
    if let Some(m) = kind.marker() {
        out.push(m);
    }
    out.push_str(text);
    if kind == Kind::Insight {
        out.push(']');
    }
    for tag in tags {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push('#');
        out.push_str(tag);
    }
    out
}

/// Whether `tag` is a valid tag name as stored: lower-case letters, digits,
/// `-` and `_`, with at least one letter (so `#1` in "our #1 problem" stays text).
pub fn is_valid_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.chars().all(is_tag_char)
        && tag.chars().any(char::is_alphabetic)
        && tag.chars().all(|c| !c.is_uppercase())
}

/// Turns free text typed in the tag palette into a tag name, if it can be one.
pub fn normalize_tag(raw: &str) -> Option<String> {
    let tag: String = raw
        .trim()
        .trim_start_matches('#')
        .chars()
        .map(|c| if c.is_whitespace() { '-' } else { c })
        .flat_map(char::to_lowercase)
        .filter(|c| is_tag_char(*c))
        .collect();
    is_valid_tag(&tag).then_some(tag)
}

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Removes `#tag` words from `body`; returns the remaining text and the tags
/// (lower-cased, first occurrence order, no duplicates).
fn extract_tags(body: &str) -> (String, Vec<String>) {
    let mut text = String::with_capacity(body.len());
    let mut tags: Vec<String> = Vec::new();
    let mut rest = body;
    let mut at_word_start = true;
    while let Some(c) = rest.chars().next() {
        if c == '#' && at_word_start {
            let after = &rest[1..];
            let len: usize = after.chars().take_while(|c| is_tag_char(*c)).map(char::len_utf8).sum();
            let tag: String = after[..len].chars().flat_map(char::to_lowercase).collect();
            if is_valid_tag(&tag) {
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
                rest = &after[len..];
                // Drop the space that separated the tag, so "a #t b" reads "a b"
                // and "a #t." reads "a.".
                match rest.chars().next() {
                    Some(' ') if text.ends_with(' ') || text.is_empty() => rest = &rest[1..],
                    Some(c) if !c.is_alphanumeric() && !c.is_whitespace() && text.ends_with(' ') => {
                        text.pop();
                    }
                    _ => {}
                }
                at_word_start = true;
                continue;
            }
        }
        text.push(c);
        at_word_start = c.is_whitespace();
        rest = &rest[c.len_utf8()..];
    }
    (text, tags)
}

/// Makes raw input safe to store: line breaks and tabs become spaces and other
/// control characters (escape sequences, bidi overrides) are dropped, so a note
/// can never carry something that would act on a terminal later.
pub fn clean_input(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut last_space = false;
    for c in input.chars() {
        if c == '\n' || c == '\r' || c == '\t' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else if !is_unsafe_char(c) {
            out.push(c);
            last_space = c == ' ';
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> ParsedNote {
        parse(s).expect("a note")
    }

    #[test]
    fn plain_note_has_kind_note() {
        let n = p("We export to Excel every Friday");
        assert_eq!(n.kind, Kind::Note);
        assert_eq!(n.text, "We export to Excel every Friday");
        assert!(n.tags.is_empty());
    }

    #[test]
    fn markers_set_kind_and_are_not_stored() {
        assert_eq!(p("\"We export to Excel\"").kind, Kind::Quote);
        assert_eq!(p("\"We export to Excel\"").text, "We export to Excel");
        assert_eq!(p("!Reports take hours").kind, Kind::Pain);
        assert_eq!(p("! Reports take hours").text, "Reports take hours");
        assert_eq!(p("+ Scheduled exports").kind, Kind::Idea);
        assert_eq!(p("?Send the pricing deck").kind, Kind::Followup);
        let insight = p("[They distrust the numbers]");
        assert_eq!(insight.kind, Kind::Insight);
        assert_eq!(insight.text, "They distrust the numbers");
    }

    #[test]
    fn marker_only_in_first_position() {
        let n = p("Why? Because !");
        assert_eq!(n.kind, Kind::Note);
        assert_eq!(n.text, "Why? Because !");
    }

    #[test]
    fn tags_are_extracted_lowercased_and_deduplicated() {
        let n = p("\"We export to Excel #Workaround every Friday #reporting #workaround");
        assert_eq!(n.text, "We export to Excel every Friday");
        assert_eq!(n.tags, vec!["workaround", "reporting"]);
    }

    #[test]
    fn tag_followed_by_punctuation_keeps_punctuation() {
        let n = p("too expensive #pricing.");
        assert_eq!(n.text, "too expensive.");
        assert_eq!(n.tags, vec!["pricing"]);
    }

    #[test]
    fn hash_inside_words_and_numbers_is_text() {
        let n = p("our #1 problem is C# code and issue#42");
        assert_eq!(n.text, "our #1 problem is C# code and issue#42");
        assert!(n.tags.is_empty());
    }

    #[test]
    fn tags_allow_digits_dash_underscore_and_unicode_letters() {
        let n = p("#q3-planning #data_quality #café #日本");
        assert_eq!(n.tags, vec!["q3-planning", "data_quality", "café", "日本"]);
        assert_eq!(n.text, "");
    }

    #[test]
    fn unicode_emoji_and_cjk_text_survive() {
        let n = p("\"売上レポートが遅い 😩 — très lent #perf");
        assert_eq!(n.kind, Kind::Quote);
        assert_eq!(n.text, "売上レポートが遅い 😩 — très lent");
        assert_eq!(n.tags, vec!["perf"]);
    }

    #[test]
    fn empty_and_marker_only_inputs_commit_nothing() {
        assert_eq!(parse(""), None);
        assert_eq!(parse("   "), None);
        assert_eq!(parse("!"), None);
        assert_eq!(parse("[ ]"), None);
    }

    #[test]
    fn control_characters_and_escapes_are_removed() {
        let n = p("evil\u{1b}]52;c;aGVsbG8=\u{7}text\u{1b}[2J \u{202e}gnp.exe");
        assert!(!n.text.chars().any(is_unsafe_char), "{:?}", n.text);
        let pasted = p("line one\r\nline two\tend");
        assert_eq!(pasted.text, "line one line two end");
    }

    #[test]
    fn unparse_round_trips() {
        for input in ["\"We export #workaround", "[They want control] #trust", "plain", "!slow #perf #reports"] {
            let n = p(input);
            let again = p(&unparse(n.kind, &n.text, &n.tags));
            assert_eq!(n, again, "{input}");
        }
    }

    #[test]
    fn normalize_tag_accepts_palette_text() {
        assert_eq!(normalize_tag("#Data Quality").as_deref(), Some("data-quality"));
        assert_eq!(normalize_tag("42"), None);
        assert_eq!(normalize_tag("  "), None);
    }
}
