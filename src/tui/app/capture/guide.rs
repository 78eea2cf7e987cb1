//! Where the call is: the guide question on screen (moving to another
//! records when it was first asked), the time spent per section, the clock of
//! the sitting, and the reminder to ask the closing question.

use super::{Capture, Focus};
use crate::domain::op::Op;
use crate::domain::session::Offset;
use crate::tui::app::Effect;
use chrono::{DateTime, FixedOffset};

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

    /// Moves the guide to a question; the first visit is recorded in `asked_at`.
    pub(super) fn go_to(&mut self, index: usize, now: DateTime<FixedOffset>) -> Vec<Effect> {
        let n = self.guide.question_count();
        if n == 0 {
            return vec![];
        }
        let index = index.min(n - 1);
        let before = self.current_section();
        if index == self.current {
            return vec![];
        }
        self.current = index;
        self.visited[index] = true;
        if before != self.current_section() {
            if let Some(s) = before {
                self.section_spent[s] += secs_between(self.section_since, now);
            }
            self.section_since = now;
        }
        let id = self.guide.nth(index).map(|(_, q)| q.id.clone()).unwrap_or_default();
        if self.session.was_asked(&id) {
            return vec![];
        }
        vec![self.persist(Op::Asked { question: id, at: Offset(self.elapsed(now)) })]
    }

    /// When the interview should end, from the guide's planned duration.
    pub fn planned_end(&self) -> Option<DateTime<FixedOffset>> {
        self.guide.duration.map(|m| self.sitting_start() + chrono::Duration::minutes(i64::from(m)))
    }

    /// Minutes left before the planned end, once the closing reminder is due
    /// (negative when over time); `None` before that, or once the interview ended.
    pub fn closing_reminder(&self, now: DateTime<FixedOffset>) -> Option<i64> {
        if self.session.is_finished() || matches!(self.focus, Focus::Closing | Focus::WrapUp) {
            return None;
        }
        let left = (self.planned_end()? - now).num_seconds();
        let mins = (left as f64 / 60.0).ceil() as i64;
        (left <= i64::from(self.reminder_minutes) * 60).then_some(mins)
    }

    pub(super) fn leave_section(&mut self, now: DateTime<FixedOffset>) {
        if let Some(s) = self.current_section() {
            self.section_spent[s] += secs_between(self.section_since, now);
        }
        self.section_since = now;
    }
}

fn secs_between(from: DateTime<FixedOffset>, to: DateTime<FixedOffset>) -> u32 {
    u32::try_from((to - from).num_seconds().max(0)).unwrap_or(u32::MAX)
}
