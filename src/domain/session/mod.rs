//! The session file: one YAML document per interview. This is the contract with
//! users, their editors and their teammates' git history, so field names never
//! change and keys this version does not know are carried through untouched.
//!
//! Times: `started_at` and `ended_at` are absolute; a note's `at` (and
//! `asked_at`, `consent.at`) is an offset from the start of its sitting. Most
//! interviews are one sitting and have no `sittings:` key. One continued in a
//! later call lists every sitting (`Sitting`), the first starting at
//! `started_at`; its later notes carry `sitting: N` and later questions
//! reached are kept in their sitting's `asked_at`. The README's "Session
//! files" section shows the shape.
//!
//! Curation: a note the PM starred as key evidence says `starred: true` (left
//! out when false, so older files round-trip byte for byte); the closing
//! answer keeps its text as typed and lists the `#tags` in it under
//! `closing.tags` (left out when none).

use super::note::Kind;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Keys this version does not know, kept in file order so a rewrite never
/// drops a teammate's field.
pub type Extra = serde_json::Map<String, serde_json::Value>;

pub const SCHEMA: u32 = 1;
pub const DEFAULT_CLOSING: &str = "What else is on your mind?";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub schema: u32,
    #[serde(deserialize_with = "lenient_string")]
    pub id: String,
    #[serde(deserialize_with = "lenient_string")]
    pub guide: String,
    #[serde(default, deserialize_with = "lenient_string")]
    pub title: String,
    pub participant: Participant,
    pub started_at: DateTime<FixedOffset>,
    /// When the interview was last ended: the end of its last finished sitting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<FixedOffset>>,
    /// Absent for an interview held in one sitting (most files). Once a later
    /// call continues it (`resume` long after the last activity, see
    /// [`SITTING_GAP_SECS`]), every sitting in order, the first one starting at
    /// `started_at`. Notes of a later sitting say which (`sitting: 2`).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub sittings: Vec<Sitting>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub notes: Vec<Note>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<Closing>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    /// When each guide question was first reached (in the first sitting; later
    /// sittings keep their own), for reviewing coverage and pacing.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub asked_at: std::collections::BTreeMap<String, Offset>,
    /// Key takeaways written after the call (multi-line).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_opt_string")]
    pub summary: Option<String>,
    /// The after-call checklist.
    #[serde(default, skip_serializing_if = "Wrapup::is_empty")]
    pub wrapup: Wrapup,
    /// Text left in the note input when the app was closed, given back on resume.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_opt_string")]
    pub draft: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Participant {
    #[serde(deserialize_with = "lenient_string")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_opt_string")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_opt_string")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_opt_string")]
    pub segment: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// From the start of the note's sitting.
    pub at: Offset,
    /// Which sitting the note was taken in (1-based), when not the first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sitting: Option<u32>,
    #[serde(default, deserialize_with = "lenient_string")]
    pub text: String,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_opt_string")]
    pub question: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_as_default",
        serialize_with = "flow_seq"
    )]
    pub tags: Vec<String>,
    /// A follow-up that has been dealt with.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
    /// Key evidence, chosen by the PM: reports and the evidence pane put it
    /// first. Written `starred: true`; absent when not starred, so files
    /// written before stars existed read and write back unchanged.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub starred: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Note {
    /// The sitting the note was taken in, 1-based.
    pub fn sitting_number(&self) -> u32 {
        self.sitting.unwrap_or(1).max(1)
    }

    /// The note as it would be typed: marker, text, `#tags`. Editing starts from this.
    pub fn as_typed(&self) -> String {
        super::note::unparse(self.kind, &self.text, &self.tags)
    }

    /// The note after being typed again: kind, text and tags read from
    /// `typed`, everything else (time, question, done, unknown keys) kept.
    /// `None` when nothing would be left of it.
    pub fn retyped(&self, typed: &str) -> Option<Note> {
        let parsed = super::note::parse(typed)?;
        Some(Note { kind: parsed.kind, text: parsed.text, tags: parsed.tags, ..self.clone() })
    }
}

/// Resuming a session more than this long after its last activity starts a
/// new sitting (a follow-up call, its clock from zero); within it, the same
/// clock goes on (a dropped call picked up again).
pub const SITTING_GAP_SECS: i64 = 3600;

/// When a note was taken, as people read it, in an interview of `sittings`
/// sittings: the bare offset for one sitting, else `sitting 2 · 00:03:10`
/// (an offset alone would put a later call's note into the first).
pub fn time_label(sittings: u32, sitting: u32, at: Offset) -> String {
    if sittings > 1 { format!("sitting {sitting} · {at}") } else { at.to_string() }
}

/// One call of an interview held over several (see `Session::sittings`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sitting {
    pub started_at: DateTime<FixedOffset>,
    /// Set on every sitting but the last when the next one starts: its end,
    /// or its last activity when it was never ended. The last one ends at the
    /// session's `ended_at` (when that falls after its start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<FixedOffset>>,
    /// Questions first reached in this sitting, from its start (the first
    /// sitting's are the session's `asked_at`).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub asked_at: std::collections::BTreeMap<String, Offset>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Sitting {
    pub fn starting(started_at: DateTime<FixedOffset>) -> Sitting {
        Sitting { started_at, ended_at: None, asked_at: Default::default(), extra: Extra::new() }
    }
}

/// What the participant agreed to, asked before the interview starts.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Consent {
    /// May notes be taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<bool>,
    /// May the call be recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording: Option<bool>,
    /// May their words be quoted to the team; `false` keeps quotes out of snapshots and reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotes: Option<bool>,
    /// When it was given, from the start of the interview.
    pub at: Offset,
    #[serde(flatten)]
    pub extra: Extra,
}

/// What is left to do once the call is over.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Wrapup {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub thanked: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Wrapup {
    pub fn is_empty(&self) -> bool {
        !self.thanked && !self.shared && self.extra.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Closing {
    #[serde(deserialize_with = "lenient_string")]
    pub question: String,
    /// The answer as typed, `#tags` included: it is the participant's answer
    /// to the question that matters most, so nothing is taken out of it.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_opt_string")]
    pub answer: Option<String>,
    /// The `#tags` typed in the answer, read as a note's are
    /// (`note::tags_in`): they count in themes like notes' tags. Absent
    /// when there are none.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_as_default",
        serialize_with = "flow_seq"
    )]
    pub tags: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Closing {
    /// The closing answer as typed: its tags are read from it.
    pub fn answered(question: &str, answer: &str, extra: Extra) -> Closing {
        let answer = Some(answer.to_string()).filter(|a| !a.trim().is_empty());
        let tags = answer.as_deref().map(super::note::tags_in).unwrap_or_default();
        Closing { question: question.to_string(), answer, tags, extra }
    }
}

impl Session {
    /// A fresh session for `participant`, started at `started_at`.
    pub fn new(
        id: String,
        guide: &str,
        guide_title: &str,
        participant: Participant,
        started_at: DateTime<FixedOffset>,
    ) -> Session {
        let title = format!("{guide_title} — {}", participant.name);
        Session {
            schema: SCHEMA,
            id,
            guide: guide.to_string(),
            title,
            participant,
            started_at,
            ended_at: None,
            sittings: Vec::new(),
            notes: Vec::new(),
            closing: None,
            consent: None,
            asked_at: Default::default(),
            summary: None,
            wrapup: Wrapup::default(),
            draft: None,
            extra: Extra::new(),
        }
    }

    pub fn is_finished(&self) -> bool {
        self.ended_at.is_some()
    }

    /// Seconds from the start to the end (or to `now` while in progress);
    /// over several sittings, the sum of their lengths (not the months between).
    pub fn duration_secs(&self, now: DateTime<FixedOffset>) -> u32 {
        let last = self.sitting_count();
        (1..=last)
            .map(|n| {
                let start = self.sitting_start(n);
                let end = match self.sittings.get(n as usize - 1).and_then(|s| s.ended_at) {
                    Some(end) if n < last => end,
                    _ if n < last => self.sitting_last_activity(n),
                    _ => match self.ended_at {
                        Some(end) if end >= start => end,
                        // Ended in an earlier sitting, continued, not ended again.
                        Some(_) => self.sitting_last_activity(n),
                        None => now,
                    },
                };
                secs_between(start, end)
            })
            .fold(0u32, u32::saturating_add)
    }

    /// Whole minutes the interview lasted, once ended.
    pub fn duration_mins(&self) -> Option<i64> {
        self.ended_at.map(|end| (i64::from(self.duration_secs(end)) + 30) / 60)
    }

    /// How many sittings: 1 unless a later call continued the interview.
    pub fn sitting_count(&self) -> u32 {
        u32::try_from(self.sittings.len()).unwrap_or(u32::MAX).max(1)
    }

    /// When sitting `n` (1-based) started; the first for 0 or 1, the last for
    /// any number past it.
    pub fn sitting_start(&self, n: u32) -> DateTime<FixedOffset> {
        match n.min(self.sitting_count()) {
            0 | 1 => self.started_at,
            n => self.sittings[n as usize - 1].started_at,
        }
    }

    /// The latest moment sitting `n` is known to have lasted to: its last
    /// note, question reached or consent, its end when the session was ended
    /// during it, else its start.
    pub fn sitting_last_activity(&self, n: u32) -> DateTime<FixedOffset> {
        let n = n.clamp(1, self.sitting_count());
        let start = self.sitting_start(n);
        let asked = if n == 1 { &self.asked_at } else { &self.sittings[n as usize - 1].asked_at };
        let consent = self.consent.as_ref().filter(|_| n == 1).map(|c| c.at);
        let offsets = self.notes.iter().filter(|note| note.sitting_number() == n).map(|note| note.at);
        let latest = offsets.chain(asked.values().copied()).chain(consent).max().unwrap_or_default();
        let mut last = start + chrono::Duration::seconds(i64::from(latest.0));
        let next_start = (n < self.sitting_count()).then(|| self.sitting_start(n + 1));
        if let Some(end) = self.ended_at.filter(|e| *e >= start && next_start.is_none_or(|next| *e <= next)) {
            last = last.max(end);
        }
        last
    }

    /// Whether resuming at `now` is a new call rather than the same one
    /// picked up again: the last activity is more than [`SITTING_GAP_SECS`] ago.
    pub fn is_new_sitting_at(&self, now: DateTime<FixedOffset>) -> bool {
        (now - self.sitting_last_activity(self.sitting_count())).num_seconds() > SITTING_GAP_SECS
    }

    /// Starts sitting `sitting_count() + 1` at `started_at`; the one before
    /// ends at `previous_end`. A session without `sittings` gets its first.
    pub fn begin_sitting(&mut self, started_at: DateTime<FixedOffset>, previous_end: DateTime<FixedOffset>) {
        if self.sittings.is_empty() {
            self.sittings.push(Sitting::starting(self.started_at));
        }
        if let Some(last) = self.sittings.last_mut() {
            last.ended_at = Some(previous_end);
        }
        self.sittings.push(Sitting::starting(started_at));
    }

    /// Records when a guide question was first reached, in the current sitting.
    pub fn mark_asked(&mut self, question: &str, at: Offset) {
        if self.was_asked(question) {
            return;
        }
        match self.sittings.len() {
            0 | 1 => self.asked_at.insert(question.to_string(), at),
            n => self.sittings[n - 1].asked_at.insert(question.to_string(), at),
        };
    }

    /// Whether a question was reached in any sitting.
    pub fn was_asked(&self, question: &str) -> bool {
        self.asked_ids().any(|q| q == question)
    }

    /// Every question reached, in any sitting.
    pub fn asked_ids(&self) -> impl Iterator<Item = &str> {
        self.asked_at.keys().chain(self.sittings.iter().flat_map(|s| s.asked_at.keys())).map(String::as_str)
    }

    /// The question reached last: the latest of the latest sitting that reached any.
    pub fn last_asked(&self) -> Option<&str> {
        let per_sitting = std::iter::once(&self.asked_at).chain(self.sittings.iter().skip(1).map(|s| &s.asked_at));
        let latest = per_sitting.rev().find(|m| !m.is_empty())?;
        latest.iter().max_by_key(|(_, at)| **at).map(|(q, _)| q.as_str())
    }

    /// When a note was taken, as people read it: `00:03:10`, or
    /// `sitting 2 · 00:03:10` in an interview held over several sittings.
    pub fn note_time(&self, note: &Note) -> String {
        time_label(self.sitting_count(), note.sitting_number(), note.at)
    }

    pub fn closing_answer(&self) -> Option<&str> {
        self.closing.as_ref().and_then(|c| c.answer.as_deref()).filter(|a| !a.trim().is_empty())
    }

    /// Tags in order of first use, each with how many notes carry it.
    pub fn tag_counts(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for tag in self.notes.iter().flat_map(|n| &n.tags) {
            match counts.iter_mut().find(|(t, _)| t == tag) {
                Some((_, c)) => *c += 1,
                None => counts.push((tag.clone(), 1)),
            }
        }
        counts
    }

    /// Replaces tag `from` with `to` on every note (no duplicates); returns how
    /// many notes changed.
    pub fn retag(&mut self, from: &str, to: &str) -> usize {
        let mut changed = 0;
        for n in &mut self.notes {
            if let Some(pos) = n.tags.iter().position(|t| t == from) {
                if n.tags.iter().any(|t| t == to) {
                    n.tags.remove(pos);
                } else {
                    n.tags[pos] = to.to_string();
                }
                changed += 1;
            }
        }
        changed
    }

    /// Whether quotes may be shown to the team: not when consent says no.
    pub fn quotes_shareable(&self) -> bool {
        self.consent.as_ref().and_then(|c| c.quotes) != Some(false)
    }

    pub fn count_kind(&self, kind: Kind) -> usize {
        self.notes.iter().filter(|n| n.kind == kind).count()
    }
}

/// A new session id: `YYYYMMDD-HHMM-participant-slug-xxxx`, where `xxxx`
/// comes from `nonce` so that two teammates starting an interview with the
/// same name in the same minute on different machines never collide when
/// their libraries meet in git; `-2`, `-3`… follow if `taken` still says so.
/// Also the file's name, so it stays ASCII where it can and never holds a
/// path separator.
pub fn make_id(
    started_at: DateTime<FixedOffset>,
    participant: &str,
    nonce: u64,
    taken: impl Fn(&str) -> bool,
) -> String {
    // No 0/o, 1/l/i: the suffix is read aloud and typed as an id prefix.
    const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
    let suffix: String =
        (0..4).map(|k| ALPHABET[((nonce >> (k * 8)) % ALPHABET.len() as u64) as usize] as char).collect();
    let slug = slug(participant);
    let base = if slug.is_empty() {
        format!("{}-{suffix}", started_at.format("%Y%m%d-%H%M"))
    } else {
        format!("{}-{slug}-{suffix}", started_at.format("%Y%m%d-%H%M"))
    };
    if !taken(&base) {
        return base;
    }
    (2..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).expect("some suffix is free")
}

/// Lower-case words joined by `-`, with common accents folded to ASCII.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = fold_accent(c);
        if folded.is_alphanumeric() {
            out.push(folded);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 40 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' | 'ş' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ť' => 't',
        'ď' => 'd',
        'ğ' => 'g',
        other => other,
    }
}

fn secs_between(from: DateTime<FixedOffset>, to: DateTime<FixedOffset>) -> u32 {
    u32::try_from((to - from).num_seconds().max(0)).unwrap_or(u32::MAX)
}

/// Time since the interview (or its sitting) started, written `HH:MM:SS` in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Offset(pub u32);

impl Offset {
    pub fn parse(s: &str) -> Option<Offset> {
        let parts: Vec<&str> = s.trim().split(':').collect();
        if parts.is_empty() || parts.len() > 3 {
            return None;
        }
        let mut secs: u32 = 0;
        for (i, part) in parts.iter().enumerate() {
            if part.is_empty() || !part.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let v: u32 = part.parse().ok()?;
            if i > 0 && v >= 60 {
                return None;
            }
            secs = secs.checked_mul(60)?.checked_add(v)?;
        }
        Some(Offset(secs))
    }
}

impl std::fmt::Display for Offset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.0;
        write!(f, "{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    }
}

impl Serialize for Offset {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Quoted: unquoted `00:03:12` is a base-60 number to YAML 1.1 readers (PyYAML).
        serde_saphyr::DoubleQuoted(self.to_string()).serialize(s)
    }
}

/// Tags on one line, `[a, b]`: short, and one changed tag is a one-line diff.
fn flow_seq<S: Serializer>(tags: &[String], s: S) -> Result<S::Ok, S::Error> {
    serde_saphyr::FlowSeq(tags).serialize(s)
}

impl<'de> Deserialize<'de> for Offset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A hand-written `at: 95` means 95 seconds.
        let raw = lenient_string(d)?;
        Offset::parse(&raw).ok_or_else(|| {
            serde::de::Error::custom(format!("`at` must be a time offset like \"00:03:12\", not {raw:?}"))
        })
    }
}

/// Reads any scalar as text: a hand-edited file may leave `name: 007`,
/// `company: no` or `question: 2.1` unquoted, and those are still text to us.
fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_any(ScalarText)
}

fn lenient_opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(OptScalarText)
}

fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

struct ScalarText;

impl serde::de::Visitor<'_> for ScalarText {
    type Value = String;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("text")
    }
    fn visit_str<E>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_string<E>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_bool<E>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_unit<E>(self) -> Result<String, E> {
        Ok(String::new())
    }
    fn visit_none<E>(self) -> Result<String, E> {
        Ok(String::new())
    }
}

struct OptScalarText;

impl<'de> serde::de::Visitor<'de> for OptScalarText {
    type Value = Option<String>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("text or nothing")
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_slugged_and_unique() {
        let t = DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap();
        let id = make_id(t, "Ana López", 0x0102_0304, |_| false);
        let suffix = id.strip_prefix("20261122-1430-ana-lopez-").expect(&id);
        assert_eq!(suffix.len(), 4);
        assert!(suffix.chars().all(|c| "23456789abcdefghjkmnpqrstuvwxyz".contains(c)), "{id}");
        assert_eq!(make_id(t, "Ana López", 0x0102_0304, |x| x == id), format!("{id}-2"));
        assert!(make_id(t, "../../etc", 7, |_| false).starts_with("20261122-1430-etc-"));
        assert_eq!(make_id(t, "", 7, |_| false).len(), "20261122-1430-xxxx".len());
        // Two machines, same minute, same participant: different ids.
        let ids: std::collections::HashSet<String> =
            (0..1000u64).map(|n| make_id(t, "Ana", n.wrapping_mul(0x9e37_79b9_7f4a_7c15), |_| false)).collect();
        assert!(ids.len() > 990, "suffixes spread: {} distinct of 1000", ids.len());
        assert_eq!(slug("Zoë O'Brien-Smith"), "zoe-o-brien-smith");
        assert_eq!(slug("田中 太郎"), "田中-太郎");
    }

    #[test]
    fn offsets_parse_and_print() {
        assert_eq!(Offset::parse("00:03:12"), Some(Offset(192)));
        assert_eq!(Offset::parse("3:12"), Some(Offset(192)));
        assert_eq!(Offset::parse("95"), Some(Offset(95)));
        assert_eq!(Offset::parse("1:02:03").unwrap().to_string(), "01:02:03");
        assert_eq!(Offset::parse("00:61:00"), None);
        assert_eq!(Offset::parse("ab"), None);
        assert_eq!(Offset::parse(""), None);
        assert_eq!(Offset(100 * 3600).to_string(), "100:00:00");
    }
}
