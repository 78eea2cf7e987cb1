//! The follow-ups list at the size of a real library: open ones only,
//! grouped by interview, filtered by typing, and a session opened on the
//! follow-up itself with Esc coming back to the same row.

use super::followups::{FollowupRow, grouped};
use super::tests::t0;
use super::*;
use crate::domain::note::Kind;
use crate::domain::session::{Note, Offset};
use crate::store::guides;
use crate::store::library::{Library, SessionInfo, Summary};

fn note(text: &str, kind: Kind, done: bool) -> Note {
    Note {
        at: Offset(60),
        sitting: None,
        text: text.into(),
        kind,
        question: Some("1.1".into()),
        tags: vec![],
        done,
        starred: false,
        from_transcript: false,
        typed: None,
        extra: Default::default(),
    }
}

/// Interview `i`: a plain note, then twelve follow-ups, one in three done
/// (and a thirteenth, about an invoice, in interview 150).
fn interview(i: usize) -> Session {
    let name = if i == 150 { "Zed Quinn".to_string() } else { format!("Person {i}") };
    let mut s = Session::new(
        format!("s{i}"),
        "discovery",
        "Discovery",
        Participant { name, ..Default::default() },
        t0() - chrono::Duration::days(i as i64),
    );
    s.notes.push(note("context", Kind::Note, false));
    for k in 0..12 {
        s.notes.push(note(&format!("send the deck {k}"), Kind::Followup, k % 3 == 0));
    }
    if i == 150 {
        s.notes.push(note("resend the invoice", Kind::Followup, false));
    }
    s
}

fn app() -> App {
    let sessions = (0..200)
        .map(|i| {
            let s = interview(i);
            Summary {
                id: s.id.clone(),
                path: format!("/d/s{i}.yaml").into(),
                info: Ok(SessionInfo::of(&s)),
                journal: false,
            }
        })
        .collect();
    App::new(Library { sessions }, vec![], PathBuf::from("/d"), "discovery", t0())
}

fn view(app: &App) -> &followups::FollowupsView {
    let Screen::Followups(v) = &app.screen else { panic!("not on the follow-ups") };
    v
}

#[test]
fn two_thousand_follow_ups_open_only_grouped_by_interview_and_filtered() {
    let mut app = app();
    assert_eq!(app.followups().len(), 2_401);
    app.update(Action::ShowFollowups, t0());
    let (shown, _) = app.shown_followups(view(&app));
    assert_eq!(shown.len(), 1_601, "done ones are hidden by default");
    assert!(shown.iter().all(|f| !f.3));
    let rows = grouped(&shown);
    let headings: Vec<(usize, usize)> = rows
        .iter()
        .filter_map(|r| match r {
            FollowupRow::Interview { session, open } => Some((*session, *open)),
            FollowupRow::Item(_) => None,
        })
        .collect();
    assert_eq!(headings.len(), 200, "one heading per interview");
    assert_eq!(headings[0], (0, 8));
    assert_eq!(rows[1], FollowupRow::Item(0), "each interview's follow-ups under its heading");

    app.update(Action::ShowDone, t0());
    assert_eq!(app.shown_followups(view(&app)).0.len(), 2_401, "a key shows the done ones too");
    app.update(Action::ShowDone, t0());

    app.update(Action::FilterLibrary, t0());
    assert_eq!(app.mode(), Mode::FollowupsFilter);
    for c in "who:zed invoice".chars() {
        app.update(Action::InsertChar(c), t0());
    }
    let (shown, problem) = app.shown_followups(view(&app));
    assert_eq!(problem, None);
    assert_eq!(shown.iter().map(|f| f.2).collect::<Vec<_>>(), ["resend the invoice"]);
    app.update(Action::ApplyTag, t0());
    assert_eq!(app.mode(), Mode::Followups, "Enter keeps the filter");
    app.update(Action::FilterLibrary, t0());
    app.update(Action::Back, t0());
    assert_eq!(app.shown_followups(view(&app)).0.len(), 1_601, "Esc clears it");
}

#[test]
fn enter_opens_the_session_on_the_follow_up_and_esc_comes_back_to_the_row() {
    let mut app = app();
    app.update(Action::ShowFollowups, t0());
    // Interview 0 has 8 open follow-ups: the 11th row is interview 1's third.
    for _ in 0..10 {
        app.update(Action::MoveDown, t0());
    }
    let (shown, _) = app.shown_followups(view(&app));
    let (si, ni, text, _) = shown[10];
    let text = text.to_string();
    assert_eq!(si, 1);
    let effects = app.update(Action::OpenSession, t0());
    assert_eq!(effects, vec![Effect::Review("/d/s1.yaml".into())]);
    // The main loop reads the file and opens it.
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    app.open_review(interview(1), guide.clone(), "/d/s1.yaml".into(), None);
    let r = app.review().expect("the session view");
    assert_eq!(r.selected_note(), Some(ni));
    assert_eq!(r.session.notes[ni].text, text, "the follow-up itself is selected");
    app.update(Action::Back, t0());
    assert_eq!(app.mode(), Mode::Followups, "Esc goes back to the list");
    assert_eq!(view(&app).selected, 10, "at the same row");
    // Opened from the library, Esc goes to the library as before.
    app.update(Action::Back, t0());
    assert_eq!(app.mode(), Mode::Home);
    app.open_review(interview(2), guide, "/d/s2.yaml".into(), None);
    app.update(Action::Back, t0());
    assert_eq!(app.mode(), Mode::Home);
}

#[test]
fn the_untagged_walk_waits_for_the_library_instead_of_saying_all_is_tagged() {
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/d"), "discovery", t0());
    app.library_loading = true;
    assert!(app.update(Action::TagUntagged, t0()).is_empty());
    assert!(app.message.as_deref().is_some_and(|m| m.starts_with("Still reading the library")), "{:?}", app.message);
}

/// The session view's footer says where Esc goes: the follow-ups when it was
/// opened from them, the library otherwise (it said "library" either way).
#[test]
fn the_session_footer_names_where_back_goes() {
    let footer = |app: &App| {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
        t.draw(|f| crate::tui::ui::render(f, app, &crate::tui::theme::Theme::monochrome())).unwrap();
        let buf = t.backend().buffer();
        (0..buf.area.width).map(|x| buf[(x, buf.area.height - 1)].symbol().to_string()).collect::<String>()
    };
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    let mut app = app();
    app.update(Action::ShowFollowups, t0());
    app.update(Action::OpenSession, t0());
    app.open_review(interview(0), guide.clone(), "/d/s0.yaml".into(), None);
    // Once the message that says so has passed, the footer still says it.
    app.update(Action::MoveDown, t0());
    let from_list = footer(&app);
    assert!(from_list.contains("Esc follow-ups") && !from_list.contains("library"), "{from_list}");
    app.update(Action::Back, t0());
    app.update(Action::Back, t0());
    app.open_review(interview(2), guide, "/d/s2.yaml".into(), None);
    let from_library = footer(&app);
    assert!(from_library.contains("Esc library"), "{from_library}");
}
