//! An interview's start and end (the new-interview form is in
//! `new_form.rs`): consent, guide
//! lint warnings, the closing question, saving and quitting, resuming, the
//! saved indicator and the help overlay.

use super::*;

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
fn the_config_can_require_consent_for_every_guide() {
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.require_consent = true;
    app.start_session(guide(), Participant { name: "Ana".into(), ..Default::default() });
    assert_eq!(app.mode(), Mode::Consent);
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
    assert!(c.asked[1], "the question with a note");
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
fn the_live_screen_opens_before_the_library_is_read_and_its_palette_gets_the_library_tags_when_they_come() {
    // `new` from the command line: the library is read behind the screen.
    let choices = vec![GuideChoice { name: "discovery".into(), guide: Ok(guide()) }];
    let mut app = App::new(Library::default(), choices, PathBuf::from("/data/sessions"), "discovery", t0());
    app.library_loading = true;
    app.start_session(guide(), Participant { name: "Ana".into(), ..Default::default() });
    assert!(cap(&app).library_tags_pending, "the Tags pane says it is still reading");
    let offered = |app: &App| cap(app).palette_rows().iter().map(|r| r.tag.clone()).collect::<Vec<_>>();
    assert!(!offered(&app).contains(&"spreadsheet-hell".to_string()));
    // The scan arrives with a tag only other interviews use.
    let mut other = crate::domain::session::Session::new(
        "other".into(),
        "discovery",
        "Discovery",
        Participant { name: "Bo".into(), ..Default::default() },
        t0(),
    );
    other.notes.push(crate::domain::session::Note {
        at: crate::domain::session::Offset(5),
        sitting: None,
        text: "exports".into(),
        kind: Kind::Pain,
        question: None,
        tags: vec!["spreadsheet-hell".into()],
        done: false,
        starred: false,
        from_transcript: false,
        typed: None,
        extra: Default::default(),
    });
    let mut library = Library::default();
    library.sessions.push(crate::store::library::Summary {
        id: "other".into(),
        path: PathBuf::from("/data/sessions/other.yaml"),
        info: Ok(crate::store::library::SessionInfo::of(&other)),
        journal: false,
    });
    app.library_loaded(library);
    assert!(!cap(&app).library_tags_pending);
    assert!(offered(&app).contains(&"spreadsheet-hell".to_string()), "{:?}", offered(&app));
}
