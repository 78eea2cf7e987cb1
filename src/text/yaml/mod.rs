//! Every YAML file goes through here: one set of input budgets for reading
//! (hostile files must fail fast, not hang or eat memory) and one writer style,
//! so saving the same data twice gives the same bytes.
//!
//! Reading is hardened against hostile and broken files (see `tests/hostile_files.rs`):
//! oversized files and anything that is not a regular file are refused before a byte is
//! read, invalid UTF-8 is refused with its position, and the budget in [`options`] stops
//! alias bombs, deep nesting and huge node counts early. Errors name the file, the line
//! and column where the parser gives one, and the key path (`notes[3].kind`) of the value
//! at fault, so a user can fix the file by hand.

use serde::Serialize;
use serde::de::{DeserializeOwned, Deserializer, Visitor};
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest file we read at all; a session of a very long day is well under 2 MB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Deepest nesting of lists and mappings we accept. A session needs 4
/// (session > notes > note > tags); unknown keys may nest a little more.
const MAX_DEPTH: usize = 64;

/// Aliases (`*name`) and anchors (`&name`) a file may use. fieldnotes never
/// writes them; hand-edited files may use a few.
const MAX_ALIASES: usize = 1_000;

/// Events an alias may replay, and events copied into anchors, in total. Both
/// grow exponentially in an alias bomb ("billion laughs"); 20,000 stops one in
/// ~10 ms (release; ~0.15 s in debug) and ~3 MB, while leaving room for real use
/// of anchors (a thousand aliases of a small mapping or list). The crate's
/// default, 1,000,000, let a 10x10 bomb run for 4 s in debug.
const MAX_ALIAS_EVENTS: usize = 20_000;

/// Longest error message we keep: a hostile file can put megabytes of text into
/// a value that ends up quoted in an error ("unknown variant `…`").
const MAX_MESSAGE_CHARS: usize = 300;

/// A file that could not be read, with where in it the problem is.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub path: PathBuf,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        LoadError { path: path.to_path_buf(), line: None, column: None, message: message.into() }
    }
}

/// The reading budget. A 10,000-note session with long texts (5.6 MB) uses about
/// 130,000 events and 110,000 nodes, no aliases and depth 4; an hour-long
/// interview has a few hundred notes. Every limit here leaves real sessions a
/// wide margin while bounding the work on hostile input.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            // The parser's own flow (`[[[`) limit, kept equal so both kinds of nesting
            // stop at the same depth.
            flow_nesting_limit: MAX_DEPTH,
            max_aliases: MAX_ALIASES,
            max_anchors: MAX_ALIASES,
            max_recorded_anchor_events: MAX_ALIAS_EVENTS,
            max_recorded_anchor_bytes: MAX_FILE_BYTES as usize,
            // Parsing costs ~1 µs per node in release (~10 µs in debug), so these two
            // bound the time any file can take: ~0.25 s in release.
            max_events: 500_000,
            max_nodes: 250_000,
            max_documents: 1,
            max_total_scalar_bytes: MAX_FILE_BYTES as usize,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_ALIAS_EVENTS,
            max_replay_stack_depth: 16,
        },
        // Values whose type is inferred (lenient text fields, keys this version does
        // not know) keep their spelling instead of becoming something else or failing
        // the whole file: `company: no` stays "no" (not "false"), `name: 007` stays
        // "007", and `answers: {y: 1, n: 2}` in an unknown field loads (YAML 1.1 reads
        // `y`/`n`/`on`/`off` as booleans, which Serde cannot use as map keys).
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        // `.nan` / `.inf` in an unknown key would otherwise refuse the whole file.
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::AsString,
        with_snippet: false,
    }
}

/// Parses YAML text; `path` is only used to name the file in errors.
pub fn from_str<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, LoadError> {
    serde_saphyr::from_str_with_options(text, options()).map_err(|e| describe::<T>(&e, text, path))
}

/// Reads and parses a file, refusing oversized, non-regular and non-UTF-8 ones up front.
pub fn read_file<T: DeserializeOwned>(path: &Path) -> Result<T, LoadError> {
    let bytes = read_bytes(path)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        // Columns count characters, as the parser's do.
        let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(&before[line_start..]).chars().count() as u64 + 1;
        LoadError {
            path: path.to_path_buf(),
            line: Some(line),
            column: Some(col),
            message: "the file is not valid UTF-8 text (is it a binary file?)".into(),
        }
    })?;
    from_str(text, path)
}

/// The whole file, if it is a regular file of at most [`MAX_FILE_BYTES`].
///
/// A FIFO or device named `*.yaml` (or a symlink to one, like `/dev/zero`) would
/// block or never end, so only regular files are opened, and the read itself is
/// capped in case the file grows between the check and the read. (Swapping in a
/// FIFO between the check and the open would still block; that takes someone
/// racing us on the local disk, not a file someone sent.)
fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    let io_error = |e: std::io::Error| LoadError::new(path, e.to_string());
    let too_big = |len: u64| {
        LoadError::new(path, format!("file is {len} bytes, larger than the {MAX_FILE_BYTES} bytes fieldnotes reads"))
    };
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if !meta.is_file() {
        return Err(LoadError::new(
            path,
            "not a regular file (a folder, pipe or device), so fieldnotes does not read it",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Whether the reader will take `text` back: the writer's side of the
/// budgets above, so fieldnotes never writes a file it then refuses. The
/// size is checked exactly; the node and event budgets (which only a file
/// of more than a megabyte can reach) by parsing the text as the reader does.
pub fn check_readable(text: &str) -> Result<(), String> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "the session would be {} bytes, more than the {MAX_FILE_BYTES} bytes (16 MiB) a session file may hold",
            text.len()
        ));
    }
    if text.len() > 1024 * 1024 {
        from_str::<serde::de::IgnoredAny>(text, Path::new("the session"))
            .map_err(|e| format!("the session would be too large for fieldnotes to read back ({})", e.message))?;
    }
    Ok(())
}

pub fn to_string<T: Serialize>(value: &T) -> Result<String, String> {
    let mut opts = serde_saphyr::SerializerOptions::default();
    // One line per note diffs best in git; folded blocks re-wrap on every edit.
    opts.prefer_block_scalars = false;
    serde_saphyr::to_string_with_options(value, opts).map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------
// Error messages
// ---------------------------------------------------------------------------

/// Turns a serde-saphyr error into a `LoadError` a user can act on: a plain
/// message, the key path of the value at fault, and only locations that are true.
///
/// serde-saphyr gives a location for almost every error, but two kinds are
/// best-effort: a missing field, and an error raised while Serde replays the
/// keys a `#[serde(flatten)]` struct did not know (its buffered "Content").
/// Both are attributed to the *last key* of the enclosing mapping, which is
/// not where the problem is. For those we report the enclosing mapping, and for
/// the second we look for the actual key ourselves.
fn describe<T: DeserializeOwned>(err: &serde_saphyr::Error, text: &str, path: &Path) -> LoadError {
    // Through an alias, the outer error points at where the alias is used: that
    // is the field that is wrong, whatever the anchored value looks like.
    let loc = err.location().filter(|l| l.line() > 0);
    let err = innermost(err);
    let mut line = loc.map(|l| l.line());
    let mut column = loc.map(|l| l.column()).filter(|c| *c > 0);
    let mut message = plain_message(err);
    let mut key_path = None;

    if let (Some(l), Some(c)) = (line, column)
        && wants_key_path(err)
    {
        let found = walk_to(text, (l, c));
        match err {
            // Reported at the last key of the mapping that lacks the field: point at
            // the mapping instead.
            serde_saphyr::Error::SerdeMissingField { .. } => {
                if let Some(map) = found.enclosing_map {
                    (line, column) = (Some(map.start.0), Some(map.start.1));
                    key_path = Some(map.path);
                }
            }
            // Reported at the second key, which is right; the message names the key,
            // so the path names the mapping.
            serde_saphyr::Error::DuplicateMappingKey { .. } => key_path = found.enclosing_map.map(|m| m.path),
            serde_saphyr::Error::SerdeInvalidType { expected, .. } if expected == "a string key" => {
                message = "a mapping inside an unknown field has a key that is not text (a number, \
                           true/false, null or a list); quote the key"
                    .to_string();
                match found.enclosing_map.as_ref().and_then(|map| find_non_text_key::<T>(text, map, err)) {
                    Some(key) => {
                        (line, column) = (Some(key.start.0), Some(key.start.1));
                        key_path = Some(key.path);
                    }
                    None => match found.enclosing_map {
                        Some(map) => {
                            (line, column) = (Some(map.start.0), Some(map.start.1));
                            key_path = Some(map.path);
                        }
                        None => (line, column) = (None, None),
                    },
                }
            }
            _ => key_path = Some(found.path),
        }
    }

    let message = match key_path.filter(|p| !p.is_empty()) {
        Some(key_path) => format!("`{key_path}`: {message}"),
        None => message,
    };
    LoadError { path: path.to_path_buf(), line, column, message: clean_message(&message) }
}

/// The error that carries the meaning, without alias or snippet wrappers.
fn innermost(mut err: &serde_saphyr::Error) -> &serde_saphyr::Error {
    loop {
        match err {
            serde_saphyr::Error::AliasError { error, .. } | serde_saphyr::Error::WithSnippet { error, .. } => {
                err = error
            }
            _ => return err,
        }
    }
}

/// Whether the error is about a value (so naming its key helps), rather than
/// about the file as a whole (syntax, size, budget).
fn wants_key_path(err: &serde_saphyr::Error) -> bool {
    use serde_saphyr::Error as E;
    !matches!(
        err,
        E::ExternalMessage { .. }
            | E::Eof { .. }
            | E::MultipleDocuments { .. }
            | E::Budget { .. }
            | E::InvalidUtf8Input
            | E::IOError { .. }
            | E::AliasReplayCounterOverflow { .. }
            | E::AliasReplayLimitExceeded { .. }
            | E::AliasExpansionLimitExceeded { .. }
            | E::AliasReplayStackDepthExceeded { .. }
    )
}

/// The crate's message, reworded where it speaks to developers rather than to
/// the person who will fix the file.
fn plain_message(err: &serde_saphyr::Error) -> String {
    use serde_saphyr::Error as E;
    let alias_bomb = "uses YAML aliases (`*name`) that expand to too much data; refused as a possible \
                      \"billion laughs\" file";
    match err {
        E::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => format!("nested more than {MAX_DEPTH} levels deep"),
            BudgetBreach::Documents { .. } => {
                "holds more than one YAML document (a second `---`, or text after `...`); a session file \
                 is one document"
                    .into()
            }
            BudgetBreach::Aliases { .. }
            | BudgetBreach::Anchors { .. }
            | BudgetBreach::AliasAnchorRatio { .. }
            | BudgetBreach::RecordedAnchorEvents { .. }
            | BudgetBreach::RecordedAnchorBytes { .. }
            | BudgetBreach::MergeKeys { .. } => alias_bomb.into(),
            BudgetBreach::Events { .. } | BudgetBreach::Nodes { .. } => {
                "holds too many values to be a session file".into()
            }
            BudgetBreach::ScalarBytes { .. } => {
                format!("holds more than {MAX_FILE_BYTES} bytes of text, more than fieldnotes reads")
            }
            other => format!("too large or complex to read safely ({other:?})"),
        },
        E::AliasReplayCounterOverflow { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => alias_bomb.into(),
        E::MultipleDocuments { .. } => "holds more than one YAML document; a session file is one document".into(),
        E::Eof { .. } => "the file ends early: it is empty, only comments, or cut off".into(),
        E::DuplicateMappingKey { key: Some(key), .. } => format!("the key `{key}` appears twice in one mapping"),
        E::DuplicateMappingKey { key: None, .. } => "a key appears twice in one mapping".into(),
        E::Unexpected { expected, .. } => match *expected {
            "sequence start" => "expected a list here".into(),
            "mapping start" => "expected a mapping (`key: value` lines) here".into(),
            "string scalar" => "expected a single value here, not a list or mapping".into(),
            other => format!("expected {other} here"),
        },
        E::InvalidScalar { ty, .. } => format!("not a valid {ty}"),
        E::NullIntoString { .. } => "expected text here, not null (`~`, `null` or nothing)".into(),
        E::ExternalMessage { msg, .. } if msg.contains("recursion limit exceeded") => {
            format!("nested more than {MAX_DEPTH} levels deep")
        }
        E::ExternalMessage { msg, .. } => format!("not valid YAML: {msg}"),
        _ => {
            let message = err.to_string();
            // The crate appends its own "at line X, column Y"; LoadError prints it in front.
            match message.find(" at line ") {
                Some(i) => message[..i].to_string(),
                None => message,
            }
        }
    }
}

/// Control characters escaped (a message may quote hostile text and ends up on a
/// terminal) and the length capped.
fn clean_message(message: &str) -> String {
    let mut out = String::new();
    for (i, c) in message.chars().enumerate() {
        if i == MAX_MESSAGE_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}') {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Key paths: which key a (line, column) belongs to
// ---------------------------------------------------------------------------

/// (line, column), both 1-based, as in `serde_saphyr::Location`.
type Pos = (u64, u64);

/// What the parser's events say about a position in the file.
struct Found {
    /// Key path of the innermost node at or before the position: `notes[0].kind`.
    path: String,
    /// The innermost mapping open at the position.
    enclosing_map: Option<MapAt>,
}

struct MapAt {
    path: String,
    start: Pos,
    /// Nesting depth of the mapping (the document's root node is 1).
    depth: usize,
}

enum Segment {
    Key(String),
    Index(usize),
}

struct Frame {
    is_map: bool,
    start: Pos,
    /// Children started so far; in a mapping, keys and values alternate.
    children: usize,
    /// The key whose value is being read, in a mapping.
    key: Option<String>,
}

fn pos_of(marker: &serde_saphyr::granit_parser::Marker) -> Pos {
    (marker.line() as u64, marker.col() as u64 + 1)
}

fn render_path(stack: &[Frame], upto: usize) -> String {
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
const WALK_MAX_EVENTS: usize = 2_000_000;
const WALK_MAX_DEPTH: usize = 2 * MAX_DEPTH;

/// Replays the parser's events up to `target` and reports the key path there.
fn walk_to(text: &str, target: Pos) -> Found {
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
enum KeyNode {
    Scalar(String, ScalarStyle),
    /// A list or mapping used as a key (`? [a, b]`).
    Complex,
}

/// Applies one event to the stack of open collections. Returns the key when
/// the event starts a mapping key.
fn step(stack: &mut Vec<Frame>, event: &Event<'_>, start: Pos) -> Option<KeyNode> {
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

/// For an error Serde raised while replaying a flattened struct's unknown keys
/// (reported at the last key of `map`): finds the key inside `map` that is not
/// text, confirming each candidate by quoting it and parsing again.
fn find_non_text_key<T: DeserializeOwned>(text: &str, map: &MapAt, err: &serde_saphyr::Error) -> Option<KeyAt> {
    // Re-parsing is the expensive part; on a large file, settle for naming the mapping.
    const MAX_CONFIRM_BYTES: usize = 1024 * 1024;
    const MAX_CANDIDATES: usize = 3;
    if text.len() > MAX_CONFIRM_BYTES {
        return None;
    }
    let original = (err.to_string(), err.location());
    let mut tried = 0;
    let mut stack: Vec<Frame> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    let mut inside = false;
    for _ in 0..WALK_MAX_EVENTS {
        let Some(Ok((event, span))) = parser.next_event() else { break };
        let start = pos_of(&span.start);
        if stack.len() > WALK_MAX_DEPTH {
            break;
        }
        if !inside {
            inside = matches!(event, Event::MappingStart(..)) && stack.len() + 1 == map.depth && start == map.start;
        } else if stack.len() < map.depth {
            break; // left the mapping
        }
        let key = step(&mut stack, &event, start);
        // Keys of the mapping itself are field names, read as text; only keys of
        // mappings nested in its values go through the buffered path.
        let (value, style) = match key {
            Some(KeyNode::Scalar(value, style)) if inside && stack.len() > map.depth => (value, style),
            // A list or mapping as a key fails at once in any typed field, so one
            // that got this far is in the buffered content: it is the culprit.
            Some(KeyNode::Complex) if inside && stack.len() > map.depth + 1 => {
                return Some(KeyAt { path: render_path(&stack, stack.len() - 1), start });
            }
            _ => continue,
        };
        if style != ScalarStyle::Plain || is_text(&value) {
            continue;
        }
        let (Some(from), Some(to)) = (span.start.byte_offset(), span.end.byte_offset()) else { continue };
        if value.contains(['"', '\\']) || text.get(from..to) != Some(value.as_str()) {
            continue;
        }
        tried += 1;
        let quoted = format!("{}\"{value}\"{}", &text[..from], &text[to..]);
        let confirmed = match serde_saphyr::from_str_with_options::<T>(&quoted, options()) {
            Ok(_) => true,
            Err(e) => (e.to_string(), e.location()) != original,
        };
        if confirmed {
            return Some(KeyAt { path: render_path(&stack, stack.len()), start });
        }
        if tried == MAX_CANDIDATES {
            break;
        }
    }
    None
}

struct KeyAt {
    path: String,
    start: Pos,
}

/// Whether a plain scalar reads as text (not a number, boolean or null) when its
/// type is inferred, as Serde's buffering does for keys of unknown fields.
fn is_text(plain: &str) -> bool {
    struct IsText;
    impl Visitor<'_> for IsText {
        type Value = bool;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a scalar")
        }
        fn visit_str<E>(self, _: &str) -> Result<bool, E> {
            Ok(true)
        }
        fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_i128<E>(self, _: i128) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_u128<E>(self, _: u128) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_unit<E>(self) -> Result<bool, E> {
            Ok(false)
        }
    }
    struct Probe(bool);
    impl<'de> serde::Deserialize<'de> for Probe {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(IsText).map(Probe)
        }
    }
    serde_saphyr::from_str_with_options::<Probe>(plain, options()).map(|p| p.0).unwrap_or(true)
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

    #[test]
    fn messages_are_escaped_and_capped() {
        assert_eq!(clean_message("a\u{1b}[2Jb\u{202e}c"), "a\\u{1b}[2Jb\\u{202e}c");
        let long = clean_message(&"x".repeat(10_000));
        assert_eq!(long.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn inferred_key_types() {
        for text in ["a", "'1'", "2.10x", "yes", "n", "on"] {
            assert!(is_text(text), "{text}");
        }
        for text in ["1", "-3", "1.5", "true", "~", "null", "0x1F"] {
            assert!(!is_text(text), "{text}");
        }
    }

    #[test]
    fn invalid_utf8_is_located_in_characters() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.yaml");
        std::fs::write(&path, b"a: 1\nname: L\xc3\xb3pez \xff\n").unwrap();
        let err = read_file::<serde_json::Value>(&path).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(13)), "{err}");
    }
}
