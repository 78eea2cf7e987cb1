//! Key paths through the session view's transcript pane: no terminal, no
//! disk. Every change is checked against a copy the writer would keep.

use super::review::{Review, ReviewMode};
use super::tests::{ops, t0};
use super::*;
use crate::domain::note::Kind;
use crate::domain::op::Op;
use crate::domain::session::{Note, Offset, Participant};
use crate::domain::transcript::{ClockOffset, Cue, Transcript, TranscriptLink};
use crate::store::guides;
use crate::tui::app::transcript_pane::{interview_time, nearest_cue};

/// The recording started 35 s before the interview clock.
const OFFSET: i64 = 35;

fn note(at: u32, text: &str, kind: Kind, q: &str) -> Note {
    Note {
        at: Offset(at),
        sitting: None,
        text: text.into(),
        kind,
        question: Some(q.into()),
        tags: Vec::new(),
        done: false,
        starred: false,
        from_transcript: false,
        typed: None,
        extra: Default::default(),
    }
}

/// A call: each line 10 s long from 0 s on the recording.
fn call() -> Transcript {
    let said = [
        ("Sam", "Tell me about the last time you built the board report."),
        ("Dana", "Every Friday I export the whole thing to Excel."),
        ("Dana", "It drives me crazy, honestly."),
        ("Sam", "What happens after the export?"),
        ("Dana", "I paste it into the deck by hand."),
        ("Dana", "That takes most of Monday morning."),
        ("Sam", "Have you tried anything else?"),
        ("Dana", "We tried the reporting module once."),
    ];
    let cues = said
        .iter()
        .enumerate()
        .map(|(i, (who, text))| Cue {
            start: i as f64 * 10.0,
            end: i as f64 * 10.0 + 10.0,
            speaker: Some(who.to_string()),
            text: text.to_string(),
        })
        .collect();
    Transcript { cues }
}

/// Notes typed a few seconds after the words, on the interview clock
/// (recording time minus 35 s); the quote is a paraphrase of line 1.
fn session() -> Session {
    let mut s = Session::new(
        "s".into(),
        "discovery",
        "Discovery",
        Participant { name: "Dana".into(), ..Default::default() },
        t0(),
    );
    s.notes = vec![
        note(0, "exports every Friday", Kind::Note, "1.1"),
        note(5, "every Friday I export everything to Excel", Kind::Quote, "1.1"),
        note(25, "pastes into the deck by hand", Kind::Pain, "1.2"),
        Note { sitting: Some(2), ..note(30, "second call", Kind::Note, "2.1") },
    ];
    s.transcript = Some(TranscriptLink {
        file: "s.vtt".into(),
        offset: ClockOffset(OFFSET),
        interviewer: Some("Sam".into()),
        source: None,
        extra: Default::default(),
    });
    s
}

fn review_with(loaded: Option<Result<Transcript, String>>) -> Review {
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    let mut r = Review::new(session(), guide, PathBuf::from("/d/s.yaml"), &Default::default());
    r.set_transcript(loaded);
    r
}

fn review() -> Review {
    review_with(Some(Ok(call())))
}

fn step(r: &mut Review, mirror: &mut Session, action: Action) -> Vec<Effect> {
    let effects = r.update(action);
    for op in ops(&effects) {
        op.apply(mirror).unwrap();
    }
    assert_eq!(*mirror, r.session, "the writer's copy drifted");
    effects
}

fn select(r: &mut Review, text: &str) {
    let index = r.session.notes.iter().position(|n| n.text == text).unwrap();
    r.select_note(index);
}

#[test]
fn the_pane_shows_when_the_session_has_a_transcript_and_follows_the_selected_note() {
    let mut r = review();
    assert!(r.transcript.shown);
    select(&mut r, "exports every Friday");
    // 0 s on the interview clock is 35 s on the recording: line 3.
    assert_eq!(r.nearest_line(), Some(3));
    select(&mut r, "pastes into the deck by hand");
    // 60 s, where line 5 ends and line 6 starts: the words before the note.
    assert_eq!(r.nearest_line(), Some(5));
    // A later sitting is another call: no line follows it.
    select(&mut r, "second call");
    assert_eq!(r.nearest_line(), None);
    r.update(Action::ToggleTranscript);
    assert!(!r.transcript.shown);
    assert!(!review_with(None).transcript.shown, "no transcript, no pane");
}

#[test]
fn walking_starts_at_the_nearest_line_extends_a_selection_and_esc_returns() {
    let mut r = review();
    select(&mut r, "exports every Friday");
    r.update(Action::FocusTranscript);
    assert_eq!(r.mode, ReviewMode::Transcript);
    assert_eq!(r.mode(), crate::tui::keymap::Mode::Transcript);
    assert_eq!(r.transcript.selection(), 3..=3);
    r.update(Action::MoveDown);
    assert_eq!(r.transcript.selection(), 4..=4);
    r.update(Action::ExtendDown);
    r.update(Action::ExtendDown);
    assert_eq!(r.transcript.selection(), 4..=6);
    r.update(Action::MoveUp);
    assert_eq!(r.transcript.selection(), 5..=5, "a plain move drops the selection");
    r.update(Action::ExtendUp);
    assert_eq!(r.transcript.selection(), 4..=5);
    r.update(Action::Back);
    assert_eq!(r.mode, ReviewMode::Browse);
    assert_eq!(r.selected_note(), Some(0), "the notes' selection is where it was");
}

#[test]
fn selected_lines_become_a_verbatim_quote_in_time_order_and_undo_takes_it_back() {
    let mut r = review();
    let mut mirror = r.session.clone();
    select(&mut r, "exports every Friday");
    step(&mut r, &mut mirror, Action::FocusTranscript);
    step(&mut r, &mut mirror, Action::MoveDown); // line 4, said at 40 s
    step(&mut r, &mut mirror, Action::ExtendDown);
    let effects = step(&mut r, &mut mirror, Action::QuoteFromTranscript);
    let [Op::Insert { index, note }] = ops(&effects)[..] else { panic!("{effects:?}") };
    // 40 s on the recording is 5 s on the interview clock: after the note at 5 s.
    assert_eq!(*index, 2);
    assert_eq!(note.at, Offset(5));
    assert_eq!(note.kind, Kind::Quote);
    assert_eq!(note.text, "I paste it into the deck by hand. That takes most of Monday morning.");
    assert_eq!(note.question.as_deref(), Some("1.1"), "the question of the notes around it");
    assert!(note.from_transcript && note.typed.is_none());
    assert_eq!(r.selected_note(), Some(2), "the new quote is selected");
    let marked = r.transcript.verdict(2).cloned();
    assert!(matches!(marked, Some(crate::analysis::transcript::quotes::Verdict::Verbatim { .. })), "{marked:?}");
    let effects = step(&mut r, &mut mirror, Action::Undo);
    assert_eq!(ops(&effects), [&Op::Remove { index: 2 }]);
    assert_eq!(r.session.notes.len(), 4);
}

/// The two-key replace: Tab lands on the line the quote check found, `r`
/// puts its words in; what was typed is kept, and undo restores it.
#[test]
fn a_paraphrased_quote_is_replaced_by_the_words_said_in_two_keys() {
    let mut r = review();
    let mut mirror = r.session.clone();
    select(&mut r, "every Friday I export everything to Excel");
    let quote = r.selected_note().unwrap();
    let checked = r.transcript.verdict(quote).cloned();
    assert!(matches!(checked, Some(crate::analysis::transcript::quotes::Verdict::Close { cue: 1, .. })), "{checked:?}");
    step(&mut r, &mut mirror, Action::FocusTranscript);
    assert_eq!(r.transcript.selection(), 1..=1, "on the line the check found");
    let effects = step(&mut r, &mut mirror, Action::ReplaceFromTranscript);
    let [Op::Replace { index, note }] = ops(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(*index, quote);
    assert_eq!(note.text, "Every Friday I export the whole thing to Excel.");
    assert_eq!(note.typed.as_deref(), Some("every Friday I export everything to Excel"));
    assert!(note.from_transcript);
    assert_eq!(r.transcript.verdict(quote).map(|v| v.status()), Some("verbatim"), "the mark follows");
    step(&mut r, &mut mirror, Action::Back);
    step(&mut r, &mut mirror, Action::Undo);
    assert_eq!(r.session.notes[quote].text, "every Friday I export everything to Excel");
    assert_eq!(r.session.notes[quote].typed, None);
}

#[test]
fn only_a_quote_is_replaced() {
    let mut r = review();
    select(&mut r, "exports every Friday");
    r.update(Action::FocusTranscript);
    assert!(r.update(Action::ReplaceFromTranscript).is_empty());
    assert!(r.message.as_deref().unwrap().contains("quote"));
}

#[test]
fn nudging_the_offset_is_journaled_and_the_pane_and_marks_follow_at_once() {
    let mut r = review();
    let mut mirror = r.session.clone();
    select(&mut r, "exports every Friday");
    assert_eq!(r.nearest_line(), Some(3));
    let effects = step(&mut r, &mut mirror, Action::NudgeOffset(10));
    let [Op::Transcript { link: Some(link) }] = ops(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(link.offset, ClockOffset(45));
    assert_eq!(r.nearest_line(), Some(4));
    step(&mut r, &mut mirror, Action::NudgeOffset(-1));
    assert_eq!(r.session.transcript.as_ref().unwrap().offset, ClockOffset(44));
    // Far off, the quote is no longer found near its time.
    step(&mut r, &mut mirror, Action::NudgeOffset(-10));
    step(&mut r, &mut mirror, Action::NudgeOffset(-10));
    step(&mut r, &mut mirror, Action::NudgeOffset(-10));
    step(&mut r, &mut mirror, Action::NudgeOffset(-10));
    step(&mut r, &mut mirror, Action::NudgeOffset(-10));
    // From the pane too.
    step(&mut r, &mut mirror, Action::FocusTranscript);
    step(&mut r, &mut mirror, Action::NudgeOffset(1));
    assert_eq!(r.session.transcript.as_ref().unwrap().offset, ClockOffset(-5));
}

#[test]
fn quote_marks_are_computed_on_load_and_when_a_note_changes() {
    let mut r = review();
    let mut mirror = r.session.clone();
    let quote = 1;
    assert_eq!(r.transcript.verdict(quote).map(|v| v.status()), Some("close"));
    assert_eq!(r.transcript.verdict(0), None, "only quotes are checked");
    select(&mut r, "every Friday I export everything to Excel");
    step(&mut r, &mut mirror, Action::EditNote);
    step(&mut r, &mut mirror, Action::ClearInput);
    for c in "\"the board report is the best part of my week".chars() {
        step(&mut r, &mut mirror, Action::InsertChar(c));
    }
    step(&mut r, &mut mirror, Action::CommitNote);
    assert_eq!(r.transcript.verdict(quote).map(|v| v.status()), Some("not-found"));
}

#[test]
fn a_missing_or_broken_transcript_is_said_and_nothing_breaks() {
    let mut r = review_with(Some(Err("s.vtt: No such file or directory".into())));
    assert!(r.transcript.shown, "the pane says what is wrong");
    assert_eq!(r.nearest_line(), None);
    for action in
        [Action::FocusTranscript, Action::MoveDown, Action::QuoteFromTranscript, Action::ReplaceFromTranscript]
    {
        r.update(action);
    }
    assert_eq!(r.mode, ReviewMode::Browse, "no pane to walk");
    assert_eq!(r.session, session());
}

#[test]
fn the_import_key_asks_for_a_path_then_hands_the_disk_work_to_the_main_loop() {
    let mut r = review_with(None);
    r.session.transcript = None;
    r.update(Action::ImportTranscript);
    assert_eq!(r.mode(), crate::tui::keymap::Mode::TranscriptImport);
    for c in "'~/calls/zoom.vtt'".chars() {
        r.update(Action::InsertChar(c));
    }
    let effects = r.update(Action::CommitNote);
    let [Effect::ImportTranscript { session_path, file, session }] = &effects[..] else { panic!("{effects:?}") };
    assert_eq!(session_path, &PathBuf::from("/d/s.yaml"));
    assert_eq!(file, &PathBuf::from("~/calls/zoom.vtt"));
    assert_eq!(session.notes.len(), 4);
    assert_eq!(r.mode, ReviewMode::Browse);
    // The file thread's answer: the link goes through the writer.
    let link = TranscriptLink {
        file: "s.vtt".into(),
        offset: ClockOffset(35),
        interviewer: None,
        source: Some("zoom.vtt".into()),
        extra: Default::default(),
    };
    let found = crate::analysis::transcript::align::Alignment { offset_seconds: 35, confidence: 0.8, matched_notes: 2 };
    let imported = crate::store::transcripts::Imported {
        format: crate::analysis::transcript::parse::Format::Vtt,
        transcript: call(),
        link: link.clone(),
        found,
    };
    let mut mirror = r.session.clone();
    let effects = r.transcript_imported(imported);
    for op in ops(&effects) {
        op.apply(&mut mirror).unwrap();
    }
    assert_eq!(ops(&effects), [&Op::Transcript { link: Some(link) }]);
    assert_eq!(mirror, r.session);
    assert!(r.transcript.shown);
    assert_eq!(r.transcript.verdict(1).map(|v| v.status()), Some("close"));
    assert!(r.message.as_deref().unwrap().contains("+00:00:35"), "{:?}", r.message);
}

#[test]
fn a_search_hit_opens_the_pane_at_its_moment_with_the_nearest_note_selected() {
    let mut r = review();
    r.focus_transcript_at(62.0);
    assert_eq!(r.mode, ReviewMode::Transcript);
    assert_eq!(r.transcript.selection(), 6..=6);
    let selected = r.selected_note().map(|i| r.session.notes[i].text.clone());
    assert_eq!(selected.as_deref(), Some("pastes into the deck by hand"), "at 25 s + 35 s = 60 s");
}

#[test]
fn clocks_convert_both_ways() {
    let t = call();
    assert_eq!(nearest_cue(&t, 35.0), Some(3));
    assert_eq!(nearest_cue(&t, 500.0), Some(7));
    assert_eq!(nearest_cue(&Transcript::default(), 5.0), None);
    assert_eq!(interview_time(40.0, ClockOffset(35)), Offset(5));
    assert_eq!(interview_time(10.0, ClockOffset(35)), Offset(0), "never before the interview's start");
    assert_eq!(interview_time(10.0, ClockOffset(-12)), Offset(22));
}

#[test]
fn the_offset_op_goes_through_the_journal_and_back() {
    let op = Op::Transcript {
        link: Some(TranscriptLink {
            file: "s.vtt".into(),
            offset: ClockOffset(-12),
            interviewer: Some("Sam".into()),
            source: None,
            extra: Default::default(),
        }),
    };
    let json = serde_json::to_string(&op).unwrap();
    assert_eq!(serde_json::from_str::<Op>(&json).unwrap(), op, "{json}");
}
