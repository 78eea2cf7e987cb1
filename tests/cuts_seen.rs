//! The cuts seen in use, each drawn again: a section budget cut to `00:00/1`,
//! the wrap-up's tags cut mid-word, the closing answer losing its last line
//! in the session header, a status line cut mid-word, and untagged counts in
//! reverse video under NO_COLOR (read as a second selected row).

mod common;

use common::screen::rows;

use chrono::{DateTime, Duration, FixedOffset};
use fieldnotes::domain::note::Kind;
use fieldnotes::domain::session::{Closing, Participant, Session};
use fieldnotes::store::guides;
use fieldnotes::store::library::{Library, SessionInfo, Summary};
use fieldnotes::tui::action::Action;
use fieldnotes::tui::app::{App, GuideChoice};
use fieldnotes::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use std::path::PathBuf;

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap()
}

fn app(library: Library) -> App {
    let choices = vec![GuideChoice {
        name: "discovery".into(),
        guide: guides::parse_builtin("discovery").unwrap().map_err(|e| e.to_string()),
    }];
    App::new(library, choices, PathBuf::from("/data/sessions"), "discovery", t0())
}

fn live() -> App {
    let mut app = app(Library::default());
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    app.start_session(guide, Participant { name: "Ana López".into(), ..Default::default() });
    app
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::InsertChar(c), t0());
    }
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| fieldnotes::tui::ui::render(f, app, &Theme::monochrome())).unwrap();
    terminal
}

#[test]
fn a_section_budget_is_never_cut() {
    let mut app = live();
    // To 4.1, in "Workarounds and past attempts" (10m): a title too long for
    // the guide's column beside its budget.
    for _ in 0..20 {
        if rows(&draw(&app, 80, 24)).iter().any(|r| r.contains("▶ 4.1")) {
            break;
        }
        app.update(Action::NextQuestion, t0());
    }
    let screen = rows(&draw(&app, 80, 24));
    let head = screen.iter().find(|r| r.contains("│4 Work")).unwrap_or_else(|| panic!("{}", screen.join("\n")));
    assert!(head.contains("…"), "the title is cut with a mark: {head:?}");
    assert!(head.contains("0:00 / 10 min"), "the budget is whole: {head:?}");
}

#[test]
fn the_wrap_up_shows_every_tag_with_its_count() {
    let mut app = live();
    let tags = ["reporting", "tools", "reconciliation", "month-end-close", "spreadsheets", "workaround", "pricing"];
    for (i, t) in tags.iter().enumerate() {
        type_text(&mut app, &format!("note {i} #{t}"));
        app.update(Action::CommitNote, t0() + Duration::seconds(i as i64 + 1));
    }
    app.update(Action::EndInterview, t0() + Duration::minutes(40));
    type_text(
        &mut app,
        "Honestly the AWS bill reports eat my Mondays and the finance team re-checks every figure by hand before \
         anyone outside the department sees them",
    );
    app.update(Action::SubmitClosing, t0() + Duration::minutes(40));
    let screen = rows(&draw(&app, 80, 24)).join("\n");
    assert!(screen.contains("Interview ended"), "{screen}");
    for t in tags {
        assert!(screen.contains(&format!("#{t} 1")), "#{t} and its count are shown:\n{screen}");
    }
    // The answer wraps a column short of the border.
    for row in screen.lines().filter(|r| r.starts_with("│  “") || r.starts_with("│  every")) {
        assert_eq!(row.chars().rev().nth(1), Some(' '), "a word touches the border: {row:?}");
    }
    assert!(screen.contains("re-checks"), "{screen}");
}

fn review(answer: &str) -> App {
    let mut app = app(Library::default());
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    let p = Participant { name: "Ana López".into(), ..Default::default() };
    let mut s = Session::new("20261122-1430-ana-lopez".into(), "discovery", "Discovery interview", p, t0());
    s.ended_at = Some(t0() + Duration::minutes(42));
    s.notes = vec![common::note(60, Kind::Note, Some("1.1"), "uses Excel", &[])];
    s.closing = Some(Closing {
        question: "What else is on your mind?".into(),
        answer: Some(answer.into()),
        tags: Vec::new(),
        extra: Default::default(),
    });
    app.open_review(s, guide, PathBuf::from("/data/sessions/20261122-1430-ana-lopez.yaml"), None);
    app
}

#[test]
fn the_closing_answer_in_the_session_header_ends_with_a_mark_when_cut() {
    let app = review(
        "Honestly, the AWS bill reports eat my Mondays, and the finance team re-checks every figure by hand \
         before anyone outside the department sees them, which takes until Wednesday most weeks, ending with a tired team",
    );
    let screen = rows(&draw(&app, 80, 24));
    assert!(!screen.iter().any(|r| r.contains("tired team")), "the answer does not fit at 80x24");
    let shown: Vec<&String> =
        screen.iter().skip_while(|r| !r.contains("Honestly")).take_while(|r| !r.contains('☐')).collect();
    assert!(
        shown.last().is_some_and(|r| r.trim_end_matches([' ', '│']).ends_with('…')),
        "the last line shown ends with …:\n{}",
        screen.join("\n")
    );
}

#[test]
fn a_long_status_line_ends_with_an_ellipsis() {
    let mut app = review("Not much.");
    app.message = Some(
        "Snapshot sent to the clipboard (OSC 52). If nothing was copied, your terminal does not allow it: use s to save a file."
            .into(),
    );
    let screen = rows(&draw(&app, 80, 24));
    let footer = screen.last().unwrap();
    assert!(footer.contains("your terminal"), "{footer:?}");
    assert!(footer.trim_end().ends_with('…'), "the status line is cut with a mark: {footer:?}");
    // Where it fits, it is whole.
    let screen = rows(&draw(&app, 120, 40));
    assert!(screen.last().unwrap().contains("to save a file."), "{:?}", screen.last());
}

fn library_with_untagged() -> Library {
    let mk = |id: &str, who: &str, days: i64, untagged: usize| Summary {
        id: id.into(),
        path: PathBuf::from(format!("/data/sessions/{id}.yaml")),
        info: Ok(SessionInfo {
            participant: who.into(),
            company: None,
            segment: None,
            role: None,
            guide: "discovery".into(),
            title: format!("Discovery interview — {who}"),
            started_at: t0() - Duration::days(days),
            ended_at: Some(t0() - Duration::days(days) + Duration::minutes(40)),
            talk_secs: Some(40 * 60),
            notes: 20,
            tags: vec![("reporting".into(), 3)],
            untagged,
            followups: vec![],
            closing_answer: None,
            closing_tags: vec![],
        }),
        journal: false,
    };
    Library { sessions: vec![mk("a", "Ana López", 1, 7), mk("b", "Bo", 2, 13), mk("c", "Chidi", 3, 4)] }
}

#[test]
fn without_colour_only_the_selected_row_is_reversed() {
    let app = app(library_with_untagged());
    let terminal = draw(&app, 80, 24);
    let screen = rows(&terminal);
    let buf = terminal.backend().buffer();
    let selected = screen.iter().position(|r| r.contains('▶')).expect("a selected row");
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            if y as usize != selected && buf[(x, y)].modifier.contains(Modifier::REVERSED) {
                panic!("reverse video off the selected row, at {x},{y}: {:?}", screen[y as usize]);
            }
        }
    }
    // The counts still stand out, without looking selected.
    let bo = screen.iter().position(|r| r.contains("Bo ")).unwrap();
    let at = screen[bo].find("13").map(|b| screen[bo][..b].chars().count()).unwrap() as u16;
    assert!(buf[(at, bo as u16)].modifier.contains(Modifier::BOLD), "the untagged count is bold");
}

#[test]
fn a_wrapped_note_never_runs_into_the_border() {
    let mut app = live();
    type_text(
        &mut app,
        "She exports the board pack to Excel every Friday night, rebuilds the pivot tables by hand, then mails it \
         to the CFO before the Monday meeting because the dashboard numbers never match",
    );
    app.update(Action::CommitNote, t0());
    let screen = rows(&draw(&app, 80, 24));
    let notes: Vec<&String> = screen.iter().filter(|r| r.contains("││") && r.ends_with('│')).collect();
    assert!(notes.iter().any(|r| r.contains("She exports")), "{}", screen.join("\n"));
    for row in notes {
        let before_border = row.chars().rev().nth(1).unwrap();
        assert_eq!(before_border, ' ', "a word touches the notes pane's border: {row:?}");
    }
}

#[test]
fn a_long_message_on_the_follow_ups_screen_ends_with_an_ellipsis() {
    let mut app = app(library_with_untagged());
    app.update(Action::ShowFollowups, t0());
    app.message =
        Some("Could not open the session file: your terminal does not allow it, and the rest of a long message".into());
    let screen = rows(&draw(&app, 80, 24));
    let footer = screen.last().unwrap();
    assert!(footer.contains("your terminal"), "{}", screen.join("\n"));
    assert!(footer.trim_end().ends_with('…'), "{footer:?}");
}

/// A save that failed with a long reason (a deep path, the system's words)
/// is cut with a mark on the live screen and in the session view, and the
/// "✗ not saved" that says it failed is never the part cut.
#[test]
fn a_long_save_error_is_cut_with_a_mark() {
    let why = "No space left on device (os error 28) while writing /home/ana/Documents/research/fieldnotes/sessions/20261122-1430-ana-lopez.yaml.tmp";
    let mut live = live();
    if let fieldnotes::tui::app::Screen::Capture(c) = &mut live.screen {
        c.save.error = Some(why.into());
    }
    let mut session = review("Not much.");
    if let fieldnotes::tui::app::Screen::Review(r) = &mut session.screen {
        r.save.error = Some(why.into());
    }
    for (name, app, row) in [("live", &live, 23usize), ("session view", &session, 0)] {
        let screen = rows(&draw(app, 80, 24));
        let line = &screen[row];
        assert!(line.contains("✗ not saved: No space left"), "{name}: {line:?}");
        assert!(line.trim_end().ends_with('…'), "{name}: the reason is cut with a mark: {line:?}");
        // Where it fits, it is whole.
        let wide = rows(&draw(app, 200, 60));
        let row = if row == 0 { 0 } else { 59 };
        assert!(wide[row].contains("ana-lopez.yaml.tmp"), "{name}: {:?}", wide[row]);
    }
}
