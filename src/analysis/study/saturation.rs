//! Saturation: how many new codes each interview brought, in the order the
//! interviews were held (ties in time broken by id), the cumulative count,
//! and whether the stopping rule is met (Guest, Namey & Chen 2020, "A simple
//! method to assess and report thematic saturation in qualitative research",
//! PLoS ONE 15(5): e0232076): the last `run` interviews added at most
//! `threshold_percent` new codes relative to the codes known after the first
//! `base` interviews.

use crate::domain::study::SaturationRule;
use chrono::{DateTime, FixedOffset};
use std::collections::HashSet;

/// One interview as saturation reads it: when, which, and its codes.
#[derive(Debug, Clone)]
pub struct Held<'a> {
    pub started_at: DateTime<FixedOffset>,
    pub id: &'a str,
    pub codes: &'a [String],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub session: String,
    pub new_codes: usize,
    pub cumulative: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    pub steps: Vec<Step>,
    /// How many interviews it took to meet the rule the first time.
    pub reached_after: Option<usize>,
    /// New codes of the last run relative to the base, in percent, once there
    /// are enough interviews to say (`base + run`) and the base has codes.
    pub last_run_percent: Option<f64>,
}

impl Curve {
    pub fn reached(&self) -> bool {
        self.reached_after.is_some()
    }

    /// Whether the last run still meets the rule (new codes may come later).
    pub fn holds_now(&self, rule: &SaturationRule) -> bool {
        self.last_run_percent.is_some_and(|p| p <= rule.threshold_percent)
    }
}

/// The curve over `interviews`, in any order: they are put in the order held.
pub fn curve(mut interviews: Vec<Held>, rule: &SaturationRule) -> Curve {
    interviews.sort_by(|a, b| a.started_at.cmp(&b.started_at).then_with(|| a.id.cmp(b.id)));
    let mut known: HashSet<&str> = HashSet::new();
    let mut steps = Vec::with_capacity(interviews.len());
    for h in &interviews {
        let new_codes = h.codes.iter().filter(|c| known.insert(c.as_str())).count();
        steps.push(Step { session: h.id.to_string(), new_codes, cumulative: known.len() });
    }
    let percent_at = |k: usize| run_percent(&steps, rule, k);
    let reached_after = (1..=steps.len()).find(|&k| percent_at(k).is_some_and(|p| p <= rule.threshold_percent));
    let last_run_percent = percent_at(steps.len());
    Curve { steps, reached_after, last_run_percent }
}

/// New codes of the `run` interviews ending with the `k`-th, as a percent of
/// the codes known after the base; `None` before `base + run` interviews or
/// when the base brought no code at all (nothing to be relative to).
fn run_percent(steps: &[Step], rule: &SaturationRule, k: usize) -> Option<f64> {
    let (base, run) = (rule.base.max(1), rule.run.max(1));
    if k < base + run || k > steps.len() {
        return None;
    }
    let base_codes = steps[base - 1].cumulative;
    if base_codes == 0 {
        return None;
    }
    let new: usize = steps[k - run..k].iter().map(|s| s.new_codes).sum();
    Some(new as f64 * 100.0 / base_codes as f64)
}

/// The curve in words: "mid-market: saturated after 9 interviews",
/// "enterprise: 4 interviews, not yet".
pub fn in_words(name: &str, c: &Curve, rule: &SaturationRule) -> String {
    let n = c.steps.len();
    let interviews = |n: usize| crate::text::counts::plural(n, "interview");
    match c.reached_after {
        Some(k) if c.holds_now(rule) => format!("{name}: saturated after {}", interviews(k)),
        Some(k) => format!(
            "{name}: saturated after {}, but the last {} of {n} added {:.0} % new codes",
            interviews(k),
            rule.run,
            c.last_run_percent.unwrap_or(0.0)
        ),
        None if n < rule.base + rule.run => {
            format!("{name}: {}, not yet (the rule needs {} to tell)", interviews(n), rule.base + rule.run)
        }
        None => format!("{name}: {}, not yet", interviews(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(day: u32) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2026-01-{day:02}T10:00:00+00:00")).unwrap()
    }

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn new_codes_count_in_the_order_held_and_ties_go_by_id() {
        let a = codes(&["x", "y"]);
        let b = codes(&["y", "z"]);
        let c = codes(&["x"]);
        let held = vec![
            Held { started_at: t(2), id: "b", codes: &b },
            Held { started_at: t(1), id: "zz", codes: &c },
            Held { started_at: t(1), id: "aa", codes: &a },
        ];
        let c = curve(held, &SaturationRule::default());
        let got: Vec<(&str, usize, usize)> =
            c.steps.iter().map(|s| (s.session.as_str(), s.new_codes, s.cumulative)).collect();
        assert_eq!(got, vec![("aa", 2, 2), ("zz", 0, 2), ("b", 1, 3)]);
    }

    #[test]
    fn the_rule_is_met_when_the_last_run_adds_at_most_the_threshold() {
        // Base of 6 interviews brings 20 codes; then 1, 0, 0 new (5 % of 20): met after 9.
        let mut lists: Vec<Vec<String>> =
            (0..6).map(|i| (0..20).filter(|c| c % 6 == i).map(|c| format!("c{c}")).collect()).collect();
        lists.push(codes(&["c20"]));
        lists.push(codes(&["c1"]));
        lists.push(codes(&["c2"]));
        lists.push(codes(&["d1", "d2"]));
        let held: Vec<Held> =
            lists.iter().enumerate().map(|(i, l)| Held { started_at: t(i as u32 + 1), id: "", codes: l }).collect();
        let rule = SaturationRule::default();
        let c = curve(held.clone(), &rule);
        assert_eq!(c.steps[5].cumulative, 20);
        assert_eq!(c.reached_after, Some(9));
        assert!(!c.holds_now(&rule), "the 10th brought 2 new codes: 10 % over the last 3");
        assert_eq!(
            in_words("mid-market", &c, &rule),
            "mid-market: saturated after 9 interviews, but the last 3 of 10 added 10 % new codes"
        );
        let c = curve(held[..9].to_vec(), &rule);
        assert_eq!(in_words("mid-market", &c, &rule), "mid-market: saturated after 9 interviews");
        let c = curve(held[..4].to_vec(), &rule);
        assert!(!c.reached());
        assert_eq!(in_words("enterprise", &c, &rule), "enterprise: 4 interviews, not yet (the rule needs 9 to tell)");
        // A stricter rule: 0 % new codes, still not met at 9.
        let strict = SaturationRule { threshold_percent: 0.0, ..rule };
        assert_eq!(curve(held[..9].to_vec(), &strict).reached_after, None);
    }
}
