//! `fieldnotes export --format qdpx` as another research tool receives it: a
//! zip whose `project.qde` validates against the REFI-QDA 1.0 schema (Python's
//! `xmlschema`; the test says it skipped when that is missing), whose
//! selections point at the notes' words, which survives hostile text, which
//! is the same file when exported twice, and which names no one when
//! anonymised.

mod common;

use fieldnotes::store::qdpx::read_entries;
use quick_xml::events::Event;
use std::collections::HashMap;
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

/// XML metacharacters, controls XML 1.0 forbids, a non-BMP emoji, a CDATA
/// end and a fake closing tag, in notes, tags, names and the closing answer.
const HOSTILE: &str = r#"schema: 1
id: 20250106-0900-ana-lopez-k2m4
guide: discovery
title: "Interview <b>& \"Ana López\""
participant:
  name: "Ana López"
  company: "Acme & Sons <Ltd>"
  role: "Head of ]]> Ops"
  segment: smb
started_at: "2025-01-06T09:00:00+01:00"
notes:
  - at: "00:01:00"
    kind: quote
    text: "lopez says </PlainTextContent><x a='1'> & it \u0007rings\u001b[31m red \U0001F600 ok"
    tags: [acme, pricing]
  - at: "00:02:00"
    text: "no tags here"
  - at: "00:03:00"
    kind: pain
    text: "émoji 😀😀 then tab\tand end"
    tags: [trust]
closing:
  question: What else is on your mind?
  answer: "Ask ben okafor \u0000 at Globex #pricing"
  tags: [pricing]
"#;

const OTHER: &str = r#"schema: 1
id: 20250110-1400-ben-okafor-x7q2
guide: discovery
participant:
  name: "Ben Okafor"
  company: "Globex"
  segment: enterprise
started_at: "2025-01-10T14:00:00-05:00"
notes:
  - at: "00:01:00"
    kind: pain
    text: "okafor says globex pays too much"
    tags: [pricing]
"#;

fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::write(sessions.join("20250106-0900-ana-lopez-k2m4.yaml"), HOSTILE).unwrap();
    std::fs::write(sessions.join("20250110-1400-ben-okafor-x7q2.yaml"), OTHER).unwrap();
    std::fs::write(
        sessions.join("20250110-1400-ben-okafor-x7q2.vtt"),
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ben Okafor>We pay too much & it hurts.\n",
    )
    .unwrap();
    dir
}

fn export(data: &Path, extra: &[&str]) -> Vec<(String, String)> {
    let out = data.join("study.qdpx");
    let mut args = vec!["export", "--format", "qdpx", "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    fieldnotes(data, &args);
    read_entries(&std::fs::read(&out).unwrap()).unwrap()
}

/// A selection as the project says it: its source file, range and codes' GUIDs.
#[derive(Debug)]
struct Sel {
    file: String,
    start: usize,
    end: usize,
    codes: Vec<String>,
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned())
}

/// Reads every event (so the document is well-formed) and the selections.
fn selections(qde: &str) -> (Vec<Sel>, HashMap<String, String>) {
    let mut reader = quick_xml::Reader::from_str(qde);
    let (mut sels, mut codes, mut file) = (Vec::new(), HashMap::new(), String::new());
    loop {
        match reader.read_event().expect("project.qde is well-formed XML") {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "TextSource" => file = attr(&e, "plainTextPath").unwrap().trim_start_matches("internal://").to_string(),
                "PlainTextSelection" => sels.push(Sel {
                    file: file.clone(),
                    start: attr(&e, "startPosition").unwrap().parse().unwrap(),
                    end: attr(&e, "endPosition").unwrap().parse().unwrap(),
                    codes: Vec::new(),
                }),
                "CodeRef" => sels.last_mut().unwrap().codes.push(attr(&e, "targetGUID").unwrap()),
                "Code" => {
                    codes.insert(attr(&e, "guid").unwrap(), attr(&e, "name").unwrap());
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    (sels, codes)
}

fn source<'a>(entries: &'a [(String, String)], file: &str) -> &'a str {
    &entries.iter().find(|(n, _)| *n == format!("Sources/{file}")).expect(file).1
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn selections_point_at_the_notes_words_and_carry_their_codes() {
    let lib = library();
    let entries = export(lib.path(), &[]);
    let qde = &entries[0].1;
    assert_eq!(entries[0].0, "project.qde");
    let (sels, codes) = selections(qde);
    let got: Vec<(String, Vec<&str>)> = sels
        .iter()
        .map(|s| {
            (slice(source(&entries, &s.file), s.start, s.end), s.codes.iter().map(|g| codes[g].as_str()).collect())
        })
        .collect();
    let replacement = '\u{FFFD}';
    assert_eq!(
        got,
        vec![
            (
                format!("lopez says </PlainTextContent><x a='1'> & it {replacement}rings{replacement}[31m red 😀 ok"),
                vec!["acme", "pricing"]
            ),
            ("émoji 😀😀 then tab\tand end".to_string(), vec!["trust"]),
            (format!("Ask ben okafor {replacement} at Globex #pricing"), vec!["pricing"]),
            ("okafor says globex pays too much".to_string(), vec!["pricing"]),
        ]
    );
    // The untagged note is in the source but is no selection; the transcript is in Ben's.
    assert!(entries.iter().any(|(_, t)| t.contains("[00:02:00] no tags here")));
    assert!(entries.iter().any(|(_, t)| t.contains("Ben Okafor: We pay too much & it hurts.")));
    // Cases: one per participant, with their segment as a variable.
    assert!(qde.contains("<Case ") && qde.contains("<TextValue>enterprise</TextValue>"), "{qde}");
}

#[test]
fn hostile_text_leaves_no_forbidden_character_and_nothing_unescaped() {
    let lib = library();
    let entries = export(lib.path(), &[]);
    for (name, text) in &entries {
        let bad: Vec<char> = text
            .chars()
            .filter(
                |&c| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'),
            )
            .collect();
        assert!(bad.is_empty(), "{name} holds {bad:?}");
    }
    let qde = &entries[0].1;
    assert!(!qde.contains("<x a=") && !qde.contains("<b>"), "{qde}");
    assert!(qde.contains("Acme &amp; Sons &lt;Ltd&gt;"), "{qde}");
}

#[test]
fn two_exports_of_the_same_library_are_the_same_file_and_a_new_note_changes_only_its_lines() {
    let lib = library();
    let out = lib.path().join("study.qdpx");
    export(lib.path(), &[]);
    let first = std::fs::read(&out).unwrap();
    export(lib.path(), &[]);
    assert_eq!(first, std::fs::read(&out).unwrap(), "same library, same bytes");

    let before = read_entries(&first).unwrap()[0].1.clone();
    let path = lib.path().join("sessions/20250110-1400-ben-okafor-x7q2.yaml");
    let more = std::fs::read_to_string(&path).unwrap()
        + "  - at: \"00:02:00\"\n    kind: idea\n    text: \"per-seat discount\"\n    tags: [pricing]\n";
    std::fs::write(&path, more).unwrap();
    let after = export(lib.path(), &[])[0].1.clone();
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    let added: Vec<&&str> = new.iter().filter(|l| !old.contains(l)).collect();
    let removed: Vec<&&str> = old.iter().filter(|l| !new.contains(l)).collect();
    assert!(removed.is_empty(), "every GUID and line stays: {removed:?}");
    // The new selection and its coding (the other lines it adds, a CodeRef
    // to pricing and closing tags, already stood elsewhere in the file).
    assert_eq!(added.len(), 2, "{added:?}");
    assert!(added[0].contains("<PlainTextSelection ") && added[1].contains("<Coding "), "{added:?}");
}

fn words(text: &str) -> std::collections::HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

#[test]
fn an_anonymised_project_names_no_one_anywhere() {
    let lib = library();
    let entries = export(lib.path(), &["--anonymize"]);
    let secrets = ["ana", "lópez", "lopez", "acme", "sons", "ben", "okafor", "globex"];
    for (name, text) in &entries {
        let w = words(text);
        let leaked: Vec<&&str> = secrets.iter().filter(|s| w.contains(**s)).collect();
        assert!(leaked.is_empty(), "{name} names {leaked:?}:\n{text}");
        assert!(!name.to_lowercase().contains("ana") && !name.to_lowercase().contains("okafor"), "{name}");
    }
    let qde = &entries[0].1;
    assert!(qde.contains("name=\"P1\"") && qde.contains("<TextValue>C1</TextValue>"), "{qde}");
}

/// Python's `xmlschema` validating `file` against `schema`, or why it cannot.
fn validate(schema: &Path, file: &Path) -> Result<Result<(), String>, String> {
    let check = Command::new("python3").args(["-c", "import xmlschema"]).output();
    match check {
        Err(e) => return Err(format!("no python3 ({e})")),
        Ok(o) if !o.status.success() => {
            return Err("python3 has no xmlschema (`pip install xmlschema`; .ci/run installs it)".into());
        }
        Ok(_) => {}
    }
    let out = Command::new("python3")
        .args(["-c", "import sys, xmlschema; xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2])"])
        .arg(schema)
        .arg(file)
        .output()
        .unwrap();
    Ok(if out.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&out.stderr).into_owned()) })
}

fn project_schema() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/refi/Project.xsd")
}

#[test]
fn the_project_validates_against_the_refi_qda_schema() {
    let lib = library();
    for extra in [&[][..], &["--anonymize"], &["--segment", "smb"]] {
        let entries = export(lib.path(), extra);
        let qde = lib.path().join("project.qde");
        std::fs::write(&qde, &entries[0].1).unwrap();
        match validate(&project_schema(), &qde) {
            Err(why) => {
                common::skipped(&format!("the_project_validates_against_the_refi_qda_schema: {why}"));
                return;
            }
            Ok(result) => assert_eq!(result, Ok(()), "{extra:?}:\n{}", entries[0].1),
        }
    }
}

/// The project schema turned into the codebook file's: the same types under
/// the codebook namespace, with `CodeBook` as a root element (what a `.qdc`
/// is, per the standard).
fn codebook_schema(dir: &Path) -> std::path::PathBuf {
    let project = std::fs::read_to_string(project_schema()).unwrap();
    let codebook = project.replace("urn:QDA-XML:project:1.0", "urn:QDA-XML:codebook:1.0").replacen(
        "<xsd:element name=\"Project\" type=\"ProjectType\">",
        "<xsd:element name=\"CodeBook\" type=\"CodeBookType\"/>\n\t<xsd:element name=\"Project\" type=\"ProjectType\">",
        1,
    );
    assert_ne!(codebook, project);
    let path = dir.join("Codebook.xsd");
    std::fs::write(&path, codebook).unwrap();
    path
}

#[test]
fn a_hostile_codebook_file_validates_against_the_refi_qda_schema() {
    use fieldnotes::analysis::refi::codebook_xml::{qdc, read_codebook};
    use fieldnotes::analysis::refi::codes::{ExCode, ExCodebook, ExTheme};
    let cb = ExCodebook {
        codes: vec![
            ExCode {
                name: "pricing <&> \"q\"".into(),
                description: Some("costs ]]> \u{7} 😀".into()),
                use_when: Some("money".into()),
                examples: vec!["too </Description> pricey".into()],
                theme: Some("Money & co".into()),
                aliases: vec!["price".into()],
                colour: Some("#f80".into()),
                ..ExCode::default()
            },
            ExCode { name: "plain".into(), colour: Some("red".into()), ..ExCode::default() },
        ],
        themes: vec![ExTheme { name: "Money & co".into(), description: Some("all of it".into()), colour: None }],
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("codebook.qdc");
    let text = qdc(&cb);
    std::fs::write(&file, &text).unwrap();
    // It reads back, the forbidden character replaced, the named colour left out.
    let back = read_codebook(&text).unwrap();
    assert_eq!(back.codes[0].description.as_deref(), Some("costs ]]> \u{FFFD} 😀"));
    assert_eq!(back.codes[1].colour, None);
    match validate(&codebook_schema(dir.path()), &file) {
        Err(why) => common::skipped(&format!("a_hostile_codebook_file_validates_against_the_refi_qda_schema: {why}")),
        Ok(result) => assert_eq!(result, Ok(()), "{text}"),
    }
}

const CODEBOOK: &str = r##"themes:
  - name: Money
    description: What it costs & who pays
codes:
  - name: pricing
    description: "What it costs <and> whether that feels \"fair\""
    use_when: money or plans are named
    not_when: it is about value, not cost
    examples: ["too pricey for us", "we pay per seat, per month"]
    theme: Money
    aliases: [price, cost]
    colour: "#ff8800"
  - name: billing
    theme: Money
  - name: trust
    description: Trust in the data
"##;

fn run_in(data: &Path, args: &[&str]) -> String {
    fieldnotes(data, args)
}

#[test]
fn a_codebook_exported_and_imported_elsewhere_is_the_same_codebook() {
    for format in ["qdc", "csv"] {
        let ours = library();
        std::fs::write(ours.path().join("codebook.yaml"), CODEBOOK).unwrap();
        let file = ours.path().join(format!("codebook.{format}"));
        run_in(ours.path(), &["codebook", "export", "--format", format, "-o", file.to_str().unwrap()]);
        let theirs = tempfile::tempdir().unwrap();
        let said = run_in(theirs.path(), &["codebook", "import", file.to_str().unwrap()]);
        assert!(
            said.contains("added 3 codes: pricing, billing, trust") && said.contains("added 1 theme: Money"),
            "{said}"
        );
        let back = std::fs::read_to_string(theirs.path().join("codebook.yaml")).unwrap();
        let want: serde_json::Value = serde_saphyr::from_str(CODEBOOK).unwrap();
        let mut got: serde_json::Value = serde_saphyr::from_str(&back).unwrap();
        if format == "csv" {
            // CSV carries codes; a theme's own description only travels in the .qdc.
            got["themes"][0]["description"] = want["themes"][0]["description"].clone();
        }
        assert_eq!(got, want, "{format}:\n{back}");
        // Importing it again changes nothing.
        let again = run_in(theirs.path(), &["codebook", "import", file.to_str().unwrap()]);
        assert!(again.starts_with("Nothing to change"), "{again}");
    }
}

#[test]
fn an_import_keeps_local_fields_and_keys_it_does_not_carry() {
    let lib = library();
    std::fs::write(lib.path().join("codebook.yaml"), format!("{CODEBOOK}    owner: ana\n")).unwrap();
    let csv = lib.path().join("taguette.csv");
    std::fs::write(&csv, "tag,description,highlights\r\nPrice,Money talk,4\r\nVendor Trust,,2\r\n").unwrap();
    let said = run_in(lib.path(), &["codebook", "import", csv.to_str().unwrap()]);
    assert!(said.contains("added 1 code: vendor-trust") && said.contains("updated pricing: description"), "{said}");
    let yaml: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string(lib.path().join("codebook.yaml")).unwrap()).unwrap();
    let pricing = &yaml["codes"][0];
    assert_eq!(pricing["description"], "Money talk");
    assert_eq!(pricing["use_when"], "money or plans are named", "a field the import leaves empty stays");
    assert_eq!(yaml["codes"][2]["owner"], "ana", "a key fieldnotes does not know stays");
    assert_eq!(yaml["codes"][3]["name"], "vendor-trust");
}

#[test]
fn the_codebook_file_and_a_project_with_themes_validate_against_the_schema() {
    let lib = library();
    std::fs::write(lib.path().join("codebook.yaml"), CODEBOOK).unwrap();
    let qdc = lib.path().join("codebook.qdc");
    run_in(lib.path(), &["codebook", "export", "-o", qdc.to_str().unwrap()]);
    let entries = export(lib.path(), &[]);
    let qde_text = &entries[0].1;
    // The theme is a parent code holding its codes; a tag the codebook lacks is a code of its own.
    let money = qde_text.find("name=\"Money\" isCodable=\"false\"").expect(qde_text);
    let pricing = qde_text.find("name=\"pricing\" isCodable=\"true\" color=\"#ff8800\"").expect(qde_text);
    assert!(money < pricing && qde_text.contains("name=\"acme\" isCodable=\"true\""), "{qde_text}");
    let qde = lib.path().join("project.qde");
    std::fs::write(&qde, qde_text).unwrap();
    for (schema, file) in [(codebook_schema(lib.path()), &qdc), (project_schema(), &qde)] {
        match validate(&schema, file) {
            Err(why) => {
                common::skipped(&format!(
                    "the_codebook_file_and_a_project_with_themes_validate_against_the_schema: {why}"
                ));
                return;
            }
            Ok(result) => assert_eq!(result, Ok(()), "{}", file.display()),
        }
    }
}
