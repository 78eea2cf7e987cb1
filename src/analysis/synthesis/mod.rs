//! What the interviews say together: themes with their evidence, pain points, a
//! segment × theme matrix, tag co-occurrence, closing answers, question coverage
//! and search by words (`search.rs`), all over compact [`SessionRecord`]s.
//!
//! Pure: no I/O, no terminal. `synth_cmd.rs` loads records (through the cache in
//! `store/cache.rs`) and formats what [`synthesize`] and [`search`] return; a TUI
//! screen calls the same two functions with its own [`Filter`] and draws the data.
//! Every note is pointed at by a [`NoteRef`] (index of the session in the slice
//! given, index of the note in that session's file), so a screen can jump to it.
//!
//! Filters: date range, segment, guide and participant select sessions; a tag
//! selects notes (those carrying it), and then only sessions with such a note
//! count. So `--tag pricing` answers "what do the pricing notes say": every
//! count, share and matrix cell is about notes carrying `pricing`.

use crate::domain::guide::Guide;
use crate::domain::note::Kind;
use crate::domain::session::{Offset, Session};
use chrono::{DateTime, FixedOffset, NaiveDate};

pub use crate::analysis::anonymize::Anonymizer;
use std::collections::HashMap;

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

fn len32(n: usize) -> u32 {
    // Session files are at most 16 MB (`store::yaml::MAX_FILE_BYTES`).
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

// ---------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// The synthesis
// ---------------------------------------------------------------------------

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub by: Dimension,
    /// Columns of the matrix: this many themes, picked by `matrix_ranking`.
    pub matrix_themes: usize,
    pub matrix_ranking: MatrixRanking,
    /// Co-occurring pairs kept, of each kind.
    pub top_pairs: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { by: Dimension::Segment, matrix_themes: 8, matrix_ranking: MatrixRanking::default(), top_pairs: 20 }
    }
}

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

/// A tag with how many notes carry it and how many sessions have such a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    pub tag: String,
    pub notes: usize,
    pub sessions: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub tag: String,
    pub notes: usize,
    pub sessions: usize,
    /// Notes carrying the tag, by kind, in `Kind::ALL` order.
    pub kinds: [usize; 6],
    /// Every note carrying the tag, curated: starred ones first, then the
    /// newest (see [`curate`]).
    pub evidence: Vec<NoteRef>,
    /// Sessions (indices into the records) whose closing answer carries the
    /// tag, newest first: they count in `sessions` too.
    pub closing: Vec<usize>,
}

impl Theme {
    pub fn count(&self, kind: Kind) -> usize {
        self.kinds[kind_index(kind)]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PainPoint {
    pub tag: String,
    /// Pain notes carrying the tag.
    pub notes: usize,
    /// Sessions with such a pain note.
    pub sessions: usize,
    /// The pain notes, starred first, then the newest.
    pub pains: Vec<NoteRef>,
    /// Quotes carrying the tag in the sessions with such a pain, starred
    /// first, then the newest: the participants' own words about it.
    pub quotes: Vec<NoteRef>,
}

impl PainPoint {
    /// Quotes first, then the pains themselves: where representative words come from.
    pub fn candidates(&self) -> impl Iterator<Item = NoteRef> + '_ {
        self.quotes.iter().chain(&self.pains).copied()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub a: String,
    pub b: String,
    pub count: usize,
}

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosingAnswer {
    /// Index into the records; the answer and question are there.
    pub session: usize,
    /// The session's tags, most used first.
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionCoverage {
    pub id: String,
    /// The question's text, when the guide is known and has it.
    pub text: Option<String>,
    /// False for ids notes use that the guide does not have.
    pub in_guide: bool,
    /// Sessions with at least one note on it.
    pub noted: usize,
    /// Sessions that reached it (`asked_at`).
    pub reached: usize,
    /// Sessions with either.
    pub covered: usize,
}

impl QuestionCoverage {
    pub fn never_covered(&self) -> bool {
        self.in_guide && self.covered == 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideCoverage {
    pub guide: String,
    /// The guide's title; `None` when the guide was not found.
    pub title: Option<String>,
    pub sessions: usize,
    /// In guide order, then ids the guide does not have.
    pub questions: Vec<QuestionCoverage>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Synthesis {
    /// The sessions kept, oldest first: indices into the records.
    pub selected: Vec<usize>,
    /// Notes kept.
    pub notes: usize,
    /// Notes kept that carry no tag.
    pub untagged: usize,
    /// Every tag, most notes first, then by name.
    pub tags: Vec<TagCount>,
    /// Every tag, most sessions first, then most notes, then by name.
    pub themes: Vec<Theme>,
    /// Tags of pain notes, most sessions first, then most pains, then by name.
    pub pain_points: Vec<PainPoint>,
    /// Pain notes with no tag, oldest first.
    pub untagged_pains: Vec<NoteRef>,
    pub matrix: Matrix,
    /// Tag pairs on the same note, most first (then by names), at most `top_pairs`.
    pub note_pairs: Vec<Pair>,
    /// Tag pairs in the same session, most first (then by names), at most `top_pairs`.
    pub session_pairs: Vec<Pair>,
    /// Newest first.
    pub closing_answers: Vec<ClosingAnswer>,
    /// Most sessions first, then by guide name.
    pub coverage: Vec<GuideCoverage>,
}

impl Synthesis {
    pub fn sessions(&self) -> usize {
        self.selected.len()
    }

    /// First and last day of the sessions kept.
    pub fn date_range(&self, records: &[SessionRecord]) -> Option<(NaiveDate, NaiveDate)> {
        let first = records[*self.selected.first()?].date();
        let last = self.selected.iter().map(|&i| records[i].date()).max()?;
        Some((first.min(last), last))
    }

    pub fn theme(&self, tag: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.tag == tag)
    }
}

/// Share as a fraction, 0 when there is nothing to divide by (`figures::Share::fraction`;
/// percents and bars shown to people come from `figures` too).
pub fn share(part: usize, whole: usize) -> f64 {
    crate::analysis::figures::Share::of(part, whole).fraction()
}

fn kind_index(kind: Kind) -> usize {
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// Order of evidence: quotes first, then what is closest to the participant's words.
pub fn evidence_rank(kind: Kind) -> u8 {
    match kind {
        Kind::Quote => 0,
        Kind::Pain => 1,
        Kind::Insight => 2,
        Kind::Idea => 3,
        Kind::Note => 4,
        Kind::Followup => 5,
    }
}

#[derive(Default)]
struct TagAcc {
    notes: usize,
    sessions: usize,
    last: usize,
    kinds: [usize; 6],
    /// By `evidence_rank`, each oldest first.
    evidence: [Vec<NoteRef>; 6],
    pains: Vec<NoteRef>,
    pain_sessions: usize,
    pain_last: usize,
    /// Sessions whose closing answer carries the tag, oldest first.
    closing: Vec<usize>,
}

/// FNV-1a, for the tag table: short keys, no untrusted-input flooding concern
/// worth SipHash's cost (a hostile library can only slow its own synthesis).
#[derive(Default, Clone, Copy)]
struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Fnv = std::hash::BuildHasherDefault<FnvHasher>;

/// Counts of tag pairs: a dense triangle while the tags are few, a map otherwise.
enum PairCounter {
    Dense { n: usize, counts: Vec<u32> },
    Sparse(HashMap<(u32, u32), u32>),
}

impl PairCounter {
    fn new(n: usize) -> PairCounter {
        if n <= 1024 { PairCounter::Dense { n, counts: vec![0; n * n] } } else { PairCounter::Sparse(HashMap::new()) }
    }

    /// Counts every pair of `ids`, which must be sorted and distinct.
    fn add_all(&mut self, ids: &[u32]) {
        for (i, &a) in ids.iter().enumerate() {
            for &b in &ids[i + 1..] {
                match self {
                    PairCounter::Dense { n, counts } => counts[a as usize * *n + b as usize] += 1,
                    PairCounter::Sparse(m) => *m.entry((a, b)).or_default() += 1,
                }
            }
        }
    }

    fn top(self, names: &[&str], limit: usize) -> Vec<Pair> {
        let mut pairs: Vec<(u32, u32, u32)> = match self {
            PairCounter::Dense { n, counts } => counts
                .iter()
                .enumerate()
                .filter(|(_, c)| **c > 0)
                .map(|(i, c)| ((i / n) as u32, (i % n) as u32, *c))
                .collect(),
            PairCounter::Sparse(m) => m.into_iter().map(|((a, b), c)| (a, b, c)).collect(),
        };
        // Names in each pair in name order, pairs by count then names.
        let named = |&(a, b, _): &(u32, u32, u32)| {
            let (x, y) = (names[a as usize], names[b as usize]);
            if x <= y { (x, y) } else { (y, x) }
        };
        pairs.sort_unstable_by(|p, q| q.2.cmp(&p.2).then_with(|| named(p).cmp(&named(q))));
        pairs
            .iter()
            .take(limit)
            .map(|p| {
                let (a, b) = named(p);
                Pair { a: a.to_string(), b: b.to_string(), count: p.2 as usize }
            })
            .collect()
    }
}

/// Every view at once, over the sessions and notes `filter` keeps. `guides` are
/// the guides sessions name (those not given get coverage from note ids alone).
pub fn synthesize(records: &[SessionRecord], guides: &[Guide], filter: &Filter, opts: &Options) -> Synthesis {
    let selected = filter.select(records);

    let mut ids: HashMap<&str, u32, Fnv> = HashMap::default();
    let mut names: Vec<&str> = Vec::new();
    let mut acc: Vec<TagAcc> = Vec::new();
    let mut session_tags: Vec<Vec<u32>> = Vec::with_capacity(selected.len());
    // Tag ids of notes with two tags or more, each list sorted, back to back, for pair counts.
    let mut note_lists: Vec<u32> = Vec::new();
    let mut note_list_ends: Vec<usize> = Vec::new();
    let mut notes = 0;
    let mut untagged = 0;
    let mut untagged_pains = Vec::new();
    let mut closing_answers = Vec::new();
    let mut on_note: Vec<u32> = Vec::new();
    // The session's tag indices → ids in the whole synthesis, made as tags are met.
    let mut global: Vec<u32> = Vec::new();
    for (pos, &si) in selected.iter().enumerate() {
        let s = &records[si];
        let mut here: Vec<u32> = Vec::new();
        global.clear();
        global.resize(s.tags.len(), u32::MAX);
        for (ni, n) in filter.notes_of(s) {
            notes += 1;
            let r = NoteRef { session: si, note: ni };
            let pain = n.kind == Kind::Pain;
            let local = s.tag_ids(n);
            if local.is_empty() {
                untagged += 1;
                if pain {
                    untagged_pains.push(r);
                }
                continue;
            }
            on_note.clear();
            for &l in local {
                let mut id = global[l as usize];
                if id == u32::MAX {
                    let t = s.tags[l as usize].as_str();
                    id = *ids.entry(t).or_insert_with(|| {
                        names.push(t);
                        acc.push(TagAcc { last: usize::MAX, pain_last: usize::MAX, ..TagAcc::default() });
                        len32(names.len() - 1)
                    });
                    global[l as usize] = id;
                }
                on_note.push(id);
                let a = &mut acc[id as usize];
                a.notes += 1;
                a.kinds[kind_index(n.kind)] += 1;
                a.evidence[usize::from(evidence_rank(n.kind))].push(r);
                if a.last != pos {
                    a.last = pos;
                    a.sessions += 1;
                    here.push(id);
                }
                if pain {
                    a.pains.push(r);
                    if a.pain_last != pos {
                        a.pain_last = pos;
                        a.pain_sessions += 1;
                    }
                }
            }
            if on_note.len() > 1 {
                on_note.sort_unstable();
                note_lists.extend_from_slice(&on_note);
                note_list_ends.push(note_lists.len());
            }
        }
        if s.closing_answer.is_some() {
            // The answer's own tags first, then the rest of the session's.
            let mut tags = s.closing_tags.clone();
            tags.extend(session_tag_ranking(s).into_iter().filter(|t| !s.closing_tags.contains(t)));
            closing_answers.push(ClosingAnswer { session: si, tags });
        }
        if filter.keeps_closing(s) {
            for t in &s.closing_tags {
                let id = *ids.entry(t.as_str()).or_insert_with(|| {
                    names.push(t.as_str());
                    acc.push(TagAcc { last: usize::MAX, pain_last: usize::MAX, ..TagAcc::default() });
                    len32(names.len() - 1)
                });
                let a = &mut acc[id as usize];
                a.closing.push(si);
                if a.last != pos {
                    a.last = pos;
                    a.sessions += 1;
                    here.push(id);
                }
            }
        }
        here.sort_unstable();
        session_tags.push(here);
    }

    let mut note_pairs = PairCounter::new(names.len());
    let mut start = 0;
    for &end in &note_list_ends {
        note_pairs.add_all(&note_lists[start..end]);
        start = end;
    }
    let mut session_pairs = PairCounter::new(names.len());
    for l in &session_tags {
        session_pairs.add_all(l);
    }

    let mut by_notes: Vec<u32> = (0..names.len() as u32).collect();
    by_notes.sort_by(|&a, &b| {
        acc[b as usize].notes.cmp(&acc[a as usize].notes).then_with(|| names[a as usize].cmp(names[b as usize]))
    });
    let tags = by_notes
        .iter()
        .map(|&i| TagCount {
            tag: names[i as usize].to_string(),
            notes: acc[i as usize].notes,
            sessions: acc[i as usize].sessions,
        })
        .collect();
    let mut by_sessions: Vec<u32> = (0..names.len() as u32).collect();
    by_sessions.sort_by(|&a, &b| {
        let (x, y) = (&acc[a as usize], &acc[b as usize]);
        y.sessions.cmp(&x.sessions).then(y.notes.cmp(&x.notes)).then_with(|| names[a as usize].cmp(names[b as usize]))
    });

    let every_theme = build_matrix(records, &selected, &session_tags, &by_sessions, &names, opts.by);
    let matrix = every_theme.ranked(opts.matrix_ranking, opts.matrix_themes);

    let mut pain_ids: Vec<u32> = (0..names.len() as u32).filter(|&i| !acc[i as usize].pains.is_empty()).collect();
    pain_ids.sort_by(|&a, &b| {
        let (x, y) = (&acc[a as usize], &acc[b as usize]);
        y.pain_sessions
            .cmp(&x.pain_sessions)
            .then(y.pains.len().cmp(&x.pains.len()))
            .then_with(|| names[a as usize].cmp(names[b as usize]))
    });
    let mut newness = vec![0usize; records.len()];
    for (pos, &si) in selected.iter().enumerate() {
        newness[si] = pos;
    }
    let mut in_pain_session = vec![false; records.len()];
    let pain_points = pain_ids
        .iter()
        .map(|&i| {
            let a = &acc[i as usize];
            for r in &a.pains {
                in_pain_session[r.session] = true;
            }
            let quotes = a.evidence[usize::from(evidence_rank(Kind::Quote))]
                .iter()
                .copied()
                .filter(|r| in_pain_session[r.session])
                .collect();
            for r in &a.pains {
                in_pain_session[r.session] = false;
            }
            PainPoint {
                tag: names[i as usize].to_string(),
                notes: a.pains.len(),
                sessions: a.pain_sessions,
                pains: curate(a.pains.clone(), records, &newness),
                quotes: curate(quotes, records, &newness),
            }
        })
        .collect();

    let coverage = coverage(records, &selected, guides, filter);

    let themes = by_sessions
        .iter()
        .map(|&i| {
            let a = &mut acc[i as usize];
            let evidence = curate(std::mem::take(&mut a.evidence).concat(), records, &newness);
            let closing = a.closing.iter().rev().copied().collect();
            Theme {
                tag: names[i as usize].to_string(),
                notes: a.notes,
                sessions: a.sessions,
                kinds: a.kinds,
                evidence,
                closing,
            }
        })
        .collect();

    Synthesis {
        notes,
        untagged,
        tags,
        themes,
        pain_points,
        untagged_pains,
        matrix,
        note_pairs: note_pairs.top(&names, opts.top_pairs),
        session_pairs: session_pairs.top(&names, opts.top_pairs),
        closing_answers: closing_answers.into_iter().rev().collect(),
        coverage,
        selected,
    }
}

/// Evidence as a PM curates it: the notes starred as key evidence first,
/// then the newest (later interview first, later note first). `newness`
/// gives each session's place in time (larger is newer).
pub fn curate(mut refs: Vec<NoteRef>, records: &[SessionRecord], newness: &[usize]) -> Vec<NoteRef> {
    refs.sort_by_key(|r| {
        let starred = records[r.session].notes[r.note].starred;
        (std::cmp::Reverse(starred), std::cmp::Reverse(newness[r.session]), std::cmp::Reverse(r.note))
    });
    refs
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

fn build_matrix(
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
    fn ranked(self, ranking: MatrixRanking, keep: usize) -> Matrix {
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

fn coverage<'r>(
    records: &'r [SessionRecord],
    selected: &[usize],
    guides: &'r [Guide],
    filter: &Filter,
) -> Vec<GuideCoverage> {
    let mut by_guide: Vec<(&str, Vec<usize>)> = Vec::new();
    for &si in selected {
        let g = records[si].guide.as_str();
        match by_guide.iter_mut().find(|(x, _)| *x == g) {
            Some((_, v)) => v.push(si),
            None => by_guide.push((g, vec![si])),
        }
    }
    by_guide.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(b.0)));
    by_guide
        .into_iter()
        .map(|(name, sessions)| {
            let guide = guides.iter().find(|g| g.name == name);
            let mut questions: Vec<QuestionCoverage> = guide
                .map(|g| {
                    g.questions()
                        .map(|(_, q)| QuestionCoverage {
                            id: q.id.clone(),
                            text: Some(q.text.clone()),
                            in_guide: true,
                            noted: 0,
                            reached: 0,
                            covered: 0,
                        })
                        .collect()
                })
                .unwrap_or_default();
            let in_guide = questions.len();
            // Question id → index in `questions`; ids the guide lacks are added as met.
            let mut index: HashMap<&str, usize, Fnv> = HashMap::default();
            for (i, (_, q)) in guide.iter().flat_map(|g| g.questions()).enumerate() {
                index.entry(q.id.as_str()).or_insert(i);
            }
            let mut position = |id: &'r str, questions: &mut Vec<QuestionCoverage>| -> usize {
                *index.entry(id).or_insert_with(|| {
                    questions.push(QuestionCoverage {
                        id: id.to_string(),
                        text: None,
                        in_guide: false,
                        noted: 0,
                        reached: 0,
                        covered: 0,
                    });
                    questions.len() - 1
                })
            };
            // Per question, the last session (its place in `sessions`) that noted / reached it.
            let (mut noted_in, mut reached_in) = (Vec::<usize>::new(), Vec::<usize>::new());
            let mut local: Vec<usize> = Vec::new();
            let mut touched: Vec<usize> = Vec::new();
            for (k, &si) in sessions.iter().enumerate() {
                let s = &records[si];
                local.clear();
                for q in &s.questions {
                    local.push(position(q, &mut questions));
                }
                let asked: Vec<usize> = s
                    .asked
                    .iter()
                    .map(|q| q.trim())
                    .filter(|q| !q.is_empty())
                    .map(|q| position(q, &mut questions))
                    .collect();
                noted_in.resize(questions.len(), usize::MAX);
                reached_in.resize(questions.len(), usize::MAX);
                for (_, n) in filter.notes_of(s) {
                    if let Some(&p) = local.get(n.question as usize)
                        && noted_in[p] != k
                    {
                        noted_in[p] = k;
                        touched.push(p);
                    }
                }
                for p in asked {
                    if reached_in[p] != k {
                        reached_in[p] = k;
                        if noted_in[p] != k {
                            touched.push(p);
                        }
                    }
                }
                for p in touched.drain(..) {
                    let q = &mut questions[p];
                    q.covered += 1;
                    q.noted += usize::from(noted_in[p] == k);
                    q.reached += usize::from(reached_in[p] == k);
                }
            }
            let mut extra = questions.split_off(in_guide);
            extra.sort_by(|a, b| natural_key(&a.id).cmp(&natural_key(&b.id)).then_with(|| a.id.cmp(&b.id)));
            questions.extend(extra);
            GuideCoverage {
                guide: name.to_string(),
                title: guide.map(|g| g.title.clone()),
                sessions: sessions.len(),
                questions,
            }
        })
        .collect()
}

/// "2.10" after "2.9": numeric parts compare as numbers.
fn natural_key(id: &str) -> Vec<(u64, String)> {
    id.split('.').map(|p| (p.parse::<u64>().unwrap_or(u64::MAX), p.to_string())).collect()
}

/// Up to `n` of curated evidence `refs` for a report: every note the PM
/// starred comes first (they chose it to carry the finding), then quotes (the
/// participants' own words), then the rest, each in the order given (see
/// [`curate`]: newest first), one per session first as [`pick`] does; never
/// one `allow` refuses.
pub fn pick_curated(
    refs: &[NoteRef],
    n: usize,
    allow: impl Fn(NoteRef) -> bool,
    records: &[SessionRecord],
) -> Vec<NoteRef> {
    let note = |r: &NoteRef| r.resolve(records).1;
    let mut out: Vec<NoteRef> = refs.iter().copied().filter(|r| note(r).starred && allow(*r)).take(n).collect();
    let quotes = refs.iter().filter(|r| !note(r).starred && note(r).kind == Kind::Quote);
    let others = refs.iter().filter(|r| !note(r).starred && note(r).kind != Kind::Quote);
    let room = n - out.len();
    out.extend(pick(quotes.chain(others).copied(), room, allow));
    out
}

/// Up to `n` of `refs`, in their order, one per session first (so a few
/// quotes are not all from one talkative participant), then the rest;
/// never one `allow` refuses.
pub fn pick(refs: impl IntoIterator<Item = NoteRef>, n: usize, allow: impl Fn(NoteRef) -> bool) -> Vec<NoteRef> {
    let mut out: Vec<NoteRef> = Vec::with_capacity(n);
    let mut later: Vec<NoteRef> = Vec::new();
    for r in refs {
        if out.len() >= n {
            break;
        }
        if !allow(r) {
            continue;
        }
        if out.iter().any(|o| o.session == r.session) {
            if later.len() < n {
                later.push(r);
            }
        } else {
            out.push(r);
        }
    }
    let room = n.saturating_sub(out.len());
    out.extend(later.into_iter().take(room));
    out
}

// ---------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------

// Search by words lives in `search.rs`; these are its entry points, here
// with the rest of what the synthesis screen and `synth_cmd` call.
pub use crate::analysis::search::{Found, Hit, highlight, narrows, search, search_pool, search_within};

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2025-03-{:02}T10:00:00+00:00", h)).unwrap()
    }

    type N<'a> = (Kind, &'a str, &'a [&'a str], Option<&'a str>);

    fn note<'a>(kind: Kind, text: &'a str, tags: &'a [&'a str], q: Option<&'a str>) -> N<'a> {
        (kind, text, tags, q)
    }

    fn session(id: &str, day: u32, who: &str, segment: Option<&str>, notes: Vec<N>) -> SessionRecord {
        let mut s = SessionRecord::new(id, who, "discovery", at(day));
        s.company = Some(format!("{who} Corp"));
        s.segment = segment.map(String::from);
        for (kind, text, tags, q) in notes {
            s.push_note(Offset(60), kind, q, tags.iter().copied(), text);
        }
        s
    }

    fn library() -> Vec<SessionRecord> {
        vec![
            session(
                "b",
                2,
                "Ben Okafor",
                Some("smb"),
                vec![
                    note(Kind::Note, "slow export", &["export", "perf"], Some("1.1")),
                    note(Kind::Pain, "export breaks", &["export"], None),
                    note(Kind::Quote, "I hate exports", &["export"], None),
                ],
            ),
            session(
                "a",
                1,
                "Ana López",
                Some("SMB"),
                vec![
                    note(Kind::Pain, "too pricey", &["pricing", "perf"], None),
                    note(Kind::Note, "no tags here", &[], None),
                    note(Kind::Pain, "untagged pain", &[], None),
                ],
            ),
            session("c", 3, "Chidi", None, vec![]),
            session("d", 4, "Dana", Some("enterprise"), vec![note(Kind::Quote, "pricing, again", &["pricing"], None)]),
        ]
    }

    #[test]
    fn counts_rank_and_ties() {
        let r = library();
        let s = synthesize(&r, &[], &Filter::default(), &Options::default());
        assert_eq!(s.sessions(), 4);
        assert_eq!(s.notes, 7);
        assert_eq!(s.untagged, 2);
        let tags: Vec<(&str, usize, usize)> = s.tags.iter().map(|t| (t.tag.as_str(), t.notes, t.sessions)).collect();
        // export 3 notes; perf and pricing tie on 2 notes: by name.
        assert_eq!(tags, vec![("export", 3, 1), ("perf", 2, 2), ("pricing", 2, 2)]);
        let themes: Vec<&str> = s.themes.iter().map(|t| t.tag.as_str()).collect();
        assert_eq!(themes, vec!["perf", "pricing", "export"]);
        // Evidence: quotes first, then pains, then notes.
        let export = s.theme("export").unwrap();
        let kinds: Vec<Kind> = export.evidence.iter().map(|e| e.resolve(&r).1.kind).collect();
        assert_eq!(kinds, vec![Kind::Quote, Kind::Pain, Kind::Note]);
        assert_eq!(export.count(Kind::Pain), 1);
        // Oldest session first.
        assert_eq!(s.selected, vec![1, 0, 2, 3]);
        assert_eq!(s.untagged_pains, vec![NoteRef { session: 1, note: 2 }]);
    }

    #[test]
    fn pain_points_rank_by_sessions() {
        let r = library();
        let s = synthesize(&r, &[], &Filter::default(), &Options::default());
        let pains: Vec<(&str, usize, usize, usize)> =
            s.pain_points.iter().map(|p| (p.tag.as_str(), p.notes, p.sessions, p.quotes.len())).collect();
        assert_eq!(pains, vec![("export", 1, 1, 1), ("perf", 1, 1, 0), ("pricing", 1, 1, 0)]);
        let first: Vec<NoteRef> = s.pain_points[0].candidates().collect();
        assert_eq!(first, vec![NoteRef { session: 0, note: 2 }, NoteRef { session: 0, note: 1 }]);
    }

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

    #[test]
    fn cooccurrence_on_notes_and_sessions() {
        let r = library();
        let s = synthesize(&r, &[], &Filter::default(), &Options::default());
        let pairs = |v: &[Pair]| v.iter().map(|p| (p.a.clone(), p.b.clone(), p.count)).collect::<Vec<_>>();
        assert_eq!(
            pairs(&s.note_pairs),
            vec![("export".into(), "perf".into(), 1), ("perf".into(), "pricing".into(), 1)]
        );
        assert_eq!(pairs(&s.session_pairs), pairs(&s.note_pairs));
        // A dense and a sparse counter agree.
        let mut sparse = PairCounter::Sparse(HashMap::new());
        let mut dense = PairCounter::new(3);
        for l in [[0u32, 1, 2].as_slice(), &[1, 2], &[0, 2]] {
            sparse.add_all(l);
            dense.add_all(l);
        }
        assert_eq!(sparse.top(&["x", "y", "z"], 10), dense.top(&["x", "y", "z"], 10));
    }

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
    fn coverage_counts_notes_and_reached_questions() {
        let mut r = library();
        r[2].asked = vec!["1.2".into()];
        let guide = crate::store::guides::parse_builtin("discovery").unwrap().unwrap();
        let s = synthesize(&r, std::slice::from_ref(&guide), &Filter::default(), &Options::default());
        let c = &s.coverage[0];
        assert_eq!((c.guide.as_str(), c.sessions), ("discovery", 4));
        let q = |id: &str| c.questions.iter().find(|q| q.id == id).unwrap();
        assert_eq!((q("1.1").noted, q("1.1").reached, q("1.1").covered), (1, 0, 1));
        assert_eq!((q("1.2").noted, q("1.2").reached, q("1.2").covered), (0, 1, 1));
        assert!(q("2.1").never_covered());
        assert!(!q("1.1").never_covered());
        // Without the guide: only what notes name.
        let s = synthesize(&r, &[], &Filter::default(), &Options::default());
        let ids: Vec<&str> = s.coverage[0].questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, vec!["1.1", "1.2"]);
        assert!(s.coverage[0].questions.iter().all(|q| !q.in_guide && !q.never_covered()));
        assert!(natural_key("2.10") > natural_key("2.9"));
    }

    #[test]
    fn closing_answers_carry_session_tags() {
        let mut r = library();
        r[0].closing_answer = Some("Make exports fast".into());
        r[1].closing_answer = Some("Cheaper, please".into());
        let s = synthesize(&r, &[], &Filter::default(), &Options::default());
        // Newest first.
        assert_eq!(
            s.closing_answers,
            vec![
                ClosingAnswer { session: 0, tags: vec!["export".into(), "perf".into()] },
                ClosingAnswer { session: 1, tags: vec!["perf".into(), "pricing".into()] },
            ]
        );
        // With a tag filter: only sessions mentioning it, with all their tags.
        let f = Filter { tag: Some("export".into()), ..Filter::default() };
        let s = synthesize(&r, &[], &f, &Options::default());
        assert_eq!(s.closing_answers, vec![ClosingAnswer { session: 0, tags: vec!["export".into(), "perf".into()] }]);
    }

    #[test]
    fn pick_prefers_distinct_sessions_and_respects_allow() {
        let r = |s, n| NoteRef { session: s, note: n };
        let refs = [r(0, 0), r(0, 1), r(1, 0), r(2, 0), r(3, 0)];
        assert_eq!(pick(refs, 3, |_| true), vec![r(0, 0), r(1, 0), r(2, 0)]);
        assert_eq!(pick(refs, 3, |x| x.session != 1), vec![r(0, 0), r(2, 0), r(3, 0)]);
        assert_eq!(pick(refs[..2].iter().copied(), 3, |_| true), vec![r(0, 0), r(0, 1)]);
    }

    #[test]
    fn search_ranks_and_gives_char_indices() {
        let r = library();
        let hits = search(&r, &Filter::default(), "export", 10);
        assert!(hits.len() >= 2, "{hits:?}");
        assert!(hits[0].at.text(&r).contains("export"), "{}", hits[0].at.text(&r));
        assert!(search(&r, &Filter::default(), "zzzz", 10).is_empty());
        assert!(search(&r, &Filter::default(), "  ", 10).is_empty());
        let mut u = library();
        u[0].push_note(Offset(9), Kind::Note, None, [], "Ünïcode café export");
        let hits = search(&u, &Filter::default(), "café", 1);
        assert_eq!(hits[0].indices, vec![8, 9, 10, 11]);
        let only_pricing = search(&r, &Filter { tag: Some("pricing".into()), ..Filter::default() }, "p", 10);
        assert!(only_pricing.iter().all(|h| {
            let (s, n) = h.at.note().expect("a tag filter finds notes only").resolve(&r);
            s.tags_of(n).any(|t| t == "pricing")
        }));
    }

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

    /// Issue #14: evidence is what the PM starred first, then the newest, not
    /// quotes oldest first; a report takes the starred notes before any other.
    #[test]
    fn evidence_is_starred_first_then_newest() {
        let mut r = library();
        let s = synthesize(&r, &[], &Filter::default(), &Options::default());
        let perf = &s.theme("perf").unwrap().evidence;
        // Ben's note (day 2) before Ana's pain (day 1): newest first, whatever the kind.
        assert_eq!(perf, &vec![NoteRef { session: 0, note: 0 }, NoteRef { session: 1, note: 0 }]);
        let export = &s.theme("export").unwrap().evidence;
        assert_eq!(export.iter().map(|n| n.note).collect::<Vec<_>>(), [2, 1, 0], "later notes first");

        // Ana's old pain, starred, goes first in the theme and in the pain point.
        r[1].notes[0].starred = true;
        let s = synthesize(&r, &[], &Filter::default(), &Options::default());
        let pricing = &s.theme("pricing").unwrap().evidence;
        assert_eq!(pricing[0], NoteRef { session: 1, note: 0 });
        assert_eq!(
            s.pain_points.iter().find(|p| p.tag == "pricing").unwrap().pains[0],
            NoteRef { session: 1, note: 0 }
        );
        // A report's pick: the starred note, then quotes, then the rest.
        let picked = pick_curated(pricing, 2, |_| true, &r);
        assert_eq!(picked, vec![NoteRef { session: 1, note: 0 }, NoteRef { session: 3, note: 0 }]);
        // Two starred notes of one session both come before a quote of another.
        r[0].notes[1].starred = true;
        r[0].notes[0].starred = true;
        let s = synthesize(&r, &[], &Filter::default(), &Options::default());
        let export = &s.theme("export").unwrap().evidence;
        let picked = pick_curated(export, 2, |_| true, &r);
        assert_eq!(picked, vec![NoteRef { session: 0, note: 1 }, NoteRef { session: 0, note: 0 }]);
    }

    /// Issue #14: a closing answer's tags count in the themes, the matrix and
    /// the tag filter, as closing answers (no note counted).
    #[test]
    fn closing_answer_tags_count_in_themes_matrix_and_filter() {
        let mut r = library();
        r[2].closing_answer = Some("Mostly #reporting, and #pricing".into());
        r[2].closing_tags = vec!["reporting".into(), "pricing".into()];
        let opts = Options { matrix_themes: 20, ..Options::default() };
        let s = synthesize(&r, &[], &Filter::default(), &opts);
        let reporting = s.theme("reporting").expect("a theme from the closing answer alone");
        assert_eq!((reporting.sessions, reporting.notes), (1, 0));
        assert_eq!(reporting.closing, vec![2]);
        let pricing = s.theme("pricing").unwrap();
        assert_eq!(pricing.sessions, 3, "Ana, Chidi's closing answer and Dana");
        assert_eq!(pricing.closing, vec![2]);
        // Chidi has no segment: the matrix's last row.
        let col = s.matrix.themes.iter().position(|t| t == "reporting").unwrap();
        let none = s.matrix.rows.iter().find(|row| row.group.is_none()).unwrap();
        assert_eq!(none.counts[col], 1);
        assert_eq!(s.closing_answers[0].tags, vec!["reporting", "pricing"], "the answer's own tags first");
        // Filtering by the tag keeps the session for its closing answer.
        let f = Filter { tag: Some("#Reporting".into()), ..Filter::default() };
        let s = synthesize(&r, &[], &f, &opts);
        assert_eq!(s.selected, vec![2]);
        assert_eq!(s.theme("reporting").unwrap().sessions, 1);
        assert_eq!(s.notes, 0);
        // A record made from a session reads the tags stored with its answer.
        let mut session = Session::new("x".into(), "g", "G", Default::default(), at(1));
        session.closing = Some(crate::domain::session::Closing::answered("Q?", "Fix #Reporting", Default::default()));
        assert_eq!(SessionRecord::of(&session).closing_tags, vec!["reporting"]);
    }
}
