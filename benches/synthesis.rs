//! Synthesis and search over the whole library from memory (records already
//! read): what the synthesis screen's worker does when the filter changes,
//! and what a search does on every keystroke. 1,000 sessions, about 100,000
//! notes.
//!
//! Budgets (issue #19): through the real Synthesis screen (key → keymap →
//! update → whole screen drawn at 200x50 through the app's frame loop), a
//! filter change puts a frame on screen within 1 ms p99 (the filter line
//! changed, the old figures marked updating) and the new figures within
//! 50 ms p99 (the worker's job run, its answer taken, the screen drawn
//! again); a search keystroke puts its frame on screen within 20 ms p99, its
//! results following as the figures do. The synthesis alone, the worker's
//! part, within the 50 ms of the figures.

mod common;

use common::{Budget, Plan};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fieldnotes::analysis::codebook::rollup;
use fieldnotes::analysis::synthesis::{self, Filter, Options, SessionRecord};
use fieldnotes::analysis::transcript::marks::{LibraryTranscripts, SessionTranscript};
use fieldnotes::domain::codebook::{Code, Codebook};
use fieldnotes::domain::transcript::{Cue, Transcript};
use fieldnotes::store::library::Library;
use fieldnotes::tui::action::Action;
use fieldnotes::tui::app::synthesis::SynthData;
use fieldnotes::tui::app::{App, Effect};
use fieldnotes::tui::theme::Theme;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The filters a user steps through: everything, a segment, a tag, a guide, a
/// tag within a segment.
fn filters() -> Vec<Filter> {
    let f = |segment: Option<&str>, tag: Option<&str>, guide: Option<&str>| Filter {
        segment: segment.map(String::from),
        tag: tag.map(String::from),
        guide: guide.map(String::from),
        ..Filter::default()
    };
    vec![
        f(None, None, None),
        f(Some("enterprise"), None, None),
        f(None, Some("pricing"), None),
        f(None, None, Some("discovery")),
        f(Some("smb"), Some("onboarding"), None),
    ]
}

fn filter_change(c: &mut Criterion) {
    let records = common::records();
    let notes: usize = records.iter().map(|r| r.notes().len()).sum();
    let guides = common::guides();
    let filters = filters();
    let opts = Options::default();
    let plan = Plan::new(20, Duration::from_secs(1), Duration::from_secs(5));
    let samples = common::time_steps(c, "synthesis", "filter-change", plan, |n| {
        black_box(synthesis::synthesize(&records, &guides, &filters[n % filters.len()], &opts));
    });
    samples.report(
        &format!("synthesis/filter-change ({} sessions, {notes} notes)", records.len()),
        Budget::P99(common::ms(50)),
    );
}

/// A codebook over the generated library's tags: five themes, each tag
/// under one, every other code with an alias.
fn codebook(records: &[fieldnotes::analysis::synthesis::SessionRecord]) -> Codebook {
    let mut tags: Vec<String> = records.iter().flat_map(|r| r.tags().iter().cloned()).collect();
    tags.sort();
    tags.dedup();
    let codes = tags
        .iter()
        .enumerate()
        .map(|(i, t)| Code {
            theme: Some(format!("Theme {}", i % 5)),
            aliases: if i % 2 == 0 { vec![format!("{t}-alias")] } else { vec![] },
            ..Code::named(t)
        })
        .collect();
    Codebook { codes, ..Codebook::default() }
}

/// The filter change with a codebook: the synthesis and its roll-up to themes
/// (both on the worker), within the same budget as the synthesis alone.
fn filter_change_with_codebook(c: &mut Criterion) {
    let records = common::records();
    let guides = common::guides();
    let filters = filters();
    let opts = Options::default();
    let book = codebook(&records);
    let plan = Plan::new(20, Duration::from_secs(1), Duration::from_secs(5));
    let samples = common::time_steps(c, "synthesis", "filter-change-codebook", plan, |n| {
        let s = synthesis::synthesize(&records, &guides, &filters[n % filters.len()], &opts);
        black_box(rollup::roll_up(&s, &book));
    });
    samples.report(
        &format!("synthesis/filter-change-codebook ({} sessions, {} codes)", records.len(), book.codes.len()),
        Budget::P99(common::ms(50)),
    );
}

fn search_keystroke(c: &mut Criterion) {
    let records = common::records();
    let query = "export excel friday";
    // Every prefix, as typed: the first letters match the most notes.
    let prefixes: Vec<&str> = (1..=query.len()).filter(|&n| query.is_char_boundary(n)).map(|n| &query[..n]).collect();
    let filter = Filter::default();
    let plan = Plan::new(20, Duration::from_secs(1), Duration::from_secs(8));
    let samples = common::time_steps(c, "search", "keystroke", plan, |n| {
        black_box(fieldnotes::analysis::search::search(&records, &filter, prefixes[n % prefixes.len()], 50));
    });
    samples.report("search/keystroke (100,000 notes, top 50)", Budget::P99(common::ms(50)));
}

/// Transcript lines alone, as the Synthesis screen searches them with Ctrl-T:
/// every prefix of the query over the word index of 200 hour-long calls.
fn transcript_lines_keystroke(c: &mut Criterion) {
    use fieldnotes::analysis::transcript::search::{LineIndex, line_pool};
    let records = common::records();
    let said = transcripts(&records);
    let index = LineIndex::build(&said);
    let ranks = index.ranks(&line_pool(&records, &Filter::default(), &said));
    let query = "export excel friday";
    let prefixes: Vec<&str> = (1..=query.len()).filter(|&n| query.is_char_boundary(n)).map(|n| &query[..n]).collect();
    let plan = Plan::new(20, Duration::from_secs(1), Duration::from_secs(8));
    let samples = common::time_steps(c, "search", "transcript-lines", plan, |n| {
        black_box(index.search(&said, &ranks, prefixes[n % prefixes.len()], 200));
    });
    let lines = INTERVIEWS_WITH_TRANSCRIPTS * CUES_PER_CALL;
    samples.report(&format!("search/transcript-lines ({lines} lines, top 200)"), Budget::P99(common::ms(50)));
}

/// The Synthesis screen holding the whole library, as `S` leaves it once the
/// records have arrived.
fn synthesis_app() -> App {
    synthesis_app_with(|_| LibraryTranscripts::default())
}

/// As `synthesis_app`, with the transcripts `transcripts` makes of the records.
fn synthesis_app_with(transcripts: impl Fn(&[SessionRecord]) -> LibraryTranscripts) -> App {
    let now = chrono::Local::now().fixed_offset();
    let mut app = App::new(Library::default(), vec![], common::sessions_dir(), "discovery", now);
    app.update(Action::OpenSynthesis, now);
    let records = common::records();
    let said = transcripts(&records);
    let paths = records.iter().map(|r| common::sessions_dir().join(format!("{}.yaml", r.id))).collect();
    let load = app.synthesis().map_or(0, |s| s.load);
    let data = SynthData { records, paths, guides: common::guides(), load, ..SynthData::default() };
    let effects = app.synthesis_loaded(data.with_transcripts(said));
    // The first figures, as the worker gives them.
    app.compute_here(effects);
    app
}

/// Hour-long calls for the newest `INTERVIEWS_WITH_TRANSCRIPTS` interviews:
/// `CUES_PER_CALL` cues of about ten words, made of the library's own words
/// (so a query finds lines the way it finds notes).
const INTERVIEWS_WITH_TRANSCRIPTS: usize = 200;
const CUES_PER_CALL: usize = 1_250;

fn transcripts(records: &[SessionRecord]) -> LibraryTranscripts {
    let words: Vec<&str> =
        records.iter().take(50).flat_map(|r| r.notes().iter().map(|n| r.text(n))).flat_map(|t| t.split(' ')).collect();
    let mut by_session = std::collections::HashMap::new();
    let first = records.len().saturating_sub(INTERVIEWS_WITH_TRANSCRIPTS);
    for si in first..records.len() {
        let cues = (0..CUES_PER_CALL)
            .map(|k| {
                let from = (si * 31 + k * 7) % words.len().saturating_sub(10).max(1);
                let text = words[from..(from + 10).min(words.len())].join(" ");
                let start = 3.0 * k as f64;
                let speaker = Some(if k % 3 == 0 { "Sam Rivera" } else { "Dana Lee" }.to_string());
                Cue { start, end: start + 3.0, speaker, text }
            })
            .collect();
        let call =
            SessionTranscript { offset: 30, interviewer: Some("Sam Rivera".into()), transcript: Transcript { cues } };
        by_session.insert(si, call);
    }
    LibraryTranscripts { by_session }
}

/// What each key is timed to.
struct Budgets {
    /// The frame that answers the key: what was typed shown, the old
    /// figures marked as updating.
    frame: Duration,
    /// The frame with what the key asked for (figures, search results).
    figures: Duration,
}

/// Times keys on the real screen twice: to the frame that answers the key
/// (resolved, applied, drawn), and to the frame with what it asked of the
/// worker (the job run, its answer taken, drawn again); and the taking of
/// the answer alone, the UI thread's part of the figures. Here the job runs
/// after the first frame; in the app it runs on its own thread meanwhile.
fn screen_cycle(c: &mut Criterion, mut app: App, name: &str, setup: &[KeyEvent], keys: &[KeyEvent], budgets: Budgets) {
    let theme = Theme::monochrome();
    // Through the app's frame loop, its bytes formatted and thrown away.
    let mut screen = common::screen();
    let now = app.now;
    let mut draw = |app: &App| {
        screen.draw(|f| fieldnotes::tui::ui::render(f, app, &theme)).expect("draw");
    };
    // A key the screen does not bind would time a frame of nothing: refused.
    let action_of = |app: &App, k: KeyEvent| {
        app.keymap.resolve(app.mode(), k).unwrap_or_else(|| panic!("{:?} does nothing on this screen", k.code))
    };
    for k in setup {
        let effects = app.update(action_of(&app, *k), now);
        app.compute_here(effects);
    }
    let mut figures = common::Samples::default();
    let mut taken = common::Samples::default();
    // The frames of the keys that change the view (1–7): the whole screen
    // is new, which no other key does; timed apart from the others.
    let mut switches = common::Samples::default();
    let mut filtered = common::Samples::default();
    let mut n = 0;
    let plan = Plan::new(20, Duration::from_secs(1), Duration::from_secs(6));
    common::time(c, "synthesis-screen", name, plan, || {
        let k = keys[n % keys.len()];
        n += 1;
        let t = Instant::now();
        let action = action_of(&app, k);
        let switch = matches!(action, Action::ShowTab(_));
        let effects = app.update(action, now);
        draw(&app);
        let frame = t.elapsed();
        if switch {
            switches.push(frame);
        }
        let asked = effects.iter().any(|e| matches!(e, Effect::Synthesize(_)));
        // The worker's part, then the UI thread's: taking the answer.
        let mut queue = effects;
        while let Some(effect) = queue.pop() {
            if let Effect::Synthesize(job) = effect {
                let computed = job.run();
                let t = Instant::now();
                queue.extend(app.synthesis_computed(computed));
                taken.push(t.elapsed());
            }
        }
        if asked {
            draw(&app);
            figures.push(t.elapsed());
        }
        // Criterion's report counts every key; the frames printed below
        // leave the view switches out, which are printed on their own.
        if !switch {
            filtered.push(frame);
        }
        frame
    });
    filtered.report(&format!("synthesis-screen/{name} → frame (200x50, 100,000 notes)"), Budget::P99(budgets.frame));
    let what = format!("synthesis-screen/{name}: a view switched (1–7) → frame, the whole screen new");
    switches.report(&what, Budget::P99(budgets.frame));
    figures.report(&format!("synthesis-screen/{name} → figures (200x50, 100,000 notes)"), Budget::P99(budgets.figures));
    // Taking an answer is the one part of the figures on the UI thread: a
    // key arriving meanwhile waits for it, as for a frame.
    taken.report(&format!("synthesis-screen/{name}: answer taken (UI thread)"), Budget::P99(budgets.frame));
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// Filter changes as a user makes them: only the highlighted theme (=), all
/// again (Backspace), the segment matrix grouped another way (3, b), back to
/// themes.
fn screen_filter_change(c: &mut Criterion) {
    let keys = [key('='), KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE), key('3'), key('b'), key('1')];
    let budgets = Budgets { frame: common::ms(1), figures: common::ms(50) };
    screen_cycle(c, synthesis_app(), "filter-change", &[], &keys, budgets);
}

/// Typing a query in the Search view, then clearing it (Ctrl-U) to start over.
fn screen_search_typing(c: &mut Criterion) {
    let mut keys: Vec<KeyEvent> = "export excel friday".chars().map(key).collect();
    keys.push(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    let budgets = Budgets { frame: common::ms(20), figures: common::ms(50) };
    screen_cycle(c, synthesis_app(), "search-typing", &[key('/')], &keys, budgets);
}

/// As `screen_search_typing`, with transcript lines included (Ctrl-R):
/// 200 interviews with an hour-long transcript each (250,000 lines).
fn screen_search_typing_with_transcripts(c: &mut Criterion) {
    let mut keys: Vec<KeyEvent> = "export excel friday".chars().map(key).collect();
    keys.push(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    let setup = [key('/'), KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)];
    let app = synthesis_app_with(transcripts);
    let budgets = Budgets { frame: common::ms(20), figures: common::ms(50) };
    screen_cycle(c, app, "search-typing-transcripts", &setup, &keys, budgets);
}

criterion_group!(
    benches,
    filter_change,
    filter_change_with_codebook,
    search_keystroke,
    transcript_lines_keystroke,
    screen_filter_change,
    screen_search_typing,
    screen_search_typing_with_transcripts
);
criterion_main!(benches);
