//! The synthesis screen's heavy work runs on a worker, never in `update`:
//! a key changes the filter line or the query at once and asks for the
//! figures (`Effect::Synthesize`); the old figures stay on screen, marked as
//! updating, until the answer comes; an answer to an older question is never
//! shown; the figures from the worker are the ones computed inline; a star
//! saved while a computation is under way is kept.

mod common;
#[path = "../examples/gen_library.rs"]
mod gen_library;

use chrono::{DateTime, FixedOffset};
use fieldnotes::analysis::synthesis::{self, Dimension, Filter, MatrixRanking, Options, Synthesis};
use fieldnotes::store::library::Library;
use fieldnotes::tui::action::Action;
use fieldnotes::tui::app::synthesis::{
    Job, MATRIX_THEMES, SEARCH_LIMIT, StarChange, SynthData, SynthScreen, TOP_PAIRS,
};
use fieldnotes::tui::app::{App, Effect};
use fieldnotes::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap()
}

/// A generated library of 40 interviews (segments, guides, tags, stars to
/// give), read as the app reads it.
fn data() -> SynthData {
    let dir = tempfile::tempdir().unwrap();
    gen_library::generate(dir.path(), 40, 30, 5).unwrap();
    let loaded = fieldnotes::store::cache::load(&dir.path().join("sessions"), None);
    assert!(loaded.errors.is_empty());
    let guides = ["discovery", "churn", "onboarding"]
        .iter()
        .filter_map(|g| fieldnotes::store::guides::parse_builtin(g).and_then(Result::ok))
        .collect();
    SynthData { records: loaded.records, paths: loaded.paths, guides, load: 1, ..SynthData::default() }
}

/// The synthesis screen with its first figures in.
fn opened() -> App {
    let mut app = App::new(Library::default(), vec![], "/data/sessions".into(), "discovery", t0());
    app.update(Action::OpenSynthesis, t0());
    let effects = app.synthesis_loaded(data());
    app.compute_here(effects);
    assert!(!screen(&app).updating());
    app
}

fn screen(app: &App) -> &SynthScreen {
    app.synthesis().expect("the synthesis screen")
}

/// The one job among the effects of a key.
fn job(effects: Vec<Effect>) -> Job {
    match <[Effect; 1]>::try_from(effects) {
        Ok([Effect::Synthesize(job)]) => *job,
        Ok([other]) => panic!("expected a job for the worker, got {other:?}"),
        Err(effects) => panic!("expected one job for the worker, got {effects:?}"),
    }
}

/// Types a filter line and applies it: the effects of the Enter.
fn apply_filter(app: &mut App, line: &str) -> Vec<Effect> {
    app.update(Action::EditFilter, t0());
    app.update(Action::ClearInput, t0());
    for c in line.chars() {
        assert!(app.update(Action::InsertChar(c), t0()).is_empty(), "typing the line computes nothing");
    }
    app.update(Action::ApplyTag, t0())
}

fn drawn(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| fieldnotes::tui::ui::render(f, app, &Theme::monochrome())).unwrap();
    format!("{:?}", terminal.backend())
}

/// The synthesis the screen should show, computed inline as it was before.
fn inline(s: &SynthScreen, filter: &Filter) -> Synthesis {
    let d = s.data.as_ref().unwrap();
    let opts =
        Options { by: s.by, matrix_themes: MATRIX_THEMES, matrix_ranking: s.matrix_ranking, top_pairs: TOP_PAIRS };
    synthesis::synthesize(&d.records, &d.guides, filter, &opts)
}

#[test]
fn a_filter_change_asks_the_worker_and_the_old_figures_stay_marked_updating() {
    let mut app = opened();
    let before = screen(&app).result.clone().unwrap();
    let asked = job(apply_filter(&mut app, "segment:enterprise"));
    assert!(asked.is_whole());
    let s = screen(&app);
    assert_eq!(s.filter.segment.as_deref(), Some("enterprise"), "the filter is in force at once");
    assert!(s.updating());
    assert_eq!(s.result.as_ref(), Some(&before), "the old figures stay, never a blank screen");
    let shown = drawn(&app);
    assert!(shown.contains("updating…"), "{shown}");
    assert!(shown.contains("segment:enterprise"), "the filter line shows what was typed: {shown}");
    assert!(!shown.contains("Reading the library"), "{shown}");
    assert!(!shown.contains(" interviews)"), "no share of the old figures beside the new filter: {shown}");

    assert!(app.synthesis_computed(asked.run()).is_empty());
    let s = screen(&app);
    assert!(!s.updating());
    assert_ne!(s.result.as_ref(), Some(&before));
    assert_eq!(s.result_filter, s.filter);
    let shown = drawn(&app);
    assert!(!shown.contains("updating…"));
    assert!(shown.contains(" of 40 interviews)"), "{shown}");
}

/// On a narrow terminal the header, updating mark included, is cut with a
/// mark, never silently.
#[test]
fn a_header_too_wide_while_updating_is_cut_with_a_mark() {
    let mut app = opened();
    job(apply_filter(&mut app, "segment:enterprise"));
    let mut terminal = Terminal::new(TestBackend::new(60, 20)).unwrap();
    terminal.draw(|f| fieldnotes::tui::ui::render(f, &app, &Theme::monochrome())).unwrap();
    let buffer = terminal.backend().buffer();
    let header: String = (0..60).map(|x| buffer[(x, 0)].symbol().to_string()).collect();
    assert!(header.contains("updating…"), "{header}");
    assert!(header.trim_end().ends_with('…') && !header.trim_end().ends_with("updating…"), "{header}");
}

#[test]
fn views_and_rankings_ask_the_worker_too() {
    let mut app = opened();
    assert!(job(app.update(Action::CycleDimension, t0())).is_whole());
    assert!(job(app.update(Action::ToggleMatrixRanking, t0())).is_whole());
    app.update(Action::ClearFilter, t0());
    assert!(job(app.update(Action::NarrowToSelection, t0())).is_whole(), "narrowing to the highlighted group");
}

#[test]
fn an_answer_to_an_older_question_is_never_shown() {
    let mut app = opened();
    let first = job(apply_filter(&mut app, "segment:enterprise"));
    let second = job(apply_filter(&mut app, "segment:smb"));
    let (old, new) = (first.run(), second.run());
    // The older answer arrives first: dropped, still waiting for the newer.
    let before = screen(&app).result.clone();
    assert!(app.synthesis_computed(old).is_empty());
    assert_eq!(screen(&app).result, before);
    assert!(screen(&app).updating());
    assert!(app.synthesis_computed(new).is_empty());
    let s = screen(&app);
    assert!(!s.updating());
    assert_eq!(s.result_filter.segment.as_deref(), Some("smb"));
    assert_eq!(s.result.as_ref(), Some(&inline(s, &s.filter)));
    // And once the newer is shown, a late older one changes nothing.
    let shown = s.result.clone();
    let late = job(apply_filter(&mut app, "segment:agency"));
    let newest = job(apply_filter(&mut app, "segment:smb"));
    app.synthesis_computed(newest.run());
    app.synthesis_computed(late.run());
    assert_eq!(screen(&app).result, shown);
    assert_eq!(screen(&app).result_filter.segment.as_deref(), Some("smb"));
}

#[test]
fn the_figures_from_the_worker_are_the_ones_computed_inline() {
    let mut app = opened();
    let s = screen(&app);
    assert_eq!(s.result.as_ref(), Some(&inline(s, &Filter::default())));
    for line in ["segment:enterprise", "#pricing", "guide:discovery", "segment:smb #onboarding", ""] {
        let asked = job(apply_filter(&mut app, line));
        app.synthesis_computed(asked.run());
        let s = screen(&app);
        assert_eq!(s.result.as_ref(), Some(&inline(s, &s.filter)), "{line:?}");
    }
    for _ in 0..Dimension::ALL.len() {
        for key in [Action::CycleDimension, Action::ToggleMatrixRanking] {
            let asked = job(app.update(key, t0()));
            app.synthesis_computed(asked.run());
        }
        let s = screen(&app);
        assert_eq!(s.result.as_ref(), Some(&inline(s, &s.filter)), "{:?} {:?}", s.by, s.matrix_ranking);
    }
    assert_eq!(screen(&app).matrix_ranking, MatrixRanking::default(), "toggled an even number of times");
}

#[test]
fn search_results_from_the_worker_are_a_search_from_scratch_and_follow_the_newest_query() {
    let mut app = opened();
    app.update(Action::SearchNotes, t0());
    let mut typed = String::new();
    for c in "export excel".chars() {
        typed.push(c);
        let asked = job(app.update(Action::InsertChar(c), t0()));
        assert!(!asked.is_whole(), "a query alone is searched alone");
        assert_eq!(screen(&app).query.text(), typed, "the query is typed at once");
        app.synthesis_computed(asked.run());
        let s = screen(&app);
        let fresh = fieldnotes::analysis::search::search(s.records(), &s.filter, &typed, SEARCH_LIMIT);
        assert_eq!(s.hits, fresh, "after {typed:?}");
    }
    // Two keys before any answer: only the newest query's results are shown.
    let older = job(app.update(Action::Backspace, t0()));
    let newer = job(app.update(Action::Backspace, t0()));
    let hits = screen(&app).hits.clone();
    let shown = drawn(&app);
    assert!(shown.contains("export exc  searching…"), "the query typed, its results on their way: {shown}");
    assert!(!shown.contains("updating…"), "a search leaves the figures as they are: {shown}");
    app.synthesis_computed(older.run());
    assert_eq!(screen(&app).hits, hits, "a stale search is dropped");
    app.synthesis_computed(newer.run());
    let s = screen(&app);
    assert_eq!(s.hits, fieldnotes::analysis::search::search(s.records(), &s.filter, "export exc", SEARCH_LIMIT));
}

#[test]
fn typing_while_the_figures_are_computed_searches_the_new_filter_once_they_are_in() {
    let mut app = opened();
    let whole = job(apply_filter(&mut app, "segment:enterprise"));
    app.update(Action::SearchNotes, t0());
    for c in "pric".chars() {
        assert!(app.update(Action::InsertChar(c), t0()).is_empty(), "the synthesis under way will search");
    }
    let search = job(app.synthesis_computed(whole.run()));
    assert!(!search.is_whole());
    assert!(screen(&app).updating());
    app.synthesis_computed(search.run());
    let s = screen(&app);
    assert!(!s.updating());
    assert_eq!(s.hits, fieldnotes::analysis::search::search(s.records(), &s.filter, "pric", SEARCH_LIMIT));
}

#[test]
fn a_star_saved_while_the_figures_are_computed_is_kept() {
    let mut app = opened();
    // Into the evidence of the first theme, on its second note.
    app.update(Action::OpenSession, t0());
    app.update(Action::MoveDown, t0());
    let s = screen(&app);
    let at = s.evidence_refs()[1];
    assert!(!s.records()[at.session].notes()[at.note].starred, "the generated note is not starred yet");
    let path = s.data.as_ref().unwrap().paths[at.session].clone();
    let Effect::SetStarred(change) = app.update(Action::ToggleStar, t0()).remove(0) else { panic!() };
    assert_eq!(change, StarChange { path, index: at.note, starred: true });

    // A view switch is being computed (over the records without the star)
    // when the star reaches its file.
    let in_flight = job(app.update(Action::ToggleMatrixRanking, t0()));
    let after_star = job(app.star_saved(&change));
    assert!(screen(&app).records()[at.session].notes()[at.note].starred, "starred at once");
    // The older computation's answer is dropped: the star stays.
    app.synthesis_computed(in_flight.run());
    assert!(screen(&app).records()[at.session].notes()[at.note].starred, "the star is not lost");
    app.synthesis_computed(after_star.run());
    let s = screen(&app);
    assert!(!s.updating());
    assert!(s.records()[at.session].notes()[at.note].starred);
    assert_eq!(s.result.as_ref(), Some(&inline(s, &s.filter)), "the figures read the star");
    // Back in the theme's evidence: the starred note first.
    app.update(Action::ShowTab(1), t0());
    app.update(Action::OpenSession, t0());
    assert_eq!(screen(&app).evidence_refs()[0], at, "starred first");
}

/// The real app, in a terminal: the filter typed and applied, its figures
/// come from the worker (the share of interviews appears with them), and a
/// search finds notes among them.
#[test]
fn in_the_app_the_figures_and_the_search_arrive_from_the_worker() {
    use common::{CTRL_Q, ENTER, Pty, TIMEOUT, data_dir};
    let root = tempfile::tempdir().unwrap();
    gen_library::generate(&data_dir(root.path()), 40, 30, 5).unwrap();
    let mut pty = Pty::spawn(root.path(), &[]);
    pty.expect("Top tags");
    pty.send("S");
    pty.expect("Themes · share");
    pty.send("f");
    pty.send("segment:enterprise");
    pty.send(ENTER);
    pty.expect(" of 40 interviews)");
    pty.send("/");
    pty.send("export");
    pty.wait_until("search results", TIMEOUT, |screen| screen.contains("export  ") && screen.contains("match"))
        .unwrap_or_else(|f| panic!("{f:?}"));
    pty.send(CTRL_Q);
    let status = pty.wait_exit(TIMEOUT);
    assert!(status.success(), "{:?}", pty.report("exit status"));
}
