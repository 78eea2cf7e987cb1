//! `--filter` and its shorthands read into one `Filter`, by the same
//! language as the screens (`analysis::synthesis::filter_line`), so a
//! filter typed in the library, in the synthesis or on the command line keeps
//! the same interviews.

use crate::analysis::synthesis::{Filter, filter_date, parse_filter};
use crate::cli::args::FilterArgs;
use chrono::NaiveDate;

impl FilterArgs {
    /// The filter asked for, relative dates counted back from today.
    pub fn filter(&self) -> Result<Filter, String> {
        self.filter_on(chrono::Local::now().date_naive())
    }

    /// The filter asked for, relative dates counted back from `today`. A
    /// shorthand and the same key in `--filter` must agree; errors name the
    /// word that is wrong.
    pub fn filter_on(&self, today: NaiveDate) -> Result<Filter, String> {
        let line = self.filter.as_deref().unwrap_or("");
        let mut f = parse_filter(line, today).map_err(|e| format!("--filter: {e}"))?;
        let day = |flag: &str, v: &Option<String>| {
            v.as_deref().map(|v| filter_date(v.trim(), today).map_err(|e| format!("--{flag}: {e}"))).transpose()
        };
        let since = day("since", &self.since)?;
        let until = day("until", &self.until)?;
        set(&mut f.since, since, "since")?;
        set(&mut f.until, until, "until")?;
        let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        set(&mut f.segment, text(&self.segment), "segment")?;
        set(&mut f.guide, text(&self.guide), "guide")?;
        // As given: reports echo the flag (`#PRICING`); matching ignores the `#` and case.
        set(&mut f.tag, text(&self.tag), "tag")?;
        set(&mut f.participant, text(&self.participant), "participant")?;
        set(&mut f.company, text(&self.company), "company")?;
        set(&mut f.role, text(&self.role), "role")?;
        if let (Some(a), Some(b)) = (f.since, f.until)
            && a > b
        {
            return Err(format!("since {a} is after until {b}"));
        }
        Ok(f)
    }
}

/// A shorthand's value into the filter, unless `--filter` already says otherwise.
fn set<T: PartialEq + std::fmt::Debug>(slot: &mut Option<T>, flag: Option<T>, key: &str) -> Result<(), String> {
    let Some(v) = flag else { return Ok(()) };
    match slot {
        Some(was) if *was != v => Err(format!("--{key} {v:?} and {key}:{was:?} in --filter disagree: give one")),
        _ => {
            *slot = Some(v);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn flags_are_shorthands_for_the_filter_line() {
        let today = day("2026-11-22");
        let line = FilterArgs { filter: Some("segment:smb since:30d pricing".into()), ..FilterArgs::default() };
        let flags = FilterArgs {
            filter: Some("pricing".into()),
            segment: Some("smb".into()),
            since: Some("30d".into()),
            ..FilterArgs::default()
        };
        let f = line.filter_on(today).unwrap();
        assert_eq!(f, flags.filter_on(today).unwrap());
        assert_eq!(f.since, Some(day("2026-10-23")));
        assert_eq!(f.words, vec!["pricing".to_string()]);
        let iso = FilterArgs { since: Some("2026-01-01".into()), ..FilterArgs::default() };
        assert_eq!(iso.filter_on(today).unwrap().since, Some(day("2026-01-01")));
    }

    #[test]
    fn bad_filters_name_the_word() {
        let today = day("2026-11-22");
        let bad = FilterArgs { filter: Some("segmnt:smb".into()), ..FilterArgs::default() };
        assert_eq!(bad.filter_on(today).unwrap_err(), "--filter: unknown filter key 'segmnt': did you mean segment?");
        let bad = FilterArgs { since: Some("lastweek".into()), ..FilterArgs::default() };
        assert!(bad.filter_on(today).unwrap_err().starts_with("--since: 'lastweek' is not a date"));
        let both =
            FilterArgs { filter: Some("segment:smb".into()), segment: Some("ent".into()), ..FilterArgs::default() };
        assert!(both.filter_on(today).unwrap_err().contains("disagree"));
    }
}
