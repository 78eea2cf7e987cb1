//! `fieldnotes synth` and `fieldnotes search`: load every session (through the
//! derived cache in `store/cache.rs`), run the pure views of `synthesis.rs`, and
//! print them in a format of `analysis::report` (a terminal summary, a Markdown
//! study report, JSON or CSV).
//!
//! Untrusted text (anything from a session file) goes through `inert` in text
//! and Markdown; JSON and CSV stay exact when piped and are made inert only on a
//! terminal, like `show`. Problems go to stderr: unreadable files (file:line:col)
//! are skipped, sessions with a pending journal are used as saved, with a warning.

use crate::analysis::report::{self, View};
use crate::analysis::synthesis::{self, Dimension, Filter, MatrixRanking, Options};
use crate::store::paths::Paths;
use crate::store::{cache, guides};
use crate::text::counts::plural;
use crate::text::out::inert;
use chrono::NaiveDate;
use serde_json::{Value, json};
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SynthFormat {
    /// A summary for the terminal
    #[default]
    Text,
    /// A study report to paste into a doc
    Md,
    /// Every view, for scripts
    Json,
    /// One row per note
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum By {
    #[default]
    Segment,
    Company,
    Role,
    Guide,
}

impl From<By> for Dimension {
    fn from(b: By) -> Dimension {
        match b {
            By::Segment => Dimension::Segment,
            By::Company => Dimension::Company,
            By::Role => Dimension::Role,
            By::Guide => Dimension::Guide,
        }
    }
}

/// Which themes the matrix shows (see `synthesis::MatrixRanking`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MatrixBy {
    /// The themes groups differ on most
    #[default]
    Difference,
    /// The themes most interviews mention
    Overall,
}

impl From<MatrixBy> for MatrixRanking {
    fn from(m: MatrixBy) -> MatrixRanking {
        match m {
            MatrixBy::Difference => MatrixRanking::Difference,
            MatrixBy::Overall => MatrixRanking::Overall,
        }
    }
}

/// Which sessions and notes to look at; shared by `synth` and `search`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only interviews on or after this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<NaiveDate>,
    /// Only interviews on or before this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<NaiveDate>,
    /// Only participants of this segment (any case)
    #[arg(long)]
    pub segment: Option<String>,
    /// Only interviews run with this guide
    #[arg(long)]
    pub guide: Option<String>,
    /// Only notes carrying this tag (and the interviews that have one)
    #[arg(long)]
    pub tag: Option<String>,
    /// Only participants whose name contains this (any case)
    #[arg(long)]
    pub participant: Option<String>,
    /// Only participants of this company (any case)
    #[arg(long)]
    pub company: Option<String>,
    /// Only participants with this role (any case)
    #[arg(long)]
    pub role: Option<String>,
}

impl FilterArgs {
    pub fn filter(&self) -> Filter {
        Filter {
            since: self.since,
            until: self.until,
            segment: self.segment.clone(),
            guide: self.guide.clone(),
            tag: self.tag.clone(),
            participant: self.participant.clone(),
            company: self.company.clone(),
            role: self.role.clone(),
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct SynthArgs {
    /// How to print it
    #[arg(long, short, value_enum, default_value_t)]
    pub format: SynthFormat,
    /// What the rows of the segment × theme matrix are
    #[arg(long, value_enum, default_value_t)]
    pub by: By,
    /// Which themes the matrix shows: those the groups differ on most (largest difference in
    /// share between a group of 3+ interviews and the rest), or the most common overall
    #[arg(long, value_enum, default_value_t)]
    pub matrix: MatrixBy,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Participants become P1, P2… (by first interview) and companies C1, C2…, in every line
    /// (names in any case, accents folded); e-mail addresses and phone numbers are masked
    #[arg(long)]
    pub anonymize: bool,
    /// How many themes to show (text, md) and to put in the matrix
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Say on stderr how the library was read (cache hits, files parsed)
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// What to look for: every word must match a word of the note, closing answer or
    /// summary (or its start, or with a typo in words of 4+ letters)
    pub query: String,
    /// At most this many results
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    /// Print JSON (with the matched character positions) instead of text
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Participants become P1, P2… and companies C1, C2…; e-mail addresses and phone numbers are masked
    #[arg(long)]
    pub anonymize: bool,
}

pub fn synth(paths: &Paths, args: SynthArgs) -> Result<(), String> {
    let loaded = load(paths, args.verbose);
    let records = &loaded.records;
    let guides: Vec<crate::domain::guide::Guide> =
        guides::list(&paths.guides_dir()).into_iter().filter_map(|e| e.guide.ok()).collect();
    let opts = Options {
        by: args.by.into(),
        matrix_themes: args.top.clamp(1, 30),
        matrix_ranking: args.matrix.into(),
        ..Options::default()
    };
    let filter = args.filter.filter();
    let started = std::time::Instant::now();
    let s = synthesis::synthesize(records, &guides, &filter, &opts);
    let synthesised = started.elapsed();
    let view = View::new(records, args.anonymize);
    let out = match args.format {
        SynthFormat::Text => view.finish(report::text::summary(&s, &view, &filter, args.top)),
        SynthFormat::Md => view.finish(report::markdown::study_report(&s, &view, &filter, args.top)),
        SynthFormat::Json => {
            let mut v = report::json::synthesis_json(&s, &view, &filter);
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
    };
    if args.verbose {
        crate::warn!(
            "synthesised in {} ms, formatted in {} ms",
            synthesised.as_millis(),
            (started.elapsed() - synthesised).as_millis()
        );
    }
    match args.format {
        SynthFormat::Text => crate::text::out::text(&out),
        // Markdown, JSON and CSV are files as much as screens: exact when piped.
        SynthFormat::Md | SynthFormat::Json | SynthFormat::Csv => crate::text::out::data(&out),
    }
    Ok(())
}

pub fn search(paths: &Paths, args: SearchArgs) -> Result<(), String> {
    if args.query.trim().is_empty() {
        return Err("search: give something to look for".into());
    }
    let loaded = load(paths, false);
    let records = &loaded.records;
    let filter = args.filter.filter();
    let hits = synthesis::search(records, &filter, &args.query, args.limit);
    let view = View::new(records, args.anonymize);
    let out = if args.json {
        let mut v = report::search_results::results_json(&hits, &view, &args.query);
        view.finish_json(&mut v);
        serde_json::to_string_pretty(&v).map_err(|e| e.to_string())? + "\n"
    } else {
        use std::io::IsTerminal;
        let styled = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        report::search_results::results_text(&hits, &view, &args.query, styled)
    };
    if hits.is_empty() && !args.json {
        crate::warn!("No note matches {:?}.", inert(&args.query));
    }
    if args.json {
        crate::text::out::data(&out);
    } else {
        // Every field is inert; the only sequences are the match highlights.
        crate::text::out::styled(&out);
    }
    Ok(())
}

/// Reads the library, with its warnings on stderr.
fn load(paths: &Paths, verbose: bool) -> cache::Loaded {
    let started = std::time::Instant::now();
    let loaded = cache::load(&paths.sessions_dir(), cache::cache_dir().as_deref());
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
            started.elapsed().as_millis(),
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
    loaded
}
