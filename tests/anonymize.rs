//! `--anonymize` as a user shares its output: no participant or company name
//! of the library anywhere (headers, filter lines, notes, closing answers,
//! tags), e-mail addresses and phone numbers masked; checked on a hostile
//! hand-built library and, word by word, on generated ones.

#[path = "../examples/gen_library.rs"]
#[allow(dead_code)]
mod gen_library;

use fieldnotes::analysis::anonymize::NAMES_NO_ONE;
use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

fn fieldnotes(data: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_fieldnotes"))
        .args(args)
        .env("FIELDNOTES_DATA_DIR", data)
        .env("FIELDNOTES_CONFIG_DIR", data.join("cfg"))
        .env("FIELDNOTES_CACHE_DIR", data.join("cache"))
        .output()
        .expect("run fieldnotes");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

const HOSTILE: &str = r#"schema: 1
id: 20250106-0900-ana-lopez-k2m4
guide: discovery
title: "Interview — Ana López"
participant:
  name: "Ana López"
  company: "Acme"
  segment: smb
started_at: "2025-01-06T09:00:00+01:00"
notes:
  - at: "00:01:00"
    kind: quote
    text: "lopez here: mail ana.lopez@acme.com or call +1 (555) 123-4567, 0612345678"
    tags: [acme, reporting]
  - at: "00:02:00"
    kind: note
    text: "ANA moved off acme-ish tools; Ben Okafor at Globex agreed, bananas and Analytics aside"
    tags: [reporting]
closing:
  question: What else is on your mind?
  answer: "Ask ben okafor, or Lopez at ACME."
"#;

const OTHER: &str = r#"schema: 1
id: 20250110-1400-ben-okafor-x7q2
guide: discovery
title: "Interview — Ben Okafor"
participant:
  name: "Ben Okafor"
  company: "Globex"
started_at: "2025-01-10T14:00:00-05:00"
notes:
  - at: "00:01:00"
    kind: pain
    text: "okafor says globex pays too much"
    tags: [pricing]
"#;

fn hostile_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::write(sessions.join("20250106-0900-ana-lopez-k2m4.yaml"), HOSTILE).unwrap();
    std::fs::write(sessions.join("20250110-1400-ben-okafor-x7q2.yaml"), OTHER).unwrap();
    dir
}

/// Lower-cased whole words of `text`.
fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Every word of `names` that must not be printed: longer than 2 letters and
/// naming someone (not "inc" or "van"), in lower case, with and without accents.
fn secret_words<'a>(names: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
    let mut out = HashSet::new();
    for name in names {
        for w in words(name) {
            if w.chars().count() > 2 && !NAMES_NO_ONE.contains(&w.as_str()) {
                out.insert(w.replace('ó', "o").replace('ü', "u").replace('ä', "a").replace('é', "e"));
                out.insert(w);
            }
        }
    }
    out
}

fn leaks(output: &str, secrets: &HashSet<String>) -> Vec<String> {
    let mut found: Vec<String> = words(output).intersection(secrets).cloned().collect();
    found.sort();
    found
}

#[test]
fn a_filtered_anonymised_report_repeats_no_name() {
    let lib = hostile_library();
    let secrets = secret_words(["Ana López", "Acme", "Ben Okafor", "Globex"]);
    let md = fieldnotes(lib.path(), &["synth", "--format", "md", "--anonymize", "--company", "acme"]);
    assert!(md.contains("**1 interview** (2025-01-06 – 2025-01-06)"), "the filter keeps Ana's interview:\n{md}");
    assert!(md.contains("Filters: company C1"), "{md}");
    assert_eq!(leaks(&md, &secrets), Vec::<String>::new(), "{md}");
    assert!(md.contains("P1 here: mail [email] or call [phone], [phone]"), "{md}");
    assert!(md.contains("P1 moved off C1-ish tools; P2 at C2 agreed, bananas and Analytics aside"), "{md}");
    assert!(md.contains("Ask P2, or P1 at C1."), "{md}");
    assert!(!md.contains("555") && !md.contains("0612345678"), "{md}");
    let participant = fieldnotes(lib.path(), &["synth", "--format", "md", "--anonymize", "--participant", "lóp"]);
    assert!(participant.contains("Filters: participant [name]") && !participant.contains("lóp"), "{participant}");
}

#[test]
fn every_format_of_a_hostile_library_names_no_one() {
    let lib = hostile_library();
    let secrets = secret_words(["Ana López", "Acme", "Ben Okafor", "Globex"]);
    for args in [
        &["synth", "--anonymize"][..],
        &["synth", "--anonymize", "--format", "md", "--by", "company"],
        &["synth", "--anonymize", "--format", "csv"],
        &["synth", "--anonymize", "--format", "json", "--company", "ACME"],
        &["synth", "--anonymize", "--format", "json", "--tag", "acme"],
        &["search", "tools", "--anonymize", "--json"],
    ] {
        let out = fieldnotes(lib.path(), args);
        assert_eq!(leaks(&out, &secrets), Vec::<String>::new(), "{args:?}:\n{out}");
        assert!(!out.contains("@acme") && !out.contains("123-4567"), "{args:?}:\n{out}");
    }
    // Without the flag, it is all there.
    let plain = fieldnotes(lib.path(), &["synth", "--format", "md"]);
    assert!(plain.contains("ana.lopez@acme.com") && plain.contains("Ben Okafor at Globex"), "{plain}");
}

#[test]
fn generated_libraries_leak_no_name_in_any_format() {
    for seed in [3, 17] {
        let dir = tempfile::tempdir().unwrap();
        gen_library::generate(dir.path(), 40, 20, seed).unwrap();
        let loaded = fieldnotes::store::cache::load(&dir.path().join("sessions"), None);
        let names: Vec<&str> = loaded
            .records
            .iter()
            .flat_map(|r| [Some(r.participant.as_str()), r.company.as_deref()])
            .flatten()
            .collect();
        let secrets = secret_words(names.iter().copied());
        assert!(secrets.len() > 20, "{secrets:?}");
        let company = loaded.records.iter().find_map(|r| r.company.clone()).unwrap();
        for format in ["md", "json", "csv", "text"] {
            let out = fieldnotes(dir.path(), &["synth", "--anonymize", "--top", "40", "--format", format]);
            assert_eq!(leaks(&out, &secrets), Vec::<String>::new(), "seed {seed}, {format}");
            // The generated notes hold no e-mail or phone: dates and counts are never taken for one.
            assert!(!out.contains("[phone]") && !out.contains("[email]"), "seed {seed}, {format}");
            let filtered = fieldnotes(dir.path(), &["synth", "--anonymize", "--format", format, "--company", &company]);
            assert_eq!(leaks(&filtered, &secrets), Vec::<String>::new(), "seed {seed}, {format}, --company");
        }
        // The names are in the library's own words (the check can fail).
        let plain = fieldnotes(dir.path(), &["synth", "--format", "md", "--top", "40"]);
        assert!(!leaks(&plain, &secrets).is_empty());
    }
}

// ---------------------------------------------------------------------------
// The synthesis screen with `a` on
// ---------------------------------------------------------------------------

mod screen {
    use super::{leaks, secret_words};
    use chrono::DateTime;
    use fieldnotes::analysis::synthesis::SessionRecord;
    use fieldnotes::domain::note::Kind;
    use fieldnotes::domain::session::Offset;
    use fieldnotes::store::library::Library;
    use fieldnotes::tui::action::Action;
    use fieldnotes::tui::app::App;
    use fieldnotes::tui::app::synthesis::SynthData;
    use fieldnotes::tui::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use std::path::PathBuf;

    fn record(id: &str, day: u32, who: &str, company: &str, notes: &[(Kind, &[&str], &str)]) -> SessionRecord {
        let at = DateTime::parse_from_rfc3339(&format!("2026-10-{day:02}T10:00:00+01:00")).unwrap();
        let mut r = SessionRecord::new(id, who, "discovery", at);
        r.company = Some(company.into());
        r.segment = Some("smb".into());
        for (i, (kind, tags, text)) in notes.iter().enumerate() {
            r.push_note(Offset(60 * (i as u32 + 1)), *kind, Some("1.1"), tags.iter().copied(), text);
        }
        r
    }

    fn data() -> SynthData {
        let mut records = vec![
            record(
                "20261001-1000-ana",
                1,
                "Ana López",
                "Acme",
                &[
                    (Kind::Quote, &["reporting", "acme"], "lopez: we left Globex, mail ana@acme.com"),
                    (Kind::Pain, &["reporting"], "ANA rebuilds acme-ish spreadsheets; ben okafor too"),
                ],
            ),
            record("20261003-0900-ben", 3, "Ben Okafor", "Globex", &[(Kind::Pain, &["reporting"], "Okafor pays")]),
        ];
        records[0].closing_answer = Some("Ask Ben at Globex, or call +1 (555) 123-4567.".into());
        let paths = records.iter().map(|r| PathBuf::from(format!("/data/sessions/{}.yaml", r.id))).collect();
        SynthData { records, paths, guides: vec![], load: 1, ..SynthData::default() }
    }

    fn screen_text(app: &App) -> String {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal.draw(|f| fieldnotes::tui::ui::render(f, app, &Theme::monochrome())).unwrap();
        let buffer = terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                out.push_str(buffer[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    #[test]
    fn with_names_hidden_no_tab_shows_a_name() {
        let t0 = DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap();
        let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0);
        app.update_here(Action::OpenSynthesis, t0);
        let effects = app.synthesis_loaded(data());
        app.compute_here(effects);
        app.update_here(Action::EditFilter, t0);
        for c in "company:acme".chars() {
            app.update_here(Action::InsertChar(c), t0);
        }
        app.update_here(Action::ApplyTag, t0);
        app.update_here(Action::ToggleAnonymize, t0);
        let secrets = secret_words(["Ana López", "Acme", "Ben Okafor", "Globex"]);
        let mut seen = String::new();
        for tab in 1..=6 {
            app.update_here(Action::ShowTab(tab), t0);
            seen += &screen_text(&app);
            app.update_here(Action::OpenSession, t0);
            seen += &screen_text(&app);
            app.update_here(Action::Back, t0);
        }
        assert!(seen.contains("company:C1"), "{seen}");
        assert!(seen.contains("P1: we left C2, mail [email]"), "{seen}");
        assert_eq!(leaks(&seen, &secrets), Vec::<String>::new(), "{seen}");
        assert!(!seen.contains("555"), "{seen}");
    }
}
