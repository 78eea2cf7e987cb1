//! Key paths: which key (`notes[3].kind`) a line and column of YAML text
//! belongs to, by replaying the parser's events. Its own file because it is a
//! small parser walk of its own, bounded for hostile input.

use super::MAX_DEPTH;
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};

/// (line, column), both 1-based, as in `serde_saphyr::Location`.
pub(super) type Pos = (u64, u64);

/// What the parser's events say about a position in the file.
pub(super) struct Found {
    /// Key path of the innermost node at or before the position: `notes[0].kind`.
    pub(super) path: String,
    /// The innermost mapping open at the position.
    pub(super) enclosing_map: Option<MapAt>,
}

pub(super) struct MapAt {
    pub(super) path: String,
    pub(super) start: Pos,
    /// Nesting depth of the mapping (the document's root node is 1).
    pub(super) depth: usize,
}

enum Segment {
    Key(String),
    Index(usize),
}

pub(super) struct Frame {
    pub(super) is_map: bool,
    pub(super) start: Pos,
    /// Children started so far; in a mapping, keys and values alternate.
    pub(super) children: usize,
    /// The key whose value is being read, in a mapping.
    pub(super) key: Option<String>,
}

pub(super) fn pos_of(marker: &serde_saphyr::granit_parser::Marker) -> Pos {
    (marker.line() as u64, marker.col() as u64 + 1)
}

pub(super) fn render_path(stack: &[Frame], upto: usize) -> String {
    let mut out = String::new();
    for frame in &stack[..upto] {
        let segment = if frame.is_map {
            frame.key.clone().map(Segment::Key)
        } else {
            frame.children.checked_sub(1).map(Segment::Index)
        };
        match segment {
            Some(Segment::Key(k)) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&k);
            }
            Some(Segment::Index(i)) => out.push_str(&format!("[{i}]")),
            None => {}
        }
    }
    out
}

/// A key's text as it appears in a path: short, one line.
fn key_text(value: &str) -> String {
    let one_line: String = value.chars().map(|c| if c.is_control() { ' ' } else { c }).take(41).collect();
    if one_line.chars().count() > 40 {
        format!("{}…", one_line.chars().take(40).collect::<String>())
    } else {
        one_line
    }
}

/// Hard caps on the walk, on top of stopping at the target: it only ever runs
/// after a failed parse, and must stay cheap on the same hostile input.
pub(super) const WALK_MAX_EVENTS: usize = 2_000_000;
pub(super) const WALK_MAX_DEPTH: usize = 2 * MAX_DEPTH;

/// Replays the parser's events up to `target` and reports the key path there.
pub(super) fn walk_to(text: &str, target: Pos) -> Found {
    let mut stack: Vec<Frame> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    for _ in 0..WALK_MAX_EVENTS {
        let Some(Ok((event, span))) = parser.next_event() else { break };
        let start = pos_of(&span.start);
        if start > target || stack.len() > WALK_MAX_DEPTH {
            break;
        }
        step(&mut stack, &event, start);
    }
    let enclosing_map = stack.iter().rposition(|f| f.is_map).map(|i| MapAt {
        path: render_path(&stack, i),
        start: stack[i].start,
        depth: i + 1,
    });
    Found { path: render_path(&stack, stack.len()), enclosing_map }
}

/// A mapping key, as [`step`] saw it.
pub(super) enum KeyNode {
    Scalar(String, ScalarStyle),
    /// A list or mapping used as a key (`? [a, b]`).
    Complex,
}

/// Applies one event to the stack of open collections. Returns the key when
/// the event starts a mapping key.
pub(super) fn step(stack: &mut Vec<Frame>, event: &Event<'_>, start: Pos) -> Option<KeyNode> {
    let (is_node, opens) = match event {
        Event::Scalar(..) | Event::Alias(..) => (true, None),
        Event::SequenceStart(..) => (true, Some(false)),
        Event::MappingStart(..) => (true, Some(true)),
        Event::SequenceEnd | Event::MappingEnd => {
            stack.pop();
            return None;
        }
        _ => (false, None),
    };
    if !is_node {
        return None;
    }
    let mut key = None;
    if let Some(parent) = stack.last_mut() {
        if parent.is_map && parent.children % 2 == 0 {
            let (node, text) = match event {
                Event::Scalar(value, style, ..) => (KeyNode::Scalar(value.to_string(), *style), key_text(value)),
                Event::SequenceStart(..) => (KeyNode::Complex, "[…]".to_string()),
                Event::MappingStart(..) => (KeyNode::Complex, "{…}".to_string()),
                _ => (KeyNode::Complex, "*alias".to_string()),
            };
            parent.key = Some(text);
            key = Some(node);
        }
        parent.children += 1;
    }
    if let Some(is_map) = opens {
        stack.push(Frame { is_map, start, children: 0, key: None });
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_at(text: &str, line: u64, col: u64) -> String {
        walk_to(text, (line, col)).path
    }

    #[test]
    fn key_paths_follow_block_and_flow_collections() {
        let text = "a: 1\nnotes:\n  - at: x\n    tags: [p, q]\n  - {at: y, kind: z}\nb: {c: [1, {d: 2}]}\n";
        assert_eq!(path_at(text, 1, 4), "a");
        assert_eq!(path_at(text, 3, 9), "notes[0].at");
        assert_eq!(path_at(text, 4, 15), "notes[0].tags[1]");
        assert_eq!(path_at(text, 4, 16), "notes[0].tags", "past the list's end");
        assert_eq!(path_at(text, 5, 19), "notes[1].kind");
        assert_eq!(path_at(text, 6, 16), "b.c[1].d");
        let found = walk_to(text, (5, 19));
        let map = found.enclosing_map.unwrap();
        assert_eq!((map.path.as_str(), map.start), ("notes[1]", (5, 5)));
    }

    #[test]
    fn key_paths_survive_broken_and_hostile_text() {
        assert_eq!(path_at("a: [1, 2, 3", 1, 8), "a[1]");
        assert_eq!(path_at("a: [1, 2, 3\n\tb: {", 9, 9), "a[1]", "stops at the syntax error");
        assert_eq!(path_at("", 1, 1), "");
        let deep = "[".repeat(10_000);
        assert!(path_at(&deep, 1, 10_000).len() < 1_000);
        let long_key = format!("{}: 1\n", "k".repeat(1_000));
        assert_eq!(path_at(&long_key, 1, 1_003).chars().count(), 41);
    }
}
