//! Looking ahead in the guide without moving: the interviewer reads the next
//! questions while the participant talks, and the current question, its
//! clocks and what counts as asked stay where they are. A peek ends by
//! itself: on a commit, on Esc, or [`PEEK_SECS`] after the last peek key.

use super::Capture;
use chrono::{DateTime, FixedOffset};

/// How long a peek shows without another peek key before the guide shows
/// the current question again.
pub const PEEK_SECS: i64 = 6;

/// The question looked at, and when the last peek key was pressed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Peek {
    pub index: usize,
    pub since: DateTime<FixedOffset>,
}

impl Capture {
    /// The question being looked at instead of the current one, while the
    /// peek lasts.
    pub fn peeking(&self, now: DateTime<FixedOffset>) -> Option<usize> {
        let peek = self.peek?;
        ((now - peek.since).num_seconds() < PEEK_SECS && peek.index != self.current).then_some(peek.index)
    }

    /// One question further (`forward`) or back from the one looked at;
    /// arriving back at the current question ends the peek.
    pub(super) fn peek_step(&mut self, forward: bool, now: DateTime<FixedOffset>) {
        let n = self.guide.question_count();
        if n == 0 {
            return;
        }
        let from = self.peeking(now).unwrap_or(self.current);
        let to = if forward { (from + 1).min(n - 1) } else { from.saturating_sub(1) };
        self.peek = (to != self.current).then_some(Peek { index: to, since: now });
    }

    /// Forgets a peek that has run out, so the guide shows the current
    /// question again; true when a peek was still showing and now ends.
    pub(super) fn end_peek(&mut self, now: DateTime<FixedOffset>) -> bool {
        let showing = self.peeking(now).is_some();
        self.peek = None;
        showing
    }

    /// Drops a peek whose time is up (a key or a tick came after it).
    pub(super) fn expire_peek(&mut self, now: DateTime<FixedOffset>) {
        if self.peeking(now).is_none() {
            self.peek = None;
        }
    }
}
