//! A REFI-QDA project (`project.qde` and the plain text of its sources) from
//! the library's interviews.
//!
//! - Every interview is a `TextSource` whose text (in `Sources/`, named by
//!   its GUID) is built here: a header, its notes with their times, the
//!   closing question and answer, and the transcript where there is one.
//! - Every tagged note (and a tagged closing answer) is a
//!   `PlainTextSelection` over the note's words (`positions.rs` says how
//!   positions count), with one `Coding` per code.
//! - The codebook is the library's, with its themes as parent codes; tags
//!   it does not know are added as codes at the top. With no codebook, the
//!   codes are the tags.
//! - Every participant is a `Case` holding their interviews, with segment,
//!   company and role as text `Variables` (from their latest interview that
//!   says).
//! - Quotes of an interview whose participant said no to sharing quotes
//!   stay out, as in every report.
//! - Anonymised, every name goes through `Anonymizer` (P1, C1, P1-2) and
//!   every text is scrubbed, GUIDs included (they are derived from what is
//!   shown, so they hold no name either).

use super::codebook_xml::{code_guid, write_codebook};
use super::codes::{ExCode, ExCodebook, ExTheme, key};
use super::guid::guid;
use super::positions::{SourceText, Span};
use super::xml::{self, XmlWriter};
use crate::analysis::anonymize::Anonymizer;
use crate::analysis::synthesis::{Filter, SessionRecord};
use crate::domain::note::Kind;
use crate::domain::transcript::Transcript;
use std::borrow::Cow;
use std::collections::BTreeMap;

pub const PROJECT_NS: &str = "urn:QDA-XML:project:1.0";

/// One interview going into the project.
pub struct Interview<'a> {
    pub record: &'a SessionRecord,
    /// Indices of the notes to include.
    pub notes: Vec<usize>,
    pub closing: bool,
    pub transcript: Option<&'a Transcript>,
}

/// The interviews a filter keeps, each with the notes it keeps (quotes left
/// out where the participant did not agree to share them).
pub fn select<'a>(records: &'a [SessionRecord], filter: &Filter) -> Vec<Interview<'a>> {
    records
        .iter()
        .filter(|s| filter.keeps_session(*s))
        .map(|s| Interview {
            record: s,
            notes: filter
                .notes_of(s)
                .filter(|(_, n)| s.quotes_shareable || n.kind != Kind::Quote)
                .map(|(i, _)| i)
                .collect(),
            closing: filter.keeps_closing(s),
            transcript: None,
        })
        .filter(|i| filter.tag.is_none() || !i.notes.is_empty() || i.closing)
        .collect()
}

/// What `build` made: the XML and the sources' files, plus counts to report.
pub struct Project {
    pub qde: String,
    /// `(file name inside Sources/, text)`.
    pub sources: Vec<(String, String)>,
    pub selections: usize,
    pub codes: usize,
    pub cases: usize,
}

/// Names and texts as the project shows them: scrubbed when anonymised.
struct Shown<'a> {
    anon: Option<&'a Anonymizer>,
}

impl Shown<'_> {
    fn text<'t>(&self, t: &'t str) -> Cow<'t, str> {
        match self.anon {
            Some(a) => a.scrub(t),
            None => Cow::Borrowed(t),
        }
    }
    fn session(&self, s: &SessionRecord) -> String {
        self.anon.map_or_else(|| s.id.clone(), |a| a.session(&s.id))
    }
    fn participant(&self, s: &SessionRecord) -> String {
        self.anon.map_or_else(|| s.participant.clone(), |a| a.participant(&s.participant))
    }
    fn company(&self, c: &str) -> String {
        self.anon.map_or_else(|| c.to_string(), |a| a.company(c))
    }
}

/// One selection: where, and which codes (their shown names).
struct Selection {
    guid: String,
    name: String,
    span: Span,
    codes: Vec<String>,
}

/// Builds the project named `name` from `interviews` and the library's
/// `codebook` (empty: none).
pub fn build(name: &str, interviews: &[Interview], codebook: &ExCodebook, anon: Option<&Anonymizer>) -> Project {
    let shown = Shown { anon };
    let codebook = effective_codebook(codebook, interviews);
    let shown_codebook = scrub_codebook(&codebook, &shown);
    // Tag (as compared) → the shown name of its code; tags are mostly
    // lower-case already, so most lookups need no new string.
    let index = codebook.index();
    let code_of = |tag: &str| -> Option<String> {
        let i = match index.get(tag) {
            Some(&i) => i,
            None => *index.get(&key(tag))?,
        };
        Some(shown_codebook.codes[i].name.clone())
    };
    let mut w = xml::writer();
    let origin = format!("fieldnotes {}", env!("CARGO_PKG_VERSION"));
    xml::open(&mut w, "Project", &[("xmlns", PROJECT_NS), ("name", &shown.text(name)), ("origin", &origin)]);
    if !shown_codebook.codes.is_empty() || !shown_codebook.themes.is_empty() {
        write_codebook(&mut w, &shown_codebook, None);
    }
    let cases = write_variables_and_cases(&mut w, interviews, &shown);
    let mut sources = Vec::new();
    let mut selections = 0;
    if !interviews.is_empty() {
        xml::open(&mut w, "Sources", &[]);
        for iv in interviews {
            let (file, text, sels) = source_text(iv, &shown, &code_of);
            selections += sels.len();
            write_source(&mut w, iv, &shown, &file, &sels);
            sources.push((file, text));
        }
        xml::close(&mut w, "Sources");
    }
    xml::close(&mut w, "Project");
    Project { qde: xml::finish(w), sources, selections, codes: shown_codebook.codes.len(), cases }
}

/// The codebook with every tag the interviews use that it lacks added as a
/// code of its own (no codebook at all: the tags).
fn effective_codebook(cb: &ExCodebook, interviews: &[Interview]) -> ExCodebook {
    let mut out = cb.clone();
    let known = cb.index();
    let mut missing: Vec<&str> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for iv in interviews {
        let s = iv.record;
        // A session's distinct tags when every note goes in (the same few
        // words, not every note's), else the kept notes' own.
        let tags: Vec<&str> = if iv.notes.len() == s.notes().len() {
            s.tags().iter().map(String::as_str).collect()
        } else {
            iv.notes.iter().flat_map(|&i| s.tags_of(&s.notes()[i])).collect()
        };
        let closing_tags = s.closing_tags.iter().map(String::as_str).filter(|_| iv.closing);
        for t in tags.into_iter().chain(closing_tags) {
            if seen.insert(t) && !known.contains_key(&key(t)) {
                missing.push(t);
            }
        }
    }
    out.codes.extend(ExCodebook::from_tags(missing).codes);
    out
}

fn scrub_codebook(cb: &ExCodebook, shown: &Shown) -> ExCodebook {
    let opt = |v: &Option<String>| v.as_deref().map(|t| shown.text(t).into_owned());
    ExCodebook {
        codes: cb
            .codes
            .iter()
            .map(|c| ExCode {
                name: shown.text(&c.name).into_owned(),
                description: opt(&c.description),
                use_when: opt(&c.use_when),
                not_when: opt(&c.not_when),
                examples: c.examples.iter().map(|e| shown.text(e).into_owned()).collect(),
                theme: opt(&c.theme),
                aliases: c.aliases.iter().map(|a| shown.text(a).into_owned()).collect(),
                colour: c.colour.clone(),
            })
            .collect(),
        themes: cb
            .themes
            .iter()
            .map(|t| ExTheme {
                name: shown.text(&t.name).into_owned(),
                description: opt(&t.description),
                colour: t.colour.clone(),
            })
            .collect(),
    }
}

fn source_guid(iv: &Interview, shown: &Shown) -> String {
    guid("source", &[&shown.session(iv.record)])
}

/// The interview's text, its file name in `Sources/`, and its selections.
fn source_text(
    iv: &Interview,
    shown: &Shown,
    code_of: &dyn Fn(&str) -> Option<String>,
) -> (String, String, Vec<Selection>) {
    let s = iv.record;
    let session = shown.session(s);
    let mut t = SourceText::default();
    let mut sels = Vec::new();
    let title = shown.text(s.title.trim());
    t.push(&format!("{}\n", if title.is_empty() { Cow::Borrowed(session.as_str()) } else { title }));
    t.push(&format!("Participant: {}\n", participant_line(s, shown)));
    t.push(&format!("Date: {} · Guide: {}\n", s.date(), shown.text(&s.guide)));
    t.push("\nNotes\n");
    for &i in &iv.notes {
        let n = &s.notes()[i];
        let kind = if n.kind == Kind::Note { String::new() } else { format!("{}: ", n.kind.label()) };
        t.push(&format!("[{}] {kind}", s.note_time(n)));
        let span = t.push_span(&shown.text(s.text(n)));
        t.push("\n");
        let codes = codes_for(s.tags_of(n), code_of);
        if !codes.is_empty() {
            let name = s.note_time(n);
            sels.push(Selection { guid: guid("selection", &[&session, &i.to_string()]), name, span, codes });
        }
    }
    if iv.closing
        && let Some(answer) = &s.closing_answer
    {
        let question = s.closing_question.as_deref().unwrap_or(crate::domain::session::DEFAULT_CLOSING);
        t.push(&format!("\nClosing question: {}\nAnswer: ", shown.text(question)));
        let span = t.push_span(&shown.text(answer));
        t.push("\n");
        let codes = codes_for(s.closing_tags.iter().map(String::as_str), code_of);
        if !codes.is_empty() {
            sels.push(Selection { guid: guid("closing", &[&session]), name: "closing answer".into(), span, codes });
        }
    }
    if let Some(tr) = iv.transcript.filter(|tr| !tr.cues.is_empty()) {
        t.push("\nTranscript\n");
        for cue in &tr.cues {
            let clock = crate::text::width::clock(cue.start.max(0.0) as u32);
            let who = cue.speaker.as_deref().map(|w| format!("{}: ", shown.text(w))).unwrap_or_default();
            t.push(&format!("[{clock}] {who}{}\n", shown.text(&cue.text)));
        }
    }
    (format!("{}.txt", source_guid(iv, shown)), t.into_string(), sels)
}

fn participant_line(s: &SessionRecord, shown: &Shown) -> String {
    let mut parts = vec![shown.participant(s)];
    parts.extend(s.company.as_deref().map(|c| shown.company(c)));
    parts.extend(s.role.as_deref().map(|r| shown.text(r).into_owned()));
    parts.extend(s.segment.as_deref().map(|g| shown.text(g).into_owned()));
    parts.join(" · ")
}

/// The shown names of the codes of these tags, each once, in tag order.
fn codes_for<'t>(tags: impl Iterator<Item = &'t str>, code_of: &dyn Fn(&str) -> Option<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in tags.filter_map(code_of) {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

fn write_source(w: &mut XmlWriter, iv: &Interview, shown: &Shown, file: &str, sels: &[Selection]) {
    let guid_s = source_guid(iv, shown);
    let path = format!("internal://{file}");
    let name = shown.session(iv.record);
    xml::open(w, "TextSource", &[("guid", &guid_s), ("name", &name), ("plainTextPath", &path)]);
    for sel in sels {
        let (start, end) = (sel.span.start.to_string(), sel.span.end.to_string());
        xml::open(
            w,
            "PlainTextSelection",
            &[("guid", &sel.guid), ("name", &sel.name), ("startPosition", &start), ("endPosition", &end)],
        );
        for code in &sel.codes {
            xml::open(w, "Coding", &[("guid", &guid("coding", &[&sel.guid, &key(code)]))]);
            xml::empty(w, "CodeRef", &[("targetGUID", &code_guid(code))]);
            xml::close(w, "Coding");
        }
        xml::close(w, "PlainTextSelection");
    }
    xml::close(w, "TextSource");
}

const VARIABLES: [&str; 3] = ["Segment", "Company", "Role"];

/// `<Variables>` and `<Cases>`; returns how many cases.
fn write_variables_and_cases(w: &mut XmlWriter, interviews: &[Interview], shown: &Shown) -> usize {
    // Participant (as compared) → their interviews, oldest first.
    let mut people: BTreeMap<String, Vec<&Interview>> = BTreeMap::new();
    for iv in interviews {
        people.entry(shown.participant(iv.record).trim().to_lowercase()).or_default().push(iv);
    }
    if people.is_empty() {
        return 0;
    }
    xml::open(w, "Variables", &[]);
    for v in VARIABLES {
        xml::empty(w, "Variable", &[("guid", &guid("variable", &[v])), ("name", v), ("typeOfVariable", "Text")]);
    }
    xml::close(w, "Variables");
    xml::open(w, "Cases", &[]);
    for (who, mut ivs) in people.clone() {
        ivs.sort_by_key(|iv| iv.record.started_at);
        let latest = |f: fn(&SessionRecord) -> Option<&String>| ivs.iter().rev().find_map(|iv| f(iv.record)).cloned();
        let values = [
            latest(|s| s.segment.as_ref()).map(|v| shown.text(&v).into_owned()),
            latest(|s| s.company.as_ref()).map(|v| shown.company(&v)),
            latest(|s| s.role.as_ref()).map(|v| shown.text(&v).into_owned()),
        ];
        let name = shown.participant(ivs[ivs.len() - 1].record);
        xml::open(w, "Case", &[("guid", &guid("case", &[&who])), ("name", &name)]);
        for (v, value) in VARIABLES.iter().zip(values) {
            let Some(value) = value else { continue };
            xml::open(w, "VariableValue", &[]);
            xml::empty(w, "VariableRef", &[("targetGUID", &guid("variable", &[v]))]);
            xml::text_element(w, "TextValue", &value);
            xml::close(w, "VariableValue");
        }
        for iv in &ivs {
            xml::empty(w, "SourceRef", &[("targetGUID", &source_guid(iv, shown))]);
        }
        xml::close(w, "Case");
    }
    xml::close(w, "Cases");
    people.len()
}
