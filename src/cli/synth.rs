//! `fieldnotes synth` and `fieldnotes search`: load every session (through the
//! derived cache in `store/cache.rs`), run the pure views of `synthesis.rs`, and
//! print them in a format of `analysis::report` (a terminal summary, a Markdown
//! study report, JSON or CSV).
//!
//! Untrusted text (anything from a session file) goes through `inert` in text
//! and Markdown; JSON and CSV stay exact when piped and are made inert only on a
//! terminal, like `show`. Problems go to stderr: unreadable files (file:line:col)
//! are skipped, sessions with a pending journal are used as saved, with a warning.

use crate::analysis::codebook::rollup::ThemeRollup;
use crate::analysis::report::codebook_themes as themes;
use crate::analysis::report::transcript_results;
use crate::analysis::report::view::LeftOut;
use crate::analysis::report::{self, View};
use crate::analysis::synthesis::{self, Options};
use crate::analysis::transcript::marks::LibraryTranscripts;
use crate::analysis::transcript::search as transcript_search;
use crate::cli::args::{SearchArgs, SynthArgs, SynthFormat};
use crate::store::paths::Paths;
use crate::store::{cache, guides};
use crate::text::counts::plural;
use crate::text::out::inert;
use serde_json::{Value, json};
use std::borrow::Cow;
use std::time::Duration;

pub fn synth(paths: &Paths, args: SynthArgs) -> Result<(), String> {
    let started = std::time::Instant::now();
    let (mut loaded, rewrite) = cache::read(&paths.sessions_dir(), cache::cache_dir().as_deref());
    let read_in = started.elapsed();
    // A changed library's cache is encoded and written on another core
    // while this one works out the figures from the same records: at 10,000
    // interviews each takes about half a second.
    let (written, made) = std::thread::scope(|scope| {
        let writer = rewrite.as_ref().map(|r| scope.spawn(|| r.write(&loaded)));
        let made = report_of(paths, &args, &loaded);
        (writer.map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e))), made)
    });
    if let Some(outcome) = written {
        loaded.stats.record_write(outcome);
    }
    tell_about_reading(&loaded, args.verbose, read_in);
    let (out, synthesised, formatted) = made?;
    if args.verbose {
        crate::warn!("synthesised in {} ms, formatted in {} ms", synthesised.as_millis(), formatted.as_millis());
    }
    match args.format {
        SynthFormat::Text => crate::text::out::text(&out),
        // Markdown, JSON and CSV are files as much as screens: exact when piped.
        SynthFormat::Md | SynthFormat::Json | SynthFormat::Csv | SynthFormat::Html => crate::text::out::data(&out),
    }
    Ok(())
}

/// The report `args` asks for, from `loaded`'s records, and how long the
/// synthesis and the formatting took.
fn report_of(paths: &Paths, args: &SynthArgs, loaded: &cache::Loaded) -> Result<(String, Duration, Duration), String> {
    let records = &loaded.records;
    let guides: Vec<crate::domain::guide::Guide> =
        guides::list(&paths.guides_dir()).into_iter().filter_map(|e| e.guide.ok()).collect();
    let opts = Options {
        by: args.by.into(),
        matrix_themes: args.top.clamp(1, 30),
        matrix_ranking: args.matrix.into(),
        ..Options::default()
    };
    let filter = args.filter.filter()?;
    let started = std::time::Instant::now();
    let s = synthesis::synthesize(records, &guides, &filter, &opts);
    let synthesised = started.elapsed();
    let marks = read_transcripts(loaded).marks;
    let mut view = View::new(records, args.anonymize);
    view.marks = Some(&marks);
    if args.verified_quotes {
        view.left_out = Some(LeftOut::from_marks(records, &s.selected, &marks));
    }
    let rollup = codebook_rollup(paths, &s);
    let out = match args.format {
        SynthFormat::Text => view.finish(report::text::summary(&s, &view, &filter, args.top)),
        SynthFormat::Md => {
            let md = report::markdown::study_report(&s, &view, &filter, args.top);
            view.finish(with_section(
                md,
                rollup.as_deref(),
                |r| themes::markdown(r, &s, &view),
                themes::MARKDOWN_BEFORE,
            ))
        }
        SynthFormat::Json => {
            let mut v = report::json::synthesis_json(&s, &view, &filter);
            if let (Value::Object(m), Some(r)) = (&mut v, &rollup) {
                m.insert("codebook_themes".into(), themes::json(r, &s, &view));
            }
            if let Value::Object(m) = &mut v {
                let unreadable: Vec<Value> = loaded
                    .errors
                    .iter()
                    .map(|e| json!({"path": e.path, "line": e.line, "column": e.column, "message": e.message}))
                    .collect();
                m.insert("unreadable".into(), unreadable.into());
                m.insert("pending_journal".into(), json!(loaded.journals));
            }
            view.finish_json(&mut v);
            serde_json::to_string_pretty(&v).map_err(|e| e.to_string())? + "\n"
        }
        SynthFormat::Csv => view.finish(report::csv::notes_csv(&s, &view, &filter)),
        SynthFormat::Html => {
            let page = report::html::study(&s, &view, &filter, args.top);
            with_section(page, rollup.as_deref(), |r| themes::html(r, &s, &view), themes::HTML_BEFORE)
        }
    };
    Ok((out, synthesised, started.elapsed() - synthesised))
}

/// The codebook's themes over this synthesis, when the library has a
/// codebook; a codebook that cannot be read is said and left out.
fn codebook_rollup(paths: &Paths, s: &synthesis::Synthesis) -> Option<Vec<ThemeRollup>> {
    match crate::store::codebook::load(&paths.codebook_file()) {
        Ok(book) => book.map(|b| crate::analysis::codebook::rollup::roll_up(s, &b)),
        Err(e) => {
            crate::warn!("{e} (the report leaves the codebook's themes out)");
            None
        }
    }
}

fn with_section(
    report: String,
    rollup: Option<&[ThemeRollup]>,
    section: impl FnOnce(&[ThemeRollup]) -> String,
    before: &str,
) -> String {
    match rollup {
        Some(r) => themes::insert_before(report, &section(r), before),
        None => report,
    }
}

pub fn search(paths: &Paths, args: SearchArgs) -> Result<(), String> {
    if args.query.trim().is_empty() {
        return Err("search: give something to look for".into());
    }
    let loaded = load(paths, false);
    let records = &loaded.records;
    let filter = args.filter.filter()?;
    let hits = crate::analysis::search::search(records, &filter, &args.query, args.limit);
    let transcripts =
        if args.transcripts { read_transcripts(&loaded).transcripts } else { LibraryTranscripts::default() };
    let pool = transcript_search::line_pool(records, &filter, &transcripts);
    let lines = transcript_search::search_lines(&transcripts, &pool, &args.query, args.limit);
    let view = View::new(records, args.anonymize);
    let out = if args.json {
        let mut v = report::search_results::results_json(&hits, &view, &args.query);
        if let Some(Value::Array(all)) = v.get_mut("hits") {
            all.extend(lines.iter().map(|h| transcript_results::line_json(&view, &transcripts, h, &args.query)));
        }
        view.finish_json(&mut v);
        serde_json::to_string_pretty(&v).map_err(|e| e.to_string())? + "\n"
    } else {
        use std::io::IsTerminal;
        let styled = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let mut out = report::search_results::results_text(&hits, &view, &args.query, styled);
        out.push_str(&transcript_results::lines_text(&lines, &view, &transcripts, &args.query, styled, hits.len() + 1));
        out
    };
    if hits.is_empty() && lines.is_empty() && !args.json {
        let what = if args.transcripts { "No note or transcript line" } else { "No note" };
        crate::warn!("{what} matches {:?}.", inert(&args.query));
    }
    if args.json {
        crate::text::out::data(&out);
    } else {
        // Every field is inert; the only sequences are the match highlights.
        crate::text::out::styled(&out);
    }
    Ok(())
}

/// Reads the transcripts of the library and the verdicts on its quotes
/// (through the cache), saying which could not be read.
fn read_transcripts(loaded: &cache::Loaded) -> crate::store::library_transcripts::Read {
    let read = cache::transcripts::load(&loaded.paths, &loaded.records, cache::cache_dir().as_deref());
    for p in &read.problems {
        crate::warn!("warning: transcript skipped: {}", inert(p));
    }
    read
}

/// Reads the library, with its warnings on stderr.
fn load(paths: &Paths, verbose: bool) -> cache::Loaded {
    let started = std::time::Instant::now();
    let loaded = cache::load(&paths.sessions_dir(), cache::cache_dir().as_deref());
    tell_about_reading(&loaded, verbose, started.elapsed());
    loaded
}

/// The files left out and the journals pending, on stderr; with `verbose`,
/// how the library was read (`read_in`) and what became of the cache.
fn tell_about_reading(loaded: &cache::Loaded, verbose: bool, read_in: Duration) {
    for e in &loaded.errors {
        crate::warn!("warning: skipped {}", inert(&e.to_string()));
    }
    if !loaded.journals.is_empty() {
        let ids: Vec<Cow<str>> = loaded.journals.iter().map(|i| inert(i)).collect();
        crate::warn!(
            "warning: {} {} unsaved changes in a journal, synthesised here as last saved: {}; run `fieldnotes recover`",
            plural(ids.len(), "session"),
            if ids.len() == 1 { "has" } else { "have" },
            ids.join(", ")
        );
    }
    if verbose {
        let st = &loaded.stats;
        crate::warn!(
            "read {} in {} ms: {} from the cache, {} parsed{}",
            plural(st.files, "file"),
            read_in.as_millis(),
            st.cached,
            st.parsed,
            if st.written { "; cache rewritten" } else { "" }
        );
        match &st.cache_file {
            Some(f) => crate::warn!("cache: {}", f.display()),
            None => crate::warn!("cache: none (no cache dir)"),
        }
        if let Some(why) = &st.ignored {
            crate::warn!("cache ignored: {why}");
        }
        if let Some(e) = &st.write_error {
            crate::warn!("cache not written: {e}");
        }
    }
}
