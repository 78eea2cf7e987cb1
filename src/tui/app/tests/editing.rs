//! Working on notes already taken: selecting, editing, deleting, undoing,
//! the tag palette, notes of only tags, and typed keys going back to the input.

use super::*;

#[test]
fn up_from_empty_input_selects_last_note_and_edit_puts_it_back() {
    let mut app = app_in_capture();
    typed(&mut app, "!slow reports #perf", t0());
    app.update(Action::CommitNote, t0());
    typed(&mut app, "second", t0());
    app.update(Action::CommitNote, t0());
    // Up with text in the input does not leave it.
    typed(&mut app, "draft", t0());
    app.update(Action::SelectPrevNote, t0());
    assert_eq!(cap(&app).focus, Focus::Typing);
    app.update(Action::ClearInput, t0());
    app.update(Action::SelectPrevNote, t0());
    assert_eq!(cap(&app).focus, Focus::Selected(1));
    app.update(Action::SelectPrevNote, t0());
    assert_eq!(cap(&app).focus, Focus::Selected(0));
    app.update(Action::EditNote, t0());
    assert_eq!(cap(&app).input.text(), "!slow reports #perf");
    app.update(Action::CursorHome, t0());
    app.update(Action::DeleteForward, t0());
    let effects = app.update(Action::CommitNote, t0());
    assert!(matches!(ops(&effects)[..], [Op::Replace { index: 0, .. }]), "{effects:?}");
    let n = &cap(&app).session.notes[0];
    assert_eq!((n.kind, n.text.as_str(), n.tags.clone()), (Kind::Note, "slow reports", vec!["perf".to_string()]));
    assert_eq!(cap(&app).session.notes.len(), 2, "editing replaces, never adds");
    // Undo restores the note as it was.
    app.update(Action::Undo, t0());
    assert_eq!(cap(&app).session.notes[0].kind, Kind::Pain);
}

#[test]
fn edit_keeps_the_draft_that_was_being_typed() {
    let mut app = app_in_capture();
    typed(&mut app, "first", t0());
    app.update(Action::CommitNote, t0());
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::InsertChar('x'), t0());
    assert_eq!(cap(&app).focus, Focus::Typing, "typing on a selected note goes back to the input");
    assert_eq!(cap(&app).input.text(), "x");
    app.update(Action::Backspace, t0());
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::EditNote, t0());
    app.update(Action::Back, t0());
    assert!(cap(&app).editing.is_none());
    assert_eq!(cap(&app).input.text(), "");
    assert_eq!(cap(&app).session.notes[0].text, "first");
}

#[test]
fn undo_waits_while_a_note_is_being_edited() {
    let mut app = app_in_capture();
    for t in ["a", "b", "c"] {
        typed(&mut app, t, t0());
        app.update(Action::CommitNote, t0());
    }
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::DeleteNote, t0());
    assert_eq!(cap(&app).focus, Focus::Selected(1), "the note before the deleted one is selected");
    app.update(Action::EditNote, t0());
    app.update(Action::Undo, t0());
    typed(&mut app, "!", t0());
    app.update(Action::CommitNote, t0());
    let texts: Vec<_> = cap(&app).session.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["a", "b!"], "the edit lands on the note being edited");
}

#[test]
fn delete_and_undo() {
    let mut app = app_in_capture();
    for t in ["a", "b", "c"] {
        typed(&mut app, t, t0());
        app.update(Action::CommitNote, t0());
    }
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::SelectPrevNote, t0());
    let effects = app.update(Action::DeleteNote, t0());
    assert_eq!(ops(&effects), [&Op::Remove { index: 1 }]);
    let texts = |app: &App| cap(app).session.notes.iter().map(|n| n.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&app), ["a", "c"]);
    app.update(Action::Undo, t0());
    assert_eq!(texts(&app), ["a", "b", "c"]);
    // Deleting every note returns focus to the input.
    for _ in 0..3 {
        app.update(Action::Back, t0());
        app.update(Action::SelectPrevNote, t0());
        app.update(Action::DeleteNote, t0());
    }
    assert!(cap(&app).session.notes.is_empty());
    assert_eq!(cap(&app).focus, Focus::Typing);
}

#[test]
fn the_palette_counts_follow_every_change_to_the_notes_but_not_the_draft() {
    let mut app = app_in_capture();
    let count = |app: &App, tag: &str| cap(app).palette_rows().iter().find(|r| r.tag == tag).map_or(0, |r| r.count);
    for (i, t) in ["one #x", "two #x #y"].iter().enumerate() {
        typed(&mut app, t, t0() + chrono::Duration::seconds(i as i64));
        app.update(Action::CommitNote, t0());
    }
    assert_eq!((count(&app, "x"), count(&app, "y")), (2, 1));
    // Typing (drafts journaled as time passes) changes nothing.
    typed(&mut app, "three #x", t0() + chrono::Duration::seconds(30));
    assert_eq!(count(&app, "x"), 2);
    app.update(Action::ClearInput, t0());
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::DeleteNote, t0());
    assert_eq!((count(&app, "x"), count(&app, "y")), (1, 0));
    app.update(Action::Undo, t0());
    assert_eq!((count(&app, "x"), count(&app, "y")), (2, 1));
    // A note tagged through the palette: the same number of notes, one more #y.
    app.update(Action::OpenTagPalette, t0());
    typed(&mut app, "y", t0());
    app.update(Action::ApplyTag, t0());
    assert_eq!(cap(&app).focus, Focus::Typing);
    assert_eq!((count(&app, "x"), count(&app, "y")), (2, 1), "the last note had #y already");
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::OpenTagPalette, t0());
    typed(&mut app, "y", t0());
    app.update(Action::ApplyTag, t0());
    assert_eq!((count(&app, "x"), count(&app, "y")), (2, 2), "the first note tagged #y");
    app.update(Action::Undo, t0());
    assert_eq!((count(&app, "x"), count(&app, "y")), (2, 1), "the tag undone");
}

#[test]
fn tag_palette_applies_fuzzy_match_or_creates_typed_tag() {
    let mut app = app_in_capture();
    app.update(Action::OpenTagPalette, t0());
    assert_eq!(cap(&app).focus, Focus::Typing, "no note yet: the palette stays closed");
    typed(&mut app, "reports are slow", t0());
    app.update(Action::CommitNote, t0());
    app.update(Action::OpenTagPalette, t0());
    assert!(matches!(cap(&app).focus, Focus::Palette(_)));
    // Guide tags are offered; a fuzzy filter narrows them.
    typed(&mut app, "wrk", t0());
    let rows = cap(&app).palette_rows();
    assert_eq!(rows[0].tag, "workaround", "{rows:?}");
    assert!(!rows[0].matched.is_empty());
    let effects = app.update(Action::ApplyTag, t0());
    assert_eq!(ops(&effects).len(), 1);
    assert_eq!(cap(&app).session.notes[0].tags, vec!["workaround"]);
    assert_eq!(cap(&app).focus, Focus::Typing);
    // A tag that matches nothing is created.
    app.update(Action::OpenTagPalette, t0());
    typed(&mut app, "Zebra Crossing", t0());
    let rows = cap(&app).palette_rows();
    assert_eq!(rows.last().map(|r| (r.tag.as_str(), r.new)), Some(("zebra-crossing", true)));
    for _ in 0..rows.len() {
        app.update(Action::MoveDown, t0());
    }
    app.update(Action::ApplyTag, t0());
    assert_eq!(cap(&app).session.notes[0].tags, vec!["workaround", "zebra-crossing"]);
    // Undo takes the tag off again.
    app.update(Action::Undo, t0());
    assert_eq!(cap(&app).session.notes[0].tags, vec!["workaround"]);
}

#[test]
fn palette_on_a_selected_note_returns_to_it() {
    let mut app = app_in_capture();
    for t in ["a", "b"] {
        typed(&mut app, t, t0());
        app.update(Action::CommitNote, t0());
    }
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::OpenTagPalette, t0());
    app.update(Action::ApplyTag, t0());
    assert_eq!(cap(&app).focus, Focus::Selected(0));
    assert_eq!(cap(&app).session.notes[0].tags.len(), 1);
    assert!(cap(&app).session.notes[1].tags.is_empty());
    app.update(Action::OpenTagPalette, t0());
    app.update(Action::Back, t0());
    assert_eq!(cap(&app).focus, Focus::Selected(0));
}

#[test]
fn typing_after_undoing_a_delete_goes_into_the_input() {
    use crossterm::event::{KeyCode, KeyModifiers};
    let mut app = three_notes();
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    press(&mut app, KeyCode::Delete, KeyModifiers::NONE);
    assert_eq!(note_texts(&app), ["first note", "second note"], "Delete deletes the selected note");
    press(&mut app, KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(cap(&app).focus, Focus::Typing, "undo gives the focus back to the input");
    type_keys(&mut app, "deadline is Friday");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(note_texts(&app), ["first note", "second note", "third note", "deadline is Friday"]);
}

#[test]
fn typing_after_an_accidental_up_goes_into_the_input() {
    use crossterm::event::{KeyCode, KeyModifiers};
    let mut app = three_notes();
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(cap(&app).focus, Focus::Selected(2));
    let effects = type_keys(&mut app, "edits daily, Deadline: each Friday!");
    assert!(ops(&effects).iter().all(|op| matches!(op, Op::Draft { .. })), "{effects:?}");
    assert_eq!(cap(&app).input.text(), "edits daily, Deadline: each Friday!");
    assert!(cap(&app).editing.is_none());
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(note_texts(&app), ["first note", "second note", "third note", "edits daily, Deadline: each Friday!"]);
}

#[test]
fn shift_e_on_a_selected_note_is_typed_and_opens_no_editor() {
    use crossterm::event::{KeyCode, KeyModifiers};
    let mut app = three_notes();
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    let effects = type_keys(&mut app, "Everyone exports");
    assert!(!effects.iter().any(|e| matches!(e, Effect::EditExternally { .. })), "{effects:?}");
    assert_eq!(cap(&app).input.text(), "Everyone exports");
    // The editor is still there for a selected note, on a chord nobody types.
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    let effects = press(&mut app, KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert!(effects.iter().any(|e| matches!(e, Effect::EditExternally { .. })), "{effects:?}");
}

#[test]
fn enter_edits_the_selected_note() {
    use crossterm::event::{KeyCode, KeyModifiers};
    let mut app = three_notes();
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(cap(&app).input.text(), "second note");
    type_keys(&mut app, "s");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(note_texts(&app), ["first note", "second notes", "third note"]);
}

#[test]
fn a_note_of_only_tags_tags_the_last_note_and_undoes_in_one_step() {
    let mut app = app_in_capture();
    typed(&mut app, "#pricing", t0());
    assert!(ops(&app.update(Action::CommitNote, t0())).is_empty(), "no note to tag: nothing stored");
    assert!(cap(&app).session.notes.is_empty());
    assert_eq!(cap(&app).input.text(), "#pricing", "the input is kept");
    assert!(cap(&app).message.as_deref().unwrap_or("").contains("No note to tag yet"), "{:?}", cap(&app).message);
    app.update(Action::ClearInput, t0());

    typed(&mut app, "!Exports break every month #export", t0());
    app.update(Action::CommitNote, t0());
    typed(&mut app, "  #pricing #Export #churn-risk ", t0());
    let effects = app.update(Action::CommitNote, t0());
    assert!(matches!(ops(&effects)[..], [Op::Replace { index: 0, .. }, ..]), "{effects:?}");
    assert!(ops(&effects)[1..].iter().all(|op| matches!(op, Op::Draft { text: None })), "{effects:?}");
    let c = cap(&app);
    assert_eq!(c.session.notes.len(), 1, "no empty note is stored");
    assert_eq!(c.session.notes[0].text, "Exports break every month");
    assert_eq!(c.session.notes[0].tags, ["export", "pricing", "churn-risk"]);
    assert!(c.input.is_empty());
    let msg = c.message.clone().unwrap_or_default();
    assert!(msg.contains("#pricing #churn-risk") && msg.contains("last note"), "{msg}");
    // One undo takes both tags off.
    app.update(Action::Undo, t0());
    assert_eq!(cap(&app).session.notes[0].tags, ["export"]);

    // Tags it already has: nothing changes, and it says so.
    typed(&mut app, "#export", t0());
    assert!(ops(&app.update(Action::CommitNote, t0())).iter().all(|op| matches!(op, Op::Draft { .. })));
    assert!(cap(&app).message.as_deref().unwrap_or("").contains("already"), "{:?}", cap(&app).message);
    assert!(cap(&app).input.is_empty());

    // A marker with only tags is no note either: the input is kept.
    typed(&mut app, "! #pricing", t0());
    app.update(Action::CommitNote, t0());
    assert_eq!(cap(&app).session.notes.len(), 1);
    assert_eq!(cap(&app).input.text(), "! #pricing");
}

#[test]
fn editing_a_note_down_to_only_tags_is_refused() {
    let mut app = app_in_capture();
    typed(&mut app, "slow reports", t0());
    app.update(Action::CommitNote, t0());
    app.update(Action::SelectPrevNote, t0());
    app.update(Action::EditNote, t0());
    app.update(Action::ClearInput, t0());
    typed(&mut app, "#perf", t0());
    assert!(ops(&app.update(Action::CommitNote, t0())).is_empty());
    assert_eq!(cap(&app).session.notes[0].text, "slow reports");
    assert!(cap(&app).editing.is_some(), "the edit stays open");
}
