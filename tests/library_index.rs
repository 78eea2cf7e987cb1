//! The library index (`store::cache::index`): the rows `list` and the home
//! screen show come from it, and they are exactly the rows reading every file
//! from scratch gives; only the files that changed are read again; a damaged,
//! foreign or older index is ignored and rewritten; deleting it is safe; and
//! listing reads no note text (the synthesis cache is not even touched).

mod generated;

use fieldnotes::store::cache::{cache_file, index::index_file};
use fieldnotes::store::library::Library;
use generated::{Lib, settle};
use std::path::Path;

/// Files that are not what the generator writes: unreadable YAML, an id
/// that is not the file's name, a session still going, odd text.
const ODD: &[(&str, &str)] = &[
    ("broken.yaml", "id: [\n"),
    (
        "wrong-name.yaml",
        "schema: 1\nid: other\nguide: discovery\nparticipant: {name: Ana}\nstarted_at: 2025-03-12T10:00:00+00:00\nnotes: []\n",
    ),
    (
        "live.yaml",
        "schema: 1\nid: live\nguide: discovery\nparticipant: {name: \"Zoë 日本\", company: Acme, segment: smb}\nstarted_at: 2026-03-12T10:00:00+05:30\nnotes:\n  - {at: \"00:05:00\", text: \"Send the “deck”\", kind: followup, tags: [pricing], done: true}\n  - {at: \"00:06:00\", text: Ask IT, kind: followup, tags: []}\n  - {at: \"00:07:00\", text: We export to Excel, tags: [reporting, Reporting]}\nclosing: {question: What else?, answer: Budget is the blocker, tags: [budget]}\n",
    ),
];

/// A generated library of `n` interviews and the odd files.
fn library(n: usize) -> Lib {
    generated::library(n, 12, ODD)
}

fn load(lib: &Lib) -> (Library, fieldnotes::store::cache::Stats) {
    Library::load_counted(&lib.sessions, Some(&lib.cache))
}

#[test]
fn the_index_gives_the_rows_reading_every_file_gives() {
    let lib = library(40);
    let scanned = Library::scan(&lib.sessions);
    assert_eq!(scanned.sessions.len(), 43);
    assert!(scanned.sessions.iter().any(|s| s.info.is_err()), "the odd files are there");
    let (cold, stats) = load(&lib);
    assert_eq!((stats.parsed, stats.cached, stats.written), (43, 0, true), "{stats:?}");
    assert_eq!(cold, scanned);
    let (warm, stats) = load(&lib);
    assert_eq!((stats.parsed, stats.cached, stats.written), (0, 43, false), "{stats:?}");
    assert_eq!(warm, scanned, "every field of every row, errors included, as from the files");
    let live = warm.find("live").unwrap().info.as_ref().unwrap();
    assert_eq!(live.followups, [(0, "Send the “deck”".to_string(), true), (1, "Ask IT".to_string(), false)]);
    assert_eq!(live.closing_tags, ["budget"]);
    assert_eq!(live.started_at.offset().local_minus_utc(), 5 * 3600 + 1800);
    // Listing reads summaries only: the cache of every note's text is not made.
    assert!(!cache_file(&lib.cache, &lib.sessions).exists(), "the synthesis cache is left alone");
}

#[test]
fn only_a_changed_added_or_removed_file_is_read_again() {
    let lib = library(30);
    assert!(load(&lib).1.written);
    let files = fieldnotes::store::library::session_paths(&lib.sessions);
    let total = files.len();

    // A teammate's edit: one file rewritten.
    let changed = files.iter().find(|p| !p.ends_with("broken.yaml") && !p.ends_with("live.yaml")).unwrap();
    let text = std::fs::read_to_string(changed).unwrap();
    let text = text.lines().filter(|l| !l.starts_with("title:")).collect::<Vec<_>>().join("\n") + "\n";
    let text = text.replacen("\nnotes:\n", "\ntitle: Retitled\nnotes:\n", 1);
    std::fs::write(changed, text).unwrap();
    settle();
    let (after, stats) = load(&lib);
    assert_eq!((stats.parsed, stats.cached), (1, total - 1), "{stats:?}");
    assert_eq!(after, Library::scan(&lib.sessions));
    let id = changed.file_stem().unwrap().to_str().unwrap();
    assert_eq!(after.find(id).unwrap().info.as_ref().unwrap().title, "Retitled");
    assert_eq!(load(&lib).1.parsed, 0, "and it is kept");

    // A `git pull` that brings two new interviews.
    for (i, from) in files.iter().take(2).enumerate() {
        let name = format!("20990101-090{i}-pulled");
        let text = std::fs::read_to_string(from).unwrap();
        let old_id = from.file_stem().unwrap().to_str().unwrap();
        std::fs::write(lib.sessions.join(format!("{name}.yaml")), text.replace(old_id, &name)).unwrap();
    }
    settle();
    let (after, stats) = load(&lib);
    assert_eq!((stats.parsed, stats.cached), (2, total), "{stats:?}");
    assert_eq!(after, Library::scan(&lib.sessions));

    // A file deleted: nothing is parsed, and its row is gone from the index too.
    std::fs::remove_file(changed).unwrap();
    let (after, stats) = load(&lib);
    assert_eq!((stats.parsed, stats.cached, stats.written), (0, total + 1, true), "{stats:?}");
    assert!(after.find(id).is_err());
    assert_eq!(after, Library::scan(&lib.sessions));
    assert!(!load(&lib).1.written, "nothing changed since");
}

#[test]
fn a_damaged_foreign_or_older_index_is_ignored_and_rewritten() {
    let lib = library(10);
    let n = 13;
    assert!(load(&lib).1.written);
    let file = index_file(&lib.cache, &lib.sessions);
    let good = std::fs::read(&file).unwrap();
    let scanned = Library::scan(&lib.sessions);

    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x20;
    let mut older = good.clone();
    older[8..12].copy_from_slice(&0u32.to_le_bytes());
    let cut = good[..good.len() - 5].to_vec();
    // Another library's index, put where this one's goes.
    let other = library(3);
    assert!(load(&other).1.written);
    let foreign = std::fs::read(index_file(&other.cache, &other.sessions)).unwrap();
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("a flipped byte", flipped, "checksum"),
        ("an older format", older, "format"),
        ("a cut file", cut, ""),
        ("another folder's index", foreign, "another folder"),
        ("not an index at all", b"PK\x03\x04 a zip".to_vec(), "not a fieldnotes index"),
    ];
    for (what, bytes, why) in cases {
        std::fs::write(&file, &bytes).unwrap();
        let (rows, stats) = load(&lib);
        assert_eq!(rows, scanned, "{what}: the rows are the files'");
        assert_eq!((stats.parsed, stats.cached, stats.written), (n, 0, true), "{what}: {stats:?}");
        assert!(stats.ignored.as_deref().is_some_and(|w| w.contains(why)), "{what}: {stats:?}");
        assert_eq!(std::fs::read(&file).unwrap(), good, "{what}: rewritten as it was");
        assert_eq!(load(&lib).1.cached, n, "{what}: and used again");
    }
}

#[test]
fn deleting_the_index_is_safe() {
    let lib = library(8);
    let (first, _) = load(&lib);
    std::fs::remove_dir_all(&lib.cache).unwrap();
    let (again, stats) = load(&lib);
    assert_eq!(again, first);
    assert_eq!((stats.parsed, stats.ignored.as_deref(), stats.written), (11, None, true), "{stats:?}");
    // Without any cache folder at all, the rows are the same.
    assert_eq!(Library::load_with(&lib.sessions, None), first);
    assert!(Path::new(&index_file(&lib.cache, &lib.sessions)).exists());
}
