//! Guides from and to Markdown: importing the shapes teams write guides in,
//! warnings for what cannot be placed, and import(export(g)) == g.

mod common;

use common::{cli as fieldnotes, stderr};

use fieldnotes::analysis::guide_markdown::{export, import};
use fieldnotes::domain::guide::{Guide, Question, Section};
use fieldnotes::store::{guides, yaml};
use proptest::prelude::*;

/// A guide as import gives it back: ids by position, the given name.
fn normalized(g: &Guide, name: &str) -> Guide {
    let mut g = g.clone();
    g.name = name.to_string();
    for (s, section) in g.sections.iter_mut().enumerate() {
        for (q, question) in section.questions.iter_mut().enumerate() {
            question.id = format!("{}.{}", s + 1, q + 1);
        }
    }
    g
}

fn assert_round_trip(g: &Guide) {
    let md = export(g);
    let back = import(&md, "rt");
    assert!(back.warnings.is_empty(), "warnings {:?} for:\n{md}", back.warnings);
    assert_eq!(back.guide, normalized(g, "rt"), "through:\n{md}");
}

fn q(text: &str, probes: &[&str]) -> Question {
    Question { id: String::new(), text: text.into(), probes: probes.iter().map(|p| p.to_string()).collect() }
}

fn section(title: &str, budget: Option<u32>, questions: Vec<Question>) -> Section {
    Section { title: title.into(), budget, questions }
}

const TEAM_DOC: &str = "\
# Onboarding interview (45 min)

We want to learn how new admins set up their workspace,
and where they get stuck.

**Duration:** 40 minutes

## Warm-up (5 min)

1. Tell me a little about your role.
   - What does a typical week look like?
   - Who do you work with most?

2. **How did you come to be in this role?**

## Setting up — 15 minutes

- Tell me about the _first day_ you used the product.
    * What did you do first?
    * What happened then?
+ Walk me through how you invited your team.

Note to interviewer: keep an eye on the time.

1) What was the hardest part of the setup?
2) What did you do when you got stuck?

| Task | Time |
|------|------|
| Invite | 5 |

## Workarounds - 10 min

* What have you tried to make this easier?

```
do not import me
```

## Wrap-up (5 minutes)

- What should I have asked you that I didn't?
- Who else should I talk to?
";

#[test]
fn imports_a_team_doc() {
    let imported = import(TEAM_DOC, "onboarding");
    let g = &imported.guide;
    assert_eq!(g.title, "Onboarding interview");
    assert_eq!(g.objective, "We want to learn how new admins set up their workspace, and where they get stuck.");
    // The "Duration:" line wins over the time in the title.
    assert_eq!(g.duration, Some(40));
    assert_eq!(g.kind, "exploratory");
    let shape: Vec<(&str, Option<u32>, usize)> =
        g.sections.iter().map(|s| (s.title.as_str(), s.budget, s.questions.len())).collect();
    assert_eq!(
        shape,
        [("Warm-up", Some(5), 2), ("Setting up", Some(15), 4), ("Workarounds", Some(10), 1), ("Wrap-up", Some(5), 2)]
    );
    let warmup = &g.sections[0].questions;
    assert_eq!(warmup[0].id, "1.1");
    assert_eq!(warmup[0].probes, ["What does a typical week look like?", "Who do you work with most?"]);
    assert_eq!(warmup[1].text, "How did you come to be in this role?");
    let setup = &g.sections[1].questions;
    assert_eq!(setup[0].text, "Tell me about the first day you used the product.");
    assert_eq!(setup[0].probes, ["What did you do first?", "What happened then?"]);
    assert_eq!(setup[1].text, "Walk me through how you invited your team.");
    assert_eq!(setup[3].id, "2.4");
    assert_eq!(g.sections[3].questions[1].text, "Who else should I talk to?");

    let warnings: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "line 23: text between lists not imported: \"Note to interviewer: keep an eye on the time.\"",
            "line 28: table (lines 28–30) not imported",
            "line 36: code block (lines 36–38) not imported",
        ]
    );
    g.validate().unwrap();
}

#[test]
fn windows_line_endings_and_a_byte_order_mark_change_nothing() {
    let crlf = format!("\u{feff}{}", TEAM_DOC.replace('\n', "\r\n"));
    let a = import(TEAM_DOC, "x");
    let b = import(&crlf, "x");
    assert_eq!(a.guide, b.guide);
    assert_eq!(a.warnings, b.warnings);
}

#[test]
fn imported_yaml_loads_back_through_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let imported = import(TEAM_DOC, "onboarding");
    let path = dir.path().join("onboarding.yaml");
    std::fs::write(&path, yaml::to_string(&imported.guide).unwrap()).unwrap();
    let loaded = guides::load_file(&path).unwrap();
    assert_eq!(loaded, imported.guide);
}

#[test]
fn without_section_headings_a_lone_heading_is_the_title() {
    let md = "# Quick check-in\n\n- What happened since we last spoke?\n  - What changed?\n- What is next for you?\n";
    let imported = import(md, "check-in");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let g = imported.guide;
    assert_eq!(g.title, "Quick check-in");
    assert_eq!(g.sections.len(), 1);
    assert_eq!(g.sections[0].title, "Questions");
    assert_eq!(g.sections[0].questions[0].probes, ["What changed?"]);

    // Several top-level headings and no `##`: they are the sections.
    let md = "# Warm-up (5 min)\n- Tell me about your role.\n# Tasks\n- Show me how you export.\n";
    let imported = import(md, "no-title");
    let g = &imported.guide;
    assert_eq!(g.title, "no-title");
    assert_eq!(
        g.sections.iter().map(|s| (s.title.as_str(), s.budget)).collect::<Vec<_>>(),
        [("Warm-up", Some(5)), ("Tasks", None)]
    );
    assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
    assert!(imported.warnings[0].message.contains("no `#` title heading"), "{:?}", imported.warnings);
}

#[test]
fn metadata_lines_objective_sections_and_odd_markup() {
    let md = "\
Prepared by Ana

# Pricing interview
Kind: validation
Tags: #pricing #budget, Buying Process
Closing question: What else should we know?
Objective: Learn how teams buy tools.

## Goals
Find the budget owner.

## Questions
- [ ] **What** did you buy last?
  - Who signed off?
    - Deeper still?
-
> a quote from last round
<!-- reviewer: cut this section?
-->
- Time: 5 min
";
    let imported = import(md, "pricing");
    let g = &imported.guide;
    assert_eq!(g.title, "Pricing interview");
    assert_eq!(g.kind, "validation");
    assert_eq!(g.tags, ["pricing", "budget", "buying-process"]);
    assert_eq!(g.closing.as_deref(), Some("What else should we know?"));
    assert_eq!(g.objective, "Learn how teams buy tools.\n\nFind the budget owner.");
    // The Goals section gave its text to the objective and is gone.
    assert_eq!(g.sections.len(), 1);
    let qs = &g.sections[0].questions;
    assert_eq!(qs[0].text, "What did you buy last?");
    assert_eq!(qs[0].probes, ["Who signed off?", "Deeper still?"]);
    assert_eq!(qs[1].text, "Time: 5 min");
    let lines: Vec<usize> = imported.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, [1, 15, 16, 17, 18], "{:?}", imported.warnings);
}

#[test]
fn the_sample_discussion_guide_imports_and_lints_clean() {
    let md = std::fs::read_to_string("tests/fixtures/guides/discussion-guide.md").unwrap();
    let imported = import(&md, "discussion-guide");
    let g = &imported.guide;
    assert_eq!(g.title, "Reporting discovery — discussion guide");
    // A wrapped "Goal:" line stays one paragraph.
    assert_eq!(
        g.objective,
        "understand how finance teams put together the monthly report today, where it breaks down, and what \
         they already do about it."
    );
    assert_eq!((g.duration, g.tags.len(), g.question_count()), (Some(45), 3, 9));
    let lines: Vec<usize> = imported.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, [25, 33], "{:?}", imported.warnings);
    let findings = fieldnotes::analysis::lint::lint_guide(g, &fieldnotes::analysis::lint::Rules::builtin());
    assert!(findings.is_empty(), "{findings:#?}");
    assert_round_trip(g);
}

#[test]
fn an_empty_title_heading_falls_back_to_the_name() {
    let imported = import("#\n## One\n- What happened?\n", "fallback");
    assert_eq!(imported.guide.title, "fallback");
    imported.guide.validate().unwrap();
    assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
}

#[test]
fn nothing_to_import_is_an_invalid_guide() {
    let imported = import("# Just a title\n\nSome words.\n", "x");
    assert!(imported.guide.validate().is_err());
}

// ---------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------

#[test]
fn shipped_guides_round_trip() {
    for (name, _) in guides::BUILTIN {
        let g = guides::parse_builtin(name).unwrap().unwrap();
        assert_round_trip(&g);
    }
}

#[test]
fn guides_of_different_shapes_round_trip() {
    let base = Guide {
        name: String::new(),
        title: "A guide".into(),
        kind: "exploratory".into(),
        objective: String::new(),
        duration: None,
        closing: None,
        tags: vec![],
        consent: false,
        sections: vec![section("Only", None, vec![q("What happened?", &[])])],
    };
    // Bare: no objective, duration, budgets or probes.
    assert_round_trip(&base);
    // Everything set, an empty section, paragraphs in the objective.
    assert_round_trip(&Guide {
        kind: "usability".into(),
        objective: "First paragraph.\n\nSecond paragraph.".into(),
        duration: Some(0),
        closing: Some("Anything else?".into()),
        tags: vec!["a_b".into(), "pain-point".into()],
        consent: false,
        sections: vec![
            section("Intro", Some(0), vec![]),
            section("Main", Some(90), vec![q("One?", &["p1", "p2"]), q("Two?", &[])]),
        ],
        ..base.clone()
    });
    // Text that looks like markup.
    assert_round_trip(&Guide {
        title: "# Not (5 min)".into(),
        objective: "Duration: 45 min\n\n- not a list\n\n1. not numbered\n\n**bold** _em_ \\ | table > quote".into(),
        closing: Some("*star* (2 min)".into()),
        sections: vec![
            section("Tasks (5 min)", None, vec![q("- starts with a dash", &["1) numbered", "[ ] box", "## hashes"])]),
            section("Wrap-up — 5 minutes", Some(3), vec![q("snake_case and 5 * 3 and **x**", &["`code`"])]),
            section("Ends with hashes ##", None, vec![q("---", &["***", "> q", "| t |"])]),
            section("Time: 5 min", None, vec![q("Time: 5 min", &[])]),
        ],
        ..base.clone()
    });
}

#[test]
fn markdown_in_different_shapes_is_stable_through_export() {
    let docs = [
        TEAM_DOC.to_string(),
        TEAM_DOC.replace('\n', "\r\n"),
        "# Numbered\n\n## One\n\n1. First?\n\n2. Second?\n   1. Probe?\n\n10) Tenth?\n".to_string(),
        "# Bullets\n## A\n* **Bold question?**\n\n\n* __Also bold__ and *em*\n    + probe\n".to_string(),
        "# Tabs\n## A\n-\tOne?\n\t-\tProbe?\n".to_string(),
    ];
    for md in docs {
        let first = import(&md, "x").guide;
        first.validate().unwrap();
        assert_round_trip(&first);
    }
}

fn text_strategy() -> impl Strategy<Value = String> {
    // Words and the characters Markdown gives meaning to, single-line and trimmed.
    proptest::collection::vec(
        prop_oneof![
            "[A-Za-z]{1,8}",
            // Markup characters run together with words: "a_b", "**x", "(5min)".
            "[A-Za-z0-9*_#\\\\()\\[\\]:|>`~.?!—-]{1,12}",
            Just("*".to_string()),
            Just("**".to_string()),
            Just("_".to_string()),
            Just("\\".to_string()),
            Just("#".to_string()),
            Just("-".to_string()),
            Just("—".to_string()),
            Just("1.".to_string()),
            Just("(5 min)".to_string()),
            Just(": 3 min".to_string()),
            Just("[ ]".to_string()),
            Just(">".to_string()),
            Just("|".to_string()),
            Just("?".to_string()),
            Just("Duration:".to_string()),
        ],
        1..6,
    )
    .prop_map(|words| words.join(" "))
}

fn guide_strategy() -> impl Strategy<Value = Guide> {
    let question = (text_strategy(), proptest::collection::vec(text_strategy(), 0..3))
        .prop_map(|(text, probes)| Question { id: String::new(), text, probes });
    let section = (text_strategy(), proptest::option::of(0u32..200), proptest::collection::vec(question, 1..4))
        .prop_map(|(title, budget, questions)| Section { title, budget, questions });
    (
        text_strategy(),
        prop_oneof![Just("exploratory".to_string()), "[a-z]{1,10}"],
        proptest::option::of(text_strategy()),
        proptest::option::of(0u32..300),
        proptest::option::of(text_strategy()),
        proptest::collection::vec("[a-z][a-z0-9_-]{0,8}", 0..4),
        proptest::collection::vec(section, 1..4),
        any::<bool>(),
    )
        .prop_map(|(title, kind, objective, duration, closing, mut tags, sections, consent)| {
            tags.dedup();
            let mut seen = std::collections::HashSet::new();
            tags.retain(|t| seen.insert(t.clone()));
            normalized(
                &Guide {
                    name: String::new(),
                    title,
                    kind,
                    objective: objective.unwrap_or_default(),
                    duration,
                    closing,
                    tags,
                    consent,
                    sections,
                },
                "",
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]
    #[test]
    fn any_valid_guide_round_trips(g in guide_strategy()) {
        prop_assume!(g.validate().is_ok());
        let md = export(&g);
        let back = import(&md, "rt");
        prop_assert!(back.warnings.is_empty(), "warnings {:?} for:\n{}", back.warnings, md);
        prop_assert_eq!(back.guide, normalized(&g, "rt"), "through:\n{}", md);
    }
}

// ---------------------------------------------------------------------------
// The commands
// ---------------------------------------------------------------------------

#[test]
fn import_command_writes_a_guide_that_loads() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("team.md"), TEAM_DOC).unwrap();
    let out = fieldnotes(home.path(), &["guide", "import", "team.md", "-o", "onboarding.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("team.md:23: warning: text between lists not imported"), "{err}");
    assert!(err.contains("team.md:28: warning: table (lines 28–30) not imported"), "{err}");
    assert!(err.contains("9 questions in 4 sections → onboarding.yaml"), "{err}");
    let g = guides::load_file(&home.path().join("onboarding.yaml")).unwrap();
    assert_eq!(g.title, "Onboarding interview");
    assert_eq!(g.question_count(), 9);

    // Without -o, the YAML goes to standard output; the guide can then be used by path.
    let out = fieldnotes(home.path(), &["guide", "import", "team.md"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("# Imported from team.md"), "{text}");
    assert!(text.contains("title: Onboarding interview"), "{text}");

    // And exported back to Markdown.
    let out = fieldnotes(home.path(), &["guide", "export", "onboarding.yaml", "--format", "md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.starts_with("# Onboarding interview\n"), "{md}");
    assert!(
        md.contains(
            "## Warm-up (5 min)\n\n- Tell me a little about your role.\n  - What does a typical week look like?"
        ),
        "{md}"
    );
}

#[test]
fn import_command_fails_when_nothing_can_be_imported() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("empty.md"), "# Title only\n\nA paragraph.\n").unwrap();
    let out = fieldnotes(home.path(), &["guide", "import", "empty.md", "-o", "x.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nothing imported"), "{}", stderr(&out));
    assert!(!home.path().join("x.yaml").exists());
    let out = fieldnotes(home.path(), &["guide", "import", "missing.md"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn export_command_yaml_loads_back_for_every_shipped_guide() {
    let home = tempfile::tempdir().unwrap();
    for (name, _) in guides::BUILTIN {
        let out = fieldnotes(home.path(), &["guide", "export", name, "--format", "yaml"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let path = home.path().join(format!("{name}.yaml"));
        std::fs::write(&path, &out.stdout).unwrap();
        let back = guides::load_file(&path).unwrap();
        assert_eq!(back, guides::parse_builtin(name).unwrap().unwrap(), "{name}");
    }
}
