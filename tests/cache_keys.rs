//! The derived cache never answers with a file's old content. A note edited
//! to text of the same length, with the file's mtime put back by `touch -d`
//! (as `rsync -t` or a careful script would), keeps the size and mtime the
//! cache knew: `list`, `search`, `tags` and `synth` must still show the edit.

mod common;

use common::{cli, sessions_dir, stderr, stdout};
use std::path::Path;
use std::time::Duration;

const ID: &str = "20250312-1000-ana-x2ab";
const BEFORE: &str = "\
schema: 1
id: 20250312-1000-ana-x2ab
guide: discovery
participant: {name: Ana, company: Acme}
started_at: 2025-03-12T10:00:00+00:00
ended_at: 2025-03-12T10:40:00+00:00
notes:
  - {at: \"00:05:00\", text: We use Airtable!!!, tags: [tooling]}
";

fn touch_back(path: &Path) {
    let out = std::process::Command::new("touch").arg("-d").arg("2025-03-12 11:00:00").arg(path).output().unwrap();
    assert!(out.status.success(), "touch -d: {}", String::from_utf8_lossy(&out.stderr));
}

/// What the four cached readers say about the library.
fn views(root: &Path) -> String {
    let mut all = String::new();
    for args in [&["list"][..], &["search", "use"], &["tags"], &["synth", "-f", "json"]] {
        let out = cli(root, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        all.push_str(&stdout(&out));
    }
    all
}

#[test]
fn a_same_size_edit_with_the_mtime_put_back_shows_in_every_cached_view() {
    let root = tempfile::tempdir().unwrap();
    let dir = sessions_dir(root.path());
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{ID}.yaml"));
    std::fs::write(&path, BEFORE).unwrap();
    touch_back(&path);
    // Files changed in the last RACY_SECS are not cached: let this one age.
    std::thread::sleep(Duration::from_secs(fieldnotes::store::cache::RACY_SECS + 1));
    let before = views(root.path());
    assert!(before.contains("Airtable!!!") && before.contains("tooling"), "{before}");
    assert_eq!(views(root.path()), before, "the second run reads the cache");

    let after = BEFORE.replace("We use Airtable!!!, tags: [tooling]", "We use Salesforce!, tags: [billing]");
    assert_eq!(after.len(), BEFORE.len());
    std::fs::write(&path, after).unwrap();
    touch_back(&path);

    let now = views(root.path());
    assert!(!now.contains("Airtable") && !now.contains("tooling"), "old content served:\n{now}");
    assert!(now.contains("Salesforce!") && now.contains("billing"), "{now}");
}
