//! The HTML reports (`synth --format html`, `show ID --format html`): every
//! piece of user text escaped, the figures those of `synth --format json`, no
//! name left with `--anonymize`, the evidence the Markdown report picks
//! (starred first, consent respected), nothing that runs or fetches; and a real
//! headless browser (Debian's chromium) draws the page: its DOM has the bars
//! in the JSON's order with the JSON's figures, and a screenshot is taken.

mod common;
#[path = "../examples/gen_library.rs"]
#[allow(dead_code)]
mod gen_library;

use common::{finished_session, note};
use fieldnotes::analysis::anonymize::NAMES_NO_ONE;
use fieldnotes::domain::note::Kind;
use fieldnotes::domain::session::{Consent, Session};
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

// ---------------------------------------------------------------------------
// Helpers: running fieldnotes, reading attributes without an HTML parser
// ---------------------------------------------------------------------------

/// `fieldnotes ARGS` on the library under `root` (a generated library's
/// layout: `root/sessions`), its stdout; it must succeed.
fn fieldnotes(root: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_fieldnotes"))
        .args(args)
        .env("FIELDNOTES_DATA_DIR", root)
        .env("FIELDNOTES_CONFIG_DIR", root.join("cfg"))
        .env("FIELDNOTES_CACHE_DIR", root.join("cache"))
        .output()
        .expect("run fieldnotes");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn write_session(root: &Path, s: &Session) {
    let dir = root.join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let yaml = fieldnotes::store::yaml::to_string(s).unwrap();
    std::fs::write(dir.join(format!("{}.yaml", s.id)), yaml).unwrap();
}

/// The character references the report writes, back to characters.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// The value of attribute `name` in the start tag `tag` (`<g class="bar" …>`).
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let len = tag[at..].find('"')?;
    Some(unescape(&tag[at..at + len]))
}

/// The start tags in `html` that begin with `open` (e.g. `<g class="bar"`).
fn start_tags<'h>(html: &'h str, open: &str) -> Vec<&'h str> {
    html.match_indices(open).map(|(i, _)| &html[i..i + html[i..].find('>').unwrap()]).collect()
}

/// The part of `html` from the element starting with `open` to the end of the next `close`.
fn element<'h>(html: &'h str, open: &str, close: &str) -> &'h str {
    let start = html.find(open).unwrap_or_else(|| panic!("no {open} in the page"));
    let end = start + html[start..].find(close).unwrap() + close.len();
    &html[start..end]
}

/// One bar or cell of a chart: its label and figures, as its `data-*` attributes say.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Figure {
    name: String,
    n: u64,
    of: u64,
    percent: u64,
}

fn number(tag: &str, name: &str) -> u64 {
    attr(tag, name).unwrap_or_else(|| panic!("no {name} on {tag}")).parse().unwrap()
}

/// The bars of the themes chart, top to bottom.
fn theme_bars(html: &str) -> Vec<Figure> {
    let chart = element(html, "<svg class=\"chart bars themes\"", "</svg>");
    start_tags(chart, "<g class=\"bar\"")
        .into_iter()
        .map(|t| Figure {
            name: attr(t, "data-theme").unwrap(),
            n: number(t, "data-n"),
            of: number(t, "data-of"),
            percent: number(t, "data-percent"),
        })
        .collect()
}

/// The themes of `synth --format json`, in its order.
fn json_themes(json: &Value) -> Vec<Figure> {
    let of = json["sessions"].as_u64().unwrap();
    json["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| Figure {
            name: t["tag"].as_str().unwrap().into(),
            n: t["sessions"].as_u64().unwrap(),
            of,
            percent: t["percent"].as_u64().unwrap(),
        })
        .collect()
}

/// The heat map's cells, row by row, named "group / theme".
fn heat_cells(html: &str) -> Vec<Figure> {
    let chart = element(html, "<svg class=\"chart heatmap\"", "</svg>");
    start_tags(chart, "<g class=\"cell")
        .into_iter()
        .map(|t| Figure {
            name: format!("{} / {}", attr(t, "data-group").unwrap(), attr(t, "data-theme").unwrap()),
            n: number(t, "data-n"),
            of: number(t, "data-of"),
            percent: number(t, "data-percent"),
        })
        .collect()
}

fn json_cells(json: &Value) -> Vec<Figure> {
    let m = &json["matrix"];
    let themes: Vec<&str> = m["themes"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    let mut out = Vec::new();
    for r in m["rows"].as_array().unwrap() {
        let group =
            r["group"].as_str().map(String::from).unwrap_or_else(|| format!("(no {})", m["by"].as_str().unwrap()));
        for (i, theme) in themes.iter().enumerate() {
            out.push(Figure {
                name: format!("{group} / {theme}"),
                n: r["counts"][i].as_u64().unwrap(),
                of: r["sessions"].as_u64().unwrap(),
                percent: r["percents"][i].as_u64().unwrap(),
            });
        }
    }
    out
}

/// What a page must never hold, hostile notes or not: nothing that runs or fetches.
fn assert_inert_page(html: &str, what: &str) {
    assert!(html.starts_with("<!DOCTYPE html>"), "{what}");
    for bad in ["<script", "://", "http:", "https:", "src=", "<img", "<iframe", "<link", "<object", "url("] {
        assert!(!html.to_lowercase().contains(bad), "{what} holds {bad:?}");
    }
    assert_eq!(html.matches("<style").count(), 1, "{what}: one style sheet");
    assert_eq!(html.matches("</style>").count(), 1, "{what}: one style sheet");
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""));
}

// ---------------------------------------------------------------------------
// Hostile text
// ---------------------------------------------------------------------------

const SCRIPT: &str = "<script>alert(1)</script>";
const STYLE: &str = "</style><h1>styled</h1>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";
const ALL: [&str; 3] = [SCRIPT, STYLE, IMG];

/// A guide whose title, section and question text are hostile.
const EVIL_GUIDE: &str = r#"title: "Guide </style><script>alert(1)</script>"
kind: exploratory
closing: "Anything else? \"><img src=x onerror=alert(1)>"
sections:
  - title: "Section <script>alert(1)</script>"
    questions:
      - id: "1.1"
        text: "How do you report? \"><img src=x onerror=alert(1)>"
      - id: "1.2"
        text: "Never asked </style><h1>styled</h1>"
"#;

/// Three interviews where every field a user types holds markup: notes,
/// tags, names, company, segment, role, closing answer and summary; with a
/// guide whose title, sections and questions hold it too.
fn hostile_library(root: &Path) -> Vec<String> {
    std::fs::create_dir_all(root.join("cfg/guides")).unwrap();
    std::fs::write(root.join("cfg/guides/evil.yaml"), EVIL_GUIDE).unwrap();
    let mut ids = Vec::new();
    for (i, bad) in ALL.iter().enumerate() {
        let notes = vec![
            note(30, Kind::Quote, Some("1.1"), &format!("We export {bad} every Friday"), &["reporting", bad]),
            note(60, Kind::Pain, Some("1.1"), &format!("Pain {bad}"), &["reporting"]),
            note(90, Kind::Note, Some("9.9"), &format!("Off the guide {bad}"), &[bad]),
        ];
        let id = format!("2026100{}-1000-p{i}", i + 1);
        let mut s = finished_session(&id, &format!("Name {bad}"), &format!("2026-10-0{}T10:00:00+01:00", i + 1), notes);
        s.guide = "evil".into();
        s.title = format!("Title {bad}");
        s.participant.company = Some(format!("Co {bad}"));
        s.participant.segment = Some(format!("seg {bad}"));
        s.participant.role = Some(format!("role {bad}"));
        s.summary = Some(format!("Summary {bad}\nsecond line"));
        let closing = s.closing.as_mut().unwrap();
        closing.question = format!("Closing? {bad}");
        closing.answer = Some(format!("Answer {bad} #reporting"));
        closing.tags = vec!["reporting".into()];
        s.notes[0].starred = true;
        write_session(root, &s);
        ids.push(id);
    }
    ids
}

/// The hostile strings are nowhere in `html` as written, but are there escaped
/// (so the text did reach the page and the check can fail).
fn assert_escaped(html: &str, what: &str, present: &[&str]) {
    // The escaped `<img src=x …>` of a note is text: the one `src=` allowed.
    assert_inert_page(&html.replace("&lt;img src=x", "&lt;img"), what);
    for bad in ALL {
        assert!(!html.contains(bad), "{what}: {bad:?} unescaped");
    }
    assert!(!html.contains("<h1>styled"), "{what}");
    for bad in present {
        let escaped = bad.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
        assert!(html.contains(&escaped), "{what}: {bad:?} is there, escaped");
    }
    // Every attribute value is closed where the page closes it: an escaped
    // `"` can't end one early, so each start tag has an even number of quotes.
    for tag in html.split('<').skip(1).map(|t| &t[..t.find('>').unwrap_or(t.len())]) {
        assert_eq!(tag.matches('"').count() % 2, 0, "{what}: <{tag}>");
    }
}

#[test]
fn every_piece_of_user_text_is_escaped() {
    let root = tempfile::tempdir().unwrap();
    let ids = hostile_library(root.path());
    for args in [
        &["synth", "--format", "html"][..],
        &["synth", "--format", "html", "--by", "company"],
        &["synth", "--format", "html", "--by", "role", "--matrix", "overall"],
        &["synth", "--format", "html", "--by", "guide", "--tag", "reporting"],
    ] {
        let html = fieldnotes(root.path(), args);
        assert_escaped(&html, &format!("{args:?}"), &ALL);
        // Names, companies, guide and question text reached the page, escaped.
        assert!(html.contains("Name &lt;script&gt;"), "{args:?}");
        assert!(html.contains("How do you report? &quot;&gt;&lt;img"), "{args:?}: question text");
        assert!(html.contains("Guide &lt;/style&gt;"), "{args:?}: guide title");
        assert!(html.contains("data-theme=\"&lt;script&gt;alert(1)&lt;/script&gt;\""), "{args:?}: a tag");
    }
    let by_company = fieldnotes(root.path(), &["synth", "--format", "html", "--by", "company"]);
    assert!(by_company.contains("data-group=\"Co &lt;script&gt;alert(1)&lt;/script&gt;\""), "{by_company}");
    for (id, bad) in ids.iter().zip(ALL) {
        let html = fieldnotes(root.path(), &["show", id, "--format", "html"]);
        assert_escaped(&html, &format!("show {id}"), &[bad, IMG]);
        assert!(html.contains("Section &lt;script&gt;"), "the guide's section title: {html}");
        assert!(html.contains("Summary ") && html.contains("Closing? "), "{html}");
    }
}

// ---------------------------------------------------------------------------
// Figures, evidence, anonymising
// ---------------------------------------------------------------------------

#[test]
fn figures_are_those_of_synth_json() {
    let root = tempfile::tempdir().unwrap();
    gen_library::generate(root.path(), 80, 20, 5).unwrap();
    let json: Value = serde_json::from_str(&fieldnotes(root.path(), &["synth", "--format", "json"])).unwrap();
    let segment = json["matrix"]["rows"][0]["group"].as_str().unwrap().to_string();
    for filter in [vec![], vec!["--segment", segment.as_str()], vec!["--since", "2025-02-01"]] {
        for by in ["segment", "company"] {
            let mut args = vec!["synth", "--by", by];
            args.extend(&filter);
            let json: Value =
                serde_json::from_str(&fieldnotes(root.path(), &[&args[..], &["--format", "json"]].concat())).unwrap();
            let html = fieldnotes(root.path(), &[&args[..], &["--format", "html"]].concat());
            assert_inert_page(&html, &format!("{args:?}"));
            let bars = theme_bars(&html);
            let expected = json_themes(&json);
            assert_eq!(bars.len(), expected.len().min(10), "the top 10 themes: {args:?}");
            assert_eq!(bars, expected[..bars.len()], "{args:?}");
            let cells = heat_cells(&html);
            assert!(!cells.is_empty(), "{args:?}");
            assert_eq!(cells, json_cells(&json), "{args:?}");
            let total = json["sessions"].as_u64().unwrap();
            assert!(html.contains(&format!("data-n=\"{total}\">{total} interviews</strong>")), "{args:?}");
            // The figure written beside each bar is the one of the screen and the JSON.
            for b in &bars {
                assert!(html.contains(&format!("{} of {} interviews · {}%", b.n, b.of, b.percent)), "{b:?}");
            }
        }
    }
    let more = fieldnotes(root.path(), &["synth", "--format", "html", "--top", "25"]);
    assert_eq!(theme_bars(&more).len(), 25, "--top sets the bars");
}

/// Lower-cased whole words of `text`.
fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Every word of the library's participant and company names that names
/// someone (longer than 2 letters, not "inc" or "van"), with and without accents.
fn secret_words(root: &Path) -> HashSet<String> {
    let loaded = fieldnotes::store::cache::load(&root.join("sessions"), None);
    let names = loaded.records.iter().flat_map(|r| [Some(r.participant.clone()), r.company.clone()]).flatten();
    let mut out = HashSet::new();
    for name in names {
        for w in words(&name) {
            if w.chars().count() > 2 && !NAMES_NO_ONE.contains(&w.as_str()) {
                out.insert(w.replace('ó', "o").replace('ü', "u").replace('ä', "a").replace('é', "e"));
                out.insert(w);
            }
        }
    }
    out
}

fn leaks(html: &str, secrets: &HashSet<String>) -> Vec<String> {
    let mut found: Vec<String> = words(html).intersection(secrets).cloned().collect();
    found.sort();
    found
}

#[test]
fn an_anonymised_page_names_no_one() {
    let root = tempfile::tempdir().unwrap();
    gen_library::generate(root.path(), 200, 12, 21).unwrap();
    let secrets = secret_words(root.path());
    assert!(secrets.len() > 30, "{secrets:?}");
    let loaded = fieldnotes::store::cache::load(&root.path().join("sessions"), None);
    let company = loaded.records.iter().find_map(|r| r.company.clone()).unwrap();
    let plain = fieldnotes(root.path(), &["synth", "--format", "html", "--by", "company", "--top", "30"]);
    assert!(!leaks(&plain, &secrets).is_empty(), "without the flag the names are there (the check can fail)");
    for args in [
        vec!["synth", "--format", "html", "--anonymize", "--top", "30"],
        vec!["synth", "--format", "html", "--anonymize", "--by", "company"],
        vec!["synth", "--format", "html", "--anonymize", "--by", "segment", "--company", &company],
    ] {
        let html = fieldnotes(root.path(), &args);
        assert_eq!(leaks(&html, &secrets), Vec::<String>::new(), "{args:?}");
        assert!(html.contains("Participants are anonymised as P1"), "{args:?}");
        assert!(html.contains("— P"), "quotes are attributed to P-numbers: {args:?}");
    }
}

/// Six interviews on #reporting: the two oldest quotes are starred, the newest
/// interview's participant did not agree to share quotes (its quote is starred
/// too, and must stay out), and a paraphrase is a note.
fn curated_library(root: &Path) {
    for i in 0..6 {
        let text = match i {
            0 => "Starred oldest quote".to_string(),
            1 => "Starred second quote".to_string(),
            5 => "Quote without consent".to_string(),
            _ => format!("Newer quote {i}"),
        };
        let mut notes = vec![note(30, Kind::Quote, Some("1.1"), &text, &["reporting"])];
        notes[0].starred = i < 2 || i == 5;
        notes.push(note(60, Kind::Note, Some("1.1"), &format!("Paraphrase {i}"), &["reporting", "export"]));
        let mut s = finished_session(
            &format!("2026100{}-1000-c{i}", i + 1),
            &format!("Person {i}"),
            &format!("2026-10-0{}T10:00:00+01:00", i + 1),
            notes,
        );
        if i == 5 {
            s.consent = Some(Consent { quotes: Some(false), ..Default::default() });
        }
        if i == 2 || i == 3 || i == 5 {
            s.closing.as_mut().unwrap().tags = vec!["reporting".into()];
        }
        write_session(root, &s);
    }
}

/// The texts of the evidence under the first theme of a Markdown report, in order.
fn markdown_evidence(md: &str) -> Vec<String> {
    let section = md.split("\n### 1. ").nth(1).unwrap();
    let section = &section[..section.find("\n#").unwrap_or(section.len())];
    section
        .lines()
        .filter_map(|l| {
            if let Some(q) = l.strip_prefix("> ") {
                let q = q.trim_start_matches("★ ");
                return q.strip_prefix('“').map(|q| q[..q.find('”').unwrap()].to_string());
            }
            let l = l.strip_prefix("- ")?.trim_start_matches("★ ");
            let (_, rest) = l.split_once(":** ")?;
            Some(rest.trim_start_matches('“').split([' ', '”']).collect::<Vec<_>>()[..2].join(" "))
        })
        .collect()
}

/// The same from the page: each item's text (its first two words for a note, as above).
fn html_evidence(html: &str) -> Vec<(String, String, bool)> {
    let article = element(html, "<article class=\"theme\"", "</article>");
    article
        .split("<li class=\"item\"")
        .skip(1)
        .map(|li| {
            let kind = attr(li, "data-kind").unwrap();
            let starred = attr(li, "data-starred").is_some_and(|s| s == "true");
            let at = li.find("<span class=\"text\">").unwrap() + "<span class=\"text\">".len();
            let text = unescape(&li[at..at + li[at..].find("</span>").unwrap()]);
            let text = if kind == "quote" { text } else { text.split(' ').take(2).collect::<Vec<_>>().join(" ") };
            (text, kind, starred)
        })
        .collect()
}

#[test]
fn evidence_is_the_markdown_reports_starred_first_and_consent_kept() {
    let root = tempfile::tempdir().unwrap();
    curated_library(root.path());
    let html = fieldnotes(root.path(), &["synth", "--format", "html"]);
    let md = fieldnotes(root.path(), &["synth", "--format", "md"]);
    let items = html_evidence(&html);
    let texts: Vec<String> = items.iter().map(|i| i.0.clone()).collect();
    assert_eq!(texts, markdown_evidence(&md), "the page picks what the Markdown report picks");
    // Starred first (newest of them first), then the newest quote; the closing answers after.
    assert_eq!(items[0], ("Starred second quote".into(), "quote".into(), true), "{items:?}");
    assert_eq!(items[1], ("Starred oldest quote".into(), "quote".into(), true), "{items:?}");
    assert_eq!(items[2], ("Newer quote 4".into(), "quote".into(), false), "{items:?}");
    let answers: Vec<&str> = items[3..].iter().map(|i| i.1.as_str()).collect();
    assert_eq!(answers, ["closing_answer", "closing_answer"], "the two newest shareable closing answers: {items:?}");
    assert!(!html.contains("Quote without consent"), "a quote without consent is withheld");
    assert!(html.contains("Withheld: 1 quote and 1 closing answer from 1 interview"), "it says so");
    // A paraphrase is labelled a note, never shown as the participant's words.
    assert!(html.contains("<span class=\"kind\">Note:</span> <span class=\"text\">Paraphrase"), "{html}");
    assert!(!html.contains("“<span class=\"text\">Paraphrase"), "{html}");
}

#[test]
fn one_interview_page_has_what_its_snapshot_has() {
    let root = tempfile::tempdir().unwrap();
    let notes = vec![
        note(30, Kind::Quote, Some("1.1"), "We export to Excel every Friday", &["reporting"]),
        note(60, Kind::Pain, Some("1.1"), "Takes all of Monday", &["reporting", "time-cost"]),
        note(90, Kind::Followup, None, "Send the pricing deck", &[]),
    ];
    let mut s = finished_session("20261001-1000-ana", "Ana López", "2026-10-01T10:00:00+01:00", notes);
    s.summary = Some("Exports hurt.\nPricing unclear.".into());
    s.notes[1].starred = true;
    write_session(root.path(), &s);
    let html = fieldnotes(root.path(), &["show", "20261001-1000-ana", "--format", "html"]);
    let md = fieldnotes(root.path(), &["show", "20261001-1000-ana", "--format", "md"]);
    assert_inert_page(&html, "show");
    for (what, text) in [
        ("the participant", "Ana López (Acme)"),
        ("the summary", "Exports hurt.\nPricing unclear."),
        ("the closing answer", "The AWS bill eats my Mondays."),
        ("the question", "1.1 Tell me a little about your role."),
        ("the quote", "“<span class=\"text\">We export to Excel every Friday</span>”"),
        ("the pain, starred", "★</span> <span class=\"kind\">Pain:</span> <span class=\"text\">Takes all of Monday"),
        ("the follow-up", "☐ <span class=\"text\">Send the pricing deck"),
        ("the tags chart", "data-tag=\"reporting\" data-n=\"2\" data-of=\"3\""),
    ] {
        assert!(html.contains(text), "{what}: {html}");
    }
    assert!(md.contains("We export to Excel every Friday") && md.contains("## Summary"), "{md}");
    // Without consent to share quotes, the page withholds the quote as the snapshot does.
    s.consent = Some(Consent { quotes: Some(false), ..Default::default() });
    write_session(root.path(), &s);
    let html = fieldnotes(root.path(), &["show", "20261001-1000-ana", "--format", "html"]);
    assert!(!html.contains("We export to Excel") && html.contains("quote withheld"), "{html}");
}

// ---------------------------------------------------------------------------
// A real browser
// ---------------------------------------------------------------------------

#[test]
fn a_real_browser_draws_the_bars_in_the_json_order() {
    let Some(browser) = common::browser::chromium() else {
        common::skipped(
            "a_real_browser_draws_the_bars_in_the_json_order: no `chromium` on PATH (`apt-get install chromium`; .ci/run installs it)",
        );
        return;
    };
    let root = tempfile::tempdir().unwrap();
    gen_library::generate(root.path(), 200, 12, 9).unwrap();
    // One hostile interview among them: the browser must build no element from it.
    let mut evil = finished_session(
        "20250301-1000-evil",
        "Eve Hostile",
        "2025-03-01T10:00:00+01:00",
        vec![note(
            30,
            Kind::Quote,
            None,
            &format!("{SCRIPT} {STYLE} {IMG} <script>document.title='owned'</script>"),
            &["reporting"],
        )],
    );
    evil.notes[0].starred = true;
    write_session(root.path(), &evil);
    let json: Value =
        serde_json::from_str(&fieldnotes(root.path(), &["synth", "--format", "json", "--anonymize"])).unwrap();
    let html = fieldnotes(root.path(), &["synth", "--format", "html", "--anonymize"]);
    let page = root.path().join("report.html");
    std::fs::write(&page, &html).unwrap();
    let profile = tempfile::tempdir().unwrap();

    let out = common::browser::run_chromium(&browser, profile.path(), &page, &["--dump-dom".into()]);
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success() && dom.contains("</html>"),
        "chromium --dump-dom: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // What the browser built: the bars, in the JSON's order, with its figures.
    let bars = theme_bars(&dom);
    let themes = json_themes(&json);
    assert_eq!(bars.len(), 10, "{dom}");
    assert_eq!(bars, themes[..10], "the bars in the DOM are the JSON's themes");
    assert_eq!(heat_cells(&dom), json_cells(&json), "the heat map's cells are the JSON's matrix");
    for b in &bars {
        assert!(dom.contains(&format!("{} of {} interviews · {}%", b.n, b.of, b.percent)), "{b:?}");
    }
    // No element came from the notes: no script ran, no image, the title is the page's.
    assert!(!dom.contains("<script") && !dom.contains("<img"), "{dom}");
    assert!(dom.contains("<title>Interview synthesis · 201 interviews</title>"), "{dom}");
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the hostile quote is shown as text");

    let shot = root.path().join("report.png");
    let out = common::browser::run_chromium(
        &browser,
        profile.path(),
        &page,
        &[format!("--screenshot={}", shot.display()), "--window-size=1200,2400".into()],
    );
    assert!(out.status.success(), "chromium --screenshot: {}", String::from_utf8_lossy(&out.stderr));
    let png = std::fs::read(&shot).expect("the screenshot was written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    // A blank page of that size compresses to a few kilobytes; charts and text do not.
    assert!(png.len() > 60_000, "a screenshot of {} bytes is next to empty", png.len());

    // And it prints: the browser's "Save as PDF" gives a document of several pages.
    let pdf = root.path().join("report.pdf");
    let out = common::browser::run_chromium(
        &browser,
        profile.path(),
        &page,
        &[format!("--print-to-pdf={}", pdf.display()), "--no-pdf-header-footer".into()],
    );
    assert!(out.status.success(), "chromium --print-to-pdf: {}", String::from_utf8_lossy(&out.stderr));
    let pdf = std::fs::read(&pdf).expect("the PDF was written");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    let pages = pdf.windows(12).filter(|w| w.starts_with(b"/Type /Page") && w[11] != b's').count();
    assert!(pdf.len() > 50_000 && pages > 1, "{} bytes, {pages} pages", pdf.len());
}
