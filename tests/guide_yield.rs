//! Guide refinement, run as a user runs it: what each question of the guide
//! yields in `fieldnotes study`, and `guide lint` on a guide edited after
//! some interviews were held on it.

mod common;

use common::{cli as fieldnotes, config_dir, sessions_dir, stderr, stdout};
use std::path::Path;

/// The guide as first written ("tools") and as edited mid-study ("tools"
/// reworded under a new id, "budget" added, "silent" kept).
const V1: &str = "title: Ours\nsections:\n  - title: All\n    questions:\n      - {id: intro, text: Tell me about your role.}\n      - {id: tools, text: What tools do you use?}\n      - {id: silent, text: How do you feel about the weather?}\n";
const V2: &str = "title: Ours\nsections:\n  - title: All\n    questions:\n      - {id: intro, text: Tell me about your role.}\n      - {id: workflow, text: Walk me through your last report.}\n      - {id: silent, text: How do you feel about the weather?}\n      - {id: budget, text: Who pays for it?}\n";

/// An interview on the guide `ours` that reached `asked`, with a note (and a tag) per id in `noted`.
fn session(id: &str, day: u32, asked: &[&str], noted: &[(&str, &str)]) -> String {
    let notes: String = noted
        .iter()
        .map(|(q, tag)| format!("- {{at: \"00:02:00\", text: said it, kind: note, question: {q}, tags: [{tag}]}}\n"))
        .collect();
    let asked: String = asked.iter().map(|q| format!("  {q}: \"00:01:00\"\n")).collect();
    format!(
        "schema: 1\nid: {id}\nguide: ours\ntitle: t\nparticipant: {{name: P {id}}}\n\
         started_at: 2026-01-{day:02}T10:00:00+00:00\nended_at: 2026-01-{day:02}T11:00:00+00:00\n\
         notes:\n{notes}asked_at:\n{asked}"
    )
}

fn library(root: &Path, guide: &str) {
    std::fs::create_dir_all(sessions_dir(root)).unwrap();
    std::fs::create_dir_all(config_dir(root).join("guides")).unwrap();
    std::fs::write(config_dir(root).join("guides/ours.yaml"), guide).unwrap();
    let held = [
        ("s1", 5, vec!["intro", "tools", "silent"], vec![("intro", "role"), ("tools", "excel"), ("tools", "sheets")]),
        ("s2", 6, vec!["intro", "tools", "silent"], vec![("intro", "role"), ("tools", "excel")]),
        ("s3", 7, vec!["intro", "workflow", "silent"], vec![("intro", "ops"), ("workflow", "excel")]),
        ("s4", 8, vec!["intro", "workflow", "silent"], vec![("intro", "role"), ("workflow", "deadline")]),
    ];
    for (id, day, asked, noted) in held {
        std::fs::write(sessions_dir(root).join(format!("{id}.yaml")), session(id, day, &asked, &noted)).unwrap();
    }
}

#[test]
fn the_study_says_what_each_question_yields_and_which_to_reword() {
    let dir = tempfile::tempdir().unwrap();
    library(dir.path(), V2);
    let out = fieldnotes(dir.path(), &["study", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rows = v["guide"].as_array().expect("a guide array");
    let row = |id: &str| rows.iter().find(|r| r["question"] == id).unwrap_or_else(|| panic!("{id}: {rows:?}"));
    assert_eq!(
        row("intro"),
        &serde_json::json!({"guide": "ours", "question": "intro", "text": "Tell me about your role.",
                            "notes": 4, "codes": 2, "interviews": 4, "suggestion": null})
    );
    assert_eq!((row("workflow")["notes"].as_u64(), row("workflow")["interviews"].as_u64()), (Some(2), Some(2)));
    assert_eq!(row("silent")["suggestion"], "asked in 4 interviews without a single note: reword it or remove it");
    assert_eq!(
        row("budget")["suggestion"],
        "never reached in 4 interviews on this guide: move it earlier or remove it"
    );
    assert!(rows.iter().all(|r| r["question"] != "tools"), "a removed id is not a question of the guide");

    let text = fieldnotes(dir.path(), &["study"]);
    let t = stdout(&text);
    assert!(t.contains("Guide questions (notes / codes / interviews asked)"), "{t}");
    assert!(t.contains("→ asked in 4 interviews without a single note"), "{t}");
    assert!(t.contains("2 questions to reword or remove"), "{t}");
    let md = stdout(&fieldnotes(dir.path(), &["study", "--format", "md"]));
    assert!(
        md.contains("## Guide questions") && md.contains("| silent | How do you feel about the weather? | 0 | 0 | 4 |"),
        "{md}"
    );
}

#[test]
fn guide_lint_on_a_guide_edited_mid_study_names_the_interviews_on_removed_ids() {
    let dir = tempfile::tempdir().unwrap();
    library(dir.path(), V2);
    let guide = config_dir(dir.path()).join("guides/ours.yaml");
    let out = fieldnotes(dir.path(), &["guide", "lint", guide.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "a warning, not an error: {}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.contains("warning [removed-question] 2 interviews (s1, s2) used question \"tools\", which this guide no longer has (3 notes taken under it)"),
        "{said}"
    );
    assert!(said.contains("give the new question `id: tools`"), "{said}");

    let json = fieldnotes(dir.path(), &["guide", "lint", "ours", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let removed: Vec<&serde_json::Value> =
        v.as_array().unwrap().iter().filter(|r| r["rule"] == "removed-question").collect();
    assert_eq!(removed.len(), 1, "{v}");
    assert_eq!(removed[0]["question_id"], "tools");

    // The guide as it was: the later interviews' "workflow" is what it lacks.
    std::fs::write(&guide, V1).unwrap();
    let said = stdout(&fieldnotes(dir.path(), &["guide", "lint", "ours"]));
    assert!(said.contains("2 interviews (s3, s4) used question \"workflow\"") && !said.contains("\"tools\""), "{said}");
    // A guide that kept every id the interviews used: nothing to say.
    std::fs::write(&guide, V2.replace("budget", "tools")).unwrap();
    let said = stdout(&fieldnotes(dir.path(), &["guide", "lint", "ours"]));
    assert!(!said.contains("removed-question"), "{said}");
}
