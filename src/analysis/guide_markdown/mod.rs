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
//!
//! `lines.rs` and `inline.rs` read the Markdown subset (line kinds, inline
//! markup, times); `import.rs` builds a guide from it; `export.rs` writes one.

mod export;
mod import;
mod inline;
mod lines;

pub use export::export;
pub use import::import;

use crate::domain::guide::Guide;
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
