//! The guide linter: a table of real-looking questions with the rules they
//! should (and should not) break, the shipped guides, guide-level checks, user
//! rules, and the command's output and exit codes.

mod common;

use common::{cli as fieldnotes, stderr, stdout};

use fieldnotes::analysis::lint::{self, Rules, Severity};
use fieldnotes::domain::guide::{Guide, Question, Section};
use fieldnotes::store::guides;
use fieldnotes::store::lint_rules;
use std::path::Path;

const LEADING: &str = "leading-question";
const CLOSED: &str = "closed-question";
const DOUBLE: &str = "double-barrelled";
const HYPO: &str = "hypothetical-question";
const LONG: &str = "long-question";

/// (question, the rules it should break, in rule order). Rule order is the
/// order of `rules.yaml`: leading, hypothetical, closed, double, long.
const TABLE: &[(&str, &[&str])] = &[
    // Good, open questions, including ones a naive rule would flag.
    ("Tell me about the last time you exported a report.", &[]),
    ("Tell me about a time when the export failed", &[]),
    ("How do you decide which accounts to review first?", &[]),
    ("What do you do when the export fails?", &[]),
    ("What did you do next?", &[]),
    ("What's the hardest part?", &[]),
    ("What’s the hardest part of closing the month?", &[]),
    ("Walk me through how you plan and run a review", &[]),
    ("Walk me through how you plan and run a quarterly review.", &[]),
    ("Who did you talk to before you decided?", &[]),
    ("How did you find out it had failed?", &[]),
    ("Why was that important?", &[]),
    ("What happened then?", &[]),
    ("Tell me more about that.", &[]),
    ("Show me how you would get a colleague into your workspace.", &[]),
    ("Could you walk me through the last report you built?", &[]),
    ("Can you show me where you keep those notes?", &[]),
    ("Can you tell me about your role?", &[]),
    ("Would you mind sharing your screen?", &[]),
    ("Which part of that took the longest?", &[]), // "did" only inside the sentence
    ("What did you expect to happen there?", &[]),
    ("Take a moment to look at this screen. What stands out to you?", &[]),
    ("When did you last do that?", &[]),
    ("How much time does your team spend on this each month?", &[]),
    ("What is the difference between what you planned and what happened?", &[]),
    ("What do you and your manager disagree about?", &[]),
    ("Where did things go differently than you expected?", &[]),
    ("What should I have asked you that I didn't?", &[]),
    ("Don't worry, there are no wrong answers. What does a typical week look like?", &[]),
    ("How did you choose that tool, and why?", &[]),
    ("What have you tried in the past to make this easier?", &[]),
    ("Who else should I talk to about this?", &[]),
    ("What made you say that?", &[]),
    // Leading.
    ("Don't you think the new dashboard is much faster?", &[LEADING]),
    ("Wouldn't you agree that reporting takes too long?", &[LEADING]),
    ("Isn't it frustrating when the export breaks?", &[LEADING]),
    ("How much do you love the new editor?", &[LEADING]),
    ("Don't you hate doing this by hand?", &[LEADING]),
    ("Surely you've had problems with spreadsheets?", &[LEADING]),
    ("You export every Friday, right?", &[LEADING]),
    ("The onboarding was confusing, wasn't it?", &[LEADING]),
    ("Do you agree that the reports are too slow?", &[LEADING]),
    ("How useful was the weekly digest?", &[LEADING]),
    ("Wouldn't it be great if this were automatic?", &[LEADING]),
    // Closed.
    ("Do you use spreadsheets for this?", &[CLOSED]),
    ("Did the export work the first time?", &[CLOSED]),
    ("Is it hard to find the settings?", &[CLOSED]),
    ("Are there other tools you rely on?", &[CLOSED]),
    ("Have you ever tried to automate this?", &[CLOSED]),
    ("Was the onboarding clear?", &[CLOSED]),
    ("Does your team review these every week?", &[CLOSED]),
    ("Is there anything else you'd like to add?", &[CLOSED]),
    ("Has anyone else on your team complained about it?", &[CLOSED]),
    ("You mentioned the export. Did it work the first time?", &[CLOSED]),
    ("Can I ask what you use today?", &[]),
    ("So, do you use it every day?", &[CLOSED]),
    ("Okay so did that work?", &[CLOSED]),
    ("When you export, do you share it with anyone?", &[CLOSED]),
    ("If you remember, could you walk me through it?", &[]),
    ("And how did that go?", &[]),
    ("Was that before or after the migration?", &[CLOSED]),
    // Double-barrelled.
    ("How do you plan the review and how do you share the results?", &[DOUBLE]),
    ("What do you like and dislike about the current tool?", &[DOUBLE]),
    ("What did you try first? What happened?", &[DOUBLE]),
    ("How often do you export reports, and do you share them with your manager?", &[DOUBLE]),
    ("Who signs off on purchases and what does the process look like?", &[DOUBLE]),
    ("What are the pros and cons of your current setup?", &[DOUBLE]),
    ("Do you use Slack, or do you use email?", &[CLOSED, DOUBLE]),
    // Hypothetical.
    ("Would you use a tool that did this automatically?", &[HYPO]),
    ("Would you pay for a faster export?", &[HYPO]),
    ("If we built a Slack integration, would you use it?", &[HYPO]),
    ("How much would you pay for this each month?", &[HYPO]),
    ("Would you buy this if it were half the price?", &[HYPO]),
    ("How likely are you to recommend us to a colleague?", &[HYPO]),
    ("If you could wave a magic wand, what would you change?", &[HYPO]),
    ("What would make you switch to another tool?", &[HYPO]),
    ("Would you be willing to try a beta version?", &[HYPO]),
    ("Will you use the new reports next quarter?", &[HYPO]),
    // Long.
    (
        "When you think back over the last few months of running the weekly reporting process with your team, \
         what stands out to you as the part that takes the most time for everyone involved?",
        &[LONG],
    ),
    ("Tell me about the last time you had to pull together numbers for a meeting at short notice.", &[]),
    // Several at once.
    (
        "Would you use it every day and would you recommend it to colleagues who are in the same situation as \
         you are right now in your current role at the company?",
        &[HYPO, DOUBLE, LONG],
    ),
];

#[test]
fn table_of_questions() {
    let rules = Rules::builtin();
    assert!(TABLE.len() >= 60, "only {} questions", TABLE.len());
    let mut failures = Vec::new();
    for (question, expected) in TABLE {
        let got = lint::check_question(question, &rules);
        if got != *expected {
            failures.push(format!("{question:?}\n    expected {expected:?}\n    got      {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} wrong:\n{}", failures.len(), TABLE.len(), failures.join("\n"));
}

fn q(id: &str, text: &str, probes: &[&str]) -> Question {
    Question { id: id.into(), text: text.into(), probes: probes.iter().map(|p| p.to_string()).collect() }
}

fn guide(duration: Option<u32>, sections: Vec<(Option<u32>, Vec<Question>)>) -> Guide {
    Guide {
        name: "test".into(),
        title: "Test".into(),
        kind: "exploratory".into(),
        objective: String::new(),
        duration,
        closing: None,
        tags: vec![],
        consent: false,
        sections: sections
            .into_iter()
            .enumerate()
            .map(|(i, (budget, questions))| Section { title: format!("S{i}"), budget, questions })
            .collect(),
    }
}

#[test]
fn every_shipped_guide_lints_clean() {
    let rules = Rules::builtin();
    for (name, _) in guides::BUILTIN {
        let g = guides::parse_builtin(name).unwrap().unwrap();
        let findings = lint::lint_guide(&g, &rules);
        assert!(findings.is_empty(), "{name}: {findings:#?}");
    }
}

#[test]
fn the_bad_fixture_guide_breaks_every_builtin_rule() {
    let g = guides::load_file(Path::new("tests/fixtures/guides/bad-guide.yaml")).unwrap();
    let rules = Rules::builtin();
    let findings = lint::lint_guide(&g, &rules);
    let mut fired: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
    fired.sort();
    fired.dedup();
    let mut all: Vec<&str> = rules.all().iter().map(|r| r.id.as_str()).collect();
    all.sort();
    assert_eq!(fired, all);
    // "What's the hardest part?" (2.5) is fine; the closing "Is there anything else…?" is not.
    assert!(!findings.iter().any(|f| f.question_id.as_deref() == Some("2.5")), "{findings:#?}");
    let last = findings.last().unwrap();
    assert_eq!((last.question_id.as_deref(), last.rule.as_str()), (Some("2.6"), CLOSED));
}

#[test]
fn findings_name_question_probe_and_suggestion() {
    let g = guide(
        None,
        vec![(
            None,
            vec![
                q("1.1", "Tell me about your role.", &["Tell me more about that.", "Did that work?"]),
                q("1.2", "Is there anything else you'd like to add?", &[]),
            ],
        )],
    );
    let findings = lint::lint_guide(&g, &Rules::builtin());
    assert_eq!(findings.len(), 2, "{findings:#?}");
    let probe = &findings[0];
    assert_eq!((probe.question_id.as_deref(), probe.probe), (Some("1.1"), Some(2)));
    assert_eq!(probe.question.as_deref(), Some("Did that work?"));
    assert_eq!(probe.location(), "1.1/p2");
    let last = &findings[1];
    assert_eq!((last.rule.as_str(), last.severity), (CLOSED, Severity::Warning));
    assert_eq!(last.location(), "1.2");
    assert!(last.suggestion.as_deref().is_some_and(|s| s.starts_with("What")), "{last:?}");
}

#[test]
fn closing_question_is_linted() {
    let mut g = guide(None, vec![(None, vec![q("1.1", "What brings you here?", &[])])]);
    g.closing = Some("Wouldn't you agree we did well?".into());
    let findings = lint::lint_guide(&g, &Rules::builtin());
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!((findings[0].question_id.as_deref(), findings[0].rule.as_str()), (Some("closing"), LEADING));
}

#[test]
fn over_budget_guide_is_a_guide_level_warning() {
    let questions = || vec![q("x", "What happened next?", &[])];
    let mut g = guide(Some(30), vec![(Some(20), questions()), (Some(15), questions())]);
    g.assign_ids();
    let findings = lint::lint_guide(&g, &Rules::builtin());
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!((f.rule.as_str(), f.severity, f.question_id.as_deref()), ("over-budget", Severity::Warning, None));
    assert!(f.message.contains("35 min") && f.message.contains("30 min"), "{}", f.message);
    // Exactly on budget, or no duration to compare with: nothing to say.
    let on_budget = guide(Some(35), vec![(Some(20), questions()), (Some(15), questions())]);
    assert!(lint::lint_guide(&on_budget, &Rules::builtin()).is_empty());
    let no_duration = guide(None, vec![(Some(20), questions())]);
    assert!(lint::lint_guide(&no_duration, &Rules::builtin()).is_empty());
}

#[test]
fn user_rules_add_override_and_disable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("lint-rules.yaml"),
        r#"openers: [um]
rules:
  # Our team bans jargon.
  - id: jargon
    severity: warning
    explanation: Participants do not speak our internal language.
    suggestion: What do you call…
    contains: ["{synergy|workstream|leverage}"]
  # Closed questions fail our CI.
  - id: closed-question
    severity: error
    explanation: Ask it open.
    suggestion: How…
    questions_only: true
    starts_with: ["{do|did} you"]
  - id: long-question
    severity: warning
    explanation: unused
    disabled: true
"#,
    )
    .unwrap();
    let rules = lint_rules::load(dir.path()).unwrap();
    assert_eq!(lint::check_question("How does this fit your workstream?", &rules), ["jargon"]);
    assert_eq!(lint::check_question("Um did you try it?", &Rules::builtin()), Vec::<String>::new());
    let closed = rules.get(CLOSED).unwrap();
    assert_eq!((closed.severity, closed.suggestion.as_str()), (Severity::Error, "How…"));
    // The replacement is the whole rule: "Is it…" is no longer flagged.
    assert_eq!(lint::check_question("Is it hard?", &rules), Vec::<String>::new());
    assert_eq!(lint::check_question("Did you try it?", &rules), [CLOSED]);
    // Added openers are looked past.
    assert_eq!(lint::check_question("Um did you try it?", &rules), [CLOSED]);
    let long = "word ".repeat(40) + "?";
    assert!(lint::check_question(&long, &rules).is_empty());
    // The built-in rules keep their order; added ones come after.
    let ids: Vec<&str> = rules.all().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.last(), Some(&"jargon"));

    // No file: the built-in rules.
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(lint_rules::load(empty.path()).unwrap().all().len(), Rules::builtin().all().len());
}

#[test]
fn broken_user_rules_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lint-rules.yaml");
    std::fs::write(&path, "rules:\n  - id: x\n    severity: error\n    explanation: y\n    contain: [a]\n").unwrap();
    let e = lint_rules::load(dir.path()).unwrap_err();
    assert_eq!((e.path.as_path(), e.line), (path.as_path(), Some(5)), "{e}");
    std::fs::write(&path, "rules:\n  - id: x\n    severity: error\n    explanation: y\n    contains: ['{a b}']\n")
        .unwrap();
    let e = lint_rules::load(dir.path()).unwrap_err();
    assert_eq!(e.line, Some(2), "{e}");
    assert!(e.message.contains("single words"), "{e}");
}

// ---------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------

const BAD_GUIDE: &str = r#"title: A guide in need of help
duration: 30
sections:
  - title: Warm-up
    budget: 20
    questions:
      - text: Tell me about your role.
        probes: [Tell me more about that., Do you enjoy it?]
  - title: The idea
    budget: 15
    questions:
      - id: idea
        text: Wouldn't you agree that reports take too long?
      - text: If we built an automatic report, would you pay for it?
"#;

const WARNINGS_ONLY: &str = r#"title: Only warnings
sections:
  - title: One
    questions:
      - Do you use spreadsheets for this?
      - What happened next?
"#;

#[test]
fn lint_command_text_output_and_exit_codes() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("bad.yaml"), BAD_GUIDE).unwrap();
    std::fs::write(home.path().join("warn.yaml"), WARNINGS_ONLY).unwrap();

    let out = fieldnotes(home.path(), &["guide", "lint", "bad.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("bad.yaml: warning [over-budget] Section budgets add up to 35 min"), "{text}");
    assert!(lines[1].starts_with(r#"bad.yaml:1.1/p2: warning [closed-question] "Do you enjoy it?" — "#), "{text}");
    assert!(lines[1].ends_with(r#"Try: "What…""#), "{text}");
    assert!(lines[2].starts_with(r#"bad.yaml:idea: error [leading-question] "Wouldn't you agree"#), "{text}");
    assert!(lines[3].starts_with(r#"bad.yaml:2.2: error [hypothetical-question] "If we built"#), "{text}");
    assert!(lines[3].ends_with(r#"Try: "Tell me about the last time you…""#), "{text}");
    assert!(stderr(&out).contains("1 guide checked: 2 errors, 2 warnings"), "{}", stderr(&out));

    // Warnings alone pass CI.
    let out = fieldnotes(home.path(), &["guide", "lint", "warn.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("warn.yaml:1.1: warning [closed-question]"), "{}", stdout(&out));

    // Built-in guides by name, and all at once: clean.
    let out = fieldnotes(home.path(), &["guide", "lint", "discovery", "usability", "churn", "problem-validation"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("4 guides checked: no findings"), "{}", stderr(&out));

    // A folder of guides: every file in it, errors fail the run.
    let out = fieldnotes(home.path(), &["guide", "lint", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("bad.yaml") && stdout(&out).contains("warn.yaml"), "{}", stdout(&out));
}

#[test]
fn lint_command_json_output() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("bad.yaml"), BAD_GUIDE).unwrap();
    let out = fieldnotes(home.path(), &["guide", "lint", "bad.yaml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    let leading = &rows[2];
    assert_eq!(leading["file"], "bad.yaml");
    assert_eq!(leading["question_id"], "idea");
    assert_eq!(leading["question"], "Wouldn't you agree that reports take too long?");
    assert_eq!(leading["rule"], "leading-question");
    assert_eq!(leading["severity"], "error");
    assert!(leading["message"].as_str().unwrap().len() > 10);
    assert!(leading["suggestion"].as_str().unwrap().ends_with('…'));
    assert_eq!(rows[0]["question_id"], serde_json::Value::Null);
    assert_eq!(rows[1]["probe"], 2);
}

#[test]
fn a_guide_that_fails_to_load_is_an_error_with_its_position() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("broken.yaml"), "title: Broken\nsections:\n  - title: One\n    questionz: []\n")
        .unwrap();
    std::fs::write(home.path().join("warn.yaml"), WARNINGS_ONLY).unwrap();
    let out = fieldnotes(home.path(), &["guide", "lint", "warn.yaml", "broken.yaml", "missing.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("broken.yaml:4:5: error [load-error]"), "{text}");
    assert!(text.contains("missing.yaml: error [load-error]"), "{text}");
    let out = fieldnotes(home.path(), &["guide", "lint", "broken.yaml", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((rows[0]["rule"].as_str(), rows[0]["line"].as_u64()), (Some("load-error"), Some(4)));
}

#[test]
fn lint_command_uses_the_users_rules() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("cfg")).unwrap();
    std::fs::write(home.path().join("warn.yaml"), WARNINGS_ONLY).unwrap();
    std::fs::write(
        home.path().join("cfg/lint-rules.yaml"),
        "rules:\n  - id: closed-question\n    severity: error\n    explanation: Closed questions fail our CI.\n    \
         suggestion: How…\n    questions_only: true\n    starts_with: ['{do|did} you']\n",
    )
    .unwrap();
    let out = fieldnotes(home.path(), &["guide", "lint", "warn.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("error [closed-question]"), "{}", stdout(&out));

    std::fs::write(home.path().join("cfg/lint-rules.yaml"), "rules:\n  - id: Nope\n").unwrap();
    let out = fieldnotes(home.path(), &["guide", "lint", "warn.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("lint-rules.yaml"), "{}", stderr(&out));
}

#[test]
fn markdown_guides_can_be_linted_directly() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("guide.md"),
        "# Guide\n\n## One\n\n- Would you pay for this?\n- What happened next?\n",
    )
    .unwrap();
    let out = fieldnotes(home.path(), &["guide", "lint", "guide.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("guide.md:1.1: error [hypothetical-question]"), "{}", stdout(&out));
}
