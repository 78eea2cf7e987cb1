//! The REFI-QDA `CodeBook` element, written (in a project, or alone as a
//! `.qdc` under the codebook namespace) and read back.
//!
//! The standard gives a code a name, a colour, a description and child
//! codes. fieldnotes maps its codebook onto that:
//! - a theme is a code that is not codable (`isCodable="false"`), with its
//!   codes inside it; codes with no theme sit at the top;
//! - the code's description, its "use when" and "not when" rules, examples
//!   and aliases all go in `Description`, as labelled paragraphs a person
//!   reads in any tool ("Use when: …", "Not when: …", "Examples:" with one
//!   "- " line each, "Aliases: a, b"), and are read back from them;
//! - the colour goes in `color` when it is `#rgb` or `#rrggbb` (the schema
//!   allows nothing else); other colours stay out.
//!
//! Reading takes any tool's codebook: a code with child codes is a theme
//! (its children's theme is the nearest such parent), a code without is a
//! code, unless it says it is not codable and has no children (an empty
//! theme).

use super::codes::{ExCode, ExCodebook, ExTheme, key};
use super::guid::guid;
use super::xml::{self, XmlWriter};
use quick_xml::events::Event;

pub const CODEBOOK_NS: &str = "urn:QDA-XML:codebook:1.0";

/// The GUID of the code named `name` (in any case): what codings point at.
pub fn code_guid(name: &str) -> String {
    guid("code", &[&key(name)])
}

fn theme_guid(name: &str) -> String {
    guid("theme", &[&key(name)])
}

/// Whether `c` is a colour the schema's RGBType accepts.
pub fn is_rgb(c: &str) -> bool {
    let hex = c.strip_prefix('#').unwrap_or("");
    (hex.len() == 6 || hex.len() == 3) && hex.chars().all(|h| h.is_ascii_hexdigit())
}

/// A `.qdc` file: the codebook alone, under the codebook namespace.
pub fn qdc(cb: &ExCodebook) -> String {
    let mut w = xml::writer();
    write_codebook(&mut w, cb, Some(CODEBOOK_NS));
    xml::finish(w)
}

/// Writes `<CodeBook>`; `namespace` for a file of its own, `None` inside a
/// project (which declares the project namespace). The schema wants at
/// least one code: callers leave the element out of an empty codebook.
pub fn write_codebook(w: &mut XmlWriter, cb: &ExCodebook, namespace: Option<&str>) {
    match namespace {
        Some(ns) => xml::open(w, "CodeBook", &[("xmlns", ns)]),
        None => xml::open(w, "CodeBook", &[]),
    }
    xml::open(w, "Codes", &[]);
    for theme in cb.all_themes() {
        let colour = theme.colour.as_deref().filter(|c| is_rgb(c));
        let guid = theme_guid(&theme.name);
        let mut attrs = vec![("guid", guid.as_str()), ("name", theme.name.as_str()), ("isCodable", "false")];
        attrs.extend(colour.map(|c| ("color", c)));
        xml::open(w, "Code", &attrs);
        if let Some(d) = theme.description.as_deref().filter(|d| !d.trim().is_empty()) {
            xml::text_element(w, "Description", d);
        }
        for code in cb.codes.iter().filter(|c| c.theme.as_deref().is_some_and(|t| key(t) == key(&theme.name))) {
            write_code(w, code);
        }
        xml::close(w, "Code");
    }
    for code in cb.codes.iter().filter(|c| c.theme.is_none()) {
        write_code(w, code);
    }
    xml::close(w, "Codes");
    xml::close(w, "CodeBook");
}

fn write_code(w: &mut XmlWriter, code: &ExCode) {
    let guid = code_guid(&code.name);
    let mut attrs = vec![("guid", guid.as_str()), ("name", code.name.as_str()), ("isCodable", "true")];
    attrs.extend(code.colour.as_deref().filter(|c| is_rgb(c)).map(|c| ("color", c)));
    match description_of(code) {
        Some(d) => {
            xml::open(w, "Code", &attrs);
            xml::text_element(w, "Description", &d);
            xml::close(w, "Code");
        }
        None => xml::empty(w, "Code", &attrs),
    }
}

const USE_WHEN: &str = "Use when: ";
const NOT_WHEN: &str = "Not when: ";
const EXAMPLES: &str = "Examples:";
const ALIASES: &str = "Aliases: ";

/// The description, rules, examples and aliases as one `Description` text.
pub fn description_of(c: &ExCode) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut add = |s: String| parts.push(s);
    if let Some(d) = c.description.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        add(d.to_string());
    }
    if let Some(u) = c.use_when.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        add(format!("{USE_WHEN}{u}"));
    }
    if let Some(n) = c.not_when.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        add(format!("{NOT_WHEN}{n}"));
    }
    if !c.examples.is_empty() {
        let lines: Vec<String> = c.examples.iter().map(|e| format!("- {}", e.trim().replace('\n', " "))).collect();
        add(format!("{EXAMPLES}\n{}", lines.join("\n")));
    }
    if !c.aliases.is_empty() {
        add(format!("{ALIASES}{}", c.aliases.join(", ")));
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Description,
    UseWhen,
    NotWhen,
    Examples,
    Aliases,
}

/// Reads a `Description` back into the fields `description_of` wrote.
/// Text with no labelled paragraph is all description.
pub fn parse_description(text: &str, code: &mut ExCode) {
    let mut parts: Vec<(Part, Vec<&str>)> = vec![(Part::Description, Vec::new())];
    for line in text.lines() {
        let (part, rest) = if let Some(r) = line.strip_prefix(USE_WHEN) {
            (Some(Part::UseWhen), r)
        } else if let Some(r) = line.strip_prefix(NOT_WHEN) {
            (Some(Part::NotWhen), r)
        } else if line.trim_end() == EXAMPLES {
            (Some(Part::Examples), "")
        } else if let Some(r) = line.strip_prefix(ALIASES) {
            (Some(Part::Aliases), r)
        } else {
            (None, line)
        };
        match part {
            Some(p) => parts.push((p, if rest.is_empty() { vec![] } else { vec![rest] })),
            None => parts.last_mut().expect("starts with one").1.push(rest),
        }
    }
    let joined = |lines: &[&str]| Some(lines.join("\n").trim().to_string()).filter(|s| !s.is_empty());
    for (part, lines) in parts {
        match part {
            Part::Description => code.description = joined(&lines),
            Part::UseWhen => code.use_when = joined(&lines),
            Part::NotWhen => code.not_when = joined(&lines),
            Part::Examples => {
                code.examples = lines
                    .iter()
                    .filter_map(|l| l.trim().strip_prefix("- ").or(l.trim().strip_prefix('-')))
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty())
                    .collect()
            }
            Part::Aliases => {
                code.aliases =
                    lines.join(",").split(',').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect()
            }
        }
    }
}

/// A code being read: what its start tag said, and what was inside so far.
struct Open {
    name: String,
    codable: bool,
    colour: Option<String>,
    description: Option<String>,
    has_children: bool,
    /// The nearest enclosing code that has children so far (its theme).
    parent: Option<usize>,
}

/// Reads the codebook of a `.qdc` file or of a project's `project.qde`.
pub fn read_codebook(text: &str) -> Result<ExCodebook, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    let mut in_description = false;
    let mut finished: Vec<Open> = Vec::new();
    let mut parents: Vec<Option<String>> = Vec::new();
    let mut saw_codebook = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("not a REFI-QDA codebook: {e} (at byte {})", reader.error_position()))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "CodeBook" => saw_codebook = true,
            Event::Start(e) if e.local_name().as_ref() == "Code" => {
                stack.push(open_code(&e, stack.len().checked_sub(1))?);
                if let Some(parent) = stack.len().checked_sub(2) {
                    stack[parent].has_children = true;
                }
            }
            Event::Empty(e) if e.local_name().as_ref() == "Code" => {
                if let Some(parent) = stack.last_mut() {
                    parent.has_children = true;
                }
                let code = open_code(&e, stack.len().checked_sub(1))?;
                parents.push(code.parent.map(|p| stack[p].name.clone()));
                finished.push(code);
            }
            Event::Start(e) if e.local_name().as_ref() == "Description" && !stack.is_empty() => in_description = true,
            Event::End(e) if e.local_name().as_ref() == "Description" => in_description = false,
            Event::Text(t) if in_description => {
                let s = t.xml10_content();
                stack.last_mut().expect("inside a code").description.get_or_insert_default().push_str(&s);
            }
            Event::GeneralRef(r) if in_description => {
                let name: &str = &r;
                let reference = format!("&{name};");
                let s = quick_xml::escape::unescape(&reference).map_err(|e| format!("in a Description: {e}"))?;
                stack.last_mut().expect("inside a code").description.get_or_insert_default().push_str(&s);
            }
            Event::End(e) if e.local_name().as_ref() == "Code" => {
                let code = stack.pop().ok_or("a </Code> closes no code")?;
                parents.push(code.parent.map(|p| stack[p].name.clone()));
                finished.push(code);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_codebook {
        return Err("not a REFI-QDA codebook: no CodeBook element".into());
    }
    Ok(assemble(finished, parents))
}

fn open_code(e: &quick_xml::events::BytesStart, parent: Option<usize>) -> Result<Open, String> {
    let mut open =
        Open { name: String::new(), codable: true, colour: None, description: None, has_children: false, parent };
    for a in e.attributes() {
        let a = a.map_err(|e| format!("a Code's attributes: {e}"))?;
        let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|e| e.to_string())?.into_owned();
        match a.key.local_name().as_ref() {
            "name" => open.name = value,
            "isCodable" => open.codable = value.trim() != "false" && value.trim() != "0",
            "color" => open.colour = Some(value),
            _ => {}
        }
    }
    if open.name.trim().is_empty() {
        return Err("a Code has no name".into());
    }
    Ok(open)
}

/// Codes and themes from the codes read, in document order.
fn assemble(finished: Vec<Open>, parents: Vec<Option<String>>) -> ExCodebook {
    // `finished` is in closing order; a parent closes after its children, so
    // put it back in opening order for a stable, readable result: themes in
    // the order they close is the order they open among themes.
    let mut cb = ExCodebook::default();
    for (o, parent) in finished.into_iter().zip(parents) {
        if o.has_children || !o.codable {
            cb.themes.push(ExTheme {
                name: o.name,
                description: o.description.map(|d| d.trim().to_string()),
                colour: o.colour,
            });
        } else {
            let mut code = ExCode { name: o.name, colour: o.colour, theme: parent, ..ExCode::default() };
            parse_description(o.description.as_deref().unwrap_or(""), &mut code);
            cb.codes.push(code);
        }
    }
    cb
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ExCodebook {
        ExCodebook {
            codes: vec![
                ExCode {
                    name: "pricing".into(),
                    description: Some("What it costs & whether that is fair.\nTwo lines.".into()),
                    use_when: Some("money is named".into()),
                    not_when: Some("it is about value, not cost".into()),
                    examples: vec!["too pricey <for us>".into(), "we pay per seat".into()],
                    theme: Some("Money".into()),
                    aliases: vec!["price".into(), "cost".into()],
                    colour: Some("#ff8800".into()),
                },
                ExCode { name: "trust".into(), ..ExCode::default() },
            ],
            themes: vec![ExTheme {
                name: "Money".into(),
                description: Some("All about money".into()),
                colour: Some("#abc".into()),
            }],
        }
    }

    #[test]
    fn a_codebook_reads_back_the_same() {
        let cb = sample();
        let text = qdc(&cb);
        assert!(text.contains("xmlns=\"urn:QDA-XML:codebook:1.0\""), "{text}");
        assert_eq!(read_codebook(&text).unwrap(), cb);
    }

    #[test]
    fn themes_are_codes_that_cannot_be_applied_with_their_codes_inside() {
        let text = qdc(&sample());
        let money = text.find("name=\"Money\" isCodable=\"false\"").expect(&text);
        let pricing = text.find("name=\"pricing\" isCodable=\"true\"").expect(&text);
        let trust = text.find("name=\"trust\"").expect(&text);
        let close = text.find("</Code>\n\t\t<Code").unwrap_or(usize::MAX);
        assert!(money < pricing && pricing < trust && close < trust + 10, "{text}");
    }

    #[test]
    fn another_tools_nested_codes_become_themes_and_codes() {
        let text = r#"<?xml version="1.0"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
  <Code guid="{11111111-1111-1111-1111-111111111111}" name="Feelings" isCodable="true">
    <Code guid="22222222-2222-2222-2222-222222222222" name="Joy" isCodable="true"><Description>Happy &amp; glad</Description></Code>
  </Code>
  <Code guid="33333333-3333-3333-3333-333333333333" name="Loose" isCodable="true"/>
</Codes></CodeBook>"#;
        let cb = read_codebook(text).unwrap();
        assert_eq!(cb.themes.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), vec!["Feelings"]);
        let joy = &cb.codes[0];
        assert_eq!(
            (joy.name.as_str(), joy.theme.as_deref(), joy.description.as_deref()),
            ("Joy", Some("Feelings"), Some("Happy & glad"))
        );
        assert_eq!((cb.codes[1].name.as_str(), cb.codes[1].theme.as_deref()), ("Loose", None));
    }

    #[test]
    fn a_file_that_is_not_a_codebook_is_refused() {
        assert!(read_codebook("<Project/>").unwrap_err().contains("no CodeBook"));
        assert!(read_codebook("<CodeBook><Codes><Code name=\"x\"></CodeBook>").is_err());
    }
}
