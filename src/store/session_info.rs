//! One library row's summary of a session ([`SessionInfo`]): what `list`,
//! the home screen, follow-ups and the tag palette show. It holds no note
//! text beyond the follow-ups, so the library's memory grows with its rows,
//! not with every note ever typed; free words that must look into notes go
//! through [`Row`] with the text fetched where it is needed
//! (`store::note_texts`). Below both `library.rs` and the index in `cache/`,
//! which keeps these summaries, so neither has to import the other.

use crate::analysis::synthesis::{Filterable, SessionRecord};
use crate::domain::session::Session;
use chrono::{DateTime, FixedOffset};
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq)]
pub struct SessionInfo {
    pub participant: String,
    pub company: Option<String>,
    pub role: Option<String>,
    pub segment: Option<String>,
    pub guide: String,
    pub title: String,
    pub started_at: DateTime<FixedOffset>,
    pub ended_at: Option<DateTime<FixedOffset>>,
    /// How long the interview lasted once ended, every sitting summed.
    pub talk_secs: Option<u32>,
    pub notes: usize,
    /// Notes without any tag: what quick tagging has left to do.
    pub untagged: usize,
    /// Tags with how many notes carry them, most used first.
    pub tags: Vec<(String, usize)>,
    /// Follow-up notes: (index in the session, text, done).
    pub followups: Vec<(usize, String, bool)>,
    pub closing_answer: Option<String>,
    /// The closing answer's tags: a tag filter keeps the interview for them too.
    pub closing_tags: Vec<String>,
}

/// A library row as the filter reads it: the summary, and what is known of
/// its notes' text for free words. `notes` is the lower-cased text
/// (`analysis::synthesis::notes_text_lower`), or, from a search done off
/// the UI thread, only the free words found in it, one per line: any part
/// of a found word is in the notes too, so a free word is "in notes" for
/// both exactly when it is for the full text.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub info: &'a SessionInfo,
    pub notes: &'a str,
}

impl<'a> Row<'a> {
    /// A row whose notes are not looked into (no free words, or they are
    /// matched elsewhere, as the follow-ups screen does).
    pub fn without_notes(info: &'a SessionInfo) -> Row<'a> {
        Row { info, notes: "" }
    }
}

/// The library filters its rows as the synthesis and the command line filter
/// records: the same fields through the same `Filter`.
impl Filterable for Row<'_> {
    fn day(&self) -> chrono::NaiveDate {
        self.info.started_at.date_naive()
    }
    fn participant(&self) -> &str {
        &self.info.participant
    }
    fn company(&self) -> Option<&str> {
        self.info.company.as_deref()
    }
    fn role(&self) -> Option<&str> {
        self.info.role.as_deref()
    }
    fn segment(&self) -> Option<&str> {
        self.info.segment.as_deref()
    }
    fn guide(&self) -> &str {
        &self.info.guide
    }
    fn title(&self) -> &str {
        &self.info.title
    }
    fn notes_lower(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.notes)
    }
    fn has_tag(&self, lower: &str) -> bool {
        let is = |t: &String| t.to_lowercase() == lower;
        self.info.tags.iter().any(|(t, _)| is(t)) || self.info.closing_tags.iter().any(is)
    }
}

impl SessionInfo {
    /// Minutes the interview lasted, for finished sessions.
    pub fn duration_mins(&self) -> Option<i64> {
        self.talk_secs.map(|secs| (i64::from(secs) + 30) / 60)
    }

    pub fn of(s: &Session) -> SessionInfo {
        SessionInfo::from_record(&SessionRecord::of(s))
    }

    /// The same summary from the compact record the synthesis reads. `of`
    /// goes through here too, and so does the index when it reads a changed
    /// file: every way gives the same row by construction.
    pub fn from_record(r: &SessionRecord) -> SessionInfo {
        let mut tags: Vec<(String, usize)> = r.tags().iter().map(|t| (t.clone(), 0)).collect();
        let mut untagged = 0;
        for n in r.notes() {
            let ids = r.tag_ids(n);
            untagged += usize::from(ids.is_empty());
            for &id in ids {
                tags[id as usize].1 += 1;
            }
        }
        tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let followups = r
            .notes()
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind == crate::domain::note::Kind::Followup)
            .map(|(i, n)| (i, r.text(n).to_string(), r.is_done(i)))
            .collect();
        SessionInfo {
            participant: r.participant.clone(),
            company: r.company.clone(),
            role: r.role.clone(),
            segment: r.segment.clone(),
            guide: r.guide.clone(),
            title: r.title.clone(),
            started_at: r.started_at,
            ended_at: r.ended_at,
            talk_secs: r.talk_secs,
            notes: r.notes().len(),
            untagged,
            tags,
            followups,
            closing_answer: r.closing_answer.clone(),
            closing_tags: r.closing_tags.clone(),
        }
    }
}
