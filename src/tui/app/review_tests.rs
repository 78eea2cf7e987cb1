//! Key paths through the session view and quick tagging: no terminal, no disk.

use super::review::{Review, ReviewMode};
use super::tests::{ops, t0};
use super::*;
use crate::domain::note::Kind;
use crate::domain::op::Op;
use crate::domain::session::{Note, Offset};
use crate::store::guides;

fn note(text: &str, kind: Kind, q: &str, tags: &[&str]) -> Note {
    Note {
        at: Offset(60),
        sitting: None,
        text: text.into(),
        kind,
        question: Some(q.into()),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        done: false,
        starred: false,
        from_transcript: false,
        typed: None,
        extra: Default::default(),
    }
}

fn session() -> Session {
    let mut s = Session::new(
        "s".into(),
        "discovery",
        "Discovery",
        Participant { name: "Ana".into(), ..Default::default() },
        t0(),
    );
    s.notes = vec![
        note("on 2.1", Kind::Note, "2.1", &[]),
        note("on 1.1", Kind::Quote, "1.1", &["reporting"]),
        note("send deck", Kind::Followup, "1.2", &[]),
        note("off guide", Kind::Pain, "9.9", &[]),
    ];
    s
}

fn review() -> Review {
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    let library: std::collections::HashMap<String, usize> =
        [("pricing".to_string(), 30), ("reporting".to_string(), 10), ("trust".to_string(), 5)].into();
    Review::new(session(), guide, PathBuf::from("/d/s.yaml"), &library)
}

/// Applies every persisted op to a copy, as the writer does, and checks the
/// copy never drifts from the screen's session.
fn step(r: &mut Review, mirror: &mut Session, action: Action) -> Vec<Effect> {
    let effects = r.update(action);
    for op in ops(&effects) {
        op.apply(mirror).unwrap();
    }
    assert_eq!(*mirror, r.session, "the writer's copy drifted");
    effects
}

#[test]
fn notes_are_shown_in_guide_order_with_off_guide_notes_last() {
    let r = review();
    let texts: Vec<&str> = r.order().iter().map(|i| r.session.notes[*i].text.as_str()).collect();
    assert_eq!(texts, ["on 1.1", "send deck", "on 2.1", "off guide"]);
    let uncovered = r.rows().iter().filter(|row| matches!(row, review::Row::Question { covered: false, .. })).count();
    assert_eq!(uncovered, r.guide.question_count() - 3, "every question without notes shows as not covered");
}

#[test]
fn edit_kind_delete_undo() {
    let mut r = review();
    let mut mirror = r.session.clone();
    step(&mut r, &mut mirror, Action::MoveDown);
    step(&mut r, &mut mirror, Action::MoveDown);
    assert_eq!(r.selected_note(), Some(0), "third in display order is 'on 2.1'");
    step(&mut r, &mut mirror, Action::EditNote);
    let ReviewMode::Edit { input, .. } = &r.mode else { panic!("not editing") };
    assert_eq!(input.text(), "on 2.1");
    step(&mut r, &mut mirror, Action::CursorHome);
    step(&mut r, &mut mirror, Action::InsertChar('!'));
    step(&mut r, &mut mirror, Action::CursorEnd);
    for c in " #perf".chars() {
        step(&mut r, &mut mirror, Action::InsertChar(c));
    }
    let e = step(&mut r, &mut mirror, Action::CommitNote);
    assert!(matches!(ops(&e)[..], [Op::Replace { index: 0, .. }]));
    assert_eq!((r.session.notes[0].kind, r.session.notes[0].tags.clone()), (Kind::Pain, vec!["perf".to_string()]));
    step(&mut r, &mut mirror, Action::ChangeKind);
    assert_eq!(r.mode(), Mode::KindPick);
    step(&mut r, &mut mirror, Action::SetKind(Kind::Insight));
    assert_eq!(r.session.notes[0].kind, Kind::Insight);
    step(&mut r, &mut mirror, Action::DeleteNote);
    assert_eq!(r.session.notes.len(), 3);
    step(&mut r, &mut mirror, Action::Undo);
    assert_eq!((r.session.notes.len(), r.session.notes[0].kind), (4, Kind::Insight), "delete undone");
    step(&mut r, &mut mirror, Action::Undo);
    assert_eq!(r.session.notes[0].kind, Kind::Pain, "kind change undone");
    step(&mut r, &mut mirror, Action::Undo);
    assert_eq!((r.session.notes[0].kind, r.session.notes[0].text.as_str()), (Kind::Note, "on 2.1"), "edit undone");
}

#[test]
fn followups_checklist_summary_and_share() {
    let mut r = review();
    let mut mirror = r.session.clone();
    step(&mut r, &mut mirror, Action::ToggleDone);
    assert!(r.message.as_deref().unwrap().contains("Only follow-ups"));
    step(&mut r, &mut mirror, Action::MoveDown);
    step(&mut r, &mut mirror, Action::ToggleDone);
    assert!(r.session.notes[2].done);
    step(&mut r, &mut mirror, Action::ToggleThanked);
    step(&mut r, &mut mirror, Action::ToggleShared);
    assert!(r.session.wrapup.thanked && r.session.wrapup.shared);
    // An empty summary opens on a template to fill, not a blank page.
    let e = r.update(Action::EditSummary);
    let [Effect::EditExternally { target: EditTarget::Summary, text }] = e.as_slice() else { panic!("{e:?}") };
    for heading in ["## Key takeaways", "## Surprises", "## Next steps"] {
        assert!(text.contains(heading), "{text}");
    }
    // Closing the editor without filling it in keeps no summary.
    let e = r.set_summary(text.clone());
    if let Effect::Persist { op, .. } = &e {
        op.apply(&mut mirror).unwrap();
    }
    assert_eq!(r.session.summary, None, "an untouched template is not a summary");
    let e = r.set_summary("Key takeaway: exports hurt.\n\n".into());
    if let Effect::Persist { op, .. } = &e {
        op.apply(&mut mirror).unwrap();
    }
    assert_eq!(r.session.summary.as_deref(), Some("Key takeaway: exports hurt."));
    // A filled template keeps what was written and drops the headings left empty.
    let filled = "## Key takeaways\n- Exports hurt.\n\n## Surprises\n- \n\n## Next steps\n- Send the deck.\n";
    let e = r.set_summary(filled.into());
    if let Effect::Persist { op, .. } = &e {
        op.apply(&mut mirror).unwrap();
    }
    assert_eq!(
        r.session.summary.as_deref(),
        Some("## Key takeaways\n- Exports hurt.\n\n## Next steps\n- Send the deck.")
    );
    // With a summary, the editor opens on it.
    let e = r.update(Action::EditSummary);
    let [Effect::EditExternally { text, .. }] = e.as_slice() else { panic!("{e:?}") };
    assert!(text.starts_with("## Key takeaways\n- Exports hurt."), "{text}");
    assert_eq!(r.update(Action::Export), vec![Effect::Export { clipboard: false }]);
    assert_eq!(r.update(Action::CopySnapshot), vec![Effect::Export { clipboard: true }]);
    assert_eq!(r.update(Action::Back), vec![Effect::GoHome]);
}

#[test]
fn quick_tagging_walks_only_untagged_notes_with_number_keys_search_remove_undo() {
    let mut r = review();
    let mut mirror = r.session.clone();
    step(&mut r, &mut mirror, Action::QuickTag);
    let ReviewMode::Tagging(q) = &r.mode else { panic!("not tagging") };
    // The untagged notes only, in display order: the tagged one is not walked.
    assert_eq!(q.queue, vec![2, 0, 3]);
    // Keys 1–9: the library's most used tags.
    assert_eq!(&q.top[..3], ["pricing", "reporting", "trust"]);
    step(&mut r, &mut mirror, Action::TopTag(1));
    assert_eq!(r.session.notes[2].tags, ["pricing"]);
    assert_eq!(r.quick_tag().unwrap().current(), Some(0), "a tag moves on to the next untagged note");
    step(&mut r, &mut mirror, Action::PrevNote);
    step(&mut r, &mut mirror, Action::TopTag(1));
    assert_eq!(r.session.notes[2].tags, ["pricing"], "a tag is applied once");
    step(&mut r, &mut mirror, Action::NextNote);
    step(&mut r, &mut mirror, Action::SearchTags);
    assert_eq!(r.mode(), Mode::TagSearch);
    for c in "Data Quality".chars() {
        step(&mut r, &mut mirror, Action::InsertChar(c));
    }
    assert!(r.search_rows().iter().any(|row| row.new && row.tag == "data-quality"));
    step(&mut r, &mut mirror, Action::ApplyTag);
    assert_eq!(r.session.notes[0].tags, ["data-quality"], "creates the typed tag");
    assert_eq!(r.mode(), Mode::QuickTag);
    assert_eq!(r.quick_tag().unwrap().current(), Some(3), "the search's tag moves on too");
    step(&mut r, &mut mirror, Action::PrevNote);
    // Every note: a tag stays on the note, to add a second one.
    step(&mut r, &mut mirror, Action::ShowAllNotes);
    assert_eq!(r.quick_tag().unwrap().queue, vec![1, 2, 0, 3]);
    assert_eq!(r.quick_tag().unwrap().current(), Some(0), "the same note, among all of them");
    step(&mut r, &mut mirror, Action::TopTag(3));
    assert_eq!(r.quick_tag().unwrap().current(), Some(0));
    step(&mut r, &mut mirror, Action::RemoveTag);
    step(&mut r, &mut mirror, Action::TopTag(1));
    assert_eq!(r.session.notes[0].tags, ["trust"], "remove-tag then 1 removes the first tag");
    step(&mut r, &mut mirror, Action::Undo);
    assert_eq!(r.session.notes[0].tags, ["data-quality", "trust"]);
    assert_eq!(r.untagged(), 1);
    step(&mut r, &mut mirror, Action::ShowAllNotes);
    assert_eq!(r.quick_tag().unwrap().queue, vec![2, 0, 3], "back to the notes that had no tag");
    assert_eq!(r.quick_tag().unwrap().current(), Some(0));
    step(&mut r, &mut mirror, Action::Back);
    assert_eq!(r.mode(), Mode::Review);
    assert_eq!(r.selected_note(), Some(0), "leaving tagging selects the note being tagged");
}

#[test]
fn quick_tagging_across_the_library_moves_to_the_next_session() {
    let mut r = review();
    r.next_sessions = vec![PathBuf::from("/d/b.yaml"), PathBuf::from("/d/c.yaml")];
    r.start_tagging();
    for _ in 0..2 {
        assert!(r.update(Action::NextNote).is_empty());
    }
    let e = r.update(Action::NextNote);
    // The main loop closes this session only once the next one can be opened.
    assert_eq!(e, vec![Effect::TagSession { path: "/d/b.yaml".into(), rest: vec!["/d/c.yaml".into()] }]);
}

#[test]
fn the_walk_counter_counts_notes_tagged_before_tagging_restarted() {
    let mut r = review();
    r.walk = Some(super::review::Walk { before: 30, total: 100, here: 3, interview: 4, interviews: 20 });
    r.start_tagging();
    let nth = |r: &Review| r.walk.unwrap().nth(r.quick_tag().unwrap());
    assert_eq!(nth(&r), 31);
    r.update(Action::TopTag(1));
    assert_eq!(nth(&r), 32);
    // Esc, then t again in the session: the note tagged stays counted.
    r.update(Action::Back);
    r.update(Action::QuickTag);
    assert_eq!(nth(&r), 32);
}

#[test]
fn tagging_the_last_untagged_note_opens_the_next_session_by_itself() {
    let mut r = review();
    r.next_sessions = vec![PathBuf::from("/d/b.yaml")];
    r.start_tagging();
    for n in 0..2 {
        let e = r.update(Action::TopTag(1));
        assert!(matches!(&e[..], [Effect::Persist { .. }]), "note {n}: {e:?}");
    }
    let e = r.update(Action::TopTag(1));
    assert!(
        matches!(&e[..], [Effect::Persist { .. }, Effect::TagSession { path, rest }] if path.ends_with("b.yaml") && rest.is_empty()),
        "{e:?}"
    );
    assert_eq!(r.untagged(), 0);
}

#[test]
fn library_filter_sort_and_facets() {
    use crate::store::library::{Library, SessionInfo, Summary};
    let mk = |id: &str, who: &str, seg: &str, days: i64, untagged: usize, tags: &[&str], text: &str| {
        let mut s = Session::new(
            id.into(),
            "discovery",
            "Discovery",
            Participant { name: who.into(), segment: Some(seg.into()), ..Default::default() },
            t0() - chrono::Duration::days(days),
        );
        s.notes = vec![note(text, Kind::Note, "1.1", tags)];
        let mut info = SessionInfo::of(&s);
        info.untagged = untagged;
        Summary { id: id.into(), path: PathBuf::from(format!("/d/{id}.yaml")), info: Ok(info), journal: false }
    };
    let library = Library {
        sessions: vec![
            mk("a", "Ana López", "smb", 3, 0, &["pricing"], "we export to excel"),
            mk("b", "Bo Chen", "enterprise", 1, 5, &["trust"], "security review"),
            mk("c", "Cy Park", "smb", 2, 2, &["pricing", "trust"], "pricing page"),
        ],
    };
    let mut app = App::new(library, vec![], PathBuf::from("/d"), "discovery", t0());
    let ids = |app: &App| {
        app.home.view.visible(&app.library).iter().map(|i| app.library.sessions[*i].id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(ids(&app), ["b", "c", "a"], "newest first");
    app.update(Action::CycleSort, t0());
    assert_eq!(ids(&app), ["a", "b", "c"], "by participant");
    app.update(Action::CycleSort, t0());
    assert_eq!(ids(&app), ["b", "c", "a"], "most untagged first");
    app.update(Action::FilterLibrary, t0());
    assert_eq!(app.mode(), Mode::HomeFilter);
    for c in "excel".chars() {
        app.update(Action::InsertChar(c), t0());
    }
    // The notes are searched off the UI thread: until the answer, the rows stay.
    assert!(app.home.view.notes_pending());
    let query = app.home.view.take_note_query().expect("the note search is asked");
    let in_notes = [("a".to_string(), "excel".to_string())].into();
    app.home.view.notes_found(crate::store::note_texts::NotesFound { query, in_notes });
    assert_eq!(ids(&app), ["a"], "note text matches");
    app.update(Action::Back, t0());
    assert_eq!(ids(&app).len(), 3, "Esc clears the filter");
    app.update(Action::FacetFilter, t0());
    for c in "segment: smb".chars() {
        app.update(Action::InsertChar(c), t0());
    }
    app.update(Action::ApplyTag, t0());
    // The picker writes into the one filter line.
    assert_eq!(app.home.view.filter.text(), "segment:smb");
    assert_eq!(ids(&app), ["c", "a"]);
    app.update(Action::OpenSession, t0());
    // The library keeps its settings while a session is open and after.
    assert_eq!(app.home.view.applied.segment.as_deref(), Some("smb"));
}

#[test]
fn a_rejected_library_filter_keeps_the_one_in_force() {
    use crate::store::library::{Library, SessionInfo, Summary};
    let mk = |id: &str, seg: &str| {
        let mut s = session();
        s.participant.segment = Some(seg.into());
        Summary {
            id: id.into(),
            path: PathBuf::from(format!("/d/{id}.yaml")),
            info: Ok(SessionInfo::of(&s)),
            journal: false,
        }
    };
    let library = Library { sessions: vec![mk("a", "smb"), mk("b", "enterprise")] };
    let mut app = App::new(library, vec![], PathBuf::from("/d"), "discovery", t0());
    let ids = |app: &App| {
        app.home.view.visible(&app.library).iter().map(|i| app.library.sessions[*i].id.clone()).collect::<Vec<_>>()
    };
    app.update(Action::FilterLibrary, t0());
    for c in "segment:smb".chars() {
        app.update(Action::InsertChar(c), t0());
    }
    app.update(Action::ApplyTag, t0());
    assert_eq!(ids(&app), ["a"]);
    // "segment:smb" becomes "segmnt:smb": rejected, the filter in force stays.
    app.update(Action::FilterLibrary, t0());
    for _ in 0.."ent:smb".len() {
        app.update(Action::Backspace, t0());
    }
    for c in "nt:smb".chars() {
        app.update(Action::InsertChar(c), t0());
    }
    assert_eq!(app.home.view.filter.text(), "segmnt:smb");
    assert_eq!(app.home.view.error.as_deref(), Some("unknown filter key 'segmnt': did you mean segment?"));
    app.update(Action::ApplyTag, t0());
    assert_eq!(app.mode(), Mode::Home, "Enter leaves the field: the next key is not typed into it");
    assert_eq!(ids(&app), ["a"], "the filter in force before is still in force");
    assert!(app.home.view.error.is_some(), "and the error stays beside it");
    // `/` again: the rejected line, to fix.
    app.update(Action::FilterLibrary, t0());
    assert_eq!(app.home.view.filter.text(), "segmnt:smb");
}

#[test]
fn followups_screen_toggles_done_through_an_effect() {
    use crate::store::library::{Library, SessionInfo, Summary};
    let s = session();
    let summary = Summary { id: "s".into(), path: "/d/s.yaml".into(), info: Ok(SessionInfo::of(&s)), journal: false };
    let mut app = App::new(Library { sessions: vec![summary] }, vec![], PathBuf::from("/d"), "discovery", t0());
    app.update(Action::ShowFollowups, t0());
    assert_eq!(app.mode(), Mode::Followups);
    assert_eq!(app.followups().len(), 1);
    let e = app.update(Action::ToggleDone, t0());
    assert_eq!(e, vec![Effect::SetDone { path: "/d/s.yaml".into(), index: 2, done: true }]);
    assert!(!app.followups()[0].3, "not shown done before the file says so");
    app.followup_saved(std::path::Path::new("/d/s.yaml"), 2, true);
    assert!(app.followups()[0].3);
    app.update(Action::Back, t0());
    assert_eq!(app.mode(), Mode::Home);
}

mod no_panic {
    use super::*;
    use proptest::prelude::*;

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            any::<char>().prop_map(Action::InsertChar),
            (0usize..11).prop_map(Action::TopTag),
            proptest::sample::select(Kind::ALL.to_vec()).prop_map(Action::SetKind),
            proptest::sample::select(vec![
                Action::MoveUp,
                Action::MoveDown,
                Action::PageUp,
                Action::PageDown,
                Action::EditNote,
                Action::CommitNote,
                Action::DeleteNote,
                Action::Undo,
                Action::ChangeKind,
                Action::QuickTag,
                Action::SearchTags,
                Action::RemoveTag,
                Action::NextNote,
                Action::PrevNote,
                Action::ApplyTag,
                Action::ToggleDone,
                Action::ToggleThanked,
                Action::Backspace,
                Action::Back,
            ]),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn random_review_actions_never_panic_or_drift(actions in proptest::collection::vec(action(), 0..80)) {
            let mut r = review();
            let mut mirror = r.session.clone();
            let theme = crate::tui::theme::Theme::monochrome();
            let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
            let mut app = App::new(Default::default(), vec![], PathBuf::from("/d"), "discovery", t0());
            for a in actions {
                let effects = r.update(a);
                for op in ops(&effects) {
                    prop_assert!(op.apply(&mut mirror).is_ok());
                }
                prop_assert_eq!(&mirror, &r.session);
                if effects.contains(&Effect::GoHome) {
                    break;
                }
            }
            app.screen = Screen::Review(Box::new(r));
            terminal.draw(|f| crate::tui::ui::render(f, &app, &theme)).unwrap();
        }
    }
}

#[test]
fn a_note_edited_in_the_editor_comes_back_parsed() {
    let mut r = review();
    let mut mirror = r.session.clone();
    let e = r.update(Action::EditInEditor);
    assert_eq!(e, vec![Effect::EditExternally { target: EditTarget::Note(1), text: "\"on 1.1 #reporting".into() }]);
    for op in ops(&r.set_note_text(1, "!on 1.1, reworded\nacross lines #pricing")) {
        op.apply(&mut mirror).unwrap();
    }
    assert_eq!(mirror, r.session);
    let n = &r.session.notes[1];
    assert_eq!(
        (n.kind, n.text.as_str(), n.tags.clone()),
        (Kind::Pain, "on 1.1, reworded across lines", vec!["pricing".to_string()])
    );
    assert!(r.set_note_text(1, "   ").is_empty(), "an emptied note changes nothing");
    r.update(Action::Undo);
    assert_eq!(r.session.notes[1].kind, Kind::Quote);
}

#[test]
fn a_background_library_scan_keeps_sessions_begun_meanwhile() {
    use crate::store::library::{Library, SessionInfo, Summary};
    let row = |id: &str| Summary {
        id: id.into(),
        path: format!("/d/{id}.yaml").into(),
        info: Ok(SessionInfo::of(&session())),
        journal: false,
    };
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/d"), "discovery", t0());
    app.library_loading = true;
    app.library.sessions.push(row("new-one"));
    app.library_loaded(Library { sessions: vec![row("old-a"), row("old-b")] });
    let ids: Vec<&str> = app.library.ids().collect();
    assert_eq!(ids, ["new-one", "old-a", "old-b"]);
    assert!(!app.library_loading);
}

#[test]
fn a_note_opened_from_the_synthesis_is_selected_and_esc_goes_back_to_the_synthesis() {
    use super::synthesis::{Focus, SynthData};
    use crate::analysis::synthesis::SessionRecord;
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/d"), "discovery", t0());
    assert_eq!(app.update(Action::OpenSynthesis, t0()), vec![Effect::LoadSynthesis { load: 1 }]);
    assert_eq!(app.mode(), Mode::Synthesis);
    let s = session();
    let effects = app.synthesis_loaded(SynthData {
        records: vec![SessionRecord::of(&s)],
        paths: vec![PathBuf::from("/d/s.yaml")],
        load: 1,
        ..SynthData::default()
    });
    // The figures, computed as the main loop's worker would.
    for effect in effects {
        let Effect::Synthesize(job) = effect else { panic!("{effect:?}") };
        assert!(app.synthesis_computed(job.run()).is_empty());
    }
    // The one theme, #reporting: its evidence, then its only note.
    app.update(Action::OpenSession, t0());
    assert_eq!(app.synthesis().unwrap().focus, Focus::Evidence);
    assert_eq!(app.update(Action::OpenSession, t0()), vec![Effect::Review(PathBuf::from("/d/s.yaml"))]);
    // The main loop reads the file and opens it.
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    app.open_review(s, guide, PathBuf::from("/d/s.yaml"), None);
    let r = app.review().expect("the session view");
    assert_eq!(r.selected_note(), Some(1), "the note the evidence pointed at");
    // Leaving the session goes back to the synthesis, which reads the library again.
    let effects = app.update(Action::Back, t0());
    assert_eq!(effects, vec![Effect::Close, Effect::LoadSynthesis { load: 2 }]);
    assert!(app.synthesis().unwrap().loading, "the screen says it is reading");
    assert_eq!(app.synthesis().unwrap().focus, Focus::Evidence, "where the user was");
    // And from there, Esc twice: the library.
    app.update(Action::Back, t0());
    app.update(Action::Back, t0());
    assert_eq!(app.mode(), Mode::Home);
    assert!(app.parked_synthesis.is_none());
}

#[test]
fn leaving_the_synthesis_forgets_a_jump_that_did_not_open() {
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/d"), "discovery", t0());
    app.update(Action::OpenSynthesis, t0());
    app.jump_note = Some(3); // a jump whose session could not be read
    app.update(Action::Back, t0());
    assert_eq!(app.mode(), Mode::Home);
    assert_eq!(app.jump_note, None);
}

#[test]
fn a_session_that_cannot_be_opened_leaves_the_synthesis_on_screen() {
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/d"), "discovery", t0());
    app.update(Action::OpenSynthesis, t0());
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    app.open_review(session(), guide, PathBuf::from("/d/s.yaml"), None);
    assert!(app.parked_synthesis.is_some());
    app.open_failed("locked".into());
    assert_eq!(app.mode(), Mode::Synthesis);
    assert_eq!(app.message.as_deref(), Some("locked"));
}

/// Issue #14: the PM chooses the evidence. `*` stars the selected note in the
/// session view and the current one in quick tagging; undo takes it back.
#[test]
fn star_marks_key_evidence_from_the_session_view_and_quick_tagging_and_undoes() {
    let keys = crate::tui::keymap::Keymap::default();
    let star =
        crossterm::event::KeyEvent::new(crossterm::event::KeyCode::Char('*'), crossterm::event::KeyModifiers::NONE);
    assert_eq!(keys.resolve(crate::tui::keymap::Mode::Review, star), Some(Action::ToggleStar));
    assert_eq!(keys.resolve(crate::tui::keymap::Mode::QuickTag, star), Some(Action::ToggleStar));

    let mut r = review();
    let mut mirror = r.session.clone();
    // The first row shown is "on 1.1" (note 1).
    let e = step(&mut r, &mut mirror, Action::ToggleStar);
    assert!(r.session.notes[1].starred);
    assert!(matches!(ops(&e)[..], [Op::Replace { index: 1, .. }]), "{e:?}");
    step(&mut r, &mut mirror, Action::ToggleStar);
    assert!(!r.session.notes[1].starred, "the same key takes the star off");
    step(&mut r, &mut mirror, Action::ToggleStar);
    step(&mut r, &mut mirror, Action::Undo);
    assert!(!r.session.notes[1].starred, "undone");

    // Quick tagging starts on the first untagged note: "send deck" (note 2).
    step(&mut r, &mut mirror, Action::QuickTag);
    step(&mut r, &mut mirror, Action::ToggleStar);
    assert!(r.session.notes[2].starred);
    assert!(matches!(r.mode, ReviewMode::Tagging(_)), "still tagging");
    step(&mut r, &mut mirror, Action::Undo);
    assert!(!r.session.notes[2].starred);
}

/// The session view keeps the live screen's rule: a note needs words, so
/// retyping one as `#tags` alone (inline or in the editor) changes nothing
/// and says why, rather than saving a note with no text.
#[test]
fn tags_alone_never_replace_a_notes_words_in_the_session_view() {
    let mut r = review();
    let before = r.session.notes.clone();
    assert!(r.set_note_text(1, "#pricing #sso").is_empty(), "from the editor");
    assert_eq!(r.session.notes, before);
    assert!(r.message.as_deref().is_some_and(|m| m.contains("nothing changed")), "{:?}", r.message);

    let mut mirror = r.session.clone();
    step(&mut r, &mut mirror, Action::EditNote);
    step(&mut r, &mut mirror, Action::ClearInput);
    for c in "#pricing".chars() {
        step(&mut r, &mut mirror, Action::InsertChar(c));
    }
    let e = step(&mut r, &mut mirror, Action::CommitNote);
    assert!(ops(&e).is_empty(), "inline: {e:?}");
    assert_eq!(r.session.notes, before);
    assert!(matches!(r.mode, ReviewMode::Edit { .. }), "the edit stays open to fix or cancel");
}
