//! What to look at: the [`Filter`] that picks sessions and notes, and the
//! [`Dimension`] sessions are grouped by. Separate from the views, which all
//! read the same selection.
//!
//! One matching rule for text typed by people: a case-insensitive part
//! (`company:acme` keeps "Acme Corp", and so does `--company acme`). Names
//! picked from a list match whole: the guide and the tag. Anything that can be
//! filtered (the synthesis's records, the library's rows) is read through
//! [`Filterable`], so both keep the same interviews for the same filter.

use super::records::{NoteRecord, SessionRecord, len32};
use chrono::NaiveDate;
use std::borrow::Cow;

/// The fields a filter reads of an interview, whatever holds it.
pub trait Filterable {
    fn day(&self) -> NaiveDate;
    fn participant(&self) -> &str;
    fn company(&self) -> Option<&str>;
    fn role(&self) -> Option<&str>;
    fn segment(&self) -> Option<&str>;
    fn guide(&self) -> &str;
    fn title(&self) -> &str;
    /// Every note's text, lower-cased, one per line (see [`notes_text_lower`]).
    fn notes_lower(&self) -> Cow<'_, str>;
    /// Whether a note (or the closing answer) carries the tag `lower`.
    fn has_tag(&self, lower: &str) -> bool;
}

/// The notes of `r` as free words search them: lower-cased, one per line, so
/// a word never runs from one note into the next.
pub fn notes_text_lower(r: &SessionRecord) -> String {
    let mut out = String::new();
    for n in &r.notes {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&r.text(n).to_lowercase());
    }
    out
}

impl Filterable for SessionRecord {
    fn day(&self) -> NaiveDate {
        self.date()
    }
    fn participant(&self) -> &str {
        &self.participant
    }
    fn company(&self) -> Option<&str> {
        self.company.as_deref()
    }
    fn role(&self) -> Option<&str> {
        self.role.as_deref()
    }
    fn segment(&self) -> Option<&str> {
        self.segment.as_deref()
    }
    fn guide(&self) -> &str {
        &self.guide
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn notes_lower(&self) -> Cow<'_, str> {
        Cow::Owned(notes_text_lower(self))
    }
    fn has_tag(&self, lower: &str) -> bool {
        self.notes.iter().any(|n| note_has_tag(self, n, lower)) || self.closing_tags.iter().any(|c| tag_is(c, lower))
    }
}

/// Whether `value` holds `wanted` (already trimmed and lower-cased), any case.
fn holds(value: Option<&str>, wanted: &str) -> bool {
    value.is_some_and(|v| v.to_lowercase().contains(wanted))
}

fn wanted(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|x| !x.is_empty()).map(str::to_lowercase)
}

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
    /// Free words: each must occur (any case) in the participant, company,
    /// role, segment, title or a note.
    pub words: Vec<String>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    fn tag_wanted(&self) -> Option<String> {
        self.tag.as_deref().map(|t| t.trim().trim_start_matches('#').to_lowercase()).filter(|t| !t.is_empty())
    }

    /// Whether the session passes the session-level filters (all but the tag).
    pub fn keeps_session(&self, s: &impl Filterable) -> bool {
        let date = s.day();
        if self.since.is_some_and(|d| date < d) || self.until.is_some_and(|d| date > d) {
            return false;
        }
        let pairs = [
            (&self.segment, s.segment()),
            (&self.company, s.company()),
            (&self.role, s.role()),
            (&self.participant, Some(s.participant())),
        ];
        if pairs.into_iter().any(|(w, v)| wanted(w).is_some_and(|w| !holds(v, &w))) {
            return false;
        }
        if wanted(&self.guide).is_some_and(|g| s.guide().trim().to_lowercase() != g) {
            return false;
        }
        self.free_words_in(s).is_some()
    }

    /// Whether the session passes every filter, the tag's included: the
    /// interviews [`Filter::select`] keeps, for anything [`Filterable`].
    pub fn keeps(&self, s: &impl Filterable) -> bool {
        self.keeps_session(s) && self.tag_wanted().is_none_or(|t| s.has_tag(&t))
    }

    /// Where each free word was found (`None` when one is missing): the first
    /// field holding it, or "notes".
    fn free_words_in(&self, s: &impl Filterable) -> Option<Vec<&'static str>> {
        let words: Vec<String> = self.words.iter().map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return Some(Vec::new());
        }
        let mut notes: Option<Cow<'_, str>> = None;
        let mut found = Vec::new();
        for w in &words {
            let fields = [
                ("participant", Some(s.participant())),
                ("company", s.company()),
                ("role", s.role()),
                ("segment", s.segment()),
                ("title", Some(s.title())),
            ];
            if let Some((name, _)) = fields.iter().find(|(_, v)| holds(*v, w)) {
                found.push(*name);
                continue;
            }
            if notes.get_or_insert_with(|| s.notes_lower()).contains(w.as_str()) {
                found.push("notes");
                continue;
            }
            return None;
        }
        Some(found)
    }

    /// Why a kept interview matched, for a row too narrow to show every field:
    /// the company, segment or role the filter asked for, or "in notes".
    /// `None` when the filter asks nothing of those fields or words.
    pub fn why(&self, s: &impl Filterable) -> Option<String> {
        let mut parts: Vec<String> = Vec::new();
        let mut add = |v: Option<&str>| {
            if let Some(v) = v.map(str::trim).filter(|v| !v.is_empty())
                && !parts.iter().any(|p| p == v)
            {
                parts.push(v.to_string());
            }
        };
        for (w, v) in [(&self.company, s.company()), (&self.segment, s.segment()), (&self.role, s.role())] {
            if w.is_some() {
                add(v);
            }
        }
        let mut in_notes = false;
        for field in self.free_words_in(s).unwrap_or_default() {
            match field {
                "company" => add(s.company()),
                "segment" => add(s.segment()),
                "role" => add(s.role()),
                "notes" => in_notes = true,
                _ => {}
            }
        }
        if in_notes {
            parts.push("in notes".into());
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
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
        let mut out: Vec<usize> = (0..records.len()).filter(|&i| self.keeps(&records[i])).collect();
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

    #[test]
    fn text_matches_as_a_part_and_free_words_say_where() {
        let mut r = library();
        r[0].company = Some("Acme Corp".into());
        r[3].company = Some("Sato Logistics".into());
        r[3].segment = Some("mid-market".into());
        // A part, any case, for a key and for its command-line flag alike.
        let f = Filter { company: Some("acme".into()), ..Filter::default() };
        assert_eq!(f.select(&r), vec![0]);
        assert_eq!(f.why(&r[0]).as_deref(), Some("Acme Corp"));
        // Fuzzy matching would find a…c…m…e in "Sato Logistics mid-market": a part does not.
        let f = Filter { words: vec!["ACME".into()], ..Filter::default() };
        assert_eq!(f.select(&r), vec![0]);
        let f = Filter { words: vec!["market".into()], ..Filter::default() };
        assert_eq!(f.why(&r[3]).as_deref(), Some("mid-market"));
        // A word only in a note: kept, "in notes".
        let word = r[1].text(&r[1].notes[0]).split_whitespace().last().unwrap().to_uppercase();
        let f = Filter { words: vec![word.clone()], ..Filter::default() };
        assert!(f.select(&r).contains(&1), "{word}");
        assert!(f.why(&r[1]).unwrap().contains("in notes"));
        // Every word must be found.
        let f = Filter { words: vec![word, "zzzz-nowhere".into()], ..Filter::default() };
        assert!(f.select(&r).is_empty());
    }
}
