//! Reading rules files: the built-in `rules.yaml` and a team's own file, as
//! text, into [`Rules`], with the line of a broken rule in the error. Separate
//! from matching, which only sees compiled rules.

use super::words::{Pattern, words};
use super::{GuideCheck, Rule, Rules, Severity};
use crate::text::yaml::{self, LoadError};
use serde::Deserialize;
use std::path::Path;

/// The built-in rules, in the same format a user's file uses.
pub const BUILTIN_RULES: &str = include_str!("rules.yaml");

/// A rule as written in a rules file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    id: String,
    severity: Severity,
    explanation: String,
    #[serde(default)]
    suggestion: String,
    #[serde(default)]
    disabled: bool,
    #[serde(default)]
    supersedes: Vec<String>,
    #[serde(default)]
    questions_only: bool,
    #[serde(default)]
    starts_with: Vec<String>,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    ends_with: Vec<String>,
    #[serde(default)]
    unless_starts_with: Vec<String>,
    #[serde(default)]
    unless_contains: Vec<String>,
    #[serde(default)]
    max_words: Option<usize>,
    #[serde(default)]
    max_question_marks: Option<usize>,
    #[serde(default)]
    guide_check: Option<GuideCheck>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    /// Words `starts_with` patterns look past at the start of a sentence.
    #[serde(default)]
    openers: Vec<String>,
    #[serde(default)]
    rules: Vec<RuleSpec>,
}

impl Rules {
    /// The rules shipped in the binary.
    pub fn builtin() -> Rules {
        Rules::parse(BUILTIN_RULES, Path::new("<built-in>/lint-rules.yaml"))
            .unwrap_or_else(|e| panic!("built-in lint rules are broken: {e}"))
    }

    /// Parses a rules file's text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Rules, LoadError> {
        // An empty file (or one of only comments) is a valid "no rules".
        if text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
            return Ok(Rules { rules: vec![], openers: vec![] });
        }
        let file: RulesFile = yaml::from_str(text, path)?;
        let mut openers = Vec::new();
        for o in &file.openers {
            match words(o).as_slice() {
                [w] => openers.push(w.clone()),
                _ => return Err(LoadError::new(path, format!("opener {o:?} is not one word"))),
            }
        }
        let mut rules: Vec<Rule> = Vec::new();
        for spec in file.rules {
            let at = |message: String| {
                let mut e = LoadError::new(path, message);
                e.line = line_of_id(text, &spec.id);
                e
            };
            let rule = compile(&spec).map_err(|m| at(format!("rule {:?}: {m}", spec.id)))?;
            if rules.iter().any(|r| r.id == rule.id) {
                return Err(at(format!("two rules have the id {:?}", rule.id)));
            }
            rules.push(rule);
        }
        Ok(Rules { rules, openers })
    }
}

fn line_of_id(text: &str, id: &str) -> Option<u64> {
    text.lines()
        .position(|l| {
            let l = l.trim_start().trim_start_matches("- ").trim_start();
            l.strip_prefix("id:").is_some_and(|rest| rest.trim().trim_matches(['"', '\'']) == id)
        })
        .map(|i| i as u64 + 1)
}

pub(super) fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn compile(spec: &RuleSpec) -> Result<Rule, String> {
    if !is_kebab(&spec.id) {
        return Err("the id must be kebab-case (lowercase words joined by `-`)".into());
    }
    if spec.explanation.trim().is_empty() {
        return Err("the rule has no `explanation`".into());
    }
    let patterns = |list: &[String], field: &str| -> Result<Vec<Pattern>, String> {
        list.iter().map(|p| Pattern::parse(p).map_err(|m| format!("{field}: {p:?}: {m}"))).collect()
    };
    let rule = Rule {
        id: spec.id.clone(),
        severity: spec.severity,
        explanation: spec.explanation.trim().to_string(),
        suggestion: spec.suggestion.trim().to_string(),
        supersedes: spec.supersedes.clone(),
        questions_only: spec.questions_only,
        max_words: spec.max_words,
        max_question_marks: spec.max_question_marks,
        guide_check: spec.guide_check,
        disabled: spec.disabled,
        starts_with: patterns(&spec.starts_with, "starts_with")?,
        contains: patterns(&spec.contains, "contains")?,
        ends_with: patterns(&spec.ends_with, "ends_with")?,
        unless_starts_with: patterns(&spec.unless_starts_with, "unless_starts_with")?,
        unless_contains: patterns(&spec.unless_contains, "unless_contains")?,
    };
    let has_text_check = !rule.starts_with.is_empty()
        || !rule.contains.is_empty()
        || !rule.ends_with.is_empty()
        || rule.max_words.is_some()
        || rule.max_question_marks.is_some();
    if rule.guide_check.is_some() && has_text_check {
        return Err("`guide_check` checks the whole guide; it cannot be combined with question patterns".into());
    }
    if rule.guide_check.is_none() && !has_text_check && !rule.disabled {
        return Err("the rule checks nothing: give it `starts_with`, `contains`, `ends_with`, `max_words`, \
             `max_question_marks` or `guide_check`"
            .into());
    }
    Ok(rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_parse_and_are_kebab_case() {
        let rules = Rules::builtin();
        for id in ["leading-question", "closed-question", "double-barrelled", "hypothetical-question", "long-question"]
        {
            assert!(rules.get(id).is_some(), "{id}");
        }
        assert!(rules.all().iter().all(|r| is_kebab(&r.id)));
        assert!(rules.all().iter().any(|r| r.guide_check.is_some()));
    }

    #[test]
    fn bad_rules_are_refused_with_the_line_of_the_rule() {
        let text = "rules:\n  - id: fine\n    severity: warning\n    explanation: x\n    contains: [a]\n  - id: Bad_Id\n    severity: error\n    explanation: y\n    contains: [b]\n";
        let e = Rules::parse(text, Path::new("r.yaml")).unwrap_err();
        assert_eq!(e.line, Some(6), "{e}");
        let e = Rules::parse("rules:\n  - id: x\n    severity: fatal\n    explanation: y\n", Path::new("r.yaml"))
            .unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        let e = Rules::parse("rules:\n  - id: x\n    severity: error\n    explanation: y\n", Path::new("r.yaml"))
            .unwrap_err();
        assert!(e.message.contains("checks nothing"), "{e}");
        assert!(Rules::parse("# nothing yet\n", Path::new("r.yaml")).unwrap().all().is_empty());
    }
}
