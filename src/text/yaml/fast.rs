//! A fast reader for the layout fieldnotes itself writes: block mappings and
//! sequences, one scalar per line (plain, single- or double-quoted), flow
//! sequences of scalars (`tags: [pricing, trust]`), `{}` and `[]`.
//!
//! Reading a library cold is almost all YAML parsing, and the general parser
//! goes through a full event stream for text that only ever has this shape.
//! Anything outside it (comments, anchors, tags, block scalars, multi-line or
//! flow-nested values, numbers that YAML could read two ways, duplicate keys,
//! tabs, CRLF) makes [`parse`] answer `None`, and the caller reads the text
//! with the general parser instead, which also gives every error its line and
//! column. So a file reads the same either way; `tests/session_file.rs`
//! compares the two on generated, hand-styled and hostile files.

mod de;

use serde::de::DeserializeOwned;
use std::borrow::Cow;

/// The value of `text`, or `None` when the text is not in the fast layout
/// (or does not fit `T`): then the general parser decides.
pub fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    if text.contains('\r') || text.contains('\t') {
        return None;
    }
    let max_nodes = super::node_budget(text.len());
    let mut p = Parser { lines: lines(text)?, pos: 0, depth: 0, nodes: 0, max_nodes };
    let root = match p.lines.first() {
        None => return None,
        Some(first) if first.indent != 0 => return None,
        Some(_) => p.block(0)?,
    };
    if p.pos != p.lines.len() {
        return None;
    }
    T::deserialize(&root).ok()
}

/// One value of the document.
#[derive(Debug)]
enum Node<'a> {
    /// A plain scalar, as written (its type is decided by what is asked of it).
    Plain(&'a str),
    /// A quoted scalar: always a string.
    Quoted(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    Map(Vec<(Cow<'a, str>, Node<'a>)>),
}

struct Line<'a> {
    indent: usize,
    text: &'a str,
}

/// The non-blank lines with their indentation; `None` at anything this
/// reader leaves to the general parser (comments, directives, markers).
fn lines(text: &str) -> Option<Vec<Line<'_>>> {
    let mut out = Vec::with_capacity(text.len() / 32);
    for raw in text.split('\n') {
        let body = raw.trim_start_matches(' ');
        if body.trim_end().is_empty() {
            continue;
        }
        if body.starts_with('#') || body.starts_with('%') || body.starts_with("---") || body.starts_with("...") {
            return None;
        }
        out.push(Line { indent: raw.len() - body.len(), text: body.trim_end_matches(' ') });
    }
    Some(out)
}

struct Parser<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
    /// Blocks open around the current line, and values read so far: past
    /// the general parser's budgets the text is its to refuse (and a deep
    /// file never gets to overflow this reader's stack).
    depth: usize,
    nodes: usize,
    /// Values the file may hold: the general parser's budget for its size,
    /// so a file it refuses is never read here.
    max_nodes: usize,
}

impl<'a> Parser<'a> {
    /// The block that starts at the current line, indented `indent`.
    fn block(&mut self, indent: usize) -> Option<Node<'a>> {
        let line = self.lines.get(self.pos)?;
        if line.indent != indent || self.depth >= super::MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let node = if is_item(line.text) { self.seq(indent) } else { self.map(indent, None) };
        self.depth -= 1;
        node
    }

    /// Values the budget has left.
    fn room(&self) -> usize {
        self.max_nodes.saturating_sub(self.nodes)
    }

    /// One more value read; `None` past the budget.
    fn count(&mut self, n: usize) -> Option<()> {
        self.nodes += n;
        (self.nodes <= self.max_nodes).then_some(())
    }

    /// A block mapping at `indent`. `first` is the text of its first entry
    /// when it starts after a sequence's `- ` on the current line.
    fn map(&mut self, indent: usize, mut first: Option<&'a str>) -> Option<Node<'a>> {
        let mut entries: Vec<(Cow<'a, str>, Node<'a>)> = Vec::new();
        // Duplicate keys are looked for among the few entries of a usual
        // mapping, and in a set once there are many (a hostile file's
        // hundred thousand keys must not cost their square).
        let mut seen: Option<std::collections::HashSet<Cow<'a, str>>> = None;
        loop {
            let text = match first.take() {
                Some(t) => t,
                None => match self.lines.get(self.pos) {
                    Some(l) if l.indent == indent && !is_item(l.text) => l.text,
                    Some(l) if l.indent > indent => return None,
                    _ => break,
                },
            };
            self.pos += 1;
            let (key, rest) = split_key(text)?;
            let duplicate = if entries.len() < 16 {
                entries.iter().any(|(k, _)| *k == key)
            } else {
                let set = seen.get_or_insert_with(|| entries.iter().map(|(k, _)| k.clone()).collect());
                !set.insert(key.clone())
            };
            if duplicate {
                return None;
            }
            let value = if rest.is_empty() { self.nested(indent)? } else { inline(rest, self.room())? };
            self.count(1 + value.len())?;
            entries.push((key, value));
        }
        Some(Node::Map(entries))
    }

    /// What follows `key:` with nothing after it: a deeper block, a sequence
    /// at the same indentation, or nothing (null).
    fn nested(&mut self, indent: usize) -> Option<Node<'a>> {
        match self.lines.get(self.pos) {
            Some(l) if l.indent > indent => self.block(l.indent),
            Some(l) if l.indent == indent && is_item(l.text) => self.seq(indent),
            _ => Some(Node::Plain("")),
        }
    }

    fn seq(&mut self, indent: usize) -> Option<Node<'a>> {
        let mut items = Vec::new();
        while let Some(l) = self.lines.get(self.pos) {
            if l.indent != indent || !is_item(l.text) {
                if l.indent > indent {
                    return None;
                }
                break;
            }
            let after = l.text[1..].trim_start_matches(' ');
            let column = indent + (l.text.len() - after.len());
            if after.is_empty() {
                self.pos += 1;
                items.push(self.nested(indent)?);
            } else if starts_entry(after) {
                // `- key: value` and the keys under it, aligned with `key`.
                self.depth += 1;
                let map = self.map(column, Some(after));
                self.depth -= 1;
                items.push(map?);
            } else {
                self.pos += 1;
                let value = inline(after, self.room())?;
                self.count(value.len())?;
                items.push(value);
            }
        }
        Some(Node::Seq(items))
    }
}

impl Node<'_> {
    /// The values a flow sequence holds (block ones are counted as read).
    fn len(&self) -> usize {
        match self {
            Node::Seq(items) => items.len(),
            _ => 1,
        }
    }
}

fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// Whether a sequence item's text is the first entry of a mapping.
fn starts_entry(text: &str) -> bool {
    split_key(text).is_some()
}

/// `key: rest` into the key and the rest (empty when the value is below).
fn split_key(text: &str) -> Option<(Cow<'_, str>, &str)> {
    let (key, after) = if text.starts_with('"') || text.starts_with('\'') {
        let (key, used) = quoted(text)?;
        (key, &text[used..])
    } else {
        let end = colon_space(text).or_else(|| text.ends_with(':').then(|| text.len() - 1))?;
        let key = &text[..end];
        // A key YAML could read as a number, a boolean or null is left to it.
        if key.is_empty() || key.ends_with(' ') || !plain_ok(key) || !matches!(resolve(key), Some(Plain::Str(_))) {
            return None;
        }
        (Cow::Borrowed(key), &text[end..])
    };
    let rest = after.strip_prefix(':')?;
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((key, rest.trim_start_matches(' ')))
}

/// A value written on the line of its key or dash; a list of more than
/// `room` items is past the budget and not built.
fn inline(text: &str, room: usize) -> Option<Node<'_>> {
    match text.as_bytes()[0] {
        b'"' | b'\'' => {
            let (s, used) = quoted(text)?;
            (used == text.len()).then_some(Node::Quoted(s))
        }
        b'[' => flow_seq(text, room),
        b'{' => (text == "{}").then(|| Node::Map(Vec::new())),
        _ => (plain_ok(text) && colon_space(text).is_none() && !text.ends_with(':')).then_some(Node::Plain(text)),
    }
}

/// The bytes a plain scalar may not start with (YAML's indicators), as a
/// table: looked up for every scalar, where a search of the list showed.
const INDICATOR: [bool; 256] = {
    let list = b"-?:,[]{}#&*!|>'\"%@`";
    let mut table = [false; 256];
    let mut i = 0;
    while i < list.len() {
        table[list[i] as usize] = true;
        i += 1;
    }
    table
};

/// A plain scalar this reader is sure of: no indicator first, no comment.
fn plain_ok(text: &str) -> bool {
    let first = text.as_bytes()[0];
    !INDICATOR[usize::from(first)] && pair_at(text, b' ', b'#').is_none()
}

/// Where `": "` first starts.
fn colon_space(text: &str) -> Option<usize> {
    pair_at(text, b':', b' ')
}

/// Where the two bytes `a` `b` first stand together, compared byte by byte:
/// the scalars are short, and a substring search set up for each of them
/// (or a byte search per hit) was a twentieth of a cold synthesis.
fn pair_at(text: &str, a: u8, b: u8) -> Option<usize> {
    text.as_bytes().windows(2).position(|w| w[0] == a && w[1] == b)
}

/// `[a, "b c", d]`: scalars only.
fn flow_seq(text: &str, room: usize) -> Option<Node<'_>> {
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    let mut items = Vec::new();
    let mut rest = inner.trim_start_matches(' ');
    while !rest.is_empty() {
        if items.len() >= room {
            return None;
        }
        let (item, used) = if rest.starts_with('"') || rest.starts_with('\'') {
            let (s, used) = quoted(rest)?;
            (Node::Quoted(s), used)
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            let word = rest[..end].trim_end_matches(' ');
            if word.is_empty() || !plain_ok(word) || word.contains(|c| "[]{}:".contains(c)) {
                return None;
            }
            (Node::Plain(word), end)
        };
        items.push(item);
        rest = rest[used..].trim_start_matches(' ');
        match rest.strip_prefix(',') {
            Some(after) => {
                rest = after.trim_start_matches(' ');
                if rest.is_empty() {
                    return None;
                }
            }
            None if rest.is_empty() => {}
            None => return None,
        }
    }
    Some(Node::Seq(items))
}

/// A quoted scalar at the start of `text`, closed on this line: its value
/// and how many bytes it took.
fn quoted(text: &str) -> Option<(Cow<'_, str>, usize)> {
    let quote = text.as_bytes()[0];
    let body = &text[1..];
    if quote == b'\'' {
        let mut out = String::new();
        let mut i = 0;
        loop {
            let at = i + body[i..].find('\'')?;
            if body[at + 1..].starts_with('\'') {
                out.push_str(&body[i..=at]);
                i = at + 2;
            } else {
                if out.is_empty() {
                    return Some((Cow::Borrowed(&body[..at]), at + 2));
                }
                out.push_str(&body[i..at]);
                return Some((Cow::Owned(out), at + 2));
            }
        }
    }
    let end = body.find(['"', '\\'])?;
    if body.as_bytes()[end] == b'"' {
        return Some((Cow::Borrowed(&body[..end]), end + 2));
    }
    let mut out = String::from(&body[..end]);
    let mut chars = body[end..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((Cow::Owned(out), end + i + 2)),
            '\\' => {
                let (_, e) = chars.next()?;
                let hex = |chars: &mut std::str::CharIndices, n: usize| -> Option<char> {
                    let digits: String = chars.by_ref().take(n).map(|(_, c)| c).collect();
                    if digits.len() != n {
                        return None;
                    }
                    char::from_u32(u32::from_str_radix(&digits, 16).ok()?)
                };
                out.push(match e {
                    '\\' => '\\',
                    '"' => '"',
                    '/' => '/',
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '0' => '\0',
                    'x' => hex(&mut chars, 2)?,
                    'u' => hex(&mut chars, 4)?,
                    'U' => hex(&mut chars, 8)?,
                    _ => return None,
                });
            }
            c => out.push(c),
        }
    }
    None
}

/// Plain scalars YAML reads as something other than a string, or that its
/// versions read differently: only the unambiguous ones are taken here.
enum Plain<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Str(&'a str),
}

fn resolve(text: &str) -> Option<Plain<'_>> {
    match text {
        "" | "~" | "null" => return Some(Plain::Null),
        "true" => return Some(Plain::Bool(true)),
        "false" => return Some(Plain::Bool(false)),
        _ => {}
    }
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if digits.len() > 1 && digits.starts_with('0') {
            return None;
        }
        return text.parse().ok().map(Plain::Int);
    }
    // Anything else a YAML reader might take for a number, a boolean or a
    // null (1.5, 1e3, 0x1f, .inf, +1, 1_000, 1:20, yes, Null, NO…) is left to it.
    // Compared without case by hand: this runs on every plain value of every
    // file, and a lower-cased copy of each cost a tenth of a cold read.
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let bytes = unsigned.as_bytes();
    let is = |word: &str| unsigned.eq_ignore_ascii_case(word);
    let starts = |p: &str| bytes.len() >= p.len() && bytes[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    let numberish = (bytes.iter().any(|b| b.is_ascii_digit())
        && bytes.iter().all(|b| b.is_ascii_digit() || b"._:eE+-".contains(b)))
        || ["0x", "0o", "0b"].into_iter().any(starts)
        || [".inf", ".nan", "inf", "nan", "infinity"].into_iter().any(is);
    let wordish = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"].into_iter().any(is);
    if numberish || wordish {
        return None;
    }
    Some(Plain::Str(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The characters a plain scalar may not start with, as the YAML spec
    /// lists its indicators (`c-indicator`), space and tab aside.
    #[test]
    fn a_scalar_starting_with_an_indicator_is_left_to_the_full_reader() {
        for c in "-?:,[]{}#&*!|>'\"%@`".chars() {
            assert!(!plain_ok(&format!("{c}x")), "{c}");
        }
        for c in "aZ0_.(/=+~;$^\\<".chars() {
            assert!(plain_ok(&format!("{c}x")), "{c}");
        }
    }

    proptest! {
        /// The byte search finds what a substring search finds, wherever the
        /// pair stands (first, last, repeated, beside multibyte text).
        #[test]
        fn a_pair_is_found_where_a_substring_search_finds_it(
            text in proptest::collection::vec(proptest::sample::select(vec!["a", " ", ":", "#", "é", "日", ": ", " #"]), 0..24)
                .prop_map(|parts| parts.concat())
        ) {
            prop_assert_eq!(colon_space(&text), text.find(": "));
            prop_assert_eq!(pair_at(&text, b' ', b'#'), text.find(" #"));
        }
    }
}
