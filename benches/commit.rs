//! Committing a note: Enter on the live screen until the note is durable (the
//! real writer thread has appended it to the session's journal and synced it).
//! On the build's own disk (`target/bench-data`), never a tmpfs.
//!
//! Two figures from the same keystrokes: how long the UI thread is busy with
//! Enter (update, hand the change to the writer, draw the frame: it must never
//! wait for the disk) and how long until the writer says "durable". Budgets:
//! durable median under 5 ms; the UI part like any keystroke, p99 under 1 ms.

mod common;

use common::{Budget, Plan, Samples};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fieldnotes::store::library::Library;
use fieldnotes::store::writer::{Command, Reply, Writer};
use fieldnotes::tui::action::Action;
use fieldnotes::tui::app::Effect;
use fieldnotes::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn commit_to_durable(c: &mut Criterion) {
    let library = Library::scan(&common::sessions_dir());
    let (session, guide) = common::big_session(common::LIVE_NOTES);
    std::fs::create_dir_all(common::data_root()).expect("bench data dir");
    let root = tempfile::tempdir_in(common::data_root()).expect("temp dir on the build's disk");
    let dir = root.path().join("sessions");
    let path = dir.join(format!("{}.yaml", session.id));
    std::fs::create_dir_all(&dir).expect("sessions dir");
    fieldnotes::store::writer::write_session(&path, &session).expect("write the session");

    let (mut app, begin) = common::live_app(&library, &session, &guide, &dir);
    let (tx, rx) = mpsc::channel::<Reply>();
    let writer = Writer::spawn(move |reply| {
        let _ = tx.send(reply);
    });
    let Effect::Begin { path, session, fresh } = begin else { panic!("opening a session starts its writer") };
    writer.send(Command::Open { path, session, fresh, lock: None });
    let theme = Theme::monochrome();
    let mut terminal = Terminal::new(TestBackend::new(common::WIDTH, common::HEIGHT)).expect("terminal");
    let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);

    let mut ui = Samples::default();
    let mut n = 0i64;
    let plan = Plan::new(10, Duration::from_secs(1), Duration::from_secs(5)).flat();
    // Each iteration's time is until durable; the UI thread's part is kept aside.
    let durable = common::time(c, "commit", "enter-to-durable", plan, || {
        n += 1;
        let now = app.now + chrono::Duration::seconds(n);
        for ch in format!("note {n} about #pricing").chars() {
            app.update(Action::InsertChar(ch), now);
        }
        // Whatever the typing sent (a draft) is durable before the clock starts.
        drain(&mut app, &rx, None);
        let t = Instant::now();
        let action = app.keymap.resolve(app.mode(), enter).expect("Enter commits");
        let mut rev = None;
        for effect in app.update(action, now) {
            if let Effect::Persist { rev: r, op } = effect {
                rev = Some(r);
                writer.send(Command::Change { rev: r, op: *op });
            }
        }
        terminal.draw(|f| fieldnotes::tui::ui::render(f, &app, &theme)).expect("draw");
        ui.push(t.elapsed());
        drain(&mut app, &rx, Some(rev.expect("Enter persists the note")));
        t.elapsed()
    });
    drop(writer);
    ui.report("commit/enter-ui-thread (update + hand-off + frame)", Budget::P99(common::ms(1)));
    durable.report("commit/enter-to-durable (journal appended and synced)", Budget::Median(common::ms(5)));
}

/// Feeds the writer's replies to the app until `rev` is durable (or, with
/// `None`, until nothing more comes for a moment).
fn drain(app: &mut fieldnotes::tui::app::App, rx: &mpsc::Receiver<Reply>, rev: Option<u64>) {
    loop {
        let reply = match rev {
            Some(_) => rx.recv_timeout(Duration::from_secs(10)).expect("the writer answers"),
            None => match rx.recv_timeout(Duration::from_millis(20)) {
                Ok(r) => r,
                Err(_) => return,
            },
        };
        let done = matches!((&reply, rev), (Reply::Durable { rev: r, .. }, Some(want)) if *r >= want);
        assert!(!matches!(reply, Reply::Failed { .. }), "saving failed: {reply:?}");
        app.on_reply(reply);
        if done {
            return;
        }
    }
}

criterion_group!(benches, commit_to_durable);
criterion_main!(benches);
