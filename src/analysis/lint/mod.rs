//! The guide linter: flags questions that make interviews worse (leading,
//! closed, double-barrelled, hypothetical, overlong) and a plan that does not
//! fit its time. Pure: no I/O (`store::lint_rules` reads a team's file), so the
//! TUI can use it too.
//!
//! The rules are data (`rules.yaml`, embedded; a user's `lint-rules.yaml` adds or
//! replaces rules by id). Matching is deliberately simple and explicit: word
//! sequences at the start, anywhere or at the end of a sentence, with
//! exceptions. See the comments at the top of `rules.yaml` for the format.
//!
//! `rules_file.rs` reads rules files into [`Rules`], `words.rs` turns text
//! into words and matches patterns, `check.rs` runs the rules over a guide.

mod check;
mod rules_file;
mod words;

pub use check::{builtin_rules, check_question, lint_guide, summary};
pub use rules_file::BUILTIN_RULES;

use serde::{Deserialize, Serialize};
use words::Pattern;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Checks of a whole guide that are not about one question's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GuideCheck {
    /// Section budgets add up to more than the planned duration.
    BudgetOverDuration,
}

/// A rule ready to match.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub severity: Severity,
    pub explanation: String,
    pub suggestion: String,
    pub supersedes: Vec<String>,
    pub questions_only: bool,
    pub max_words: Option<usize>,
    pub max_question_marks: Option<usize>,
    pub guide_check: Option<GuideCheck>,
    disabled: bool,
    starts_with: Vec<Pattern>,
    contains: Vec<Pattern>,
    ends_with: Vec<Pattern>,
    unless_starts_with: Vec<Pattern>,
    unless_contains: Vec<Pattern>,
}

/// The rules in force, in order (built-in first, then a user's additions).
#[derive(Debug, Clone)]
pub struct Rules {
    rules: Vec<Rule>,
    /// Normalised opener words ("so", "and", "ok").
    openers: Vec<String>,
}

/// One problem found in a guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The question's id; `None` for a finding about the whole guide. The
    /// guide's closing question has the id `closing`.
    pub question_id: Option<String>,
    /// 1-based index of the probe, when the finding is about one of the question's probes.
    pub probe: Option<usize>,
    /// The text that was flagged (the question or the probe).
    pub question: Option<String>,
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// An open stem to rewrite with; `None` when the rule gives none.
    pub suggestion: Option<String>,
}

impl Finding {
    /// Where in the guide: `3.1`, `3.1/p2` (its second probe), or `-` for the whole guide.
    pub fn location(&self) -> String {
        match (&self.question_id, self.probe) {
            (Some(id), Some(p)) => format!("{id}/p{p}"),
            (Some(id), None) => id.clone(),
            (None, _) => "-".to_string(),
        }
    }
}

impl Rules {
    /// Adds `other`'s rules; one with an id already here replaces it in place.
    pub fn extend(&mut self, other: Rules) {
        for o in other.openers {
            if !self.openers.contains(&o) {
                self.openers.push(o);
            }
        }
        for rule in other.rules {
            match self.rules.iter_mut().find(|r| r.id == rule.id) {
                Some(slot) => *slot = rule,
                None => self.rules.push(rule),
            }
        }
    }

    /// Every rule, including disabled ones.
    pub fn all(&self) -> &[Rule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    fn active(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| !r.disabled)
    }
}
