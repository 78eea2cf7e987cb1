//! Reading Markdown into a guide: the builder that places each line (title,
//! objective, metadata, sections, questions, probes) and the warnings for
//! what it cannot place.

use super::inline::{inline, minutes, split_time};
use super::lines::{Block, Meta, blocks, excerpt, is_objective_title, metadata};
use super::{DEFAULT_KIND, IMPLICIT_SECTION, Imported, Warning};
use crate::domain::guide::{Guide, Question, Section};
use crate::domain::note::normalize_tag;

struct RawQuestion {
    line: usize,
    text: String,
    indent: usize,
    probes: Vec<(usize, String, usize)>,
}

struct RawSection {
    title: String,
    budget: Option<u32>,
    questions: Vec<RawQuestion>,
    /// Paragraphs of an "Objective" section went to the guide's objective.
    gave_objective: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    /// Before the title heading.
    Before,
    /// Under the title: paragraphs are the objective.
    Title,
    Section,
}

struct Builder {
    name: String,
    title: Option<String>,
    /// The file has section headings besides the title.
    has_sections: bool,
    title_minutes: Option<u32>,
    duration: Option<u32>,
    kind: Option<String>,
    consent: bool,
    tags: Vec<String>,
    closing: Option<String>,
    objective: Vec<String>,
    sections: Vec<RawSection>,
    ctx: Ctx,
    paragraph: Vec<(usize, String)>,
    /// The previous line was a list item (or its continuation): text joins it.
    in_item: bool,
    warnings: Vec<Warning>,
}

impl Builder {
    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(Warning { line, message: message.into() });
    }

    fn section(&mut self, line: usize) -> &mut RawSection {
        if self.ctx != Ctx::Section || self.sections.is_empty() {
            if self.has_sections {
                self.warn(
                    line,
                    format!("list before the first section: imported into a section called {IMPLICIT_SECTION:?}"),
                );
            }
            self.sections.push(RawSection {
                title: IMPLICIT_SECTION.to_string(),
                budget: None,
                questions: vec![],
                gave_objective: false,
            });
            self.ctx = Ctx::Section;
        }
        self.sections.last_mut().expect("just ensured")
    }

    fn item(&mut self, line: usize, indent: usize, raw: &str) {
        let raw = ["[ ]", "[x]", "[X]"].iter().find_map(|b| raw.strip_prefix(b)).unwrap_or(raw).trim().to_string();
        let mut deeper = false;
        let section = self.section(line);
        match section.questions.last_mut().filter(|q| indent >= q.indent + 2) {
            Some(q) => {
                // Deeper than a probe: flattened into the question's probes.
                let probe_indent = q.probes.last().map(|p| p.2);
                deeper = probe_indent.is_some_and(|pi| indent >= pi + 2);
                let keep = if deeper { probe_indent.unwrap_or(indent) } else { indent };
                q.probes.push((line, raw, keep));
            }
            None => section.questions.push(RawQuestion { line, text: raw, indent, probes: vec![] }),
        }
        if deeper {
            self.warn(line, "list nested below a probe: imported as a probe of the question");
        }
        self.in_item = true;
    }

    fn continue_item(&mut self, raw: &str) {
        let Some(q) = self.sections.last_mut().and_then(|s| s.questions.last_mut()) else { return };
        let text = match q.probes.last_mut() {
            Some((_, text, _)) => text,
            None => &mut q.text,
        };
        text.push(' ');
        text.push_str(raw.trim());
    }

    fn meta(&mut self, line: usize, meta: Meta, value_raw: &str) {
        let value = inline(value_raw);
        match meta {
            Meta::Duration => match minutes(&value, false) {
                Some(m) if self.ctx == Ctx::Section => {
                    let section = self.sections.last_mut().expect("in a section");
                    if section.budget.is_some() {
                        self.warn(line, format!("the section already has a time; {value:?} not imported"));
                    } else {
                        section.budget = Some(m);
                    }
                }
                Some(m) => {
                    if self.duration.is_some_and(|d| d != m) {
                        self.warn(line, format!("a second duration ({m} min) replaces the first"));
                    }
                    self.duration = Some(m);
                }
                None => self.warn(line, format!("could not read a time in minutes from {value:?}; not imported")),
            },
            Meta::Kind => self.kind = Some(value),
            Meta::Consent => match value.trim().to_lowercase().as_str() {
                "required" | "yes" | "true" | "ask" => self.consent = true,
                "no" | "false" | "not required" => self.consent = false,
                other => {
                    self.warn(line, format!("consent should be \"required\" or \"no\", not {other:?}; not imported"))
                }
            },
            Meta::Closing => self.closing = Some(value),
            Meta::Objective => {
                if !value.is_empty() {
                    self.objective.push(value)
                }
            }
            Meta::Tags => {
                let words: Vec<&str> = value
                    .split(',')
                    .flat_map(|piece| {
                        let piece = piece.trim();
                        if piece.split_whitespace().filter(|w| w.starts_with('#')).count() > 1 {
                            piece.split_whitespace().collect::<Vec<_>>()
                        } else {
                            vec![piece]
                        }
                    })
                    .filter(|w| !w.is_empty())
                    .collect();
                for w in words {
                    match normalize_tag(w) {
                        Some(tag) if !self.tags.contains(&tag) => self.tags.push(tag),
                        Some(_) => {}
                        None => self.warn(line, format!("{w:?} cannot be a tag; not imported")),
                    }
                }
            }
        }
    }

    fn flush(&mut self) {
        let paragraph = std::mem::take(&mut self.paragraph);
        let mut text: Vec<(usize, String)> = Vec::new();
        // An "Objective:" line's text may wrap onto the lines after it.
        let mut objective_open = false;
        for (line, raw) in paragraph {
            let is_meta = match metadata(&raw) {
                Some((Meta::Duration, v)) if self.ctx == Ctx::Section => {
                    self.meta(line, Meta::Duration, v);
                    true
                }
                Some((m, v)) if self.ctx != Ctx::Section => {
                    let before = self.objective.len();
                    self.meta(line, m, v);
                    objective_open = m == Meta::Objective && self.objective.len() > before;
                    true
                }
                _ => false,
            };
            if is_meta {
                continue;
            }
            match self.objective.last_mut().filter(|_| objective_open) {
                Some(objective) => {
                    objective.push(' ');
                    objective.push_str(&inline(&raw));
                }
                None => text.push((line, raw)),
            }
        }
        let Some(first) = text.first().map(|(l, _)| *l) else { return };
        let joined = inline(&text.iter().map(|(_, r)| r.as_str()).collect::<Vec<_>>().join(" "));
        match self.ctx {
            Ctx::Title => self.objective.push(joined),
            Ctx::Section => {
                let section = self.sections.last_mut().expect("in a section");
                if is_objective_title(&section.title) && section.questions.is_empty() {
                    section.gave_objective = true;
                    self.objective.push(joined);
                } else {
                    self.warn(first, format!("text between lists not imported: {:?}", excerpt(&joined)));
                }
            }
            Ctx::Before => self.warn(first, format!("text before the title not imported: {:?}", excerpt(&joined))),
        }
    }

    fn finish(mut self) -> Imported {
        self.flush();
        let mut warnings = std::mem::take(&mut self.warnings);
        let title = match self.title.take().filter(|t| !t.is_empty()) {
            Some(t) => t,
            None => {
                warnings.push(Warning {
                    line: 1,
                    message: format!("no `#` title heading with text: the guide is titled {:?}", self.name),
                });
                self.name.clone()
            }
        };
        let mut sections = Vec::new();
        for raw in self.sections {
            if raw.gave_objective && raw.questions.is_empty() {
                continue;
            }
            let mut questions = Vec::new();
            for q in raw.questions {
                let text = inline(&q.text);
                let mut probes = Vec::new();
                for (line, p, _) in q.probes {
                    let p = inline(&p);
                    if p.is_empty() {
                        warnings.push(Warning { line, message: "empty probe skipped".into() });
                    } else {
                        probes.push(p);
                    }
                }
                if text.is_empty() {
                    warnings.push(Warning { line: q.line, message: "empty question skipped".into() });
                    for p in probes {
                        warnings.push(Warning {
                            line: q.line,
                            message: format!("probe {p:?} of an empty question not imported"),
                        });
                    }
                    continue;
                }
                questions.push(Question { id: String::new(), text, probes });
            }
            sections.push(Section { title: raw.title, budget: raw.budget, questions });
        }
        for (s, section) in sections.iter_mut().enumerate() {
            for (q, question) in section.questions.iter_mut().enumerate() {
                question.id = format!("{}.{}", s + 1, q + 1);
            }
        }
        warnings.sort_by_key(|w| w.line);
        let guide = Guide {
            name: self.name,
            title,
            kind: self.kind.unwrap_or_else(|| DEFAULT_KIND.to_string()),
            objective: self.objective.join("\n\n"),
            duration: self.duration.or(self.title_minutes),
            closing: self.closing,
            tags: self.tags,
            consent: self.consent,
            sections,
        };
        Imported { guide, warnings }
    }
}

/// Reads a Markdown discussion guide. `name` is the guide's name (the file
/// stem), and its title when the file has no title heading.
pub fn import(text: &str, name: &str) -> Imported {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut warnings = Vec::new();
    let blocks = blocks(&lines, &mut warnings);
    let has_h2 = blocks.iter().any(|b| matches!(b, Block::Heading { level, .. } if *level >= 2));
    let h1_count = blocks.iter().filter(|b| matches!(b, Block::Heading { level: 1, .. })).count();
    let title_from_heading = has_h2 || h1_count == 1;
    let mut b = Builder {
        name: name.to_string(),
        title: None,
        has_sections: has_h2,
        title_minutes: None,
        duration: None,
        kind: None,
        consent: false,
        tags: vec![],
        closing: None,
        objective: vec![],
        sections: vec![],
        ctx: if title_from_heading { Ctx::Before } else { Ctx::Title },
        paragraph: vec![],
        in_item: false,
        warnings,
    };
    for (i, block) in blocks.iter().enumerate() {
        let line = i + 1;
        let in_item = std::mem::replace(&mut b.in_item, false);
        match *block {
            Block::Text { raw } if in_item => {
                b.continue_item(raw);
                b.in_item = true;
            }
            Block::Text { raw } => b.paragraph.push((line, raw.to_string())),
            Block::Item { indent, raw } => {
                b.flush();
                b.item(line, indent, raw);
            }
            Block::Heading { level, raw } => {
                b.flush();
                let (title_raw, minutes, _) = split_time(raw);
                let title = inline(&title_raw);
                if level == 1 && title_from_heading && b.title.is_none() {
                    b.title = Some(title);
                    b.title_minutes = minutes;
                    b.ctx = Ctx::Title;
                } else {
                    b.sections.push(RawSection { title, budget: minutes, questions: vec![], gave_objective: false });
                    b.ctx = Ctx::Section;
                }
            }
            Block::Blank | Block::Break | Block::Skipped => b.flush(),
        }
    }
    b.finish()
}
