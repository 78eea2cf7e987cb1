//! Codebooks as CSV, the shape the research tools without REFI-QDA trade in:
//! Taguette's `tag,description`, Dovetail's and spreadsheets' `name` (or
//! `tag`) with a `path` of `Theme/Code`. Written as `tag,description,theme`
//! and our extra columns (`use_when`, `not_when`, `examples` one per line,
//! `aliases` comma-separated, `colour`): one column only names the code,
//! since Taguette refuses a file with more than one of `tag`, `name` and
//! `path`. Read from any of these shapes, columns found by their header in
//! any order and case, unknown columns left aside and named.
//!
//! The file starts with a UTF-8 byte order mark, so the tools that guess
//! the encoding (Taguette, spreadsheets) read accents right.
//!
//! CSV carries codes; a code's theme travels by name (in `theme`, or as the
//! first part of a `path` when read), so a theme's own description and
//! colour stay out (the `.qdc` keeps them).

use crate::analysis::refi::codes::{ExCode, ExCodebook, key};
use crate::analysis::report::csv::csv_row;

pub const HEADER: [&str; 8] = ["tag", "description", "theme", "use_when", "not_when", "examples", "aliases", "colour"];

/// The codebook as CSV: one row per code, themes first as in the `.qdc`.
pub fn write(cb: &ExCodebook) -> String {
    // The byte order mark says UTF-8 to readers that guess (Taguette reads
    // a codebook with few accents as Mac Roman without it; spreadsheets too).
    let mut out = String::from('\u{feff}');
    csv_row(&mut out, &HEADER);
    let ordered = cb
        .all_themes()
        .into_iter()
        .flat_map(|t| cb.codes.iter().filter(move |c| c.theme.as_deref().is_some_and(|x| key(x) == key(&t.name))))
        .chain(cb.codes.iter().filter(|c| c.theme.is_none()));
    for c in ordered {
        let examples = c.examples.iter().map(|e| e.replace('\n', " ")).collect::<Vec<_>>().join("\n");
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        csv_row(
            &mut out,
            &[
                &c.name,
                &opt(&c.description),
                &opt(&c.theme),
                &opt(&c.use_when),
                &opt(&c.not_when),
                &examples,
                &c.aliases.join(", "),
                &opt(&c.colour),
            ],
        );
    }
    out
}

/// What reading a CSV codebook gave.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Read {
    pub codebook: ExCodebook,
    /// Headers of columns not read.
    pub ignored_columns: Vec<String>,
    /// Data rows left out for having no code name (1-based line numbers).
    pub skipped_rows: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq)]
enum Column {
    Name,
    Description,
    Path,
    Theme,
    UseWhen,
    NotWhen,
    Examples,
    Aliases,
    Colour,
}

fn column(header: &str) -> Option<Column> {
    let h = header.trim().to_lowercase().replace([' ', '-'], "_");
    Some(match h.as_str() {
        "tag" | "name" | "code" | "tag_name" | "title" => Column::Name,
        "description" | "definition" | "meaning" => Column::Description,
        "path" => Column::Path,
        "theme" | "group" | "category" | "parent" => Column::Theme,
        "use_when" => Column::UseWhen,
        "not_when" => Column::NotWhen,
        "examples" | "example" => Column::Examples,
        "aliases" | "alias" | "synonyms" => Column::Aliases,
        "colour" | "color" => Column::Colour,
        _ => return None,
    })
}

/// Reads a CSV codebook. The first row names the columns and must have a
/// code name (`tag`, `name`, `code`) or a `path`.
pub fn read(text: &str) -> Result<Read, String> {
    let rows = parse(text.strip_prefix('\u{feff}').unwrap_or(text))?;
    let Some((header, data)) = rows.split_first() else { return Err("the CSV file is empty".into()) };
    let columns: Vec<Option<Column>> = header.1.iter().map(|h| column(h)).collect();
    if !columns.iter().any(|c| matches!(c, Some(Column::Name | Column::Path))) {
        return Err(format!(
            "line 1 must name the columns, with one of tag, name, code or path (found: {})",
            header.1.join(", ")
        ));
    }
    let ignored_columns =
        header.1.iter().zip(&columns).filter(|(_, c)| c.is_none()).map(|(h, _)| h.trim().to_string()).collect();
    let mut out = Read { ignored_columns, ..Read::default() };
    for (line, fields) in data {
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        match code_of_row(&columns, fields) {
            Some(code) => out.codebook.codes.push(code),
            None => out.skipped_rows.push(*line),
        }
    }
    Ok(out)
}

/// A spreadsheet's guard against formulas (a leading `'`, as our own CSV
/// writes it) taken off again.
fn unguard(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => field,
    }
}

fn code_of_row(columns: &[Option<Column>], fields: &[String]) -> Option<ExCode> {
    let mut code = ExCode::default();
    let mut path: Option<String> = None;
    let some = |v: &str| Some(v.trim().to_string()).filter(|v| !v.is_empty());
    for (col, raw) in columns.iter().zip(fields) {
        let value = unguard(raw);
        match col {
            Some(Column::Name) => code.name = value.trim().to_string(),
            Some(Column::Description) => code.description = some(value),
            Some(Column::Path) => path = some(value),
            Some(Column::Theme) => code.theme = some(value),
            Some(Column::UseWhen) => code.use_when = some(value),
            Some(Column::NotWhen) => code.not_when = some(value),
            Some(Column::Examples) => {
                code.examples = value.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
            }
            Some(Column::Aliases) => {
                code.aliases = value.split(',').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect()
            }
            Some(Column::Colour) => code.colour = some(value),
            None => {}
        }
    }
    if let Some(p) = path {
        // `Theme/Code`; deeper paths keep the nearest parent as the theme,
        // as a nested `.qdc` reads.
        let parts: Vec<&str> = p.split('/').map(str::trim).filter(|s| !s.is_empty()).collect();
        if let Some((last, parents)) = parts.split_last() {
            if code.name.is_empty() {
                code.name = last.to_string();
            }
            if code.theme.is_none() {
                code.theme = parents.last().map(|t| t.to_string());
            }
        }
    }
    (!code.name.is_empty()).then_some(code)
}

/// RFC 4180 rows, each with the line it starts on: quoted fields may hold
/// commas, doubled quotes and line breaks; CRLF or LF end a row.
fn parse(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let (mut line, mut row_line) = (1, 1);
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push((row_line, std::mem::take(&mut row)));
                line += 1;
                row_line = line;
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(format!("line {row_line}: a quoted field is never closed"));
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push((row_line, row));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::refi::codes::ExTheme;

    #[test]
    fn taguettes_shape_reads_as_bare_codes() {
        let r = read("tag,description,highlights\r\npricing,\"What it costs, and \"\"fair\"\"\",12\r\ntrust,,3\r\n")
            .unwrap();
        let names: Vec<(&str, Option<&str>)> =
            r.codebook.codes.iter().map(|c| (c.name.as_str(), c.description.as_deref())).collect();
        assert_eq!(names, vec![("pricing", Some("What it costs, and \"fair\"")), ("trust", None)]);
        assert_eq!(r.ignored_columns, vec!["highlights"]);
    }

    #[test]
    fn a_path_gives_the_theme_and_the_name_when_missing() {
        let r = read("\u{feff}Name,Path,Description\nPricing,Money/Pricing,costs\n,Trust/Vendor trust,\n,,\n").unwrap();
        let got: Vec<(&str, Option<&str>)> =
            r.codebook.codes.iter().map(|c| (c.name.as_str(), c.theme.as_deref())).collect();
        assert_eq!(got, vec![("Pricing", Some("Money")), ("Vendor trust", Some("Trust"))]);
    }

    #[test]
    fn a_file_without_a_name_column_is_refused_and_rows_without_a_name_are_said() {
        assert!(read("description\nx\n").unwrap_err().contains("tag, name, code or path"));
        assert!(read("tag\n\"open\n").unwrap_err().contains("never closed"));
        let r = read("tag,description\n,orphan description\nok,\n").unwrap();
        assert_eq!(r.skipped_rows, vec![2]);
    }

    #[test]
    fn the_written_csv_says_it_is_utf8_with_a_byte_order_mark() {
        // Taguette guesses a CSV's encoding (chardet): without the mark, a
        // codebook with few accents reads as Mac Roman ("données" became
        // "donn√©es"). Spreadsheets also want the mark to read UTF-8.
        let cb = ExCodebook {
            codes: vec![ExCode { name: "données".into(), ..ExCode::default() }],
            ..ExCodebook::default()
        };
        let text = write(&cb);
        assert!(text.starts_with("\u{feff}tag,"), "{text:?}");
        assert_eq!(read(&text).unwrap().codebook.codes, cb.codes);
    }

    #[test]
    fn the_written_header_names_the_code_in_one_column_only_as_taguette_requires() {
        // Taguette's import refuses a CSV with more than one of tag, name
        // and path ("Not sure which column to use for tag name").
        let text = write(&ExCodebook::default());
        let header: Vec<&str> = text.trim_start_matches('\u{feff}').lines().next().unwrap().split(',').collect();
        let naming: Vec<&&str> = header.iter().filter(|h| ["tag", "name", "path"].contains(h)).collect();
        assert_eq!(naming, [&"tag"], "{header:?}");
    }

    #[test]
    fn our_csv_reads_back_the_same_codebook() {
        let cb = ExCodebook {
            codes: vec![
                ExCode {
                    name: "pricing".into(),
                    description: Some("=SUM(A1) is not a formula here, \"ok\"".into()),
                    use_when: Some("money, in\ntwo lines".into()),
                    not_when: Some("-value".into()),
                    examples: vec!["too pricey".into(), "per seat, per month".into()],
                    theme: Some("Money".into()),
                    aliases: vec!["price".into(), "cost".into()],
                    colour: Some("#ff8800".into()),
                },
                ExCode { name: "trust".into(), ..ExCode::default() },
            ],
            themes: vec![ExTheme { name: "Money".into(), ..ExTheme::default() }],
        };
        let text = write(&cb);
        assert!(text.starts_with("\u{feff}tag,description,theme,"), "{text}");
        let back = read(&text).unwrap();
        assert_eq!(back.codebook.codes, cb.codes);
        assert_eq!(back.codebook.all_themes(), cb.themes);
        assert!(back.ignored_columns.is_empty() && back.skipped_rows.is_empty());
    }
}
