//! What fieldnotes prints, as a terminal or a pipeline sees it: nothing from
//! a file, a name or a teammate acts on the terminal; machine formats stay
//! exact when piped; a reader that stops early (`| head`) ends the program
//! quietly; and every print goes through `src/text/out.rs`.

mod common;

use common::{
    BIN, Pty, TIMEOUT, cli as fieldnotes, config_dir, data_dir, finished_session, note, sessions_dir, stderr, stdout,
};
use fieldnotes::domain::note::Kind;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Escapes a hostile name or file may carry: OSC 52 (writes the clipboard),
/// CSI (clears the screen), a C1 CSI, a bidi override, NUL-free.
const HOSTILE: &str = "x\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{9b}1m\u{202e}\u{85}\r";

/// Whether `text` holds anything that acts on a terminal (beyond line breaks).
fn raw_escapes(text: &str) -> bool {
    text.chars().any(|c| fieldnotes::text::out::is_unsafe_char(c) && !matches!(c, '\n' | '\t'))
}

/// `s` for a double-quoted YAML scalar, every non-ASCII character as `\uXXXX`.
fn yaml_escaped(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_graphic() || c == ' ' { c.to_string() } else { format!("\\u{:04x}", c as u32) })
        .collect()
}

fn write_session(root: &Path, id: &str, who: &str, tags: &[&str]) -> PathBuf {
    let notes = vec![
        note(192, Kind::Quote, None, "We export to Excel every Friday", tags),
        note(300, Kind::Followup, None, "send the pricing deck", &[]),
    ];
    let session = finished_session(id, who, "2026-11-22T14:30:05+01:00", notes);
    let path = sessions_dir(root).join(format!("{id}.yaml"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, fieldnotes::store::yaml::to_string(&session).unwrap()).unwrap();
    path
}

// ---------------------------------------------------------------------------
// Every print goes through out.rs
// ---------------------------------------------------------------------------

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// `println!` and friends panic on a closed pipe and print whatever they are
/// given; `say!`/`warn!`/`out::data` do neither. Writing to stdout directly is
/// left to the terminal's own code (the screen, and the clipboard sequence,
/// which is base64 and ours).
#[test]
fn nothing_prints_outside_the_out_module() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let allowed_stdout = ["terminal.rs", "run.rs", "out.rs"];
    let mut offenders = Vec::new();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if name == "out.rs" {
            continue;
        }
        for (i, line) in std::fs::read_to_string(&file).unwrap().lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let prints = ["println!(", "print!(", "eprintln!(", "eprint!("].iter().any(|m| {
                code.split(m)
                    .next()
                    .is_some_and(|before| before.len() < code.len() && !before.ends_with(['e', 'n', '_']))
            });
            let writes =
                code.contains("stdout()") && !code.contains("is_terminal") && !allowed_stdout.contains(&name.as_str());
            let writes = writes || code.contains("stderr()");
            if prints || writes {
                offenders.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(offenders.is_empty(), "print through src/text/out.rs (say!, warn!, out::data):\n{}", offenders.join("\n"));
}

// ---------------------------------------------------------------------------
// A closed pipe
// ---------------------------------------------------------------------------

/// A library whose `list`, `list --json`, `tags` and `followups` each print
/// well over a pipe's 64 KiB buffer.
fn big_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..1200 {
        let (a, b) = (format!("theme-{i:04}"), format!("other-{i:04}"));
        write_session(dir.path(), &format!("20261122-1430-person-{i:04}"), &format!("Person {i}"), &[&a, &b]);
    }
    dir
}

/// Runs fieldnotes with stdout a pipe that is closed after the first line,
/// as `| head -1` does, and returns its exit status and stderr.
fn closed_early(root: &Path, args: &[&str]) -> (std::process::ExitStatus, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .env("FIELDNOTES_DATA_DIR", data_dir(root))
        .env("FIELDNOTES_CONFIG_DIR", config_dir(root))
        .env("FIELDNOTES_CACHE_DIR", root.join("cache"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).expect("some output first");
    drop(stdout);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let out = rx.recv_timeout(TIMEOUT * 3).expect("fieldnotes ends once its reader is gone").unwrap();
    (out.status, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_reader_that_stops_early_ends_every_command_quietly_like_ls() {
    let dir = big_library();
    for args in [&["list"][..], &["list", "--json"], &["tags"], &["followups"], &["search", "Excel", "-n", "2000"]] {
        let (status, err) = closed_early(dir.path(), args);
        // 141 = 128 + SIGPIPE: what a shell shows for `ls | head` or `git log | head`.
        assert_eq!(status.code(), Some(141), "{args:?}: {status:?}, stderr: {err}");
        assert!(err.is_empty(), "{args:?} said something on the way out: {err}");
    }
}

// ---------------------------------------------------------------------------
// Hostile names and files
// ---------------------------------------------------------------------------

#[test]
fn list_names_each_unreadable_file_inertly_and_exits_non_zero_like_ls() {
    let dir = tempfile::tempdir().unwrap();
    write_session(dir.path(), "20261122-1430-ana-lopez", "Ana López", &["reporting"]);
    let broken = sessions_dir(dir.path()).join(format!("20261123-0900-{HOSTILE}.yaml"));
    std::fs::write(&broken, "schema: 1\nid: [not closed\n").unwrap();
    let out = fieldnotes(dir.path(), &["list"]);
    assert!(!out.status.success(), "an unreadable file is an error: {}", stderr(&out));
    assert!(stdout(&out).contains("Ana López"), "the readable ones are listed: {}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("20261123-0900-x␛]52;c;ZXZpbA==␇␛[2J"), "the file is named, inert: {err:?}");
    assert!(!raw_escapes(&err) && !raw_escapes(&stdout(&out)), "{err:?}");

    let json = fieldnotes(dir.path(), &["list", "--json"]);
    assert!(!json.status.success(), "--json too: {}", stderr(&json));
    assert!(stdout(&json).contains("Ana López"));
}

#[test]
fn show_and_resume_errors_name_hostile_files_inertly() {
    let dir = tempfile::tempdir().unwrap();
    let path = sessions_dir(dir.path()).join(format!("20261123-0900-{HOSTILE}.yaml"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "schema: 1\nid: [not closed\n").unwrap();
    for args in [["show", "20261123-0900"], ["resume", "20261123-0900"]] {
        let out = fieldnotes(dir.path(), &args);
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("x␛]52"), "{args:?} names the file: {err:?}");
        assert!(!raw_escapes(&err), "{args:?}: {err:?}");
    }
}

#[test]
fn recover_names_a_hostile_journal_inertly() {
    let dir = tempfile::tempdir().unwrap();
    let state = sessions_dir(dir.path()).join(".fieldnotes");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(state.join(format!("20261123-0900-{HOSTILE}.journal")), b"not a journal").unwrap();
    let out = fieldnotes(dir.path(), &["recover"]);
    let text = stdout(&out) + &stderr(&out);
    assert!(text.contains("x␛]52"), "the journal is named: {text:?}");
    assert!(!raw_escapes(&text), "{text:?}");
}

#[test]
fn a_hostile_theme_description_is_shown_inert() {
    let dir = tempfile::tempdir().unwrap();
    let themes = config_dir(dir.path()).join("themes");
    std::fs::create_dir_all(&themes).unwrap();
    let theme = format!("name: evil\ndescription: \"{}\"\nroles:\n  text: white\n", yaml_escaped(HOSTILE));
    std::fs::write(themes.join("evil.yaml"), theme).unwrap();
    let list = fieldnotes(dir.path(), &["themes"]);
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(stdout(&list).contains("x␛]52"), "{}", stdout(&list));
    assert!(!raw_escapes(&stdout(&list)), "{:?}", stdout(&list));
    // A preview carries the theme's own colours (SGR) but nothing of the file raw.
    let preview = stdout(&fieldnotes(dir.path(), &["themes", "evil"]));
    assert!(preview.contains("x␛]52") && !preview.contains("\u{1b}]52") && !preview.contains('\u{9b}'), "{preview:?}");
}

fn hostile_guide(root: &Path) {
    let guides = config_dir(root).join("guides");
    std::fs::create_dir_all(&guides).unwrap();
    let guide = format!(
        "title: Evil guide\nkind: discovery\nsections:\n  - title: Warm-up\n    questions:\n      - id: \"1.1\"\n        text: \"Tell me {}\"\n",
        yaml_escaped(HOSTILE)
    );
    std::fs::write(guides.join("evil.yaml"), guide).unwrap();
}

/// `guide export` writes files through a redirection: piped, it must be the
/// guide's exact text; on a terminal, where it is only read, it is inert.
#[test]
fn guide_export_is_exact_when_piped_and_inert_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    hostile_guide(dir.path());
    let piped = fieldnotes(dir.path(), &["guide", "export", "evil"]);
    assert!(piped.status.success(), "{}", stderr(&piped));
    assert!(stdout(&piped).contains("\u{1b}]52;c;ZXZpbA=="), "exact when piped: {:?}", stdout(&piped));

    let mut pty = Pty::spawn(dir.path(), &["guide", "export", "evil"]);
    let status = pty.wait_exit(TIMEOUT);
    assert!(status.success(), "{}", pty.screen());
    let shown = String::from_utf8_lossy(&pty.raw).into_owned();
    assert!(shown.contains("x␛]52"), "{shown:?}");
    assert!(!shown.contains("\u{1b}]52") && !shown.contains('\u{9b}') && !shown.contains('\u{202e}'), "{shown:?}");
}

// ---------------------------------------------------------------------------
// Popups are blanked through ui/layers.rs
// ---------------------------------------------------------------------------

/// A popup blanked with ratatui's `Clear` directly would be drawn over
/// panes the frame loop (`tui/screen.rs`) leaves out of the frame: it would
/// not show. `ui::layers::overlay` puts those panes back first.
#[test]
fn popups_are_blanked_through_overlay_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 50, "the sources were found");
    let offenders: Vec<String> = files
        .iter()
        .filter(|p| !p.ends_with("ui/layers.rs"))
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            ["widgets::Clear", " Clear,", "{Clear", "(Clear,"].iter().any(|m| text.contains(m))
        })
        .map(|p| p.strip_prefix(&src).unwrap_or(p).display().to_string())
        .collect();
    assert!(offenders.is_empty(), "use ui::layers::overlay instead of Clear in {offenders:?}");
}
