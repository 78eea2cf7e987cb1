//! Trends: each top theme's share of the interviews held in each week or
//! month, so a theme that grows stands out. Periods run from the first
//! interview's to the last's without gaps (a period with no interview has
//! no share, shown as 0 of 0).

use crate::analysis::figures::Share;
use chrono::{Datelike, Duration, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Week,
    Month,
}

impl Period {
    pub fn name(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
        }
    }

    /// Weeks for a study of up to twelve weeks, months beyond.
    pub fn fitting(first: NaiveDate, last: NaiveDate) -> Period {
        if (last - first).num_days() <= 7 * 12 { Period::Week } else { Period::Month }
    }

    /// The first day of the period `day` falls in (weeks start on Monday).
    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Period::Week => day - Duration::days(i64::from(day.weekday().num_days_from_monday())),
            Period::Month => day.with_day(1).unwrap_or(day),
        }
    }

    fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Period::Week => start + Duration::days(7),
            Period::Month => start.checked_add_months(chrono::Months::new(1)).unwrap_or(start),
        }
    }

    /// "2026-W03" or "2026-01".
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Period::Week => {
                let w = start.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Period::Month => start.format("%Y-%m").to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Trends {
    pub period: Period,
    /// First day of each period, in order.
    pub starts: Vec<NaiveDate>,
    /// Interviews held in each period.
    pub interviews: Vec<usize>,
    pub themes: Vec<ThemeTrend>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ThemeTrend {
    pub code: String,
    /// Per period: interviews with the code, of those held.
    pub shares: Vec<Share>,
}

/// `interviews`: each interview's day and codes. `top`: the codes to follow.
pub fn trends(interviews: &[(NaiveDate, &[String])], top: &[String], period: Option<Period>) -> Trends {
    let first = interviews.iter().map(|(d, _)| *d).min();
    let last = interviews.iter().map(|(d, _)| *d).max();
    let (Some(first), Some(last)) = (first, last) else {
        return Trends { period: period.unwrap_or(Period::Week), starts: vec![], interviews: vec![], themes: vec![] };
    };
    let period = period.unwrap_or_else(|| Period::fitting(first, last));
    let mut starts = vec![period.start_of(first)];
    while let Some(&s) = starts.last() {
        let next = period.next(s);
        if next > last || next == s {
            break;
        }
        starts.push(next);
    }
    let index = |d: NaiveDate| starts.partition_point(|&s| s <= d) - 1;
    let mut held = vec![0; starts.len()];
    let mut with = vec![vec![0; starts.len()]; top.len()];
    for (day, codes) in interviews {
        let i = index(*day);
        held[i] += 1;
        for (t, code) in top.iter().enumerate() {
            if codes.contains(code) {
                with[t][i] += 1;
            }
        }
    }
    let themes = top
        .iter()
        .zip(with)
        .map(|(code, counts)| ThemeTrend {
            code: code.clone(),
            shares: counts.iter().zip(&held).map(|(&c, &h)| Share::of(c, h)).collect(),
        })
        .collect();
    Trends { period, starts, interviews: held, themes }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn shares_per_week_with_empty_weeks_kept() {
        let p = vec!["pricing".to_string()];
        let none: Vec<String> = vec![];
        // Mon 5 Jan and Sun 11 Jan share a week; 12–18 Jan has none; 19 Jan the third.
        let data: Vec<(NaiveDate, &[String])> = vec![(d(1, 5), &p), (d(1, 11), &none), (d(1, 19), &p)];
        let t = trends(&data, &p, None);
        assert_eq!(t.period, Period::Week);
        let labels: Vec<String> = t.starts.iter().map(|s| t.period.label(*s)).collect();
        assert_eq!(labels, vec!["2026-W02", "2026-W03", "2026-W04"]);
        assert_eq!(t.interviews, vec![2, 0, 1]);
        assert_eq!(t.themes[0].shares, vec![Share::of(1, 2), Share::of(0, 0), Share::of(1, 1)]);
    }

    #[test]
    fn long_studies_go_by_month() {
        let p = vec!["x".to_string()];
        let data: Vec<(NaiveDate, &[String])> = vec![(d(1, 31), &p), (d(6, 1), &p)];
        let t = trends(&data, &p, None);
        assert_eq!(t.period, Period::Month);
        assert_eq!(t.starts.len(), 6);
        assert_eq!(t.period.label(t.starts[5]), "2026-06");
    }
}
