//! Sittings and time labels: an interview continued in a later call, how
//! long it lasted over all of its calls, which questions each call reached,
//! and how a note's time reads. Separate from the types because it is the
//! session's one piece of clock arithmetic.

use super::{Extra, Note, Offset, Session};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

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

/// When a note was taken, as the screen says it: the same elapsed clock as
/// the header (`0:43`, `1:02:03` past an hour), with its sitting when there
/// are several (`sitting 2 · 3:10`). Files and reports keep `00:03:10`.
pub fn clock_label(sittings: u32, sitting: u32, at: Offset) -> String {
    let clock = crate::text::width::clock(at.0);
    if sittings > 1 { format!("sitting {sitting} · {clock}") } else { clock }
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
    /// Questions first asked in this sitting, from its start (the first
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

impl Session {
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

    /// When a note was taken, as the screen says it (see [`clock_label`]).
    pub fn note_clock(&self, note: &Note) -> String {
        clock_label(self.sitting_count(), note.sitting_number(), note.at)
    }
}

fn secs_between(from: DateTime<FixedOffset>, to: DateTime<FixedOffset>) -> u32 {
    u32::try_from((to - from).num_seconds().max(0)).unwrap_or(u32::MAX)
}
