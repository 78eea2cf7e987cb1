//! The `fieldnotes` binary: parse the arguments, resolve the data and config
//! folders and the config file, then run a command (`cli/`) or the terminal
//! app (`tui/`). The module map, with the layers and the path of a keystroke
//! to the file on disk, is at the top of `lib.rs`.

use clap::Parser;
use fieldnotes::cli::args::{Cli, Command};
use fieldnotes::cli::commands;
use fieldnotes::domain::{self, session::Participant};
use fieldnotes::store::library::Library;
use fieldnotes::store::{self, guides, paths};
use fieldnotes::tui::app::{self, App, GuideChoice};
use fieldnotes::tui::{action, config, run, theme};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match real_main(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            fieldnotes::warn!("fieldnotes: {e}");
            ExitCode::FAILURE
        }
    }
}

fn real_main(cli: Cli) -> Result<(), String> {
    let mut paths = paths::Paths::resolve(cli.data_dir.clone(), cli.config_dir.clone())?;
    // These must work with a broken config.yaml: they are how it gets repaired
    // (and completions and the man page do not need it).
    match cli.command {
        Some(Command::Config(cmd)) => return fieldnotes::cli::settings::config(&paths, cmd),
        Some(Command::Completions(args)) => return fieldnotes::cli::settings::completions(args),
        Some(Command::Man) => return fieldnotes::cli::settings::man(),
        _ => {}
    }
    // A broken config stops here, before the terminal changes, naming the
    // line (or the screen, action and key); --no-config is the way around it.
    let config_file = paths.config_file();
    let broken =
        |e: String| format!("{e}\nFix config.yaml (`fieldnotes config show` checks it) or start with --no-config.");
    let config = if cli.no_config {
        config::Config::default()
    } else {
        config::load(&config_file).map_err(|e| broken(e.to_string()))?
    };
    let keymap = config.keymap().map_err(|e| broken(config::in_file(&config_file, &e)))?;
    let mouse = config.mouse();
    // `data_dir:` in the config, unless the flag or the environment said otherwise.
    if cli.data_dir.is_none()
        && std::env::var_os("FIELDNOTES_DATA_DIR").is_none_or(|v| v.is_empty())
        && let Some(dir) = &config.data_dir
    {
        paths.data_dir = dir.clone();
    }
    let editor = config.editor_command();
    match cli.command {
        Some(Command::List { json, filter }) => return commands::list(&paths, json, &filter.filter()?),
        Some(Command::Show { id, format }) => return commands::show(&paths, &id, format),
        Some(Command::Guides) => return commands::guides(&paths),
        Some(Command::Recover) => return commands::recover(&paths),
        Some(Command::Tags { action }) => return commands::tags(&paths, action),
        Some(Command::Synth(args)) => return fieldnotes::cli::synth::synth(&paths, args),
        Some(Command::Transcript { action }) => return fieldnotes::cli::transcript::run(&paths, action),
        Some(Command::Quotes { action }) => return fieldnotes::cli::transcript::quotes(&paths, action),
        Some(Command::Search(args)) => return fieldnotes::cli::synth::search(&paths, args),
        Some(Command::Themes(args)) => return fieldnotes::cli::settings::themes(&paths, args),
        Some(Command::Followups { open }) => return commands::followups(&paths, open),
        Some(Command::Sync { message, no_push }) => return fieldnotes::team::sync::sync(&paths, message, no_push),
        Some(Command::InitTeam { url }) => return fieldnotes::team::sync::init_team(&paths, &url),
        Some(Command::Agree(args)) => return fieldnotes::cli::agree::agree(args),
        Some(Command::Export(args)) => return fieldnotes::cli::exchange::export_project(&paths, args),
        Some(Command::Codebook { action, format }) => return commands::codebook(&paths, action, format),
        Some(Command::Study(args)) => return fieldnotes::cli::study::study(&paths, args),
        Some(Command::People(args)) => return fieldnotes::cli::study::people(&paths, args),
        Some(Command::Personas(args)) => return fieldnotes::cli::study::personas(&paths, args),
        Some(Command::Guide(cmd)) => {
            // Lint exits non-zero when a guide has errors, so a team's CI can use it.
            let code = fieldnotes::cli::guide::run(&paths, cmd)?;
            if code != 0 {
                std::process::exit(code);
            }
            return Ok(());
        }
        _ => {}
    }
    let theme_name = cli.theme.or(config.theme).unwrap_or_else(|| theme::DEFAULT_THEME.to_string());
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = theme::load(&theme_name, &paths.themes_dir(), no_color).map_err(|e| e.to_string())?;
    let default_guide = config.default_guide.unwrap_or_else(|| guides::DEFAULT_GUIDE.to_string());
    let reminder = config.closing_reminder_minutes.unwrap_or(5);
    let require_consent = config.require_consent;
    let codebook_strict = config.codebook == Some(fieldnotes::tui::config::CodebookMode::Strict);

    // The plain TUI and `new` draw at once and fill the library from a
    // background scan (the live screen needs only the guide and the new
    // session; the palette gets the library's tags when they come);
    // commands that need a session by id scan first.
    let scan_later = matches!(cli.command, None | Some(Command::New { .. }));
    let library = if scan_later { Library::default() } else { Library::load(&paths.sessions_dir()) };
    let mut choices: Vec<GuideChoice> = guides::list(&paths.guides_dir())
        .into_iter()
        .map(|e| GuideChoice { name: e.name, guide: e.guide.map_err(|e| e.to_string()) })
        .collect();
    let now = run::now();
    let mut first = Vec::new();
    let start = |choices: &mut Vec<GuideChoice>| -> Result<App, String> {
        let mut app = App::new(library.clone(), std::mem::take(choices), paths.sessions_dir(), &default_guide, now);
        app.closing_reminder_minutes = reminder;
        app.require_consent = require_consent;
        app.codebook_strict = codebook_strict;
        app.keymap = keymap.clone();
        // Read once here, never on a keystroke; a broken codebook is said and left out.
        match store::codebook::load(&paths.codebook_file()) {
            Ok(book) => app.codebook = book.map(std::sync::Arc::new),
            Err(e) => {
                app.message = Some(format!("{e} (the codebook is not used)"));
                app.codebook_problem = Some(e.to_string());
            }
        }
        // Per-process random keys from std: entropy for session ids without a crate.
        app.nonce = {
            use std::hash::{BuildHasher, Hasher};
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()),
            );
            h.finish()
        };
        Ok(app)
    };
    let app = match cli.command {
        None => {
            let mut app = start(&mut choices)?;
            app.library_loading = true;
            app
        }
        Some(Command::New { guide, participant, company, role, segment, person }) => {
            // Someone on the roster: their details fill the participant, and the session links to them.
            let from_roster = person.map(|p| fieldnotes::cli::study::person_for_new(&paths, &p)).transpose()?;
            let spec = guide.unwrap_or_else(|| default_guide.clone());
            // A broken guide stops here, before the terminal changes, with file:line:col.
            let guide = guides::resolve(&spec, &paths.guides_dir()).map_err(|e| e.to_string())?;
            if !choices.iter().any(|c| c.name == guide.name) {
                choices.insert(0, GuideChoice { name: guide.name.clone(), guide: Ok(guide.clone()) });
            }
            let mut app = start(&mut choices)?;
            app.library_loading = true;
            app.default_guide = guide.name.clone();
            match (from_roster, participant.map(|p| p.trim().to_string()).filter(|p| !p.is_empty())) {
                (Some((id, p)), _) => {
                    let mut begin = app.start_session(guide, p);
                    fieldnotes::cli::study::link_new_session(&mut app, &mut begin, &id);
                    first.push(begin);
                }
                (None, Some(name)) => {
                    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
                    let p = Participant {
                        name,
                        company: clean(company),
                        role: clean(role),
                        segment: clean(segment),
                        extra: Default::default(),
                    };
                    first.push(app.start_session(guide, p));
                }
                (None, None) => {
                    app.update(action::Action::NewInterview, now);
                }
            }
            app
        }
        Some(Command::Resume { id }) => {
            let summary = library.find(&id)?.clone();
            // Refuse before touching anything: another instance owns this session.
            store::lock::acquire(&store::writer::lock_path(&summary.path))
                .map_err(|e| format!("{}: {e}", summary.id))?;
            // The call dropped because fieldnotes did? Bring the journal back
            // first, and say so on the live screen (stderr is behind it).
            let recovered = store::recovery::bring_back(&summary.path)
                .map_err(|e| format!("{}: not resumed: {e}", summary.id))?
                .map(|(p, written)| store::recovery::resume_notice(&p, &written));
            let session = store::library::load_session(&summary.path).map_err(|e| e.to_string())?;
            let guide = match guides::resolve(&session.guide, &paths.guides_dir()) {
                Ok(g) => g,
                Err(e) => {
                    fieldnotes::warn!("warning: {e}; resuming without the guide's questions");
                    domain::guide::Guide::placeholder(&session.guide)
                }
            };
            let mut app = start(&mut choices)?;
            first.push(app.open_capture(session, guide, summary.path.clone()));
            if let app::Screen::Capture(c) = &mut app.screen {
                c.message = recovered;
            }
            app
        }
        Some(Command::Review { id, untagged }) => {
            let mut app = start(&mut choices)?;
            match id {
                Some(id) => {
                    let summary = library.find(&id)?.clone();
                    store::lock::acquire(&store::writer::lock_path(&summary.path))
                        .map_err(|e| format!("{}: {e}", summary.id))?;
                    let effect = if untagged {
                        app::Effect::TagSession { path: summary.path.clone(), rest: vec![] }
                    } else {
                        app::Effect::Review(summary.path.clone())
                    };
                    first.push(effect);
                }
                None if untagged => first.extend(app.update(action::Action::TagUntagged, now)),
                None => {}
            }
            app
        }
        Some(
            Command::List { .. }
            | Command::Show { .. }
            | Command::Guides
            | Command::Recover
            | Command::Guide(_)
            | Command::Tags { .. }
            | Command::Followups { .. }
            | Command::Synth(_)
            | Command::Transcript { .. }
            | Command::Quotes { .. }
            | Command::Search(_)
            | Command::Themes(_)
            | Command::Config(_)
            | Command::Completions(_)
            | Command::Man
            | Command::Sync { .. }
            | Command::InitTeam { .. }
            | Command::Agree(_)
            | Command::Export(_)
            | Command::Codebook { .. }
            | Command::Study(_)
            | Command::People(_)
            | Command::Personas(_),
        ) => {
            unreachable!("handled above")
        }
    };
    let mut app = app;
    if app.capture().is_none() {
        let (refused, found) = store::recovery::scan_at_start(&paths.sessions_dir());
        if !refused.is_empty() {
            app.message = Some(format!(
                "A rescue is waiting: run `fieldnotes recover` once there is room (nothing is lost). {}",
                refused.join("; ")
            ));
        }
        let pending: Vec<_> = found
            .into_iter()
            .filter_map(|f| match f {
                store::recovery::Found::Pending(p) => Some(*p),
                _ => None,
            })
            .collect();
        app.offer_recovery(pending);
    }
    let outcome = run::run(app, first, &theme, &paths, editor, mouse)?;
    if let Some(path) = outcome.last_session {
        let n = outcome.notes;
        // The window may be gone (hang-up): the session is saved, so a
        // failed goodbye changes nothing and must not turn into an error.
        fieldnotes::text::out::say_if_possible(format_args!(
            "Saved ({n} note{}): {}",
            if n == 1 { "" } else { "s" },
            path.display()
        ));
    }
    Ok(())
}
