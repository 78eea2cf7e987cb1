//! Reading a guide's Markdown line by line: what kind each line is (heading,
//! list item, break, skipped block) and which metadata label it sets. Separate
//! from the builder in `import.rs`, which decides where each line goes.

use super::Warning;
use super::inline::{escaped_at, inline};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Block<'a> {
    Blank,
    Heading {
        level: usize,
        raw: &'a str,
    },
    Item {
        indent: usize,
        raw: &'a str,
    },
    Text {
        raw: &'a str,
    },
    /// A thematic break (`---`): carries nothing.
    Break,
    /// Lines import does not read (already warned about).
    Skipped,
}

/// Leading whitespace as columns (a tab goes to the next multiple of 4) and the rest.
pub(super) fn indent_of(line: &str) -> (usize, &str) {
    let mut col = 0;
    for (i, c) in line.char_indices() {
        match c {
            ' ' => col += 1,
            '\t' => col += 4 - col % 4,
            _ => return (col, &line[i..]),
        }
    }
    (col, "")
}

pub(super) fn heading(rest: &str) -> Option<(usize, &str)> {
    let level = rest.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let after = &rest[level..];
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return None;
    }
    let mut text = after.trim();
    // An optional closing sequence: "## Title ##".
    let without = text.trim_end_matches('#');
    if without.len() < text.len() && (without.is_empty() || without.ends_with([' ', '\t'])) {
        text = without.trim_end();
    }
    Some((level, text))
}

/// The text of a list item, if the line (without its indent) is one.
pub(super) fn list_item(rest: &str) -> Option<&str> {
    let after_marker = if let Some(r) = rest.strip_prefix(['-', '*', '+']) {
        r
    } else {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 9 {
            return None;
        }
        rest[digits..].strip_prefix(['.', ')'])?
    };
    if after_marker.is_empty() {
        return Some("");
    }
    after_marker.starts_with([' ', '\t']).then(|| after_marker.trim())
}

pub(super) fn is_break(rest: &str) -> bool {
    let chars: Vec<char> = rest.chars().filter(|c| !c.is_whitespace()).collect();
    chars.len() >= 3 && matches!(chars[0], '-' | '*' | '_') && chars.iter().all(|c| *c == chars[0])
}

pub(super) fn excerpt(text: &str) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 60 { format!("{}…", one.chars().take(60).collect::<String>()) } else { one }
}

pub(super) fn lines_span(from: usize, to: usize) -> String {
    if from == to { format!("line {from}") } else { format!("lines {from}–{to}") }
}

/// The last line of a run starting at `i` that goes on while `more` holds for the next line.
pub(super) fn run_end(lines: &[&str], i: usize, more: impl Fn(&str) -> bool) -> usize {
    let mut j = i;
    while j + 1 < lines.len() && more(lines[j + 1]) {
        j += 1;
    }
    j
}

/// Classifies every line; code blocks, tables, block quotes and HTML comments
/// become `Skipped` with a warning.
pub(super) fn blocks<'a>(lines: &[&'a str], warnings: &mut Vec<Warning>) -> Vec<Block<'a>> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let (indent, rest) = indent_of(lines[i]);
        let skipped = if indent >= 4 || rest.is_empty() {
            None
        } else if rest.starts_with("```") || rest.starts_with("~~~") {
            let mark = if rest.starts_with('`') { '`' } else { '~' };
            let fence: String = rest.chars().take_while(|c| *c == mark).collect();
            let mut j = i + 1;
            while j < lines.len() && !indent_of(lines[j]).1.starts_with(fence.as_str()) {
                j += 1;
            }
            Some(("code block", j.min(lines.len() - 1)))
        } else if rest.starts_with("<!--") {
            let mut j = i;
            while j + 1 < lines.len() && !lines[j].contains("-->") {
                j += 1;
            }
            Some(("HTML comment", j))
        } else if rest.starts_with('|') {
            Some(("table", run_end(lines, i, |l| indent_of(l).1.starts_with('|'))))
        } else if rest.starts_with('>') {
            Some(("block quote", run_end(lines, i, |l| indent_of(l).1.starts_with('>'))))
        } else {
            None
        };
        if let Some((what, end)) = skipped {
            warnings.push(Warning {
                line: i + 1,
                message: format!("{what} ({}) not imported", lines_span(i + 1, end + 1)),
            });
            out.extend(std::iter::repeat_n(Block::Skipped, end - i + 1));
            i = end + 1;
            continue;
        }
        let block = if rest.is_empty() {
            Block::Blank
        } else if let Some((level, raw)) = (indent < 4).then(|| heading(rest)).flatten() {
            Block::Heading { level, raw }
        } else if is_break(rest) {
            Block::Break
        } else if let Some(raw) = list_item(rest) {
            Block::Item { indent, raw }
        } else {
            Block::Text { raw: rest.trim_end() }
        };
        out.push(block);
        i += 1;
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Meta {
    Duration,
    Kind,
    Tags,
    Closing,
    Objective,
    Consent,
}

/// The field a line sets, and its value's raw text, when the line is
/// "Label: value" with a known label (possibly in bold: "**Duration:** 45").
pub(super) fn metadata(raw: &str) -> Option<(Meta, &str)> {
    let colon = raw.find(':')?;
    let chars: Vec<char> = raw[..colon].chars().collect();
    if escaped_at(&chars, chars.len()) {
        return None;
    }
    let label = inline(&raw[..colon]).trim_matches(['*', '_', ' ']).to_lowercase();
    let meta = match label.as_str() {
        "duration" | "length" | "interview length" | "time" | "planned duration" => Meta::Duration,
        "kind" | "type" | "interview type" => Meta::Kind,
        "tags" | "suggested tags" => Meta::Tags,
        "closing" | "closing question" => Meta::Closing,
        "consent" => Meta::Consent,
        "objective" | "objectives" | "goal" | "goals" | "purpose" | "research goal" | "research goals" => {
            Meta::Objective
        }
        _ => return None,
    };
    let value = raw[colon + 1..].trim_start_matches(['*', '_']);
    Some((meta, value))
}

pub(super) fn is_objective_title(title: &str) -> bool {
    let t = title.trim().trim_end_matches(':').to_lowercase();
    matches!(
        t.as_str(),
        "objective"
            | "objectives"
            | "goal"
            | "goals"
            | "purpose"
            | "research goal"
            | "research goals"
            | "research objectives"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_kinds() {
        assert_eq!(list_item("- a"), Some("a"));
        assert_eq!(list_item("12) a"), Some("a"));
        assert_eq!(list_item("-a"), None);
        assert_eq!(list_item("1.5 hours"), None);
        assert_eq!(heading("## Title ##"), Some((2, "Title")));
        assert_eq!(heading("#hashtag"), None);
        assert!(is_break("- - -"));
        assert!(metadata("**Duration:** 45 min").is_some());
        assert!(metadata(r"Duration\: 45 min").is_none());
    }
}
