//! The filter line: writing the filter in force as a line the user can
//! edit, reading it back (keys, quoted values, relative dates), typing it,
//! and narrowing to the highlighted row. A small language of its own, kept
//! apart from the screen's other keys.

use super::{CoverageRow, Focus, Outcome, SynthScreen, Tab};
use crate::analysis::synthesis::{Dimension, Filter};
use crate::tui::action::Action;
use crate::tui::app::capture::edit_text;
use chrono::{Days, Months, NaiveDate};

impl SynthScreen {
    /// Every list was ranked again: start each from the top, and on the tag
    /// the filter keeps where the lists are of tags, so the highlight shows
    /// what was asked for.
    pub(super) fn filter_changed(&mut self) {
        self.recompute();
        self.rows = [0; 7];
        self.evidence = 0;
        if self.focus == Focus::Evidence {
            self.focus = Focus::List;
        }
        let wanted = self.filter.tag.as_deref().map(|t| t.trim().trim_start_matches('#').to_lowercase());
        if let (Some(tag), Some(s)) = (wanted, &self.result) {
            let tag_rows = !self.grouping.on;
            if let Some(i) = s.themes.iter().position(|t| tag_rows && t.tag.to_lowercase() == tag) {
                self.rows[Tab::Themes.index()] = i;
            }
            if let Some(i) = s.pain_points.iter().position(|p| p.tag.to_lowercase() == tag) {
                self.rows[Tab::Pains.index()] = i;
            }
        }
        self.skip_heading(1);
    }

    /// Filters everything by the highlighted tag, segment (company, role, guide)
    /// or guide: "show me only this".
    pub(super) fn narrow(&mut self) {
        let Some(s) = &self.result else { return };
        let row = self.row();
        let mut filter = self.filter.clone();
        match self.tab {
            Tab::Themes | Tab::Pains => {
                let tag = match self.tab {
                    Tab::Themes => self.theme_tag_index(row).map(|i| &s.themes[i].tag),
                    _ => s.pain_points.get(row).map(|p| &p.tag),
                };
                let Some(tag) = tag else {
                    if self.tab == Tab::Themes {
                        self.message = Some("Open the theme (Enter) to narrow to one of its tags.".into());
                        return;
                    }
                    self.message = Some("These pains have no tag: nothing to filter by.".into());
                    return;
                };
                filter.tag = Some(tag.clone());
            }
            Tab::Segments => {
                let Some(r) = s.matrix.rows.get(row) else { return };
                let Some(group) = r.group.clone() else {
                    self.message = Some(format!("These interviews have no {}: nothing to filter by.", self.by.name()));
                    return;
                };
                let slot = match self.by {
                    Dimension::Segment => &mut filter.segment,
                    Dimension::Company => &mut filter.company,
                    Dimension::Role => &mut filter.role,
                    Dimension::Guide => &mut filter.guide,
                };
                *slot = Some(group);
            }
            Tab::Coverage => {
                let Some(CoverageRow::Guide(g) | CoverageRow::Question(g, _)) = self.coverage_row(row) else { return };
                filter.guide = Some(s.coverage[g].guide.clone());
            }
            _ => {
                self.message = Some("Nothing here to narrow to: f edits the filter.".into());
                return;
            }
        }
        if filter != self.filter {
            self.filter = filter;
            self.filter_changed();
            self.message = Some(format!("Filtered: {}", self.shown_filter()));
        }
    }

    pub(super) fn update_filter(&mut self, action: Action, today: NaiveDate) -> Outcome {
        match action {
            Action::ApplyTag => match parse_filter(self.filter_input.text(), today) {
                Ok(filter) => {
                    self.focus = Focus::List;
                    self.filter_error = None;
                    if filter != self.filter {
                        self.filter = filter;
                        self.filter_changed();
                    }
                }
                Err(e) => self.filter_error = Some(e),
            },
            Action::Back => {
                self.focus = Focus::List;
                self.filter_error = None;
            }
            other => {
                edit_text(&mut self.filter_input, other);
                self.filter_error = None;
            }
        }
        Outcome::None
    }
}

/// Filter keys of the filter line, in the order they are written back.
pub const FILTER_KEYS: [&str; 8] = ["since", "until", "segment", "company", "role", "guide", "participant", "tag"];

/// The filter as a line the user can edit: `since:2026-01-01 segment:smb tag:pricing`.
/// Values with spaces are quoted.
impl SynthScreen {
    /// The filter line as the screen shows it: with names hidden, the company
    /// by its C-number and no participant's name (see `Anonymizer::filter`).
    pub fn shown_filter(&self) -> String {
        match &self.anon {
            Some(a) => filter_line(&a.filter(&self.filter)),
            None => filter_line(&self.filter),
        }
    }
}

pub fn filter_line(f: &Filter) -> String {
    let mut parts = Vec::new();
    let mut push = |key: &str, v: &Option<String>| {
        if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            if v.contains(char::is_whitespace) || v.contains('"') {
                parts.push(format!("{key}:\"{}\"", v.replace('"', "'")));
            } else {
                parts.push(format!("{key}:{v}"));
            }
        }
    };
    push("since", &f.since.map(|d| d.to_string()));
    push("until", &f.until.map(|d| d.to_string()));
    push("segment", &f.segment);
    push("company", &f.company);
    push("role", &f.role);
    push("guide", &f.guide);
    push("participant", &f.participant);
    push("tag", &f.tag);
    parts.join(" ")
}

/// Reads a filter line: `key:value` words (values in double quotes may hold
/// spaces), `#tag` for `tag:tag`. Dates are `YYYY-MM-DD` or relative to
/// `today`: `30d`, `6w`, `3m`, `1y` ago.
pub fn parse_filter(line: &str, today: NaiveDate) -> Result<Filter, String> {
    let mut f = Filter::default();
    for word in words(line)? {
        if let Some(tag) = word.strip_prefix('#') {
            f.tag = Some(tag.to_string());
            continue;
        }
        let Some((key, value)) = word.split_once(':') else {
            return Err(format!("'{word}': write key:value, with key one of {} (or #tag)", FILTER_KEYS.join(", ")));
        };
        let value = value.trim().to_string();
        if value.is_empty() {
            return Err(format!("'{key}:' needs a value"));
        }
        match key.to_lowercase().as_str() {
            "since" | "from" => f.since = Some(date(&value, today)?),
            "until" | "to" => f.until = Some(date(&value, today)?),
            "segment" | "seg" => f.segment = Some(value),
            "company" => f.company = Some(value),
            "role" => f.role = Some(value),
            "guide" => f.guide = Some(value),
            "participant" | "who" => f.participant = Some(value),
            "tag" => f.tag = Some(value.trim_start_matches('#').to_string()),
            other => return Err(format!("unknown filter '{other}': use {}", FILTER_KEYS.join(", "))),
        }
    }
    if let (Some(a), Some(b)) = (f.since, f.until)
        && a > b
    {
        return Err(format!("since {a} is after until {b}"));
    }
    Ok(f)
}

/// Splits on spaces, keeping "double-quoted values" whole.
fn words(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if quoted {
        return Err("a quote is not closed".into());
    }
    if !word.is_empty() {
        out.push(word);
    }
    Ok(out)
}

fn date(value: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    if let Ok(d) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Ok(d);
    }
    let bad = || format!("'{value}' is not a date: write 2026-03-01, or 30d, 6w, 3m, 1y for that long ago");
    let unit = value.chars().last().ok_or_else(bad)?;
    let n: u32 = value[..value.len() - unit.len_utf8()].parse().map_err(|_| bad())?;
    let ago = match unit {
        'd' => today.checked_sub_days(Days::new(n.into())),
        'w' => today.checked_sub_days(Days::new(u64::from(n) * 7)),
        'm' => today.checked_sub_months(Months::new(n)),
        'y' => today.checked_sub_months(Months::new(n.saturating_mul(12))),
        _ => None,
    };
    ago.ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn filter_lines_round_trip() {
        let today = day("2026-11-22");
        let f = parse_filter(r#"since:2026-01-01 segment:smb role:"Head of Ops" #pricing who:ana"#, today).unwrap();
        assert_eq!(f.since, Some(day("2026-01-01")));
        assert_eq!(f.segment.as_deref(), Some("smb"));
        assert_eq!(f.role.as_deref(), Some("Head of Ops"));
        assert_eq!(f.tag.as_deref(), Some("pricing"));
        assert_eq!(f.participant.as_deref(), Some("ana"));
        assert_eq!(parse_filter(&filter_line(&f), today).unwrap(), f);
        assert_eq!(parse_filter("  ", today).unwrap(), Filter::default());
    }

    #[test]
    fn relative_dates_count_back_from_today() {
        let today = day("2026-11-22");
        assert_eq!(parse_filter("since:30d", today).unwrap().since, Some(day("2026-10-23")));
        assert_eq!(parse_filter("since:2w", today).unwrap().since, Some(day("2026-11-08")));
        assert_eq!(parse_filter("since:3m", today).unwrap().since, Some(day("2026-08-22")));
        assert_eq!(parse_filter("from:1y", today).unwrap().since, Some(day("2025-11-22")));
    }

    #[test]
    fn bad_filter_lines_say_what_is_wrong() {
        let today = day("2026-11-22");
        assert!(parse_filter("colour:red", today).unwrap_err().contains("unknown filter 'colour'"));
        assert!(parse_filter("pricing", today).unwrap_err().contains("key:value"));
        assert!(parse_filter("since:yesterday", today).unwrap_err().contains("not a date"));
        assert!(parse_filter("since:2026-05-01 until:2026-04-01", today).unwrap_err().contains("after"));
        assert!(parse_filter("role:\"head of", today).unwrap_err().contains("quote"));
        assert!(parse_filter("tag:", today).unwrap_err().contains("needs a value"));
        // Not a date, whatever the last character is (a byte-wise split would panic).
        for bad in ["since:昨日", "until:3é", "since:😩", "since:d"] {
            assert!(parse_filter(bad, today).unwrap_err().contains("not a date"), "{bad}");
        }
    }
}
