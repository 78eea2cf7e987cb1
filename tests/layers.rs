//! The shape of the code, kept true by a test: `src/` is layered, and a file
//! may only use its own layer or one below it. The layers, lowest first:
//!
//! | layer       | its job                                              |
//! |-------------|------------------------------------------------------|
//! | `text/`     | the sanitizer, printing, widths, counts, YAML text   |
//! | `domain/`   | the vocabulary: guides, sessions, notes, ops         |
//! | `analysis/` | pure computations and report formats over sessions   |
//! | `store/`    | everything that touches the disk                     |
//! | `team/`     | a library shared through git                         |
//! | `tui/`      | the terminal app: loop, keys, models, views          |
//! | `cli/`      | the command line                                     |
//!
//! `main.rs` and `lib.rs` sit on top. Code under `#[cfg(test)]` may reach
//! higher to build its fixtures. `domain/` and `analysis/` also do no I/O:
//! no files, processes, network, environment or printing. And no two modules
//! of `src/` use each other (a cycle), whatever their layers.
//!
//! The rules are checked over the real sources, and each rule is also shown
//! to catch a breach on a small made-up tree, so the test cannot pass by
//! reading nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first. The position is the rank.
const LAYERS: [&str; 7] = ["text", "domain", "analysis", "store", "team", "tui", "cli"];

/// Layers that must stay pure: what they compute depends only on their inputs.
const PURE: [&str; 2] = ["domain", "analysis"];

/// What doing I/O looks like in source. `out::inert` (the pure sanitizer) is
/// fine; printing through `out` is not.
const IO_MARKERS: [&str; 14] = [
    "std::fs",
    "fs::",
    "File::",
    "std::process",
    "std::net",
    "std::env",
    "std::io::stdout",
    "std::io::stderr",
    "say!(",
    "warn!(",
    "out::data(",
    "out::text(",
    "out::styled(",
    "std::thread::spawn",
];

/// One source file: where it is (relative to `src/`) and its text.
struct Source {
    path: PathBuf,
    text: String,
}

fn read_tree(src: &Path) -> Vec<Source> {
    let mut files = Vec::new();
    collect(src, src, &mut files);
    assert!(files.len() > 10, "read only {} files under {}", files.len(), src.display());
    let tests = test_module_files(&files);
    files.retain(|f| {
        !tests.iter().any(|t| f.path == *t || t.ends_with("mod.rs") && f.path.starts_with(t.parent().unwrap()))
    });
    files
}

/// Files that are whole test modules, declared `#[cfg(test)] mod name;` by
/// their parent: they are fixtures' code, like an inline `mod tests`.
fn test_module_files(files: &[Source]) -> BTreeSet<PathBuf> {
    let mut found = BTreeSet::new();
    for f in files {
        // A `mod.rs` declares children beside it; `foo.rs` declares them in `foo/`.
        let dir = match f.path.file_name().and_then(|n| n.to_str()) {
            Some("mod.rs" | "lib.rs" | "main.rs") => f.path.parent().unwrap_or(Path::new("")).to_path_buf(),
            _ => f.path.with_extension(""),
        };
        let lines: Vec<&str> = f.text.lines().map(str::trim).collect();
        for pair in lines.windows(2) {
            let declared = pair[1].strip_prefix("mod ").and_then(|m| m.strip_suffix(';'));
            if let (true, Some(name)) = (pair[0].starts_with("#[cfg(test)]"), declared) {
                found.insert(dir.join(format!("{name}.rs")));
                found.insert(dir.join(name).join("mod.rs"));
            }
        }
    }
    found
}

fn collect(root: &Path, dir: &Path, found: &mut Vec<Source>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            found.push(Source { path: path.strip_prefix(root).unwrap().to_path_buf(), text });
        }
    }
}

/// The layer a file belongs to: its first folder under `src/`; `None` for
/// the files at the top (`main.rs`, `lib.rs`).
fn layer_of(path: &Path) -> Option<&str> {
    let mut parts = path.components();
    let first = parts.next()?.as_os_str().to_str()?;
    parts.next()?;
    Some(first)
}

fn rank(layer: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == layer)
}

/// The lines that ship: everything but test-only items (an inline
/// `#[cfg(test)] mod tests { … }` is skipped to its closing brace, a
/// `#[cfg(test)]` item of one line with it) and comments (a doc comment may
/// name a higher layer when it explains why not).
fn shipped_lines(text: &str) -> Vec<(usize, &str)> {
    let mut lines = Vec::new();
    let mut iter = text.lines().enumerate();
    while let Some((i, line)) = iter.next() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            skip_item(&mut iter);
            continue;
        }
        if t.starts_with("//") {
            continue;
        }
        let code = line.split("//").next().unwrap_or("");
        lines.push((i + 1, code));
    }
    lines
}

/// Skips the item after an attribute: to the end of its line when it opens
/// no block, else to the brace that closes the block it opens.
fn skip_item<'a>(iter: &mut impl Iterator<Item = (usize, &'a str)>) {
    let mut depth = 0i64;
    let mut opened = false;
    for (_, line) in iter.by_ref() {
        let code = line.split("//").next().unwrap_or("");
        for c in code.chars() {
            match c {
                '{' => {
                    depth += 1;
                    opened = true;
                }
                '}' => depth -= 1,
                _ => {}
            }
        }
        let ends_item = code.trim_end().ends_with(';') || code.trim_start().starts_with("#[");
        if (opened && depth <= 0) || (!opened && ends_item && !code.trim_start().starts_with("#[")) {
            return;
        }
    }
}

/// The modules a line names by absolute path, as `(layer, module)`:
/// `crate::store::cache::load` gives `("store", "cache")`, and
/// `crate::store::{cache, guides}` gives both.
fn crate_paths(code: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for rest in after_each(code, "crate::") {
        let layer = ident(rest);
        let tail = &rest[layer.len()..];
        let modules = tail.strip_prefix("::").map(names_at).unwrap_or_default();
        if modules.is_empty() {
            found.push((layer.to_string(), String::new()));
        }
        for module in modules {
            found.push((layer.to_string(), module));
        }
    }
    found
}

/// The text after each standalone occurrence of `prefix` (not `$crate::`'s
/// inner part, nor `super::super::`'s second half).
fn after_each<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(i) = code[at..].find(prefix) {
        let start = at + i;
        at = start + prefix.len();
        let before = code[..start].chars().last();
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            found.push(&code[at..]);
        }
    }
    found
}

/// The identifier at the start of `s`.
fn ident(s: &str) -> &str {
    let end = s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len());
    &s[..end]
}

/// The first names of a path's next segment: `cache::load` gives `cache`,
/// `{cache, guides::list}` gives `cache` and `guides`, `self` and glob none.
fn names_at(s: &str) -> Vec<String> {
    let Some(group) = s.strip_prefix('{') else {
        let name = ident(s);
        return if name.is_empty() || name == "self" { Vec::new() } else { vec![name.to_string()] };
    };
    let mut names = Vec::new();
    let (mut depth, mut item_start) = (0usize, true);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => item_start = true,
            c if c.is_whitespace() => {}
            _ if item_start && depth == 0 => {
                item_start = false;
                let name = ident(&group[i..]);
                if !name.is_empty() && name != "self" {
                    names.push(name.to_string());
                }
            }
            _ => {}
        }
    }
    names
}

/// The modules a file in `layer/module…` names through `super::` that leave
/// its own module (e.g. `super::library` from `store/cache.rs`).
fn sibling_paths(path: &Path, code: &str) -> Vec<(String, String)> {
    let parts: Vec<&str> = path.iter().filter_map(|p| p.to_str()).collect();
    // Only files directly in a layer folder (`store/cache.rs`) reach siblings
    // with one `super::`; deeper files' `super::` stays inside their module.
    if parts.len() != 2 || parts[1] == "mod.rs" {
        return Vec::new();
    }
    let mut found = Vec::new();
    for rest in after_each(code, "super::") {
        for module in names_at(rest) {
            if module != "super" {
                found.push((parts[0].to_string(), module));
            }
        }
    }
    found
}

/// The module a file is part of, as `(layer, module)`: `store/cache.rs` and
/// `analysis/synthesis/matrix.rs` give `("store", "cache")` and
/// `("analysis", "synthesis")`; a layer's `mod.rs` is the layer itself.
fn module_of(path: &Path) -> Option<(String, String)> {
    let parts: Vec<&str> = path.iter().filter_map(|p| p.to_str()).collect();
    if parts.len() < 2 {
        return None;
    }
    let module = parts[1].trim_end_matches(".rs");
    Some((parts[0].to_string(), if module == "mod" { String::new() } else { module.to_string() }))
}

/// Every import that points up, as `file:line: what`.
fn upward_imports(files: &[Source]) -> Vec<String> {
    let mut breaches = Vec::new();
    for f in files {
        let Some(own) = layer_of(&f.path).and_then(rank) else { continue };
        for (line, code) in shipped_lines(&f.text) {
            for (layer, module) in crate_paths(code) {
                let used = match layer.as_str() {
                    // The macros `say!`/`warn!` live at the crate root but are `text::out`.
                    "say" | "warn" => rank("text"),
                    other => rank(other),
                };
                if used.is_some_and(|u| u > own) {
                    breaches.push(format!("{}:{line}: uses {layer}::{module}", f.path.display()));
                }
            }
        }
    }
    breaches
}

/// Every use of I/O in a pure layer, as `file:line: what`.
fn io_in_pure_layers(files: &[Source]) -> Vec<String> {
    let mut breaches = Vec::new();
    for f in files {
        if !layer_of(&f.path).is_some_and(|l| PURE.contains(&l)) {
            continue;
        }
        for (line, code) in shipped_lines(&f.text) {
            if let Some(marker) = IO_MARKERS.iter().find(|m| code.contains(*m)) {
                breaches.push(format!("{}:{line}: {marker}", f.path.display()));
            }
        }
    }
    breaches
}

/// Pairs of modules that use each other, as "a ↔ b" (shipped code only).
fn cycles(files: &[Source]) -> Vec<String> {
    let mut uses: BTreeMap<(String, String), BTreeSet<(String, String)>> = BTreeMap::new();
    for f in files {
        let Some(from) = module_of(&f.path) else { continue };
        for (_, code) in shipped_lines(&f.text) {
            let mut named = crate_paths(code);
            named.extend(sibling_paths(&f.path, code));
            for to in named {
                if rank(&to.0).is_some() && !to.1.is_empty() && to != from && !from.1.is_empty() {
                    uses.entry(from.clone()).or_default().insert(to);
                }
            }
        }
    }
    let mut found = Vec::new();
    for (a, targets) in &uses {
        for b in targets {
            if a < b && uses.get(b).is_some_and(|back| back.contains(a)) {
                found.push(format!("{}::{} ↔ {}::{}", a.0, a.1, b.0, b.1));
            }
        }
    }
    found
}

fn real_sources() -> Vec<Source> {
    read_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

#[test]
fn every_folder_of_src_is_a_known_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            assert!(
                rank(&name).is_some(),
                "src/{name}/ is not a layer: add it to LAYERS (and the module map) or move it"
            );
        } else {
            assert!(
                ["main.rs", "lib.rs"].contains(&name.as_str()),
                "src/{name}: only main.rs and lib.rs sit at the top"
            );
        }
    }
}

#[test]
fn imports_only_point_down() {
    let breaches = upward_imports(&real_sources());
    assert!(breaches.is_empty(), "a lower layer uses a higher one:\n{}", breaches.join("\n"));
}

#[test]
fn domain_and_analysis_do_no_io() {
    let breaches = io_in_pure_layers(&real_sources());
    assert!(breaches.is_empty(), "I/O in a pure layer:\n{}", breaches.join("\n"));
}

#[test]
fn no_two_modules_use_each_other() {
    let found = cycles(&real_sources());
    assert!(found.is_empty(), "modules that use each other:\n{}", found.join("\n"));
}

// ---------------------------------------------------------------------------
// The checks catch what they are for (on a made-up tree)
// ---------------------------------------------------------------------------

fn made_up(files: &[(&str, &str)]) -> Vec<Source> {
    files.iter().map(|(p, t)| Source { path: PathBuf::from(p), text: t.to_string() }).collect()
}

#[test]
fn an_upward_import_is_caught_and_a_test_fixture_is_not() {
    let files = made_up(&[
        ("domain/session.rs", "use crate::text::out::inert;\nuse crate::tui::app::App;\n"),
        ("analysis/themes.rs", "// crate::cli is named in a comment only\nfn f() { crate::say!(\"x\") }\n"),
        (
            "store/cache.rs",
            "#[cfg(test)]\nmod fixtures;\nuse crate::analysis::synthesis::Record;\n#[cfg(test)]\nmod tests {\n    use crate::tui::ui::render;\n}\nuse crate::cli::args;\n",
        ),
    ]);
    assert_eq!(
        upward_imports(&files),
        vec!["domain/session.rs:2: uses tui::app".to_string(), "store/cache.rs:8: uses cli::args".to_string()]
    );
}

#[test]
fn io_in_a_pure_layer_is_caught() {
    let files = made_up(&[
        ("analysis/lint.rs", "fn load(p: &Path) { let t = std::fs::read_to_string(p); }\n"),
        ("domain/note.rs", "use crate::text::out::inert;\n"),
        ("store/disk.rs", "use std::fs::File;\n"),
    ]);
    assert_eq!(io_in_pure_layers(&files), vec!["analysis/lint.rs:1: std::fs".to_string()]);
}

#[test]
fn a_cycle_is_caught_through_crate_and_super_paths() {
    let files = made_up(&[
        ("store/cache.rs", "use super::library::load_session;\n"),
        ("store/library.rs", "use crate::store::cache;\n"),
        ("store/disk.rs", "use super::yaml;\n"),
        ("store/writer.rs", "use super::{rescue, yaml};\n"),
        ("store/rescue.rs", "use crate::store::{lock, writer::journal_path};\n"),
        ("analysis/synthesis/matrix.rs", "use super::Filter;\n"),
        ("analysis/synthesis/mod.rs", "pub use matrix::rank;\n"),
    ]);
    assert_eq!(
        cycles(&files),
        vec!["store::cache ↔ store::library".to_string(), "store::rescue ↔ store::writer".to_string()]
    );
}

#[test]
fn a_test_module_in_its_own_file_is_a_fixture() {
    let files = made_up(&[
        ("tui/app/mod.rs", "#[cfg(test)]\nmod tests;\nmod capture;\n"),
        ("tui/app/tests.rs", ""),
        ("tui/app/capture.rs", ""),
    ]);
    let tests = test_module_files(&files);
    assert!(tests.contains(Path::new("tui/app/tests.rs")), "{tests:?}");
    assert!(tests.contains(Path::new("tui/app/tests/mod.rs")), "{tests:?}");
    assert!(!tests.contains(Path::new("tui/app/capture.rs")), "{tests:?}");
}

#[test]
fn the_layer_of_a_file_is_its_first_folder() {
    assert_eq!(layer_of(Path::new("store/cache.rs")), Some("store"));
    assert_eq!(layer_of(Path::new("tui/app/synthesis/mod.rs")), Some("tui"));
    assert_eq!(layer_of(Path::new("main.rs")), None);
    assert_eq!(module_of(Path::new("analysis/synthesis/matrix.rs")), Some(("analysis".into(), "synthesis".into())));
}
