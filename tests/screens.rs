//! Snapshots of every screen at 80x24 and 120x40 (and the wide layout at
//! 200x60), drawn from model states reached through `update` only.

use chrono::{DateTime, Duration, FixedOffset};
use fieldnotes::action::Action;
use fieldnotes::app::{App, GuideChoice};
use fieldnotes::domain::session::Participant;
use fieldnotes::store::guides;
use fieldnotes::store::library::{Library, SessionInfo, Summary};
use fieldnotes::store::yaml::LoadError;
use fieldnotes::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
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
                    segment: Some("mid-market".into()),
                    guide: "discovery".into(),
                    title: format!("Discovery interview — {who}"),
                    started_at: t0() - Duration::days(days),
                    ended_at: ended.then(|| t0() - Duration::days(days) + Duration::minutes(40)),
                    notes,
                    tags: tags.iter().map(|(t, n)| (t.to_string(), *n)).collect(),
                    untagged: notes / 3,
                    followups: vec![],
                    closing_answer: None,
                    search_text: String::new(),
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
    terminal.draw(|f| fieldnotes::ui::render(f, app, &Theme::monochrome())).unwrap();
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
