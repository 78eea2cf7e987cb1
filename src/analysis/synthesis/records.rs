//! The records synthesis reads: one compact [`SessionRecord`] per session
//! (as the cache keeps it), its [`NoteRecord`]s, and the [`NoteRef`] that
//! points at one note. Separate from the views so that what a record holds,
//! and how it is built from a `Session`, reads in one place.

use crate::domain::note::Kind;
use crate::domain::session::{Offset, Session};
use chrono::{DateTime, FixedOffset, NaiveDate};

/// One note: when in the interview and what kind; its question, tags and
/// text live in its session (`SessionRecord::text(note)`, `tags_of`, `question`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteRecord {
    /// From the start of its sitting.
    pub at: Offset,
    /// The sitting it was taken in, 1-based (`Note::sitting_number`).
    pub sitting: u32,
    pub kind: Kind,
    /// Starred by the PM as key evidence (`Note::starred`): shown first.
    pub starred: bool,
    /// Index into the session's `questions`, or `NO_QUESTION`.
    pub(crate) question: u32,
    /// Range of the session's `note_tags`.
    pub(crate) tags: (u32, u32),
    /// Byte range of the session's `text`.
    pub(crate) text: (u32, u32),
}

pub(crate) const NO_QUESTION: u32 = u32::MAX;

/// One session as synthesis needs it, and as the cache keeps it: the
/// participant and context as plain fields, the notes compact (every text in
/// one string, tags and question ids in per-session tables), so a library of
/// 100,000 notes loads with a few allocations per session instead of several
/// per note.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRecord {
    pub id: String,
    pub participant: String,
    pub company: Option<String>,
    pub role: Option<String>,
    pub segment: Option<String>,
    /// The roster entry the session is with (`Session::person`), when it names one.
    pub person: Option<String>,
    pub guide: String,
    pub started_at: DateTime<FixedOffset>,
    /// `Session::quotes_shareable`: false when consent to share quotes is "no".
    pub quotes_shareable: bool,
    pub closing_question: Option<String>,
    /// The closing answer, when there is a non-blank one.
    pub closing_answer: Option<String>,
    /// The closing answer's `#tags` (`Closing::tags`), when it has an answer:
    /// they count in themes, evidence and the matrix like a note's.
    pub closing_tags: Vec<String>,
    /// The session summary (`m`), when there is a non-blank one: searched.
    pub summary: Option<String>,
    /// Guide question ids reached during the interview (`asked_at`).
    pub asked: Vec<String>,
    /// The session's title and end, for the library (`store::library::SessionInfo`).
    pub title: String,
    pub ended_at: Option<DateTime<FixedOffset>>,
    /// `Session::duration_secs` once ended: over several sittings, their sum.
    pub talk_secs: Option<u32>,
    /// How many sittings (`Session::sitting_count`): 1 for most interviews.
    pub sittings: u32,
    /// Indices of the notes marked done, ascending.
    pub(crate) done: Vec<u32>,
    /// Distinct tags of the notes, in order of first use.
    pub(crate) tags: Vec<String>,
    /// Distinct question ids of the notes, in order of first use.
    pub(crate) questions: Vec<String>,
    pub(crate) notes: Vec<NoteRecord>,
    /// Every note's tags (indices into `tags`), back to back.
    pub(crate) note_tags: Vec<u32>,
    /// Every note's text, back to back.
    pub(crate) text: String,
}

/// The closing answer's tags as synthesis counts them: trimmed, lower-cased
/// like a filter compares them, each once, blank ones dropped.
fn closing_tags(s: &Session) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in s.closing.iter().flat_map(|c| &c.tags) {
        let t = t.trim().to_lowercase();
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

pub(super) fn len32(n: usize) -> u32 {
    // Session files are at most 16 MB (`text::yaml::MAX_FILE_BYTES`).
    u32::try_from(n).expect("a session holds less than 4 GB")
}

impl SessionRecord {
    /// A session with no notes yet and no optional details.
    pub fn new(id: &str, participant: &str, guide: &str, started_at: DateTime<FixedOffset>) -> SessionRecord {
        SessionRecord {
            id: id.to_string(),
            participant: participant.to_string(),
            company: None,
            role: None,
            segment: None,
            person: None,
            guide: guide.to_string(),
            started_at,
            quotes_shareable: true,
            closing_question: None,
            closing_answer: None,
            closing_tags: Vec::new(),
            summary: None,
            asked: Vec::new(),
            title: String::new(),
            ended_at: None,
            talk_secs: None,
            sittings: 1,
            done: Vec::new(),
            tags: Vec::new(),
            questions: Vec::new(),
            notes: Vec::new(),
            note_tags: Vec::new(),
            text: String::new(),
        }
    }

    pub fn of(s: &Session) -> SessionRecord {
        let blank_none = |v: &Option<String>| v.as_ref().map(|x| x.trim()).filter(|x| !x.is_empty()).map(String::from);
        let mut r = SessionRecord::new(&s.id, &s.participant.name, &s.guide, s.started_at);
        r.company = blank_none(&s.participant.company);
        r.role = blank_none(&s.participant.role);
        r.segment = blank_none(&s.participant.segment);
        r.person = blank_none(&s.person);
        r.quotes_shareable = s.quotes_shareable();
        r.closing_question = s.closing.as_ref().map(|c| c.question.clone());
        r.closing_answer = s.closing_answer().map(String::from);
        if r.closing_answer.is_some() {
            r.closing_tags = closing_tags(s);
        }
        r.summary = blank_none(&s.summary);
        r.asked = s.asked_ids().map(String::from).collect();
        r.notes.reserve_exact(s.notes.len());
        r.text.reserve_exact(s.notes.iter().map(|n| n.text.len()).sum());
        r.title = s.title.clone();
        r.ended_at = s.ended_at;
        r.talk_secs = s.ended_at.map(|end| s.duration_secs(end));
        r.sittings = s.sitting_count();
        for (i, n) in s.notes.iter().enumerate() {
            r.push_note(n.at, n.kind, n.question.as_deref(), n.tags.iter().map(String::as_str), &n.text);
            r.set_last_sitting(n.sitting_number());
            r.set_last_starred(n.starred);
            if n.done {
                r.done.push(len32(i));
            }
        }
        r
    }

    /// Adds a note. Tags are trimmed, blank ones dropped and each kept once;
    /// a blank question is none.
    pub fn push_note<'t>(
        &mut self,
        at: Offset,
        kind: Kind,
        question: Option<&str>,
        tags: impl IntoIterator<Item = &'t str>,
        text: &str,
    ) {
        let question = match question.map(str::trim).filter(|q| !q.is_empty()) {
            None => NO_QUESTION,
            Some(q) => match self.questions.iter().position(|x| x == q) {
                Some(i) => len32(i),
                None => {
                    self.questions.push(q.to_string());
                    len32(self.questions.len() - 1)
                }
            },
        };
        let first_tag = len32(self.note_tags.len());
        for t in tags.into_iter().map(str::trim).filter(|t| !t.is_empty()) {
            let id = match self.tags.iter().position(|x| x == t) {
                Some(i) => len32(i),
                None => {
                    self.tags.push(t.to_string());
                    len32(self.tags.len() - 1)
                }
            };
            if !self.note_tags[first_tag as usize..].contains(&id) {
                self.note_tags.push(id);
            }
        }
        let start = len32(self.text.len());
        self.text.push_str(text);
        self.notes.push(NoteRecord {
            at,
            sitting: 1,
            kind,
            starred: false,
            question,
            tags: (first_tag, len32(self.note_tags.len())),
            text: (start, len32(self.text.len())),
        });
    }

    /// The last note added was taken in sitting `n` (`push_note` assumes the first).
    pub fn set_last_sitting(&mut self, n: u32) {
        if let Some(last) = self.notes.last_mut() {
            last.sitting = n;
        }
    }

    /// The last note added is starred as key evidence (`push_note` assumes not).
    pub fn set_last_starred(&mut self, starred: bool) {
        if let Some(last) = self.notes.last_mut() {
            last.starred = starred;
        }
    }

    pub fn notes(&self) -> &[NoteRecord] {
        &self.notes
    }

    /// When a note was taken, as the session view says it: `00:03:10`, or
    /// `sitting 2 · 00:03:10` in an interview held over several sittings.
    pub fn note_time(&self, n: &NoteRecord) -> String {
        crate::domain::session::time_label(self.sittings, n.sitting, n.at)
    }

    /// Whether note `index` is marked done (follow-ups).
    pub fn is_done(&self, index: usize) -> bool {
        self.done.binary_search(&len32(index)).is_ok()
    }

    /// The session's distinct tags, in order of first use.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    pub fn text(&self, n: &NoteRecord) -> &str {
        &self.text[n.text.0 as usize..n.text.1 as usize]
    }

    pub fn question(&self, n: &NoteRecord) -> Option<&str> {
        self.questions.get(n.question as usize).map(String::as_str)
    }

    /// The note's tags as indices into `tags()`.
    pub fn tag_ids(&self, n: &NoteRecord) -> &[u32] {
        &self.note_tags[n.tags.0 as usize..n.tags.1 as usize]
    }

    /// The note's tags, in the order written.
    pub fn tags_of<'a>(&'a self, n: &NoteRecord) -> impl Iterator<Item = &'a str> + 'a {
        self.tag_ids(n).iter().map(|&i| self.tags[i as usize].as_str())
    }

    /// The day the interview took place, in its own time zone.
    pub fn date(&self) -> NaiveDate {
        self.started_at.date_naive()
    }

    /// Whether every index points where it should: the cache checks what it reads.
    pub(crate) fn is_consistent(&self) -> bool {
        let distinct = |v: &[String]| v.iter().enumerate().all(|(i, x)| !v[..i].contains(x));
        distinct(&self.tags)
            && distinct(&self.questions)
            && self.note_tags.iter().all(|&t| (t as usize) < self.tags.len())
            && self.notes.iter().all(|n| {
                (n.question == NO_QUESTION || (n.question as usize) < self.questions.len())
                    && (1..=self.sittings).contains(&n.sitting)
                    && n.tags.0 <= n.tags.1
                    && (n.tags.1 as usize) <= self.note_tags.len()
                    && n.text.0 <= n.text.1
                    && self.text.get(n.text.0 as usize..n.text.1 as usize).is_some()
            })
            && self.done.windows(2).all(|w| w[0] < w[1])
            && self.done.last().is_none_or(|&d| (d as usize) < self.notes.len())
    }
}

/// Points at one note: `records[session].notes()[note]`, the note's index in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NoteRef {
    pub session: usize,
    pub note: usize,
}

impl NoteRef {
    pub fn resolve(self, records: &[SessionRecord]) -> (&SessionRecord, &NoteRecord) {
        let s = &records[self.session];
        (s, &s.notes[self.note])
    }
}

/// A session's tags (all its notes'), most used first, then by name.
pub fn session_tag_ranking(s: &SessionRecord) -> Vec<String> {
    let mut counts = vec![0usize; s.tags.len()];
    for &t in &s.note_tags {
        counts[t as usize] += 1;
    }
    let mut order: Vec<usize> = (0..s.tags.len()).collect();
    order.sort_by(|&a, &b| counts[b].cmp(&counts[a]).then_with(|| s.tags[a].cmp(&s.tags[b])));
    order.into_iter().map(|i| s.tags[i].clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::synthesis::fixtures::at;

    #[test]
    fn records_clean_tags_and_share_tables() {
        let mut s = SessionRecord::new("x", "Zoë", "g", at(1));
        s.push_note(Offset(1), Kind::Quote, Some(" 1.1 "), [" a ", "", "a", "日本"], "first");
        s.push_note(Offset(2), Kind::Pain, Some(""), ["日本", "b"], "");
        s.push_note(Offset(3), Kind::Note, Some("1.1"), [], "third ✓");
        let n = s.notes();
        assert_eq!(s.tags(), ["a", "日本", "b"]);
        assert_eq!(s.tags_of(&n[0]).collect::<Vec<_>>(), ["a", "日本"]);
        assert_eq!(s.tags_of(&n[1]).collect::<Vec<_>>(), ["日本", "b"]);
        assert_eq!((s.question(&n[0]), s.question(&n[1]), s.question(&n[2])), (Some("1.1"), None, Some("1.1")));
        assert_eq!((s.text(&n[0]), s.text(&n[1]), s.text(&n[2])), ("first", "", "third ✓"));
        assert!(s.is_consistent());
        assert_eq!(session_tag_ranking(&s), ["日本", "a", "b"]);
        let mut bad = s.clone();
        bad.notes[2].text.1 = 100;
        assert!(!bad.is_consistent());
        let mut bad = s.clone();
        bad.note_tags[0] = 7;
        assert!(!bad.is_consistent());
    }
}
