//! Taking notes: what typing, Enter and pasting commit, the question a note
//! belongs to, the time per section, drafts reaching the journal, the closing
//! reminder.

use super::*;

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
    // Typing journals the draft (and, 3 minutes on the first question, that it was asked).
    assert!(ops(&typing).iter().all(|op| matches!(op, Op::Draft { .. } | Op::Asked { .. })), "typing never commits");
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
    assert_eq!(&c.asked[..3], &[false, true, false], "only the question with a note: the others were skipped past");
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
    // (The note also says its question was asked.)
    assert!(matches!(ops(&e)[..], [Op::Insert { .. }, Op::Asked { .. }, Op::Draft { text: None }]), "{e:?}");
}

#[test]
fn asked_at_records_each_question_once_and_resume_continues_there() {
    use crate::domain::session::Offset;
    let mut app = app_in_capture();
    assert!(cap(&app).session.asked_at.is_empty(), "opening asks nothing yet");
    // 90 s on 1.1: asked when it became current, recorded before the move.
    let e = app.update(Action::NextQuestion, t0() + Duration::seconds(90));
    assert_eq!(ops(&e), [&Op::Asked { question: "1.1".into(), at: Offset(0) }]);
    // 1.2 stays 30 s, is left, then visited again: asked once, at its first stay.
    let e = app.update(Action::PrevQuestion, t0() + Duration::seconds(120));
    assert_eq!(ops(&e), [&Op::Asked { question: "1.2".into(), at: Offset(90) }]);
    app.update(Action::NextQuestion, t0() + Duration::seconds(125));
    let e = app.update(Action::NextQuestion, t0() + Duration::seconds(150));
    assert!(ops(&e).is_empty(), "a question is asked once: its first time counts");
    app.update(Action::Tick, t0() + Duration::seconds(200));
    let c = Capture::new(cap(&app).session.clone(), guide(), PathBuf::from("/x.yaml"), &Default::default(), t0());
    assert_eq!(c.current, 2, "resume continues at the last question asked, even without notes on it");
    assert!(c.asked[..3].iter().all(|v| *v));
}

#[test]
fn closing_reminder_appears_before_the_planned_end_until_the_end() {
    let mut app = app_in_capture();
    // The discovery guide plans 45 minutes; the reminder comes 5 minutes before.
    assert_eq!(cap(&app).closing_reminder(t0() + Duration::minutes(39)), None);
    assert_eq!(cap(&app).closing_reminder(t0() + Duration::minutes(40)), Some(5 * 60));
    assert_eq!(cap(&app).closing_reminder(t0() + Duration::seconds(44 * 60 + 30)), Some(30));
    assert_eq!(cap(&app).closing_reminder(t0() + Duration::minutes(47)), Some(-2 * 60), "over time");
    app.update(Action::EndInterview, t0() + Duration::minutes(47));
    assert_eq!(cap(&app).closing_reminder(t0() + Duration::minutes(47)), None, "not while asking it");
    app.update(Action::SubmitClosing, t0() + Duration::minutes(48));
    app.update(Action::Back, t0() + Duration::minutes(48));
    assert_eq!(cap(&app).closing_reminder(t0() + Duration::minutes(49)), None, "not once it was asked");
}
