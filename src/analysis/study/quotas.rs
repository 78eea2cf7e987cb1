//! Recruiting: per target segment, how many interviews are done (sessions of
//! the study in that segment), how many are scheduled (people on the roster
//! scheduled and not yet interviewed), the target, and what is missing.

use crate::domain::study::Quota;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaRow {
    pub segment: String,
    pub target: usize,
    pub done: usize,
    pub scheduled: usize,
    /// Interviews still to find someone for: target − done − scheduled, at least 0.
    pub missing: usize,
}

/// Segments match without regard to case and surrounding spaces.
pub fn same_segment(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// One row per quota, in the study's order. `interviewed` holds the segment
/// of each interview of the study; `scheduled` that of each person scheduled.
pub fn quotas<'a>(
    quotas: &[Quota],
    interviewed: impl Iterator<Item = Option<&'a str>> + Clone,
    scheduled: impl Iterator<Item = Option<&'a str>> + Clone,
) -> Vec<QuotaRow> {
    quotas
        .iter()
        .map(|q| {
            let count = |it: &mut dyn Iterator<Item = Option<&'a str>>| {
                it.filter(|s| s.is_some_and(|s| same_segment(s, &q.segment))).count()
            };
            let done = count(&mut interviewed.clone());
            let scheduled = count(&mut scheduled.clone());
            let target = q.target as usize;
            QuotaRow {
                segment: q.segment.clone(),
                target,
                done,
                scheduled,
                missing: target.saturating_sub(done + scheduled),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas_count_done_scheduled_and_missing_per_segment() {
        let q =
            vec![Quota { segment: "mid-market".into(), target: 8 }, Quota { segment: "enterprise".into(), target: 2 }];
        let done = [Some("Mid-Market "), Some("mid-market"), None, Some("enterprise"), Some("smb")];
        let sched = [Some("mid-market"), Some("enterprise"), Some("enterprise")];
        let rows = quotas(&q, done.iter().copied(), sched.iter().copied());
        assert_eq!(rows[0], QuotaRow { segment: "mid-market".into(), target: 8, done: 2, scheduled: 1, missing: 5 });
        assert_eq!(rows[1], QuotaRow { segment: "enterprise".into(), target: 2, done: 1, scheduled: 2, missing: 0 });
    }
}
