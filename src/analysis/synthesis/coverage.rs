//! Question coverage: per guide, how many sessions noted or reached each
//! question. Separate because it walks sessions by guide, not by tag.

use super::Fnv;
use super::filter::Filter;
use super::records::SessionRecord;
use crate::domain::guide::Guide;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionCoverage {
    pub id: String,
    /// The question's text, when the guide is known and has it.
    pub text: Option<String>,
    /// False for ids notes use that the guide does not have.
    pub in_guide: bool,
    /// Sessions with at least one note on it.
    pub noted: usize,
    /// Sessions that reached it (`asked_at`).
    pub reached: usize,
    /// Sessions with either.
    pub covered: usize,
}

impl QuestionCoverage {
    pub fn never_covered(&self) -> bool {
        self.in_guide && self.covered == 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideCoverage {
    pub guide: String,
    /// The guide's title; `None` when the guide was not found.
    pub title: Option<String>,
    pub sessions: usize,
    /// In guide order, then ids the guide does not have.
    pub questions: Vec<QuestionCoverage>,
}

pub(super) fn coverage<'r>(
    records: &'r [SessionRecord],
    selected: &[usize],
    guides: &'r [Guide],
    filter: &Filter,
) -> Vec<GuideCoverage> {
    let mut by_guide: Vec<(&str, Vec<usize>)> = Vec::new();
    for &si in selected {
        let g = records[si].guide.as_str();
        match by_guide.iter_mut().find(|(x, _)| *x == g) {
            Some((_, v)) => v.push(si),
            None => by_guide.push((g, vec![si])),
        }
    }
    by_guide.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(b.0)));
    by_guide
        .into_iter()
        .map(|(name, sessions)| {
            let guide = guides.iter().find(|g| g.name == name);
            let mut questions: Vec<QuestionCoverage> = guide
                .map(|g| {
                    g.questions()
                        .map(|(_, q)| QuestionCoverage {
                            id: q.id.clone(),
                            text: Some(q.text.clone()),
                            in_guide: true,
                            noted: 0,
                            reached: 0,
                            covered: 0,
                        })
                        .collect()
                })
                .unwrap_or_default();
            let in_guide = questions.len();
            // Question id → index in `questions`; ids the guide lacks are added as met.
            let mut index: HashMap<&str, usize, Fnv> = HashMap::default();
            for (i, (_, q)) in guide.iter().flat_map(|g| g.questions()).enumerate() {
                index.entry(q.id.as_str()).or_insert(i);
            }
            let mut position = |id: &'r str, questions: &mut Vec<QuestionCoverage>| -> usize {
                *index.entry(id).or_insert_with(|| {
                    questions.push(QuestionCoverage {
                        id: id.to_string(),
                        text: None,
                        in_guide: false,
                        noted: 0,
                        reached: 0,
                        covered: 0,
                    });
                    questions.len() - 1
                })
            };
            // Per question, the last session (its place in `sessions`) that noted / reached it.
            let (mut noted_in, mut reached_in) = (Vec::<usize>::new(), Vec::<usize>::new());
            let mut local: Vec<usize> = Vec::new();
            let mut touched: Vec<usize> = Vec::new();
            for (k, &si) in sessions.iter().enumerate() {
                let s = &records[si];
                local.clear();
                for q in &s.questions {
                    local.push(position(q, &mut questions));
                }
                let asked: Vec<usize> = s
                    .asked
                    .iter()
                    .map(|q| q.trim())
                    .filter(|q| !q.is_empty())
                    .map(|q| position(q, &mut questions))
                    .collect();
                noted_in.resize(questions.len(), usize::MAX);
                reached_in.resize(questions.len(), usize::MAX);
                for (_, n) in filter.notes_of(s) {
                    if let Some(&p) = local.get(n.question as usize)
                        && noted_in[p] != k
                    {
                        noted_in[p] = k;
                        touched.push(p);
                    }
                }
                for p in asked {
                    if reached_in[p] != k {
                        reached_in[p] = k;
                        if noted_in[p] != k {
                            touched.push(p);
                        }
                    }
                }
                for p in touched.drain(..) {
                    let q = &mut questions[p];
                    q.covered += 1;
                    q.noted += usize::from(noted_in[p] == k);
                    q.reached += usize::from(reached_in[p] == k);
                }
            }
            let mut extra = questions.split_off(in_guide);
            extra.sort_by(|a, b| natural_key(&a.id).cmp(&natural_key(&b.id)).then_with(|| a.id.cmp(&b.id)));
            questions.extend(extra);
            GuideCoverage {
                guide: name.to_string(),
                title: guide.map(|g| g.title.clone()),
                sessions: sessions.len(),
                questions,
            }
        })
        .collect()
}

/// "2.10" after "2.9": numeric parts compare as numbers.
fn natural_key(id: &str) -> Vec<(u64, String)> {
    id.split('.').map(|p| (p.parse::<u64>().unwrap_or(u64::MAX), p.to_string())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::synthesis::fixtures::library;
    use crate::analysis::synthesis::{Options, synthesize};

    #[test]
    fn coverage_counts_notes_and_reached_questions() {
        let mut r = library();
        r[2].asked = vec!["1.2".into()];
        let guide = crate::store::guides::parse_builtin("discovery").unwrap().unwrap();
        let s = synthesize(&r, std::slice::from_ref(&guide), &Filter::default(), &Options::default());
        let c = &s.coverage[0];
        assert_eq!((c.guide.as_str(), c.sessions), ("discovery", 4));
        let q = |id: &str| c.questions.iter().find(|q| q.id == id).unwrap();
        assert_eq!((q("1.1").noted, q("1.1").reached, q("1.1").covered), (1, 0, 1));
        assert_eq!((q("1.2").noted, q("1.2").reached, q("1.2").covered), (0, 1, 1));
        assert!(q("2.1").never_covered());
        assert!(!q("1.1").never_covered());
        // Without the guide: only what notes name.
        let s = synthesize(&r, &[], &Filter::default(), &Options::default());
        let ids: Vec<&str> = s.coverage[0].questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, vec!["1.1", "1.2"]);
        assert!(s.coverage[0].questions.iter().all(|q| !q.in_guide && !q.never_covered()));
        assert!(natural_key("2.10") > natural_key("2.9"));
    }
}
