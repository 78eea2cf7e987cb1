//! The codebook in the live screen: aliases offer their code in the tag
//! palette, and a note typed with an alias tag is stored under the code.

use super::*;
use crate::domain::codebook::Codebook;
use std::sync::Arc;

fn app_with_codebook() -> App {
    let book: Codebook = crate::text::yaml::from_str(
        "codes:\n- {name: pricing, description: What they pay., aliases: [price]}\n",
        std::path::Path::new("codebook.yaml"),
    )
    .unwrap();
    let choices = vec![GuideChoice { name: "discovery".into(), guide: Ok(guide()) }];
    let mut app = App::new(Library::default(), choices, PathBuf::from("/data/sessions"), "discovery", t0());
    app.codebook = Some(Arc::new(book));
    let p = Participant { name: "Ana López".into(), ..Default::default() };
    app.start_session(guide(), p);
    app
}

#[test]
fn a_note_typed_with_an_alias_is_stored_under_its_code_and_said_once() {
    let mut app = app_with_codebook();
    typed(&mut app, "It costs too much #price", t0());
    app.update(Action::CommitNote, t0());
    assert_eq!(cap(&app).session.notes[0].tags, ["pricing"]);
    assert!(cap(&app).message.as_deref().is_some_and(|m| m.contains("#price → #pricing")), "{:?}", cap(&app).message);
    typed(&mut app, "Again #price", t0());
    app.update(Action::CommitNote, t0());
    assert_eq!(cap(&app).session.notes[1].tags, ["pricing"]);
    assert!(!cap(&app).message.as_deref().unwrap_or_default().contains("→"), "said once");
}

#[test]
fn typing_an_alias_in_the_palette_offers_the_code() {
    let mut app = app_with_codebook();
    typed(&mut app, "a note", t0());
    app.update(Action::CommitNote, t0());
    app.update(Action::OpenTagPalette, t0());
    typed(&mut app, "price", t0());
    let rows = cap(&app).palette_rows();
    assert_eq!((rows[0].tag.as_str(), rows[0].new), ("pricing", false), "{rows:?}");
    app.update(Action::ApplyTag, t0());
    assert_eq!(cap(&app).session.notes[0].tags, ["pricing"]);
}

#[test]
fn strict_asks_before_creating_a_tag_the_codebook_does_not_know() {
    let mut app = app_with_codebook();
    app.codebook_strict = true;
    // Strict mode reaches the screen when a session opens.
    let p = Participant { name: "Ben".into(), ..Default::default() };
    app.start_session(guide(), p);
    typed(&mut app, "a note", t0());
    app.update(Action::CommitNote, t0());
    app.update(Action::OpenTagPalette, t0());
    typed(&mut app, "zebra", t0());
    let last = cap(&app).palette_rows().len() - 1;
    for _ in 0..last {
        app.update(Action::MoveDown, t0());
    }
    assert!(app.update(Action::ApplyTag, t0()).is_empty(), "asks first");
    assert!(cap(&app).message.as_deref().is_some_and(|m| m.contains("not in the codebook")), "{:?}", cap(&app).message);
    assert!(cap(&app).session.notes[0].tags.is_empty());
    app.update(Action::ApplyTag, t0());
    assert_eq!(cap(&app).session.notes[0].tags, ["zebra"], "the second apply creates it");
}
