//! The promise of the live screen: whatever was pressed before, a typed
//! sentence lands in the note input and Enter commits it, touching no other note.

use super::*;
use crossterm::event::{KeyCode, KeyModifiers};
use proptest::prelude::*;

/// One step a PM might take before typing: a key, or a word and Enter.
#[derive(Debug, Clone)]
enum Step {
    Key(KeyCode, KeyModifiers),
    Commit(String),
    Paste(String),
}

fn step() -> impl Strategy<Value = Step> {
    let key = |code, mods| Just(Step::Key(code, mods));
    let (none, ctrl) = (KeyModifiers::NONE, KeyModifiers::CONTROL);
    prop_oneof![
        key(KeyCode::Up, none),
        key(KeyCode::Down, none),
        key(KeyCode::Char('z'), ctrl),
        key(KeyCode::Delete, none),
        key(KeyCode::Backspace, none),
        key(KeyCode::Char('t'), ctrl),
        key(KeyCode::Char('o'), ctrl),
        key(KeyCode::Char('n'), ctrl),
        key(KeyCode::Char('p'), ctrl),
        key(KeyCode::Tab, none),
        key(KeyCode::Esc, none),
        key(KeyCode::Enter, none),
        key(KeyCode::F(1), none),
        "[a-z]{1,8}( #[a-z]{1,5})?".prop_map(Step::Commit),
        "#[a-z]{1,5}".prop_map(Step::Commit),
        "[a-z \n]{1,10}".prop_map(Step::Paste),
    ]
}

fn take(app: &mut App, step: &Step) {
    match step {
        Step::Key(code, mods) => {
            press(app, *code, *mods);
        }
        Step::Commit(word) => {
            type_keys(app, word);
            press(app, KeyCode::Enter, KeyModifiers::NONE);
        }
        Step::Paste(text) => {
            app.update(Action::Paste(text.clone()), t0());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn a_typed_sentence_is_committed_as_typed_from_any_state(
        steps in proptest::collection::vec(step(), 0..40),
        sentence in "[A-Za-z0-9][A-Za-z0-9 ,.:;'()/!?+\"\\[\\]-]{0,40}",
    ) {
        typed_after(&steps, &sentence)?;
    }
}

/// A case the property found: every note deleted, `#a` committed with
/// nothing to tag (the input keeps it), then `a` typed: the input holds
/// `#aa`, and Enter keeps it there rather than committing or dropping it.
#[test]
fn tags_alone_with_no_note_to_tag_stay_in_the_input_as_typing_goes_on() {
    let (none, esc) = (KeyModifiers::NONE, Step::Key(KeyCode::Esc, KeyModifiers::NONE));
    let mut steps = Vec::new();
    for _ in 0..3 {
        steps.extend([Step::Key(KeyCode::Up, none), Step::Key(KeyCode::Delete, none), esc.clone()]);
    }
    steps.push(Step::Commit("#a".into()));
    let mut app = three_notes();
    steps.iter().for_each(|s| take(&mut app, s));
    assert!(cap(&app).session.notes.is_empty(), "{:?}", cap(&app).session.notes);
    assert_eq!(cap(&app).input.text(), "#a");
    typed_after(&steps, "a").unwrap();
}

/// Takes `steps`, then types `sentence` and Enter: what was typed is the new
/// note (or the note being edited), and no other note changed.
fn typed_after(steps: &[Step], sentence: &str) -> Result<(), TestCaseError> {
    let mut app = three_notes();
    for s in steps {
        take(&mut app, s);
    }
    // The tag palette and its filter are a field of their own, shown
    // as a box over the notes, closed with Esc (the first Esc closes
    // the help over it). Any other help stays open: typing goes through it.
    for _ in 0..3 {
        if app.mode_under_help() == Mode::Palette {
            press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
        }
    }
    let state = app.mode_under_help();
    prop_assert!(matches!(state, Mode::Typing | Mode::Selected), "{:?}", app.mode());
    let before = cap(&app).session.notes.clone();
    let editing = cap(&app).editing.as_ref().map(|e| e.index);
    let typed_before = cap(&app).input.text().to_string();
    if state == Mode::Selected {
        prop_assert_eq!(&typed_before, "", "a selected note leaves nothing hidden in the input");
    }
    let effects = type_keys(&mut app, sentence);
    prop_assert!(ops(&effects).iter().all(|op| matches!(op, Op::Draft { .. })), "{:?}", effects);
    let editor = effects.iter().any(|e| matches!(e, Effect::EditExternally { .. }));
    prop_assert!(!editor, "a typed key opened the editor");
    prop_assert_eq!(app.mode(), Mode::Typing);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let after = &cap(&app).session.notes;
    let whole = format!("{typed_before}{sentence}");
    match editing {
        // An edit in progress (shown in the input's title) takes the text.
        Some(i) => {
            let mut expected = before.clone();
            expected[i] = before[i].retyped(&whole).expect("non-empty");
            prop_assert_eq!(after, &expected);
        }
        // Tags alone tag the last note; with no note left to tag they stay
        // in the input (the footer says why), so the sentence typed after
        // them continued the tag: nothing is committed and nothing is lost.
        None if crate::domain::note::parse(&whole).is_some_and(|p| p.text.is_empty()) => {
            prop_assert!(before.is_empty(), "tags alone with notes to tag: {:?}", whole);
            prop_assert_eq!(after, &before);
            prop_assert_eq!(cap(&app).input.text(), whole.as_str());
        }
        None => {
            prop_assert_eq!(after.len(), before.len() + 1);
            prop_assert_eq!(&after[..before.len()], &before[..]);
            let parsed = crate::domain::note::parse(&whole).expect("non-empty");
            let new = &after[before.len()];
            prop_assert_eq!((&new.text, new.kind, &new.tags), (&parsed.text, parsed.kind, &parsed.tags));
            // The sentence has no marker and no #tag: the text is what was
            // typed, after any earlier draft (whose own #tags were read above).
            if !typed_before.contains('#') {
                prop_assert_eq!(&new.text, whole.trim());
            }
        }
    }
    Ok(())
}
