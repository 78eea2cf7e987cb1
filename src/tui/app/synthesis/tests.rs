//! The screen's behaviour through its keys, over a small library of three
//! interviews: evidence and stars, the filter, segments, search, pairs,
//! coverage and reloading.

use super::*;
use crate::analysis::synthesis::{Dimension, MatrixRanking, SessionRecord};
use crate::domain::note::Kind;
use crate::domain::session::Offset;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use chrono::DateTime;
use chrono::NaiveDate;
use std::path::PathBuf;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn record(
    id: &str,
    day: u32,
    who: &str,
    segment: &str,
    notes: &[(Kind, &str, &[&str], Option<&str>)],
) -> SessionRecord {
    let at = DateTime::parse_from_rfc3339(&format!("2026-03-{day:02}T10:00:00+00:00")).unwrap();
    let mut r = SessionRecord::new(id, who, "discovery", at);
    r.segment = Some(segment.into());
    r.company = Some(format!("{who} Co"));
    for (k, (kind, text, tags, q)) in notes.iter().enumerate() {
        r.push_note(Offset(60 * k as u32), *kind, *q, tags.iter().copied(), text);
    }
    r
}

/// Three interviews: pricing in all three, export in two (one of them a
/// pain), a closing answer in one.
fn screen() -> SynthScreen {
    let mut a = record(
        "a",
        1,
        "Ana",
        "smb",
        &[
            (Kind::Quote, "pricing is confusing", &["pricing"], Some("1.1")),
            (Kind::Pain, "export breaks every Friday", &["export", "pricing"], Some("1.2")),
        ],
    );
    a.closing_answer = Some("Hiring analysts".into());
    let b = record(
        "b",
        2,
        "Ben",
        "enterprise",
        &[(Kind::Note, "pricing per seat", &["pricing"], None), (Kind::Idea, "scheduled export", &["export"], None)],
    );
    let c = record("c", 3, "Chidi", "smb", &[(Kind::Pain, "too pricey", &["pricing"], Some("1.1"))]);
    let paths = ["a", "b", "c"].iter().map(|id| PathBuf::from(format!("/s/{id}.yaml"))).collect();
    let mut s = SynthScreen::new();
    load(&mut s, SynthData { records: vec![a, b, c], paths, ..SynthData::default() });
    s
}

/// One key, as the main loop takes it: the update, then the figures it
/// asked for, computed (here, inline) and taken.
fn step(s: &mut SynthScreen, action: Action) -> Outcome {
    let outcome = s.update(action, today());
    s.settle();
    outcome
}

fn press(s: &mut SynthScreen, actions: &[Action]) -> Outcome {
    let mut last = Outcome::None;
    for a in actions {
        last = step(s, a.clone());
    }
    last
}

/// A load arriving, and its figures.
fn load(s: &mut SynthScreen, data: SynthData) {
    s.loaded(data);
    s.settle();
}

/// Issue #14: `*` in the evidence stars the highlighted note in its file;
/// once saved it comes first, with the highlight on it; `u` takes it back.
#[test]
fn a_note_starred_in_the_evidence_comes_first_and_undo_unstars_it() {
    let mut s = screen();
    let star =
        crossterm::event::KeyEvent::new(crossterm::event::KeyCode::Char('*'), crossterm::event::KeyModifiers::NONE);
    assert_eq!(crate::tui::keymap::Keymap::default().resolve(Mode::Synthesis, star), Some(Action::ToggleStar));
    // On the list, the star says where it works.
    assert_eq!(press(&mut s, &[Action::ToggleStar]), Outcome::None);
    assert!(s.message.as_deref().unwrap_or("").contains("evidence"));
    // Pricing's evidence, newest first: Chidi, Ben, then Ana's quote.
    press(&mut s, &[Action::OpenSession, Action::MoveDown, Action::MoveDown]);
    let ana = s.evidence_refs()[2];
    assert_eq!(s.records()[ana.session].id, "a");
    let out = press(&mut s, &[Action::ToggleStar]);
    let change = StarChange { path: PathBuf::from("/s/a.yaml"), index: ana.note, starred: true };
    assert_eq!(out, Outcome::Star(change.clone()));
    // Not shown starred until the file says so.
    assert_eq!(s.evidence_refs()[2], ana);
    s.star_saved(&change);
    // Starred at once; the new order comes with the figures, from the worker.
    assert!(s.records()[ana.session].notes()[ana.note].starred);
    assert!(s.updating());
    assert_eq!(s.evidence_refs()[2], ana);
    s.settle();
    assert_eq!(s.evidence_refs()[0], ana, "starred first");
    assert_eq!(s.evidence, 0, "the highlight follows the note");
    assert!(s.records()[ana.session].notes()[ana.note].starred);
    // u: the star comes off again (through the file too).
    let undo = press(&mut s, &[Action::Undo]);
    let back = StarChange { starred: false, ..change };
    assert_eq!(undo, Outcome::Star(back.clone()));
    s.star_saved(&back);
    s.settle();
    assert_eq!(s.evidence_refs()[2], ana);
    assert_eq!(press(&mut s, &[Action::Undo]), Outcome::None, "nothing more to undo");
}

#[test]
fn themes_open_their_evidence_and_a_note_opens_where_it_was_taken() {
    let mut s = screen();
    assert!(!s.loading);
    let r = s.result.as_ref().unwrap();
    assert_eq!(r.themes[0].tag, "pricing");
    assert_eq!(r.themes[0].sessions, 3);
    // Enter: the evidence, newest first (nothing is starred).
    assert_eq!(press(&mut s, &[Action::OpenSession]), Outcome::None);
    assert_eq!(s.focus, Focus::Evidence);
    let first = s.evidence_refs()[0];
    assert_eq!(s.records()[first.session].text(&s.records()[first.session].notes()[first.note]), "too pricey");
    // Down, Enter: the second note of the evidence, in its file.
    let out = press(&mut s, &[Action::MoveDown, Action::OpenSession]);
    let second = s.evidence_refs()[1];
    let path = PathBuf::from(format!("/s/{}.yaml", s.records()[second.session].id));
    assert_eq!(out, Outcome::Open(Jump { path, note: Some(second.note), recording_secs: None }));
    // Esc: back to the list; Esc again: leave.
    assert_eq!(press(&mut s, &[Action::Back]), Outcome::None);
    assert_eq!(s.focus, Focus::List);
    assert_eq!(press(&mut s, &[Action::Back]), Outcome::Leave);
}

#[test]
fn narrowing_to_a_theme_filters_every_view_and_x_clears_it() {
    let mut s = screen();
    press(&mut s, &[Action::MoveDown, Action::NarrowToSelection]);
    assert_eq!(s.filter.tag.as_deref(), Some("export"));
    let r = s.result.as_ref().unwrap();
    assert_eq!(r.themes[s.row()].tag, "export", "the highlight stays on the theme asked for");
    assert_eq!(s.result.as_ref().unwrap().sessions(), 2);
    assert_eq!(s.result.as_ref().unwrap().notes, 2);
    press(&mut s, &[Action::ClearFilter]);
    assert!(s.filter.is_empty());
    assert_eq!(s.result.as_ref().unwrap().sessions(), 3);
}

#[test]
fn the_filter_line_is_typed_applied_and_a_rejected_one_keeps_the_filter_in_force() {
    let mut s = screen();
    press(&mut s, &[Action::EditFilter]);
    assert_eq!(s.mode(), Mode::SynthFilter);
    for c in "segment:smb colour:red".chars() {
        step(&mut s, Action::InsertChar(c));
    }
    let before = s.filter.clone();
    press(&mut s, &[Action::ApplyTag]);
    assert_eq!(s.mode(), Mode::Synthesis, "the field closes: the next key does not land in it");
    assert_eq!(s.filter, before, "the filter in force is kept");
    assert!(s.filter_error.as_deref().unwrap().contains("colour"));
    // f again reopens the rejected line to fix it.
    press(&mut s, &[Action::EditFilter]);
    assert_eq!(s.filter_input.text(), "segment:smb colour:red");
    for _ in 0.." colour:red".len() {
        step(&mut s, Action::Backspace);
    }
    press(&mut s, &[Action::ApplyTag]);
    assert_eq!(s.mode(), Mode::Synthesis);
    assert_eq!(s.result.as_ref().unwrap().sessions(), 2);
    // Editing again starts from the filter in force; Esc keeps it.
    press(&mut s, &[Action::EditFilter]);
    assert_eq!(s.filter_input.text(), "segment:smb");
    press(&mut s, &[Action::ClearInput, Action::Back]);
    assert_eq!(s.filter.segment.as_deref(), Some("smb"));
}

#[test]
fn segments_switch_dimension_and_enter_keeps_one_group() {
    let mut s = screen();
    press(&mut s, &[Action::ShowTab(3)]);
    assert_eq!(s.tab, Tab::Segments);
    let rows: Vec<_> = s.result.as_ref().unwrap().matrix.rows.iter().map(|r| r.group.clone()).collect();
    assert_eq!(rows, vec![Some("smb".to_string()), Some("enterprise".to_string())]);
    press(&mut s, &[Action::MoveDown, Action::OpenSession]);
    assert_eq!(s.filter.segment.as_deref(), Some("enterprise"));
    press(&mut s, &[Action::ClearFilter, Action::CycleDimension]);
    assert_eq!(s.by, Dimension::Company);
    assert_eq!(s.result.as_ref().unwrap().matrix.rows.len(), 3);
    press(&mut s, &[Action::OpenSession]);
    assert!(s.filter.company.is_some());
}

/// Issue #14: everyone mentions #pricing and #export; only enterprise
/// mentions #sso. The matrix leads with #sso; `o` shows the overall ranking.
#[test]
fn segments_lead_with_differences_and_o_shows_the_overall_ranking() {
    let both: &[(Kind, &str, &[&str], Option<&str>)] =
        &[(Kind::Note, "price", &["pricing"], None), (Kind::Note, "csv", &["export"], None)];
    let mut records = Vec::new();
    for i in 0..6 {
        let segment = if i < 3 { "smb" } else { "enterprise" };
        let mut r = record(&format!("s{i}"), i + 1, &format!("P{i}"), segment, both);
        if segment == "enterprise" {
            r.push_note(Offset(9), Kind::Pain, None, ["sso"], "no SAML");
        }
        records.push(r);
    }
    let paths = (0..6).map(|i| PathBuf::from(format!("/s/s{i}.yaml"))).collect();
    let mut s = SynthScreen::new();
    load(&mut s, SynthData { records, paths, ..SynthData::default() });
    let themes = |s: &SynthScreen| s.result.as_ref().unwrap().matrix.themes.clone();
    assert_eq!(themes(&s), ["sso", "export", "pricing"]);
    press(&mut s, &[Action::ToggleMatrixRanking]);
    assert_eq!((s.tab, s.matrix_ranking), (Tab::Segments, MatrixRanking::Overall));
    assert_eq!(themes(&s), ["export", "pricing", "sso"]);
    assert!(s.message.as_deref().unwrap().contains("most common"));
    press(&mut s, &[Action::ToggleMatrixRanking]);
    assert_eq!(themes(&s), ["sso", "export", "pricing"]);
}

#[test]
fn search_narrows_as_the_query_grows_and_finds_the_same_as_from_scratch() {
    let mut s = screen();
    press(&mut s, &[Action::SearchNotes]);
    assert_eq!(s.mode(), Mode::SynthSearch);
    let mut typed = String::new();
    for c in "pric".chars() {
        step(&mut s, Action::InsertChar(c));
        typed.push(c);
        let fresh = crate::analysis::search::search(s.records(), &s.filter, &typed, SEARCH_LIMIT);
        assert_eq!(s.hits, fresh, "after {typed:?}");
    }
    assert_eq!(s.hits.len(), 3);
    // Deleting widens again.
    for _ in 0..3 {
        step(&mut s, Action::Backspace);
    }
    assert_eq!(s.hits, crate::analysis::search::search(s.records(), &s.filter, "p", SEARCH_LIMIT));
    // Down and Enter open the highlighted hit without leaving the input first.
    let second = s.hits[1].at.note().expect("a note");
    match press(&mut s, &[Action::MoveDown, Action::OpenSession]) {
        Outcome::Open(j) => assert_eq!(j.note, Some(second.note)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_word_typed_on_can_match_what_its_start_did_not() {
    let a = record("a", 1, "Ana", "smb", &[(Kind::Quote, "We export to Excel, every Friday", &[], None)]);
    let b = record("b", 2, "Ben", "smb", &[(Kind::Pain, "Excel on the first call, it drives me crazy", &[], None)]);
    let mut s = SynthScreen::new();
    load(
        &mut s,
        SynthData { records: vec![a, b], paths: vec!["/s/a.yaml".into(), "/s/b.yaml".into()], ..SynthData::default() },
    );
    press(&mut s, &[Action::SearchNotes]);
    let mut typed = String::new();
    for c in "exel friday".chars() {
        step(&mut s, Action::InsertChar(c));
        typed.push(c);
        assert_eq!(
            s.hits,
            crate::analysis::search::search(s.records(), &s.filter, &typed, SEARCH_LIMIT),
            "after {typed:?}"
        );
    }
    // "exe" matches no word; "exel" is a typo of "Excel".
    let found: Vec<_> = s.hits.iter().map(|h| h.at.text(s.records())).collect();
    assert_eq!(found, vec!["We export to Excel, every Friday"]);
}

#[test]
fn a_closing_answer_found_opens_its_session() {
    let mut s = screen();
    press(&mut s, &[Action::SearchNotes]);
    for c in "analysts".chars() {
        step(&mut s, Action::InsertChar(c));
    }
    assert_eq!(s.hits.iter().map(|h| h.at).collect::<Vec<_>>(), vec![crate::analysis::search::Found::ClosingAnswer(0)]);
    match press(&mut s, &[Action::OpenSession]) {
        Outcome::Open(j) => assert_eq!((j.path, j.note), (PathBuf::from("/s/a.yaml"), None)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn pairs_and_coverage_show_the_notes_behind_a_row() {
    let mut s = screen();
    press(&mut s, &[Action::ShowTab(4)]);
    assert_eq!(s.pair_row(0), Some(PairRow::Note(0)));
    let both = s.evidence_refs();
    assert_eq!(both.len(), 1, "one note carries export and pricing");
    press(&mut s, &[Action::ShowTab(6)]);
    assert_eq!(s.coverage_row(0), Some(CoverageRow::Guide(0)));
    assert_eq!(s.row(), 1, "a guide's heading is stepped over");
    let on_first = s.evidence_refs();
    assert_eq!(on_first.len(), 2, "two notes on 1.1");
    press(&mut s, &[Action::MoveUp]);
    assert_eq!(s.row(), 1);
}

#[test]
fn closing_answers_open_their_session_and_reload_keeps_the_view() {
    let mut s = screen();
    press(&mut s, &[Action::ShowTab(5)]);
    assert_eq!(
        press(&mut s, &[Action::OpenSession]),
        Outcome::Open(Jump { path: "/s/a.yaml".into(), note: None, recording_secs: None })
    );
    assert_eq!(press(&mut s, &[Action::Reload]), Outcome::Reload);
    let first = s.request_load();
    let second = s.request_load();
    assert!(s.loading);
    let data = std::sync::Arc::unwrap_or_clone(s.data.take().unwrap());
    // The first load answers after the second was asked for: dropped.
    load(&mut s, SynthData { load: first, ..SynthData::default() });
    assert!(s.loading && s.data.is_none());
    load(&mut s, SynthData { load: second, ..data });
    assert_eq!(s.tab, Tab::Closing);
    assert!(!s.loading);
}

#[test]
fn messages_and_filter_errors_outlast_the_clock() {
    let mut s = screen();
    press(&mut s, &[Action::ClearFilter]);
    assert_eq!(s.message.as_deref(), Some("No filter to clear."));
    press(&mut s, &[Action::Tick, Action::Tick]);
    assert_eq!(s.message.as_deref(), Some("No filter to clear."));
    press(&mut s, &[Action::EditFilter, Action::InsertChar('s'), Action::InsertChar(':'), Action::ApplyTag]);
    press(&mut s, &[Action::Tick]);
    assert!(s.filter_error.is_some(), "the error stays beside the filter kept");
    press(&mut s, &[Action::EditFilter, Action::Tick]);
    assert!(s.filter_error.is_some(), "and while the line is reopened, until the user types");
    press(&mut s, &[Action::Backspace]);
    assert!(s.filter_error.is_none());
}

#[test]
fn pairs_in_one_interview_follow_the_tag_filter() {
    let mut s = screen();
    // Only pricing notes: in Ana's interview, export is no longer there.
    press(&mut s, &[Action::EditFilter]);
    for c in "#pricing".chars() {
        step(&mut s, Action::InsertChar(c));
    }
    press(&mut s, &[Action::ApplyTag, Action::ShowTab(4)]);
    let r = s.result.clone().unwrap();
    for i in 0..s.len(Tab::Pairs) {
        s.rows[Tab::Pairs.index()] = i;
        if let Some(PairRow::Session(k)) = s.pair_row(i) {
            let sessions: std::collections::BTreeSet<usize> = s.evidence_refs().iter().map(|n| n.session).collect();
            assert_eq!(sessions.len(), r.session_pairs[k].count, "{:?}", r.session_pairs[k]);
        }
    }
}

#[test]
fn tabs_cycle_both_ways_and_empty_libraries_do_not_panic() {
    let mut s = SynthScreen::new();
    for a in [Action::OpenSession, Action::MoveDown, Action::NarrowToSelection, Action::NextTab, Action::Export] {
        step(&mut s, a);
    }
    load(&mut s, SynthData::default());
    for _ in 0..8 {
        for a in [Action::OpenSession, Action::MoveDown, Action::NarrowToSelection, Action::Back, Action::NextTab] {
            step(&mut s, a);
        }
    }
    let mut s = screen();
    press(&mut s, &[Action::PrevTab]);
    assert_eq!(s.tab, Tab::Search);
    press(&mut s, &[Action::NextTab]);
    assert_eq!(s.tab, Tab::Themes);
}

/// Figures an answer replaces are not freed on the UI thread: the next job
/// takes them to the worker.
#[test]
fn what_an_answer_replaced_goes_to_the_worker_with_the_next_job() {
    let mut s = screen();
    s.update(Action::NarrowToSelection, today());
    let job = s.take_job().expect("the narrowed figures are asked for");
    let before = s.result.clone();
    s.computed(job.run());
    assert_ne!(s.result, before);
    assert_eq!(s.litter.len(), 2, "the old figures, and the old search");
    s.update(Action::ClearFilter, today());
    let next = s.take_job().expect("the whole library's figures");
    assert_eq!(next.litter.len(), 2);
    assert!(s.litter.is_empty());
}

/// A synthesis overtaken by a newer question stops between its steps; the
/// same job not overtaken gives the figures.
#[test]
fn a_job_overtaken_is_abandoned_between_its_steps() {
    let mut s = screen();
    s.recompute();
    let job = s.take_job().unwrap();
    let mut asked = 0;
    assert!(
        job.clone()
            .run_unless(|| {
                asked += 1;
                true
            })
            .is_none()
    );
    assert_eq!(asked, 1, "checked right after the synthesis");
    let answer = job.run_unless(|| false).expect("not overtaken");
    s.computed(answer);
    assert!(!s.updating());
}
