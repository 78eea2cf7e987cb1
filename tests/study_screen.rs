//! The study screen (issue #18): opened from the library with its key,
//! read off the UI thread, every section drawn at 80x24 and 200x60, the
//! same figures as `fieldnotes study --format json`, and a study file that
//! does not read shown on the screen.

mod common;

use chrono::{DateTime, FixedOffset};
use fieldnotes::store::library::Library;
use fieldnotes::store::paths::Paths;
use fieldnotes::store::study_library::read_study;
use fieldnotes::tui::action::Action;
use fieldnotes::tui::app::{App, Effect};
use fieldnotes::tui::keymap::Mode;
use fieldnotes::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-02-01T09:00:00+00:00").unwrap()
}

/// A session file: `tags` on its one starred quote, held on 2026-01-`day`.
fn session(id: &str, name: &str, segment: &str, day: u32, tags: &str, text: &str) -> String {
    format!(
        "schema: 1\nid: {id}\nguide: discovery\ntitle: t\nparticipant: {{name: {name}, company: {name} Co, role: Ops, segment: {segment}}}\n\
         started_at: 2026-01-{day:02}T10:00:00+00:00\nended_at: 2026-01-{day:02}T11:00:00+00:00\n\
         notes:\n  - {{at: \"00:01:00\", text: {text}, kind: quote, tags: [{tags}], starred: true}}\n\
         closing: {{question: What else is on your mind?, answer: Exports for the board}}\n"
    )
}

const STUDY: &str = r#"objective: Why teams churn in their first month
quotas: {mid-market: 4, enterprise: 3}
saturation: {base: 2, run: 1, threshold_percent: 5}
hypotheses:
  - statement: Setup is slow
    for: {tags: [onboarding]}
    against: {tags: [fast-setup]}
    status: supported
  - statement: Reports are rebuilt by hand
    for: {tags: [reporting], words: [excel]}
  - statement: Price decides
    for: {tags: [pricing]}
"#;

/// Six interviews over three weeks, two segments, and one person scheduled.
fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let s = data.join("sessions");
    std::fs::create_dir_all(&s).unwrap();
    let rows = [
        ("s1", "Ana", "mid-market", 5, "onboarding, reporting", "Setup took weeks"),
        ("s2", "Ben", "mid-market", 6, "onboarding, pricing", "We paid for seats nobody used"),
        ("s3", "Cy", "enterprise", 12, "sso", "Security review first"),
        ("s4", "Dee", "mid-market", 13, "onboarding", "Onboarding was a slog"),
        ("s5", "Eli", "enterprise", 19, "reporting, fast-setup", "We rebuild it in Excel"),
        ("s6", "Fay", "mid-market", 20, "onboarding, reporting", "The board report takes a day"),
    ];
    for (id, name, seg, day, tags, text) in rows {
        std::fs::write(s.join(format!("{id}.yaml")), session(id, name, seg, day, tags, text)).unwrap();
    }
    std::fs::write(data.join("study.yaml"), STUDY).unwrap();
    std::fs::create_dir_all(data.join("people")).unwrap();
    std::fs::write(data.join("people/gus.yaml"), "name: Gus\nsegment: enterprise\nstatus: scheduled\n").unwrap();
    dir
}

fn paths(root: &Path) -> Paths {
    Paths { data_dir: root.join("data"), config_dir: root.join("config") }
}

/// The library screen, then the study screen's key, then the read it asked for.
fn study_screen(root: &Path, actions: &[Action]) -> App {
    let mut app = App::new(Library::default(), vec![], root.join("data/sessions"), "discovery", t0());
    let effects = app.update(Action::OpenStudy, t0());
    assert_eq!(effects, vec![Effect::LoadStudy { load: 1, name: None }], "the read is asked for, not done");
    assert_eq!(app.mode(), Mode::Study);
    app.study_loaded(1, read_study(&paths(root), None));
    for a in actions {
        app.update(a.clone(), t0());
    }
    app
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| fieldnotes::tui::ui::render(f, app, &Theme::monochrome())).unwrap();
    let buf = terminal.backend().buffer().clone();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

macro_rules! section {
    ($name:ident, $actions:expr) => {
        #[test]
        fn $name() {
            let dir = library();
            let app = study_screen(dir.path(), &$actions);
            insta::assert_snapshot!(concat!(stringify!($name), "_80x24"), draw(&app, 80, 24));
            insta::assert_snapshot!(concat!(stringify!($name), "_200x60"), draw(&app, 200, 60));
        }
    };
}

section!(study_recruiting, []);
section!(study_hypotheses, [Action::ShowTab(2)]);
section!(study_saturation, [Action::ShowTab(3)]);
section!(study_saturation_enterprise, [Action::ShowTab(3), Action::MoveDown, Action::MoveDown]);
section!(study_trends, [Action::ShowTab(4)]);
section!(study_personas, [Action::ShowTab(5)]);
section!(study_questions, [Action::ShowTab(6)]);

#[test]
fn a_study_file_that_does_not_read_is_shown_with_its_line_and_esc_goes_back() {
    let dir = library();
    std::fs::write(dir.path().join("data/study.yaml"), "quotas: [mid-market\n").unwrap();
    let mut app = study_screen(dir.path(), &[]);
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("does not read") && screen.contains("study.yaml:"), "{screen}");
    app.update(Action::Back, t0());
    assert_eq!(app.mode(), Mode::Home);
}

#[test]
fn the_sections_follow_their_keys_and_a_stale_read_is_dropped() {
    let dir = library();
    let mut app = study_screen(dir.path(), &[Action::ShowTab(3), Action::NextTab]);
    assert!(draw(&app, 80, 24).contains("Trends: share of interviews"));
    let effects = app.update(Action::Reload, t0());
    assert_eq!(effects, vec![Effect::LoadStudy { load: 2, name: None }]);
    app.study_loaded(1, read_study(&paths(dir.path()), None));
    assert!(draw(&app, 80, 24).contains("reading…"), "the answer to the older read is dropped");
}

/// The screen shows the figures `fieldnotes study --format json` gives for
/// the same library: what leaves fieldnotes and what is on screen agree.
#[test]
fn the_screen_shows_the_figures_of_study_json() {
    let dir = library();
    let out = common::cli(dir.path(), &["study", "--format", "json"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
    let shown = |tab: u8| draw(&study_screen(dir.path(), &[Action::ShowTab(tab)]), 200, 60);

    let recruiting = shown(1);
    assert!(recruiting.contains(&format!("{} interviews", v["interviews"])), "{recruiting}");
    for q in v["quotas"].as_array().unwrap() {
        let row = [&q["segment"], &q["done"], &q["scheduled"], &q["target"]]
            .map(|x| x.as_str().map_or_else(|| x.to_string(), String::from));
        let found = recruiting.lines().any(|l| {
            let w = words(l.trim_matches('│'));
            w.len() >= 4 && w[..4] == row
        });
        assert!(found, "no row {row:?} in:\n{recruiting}");
    }

    let hypotheses = shown(2);
    let count = |n: &serde_json::Value, noun: &str| {
        let n = n.as_u64().unwrap();
        format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
    };
    for h in v["hypotheses"].as_array().unwrap() {
        let s = h["statement"].as_str().unwrap();
        let at = hypotheses.find(s).unwrap_or_else(|| panic!("no {s:?} in:\n{hypotheses}"));
        let block: String = hypotheses[at..].lines().take(4).collect::<Vec<_>>().join("\n");
        let for_ = format!("for: {}, {}", count(&h["for"], "interview"), count(&h["for_notes"], "note"));
        let against = format!("against: {}, {}", count(&h["against"], "interview"), count(&h["against_notes"], "note"));
        assert!(block.contains(&for_) && block.contains(&against), "{for_} / {against} not in:\n{block}");
        assert!(block.contains(&format!("status: {}", h["status"].as_str().unwrap())), "{block}");
    }

    let saturation = shown(3);
    let flat = |s: &str| words(&s.replace('│', " ")).join(" ");
    let summary: Vec<&str> = match &v["saturation"]["summary"] {
        serde_json::Value::Array(lines) => lines.iter().map(|l| l.as_str().unwrap()).collect(),
        one => vec![one.as_str().unwrap()],
    };
    for sentence in summary.iter().flat_map(|s| s.split_terminator(['.', ';'])).map(str::trim).filter(|s| !s.is_empty())
    {
        assert!(flat(&saturation).contains(sentence), "{sentence:?} not in:\n{saturation}");
    }

    let trends = shown(4);
    for t in v["trends"]["themes"].as_array().unwrap() {
        let code = t["code"].as_str().unwrap();
        let last = t["percent"].as_array().unwrap().last().unwrap();
        assert!(trends.contains(code), "{code} not in:\n{trends}");
        assert!(trends.contains(&format!("{last} %")), "{code} at {last} % not in:\n{trends}");
    }

    let questions = shown(6);
    for q in v["guide"].as_array().unwrap() {
        let row = [&q["question"], &q["notes"], &q["codes"], &q["interviews"]]
            .map(|x| x.as_str().map_or_else(|| x.to_string(), String::from));
        let found = questions.lines().any(|l| {
            let w: Vec<String> = words(l.trim_matches('│')).into_iter().filter(|w| w != "/").collect();
            w.len() >= 4 && w[..4] == row
        });
        assert!(found, "no row {row:?} in:\n{questions}");
        if let Some(s) = q["suggestion"].as_str() {
            assert!(flat(&questions).contains(&words(s).join(" ")[..40.min(s.len())]), "{s} not in:\n{questions}");
        }
    }

    let personas = shown(5);
    for p in v["personas"].as_array().unwrap() {
        assert!(personas.contains(p["name"].as_str().unwrap()), "{p} not in:\n{personas}");
    }
}
