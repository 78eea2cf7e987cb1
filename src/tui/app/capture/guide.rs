//! Where the call is: the guide question on screen (a question counts as
//! asked once a note is taken on it or it stays current for a while), the time spent per section, the clock of
//! the sitting, and the reminder to ask the closing question.

use super::{Capture, Focus};
use crate::domain::op::Op;
use crate::domain::session::Offset;
use crate::tui::app::Effect;
use chrono::{DateTime, FixedOffset};

/// A question the interviewer stayed on this long counts as asked, even
/// without a note on it; one skipped past sooner does not (README, "The live
/// screen"; the help says it too).
pub const ASKED_AFTER_SECS: u32 = 20;

impl Capture {
    pub fn current_section(&self) -> Option<usize> {
        self.guide.nth(self.current).map(|(r, _)| r.section)
    }

    /// The time the clocks show: frozen at the end while the wrap-up shows.
    fn clock_time(&self, now: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        match (&self.focus, self.session.ended_at) {
            (Focus::WrapUp, Some(end)) => end,
            _ => now,
        }
    }

    /// Seconds spent in the current section, this stay included.
    pub fn section_elapsed(&self, now: DateTime<FixedOffset>) -> u32 {
        let Some(s) = self.current_section() else { return 0 };
        let stay = if self.focus == Focus::WrapUp { 0 } else { secs_between(self.section_since, now) };
        self.section_spent[s] + stay
    }

    /// Seconds since the current sitting started: the clock, and the offset
    /// a note taken now gets.
    pub fn elapsed(&self, now: DateTime<FixedOffset>) -> u32 {
        secs_between(self.sitting_start(), self.clock_time(now))
    }

    /// When the call on screen started: the session's start, unless a later
    /// sitting continues it.
    pub fn sitting_start(&self) -> DateTime<FixedOffset> {
        self.pending_sitting.unwrap_or_else(|| self.session.sitting_start(self.session.sitting_count()))
    }

    /// The sitting on screen, 1-based: a new one counts from the moment the
    /// screen opens, though it reaches the file with the first change.
    pub fn sitting(&self) -> u32 {
        self.session.sitting_count() + u32::from(self.pending_sitting.is_some())
    }

    /// Whether the call on screen was ended (`Ctrl-E`), as opposed to an
    /// interview ended in an earlier sitting and continued now.
    pub fn sitting_ended(&self) -> bool {
        self.session.ended_at.is_some_and(|end| end >= self.sitting_start())
    }

    /// The sitting a note taken now belongs to: `None` for the first.
    pub(super) fn sitting_now(&self) -> Option<u32> {
        let n = self.sitting();
        (n > 1).then_some(n)
    }

    /// Moves the guide to a question. Moving marks nothing: the question
    /// left was asked if a note was taken on it or it stayed current for
    /// [`ASKED_AFTER_SECS`] (see `settle_asked`, which runs before every key).
    pub(super) fn go_to(&mut self, index: usize, now: DateTime<FixedOffset>) -> Vec<Effect> {
        let n = self.guide.question_count();
        if n == 0 {
            return vec![];
        }
        let index = index.min(n - 1);
        self.peek = None;
        if index == self.current {
            return vec![];
        }
        let effects: Vec<Effect> = self.settle_asked(now).into_iter().collect();
        let before = self.current_section();
        self.current = index;
        self.current_since = now;
        if before != self.current_section() {
            if let Some(s) = before {
                self.section_spent[s] += secs_between(self.section_since, now);
            }
            self.section_since = now;
        }
        effects
    }

    /// Records the current question as asked once it has been current for
    /// [`ASKED_AFTER_SECS`] while the notes have the focus.
    pub(super) fn settle_asked(&mut self, now: DateTime<FixedOffset>) -> Option<Effect> {
        if !matches!(self.focus, Focus::Typing | Focus::Selected(_) | Focus::Palette(_)) {
            return None;
        }
        if secs_between(self.current_since, now) < ASKED_AFTER_SECS {
            return None;
        }
        self.mark_current_asked()
    }

    /// Records the current question as asked (a note was taken on it, or it
    /// stayed), at the moment it became current; once.
    pub(super) fn mark_current_asked(&mut self) -> Option<Effect> {
        let id = self.guide.nth(self.current).map(|(_, q)| q.id.clone())?;
        if let Some(a) = self.asked.get_mut(self.current) {
            *a = true;
        }
        if self.session.was_asked(&id) {
            return None;
        }
        let at = Offset(secs_between(self.sitting_start(), self.current_since));
        Some(self.persist(Op::Asked { question: id, at }))
    }

    /// When the interview should end, from the guide's planned duration.
    pub fn planned_end(&self) -> Option<DateTime<FixedOffset>> {
        self.guide.duration.map(|m| self.sitting_start() + chrono::Duration::minutes(i64::from(m)))
    }

    /// Seconds left before the planned end, once the closing reminder is due
    /// (negative when over time); `None` before that, or once the interview
    /// ended. [`reminder_time`] says it in words.
    pub fn closing_reminder(&self, now: DateTime<FixedOffset>) -> Option<i64> {
        if self.session.is_finished() || matches!(self.focus, Focus::Closing | Focus::WrapUp) {
            return None;
        }
        let left = (self.planned_end()? - now).num_seconds();
        (left <= i64::from(self.reminder_minutes) * 60).then_some(left)
    }

    pub(super) fn leave_section(&mut self, now: DateTime<FixedOffset>) {
        if let Some(s) = self.current_section() {
            self.section_spent[s] += secs_between(self.section_since, now);
        }
        self.section_since = now;
    }
}

/// The time left or over in the closing reminder: whole minutes while a
/// minute or more remains ("3 min left", rounded up: 2:01 left is "3 min
/// left"), seconds under a minute either side ("45 s left", "8 s over"),
/// then whole minutes passed ("1 min over" from 1:00 over to 1:59). Never
/// "0 min": the reminder says the true overrun.
pub fn reminder_time(secs_left: i64) -> String {
    match secs_left {
        60.. => format!("{} min left", (secs_left + 59) / 60),
        0..60 => format!("{secs_left} s left"),
        -59..0 => format!("{} s over", -secs_left),
        _ => format!("{} min over", -secs_left / 60),
    }
}

fn secs_between(from: DateTime<FixedOffset>, to: DateTime<FixedOffset>) -> u32 {
    u32::try_from((to - from).num_seconds().max(0)).unwrap_or(u32::MAX)
}
