//! Key paths through the pure update: no terminal, no disk.

use super::capture::Focus;
use super::*;
use crate::domain::note::Kind;
use crate::domain::op::Op;
use crate::store::guides;
use chrono::Duration;

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap()
}

fn guide() -> Guide {
    guides::parse_builtin("discovery").unwrap().unwrap()
}

fn app_in_capture() -> App {
    let choices = vec![GuideChoice { name: "discovery".into(), guide: Ok(guide()) }];
    let mut app = App::new(Library::default(), choices, PathBuf::from("/data/sessions"), "discovery", t0());
    let p = Participant { name: "Ana López".into(), ..Default::default() };
    let effect = app.start_session(guide(), p);
    assert!(matches!(effect, Effect::Begin { fresh: true, .. }));
    app
}

fn typed(app: &mut App, text: &str, at: DateTime<FixedOffset>) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        effects.extend(app.update(Action::InsertChar(c), at));
    }
    effects
}

fn cap(app: &App) -> &Capture {
    app.capture().expect("capture screen")
}

/// The changes handed to the writer.
fn ops(effects: &[Effect]) -> Vec<&Op> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Persist { op, .. } => Some(op.as_ref()),
            _ => None,
        })
        .collect()
}

fn revs(effects: &[Effect]) -> Vec<u64> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Persist { rev, .. } => Some(*rev),
            _ => None,
        })
        .collect()
}

#[test]
fn new_session_has_id_title_and_path() {
    let app = app_in_capture();
    let c = cap(&app);
    assert!(c.session.id.starts_with("20261122-1430-ana-lopez-"), "{}", c.session.id);
    assert_eq!(c.session.title, "Discovery interview — Ana López");
    assert_eq!(c.path, PathBuf::from(format!("/data/sessions/{}.yaml", c.session.id)));
    assert_eq!(c.session.started_at, t0());
}

#[test]
fn typing_never_commits_and_enter_commits_with_offset_kind_tags_question() {
    let mut app = app_in_capture();
    let later = t0() + Duration::seconds(192);
    let typing = typed(&mut app, "\"We export to Excel #workaround", later);
    assert!(ops(&typing).iter().all(|op| matches!(op, Op::Draft { .. })), "typing only journals the draft");
    let effects = app.update(Action::CommitNote, later);
    assert!(matches!(ops(&effects)[..], [Op::Insert { index: 0, .. }, Op::Draft { text: None }]), "{effects:?}");
    let note = &cap(&app).session.notes[0];
    assert_eq!(note.at.to_string(), "00:03:12");
    assert_eq!(note.kind, Kind::Quote);
    assert_eq!(note.text, "We export to Excel");
    assert_eq!(note.tags, vec!["workaround"]);
    assert_eq!(note.question.as_deref(), Some("1.1"));
    assert!(cap(&app).input.is_empty());
}

#[test]
fn empty_enter_commits_nothing() {
    let mut app = app_in_capture();
    assert!(app.update(Action::CommitNote, t0()).is_empty());
    typed(&mut app, "   ", t0());
    assert!(app.update(Action::CommitNote, t0()).is_empty());
    assert!(cap(&app).session.notes.is_empty());
}

#[test]
fn paste_with_newlines_does_not_commit() {
    let mut app = app_in_capture();
    let effects = app.update(Action::Paste("line one\nline two\n".into()), t0());
    assert!(ops(&effects).iter().all(|op| matches!(op, Op::Draft { .. })), "{effects:?}");
    assert_eq!(cap(&app).input.text(), "line one line two ");
    assert!(cap(&app).session.notes.is_empty());
}

#[test]
fn question_navigation_records_the_current_question_and_visits() {
    let mut app = app_in_capture();
    app.update(Action::NextQuestion, t0());
    app.update(Action::NextQuestion, t0());
    app.update(Action::PrevQuestion, t0());
    typed(&mut app, "note", t0());
    app.update(Action::CommitNote, t0());
    let c = cap(&app);
    assert_eq!(c.session.notes[0].question.as_deref(), Some("1.2"));
    assert_eq!(&c.visited[..3], &[true, true, true]);
    // Past the last question it stays on the last one.
    for _ in 0..100 {
        app.update(Action::NextQuestion, t0());
    }
    assert_eq!(cap(&app).current, guide().question_count() - 1);
    for _ in 0..100 {
        app.update(Action::PrevQuestion, t0());
    }
    assert_eq!(cap(&app).current, 0);
}

#[test]
fn section_time_counts_only_the_time_spent_in_it() {
    let mut app = app_in_capture();
    let g = guide();
    let first_section_len = g.sections[0].questions.len();
    // 4 minutes in section 1, then move to section 2.
    for _ in 0..first_section_len {
        app.update(Action::NextQuestion, t0() + Duration::minutes(4));
    }
    assert_eq!(cap(&app).current_section(), Some(1));
    assert_eq!(cap(&app).section_elapsed(t0() + Duration::minutes(5)), 60);
    // Back to section 1: its earlier 4 minutes still count.
    app.update(Action::PrevQuestion, t0() + Duration::minutes(6));
    assert_eq!(cap(&app).section_elapsed(t0() + Duration::minutes(7)), 5 * 60);
}

#[test]
fn up_from_empty_input_selects_last_note_and_edit_puts_it_back() {
    let mut app = app_in_capture();
    typed(&mut app, "!slow reports #perf", t0());
    app.update(Action::CommitNote, t0());
    typed(&mut app, "second", t0());
    app.update(Action::CommitNote, t0());
    // Up with text in the input does not leave it.
    typed(&mut app, "draft", t0());
    app.update(Action::SelectPrevNote, t0());
    assert_eq!(cap(&app).focus, Focus::Typing);
    app.update(Action::ClearInput, t0());
    app.update(Action::SelectPrevNote, t0());
    assert_eq!(cap(&app).focus, Focus::Selected(1));
    app.update(Action::SelectPrevNote, t0());
    assert_eq!(cap(&app).focus, Focus::Selected(0));
    app.update(Action::EditNote, t0());
    assert_eq!(cap(&app).input.text(), "!slow reports #perf");
    app.update(Action::CursorHome, t0());
    app.update(Action::DeleteForward, t0());
    let effects = app.update(Action::CommitNote, t0());
    assert!(matches!(ops(&effects)[..], [Op::Replace { index: 0, .. }]), "{effects:?}");
    let n = &cap(&app).session.notes[0];
    assert_eq!((n.kind, n.text.as_str(), n.tags.clone()), (Kind::Note, "slow reports", vec!["perf".to_string()]));
    assert_eq!(cap(&app).session.notes.len(), 2, "editing replaces, never adds");
    // Undo restores the note as it was.
    app.update(Action::Undo, t0());
    assert_eq!(cap(&app).session.notes[0].kind, Kind::Pain);
}

#[test]
fn edit_keeps_the_draft_that_was_being_typed() {
    let mut app = app_in_capture();
    typed(&mut app, "first", t0());
    app.update(Action::CommitNote, t0());
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::InsertChar('x'), t0());
    assert_eq!(cap(&app).focus, Focus::Typing, "typing on a selected note goes back to the input");
    assert_eq!(cap(&app).input.text(), "x");
    app.update(Action::Backspace, t0());
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::EditNote, t0());
    app.update(Action::Back, t0());
    assert!(cap(&app).editing.is_none());
    assert_eq!(cap(&app).input.text(), "");
    assert_eq!(cap(&app).session.notes[0].text, "first");
}

#[test]
fn undo_waits_while_a_note_is_being_edited() {
    let mut app = app_in_capture();
    for t in ["a", "b", "c"] {
        typed(&mut app, t, t0());
        app.update(Action::CommitNote, t0());
    }
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::DeleteNote, t0());
    assert_eq!(cap(&app).focus, Focus::Selected(1), "the note before the deleted one is selected");
    app.update(Action::EditNote, t0());
    app.update(Action::Undo, t0());
    typed(&mut app, "!", t0());
    app.update(Action::CommitNote, t0());
    let texts: Vec<_> = cap(&app).session.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["a", "b!"], "the edit lands on the note being edited");
}

#[test]
fn delete_and_undo() {
    let mut app = app_in_capture();
    for t in ["a", "b", "c"] {
        typed(&mut app, t, t0());
        app.update(Action::CommitNote, t0());
    }
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::SelectPrevNote, t0());
    let effects = app.update(Action::DeleteNote, t0());
    assert_eq!(ops(&effects), [&Op::Remove { index: 1 }]);
    let texts = |app: &App| cap(app).session.notes.iter().map(|n| n.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&app), ["a", "c"]);
    app.update(Action::Undo, t0());
    assert_eq!(texts(&app), ["a", "b", "c"]);
    // Deleting every note returns focus to the input.
    for _ in 0..3 {
        app.update(Action::Back, t0());
        app.update(Action::SelectPrevNote, t0());
        app.update(Action::DeleteNote, t0());
    }
    assert!(cap(&app).session.notes.is_empty());
    assert_eq!(cap(&app).focus, Focus::Typing);
}

#[test]
fn the_palette_counts_follow_every_change_to_the_notes_but_not_the_draft() {
    let mut app = app_in_capture();
    let count = |app: &App, tag: &str| cap(app).palette_rows().iter().find(|r| r.tag == tag).map_or(0, |r| r.count);
    for (i, t) in ["one #x", "two #x #y"].iter().enumerate() {
        typed(&mut app, t, t0() + chrono::Duration::seconds(i as i64));
        app.update(Action::CommitNote, t0());
    }
    assert_eq!((count(&app, "x"), count(&app, "y")), (2, 1));
    // Typing (drafts journaled as time passes) changes nothing.
    typed(&mut app, "three #x", t0() + chrono::Duration::seconds(30));
    assert_eq!(count(&app, "x"), 2);
    app.update(Action::ClearInput, t0());
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::DeleteNote, t0());
    assert_eq!((count(&app, "x"), count(&app, "y")), (1, 0));
    app.update(Action::Undo, t0());
    assert_eq!((count(&app, "x"), count(&app, "y")), (2, 1));
}

#[test]
fn tag_palette_applies_fuzzy_match_or_creates_typed_tag() {
    let mut app = app_in_capture();
    app.update(Action::OpenTagPalette, t0());
    assert_eq!(cap(&app).focus, Focus::Typing, "no note yet: the palette stays closed");
    typed(&mut app, "reports are slow", t0());
    app.update(Action::CommitNote, t0());
    app.update(Action::OpenTagPalette, t0());
    assert!(matches!(cap(&app).focus, Focus::Palette(_)));
    // Guide tags are offered; a fuzzy filter narrows them.
    typed(&mut app, "wrk", t0());
    let rows = cap(&app).palette_rows();
    assert_eq!(rows[0].tag, "workaround", "{rows:?}");
    assert!(!rows[0].matched.is_empty());
    let effects = app.update(Action::ApplyTag, t0());
    assert_eq!(ops(&effects).len(), 1);
    assert_eq!(cap(&app).session.notes[0].tags, vec!["workaround"]);
    assert_eq!(cap(&app).focus, Focus::Typing);
    // A tag that matches nothing is created.
    app.update(Action::OpenTagPalette, t0());
    typed(&mut app, "Zebra Crossing", t0());
    let rows = cap(&app).palette_rows();
    assert_eq!(rows.last().map(|r| (r.tag.as_str(), r.new)), Some(("zebra-crossing", true)));
    for _ in 0..rows.len() {
        app.update(Action::MoveDown, t0());
    }
    app.update(Action::ApplyTag, t0());
    assert_eq!(cap(&app).session.notes[0].tags, vec!["workaround", "zebra-crossing"]);
    // Undo takes the tag off again.
    app.update(Action::Undo, t0());
    assert_eq!(cap(&app).session.notes[0].tags, vec!["workaround"]);
}

#[test]
fn palette_on_a_selected_note_returns_to_it() {
    let mut app = app_in_capture();
    for t in ["a", "b"] {
        typed(&mut app, t, t0());
        app.update(Action::CommitNote, t0());
    }
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::OpenTagPalette, t0());
    app.update(Action::ApplyTag, t0());
    assert_eq!(cap(&app).focus, Focus::Selected(0));
    assert_eq!(cap(&app).session.notes[0].tags.len(), 1);
    assert!(cap(&app).session.notes[1].tags.is_empty());
    app.update(Action::OpenTagPalette, t0());
    app.update(Action::Back, t0());
    assert_eq!(cap(&app).focus, Focus::Selected(0));
}

#[test]
fn end_interview_asks_closing_question_and_saves_answer() {
    let mut app = app_in_capture();
    typed(&mut app, "note", t0());
    app.update(Action::CommitNote, t0());
    app.update(Action::EndInterview, t0());
    assert_eq!(app.mode(), Mode::Closing);
    // Esc goes back to capturing, nothing saved.
    assert!(app.update(Action::Back, t0()).is_empty());
    assert_eq!(app.mode(), Mode::Typing);
    app.update(Action::EndInterview, t0());
    let end = t0() + Duration::minutes(42);
    typed(&mut app, "The AWS bill eats my Mondays", end);
    let effects = app.update(Action::SubmitClosing, end);
    assert!(matches!(ops(&effects)[..], [Op::Finish { .. }]));
    assert_eq!(effects.last(), Some(&Effect::Flush), "the end is saved in full at once");
    let session = &cap(&app).session;
    let closing = session.closing.as_ref().unwrap();
    assert_eq!(closing.question, "What else is on your mind?");
    assert_eq!(closing.answer.as_deref(), Some("The AWS bill eats my Mondays"));
    assert_eq!(session.ended_at, Some(end));
    assert_eq!(app.mode(), Mode::WrapUp);
    assert_eq!(cap(&app).elapsed(end + Duration::hours(1)), 42 * 60, "the clock stops at the end");
    // From the wrap-up, home shows the session at the top of the library.
    app.update(Action::GoHome, end);
    assert_eq!(app.mode(), Mode::Home);
    assert!(app.library.sessions[0].id.starts_with("20261122-1430-ana-lopez-"));
}

/// Issue #14: `#tags` in the closing answer are read as in a note and saved
/// with it; the answer keeps its words as typed.
#[test]
fn a_closing_answer_keeps_its_words_and_carries_its_tags() {
    let mut app = app_in_capture();
    app.update(Action::EndInterview, t0());
    typed(&mut app, "Honestly #Reporting eats my #reporting Mondays #1", t0());
    let effects = app.update(Action::SubmitClosing, t0());
    let [Op::Finish { closing: Some(closing), .. }] = &ops(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(closing.tags, vec!["reporting"]);
    assert_eq!(closing.answer.as_deref(), Some("Honestly #Reporting eats my #reporting Mondays #1"));
    assert_eq!(cap(&app).session.closing.as_ref(), Some(closing));
}

#[test]
fn save_and_quit_keeps_the_draft_and_saves_before_quitting() {
    let mut app = app_in_capture();
    typed(&mut app, "half a thought", t0());
    let effects = app.update(Action::SaveAndQuit, t0());
    assert!(matches!(effects.last(), Some(Effect::Quit)));
    assert_eq!(ops(&effects), [&Op::Draft { text: Some("half a thought".into()) }]);
    assert!(cap(&app).session.notes.is_empty());
}

#[test]
fn resume_restores_draft_question_and_visited() {
    let mut app = app_in_capture();
    app.update(Action::NextQuestion, t0());
    typed(&mut app, "on 1.2", t0());
    app.update(Action::CommitNote, t0());
    typed(&mut app, "unfinished", t0());
    app.update(Action::SaveAndQuit, t0());
    let session = cap(&app).session.clone();
    let c = Capture::new(session, guide(), PathBuf::from("/x.yaml"), &Default::default(), t0());
    assert_eq!(c.current, 1);
    assert!(c.visited[1]);
    assert_eq!(c.input.text(), "unfinished");
    assert!(!c.draft_pending(), "the restored draft is already in the file");
}

#[test]
fn saved_indicator_follows_writer_replies() {
    let mut app = app_in_capture();
    typed(&mut app, "one", t0());
    let e1 = app.update(Action::CommitNote, t0());
    typed(&mut app, "two", t0());
    let e2 = app.update(Action::CommitNote, t0());
    let (r1, r2) = (revs(&e1)[0], *revs(&e2).last().unwrap());
    let path = cap(&app).path.clone();
    assert!(!cap(&app).is_saved());
    app.on_reply(Reply::Durable { path: path.clone(), rev: r1 });
    assert!(!cap(&app).is_saved(), "an older save does not clear a newer change");
    app.on_reply(Reply::Failed { path: path.clone(), error: "disk full".into() });
    assert!(!cap(&app).is_saved());
    app.on_reply(Reply::Durable { path: path.clone(), rev: r2 });
    assert!(cap(&app).is_saved());
    // Someone changed the file: saving continues to a copy, and the screen says so.
    let copy = PathBuf::from("/data/sessions/copy.yaml");
    app.on_reply(Reply::Redirected { from: path, path: copy.clone(), id: "copy".into() });
    assert_eq!(cap(&app).path, copy);
    assert_eq!(cap(&app).session.id, "copy");
    assert!(cap(&app).save.banner.is_some());
}

/// The help swallows the screen's keys while open, but not typing: on the
/// live screen a typed character closes it and goes into the input.
#[test]
fn help_overlay_swallows_keys_until_closed_or_typed_through() {
    let mut app = app_in_capture();
    app.update(Action::ToggleHelp, t0());
    assert_eq!(app.mode(), Mode::Help);
    for key in [Action::SelectPrevNote, Action::CommitNote, Action::NextQuestion] {
        assert!(app.update(key, t0()).is_empty());
        assert_eq!(app.mode(), Mode::Help);
    }
    app.update(Action::ToggleHelp, t0());
    assert_eq!(app.mode(), Mode::Typing);
    app.update(Action::ToggleHelp, t0());
    typed(&mut app, "x", t0());
    assert_eq!(app.mode(), Mode::Typing);
    assert_eq!(cap(&app).input.text(), "x");
}

#[test]
fn home_form_requires_a_name_then_starts_with_the_chosen_guide() {
    let choices = vec![
        GuideChoice { name: "discovery".into(), guide: Ok(guide()) },
        GuideChoice { name: "broken".into(), guide: Err("bad.yaml:3:1: oops".into()) },
    ];
    let mut app = App::new(Library::default(), choices, PathBuf::from("/d"), "discovery", t0());
    assert_eq!(app.mode(), Mode::Home);
    app.update(Action::NewInterview, t0());
    assert_eq!(app.mode(), Mode::NewForm);
    assert!(app.update(Action::StartInterview, t0()).is_empty());
    typed(&mut app, "Bo", t0());
    app.update(Action::NextField, t0());
    typed(&mut app, "Acme", t0());
    // The broken guide cannot be started.
    app.update(Action::PrevField, t0());
    app.update(Action::PrevField, t0());
    app.update(Action::MoveDown, t0());
    assert!(app.update(Action::StartInterview, t0()).is_empty());
    app.update(Action::MoveUp, t0());
    let effects = app.update(Action::StartInterview, t0());
    assert!(matches!(effects[..], [Effect::Begin { fresh: true, .. }]), "the new session is written at once");
    let c = cap(&app);
    assert_eq!(c.session.participant.name, "Bo");
    assert_eq!(c.session.participant.company.as_deref(), Some("Acme"));
    assert_eq!(c.guide.name, "discovery");
}

mod no_panic {
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
}

#[test]
fn drafts_reach_the_journal_within_a_second_and_clear_on_commit() {
    let mut app = app_in_capture();
    let e = typed(&mut app, "ab", t0());
    assert_eq!(ops(&e), [&Op::Draft { text: Some("a".into()) }], "the first keystroke is journaled at once");
    // More typing within the interval waits...
    assert!(ops(&typed(&mut app, "c", t0() + Duration::milliseconds(300))).is_empty());
    assert!(cap(&app).draft_pending());
    // ...and the next tick after it sends the whole draft.
    let e = app.update(Action::Tick, t0() + Duration::milliseconds(800));
    assert_eq!(ops(&e), [&Op::Draft { text: Some("abc".into()) }]);
    assert!(!cap(&app).draft_pending());
    // Committing clears the draft in the same breath, so a crash cannot bring it back.
    let e = app.update(Action::CommitNote, t0() + Duration::seconds(2));
    assert!(matches!(ops(&e)[..], [Op::Insert { .. }, Op::Draft { text: None }]), "{e:?}");
}

#[test]
fn asked_at_records_each_question_once_and_resume_continues_there() {
    let mut app = app_in_capture();
    assert_eq!(cap(&app).session.asked_at.get("1.1"), Some(&crate::domain::session::Offset(0)));
    let e = app.update(Action::NextQuestion, t0() + Duration::seconds(90));
    assert_eq!(ops(&e), [&Op::Asked { question: "1.2".into(), at: crate::domain::session::Offset(90) }]);
    app.update(Action::PrevQuestion, t0() + Duration::seconds(100));
    let e = app.update(Action::NextQuestion, t0() + Duration::seconds(120));
    assert!(ops(&e).is_empty(), "a question is asked once: its first time counts");
    app.update(Action::NextQuestion, t0() + Duration::seconds(200));
    let c = Capture::new(cap(&app).session.clone(), guide(), PathBuf::from("/x.yaml"), &Default::default(), t0());
    assert_eq!(c.current, 2, "resume continues at the last question reached, even without notes on it");
    assert!(c.visited[..3].iter().all(|v| *v));
}

#[test]
fn closing_reminder_appears_before_the_planned_end_until_the_end() {
    let mut app = app_in_capture();
    // The discovery guide plans 45 minutes; the reminder comes 5 minutes before.
    assert_eq!(cap(&app).closing_reminder(t0() + Duration::minutes(39)), None);
    assert_eq!(cap(&app).closing_reminder(t0() + Duration::minutes(40)), Some(5));
    assert_eq!(cap(&app).closing_reminder(t0() + Duration::seconds(44 * 60 + 30)), Some(1));
    assert_eq!(cap(&app).closing_reminder(t0() + Duration::minutes(47)), Some(-2), "over time");
    app.update(Action::EndInterview, t0() + Duration::minutes(47));
    assert_eq!(cap(&app).closing_reminder(t0() + Duration::minutes(47)), None, "not while asking it");
    app.update(Action::SubmitClosing, t0() + Duration::minutes(48));
    app.update(Action::Back, t0() + Duration::minutes(48));
    assert_eq!(cap(&app).closing_reminder(t0() + Duration::minutes(49)), None, "not once it was asked");
}

#[test]
fn consent_is_asked_first_when_the_guide_requires_it() {
    let mut g = guide();
    g.consent = true;
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.start_session(g.clone(), Participant { name: "Ana".into(), ..Default::default() });
    assert_eq!(app.mode(), Mode::Consent);
    typed(&mut app, "x", t0());
    assert!(cap(&app).input.is_empty(), "nothing is typed into the note while consent is asked");
    app.update(Action::Backspace, t0());
    for answer in [Action::ConsentYes, Action::ConsentYes] {
        app.update(answer, t0());
        app.update(Action::ConsentConfirm, t0());
    }
    app.update(Action::ConsentNo, t0() + Duration::seconds(40));
    let e = app.update(Action::ConsentConfirm, t0() + Duration::seconds(40));
    let [Op::Consent { consent }] = ops(&e)[..] else { panic!("{e:?}") };
    assert_eq!((consent.notes, consent.recording, consent.quotes), (Some(true), Some(true), Some(false)));
    assert_eq!(consent.at, crate::domain::session::Offset(40));
    assert_eq!(app.mode(), Mode::Typing);
    assert!(!cap(&app).session.quotes_shareable());
    // Resuming a session that already has consent (or notes) does not ask again.
    let c = Capture::new(cap(&app).session.clone(), g.clone(), PathBuf::from("/x.yaml"), &Default::default(), t0());
    assert_eq!(c.mode(), Mode::Typing);
    // Esc skips, recording nothing.
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.start_session(g, Participant { name: "Bo".into(), ..Default::default() });
    assert!(ops(&app.update(Action::Back, t0())).is_empty());
    assert_eq!(app.mode(), Mode::Typing);
    assert_eq!(cap(&app).session.consent, None);
}

fn app_asking_consent() -> App {
    let mut g = guide();
    g.consent = true;
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.start_session(g, Participant { name: "Ana".into(), ..Default::default() });
    assert_eq!(app.mode(), Mode::Consent);
    app
}

/// A PM who starts typing a sentence on the consent screen must not record
/// an answer: `n` in "now" would have stored "no", `y` in "yesterday" "yes".
/// An answer is the key alone, confirmed with Enter.
#[test]
fn a_sentence_typed_on_the_consent_screen_records_no_answer() {
    use crossterm::event::{KeyCode, KeyModifiers};
    let enter = |app: &mut App| press(app, KeyCode::Enter, KeyModifiers::NONE);
    let mut app = app_asking_consent();
    for sentence in ["now she says yes", "yes", "no", "ny n", "I said y"] {
        let mut effects = type_keys(&mut app, sentence);
        effects.extend(enter(&mut app));
        assert!(ops(&effects).is_empty(), "{sentence:?}: {effects:?}");
        assert_eq!(app.mode(), Mode::Consent, "{sentence:?}");
        let c = cap(&app);
        assert!(matches!(&c.focus, Focus::Consent(ask) if ask.answers().is_empty()), "{sentence:?}: {:?}", c.focus);
        let msg = crate::tui::ui::keyed(&c.message.clone().unwrap_or_default(), &app.keymap, Mode::Consent);
        assert!(msg.contains("y or n") && msg.contains("Enter"), "{sentence:?}: the way to answer is shown: {msg}");
    }
    // y, then Enter: yes. A second key changes the choice before Enter.
    let mut effects = type_keys(&mut app, "y");
    assert!(matches!(&cap(&app).focus, Focus::Consent(ask) if ask.choice() == Some(true)));
    effects.extend(enter(&mut app));
    effects.extend(type_keys(&mut app, "n"));
    effects.extend(type_keys(&mut app, "y"));
    effects.extend(enter(&mut app));
    effects.extend(type_keys(&mut app, "n"));
    assert!(ops(&effects).is_empty(), "nothing is stored before the last answer is confirmed");
    let e = enter(&mut app);
    let [Op::Consent { consent }] = ops(&e)[..] else { panic!("{e:?}") };
    assert_eq!((consent.notes, consent.recording, consent.quotes), (Some(true), Some(true), Some(false)));
    assert_eq!(app.mode(), Mode::Typing);
    // Backspace takes a choice back.
    let mut app = app_asking_consent();
    type_keys(&mut app, "n");
    press(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    assert!(ops(&enter(&mut app)).is_empty());
}

#[test]
fn starting_with_a_guide_the_linter_flags_says_so_without_blocking() {
    let mut g = guide();
    g.sections[0].questions[0].text = "Don't you think exporting is a waste of time?".into();
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.start_session(g, Participant { name: "Ana".into(), ..Default::default() });
    let msg = cap(&app).message.clone().unwrap_or_default();
    assert!(msg.contains("lint finding") && msg.contains("leading-question"), "{msg}");
    assert_eq!(app.mode(), Mode::Typing, "the focus stays on the note input");
    // The built-in guides lint clean: no message.
    let mut app = app_in_capture();
    app.update(Action::Tick, t0());
    assert_eq!(cap(&app).message, None);
}

#[test]
fn the_config_can_require_consent_for_every_guide() {
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.require_consent = true;
    app.start_session(guide(), Participant { name: "Ana".into(), ..Default::default() });
    assert_eq!(app.mode(), Mode::Consent);
}

/// Presses keys as a terminal sends them, through the app's keymap: `text`
/// as typed characters (no modifiers), or one named key.
fn press(app: &mut App, code: crossterm::event::KeyCode, mods: crossterm::event::KeyModifiers) -> Vec<Effect> {
    let event = crossterm::event::KeyEvent::new(code, mods);
    match app.resolve_key(event) {
        Some(action) => app.update(action, t0()),
        None => vec![],
    }
}

fn type_keys(app: &mut App, text: &str) -> Vec<Effect> {
    use crossterm::event::{KeyCode, KeyModifiers};
    let mut effects = Vec::new();
    for c in text.chars() {
        let mods = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
        effects.extend(press(app, KeyCode::Char(c), mods));
    }
    effects
}

fn note_texts(app: &App) -> Vec<String> {
    cap(app).session.notes.iter().map(|n| n.text.clone()).collect()
}

fn three_notes() -> App {
    use crossterm::event::{KeyCode, KeyModifiers};
    let mut app = app_in_capture();
    for t in ["first note", "second note", "third note"] {
        type_keys(&mut app, t);
        press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    }
    app
}

#[test]
fn typing_after_undoing_a_delete_goes_into_the_input() {
    use crossterm::event::{KeyCode, KeyModifiers};
    let mut app = three_notes();
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    press(&mut app, KeyCode::Delete, KeyModifiers::NONE);
    assert_eq!(note_texts(&app), ["first note", "second note"], "Delete deletes the selected note");
    press(&mut app, KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(cap(&app).focus, Focus::Typing, "undo gives the focus back to the input");
    type_keys(&mut app, "deadline is Friday");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(note_texts(&app), ["first note", "second note", "third note", "deadline is Friday"]);
}

#[test]
fn typing_after_an_accidental_up_goes_into_the_input() {
    use crossterm::event::{KeyCode, KeyModifiers};
    let mut app = three_notes();
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(cap(&app).focus, Focus::Selected(2));
    let effects = type_keys(&mut app, "edits daily, Deadline: each Friday!");
    assert!(ops(&effects).iter().all(|op| matches!(op, Op::Draft { .. })), "{effects:?}");
    assert_eq!(cap(&app).input.text(), "edits daily, Deadline: each Friday!");
    assert!(cap(&app).editing.is_none());
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(note_texts(&app), ["first note", "second note", "third note", "edits daily, Deadline: each Friday!"]);
}

#[test]
fn shift_e_on_a_selected_note_is_typed_and_opens_no_editor() {
    use crossterm::event::{KeyCode, KeyModifiers};
    let mut app = three_notes();
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    let effects = type_keys(&mut app, "Everyone exports");
    assert!(!effects.iter().any(|e| matches!(e, Effect::EditExternally { .. })), "{effects:?}");
    assert_eq!(cap(&app).input.text(), "Everyone exports");
    // The editor is still there for a selected note, on a chord nobody types.
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    let effects = press(&mut app, KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert!(effects.iter().any(|e| matches!(e, Effect::EditExternally { .. })), "{effects:?}");
}

#[test]
fn enter_edits_the_selected_note() {
    use crossterm::event::{KeyCode, KeyModifiers};
    let mut app = three_notes();
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(cap(&app).input.text(), "second note");
    type_keys(&mut app, "s");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(note_texts(&app), ["first note", "second notes", "third note"]);
}

#[test]
fn typing_on_the_wrap_up_goes_back_to_the_notes() {
    use crossterm::event::{KeyCode, KeyModifiers};
    let mut app = three_notes();
    press(&mut app, KeyCode::Char('e'), KeyModifiers::CONTROL);
    type_keys(&mut app, "nothing else");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.mode(), Mode::WrapUp);
    let effects = type_keys(&mut app, "quick thought: hire help");
    assert!(!effects.iter().any(|e| matches!(e, Effect::Quit | Effect::GoHome)), "{effects:?}");
    assert_eq!(app.mode(), Mode::Typing);
    assert_eq!(cap(&app).input.text(), "quick thought: hire help");
}

/// The promise of the live screen: whatever was pressed before, a typed
/// sentence lands in the note input and Enter commits it, touching no other note.
mod input_owns_printable_keys {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};
    use proptest::prelude::*;

    /// One step a PM might take before typing: a key, or a word and Enter.
    #[derive(Debug, Clone)]
    enum Step {
        Key(KeyCode, KeyModifiers),
        Commit(String),
        Paste(String),
    }

    fn step() -> impl Strategy<Value = Step> {
        let key = |code, mods| Just(Step::Key(code, mods));
        let (none, ctrl) = (KeyModifiers::NONE, KeyModifiers::CONTROL);
        prop_oneof![
            key(KeyCode::Up, none),
            key(KeyCode::Down, none),
            key(KeyCode::Char('z'), ctrl),
            key(KeyCode::Delete, none),
            key(KeyCode::Backspace, none),
            key(KeyCode::Char('t'), ctrl),
            key(KeyCode::Char('o'), ctrl),
            key(KeyCode::Char('n'), ctrl),
            key(KeyCode::Char('p'), ctrl),
            key(KeyCode::Tab, none),
            key(KeyCode::Esc, none),
            key(KeyCode::Enter, none),
            key(KeyCode::F(1), none),
            "[a-z]{1,8}( #[a-z]{1,5})?".prop_map(Step::Commit),
            "#[a-z]{1,5}".prop_map(Step::Commit),
            "[a-z \n]{1,10}".prop_map(Step::Paste),
        ]
    }

    fn take(app: &mut App, step: &Step) {
        match step {
            Step::Key(code, mods) => {
                press(app, *code, *mods);
            }
            Step::Commit(word) => {
                type_keys(app, word);
                press(app, KeyCode::Enter, KeyModifiers::NONE);
            }
            Step::Paste(text) => {
                app.update(Action::Paste(text.clone()), t0());
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn a_typed_sentence_is_committed_as_typed_from_any_state(
            steps in proptest::collection::vec(step(), 0..40),
            sentence in "[A-Za-z0-9][A-Za-z0-9 ,.:;'()/!?+\"\\[\\]-]{0,40}",
        ) {
            let mut app = three_notes();
            for s in &steps {
                take(&mut app, s);
            }
            // The tag palette and its filter are a field of their own, shown
            // as a box over the notes, closed with Esc (the first Esc closes
            // the help over it). Any other help stays open: typing goes through it.
            for _ in 0..3 {
                if app.mode_under_help() == Mode::Palette {
                    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
                }
            }
            let state = app.mode_under_help();
            prop_assert!(matches!(state, Mode::Typing | Mode::Selected), "{:?}", app.mode());
            let before = cap(&app).session.notes.clone();
            let editing = cap(&app).editing.as_ref().map(|e| e.index);
            let typed_before = cap(&app).input.text().to_string();
            if state == Mode::Selected {
                prop_assert_eq!(&typed_before, "", "a selected note leaves nothing hidden in the input");
            }
            let effects = type_keys(&mut app, &sentence);
            prop_assert!(ops(&effects).iter().all(|op| matches!(op, Op::Draft { .. })), "{:?}", effects);
            let editor = effects.iter().any(|e| matches!(e, Effect::EditExternally { .. }));
            prop_assert!(!editor, "a typed key opened the editor");
            prop_assert_eq!(app.mode(), Mode::Typing);
            press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
            let after = &cap(&app).session.notes;
            let whole = format!("{typed_before}{sentence}");
            match editing {
                // An edit in progress (shown in the input's title) takes the text.
                Some(i) => {
                    let mut expected = before.clone();
                    expected[i] = before[i].retyped(&whole).expect("non-empty");
                    prop_assert_eq!(after, &expected);
                }
                None => {
                    prop_assert_eq!(after.len(), before.len() + 1);
                    prop_assert_eq!(&after[..before.len()], &before[..]);
                    let parsed = crate::domain::note::parse(&whole).expect("non-empty");
                    let new = &after[before.len()];
                    prop_assert_eq!((&new.text, new.kind, &new.tags), (&parsed.text, parsed.kind, &parsed.tags));
                    // No marker, no #tag: the text is what was typed (after any earlier draft).
                    prop_assert_eq!(&new.text, whole.trim());
                }
            }
        }
    }
}

#[test]
fn a_note_of_only_tags_tags_the_last_note_and_undoes_in_one_step() {
    let mut app = app_in_capture();
    typed(&mut app, "#pricing", t0());
    assert!(ops(&app.update(Action::CommitNote, t0())).is_empty(), "no note to tag: nothing stored");
    assert!(cap(&app).session.notes.is_empty());
    assert_eq!(cap(&app).input.text(), "#pricing", "the input is kept");
    assert!(cap(&app).message.as_deref().unwrap_or("").contains("No note to tag yet"), "{:?}", cap(&app).message);
    app.update(Action::ClearInput, t0());

    typed(&mut app, "!Exports break every month #export", t0());
    app.update(Action::CommitNote, t0());
    typed(&mut app, "  #pricing #Export #churn-risk ", t0());
    let effects = app.update(Action::CommitNote, t0());
    assert!(matches!(ops(&effects)[..], [Op::Replace { index: 0, .. }, ..]), "{effects:?}");
    assert!(ops(&effects)[1..].iter().all(|op| matches!(op, Op::Draft { text: None })), "{effects:?}");
    let c = cap(&app);
    assert_eq!(c.session.notes.len(), 1, "no empty note is stored");
    assert_eq!(c.session.notes[0].text, "Exports break every month");
    assert_eq!(c.session.notes[0].tags, ["export", "pricing", "churn-risk"]);
    assert!(c.input.is_empty());
    let msg = c.message.clone().unwrap_or_default();
    assert!(msg.contains("#pricing #churn-risk") && msg.contains("last note"), "{msg}");
    // One undo takes both tags off.
    app.update(Action::Undo, t0());
    assert_eq!(cap(&app).session.notes[0].tags, ["export"]);

    // Tags it already has: nothing changes, and it says so.
    typed(&mut app, "#export", t0());
    assert!(ops(&app.update(Action::CommitNote, t0())).iter().all(|op| matches!(op, Op::Draft { .. })));
    assert!(cap(&app).message.as_deref().unwrap_or("").contains("already"), "{:?}", cap(&app).message);
    assert!(cap(&app).input.is_empty());

    // A marker with only tags is no note either: the input is kept.
    typed(&mut app, "! #pricing", t0());
    app.update(Action::CommitNote, t0());
    assert_eq!(cap(&app).session.notes.len(), 1);
    assert_eq!(cap(&app).input.text(), "! #pricing");
}

#[test]
fn editing_a_note_down_to_only_tags_is_refused() {
    let mut app = app_in_capture();
    typed(&mut app, "slow reports", t0());
    app.update(Action::CommitNote, t0());
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::EditNote, t0());
    app.update(Action::ClearInput, t0());
    typed(&mut app, "#perf", t0());
    assert!(ops(&app.update(Action::CommitNote, t0())).is_empty());
    assert_eq!(cap(&app).session.notes[0].text, "slow reports");
    assert!(cap(&app).editing.is_some(), "the edit stays open");
}

#[test]
fn a_new_interview_that_cannot_be_created_returns_to_its_form() {
    use crossterm::event::{KeyCode, KeyModifiers};
    let choices = vec![GuideChoice { name: "discovery".into(), guide: Ok(guide()) }];
    let mut app = App::new(Library::default(), choices, PathBuf::from("/data/sessions"), "discovery", t0());
    app.update(Action::NewInterview, t0());
    type_keys(&mut app, "Bo");
    app.update(Action::NextField, t0());
    type_keys(&mut app, "Acme");
    let effects = app.update(Action::StartInterview, t0());
    assert!(matches!(effects[..], [Effect::Begin { fresh: true, .. }]));
    // What the main loop does when the session's folder refuses the file.
    app.start_failed("cannot create 20261122-1430-bo: Read-only file system".into());
    assert_eq!(app.mode(), Mode::NewForm, "the form is back, not the library");
    let form = app.home.form.as_ref().expect("the form");
    assert_eq!((form.participant.text(), form.company.text()), ("Bo", "Acme"));
    assert!(form.error.as_deref().unwrap_or("").contains("Read-only file system"), "{:?}", form.error);
    // The words typed next go into a field: no library key runs (q would quit).
    let effects = type_keys(&mut app, "quick, so tell me: scan the files");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.mode(), Mode::NewForm);
    assert!(app.home.form.as_ref().unwrap().participant.text().ends_with("scan the files"));
    // Enter tries again with what was filled in.
    press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_keys(&mut app, "Bo");
    let effects = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let [Effect::Begin { session, fresh: true, .. }] = &effects[..] else { panic!("{effects:?}") };
    assert_eq!(session.participant.company.as_deref(), Some("Acme"));
}
