//! `fieldnotes study`, `people` and `personas`, run as a user runs them.

mod common;

use common::{cli as fieldnotes, stderr, stdout};
use std::path::Path;

fn session(id: &str, name: &str, company: &str, segment: &str, day: u32, person: Option<&str>, tags: &str) -> String {
    let person = person.map(|p| format!("person: {p}\n")).unwrap_or_default();
    format!(
        "schema: 1\nid: {id}\nguide: discovery\ntitle: t\nparticipant: {{name: {name}, company: {company}, segment: {segment}}}\n\
         {person}started_at: 2026-01-{day:02}T10:00:00+00:00\nended_at: 2026-01-{day:02}T11:00:00+00:00\n\
         notes:\n  - {{at: \"00:01:00\", text: Setup took weeks, kind: quote, tags: [{tags}], starred: true}}\n\
         closing: {{question: What else is on your mind?, answer: Exports}}\n"
    )
}

fn library(sessions: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("data/sessions");
    std::fs::create_dir_all(&s).unwrap();
    for (id, text) in sessions {
        std::fs::write(s.join(format!("{id}.yaml")), text).unwrap();
    }
    dir
}

fn data(dir: &Path) -> std::path::PathBuf {
    dir.join("data")
}

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", stderr(out));
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

#[test]
fn a_study_with_quotas_and_hypotheses_reports_the_contract_fields_and_is_only_read() {
    let dir = library(&[
        ("s1", session("s1", "Ana", "Acme", "mid-market", 5, None, "onboarding")),
        ("s2", session("s2", "Ben", "Beta", "mid-market", 6, None, "onboarding, pricing")),
        ("s3", session("s3", "Cy", "Corp", "enterprise", 7, None, "sso")),
    ]);
    let study = data(dir.path()).join("study.yaml");
    std::fs::write(
        &study,
        "objective: Why teams churn\nquotas: {mid-market: 4, enterprise: 2}\nowner: ana\nhypotheses:\n  \
         - statement: Setup is slow\n    for: {tags: [onboarding]}\n    against: {words: [single sign-on]}\n    status: supported\n",
    )
    .unwrap();
    std::fs::create_dir_all(data(dir.path()).join("people")).unwrap();
    let person = data(dir.path()).join("people/dee.yaml");
    std::fs::write(&person, "name: Dee\nsegment: enterprise\nstatus: scheduled\nscheduled: 2026-02-01 10:00\n")
        .unwrap();
    let before = (std::fs::read(&study).unwrap(), std::fs::read(&person).unwrap());

    let v = json(&fieldnotes(dir.path(), &["study", "--format", "json"]));
    assert_eq!(v["interviews"], 3);
    assert_eq!(
        v["quotas"][0],
        serde_json::json!({"segment": "mid-market", "target": 4, "done": 2, "scheduled": 0, "missing": 2})
    );
    assert_eq!(v["quotas"][1]["scheduled"], 1);
    let overall: Vec<(&str, u64, u64)> = v["saturation"]["overall"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["session"].as_str().unwrap(), s["new_codes"].as_u64().unwrap(), s["cumulative"].as_u64().unwrap()))
        .collect();
    assert_eq!(overall, vec![("s1", 1, 1), ("s2", 1, 2), ("s3", 1, 3)]);
    assert_eq!(v["saturation"]["reached"], false);
    let h = &v["hypotheses"][0];
    assert_eq!((h["for"].as_u64(), h["against"].as_u64(), h["status"].as_str()), (Some(2), Some(0), Some("supported")));

    let text = fieldnotes(dir.path(), &["study"]);
    assert!(text.status.success(), "{}", stderr(&text));
    let t = stdout(&text);
    assert!(t.contains("mid-market") && t.contains("2 to find") && t.contains("Setup is slow"), "{t}");
    assert!(t.contains("mid-market: 2 interviews, not yet"), "{t}");
    let md = fieldnotes(dir.path(), &["study", "--format", "md"]);
    assert!(stdout(&md).contains("| mid-market | 2 | 0 | 4 | 2 |"), "{}", stdout(&md));
    assert_eq!((std::fs::read(&study).unwrap(), std::fs::read(&person).unwrap()), before, "viewing writes nothing");
}

#[test]
fn a_broken_study_file_is_named_with_its_line_and_init_never_overwrites() {
    let dir = library(&[]);
    let out = fieldnotes(dir.path(), &["study", "init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(json(&fieldnotes(dir.path(), &["study", "--format", "json"]))["hypotheses"].as_array().unwrap().len() == 1);
    let study = data(dir.path()).join("study.yaml");
    std::fs::write(&study, "objective: x\nquotas: {smb: many}\n").unwrap();
    let out = fieldnotes(dir.path(), &["study"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("study.yaml:2:"), "{}", stderr(&out));
    let again = fieldnotes(dir.path(), &["study", "init"]);
    assert!(!again.status.success());
    assert_eq!(std::fs::read_to_string(&study).unwrap(), "objective: x\nquotas: {smb: many}\n");
}

#[test]
fn people_import_a_csv_and_a_person_interviewed_twice_lists_both_sessions() {
    let dir = library(&[
        ("s1", session("s1", "Ana López", "Acme", "smb", 5, Some("ana-lopez-acme"), "x")),
        ("s2", session("s2", "ana lopez", "ACME", "smb", 9, None, "y")),
    ]);
    let csv = dir.path().join("candidates.csv");
    std::fs::write(&csv, "Full name,Organisation,E-mail,Segment,Plan\nAna López,Acme,ana@acme.test,smb,pro\nBen,Beta,,enterprise,\n,Nobody Inc,,,\nBen,Beta,,,\n").unwrap();
    let out = fieldnotes(dir.path(), &["people", "import", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Added 2 people") && stdout(&out).contains("1 already on the roster skipped"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("line 4: no name"), "{}", stderr(&out));
    let again = fieldnotes(dir.path(), &["people", "import", csv.to_str().unwrap()]);
    assert!(stdout(&again).contains("Added 0 people") && stdout(&again).contains("3 already"), "{}", stdout(&again));
    let ana = std::fs::read_to_string(data(dir.path()).join("people/ana-lopez-acme.yaml")).unwrap();
    assert!(ana.contains("status: to-recruit") && ana.contains("plan: pro"), "{ana}");

    let v = json(&fieldnotes(dir.path(), &["people", "--format", "json"]));
    let ana = v.as_array().unwrap().iter().find(|p| p["id"] == "ana-lopez-acme").unwrap();
    assert_eq!(ana["sessions"], serde_json::json!(["s1", "s2"]));
    assert_eq!(ana["status"], "interviewed", "derived from the sessions");
    let listed = stdout(&fieldnotes(dir.path(), &["people", "--status", "to-recruit"]));
    assert!(listed.contains("Ben") && !listed.contains("Ana"), "{listed}");
    let bad = fieldnotes(dir.path(), &["people", "--status", "maybe"]);
    assert!(!bad.status.success() && stderr(&bad).contains("to-recruit"));
}

#[test]
fn personas_are_markdown_cards_per_segment() {
    let dir = library(&[
        ("s1", session("s1", "Ana", "Acme", "smb", 5, None, "onboarding")),
        ("s2", session("s2", "Ben", "Beta", "enterprise", 6, None, "sso")),
    ]);
    let out = fieldnotes(dir.path(), &["personas", "--format", "md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.contains("## smb") && md.contains("## enterprise") && md.contains("> Setup took weeks"), "{md}");
    assert!(md.contains("**What else is on their mind:**") && md.contains("- Exports"), "{md}");
}

/// Scheduling from the command line: the person's status and time change in
/// their file, its comments and unknown keys kept; the study counts them as
/// scheduled; a status with no time, or an unknown one, changes nothing.
#[test]
fn people_status_schedules_a_person_and_the_study_counts_them() {
    let dir = library(&[]);
    let people = data(dir.path()).join("people");
    std::fs::create_dir_all(&people).unwrap();
    let file = people.join("maya-reed.yaml");
    let text = "# met at the meetup\nname: Maya Reed\nsegment: enterprise\nstatus: to-recruit\nplan: pro\n";
    std::fs::write(&file, text).unwrap();
    std::fs::write(data(dir.path()).join("study.yaml"), "quotas: {enterprise: 3}\n").unwrap();
    for bad in [&["people", "status", "maya", "scheduled"][..], &["people", "status", "maya", "booked", "soon"]] {
        let out = fieldnotes(dir.path(), bad);
        assert_eq!(out.status.code(), Some(1), "{bad:?}: {}", stdout(&out));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text, "{bad:?} changed the file");
    }
    let out = fieldnotes(dir.path(), &["people", "status", "maya", "scheduled", "2026-12-02 15:00"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Maya Reed: scheduled (2026-12-02 15:00)."), "{}", stdout(&out));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "# met at the meetup\nname: Maya Reed\nsegment: enterprise\nstatus: scheduled\nplan: pro\nscheduled: 2026-12-02 15:00\n"
    );
    let listed = stdout(&fieldnotes(dir.path(), &["people", "--status", "scheduled"]));
    assert!(listed.contains("Maya Reed") && listed.contains("2026-12-02 15:00"), "{listed}");
    let v = json(&fieldnotes(dir.path(), &["study", "--format", "json"]));
    assert_eq!(v["quotas"][0]["scheduled"], 1, "{v}");
}
