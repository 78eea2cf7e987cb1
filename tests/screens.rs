//! Snapshots of every screen at 80x24 and 120x40 (and the wide layout at
//! 200x60), drawn from model states reached through `update` only.

mod common;

use common::screen::rows;

use chrono::{DateTime, Duration, FixedOffset};
use common::note;
use fieldnotes::domain::note::Kind;
use fieldnotes::domain::session::{Closing, Note, Participant, Session};
use fieldnotes::store::guides;
use fieldnotes::store::library::{Library, SessionInfo, Summary};
use fieldnotes::store::recovery::{Pending, Target};
use fieldnotes::store::yaml::LoadError;
use fieldnotes::tui::action::Action;
use fieldnotes::tui::app::home::Sort;
use fieldnotes::tui::app::review::{Review, ReviewMode};
use fieldnotes::tui::app::{App, GuideChoice};
use fieldnotes::tui::keymap::Mode;
use fieldnotes::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use std::path::PathBuf;

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap()
}

fn choices() -> Vec<GuideChoice> {
    guides::BUILTIN
        .iter()
        .map(|(name, _)| GuideChoice {
            name: name.to_string(),
            guide: guides::parse_builtin(name).unwrap().map_err(|e| e.to_string()),
        })
        .collect()
}

fn library() -> Library {
    let mk =
        |id: &str, who: &str, company: Option<&str>, days: i64, notes: usize, tags: &[(&str, usize)], ended: bool| {
            Summary {
                id: id.into(),
                path: PathBuf::from(format!("/data/sessions/{id}.yaml")),
                info: Ok(SessionInfo {
                    participant: who.into(),
                    company: company.map(String::from),
                    role: None,
                    segment: Some("mid-market".into()),
                    guide: "discovery".into(),
                    title: format!("Discovery interview — {who}"),
                    started_at: t0() - Duration::days(days),
                    ended_at: ended.then(|| t0() - Duration::days(days) + Duration::minutes(40)),
                    talk_secs: ended.then_some(40 * 60),
                    notes,
                    tags: tags.iter().map(|(t, n)| (t.to_string(), *n)).collect(),
                    untagged: notes / 3,
                    followups: vec![],
                    closing_answer: None,
                    closing_tags: vec![],
                }),
                journal: false,
            }
        };
    Library {
        sessions: vec![
            mk(
                "20261121-1000-ana-lopez",
                "Ana López",
                Some("Acme"),
                1,
                23,
                &[("reporting", 5), ("workaround", 3), ("trust", 1)],
                true,
            ),
            mk("20261118-0900-kenji-sato", "佐藤 健二", Some("Sato Logistics"), 4, 41, &[("pricing", 7)], false),
            mk("20261110-1600-bo", "Bo", None, 12, 0, &[], true),
            Summary {
                id: "broken".into(),
                path: PathBuf::from("/data/sessions/broken.yaml"),
                info: Err(LoadError {
                    path: "/data/sessions/broken.yaml".into(),
                    line: Some(7),
                    column: Some(3),
                    message: "invalid type: sequence, expected a string".into(),
                }),
                journal: false,
            },
        ],
    }
}

fn type_text(app: &mut App, text: &str, at: DateTime<FixedOffset>) {
    for c in text.chars() {
        app.update(Action::InsertChar(c), at);
    }
}

fn live() -> App {
    let mut app = App::new(library(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    let p = Participant { name: "Ana López".into(), company: Some("Acme".into()), ..Default::default() };
    app.start_session(guide, p);
    app
}

fn live_with_notes() -> App {
    let mut app = live();
    let notes = [
        (65, "\"We export to Excel every Friday #workaround #reporting"),
        (130, "!Building the board report takes most of Monday morning #reporting"),
        (200, "+ scheduled exports straight to the shared drive"),
        (260, "?send her the pricing deck #pricing"),
        (300, "[she does not trust the dashboard numbers yet] #trust"),
        (380, "売上レポートが遅い 😩 — the Tokyo team waits on it too"),
    ];
    for (i, (secs, text)) in notes.iter().enumerate() {
        if i == 3 {
            app.update(Action::NextQuestion, t0() + Duration::seconds(*secs));
        }
        type_text(&mut app, text, t0() + Duration::seconds(*secs));
        app.update(Action::CommitNote, t0() + Duration::seconds(*secs));
    }
    // Seven minutes in: the 5-minute warm-up is over budget.
    app.update(Action::Tick, t0() + Duration::seconds(420));
    type_text(&mut app, "they also use Looker", t0() + Duration::seconds(420));
    app
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| fieldnotes::tui::ui::render(f, app, &Theme::monochrome())).unwrap();
    terminal
}

/// Snapshots one state at both standard sizes.
macro_rules! screens {
    ($name:ident, $state:expr) => {
        #[test]
        fn $name() {
            let app = $state;
            insta::assert_snapshot!(concat!(stringify!($name), "_80x24"), draw(&app, 80, 24).backend());
            insta::assert_snapshot!(concat!(stringify!($name), "_120x40"), draw(&app, 120, 40).backend());
        }
    };
}

screens!(home_empty, App::new(Library::default(), choices(), PathBuf::from("/data/sessions"), "discovery", t0()));
screens!(home_library, App::new(library(), choices(), PathBuf::from("/data/sessions"), "discovery", t0()));
screens!(new_interview_form, {
    let mut app = App::new(library(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    app.update(Action::NewInterview, t0());
    type_text(&mut app, "Ana López", t0());
    app.update(Action::NextField, t0());
    type_text(&mut app, "Acme", t0());
    app
});
screens!(capture_empty, live());
screens!(capture_notes, live_with_notes());
screens!(capture_selected, {
    let mut app = live_with_notes();
    app.update(Action::ClearInput, t0());
    for _ in 0..3 {
        app.update(Action::SelectPrevNote, t0());
    }
    app
});
screens!(capture_tag_palette, {
    let mut app = live_with_notes();
    app.update(Action::OpenTagPalette, t0());
    type_text(&mut app, "rep", t0());
    app
});
screens!(capture_closing_prompt, {
    let mut app = live_with_notes();
    app.update(Action::EndInterview, t0());
    type_text(&mut app, "Honestly, the AWS bill reports eat my Mondays", t0());
    app
});
screens!(capture_wrap_up, {
    let mut app = live_with_notes();
    let end = t0() + Duration::minutes(42);
    app.update(Action::EndInterview, end);
    type_text(&mut app, "Honestly, the AWS bill reports eat my Mondays", end);
    app.update(Action::SubmitClosing, end);
    app
});
screens!(capture_help, {
    let mut app = live();
    app.update(Action::ToggleHelp, t0());
    app
});

/// The live screen's help, on the smallest terminal, also says what the keys
/// of a selected note are (they only work once ↑ has selected one), and all of
/// it fits.
#[test]
fn the_live_help_names_the_selected_note_keys_and_fits_80x24() {
    let mut app = live_with_notes();
    app.update(Action::ToggleHelp, t0());
    let screen = rows(&draw(&app, 80, 24)).join("\n");
    for key in ["Enter edit", "Delete delete", "Ctrl-O editor"] {
        assert!(screen.contains(key), "{key:?} missing:\n{screen}");
    }
    assert!(!screen.contains("more: a taller window"), "{screen}");
}

#[test]
fn capture_wide_layout_has_three_columns() {
    insta::assert_snapshot!("capture_notes_200x60", draw(&live_with_notes(), 200, 60).backend());
}

#[test]
fn hostile_note_text_is_drawn_inert() {
    let mut app = live();
    // The input strips control characters; a teammate's file may still carry them.
    type_text(&mut app, "safe", t0());
    app.update(Action::CommitNote, t0());
    let mut session = app.capture().unwrap().session.clone();
    session.notes[0].text = "evil\u{1b}]52;c;aGk=\u{7} \u{1b}[2J \u{202e}txt".into();
    let guide = app.capture().unwrap().guide.clone();
    app.open_capture(session, guide, PathBuf::from("/data/sessions/x.yaml"));
    let terminal = draw(&app, 80, 24);
    let shown = format!("{}", terminal.backend());
    assert!(shown.contains("evil␛]52;c;aGk=␇ ␛[2J �txt"), "{shown}");
}

// ---- The session view, quick tagging, follow-ups and the library's view settings ----

/// A finished session on the discovery guide: notes on several questions
/// (some untagged), a follow-up, a done follow-up, a closing answer, and a
/// note on a question the guide does not have.
fn review_session() -> Session {
    let p = Participant {
        name: "Ana López".into(),
        company: Some("Acme".into()),
        role: Some("Head of Finance".into()),
        segment: Some("mid-market".into()),
        extra: Default::default(),
    };
    let mut s = Session::new("20261122-1430-ana-lopez".into(), "discovery", "Discovery interview", p, t0());
    s.ended_at = Some(t0() + Duration::minutes(42));
    s.notes = vec![
        note(192, Kind::Quote, Some("1.1"), "We export to Excel every Friday", &["workaround", "reporting"]),
        note(300, Kind::Pain, Some("1.1"), "Building the board report takes most of Monday morning", &["reporting"]),
        note(540, Kind::Idea, Some("2.3"), "scheduled exports straight to the shared drive", &[]),
        note(900, Kind::Followup, Some("3.2"), "send her the pricing deck", &["pricing"]),
        note(960, Kind::Insight, Some("3.2"), "she does not trust the dashboard numbers yet", &["trust"]),
        note(1320, Kind::Note, Some("4.2"), "keeps a spreadsheet of every client's report dates", &[]),
        note(1500, Kind::Note, Some("9.9"), "asked whether there is a mobile app", &[]),
        Note { done: true, ..note(1700, Kind::Followup, Some("4.3"), "intro to her finance lead", &[]) },
    ];
    s.closing = Some(Closing {
        question: "What else is on your mind?".into(),
        answer: Some("Honestly, the AWS bill reports eat my Mondays.".into()),
        tags: Vec::new(),
        extra: Default::default(),
    });
    s
}

fn review_app() -> App {
    let mut app = App::new(library(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    app.open_review(review_session(), guide, PathBuf::from("/data/sessions/20261122-1430-ana-lopez.yaml"), None);
    app
}

/// The session view with the fourth note of eight (the open follow-up) selected.
fn review_browsing() -> App {
    let mut app = review_app();
    for _ in 0..3 {
        app.update(Action::MoveDown, t0());
    }
    app
}

/// A library whose sessions have follow-ups, open and done.
fn library_with_followups() -> Library {
    let mut lib = library();
    let followups: [&[(usize, &str, bool)]; 2] = [
        &[(3, "send her the pricing deck", false), (7, "intro to her finance lead", true)],
        &[(12, "share the logistics export template with Kenji's whole operations team in Osaka", false)],
    ];
    for (summary, items) in lib.sessions.iter_mut().zip(followups) {
        if let Ok(info) = &mut summary.info {
            info.followups = items.iter().map(|(i, t, d)| (*i, t.to_string(), *d)).collect();
        }
    }
    lib
}

screens!(review_browse, review_browsing());
screens!(review_edit, {
    let mut app = review_browsing();
    app.update(Action::EditNote, t0());
    app
});
screens!(review_kind_pick, {
    let mut app = review_browsing();
    app.update(Action::ChangeKind, t0());
    app
});
screens!(quick_tagging, {
    let mut app = review_app();
    app.update(Action::QuickTag, t0());
    app
});
screens!(quick_tagging_search, {
    let mut app = review_app();
    app.update(Action::QuickTag, t0());
    app.update(Action::SearchTags, t0());
    type_text(&mut app, "rep", t0());
    app
});
screens!(quick_tagging_remove, {
    let mut app = review_app();
    app.update(Action::QuickTag, t0());
    app.update(Action::TopTag(1), t0());
    // A tag moves on to the next untagged note: back to the one just tagged.
    app.update(Action::PrevNote, t0());
    app.update(Action::RemoveTag, t0());
    app
});
screens!(followups, {
    let mut app = App::new(library_with_followups(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    app.update(Action::ShowFollowups, t0());
    app
});
screens!(followups_with_done_filtered, {
    let mut app = App::new(library_with_followups(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    app.update(Action::ShowFollowups, t0());
    app.update(Action::ShowDone, t0());
    app.update(Action::FilterLibrary, t0());
    type_text(&mut app, "her", t0());
    app
});
screens!(library_filter, {
    let mut app = App::new(library(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    app.update(Action::FilterLibrary, t0());
    type_text(&mut app, "acme", t0());
    // The note search (off the UI thread) answers: no note holds the word.
    let query = app.home.view.take_note_query().expect("free words ask the note search");
    app.home.view.notes_found(fieldnotes::store::note_texts::NotesFound { query, in_notes: Default::default() });
    app
});
// Free words typed, the notes not searched yet: the rows shown before stay, and the header says so.
screens!(library_filter_searching, {
    let mut app = App::new(library(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    app.update(Action::FilterLibrary, t0());
    type_text(&mut app, "acme", t0());
    app
});
// The empty prompt shows an example of the filter language.
screens!(library_filter_prompt, {
    let mut app = App::new(library(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    app.update(Action::FilterLibrary, t0());
    app
});
screens!(library_facets, {
    let mut app = App::new(library(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    app.update(Action::FacetFilter, t0());
    app
});
screens!(library_sorted_untagged, {
    let mut app = App::new(library(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    app.update(Action::CycleSort, t0());
    app.update(Action::CycleSort, t0());
    app
});

#[test]
fn review_states_are_reached_as_expected() {
    // Guards the snapshots above: each state is what its name says.
    let mut app = review_browsing();
    let r = app.review().unwrap();
    assert_eq!(r.selected_note(), Some(3), "the open follow-up is selected");
    assert_eq!(app.mode(), Mode::Review);
    app.update(Action::QuickTag, t0());
    let Some(Review { mode: ReviewMode::Tagging(q), .. }) = app.review() else { panic!("not tagging") };
    assert_eq!(q.top[0], "pricing", "the library's most used tag is on key 1");
    assert_eq!(q.queue[..4], [2, 5, 7, 6], "untagged notes first, in display order");
    assert_eq!(app.mode(), Mode::QuickTag);
    let mut app = App::new(library(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    app.update(Action::CycleSort, t0());
    app.update(Action::CycleSort, t0());
    assert_eq!(app.home.view.sort, Sort::Untagged);
}

#[test]
fn window_too_small() {
    let app = review_browsing();
    let terminal = draw(&app, 50, 12);
    let shown = format!("{}", terminal.backend());
    assert!(shown.contains("Window too small"), "{shown}");
    insta::assert_snapshot!("window_too_small_50x12", terminal.backend());
}

/// Every screen and overlay, for the size sweep.
fn every_screen() -> Vec<(&'static str, App)> {
    let home = || App::new(library_with_followups(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    let with = |mut app: App, actions: &[Action], text: &str| {
        for a in actions {
            app.update(a.clone(), t0());
        }
        type_text(&mut app, text, t0());
        app
    };
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    let pending = Pending {
        id: "20261122-1430-ana-lopez".into(),
        yaml_path: PathBuf::from("/data/sessions/20261122-1430-ana-lopez.yaml"),
        journal_path: PathBuf::from("/data/sessions/.fieldnotes/20261122-1430-ana-lopez.journal"),
        recovered: review_session(),
        changes: vec!["added a note".into(), "tagged #reporting".into()],
        target: Target::Overwrite,
        damage: Some("the last record is cut short".into()),
        held_back: vec![],
        lossy: false,
    };
    let mut recovery = home();
    recovery.offer_recovery(vec![pending]);
    let mut empty_review = App::new(Library::default(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    let mut bare = review_session();
    bare.notes.clear();
    bare.closing = None;
    empty_review.open_review(bare, guide.clone(), PathBuf::from("/data/sessions/x.yaml"), None);
    let mut walking = App::new(library(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    walking.open_review(
        review_session(),
        guide,
        PathBuf::from("/data/sessions/x.yaml"),
        Some(vec![PathBuf::from("/data/sessions/y.yaml")]),
    );
    vec![
        ("home_empty", App::new(Library::default(), choices(), PathBuf::from("/data/sessions"), "discovery", t0())),
        ("home", home()),
        ("home_help", with(home(), &[Action::ToggleHelp], "")),
        ("new_form", with(home(), &[Action::NewInterview], "Ana López")),
        ("library_filter", with(home(), &[Action::FilterLibrary], "acme")),
        ("library_filter_nothing", with(home(), &[Action::FilterLibrary], "zzzzzz")),
        ("library_facets", with(home(), &[Action::FacetFilter], "re")),
        ("library_sorted", with(home(), &[Action::CycleSort, Action::CycleSort], "")),
        ("followups", with(home(), &[Action::ShowFollowups, Action::MoveDown], "")),
        (
            "followups_none",
            with(App::new(library(), choices(), "/d".into(), "discovery", t0()), &[Action::ShowFollowups], ""),
        ),
        ("recovery", recovery),
        ("capture_empty", live()),
        ("capture_notes", live_with_notes()),
        ("capture_palette", with(live_with_notes(), &[Action::OpenTagPalette], "rep")),
        ("capture_closing", with(live_with_notes(), &[Action::EndInterview], "answer")),
        ("capture_wrap_up", with(live_with_notes(), &[Action::EndInterview, Action::SubmitClosing], "")),
        ("review", review_browsing()),
        ("review_empty", empty_review),
        ("review_help", with(review_browsing(), &[Action::ToggleHelp], "")),
        ("review_edit", with(review_browsing(), &[Action::EditNote], " and more")),
        ("review_kind", with(review_browsing(), &[Action::ChangeKind], "")),
        ("quick_tagging", with(review_app(), &[Action::QuickTag], "")),
        ("quick_tagging_walk", walking),
        ("quick_tagging_search", with(review_app(), &[Action::QuickTag, Action::SearchTags], "rep")),
        (
            "quick_tagging_remove",
            with(review_app(), &[Action::QuickTag, Action::TopTag(1), Action::PrevNote, Action::RemoveTag], ""),
        ),
    ]
}

#[test]
fn every_screen_draws_at_any_size_without_panicking() {
    for (name, app) in every_screen() {
        for (w, h) in [(1, 1), (20, 5), (300, 100)] {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| draw(&app, w, h)));
            assert!(result.is_ok(), "{name} panicked at {w}x{h}");
        }
    }
}

#[test]
fn the_selected_note_is_highlighted_and_only_it() {
    let terminal = draw(&review_browsing(), 80, 24);
    let rows = rows(&terminal);
    let buf = terminal.backend().buffer();
    let row = |text: &str| rows.iter().position(|r| r.contains(text)).unwrap_or_else(|| panic!("{text:?}: {rows:#?}"));
    let reversed = |y: usize| buf[(4, y as u16)].modifier.contains(Modifier::REVERSED);
    assert!(reversed(row("send her the pricing deck")), "the selected note is not highlighted");
    assert!(!reversed(row("does not trust the dashboard")), "a note that is not selected is highlighted");
    assert!(!reversed(row("scheduled exports")), "a note that is not selected is highlighted");
}

#[test]
fn essentials_fit_at_80x24() {
    let shown = |app: &App| rows(&draw(app, 80, 24)).join("\n");
    let review = shown(&review_browsing());
    assert!(review.contains("· not covered"), "{review}");
    assert!(review.contains("8 notes, 4 untagged"), "{review}");
    let mut tagging = review_app();
    tagging.update(Action::QuickTag, t0());
    let tagging = shown(&tagging);
    assert!(tagging.contains("Quick tagging · 1 of 4 untagged"), "{tagging}");
    // The next note is drawn under its own question, not the current one's.
    assert!(tagging.contains("4.2 Tell me about any home-made tools"), "{tagging}");
    for (k, tag) in
        ["pricing", "reporting", "workaround", "trust", "collaboration", "decision-making", "goals"].iter().enumerate()
    {
        assert!(tagging.contains(&format!("{} #{tag}", k + 1)), "key {} #{tag} missing:\n{tagging}", k + 1);
    }
    assert!(tagging.contains("8 #onboarding") && tagging.contains("9 #opportunity"), "{tagging}");
    // The note on a question the guide lacks is listed under its own heading.
    let wide = rows(&draw(&review_browsing(), 120, 40)).join("\n");
    assert!(wide.contains("Notes on questions not in the guide"), "{wide}");
    assert!(wide.contains("asked whether there is a mobile app"), "{wide}");
    assert!(wide.contains("“Honestly, the AWS bill reports eat my Mondays.”"), "{wide}");
}

#[test]
fn closing_answer_and_checklist_are_visible_at_80x24() {
    let shown = rows(&draw(&review_browsing(), 80, 24)).join("\n");
    assert!(shown.contains("Honestly, the AWS bill"), "{shown}");
    assert!(shown.contains("thanked the participant"), "{shown}");
}

#[test]
fn followups_align_with_wide_participant_names() {
    let mut app = App::new(library_with_followups(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    app.update(Action::ShowFollowups, t0());
    let rows = rows(&draw(&app, 80, 24));
    let col = |text: &str| {
        let row = rows.iter().find(|r| r.contains(text)).unwrap();
        fieldnotes::text::width::width(&row[..row.find(text).unwrap()])
    };
    assert_eq!(col("send her the pricing deck"), col("share the logistics"), "{rows:#?}");
    assert!(rows.iter().any(|r| r.contains("share the logistics") && r.contains('…')), "{rows:#?}");
}

screens!(capture_consent, {
    let mut app = App::new(library(), choices(), PathBuf::from("/data/sessions"), "discovery", t0());
    let mut guide = guides::parse_builtin("discovery").unwrap().unwrap();
    guide.consent = true;
    app.start_session(guide, Participant { name: "Ana López".into(), ..Default::default() });
    // One answer kept, the next chosen and waiting for Enter.
    app.update(Action::ConsentYes, t0());
    app.update(Action::ConsentConfirm, t0());
    app.update(Action::ConsentNo, t0());
    app
});

screens!(capture_closing_reminder, {
    let mut app = live_with_notes();
    // 41 of 45 planned minutes gone: the footer asks for the closing question.
    app.update(Action::Tick, t0() + Duration::minutes(41));
    app
});

/// Issue #14: the star key marks the selected note on screen (★), in the
/// session view and in quick tagging, and the quick-tagging footer names it.
#[test]
fn a_starred_note_shows_its_star_in_the_session_view_and_quick_tagging() {
    let mut app = review_browsing();
    app.update(Action::ToggleStar, t0());
    let shown = rows(&draw(&app, 80, 24)).join("\n");
    assert!(shown.contains("★ ☐ send her the pricing deck"), "{shown}");
    assert_eq!(shown.matches('★').count(), 1, "{shown}");
    app.update(Action::QuickTag, t0());
    let tagging = rows(&draw(&app, 80, 24)).join("\n");
    assert!(tagging.contains("* star"), "the footer names the key:\n{tagging}");
    app.update(Action::ToggleStar, t0());
    let tagging = rows(&draw(&app, 80, 24)).join("\n");
    assert!(tagging.contains("+ ★ scheduled exports"), "{tagging}");
}

/// Issue #16: the wrap-up of an interview whose transcript is attached (a
/// later sitting of an imported one) shows the listening coach, in words.
#[test]
fn the_wrap_up_shows_the_listening_coach_when_a_transcript_is_attached() {
    let mut app = live_with_notes();
    let end = t0() + Duration::minutes(42);
    app.update(Action::EndInterview, end);
    app.update(Action::SubmitClosing, end);
    let plain = format!("{:?}", draw(&app, 120, 40).backend());
    assert!(!plain.contains("Listening coach"), "no transcript, no coach: {plain}");
    let fieldnotes::tui::app::Screen::Capture(c) = &mut app.screen else { panic!("the live screen") };
    let coaching = fieldnotes::analysis::transcript::coach::Coaching {
        interviewer_secs: 420.0,
        total_secs: 600.0,
        longest_stretch: Some((40.0, 95.0)),
        questions: 7,
        flagged: vec![],
    };
    c.coach = fieldnotes::analysis::transcript::coach_lines::wrap_up_lines(&coaching, "Sam Rivera");
    let screen = format!("{:?}", draw(&app, 120, 40).backend());
    for expected in [
        "Listening coach (from the transcript):",
        "Sam Rivera spoke 70% of the time (7:00 of 10:00): more than the participant. Listen more than you talk.",
        "Longest stretch without the participant: 1:35 at 0:40.",
        "7 questions asked aloud; 0 flagged by the guide linter.",
    ] {
        assert!(screen.contains(expected), "{expected:?} in {screen}");
    }
}
