//! The codebook from the command line, as a user runs it: `codebook init`,
//! `codebook` (with counts and new tags), and `tags lint` with `--apply`.

mod common;

use common::{cli as fieldnotes, data_dir, stderr, stdout};
use std::path::Path;

fn session(id: &str, tags: &[&[&str]]) -> String {
    let mut notes = String::new();
    for (i, t) in tags.iter().enumerate() {
        notes.push_str(&format!("  - {{at: \"00:0{i}:00\", text: note {i}, kind: note, tags: [{}]}}\n", t.join(", ")));
    }
    format!(
        "schema: 1\nid: {id}\nguide: discovery\ntitle: t\nparticipant: {{name: P {id}}}\n\
         started_at: 2026-11-22T14:30:05+01:00\nended_at: 2026-11-22T15:00:00+01:00\nnotes:\n{notes}"
    )
}

fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sessions = data_dir(dir.path()).join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let files = [
        ("20261122-1430-a-aaaa", vec![&["pricing", "trust"][..], &["pricing"]]),
        ("20261123-1430-b-bbbb", vec![&["price"][..], &["onboarding"]]),
        ("20261124-1430-c-cccc", vec![&["onboardings"][..], &["pricing"]]),
    ];
    for (id, tags) in files {
        std::fs::write(sessions.join(format!("{id}.yaml")), session(id, &tags)).unwrap();
    }
    dir
}

fn codebook_path(root: &Path) -> std::path::PathBuf {
    data_dir(root).join("codebook.yaml")
}

#[test]
fn init_proposes_the_tags_in_use_and_never_overwrites() {
    let dir = library();
    let out = fieldnotes(dir.path(), &["codebook", "init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(codebook_path(dir.path())).unwrap();
    assert!(text.contains("- name: pricing  # 3 notes, 2 interviews"), "{text}");
    assert!(text.contains("- name: onboardings"), "{text}");

    std::fs::write(codebook_path(dir.path()), "codes:\n  - name: mine\n").unwrap();
    let out = fieldnotes(dir.path(), &["codebook", "init"]);
    assert!(!out.status.success() && stderr(&out).contains("--force"), "{}", stderr(&out));
    assert!(std::fs::read_to_string(codebook_path(dir.path())).unwrap().contains("mine"));
    let out = fieldnotes(dir.path(), &["codebook", "init", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!std::fs::read_to_string(codebook_path(dir.path())).unwrap().contains("mine"));
}

#[test]
fn the_listing_counts_codes_and_marks_new_tags() {
    let dir = library();
    std::fs::write(
        codebook_path(dir.path()),
        "themes:\n  - name: Cost\n    description: Money.\ncodes:\n  - name: pricing\n    description: What they pay.\n    theme: Cost\n    aliases: [price]\n  - name: trust\n",
    )
    .unwrap();
    let out = fieldnotes(dir.path(), &["codebook"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Cost — Money."), "{text}");
    assert!(text.contains("#pricing") && text.contains("What they pay.") && text.contains("(also: price)"), "{text}");
    assert!(text.contains("#onboarding") && text.contains("new"), "{text}");

    let out = fieldnotes(dir.path(), &["codebook", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["codes"][0]["name"], "pricing");
    assert_eq!(json["codes"][0]["notes"], 3);
    assert_eq!(json["codes"][0]["interviews"], 2);
    assert_eq!(json["codes"][0]["alias_notes"], 1);
    let new: Vec<&str> = json["new_tags"].as_array().unwrap().iter().map(|t| t["tag"].as_str().unwrap()).collect();
    assert_eq!(new, ["onboarding", "onboardings"]);
}

#[test]
fn a_broken_codebook_is_named_with_its_line() {
    let dir = library();
    std::fs::write(codebook_path(dir.path()), "codes:\n  - name: a\n    aliases: 3\n").unwrap();
    let out = fieldnotes(dir.path(), &["codebook"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("codebook.yaml:3"), "{}", stderr(&out));
}

#[test]
fn tags_lint_proposes_merges_and_applies_them() {
    let dir = library();
    let out = fieldnotes(dir.path(), &["tags", "lint"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("2 tag near-duplicates"), "{text}");
    assert!(text.contains("fieldnotes tags merge price pricing"), "{text}");
    assert!(text.contains("fieldnotes tags merge onboardings onboarding"), "{text}");

    let out = fieldnotes(dir.path(), &["tags", "lint", "--apply"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tags = stdout(&fieldnotes(dir.path(), &["tags"]));
    assert!(!tags.contains("#price ") && !tags.contains("#onboardings"), "{tags}");
    assert!(tags.contains("#pricing") && tags.contains("#onboarding"), "{tags}");
    let out = fieldnotes(dir.path(), &["tags", "lint"]);
    assert!(stdout(&out).contains("No near-duplicate tags"), "{}", stdout(&out));
}

#[test]
fn reports_roll_tags_up_to_the_codebook_themes_with_distinct_counts() {
    let dir = library();
    let plain = stdout(&fieldnotes(dir.path(), &["synth", "--format", "md"]));
    assert!(!plain.contains("Themes in the codebook"), "no codebook, no section");
    std::fs::write(
        codebook_path(dir.path()),
        "codes:\n  - {name: pricing, theme: Cost, aliases: [price]}\n  - {name: trust, theme: Cost}\n",
    )
    .unwrap();
    // A note tagged pricing and trust counts once: 4 notes, not the 5 the tags sum to.
    let md = stdout(&fieldnotes(dir.path(), &["synth", "--format", "md"]));
    assert!(md.contains("| Cost | 3 of 3 | 100% | 4 | `#pricing` (3), `#price` (1), `#trust` (1) |"), "{md}");
    assert!(md.find("Themes in the codebook") < md.find("## Pain points"), "{md}");

    let json: serde_json::Value =
        serde_json::from_slice(&fieldnotes(dir.path(), &["synth", "--format", "json"]).stdout).unwrap();
    let cost = &json["codebook_themes"][0];
    assert_eq!(
        (cost["theme"].as_str(), cost["notes"].as_u64(), cost["interviews"].as_u64()),
        (Some("Cost"), Some(4), Some(3))
    );

    let html = stdout(&fieldnotes(dir.path(), &["synth", "--format", "html"]));
    assert!(
        html.contains("<section id=\"codebook-themes\">") && html.contains("<td>Cost</td><td>3 of 3</td>"),
        "{html}"
    );
}
