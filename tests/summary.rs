//! The session summary written with `m` travels with the interview: it is in
//! the Markdown snapshot (`show --format md`, `s` to save, `y` to copy) and
//! in the session view at every width, 80x24 included.

mod common;

use base64::Engine;
use common::{ENTER, Pty, TIMEOUT, cli, data_dir, finished_session, note, sessions_dir, stdout};
use fieldnotes::domain::note::Kind;
use fieldnotes::domain::session::Session;
use fieldnotes::store::guides;
use fieldnotes::store::library::Library;
use fieldnotes::tui::action::Action;
use fieldnotes::tui::app::App;
use fieldnotes::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};

const ID: &str = "20261122-1000-ana-lopez";
const FIRST: &str = "Key takeaway: the board report eats Monday.";
const SECOND: &str = "Pricing per seat scares the occasional viewer.";

fn session() -> Session {
    let mut s = finished_session(
        ID,
        "Ana López",
        "2026-11-22T10:00:00+01:00",
        vec![
            note(60, Kind::Quote, Some("1.1"), "We export to Excel every Friday", &["reporting"]),
            note(120, Kind::Pain, Some("2.1"), "The board report takes a whole day", &["reporting"]),
            note(180, Kind::Note, Some("3.1"), "Came over from the finance team", &[]),
        ],
    );
    s.summary = Some(format!("{FIRST}\n\n- {SECOND}"));
    s
}

fn write_library(root: &Path) {
    let dir = sessions_dir(root);
    std::fs::create_dir_all(&dir).unwrap();
    fieldnotes::store::writer::write_session(&dir.join(format!("{ID}.yaml")), &session()).unwrap();
}

fn t0() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap()
}

fn review_screen(w: u16, h: u16, down: usize) -> String {
    let mut app = App::new(Library::default(), vec![], PathBuf::from("/data/sessions"), "discovery", t0());
    let guide = guides::parse_builtin("discovery").unwrap().unwrap();
    app.open_review(session(), guide, PathBuf::from(format!("/data/sessions/{ID}.yaml")), None);
    for _ in 0..down {
        app.update(Action::MoveDown, t0());
    }
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| fieldnotes::tui::ui::render(f, &app, &Theme::monochrome())).unwrap();
    let b = terminal.backend().buffer();
    let rows: Vec<String> =
        (0..b.area.height).map(|y| (0..b.area.width).map(|x| b[(x, y)].symbol()).collect()).collect();
    rows.join("\n")
}

#[test]
fn the_session_view_shows_the_summary_at_every_width() {
    for (w, h) in [(80, 24), (100, 30), (120, 40), (200, 60)] {
        let screen = review_screen(w, h, 0);
        assert!(screen.contains(FIRST), "{w}x{h}:\n{screen}");
        assert!(screen.contains(SECOND), "{w}x{h}:\n{screen}");
        // The selected first note is on screen too.
        assert!(screen.contains("We export to Excel every Friday"), "{w}x{h}:\n{screen}");
        if (w, h) == (80, 24) || (w, h) == (120, 40) {
            insta::assert_snapshot!(format!("review_summary_{w}x{h}"), screen);
        }
    }
    // Further down the notes, the selected note comes first and the summary scrolls away.
    let lower = review_screen(80, 24, 2);
    assert!(lower.contains("Came over from the finance team"), "{lower}");
}

#[test]
fn show_as_markdown_has_the_summary() {
    let root = tempfile::tempdir().unwrap();
    write_library(root.path());
    let out = cli(root.path(), &["show", ID, "--format", "md"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let md = stdout(&out);
    assert!(md.contains(&format!("## Summary\n\n{FIRST}\n\n- {SECOND}\n")), "{md}");
}

/// The text of the last OSC 52 clipboard sequence the app wrote.
fn clipboard(raw: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(raw);
    let start = text.rfind("\x1b]52;c;")? + "\x1b]52;c;".len();
    let end = start + text[start..].find(['\x07', '\x1b'])?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(&text[start..end]).ok()?;
    String::from_utf8(bytes).ok()
}

#[test]
fn saved_and_copied_snapshots_have_the_summary_and_80x24_shows_it() {
    let root = tempfile::tempdir().unwrap();
    write_library(root.path());
    let mut pty = Pty::spawn(root.path(), &[]);
    pty.resize(24, 80);
    pty.wait_until("the library", TIMEOUT, |s| s.contains("Ana López")).unwrap();
    pty.send(ENTER);
    pty.expect("Notes by question");
    pty.expect(FIRST);

    pty.send("s");
    pty.expect("Snapshot saved to ");
    let export = data_dir(root.path()).join("exports").join(format!("{ID}.md"));
    let saved = std::fs::read_to_string(&export).unwrap_or_else(|e| panic!("{}: {e}", export.display()));
    assert!(saved.contains(&format!("## Summary\n\n{FIRST}\n\n- {SECOND}\n")), "{saved}");

    pty.send("y");
    pty.expect("Snapshot sent to the clipboard");
    let copied = clipboard(&pty.raw).expect("an OSC 52 sequence");
    assert_eq!(copied, saved, "the copy is the saved snapshot");

    pty.send("\x1b");
    pty.wait_until("the library", TIMEOUT, |s| s.contains(" Library ")).unwrap();
    pty.send("q");
    let status = pty.wait_exit(TIMEOUT);
    assert!(status.success(), "{status:?}\n{:?}", pty.report("the app failed"));
}
