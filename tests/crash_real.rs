//! Crash tests against the real process: the binary runs in a pseudo-terminal
//! and is killed (`kill -9`), hung up on or terminated while notes are being
//! typed, then `fieldnotes recover` and the files on disk are checked against
//! the promises: a note is durable 100 ms after its Enter, a signal saves and
//! exits within a second, a session is open in one fieldnotes at a time.
//!
//! The kill test is `#[ignore]`d (slow); run it with
//! `cargo test --test crash_real -- --ignored`. Its randomness comes from a
//! fixed seed; to replay a failure set `FIELDNOTES_CRASH_SEED` (default below)
//! and `FIELDNOTES_CRASH_ONLY=<trial>`; `FIELDNOTES_CRASH_TRIALS` and
//! `FIELDNOTES_CRASH_JOBS` change how many trials run and how many at a time.
//!
//! Two rules judge each kill. A note the app showed as saved ("Notes (n)" with
//! "● saved") must come back, whatever the timing. A note whose Enter was
//! written more than 100 ms before the kill must come back too: a latency
//! promise, which a badly oversubscribed machine can break without any bug
//! (the app's threads do not get the CPU); `FIELDNOTES_CRASH_DURABLE_MS`
//! widens it there, and the failure report says which rule failed.

mod common;

use common::{
    CTRL_Q, ENTER, Pty, TIMEOUT, cli, id_of, journal_path, list_json, lock_path, only_session, parse_yaml,
    session_files, sessions_dir, signal, state_dir, tags,
};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The journal's promise: a committed note is on disk this long after its Enter.
const DURABLE_MS: u64 = 100;
/// The signal promise: saved and gone this long after SIGHUP, SIGTERM or SIGINT.
const SIGNAL_EXIT: Duration = Duration::from_secs(1);

const SEED: u64 = 0x5eed_f1e1_d0c5_2026;
const TRIALS: usize = 60;
/// Trials run this many at a time: the app idles between keys, so two fit a
/// 2-core machine and halve the wall time.
const JOBS: usize = 2;

// ---------------------------------------------------------------------------
// A tiny PRNG (xorshift64*), seeded per trial so every trial is replayable alone.

struct Rng(u64);

impl Rng {
    fn new(seed: u64, trial: usize) -> Rng {
        // splitmix64 of (seed, trial): well-spread and never zero.
        let mut z = seed ^ (trial as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }

    fn ms(&mut self, lo: u64, hi: u64) -> Duration {
        Duration::from_millis(self.range(lo, hi))
    }
}

// ---------------------------------------------------------------------------
// What a trial types, decided up front so only the moment of the kill depends on timing.

const WORDS: &[&str] = &[
    "export",
    "invoice",
    "weekly",
    "spreadsheet",
    "deadline",
    "onboarding",
    "Friday",
    "manager",
    "copy-paste",
    "pricing",
    "slow",
    "report",
    "42",
    "café",
    "Zürich",
    "naïve",
    "señal",
    "日本語",
    "Ωmega",
    "“quoted”",
    "don't",
    "50%",
    "a/b",
    "x=1;",
    "C:\\temp",
    "über-tool",
    "ёлка",
    "emoji🙂",
];
const TAGS: &[&str] = &["pricing", "ux", "bug-report", "workflow_2", "churn", "onboarding"];

struct PlannedNote {
    /// Exactly what is typed (before Enter), as chunks written one at a time.
    chunks: Vec<String>,
    /// Pause after each chunk.
    pauses: Vec<Duration>,
    /// Pause between the last chunk and Enter, and after Enter.
    before_enter: Duration,
    after_enter: Duration,
    /// What the note must read on disk, and its tags.
    text: String,
    tags: Vec<String>,
}

impl PlannedNote {
    fn typed(&self) -> String {
        self.chunks.concat()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KillMode {
    /// SIGKILL at a random moment while notes are being typed and committed.
    MidTyping,
    /// Typing stops; SIGKILL lands at a random moment of the quiet that
    /// follows, when the draft is journaled and the YAML rewritten.
    Idle,
    /// Typing stops; SIGKILL as soon as the idle YAML rewrite is seen starting
    /// (its temporary file appears), plus a few milliseconds.
    Rewrite,
}

struct Plan {
    mode: KillMode,
    notes: Vec<PlannedNote>,
    /// MidTyping: when to kill, from the first key.
    kill_after: Duration,
    /// Idle and Rewrite: how many notes to commit, and how many chunks of the
    /// next one to leave typed but uncommitted.
    stop_after: usize,
    draft_chunks: usize,
    /// Idle: kill this long after the last key. Rewrite: this long after the rewrite is seen.
    quiet_kill: Duration,
}

fn plan(trial: usize, rng: &mut Rng) -> Plan {
    let mode = match rng.range(0, 9) {
        0..=5 => KillMode::MidTyping,
        6 | 7 => KillMode::Idle,
        _ => KillMode::Rewrite,
    };
    let notes = (0..40)
        .map(|k| {
            let mut text = format!("note {trial}-{k}");
            for _ in 0..rng.range(1, 4) {
                text.push(' ');
                let word: &&str = rng.pick(WORDS);
                text.push_str(word);
            }
            let tags: Vec<String> = if rng.chance(40) { vec![rng.pick(TAGS).to_string()] } else { vec![] };
            let typed = match tags.first() {
                Some(t) => format!("{text} #{t}"),
                None => text.clone(),
            };
            let chars: Vec<char> = typed.chars().collect();
            let mut chunks = Vec::new();
            let mut i = 0;
            while i < chars.len() {
                let n = (rng.range(1, 6) as usize).min(chars.len() - i);
                chunks.push(chars[i..i + n].iter().collect::<String>());
                i += n;
            }
            let pauses = chunks.iter().map(|_| if rng.chance(30) { Duration::ZERO } else { rng.ms(1, 20) }).collect();
            PlannedNote { chunks, pauses, before_enter: rng.ms(0, 80), after_enter: rng.ms(0, 80), text, tags }
        })
        .collect::<Vec<_>>();
    let kill_after = rng.ms(50, 1500);
    let stop_after = rng.range(0, 5) as usize;
    let mut draft_chunks = if rng.chance(50) { rng.range(1, 3) as usize } else { 0 };
    if mode == KillMode::Rewrite && stop_after == 0 && draft_chunks == 0 {
        // Without a change there is no rewrite to catch.
        draft_chunks = 1;
    }
    let quiet_kill = match mode {
        // The draft is journaled within ~0.7 s of the last key and the YAML is
        // rewritten ~1.5 s after the last change: cover both, and the gaps.
        KillMode::Idle => rng.ms(150, 2600),
        _ => rng.ms(0, 12),
    };
    Plan { mode, notes, kill_after, stop_after, draft_chunks, quiet_kill }
}

// ---------------------------------------------------------------------------
// One trial.

#[derive(Default, Debug)]
struct Tally {
    trials: usize,
    mid_typing: usize,
    idle: usize,
    rewrite: usize,
    rewrite_seen: usize,
    /// The kill found text typed but not committed in the input.
    kills_mid_note: usize,
    committed: usize,
    /// Committed more than 100 ms before the kill: must come back.
    required: usize,
    recovered: usize,
    /// Committed within 100 ms of the kill and not (yet) on disk: allowed.
    lost_in_window: usize,
    drafts_recovered: usize,
    /// The draft that came back was the text of the last recovered note (its
    /// clearing was not journaled yet).
    stale_drafts: usize,
    recover_reported_changes: usize,
    damaged_journals: usize,
    max_kill_cmd: Duration,
    /// Slowest Enter → "Notes (n)" on screen, and Enter → "● saved" with it.
    max_shown_lag: Duration,
    max_saved_lag: Duration,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.trials += o.trials;
        self.mid_typing += o.mid_typing;
        self.idle += o.idle;
        self.rewrite += o.rewrite;
        self.rewrite_seen += o.rewrite_seen;
        self.kills_mid_note += o.kills_mid_note;
        self.committed += o.committed;
        self.required += o.required;
        self.recovered += o.recovered;
        self.lost_in_window += o.lost_in_window;
        self.drafts_recovered += o.drafts_recovered;
        self.stale_drafts += o.stale_drafts;
        self.recover_reported_changes += o.recover_reported_changes;
        self.damaged_journals += o.damaged_journals;
        self.max_kill_cmd = self.max_kill_cmd.max(o.max_kill_cmd);
        self.max_shown_lag = self.max_shown_lag.max(o.max_shown_lag);
        self.max_saved_lag = self.max_saved_lag.max(o.max_saved_lag);
    }
}

/// What the app has shown so far, timestamped when the test first saw it
/// (always after the app drew it): how many notes it counts, and whether its
/// footer said "● saved" with that count, i.e. the app claimed them durable.
#[derive(Default)]
struct Watch {
    /// `shown[n]`: first time "Notes (n)" was on screen.
    shown: Vec<Option<Instant>>,
    /// `saved[n]`: first time "Notes (n)" and "● saved" were on screen together.
    saved: Vec<Option<Instant>>,
    last: Option<(usize, bool)>,
    seen_bytes: usize,
}

impl Watch {
    fn observe(&mut self, pty: &mut Pty) {
        pty.pump();
        if pty.raw.len() == self.seen_bytes {
            return;
        }
        self.seen_bytes = pty.raw.len();
        let now = Instant::now();
        let screen = pty.screen();
        let Some(count) = screen
            .split("Notes (")
            .nth(1)
            .and_then(|rest| rest.split(')').next())
            .and_then(|n| n.parse::<usize>().ok())
        else {
            return;
        };
        let saved = screen.contains("● saved");
        for list in [&mut self.shown, &mut self.saved] {
            if list.len() <= count {
                list.resize(count + 1, None);
            }
        }
        self.shown[count].get_or_insert(now);
        if saved {
            self.saved[count].get_or_insert(now);
        }
        self.last = Some((count, saved));
    }

    /// The most notes the app ever said were saved.
    fn claimed_saved(&self) -> usize {
        self.saved.iter().rposition(Option::is_some).unwrap_or(0)
    }

    fn describe(&self, n: usize, kill_at: Instant) -> String {
        let ago = |t: Option<&Option<Instant>>| match t.copied().flatten() {
            Some(t) => format!("{:?} before the kill", kill_at - t),
            None => "never".into(),
        };
        format!("\"Notes ({n})\" first seen {}, with \"● saved\" {}", ago(self.shown.get(n)), ago(self.saved.get(n)))
    }

    /// Sleeps `d` (not past `deadline`), watching the screen; true once the deadline has come.
    fn nap(&mut self, pty: &mut Pty, d: Duration, deadline: Option<Instant>) -> bool {
        let end = deadline.map_or(Instant::now() + d, |at| at.min(Instant::now() + d));
        loop {
            self.observe(pty);
            let now = Instant::now();
            if now >= end {
                break;
            }
            std::thread::sleep((end - now).min(Duration::from_millis(3)));
        }
        deadline.is_some_and(|at| Instant::now() >= at)
    }
}

/// Waits until `path` exists (the session's first save).
fn wait_for_file(path: &Path, what: &str) -> Result<(), String> {
    let start = Instant::now();
    while !path.exists() {
        if start.elapsed() > TIMEOUT {
            return Err(format!("{what} {} did not appear within {TIMEOUT:?}", path.display()));
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    Ok(())
}

/// Whether a YAML rewrite is under way: its hidden temporary file, or the new
/// journal's temporary file, is there.
fn rewrite_in_progress(root: &Path) -> bool {
    let tmp = |dir: PathBuf| {
        std::fs::read_dir(dir)
            .is_ok_and(|rd| rd.filter_map(Result::ok).any(|e| e.file_name().to_string_lossy().ends_with(".tmp")))
    };
    tmp(sessions_dir(root)) || tmp(state_dir(root))
}

/// The session file's inode: a rewrite renames a new file over it.
fn yaml_inode(path: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| m.ino())
}

fn run_trial(seed: u64, trial: usize, durable: Duration, root: &Path) -> Result<Tally, String> {
    let mut rng = Rng::new(seed, trial);
    let plan = plan(trial, &mut rng);
    let mut t = Tally { trials: 1, ..Tally::default() };
    match plan.mode {
        KillMode::MidTyping => t.mid_typing = 1,
        KillMode::Idle => t.idle = 1,
        KillMode::Rewrite => t.rewrite = 1,
    }

    let participant = format!("Trial {trial}");
    let mut pty = Pty::spawn(root, &["new", "--guide", "discovery", "--participant", &participant]);
    pty.wait_for("Notes (0)", TIMEOUT).map_err(|f| f.0)?;
    // The session's first save (so it has a file and an id) is part of starting.
    let start_wait = Instant::now();
    let yaml = loop {
        if let Some(p) = session_files(root).into_iter().next() {
            break p;
        }
        if start_wait.elapsed() > TIMEOUT {
            return Err("the new session was never written".into());
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let id = id_of(&yaml);
    wait_for_file(&journal_path(root, &id), "the journal")?;
    let pid = pty.pid();

    // Type, commit, and kill.
    let mut commits: Vec<Instant> = Vec::new();
    let mut watch = Watch::default();
    let mut in_input = String::new();
    let start = Instant::now();
    let deadline = (plan.mode == KillMode::MidTyping).then_some(start + plan.kill_after);
    'typing: for (k, note) in plan.notes.iter().enumerate() {
        let last = plan.mode != KillMode::MidTyping && k == plan.stop_after;
        for (chunk, pause) in
            note.chunks.iter().zip(&note.pauses).take(if last { plan.draft_chunks } else { usize::MAX })
        {
            pty.send(chunk);
            in_input.push_str(chunk);
            if watch.nap(&mut pty, *pause, deadline) {
                break 'typing;
            }
        }
        if last {
            break;
        }
        if watch.nap(&mut pty, note.before_enter, deadline) {
            break;
        }
        pty.send(ENTER);
        commits.push(Instant::now());
        in_input.clear();
        if watch.nap(&mut pty, note.after_enter, deadline) {
            break;
        }
    }
    let last_key = Instant::now();
    match plan.mode {
        KillMode::MidTyping => {
            watch.nap(&mut pty, Duration::from_secs(5), deadline);
        }
        KillMode::Idle => {
            watch.nap(&mut pty, plan.quiet_kill, None);
        }
        KillMode::Rewrite => {
            // Nothing is rewritten before 1.5 s of quiet; then watch closely.
            let before = yaml_inode(&yaml);
            watch.nap(&mut pty, Duration::from_millis(1000), None);
            while last_key.elapsed() < Duration::from_secs(5) {
                // Its temporary files exist for a millisecond or two; after them the file is a new inode.
                if rewrite_in_progress(root) || yaml_inode(&yaml) != before {
                    t.rewrite_seen = 1;
                    break;
                }
                std::thread::sleep(Duration::from_micros(300));
            }
            std::thread::sleep(plan.quiet_kill);
        }
    }
    watch.observe(&mut pty);
    if pty.poll_exit().is_some() {
        return Err(format!("{:?}", pty.report("the app exited before it was killed")));
    }
    let kill_at = Instant::now();
    signal(pid, "KILL");
    t.max_kill_cmd = kill_at.elapsed();
    let status = pty.reap();
    if status.success() {
        return Err(format!("the app exited with {status:?} instead of being killed"));
    }
    t.kills_mid_note = usize::from(!in_input.is_empty());
    let committed = commits.len();
    let required = commits.iter().filter(|c| kill_at.duration_since(**c) > durable).count();
    t.committed = committed;
    t.required = required;

    let mut log = format!(
        "mode {:?}, kill {:?} after the first key, {committed} committed ({required} more than {durable:?} before \
         the kill), input at the kill: {in_input:?}\n",
        plan.mode,
        kill_at - start
    );
    for (k, c) in commits.iter().enumerate() {
        let _ = writeln!(
            log,
            "  note {trial}-{k}: Enter {:?} before the kill; {}: {:?}",
            kill_at - *c,
            watch.describe(k + 1, kill_at),
            plan.notes[k].typed()
        );
    }
    let _ = writeln!(log, "screen at the kill (count, saved): {:?}", watch.last);
    for (k, c) in commits.iter().enumerate() {
        let lag = |seen: Option<&Option<Instant>>| seen.copied().flatten().map(|t| t.saturating_duration_since(*c));
        t.max_shown_lag = t.max_shown_lag.max(lag(watch.shown.get(k + 1)).unwrap_or_default());
        t.max_saved_lag = t.max_saved_lag.max(lag(watch.saved.get(k + 1)).unwrap_or_default());
    }
    let had_journal = journal_path(root, &id).exists();
    let _ = writeln!(log, "journal present after the kill: {had_journal}");

    // Recover, then judge the file.
    let out = cli(root, &["recover"]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let _ = writeln!(log, "recover: {:?}\nstdout: {stdout}stderr: {stderr}", out.status);
    // Every failure carries the trial's story: its keys, the kill, what recover said, the file.
    macro_rules! fail {
        ($what:expr) => {
            return Err(format!("{}\n{log}", $what))
        };
    }
    if !out.status.success() {
        fail!("`fieldnotes recover` failed");
    }
    if stdout.contains("unusable") {
        fail!("recover found the journal unusable");
    }
    if stdout.contains(&format!("{id} — {participant}: ")) {
        t.recover_reported_changes = 1;
        if !stdout.contains(" change(s)") || !stdout.contains(&yaml.display().to_string()) {
            fail!("recover's line does not say how many changes came back and where");
        }
    } else if stdout.trim() != "Nothing to recover." {
        fail!("recover printed neither the session nor \"Nothing to recover.\"");
    }
    t.damaged_journals = std::fs::read_dir(state_dir(root))
        .map(|rd| rd.filter_map(Result::ok).filter(|e| e.file_name().to_string_lossy().contains(".damaged-")).count())
        .unwrap_or(0);
    let files = session_files(root);
    if files != [yaml.clone()] {
        fail!(format!("expected only {} after recovery, found {files:?}", yaml.display()));
    }
    if journal_path(root, &id).exists() {
        fail!("the journal is still there after recover");
    }
    let text = std::fs::read_to_string(&yaml).map_err(|e| format!("read {}: {e}", yaml.display()))?;
    let _ = writeln!(log, "--- {} ---\n{text}---", yaml.display());
    let doc = match serde_saphyr::from_str::<Value>(&text) {
        Ok(d) => d,
        Err(e) => fail!(format!("the recovered file does not parse: {e}")),
    };
    let empty = Vec::new();
    let notes = doc["notes"].as_array().unwrap_or(&empty);
    let prefix = format!("note {trial}-");
    let mut seen: Vec<usize> = Vec::new();
    for (i, n) in notes.iter().enumerate() {
        let got = n["text"].as_str().unwrap_or_default();
        let Some(k) =
            got.strip_prefix(&prefix).and_then(|rest| rest.split(' ').next()).and_then(|k| k.parse::<usize>().ok())
        else {
            fail!(format!("note #{i} is not one of ours (corrupted?): {n}"));
        };
        if k >= committed {
            fail!(format!("note {trial}-{k} is on disk but was never committed"));
        }
        if seen.contains(&k) {
            fail!(format!("note {trial}-{k} is in the file twice"));
        }
        if seen.last().is_some_and(|last| *last > k) {
            fail!(format!("note {trial}-{k} comes after note {trial}-{}: out of order", seen.last().unwrap()));
        }
        let want = &plan.notes[k];
        if got != want.text || tags(n) != want.tags || n["kind"] != "note" {
            fail!(format!(
                "note {trial}-{k} is corrupted: got text {got:?} tags {:?} kind {}, typed {:?}",
                tags(n),
                n["kind"],
                want.typed()
            ));
        }
        seen.push(k);
    }
    let m = seen.len();
    if seen != (0..m).collect::<Vec<_>>() {
        fail!(format!("the recovered notes skip some: {seen:?}"));
    }
    let claimed = watch.claimed_saved();
    if m < claimed {
        fail!(format!(
            "LOST: the app showed \"Notes ({claimed})\" with \"● saved\" ({:?} before the kill) but only {m} \
             note(s) came back",
            kill_at - watch.saved[claimed].expect("claimed")
        ));
    }
    if m < required {
        fail!(format!(
            "LOST: note {trial}-{m} was committed (Enter written) {:?} before the kill but is not in the file ({m} of \
             {required} required notes recovered); {}",
            kill_at - commits[m],
            watch.describe(m + 1, kill_at)
        ));
    }
    t.recovered = m;
    t.lost_in_window = committed - m;

    // A draft that came back must be (the start of) what was being typed.
    if let Some(draft) = doc.get("draft").and_then(Value::as_str) {
        let d = draft.trim();
        let of = |k: usize| plan.notes.get(k).is_some_and(|n| n.typed().starts_with(d));
        if of(m) {
            t.drafts_recovered = 1;
        } else if m > 0 && of(m - 1) {
            t.stale_drafts = 1;
        } else {
            fail!(format!("the recovered draft {draft:?} is not text that was typed"));
        }
    }

    // The library agrees: no journal left, the notes counted.
    let rows = list_json(root);
    let Some(row) = rows.iter().find(|r| r["id"] == id.as_str()) else {
        fail!(format!("`list --json` does not show {id}: {rows:?}"));
    };
    if row["unsaved_journal"] != false || row["notes"] != m || row.get("error").is_some() {
        fail!(format!("`list --json` after recovery: {row}"));
    }
    Ok(t)
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(v) => v.parse().unwrap_or_else(|_| panic!("{name}={v:?} is not valid")),
        Err(_) => default,
    }
}

#[test]
#[ignore = "slow (60 kill -9 trials, ~40 s): run with `cargo test --test crash_real -- --ignored`"]
fn kill_9_loses_no_committed_note() {
    let seed = match std::env::var("FIELDNOTES_CRASH_SEED") {
        Ok(v) => u64::from_str_radix(v.trim_start_matches("0x"), 16).expect("FIELDNOTES_CRASH_SEED is hex"),
        Err(_) => SEED,
    };
    let trials: Vec<usize> = match std::env::var("FIELDNOTES_CRASH_ONLY") {
        Ok(v) => vec![v.parse().expect("FIELDNOTES_CRASH_ONLY is a trial number")],
        Err(_) => (0..env_or("FIELDNOTES_CRASH_TRIALS", TRIALS)).collect(),
    };
    let jobs: usize = env_or("FIELDNOTES_CRASH_JOBS", JOBS).max(1);
    let durable = Duration::from_millis(env_or("FIELDNOTES_CRASH_DURABLE_MS", DURABLE_MS));
    let next = AtomicUsize::new(0);
    let total = Mutex::new(Tally::default());
    let failures = Mutex::new(Vec::<String>::new());
    let started = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(&trial) = trials.get(i) else { return };
                    let dir = tempfile::Builder::new()
                        .prefix(&format!("fieldnotes-crash-{trial}-"))
                        .tempdir()
                        .expect("tempdir");
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        run_trial(seed, trial, durable, dir.path())
                    }))
                    .unwrap_or_else(|p| {
                        Err(p
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                            .unwrap_or_else(|| "panicked".into()))
                    });
                    match result {
                        Ok(t) => total.lock().unwrap().add(&t),
                        Err(e) => {
                            let kept = dir.keep();
                            let msg = format!(
                                "trial {trial} (FIELDNOTES_CRASH_SEED={seed:x} FIELDNOTES_CRASH_ONLY={trial}) failed; \
                                 its files are kept in {}\n{e}",
                                kept.display()
                            );
                            eprintln!("{msg}");
                            failures.lock().unwrap().push(msg);
                        }
                    }
                }
            });
        }
    });
    let t = total.into_inner().unwrap();
    let failures = failures.into_inner().unwrap();
    eprintln!(
        "kill -9 summary (seed {seed:x}): {} of {} trial(s) passed in {:.1?}, {jobs} at a time\n  \
         kills: {} mid-typing, {} in the quiet after typing, {} at a YAML rewrite ({} caught in the act); \
         {} with uncommitted text in the input\n  \
         notes: {} committed, {} of them more than {durable:?} before the kill, {} recovered, {} lost (all within \
         {durable:?} of the kill)\n  \
         drafts recovered: {} ({} stale); `recover` wrote changes back in {} trial(s); {} damaged journal(s); \
         slowest `kill` command {:.1?}\n  \
         slowest Enter → \"Notes (n)\" on screen {:.1?}, Enter → \"● saved\" {:.1?}",
        t.trials,
        trials.len(),
        started.elapsed(),
        t.mid_typing,
        t.idle,
        t.rewrite,
        t.rewrite_seen,
        t.kills_mid_note,
        t.committed,
        t.required,
        t.recovered,
        t.lost_in_window,
        t.drafts_recovered,
        t.stale_drafts,
        t.recover_reported_changes,
        t.damaged_journals,
        t.max_kill_cmd,
        t.max_shown_lag,
        t.max_saved_lag,
    );
    assert!(failures.is_empty(), "{} trial(s) failed:\n\n{}", failures.len(), failures.join("\n\n"));
    assert!(trials.len() == 1 || t.required > 0, "no trial committed a note before its kill: the test proves nothing");
}

// ---------------------------------------------------------------------------

/// Starts `new` for `participant` and waits for the live screen.
fn start(root: &Path, participant: &str) -> Pty {
    let mut pty = Pty::spawn(root, &["new", "--guide", "discovery", "--participant", participant]);
    pty.expect("Notes (0)");
    pty
}

/// Types `text` and commits it, waiting until the screen counts `count` notes.
fn commit(pty: &mut Pty, text: &str, count: usize) {
    pty.send(text);
    pty.send(ENTER);
    pty.expect(&format!("Notes ({count})"));
}

/// The session file of `participant`'s interview under `root`.
fn session_of(root: &Path, participant: &str) -> PathBuf {
    let start = Instant::now();
    loop {
        for path in session_files(root) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if serde_saphyr::from_str::<Value>(&text).is_ok_and(|d| d["participant"]["name"] == participant) {
                return path;
            }
        }
        assert!(start.elapsed() < TIMEOUT, "no session file for {participant} in {}", sessions_dir(root).display());
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn note_texts(doc: &Value) -> Vec<&str> {
    doc["notes"].as_array().map(|a| a.iter().filter_map(|n| n["text"].as_str()).collect()).unwrap_or_default()
}

#[test]
fn sighup_and_sigterm_save_and_exit_within_a_second() {
    let mut timings = Vec::new();
    for sig in ["HUP", "TERM", "INT"] {
        let root = tempfile::tempdir().expect("tempdir");
        let root = root.path();
        let mut pty = start(root, &format!("Signal {sig}"));
        for i in 0..3 {
            commit(&mut pty, &format!("{sig} note {i} #signal"), i + 1);
        }
        let draft = format!("unsent {sig} draft café");
        pty.send(&draft);
        pty.expect(&draft);
        let quiet = Instant::now();
        while quiet.elapsed() < Duration::from_millis(300) {
            pty.pump();
            std::thread::sleep(Duration::from_millis(10));
        }

        let pid = pty.pid();
        let sent = Instant::now();
        signal(pid, sig);
        // Keep reading the terminal while the app shuts down: it may be writing to it.
        let status = loop {
            pty.pump();
            if let Some(status) = pty.poll_exit() {
                break status;
            }
            if sent.elapsed() > SIGNAL_EXIT * 5 {
                panic!("{:?}", pty.report(&format!("SIG{sig}: the app did not exit within {:?}", SIGNAL_EXIT * 5)));
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        let took = sent.elapsed();
        timings.push(format!("SIG{sig} {took:.0?}"));
        pty.drain(Duration::from_secs(2));
        assert!(took < SIGNAL_EXIT, "SIG{sig}: the app took {took:?} to exit (promise: {SIGNAL_EXIT:?})");
        assert!(status.success(), "SIG{sig}: exit status {status:?}\n{:?}", pty.report("not a clean exit"));
        assert!(
            !pty.parser.screen().alternate_screen(),
            "{:?}",
            pty.report(&format!("SIG{sig}: terminal not restored"))
        );

        let (path, text) = only_session(root);
        let id = id_of(&path);
        assert!(!journal_path(root, &id).exists(), "SIG{sig}: the journal is still there:\n{text}");
        assert!(
            text.lines().any(|l| l.starts_with("draft:") && l.contains(&draft)),
            "SIG{sig}: no `draft:` line with {draft:?}:\n{text}"
        );
        let doc = parse_yaml(&text);
        assert_eq!(note_texts(&doc), [0, 1, 2].map(|i| format!("{sig} note {i}")), "SIG{sig}:\n{text}");
        assert_eq!(doc["draft"], draft.as_str(), "SIG{sig}:\n{text}");
        for n in doc["notes"].as_array().unwrap() {
            assert_eq!(tags(n), ["signal"], "SIG{sig}:\n{text}");
        }
    }
    eprintln!("save-and-exit on signal: {}", timings.join(", "));
}

#[test]
fn second_instance_is_refused_naming_the_holder() {
    let root = tempfile::tempdir().expect("tempdir");
    let root = root.path();
    let mut first = start(root, "Held Session");
    commit(&mut first, "first instance note", 1);
    // The screen counts a note at once; the file exists once it says saved.
    first.expect("● saved");
    let (path, _) = only_session(root);
    let id = id_of(&path);
    let pid = first.pid();
    let lock = std::fs::read_to_string(lock_path(root, &id)).expect("the session's lock file");
    assert_eq!(lock.trim(), pid.to_string(), "the lock file does not hold the holder's pid");

    let out = cli(root, &["resume", &id]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "resume of an open session: {:?}\nstderr: {stderr}", out.status);
    assert!(stderr.contains("open in another fieldnotes"), "stderr does not say why: {stderr}");
    assert!(stderr.contains(&format!("(process {pid})")), "stderr does not name process {pid}: {stderr}");
    assert!(out.stdout.is_empty(), "the refused resume drew something: {:?}", String::from_utf8_lossy(&out.stdout));

    // The refusal left the open session alone: it keeps working and saving.
    commit(&mut first, "after the refusal", 2);
    first.send(CTRL_Q);
    let status = first.wait_exit(TIMEOUT);
    assert!(status.success(), "{status:?}\n{:?}", first.report("the first instance failed"));
    let doc = parse_yaml(&std::fs::read_to_string(&path).expect("read the session"));
    assert_eq!(note_texts(&doc), ["first instance note", "after the refusal"]);

    let rows = list_json(root);
    let row = rows.iter().find(|r| r["id"] == id.as_str()).unwrap_or_else(|| panic!("{id} not listed: {rows:?}"));
    assert_eq!(row["notes"], 2, "{row}");
    assert_eq!(row["unsaved_journal"], false, "{row}");

    // Now a second fieldnotes may open it.
    let mut second = Pty::spawn(root, &["resume", &id]);
    second.expect("Notes (2)");
    commit(&mut second, "from the second instance", 3);
    second.send(CTRL_Q);
    let status = second.wait_exit(TIMEOUT);
    assert!(status.success(), "{status:?}\n{:?}", second.report("the resumed instance failed"));
    let doc = parse_yaml(&std::fs::read_to_string(&path).expect("read the session"));
    assert_eq!(note_texts(&doc), ["first instance note", "after the refusal", "from the second instance"]);
}

#[test]
fn two_sessions_side_by_side() {
    let root = tempfile::tempdir().expect("tempdir");
    let root = root.path();
    let mut a = start(root, "Side A");
    let mut b = start(root, "Side B");
    for i in 0..3 {
        commit(&mut a, &format!("alpha {i}"), i + 1);
        commit(&mut b, &format!("beta {i} #both"), i + 1);
    }
    let (path_a, path_b) = (session_of(root, "Side A"), session_of(root, "Side B"));
    assert_ne!(path_a, path_b);
    a.send(CTRL_Q);
    b.send(CTRL_Q);
    for (pty, who) in [(&mut a, "A"), (&mut b, "B")] {
        let status = pty.wait_exit(TIMEOUT);
        assert!(status.success(), "{status:?}\n{:?}", pty.report(&format!("instance {who} failed")));
        assert!(pty.screen().contains("Saved (3 notes): "), "{:?}", pty.report(&format!("{who}: no saved message")));
    }
    assert_eq!(session_files(root).len(), 2, "{:?}", session_files(root));
    for (path, want) in [(&path_a, ["alpha 0", "alpha 1", "alpha 2"]), (&path_b, ["beta 0", "beta 1", "beta 2"])] {
        let text = std::fs::read_to_string(path).expect("read the session");
        assert_eq!(note_texts(&parse_yaml(&text)), want, "{}:\n{text}", path.display());
        assert!(!journal_path(root, &id_of(path)).exists(), "{} kept its journal", path.display());
    }
    for row in list_json(root) {
        assert_eq!(row["notes"], 3, "{row}");
        assert_eq!(row["unsaved_journal"], false, "{row}");
    }
}

/// A panic (forced in debug builds) restores the terminal, saves the session
/// with every note, and says where the file is.
#[test]
fn a_panic_restores_the_terminal_and_saves_the_session() {
    let root = tempfile::tempdir().expect("tempdir");
    let root = root.path();
    let args = ["new", "--guide", "discovery", "--participant", "Panic Test"];
    let mut pty = Pty::spawn_with_env(root, &args, &[("FIELDNOTES_DEBUG_PANIC_AFTER_NOTES", "2")]);
    pty.expect("Notes (0)");
    commit(&mut pty, "first note #p", 1);
    commit(&mut pty, "second note", 2);
    pty.send("x"); // the next key panics
    let status = pty.wait_exit(Duration::from_secs(5));
    pty.drain(Duration::from_millis(500));
    assert!(!status.success(), "a panic is not a clean exit");
    assert!(!pty.parser.screen().alternate_screen(), "{:?}", pty.report("terminal not restored"));
    let (path, text) = only_session(root);
    let id = id_of(&path);
    let out = String::from_utf8_lossy(&pty.raw).into_owned();
    assert!(out.contains("the session was saved to") && out.contains(&format!("{id}.yaml")), "{out}");
    let doc = parse_yaml(&text);
    assert_eq!(doc["notes"].as_array().map(Vec::len), Some(2), "{doc}");
    assert!(!journal_path(root, &id).exists(), "everything is in the YAML");
}

/// A terminal hang-up sends SIGHUP twice at once (session leader and
/// foreground group): that must still be a clean save, not a forced exit.
#[test]
fn a_hangup_double_sighup_still_saves_cleanly() {
    let root = tempfile::tempdir().expect("tempdir");
    let root = root.path();
    let mut pty = start(root, "Hangup");
    commit(&mut pty, "before the window closed", 1);
    pty.expect("● saved");
    let pid = pty.pid();
    signal(pid, "HUP");
    signal(pid, "HUP");
    let status = pty.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "{status:?}: the duplicate SIGHUP forced an exit");
    let (path, text) = only_session(root);
    assert!(text.contains("before the window closed"));
    assert!(!journal_path(root, &id_of(&path)).exists(), "a clean save drops the journal");
}
