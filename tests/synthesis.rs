//! `fieldnotes synth` and `fieldnotes search` as a user runs them: counts on
//! hand-built libraries, every view, anonymisation, consent, CSV, filters, the
//! derived cache, and a generated library checked against its truth file.

#[path = "../examples/gen_library.rs"]
mod gen_library;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

struct Lib {
    dir: tempfile::TempDir,
}

impl Lib {
    fn new() -> Lib {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("data/sessions")).unwrap();
        Lib { dir }
    }

    fn sessions(&self) -> PathBuf {
        self.dir.path().join("data/sessions")
    }

    fn cache(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    /// Writes a session file, dated an hour ago so the cache may keep it.
    fn add(&self, id: &str, yaml: &str) {
        let path = self.sessions().join(format!("{id}.yaml"));
        std::fs::write(&path, yaml).unwrap();
        set_mtime(&path, SystemTime::now() - Duration::from_secs(3600));
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_fieldnotes"))
            .args(args)
            .env("FIELDNOTES_DATA_DIR", self.dir.path().join("data"))
            .env("FIELDNOTES_CONFIG_DIR", self.dir.path().join("cfg"))
            .env("FIELDNOTES_CACHE_DIR", self.cache())
            .env_remove("NO_COLOR")
            .output()
            .expect("run fieldnotes")
    }

    /// Runs and expects success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["synth", "--format", "json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.ok(&all)).unwrap()
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Waits until files written just now may be cached: their change time
/// (which, unlike the mtime, cannot be set back) must leave the racy window.
fn settle() {
    std::thread::sleep(Duration::from_secs(fieldnotes::store::cache::RACY_SECS + 1));
}

fn set_mtime(path: &Path, t: SystemTime) {
    std::fs::File::options().write(true).open(path).unwrap().set_modified(t).unwrap();
}

type NoteSpec<'a> = (&'a str, &'a str, &'a [&'a str], Option<&'a str>);

struct Spec<'a> {
    id: &'a str,
    name: &'a str,
    company: Option<&'a str>,
    segment: Option<&'a str>,
    guide: &'a str,
    started: &'a str,
    notes: &'a [NoteSpec<'a>],
    closing: Option<&'a str>,
    quotes: Option<bool>,
    asked: &'a [&'a str],
}

/// A session file in the contract; strings JSON-quoted (valid YAML double-quoted scalars).
fn yaml(s: &Spec) -> String {
    let q = |v: &str| serde_json::to_string(v).unwrap();
    let mut out = format!(
        "schema: 1\nid: {}\nguide: {}\ntitle: {}\nparticipant:\n  name: {}\n",
        q(s.id),
        q(s.guide),
        q(&format!("Interview — {}", s.name)),
        q(s.name)
    );
    if let Some(c) = s.company {
        out += &format!("  company: {}\n", q(c));
    }
    if let Some(c) = s.segment {
        out += &format!("  segment: {}\n", q(c));
    }
    out += &format!("started_at: {}\n", q(s.started));
    if s.notes.is_empty() {
        out += "notes: []\n";
    } else {
        out += "notes:\n";
        for (kind, text, tags, question) in s.notes {
            let tags: Vec<String> = tags.iter().map(|t| q(t)).collect();
            out += &format!(
                "  - at: \"00:03:12\"\n    kind: {kind}\n    text: {}\n    tags: [{}]\n",
                q(text),
                tags.join(", ")
            );
            if let Some(qid) = question {
                out += &format!("    question: {}\n", q(qid));
            }
        }
    }
    if let Some(a) = s.closing {
        out += &format!("closing:\n  question: What else is on your mind?\n  answer: {}\n", q(a));
    }
    if let Some(quotes) = s.quotes {
        out += &format!("consent:\n  notes: true\n  quotes: {quotes}\n  at: \"00:00:10\"\n");
    }
    if !s.asked.is_empty() {
        out += "asked_at:\n";
        for a in s.asked {
            out += &format!("  {}: \"00:01:00\"\n", q(a));
        }
    }
    out
}

const A: &str = "20250106-0900-ana-lopez-k2m4";
const B: &str = "20250110-1400-ben-okafor-x7q2";
const C: &str = "20250115-1000-chidi-h8r3";
const D: &str = "20250120-1000-ana-lopez-p9t5";

/// Four interviews: ties, blank and repeated tags, a session without notes,
/// Unicode tags, a participant seen twice, no consent to share quotes once.
fn study() -> Lib {
    let lib = Lib::new();
    lib.add(
        A,
        &yaml(&Spec {
            id: A,
            name: "Ana López",
            company: Some("Acme Freight"),
            segment: Some("smb"),
            guide: "discovery",
            started: "2025-01-06T09:00:00+01:00",
            notes: &[
                ("quote", "We export to Excel, every \"Friday\"", &["reporting", "workaround"], Some("1.1")),
                ("pain", "Reports take hours", &["reporting"], Some("1.2")),
                ("note", "Ben from Globex said the same", &[], None),
                ("note", "blank tag only", &[""], None),
                ("idea", "A café-style digest", &["café", "reporting", "reporting"], None),
            ],
            closing: Some("The AWS bill eats my Mondays."),
            quotes: None,
            asked: &[],
        }),
    );
    lib.add(
        B,
        &yaml(&Spec {
            id: B,
            name: "Ben Okafor",
            company: Some("Globex"),
            segment: Some("enterprise"),
            guide: "discovery",
            started: "2025-01-10T14:00:00-05:00",
            notes: &[
                ("pain", "SSO is broken for contractors", &["sso", "security"], Some("2.1")),
                ("quote", "Security review takes months", &["security", "日本"], None),
                ("followup", "Send the pricing deck", &["pricing"], None),
            ],
            closing: Some("Hiring analysts, honestly."),
            quotes: Some(false),
            asked: &[],
        }),
    );
    lib.add(
        C,
        &yaml(&Spec {
            id: C,
            name: "Chidi",
            company: None,
            segment: Some("SMB"),
            guide: "usability",
            started: "2025-01-15T10:00:00+00:00",
            notes: &[],
            closing: None,
            quotes: Some(true),
            asked: &[],
        }),
    );
    lib.add(
        D,
        &yaml(&Spec {
            id: D,
            name: "Ana López",
            company: Some("Acme Freight"),
            segment: Some("smb"),
            guide: "discovery",
            started: "2025-01-20T10:00:00+01:00",
            notes: &[
                ("pain", "Pricing hurts \u{1b}[2J at renewal", &["pricing", "reporting"], None),
                ("quote", "Too expensive, really", &["pricing"], None),
            ],
            closing: None,
            quotes: None,
            asked: &["1.1"],
        }),
    );
    lib
}

fn tags(v: &Value) -> Vec<(String, u64, u64)> {
    v["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (t["tag"].as_str().unwrap().to_string(), t["count"].as_u64().unwrap(), t["sessions"].as_u64().unwrap())
        })
        .collect()
}

fn owned(v: &[(&str, u64, u64)]) -> Vec<(String, u64, u64)> {
    v.iter().map(|(t, c, s)| (t.to_string(), *c, *s)).collect()
}

#[test]
fn counts_tags_notes_and_sessions() {
    let lib = study();
    let v = lib.json(&[]);
    assert_eq!(v["sessions"], 4);
    assert_eq!(v["notes"], 10);
    assert_eq!(v["untagged_notes"], 2);
    // By count, then name: ties on 1 note in byte order, Unicode last.
    let expected = owned(&[
        ("reporting", 4, 2),
        ("pricing", 3, 2),
        ("security", 2, 1),
        ("café", 1, 1),
        ("sso", 1, 1),
        ("workaround", 1, 1),
        ("日本", 1, 1),
    ]);
    assert_eq!(tags(&v), expected);
    // Themes rank by interviews first.
    let themes: Vec<&str> = v["themes"].as_array().unwrap().iter().map(|t| t["tag"].as_str().unwrap()).collect();
    assert_eq!(themes, ["reporting", "pricing", "security", "café", "sso", "workaround", "日本"]);
    let reporting = &v["themes"][0];
    assert_eq!(reporting["share"], 0.5);
    assert_eq!(reporting["kinds"]["quote"], 1);
    assert_eq!(reporting["kinds"]["pain"], 2);
    // Evidence: quotes first, with where each note is.
    let e = &reporting["evidence"][0];
    assert_eq!(e["kind"], "quote");
    assert_eq!(e["session"], A);
    assert_eq!(e["note_index"], 0);
    assert_eq!(e["participant"], "Ana López");
    assert_eq!(e["date"], "2025-01-06");
    assert_eq!(e["at"], "00:03:12");
    assert_eq!(reporting["evidence"].as_array().unwrap().len(), 3);

    // Pain points by interviews; the untagged and empty ones counted apart.
    let pains: Vec<(&str, u64, u64)> = v["pain_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["tag"].as_str().unwrap(), p["notes"].as_u64().unwrap(), p["sessions"].as_u64().unwrap()))
        .collect();
    assert_eq!(pains, [("reporting", 2, 2), ("pricing", 1, 1), ("security", 1, 1), ("sso", 1, 1)]);
    let pricing_quotes: Vec<&str> =
        v["pain_points"][1]["quotes"].as_array().unwrap().iter().map(|q| q["text"].as_str().unwrap()).collect();
    assert_eq!(pricing_quotes, ["Too expensive, really"]);
    assert_eq!(v["untagged_pains"], 0);
    assert!(stderr(&lib.run(&["synth", "-f", "json"])).is_empty());
}

#[test]
fn an_empty_library_synthesises_to_nothing() {
    let lib = Lib::new();
    std::fs::remove_dir(lib.sessions()).unwrap();
    let v = lib.json(&[]);
    assert_eq!((v["sessions"].as_u64(), v["notes"].as_u64()), (Some(0), Some(0)));
    assert_eq!(v["tags"], serde_json::json!([]));
    assert!(lib.ok(&["synth"]).contains("No interviews"));
    assert_eq!(lib.ok(&["synth", "-f", "csv"]).lines().count(), 1);
    assert!(lib.ok(&["synth", "-f", "md"]).contains("**0 interviews**"));
    assert!(!lib.cache().exists(), "no cache for no library");
}

#[test]
fn matrix_pairs_closing_answers_and_coverage() {
    let lib = study();
    let v = lib.json(&["--top", "3"]);
    let m = &v["matrix"];
    assert_eq!(m["by"], "segment");
    assert_eq!(m["themes"], serde_json::json!(["reporting", "pricing", "security"]));
    // "SMB" and "smb" are one group, spelled as first seen.
    assert_eq!(m["rows"][0]["group"], "smb");
    assert_eq!(m["rows"][0]["sessions"], 3);
    assert_eq!(m["rows"][0]["counts"], serde_json::json!([2, 1, 0]));
    assert_eq!(m["rows"][1]["group"], "enterprise");
    assert_eq!(m["rows"][1]["counts"], serde_json::json!([0, 1, 1]));
    assert_eq!(m["rows"][1]["shares"], serde_json::json!([0.0, 1.0, 1.0]));

    let by_guide = lib.json(&["--by", "guide"]);
    let groups: Vec<(&str, u64)> = by_guide["matrix"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["group"].as_str().unwrap(), r["sessions"].as_u64().unwrap()))
        .collect();
    assert_eq!(groups, [("discovery", 3), ("usability", 1)]);
    let by_company = lib.json(&["--by", "company"]);
    assert_eq!(by_company["matrix"]["rows"][2]["group"], Value::Null, "Chidi has no company");

    let pairs = |key: &str| -> Vec<(String, String, u64)> {
        v["cooccurrence"][key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["a"].as_str().unwrap().into(), p["b"].as_str().unwrap().into(), p["count"].as_u64().unwrap()))
            .collect()
    };
    let s = |a: &str, b: &str, c: u64| (a.to_string(), b.to_string(), c);
    assert_eq!(
        pairs("notes"),
        [
            s("café", "reporting", 1),
            s("pricing", "reporting", 1),
            s("reporting", "workaround", 1),
            s("security", "sso", 1),
            s("security", "日本", 1)
        ]
    );
    let sessions = pairs("sessions");
    assert_eq!(sessions.len(), 3 + 6 + 1);
    assert!(sessions.contains(&s("pricing", "reporting", 1)) && sessions.contains(&s("pricing", "sso", 1)));

    // Newest first.
    let closing = v["closing_answers"].as_array().unwrap();
    assert_eq!(closing.len(), 2);
    assert_eq!(closing[0]["session"], B);
    assert_eq!(closing[1]["participant"], "Ana López");
    assert_eq!(closing[1]["date"], "2025-01-06");
    assert_eq!(closing[1]["question"], "What else is on your mind?");
    assert_eq!(closing[1]["answer"], "The AWS bill eats my Mondays.");
    assert_eq!(closing[1]["tags"], serde_json::json!(["reporting", "café", "workaround"]));

    let cov = v["coverage"].as_array().unwrap();
    assert_eq!((cov[0]["guide"].as_str(), cov[0]["sessions"].as_u64()), (Some("discovery"), Some(3)));
    let q = |id: &str| cov[0]["questions"].as_array().unwrap().iter().find(|q| q["id"] == id).unwrap().clone();
    assert_eq!(
        (q("1.1")["noted"].as_u64(), q("1.1")["reached"].as_u64(), q("1.1")["covered"].as_u64()),
        (Some(1), Some(1), Some(2))
    );
    assert_eq!(q("1.2")["covered"], 1);
    assert_eq!(q("2.1")["covered"], 1);
    assert_eq!(q("1.1")["text"], "Tell me a little about your role.");
    assert_eq!(q("3.1")["never_covered"], true);
    assert_eq!(q("1.1")["never_covered"], false);
    assert_eq!(cov[1]["guide"], "usability");
    assert!(cov[1]["questions"].as_array().unwrap().iter().all(|q| q["never_covered"] == true));
}

#[test]
fn coverage_uses_the_users_guide_and_flags_unknown_ids() {
    let lib = Lib::new();
    let guides = lib.dir.path().join("cfg/guides");
    std::fs::create_dir_all(&guides).unwrap();
    std::fs::write(
        guides.join("mini.yaml"),
        "title: Mini\nsections:\n  - title: Only\n    questions:\n      - {id: a, text: First?}\n      - {id: b, text: Second?}\n",
    )
    .unwrap();
    lib.add(
        "s1",
        &yaml(&Spec {
            id: "s1",
            name: "X",
            company: None,
            segment: None,
            guide: "mini",
            started: "2025-02-01T10:00:00Z",
            notes: &[("note", "n", &[], Some("a")), ("note", "off", &[], Some("zz"))],
            closing: None,
            quotes: None,
            asked: &[],
        }),
    );
    let v = lib.json(&[]);
    let qs = v["coverage"][0]["questions"].as_array().unwrap();
    let ids: Vec<(&str, bool, bool)> = qs
        .iter()
        .map(|q| (q["id"].as_str().unwrap(), q["in_guide"].as_bool().unwrap(), q["never_covered"].as_bool().unwrap()))
        .collect();
    assert_eq!(ids, [("a", true, false), ("b", true, true), ("zz", false, false)]);
    assert_eq!(v["coverage"][0]["title"], "Mini");
    let md = lib.ok(&["synth", "-f", "md"]);
    assert!(md.contains("| b Second? | **never** |"), "{md}");
    assert!(md.contains("zz _(not in the guide)_"), "{md}");
}

/// Every name and company of the study, and the ids that carry names.
const SECRETS: &[&str] = &["Ana", "López", "Lopez", "Ben", "Okafor", "Chidi", "Acme", "Freight", "Globex", A, B, C, D];

#[test]
fn anonymised_reports_name_no_one() {
    let lib = study();
    let md = lib.ok(&["synth", "--format", "md", "--anonymize", "--by", "company"]);
    let csv = lib.ok(&["synth", "--format", "csv", "--anonymize"]);
    let json = lib.ok(&["synth", "--format", "json", "--anonymize"]);
    let text = lib.ok(&["synth", "--anonymize"]);
    let search = lib.ok(&["search", "e", "--anonymize", "--limit", "50"]);
    for (name, out) in [("md", &md), ("csv", &csv), ("json", &json), ("text", &text), ("search", &search)] {
        for secret in SECRETS {
            assert!(!out.contains(secret), "{name} output names {secret:?}:\n{out}");
        }
    }
    // Same person, same number, in order of first interview; companies as C-numbers.
    let rows: Vec<Vec<&str>> = csv.lines().skip(1).map(|l| l.split(',').take(3).collect()).collect();
    let who: Vec<(&str, &str)> = rows.iter().map(|r| (r[0], r[1])).collect();
    assert_eq!(who.first(), Some(&("P1-1", "P1")));
    assert!(who.contains(&("P2-1", "P2")));
    assert_eq!(who.last(), Some(&("P1-2", "P1")), "Ana's second interview");
    assert!(csv.contains("P2 from C2 said the same"), "{csv}");
    assert!(md.contains("| C1 | 2 |"), "{md}");
    assert!(md.contains("anonymised"), "{md}");
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["closing_answers"][1]["participant"], "P1");
    assert_eq!(v["closing_answers"][0]["session"], "P2-1");
    // Without the flag, names are there.
    assert!(lib.ok(&["synth", "-f", "md"]).contains("Ana López"));
}

#[test]
fn quotes_without_consent_stay_out_of_reports() {
    let lib = study();
    let md = lib.ok(&["synth", "--format", "md"]);
    assert!(!md.contains("Security review takes months"), "{md}");
    assert!(!md.contains("Hiring analysts"), "{md}");
    assert!(md.contains("SSO is broken"), "the interviewer's own pain notes stay: {md}");
    assert!(md.contains("“We export to Excel, every \"Friday\"”"), "{md}");
    assert!(md.contains("The AWS bill eats my Mondays."), "{md}");
    assert!(md.contains("Withheld: 1 quote and 1 closing answer from 1 interview"), "{md}");
    // Terminal control characters never reach the report.
    assert!(!md.contains('\u{1b}'), "{md}");
    assert!(md.contains("| smb | 3 | 67% 2/3 | 33% 1/3 |"), "{md}");
}

#[test]
fn csv_is_one_rfc4180_row_per_note() {
    let lib = study();
    let out = lib.run(&["synth", "--format", "csv"]);
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.split_inclusive("\r\n").collect();
    assert_eq!(lines.len(), 11, "{csv}");
    assert_eq!(
        lines[0],
        "session,participant,segment,date,offset,kind,question,tags,text,sitting,transcript_check,company,role,question_text\r\n"
    );
    assert_eq!(
        lines[1],
        format!(
            "{A},Ana López,smb,2025-01-06,00:03:12,quote,1.1,reporting;workaround,\"We export to Excel, every \"\"Friday\"\"\",1,,Acme Freight,,Tell me a little about your role.\r\n"
        )
    );
    assert_eq!(
        lines[5],
        format!("{A},Ana López,smb,2025-01-06,00:03:12,idea,,café;reporting,A café-style digest,1,,Acme Freight,,\r\n")
    );
    // A parser reading it back gets the fields.
    let rows = parse_csv(&csv);
    assert_eq!(rows.len(), 11);
    // Company, role and the question's words come last, so the columns
    // scripts already read keep their place.
    assert!(rows.iter().all(|r| r.len() == 14));
    assert!(rows[1..].iter().all(|r| r[10].is_empty()), "no transcript, no check");
    assert_eq!(rows[1][8], "We export to Excel, every \"Friday\"");
    assert_eq!(rows[10][8], "Too expensive, really");
    assert_eq!(rows[9][8], "Pricing hurts \u{1b}[2J at renewal", "exact when piped");
}

/// A strict RFC 4180 reader, for the test.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'));
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && row.is_empty(), "ends with CRLF");
    rows
}

#[test]
fn filters_narrow_every_view() {
    let lib = study();
    let v = lib.json(&["--segment", "SMB"]);
    assert_eq!((v["sessions"].as_u64(), v["notes"].as_u64()), (Some(3), Some(7)));
    let v = lib.json(&["--since", "2025-01-10", "--until", "2025-01-15"]);
    assert_eq!(v["sessions"], 2);
    assert_eq!(v["closing_answers"].as_array().unwrap().len(), 1);
    let v = lib.json(&["--guide", "usability"]);
    assert_eq!((v["sessions"].as_u64(), v["notes"].as_u64()), (Some(1), Some(0)));
    assert_eq!(v["coverage"][0]["guide"], "usability");
    let v = lib.json(&["--participant", "lópez"]);
    assert_eq!(v["sessions"], 2);
    // A tag keeps the notes carrying it and the interviews that have one.
    let v = lib.json(&["--tag", "#PRICING"]);
    assert_eq!((v["sessions"].as_u64(), v["notes"].as_u64()), (Some(2), Some(3)));
    assert_eq!(tags(&v), owned(&[("pricing", 3, 2), ("reporting", 1, 1)]));
    assert_eq!(v["filters"]["tag"], "#PRICING");
    let csv = lib.ok(&["synth", "-f", "csv", "--tag", "pricing"]);
    assert_eq!(csv.lines().count(), 4, "{csv}");
    // Nothing matches: empty, not an error.
    let v = lib.json(&["--segment", "nobody"]);
    assert_eq!((v["sessions"].as_u64(), v["tags"].as_array().map(Vec::len)), (Some(0), Some(0)));
    assert!(lib.ok(&["synth", "--segment", "nobody"]).contains("No interviews"));
    // A bad date is refused.
    let out = lib.run(&["synth", "--since", "2025-13-01"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--since"), "{}", stderr(&out));
}

#[test]
fn text_summary_draws_bars_and_stays_inert() {
    let lib = study();
    let text = lib.ok(&["synth"]);
    assert!(text.starts_with("4 interviews, 2025-01-06 – 2025-01-20 · 10 notes (2 untagged)"), "{text}");
    assert!(text.contains("#reporting") && text.contains('█') && text.contains("2 of 4"), "{text}");
    assert!(text.contains("Top pain points") && text.contains("Closing answers: 2 of 4 interviews"), "{text}");
    assert!(text.contains("discovery (3 interviews): 3 of 14 questions covered"), "{text}");
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("␛[2J"), "{text}");
}

#[test]
fn unreadable_files_and_pending_journals_are_reported() {
    let lib = study();
    lib.add("broken", "schema: 1\nid: broken\nnotes: [\n  - {at: \"00:01:00\", text: hi\n");
    let journal = lib.sessions().join(".fieldnotes");
    std::fs::create_dir_all(&journal).unwrap();
    std::fs::write(journal.join(format!("{A}.journal")), b"pending").unwrap();
    let out = lib.run(&["synth", "-f", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let broken = lib.sessions().join("broken.yaml");
    assert!(err.contains(&format!("warning: skipped {}:", broken.display())), "{err}");
    let at = err.split(&format!("{}:", broken.display())).nth(1).unwrap();
    assert!(at.split(':').take(2).all(|n| n.trim().parse::<u32>().is_ok()), "file:line:col: {err}");
    assert!(err.contains(A) && err.contains("fieldnotes recover"), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sessions"], 4, "the journaled session is still synthesised from its file");
    assert_eq!(v["pending_journal"], serde_json::json!([A]));
    assert_eq!(v["unreadable"].as_array().unwrap().len(), 1);
    // The same warnings when the cache answers.
    let err = stderr(&lib.run(&["synth", "-f", "json"]));
    assert!(err.contains("broken.yaml:") && err.contains("fieldnotes recover"), "{err}");
}

#[test]
fn search_ranks_notes_with_highlights() {
    let lib = study();
    let v: Value = serde_json::from_str(&lib.ok(&["search", "excel", "--json"])).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits[0]["session"], A);
    assert_eq!(hits[0]["note_index"], 0);
    assert_eq!(hits[0]["text"], "We export to Excel, every \"Friday\"");
    assert_eq!(hits[0]["indices"], serde_json::json!([13, 14, 15, 16, 17]));
    let v: Value = serde_json::from_str(&lib.ok(&["search", "e", "--json", "--limit", "2"])).unwrap();
    assert_eq!(v["hits"].as_array().unwrap().len(), 2);
    let v: Value = serde_json::from_str(&lib.ok(&["search", "e", "--json", "--tag", "pricing"])).unwrap();
    assert!(v["hits"].as_array().unwrap().iter().all(|h| h["tags"].as_array().unwrap().contains(&"pricing".into())));
    assert_eq!(v["hits"].as_array().unwrap().len(), 1, "'e' starts one word of the pricing notes: 'expensive'");
    // Anonymised: names scrubbed, positions matched again on what is shown.
    let v: Value = serde_json::from_str(&lib.ok(&["search", "said same", "--json", "--anonymize"])).unwrap();
    assert_eq!(v["hits"][0]["text"], "P2 from C2 said the same");
    assert_eq!(v["hits"][0]["session"], "P1-1");
    let shown: Vec<char> = "P2 from C2 said the same".chars().collect();
    let picked: String =
        v["hits"][0]["indices"].as_array().unwrap().iter().map(|i| shown[i.as_u64().unwrap() as usize]).collect();
    assert_eq!(picked.replace(' ', ""), "saidsame");
    let text = lib.ok(&["search", "hours"]);
    assert!(text.contains("Reports take hours") && text.contains(&format!("{A} notes[1]")), "{text}");
    let out = lib.run(&["search", "zzzzqqq"]);
    assert!(out.status.success() && out.stdout.is_empty());
    assert!(stderr(&out).contains("No note matches"));
    assert!(!lib.run(&["search", " "]).status.success());
}

#[test]
fn the_cache_is_used_invalidated_and_disposable() {
    let lib = study();
    let verbose = |lib: &Lib| {
        let out = lib.run(&["synth", "-f", "json", "-v"]);
        assert!(out.status.success(), "{}", stderr(&out));
        (String::from_utf8(out.stdout.clone()).unwrap(), stderr(&out))
    };
    settle();
    let (first, err) = verbose(&lib);
    assert!(err.contains("0 from the cache, 4 parsed"), "{err}");
    let cache_files = || -> Vec<PathBuf> {
        std::fs::read_dir(lib.cache()).map(|d| d.map(|e| e.unwrap().path()).collect()).unwrap_or_default()
    };
    assert_eq!(cache_files().len(), 1);
    let (second, err) = verbose(&lib);
    assert!(err.contains("4 from the cache, 0 parsed"), "{err}");
    assert!(!err.contains("rewritten"), "nothing changed, nothing written: {err}");
    assert_eq!(first, second);

    // A changed file: only its entry is parsed again, and the output follows the file.
    let path = lib.sessions().join(format!("{C}.yaml"));
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("notes: []", "notes: [{at: \"00:01:00\", text: new, tags: [fresh]}]");
    std::fs::write(&path, text).unwrap();
    set_mtime(&path, SystemTime::now() - Duration::from_secs(1800));
    settle();
    let (third, err) = verbose(&lib);
    assert!(err.contains("3 from the cache, 1 parsed"), "{err}");
    assert!(third.contains("\"fresh\""), "{third}");
    assert!(verbose(&lib).1.contains("4 from the cache, 0 parsed"));

    // Garbage, or a flipped byte, is ignored and rewritten.
    let file = cache_files().pop().unwrap();
    std::fs::write(&file, b"not a cache at all").unwrap();
    let (out, err) = verbose(&lib);
    assert!(err.contains("cache ignored") && err.contains("0 from the cache, 4 parsed"), "{err}");
    assert_eq!(out, third);
    let mut bytes = std::fs::read(&file).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    std::fs::write(&file, bytes).unwrap();
    let (out, err) = verbose(&lib);
    assert!(err.contains("checksum") && err.contains("4 parsed"), "{err}");
    assert_eq!(out, third);
    assert!(verbose(&lib).1.contains("4 from the cache"));

    // Deleting it is fine.
    std::fs::remove_dir_all(lib.cache()).unwrap();
    let (out, err) = verbose(&lib);
    assert!(err.contains("0 from the cache, 4 parsed"), "{err}");
    assert_eq!(out, third);

    // A cache that cannot be written (its folder is a file) is said, and the
    // report is the same: it is written beside the synthesis, not before it.
    std::fs::remove_dir_all(lib.cache()).unwrap();
    std::fs::write(lib.cache(), b"").unwrap();
    let (out, err) = verbose(&lib);
    assert!(err.contains("cache not written") && !err.contains("rewritten"), "{err}");
    assert_eq!(out, third);
    std::fs::remove_file(lib.cache()).unwrap();
    assert!(verbose(&lib).1.contains("0 from the cache, 4 parsed; cache rewritten"));

    // A file written just now is not kept (it could change again within the same clock tick).
    let path = lib.sessions().join(format!("{B}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text).unwrap();
    assert!(verbose(&lib).1.contains("3 from the cache, 1 parsed"));
    assert!(verbose(&lib).1.contains("3 from the cache, 1 parsed"));

    // A removed file leaves the synthesis, and the cache.
    std::fs::remove_file(lib.sessions().join(format!("{D}.yaml"))).unwrap();
    let (out, err) = verbose(&lib);
    assert!(err.contains("read 3 files"), "{err}");
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap()["sessions"], 3);
}

#[test]
fn a_generated_library_matches_its_truth() {
    let dir = tempfile::tempdir().unwrap();
    let truth = gen_library::generate(&dir.path().join("data"), 60, 25, 11).unwrap();
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("data/truth.json")).unwrap()).unwrap();
    assert_eq!(written, truth.to_json());
    // Deterministic for a seed.
    let again = tempfile::tempdir().unwrap();
    gen_library::generate(again.path(), 60, 25, 11).unwrap();
    for e in std::fs::read_dir(dir.path().join("data/sessions")).unwrap() {
        let e = e.unwrap();
        let other = again.path().join("sessions").join(e.file_name());
        assert_eq!(std::fs::read(e.path()).unwrap(), std::fs::read(other).unwrap());
    }

    let lib = Lib { dir };
    for path in std::fs::read_dir(lib.sessions()).unwrap() {
        set_mtime(&path.unwrap().path(), SystemTime::now() - Duration::from_secs(3600));
    }
    for round in ["cold", "from the cache"] {
        let v = lib.json(&[]);
        assert_eq!(v["sessions"], written["sessions"], "{round}");
        assert_eq!(v["notes"], written["notes"], "{round}");
        assert_eq!(v["tags"], written["tags"], "{round}");
        assert_eq!(v["closing_answers"].as_array().unwrap().len() as u64, written["closing_answers"].as_u64().unwrap());
        assert!(v["unreadable"].as_array().unwrap().is_empty());
    }
    // Every note, by kind, in the CSV.
    let rows = parse_csv(&lib.ok(&["synth", "-f", "csv"]));
    assert_eq!(rows.len() as u64 - 1, written["notes"].as_u64().unwrap());
    for (kind, n) in written["kinds"].as_object().unwrap() {
        assert_eq!(rows.iter().filter(|r| &r[5] == kind).count() as u64, n.as_u64().unwrap(), "{kind}");
    }
    // Its realistic names, companies and name-bearing ids never leak from anonymised reports.
    let loaded = fieldnotes::store::cache::load(&lib.sessions(), None);
    let md = lib.ok(&["synth", "-f", "md", "--anonymize", "--top", "40"]);
    let csv = lib.ok(&["synth", "-f", "csv", "--anonymize"]);
    let words = |s: &str| -> std::collections::HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric()).map(String::from).collect()
    };
    let (md_words, csv_words) = (words(&md), words(&csv));
    let mut checked = 0;
    for r in &loaded.records {
        for part in r.participant.split(|c: char| !c.is_alphanumeric()) {
            // Capitalised parts: "der" in "Van der Berg" is also in "order".
            if part.chars().count() > 1 && part.starts_with(char::is_uppercase) {
                assert!(!md_words.contains(part) && !csv_words.contains(part), "{part:?} leaks");
                checked += 1;
            }
        }
        for whole in [Some(r.id.as_str()), r.company.as_deref()].into_iter().flatten() {
            assert!(!md.contains(whole) && !csv.contains(whole), "{whole:?} leaks");
        }
    }
    assert!(checked > 100);
    assert!(csv.lines().count() > 1000);
    assert!(md.contains("## Segment × themes") && md.contains("**never**"), "{md}");
}

/// One session file with notes given as YAML list items (kind, text, tags, extra lines).
fn curated_session(id: &str, name: &str, company: Option<&str>, started: &str, notes: &str, closing: &str) -> String {
    let company = company.map(|c| format!("  company: {c}\n")).unwrap_or_default();
    format!(
        "schema: 1\nid: {id}\nguide: discovery\ntitle: Interview\nparticipant:\n  name: {name}\n{company}\
         started_at: \"{started}\"\nnotes:{notes}\n{closing}"
    )
}

/// Issue #14: the quotes a report shows are the ones the PM starred, then the
/// newest; each theme says "n of N interviews" and credits participant ·
/// company · date; a paraphrase is labelled a note; a closing answer's #tags
/// count in the theme and the answer is shown under it, labelled.
#[test]
fn reports_show_starred_evidence_first_and_closing_answers_with_their_tags() {
    let lib = Lib::new();
    let note = |kind: &str, text: &str, tags: &str, more: &str| {
        format!("\n  - at: \"00:03:12\"\n    kind: {kind}\n    text: \"{text}\"\n    tags: [{tags}]{more}")
    };
    let files = [
        (
            "20250106-0900-ana",
            curated_session(
                "20250106-0900-ana",
                "Ana López",
                Some("Acme Freight"),
                "2025-01-06T09:00:00+01:00",
                &(note("quote", "The oldest quote", "reporting", "")
                    + &note("note", "She exports to Excel by hand", "export", "")),
                "",
            ),
        ),
        (
            "20250110-0900-ben",
            curated_session(
                "20250110-0900-ben",
                "Ben Okafor",
                Some("Globex"),
                "2025-01-10T09:00:00+01:00",
                &note("quote", "The quote that carries it", "reporting", "\n    starred: true"),
                "",
            ),
        ),
        (
            "20250115-0900-cleo",
            curated_session(
                "20250115-0900-cleo",
                "Cleo Park",
                Some("Initech"),
                "2025-01-15T09:00:00+01:00",
                &note("quote", "The newest quote", "reporting", ""),
                "",
            ),
        ),
        (
            "20250120-0900-dan",
            curated_session(
                "20250120-0900-dan",
                "Dan Wu",
                None,
                "2025-01-20T09:00:00+01:00",
                " []",
                "closing:\n  question: What else is on your mind?\n  answer: \"Honestly, #reporting eats my week\"\n  \
                 tags: [reporting]\n",
            ),
        ),
    ];
    for (id, yaml) in &files {
        lib.add(id, yaml);
    }
    let md = lib.ok(&["synth", "--format", "md"]);
    assert!(md.contains("### 1. reporting — 4 of 4 interviews"), "the closing answer counts:\n{md}");
    let starred = md.find("> ★ “The quote that carries it”").unwrap_or_else(|| panic!("{md}"));
    let newest = md.find("“The newest quote”").unwrap_or_else(|| panic!("{md}"));
    let oldest = md.find("“The oldest quote”").unwrap_or_else(|| panic!("{md}"));
    assert!(starred < newest && newest < oldest, "starred first, then the newest:\n{md}");
    assert!(md.contains("> — Ben Okafor · Globex · 2025-01-10 · 00:03:12"), "{md}");
    assert!(md.contains("- **Closing answer:** “Honestly, #reporting eats my week” — _Dan Wu · 2025-01-20_"), "{md}");
    assert!(md.contains("- **Note:** She exports to Excel by hand — _Ana López · Acme Freight · 2025-01-06"), "{md}");
    assert!(!md.contains("“She exports"), "a paraphrase is never shown as a quote:\n{md}");
    // Closing answers newest first: Dan's is the only one.
    let v = lib.json(&[]);
    let reporting = &v["themes"][0];
    assert_eq!(reporting["tag"], "reporting");
    assert_eq!(reporting["sessions"], 4);
    assert_eq!(reporting["closing_answers"], 1);
    assert_eq!(reporting["evidence"][0]["starred"], true);
    assert_eq!(reporting["evidence"][0]["participant"], "Ben Okafor");
    assert_eq!(v["closing_answers"][0]["tags"][0], "reporting");
    // The same from the cache (the star and the closing tags are in its records).
    settle();
    let first = lib.ok(&["synth", "--format", "md"]);
    assert!(lib.cache().exists());
    assert_eq!(lib.ok(&["synth", "--format", "md"]), first);
    assert_eq!(first, md);
}

/// Search matches words, not letters in order: every word of the query must
/// match a word (or its start, or with a typo in longer words), exact words
/// rank first; results say what they are, closing answers and summaries too.
#[test]
fn search_matches_words_says_what_it_found_and_reads_closing_answers_and_summaries() {
    let lib = Lib::new();
    let spec = Spec {
        id: A,
        name: "Ana López",
        company: Some("Acme Freight"),
        segment: Some("smb"),
        guide: "discovery",
        started: "2025-01-06T09:00:00+01:00",
        notes: &[
            ("quote", "We export to Excel, every Friday", &[], None),
            ("pain", "Excel on the first call of the day, it drives me crazy", &[], None),
        ],
        closing: Some("The AWS bill eats my Mondays."),
        quotes: None,
        asked: &[],
    };
    lib.add(A, &(yaml(&spec) + "summary: \"Budget owner; wants quarterly invoices.\"\n"));
    let hits = |q: &str| -> Vec<Value> {
        let v: Value = serde_json::from_str(&lib.ok(&["search", q, "--json"])).unwrap();
        v["hits"].as_array().unwrap().clone()
    };
    let both = hits("excel friday");
    let texts: Vec<&str> = both.iter().map(|h| h["text"].as_str().unwrap()).collect();
    assert_eq!(texts, vec!["We export to Excel, every Friday"], "no note with 'first … day' for 'friday'");
    assert_eq!(both[0]["kind"], "quote");
    assert_eq!(both[0]["source"], "note");
    assert_eq!(both[0]["participant"], "Ana López");
    assert_eq!(both[0]["exact_words"], 2);
    // The matched words are highlighted whole.
    let shown: Vec<char> = texts[0].chars().collect();
    let picked: String =
        both[0]["indices"].as_array().unwrap().iter().map(|i| shown[i.as_u64().unwrap() as usize]).collect();
    assert_eq!(picked, "ExcelFriday");
    // A typo within a word.
    assert_eq!(hits("exel").len(), 2, "'exel' is a typo of 'Excel'");
    // Closing answers and summaries, said to be such.
    let closing = hits("mondays");
    assert_eq!((closing.len(), &closing[0]["source"]), (1, &Value::from("closing_answer")));
    let summary = hits("quarterly invoices");
    assert_eq!((summary.len(), &summary[0]["source"]), (1, &Value::from("summary")));
    // The text output names the kind and what was found, also from the cache.
    settle();
    for round in ["parsed", "cached"] {
        let text = lib.ok(&["search", "excel"]);
        assert!(text.contains("quote     We export") && text.contains("pain      Excel on"), "{round}: {text}");
        let text = lib.ok(&["search", "invoices"]);
        assert!(text.contains("summary   Budget owner") && text.contains(&format!("{A} summary")), "{round}: {text}");
        let text = lib.ok(&["search", "mondays"]);
        assert!(text.contains("closing answer The AWS bill"), "{round}: {text}");
    }
}

/// Issue #14: every segment mentions #onboarding and #reporting (100 % in
/// every cell); only enterprise mentions #sso. Every format leads the matrix
/// with #sso and says so; `--matrix overall` gives the most common themes.
#[test]
fn the_matrix_leads_with_what_segments_differ_on_in_every_format() {
    let lib = Lib::new();
    let ids: Vec<String> = (0..8).map(|i| format!("2025020{}-0900-p{i}-k2m{i}", i + 1)).collect();
    for (i, id) in ids.iter().enumerate() {
        let enterprise = i >= 4;
        let common: NoteSpec = ("note", "onboarding and reports", &["onboarding", "reporting"], None);
        let sso: NoteSpec = ("pain", "no SAML", &["sso"], None);
        let notes: Vec<NoteSpec> = if enterprise { vec![common, sso] } else { vec![common] };
        lib.add(
            id,
            &yaml(&Spec {
                id,
                name: &format!("Person {i}"),
                company: None,
                segment: Some(if enterprise { "enterprise" } else { "smb" }),
                guide: "discovery",
                started: &format!("2025-02-0{}T09:00:00+00:00", i + 1),
                notes: &notes,
                closing: None,
                quotes: None,
                asked: &[],
            }),
        );
    }
    let v = lib.json(&["--top", "3"]);
    assert_eq!(v["matrix"]["ranking"], "difference");
    assert_eq!(v["matrix"]["themes"], serde_json::json!(["sso", "onboarding", "reporting"]));
    assert!(v["matrix"]["ranking_rule"].as_str().unwrap().contains("at least 3 interviews"));
    let overall = lib.json(&["--top", "3", "--matrix", "overall"]);
    assert_eq!(overall["matrix"]["ranking"], "overall");
    assert_eq!(overall["matrix"]["themes"], serde_json::json!(["onboarding", "reporting", "sso"]));

    let md = lib.ok(&["synth", "-f", "md", "--top", "3"]);
    assert!(md.contains("| Segment | Interviews | sso | onboarding | reporting |"), "{md}");
    assert!(md.contains("| enterprise | 4 | 100% 4/4 | 100% 4/4 | 100% 4/4 |"), "{md}");
    assert!(md.contains("| smb | 4 | 0% 0/4 | 100% 4/4 | 100% 4/4 |"), "{md}");
    assert!(md.contains("largest difference in share"), "{md}");
    let text = lib.ok(&["synth", "--top", "3"]);
    let header = text.lines().find(|l| l.contains("× themes")).unwrap();
    assert!(header.contains("largest difference"), "{text}");
    let smb = text.lines().find(|l| l.trim_start().starts_with("smb")).unwrap();
    assert_eq!(smb.split_whitespace().collect::<Vec<_>>(), ["smb", "4", "0%", "0/4", "100%", "4/4", "100%", "4/4"]);
}
