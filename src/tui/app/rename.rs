//! The session view's `P`: the participant's name given (or corrected)
//! after the call. An interview started without a name is "Participant N"
//! until then; the change is journaled and undone like any other.

use super::Effect;
use super::capture::edit_text;
use super::review::{Review, ReviewMode};
use super::saving::Undo;
use crate::domain::op::Op;
use crate::tui::action::Action;
use crate::tui::text_input::TextInput;

impl Review {
    /// Opens the name field on the name as it is.
    pub(super) fn start_rename(&mut self) {
        self.mode = ReviewMode::Rename { input: TextInput::with_text(&self.session.participant.name) };
    }

    /// A key while the name is typed: Enter saves it, Esc leaves it as it was.
    pub(super) fn rename_key(&mut self, action: Action) -> Vec<Effect> {
        let ReviewMode::Rename { input } = &mut self.mode else { return vec![] };
        match action {
            Action::CommitNote => {
                let name = input.text().trim().to_string();
                if name.is_empty() {
                    self.message = Some("A participant needs a name: {back} keeps the one they have.".into());
                    return vec![];
                }
                self.mode = ReviewMode::Browse;
                let before = self.session.participant.name.clone();
                if name == before {
                    return vec![];
                }
                self.undo_stack().push(Undo::Renamed { before });
                self.message = Some(format!("Renamed “{name}”. {{undo}} takes it back."));
                vec![self.persist_op(Op::Rename { name })]
            }
            Action::Back => {
                self.mode = ReviewMode::Browse;
                vec![]
            }
            other => {
                edit_text(input, other);
                vec![]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::op::Op;
    use crate::tui::action::Action;
    use crate::tui::app::Effect;
    use crate::tui::app::review::{Review, ReviewMode};

    fn review() -> Review {
        let guide = crate::store::guides::parse_builtin("discovery").unwrap().unwrap();
        let p = crate::domain::session::Participant { name: "Participant 3".into(), ..Default::default() };
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap();
        let s = crate::domain::session::Session::new("s".into(), "discovery", "Discovery", p, at);
        Review::new(s, guide, "/data/sessions/s.yaml".into(), &Default::default())
    }

    fn renames(effects: &[Effect]) -> Vec<String> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Persist { op, .. } => match op.as_ref() {
                    Op::Rename { name } => Some(name.clone()),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    }

    fn type_name(r: &mut Review, name: &str) {
        r.update(Action::ClearInput);
        for c in name.chars() {
            r.update(Action::InsertChar(c));
        }
    }

    #[test]
    fn a_name_typed_after_the_call_is_saved_through_the_writer_and_undone_like_any_change() {
        let mut r = review();
        r.update(Action::RenameParticipant);
        let ReviewMode::Rename { input } = &r.mode else { panic!("the name field is open") };
        assert_eq!(input.text(), "Participant 3", "it opens on the name as it is");
        type_name(&mut r, "  Ana López ");
        let effects = r.update(Action::CommitNote);
        assert_eq!(renames(&effects), ["Ana López"]);
        assert_eq!(r.session.participant.name, "Ana López");
        assert_eq!(r.session.title, "Discovery — Ana López", "the title made from the name follows it");
        assert_eq!(r.mode, ReviewMode::Browse);
        let effects = r.update(Action::Undo);
        assert_eq!(renames(&effects), ["Participant 3"]);
        assert_eq!(r.session.participant.name, "Participant 3");
        assert_eq!(r.session.title, "Discovery — Participant 3");
        // A title written by hand is not touched.
        r.session.title = "Call with the CFO".into();
        r.update(Action::RenameParticipant);
        type_name(&mut r, "Bo");
        r.update(Action::CommitNote);
        assert_eq!(r.session.title, "Call with the CFO");
    }

    #[test]
    fn an_empty_name_is_refused_and_esc_keeps_the_old_one() {
        let mut r = review();
        r.update(Action::RenameParticipant);
        type_name(&mut r, "   ");
        assert!(r.update(Action::CommitNote).is_empty());
        assert!(matches!(r.mode, ReviewMode::Rename { .. }), "the field stays open to fix or cancel");
        assert!(r.message.as_deref().unwrap_or("").contains("needs a name"));
        r.update(Action::Back);
        assert_eq!(r.session.participant.name, "Participant 3");
        // The same name again changes nothing and writes nothing.
        r.update(Action::RenameParticipant);
        assert!(r.update(Action::CommitNote).is_empty());
    }
}
