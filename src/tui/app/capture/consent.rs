//! Consent before capture, when the guide asks for it: the questions, the
//! answers kept one Enter at a time, and the consent recorded once all are
//! answered.

use super::{Capture, Focus};
use crate::domain::op::Op;
use crate::domain::session::{Consent, Offset};
use crate::tui::action::Action;
use crate::tui::app::Effect;
use chrono::{DateTime, FixedOffset};

/// The consent questions as they are being asked. An answer is its key alone
/// (`y` or `n`), kept by Enter: a PM who starts typing a sentence here
/// ("now she says yes") must not record "no" on its first letter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConsentAsk {
    answers: Vec<bool>,
    /// Chosen for the question on screen, not kept yet.
    choice: Option<bool>,
    /// Another character was typed since the question showed: a sentence,
    /// so nothing is chosen until the next Enter or Backspace.
    typing: bool,
}

impl ConsentAsk {
    /// The answers kept so far, in `CONSENT_QUESTIONS` order.
    pub fn answers(&self) -> &[bool] {
        &self.answers
    }

    /// The answer chosen for the question on screen, waiting for Enter.
    pub fn choice(&self) -> Option<bool> {
        self.choice
    }

    fn choose(&mut self, yes: bool) {
        if !self.typing {
            self.choice = Some(yes);
        }
    }

    fn typed_other(&mut self) {
        self.typing = true;
        self.choice = None;
    }

    fn clear(&mut self) {
        self.typing = false;
        self.choice = None;
    }

    /// Keeps the chosen answer, if one was chosen alone; starts the next
    /// question afresh either way.
    fn confirm(&mut self) -> Option<bool> {
        let kept = self.choice;
        self.clear();
        self.answers.extend(kept);
        kept
    }
}

/// Said when Enter finds no answer chosen (placeholders are the live keys).
const CONSENT_HOW: &str =
    "Not an answer: press {consent-yes} or {consent-no} alone, then {consent-confirm} ({back} skips consent).";

/// Asked in this order before capture when the guide requires consent.
pub const CONSENT_QUESTIONS: [&str; 3] = [
    "May I take notes during our conversation?",
    "May I record this call?",
    "May we share your words, quoted, with our team?",
];

impl Capture {
    /// A key while the consent questions are asked.
    pub(super) fn consent_key(&mut self, action: Action, now: DateTime<FixedOffset>) -> Vec<Effect> {
        let Focus::Consent(ask) = &mut self.focus else { return vec![] };
        match action {
            answer @ (Action::ConsentYes | Action::ConsentNo) => {
                ask.choose(answer == Action::ConsentYes);
                vec![]
            }
            Action::InsertChar(_) | Action::Paste(_) => {
                ask.typed_other();
                self.message = Some(CONSENT_HOW.into());
                vec![]
            }
            Action::Backspace => {
                ask.clear();
                self.message = None;
                vec![]
            }
            Action::ConsentConfirm => {
                if ask.confirm().is_none() {
                    self.message = Some(CONSENT_HOW.into());
                    return vec![];
                }
                self.message = None;
                if ask.answers.len() < CONSENT_QUESTIONS.len() {
                    return vec![];
                }
                let a = ask.answers.clone();
                self.focus = Focus::Typing;
                let consent = Consent {
                    notes: Some(a[0]),
                    recording: Some(a[1]),
                    quotes: Some(a[2]),
                    at: Offset(self.elapsed(now)),
                    extra: Default::default(),
                };
                if !a[2] {
                    self.message = Some("Noted: quotes from this interview stay out of shared snapshots.".into());
                }
                vec![self.persist(Op::Consent { consent })]
            }
            Action::Back => {
                self.focus = Focus::Typing;
                self.message = Some("Consent skipped: nothing recorded about it.".into());
                vec![]
            }
            _ => vec![],
        }
    }
}
