//! Error messages for YAML that does not parse: a plain message a user can act
//! on, the key path of the value at fault and only true locations. Separate
//! from the codec because it is most of the code and only runs on failure.

use super::key_path::{Frame, KeyNode, MapAt, WALK_MAX_DEPTH, WALK_MAX_EVENTS, pos_of, render_path, step, walk_to};
use super::{LoadError, MAX_DEPTH, MAX_FILE_BYTES, MAX_MESSAGE_CHARS, options};
use serde::de::{DeserializeOwned, Deserializer, Visitor};
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};
use std::fmt;
use std::path::Path;

/// Turns a serde-saphyr error into a `LoadError` a user can act on: a plain
/// message, the key path of the value at fault, and only locations that are true.
///
/// serde-saphyr gives a location for almost every error, but two kinds are
/// best-effort: a missing field, and an error raised while Serde replays the
/// keys a `#[serde(flatten)]` struct did not know (its buffered "Content").
/// Both are attributed to the *last key* of the enclosing mapping, which is
/// not where the problem is. For those we report the enclosing mapping, and for
/// the second we look for the actual key ourselves.
pub(super) fn describe<T: DeserializeOwned>(err: &serde_saphyr::Error, text: &str, path: &Path) -> LoadError {
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
        let confirmed = match serde_saphyr::from_str_with_options::<T>(&quoted, options(quoted.len())) {
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
    start: super::key_path::Pos,
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
    serde_saphyr::from_str_with_options::<Probe>(plain, options(plain.len())).map(|p| p.0).unwrap_or(true)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
