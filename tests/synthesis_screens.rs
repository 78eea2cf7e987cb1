//! Snapshots of every view of the Synthesis screen at 120x40 (and the themes
//! at 80x24), drawn from a hand-built library reached through `update` only.

use chrono::{DateTime, FixedOffset};
use fieldnotes::analysis::synthesis::SessionRecord;
use fieldnotes::domain::note::Kind;
use fieldnotes::domain::session::Offset;
use fieldnotes::store::guides;
use fieldnotes::store::library::Library;
use fieldnotes::tui::action::Action;
use fieldnotes::tui::app::App;
use fieldnotes::tui::app::synthesis::SynthData;
use fieldnotes::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap()
}

type N<'a> = (u32, Kind, &'a str, &'a [&'a str], &'a str);

fn record(id: &str, day: u32, who: &str, company: &str, segment: &str, role: &str, notes: &[N]) -> SessionRecord {
    let at = DateTime::parse_from_rfc3339(&format!("2026-10-{day:02}T10:00:00+01:00")).unwrap();
    let mut r = SessionRecord::new(id, who, "discovery", at);
    r.company = Some(company.into());
    r.segment = Some(segment.into());
    r.role = Some(role.into());
    for (secs, kind, q, tags, text) in notes {
        r.push_note(Offset(*secs), *kind, Some(q), tags.iter().copied(), text);
    }
    r.asked = notes.iter().map(|n| n.2.to_string()).collect();
    r
}

/// Five interviews of a study on reporting: enough for every view to have
/// rows, ties and an empty cell.
fn data() -> SynthData {
    let mut records = vec![
        record(
            "20261001-1000-ana",
            1,
            "Ana López",
            "Acme",
            "mid-market",
            "Ops lead",
            &[
                (65, Kind::Quote, "1.1", &["reporting", "workaround"], "We export to Excel every Friday"),
                (130, Kind::Pain, "2.1", &["reporting"], "Building the board report takes most of Monday morning"),
                (200, Kind::Idea, "2.2", &["export"], "Scheduled exports straight to the shared drive"),
                (300, Kind::Insight, "3.1", &["trust"], "She does not trust the dashboard numbers yet"),
            ],
        ),
        record(
            "20261003-0900-kenji",
            3,
            "佐藤 健二",
            "Sato Logistics",
            "enterprise",
            "Finance",
            &[
                (40, Kind::Pain, "1.1", &["pricing"], "Per-seat pricing punishes the occasional viewer"),
                (
                    95,
                    Kind::Quote,
                    "2.1",
                    &["reporting", "trust"],
                    "売上レポートが遅い — the Tokyo team waits on it too",
                ),
                (180, Kind::Note, "2.3", &["reporting"], "Uses Looker for the weekly numbers"),
            ],
        ),
        record(
            "20261007-1600-bo",
            7,
            "Bo Nilsson",
            "Fjord Health",
            "enterprise",
            "IT admin",
            &[
                (30, Kind::Pain, "1.2", &["sso", "trust"], "Every new tool needs a security review first"),
                (90, Kind::Quote, "2.1", &["pricing"], "If it costs more than Slack, it is a board decision"),
                (150, Kind::Followup, "2.2", &[], "Send him the SOC 2 report"),
            ],
        ),
        record(
            "20261012-1100-chidi",
            12,
            "Chidi Okafor",
            "Okafor & Sons",
            "smb",
            "Owner",
            &[
                (50, Kind::Pain, "1.1", &["reporting", "workaround"], "I rebuild the same spreadsheet every month"),
                (120, Kind::Quote, "2.1", &["pricing"], "Anything over 20 a month and I will just keep Excel"),
            ],
        ),
        record(
            "20261020-1400-dana",
            20,
            "Dana Reyes",
            "Acme",
            "mid-market",
            "Analyst",
            &[
                (70, Kind::Quote, "1.1", &["reporting", "export"], "The export drops our column order every time"),
                (160, Kind::Pain, "2.1", &["export"], "CSV exports break on accented names"),
            ],
        ),
    ];
    records[0].closing_answer = Some("Honestly, the AWS bill reports eat my Mondays.".into());
    records[2].closing_answer = Some("Hiring: we cannot find analysts who know SQL.".into());
    records[2].quotes_shareable = false;
    let paths = records.iter().map(|r| PathBuf::from(format!("/data/sessions/{}.yaml", r.id))).collect();
    let guides = vec![guides::parse_builtin("discovery").unwrap().unwrap()];
    // The answer to the load that opening the screen asked for.
    SynthData { records, paths, guides, load: 1, ..SynthData::default() }
}

fn synthesis(actions: &[Action]) -> App {
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.update_here(Action::OpenSynthesis, t0());
    let effects = app.synthesis_loaded(data());
    app.compute_here(effects);
    for a in actions {
        app.update_here(a.clone(), t0());
    }
    app
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| fieldnotes::tui::ui::render(f, app, &Theme::monochrome())).unwrap();
    terminal
}

macro_rules! view {
    ($name:ident, $actions:expr) => {
        #[test]
        fn $name() {
            let app = synthesis(&$actions);
            insta::assert_snapshot!(concat!(stringify!($name), "_120x40"), draw(&app, 120, 40).backend());
        }
    };
}

view!(synthesis_themes, []);
view!(synthesis_theme_evidence, [Action::MoveDown, Action::OpenSession, Action::MoveDown]);
view!(synthesis_pains, [Action::ShowTab(2)]);
view!(synthesis_segments, [Action::ShowTab(3)]);
view!(synthesis_segments_by_role, [Action::ShowTab(3), Action::CycleDimension, Action::CycleDimension]);
view!(synthesis_together, [Action::ShowTab(4), Action::MoveDown]);
view!(synthesis_closing, [Action::ShowTab(5)]);
view!(synthesis_coverage, [Action::ShowTab(6), Action::MoveDown]);
view!(
    synthesis_search,
    [Action::SearchNotes, Action::InsertChar('e'), Action::InsertChar('x'), Action::InsertChar('p')]
);
view!(synthesis_filtered_anonymized, [Action::NarrowToSelection, Action::ToggleAnonymize, Action::OpenSession]);
view!(synthesis_filter_prompt, [Action::EditFilter]);
view!(synthesis_filter_error, {
    let mut a = vec![Action::EditFilter];
    a.extend("segment:smb colour:red".chars().map(Action::InsertChar));
    a.push(Action::ApplyTag);
    a
});

#[test]
fn synthesis_fits_a_small_terminal() {
    let views = [
        ("themes", vec![]),
        ("segments", vec![Action::ShowTab(3)]),
        ("evidence", vec![Action::OpenSession]),
        ("search", vec![Action::SearchNotes, Action::InsertChar('e'), Action::InsertChar('x')]),
    ];
    for (name, actions) in views {
        let app = synthesis(&actions);
        insta::assert_snapshot!(format!("synthesis_{name}_80x24"), draw(&app, 80, 24).backend());
    }
}

#[test]
fn the_current_tab_is_named_even_on_the_smallest_terminal() {
    for (tab, name) in [(1, "Themes"), (6, "Coverage"), (7, "Search")] {
        let app = synthesis(&[Action::ShowTab(tab)]);
        let screen = format!("{:?}", draw(&app, 60, 16).backend());
        assert!(screen.contains(&format!("{tab} {name}")), "{screen}");
    }
}

#[test]
fn a_long_closing_answer_is_shown_whole_when_highlighted() {
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.update_here(Action::OpenSynthesis, t0());
    let mut d = data();
    let long = "word ".repeat(60) + "THE-END";
    d.records[0].closing_answer = Some(long);
    let effects = app.synthesis_loaded(d);
    app.compute_here(effects);
    // Closing answers are newest first: the oldest (Ana's, this one) is the third.
    for a in [Action::ShowTab(5), Action::MoveDown, Action::MoveDown] {
        app.update_here(a, t0());
    }
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(screen.contains("THE-END"), "{screen}");
}

#[test]
fn synthesis_while_reading_the_library() {
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.update_here(Action::OpenSynthesis, t0());
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(screen.contains("Reading the library"), "{screen}");
}

#[test]
fn synthesis_help_says_what_a_short_window_leaves_out() {
    let app = synthesis(&[Action::ToggleHelp]);
    insta::assert_snapshot!("synthesis_help_80x24", draw(&app, 80, 24).backend());
    let tall = format!("{:?}", draw(&app, 120, 40).backend());
    assert!(tall.contains("save the report") && !tall.contains("more: a taller window"), "{tall}");
}

#[test]
fn a_click_highlights_the_row_under_it_in_every_list() {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let click = |app: &mut App, column: u16, row: u16| {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        let mut hits = Default::default();
        terminal.draw(|f| hits = fieldnotes::tui::ui::draw(f, app, &Theme::monochrome())).unwrap();
        let event =
            MouseEvent { kind: MouseEventKind::Down(MouseButton::Left), column, row, modifiers: KeyModifiers::NONE };
        let action = fieldnotes::tui::mouse::action(app.mode(), event, &hits);
        if let Some(a) = action.clone() {
            app.update_here(a, t0());
        }
        action
    };
    let row = |app: &App| app.synthesis().unwrap().row();
    // Themes: the list starts on line 4 (header, tabs, filter, border).
    let mut app = synthesis(&[]);
    assert_eq!(click(&mut app, 5, 6), Some(Action::Pick(2)));
    assert_eq!(row(&app), 2);
    assert_eq!(click(&mut app, 5, 30), None, "below the last theme");
    // Segments: the header line picks nothing, the second group is on line 5.
    let mut app = synthesis(&[Action::ShowTab(3)]);
    assert_eq!(click(&mut app, 5, 4), None);
    assert_eq!(click(&mut app, 5, 6), Some(Action::Pick(1)));
    // Search results take two lines each; the query stays.
    let mut app = synthesis(&[Action::SearchNotes, Action::InsertChar('e')]);
    assert_eq!(click(&mut app, 5, 10), Some(Action::Pick(1)));
    assert_eq!(row(&app), 1);
    assert_eq!(app.synthesis().unwrap().query.text(), "e");
}

/// Search results say what they are (the kind, as the session view names it,
/// or closing answer and summary) and who said it; every word must match.
#[test]
fn search_results_say_what_they_are_and_who_said_it() {
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.update_here(Action::OpenSynthesis, t0());
    let mut d = data();
    d.records[3].summary = Some("Price-sensitive owner; reports by hand.".into());
    let effects = app.synthesis_loaded(d);
    app.compute_here(effects);
    app.update_here(Action::SearchNotes, t0());
    for c in "reports".chars() {
        app.update_here(Action::InsertChar(c), t0());
    }
    let screen = format!("{:?}", draw(&app, 120, 40).backend());
    for expected in [
        "closing answer — Ana López",
        "summary — Chidi Okafor",
        "follow-up — Bo Nilsson",
        "pain — Ana López",
        "? Send him the SOC 2 report",
    ] {
        assert!(screen.contains(expected), "{expected:?} in {screen}");
    }
    // Words, not letters in order: "excel friday" is one note, not every note with an e…y.
    app.update_here(Action::ClearInput, t0());
    for c in "excel friday".chars() {
        app.update_here(Action::InsertChar(c), t0());
    }
    let screen = format!("{:?}", draw(&app, 120, 40).backend());
    assert!(screen.contains("1 match") && screen.contains("quote — Ana López"), "{screen}");
}

/// Issue #14: six interviews that all mention #pricing and #export (100 % in
/// every cell); only enterprise mentions #sso. The Segments tab leads with
/// #sso, each cell carries its n, and `o` shows the most common themes.
#[test]
fn synthesis_segments_lead_with_what_differs_and_o_shows_the_overall_ranking() {
    let mut records = Vec::new();
    for i in 0..6u32 {
        let enterprise = i >= 3;
        let segment = if enterprise { "enterprise" } else { "smb" };
        let mut notes: Vec<N> = vec![(60, Kind::Note, "1.1", &["pricing", "export"], "Price and CSV")];
        if enterprise {
            notes.push((90, Kind::Pain, "1.2", &["sso"], "No SAML"));
        }
        records.push(record(&format!("2026100{i}-1000-p{i}"), i + 1, &format!("P{i}"), "Co", segment, "Ops", &notes));
    }
    let paths = records.iter().map(|r| PathBuf::from(format!("/data/sessions/{}.yaml", r.id))).collect();
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.update_here(Action::OpenSynthesis, t0());
    let effects = app.synthesis_loaded(SynthData { records, paths, load: 1, ..SynthData::default() });
    app.compute_here(effects);
    app.update_here(Action::ShowTab(3), t0());
    let screen = draw(&app, 120, 40).backend().to_string();
    let header = screen.lines().find(|l| l.contains("#sso")).expect("a header row");
    let order = |h: &str, tags: [&str; 3]| tags.map(|t| h.find(t).unwrap());
    let [sso, export, pricing] = order(header, ["#sso", "#export", "#pricing"]);
    assert!(sso < export && export < pricing, "the theme segments differ on first:\n{screen}");
    assert!(screen.contains("where groups differ most"), "{screen}");
    let enterprise = screen.lines().find(|l| l.contains("│enterprise")).unwrap();
    assert_eq!(enterprise.matches("100% 3/3").count(), 3, "share and n in every cell:\n{screen}");

    app.update_here(Action::ToggleMatrixRanking, t0());
    let screen = draw(&app, 120, 40).backend().to_string();
    let header = screen.lines().find(|l| l.contains("#sso")).expect("a header row");
    let [sso, export, pricing] = order(header, ["#sso", "#export", "#pricing"]);
    assert!(export < pricing && pricing < sso, "the most common themes first:\n{screen}");
    assert!(screen.contains("the most common themes"), "{screen}");
    let smb = screen.lines().find(|l| l.contains("│smb")).unwrap();
    assert_eq!(smb.matches("100% 3/3").count(), 2, "{screen}");
    assert!(smb.contains("0/3") || smb.contains('·'), "{screen}");
}

/// Issue #16: each quote in the evidence pane says whether the recording's
/// transcript bears it out, in words (the monochrome theme has no colour to
/// lean on); a quote of an interview with no transcript says nothing.
#[test]
fn evidence_quotes_carry_the_transcripts_verdict() {
    use fieldnotes::analysis::transcript::marks::{LibraryTranscripts, SessionTranscript};
    use fieldnotes::domain::transcript::{Cue, Transcript};
    let said = |offset: i64, start: f64, text: &str| SessionTranscript {
        offset,
        interviewer: Some("Sam".into()),
        transcript: Transcript {
            cues: vec![Cue { start, end: start + 5.0, speaker: Some("Ana".into()), text: text.into() }],
        },
    };
    let transcripts = LibraryTranscripts {
        by_session: [
            // Ana's quote typed at 65 s, said at 55 s on a recording 20 s ahead.
            (0, said(20, 75.0, "So, we export to Excel every Friday, you know.")),
            (4, said(0, 60.0, "Column order is fine for us.")),
        ]
        .into_iter()
        .collect(),
    };
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.update_here(Action::OpenSynthesis, t0());
    let effects = app.synthesis_loaded(data().with_transcripts(transcripts));
    app.compute_here(effects);
    let screen = format!("{:?}", draw(&app, 120, 40).backend());
    let line_of = |text: &str| {
        let lines: Vec<&str> = screen.lines().collect();
        let at = lines.iter().position(|l| l.contains(text)).unwrap_or_else(|| panic!("{text:?} in {screen}"));
        // The mark is on the attribution line under the quote.
        lines[at..].iter().find(|l| l.contains("— ")).copied().unwrap_or_default().to_string()
    };
    assert!(line_of("We export to Excel every Friday").contains("✓ verbatim — Ana López"), "{screen}");
    assert!(line_of("The export drops our column").contains("✗ not found — Dana Reyes"), "{screen}");
    let kenji = screen.lines().find(|l| l.contains("— 佐藤")).unwrap_or_else(|| panic!("{screen}"));
    assert!(!kenji.contains('✓') && !kenji.contains('✗') && !kenji.contains('≈'), "{kenji}");
}

/// Issue #16: in the Search tab a key adds what was said; each line shows
/// who said it and when, on the interview clock and on the recording.
#[test]
fn search_shows_transcript_lines_with_speaker_and_time() {
    use fieldnotes::analysis::transcript::marks::{LibraryTranscripts, SessionTranscript};
    use fieldnotes::domain::transcript::{Cue, Transcript};
    let said = SessionTranscript {
        offset: 20,
        interviewer: Some("Sam".into()),
        transcript: Transcript {
            cues: vec![Cue {
                start: 75.0,
                end: 80.0,
                speaker: Some("Ana".into()),
                text: "So, we export to Excel every Friday.".into(),
            }],
        },
    };
    let transcripts = LibraryTranscripts { by_session: [(0, said)].into_iter().collect() };
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.update_here(Action::OpenSynthesis, t0());
    let effects = app.synthesis_loaded(data().with_transcripts(transcripts));
    app.compute_here(effects);
    app.update_here(Action::SearchNotes, t0());
    for c in "excel".chars() {
        app.update_here(Action::InsertChar(c), t0());
    }
    let before = format!("{:?}", draw(&app, 120, 40).backend());
    assert!(!before.contains("» Ana"), "{before}");
    app.update_here(Action::ToggleTranscriptLines, t0());
    let screen = format!("{:?}", draw(&app, 120, 40).backend());
    for expected in
        ["» Ana: So, we export to Excel every Friday.", "said at 0:55 (recording 1:15) — Ana López", "1 line said"]
    {
        assert!(screen.contains(expected), "{expected:?} in {screen}");
    }
}

/// The themes above this library's tags: a note tagged reporting and export
/// counts once under Data.
fn codebook() -> fieldnotes::domain::codebook::Codebook {
    fieldnotes::text::yaml::from_str(
        "themes: [{name: Data, description: Getting data out}, {name: Vendor}]\ncodes:\n\
         - {name: reporting, theme: Data}\n- {name: export, theme: Data}\n\
         - {name: trust, theme: Vendor}\n- {name: sso, theme: Vendor}\n- {name: pricing}\n",
        std::path::Path::new("codebook.yaml"),
    )
    .unwrap()
}

fn synthesis_with_codebook(actions: &[Action]) -> App {
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.codebook = Some(std::sync::Arc::new(codebook()));
    app.update_here(Action::OpenSynthesis, t0());
    let effects = app.synthesis_loaded(data());
    app.compute_here(effects);
    for a in actions {
        app.update_here(a.clone(), t0());
    }
    app
}

#[test]
fn c_groups_the_themes_by_the_codebook_and_enter_shows_a_themes_tags() {
    use fieldnotes::analysis::codebook::rollup::roll_up;
    use fieldnotes::tui::app::synthesis::Focus;
    let mut app = synthesis_with_codebook(&[Action::GroupByCodebookTheme]);
    let s = app.synthesis().unwrap();
    let expected = roll_up(s.result.as_ref().unwrap(), &codebook());
    assert!(s.grouping.on);
    let shown: Vec<(&str, usize, usize)> =
        s.grouping.rollup.iter().map(|t| (t.theme.as_str(), t.sessions, t.notes)).collect();
    let rolled: Vec<(&str, usize, usize)> = expected.iter().map(|t| (t.theme.as_str(), t.sessions, t.notes)).collect();
    assert_eq!(shown, rolled, "the screen shows the report's figures");
    assert_eq!(s.len(fieldnotes::tui::app::synthesis::Tab::Themes), expected.len());
    // The theme's evidence: its distinct notes.
    assert_eq!(*s.evidence_refs(), expected[0].evidence);

    // Down to the second theme, Enter: its tags, each with its own evidence.
    app.update_here(Action::MoveDown, t0());
    app.update_here(Action::OpenSession, t0());
    let s = app.synthesis().unwrap();
    assert_eq!(s.grouping.open, Some(1));
    assert_eq!(s.focus, Focus::List);
    assert_eq!(s.len(fieldnotes::tui::app::synthesis::Tab::Themes), expected[1].tags.len());
    let first_tag = &expected[1].tags[0].tag;
    let tag = s.result.as_ref().unwrap().themes.iter().find(|t| &t.tag == first_tag).unwrap();
    assert_eq!(*s.evidence_refs(), tag.evidence);
    // Enter on a tag opens its evidence, as in the tag list.
    app.update_here(Action::OpenSession, t0());
    assert_eq!(app.synthesis().unwrap().focus, Focus::Evidence);

    // Esc back to the tag's row, Esc back to the themes, on the theme left.
    app.update_here(Action::Back, t0());
    app.update_here(Action::Back, t0());
    let s = app.synthesis().unwrap();
    assert_eq!((s.grouping.open, s.row()), (None, 1));
    assert_eq!(app.mode(), fieldnotes::tui::keymap::Mode::Synthesis, "still on the screen");

    // c again: one row per tag.
    app.update_here(Action::GroupByCodebookTheme, t0());
    let s = app.synthesis().unwrap();
    assert_eq!(s.len(fieldnotes::tui::app::synthesis::Tab::Themes), s.result.as_ref().unwrap().themes.len());
}

#[test]
fn c_without_a_codebook_says_how_to_get_one() {
    let app = synthesis(&[Action::GroupByCodebookTheme]);
    let s = app.synthesis().unwrap();
    assert!(!s.grouping.on);
    assert_eq!(s.message.as_deref(), Some(fieldnotes::tui::app::synthesis::NO_CODEBOOK));
    let screen = format!("{:?}", draw(&app, 120, 40).backend());
    assert!(screen.contains("no codebook.yaml"), "{screen}");
}

#[test]
fn c_with_a_broken_codebook_says_what_is_wrong_not_that_there_is_none() {
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    // As start-up does when codebook.yaml does not read.
    app.codebook_problem = Some("/data/codebook.yaml:4:20: not valid YAML".into());
    app.update_here(Action::OpenSynthesis, t0());
    let effects = app.synthesis_loaded(data());
    app.compute_here(effects);
    app.update_here(Action::GroupByCodebookTheme, t0());
    let message = app.synthesis().unwrap().message.clone().unwrap_or_default();
    assert!(message.contains("codebook.yaml:4:20") && !message.starts_with("no codebook"), "{message}");
}

#[test]
fn synthesis_codebook_themes() {
    let app = synthesis_with_codebook(&[Action::GroupByCodebookTheme]);
    insta::assert_snapshot!("synthesis_codebook_themes_80x24", draw(&app, 80, 24).backend());
    insta::assert_snapshot!("synthesis_codebook_themes_200x60", draw(&app, 200, 60).backend());
    let app = synthesis_with_codebook(&[Action::GroupByCodebookTheme, Action::OpenSession]);
    insta::assert_snapshot!("synthesis_codebook_theme_tags_80x24", draw(&app, 80, 24).backend());
}

/// A key through the real keymap, in the mode the app is in.
fn key(app: &mut App, code: crossterm::event::KeyCode) {
    let event = crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE);
    let action = fieldnotes::tui::keymap::Keymap::default().resolve(app.mode(), event).expect("a bound key");
    app.update_here(action, t0());
}

#[test]
fn right_and_left_walk_into_a_codebook_theme_and_back_up_and_stay_view_keys_elsewhere() {
    use crossterm::event::KeyCode::{Char, Left, Right};
    use fieldnotes::tui::app::synthesis::{Focus, Tab};
    let mut app = synthesis_with_codebook(&[Action::GroupByCodebookTheme, Action::MoveDown]);
    let tags_of_second = app.synthesis().unwrap().grouping.rollup[1].tags.len();
    for (into, out) in [(Right, Left), (Char('l'), Char('h'))] {
        key(&mut app, into);
        let s = app.synthesis().unwrap();
        assert_eq!((s.tab, s.grouping.open), (Tab::Themes, Some(1)), "→ goes into the theme");
        assert_eq!(s.len(Tab::Themes), tags_of_second);
        key(&mut app, into);
        let s = app.synthesis().unwrap();
        assert_eq!((s.tab, s.grouping.open), (Tab::Themes, Some(1)), "→ in a theme goes no deeper and stays");
        key(&mut app, out);
        let s = app.synthesis().unwrap();
        assert_eq!((s.tab, s.grouping.open, s.row()), (Tab::Themes, None, 1), "← back up, on the theme left");
    }
    // ← at the top of the themes is the previous view (the last, search);
    // Tab comes back.
    key(&mut app, Left);
    assert_ne!(app.synthesis().unwrap().tab, Tab::Themes);
    key(&mut app, crossterm::event::KeyCode::Tab);
    assert_eq!(app.synthesis().unwrap().tab, Tab::Themes);

    // From the evidence pane, → is the next view, as everywhere.
    key(&mut app, crossterm::event::KeyCode::Enter);
    key(&mut app, crossterm::event::KeyCode::Enter);
    assert_eq!(app.synthesis().unwrap().focus, Focus::Evidence);
    key(&mut app, Right);
    assert_ne!(app.synthesis().unwrap().tab, Tab::Themes, "→ from the evidence switches the view");

    // Tags not grouped: → and ← switch views.
    let mut app = synthesis(&[]);
    let first = app.synthesis().unwrap().tab;
    key(&mut app, Right);
    assert_ne!(app.synthesis().unwrap().tab, first);
    key(&mut app, Left);
    assert_eq!(app.synthesis().unwrap().tab, first);
}

#[test]
fn the_help_of_the_synthesis_says_right_goes_into_a_codebook_theme() {
    let help = fieldnotes::tui::keymap::Keymap::default().help_rows(fieldnotes::tui::keymap::Mode::Synthesis);
    let row = help.iter().find(|(keys, _)| keys.contains('→')).expect("→ in the help");
    assert!(row.1.contains("into the theme"), "{row:?}");
    let row = help.iter().find(|(keys, _)| keys.contains('←')).expect("← in the help");
    assert!(row.1.contains("back to the themes"), "{row:?}");
}
