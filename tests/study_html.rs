//! `fieldnotes study --format html` and the persona cards of the synthesis
//! reports: every section there, the figures those of `study --format json`,
//! every piece of user text escaped (markup, control characters, characters
//! beyond the BMP), no name left with `--anonymize`, the whole library as one
//! study without a study file; and a real headless browser (Debian's
//! chromium) draws the page at desktop and phone widths.

mod common;
#[path = "../examples/gen_library.rs"]
#[allow(dead_code)]
mod gen_library;

use common::{finished_session, note};
use fieldnotes::analysis::anonymize::NAMES_NO_ONE;
use fieldnotes::domain::note::Kind;
use fieldnotes::domain::session::Session;
use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

// ---------------------------------------------------------------------------
// Helpers: a small study, running fieldnotes, reading the page's attributes
// ---------------------------------------------------------------------------

/// `fieldnotes ARGS` on the library under `root`: its output.
fn run(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fieldnotes"))
        .args(args)
        .env("FIELDNOTES_DATA_DIR", root)
        .env("FIELDNOTES_CONFIG_DIR", root.join("cfg"))
        .env("FIELDNOTES_CACHE_DIR", root.join("cache"))
        .output()
        .expect("run fieldnotes")
}

/// `fieldnotes ARGS`, which must succeed: its stdout.
fn fieldnotes(root: &Path, args: &[&str]) -> String {
    let out = run(root, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json(root: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&fieldnotes(root, args)).unwrap()
}

fn write_session(root: &Path, s: &Session) {
    let dir = root.join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{}.yaml", s.id)), fieldnotes::store::yaml::to_string(s).unwrap()).unwrap();
}

/// Nine interviews over three weeks, six mid-market and three enterprise,
/// with starred quotes and closing answers; `odd` is put in every piece of
/// user text (segment, role, company, tags, notes, closing answers).
fn interviews(root: &Path, odd: &str) {
    let tags: [&[&str]; 9] = [
        &["export", "pricing"],
        &["export", "sso"],
        &["reporting", "export"],
        &["pricing"],
        &["export"],
        &["reporting", "pricing"],
        &["export", "audit"],
        &["export"],
        &["pricing", "export"],
    ];
    for (i, t) in tags.iter().enumerate() {
        let day = 5 + i * 2;
        let mut tagged: Vec<String> = t.iter().map(|t| t.to_string()).collect();
        if !odd.is_empty() && i == 0 {
            tagged.push(format!("odd{}", odd.replace(' ', "-")));
        }
        let tagged: Vec<&str> = tagged.iter().map(String::as_str).collect();
        let mut notes = vec![
            note(30, Kind::Quote, Some("1.1"), &format!("Quote {i} about exports{odd}"), &tagged),
            note(60, Kind::Pain, Some("1.1"), &format!("Pain {i}{odd}"), &tagged[..1]),
        ];
        notes[0].starred = i % 2 == 0;
        let mut s = finished_session(
            &format!("202601{day:02}-1000-s{i}"),
            &format!("Person{i} Surname{i}"),
            &format!("2026-01-{day:02}T10:00:00+00:00"),
            notes,
        );
        let segment = if i < 6 { "mid-market" } else { "enterprise" };
        s.participant.segment = Some(format!("{segment}{odd}"));
        s.participant.company = Some(format!("Firm{i}{odd}"));
        s.participant.role = Some(format!("Ops lead{odd}"));
        s.closing.as_mut().unwrap().answer = Some(format!("Answer {i}{odd}"));
        write_session(root, &s);
    }
}

/// The study file: objective, questions, quotas, three hypotheses, a rule
/// small enough to be met; `odd` in every piece of text.
fn study_file(root: &Path, odd: &str) {
    let q = |s: &str| serde_json::to_string(&format!("{s}{odd}")).unwrap();
    let text = format!(
        "objective: {}\nresearch_questions: [{}, {}]\nquotas: {{{}: 8, {}: 5}}\n\
         saturation: {{base: 2, run: 2, threshold_percent: 30}}\nhypotheses:\n\
         \x20 - {{statement: {}, for: {{tags: [export]}}, against: {{tags: [sso]}}, status: supported}}\n\
         \x20 - {{statement: {}, for: {{tags: [pricing]}}, against: {{words: [exports]}}, status: mixed}}\n\
         \x20 - {{statement: {}, for: {{tags: [audit]}}}}\n",
        q("Why exports fail"),
        q("How do teams export?"),
        q("What does pricing block?"),
        q("mid-market"),
        q("enterprise"),
        q("Exports hurt"),
        q("Pricing blocks deals"),
        q("Audits matter"),
    );
    std::fs::write(root.join("study.yaml"), text).unwrap();
    std::fs::create_dir_all(root.join("people")).unwrap();
    std::fs::write(
        root.join("people/dee.yaml"),
        format!("name: Dee Planned\nsegment: {}\nstatus: scheduled\nscheduled: 2026-02-01 10:00\n", q("enterprise")),
    )
    .unwrap();
}

/// The character references the page writes, back to characters.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// The value of attribute `name` in the start tag `tag`.
fn attr(tag: &str, name: &str) -> String {
    let key = format!(" {name}=\"");
    let at = tag.find(&key).unwrap_or_else(|| panic!("no {name} in {tag}")) + key.len();
    unescape(&tag[at..at + tag[at..].find('"').unwrap()])
}

/// The start tags in `html` that begin with `open`.
fn start_tags<'h>(html: &'h str, open: &str) -> Vec<&'h str> {
    html.match_indices(open).map(|(i, _)| &html[i..i + html[i..].find('>').unwrap()]).collect()
}

/// No markup but the page's own, nothing fetched, nothing run.
fn assert_inert_page(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>"));
    for bad in ["<script", "://", " src=\"", "<img", "<iframe", "<link", "<object", "url("] {
        assert!(!html.to_lowercase().contains(bad), "the page holds {bad:?}");
    }
    assert_eq!(html.matches("<style").count(), 1, "one style sheet");
    assert_eq!(html.matches("</style>").count(), 1, "one style sheet");
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""));
}

// ---------------------------------------------------------------------------
// Structure and figures
// ---------------------------------------------------------------------------

/// What the page's charts and cards say, read from their `data-*`
/// attributes, as the JSON would say it.
fn page_figures(html: &str) -> Value {
    let quotas: Vec<Value> = start_tags(html, "<div class=\"quota\" ")
        .iter()
        .map(|t| {
            serde_json::json!({"segment": attr(t, "data-segment"),
                "done": attr(t, "data-done").parse::<u64>().unwrap(),
                "scheduled": attr(t, "data-scheduled").parse::<u64>().unwrap(),
                "target": attr(t, "data-target").parse::<u64>().unwrap(),
                "missing": attr(t, "data-missing").parse::<u64>().unwrap()})
        })
        .collect();
    let hypotheses: Vec<Value> = start_tags(html, "<article class=\"hypothesis")
        .iter()
        .map(|t| {
            serde_json::json!({"for": attr(t, "data-for").parse::<u64>().unwrap(),
                "against": attr(t, "data-against").parse::<u64>().unwrap(),
                "status": attr(t, "data-status"), "suggests": attr(t, "data-suggests")})
        })
        .collect();
    let curves: Vec<Value> = start_tags(html, "<figure class=\"curve\"")
        .iter()
        .map(|t| {
            serde_json::json!({"name": attr(t, "data-curve"), "cumulative": attr(t, "data-cumulative"),
                "new": attr(t, "data-new"), "reached_after": attr(t, "data-reached-after")})
        })
        .collect();
    let trends: Vec<Value> = start_tags(html, "<li class=\"trend\"")
        .iter()
        .map(|t| serde_json::json!({"code": attr(t, "data-code"), "percent": attr(t, "data-percent")}))
        .collect();
    let personas: Vec<Value> = start_tags(html, "<article class=\"card persona\"")
        .iter()
        .map(|t| {
            serde_json::json!({"name": attr(t, "data-persona"), "interviews": attr(t, "data-interviews").parse::<u64>().unwrap()})
        })
        .collect();
    serde_json::json!({"quotas": quotas, "hypotheses": hypotheses, "curves": curves, "trends": trends, "personas": personas})
}

/// The same figures from `study --format json`.
fn json_figures(v: &Value) -> Value {
    let sat = &v["saturation"];
    let curve = |name: &str, steps: &Value, reached: &Value| {
        let list = |k: &str| steps.as_array().unwrap().iter().map(|s| s[k].to_string()).collect::<Vec<_>>().join(",");
        serde_json::json!({"name": name, "cumulative": list("cumulative"), "new": list("new_codes"),
            "reached_after": if reached.is_null() { String::new() } else { reached.to_string() }})
    };
    let mut curves = vec![curve("overall", &sat["overall"], &sat["reached_after"])];
    for s in sat["segments"].as_array().unwrap() {
        curves.push(curve(s["segment"].as_str().unwrap(), &s["steps"], &s["reached_after"]));
    }
    let trends: Vec<Value> = v["trends"]["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            // A period without interviews has no share: "–" on the page.
            let periods = v["trends"]["interviews"].as_array().unwrap();
            let percent: Vec<String> = t["percent"]
                .as_array()
                .unwrap()
                .iter()
                .zip(periods)
                .map(|(p, n)| if n == 0 { "–".to_string() } else { p.to_string() })
                .collect();
            serde_json::json!({"code": t["code"], "percent": percent.join(",")})
        })
        .collect();
    shown_as_text(serde_json::json!({
        "quotas": v["quotas"],
        "hypotheses": v["hypotheses"].as_array().unwrap().iter().map(|h| serde_json::json!({"for": h["for"], "against": h["against"], "status": h["status"], "suggests": h["suggests"]})).collect::<Vec<_>>(),
        "curves": curves,
        "trends": trends,
        "personas": v["personas"].as_array().unwrap().iter().map(|p| serde_json::json!({"name": p["name"], "interviews": p["interviews"]})).collect::<Vec<_>>(),
    }))
}

/// Every string as a page shows it: a control character as its visible
/// symbol, a bidi override as `�` (the JSON keeps them exact).
fn shown_as_text(v: Value) -> Value {
    match v {
        Value::String(s) => Value::String(s.replace('\u{1b}', "␛").replace('\u{202e}', "\u{fffd}")),
        Value::Array(a) => Value::Array(a.into_iter().map(shown_as_text).collect()),
        Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, shown_as_text(v))).collect()),
        other => other,
    }
}

#[test]
fn every_section_is_there_with_the_figures_of_the_json() {
    let root = tempfile::tempdir().unwrap();
    interviews(root.path(), "");
    study_file(root.path(), "");
    let html = fieldnotes(root.path(), &["study", "--format", "html"]);
    let v = json(root.path(), &["study", "--format", "json"]);
    assert_inert_page(&html);
    for id in ["research-questions", "recruiting", "hypotheses", "saturation", "trends", "personas"] {
        assert!(html.contains(&format!(" id=\"{id}\"")), "no section {id}: {html}");
    }
    assert!(html.contains("<h1>Study: study.yaml</h1>") && html.contains("Why exports fail"), "{html}");
    assert!(html.contains("How do teams export?") && html.contains("What does pricing block?"), "{html}");
    let page = page_figures(&html);
    assert_eq!(page, json_figures(&v), "{html}");
    // Not a comparison of two empty lists: the study has all of it.
    assert_eq!(page["quotas"].as_array().unwrap().len(), 2);
    assert_eq!(page["hypotheses"].as_array().unwrap().len(), 3);
    assert_eq!(page["curves"].as_array().unwrap().len(), 3, "overall and the two segments");
    assert!(page["trends"].as_array().unwrap().len() >= 3);
    assert_eq!(page["personas"].as_array().unwrap().len(), 2);
    assert_eq!(page["quotas"][1]["scheduled"], 1, "the roster's scheduled person");
    assert_ne!(page["curves"][0]["reached_after"], "", "the rule is met overall: {html}");
    // The rule's verdict in words, as the JSON says it.
    for line in v["saturation"]["summary"].as_array().unwrap() {
        assert!(html.contains(&format!("<figcaption><strong>{}</strong>", line.as_str().unwrap())), "{line}: {html}");
    }
    // Starred quotes as quotes, with their interview; the week's change.
    assert!(html.contains("“<span class=\"text\">Quote 8 about exports</span>”"), "{html}");
    assert!(html.contains("interview 20260121-1000-s8"), "{html}");
    assert!(html.contains("In the last week:") || html.contains("No change in the last week."), "{html}");
    // Persona cards: who, themes, quotes and closing answers.
    assert!(html.contains("<dt>Who they are</dt><dd>Ops lead (6)</dd>"), "{html}");
    assert!(html.contains("<li>“<span class=\"text\">Answer 5</span>”</li>"), "{html}");
}

#[test]
fn without_a_study_file_the_page_is_the_whole_library() {
    let root = tempfile::tempdir().unwrap();
    interviews(root.path(), "");
    let html = fieldnotes(root.path(), &["study", "--format", "html"]);
    let v = json(root.path(), &["study", "--format", "json"]);
    assert_inert_page(&html);
    assert!(html.contains("<h1>Study: the whole library</h1>") && html.contains("No study file"), "{html}");
    assert!(html.contains("<strong class=\"total\" data-n=\"9\">9 interviews</strong>"), "{html}");
    assert!(html.contains("No quotas in the study file") && html.contains("No hypotheses in the study file"));
    assert_eq!(page_figures(&html), json_figures(&v));
    assert_eq!(page_figures(&html)["curves"].as_array().unwrap().len(), 3, "overall and the two segments met");
}

// ---------------------------------------------------------------------------
// Hostile text
// ---------------------------------------------------------------------------

const HOSTILE: &str =
    " <script>alert(1)</script> </style><h1>x</h1> \"><img src=x onerror=alert(1)> \u{1b}[2J \u{202e}rev 🦀𝕏";

#[test]
fn every_piece_of_user_text_is_escaped() {
    let root = tempfile::tempdir().unwrap();
    interviews(root.path(), HOSTILE);
    study_file(root.path(), HOSTILE);
    let html = fieldnotes(root.path(), &["study", "--format", "html"]);
    assert_inert_page(&html);
    assert!(!html.contains("<h1>x</h1>") && !html.contains('\u{1b}') && !html.contains('\u{202e}'), "{html}");
    let shown = " &lt;script&gt;alert(1)&lt;/script&gt; &lt;/style&gt;&lt;h1&gt;x&lt;/h1&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; ␛[2J �rev 🦀𝕏";
    for (what, text) in [
        ("the objective", format!("Why exports fail{}", shown)),
        ("a research question", format!("How do teams export?{}", shown)),
        ("a hypothesis", format!("Exports hurt{}", shown)),
        ("a quote", format!("Quote 0 about exports{}", shown)),
        ("a segment", format!("<strong>mid-market{}</strong>", shown)),
        ("a closing answer", format!("Answer 4{}", shown)),
        ("a role", format!("Ops lead{} (6)", shown)),
    ] {
        assert!(html.contains(&text), "{what} is shown as text: {html}");
    }
    // Characters beyond the BMP stay whole, in text and in attributes.
    assert!(html.contains("data-segment=\"mid-market &lt;script&gt;"), "{html}");
    assert!(html.matches("🦀𝕏").count() > 10, "{html}");
    // The JSON keeps the text exact, and its figures are the page's.
    let v = json(root.path(), &["study", "--format", "json"]);
    assert_eq!(page_figures(&html), json_figures(&v));
}

// ---------------------------------------------------------------------------
// Anonymising
// ---------------------------------------------------------------------------

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

/// Stars the first quote of every seventh interview, so quotes are shown.
fn star_some(root: &Path) {
    let dir = root.join("sessions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files.iter().step_by(7) {
        let text = std::fs::read_to_string(f).unwrap();
        std::fs::write(f, text.replacen("  kind: quote\n", "  kind: quote\n  starred: true\n", 1)).unwrap();
    }
}

#[test]
fn an_anonymised_page_names_no_one() {
    let root = tempfile::tempdir().unwrap();
    gen_library::generate(root.path(), 200, 12, 21).unwrap();
    star_some(root.path());
    std::fs::write(
        root.path().join("study.yaml"),
        "objective: Why teams leave\nquotas: {enterprise: 60, smb: 40}\nhypotheses:\n  - {statement: Reporting hurts, for: {tags: [reporting, pricing, onboarding, workaround, integration, export, handoff]}}\n",
    )
    .unwrap();
    let secrets = secret_words(root.path());
    assert!(secrets.len() > 30, "{secrets:?}");
    let plain = fieldnotes(root.path(), &["study", "--format", "html"]);
    assert!(!leaks(&plain, &secrets).is_empty(), "without the flag the names are there (the check can fail)");
    let html = fieldnotes(root.path(), &["study", "--format", "html", "--anonymize"]);
    assert_eq!(leaks(&html, &secrets), Vec::<String>::new());
    assert!(html.contains("Participants are anonymised as P1"), "{html}");
    assert!(html.contains("<dt>Companies</dt><dd>C"), "persona cards name companies by number: {html}");
    assert!(html.contains("— P") && html.contains("· interview P"), "quotes are attributed to P-numbers: {html}");
    // The other formats do not anonymise: the flag says so rather than being ignored.
    let out = run(root.path(), &["study", "--format", "md", "--anonymize"]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("--format html"));
}

// ---------------------------------------------------------------------------
// Persona cards in the synthesis reports
// ---------------------------------------------------------------------------

#[test]
fn the_synthesis_reports_have_persona_cards_that_follow_their_filters_and_anonymising() {
    let root = tempfile::tempdir().unwrap();
    interviews(root.path(), "");
    let html = fieldnotes(root.path(), &["synth", "--format", "html"]);
    let cards: Vec<(String, String)> = start_tags(&html, "<article class=\"card persona\"")
        .iter()
        .map(|t| (attr(t, "data-persona"), attr(t, "data-interviews")))
        .collect();
    assert_eq!(cards, vec![("mid-market".into(), "6".into()), ("enterprise".into(), "3".into())], "{html}");
    assert!(html.find("id=\"personas\"") < html.find("id=\"closing-answers\""), "{html}");
    let md = fieldnotes(root.path(), &["synth", "--format", "md"]);
    assert!(md.contains("\n## Personas\n") && md.contains("\n### mid-market\n") && md.contains("\n### enterprise\n"));
    assert!(md.contains("**Companies:** Firm"), "{md}");
    // The report's filter holds for its drafts.
    let only = fieldnotes(root.path(), &["synth", "--format", "html", "--segment", "enterprise"]);
    assert_eq!(start_tags(&only, "<article class=\"card persona\"").len(), 1, "{only}");
    assert!(only.contains("data-persona=\"enterprise\" data-interviews=\"3\""), "{only}");
    // And anonymising: no participant or company name in the cards.
    let secrets = secret_words(root.path());
    for args in [["synth", "--format", "html", "--anonymize"], ["synth", "--format", "md", "--anonymize"]] {
        let out = fieldnotes(root.path(), &args);
        assert_eq!(leaks(&out, &secrets), Vec::<String>::new(), "{args:?}");
    }
    assert!(fieldnotes(root.path(), &["synth", "--format", "md", "--anonymize"]).contains("**Companies:** C"));
}

// ---------------------------------------------------------------------------
// A real browser
// ---------------------------------------------------------------------------

#[test]
fn a_real_browser_draws_the_study_page_at_desktop_and_phone_widths() {
    let Some(browser) = common::browser::chromium() else {
        common::skipped(
            "a_real_browser_draws_the_study_page_at_desktop_and_phone_widths: no `chromium` on PATH (`apt-get install chromium`; .ci/run installs it)",
        );
        return;
    };
    let root = tempfile::tempdir().unwrap();
    interviews(root.path(), HOSTILE);
    study_file(root.path(), HOSTILE);
    let v = json(root.path(), &["study", "--format", "json"]);
    let html = fieldnotes(root.path(), &["study", "--format", "html"]);
    let page = root.path().join("study.html");
    std::fs::write(&page, &html).unwrap();
    let profile = tempfile::tempdir().unwrap();

    let out = common::browser::run_chromium(&browser, profile.path(), &page, &["--dump-dom".into()]);
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success() && dom.contains("</html>"), "chromium: {}", String::from_utf8_lossy(&out.stderr));
    // What the browser built holds the JSON's figures, and nothing from the text ran or loaded.
    assert_eq!(page_figures(&dom), json_figures(&v));
    assert!(dom.matches("<polyline class=\"path\"").count() >= 3 + 3, "curves and sparklines drawn");
    assert!(!dom.contains("<script") && !dom.contains("<img") && !dom.contains("<h1>x</h1>"), "{dom}");
    assert!(dom.contains("<title>Study: study.yaml · 9 interviews</title>"), "{dom}");

    // Screenshots at a desktop and a phone width (look at them: STUDY_HTML_SHOTS=DIR keeps them).
    let keep = std::env::var_os("STUDY_HTML_SHOTS").map(PathBuf::from);
    for (name, size) in [("desktop", "1200,3600"), ("phone", "390,7000")] {
        let shot = root.path().join(format!("study-{name}.png"));
        let out = common::browser::run_chromium(
            &browser,
            profile.path(),
            &page,
            &[format!("--screenshot={}", shot.display()), format!("--window-size={size}")],
        );
        assert!(out.status.success(), "chromium --screenshot: {}", String::from_utf8_lossy(&out.stderr));
        let png = std::fs::read(&shot).expect("the screenshot was written");
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
        assert!(png.len() > 60_000, "a {name} screenshot of {} bytes is next to empty", png.len());
        if let Some(dir) = &keep {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::copy(&shot, dir.join(format!("study-{name}.png"))).unwrap();
        }
    }
}

/// What each guide question yields is on the page with the figures of the
/// JSON, and a question to reword says so beside it.
#[test]
fn the_guide_questions_are_on_the_page_with_the_figures_of_the_json() {
    let root = tempfile::tempdir().unwrap();
    interviews(root.path(), "");
    study_file(root.path(), "");
    let html = fieldnotes(root.path(), &["study", "--format", "html"]);
    let v = json(root.path(), &["study", "--format", "json"]);
    let rows = v["guide"].as_array().unwrap();
    assert!(!rows.is_empty(), "the study's interviews have guide questions: {v}");
    assert!(html.contains(" id=\"guide\""), "{html}");
    for r in rows {
        let q = r["question"].as_str().unwrap();
        let at = html.find(&format!("<tr data-question=\"{q}\">")).unwrap_or_else(|| panic!("no row {q}: {html}"));
        let tr = &html[at..at + html[at..].find("</tr>").unwrap()];
        let nums: Vec<&str> =
            tr.split("<td class=\"num\">").skip(1).map(|c| c.split("</td>").next().unwrap()).collect();
        let want = [&r["notes"], &r["codes"], &r["interviews"]].map(|n| n.to_string());
        assert_eq!(nums, want, "{q}: {tr}");
        if let Some(s) = r["suggestion"].as_str() {
            assert!(tr.contains(&format!("<em class=\"suggestion\">{}", s.replace('\'', "&#39;"))), "{q}: {tr}");
        }
    }
}
