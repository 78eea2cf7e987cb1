//! `fieldnotes synth` and `fieldnotes search`: load every session (through the
//! derived cache in `store/cache.rs`), run the pure views of `synthesis.rs`, and
//! format them as a terminal summary, a Markdown study report, JSON or CSV.
//!
//! Untrusted text (anything from a session file) goes through `inert` in text
//! and Markdown; JSON and CSV stay exact when piped and are made inert only on a
//! terminal, like `show`. Problems go to stderr: unreadable files (file:line:col)
//! are skipped, sessions with a pending journal are used as saved, with a warning.

use crate::analysis::figures::Share;
use crate::analysis::synthesis::{
    self, Anonymizer, Dimension, Filter, MIN_GROUP, MatrixRanking, NoteRecord, NoteRef, Options, SessionRecord,
    Synthesis,
};
use crate::domain::note::Kind;
use crate::store::paths::Paths;
use crate::store::{cache, guides};
use crate::text::counts::{plural, thousands};
use crate::text::out::inert;
use crate::text::width::{truncate, width};
use chrono::NaiveDate;
use serde_json::{Map, Value, json};
use std::borrow::Cow;
use std::fmt::Write;

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
    /// A self-contained web page with charts, for the team (print it to PDF from a browser)
    Html,
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

use crate::analysis::report_evidence::{self as evidence, QUOTES_PER_THEME};

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
        SynthFormat::Text => view.finish(text(&s, &view, &filter, args.top)),
        SynthFormat::Md => view.finish(markdown(&s, &view, &filter, args.top)),
        SynthFormat::Json => {
            let mut v = to_json(&s, &view, &filter);
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
        SynthFormat::Csv => view.finish(csv(&s, &view, &filter)),
        SynthFormat::Html => crate::analysis::report_html::study(&s, &view, &filter, args.top),
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
        SynthFormat::Md | SynthFormat::Json | SynthFormat::Csv | SynthFormat::Html => crate::text::out::data(&out),
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
        let hits: Vec<Value> = hits
            .iter()
            .map(|h| {
                let mut v = found_json(&view, h.at);
                // Positions in `text` as printed: after scrubbing names, matched again.
                let indices = match (&view.anon, v["text"].as_str()) {
                    (Some(_), Some(t)) => synthesis::highlight(t, &args.query),
                    _ => h.indices.clone(),
                };
                if let Value::Object(m) = &mut v {
                    m.insert("exact_words".into(), h.exact.into());
                    m.insert("indices".into(), json!(indices));
                }
                v
            })
            .collect();
        let mut v = json!({"query": args.query, "hits": hits});
        view.finish_json(&mut v);
        serde_json::to_string_pretty(&v).map_err(|e| e.to_string())? + "\n"
    } else {
        search_text(&hits, &view, &args.query)
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

// ---------------------------------------------------------------------------
// Names, as shown or anonymised
// ---------------------------------------------------------------------------

pub(crate) struct View<'a> {
    pub(crate) records: &'a [SessionRecord],
    pub(crate) anon: Option<Anonymizer>,
}

impl<'a> View<'a> {
    pub(crate) fn new(records: &'a [SessionRecord], anonymize: bool) -> View<'a> {
        View { records, anon: anonymize.then(|| Anonymizer::new(records)) }
    }

    pub(crate) fn who(&self, s: &SessionRecord) -> String {
        match &self.anon {
            Some(a) => a.participant(&s.participant),
            None => s.participant.clone(),
        }
    }

    fn session_id(&self, s: &SessionRecord) -> String {
        match &self.anon {
            Some(a) => a.session(&s.id),
            None => s.id.clone(),
        }
    }

    /// Free text from a file, with names scrubbed when anonymising.
    pub(crate) fn text<'t>(&self, t: &'t str) -> Cow<'t, str> {
        match &self.anon {
            Some(a) => a.scrub(t),
            None => Cow::Borrowed(t),
        }
    }

    /// The whole output once more, when anonymising: whatever a view printed
    /// without `text` (guide titles, question text, file names) is caught here.
    /// Text, Markdown and CSV only: their escapes never glue a letter to a name.
    fn finish(&self, out: String) -> String {
        match &self.anon {
            Some(a) => a.scrub(&out).into_owned(),
            None => out,
        }
    }

    /// As `finish`, for JSON: every string in it (not on the printed text,
    /// where an escape such as `\nAna` would hide the name).
    fn finish_json(&self, v: &mut Value) {
        if let Some(a) = &self.anon {
            a.scrub_json(v);
        }
    }

    /// The filters in words; when anonymising, the participant and company
    /// asked for are not repeated (a participant filter may be part of a name).
    pub(crate) fn filters(&self, f: &Filter) -> Option<String> {
        match &self.anon {
            Some(a) => describe_filter(&a.filter(f)),
            None => describe_filter(f),
        }
    }

    /// The filters as JSON, names hidden as in `filters`.
    fn filters_json(&self, f: &Filter) -> Value {
        match &self.anon {
            Some(a) => filter_json(&a.filter(f)),
            None => filter_json(f),
        }
    }

    pub(crate) fn group(&self, by: Dimension, g: Option<&str>) -> String {
        match (g, &self.anon) {
            (None, _) => format!("(no {})", by.name()),
            (Some(g), Some(a)) => a.group(by, g),
            (Some(g), None) => g.to_string(),
        }
    }

    /// Who said it, as a report credits it: `participant · company · date`
    /// (the company when known), then the note's time when there is a note.
    pub(crate) fn attribution(&self, s: &SessionRecord, n: Option<&NoteRecord>) -> String {
        let mut parts = vec![self.who(s)];
        if s.company.is_some() {
            parts.push(self.group(Dimension::Company, s.company.as_deref()));
        }
        parts.push(s.date().to_string());
        if let Some(n) = n {
            parts.push(s.note_time(n));
        }
        parts.join(" · ")
    }

    /// One note as JSON, with where it is.
    fn evidence(&self, r: NoteRef) -> Value {
        let (s, n) = r.resolve(self.records);
        json!({
            "session": self.session_id(s),
            "note_index": r.note,
            "participant": self.who(s),
            "date": s.date().to_string(),
            "at": n.at.to_string(),
            "sitting": n.sitting,
            "kind": n.kind.name(),
            "starred": n.starred,
            "question": s.question(n),
            "tags": s.tags_of(n).map(|t| self.text(t).into_owned()).collect::<Vec<_>>(),
            "text": self.text(s.text(n)),
            "quotes_shareable": s.quotes_shareable,
        })
    }
}

/// "75%", by the one rounding rule of `figures.rs`.
/// How the matrix's themes were picked, for the reader of a report.
pub(crate) fn ranking_words(r: MatrixRanking) -> String {
    match r {
        MatrixRanking::Difference => format!(
            "themes ranked by the largest difference in share between a group of at least {MIN_GROUP} interviews and the interviews outside it"
        ),
        MatrixRanking::Overall => "the themes most interviews mention".into(),
    }
}

fn percent(part: usize, whole: usize) -> String {
    Share::of(part, whole).percent_text()
}

fn describe_filter(f: &Filter) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(d) = f.since {
        parts.push(format!("since {d}"));
    }
    if let Some(d) = f.until {
        parts.push(format!("until {d}"));
    }
    let named = [
        ("segment", &f.segment),
        ("guide", &f.guide),
        ("tag", &f.tag),
        ("participant", &f.participant),
        ("company", &f.company),
        ("role", &f.role),
    ];
    for (name, v) in named {
        if let Some(v) = v {
            parts.push(format!("{name} {}", inert(v)));
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn filter_json(f: &Filter) -> Value {
    json!({
        "since": f.since.map(|d| d.to_string()),
        "until": f.until.map(|d| d.to_string()),
        "segment": f.segment,
        "guide": f.guide,
        "tag": f.tag,
        "participant": f.participant,
        "company": f.company,
        "role": f.role,
    })
}

// ---------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------

fn to_json(s: &Synthesis, view: &View, filter: &Filter) -> Value {
    let records = view.records;
    let total = s.sessions();
    let anon_tag = |t: &str| view.text(t).into_owned();
    let mut m = Map::new();
    m.insert("sessions".into(), total.into());
    m.insert("notes".into(), s.notes.into());
    m.insert("untagged_notes".into(), s.untagged.into());
    m.insert("filters".into(), view.filters_json(filter));
    m.insert(
        "tags".into(),
        s.tags.iter().map(|t| json!({"tag": anon_tag(&t.tag), "count": t.notes, "sessions": t.sessions})).collect(),
    );
    m.insert(
        "themes".into(),
        s.themes
            .iter()
            .map(|t| {
                let kinds: Map<String, Value> =
                    Kind::ALL.iter().map(|k| (k.name().to_string(), t.count(*k).into())).collect();
                let evidence: Vec<Value> =
                    synthesis::pick_curated(&t.evidence, QUOTES_PER_THEME, |_| true, view.records)
                        .into_iter()
                        .map(|r| view.evidence(r))
                        .collect();
                json!({
                    "tag": anon_tag(&t.tag),
                    "notes": t.notes,
                    "sessions": t.sessions,
                    "share": Share::of(t.sessions, total).fraction(),
                    "percent": Share::of(t.sessions, total).percent(),
                    "kinds": kinds,
                    "closing_answers": t.closing.len(),
                    "evidence": evidence,
                })
            })
            .collect(),
    );
    m.insert(
        "pain_points".into(),
        s.pain_points
            .iter()
            .map(|p| {
                let some = |refs: &[NoteRef]| -> Vec<Value> {
                    synthesis::pick_curated(refs, QUOTES_PER_THEME, |_| true, view.records)
                        .into_iter()
                        .map(|r| view.evidence(r))
                        .collect()
                };
                json!({
                    "tag": anon_tag(&p.tag),
                    "notes": p.notes,
                    "sessions": p.sessions,
                    "share": Share::of(p.sessions, total).fraction(),
                    "percent": Share::of(p.sessions, total).percent(),
                    "pains": some(&p.pains),
                    "quotes": some(&p.quotes),
                })
            })
            .collect(),
    );
    m.insert("untagged_pains".into(), s.untagged_pains.len().into());
    let matrix = &s.matrix;
    m.insert(
        "matrix".into(),
        json!({
            "by": matrix.by.name(),
            "ranking": matrix.ranking.name(),
            "ranking_rule": ranking_words(matrix.ranking),
            "themes": matrix.themes.iter().map(|t| anon_tag(t)).collect::<Vec<_>>(),
            "rows": matrix.rows.iter().map(|r| json!({
                "group": r.group.as_deref().map(|g| view.group(matrix.by, Some(g))),
                "sessions": r.sessions,
                "counts": r.counts,
                "shares": (0..r.counts.len()).map(|i| r.share(i)).collect::<Vec<_>>(),
                "percents": r.counts.iter().map(|&c| Share::of(c, r.sessions).percent()).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }),
    );
    let pairs = |v: &[synthesis::Pair]| -> Vec<Value> {
        v.iter().map(|p| json!({"a": anon_tag(&p.a), "b": anon_tag(&p.b), "count": p.count})).collect()
    };
    m.insert("cooccurrence".into(), json!({"notes": pairs(&s.note_pairs), "sessions": pairs(&s.session_pairs)}));
    m.insert(
        "closing_answers".into(),
        s.closing_answers
            .iter()
            .map(|c| {
                let r = &records[c.session];
                json!({
                    "session": view.session_id(r),
                    "participant": view.who(r),
                    "date": r.date().to_string(),
                    "question": r.closing_question.as_deref().unwrap_or(crate::domain::session::DEFAULT_CLOSING),
                    "answer": view.text(r.closing_answer.as_deref().unwrap_or_default()),
                    "quotes_shareable": r.quotes_shareable,
                    "tags": c.tags.iter().map(|t| anon_tag(t)).collect::<Vec<_>>(),
                })
            })
            .collect(),
    );
    m.insert(
        "coverage".into(),
        s.coverage
            .iter()
            .map(|g| {
                json!({
                    "guide": g.guide,
                    "title": g.title,
                    "sessions": g.sessions,
                    "questions": g.questions.iter().map(|q| json!({
                        "id": q.id,
                        "text": q.text,
                        "in_guide": q.in_guide,
                        "noted": q.noted,
                        "reached": q.reached,
                        "covered": q.covered,
                        "percent": Share::of(q.covered, g.sessions).percent(),
                        "never_covered": q.never_covered(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    );
    Value::Object(m)
}

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

/// RFC 4180: fields with a comma, quote or line break are quoted, quotes
/// doubled, rows end with CRLF. A field that a spreadsheet would run as a
/// formula (`=`, `+`, `-`, `@` first) gets a leading `'`, so a note shared by a
/// teammate cannot execute anything when the file is opened.
fn csv_field(out: &mut String, field: &str) {
    let guarded: Cow<str> = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{field}"))
    } else {
        Cow::Borrowed(field)
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&guarded.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&guarded);
    }
}

fn csv_row(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, f);
    }
    out.push_str("\r\n");
}

fn csv(s: &Synthesis, view: &View, filter: &Filter) -> String {
    let mut out = String::new();
    csv_row(
        &mut out,
        &["session", "participant", "segment", "date", "offset", "kind", "question", "tags", "text", "sitting"],
    );
    for &si in &s.selected {
        let r = &view.records[si];
        let (id, who, date) = (view.session_id(r), view.who(r), r.date().to_string());
        let segment = view.text(r.segment.as_deref().unwrap_or_default()).into_owned();
        for (_, n) in filter.notes_of(r) {
            let tags: Vec<Cow<str>> = r.tags_of(n).map(|t| view.text(t)).collect();
            csv_row(
                &mut out,
                &[
                    &id,
                    &who,
                    &segment,
                    &date,
                    &n.at.to_string(),
                    n.kind.name(),
                    r.question(n).unwrap_or_default(),
                    &tags.join(";"),
                    &view.text(r.text(n)),
                    // Last, so the columns scripts already read keep their place.
                    &n.sitting.to_string(),
                ],
            );
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------

/// `s` (already inert) cut or padded to `w` columns.
fn pad(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    format!("{t}{}", " ".repeat(w.saturating_sub(width(&t))))
}

fn pad_left(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(width(s))))
}

/// One line of untrusted text for the terminal: inert, on one line, cut to `w` columns.
fn line(t: &str, w: usize) -> String {
    truncate(&inert(&t.replace(['\n', '\r'], " ")), w).into_owned()
}

fn text(s: &Synthesis, view: &View, filter: &Filter, top: usize) -> String {
    let records = view.records;
    let total = s.sessions();
    let mut out = String::new();
    let w = &mut out;
    if total == 0 {
        let _ = writeln!(
            w,
            "No interviews to synthesise{}.",
            match view.filters(filter) {
                Some(f) => format!(" ({f})"),
                None => String::new(),
            }
        );
        return out;
    }
    let range = s.date_range(records).map(|(a, b)| format!(", {a} – {b}")).unwrap_or_default();
    let _ = writeln!(
        w,
        "{}{range} · {} ({} untagged)",
        plural(total, "interview"),
        plural(s.notes, "note"),
        thousands(s.untagged)
    );
    if let Some(f) = view.filters(filter) {
        let _ = writeln!(w, "Filters: {f}");
    }

    let _ = writeln!(w, "\nThemes: interviews mentioning each tag");
    let shown: Vec<_> = s.themes.iter().take(top).collect();
    let tag_w = shown.iter().map(|t| width(&inert(&view.text(&t.tag))) + 1).max().unwrap_or(0).min(24);
    for t in &shown {
        let _ = writeln!(
            w,
            "  {} {} {:>5} of {}  {:>4}  {}",
            pad(&format!("#{}", inert(&view.text(&t.tag))), tag_w),
            pad(&Share::of(t.sessions, total).bar(24), 24),
            thousands(t.sessions),
            thousands(total),
            percent(t.sessions, total),
            plural(t.notes, "note")
        );
    }
    if s.themes.len() > shown.len() {
        let more = s.themes.len() - shown.len();
        let _ = writeln!(w, "  … and {more} more tag{} (--top N, or --format json)", if more == 1 { "" } else { "s" });
    }
    if s.themes.is_empty() {
        let _ = writeln!(w, "  No tagged notes yet.");
    }

    if !s.pain_points.is_empty() || !s.untagged_pains.is_empty() {
        let _ = writeln!(w, "\nTop pain points");
        for (i, p) in s.pain_points.iter().take(5).enumerate() {
            let _ = writeln!(
                w,
                "  {}. #{}: {}, {}",
                i + 1,
                inert(&view.text(&p.tag)),
                plural(p.sessions, "interview"),
                plural(p.notes, "pain")
            );
            let pains = synthesis::pick_curated(&p.pains, 1, |_| true, records);
            for r in pains.into_iter().chain(synthesis::pick_curated(&p.quotes, 1, |_| true, records)) {
                let (sr, n) = r.resolve(records);
                let said = line(&view.text(sr.text(n)), 70);
                let said = if n.kind == Kind::Quote { format!("“{said}”") } else { said };
                let _ = writeln!(w, "     {said} — {}, {}", line(&view.who(sr), 24), sr.date());
            }
        }
        if !s.untagged_pains.is_empty() {
            let _ = writeln!(w, "  ({} without a tag)", plural(s.untagged_pains.len(), "pain"));
        }
    }

    let m = &s.matrix;
    if !m.themes.is_empty() && !m.rows.is_empty() {
        let _ = writeln!(
            w,
            "\n{} × themes ({}): share of each {}'s interviews and n",
            capitalise(m.by.name()),
            ranking_words(m.ranking),
            m.by.name()
        );
        let cols: Vec<String> = m.themes.iter().take(6).map(|t| line(&view.text(t), 11)).collect();
        let cells: Vec<Vec<String>> = m
            .rows
            .iter()
            .take(12)
            .map(|r| (0..cols.len()).map(|i| Share::of(r.counts[i], r.sessions).cell_text()).collect())
            .collect();
        let col_w: Vec<usize> = (0..cols.len())
            .map(|i| cells.iter().map(|row| width(&row[i])).chain([width(&cols[i]), 4]).max().unwrap_or(4))
            .collect();
        let mut head = format!("  {} {:>5}", pad("", 18), "n");
        for (c, cw) in cols.iter().zip(&col_w) {
            let _ = write!(head, "  {}", pad_left(c, *cw));
        }
        let _ = writeln!(w, "{}", head.trim_end());
        for (r, texts) in m.rows.iter().zip(&cells) {
            let mut row =
                format!("  {} {:>5}", pad(&line(&view.group(m.by, r.group.as_deref()), 18), 18), thousands(r.sessions));
            for (text, cw) in texts.iter().zip(&col_w) {
                let _ = write!(row, "  {}", pad_left(text, *cw));
            }
            let _ = writeln!(w, "{row}");
        }
        if m.rows.len() > 12 {
            let _ = writeln!(w, "  … and {} more", plural(m.rows.len() - 12, "group"));
        }
    }

    let pairs = |v: &[synthesis::Pair]| -> String {
        v.iter()
            .take(5)
            .map(|p| format!("#{} + #{} ({})", inert(&view.text(&p.a)), inert(&view.text(&p.b)), p.count))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !s.note_pairs.is_empty() || !s.session_pairs.is_empty() {
        let _ = writeln!(w, "\nTags that go together");
        if !s.note_pairs.is_empty() {
            let _ = writeln!(w, "  on one note:        {}", pairs(&s.note_pairs));
        }
        if !s.session_pairs.is_empty() {
            let _ = writeln!(w, "  in one interview:   {}", pairs(&s.session_pairs));
        }
    }

    let _ = writeln!(w, "\nClosing answers: {} of {}", thousands(s.closing_answers.len()), plural(total, "interview"));
    for c in s.closing_answers.iter().rev().take(3) {
        let r = &records[c.session];
        let answer = line(&view.text(r.closing_answer.as_deref().unwrap_or_default()), 70);
        let _ = writeln!(w, "  “{answer}” — {}, {}", line(&view.who(r), 24), r.date());
    }
    if s.closing_answers.len() > 3 {
        let _ = writeln!(w, "  (the latest 3; all of them with --format md)");
    }

    if !s.coverage.is_empty() {
        let _ = writeln!(w, "\nQuestion coverage");
        for g in &s.coverage {
            let in_guide: Vec<_> = g.questions.iter().filter(|q| q.in_guide).collect();
            let never: Vec<&str> = in_guide.iter().filter(|q| q.never_covered()).map(|q| q.id.as_str()).collect();
            let name = line(&g.guide, 30);
            if g.title.is_none() {
                let _ = writeln!(w, "  {name} ({}): guide not found", plural(g.sessions, "interview"));
                continue;
            }
            let _ = write!(
                w,
                "  {name} ({}): {} of {} questions covered",
                plural(g.sessions, "interview"),
                in_guide.len() - never.len(),
                in_guide.len()
            );
            if never.is_empty() {
                let _ = writeln!(w);
            } else {
                let _ = writeln!(w, "; never: {}", line(&never.join(", "), 60));
            }
        }
    }
    out
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// One search result as JSON: where it is and what it is (`source`: note,
/// closing_answer or summary; a note's fields as in evidence).
fn found_json(view: &View, found: synthesis::Found) -> Value {
    let s = &view.records[found.session()];
    let (source, question) = match found {
        synthesis::Found::Note(r) => {
            let mut v = view.evidence(r);
            if let Value::Object(m) = &mut v {
                m.insert("source".into(), "note".into());
            }
            return v;
        }
        synthesis::Found::ClosingAnswer(_) => ("closing_answer", s.closing_question.as_deref()),
        synthesis::Found::Summary(_) => ("summary", None),
    };
    json!({
        "source": source,
        "session": view.session_id(s),
        "participant": view.who(s),
        "date": s.date().to_string(),
        "question": question,
        "text": view.text(found.text(view.records)),
    })
}

/// Results as lines: date, participant, when, what was found (the note's
/// kind, "closing answer" or "summary"), the text with the matched words
/// underlined on a terminal; then where it is in the file.
fn search_text(hits: &[synthesis::Hit], view: &View, query: &str) -> String {
    use std::io::IsTerminal;
    let styled = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut out = String::new();
    for (i, h) in hits.iter().enumerate() {
        let s = &view.records[h.at.session()];
        // `inert` maps character to character, so the indices still line up.
        let shown = inert(&view.text(h.at.text(view.records)).replace(['\n', '\r'], " ")).into_owned();
        let indices = if view.anon.is_some() { synthesis::highlight(&shown, query) } else { h.indices.clone() };
        let mut text = String::new();
        let mut next = indices.iter().peekable();
        for (ci, c) in shown.chars().enumerate() {
            let hit = next.peek().is_some_and(|&&x| x == ci);
            if hit {
                next.next();
            }
            if hit && styled {
                let _ = write!(text, "\x1b[1;4m{c}\x1b[0m");
            } else {
                text.push(c);
            }
        }
        let (when, tags, place) = match h.at {
            synthesis::Found::Note(r) => {
                let n = r.resolve(view.records).1;
                let tags: Vec<String> = s.tags_of(n).map(|t| format!("#{}", inert(&view.text(t)))).collect();
                let tags = if tags.is_empty() { String::new() } else { format!("  {}", tags.join(" ")) };
                (format!("  {}", s.note_time(n)), tags, format!("notes[{}]", r.note))
            }
            synthesis::Found::ClosingAnswer(_) => (String::new(), String::new(), "closing.answer".into()),
            synthesis::Found::Summary(_) => (String::new(), String::new(), "summary".into()),
        };
        let _ = writeln!(
            out,
            "{:>3}. {}  {}{}  {:<9} {}{}",
            i + 1,
            s.date(),
            line(&view.who(s), 24),
            when,
            h.at.label(view.records),
            text,
            tags
        );
        let _ = writeln!(out, "     {} {place}", inert(&view.session_id(s)));
    }
    out
}

// ---------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------

/// Text safe for Markdown and terminals: inert, on one line.
fn md(s: &str) -> String {
    inert(&s.replace(['\n', '\r'], " ")).into_owned()
}

/// As `md`, and safe inside a table cell.
fn cell(s: &str) -> String {
    md(s).replace('|', "\\|")
}

/// Evidence lines under a heading: quotes as block quotes, each apart; list items together.
fn evidence_block(
    w: &mut String,
    refs: impl IntoIterator<Item = NoteRef>,
    records: &[SessionRecord],
    line: &dyn Fn(NoteRef) -> String,
) {
    let mut last_quote = false;
    for (i, r) in refs.into_iter().enumerate() {
        let quote = r.resolve(records).1.kind == Kind::Quote;
        if i > 0 && (quote || last_quote) {
            let _ = writeln!(w);
        }
        let _ = writeln!(w, "{}", line(r));
        last_quote = quote;
    }
}

/// The study report `synth --format md` prints, for the synthesis screen's export.
pub fn report(records: &[SessionRecord], s: &Synthesis, filter: &Filter, anonymize: bool, top: usize) -> String {
    let view = View::new(records, anonymize);
    view.finish(markdown(s, &view, filter, top))
}

fn markdown(s: &Synthesis, view: &View, filter: &Filter, top: usize) -> String {
    let records = view.records;
    let total = s.sessions();
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "# Interview synthesis\n");
    let range = s.date_range(records).map(|(a, b)| format!(" ({a} – {b})")).unwrap_or_default();
    let mut guides: Vec<String> = s.coverage.iter().map(|g| format!("{} ({})", md(&g.guide), g.sessions)).collect();
    guides.truncate(6);
    let _ = writeln!(
        w,
        "**{}**{range} · **{}** · guides: {}",
        plural(total, "interview"),
        plural(s.notes, "note"),
        if guides.is_empty() { "none".into() } else { guides.join(", ") }
    );
    if let Some(f) = view.filters(filter) {
        let _ = writeln!(w, "\nFilters: {}", md(&f));
    }
    if view.anon.is_some() {
        let _ = writeln!(
            w,
            "\n_Participants are anonymised as P1, P2… (in order of their first interview) and companies as C1, C2…_"
        );
    }

    // Quotes (and closing answers, the participant's own words) of sessions
    // without consent to share quotes stay out of the report (`report_evidence`).
    let withheld = evidence::withheld(s, records, filter);

    let attribution = |sr: &SessionRecord, n: Option<&NoteRecord>| md(&view.attribution(sr, n));
    // Only a quote is shown as the participant's words; anything else (a
    // paraphrase is a note) says what it is. A starred note says so.
    let evidence_line = |r: NoteRef| {
        let (sr, n) = r.resolve(records);
        let t = md(&view.text(sr.text(n)));
        let who = attribution(sr, Some(n));
        let star = if n.starred { "★ " } else { "" };
        match n.kind {
            Kind::Quote => format!("> {star}“{t}”  \n> — {who}"),
            k => format!("- {star}**{}:** {t} — _{who}_", capitalise(k.label())),
        }
    };
    let closing_line = |sr: &SessionRecord| {
        let answer = md(&view.text(sr.closing_answer.as_deref().unwrap_or_default()));
        format!("- **Closing answer:** “{answer}” — _{}_", attribution(sr, None))
    };

    let _ = writeln!(w, "\n## Themes\n");
    if s.themes.is_empty() {
        let _ = writeln!(w, "_No tagged notes._");
    } else {
        let _ = writeln!(w, "| # | Theme | Interviews | Share | Notes | Quotes | Pains |");
        let _ = writeln!(w, "|---:|---|---:|---:|---:|---:|---:|");
        for (i, t) in s.themes.iter().take(top).enumerate() {
            let _ = writeln!(
                w,
                "| {} | {} | {} | {} | {} | {} | {} |",
                i + 1,
                cell(&view.text(&t.tag)),
                Share::of(t.sessions, total).of_text(),
                percent(t.sessions, total),
                thousands(t.notes),
                thousands(t.count(Kind::Quote)),
                thousands(t.count(Kind::Pain))
            );
        }
        if s.themes.len() > top {
            let more = s.themes.len() - top;
            let _ = writeln!(w, "\n_… and {more} more tag{}._", if more == 1 { "" } else { "s" });
        }
        for (i, t) in s.themes.iter().take(top).enumerate() {
            let _ = writeln!(
                w,
                "\n### {}. {} — {} interviews ({}), {}\n",
                i + 1,
                md(&view.text(&t.tag)),
                Share::of(t.sessions, total).of_text(),
                percent(t.sessions, total),
                plural(t.notes, "note")
            );
            let picked = evidence::theme_evidence(t, records);
            let answers = evidence::theme_answers(t, records);
            if picked.is_empty() && answers.is_empty() {
                let _ = writeln!(w, "_No evidence that may be shared._");
            }
            let apart = !picked.is_empty() && !answers.is_empty();
            evidence_block(w, picked, records, &evidence_line);
            if apart {
                let _ = writeln!(w);
            }
            for r in answers {
                let _ = writeln!(w, "{}", closing_line(r));
            }
        }
    }

    let _ = writeln!(w, "\n## Pain points\n");
    if s.pain_points.is_empty() {
        let _ = writeln!(w, "_No tagged pain points._");
    }
    for (i, p) in s.pain_points.iter().take(top).enumerate() {
        if i > 0 {
            let _ = writeln!(w);
        }
        let _ = writeln!(
            w,
            "### {}. {} — {} ({}), {}\n",
            i + 1,
            md(&view.text(&p.tag)),
            plural(p.sessions, "interview"),
            percent(p.sessions, total),
            plural(p.notes, "pain note")
        );
        evidence_block(w, evidence::pain_evidence(p, records), records, &evidence_line);
    }
    if !s.untagged_pains.is_empty() {
        let _ = writeln!(w, "\n_{} without a tag._", plural(s.untagged_pains.len(), "pain note"));
    }

    let m = &s.matrix;
    if !m.themes.is_empty() && !m.rows.is_empty() {
        let by = capitalise(m.by.name());
        let _ = writeln!(w, "\n## {by} × themes\n");
        let _ = writeln!(
            w,
            "Share of each {}'s interviews that mention the theme, and how many of them; {}.\n",
            m.by.name(),
            ranking_words(m.ranking)
        );
        let head: Vec<String> = m.themes.iter().map(|t| cell(&view.text(t))).collect();
        let _ = writeln!(w, "| {by} | Interviews | {} |", head.join(" | "));
        let _ = writeln!(w, "|---|---:|{}", "---:|".repeat(head.len()));
        for r in &m.rows {
            let cells: Vec<String> =
                (0..m.themes.len()).map(|i| Share::of(r.counts[i], r.sessions).cell_text()).collect();
            let _ = writeln!(
                w,
                "| {} | {} | {} |",
                cell(&view.group(m.by, r.group.as_deref())),
                thousands(r.sessions),
                cells.join(" | ")
            );
        }
    }

    if !s.note_pairs.is_empty() || !s.session_pairs.is_empty() {
        let _ = writeln!(w, "\n## Tags that go together\n");
        let pairs = |v: &[synthesis::Pair]| -> String {
            v.iter()
                .take(8)
                .map(|p| format!("`#{}` + `#{}` ({})", md(&view.text(&p.a)), md(&view.text(&p.b)), p.count))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !s.note_pairs.is_empty() {
            let _ = writeln!(w, "- **On the same note:** {}", pairs(&s.note_pairs));
        }
        if !s.session_pairs.is_empty() {
            let _ = writeln!(w, "- **In the same interview:** {}", pairs(&s.session_pairs));
        }
    }

    let question = evidence::closing_question(s, records);
    let _ = writeln!(w, "\n## Closing answers: “{}”\n", md(question));
    let mut any = false;
    for c in evidence::closing_answers(s, records) {
        let r = &records[c.session];
        any = true;
        let tags: Vec<String> = c.tags.iter().take(5).map(|t| format!("`#{}`", md(&view.text(t)))).collect();
        let _ = writeln!(
            w,
            "- “{}” — {}{}",
            md(&view.text(r.closing_answer.as_deref().unwrap_or_default())),
            attribution(r, None),
            if tags.is_empty() { String::new() } else { format!(" · {}", tags.join(" ")) }
        );
    }
    if !any {
        let _ = writeln!(w, "_No closing answers recorded._");
    }

    if !s.coverage.is_empty() {
        let _ = writeln!(w, "\n## Question coverage\n");
        for g in &s.coverage {
            let title = g.title.as_deref().map(md).unwrap_or_else(|| "guide not found".into());
            let _ = writeln!(w, "### {} (`{}`, {})\n", title, md(&g.guide), plural(g.sessions, "interview"));
            let _ = writeln!(w, "| Question | Covered | With notes | Reached |");
            let _ = writeln!(w, "|---|---:|---:|---:|");
            for q in &g.questions {
                let text = match (&q.text, q.in_guide) {
                    (Some(t), _) => format!("{} {}", cell(&q.id), cell(t)),
                    (None, false) => format!("{} _(not in the guide)_", cell(&q.id)),
                    (None, true) => cell(&q.id),
                };
                let covered = if q.never_covered() {
                    "**never**".to_string()
                } else {
                    format!("{} ({})", thousands(q.covered), percent(q.covered, g.sessions))
                };
                let _ = writeln!(w, "| {text} | {covered} | {} | {} |", q.noted, q.reached);
            }
            let _ = writeln!(w);
        }
    }

    if withheld.sessions > 0 {
        let _ = writeln!(
            w,
            "\n---\n\n_Withheld: {} and {} from {} whose participants did not agree to share quotes._",
            plural(withheld.quotes, "quote"),
            plural(withheld.answers, "closing answer"),
            plural(withheld.sessions, "interview")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_guards() {
        let mut out = String::new();
        csv_row(&mut out, &["plain", "a,b", "say \"hi\"", "two\nlines", "=SUM(A1)", ""]);
        assert_eq!(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",'=SUM(A1),\r\n");
    }

    #[test]
    fn numbers_are_the_figures_ones() {
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(12), "12");
        assert_eq!(percent(1, 3), "33%");
        assert_eq!(percent(1, 0), "0%");
        assert_eq!(percent(149, 200), "75%");
        assert_eq!(percent(200, 201), "99%");
    }
}
