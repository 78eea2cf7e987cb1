//! Random key sequences on every screen: no panic, the writer's copy stays
//! the screen's, every frame draws.

use super::*;
use proptest::prelude::*;

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        any::<char>().prop_map(Action::InsertChar),
        "[a-z#!\"?+\\[ \n]{0,12}".prop_map(Action::Paste),
        Just(Action::Backspace),
        Just(Action::DeleteForward),
        Just(Action::DeleteWord),
        Just(Action::ClearInput),
        Just(Action::CursorLeft),
        Just(Action::CursorRight),
        Just(Action::CursorHome),
        Just(Action::CursorEnd),
        Just(Action::CommitNote),
        Just(Action::CommitNote),
        Just(Action::NextQuestion),
        Just(Action::PrevQuestion),
        Just(Action::OpenTagPalette),
        Just(Action::EndInterview),
        Just(Action::SubmitClosing),
        Just(Action::ToggleHelp),
        Just(Action::SelectPrevNote),
        Just(Action::SelectNextNote),
        Just(Action::EditNote),
        Just(Action::DeleteNote),
        Just(Action::Undo),
        Just(Action::Back),
        Just(Action::MoveUp),
        Just(Action::MoveDown),
        Just(Action::ApplyTag),
        Just(Action::OpenSession),
        Just(Action::NewInterview),
        Just(Action::StartInterview),
        Just(Action::NextField),
        Just(Action::PrevField),
        Just(Action::GoHome),
        Just(Action::Tick),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Any sequence of actions, in any screen, neither panics nor breaks
    /// the model's invariants, and every frame still draws.
    #[test]
    fn random_actions_never_panic(actions in proptest::collection::vec(action(), 0..120)) {
        let mut app = app_in_capture();
        // The writer's copy: the session as begun, with every persisted op applied.
        let mut mirror = cap(&app).session.clone();
        let theme = crate::tui::theme::Theme::monochrome();
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        for (i, a) in actions.into_iter().enumerate() {
            let effects = app.update(a, t0() + Duration::seconds(i as i64));
            for op in ops(&effects) {
                prop_assert!(op.apply(&mut mirror).is_ok(), "{:?} does not apply", op);
            }
            if let Some(c) = app.capture() {
                prop_assert_eq!(&mirror, &c.session, "the writer's copy drifted from the screen's");
            }
            if effects.iter().any(|e| matches!(e, Effect::Quit | Effect::Close)) {
                break;
            }
            if let Some(c) = app.capture() {
                match &c.focus {
                    Focus::Selected(i) => prop_assert!(*i < c.session.notes.len()),
                    Focus::Palette(p) => prop_assert!(p.target < c.session.notes.len()),
                    _ => {}
                }
                prop_assert!(c.current < c.guide.question_count().max(1));
            }
            // Drawing is the slow part in debug builds; every few steps is enough.
            if i % 6 == 0 {
                terminal.draw(|f| crate::tui::ui::render(f, &app, &theme)).unwrap();
            }
        }
        terminal.draw(|f| crate::tui::ui::render(f, &app, &theme)).unwrap();
    }
}
