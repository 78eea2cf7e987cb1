//! The new-interview form: what the keys do from the moment it opens, and
//! that nothing typed after Enter lands in a field it was not meant for
//! (issue #15: a first note became the participant's name).

use super::*;
use crate::tui::app::home::Field;
use crossterm::event::{KeyCode, KeyModifiers};

fn broken_first() -> Vec<GuideChoice> {
    vec![
        GuideChoice { name: "broken".into(), guide: Err("bad.yaml:3:1: oops".into()) },
        GuideChoice { name: "discovery".into(), guide: Ok(guide()) },
    ]
}

fn form(choices: Vec<GuideChoice>, default: &str) -> App {
    let mut app = App::new(Library::default(), choices, PathBuf::from("/data/sessions"), default, t0());
    app.update(Action::NewInterview, t0());
    assert_eq!(app.mode(), Mode::NewForm);
    app
}

fn the_form(app: &App) -> &crate::tui::app::home::NewForm {
    app.home.form.as_ref().expect("the form is open")
}

#[test]
fn arrows_choose_the_guide_from_the_start_and_tab_walks_the_text_fields() {
    let mut app = form(broken_first(), "discovery");
    assert_eq!(the_form(&app).field, Field::Participant, "the name is what must be typed");
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(the_form(&app).guide, 0, "↑ chose the guide above, from the name field");
    assert_eq!(the_form(&app).field, Field::Participant, "and the focus stayed on the name");
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(the_form(&app).guide, 1);
    let mut order = vec![];
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
        order.push(the_form(&app).field);
    }
    assert_eq!(order, [Field::Company, Field::Role, Field::Segment, Field::Participant]);
}

#[test]
fn enter_with_no_name_starts_at_once_and_the_next_words_are_a_note() {
    let mut app = form(broken_first(), "discovery");
    // Tab first (past the name), then Enter: the call has begun.
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    let effects = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(matches!(effects[..], [Effect::Begin { fresh: true, .. }]), "{effects:?}");
    assert_eq!(cap(&app).session.participant.name, "Participant 1");
    assert!(cap(&app).message.as_deref().unwrap_or("").contains("no name was typed"), "{:?}", cap(&app).message);
    type_keys(&mut app, "pricing is too high");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(note_texts(&app), ["pricing is too high"]);
    assert_eq!(cap(&app).session.participant.name, "Participant 1", "the note did not become the name");
}

#[test]
fn an_unnamed_interview_takes_a_number_no_interview_of_the_library_uses() {
    let mut library = Library::default();
    for (i, who) in ["Participant 2", "Ana"].iter().enumerate() {
        let p = Participant { name: (*who).into(), ..Default::default() };
        let s = crate::domain::session::Session::new(format!("s{i}"), "discovery", "Discovery", p, t0());
        library.sessions.push(crate::store::library::Summary {
            id: s.id.clone(),
            path: PathBuf::from(format!("/data/sessions/s{i}.yaml")),
            info: Ok(crate::store::library::SessionInfo::of(&s)),
            journal: false,
        });
    }
    let mut app = App::new(
        library,
        vec![GuideChoice { name: "discovery".into(), guide: Ok(guide()) }],
        PathBuf::from("/data/sessions"),
        "discovery",
        t0(),
    );
    app.update(Action::NewInterview, t0());
    app.update(Action::StartInterview, t0());
    assert_eq!(cap(&app).session.participant.name, "Participant 3", "two interviews; Participant 2 is taken");
}

#[test]
fn a_broken_guide_is_explained_where_its_description_goes_and_the_error_clears_once_another_is_chosen() {
    let mut app = form(broken_first(), "broken");
    type_keys(&mut app, "Bo");
    assert!(press(&mut app, KeyCode::Enter, KeyModifiers::NONE).is_empty(), "a broken guide does not start");
    assert!(the_form(&app).error.as_deref().unwrap_or("").contains("cannot be used"), "{:?}", the_form(&app).error);
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(the_form(&app).error, None, "fixed: the error goes with it");
    let effects = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(matches!(effects[..], [Effect::Begin { fresh: true, .. }]), "{effects:?}");
    assert_eq!((cap(&app).session.participant.name.as_str(), cap(&app).guide.name.as_str()), ("Bo", "discovery"));
}

#[test]
fn words_typed_after_a_refused_start_are_kept_for_the_first_note_not_put_in_a_field() {
    let mut app = form(broken_first(), "broken");
    type_keys(&mut app, "Bo");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    // The PM looked away: these words are the start of a note.
    let effects = type_keys(&mut app, "quick, so tell me: scan the files");
    assert!(effects.is_empty(), "no library key ran (q would quit): {effects:?}");
    assert_eq!(the_form(&app).participant.text(), "Bo", "the name is untouched");
    assert_eq!(the_form(&app).held.text(), "quick, so tell me: scan the files");
    assert!(the_form(&app).error.is_some(), "the error stays while it says where the words go");
    // ↓ to a guide that works ends the holding; Enter starts with the words in the note input.
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(cap(&app).session.participant.name, "Bo");
    assert_eq!(cap(&app).input.text(), "quick, so tell me: scan the files");
}

#[test]
fn a_new_interview_that_cannot_be_created_returns_to_its_form_and_keeps_what_is_typed_for_the_first_note() {
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
    let form = the_form(&app);
    assert_eq!((form.participant.text(), form.company.text()), ("Bo", "Acme"));
    assert!(form.error.as_deref().unwrap_or("").contains("Read-only file system"), "{:?}", form.error);
    // The words typed next are held, not run as library keys nor put in a field.
    let effects = type_keys(&mut app, "quick, so tell me: scan the files");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.mode(), Mode::NewForm);
    assert_eq!((the_form(&app).participant.text(), the_form(&app).company.text()), ("Bo", "Acme"));
    // Enter tries again with what was filled in, and the words are the first note's.
    let effects = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let [Effect::Begin { session, fresh: true, .. }] = &effects[..] else { panic!("{effects:?}") };
    assert_eq!(session.participant.company.as_deref(), Some("Acme"));
    assert_eq!(cap(&app).input.text(), "quick, so tell me: scan the files");
}
