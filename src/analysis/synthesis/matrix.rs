//! The segment × theme matrix: sessions grouped by a [`Dimension`], and the
//! themes it shows ranked by how much the groups differ on them
//! ([`MatrixRanking`]). Separate because the ranking rule is its own small
//! piece of arithmetic.

use super::filter::Dimension;
use super::records::SessionRecord;
use super::share;
use std::collections::HashMap;

/// Which themes the matrix shows, in which order.
///
/// `Difference` (the default) exists because the themes most common overall
/// are mentioned by nearly everyone, so their cells read 100 % in every row
/// and say nothing about how groups differ. The rule: a theme scores the
/// largest absolute difference, over the groups, between the share of the
/// group's interviews mentioning it and the share of the interviews outside
/// the group mentioning it. Only groups with a value (not "no segment") and
/// with at least [`MIN_GROUP`] interviews, and with at least [`MIN_GROUP`]
/// interviews outside them, take part, so one interview cannot dominate.
/// Highest score first; ties (and themes no group can score) keep the
/// overall order. `Overall` is the overall order: most interviews first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatrixRanking {
    #[default]
    Difference,
    Overall,
}

impl MatrixRanking {
    pub fn name(self) -> &'static str {
        match self {
            MatrixRanking::Difference => "difference",
            MatrixRanking::Overall => "overall",
        }
    }

    pub fn other(self) -> MatrixRanking {
        match self {
            MatrixRanking::Difference => MatrixRanking::Overall,
            MatrixRanking::Overall => MatrixRanking::Difference,
        }
    }
}

/// Interviews a group needs (and the rest of the library needs) before its
/// difference counts in the `Difference` ranking.
pub const MIN_GROUP: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRow {
    /// The group's value (first spelling seen; groups ignore case); `None` for sessions without one.
    pub group: Option<String>,
    pub sessions: usize,
    /// Per theme column: sessions of this group mentioning it.
    pub counts: Vec<usize>,
}

impl MatrixRow {
    /// Share of this group's sessions mentioning theme column `i`, 0.0..=1.0.
    pub fn share(&self, i: usize) -> f64 {
        share(self.counts.get(i).copied().unwrap_or(0), self.sessions)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    pub by: Dimension,
    /// How the columns were picked and ordered.
    pub ranking: MatrixRanking,
    /// Column headers: the themes picked by `ranking`.
    pub themes: Vec<String>,
    /// Largest group first; sessions without a value last.
    pub rows: Vec<MatrixRow>,
}

pub(super) fn build_matrix(
    records: &[SessionRecord],
    selected: &[usize],
    session_tags: &[Vec<u32>],
    theme_ids: &[u32],
    names: &[&str],
    by: Dimension,
) -> Matrix {
    let mut rows: Vec<MatrixRow> = Vec::new();
    let mut index: HashMap<Option<String>, usize> = HashMap::new();
    // Each tag's column, so a session's tags are counted in one pass over them.
    let mut column: Vec<Option<usize>> = vec![None; names.len()];
    for (j, &id) in theme_ids.iter().enumerate() {
        column[id as usize] = Some(j);
    }
    for (pos, &si) in selected.iter().enumerate() {
        let value = by.of(&records[si]);
        let key = value.map(str::to_lowercase);
        let row = *index.entry(key).or_insert_with(|| {
            rows.push(MatrixRow { group: value.map(String::from), sessions: 0, counts: vec![0; theme_ids.len()] });
            rows.len() - 1
        });
        let r = &mut rows[row];
        r.sessions += 1;
        for &id in &session_tags[pos] {
            if let Some(j) = column[id as usize] {
                r.counts[j] += 1;
            }
        }
    }
    rows.sort_by(|a, b| {
        a.group.is_none().cmp(&b.group.is_none()).then(b.sessions.cmp(&a.sessions)).then_with(|| a.group.cmp(&b.group))
    });
    Matrix {
        by,
        ranking: MatrixRanking::Overall,
        themes: theme_ids.iter().map(|&i| names[i as usize].to_string()).collect(),
        rows,
    }
}

/// A difference between two shares, `num / den`, kept exact so equal
/// differences tie whatever their denominators.
#[derive(Debug, Clone, Copy)]
struct Gap {
    num: u128,
    den: u128,
}

impl Gap {
    const NONE: Gap = Gap { num: 0, den: 1 };

    /// |a/b − c/d|, with b and d non-zero.
    fn between(a: usize, b: usize, c: usize, d: usize) -> Gap {
        let (left, right) = (a as u128 * d as u128, c as u128 * b as u128);
        Gap { num: left.abs_diff(right), den: b as u128 * d as u128 }
    }

    fn cmp(self, other: Gap) -> std::cmp::Ordering {
        (self.num * other.den).cmp(&(other.num * self.den))
    }
}

impl Matrix {
    /// This matrix (whose columns are every theme in the overall order)
    /// cut to `keep` columns picked and ordered by `ranking`.
    pub(super) fn ranked(self, ranking: MatrixRanking, keep: usize) -> Matrix {
        let mut order: Vec<usize> = (0..self.themes.len()).collect();
        if ranking == MatrixRanking::Difference {
            let gaps: Vec<Gap> = order.iter().map(|&c| self.largest_gap(c)).collect();
            // Stable: equal gaps keep the overall order.
            order.sort_by(|&a, &b| gaps[b].cmp(gaps[a]));
        }
        order.truncate(keep);
        Matrix {
            by: self.by,
            ranking,
            themes: order.iter().map(|&c| self.themes[c].clone()).collect(),
            rows: self
                .rows
                .into_iter()
                .map(|r| MatrixRow { counts: order.iter().map(|&c| r.counts[c]).collect(), ..r })
                .collect(),
        }
    }

    /// Column `c`'s score in the `Difference` ranking (see [`MatrixRanking`]).
    fn largest_gap(&self, c: usize) -> Gap {
        let all: usize = self.rows.iter().map(|r| r.sessions).sum();
        let mentioning: usize = self.rows.iter().map(|r| r.counts[c]).sum();
        self.rows
            .iter()
            .filter(|r| r.group.is_some() && r.sessions >= MIN_GROUP && all - r.sessions >= MIN_GROUP)
            .map(|r| Gap::between(r.counts[c], r.sessions, mentioning - r.counts[c], all - r.sessions))
            .max_by(|a, b| a.cmp(*b))
            .unwrap_or(Gap::NONE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::synthesis::fixtures::{N, library, session};
    use crate::analysis::synthesis::{Filter, Options, synthesize};
    use crate::domain::note::Kind;

    #[test]
    fn matrix_groups_ignore_case_and_put_missing_last() {
        let r = library();
        let s = synthesize(&r, &[], &Filter::default(), &Options { matrix_themes: 2, ..Options::default() });
        assert_eq!(s.matrix.themes, vec!["perf", "pricing"]);
        let rows: Vec<(Option<&str>, usize, Vec<usize>)> =
            s.matrix.rows.iter().map(|r| (r.group.as_deref(), r.sessions, r.counts.clone())).collect();
        assert_eq!(
            rows,
            vec![(Some("SMB"), 2, vec![2, 1]), (Some("enterprise"), 1, vec![0, 1]), (None, 1, vec![0, 0])]
        );
        assert_eq!(s.matrix.rows[0].share(1), 0.5);
    }

    /// Issue #14: every segment mentions the common themes (100 % in every
    /// cell) and differs on a few: segments × themes as personas.
    fn personas() -> Vec<SessionRecord> {
        let common: &[&str] = &["onboarding", "reporting", "export"];
        let mut r = Vec::new();
        for (i, (segment, extra)) in [
            (Some("SMB"), &["pricing"][..]),
            (Some("SMB"), &["pricing"]),
            (Some("SMB"), &["pricing"]),
            (Some("SMB"), &["pricing"]),
            (Some("enterprise"), &["sso", "pricing"]),
            (Some("enterprise"), &["sso"]),
            (Some("enterprise"), &["sso"]),
            (Some("enterprise"), &["sso"]),
            // One interview alone in its group: all its group mentions
            // #oddity, nobody else does; it must not lead the matrix.
            (Some("solo"), &["oddity"]),
            (None, &[]),
        ]
        .into_iter()
        .enumerate()
        {
            let mut notes: Vec<N> =
                common.iter().map(|t| (Kind::Note, "said", std::slice::from_ref(t), None)).collect();
            notes.extend(extra.iter().map(|t| (Kind::Pain, "hurts", std::slice::from_ref(t), None)));
            r.push(session(&format!("s{i}"), i as u32 + 1, &format!("Person {i}"), segment, notes));
        }
        r
    }

    #[test]
    fn the_matrix_shows_the_themes_segments_differ_on_first() {
        let r = personas();
        let s = synthesize(&r, &[], &Filter::default(), &Options { matrix_themes: 4, ..Options::default() });
        assert_eq!(s.matrix.ranking, MatrixRanking::Difference);
        // #sso: enterprise 4/4 against 0/6 elsewhere; #pricing: SMB 4/4
        // against 1/6; #oddity: only a one-interview group has it (1/1 against
        // 0/9), which counts for nothing, so only SMB's 0/4 against 1/6 scores.
        assert_eq!(s.matrix.themes, ["sso", "pricing", "oddity", "export"]);
        let smb = &s.matrix.rows[0];
        assert_eq!((smb.group.as_deref(), smb.sessions, smb.counts.clone()), (Some("SMB"), 4, vec![0, 4, 0, 4]));
        let enterprise = &s.matrix.rows[1];
        assert_eq!(enterprise.counts, [4, 1, 0, 4]);
    }

    #[test]
    fn the_overall_ranking_shows_the_most_common_themes() {
        let r = personas();
        let opts = Options { matrix_themes: 4, matrix_ranking: MatrixRanking::Overall, ..Options::default() };
        let s = synthesize(&r, &[], &Filter::default(), &opts);
        assert_eq!(s.matrix.ranking, MatrixRanking::Overall);
        assert_eq!(s.matrix.themes, ["export", "onboarding", "reporting", "pricing"]);
        assert_eq!(s.matrix.rows[0].counts, [4, 4, 4, 4]);
    }

    #[test]
    fn equal_differences_tie_exactly_and_keep_the_overall_order() {
        // 1/3 − 0/3 and 2/6 − 0/6 are the same difference.
        assert_eq!(Gap::between(1, 3, 0, 3).cmp(Gap::between(2, 6, 0, 6)), std::cmp::Ordering::Equal);
        assert_eq!(Gap::between(0, 4, 1, 6).cmp(Gap::between(1, 6, 0, 4)), std::cmp::Ordering::Equal);
        assert_eq!(Gap::between(4, 4, 0, 6).cmp(Gap::between(4, 4, 1, 6)), std::cmp::Ordering::Greater);
    }
}
