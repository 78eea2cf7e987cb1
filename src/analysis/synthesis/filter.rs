//! What to look at: the [`Filter`] that picks sessions and notes, and the
//! [`Dimension`] sessions are grouped by. Separate from the views, which all
//! read the same selection.

use super::records::{NoteRecord, SessionRecord, len32};
use chrono::NaiveDate;

/// What to look at. Empty (the default) means everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// First day included (the session's own date).
    pub since: Option<NaiveDate>,
    /// Last day included.
    pub until: Option<NaiveDate>,
    /// Segment, compared without regard to case.
    pub segment: Option<String>,
    /// Guide name, exactly.
    pub guide: Option<String>,
    /// Only notes carrying this tag (a leading `#` and case are ignored).
    pub tag: Option<String>,
    /// Part of the participant's name, without regard to case.
    pub participant: Option<String>,
    /// Company, compared without regard to case.
    pub company: Option<String>,
    /// Role, compared without regard to case.
    pub role: Option<String>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    fn tag_wanted(&self) -> Option<String> {
        self.tag.as_deref().map(|t| t.trim().trim_start_matches('#').to_lowercase()).filter(|t| !t.is_empty())
    }

    /// Whether the session passes the session-level filters (all but the tag).
    pub fn keeps_session(&self, s: &SessionRecord) -> bool {
        let date = s.date();
        if self.since.is_some_and(|d| date < d) || self.until.is_some_and(|d| date > d) {
            return false;
        }
        let differs = |wanted: &Option<String>, value: &Option<String>| {
            wanted
                .as_deref()
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .is_some_and(|w| value.as_deref().is_none_or(|v| v.trim().to_lowercase() != w.to_lowercase()))
        };
        if differs(&self.segment, &s.segment) || differs(&self.company, &s.company) || differs(&self.role, &s.role) {
            return false;
        }
        if let Some(g) = self.guide.as_deref().map(str::trim).filter(|x| !x.is_empty())
            && s.guide != g
        {
            return false;
        }
        if let Some(p) = self.participant.as_deref().map(str::trim).filter(|x| !x.is_empty())
            && !s.participant.to_lowercase().contains(&p.to_lowercase())
        {
            return false;
        }
        true
    }

    /// Whether note `n` of session `s` passes the tag filter.
    pub fn keeps_note(&self, s: &SessionRecord, n: &NoteRecord) -> bool {
        self.tag_wanted().is_none_or(|t| note_has_tag(s, n, &t))
    }

    /// Whether the closing answer of `s` counts under the tag filter: with
    /// none, any answer; with one, an answer carrying it.
    pub fn keeps_closing(&self, s: &SessionRecord) -> bool {
        s.closing_answer.is_some() && self.tag_wanted().is_none_or(|t| s.closing_tags.iter().any(|c| tag_is(c, &t)))
    }

    /// The notes of `s` this filter keeps, with their indices.
    pub fn notes_of<'a>(&self, s: &'a SessionRecord) -> impl Iterator<Item = (usize, &'a NoteRecord)> + 'a {
        let wanted = self.tag_wanted().map(|t| wanted_ids(s, &t));
        s.notes.iter().enumerate().filter(move |(_, n)| match &wanted {
            None => true,
            Some(ids) => s.tag_ids(n).iter().any(|i| ids.contains(i)),
        })
    }

    /// The sessions this filter keeps, oldest first (then by id): indices into `records`.
    pub fn select(&self, records: &[SessionRecord]) -> Vec<usize> {
        let tag = self.tag_wanted();
        let mut out: Vec<usize> = (0..records.len())
            .filter(|&i| {
                let s = &records[i];
                self.keeps_session(s)
                    && tag.as_deref().is_none_or(|t| {
                        s.notes.iter().any(|n| note_has_tag(s, n, t)) || s.closing_tags.iter().any(|c| tag_is(c, t))
                    })
            })
            .collect();
        out.sort_by(|&a, &b| chrono_order(&records[a], &records[b]));
        out
    }
}

fn note_has_tag(s: &SessionRecord, n: &NoteRecord, lower: &str) -> bool {
    s.tags_of(n).any(|t| tag_is(t, lower))
}

fn tag_is(tag: &str, lower: &str) -> bool {
    tag == lower || tag.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// The indices of a session's tags that the tag filter `lower` matches.
fn wanted_ids(s: &SessionRecord, lower: &str) -> Vec<u32> {
    (0..s.tags.len()).filter(|&i| tag_is(&s.tags[i], lower)).map(len32).collect()
}

fn chrono_order(a: &SessionRecord, b: &SessionRecord) -> std::cmp::Ordering {
    a.started_at.cmp(&b.started_at).then_with(|| a.id.cmp(&b.id))
}

/// What sessions are grouped by in the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dimension {
    #[default]
    Segment,
    Company,
    Role,
    Guide,
}

impl Dimension {
    pub const ALL: [Dimension; 4] = [Dimension::Segment, Dimension::Company, Dimension::Role, Dimension::Guide];

    pub fn name(self) -> &'static str {
        match self {
            Dimension::Segment => "segment",
            Dimension::Company => "company",
            Dimension::Role => "role",
            Dimension::Guide => "guide",
        }
    }

    /// The session's value on this dimension, if it has a non-blank one.
    pub fn of(self, s: &SessionRecord) -> Option<&str> {
        let v = match self {
            Dimension::Segment => s.segment.as_deref(),
            Dimension::Company => s.company.as_deref(),
            Dimension::Role => s.role.as_deref(),
            Dimension::Guide => Some(s.guide.as_str()),
        };
        v.map(str::trim).filter(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::synthesis::fixtures::library;
    use crate::analysis::synthesis::{Options, synthesize};

    #[test]
    fn filters_select_sessions_and_notes() {
        let r = library();
        let f = Filter { segment: Some("smb".into()), ..Filter::default() };
        assert_eq!(f.select(&r), vec![1, 0]);
        let f = Filter { since: NaiveDate::from_ymd_opt(2025, 3, 2), until: NaiveDate::from_ymd_opt(2025, 3, 3), ..f };
        assert_eq!(f.select(&r), vec![0]);
        let f = Filter { participant: Some("lóp".into()), ..Filter::default() };
        assert_eq!(f.select(&r), vec![1]);
        let f = Filter { tag: Some("#Pricing".into()), ..Filter::default() };
        let s = synthesize(&r, &[], &f, &Options::default());
        assert_eq!(s.selected, vec![1, 3]);
        assert_eq!(s.notes, 2);
        let tags: Vec<(&str, usize)> = s.tags.iter().map(|t| (t.tag.as_str(), t.notes)).collect();
        assert_eq!(tags, vec![("pricing", 2), ("perf", 1)]);
        let f = Filter { guide: Some("usability".into()), ..Filter::default() };
        assert!(synthesize(&r, &[], &f, &Options::default()).themes.is_empty());
        let mut r = r;
        r[0].company = Some("Acme".into());
        r[3].company = Some("ACME ".into());
        r[3].role = Some("Head of Ops".into());
        let f = Filter { company: Some("acme".into()), ..Filter::default() };
        assert_eq!(f.select(&r), vec![0, 3]);
        let f = Filter { role: Some("head of ops".into()), ..f };
        assert_eq!(f.select(&r), vec![3]);
    }
}
