//! Hostile and broken session files. For each one the loader must:
//!
//! 1. return a clear `LoadError` naming the file, with the line and column where
//!    the parser has one, and the key at fault where one is at fault;
//! 2. never panic;
//! 3. stay cheap: bounded time, and bounded heap (measured per thread by the
//!    counting allocator below);
//! 4. leave the file byte-identical;
//! 5. never stop the other sessions in the same folder from listing and opening.
//!
//! Everything is generated at test time (the 100 MB file in a temp dir), so no
//! large files live in git. `replay_corpus_never_panics` stands in for a
//! cargo-fuzz target on machines without nightly.

use fieldnotes::domain::session::Session;
use fieldnotes::store::library::{Library, load_session};
use fieldnotes::store::yaml::{self, LoadError, MAX_FILE_BYTES};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------

/// Counts heap bytes per thread, so each test (cargo runs them on separate
/// threads) can read the peak its own loading reached.
struct CountingAlloc;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn track(delta: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + delta;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        track(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        track(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        track(layout.size() as isize);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        track(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// Runs `f`, returning its result, how long it took and the most heap it held
/// at once beyond what was live before.
fn measure<R>(f: impl FnOnce() -> R) -> (R, Duration, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let start = Instant::now();
    let out = f();
    let elapsed = start.elapsed();
    let peak = PEAK.with(Cell::get) - base;
    (out, elapsed, peak.max(0) as usize)
}

/// Per load of one hostile file. Loose on purpose: this is a debug build (10-30x
/// slower than release, where every case here takes well under 100 ms) on a
/// shared CI machine. What it catches is the failure mode that matters: an
/// alias bomb or deep nesting that runs for minutes or forever.
const MAX_TIME: Duration = Duration::from_secs(2);

/// Heap one load may hold at once. The largest files here are ~2 MB; an alias
/// bomb that got through would need gigabytes.
const MAX_HEAP: usize = 32 * 1024 * 1024;

const MB: usize = 1024 * 1024;

// ---------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------

const VALID_NAME: &str = "20261122-1430-ana-lopez.yaml";
const VALID: &str = r#"schema: 1
id: 20261122-1430-ana-lopez
guide: discovery
title: Discovery interview — Ana López
participant: {name: Ana López, company: Acme}
started_at: 2026-11-22T14:30:05+01:00
notes:
  - at: "00:03:12"
    text: We export to Excel every Friday
    kind: quote
    question: "2.1"
    tags: [workaround, reporting]
closing:
  question: What else is on your mind?
  answer: Honestly, the AWS bill reports eat my Mondays.
"#;

/// What a hostile case must produce.
struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    /// Where the error must point, when the case has one place at fault.
    at: Option<(u64, u64)>,
    /// Text the message must contain (the key at fault, the kind of problem).
    says: &'static [&'static str],
}

fn case(name: &'static str, text: impl Into<Vec<u8>>, at: Option<(u64, u64)>, says: &'static [&'static str]) -> Case {
    Case { name, bytes: text.into(), at, says }
}

/// `VALID` with `from` replaced by `to`, which must change it.
fn edit(from: &str, to: &str) -> String {
    assert!(VALID.contains(from), "{from:?} is not in the valid session");
    VALID.replacen(from, to, 1)
}

/// Ten anchors, each a list of ten aliases of the one before: 10^10 nodes if expanded.
fn alias_bomb() -> String {
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let aliases = vec![format!("*a{}", i - 1); 10].join(", ");
        text += &format!("a{i}: &a{i} [{aliases}]\n");
    }
    text
}

/// Block mappings nested `depth` deep, one space more per level.
fn nested_block_maps(depth: usize) -> String {
    let spaces = " ".repeat(depth);
    let mut text = String::with_capacity(depth * depth / 2 + 4 * depth);
    for i in 0..depth {
        text.push_str(&spaces[..i]);
        text.push_str("a:\n");
    }
    text
}

/// Deterministic pseudo-random bytes (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Every hostile file small enough to keep in memory, with what it must say.
fn hostile_cases() -> Vec<Case> {
    let mut garbage = Vec::with_capacity(4096);
    let mut rng = Rng(0x005e_edf1_e1d5_a7e5);
    garbage.extend((0..4096).map(|_| rng.next() as u8));
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
    let mut latin1 = edit("Ana López, company", "Ana L_pez, company").into_bytes();
    let at = latin1.iter().position(|b| *b == b'_').unwrap();
    latin1[at] = 0xf3; // "ó" in Latin-1: a file saved in the wrong encoding
    let huge_variant = edit("kind: quote", &format!("kind: {}", "shout".repeat(200_000)));

    vec![
        // Not UTF-8.
        case("latin-1 text", latin1, Some((5, 26)), &["UTF-8"]),
        case("binary garbage", garbage, Some((1, 1)), &["UTF-8"]),
        case("png header", png, Some((1, 1)), &["UTF-8"]),
        // Not a session, or not one document.
        case("empty file", "", Some((1, 1)), &["empty"]),
        case("only comments", "# just a comment\n# and another\n", None, &["empty, only comments"]),
        case(
            "json, not a session",
            r#"{"name": "report", "items": [1, 2, 3]}"#,
            Some((1, 1)),
            &["missing field `schema`"],
        ),
        case("list, not a mapping", "- a\n- b\n", Some((1, 1)), &["expected a mapping"]),
        case("two documents", format!("---\n{VALID}---\n{VALID}"), Some((17, 1)), &["more than one YAML document"]),
        case(
            "text after end marker",
            format!("{VALID}...\nmore: 1\n"),
            Some((17, 1)),
            &["more than one YAML document"],
        ),
        case("nul byte", edit("Acme", "Ac\0me"), Some((5, 43)), &["not valid YAML"]),
        // Syntax.
        case("tab indentation", edit("\n    text:", "\n\ttext:"), Some((9, 2)), &["not valid YAML", "tabs"]),
        case("tab before closing key", edit("  question: What", "\tquestion: What"), Some((14, 2)), &["tabs"]),
        case("unclosed quote", edit("\"2.1\"", "\"2.1"), None, &["not valid YAML"]),
        // Duplicate keys: an error, never "last one wins".
        case(
            "duplicate top-level key",
            edit("guide: discovery\n", "guide: discovery\nguide: other\n"),
            Some((4, 1)),
            &["`guide` appears twice"],
        ),
        case(
            "duplicate key in a note",
            edit("    kind: quote\n", "    kind: quote\n    kind: pain\n"),
            Some((11, 5)),
            &["`notes[0]`", "`kind` appears twice"],
        ),
        case(
            "duplicate key in flow map",
            edit("company: Acme}", "company: Acme, name: Bo}"),
            Some((5, 47)),
            &["`participant`", "`name` appears twice"],
        ),
        // Wrong types.
        case("notes: 5", edit("notes:\n", "notes: 5\nx:\n"), Some((7, 8)), &["`notes`", "list"]),
        case(
            "participant: [a]",
            edit("{name: Ana López, company: Acme}", "[a]"),
            Some((5, 14)),
            &["`participant`", "mapping"],
        ),
        case("started_at: yesterday", edit("2026-11-22T14:30:05+01:00", "yesterday"), Some((6, 13)), &["`started_at`"]),
        case(
            "kind: shout",
            edit("kind: quote", "kind: shout"),
            Some((10, 11)),
            &["`notes[0].kind`", "unknown variant `shout`"],
        ),
        case("schema: x", edit("schema: 1", "schema: x"), Some((1, 9)), &["`schema`", "u32"]),
        case("at: soon", edit("\"00:03:12\"", "soon"), Some((8, 9)), &["`notes[0].at`", "time offset"]),
        case("tags: [[a]]", edit("[workaround, reporting]", "[[a]]"), Some((12, 12)), &["`notes[0].tags[0]`"]),
        case(
            "missing started_at",
            edit("started_at: 2026-11-22T14:30:05+01:00\n", ""),
            Some((1, 1)),
            &["missing field `started_at`"],
        ),
        case(
            "note without at",
            edit("  - at: \"00:03:12\"\n    text", "  - text"),
            Some((8, 5)),
            &["`notes[0]`", "missing field `at`"],
        ),
        case(
            "unknown anchor",
            edit("kind: quote", "kind: *nope"),
            Some((10, 11)),
            &["`notes[0].kind`", "unknown anchor"],
        ),
        // Inside `#[serde(flatten)]` content: serde-saphyr reports these at the last
        // key of the enclosing mapping; `yaml::from_str` finds the real key.
        case(
            "number key in an unknown field",
            edit("schema: 1\n", "schema: 1\nscores: {1: good}\n"),
            Some((2, 10)),
            &["`scores.1`", "not text"],
        ),
        case(
            "list key in a note's unknown field",
            edit("    kind: quote\n", "    kind: quote\n    w: {[a]: b}\n"),
            Some((11, 9)),
            &["`notes[0].w.[…]`", "not text"],
        ),
        // Hostile text in a message: escaped and cut short.
        case(
            "escape codes in a value",
            edit("kind: quote", "kind: \"\\e]52;c;aGk=\\a\\e[2J\""),
            Some((10, 11)),
            &["\\u{1b}"],
        ),
        case("1 MB unknown variant", huge_variant, Some((10, 11)), &["`notes[0].kind`", "…"]),
        // Resource bombs.
        case("alias bomb", alias_bomb(), None, &["aliases"]),
        case("alias bomb in a session", format!("{VALID}{}", alias_bomb()), None, &["aliases"]),
        case(
            "alias replay through merge keys",
            format!("{VALID}base: &b {{a: 1}}\nx: {{<<: [{}]}}\n", vec!["*b"; 2000].join(", ")),
            None,
            &["aliases"],
        ),
        // Deep nesting, bare and inside a session (where the deserializer descends).
        case(
            "10,000 nested flow lists",
            "[".repeat(10_000) + &"]".repeat(10_000),
            Some((1, 65)),
            &["nested more than 64"],
        ),
        case(
            "10,000 nested flow lists in a session",
            format!("{VALID}x: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)),
            Some((16, 68)),
            &["nested more than 64"],
        ),
        case(
            "10,000 nested flow maps in a note",
            edit(
                "    kind: quote\n",
                &format!("    kind: quote\n    x: {}{}\n", "{a: ".repeat(10_000), "}".repeat(10_000)),
            ),
            None,
            &["nested more than 64"],
        ),
        case("10,000 nested block lists", "- ".repeat(10_000) + "x\n", Some((1, 1)), &["expected a mapping"]),
        case(
            "10,000 nested block lists in a session",
            format!("{VALID}x:\n{}x\n", "- ".repeat(10_000)),
            None,
            &["nested more than 64"],
        ),
        case("2,000 nested block maps (2 MB)", nested_block_maps(2_000), Some((65, 65)), &["nested more than 64"]),
        case(
            "2,000 nested block maps in a session",
            format!("{VALID}{}", nested_block_maps(2_000)),
            None,
            &["nested more than 64"],
        ),
    ]
}

// ---------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------

/// Bytes of every regular file in `dir`, to prove loading changed none. Files
/// over the size limit (the 100 MB one) are kept as their length, modification
/// time and first and last megabyte, so the test does not hold 100 MB twice.
fn snapshot(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime, Vec<u8>)> {
    let mut files = Vec::new();
    for path in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
        let meta = std::fs::symlink_metadata(&path).unwrap();
        if !meta.is_file() {
            continue;
        }
        let bytes = if meta.len() <= MAX_FILE_BYTES {
            std::fs::read(&path).unwrap()
        } else {
            use std::io::{Read, Seek, SeekFrom};
            let mut file = std::fs::File::open(&path).unwrap();
            let mut ends = vec![0; 2 * MB];
            file.read_exact(&mut ends[..MB]).unwrap();
            file.seek(SeekFrom::End(-(MB as i64))).unwrap();
            file.read_exact(&mut ends[MB..]).unwrap();
            ends
        };
        files.push((path, meta.len(), meta.modified().unwrap(), bytes));
    }
    files.sort();
    files
}

/// What loading one hostile file produced and cost.
struct Outcome {
    err: LoadError,
    took: Duration,
    heap: usize,
}

impl Outcome {
    /// The error as the user sees it, with the temp dir left out.
    fn shown(&self) -> String {
        let file = self.err.path.file_name().unwrap().to_string_lossy();
        let full = self.err.to_string();
        format!("{file}{}", &full[self.err.path.display().to_string().len()..])
    }
}

/// Puts the hostile file made by `make` in a folder beside a valid session and
/// checks requirements 1-5. Returns the error for case-specific checks.
fn check_beside_valid(name: &str, make: impl FnOnce(&Path)) -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    let valid = dir.path().join(VALID_NAME);
    std::fs::write(&valid, VALID).unwrap();
    let hostile = dir.path().join("20261123-0900-hostile.yaml");
    make(&hostile);
    let before = snapshot(dir.path());

    let (loaded, load_took, load_heap) = measure(|| load_session(&hostile));
    let (took, heap) = (load_took, load_heap);
    let err = match loaded {
        Ok(_) => panic!("{name}: loaded without error"),
        Err(e) => e,
    };
    assert!(took < MAX_TIME, "{name}: load_session took {took:?}");
    assert!(heap < MAX_HEAP, "{name}: load_session held {} MB", heap / MB);
    assert_eq!(err.path, hostile, "{name}: the error must name the file");
    assert!(err.to_string().starts_with(&hostile.display().to_string()), "{name}: {err}");
    assert!(!err.message.is_empty() && err.message.chars().count() < 400, "{name}: {err}");

    let (library, took, heap) = measure(|| Library::scan(dir.path()));
    assert!(took < 2 * MAX_TIME, "{name}: Library::scan took {took:?}");
    assert!(heap < MAX_HEAP, "{name}: Library::scan held {} MB", heap / MB);
    let ids: Vec<&str> = library.ids().collect();
    assert_eq!(ids, ["20261122-1430-ana-lopez", "20261123-0900-hostile"], "{name}: valid first, hostile listed last");
    let info = library.sessions[0].info.as_ref().unwrap_or_else(|e| panic!("{name}: valid session failed: {e}"));
    assert_eq!(info.participant, "Ana López");
    assert_eq!(library.sessions[1].info.as_ref().err(), Some(&err), "{name}: scan shows the same error");
    load_session(&valid).unwrap_or_else(|e| panic!("{name}: the valid session no longer opens: {e}"));

    assert!(snapshot(dir.path()) == before, "{name}: a file changed");
    Outcome { err, took: load_took, heap: load_heap }
}

#[test]
fn hostile_files_fail_cleanly_beside_a_valid_session() {
    let mut report = String::new();
    for c in hostile_cases() {
        let outcome = check_beside_valid(c.name, |p| std::fs::write(p, &c.bytes).unwrap());
        let err = &outcome.err;
        // Every one of these has a place in the file to point at.
        assert!(err.line.is_some() && err.column.is_some(), "{}: no location: {err}", c.name);
        if let Some((line, col)) = c.at {
            assert_eq!((err.line, err.column), (Some(line), Some(col)), "{}: {err}", c.name);
        }
        for needle in c.says {
            assert!(err.message.contains(needle), "{}: expected {needle:?} in: {err}", c.name);
        }
        assert!(!err.message.chars().any(|ch| ch.is_control()), "{}: raw control character in: {err}", c.name);
        let cost = format!("{:.1} ms, {} KB", outcome.took.as_secs_f64() * 1e3, outcome.heap / 1024);
        report += &format!("{:40} {:>20}  {}\n", c.name, cost, outcome.shown());
    }
    // `cargo test -- --nocapture` shows what users see.
    println!("{report}");
}

/// A valid session cut at every byte: never a panic, and every failure is located
/// (or, for a cut inside `id`, says the id no longer matches the file's name).
/// Cuts that leave a complete session (e.g. inside the closing answer) load.
#[test]
fn truncated_at_every_byte() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(VALID_NAME), VALID).unwrap();
    let path = dir.path().join("20261123-0900-hostile.yaml");
    let mut failed = 0;
    for cut in 0..VALID.len() {
        let bytes = &VALID.as_bytes()[..cut];
        std::fs::write(&path, bytes).unwrap();
        let (loaded, took, _) = measure(|| load_session(&path));
        assert!(took < MAX_TIME, "cut at {cut}: took {took:?}");
        match loaded {
            Err(err) => {
                failed += 1;
                assert!(err.line.is_some() || err.message.contains("`id`"), "cut at {cut}: no location: {err}");
            }
            // Every field before `started_at` is required, and `started_at` itself.
            Ok(_) => assert!(cut > VALID.find("started_at").unwrap(), "cut at {cut} loaded"),
        }
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        // The valid session beside it is unaffected; checked on a sample to keep this quick.
        if cut % 37 == 0 {
            let library = Library::scan(dir.path());
            assert!(library.sessions.iter().any(|s| s.id == "20261122-1430-ana-lopez" && s.info.is_ok()));
        }
    }
    assert!(failed > VALID.len() / 2, "only {failed} of {} cuts failed", VALID.len());
}

/// 100 MB in one scalar: refused by its size before a byte is read. It is written
/// in chunks so the test itself never holds it in memory.
#[test]
fn a_100_mb_scalar_is_refused_by_size_unread() {
    let mut head = Vec::new();
    let outcome = check_beside_valid("100 MB scalar", |path| {
        let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
        file.write_all(b"schema: 1\nid: 20261123-0900-hostile\nnotes: \"").unwrap();
        let chunk = vec![b'a'; MB];
        for _ in 0..100 {
            file.write_all(&chunk).unwrap();
        }
        file.write_all(b"\"\n").unwrap();
        file.flush().unwrap();
        head = std::fs::read(path).map(|b| b[..64].to_vec()).unwrap_or_default();
    });
    let err = &outcome.err;
    assert!(err.message.contains("larger than"), "{err}");
    assert_eq!(err.line, None, "a whole-file problem has no line");
    assert!(head.starts_with(b"schema: 1"));
    // Not read at all: loading it allocated next to nothing.
    assert!(outcome.heap < 64 * 1024, "held {} KB", outcome.heap / 1024);
    println!("{:.1} ms, {} bytes of heap: {}", outcome.took.as_secs_f64() * 1e3, outcome.heap, outcome.shown());
}

/// Half a million tags in a 1 MB file, two bytes a value (`a,a,…`), packed
/// tighter than fieldnotes ever writes (three bytes a value at the densest):
/// refused at the node budget, which grows with the file's size, before it
/// is read whole. The debug build parses ~10x slower than release, hence the
/// looser bound than the other cases. Checked through `Library::scan` alone
/// (which loads both files) to keep the suite quick.
#[test]
fn values_packed_tighter_than_we_write_stop_at_the_node_budget() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(VALID_NAME), VALID).unwrap();
    let text = edit("[workaround, reporting]", &format!("[{}]", "a,".repeat(500_000)));
    std::fs::write(dir.path().join("20261123-0900-hostile.yaml"), &text).unwrap();
    let before = snapshot(dir.path());

    let (library, took, heap) = measure(|| Library::scan(dir.path()));
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert!(heap < MAX_HEAP, "held {} MB", heap / MB);
    assert!(library.sessions[0].info.is_ok(), "the valid session still loads");
    let err = library.sessions[1].info.as_ref().unwrap_err();
    assert!(err.message.contains("too many values"), "{err}");
    assert!(err.line.is_some(), "{err}");
    assert!(snapshot(dir.path()) == before, "a file changed");
    println!("{took:?}, {} KB of heap: {}", heap / 1024, err.message);
}

/// Deep block nesting needs quadratic indentation: 10,000 levels is 50 MB, over
/// the size limit as a file (refused unread), so the parser's own defence is
/// checked on the text in memory.
#[test]
fn ten_thousand_nested_block_maps() {
    let text = nested_block_maps(10_000);
    let (parsed, took, heap) = measure(|| yaml::from_str::<Session>(&text, Path::new("deep.yaml")));
    let err = parsed.unwrap_err();
    assert!(took < MAX_TIME, "took {took:?}");
    assert!(heap < MAX_HEAP, "held {} MB", heap / MB);
    assert_eq!((err.line, err.column), (Some(65), Some(65)), "{err}");
    assert!(err.message.contains("nested more than 64"), "{err}");
}

/// Files that are not regular files: a FIFO would block the reader forever, and
/// `/dev/zero` would never end.
#[cfg(unix)]
#[test]
fn pipes_devices_and_folders_are_not_read() {
    let err = check_beside_valid("symlink to /dev/zero", |p| std::os::unix::fs::symlink("/dev/zero", p).unwrap()).err;
    assert!(err.message.contains("not a regular file"), "{err}");
    let err = check_beside_valid("folder named .yaml", |p| std::fs::create_dir(p).unwrap()).err;
    assert!(err.message.contains("not a regular file"), "{err}");
    if std::process::Command::new("mkfifo").arg("--version").output().is_ok() {
        // On a thread, so a regression fails the test instead of hanging it.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let err = check_beside_valid("fifo", |p| {
                assert!(std::process::Command::new("mkfifo").arg(p).status().unwrap().success());
            })
            .err;
            tx.send(err).unwrap();
        });
        let err = rx.recv_timeout(Duration::from_secs(10)).expect("reading a FIFO blocked");
        assert!(err.message.contains("not a regular file"), "{err}");
    }
}

// ---------------------------------------------------------------------------
// Not hostile: big and unusual files that must load
// ---------------------------------------------------------------------------

fn session_with_notes(count: usize, text: &str) -> String {
    let mut out = VALID.split("notes:\n").next().unwrap().to_string();
    out += "notes:\n";
    for i in 0..count {
        let (h, m, s) = (i / 3600, (i / 60) % 60, i % 60);
        out += &format!("  - at: \"{h:02}:{m:02}:{s:02}\"\n    text: {text} {i}\n    kind: pain\n    tags: [a, b]\n");
    }
    out
}

#[test]
fn ten_thousand_small_notes_load() {
    let text = session_with_notes(10_000, "note");
    let (parsed, took, _) = measure(|| yaml::from_str::<Session>(&text, Path::new("many.yaml")));
    let session = parsed.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(session.notes.len(), 10_000);
    assert_eq!(session.notes[9_999].text, "note 9999");
    // ~40 ms in release; debug is far slower, and this only guards against a budget
    // set so tight that real sessions fail or crawl.
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

/// The largest session we promise to load: 10,000 notes of ~500 characters (5.6 MB).
#[test]
fn a_five_megabyte_session_loads() {
    let text = session_with_notes(10_000, &"word ".repeat(100));
    assert!(text.len() > 5 * MB);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(VALID_NAME);
    std::fs::write(&path, &text).unwrap();
    let (loaded, _, heap) = measure(|| load_session(&path));
    assert_eq!(loaded.unwrap_or_else(|e| panic!("{e}")).notes.len(), 10_000);
    // The file, the parsed notes and the parser's buffers: a small multiple of the file.
    assert!(heap < 8 * text.len(), "held {} MB", heap / MB);
}

/// The largest file we read (just under `MAX_FILE_BYTES`, one 15 MB note) loads,
/// holding about twice its size: the size limit is also the memory bound.
#[test]
fn the_largest_file_we_read_stays_within_memory() {
    let text = edit("text: We export to Excel every Friday", &format!("text: {}", "a".repeat(15 * MB)));
    assert!(text.len() as u64 <= MAX_FILE_BYTES);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(VALID_NAME);
    std::fs::write(&path, &text).unwrap();
    let (loaded, _, heap) = measure(|| load_session(&path));
    assert_eq!(loaded.unwrap_or_else(|e| panic!("{e}")).notes[0].text.len(), 15 * MB);
    assert!(heap < 3 * text.len(), "held {} MB", heap / MB);
}

#[test]
fn unusual_but_valid_encodings_load() {
    for (name, text) in [
        ("byte order mark", format!("\u{feff}{VALID}")),
        ("CRLF line ends", VALID.replace('\n', "\r\n")),
        ("explicit document markers", format!("%YAML 1.2\n---\n{VALID}...\n")),
        (
            "unknown keys of every shape",
            format!("{VALID}extra: {{a: [1, {{b: c}}], 'x y': !custom z, n: 99999999999999999999}}\n"),
        ),
        (
            "merge key",
            edit(
                "participant: {name: Ana López, company: Acme}",
                "base: &p {name: Ana López}\nparticipant: {<<: *p, company: Acme}",
            ),
        ),
        // YAML 1.1 reads `y`, `n`, `on`, `off` as booleans, which cannot be map keys
        // in the buffered unknown fields; the loader reads them as text.
        ("yes/no keys in an unknown field", format!("{VALID}answers: {{y: 1, n: 2, on: 3}}\n")),
        ("non-finite numbers in unknown keys", format!("{VALID}score: .nan\nlimit: -.inf\n")),
    ] {
        let session: Session = yaml::from_str(&text, Path::new("x.yaml")).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(session.participant.name, "Ana López", "{name}");
    }
}

/// Text fields read any scalar as text; these spellings must survive as typed,
/// not turn into `false`, `7` or a load error.
#[test]
fn inferred_scalars_keep_their_spelling() {
    let text = edit("{name: Ana López, company: Acme}", "{name: 007, company: no}").replacen(
        "text: We export to Excel every Friday",
        "text: yes",
        1,
    );
    let session: Session = yaml::from_str(&text, Path::new("x.yaml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(session.participant.name, "007");
    assert_eq!(session.participant.company.as_deref(), Some("no"));
    assert_eq!(session.notes[0].text, "yes");
    let text = format!("{VALID}zip: 01234\nflag: yes\nbig: 1_000\n");
    let session: Session = yaml::from_str(&text, Path::new("x.yaml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(session.extra["zip"], "01234");
    assert_eq!(session.extra["flag"], "yes");
    assert_eq!(session.extra["big"], "1_000");
}

// ---------------------------------------------------------------------------
// Replay corpus
// ---------------------------------------------------------------------------

/// Feeds the valid session, every hostile case and mutations of the valid session
/// (every truncation, byte flips and YAML-significant insertions at sampled
/// positions, from a fixed seed) through the loader's own path: `from_utf8`,
/// then `yaml::from_str::<Session>`. None may panic or take long, and every
/// failure must be located. A stand-in for a cargo-fuzz target on stable.
#[test]
fn replay_corpus_never_panics() {
    let valid = VALID.as_bytes();
    let mut corpus: Vec<(String, Vec<u8>)> = vec![("valid".into(), valid.to_vec())];
    for c in hostile_cases() {
        corpus.push((c.name.into(), c.bytes));
    }
    for cut in 0..valid.len() {
        corpus.push((format!("cut at {cut}"), valid[..cut].to_vec()));
    }
    // Seeds and anything cargo-fuzz found (fuzz/corpus/session_loader/), so
    // a crasher saved there is replayed by every `cargo test` on stable.
    let fuzz_corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/session_loader");
    let seeds: Vec<_> = std::fs::read_dir(&fuzz_corpus).expect("fuzz corpus folder").filter_map(Result::ok).collect();
    assert!(seeds.len() >= 3, "the fuzz corpus is seeded from valid sessions");
    for entry in seeds {
        corpus.push((entry.path().display().to_string(), std::fs::read(entry.path()).expect("corpus file")));
    }
    let mut rng = Rng(0x0000_f1e1_d0a7_e5e5);
    let tokens: [&[u8]; 20] = [
        b":", b"- ", b"[", b"]", b"{", b"}", b",", b"&a ", b"*a", b"\t", b"\"", b"'", b"#", b"\n", b"!", b"|", b">",
        b"? ", b"---\n", b"<<: ",
    ];
    for _ in 0..600 {
        let mut bytes = valid.to_vec();
        let at = rng.below(bytes.len());
        match rng.below(3) {
            0 => bytes[at] = rng.next() as u8,
            1 => bytes[at] ^= 1 << rng.below(8),
            _ => {
                let token = tokens[rng.below(tokens.len())];
                bytes.splice(at..at, token.iter().copied());
            }
        }
        corpus.push((format!("mutation at {at}"), bytes));
    }

    let started = Instant::now();
    let (mut ok, mut failed, mut not_utf8) = (0, 0, 0);
    for (name, bytes) in &corpus {
        let run = || -> Option<Result<Session, LoadError>> {
            // Invalid UTF-8 stops here in `read_file`, before the parser.
            let text = std::str::from_utf8(bytes).ok()?;
            Some(yaml::from_str::<Session>(text, Path::new("corpus.yaml")))
        };
        let (result, took, heap) = measure(|| std::panic::catch_unwind(run));
        let result = result.unwrap_or_else(|_| {
            panic!("{name} panicked; input:\n{}", String::from_utf8_lossy(bytes));
        });
        assert!(took < MAX_TIME, "{name}: took {took:?}");
        assert!(heap < MAX_HEAP, "{name}: held {} MB", heap / MB);
        match result {
            None => not_utf8 += 1,
            Some(Ok(_)) => ok += 1,
            Some(Err(e)) => {
                failed += 1;
                assert!(e.line.is_some() && e.column.is_some(), "{name}: no location: {e}");
                assert!(!e.message.chars().any(char::is_control), "{name}: raw control character: {e}");
            }
        }
    }
    println!(
        "replayed {} inputs ({ok} loaded, {failed} failed with a location, {not_utf8} not UTF-8) in {:?}",
        corpus.len(),
        started.elapsed()
    );
}
