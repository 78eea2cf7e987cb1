//! Guides as Markdown: import the discussion guides teams keep in docs, and
//! export a guide back to Markdown. A small hand-written parser for exactly
//! the subset a discussion guide uses; anything else is reported, never dropped
//! silently.
//!
//! What import understands:
//! - the first `#` heading is the title when the file also has `##` headings;
//!   every other heading is a section. Without `##` headings, a lone `#` heading
//!   is the title and several `#` headings are sections (the title is then the
//!   file's name). A time in a heading — "(5 min)", "(5 minutes)", "— 5 minutes",
//!   "- 5 min", ": 1 hour" — becomes the section's budget (the guide's duration,
//!   on the title) and leaves the title.
//! - list items (`-`, `*`, `+`, `1.`, `1)`, `- [ ]`) are questions; items nested
//!   under one are its probes.
//! - `**bold**`, `*emphasis*`, `_emphasis_` markers are removed; backslash
//!   escapes are honoured.
//! - a paragraph under the title (or in a section called "Objective", "Goals" or
//!   "Purpose") is the objective, and lines `Duration: 45 min`, `Kind: usability`,
//!   `Tags: churn, pricing`, `Closing question: …`, `Objective: …` set those fields.
//! - Windows line endings, a byte-order mark, tabs and blank lines between items.
//!
//! Warnings (with line numbers) cover what it cannot place: text between lists,
//! tables, code blocks, block quotes, HTML comments.
//!
//! Export writes the inverse (title, objective, `Kind:`, `Duration:`, `Closing
//! question:`, `Tags:`, then `## Section (N min)` with `- question` and
//! `  - probe`), escaping whatever import would otherwise read as markup, so
//! `import(export(g)) == g` for a valid guide whose texts are single-line and
//! trimmed (ids aside: import numbers questions "section.question").

use crate::domain::guide::{Guide, Question, Section};
use crate::domain::note::normalize_tag;
use std::fmt;

/// Something in the Markdown that import could not place, with its line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The result of an import: the guide (check it with `Guide::validate`) and
/// what could not be placed.
#[derive(Debug, Clone)]
pub struct Imported {
    pub guide: Guide,
    pub warnings: Vec<Warning>,
}

const DEFAULT_KIND: &str = "exploratory";
/// The section that list items before any section heading go into.
const IMPLICIT_SECTION: &str = "Questions";

// ---------------------------------------------------------------------------
// Lines
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Block<'a> {
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
fn indent_of(line: &str) -> (usize, &str) {
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

fn heading(rest: &str) -> Option<(usize, &str)> {
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
fn list_item(rest: &str) -> Option<&str> {
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

fn is_break(rest: &str) -> bool {
    let chars: Vec<char> = rest.chars().filter(|c| !c.is_whitespace()).collect();
    chars.len() >= 3 && matches!(chars[0], '-' | '*' | '_') && chars.iter().all(|c| *c == chars[0])
}

fn excerpt(text: &str) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 60 { format!("{}…", one.chars().take(60).collect::<String>()) } else { one }
}

fn lines_span(from: usize, to: usize) -> String {
    if from == to { format!("line {from}") } else { format!("lines {from}–{to}") }
}

/// The last line of a run starting at `i` that goes on while `more` holds for the next line.
fn run_end(lines: &[&str], i: usize, more: impl Fn(&str) -> bool) -> usize {
    let mut j = i;
    while j + 1 < lines.len() && more(lines[j + 1]) {
        j += 1;
    }
    j
}

/// Classifies every line; code blocks, tables, block quotes and HTML comments
/// become `Skipped` with a warning.
fn blocks<'a>(lines: &[&'a str], warnings: &mut Vec<Warning>) -> Vec<Block<'a>> {
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

// ---------------------------------------------------------------------------
// Inline text: emphasis markers and backslash escapes
// ---------------------------------------------------------------------------

/// Characters a backslash escapes: ASCII punctuation, and the dashes used
/// before a time in a heading.
fn escapable(c: char) -> bool {
    c.is_ascii_punctuation() || c == '\u{2014}' || c == '\u{2013}'
}

enum Piece {
    Char(char),
    Delim { ch: char, len: usize, open: bool, close: bool, used: bool },
}

/// Removes `**strong**`, `*emphasis*`, `_emphasis_` (and `__`, `***`) markers
/// that pair up, resolves backslash escapes, and trims. Unpaired markers stay.
fn inline(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1).is_some_and(|n| escapable(*n)) {
            pieces.push(Piece::Char(chars[i + 1]));
            i += 2;
        } else if c == '*' || c == '_' {
            let len = chars[i..].iter().take_while(|x| **x == c).count();
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + len).copied();
            let mut open = next.is_some_and(|n| !n.is_whitespace());
            let mut close = prev.is_some_and(|p| !p.is_whitespace());
            if c == '_' {
                open &= prev.is_none_or(|p| !p.is_alphanumeric());
                close &= next.is_none_or(|n| !n.is_alphanumeric());
            }
            if len > 3 {
                (open, close) = (false, false);
            }
            pieces.push(Piece::Delim { ch: c, len, open, close, used: false });
            i += len;
        } else {
            pieces.push(Piece::Char(c));
            i += 1;
        }
    }
    let mut stack: Vec<usize> = Vec::new();
    for k in 0..pieces.len() {
        let Piece::Delim { ch, len, open, close, .. } = pieces[k] else { continue };
        if close
            && let Some(pos) = stack
                .iter()
                .rposition(|&o| matches!(pieces[o], Piece::Delim { ch: c, len: l, .. } if c == ch && l == len))
        {
            let opener = stack[pos];
            stack.truncate(pos);
            for idx in [opener, k] {
                if let Piece::Delim { used, .. } = &mut pieces[idx] {
                    *used = true;
                }
            }
        } else if open {
            stack.push(k);
        }
    }
    let mut out = String::with_capacity(raw.len());
    for p in &pieces {
        match p {
            Piece::Char(c) => out.push(*c),
            Piece::Delim { ch, len, used: false, .. } => out.extend(std::iter::repeat_n(*ch, *len)),
            Piece::Delim { .. } => {}
        }
    }
    out.trim().to_string()
}

/// Escapes every character [`inline`] would read as markup.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

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

// ---------------------------------------------------------------------------
// Times: "(5 min)", "— 5 minutes", "Duration: 1 hour"
// ---------------------------------------------------------------------------

/// Minutes in "45", "45 min", "~45 minutes", "1 hour", "90m".
fn minutes(text: &str, unit_required: bool) -> Option<u32> {
    let t = text.trim().trim_end_matches('.').trim();
    let t = t.strip_prefix('~').unwrap_or(t).trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 6 {
        return None;
    }
    let n: u32 = t[..digits].parse().ok()?;
    let unit = t[digits..].trim().to_lowercase();
    match unit.as_str() {
        "" if !unit_required => Some(n),
        "m" | "min" | "mins" | "minute" | "minutes" | "\u{2032}" => Some(n),
        "h" | "hr" | "hrs" | "hour" | "hours" => n.checked_mul(60),
        _ => None,
    }
}

fn escaped_at(chars: &[char], i: usize) -> bool {
    // An odd number of backslashes before `i` escapes it.
    chars[..i].iter().rev().take_while(|c| **c == '\\').count() % 2 == 1
}

/// Splits a heading's raw text into its title and the time at its end, if any.
/// Returns the title part, the minutes, and the char index of the `(` or
/// separator that starts the time (for export to escape).
fn split_time(raw: &str) -> (String, Option<u32>, usize) {
    let chars: Vec<char> = raw.trim_end().chars().collect();
    let n = chars.len();
    let title_of = |end: usize| chars[..end].iter().collect::<String>().trim_end().to_string();
    // "(5 min)" or "[5 min]".
    if let Some(&last) = chars.last()
        && (last == ')' || last == ']')
        && !escaped_at(&chars, n - 1)
    {
        let open = if last == ')' { '(' } else { '[' };
        if let Some(p) = (0..n - 1).rev().find(|&p| chars[p] == open && !escaped_at(&chars, p)) {
            let inner: String = chars[p + 1..n - 1].iter().collect();
            if let Some(m) = minutes(&inner, true) {
                return (title_of(p), Some(m), p);
            }
        }
    }
    // "— 5 minutes", "- 5 min", ": 5 min": the last separator whose rest is a time.
    for p in (0..n).rev() {
        let c = chars[p];
        let spaced = p == 0 || chars[p - 1].is_whitespace();
        let sep = match c {
            '\u{2014}' | '\u{2013}' | '-' => spaced,
            ':' => true,
            _ => false,
        };
        if sep && !escaped_at(&chars, p) {
            let rest: String = chars[p + 1..].iter().collect();
            if let Some(m) = minutes(&rest, true) {
                return (title_of(p), Some(m), p);
            }
        }
    }
    (raw.trim_end().to_string(), None, n)
}

/// A heading's text for export: escaped, with `(N min)` when there is a time,
/// and without anything import would read as a time when there is not.
fn heading_text(title: &str, minutes: Option<u32>) -> String {
    let mut text = escape_inline(title);
    match minutes {
        Some(m) => format!("{text} ({m} min)"),
        None => {
            // Bounded: each pass escapes one more character.
            for _ in 0..text.len() {
                let (_, found, at) = split_time(&text);
                if found.is_none() {
                    break;
                }
                let mut chars: Vec<char> = text.chars().collect();
                chars.insert(at, '\\');
                text = chars.into_iter().collect();
            }
            text
        }
    }
}

// ---------------------------------------------------------------------------
// Metadata lines: "Duration: 45 min"
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
enum Meta {
    Duration,
    Kind,
    Tags,
    Closing,
    Objective,
    Consent,
}

/// The field a line sets, and its value's raw text, when the line is
/// "Label: value" with a known label (possibly in bold: "**Duration:** 45").
fn metadata(raw: &str) -> Option<(Meta, &str)> {
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

fn is_objective_title(title: &str) -> bool {
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

// ---------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------

struct RawQuestion {
    line: usize,
    text: String,
    indent: usize,
    probes: Vec<(usize, String, usize)>,
}

struct RawSection {
    title: String,
    budget: Option<u32>,
    questions: Vec<RawQuestion>,
    /// Paragraphs of an "Objective" section went to the guide's objective.
    gave_objective: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    /// Before the title heading.
    Before,
    /// Under the title: paragraphs are the objective.
    Title,
    Section,
}

struct Builder {
    name: String,
    title: Option<String>,
    /// The file has section headings besides the title.
    has_sections: bool,
    title_minutes: Option<u32>,
    duration: Option<u32>,
    kind: Option<String>,
    consent: bool,
    tags: Vec<String>,
    closing: Option<String>,
    objective: Vec<String>,
    sections: Vec<RawSection>,
    ctx: Ctx,
    paragraph: Vec<(usize, String)>,
    /// The previous line was a list item (or its continuation): text joins it.
    in_item: bool,
    warnings: Vec<Warning>,
}

impl Builder {
    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(Warning { line, message: message.into() });
    }

    fn section(&mut self, line: usize) -> &mut RawSection {
        if self.ctx != Ctx::Section || self.sections.is_empty() {
            if self.has_sections {
                self.warn(
                    line,
                    format!("list before the first section: imported into a section called {IMPLICIT_SECTION:?}"),
                );
            }
            self.sections.push(RawSection {
                title: IMPLICIT_SECTION.to_string(),
                budget: None,
                questions: vec![],
                gave_objective: false,
            });
            self.ctx = Ctx::Section;
        }
        self.sections.last_mut().expect("just ensured")
    }

    fn item(&mut self, line: usize, indent: usize, raw: &str) {
        let raw = ["[ ]", "[x]", "[X]"].iter().find_map(|b| raw.strip_prefix(b)).unwrap_or(raw).trim().to_string();
        let mut deeper = false;
        let section = self.section(line);
        match section.questions.last_mut().filter(|q| indent >= q.indent + 2) {
            Some(q) => {
                // Deeper than a probe: flattened into the question's probes.
                let probe_indent = q.probes.last().map(|p| p.2);
                deeper = probe_indent.is_some_and(|pi| indent >= pi + 2);
                let keep = if deeper { probe_indent.unwrap_or(indent) } else { indent };
                q.probes.push((line, raw, keep));
            }
            None => section.questions.push(RawQuestion { line, text: raw, indent, probes: vec![] }),
        }
        if deeper {
            self.warn(line, "list nested below a probe: imported as a probe of the question");
        }
        self.in_item = true;
    }

    fn continue_item(&mut self, raw: &str) {
        let Some(q) = self.sections.last_mut().and_then(|s| s.questions.last_mut()) else { return };
        let text = match q.probes.last_mut() {
            Some((_, text, _)) => text,
            None => &mut q.text,
        };
        text.push(' ');
        text.push_str(raw.trim());
    }

    fn meta(&mut self, line: usize, meta: Meta, value_raw: &str) {
        let value = inline(value_raw);
        match meta {
            Meta::Duration => match minutes(&value, false) {
                Some(m) if self.ctx == Ctx::Section => {
                    let section = self.sections.last_mut().expect("in a section");
                    if section.budget.is_some() {
                        self.warn(line, format!("the section already has a time; {value:?} not imported"));
                    } else {
                        section.budget = Some(m);
                    }
                }
                Some(m) => {
                    if self.duration.is_some_and(|d| d != m) {
                        self.warn(line, format!("a second duration ({m} min) replaces the first"));
                    }
                    self.duration = Some(m);
                }
                None => self.warn(line, format!("could not read a time in minutes from {value:?}; not imported")),
            },
            Meta::Kind => self.kind = Some(value),
            Meta::Consent => match value.trim().to_lowercase().as_str() {
                "required" | "yes" | "true" | "ask" => self.consent = true,
                "no" | "false" | "not required" => self.consent = false,
                other => {
                    self.warn(line, format!("consent should be \"required\" or \"no\", not {other:?}; not imported"))
                }
            },
            Meta::Closing => self.closing = Some(value),
            Meta::Objective => {
                if !value.is_empty() {
                    self.objective.push(value)
                }
            }
            Meta::Tags => {
                let words: Vec<&str> = value
                    .split(',')
                    .flat_map(|piece| {
                        let piece = piece.trim();
                        if piece.split_whitespace().filter(|w| w.starts_with('#')).count() > 1 {
                            piece.split_whitespace().collect::<Vec<_>>()
                        } else {
                            vec![piece]
                        }
                    })
                    .filter(|w| !w.is_empty())
                    .collect();
                for w in words {
                    match normalize_tag(w) {
                        Some(tag) if !self.tags.contains(&tag) => self.tags.push(tag),
                        Some(_) => {}
                        None => self.warn(line, format!("{w:?} cannot be a tag; not imported")),
                    }
                }
            }
        }
    }

    fn flush(&mut self) {
        let paragraph = std::mem::take(&mut self.paragraph);
        let mut text: Vec<(usize, String)> = Vec::new();
        // An "Objective:" line's text may wrap onto the lines after it.
        let mut objective_open = false;
        for (line, raw) in paragraph {
            let is_meta = match metadata(&raw) {
                Some((Meta::Duration, v)) if self.ctx == Ctx::Section => {
                    self.meta(line, Meta::Duration, v);
                    true
                }
                Some((m, v)) if self.ctx != Ctx::Section => {
                    let before = self.objective.len();
                    self.meta(line, m, v);
                    objective_open = m == Meta::Objective && self.objective.len() > before;
                    true
                }
                _ => false,
            };
            if is_meta {
                continue;
            }
            match self.objective.last_mut().filter(|_| objective_open) {
                Some(objective) => {
                    objective.push(' ');
                    objective.push_str(&inline(&raw));
                }
                None => text.push((line, raw)),
            }
        }
        let Some(first) = text.first().map(|(l, _)| *l) else { return };
        let joined = inline(&text.iter().map(|(_, r)| r.as_str()).collect::<Vec<_>>().join(" "));
        match self.ctx {
            Ctx::Title => self.objective.push(joined),
            Ctx::Section => {
                let section = self.sections.last_mut().expect("in a section");
                if is_objective_title(&section.title) && section.questions.is_empty() {
                    section.gave_objective = true;
                    self.objective.push(joined);
                } else {
                    self.warn(first, format!("text between lists not imported: {:?}", excerpt(&joined)));
                }
            }
            Ctx::Before => self.warn(first, format!("text before the title not imported: {:?}", excerpt(&joined))),
        }
    }

    fn finish(mut self) -> Imported {
        self.flush();
        let mut warnings = std::mem::take(&mut self.warnings);
        let title = match self.title.take().filter(|t| !t.is_empty()) {
            Some(t) => t,
            None => {
                warnings.push(Warning {
                    line: 1,
                    message: format!("no `#` title heading with text: the guide is titled {:?}", self.name),
                });
                self.name.clone()
            }
        };
        let mut sections = Vec::new();
        for raw in self.sections {
            if raw.gave_objective && raw.questions.is_empty() {
                continue;
            }
            let mut questions = Vec::new();
            for q in raw.questions {
                let text = inline(&q.text);
                let mut probes = Vec::new();
                for (line, p, _) in q.probes {
                    let p = inline(&p);
                    if p.is_empty() {
                        warnings.push(Warning { line, message: "empty probe skipped".into() });
                    } else {
                        probes.push(p);
                    }
                }
                if text.is_empty() {
                    warnings.push(Warning { line: q.line, message: "empty question skipped".into() });
                    for p in probes {
                        warnings.push(Warning {
                            line: q.line,
                            message: format!("probe {p:?} of an empty question not imported"),
                        });
                    }
                    continue;
                }
                questions.push(Question { id: String::new(), text, probes });
            }
            sections.push(Section { title: raw.title, budget: raw.budget, questions });
        }
        for (s, section) in sections.iter_mut().enumerate() {
            for (q, question) in section.questions.iter_mut().enumerate() {
                question.id = format!("{}.{}", s + 1, q + 1);
            }
        }
        warnings.sort_by_key(|w| w.line);
        let guide = Guide {
            name: self.name,
            title,
            kind: self.kind.unwrap_or_else(|| DEFAULT_KIND.to_string()),
            objective: self.objective.join("\n\n"),
            duration: self.duration.or(self.title_minutes),
            closing: self.closing,
            tags: self.tags,
            consent: self.consent,
            sections,
        };
        Imported { guide, warnings }
    }
}

/// Reads a Markdown discussion guide. `name` is the guide's name (the file
/// stem), and its title when the file has no title heading.
pub fn import(text: &str, name: &str) -> Imported {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut warnings = Vec::new();
    let blocks = blocks(&lines, &mut warnings);
    let has_h2 = blocks.iter().any(|b| matches!(b, Block::Heading { level, .. } if *level >= 2));
    let h1_count = blocks.iter().filter(|b| matches!(b, Block::Heading { level: 1, .. })).count();
    let title_from_heading = has_h2 || h1_count == 1;
    let mut b = Builder {
        name: name.to_string(),
        title: None,
        has_sections: has_h2,
        title_minutes: None,
        duration: None,
        kind: None,
        consent: false,
        tags: vec![],
        closing: None,
        objective: vec![],
        sections: vec![],
        ctx: if title_from_heading { Ctx::Before } else { Ctx::Title },
        paragraph: vec![],
        in_item: false,
        warnings,
    };
    for (i, block) in blocks.iter().enumerate() {
        let line = i + 1;
        let in_item = std::mem::replace(&mut b.in_item, false);
        match *block {
            Block::Text { raw } if in_item => {
                b.continue_item(raw);
                b.in_item = true;
            }
            Block::Text { raw } => b.paragraph.push((line, raw.to_string())),
            Block::Item { indent, raw } => {
                b.flush();
                b.item(line, indent, raw);
            }
            Block::Heading { level, raw } => {
                b.flush();
                let (title_raw, minutes, _) = split_time(raw);
                let title = inline(&title_raw);
                if level == 1 && title_from_heading && b.title.is_none() {
                    b.title = Some(title);
                    b.title_minutes = minutes;
                    b.ctx = Ctx::Title;
                } else {
                    b.sections.push(RawSection { title, budget: minutes, questions: vec![], gave_objective: false });
                    b.ctx = Ctx::Section;
                }
            }
            Block::Blank | Block::Break | Block::Skipped => b.flush(),
        }
    }
    b.finish()
}

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

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

/// The guide as Markdown, in the form [`import`] reads back to the same guide.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markers_and_escapes() {
        assert_eq!(inline("**What** do you _usually_ do?"), "What do you usually do?");
        assert_eq!(inline("***Both*** and __strong__"), "Both and strong");
        assert_eq!(inline("snake_case_name stays"), "snake_case_name stays");
        assert_eq!(inline("5 * 3 = 15"), "5 * 3 = 15");
        assert_eq!(inline("a lone *star"), "a lone *star");
        assert_eq!(inline(r"\*not emphasis\* and \\ backslash"), r"*not emphasis* and \ backslash");
        assert_eq!(inline("**outer *inner* outer**"), "outer inner outer");
    }

    #[test]
    fn times_in_headings() {
        for (raw, title, m) in [
            ("Warm-up (5 min)", "Warm-up", Some(5)),
            ("Warm-up (5 minutes)", "Warm-up", Some(5)),
            ("Warm-up — 5 minutes", "Warm-up", Some(5)),
            ("Warm-up - 5 min", "Warm-up", Some(5)),
            ("Warm-up: 10 min", "Warm-up", Some(10)),
            ("Deep dive (1 hour)", "Deep dive", Some(60)),
            ("Warm-up", "Warm-up", None),
            ("Part (2)", "Part (2)", None),
            ("Tasks (5 min) (3 min)", "Tasks (5 min)", Some(3)),
        ] {
            let (t, got, _) = split_time(raw);
            assert_eq!((t.as_str(), got), (title, m), "{raw}");
        }
        for title in ["Tasks (5 min)", "Tasks - 5 min", "Tasks — 5 min", "Why: 3 min", "Ends with \\"] {
            let text = heading_text(title, None);
            let (t, got, _) = split_time(&text);
            assert_eq!((inline(&t), got), (title.to_string(), None), "{text}");
        }
    }

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
