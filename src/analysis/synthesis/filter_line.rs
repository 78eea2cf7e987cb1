//! The one filter language, as a line: `key:value` words, `#tag`, and free
//! words, read into a [`Filter`] and written back. The library's filter, the
//! synthesis screen's `f`, follow-ups and the command line's `--filter` all
//! read it here, so the same line picks the same interviews everywhere.
//!
//! Pure: "today" is passed in, so relative dates (`30d`, `6w`, `3m`, `1y`)
//! are the caller's clock.

use super::Filter;
use chrono::{Days, Months, NaiveDate};

/// Filter keys, in the order they are written back.
pub const FILTER_KEYS: [&str; 8] = ["since", "until", "segment", "company", "role", "guide", "participant", "tag"];

/// What every filter prompt shows as an example.
pub const FILTER_EXAMPLE: &str = "e.g. segment:smb since:30d pricing";

/// Reads a filter line: `key:value` words (values in double quotes may hold
/// spaces), `#tag` for `tag:tag`, and free words that must each occur in the
/// interview's participant, company, role, segment, title or notes. Dates are
/// `YYYY-MM-DD` or relative to `today`: `30d`, `6w`, `3m`, `1y` ago.
pub fn parse_filter(line: &str, today: NaiveDate) -> Result<Filter, String> {
    let mut f = Filter::default();
    for word in words(line)? {
        if let Some(tag) = word.strip_prefix('#') {
            if tag.is_empty() {
                return Err("'#' needs a tag after it".into());
            }
            f.tag = Some(tag.to_string());
            continue;
        }
        // A word is a key only when what comes before its colon is a name:
        // "10:30" or "https://…" stay free words.
        let keyed = word.split_once(':').filter(|(k, _)| !k.is_empty() && k.chars().all(char::is_alphabetic));
        let Some((key, value)) = keyed else {
            f.words.push(word);
            continue;
        };
        let value = value.trim().to_string();
        if value.is_empty() {
            return Err(format!("'{key}:' needs a value, e.g. {key}:{}", example_value(key)));
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
            other => return Err(unknown_key(other)),
        }
    }
    if let (Some(a), Some(b)) = (f.since, f.until)
        && a > b
    {
        return Err(format!("since {a} is after until {b}"));
    }
    Ok(f)
}

/// The filter as a line the user can edit and that reads back to the same
/// filter: `since:2026-01-01 segment:smb tag:pricing acme`. Values with spaces are quoted.
pub fn filter_line(f: &Filter) -> String {
    let mut parts = Vec::new();
    let quote = |v: &str| {
        if v.contains(char::is_whitespace) || v.contains('"') {
            format!("\"{}\"", v.replace('"', "'"))
        } else {
            v.to_string()
        }
    };
    let mut push = |key: &str, v: Option<&str>| {
        if let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) {
            parts.push(format!("{key}:{}", quote(v)));
        }
    };
    push("since", f.since.map(|d| d.to_string()).as_deref());
    push("until", f.until.map(|d| d.to_string()).as_deref());
    push("segment", f.segment.as_deref());
    push("company", f.company.as_deref());
    push("role", f.role.as_deref());
    push("guide", f.guide.as_deref());
    push("participant", f.participant.as_deref());
    push("tag", f.tag.as_deref());
    for w in f.words.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
        parts.push(quote(w));
    }
    parts.join(" ")
}

/// A date as the filter reads it: `YYYY-MM-DD`, or `30d`, `6w`, `3m`, `1y`
/// before `today`. The command line's `--since`/`--until` read it here too.
pub fn date(value: &str, today: NaiveDate) -> Result<NaiveDate, String> {
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

fn example_value(key: &str) -> &'static str {
    match key.to_lowercase().as_str() {
        "since" | "from" | "until" | "to" => "30d",
        "tag" => "pricing",
        "company" => "acme",
        _ => "smb",
    }
}

/// "unknown filter key 'segmnt': did you mean segment?", or the list of keys
/// when none is near.
fn unknown_key(key: &str) -> String {
    let nearest = FILTER_KEYS.iter().map(|k| (distance(key, k), *k)).min().filter(|(d, k)| *d <= 2.max(k.len() / 3));
    match nearest {
        Some((_, k)) => format!("unknown filter key '{key}': did you mean {k}?"),
        None => format!("unknown filter key '{key}': use {}", FILTER_KEYS.join(", ")),
    }
}

/// Edits (insert, delete, replace) from `a` to `b`.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for j in 0..b.len() {
            let was = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != b[j])).min(row[j] + 1).min(was + 1);
            prev = was;
        }
    }
    row[b.len()]
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
        let f = parse_filter(
            r#"since:2026-01-01 segment:smb role:"Head of Ops" #pricing who:ana onboarding "price page""#,
            today,
        )
        .unwrap();
        assert_eq!(f.since, Some(day("2026-01-01")));
        assert_eq!(f.segment.as_deref(), Some("smb"));
        assert_eq!(f.role.as_deref(), Some("Head of Ops"));
        assert_eq!(f.tag.as_deref(), Some("pricing"));
        assert_eq!(f.participant.as_deref(), Some("ana"));
        assert_eq!(f.words, vec!["onboarding".to_string(), "price page".to_string()]);
        assert_eq!(parse_filter(&filter_line(&f), today).unwrap(), f);
        assert_eq!(parse_filter("  ", today).unwrap(), Filter::default());
        // A colon after something that is not a name is part of a free word.
        assert_eq!(parse_filter("10:30", today).unwrap().words, vec!["10:30".to_string()]);
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
        assert_eq!(
            parse_filter("segmnt:smb", today).unwrap_err(),
            "unknown filter key 'segmnt': did you mean segment?"
        );
        assert!(parse_filter("sinse:30d", today).unwrap_err().contains("did you mean since?"));
        assert!(parse_filter("colour:red", today).unwrap_err().contains("unknown filter key 'colour': use since"));
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
