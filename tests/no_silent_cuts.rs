//! Nothing is cut without a mark: every 80x24 snapshot is scanned for text
//! that runs into the right edge of a pane or of the screen with no `…`.
//!
//! The rule, per drawn row: each run of cells that ends at a right edge (a
//! vertical border `│ ┃ ║`, a right corner `╮ ╯ ┐ ┘ ┤`, or the last column)
//! is looked at. Its last word (the characters after the last space) is a
//! silent cut when it ends in a letter, a digit or `#` (`#workaro│`,
//! `#tools #`, `00:00/1`, `your terminal d`), unless it is a plain number
//! (a count right-aligned against the border, like `23│`). Text that ends
//! in `…`, in punctuation, or leaves a blank column before the edge passes:
//! whole words that stop at an edge are given a column of room instead, the
//! way a right-aligned count or label keeps a space before the border.

use std::path::{Path, PathBuf};

const RIGHT_EDGES: &[char] = &['│', '┃', '║', '╮', '╯', '┐', '┘', '┤'];

/// The drawn rows of a snapshot file: the quoted lines of a buffer.
fn rows(snapshot: &str) -> Vec<String> {
    snapshot
        .lines()
        .filter(|l| l.starts_with('"'))
        .map(|l| {
            // A row may be followed by insta's note on wide characters.
            let end = l.find("\" Hidden by multi-width symbols").unwrap_or(l.len() - 1);
            l[1..end].to_string()
        })
        .collect()
}

/// The words of row `r` of `grid` that run into an edge without a mark.
fn silent_cuts(grid: &[Vec<(usize, char)>], r: usize) -> Vec<String> {
    let cells = &grid[r];
    let mut cuts = Vec::new();
    for (i, (col, c)) in cells.iter().enumerate() {
        let at_edge = RIGHT_EDGES.contains(c) && !is_left_border(grid, r, *col);
        let last = i + 1 == cells.len();
        if !(at_edge || last) {
            continue;
        }
        // The run of text before this edge (or up to and including the last column).
        let run_end = if at_edge { i } else { i + 1 };
        let run_start =
            cells[..run_end].iter().rposition(|(_, c)| *c == ' ' || RIGHT_EDGES.contains(c) || is_left_edge(*c));
        let word: String = cells[run_start.map_or(0, |s| s + 1)..run_end].iter().map(|(_, c)| c).collect();
        let Some(end) = word.chars().last() else { continue };
        let cut_looking = end.is_alphanumeric() || end == '#';
        let plain_number = word.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '%');
        if cut_looking && !plain_number {
            cuts.push(word);
        }
    }
    cuts
}

/// Each row as (column, character), columns counted as the terminal does.
fn grid(rows: &[String]) -> Vec<Vec<(usize, char)>> {
    rows.iter()
        .map(|row| {
            let mut col = 0;
            row.chars()
                .map(|c| {
                    let at = col;
                    col += fieldnotes::text::width::width(c.encode_utf8(&mut [0; 4]));
                    (at, c)
                })
                .collect()
        })
        .collect()
}

/// A `│` that is the left side of a box (a popup over other text): the
/// first cell above it that is not `│` is a left corner. Text hidden under a
/// popup is not a cut.
fn is_left_border(grid: &[Vec<(usize, char)>], r: usize, col: usize) -> bool {
    for row in grid[..r].iter().rev() {
        match row.iter().find(|(c, _)| *c == col).map(|(_, ch)| *ch) {
            Some('│') => continue,
            Some(ch) => return matches!(ch, '╭' | '┌' | '├'),
            None => return false,
        }
    }
    false
}

fn is_left_edge(c: char) -> bool {
    matches!(c, '╭' | '╰' | '┌' | '└' | '├' | '─')
}

fn snapshots_80x24(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "target" && n != ".git") {
                snapshots_80x24(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "snap") && path.to_string_lossy().contains("80x24") {
            out.push(path);
        }
    }
}

#[test]
fn no_80x24_snapshot_shows_a_word_cut_without_an_ellipsis() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    snapshots_80x24(&root.join("tests"), &mut files);
    snapshots_80x24(&root.join("src"), &mut files);
    files.sort();
    assert!(files.len() > 20, "the scan found only {} snapshots", files.len());
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let rows = rows(&text);
        let grid = grid(&rows);
        for (n, row) in rows.iter().enumerate() {
            for word in silent_cuts(&grid, n) {
                let name = file.file_name().unwrap().to_string_lossy();
                found.push(format!("{name} row {n}: {word:?} in {row:?}"));
            }
        }
    }
    assert!(found.is_empty(), "text cut with no `…`:\n{}", found.join("\n"));
}

fn cuts_in(row: &str) -> Vec<String> {
    silent_cuts(&grid(&[row.to_string()]), 0)
}

#[test]
fn the_rule_catches_the_cuts_seen_and_passes_marked_ones() {
    assert_eq!(cuts_in("│  40m  23    7        #reporting #workaro│"), ["#workaro"]);
    assert_eq!(cuts_in("│#reporting #tools #│"), ["#"]);
    assert_eq!(cuts_in("│1 Warm-up 00:00/1│"), ["00:00/1"]);
    assert_eq!(cuts_in(" Press F1 for your terminal d"), ["d"]);
    assert!(cuts_in("│#reporting #tools …│").is_empty());
    assert!(cuts_in("│  reporting                  2││  next │").is_empty());
    assert!(cuts_in("│Tell me a little about …││ (ends 14:45) ").is_empty());
    assert!(cuts_in("╭ Notes (6) ───────╮").is_empty());
    // A popup's left side over the guide hides text; that is not a cut.
    let popup = ["│1 Warm-up╭ Closing ╮".to_string(), "│2 Goals a│ text   │".to_string()];
    assert!(silent_cuts(&grid(&popup), 1).is_empty());
}
