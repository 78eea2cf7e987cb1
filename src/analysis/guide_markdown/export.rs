//! Writing a guide as Markdown, escaped so that `import` reads it back as the
//! same guide.

use super::DEFAULT_KIND;
use super::inline::{escape_inline, heading_text};
use super::lines::metadata;
use crate::domain::guide::Guide;

/// Escapes a line's start so it stays text: not a heading, list item, quote,
/// table, fence, comment or break.
fn escape_line_start(line: &str) -> String {
    let first = line.chars().next();
    if first.is_some_and(|c| matches!(c, '#' | '-' | '+' | '>' | '|' | '<' | '`' | '~' | '=' | '[')) {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_string()
}

/// A paragraph line for export: escaped so import reads it back as the same text.
fn text_line(line: &str) -> String {
    let mut out = escape_line_start(&escape_inline(line));
    if metadata(&out).is_some()
        && let Some(colon) = out.find(':')
    {
        out.insert(colon, '\\');
    }
    out
}

/// A list item's text for export.
fn item_text(text: &str) -> String {
    escape_line_start(&escape_inline(text))
}

/// The guide as Markdown, in the form [`import`](super::import) reads back to the same guide.
pub fn export(guide: &Guide) -> String {
    let mut out = format!("# {}\n", heading_text(&guide.title, None));
    if !guide.objective.is_empty() {
        out.push('\n');
        for line in guide.objective.lines() {
            if line.trim().is_empty() {
                out.push('\n');
            } else {
                out.push_str(&text_line(line.trim()));
                out.push('\n');
            }
        }
    }
    if guide.kind != DEFAULT_KIND {
        out.push_str(&format!("\nKind: {}\n", escape_inline(&guide.kind)));
    }
    if let Some(d) = guide.duration {
        out.push_str(&format!("\nDuration: {d} min\n"));
    }
    if let Some(c) = &guide.closing {
        out.push_str(&format!("\nClosing question: {}\n", escape_inline(c)));
    }
    if guide.consent {
        out.push_str("\nConsent: required\n");
    }
    if !guide.tags.is_empty() {
        let tags: Vec<String> = guide.tags.iter().map(|t| escape_inline(t)).collect();
        out.push_str(&format!("\nTags: {}\n", tags.join(", ")));
    }
    for section in &guide.sections {
        out.push_str(&format!("\n## {}\n", heading_text(&section.title, section.budget)));
        if !section.questions.is_empty() {
            out.push('\n');
        }
        for q in &section.questions {
            out.push_str(&format!("- {}\n", item_text(&q.text)));
            for p in &q.probes {
                out.push_str(&format!("  - {}\n", item_text(p)));
            }
        }
    }
    out
}
