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

/// The entries of an index file, each as its bytes (name, key, payload), and
/// what comes before them; the layout is `index.rs`'s module doc.
fn split_entries(bytes: &[u8]) -> (Vec<u8>, Vec<Vec<u8>>) {
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    let folder_end = 16 + 4 + u32_at(16);
    let count = u32_at(folder_end);
    let mut at = folder_end + 4;
    let mut entries = Vec::new();
    for _ in 0..count {
        let start = at;
        at += 4 + u32_at(at); // the name
        at += 8 + 12 + 12 + 8; // the key: size, mtime, ctime, inode
        at += 4 + u32_at(at); // the payload
        entries.push(bytes[start..at].to_vec());
    }
    assert_eq!(at, bytes.len(), "every entry read");
    (bytes[..folder_end].to_vec(), entries)
}

#[test]
fn an_index_in_another_order_still_answers_for_every_file() {
    let lib = library(12);
    let n = 15;
    assert!(load(&lib).1.written);
    let file = index_file(&lib.cache, &lib.sessions);
    let (head, written) = split_entries(&std::fs::read(&file).unwrap());
    assert_eq!(written.len(), n);
    let name = |entry: &Vec<u8>| entry[4..4 + u32::from_le_bytes(entry[..4].try_into().unwrap()) as usize].to_vec();
    assert!(written.is_sorted_by(|a, b| name(a) < name(b)), "written in name order, each name once");
    // Found by walking the entries beside the files. Another order (a
    // hand-made or older index), or a name stored twice, must not cost a
    // single file's summary, and the index is written again in order.
    let reversed: Vec<_> = written.iter().rev().cloned().collect();
    let mut twice = written.clone();
    twice.insert(4, written[3].clone());
    for (what, entries) in [("reversed", reversed), ("a name twice", twice)] {
        let mut bytes = head.clone();
        bytes.extend_from_slice(&u32::try_from(entries.len()).unwrap().to_le_bytes());
        bytes.extend(entries.concat());
        let crc = crc32fast::hash(&bytes[16..]);
        bytes[12..16].copy_from_slice(&crc.to_le_bytes());
        std::fs::write(&file, &bytes).unwrap();

        let (rows, stats) = load(&lib);
        assert_eq!(stats.ignored, None, "{what}: {stats:?}");
        assert_eq!((stats.parsed, stats.cached), (0, n), "{what}: every file from the index: {stats:?}");
        assert_eq!(rows, Library::scan(&lib.sessions), "{what}");
        assert!(stats.written, "{what}: written again");
        assert_eq!(split_entries(&std::fs::read(&file).unwrap()).1, written, "{what}: as it was written first");
        assert!(!load(&lib).1.written, "{what}: then left alone");
    }
}
