//! The end of the call: the closing question, saved with the end time, and
//! the wrap-up, from which typing goes back to the notes.

use super::{Capture, Focus, edit_text, whole_seconds};
use crate::domain::note;
use crate::domain::op::Op;
use crate::domain::session::Closing;
use crate::tui::action::Action;
use crate::tui::app::Effect;
use chrono::{DateTime, FixedOffset};

impl Capture {
    /// A key while the closing question is answered.
    pub(super) fn closing_key(&mut self, action: Action, now: DateTime<FixedOffset>) -> Vec<Effect> {
        match action {
            Action::SubmitClosing => {
                let answer = note::clean_input(self.closing_input.text()).trim().to_string();
                let extra = self.session.closing.as_ref().map(|c| c.extra.clone()).unwrap_or_default();
                let closing = Closing::answered(self.guide.closing_question(), &answer, extra);
                let effect = self.persist(Op::Finish { ended_at: Some(whole_seconds(now)), closing: Some(closing) });
                self.leave_section(now);
                self.focus = Focus::WrapUp;
                // The end of the interview is worth a full save right away.
                vec![effect, Effect::Flush]
            }
            Action::Back => {
                self.focus = Focus::Typing;
                vec![]
            }
            action => {
                edit_text(&mut self.closing_input, action);
                vec![]
            }
        }
    }

    /// A key on the wrap-up.
    pub(super) fn wrap_up_key(&mut self, action: Action, now: DateTime<FixedOffset>) -> Vec<Effect> {
        match action {
            Action::Back => {
                self.back_to_notes(now);
                vec![]
            }
            // A thought typed after the closing answer is a note, not a key.
            action @ (Action::InsertChar(_) | Action::Paste(_)) => {
                self.back_to_notes(now);
                edit_text(&mut self.input, action);
                vec![]
            }
            Action::GoHome => vec![Effect::GoHome],
            _ => vec![],
        }
    }

    /// From the wrap-up back to capturing; the section clock starts again.
    fn back_to_notes(&mut self, now: DateTime<FixedOffset>) {
        self.focus = Focus::Typing;
        self.section_since = now;
        self.current_since = now;
    }
}
