//! The guide linter: flags questions that make interviews worse (leading,
//! closed, double-barrelled, hypothetical, overlong) and a plan that does not
//! fit its time. Pure: no I/O except [`Rules::load`], so the TUI can use it too.
//!
//! The rules are data (`rules.yaml`, embedded; a user's `lint-rules.yaml` adds or
//! replaces rules by id). Matching is deliberately simple and explicit: word
//! sequences at the start, anywhere or at the end of a sentence, with
//! exceptions. See the comments at the top of `rules.yaml` for the format.

use crate::domain::guide::Guide;
use crate::store::yaml::{self, LoadError};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The built-in rules, in the same format a user's file uses.
pub const BUILTIN_RULES: &str = include_str!("rules.yaml");

/// The file in the config dir with a team's own rules.
pub const USER_RULES_FILE: &str = "lint-rules.yaml";

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

/// One element of a compiled pattern.
#[derive(Debug, Clone, PartialEq)]
enum Elem {
    /// Any one of these (normalised) words.
    Word(Vec<String>),
    /// Any number of words, including none.
    Gap,
}

#[derive(Debug, Clone, PartialEq)]
struct Pattern {
    source: String,
    elems: Vec<Elem>,
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

// ---------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------

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

    /// The built-in rules with the user's `<config_dir>/lint-rules.yaml`, if
    /// there is one: its rules are added, or replace a built-in rule of the same id.
    pub fn load(config_dir: &Path) -> Result<Rules, LoadError> {
        let mut rules = Rules::builtin();
        let path: PathBuf = config_dir.join(USER_RULES_FILE);
        if path.exists() {
            // A FIFO or device under that name would block: regular files of a sane size only.
            let meta = std::fs::metadata(&path).map_err(|e| LoadError::new(&path, e.to_string()))?;
            if !meta.is_file() || meta.len() > yaml::MAX_FILE_BYTES {
                return Err(LoadError::new(&path, "not a regular file of a readable size"));
            }
            let text = std::fs::read_to_string(&path).map_err(|e| LoadError::new(&path, e.to_string()))?;
            rules.extend(Rules::parse(&text, &path)?);
        }
        Ok(rules)
    }

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

fn line_of_id(text: &str, id: &str) -> Option<u64> {
    text.lines()
        .position(|l| {
            let l = l.trim_start().trim_start_matches("- ").trim_start();
            l.strip_prefix("id:").is_some_and(|rest| rest.trim().trim_matches(['"', '\'']) == id)
        })
        .map(|i| i as u64 + 1)
}

fn is_kebab(id: &str) -> bool {
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

// ---------------------------------------------------------------------------
// Text: sentences of normalised words
// ---------------------------------------------------------------------------

/// One sentence of a question, as the words patterns are matched against.
#[derive(Debug, Clone, PartialEq)]
struct Sentence {
    words: Vec<String>,
    /// Ends with `?`.
    question: bool,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}')
}

/// Lowercase words; apostrophes dropped ("don't" → "dont"), commas kept as
/// their own word, every other non-alphanumeric character a separator.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if is_apostrophe(c) {
            // Joins the word: "don't", "what's".
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            if c == ',' {
                out.push(",".to_string());
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Splits at `?`, `!`, `;`, `:` and at a `.` followed by a space or the end
/// (so "1.5" and "e.g" stay whole).
fn sentences(text: &str) -> Vec<Sentence> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        let next_is_space = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        let end = match c {
            '?' | '!' | ';' | ':' => true,
            '.' | '\u{2026}' => next_is_space,
            _ => false,
        };
        if end {
            let piece: String = chars[start..=i].iter().collect();
            push_sentence(&mut out, &piece, c == '?');
            start = i + 1;
        }
    }
    let rest: String = chars[start..].iter().collect();
    push_sentence(&mut out, &rest, false);
    out
}

fn push_sentence(out: &mut Vec<Sentence>, piece: &str, question: bool) {
    let mut words = words(piece);
    // A leading or trailing comma carries nothing.
    while words.first().is_some_and(|w| w == ",") {
        words.remove(0);
    }
    if !words.is_empty() {
        out.push(Sentence { words, question });
    } else if question && let Some(last) = out.last_mut() {
        // "What…?!" or "…??": the question mark belongs to the sentence before.
        last.question = true;
    }
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

// ---------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------

impl Pattern {
    fn parse(source: &str) -> Result<Pattern, String> {
        let mut elems = Vec::new();
        for chunk in source.split_whitespace() {
            if chunk == "..." || chunk == "\u{2026}" {
                if elems.last() != Some(&Elem::Gap) {
                    elems.push(Elem::Gap);
                }
            } else if let Some(inner) = chunk.strip_prefix('{') {
                let inner = inner
                    .strip_suffix('}')
                    .ok_or("`{` without a closing `}` in the same word (alternatives are single words: {a|b|c})")?;
                let mut alts = Vec::new();
                for alt in inner.split('|') {
                    match words(alt).as_slice() {
                        [w] => alts.push(w.clone()),
                        _ => return Err(format!("{alt:?} in {{…}} is not one word")),
                    }
                }
                elems.push(Elem::Word(alts));
            } else if chunk.contains(['{', '}', '|']) {
                return Err(format!("{chunk:?}: write alternatives as a word of their own, like {{a|b|c}}"));
            } else {
                elems.extend(words(chunk).into_iter().map(|w| Elem::Word(vec![w])));
            }
        }
        if !elems.iter().any(|e| matches!(e, Elem::Word(_))) {
            return Err("the pattern has no words".into());
        }
        Ok(Pattern { source: source.to_string(), elems })
    }

    fn matches_from(elems: &[Elem], words: &[String], anchored_end: bool) -> bool {
        match elems.split_first() {
            None => !anchored_end || words.is_empty(),
            Some((Elem::Gap, rest)) => {
                (0..=words.len()).any(|skip| Self::matches_from(rest, &words[skip..], anchored_end))
            }
            Some((Elem::Word(alts), rest)) => match words.split_first() {
                Some((w, tail)) if alts.iter().any(|a| a == w) => Self::matches_from(rest, tail, anchored_end),
                _ => false,
            },
        }
    }

    fn starts(&self, words: &[String]) -> bool {
        Self::matches_from(&self.elems, words, false)
    }

    fn within(&self, words: &[String]) -> bool {
        (0..words.len()).any(|i| Self::matches_from(&self.elems, &words[i..], false))
    }

    fn ends(&self, words: &[String]) -> bool {
        (0..words.len()).any(|i| Self::matches_from(&self.elems, &words[i..], true))
    }
}

// ---------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------

impl Rule {
    /// Why this rule flags the text, if it does: `Some(detail)`, where detail is
    /// an extra word for the message ("34 words") or empty.
    fn check_text(&self, text: &str, sentences: &[Sentence], openers: &[String]) -> Option<String> {
        if self.guide_check.is_some() {
            return None;
        }
        if let Some(max) = self.max_words {
            let n = word_count(text);
            if n > max {
                return Some(format!("{n} words, over {max}."));
            }
        }
        if let Some(max) = self.max_question_marks {
            let n = text.matches(['?', '\u{ff1f}']).count();
            if n > max {
                return Some(format!("{n} question marks."));
            }
        }
        let hit = sentences.iter().any(|s| {
            if self.questions_only && !s.question {
                return false;
            }
            // Openers ("So, and…") are looked past: `starts_with` is tried from the
            // sentence's start and after each of them, the rest after all of them
            // (so a sentence starting "And how…" does not join two questions).
            let all = &s.words;
            let skip = all.iter().take_while(|x| *x == "," || openers.contains(x)).count();
            let w = &all[skip..];
            let starts = |p: &Pattern| (0..=skip).any(|i| p.starts(&all[i..]));
            let matched = self.starts_with.iter().any(starts)
                || self.contains.iter().any(|p| p.within(w))
                || self.ends_with.iter().any(|p| p.ends(w));
            matched && !self.unless_starts_with.iter().any(starts) && !self.unless_contains.iter().any(|p| p.within(w))
        });
        hit.then(String::new)
    }

    fn finding(&self, detail: &str) -> (String, Option<String>) {
        let message =
            if detail.is_empty() { self.explanation.clone() } else { format!("{detail} {}", self.explanation) };
        let suggestion = (!self.suggestion.is_empty()).then(|| self.suggestion.clone());
        (message, suggestion)
    }
}

/// The rules a piece of text breaks, with the detail for each message, after
/// superseded rules are dropped.
fn check<'r>(text: &str, rules: &'r Rules) -> Vec<(&'r Rule, String)> {
    let sentences = sentences(text);
    let hits: Vec<(&Rule, String)> =
        rules.active().filter_map(|r| r.check_text(text, &sentences, &rules.openers).map(|d| (r, d))).collect();
    hits.iter()
        .filter(|(r, _)| !hits.iter().any(|(other, _)| other.id != r.id && other.supersedes.contains(&r.id)))
        .cloned()
        .collect()
}

/// The ids of the rules a question's text breaks, in rule order. For tests and
/// for checking a question as it is typed.
pub fn check_question(text: &str, rules: &Rules) -> Vec<String> {
    check(text, rules).into_iter().map(|(r, _)| r.id.clone()).collect()
}

/// Every finding in a guide: guide-level checks first, then its questions (and
/// their probes) in order, then its closing question.
/// The built-in rules, parsed once (the new-interview form lints on every draw).
pub fn builtin_rules() -> &'static Rules {
    static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    RULES.get_or_init(Rules::builtin)
}

/// One line for people choosing a guide: how many findings, and the first.
pub fn summary(guide: &Guide) -> Option<String> {
    let findings = lint_guide(guide, builtin_rules());
    let first = findings.first()?;
    let at = first.question_id.as_deref().map(|q| format!(" {q}")).unwrap_or_default();
    Some(format!(
        "{} lint finding(s), e.g.{at} [{}]: see `fieldnotes guide lint {}`",
        findings.len(),
        first.rule,
        guide.name
    ))
}

pub fn lint_guide(guide: &Guide, rules: &Rules) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in rules.active() {
        match rule.guide_check {
            Some(GuideCheck::BudgetOverDuration) => {
                let planned: u32 = guide.sections.iter().filter_map(|s| s.budget).sum();
                if let Some(duration) = guide.duration
                    && planned > duration
                {
                    let (message, suggestion) = rule
                        .finding(&format!("Section budgets add up to {planned} min, over the planned {duration} min."));
                    out.push(Finding {
                        question_id: None,
                        probe: None,
                        question: None,
                        rule: rule.id.clone(),
                        severity: rule.severity,
                        message,
                        suggestion,
                    });
                }
            }
            None => {}
        }
    }
    let mut text_findings = |id: &str, probe: Option<usize>, text: &str| {
        for (rule, detail) in check(text, rules) {
            let (message, suggestion) = rule.finding(&detail);
            out.push(Finding {
                question_id: Some(id.to_string()),
                probe,
                question: Some(text.to_string()),
                rule: rule.id.clone(),
                severity: rule.severity,
                message,
                suggestion,
            });
        }
    };
    for (_, q) in guide.questions() {
        text_findings(&q.id, None, &q.text);
        for (i, p) in q.probes.iter().enumerate() {
            text_findings(&q.id, Some(i + 1), p);
        }
    }
    if let Some(closing) = guide.closing.as_deref().filter(|c| !c.trim().is_empty()) {
        text_findings("closing", None, closing);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn words_and_sentences() {
        assert_eq!(w("Don't you think, really?"), ["dont", "you", "think", ",", "really"]);
        assert_eq!(w("What’s the sign-up like"), ["whats", "the", "sign", "up", "like"]);
        let s = sentences("You signed up. Did it work? Tell me: how 1.5 e.g. went");
        let got: Vec<(String, bool)> = s.iter().map(|s| (s.words.join(" "), s.question)).collect();
        assert_eq!(
            got,
            [
                ("you signed up".to_string(), false),
                ("did it work".to_string(), true),
                ("tell me".to_string(), false),
                ("how 1 5 e g".to_string(), false),
                ("went".to_string(), false),
            ]
        );
        assert_eq!(word_count("How do you — roughly — decide?"), 5);
    }

    #[test]
    fn patterns_match_alternatives_gaps_and_anchors() {
        let p = Pattern::parse("if {we|you} ... would you").unwrap();
        assert!(p.starts(&w("if we built it, would you pay")));
        assert!(p.starts(&w("if you would you")));
        assert!(!p.starts(&w("so if we built it would you")));
        assert!(p.within(&w("so if we built it would you")));
        let tag = Pattern::parse(", {right|isn't} {it}").unwrap();
        assert!(!tag.ends(&w("is it right")));
        let tag = Pattern::parse(", right").unwrap();
        assert!(tag.ends(&w("you export weekly, right")));
        assert!(!tag.ends(&w("you export weekly, right now")));
        assert!(Pattern::parse("{a b}").is_err());
        assert!(Pattern::parse("{a|b").is_err());
        assert!(Pattern::parse("a|b").is_err());
        assert!(Pattern::parse("...").is_err());
    }

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
