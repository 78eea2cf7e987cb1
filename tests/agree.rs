//! `fieldnotes agree` on two libraries tagged apart, as two researchers run
//! it: kappa per code, the notes one coder added left out and counted, and
//! every disagreement listed with its note.

use std::path::Path;
use std::process::Command;

fn fieldnotes(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_fieldnotes")).args(args).env("NO_COLOR", "1").output().unwrap();
    (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn session(tags: [&str; 4], extra_note: bool) -> String {
    let mut s = String::from(
        "schema: 1\nid: 20250106-0900-ana-k2m4\nguide: discovery\nparticipant:\n  name: Ana\nstarted_at: \"2025-01-06T09:00:00+01:00\"\nnotes:\n",
    );
    if extra_note {
        s.push_str("  - at: \"00:00:30\"\n    text: \"a note only B took\"\n    tags: [pricing]\n");
    }
    for (i, (text, t)) in
        ["too pricey", "slow <export>", "no trust in numbers", "nothing to see"].iter().zip(tags).enumerate()
    {
        s.push_str(&format!("  - at: \"00:0{}:00\"\n    text: \"{text}\"\n    tags: [{t}]\n", i + 1));
    }
    s
}

fn library(root: &Path, name: &str, yaml: &str) -> String {
    let sessions = root.join(name).join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::write(sessions.join("20250106-0900-ana-k2m4.yaml"), yaml).unwrap();
    root.join(name).to_str().unwrap().to_string()
}

#[test]
fn two_coders_get_kappa_per_code_and_their_disagreements() {
    let root = tempfile::tempdir().unwrap();
    let a = library(root.path(), "a", &session(["pricing", "export", "trust", ""], false));
    let b = library(root.path(), "b", &session(["pricing", "export, trust", "pricing", ""], true));
    let (ok, json, err) = fieldnotes(&["agree", &a, &b, "--format", "json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    // Three notes tagged by someone; the untagged one and B's extra note are left out.
    assert_eq!(v["notes"], 3);
    assert_eq!(v["left_out"]["untagged_by_both"], 1);
    assert_eq!(v["left_out"]["b_unmatched_notes"], 1);
    let codes: Vec<(String, serde_json::Value, u64, u64, u64)> = v["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["code"].as_str().unwrap().to_string(),
                c["kappa"].clone(),
                c["a_only"].as_u64().unwrap(),
                c["b_only"].as_u64().unwrap(),
                c["both"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        vec![
            // export: both on one note, neither on two: perfect.
            ("export".into(), serde_json::json!(1.0), 0, 0, 1),
            // pricing: both on one, B only on one, neither on one:
            // po = 2/3, pe = (1/3)(2/3) + (2/3)(1/3) = 4/9, kappa = 0.4.
            ("pricing".into(), serde_json::json!(0.4), 0, 1, 1),
            // trust: A on one note, B on another: po = 1/3, pe = 5/9, kappa = -0.5.
            ("trust".into(), serde_json::json!(-0.5), 1, 1, 0),
        ]
    );
    assert_eq!(v["disagreements"].as_array().unwrap().len(), 2);

    let (ok, text, _) = fieldnotes(&["agree", &a, &b]);
    assert!(ok);
    assert!(text.contains("session id, sitting, time and text"), "the rule is said:\n{text}");
    assert!(text.contains("00:02:00  slow <export>") && text.contains("B: #export #trust"), "{text}");
    let (ok, only, _) = fieldnotes(&["agree", &a, &b, "--codes", "export", "--format", "json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&only).unwrap();
    assert_eq!((v["notes"].clone(), v["overall_kappa"].clone()), (serde_json::json!(1), serde_json::Value::Null));
}

#[test]
fn a_folder_without_sessions_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let a = library(root.path(), "a", &session(["pricing", "", "", ""], false));
    let (ok, _, err) = fieldnotes(&["agree", &a, root.path().join("missing").to_str().unwrap()]);
    assert!(!ok && err.contains("is not a folder"), "{err}");
}

#[test]
fn with_a_codebook_an_alias_counts_as_its_code() {
    let root = tempfile::tempdir().unwrap();
    let a = library(root.path(), "a", &session(["price", "", "", ""], false));
    let b = library(root.path(), "b", &session(["pricing", "", "", ""], false));
    let (_, json, _) = fieldnotes(&["agree", &a, &b, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["codes"].as_array().unwrap().len(), 2, "no codebook: two codes that never meet");
    std::fs::write(Path::new(&a).join("codebook.yaml"), "codes:\n  - name: pricing\n    aliases: [price]\n").unwrap();
    let (ok, json, err) = fieldnotes(&["agree", &a, &b, "--format", "json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["codes"][0]["code"], "pricing");
    assert_eq!((v["codes"][0]["both"].clone(), v["codes"].as_array().unwrap().len()), (serde_json::json!(1), 1));
    let (_, text, _) = fieldnotes(&["agree", &a, &b]);
    assert!(text.contains("Aliases counted as their code, from coder A's codebook.yaml."), "{text}");
}
