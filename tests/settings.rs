//! `themes`, `config`, `completions` and `man`, run as a user runs them, and the
//! theme and config API they stand on.

use fieldnotes::tui::theme::{self, ColorSupport};
use ratatui::style::{Color, Modifier, Style};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BUILTINS: [&str; 6] = ["dark", "light", "high-contrast", "solarized-dark", "solarized-light", "okabe-ito"];

struct Dirs {
    _root: tempfile::TempDir,
    data: PathBuf,
    cfg: PathBuf,
}

fn dirs() -> Dirs {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let cfg = root.path().join("cfg");
    std::fs::create_dir_all(&data).unwrap();
    Dirs { data, cfg, _root: root }
}

/// Runs the binary with a clean colour environment plus `env`.
fn run(d: &Dirs, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fieldnotes"));
    cmd.args(args)
        .env("FIELDNOTES_DATA_DIR", &d.data)
        .env("FIELDNOTES_CONFIG_DIR", &d.cfg)
        .env("FIELDNOTES_CACHE_DIR", d.data.join("cache"));
    for var in ["NO_COLOR", "COLORTERM", "FIELDNOTES_COLORS", "TERM", "VISUAL", "EDITOR"] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run fieldnotes")
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn err(o: &Output) -> String {
    assert!(!o.status.success(), "should fail; printed {}", String::from_utf8_lossy(&o.stdout));
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const TRUECOLOR: &[(&str, &str)] = &[("TERM", "xterm-256color"), ("COLORTERM", "truecolor")];

// ---------------------------------------------------------------------------
// themes
// ---------------------------------------------------------------------------

#[test]
fn every_builtin_theme_loads_and_defines_every_role() {
    let empty = tempfile::tempdir().unwrap();
    let names: Vec<&str> = theme::BUILTIN.iter().map(|(n, _)| *n).collect();
    for name in BUILTINS {
        assert!(names.contains(&name), "{name} is built in");
    }
    for (name, text) in theme::BUILTIN {
        for role in theme::ROLES {
            assert!(text.contains(&format!("\n  {role}: ")), "{name} should set {role}");
        }
        for colors in [ColorSupport::Full, ColorSupport::Ansi16, ColorSupport::None] {
            theme::load_for(name, empty.path(), colors).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        // Every role but plain text has some colour or modifier: nothing is left at the default.
        let t = theme::load_for(name, empty.path(), ColorSupport::Full).unwrap();
        for (role, style) in theme::ROLES.iter().zip(t.styles()) {
            if !matches!(*role, "text" | "note" | "input") {
                assert_ne!(style, Style::new(), "{name}.{role} is unstyled");
            }
        }
    }
    assert!(theme::list(empty.path()).iter().all(|i| i.problem.is_none()));
}

#[test]
fn the_16_colour_fallback_maps_hex_sensibly() {
    let hex = |r, g, b| theme::to_16(Color::Rgb(r, g, b));
    assert_eq!(hex(0xdc, 0x32, 0x2f), Color::Red); // Solarized red
    assert_eq!(hex(0x85, 0x99, 0x00), Color::Green); // Solarized green (olive)
    assert_eq!(hex(0xb5, 0x89, 0x00), Color::Yellow); // Solarized yellow, not grey
    assert_eq!(hex(0x26, 0x8b, 0xd2), Color::Blue); // Solarized blue
    assert_eq!(hex(0x2a, 0xa1, 0x98), Color::Cyan);
    assert_eq!(hex(0x00, 0x2b, 0x36), Color::Black); // Solarized base03
    assert_eq!(hex(0xfd, 0xf6, 0xe3), Color::White); // Solarized base3
    assert_eq!(hex(0x58, 0x6e, 0x75), Color::DarkGray);
    assert_eq!(hex(0x5f, 0x9f, 0xff), Color::LightBlue); // the dark theme's insight
    assert_eq!(hex(0xd5, 0x5e, 0x00), Color::Red); // Okabe–Ito vermillion
    assert_eq!(hex(0xe6, 0x9f, 0x00), Color::Yellow); // Okabe–Ito orange
    assert_eq!(hex(0xff, 0xff, 0xff), Color::White);
    assert_eq!(hex(0, 0, 0), Color::Black);
    assert_eq!(theme::to_16(Color::Magenta), Color::Magenta);

    // Applied by loading: a 16-colour okabe-ito has no hex left, and keeps its modifiers.
    let empty = tempfile::tempdir().unwrap();
    let t = theme::load_for("okabe-ito", empty.path(), ColorSupport::Ansi16).unwrap();
    assert_eq!(t.pain, Style::new().fg(Color::Red).add_modifier(Modifier::BOLD));
    assert_eq!(t.selection, Style::new().fg(Color::White).bg(Color::Blue));
}

#[test]
fn a_user_theme_with_a_parent_overrides_a_few_roles() {
    let d = dirs();
    let themes = d.cfg.join("themes");
    std::fs::create_dir_all(&themes).unwrap();
    std::fs::write(
        themes.join("mine.yaml"),
        "# Mine: okabe-ito with a louder pain.\ndescription: okabe-ito, louder\nparent: okabe-ito\nroles:\n  pain: \"black on #ff0000 bold\"\n  tag: \"light-cyan\"\n",
    )
    .unwrap();
    let mine = theme::load_for("mine", &themes, ColorSupport::Full).unwrap();
    let base = theme::load_for("okabe-ito", &themes, ColorSupport::Full).unwrap();
    assert_eq!(mine.pain, theme::parse_style("black on #ff0000 bold").unwrap());
    assert_eq!(mine.tag, Style::new().fg(Color::LightCyan));
    assert_eq!((mine.quote, mine.selection, mine.heading), (base.quote, base.selection, base.heading));
    let sixteen = theme::load_for("mine", &themes, ColorSupport::Ansi16).unwrap();
    assert_eq!(sixteen.pain.bg, Some(Color::Red));

    // Listed as the user's, and previewed with its override.
    let list = ok(&run(&d, &["themes"], &[]));
    let line = list.lines().find(|l| l.contains("mine")).unwrap();
    assert!(line.contains("user") && line.contains("based on okabe-ito"), "{list}");
    let preview = ok(&run(&d, &["themes", "mine"], TRUECOLOR));
    assert!(preview.contains("48;2;255;0;0"), "the overridden pain: {preview:?}");
    assert!(preview.contains("38;2;0;158;115"), "the inherited quote: {preview:?}");
}

#[test]
fn themes_lists_every_theme_and_marks_the_one_in_use() {
    let d = dirs();
    let out = ok(&run(&d, &["themes"], &[]));
    for name in BUILTINS {
        assert!(out.lines().any(|l| l[2..].starts_with(name)), "{name} listed:\n{out}");
    }
    assert!(out.lines().any(|l| l.starts_with("* dark ")), "the default is marked:\n{out}");
    assert!(!out.contains('\x1b'), "the list is plain text");

    std::fs::create_dir_all(&d.cfg).unwrap();
    std::fs::write(d.cfg.join("config.yaml"), "theme: okabe-ito\n").unwrap();
    let out = ok(&run(&d, &["themes"], &[]));
    assert!(out.lines().any(|l| l.starts_with("* okabe-ito ")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("  dark ")), "{out}");

    // A broken user theme is listed with its problem, not hidden.
    std::fs::create_dir_all(d.cfg.join("themes")).unwrap();
    std::fs::write(d.cfg.join("themes/oops.yaml"), "roles:\n  pian: red\n").unwrap();
    let out = ok(&run(&d, &["themes"], &[]));
    assert!(out.contains("oops") && out.contains("unknown role `pian`"), "{out}");
}

#[test]
fn a_preview_shows_every_role_in_the_theme_colours() {
    let d = dirs();
    let out = ok(&run(&d, &["themes", "solarized-dark"], TRUECOLOR));
    for role in theme::ROLES {
        assert!(out.contains(&format!("  {role} ")), "{role} in the preview:\n{out}");
    }
    for sample in ["We export to Excel", "#reporting", "saved", "Discovery interview"] {
        assert!(out.contains(sample), "{sample}");
    }
    assert!(out.contains("38;2;220;50;47"), "Solarized red, in truecolour: {out:?}");
    assert!(out.contains("\x1b[1m"), "bold");
    // `--preview NAME` is the same thing.
    assert_eq!(ok(&run(&d, &["themes", "--preview", "solarized-dark"], TRUECOLOR)), out);
}

#[test]
fn a_16_colour_terminal_gets_named_colours_only() {
    let d = dirs();
    for env in [&[("TERM", "xterm")][..], &[("TERM", "xterm-256color"), ("FIELDNOTES_COLORS", "16")]] {
        let out = ok(&run(&d, &["themes", "okabe-ito"], env));
        assert!(out.contains("16 colours"), "{out}");
        assert!(!out.contains("38;2;") && !out.contains("48;2;"), "no truecolour: {out:?}");
        assert!(out.contains("\x1b[38;5;1m"), "vermillion became red: {out:?}");
    }
}

#[test]
fn no_color_previews_modifiers_only() {
    let d = dirs();
    let mut env = TRUECOLOR.to_vec();
    env.push(("NO_COLOR", "1"));
    let out = ok(&run(&d, &["themes", "okabe-ito"], &env));
    assert!(!out.contains("[38;") && !out.contains("[48;"), "no colours: {out:?}");
    assert!(out.contains("\x1b[1m") && out.contains("\x1b[7m"), "bold and reverse remain: {out:?}");
    assert!(out.contains("NO_COLOR"), "says why");
}

#[test]
fn an_unknown_theme_is_an_error_naming_the_known_ones() {
    let d = dirs();
    let e = err(&run(&d, &["themes", "solarised"], &[]));
    assert!(e.contains("no theme named \"solarised\"") && e.contains("solarized-dark"), "{e}");
}

// ---------------------------------------------------------------------------
// config
// ---------------------------------------------------------------------------

#[test]
fn config_path_prints_the_file() {
    let d = dirs();
    let out = ok(&run(&d, &["config", "path"], &[]));
    assert_eq!(out.trim_end(), d.cfg.join("config.yaml").display().to_string());
}

#[test]
fn config_show_fills_in_every_default() {
    let d = dirs();
    let out = ok(&run(&d, &["config", "show"], &[]));
    let shown = fieldnotes::tui::config::from_str(&out, Path::new("shown")).unwrap_or_else(|e| panic!("{e}\n{out}"));
    assert_eq!(shown.theme.as_deref(), Some("dark"));
    assert_eq!(shown.default_guide.as_deref(), Some("discovery"));
    assert_eq!(shown.closing_reminder_minutes, Some(5));
    assert!(!shown.require_consent);
    assert_eq!(shown.data_dir.as_deref(), Some(d.data.as_path()));
    assert_eq!(shown.editor.as_deref(), Some("vi"));
    // Every screen's keys, in the syntax a remap uses.
    let typing = fieldnotes::tui::keymap::Scope::parse("typing").unwrap();
    let next = fieldnotes::tui::keymap::ActionName::parse("next-question").unwrap();
    assert_eq!(shown.keymap[&typing][&next].0, vec![fieldnotes::tui::keymap::Key::parse("ctrl-n").unwrap()]);
    assert_eq!(shown.keymap_preset, Some(fieldnotes::tui::keymap::Preset::Default));
    assert_eq!(shown.mouse, Some(true));
    for key in [
        "theme:",
        "default_guide:",
        "closing_reminder_minutes:",
        "require_consent:",
        "editor:",
        "mouse:",
        "keymap_preset:",
        "keymap:",
    ] {
        assert!(out.lines().any(|l| l.starts_with(key)), "{key}\n{out}");
    }
}

#[test]
fn config_show_reflects_the_file_and_the_environment() {
    let d = dirs();
    std::fs::create_dir_all(&d.cfg).unwrap();
    std::fs::write(
        d.cfg.join("config.yaml"),
        "theme: light\nrequire_consent: true\nkeymap_preset: vim\nkeymap:\n  live:\n    next-question: alt-j\n",
    )
    .unwrap();
    let out = ok(&run(&d, &["config", "show"], &[("EDITOR", "nano")]));
    let shown = fieldnotes::tui::config::from_str(&out, Path::new("shown")).unwrap();
    assert_eq!(shown.theme.as_deref(), Some("light"));
    assert!(shown.require_consent);
    assert_eq!(shown.editor.as_deref(), Some("nano"));
    let key = |mode: &str, action: &str| {
        let mode = fieldnotes::tui::keymap::Scope::parse(mode).unwrap();
        let action = fieldnotes::tui::keymap::ActionName::parse(action).unwrap();
        shown.keymap[&mode][&action].0.iter().map(|k| k.name()).collect::<Vec<_>>()
    };
    assert_eq!(key("typing", "next-question"), ["alt-j"]);
    assert_eq!(key("selected", "next-question"), ["alt-j"]);
    assert_eq!(key("home", "move-first"), ["home", "g"], "the vim preset: {out}");
    assert_eq!(shown.keymap_preset, Some(fieldnotes::tui::keymap::Preset::Vim));

    std::fs::write(d.cfg.join("config.yaml"), "editor: hx\n").unwrap();
    let out = ok(&run(&d, &["config", "show"], &[("EDITOR", "nano"), ("VISUAL", "code --wait")]));
    assert!(out.contains("editor: hx"), "the config wins over $VISUAL/$EDITOR: {out}");
}

#[test]
fn config_init_writes_the_commented_default_once() {
    let d = dirs();
    let file = d.cfg.join("config.yaml");
    let o = run(&d, &["config", "init"], &[]);
    ok(&o);
    assert!(String::from_utf8_lossy(&o.stderr).contains("config.yaml"));
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, fieldnotes::tui::config::DEFAULT_CONFIG);
    assert!(written.starts_with('#'));
    // What it wrote loads, and means the defaults.
    let loaded = fieldnotes::tui::config::load(&file).unwrap();
    assert_eq!(
        loaded.effective(&d.data).unwrap(),
        fieldnotes::tui::config::Config::default().effective(&d.data).unwrap()
    );

    std::fs::write(&file, "theme: light\n").unwrap();
    let e = err(&run(&d, &["config", "init"], &[]));
    assert!(e.contains("already exists") && e.contains("--force"), "{e}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "theme: light\n", "left alone");

    ok(&run(&d, &["config", "init", "--force"], &[]));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), fieldnotes::tui::config::DEFAULT_CONFIG);
}

#[test]
fn a_bad_config_names_the_line_and_the_key() {
    let d = dirs();
    std::fs::create_dir_all(&d.cfg).unwrap();
    let file = d.cfg.join("config.yaml");
    for (text, line, key) in [
        ("theme: dark\nclosing_reminder_minutes: soon\n", 2, "closing_reminder_minutes"),
        ("theme: dark\n\neditr: nano\n", 3, "editr"),
        ("keymap:\n  review: j\n", 2, "review"),
        ("keymap:\n  typing:\n    next-question: alt-jj\n", 3, "alt-jj"),
        ("keymap:\n  typing:\n    next-qestion: alt-j\n", 3, "next-qestion"),
        ("keymap:\n  typin:\n    next-question: alt-j\n", 2, "typin"),
        ("keymap_preset: emacs\n", 1, "keymap_preset"),
    ] {
        std::fs::write(&file, text).unwrap();
        let e = err(&run(&d, &["config", "show"], &[]));
        assert!(e.contains(&format!("config.yaml:{line}")) && e.contains(key), "{text:?} → {e}");
        let e = fieldnotes::tui::config::load(&file).unwrap_err();
        assert_eq!(e.line, Some(line), "{e}");
        assert!(e.to_string().contains(key), "{e}");
    }
}

#[test]
fn keymap_conflicts_stop_the_app_and_no_config_gets_past_them() {
    let d = dirs();
    std::fs::create_dir_all(&d.cfg).unwrap();
    std::fs::write(d.cfg.join("config.yaml"), "keymap:\n  typing:\n    next-question: ctrl-t\n").unwrap();
    for args in [&["config", "show"][..], &["list"][..]] {
        let e = err(&run(&d, args, &[]));
        assert!(
            e.contains("config.yaml: keymap.typing: ctrl-t is both next-question and open-tag-palette"),
            "{args:?}: {e}"
        );
    }
    assert!(err(&run(&d, &["list"], &[])).contains("--no-config"));
    ok(&run(&d, &["--no-config", "list"], &[]));
    // A broken file too.
    std::fs::write(d.cfg.join("config.yaml"), "them: dark\n").unwrap();
    assert!(err(&run(&d, &["list"], &[])).contains("--no-config"));
    ok(&run(&d, &["list", "--no-config"], &[]));
}

// ---------------------------------------------------------------------------
// completions and man page
// ---------------------------------------------------------------------------

#[test]
fn completions_for_every_shell_know_the_subcommands() {
    let d = dirs();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = ok(&run(&d, &["completions", shell], &[]));
        for word in ["resume", "synth", "themes", "completions"] {
            assert!(out.contains(word), "{shell} completions mention {word}");
        }
    }
    err(&run(&d, &["completions", "tcsh"], &[]));
}

#[test]
fn the_man_page_is_roff() {
    let d = dirs();
    let out = ok(&run(&d, &["man"], &[]));
    assert!(out.contains(".TH") && out.contains("fieldnotes"), "{out}");
    assert!(out.contains("resume") && out.contains(".SH"), "{out}");
}

/// The one man page `fieldnotes man` prints describes every command itself:
/// it once pointed to `fieldnotes-new(1)` and others that are never
/// generated, so `man fieldnotes` sent readers to pages that do not exist.
#[test]
fn the_man_page_describes_every_command_and_points_to_no_other_page() {
    let d = dirs();
    let out = ok(&run(&d, &["man"], &[]));
    assert!(!out.contains("fieldnotes\\-new(1)") && !out.contains("(1)\n"), "{out}");
    for heading in [".SS \"fieldnotes new\"", ".SS \"fieldnotes tags rename\"", ".SS \"fieldnotes study\""] {
        assert!(out.contains(heading), "no {heading} in:\n{out}");
    }
    // An option of a nested command, with its help.
    assert!(out.contains("Change the files without asking"), "{out}");
    // No line a roff reader would take for a request by accident.
    for line in out.lines().filter(|l| l.starts_with('.') || l.starts_with('\'')) {
        let request = line[1..].split_whitespace().next().unwrap_or("");
        assert!(
            ["TH", "SH", "SS", "PP", "TP", "IP", "RS", "RE", "B", "I", "br", "sp", "ie", "el", "\\\""]
                .contains(&request)
                || request.is_empty(),
            "odd roff line: {line}"
        );
    }
}
