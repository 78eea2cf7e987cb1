//! Every figure agrees: the synthesis screen, `synth` as text, Markdown, JSON,
//! CSV and HTML, and the reports saved from the screen give the same counts and
//! percents for the same library and filter (rounded half up, never 100 %
//! unless all, never 0 % unless none); and the share and count columns of
//! the screen's lists never run together, however large the counts.

mod common;

use chrono::{DateTime, FixedOffset};
use common::{finished_session, note};
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
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap()
}

/// What one source says of a theme: interviews mentioning it, of how many, and the percent.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Figure {
    part: usize,
    whole: usize,
    percent: u32,
}

type Figures = BTreeMap<String, Figure>;

fn number(s: &str) -> usize {
    s.replace(',', "").parse().unwrap_or_else(|_| panic!("not a count: {s:?}"))
}

fn pct(s: &str) -> u32 {
    s.trim_end_matches('%').parse().unwrap_or_else(|_| panic!("not a percent: {s:?}"))
}

/// 201 interviews: 200 in the smb segment, one enterprise. Chosen so the
/// figures fall on every edge: in the smb segment `workaround` is 149 of
/// 200 (74.5 %), `export` 97 of 200 (48.5 %), `sso` 89 of 200 (44.5 %); over
/// everyone `reporting` is 200 of 201 (99.5 %) and `pricing` 1 of 201.
fn write_library(root: &Path) {
    let dir = common::sessions_dir(root);
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..201usize {
        let mut tags: Vec<&str> = Vec::new();
        let smb = i < 200;
        if smb {
            tags.push("reporting");
        } else {
            tags.push("pricing");
        }
        if smb && i < 149 {
            tags.push("workaround");
        }
        if smb && i % 2 == 0 && i < 194 {
            tags.push("export");
        }
        if smb && i >= 111 {
            tags.push("sso");
        }
        let id = format!("20261001-{:04}-p{i}", i);
        let day = 1 + i % 28;
        let started = format!("2026-10-{day:02}T10:00:00+01:00");
        let notes = vec![
            note(30, Kind::Quote, Some("1.1"), "We export every Friday", &tags),
            note(90, Kind::Pain, Some("2.1"), "Takes all of Monday", &tags[..1]),
        ];
        let mut s = finished_session(&id, &format!("Person {i}"), &started, notes);
        s.participant.segment = Some(if smb { "smb" } else { "enterprise" }.into());
        let yaml = fieldnotes::store::yaml::to_string(&s).unwrap();
        std::fs::write(dir.join(format!("{id}.yaml")), yaml).unwrap();
    }
}

/// The themes of the synthesis screen, read off the drawn screen.
fn screen_figures(text: &str) -> Figures {
    let mut out = Figures::new();
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        // The list is the left pane: its row starts with the pane's border and the tag.
        let Some(tag) = words.first().filter(|w| w.trim_start_matches('│').starts_with('#')) else { continue };
        let Some(at) = words.iter().position(|w| w.contains('/') && w.split('/').all(|n| !n.is_empty())) else {
            continue;
        };
        let (part, whole) = words[at].split_once('/').unwrap();
        let percent = words.get(at + 1).unwrap_or_else(|| panic!("no percent after the counts: {line}"));
        out.insert(
            tag.trim_start_matches(['│', '#']).to_string(),
            Figure { part: number(part), whole: number(whole), percent: pct(percent) },
        );
    }
    out
}

fn draw_themes(root: &Path, filter: &str, w: u16, h: u16) -> (String, String, String) {
    let loaded = fieldnotes::store::cache::load(&common::sessions_dir(root), None);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let guides = vec![guides::parse_builtin("discovery").unwrap().unwrap()];
    let data = SynthData { records: loaded.records, paths: loaded.paths, guides, load: 1, ..SynthData::default() };
    let mut app = App::new(Library::default(), vec![], common::sessions_dir(root), "discovery", t0());
    app.update_here(Action::OpenSynthesis, t0());
    let effects = app.synthesis_loaded(data);
    app.compute_here(effects);
    if !filter.is_empty() {
        app.update_here(Action::EditFilter, t0());
        for c in filter.chars() {
            app.update_here(Action::InsertChar(c), t0());
        }
        app.update_here(Action::ApplyTag, t0());
    }
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| fieldnotes::tui::ui::render(f, &app, &Theme::monochrome())).unwrap();
    let buffer = terminal.backend().buffer();
    let mut screen = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            screen.push_str(buffer[(x, y)].symbol());
        }
        screen.push('\n');
    }
    // The report the screen saves with `s`, from the same state.
    let s = app.synthesis().unwrap();
    let report = fieldnotes::analysis::report::report(s.records(), s.result.as_ref().unwrap(), &s.filter, false, 10);
    let html =
        fieldnotes::analysis::report::html::report(s.records(), s.result.as_ref().unwrap(), &s.filter, false, 10);
    (screen, report, html)
}

/// `synth` (text): "  #tag  bar  149 of 200   75%  298 notes".
fn text_figures(text: &str) -> Figures {
    let mut out = Figures::new();
    for line in text.lines().skip_while(|l| !l.starts_with("Themes")).skip(1).take_while(|l| l.starts_with("  #")) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let of = words.iter().position(|w| *w == "of").unwrap();
        out.insert(
            words[0].trim_start_matches('#').to_string(),
            Figure { part: number(words[of - 1]), whole: number(words[of + 1]), percent: pct(words[of + 2]) },
        );
    }
    out
}

/// A Markdown report's themes table: "| 1 | tag | 149 of 200 | 75% | …".
fn markdown_figures(md: &str) -> Figures {
    let mut out = Figures::new();
    for line in md.lines().skip_while(|l| !l.starts_with("| # | Theme")).skip(2).take_while(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (part, whole) = cells[3].split_once(" of ").unwrap();
        out.insert(cells[2].to_string(), Figure { part: number(part), whole: number(whole), percent: pct(cells[4]) });
    }
    out
}

fn json_figures(v: &Value) -> Figures {
    let whole = v["sessions"].as_u64().unwrap() as usize;
    v["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let percent = t["percent"].as_u64().unwrap_or_else(|| panic!("a theme without its percent: {t}"));
            let part = t["sessions"].as_u64().unwrap() as usize;
            (t["tag"].as_str().unwrap().to_string(), Figure { part, whole, percent: percent as u32 })
        })
        .collect()
}

/// The HTML report's themes chart: each bar's `data-theme`, `data-n`, `data-of`, `data-percent`.
fn html_figures(html: &str) -> Figures {
    let chart = &html[html.find("<svg class=\"chart bars themes\"").expect("a themes chart")..];
    let chart = &chart[..chart.find("</svg>").unwrap()];
    let attr = |tag: &str, name: &str| -> String {
        let at = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        tag[at..at + tag[at..].find('"').unwrap()].to_string()
    };
    chart
        .split("<g class=\"bar\"")
        .skip(1)
        .map(|bar| {
            let tag = &bar[..bar.find('>').unwrap()];
            let figure = Figure {
                part: number(&attr(tag, "data-n")),
                whole: number(&attr(tag, "data-of")),
                percent: pct(&attr(tag, "data-percent")),
            };
            (attr(tag, "data-theme"), figure)
        })
        .collect()
}

/// Interviews per tag counted from the CSV's rows (one per note).
fn csv_sessions(csv: &str) -> BTreeMap<String, usize> {
    let mut by_tag: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in csv.lines().skip(1) {
        let fields: Vec<&str> = row.split(',').collect();
        for tag in fields[7].split(';').filter(|t| !t.is_empty()) {
            by_tag.entry(tag.to_string()).or_default().insert(fields[0].to_string());
        }
    }
    by_tag.into_iter().map(|(t, s)| (t, s.len())).collect()
}

fn synth(root: &Path, format: &str, filter: &[&str]) -> String {
    let mut args = vec!["synth", "--format", format];
    args.extend_from_slice(filter);
    let out = common::cli(root, &args);
    assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
    common::stdout(&out)
}

#[test]
fn the_screen_and_every_format_give_the_same_figures() {
    let root = tempfile::tempdir().unwrap();
    write_library(root.path());
    for (screen_filter, cli_filter) in [("", vec![]), ("segment:smb", vec!["--segment", "smb"])] {
        let (screen, report, html) = draw_themes(root.path(), screen_filter, 200, 60);
        let on_screen = screen_figures(&screen);
        assert!(on_screen.len() >= 4, "themes on the screen: {on_screen:?}\n{screen}");
        let sources = [
            ("synth --format text", text_figures(&synth(root.path(), "text", &cli_filter))),
            ("synth --format md", markdown_figures(&synth(root.path(), "md", &cli_filter))),
            ("the saved report", markdown_figures(&report)),
            ("the saved HTML report", html_figures(&html)),
            ("synth --format html", html_figures(&synth(root.path(), "html", &cli_filter))),
            (
                "synth --format json",
                json_figures(&serde_json::from_str(&synth(root.path(), "json", &cli_filter)).unwrap()),
            ),
        ];
        for (name, figures) in &sources {
            assert_eq!(&on_screen, figures, "{name} disagrees with the screen (filter {screen_filter:?})\n{screen}");
        }
        let csv = csv_sessions(&synth(root.path(), "csv", &cli_filter));
        for (tag, f) in &on_screen {
            assert_eq!(csv.get(tag), Some(&f.part), "interviews with #{tag} in the CSV");
        }
    }
}

#[test]
fn percents_round_half_up_and_stay_off_the_ends() {
    let root = tempfile::tempdir().unwrap();
    write_library(root.path());
    let md = markdown_figures(&synth(root.path(), "md", &["--segment", "smb"]));
    assert_eq!(md["workaround"], Figure { part: 149, whole: 200, percent: 75 });
    assert_eq!(md["export"], Figure { part: 97, whole: 200, percent: 49 });
    assert_eq!(md["sso"], Figure { part: 89, whole: 200, percent: 45 });
    assert_eq!(md["reporting"], Figure { part: 200, whole: 200, percent: 100 });
    let (everyone, _, _) = draw_themes(root.path(), "", 200, 60);
    let all = screen_figures(&everyone);
    assert_eq!(all["reporting"], Figure { part: 200, whole: 201, percent: 99 }, "not all, so not 100%");
    assert_eq!(all["pricing"], Figure { part: 1, whole: 201, percent: 1 }, "some, so not 0%");
}

// ---------------------------------------------------------------------------
// Columns with 6-digit counts
// ---------------------------------------------------------------------------

/// 100,001 interviews, each with one note: `reporting` on every one (100 %),
/// `workaround` on all but one (99 %), `sso` on one (1 %); every interview
/// reached question 1.2 (100 %), all but one have a note on 1.1 (99 %).
fn big_data() -> SynthData {
    const N: usize = 100_001;
    let at = DateTime::parse_from_rfc3339("2026-10-01T10:00:00+01:00").unwrap();
    let mut records = Vec::with_capacity(N);
    for i in 0..N {
        let mut r = SessionRecord::new(&format!("s{i}"), "P", "discovery", at);
        let mut tags = vec!["reporting"];
        if i > 0 {
            tags.push("workaround");
        }
        if i == 0 {
            tags.push("sso");
        }
        let question = if i > 0 { "1.1" } else { "2.1" };
        r.push_note(Offset(10), Kind::Pain, Some(question), tags, "We export to Excel");
        r.asked = vec!["1.2".into()];
        records.push(r);
    }
    let paths = records.iter().map(|r| PathBuf::from(format!("/data/sessions/{}.yaml", r.id))).collect();
    let guides = vec![guides::parse_builtin("discovery").unwrap().unwrap()];
    SynthData { records, paths, guides, load: 1, ..SynthData::default() }
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| fieldnotes::tui::ui::render(f, app, &Theme::monochrome())).unwrap();
    terminal
}

/// The drawn lines of a terminal.
fn lines(t: &Terminal<TestBackend>) -> Vec<String> {
    let b = t.backend().buffer();
    (0..b.area.height).map(|y| (0..b.area.width).map(|x| b[(x, y)].symbol()).collect()).collect()
}

#[test]
fn share_and_count_columns_never_run_together() {
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    app.update_here(Action::OpenSynthesis, t0());
    let effects = app.synthesis_loaded(big_data());
    app.compute_here(effects);
    for (tab, name) in [(1, "themes"), (6, "coverage")] {
        app.update_here(Action::ShowTab(tab), t0());
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let t = draw(&app, w, h);
            let screen = lines(&t);
            for l in &screen {
                // A count followed straight by a percent ("100,001100%") is the bug.
                assert!(!l.contains("100,001100%") && !l.contains("100,00199%"), "{name} at {w}x{h}:\n{l}");
            }
            let all = screen.join("\n");
            assert!(all.contains("100,001/100,001 100%"), "{name} at {w}x{h}:\n{all}");
            assert!(all.contains("100,000/100,001  99%"), "{name} at {w}x{h}:\n{all}");
            if tab == 1 {
                assert!(all.contains("      1/100,001   1%"), "{name} at {w}x{h}:\n{all}");
                assert!(all.contains("100,001 notes"), "the note count is whole at {w}x{h}:\n{all}");
            }
            insta::assert_snapshot!(format!("big_counts_{name}_{w}x{h}"), t.backend());
        }
    }
}
