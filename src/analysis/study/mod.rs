//! The study around the interviews, computed: recruiting against quotas,
//! the hypotheses scoreboard, saturation (overall and per segment), trends
//! of the top themes and persona drafts. Pure: `cli/study.rs` reads the
//! study file, the roster and the records, and prints what [`compute`]
//! returns in a format of `format.rs`.
//!
//! One file per view: `codes.rs` (what a code is: the one place aliases
//! will resolve), `quotas.rs`, `hypotheses.rs`, `saturation.rs`,
//! `trends.rs`, `personas.rs`, `guide_yield.rs` (what each guide question
//! yields, and which to reword); `roster.rs` (which sessions are with whom),
//! `candidates.rs` (people from a CSV); `format.rs` (text, Markdown, JSON).

pub mod candidates;
pub mod codes;
pub mod format;
pub mod guide_yield;
pub mod hypotheses;
pub mod personas;
pub mod quotas;
pub mod roster;
pub mod saturation;
pub mod trends;

use crate::analysis::synthesis::{Dimension, Filter, SessionRecord};
use crate::domain::study::{Study, StudyFilter};
use hypotheses::Scored;
use personas::Persona;
use quotas::{QuotaRow, same_segment};
use saturation::{Curve, Held};
use trends::{Period, Trends};

/// What the study is computed over, besides its file.
#[derive(Debug, Clone)]
pub struct Options {
    /// The segment of each person on the roster scheduled and not yet interviewed.
    pub scheduled: Vec<Option<String>>,
    /// What persona drafts are grouped by.
    pub personas_by: Dimension,
    /// Weeks or months; `None` picks from the study's span.
    pub period: Option<Period>,
    /// How many themes the trends follow.
    pub trend_themes: usize,
    /// The guides on offer (the guides folder, then the built-in ones), for
    /// what each question yields; none: no guide figures.
    pub guides: Vec<crate::domain::guide::Guide>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            scheduled: Vec::new(),
            personas_by: Dimension::Segment,
            period: None,
            trend_themes: 5,
            guides: Vec::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Computed {
    /// The study's interviews, oldest first (then by id): indices into the records.
    pub selected: Vec<usize>,
    pub quotas: Vec<QuotaRow>,
    pub hypotheses: Vec<Scored>,
    pub overall: Curve,
    /// Per segment: the quota segments first, in order, then the others met, most interviews first.
    pub segments: Vec<(String, Curve)>,
    pub trends: Trends,
    pub personas: Vec<Persona>,
    /// What each question of the guides used yields (`guide_yield.rs`).
    pub guide: Vec<guide_yield::QuestionYield>,
}

/// The synthesis filter a study file writes.
pub fn filter_of(f: &StudyFilter) -> Filter {
    Filter {
        since: f.since,
        until: f.until,
        segment: f.segment.clone(),
        guide: f.guide.clone(),
        tag: f.tag.clone(),
        participant: f.participant.clone(),
        company: f.company.clone(),
        role: f.role.clone(),
        words: Vec::new(),
    }
}

/// Every view of the study at once.
pub fn compute(study: &Study, records: &[SessionRecord], opts: &Options) -> Computed {
    // Interviews, not notes: a `tag` in the study filter selects the
    // interviews that carry it, and every view reads all of their notes.
    let selected = filter_of(&study.filter).select(records);
    let codes: Vec<Vec<String>> = selected.iter().map(|&i| codes::session_codes(&records[i])).collect();
    let quotas = quotas::quotas(
        &study.quotas,
        selected.iter().map(|&i| records[i].segment.as_deref()),
        opts.scheduled.iter().map(|s| s.as_deref()),
    );
    let hypotheses = hypotheses::score(&study.hypotheses, records, &selected);
    let held = |keep: &dyn Fn(&SessionRecord) -> bool| -> Vec<Held> {
        selected
            .iter()
            .zip(&codes)
            .filter(|(i, _)| keep(&records[**i]))
            .map(|(&i, c)| Held { started_at: records[i].started_at, id: &records[i].id, codes: c })
            .collect()
    };
    let rule = &study.saturation;
    let overall = saturation::curve(held(&|_| true), rule);
    let segments = segment_names(study, records, &selected)
        .into_iter()
        .map(|name| {
            let curve =
                saturation::curve(held(&|s| s.segment.as_deref().is_some_and(|g| same_segment(g, &name))), rule);
            (name, curve)
        })
        .collect();
    let top = top_codes(&codes, opts.trend_themes);
    let dated: Vec<(chrono::NaiveDate, &[String])> =
        selected.iter().zip(&codes).map(|(&i, c)| (records[i].date(), c.as_slice())).collect();
    let trends = trends::trends(&dated, &top, opts.period);
    let personas = personas::drafts(records, &selected, opts.personas_by);
    let guide = guide_yield::yields(&opts.guides, records, &selected);
    Computed { selected, quotas, hypotheses, overall, segments, trends, personas, guide }
}

/// The quota segments in order, then every other segment met, most interviews first.
fn segment_names(study: &Study, records: &[SessionRecord], selected: &[usize]) -> Vec<String> {
    let mut names: Vec<String> = study.quotas.iter().map(|q| q.segment.clone()).collect();
    let mut others: Vec<(String, usize)> = Vec::new();
    for s in selected.iter().filter_map(|&i| records[i].segment.as_deref()) {
        if names.iter().any(|n| same_segment(n, s)) {
            continue;
        }
        match others.iter_mut().find(|(n, _)| same_segment(n, s)) {
            Some((_, c)) => *c += 1,
            None => others.push((s.trim().to_string(), 1)),
        }
    }
    others.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    names.extend(others.into_iter().map(|(n, _)| n));
    names
}

/// The `n` codes most interviews carry, then by name.
fn top_codes(codes: &[Vec<String>], n: usize) -> Vec<String> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for c in codes.iter().flatten() {
        *counts.entry(c.as_str()).or_default() += 1;
    }
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    v.into_iter().take(n).map(|(c, _)| c.to_string()).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::note::Kind;
    use crate::domain::session::Offset;
    use crate::domain::study::{Evidence, Hypothesis, Quota};
    use chrono::{DateTime, FixedOffset};

    pub(crate) fn day(d: u32) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2026-01-{d:02}T10:00:00+00:00")).unwrap()
    }

    /// An interview on 2026-01-`d` with `notes` (kind, text, tags).
    pub(crate) fn rec(id: &str, d: u32, segment: &str, notes: &[(Kind, &str, &[&str])]) -> SessionRecord {
        let mut s = SessionRecord::new(id, &format!("P {id}"), "discovery", day(d));
        s.segment = Some(segment.to_string()).filter(|s| !s.is_empty());
        s.company = Some(format!("{id} Corp"));
        for (kind, text, tags) in notes {
            s.push_note(Offset(60), *kind, None, tags.iter().copied(), text);
        }
        s
    }

    pub(crate) fn starred(s: &mut SessionRecord, note: usize) {
        s.notes[note].starred = true;
    }

    #[test]
    fn the_study_filter_selects_interviews_and_every_view_reads_them() {
        let records = vec![
            rec("a", 1, "smb", &[(Kind::Pain, "slow", &["perf"])]),
            rec("b", 2, "mid", &[(Kind::Note, "cost", &["pricing", "perf"])]),
            rec("c", 3, "mid", &[(Kind::Note, "cost", &["pricing"])]),
        ];
        let study = Study {
            quotas: vec![Quota { segment: "Mid".into(), target: 3 }],
            filter: StudyFilter { since: Some(day(2).date_naive()), ..StudyFilter::default() },
            hypotheses: vec![Hypothesis {
                statement: "Price matters".into(),
                evidence_for: Evidence { tags: vec!["pricing".into()], words: vec![] },
                ..Hypothesis::default()
            }],
            ..Study::default()
        };
        let opts = Options { scheduled: vec![Some("mid".into()), None], ..Options::default() };
        let c = compute(&study, &records, &opts);
        assert_eq!(c.selected, vec![1, 2]);
        assert_eq!((c.quotas[0].done, c.quotas[0].scheduled, c.quotas[0].missing), (2, 1, 0));
        assert_eq!(c.hypotheses[0].evidence_for.interviews, 2);
        let steps: Vec<usize> = c.overall.steps.iter().map(|s| s.cumulative).collect();
        assert_eq!(steps, vec![2, 2]);
        assert_eq!(c.segments.len(), 1, "the quota segment; no other segment in the study");
        let top: Vec<&str> = c.trends.themes.iter().map(|t| t.code.as_str()).collect();
        assert_eq!(top, vec!["pricing", "perf"], "by interviews carrying the code");
    }
}
