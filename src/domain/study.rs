//! A study: the objective, research questions, hypotheses, target segments
//! with their quotas, dates and the saturation rule around a set of
//! interviews. Read from `study.yaml` at the library root, or one of
//! `studies/NAME.yaml`; hand-edited, never rewritten by fieldnotes (viewing
//! only reads it), and keys this version does not know are kept in `extra`.

use super::session::Extra;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Study {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub research_questions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hypotheses: Vec<Hypothesis>,
    /// Target segments in the order written, each with how many interviews it needs.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "ordered_quotas")]
    pub quotas: Vec<Quota>,
    /// Which interviews belong to the study, in the words of `synth`'s filters.
    #[serde(default, skip_serializing_if = "StudyFilter::is_empty")]
    pub filter: StudyFilter,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends: Option<NaiveDate>,
    #[serde(default)]
    pub saturation: SaturationRule,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quota {
    pub segment: String,
    pub target: u32,
}

/// `quotas: {mid-market: 8, enterprise: 5}` read in the order written (a
/// map type would sort it, and the order is the user's priority).
fn ordered_quotas<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Quota>, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Vec<Quota>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("segments with a number of interviews, like `quotas: {mid-market: 8, enterprise: 5}`")
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out: Vec<Quota> = Vec::new();
            while let Some((segment, target)) = map.next_entry::<String, u32>()? {
                out.retain(|q| !q.segment.eq_ignore_ascii_case(&segment));
                out.push(Quota { segment, target });
            }
            Ok(out)
        }
    }
    d.deserialize_any(Visitor)
}

/// The synthesis filter's fields, as a study file writes them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StudyFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl StudyFilter {
    pub fn is_empty(&self) -> bool {
        *self == StudyFilter::default()
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Hypothesis {
    pub statement: String,
    #[serde(default, rename = "for")]
    pub evidence_for: Evidence,
    #[serde(default, rename = "against")]
    pub evidence_against: Evidence,
    #[serde(default)]
    pub status: Status,
    #[serde(flatten)]
    pub extra: Extra,
}

/// What counts as evidence: notes carrying one of the tags (codes are tags
/// for now), or whose words contain one of the phrases.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Evidence {
    #[serde(default, alias = "codes", skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
}

impl Evidence {
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty() && self.words.is_empty()
    }
}

/// Where the user says a hypothesis stands (the figures only suggest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Open,
    Supported,
    Refuted,
    Mixed,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Supported => "supported",
            Status::Refuted => "refuted",
            Status::Mixed => "mixed",
        }
    }
}

/// When the interviews have stopped telling anything new (Guest, Namey &
/// Chen 2020): the last `run` interviews added at most `threshold_percent`
/// new codes relative to the codes known after the first `base` interviews.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SaturationRule {
    #[serde(default = "default_base")]
    pub base: usize,
    #[serde(default = "default_run")]
    pub run: usize,
    #[serde(default = "default_threshold")]
    pub threshold_percent: f64,
}

fn default_base() -> usize {
    6
}
fn default_run() -> usize {
    3
}
fn default_threshold() -> f64 {
    5.0
}

impl Default for SaturationRule {
    fn default() -> Self {
        SaturationRule { base: default_base(), run: default_run(), threshold_percent: default_threshold() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Study {
        crate::text::yaml::from_str(text, std::path::Path::new("study.yaml")).unwrap()
    }

    #[test]
    fn a_study_reads_quotas_in_order_hypotheses_and_keeps_unknown_keys() {
        let s = read(
            "objective: Why teams churn\nquotas: {mid-market: 8, enterprise: 5}\nowner: ana\n\
             filter: {segment: smb, since: 2026-01-01}\n\
             hypotheses:\n  - statement: Setup is slow\n    for: {tags: [onboarding], words: [took weeks]}\n    \
             against: {codes: [fast-setup]}\n    status: mixed\n",
        );
        let q: Vec<(&str, u32)> = s.quotas.iter().map(|q| (q.segment.as_str(), q.target)).collect();
        assert_eq!(q, vec![("mid-market", 8), ("enterprise", 5)]);
        assert_eq!(s.hypotheses[0].evidence_for.words, vec!["took weeks"]);
        assert_eq!(s.hypotheses[0].evidence_against.tags, vec!["fast-setup"]);
        assert_eq!(s.hypotheses[0].status, Status::Mixed);
        assert_eq!(s.extra.get("owner").and_then(|v| v.as_str()), Some("ana"));
        assert_eq!(s.filter.segment.as_deref(), Some("smb"));
        assert_eq!(s.saturation, SaturationRule::default());
    }

    #[test]
    fn a_bad_status_names_its_line() {
        let e = crate::text::yaml::from_str::<Study>(
            "objective: x\nhypotheses:\n  - statement: y\n    status: maybe\n",
            std::path::Path::new("study.yaml"),
        )
        .unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
    }
}
