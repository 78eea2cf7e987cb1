//! Checking guides against the rules: a question's text against each rule,
//! superseded rules dropped, and the guide-level checks, into [`Finding`]s.

use super::words::{Pattern, Sentence, sentences, word_count};
use super::{Finding, GuideCheck, Rule, Rules};
use crate::domain::guide::Guide;

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

/// Every finding in a guide: guide-level checks first, then its questions (and
/// their probes) in order, then its closing question.
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
