//! The session file contract: what users and teammates write by hand loads,
//! what we write loads back identically, and keys we do not know survive.

use fieldnotes::domain::note::Kind;
use fieldnotes::domain::session::{Closing, Note, Offset, Participant, Session};
use fieldnotes::store::library::load_session;
use fieldnotes::store::writer::write_session;
use fieldnotes::store::yaml;
use proptest::prelude::*;
use std::path::Path;

const CONTRACT_EXAMPLE: &str = r#"schema: 1
id: 20261122-1430-ana-lopez          # unique, also the file's stem
guide: discovery
title: Discovery interview — Ana López
participant: {name: Ana López, company: Acme, role: Ops lead, segment: mid-market}
started_at: 2026-11-22T14:30:05+01:00
ended_at: 2026-11-22T15:12:40+01:00   # absent or null while in progress
notes:
  - at: "00:03:12"                   # offset from started_at
    text: We export to Excel every Friday
    kind: quote                       # note | quote | pain | idea | followup | insight
    question: "2.1"                   # id of the guide question current when taken
    tags: [workaround, reporting]
closing:
  question: What else is on your mind?
  answer: Honestly, the AWS bill reports eat my Mondays.
"#;

fn parse(text: &str) -> Session {
    yaml::from_str(text, Path::new("test.yaml")).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_documented_example_loads() {
    let s = parse(CONTRACT_EXAMPLE);
    assert_eq!(s.id, "20261122-1430-ana-lopez");
    assert_eq!(s.participant.name, "Ana López");
    assert_eq!(s.participant.segment.as_deref(), Some("mid-market"));
    assert_eq!(s.started_at.to_rfc3339(), "2026-11-22T14:30:05+01:00");
    assert_eq!(s.notes[0].at, Offset(192));
    assert_eq!(s.notes[0].kind, Kind::Quote);
    assert_eq!(s.notes[0].question.as_deref(), Some("2.1"));
    assert_eq!(s.notes[0].tags, vec!["workaround", "reporting"]);
    assert_eq!(s.closing_answer(), Some("Honestly, the AWS bill reports eat my Mondays."));
}

#[test]
fn our_output_matches_the_documented_shape() {
    let s = parse(CONTRACT_EXAMPLE);
    let out = yaml::to_string(&s).unwrap();
    for line in [
        "schema: 1\n",
        "id: 20261122-1430-ana-lopez\n",
        "  name: Ana López\n",
        "started_at: \"2026-11-22T14:30:05+01:00\"\n",
        "- at: \"00:03:12\"\n",
        "  question: \"2.1\"\n",
        "  tags: [workaround, reporting]\n",
        "  answer: Honestly, the AWS bill reports eat my Mondays.\n",
    ] {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
}

#[test]
fn hand_written_styles_load() {
    // Flow style, unquoted numbers as text, no tags, null end, seconds as a number.
    let s = parse(
        "{schema: 1, id: x, guide: g, participant: {name: 'Bo'}, started_at: '2026-01-02T03:04:05Z', ended_at: ~, \
         notes: [{at: 95, text: hi}, {at: '1:02:03', text: 42, kind: pain, question: 2.1, tags: ~}]}",
    );
    assert_eq!(s.ended_at, None);
    assert_eq!(s.notes[0].at, Offset(95));
    assert_eq!(s.notes[0].kind, Kind::Note);
    assert!(s.notes[0].tags.is_empty());
    assert_eq!(s.notes[1].text, "42");
    assert_eq!(s.notes[1].question.as_deref(), Some("2.1"));
    assert_eq!(s.notes[1].at, Offset(3723));
    assert_eq!(s.title, "");
    // Block style with literal scalars.
    let s = parse(
        "schema: 1\nid: y\nguide: g\nparticipant:\n  name: |-\n    Ana\nstarted_at: 2026-01-02T03:04:05+02:00\nnotes: []\n",
    );
    assert_eq!(s.participant.name, "Ana");
    assert!(s.notes.is_empty());
}

#[test]
fn unknown_keys_survive_a_rewrite() {
    let text = "schema: 1\nid: z\nguide: g\nparticipant: {name: A, email: a@example.com}\n\
                started_at: 2026-01-02T03:04:05Z\nproject: atlas\nnotes:\n  - at: '00:00:01'\n    text: t\n    \
                done: true\n    clip: {start: 3, end: 9}\nclosing: {question: Q, answer: A, asked_at: '00:40:00'}\n";
    let s = parse(text);
    let again = parse(&yaml::to_string(&s).unwrap());
    assert_eq!(s, again);
    let out = yaml::to_string(&again).unwrap();
    for kept in ["project: atlas", "email: a@example.com", "done: true", "start: 3", "asked_at:"] {
        assert!(out.contains(kept), "lost {kept:?}:\n{out}");
    }
}

#[test]
fn wrong_types_name_the_line() {
    let e = yaml::from_str::<Session>(
        "schema: 1\nid: a\nguide: g\nparticipant: {name: A}\nstarted_at: yesterday\nnotes: []\n",
        Path::new("s.yaml"),
    )
    .unwrap_err();
    assert!(e.line.is_some(), "{e}");
    assert!(e.to_string().starts_with("s.yaml:"), "{e}");
    let e = yaml::from_str::<Session>("schema: 1\nid: [\n", Path::new("s.yaml")).unwrap_err();
    assert!(e.line.is_some(), "{e}");
}

#[test]
fn a_file_whose_id_differs_from_its_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other-name.yaml");
    std::fs::write(&path, CONTRACT_EXAMPLE).unwrap();
    let err = load_session(&path).unwrap_err();
    assert!(err.message.contains("must match"), "{err}");
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("no".to_string()),
        Just("007".to_string()),
        Just("~".to_string()),
        Just("null".to_string()),
        Just("- ".to_string()),
        Just("# not a comment".to_string()),
        Just("key: value".to_string()),
        Just("1.10".to_string()),
        Just("true".to_string()),
        Just("line\r\nbreak\ttab".to_string()),
        Just("  leading and trailing  ".to_string()),
        Just("'quoted' \"double\"".to_string()),
        Just("日本語 😩 café".to_string()),
        Just("@at `tick` *star &amp !bang %pct".to_string()),
        "\\PC{0,40}",
    ]
}

fn kind() -> impl Strategy<Value = Kind> {
    proptest::sample::select(Kind::ALL.to_vec())
}

fn note() -> impl Strategy<Value = Note> {
    (
        0u32..400_000,
        text(),
        kind(),
        proptest::option::of(text()),
        proptest::collection::vec("[a-z][a-z0-9_-]{0,8}", 0..3),
        any::<bool>(),
    )
        .prop_map(|(at, text, kind, question, tags, starred)| Note {
            at: Offset(at),
            sitting: None,
            text,
            kind,
            question,
            tags,
            done: false,
            starred,
            from_transcript: false,
            typed: None,
            extra: Default::default(),
        })
}

fn session() -> impl Strategy<Value = Session> {
    (
        text(),
        proptest::option::of(text()),
        proptest::collection::vec(note(), 0..6),
        proptest::option::of((text(), proptest::option::of(text()))),
        proptest::option::of(text()),
    )
        .prop_map(|(name, company, notes, closing, draft)| {
            let started = chrono::DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap();
            let participant = Participant { name, company, role: None, segment: None, extra: Default::default() };
            let mut s = Session::new("20261122-1430-x".into(), "discovery", "Discovery", participant, started);
            s.notes = notes;
            s.closing = closing.map(|(question, answer)| Closing {
                question,
                answer,
                tags: Vec::new(),
                extra: Default::default(),
            });
            s.draft = draft;
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// load(save(x)) == x, and saving twice gives the same bytes.
    #[test]
    fn sessions_round_trip_exactly(s in session()) {
        let first = yaml::to_string(&s).unwrap();
        let back: Session = yaml::from_str(&first, Path::new("rt.yaml")).map_err(|e| TestCaseError::fail(format!("{e}\n{first}")))?;
        prop_assert_eq!(&back, &s, "yaml was:\n{}", first);
        prop_assert_eq!(yaml::to_string(&back).unwrap(), first);
    }
}

#[test]
fn atomic_save_then_load_gives_the_same_session() {
    let dir = tempfile::tempdir().unwrap();
    let s = parse(CONTRACT_EXAMPLE);
    let path = dir.path().join("sessions").join(format!("{}.yaml", s.id));
    write_session(&path, &s).unwrap();
    let first = std::fs::read(&path).unwrap();
    write_session(&path, &s).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), first, "saving twice gives identical bytes");
    assert_eq!(load_session(&path).unwrap(), s);
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left behind");
}

#[test]
fn unknown_keys_keep_their_file_order() {
    let s = parse(
        "schema: 1\nid: o\nguide: g\nparticipant: {name: A}\nstarted_at: 2026-01-02T03:04:05Z\nzeta: 1\nalpha: 2\nmid: 3\n",
    );
    let out = yaml::to_string(&s).unwrap();
    let pos = |k: &str| out.find(k).unwrap_or_else(|| panic!("{k} missing:\n{out}"));
    assert!(pos("zeta:") < pos("alpha:") && pos("alpha:") < pos("mid:"), "{out}");
}

/// Issue #14: a starred note and a tagged closing answer are part of the file
/// and come back from it; a file without them writes back without them.
#[test]
fn stars_and_closing_tags_are_written_and_read_back() {
    let text = "schema: 1\nid: s\nguide: g\nparticipant: {name: A}\nstarted_at: 2026-01-02T03:04:05Z\nnotes:\n  \
                - at: '00:00:01'\n    text: We export to Excel\n    kind: quote\n    starred: true\n  \
                - at: '00:00:09'\n    text: plain\nclosing:\n  question: Q\n  answer: \"Mostly #reporting, honestly\"\n  \
                tags: [reporting]\n";
    let s = parse(text);
    assert!(s.notes[0].starred);
    assert!(!s.notes[1].starred);
    let closing = s.closing.as_ref().expect("a closing answer");
    assert_eq!(closing.tags, vec!["reporting"]);
    assert_eq!(closing.answer.as_deref(), Some("Mostly #reporting, honestly"), "the answer is kept verbatim");
    let out = yaml::to_string(&s).unwrap();
    assert!(out.contains("  starred: true\n"), "{out}");
    assert_eq!(out.matches("starred").count(), 1, "false is not written:\n{out}");
    assert!(out.contains("  tags: [reporting]\n"), "{out}");
    assert_eq!(parse(&out), s);
    // Without stars or closing tags, neither key appears.
    let plain = parse(CONTRACT_EXAMPLE);
    let out = yaml::to_string(&plain).unwrap();
    assert!(!out.contains("starred"), "{out}");
    assert_eq!(out.matches("tags:").count(), 1, "only the note's tags:\n{out}");
}

#[test]
fn a_closing_answer_reads_its_tags_as_a_note_would() {
    let c = Closing::answered("Q", "Mostly #Reporting and #reporting, our #1 issue #data-quality.", Default::default());
    assert_eq!(c.tags, vec!["reporting", "data-quality"]);
    assert_eq!(c.answer.as_deref(), Some("Mostly #Reporting and #reporting, our #1 issue #data-quality."));
    assert_eq!(Closing::answered("Q", "  ", Default::default()).answer, None);
}

/// The transcript's line in the session file (issue #16's contract): read
/// as written, written back the same, a teammate's unknown key kept, and a
/// bad offset refused with its line.
#[test]
fn the_transcript_link_round_trips_and_a_bad_offset_names_its_line() {
    use fieldnotes::domain::transcript::ClockOffset;
    let text = format!(
        "{CONTRACT_EXAMPLE}transcript: {{file: 20261122-1430-ana-lopez.vtt, offset: \"+00:00:35\", interviewer: Sam Rivera, source: zoom.vtt, speakers_checked: true}}\n"
    );
    let s = parse(&text);
    let link = s.transcript.as_ref().expect("the transcript line is read");
    assert_eq!(link.file, "20261122-1430-ana-lopez.vtt");
    assert_eq!(link.offset, ClockOffset(35));
    assert_eq!(link.interviewer.as_deref(), Some("Sam Rivera"));
    assert_eq!(link.source.as_deref(), Some("zoom.vtt"));
    let out = yaml::to_string(&s).unwrap();
    assert!(out.contains("offset: \"+00:00:35\""), "{out}");
    assert!(out.contains("speakers_checked: true"), "{out}");
    assert_eq!(parse(&out), s);
    // Without a transcript, nothing is written for it.
    assert!(!yaml::to_string(&parse(CONTRACT_EXAMPLE)).unwrap().contains("transcript"));
    let bad = text.replace("+00:00:35", "soon");
    let e = yaml::from_str::<Session>(&bad, Path::new("test.yaml")).unwrap_err();
    assert_eq!(e.line, Some(bad.lines().count() as u64), "{e}");
    assert!(e.to_string().contains("offset"), "{e}");
}

/// Issue #16: a quote taken from the transcript says so, and keeps what was
/// typed when the words said replaced it; a file without them writes back
/// without them.
#[test]
fn words_from_the_transcript_and_the_typed_version_are_written_and_read_back() {
    let text = "schema: 1\nid: s\nguide: g\nparticipant: {name: A}\nstarted_at: 2026-01-02T03:04:05Z\nnotes:\n  \
                - at: '00:00:01'\n    text: Every Friday I export the whole thing.\n    kind: quote\n    \
                from_transcript: true\n    typed: I export everything on Fridays\n  \
                - at: '00:00:09'\n    text: plain\n";
    let s = parse(text);
    assert!(s.notes[0].from_transcript);
    assert_eq!(s.notes[0].typed.as_deref(), Some("I export everything on Fridays"));
    assert!(!s.notes[1].from_transcript && s.notes[1].typed.is_none());
    let out = yaml::to_string(&s).unwrap();
    assert!(out.contains("  from_transcript: true\n  typed: I export everything on Fridays\n"), "{out}");
    assert_eq!(out.matches("from_transcript").count(), 1, "false is not written:\n{out}");
    assert_eq!(parse(&out), s);
    let out = yaml::to_string(&parse(CONTRACT_EXAMPLE)).unwrap();
    assert!(!out.contains("from_transcript") && !out.contains("typed"), "{out}");
}

// The fast reader (`text::yaml::fast`) against the general parser: the same
// session, or the fast one steps aside and the general one decides.

/// What the fast reader makes of `text`, checked against the general parser:
/// whenever it answers, the general parser reads the same session.
fn fast_agrees(text: &str) -> Result<bool, TestCaseError> {
    let fast = fieldnotes::text::yaml::fast::parse::<Session>(text);
    let general = yaml::from_str::<Session>(text, Path::new("f.yaml"));
    match (fast, general) {
        (None, _) => Ok(false),
        (Some(f), Ok(g)) => {
            prop_assert_eq!(f, g, "the two readers differ on:\n{}", text);
            Ok(true)
        }
        (Some(f), Err(e)) => {
            Err(TestCaseError::fail(format!("fast read {f:?}\nwhere the general parser said {e}\n{text}")))
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn the_fast_reader_reads_what_we_write_as_the_general_parser_does(s in session()) {
        fast_agrees(&yaml::to_string(&s).unwrap())?;
    }

    /// Files damaged or edited by hand: a written session with a line cut,
    /// repeated or replaced, or characters spliced in anywhere.
    #[test]
    fn on_damaged_and_hand_edited_files_the_fast_reader_agrees_or_steps_aside(
        s in session(),
        at in any::<proptest::sample::Index>(),
        edit in 0u8..4,
        splice in prop_oneof![
            Just(String::new()), Just(" ".to_string()), Just("  ".to_string()), Just("#".to_string()),
            Just(": ".to_string()), Just("- ".to_string()), Just("\"".to_string()), Just("'".to_string()),
            Just("[".to_string()), Just("]".to_string()), Just(",".to_string()), Just("{}".to_string()),
            Just("&a ".to_string()), Just("*a".to_string()), Just("!!str ".to_string()), Just("|".to_string()),
            Just("\\".to_string()), Just("\\u00e9".to_string()), Just("null".to_string()), Just("1.5".to_string()),
            Just("\n".to_string()), Just("\n  extra: 1\n".to_string()), Just("\n- x\n".to_string()),
            "\\PC{0,6}",
        ],
    ) {
        let text = yaml::to_string(&s).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let i = at.index(lines.len());
        let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        match edit {
            0 => { out.remove(i); }
            1 => out.insert(i, lines[i].to_string()),
            2 => out[i] = splice.clone(),
            _ => {
                let line = &lines[i];
                let cut = line.char_indices().map(|(b, _)| b).nth(at.index(line.chars().count().max(1))).unwrap_or(line.len());
                out[i] = format!("{}{splice}{}", &line[..cut], &line[cut..]);
            }
        }
        fast_agrees(&(out.join("\n") + "\n"))?;
    }
}

#[test]
fn the_fast_reader_takes_what_fieldnotes_writes_and_leaves_hand_styles_to_the_general_parser() {
    let mut s = parse(CONTRACT_EXAMPLE);
    s.summary = Some("Key takeaways:\n- exports hurt\n\"quoted\" and \\ back".into());
    let written = yaml::to_string(&s).unwrap();
    assert!(fast_agrees(&written).unwrap(), "a written session is read by the fast reader:\n{written}");
    // Comments, flow mappings, block scalars: the general parser's.
    for hand in [
        CONTRACT_EXAMPLE,
        "{schema: 1, id: x, guide: g, participant: {name: 'Bo'}, started_at: '2026-01-02T03:04:05Z', notes: []}",
        "schema: 1\nid: y\nguide: g\nparticipant:\n  name: |-\n    Ana\nstarted_at: 2026-01-02T03:04:05+02:00\nnotes: []\n",
        "schema: 1\nid: y\nguide: g\nparticipant:\n  name: &n Ana\nstarted_at: 2026-01-02T03:04:05+02:00\nnotes: []\n",
    ] {
        assert!(!fast_agrees(hand).unwrap(), "left to the general parser:\n{hand}");
        let _ = parse(hand);
    }
}

#[test]
fn unknown_keys_read_the_same_through_the_fast_reader() {
    let text = "schema: 1\nid: z\nguide: g\nparticipant:\n  name: A\n  email: a@example.com\n\
                started_at: \"2026-01-02T03:04:05Z\"\nproject: atlas\nseats: 40\nactive: true\nnotes:\n- at: \"00:00:01\"\n  \
                text: t\n  done: true\n  clip:\n    start: 3\n    end: 9\n  labels: [a, \"b c\"]\n";
    assert!(fast_agrees(text).unwrap(), "{text}");
}

#[test]
fn a_hundred_thousand_unknown_keys_are_read_in_linear_time() {
    // Duplicate keys are looked for in a set once a mapping is large: a
    // hostile file's keys must not cost their square.
    let mut text = yaml::to_string(&parse(CONTRACT_EXAMPLE)).unwrap();
    for i in 0..100_000 {
        text.push_str(&format!("k{i}: v\n"));
    }
    let started = std::time::Instant::now();
    let fast = fieldnotes::text::yaml::fast::parse::<Session>(&text).expect("the fast reader takes it");
    let took = started.elapsed();
    assert_eq!(fast.extra.len(), 100_000);
    assert!(took < std::time::Duration::from_secs(5), "took {took:?}");
    assert!(fast_agrees(&text).unwrap());
}

/// A long day's session of 20,000 notes (each with a kind, a question and
/// two tags: about 260,000 values, 2.5 MB) is saved and read back. The
/// reader's budget of values grew with the file's size, so that every file
/// the writer can produce (up to the 16 MiB a session file may hold) is one
/// the reader takes; before, the writer refused this session ("not saved")
/// because the reader would have.
#[test]
fn a_session_of_twenty_thousand_notes_is_saved_and_read_back() {
    let mut s = parse(CONTRACT_EXAMPLE);
    let note = s.notes[0].clone();
    s.notes = (0..20_000).map(|i| Note { at: Offset(i), text: format!("note {i}"), ..note.clone() }).collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sessions").join(format!("{}.yaml", s.id));
    write_session(&path, &s).unwrap_or_else(|e| panic!("the writer refused it: {e}"));
    assert_eq!(load_session(&path).unwrap_or_else(|e| panic!("{e}")), s);
    let text = std::fs::read_to_string(&path).unwrap();
    let general: Session = yaml::from_str(&text, &path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(general, s, "the general parser reads it too");
}
