//! Candidates from a CSV file (a CRM or spreadsheet export) as roster
//! entries: header names matched leniently ("Full name", "E-mail",
//! "Organisation"…), other columns kept as free fields, every row added as
//! `to-recruit`, a row naming someone already on the roster (same name and
//! company) skipped and counted, problems reported with their line.

use crate::domain::person::Person;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Import {
    pub added: Vec<Person>,
    /// Rows naming someone on the roster or earlier in the file.
    pub duplicates: usize,
    /// "line 7: no name", in file order.
    pub errors: Vec<String>,
}

/// What a header means.
#[derive(Debug, Clone, PartialEq)]
enum Column {
    Name,
    FirstName,
    LastName,
    Company,
    Role,
    Segment,
    Contact,
    Consent,
    /// Rows come in as to-recruit whatever this says.
    Status,
    Free(String),
}

fn column(header: &str) -> Column {
    let key: String =
        header.trim().trim_start_matches('\u{feff}').to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    match key.as_str() {
        "name" | "fullname" | "participant" | "contactname" | "person" | "candidate" => Column::Name,
        "firstname" | "givenname" | "first" => Column::FirstName,
        "lastname" | "surname" | "familyname" | "last" => Column::LastName,
        "company" | "organisation" | "organization" | "org" | "account" | "accountname" | "companyname"
        | "employer" => Column::Company,
        "role" | "title" | "jobtitle" | "position" | "job" => Column::Role,
        "segment" | "tier" | "customersegment" | "plan segment" => Column::Segment,
        "contact" | "email" | "emailaddress" | "mail" | "phone" | "phonenumber" => Column::Contact,
        "consent" => Column::Consent,
        "status" => Column::Status,
        _ => Column::Free(header.trim().trim_start_matches('\u{feff}').to_string()),
    }
}

/// Reads `text` (CSV, comma or semicolon separated, quotes as RFC 4180) against the roster `existing`.
pub fn import(text: &str, existing: &[&Person]) -> Import {
    let mut out = Import::default();
    let rows = match parse(text) {
        Ok(rows) => rows,
        Err(e) => {
            out.errors.push(e);
            return out;
        }
    };
    let Some((_, header)) = rows.first() else {
        out.errors.push("the file is empty".into());
        return out;
    };
    let columns: Vec<Column> = header.iter().map(|h| column(h)).collect();
    if !columns.iter().any(|c| matches!(c, Column::Name | Column::FirstName | Column::LastName)) {
        out.errors.push(format!("line 1: no name column (found: {})", header.join(", ")));
        return out;
    }
    for (line, cells) in &rows[1..] {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if cells.len() > columns.len() {
            out.errors.push(format!("line {line}: {} cells for {} columns", cells.len(), columns.len()));
            continue;
        }
        let p = person(&columns, cells);
        if p.name.is_empty() {
            out.errors.push(format!("line {line}: no name"));
            continue;
        }
        if existing.iter().any(|e| e.same_as(&p)) || out.added.iter().any(|e| e.same_as(&p)) {
            out.duplicates += 1;
            continue;
        }
        out.added.push(p);
    }
    out
}

fn person(columns: &[Column], cells: &[String]) -> Person {
    let mut p = Person::default();
    let (mut first, mut last) = (String::new(), String::new());
    for (col, cell) in columns.iter().zip(cells) {
        let v = cell.trim().to_string();
        if v.is_empty() {
            continue;
        }
        match col {
            Column::Name => p.name = v,
            Column::FirstName => first = v,
            Column::LastName => last = v,
            Column::Company => p.company = Some(v),
            Column::Role => p.role = Some(v),
            Column::Segment => p.segment = Some(v),
            Column::Contact => p.contact = Some(p.contact.take().map_or(v.clone(), |c| format!("{c}, {v}"))),
            Column::Consent => p.consent = Some(v),
            Column::Status => {}
            Column::Free(key) if !key.is_empty() => {
                let key = key.to_lowercase().replace(' ', "_");
                p.extra.insert(key, serde_json::Value::String(v));
            }
            Column::Free(_) => {}
        }
    }
    if p.name.is_empty() {
        p.name = format!("{first} {last}").trim().to_string();
    }
    p
}

/// Rows of cells, each with the line it starts on (1-based). The separator
/// is the one of `,` and `;` the header line has more of.
fn parse(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let text = text.trim_start_matches('\u{feff}');
    let head = text.lines().next().unwrap_or("");
    let sep = if head.matches(';').count() > head.matches(',').count() { ';' } else { ',' };
    let mut rows = Vec::new();
    let (mut cells, mut cell) = (Vec::new(), String::new());
    let (mut line, mut row_line) = (1, 1);
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            '\n' if quoted => {
                line += 1;
                cell.push('\n');
            }
            '\r' if !quoted => {}
            '\n' => {
                cells.push(std::mem::take(&mut cell));
                rows.push((row_line, std::mem::take(&mut cells)));
                line += 1;
                row_line = line;
            }
            c if c == sep && !quoted => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    if quoted {
        return Err(format!("line {row_line}: a quote opened here is never closed"));
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        rows.push((row_line, cells));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_leniently_duplicates_are_skipped_and_errors_name_lines() {
        let csv = "\u{feff}Full Name,Organisation,Job Title,E-mail,Segment,ARR\r\n\
                   Ana López,Acme,Ops lead,ana@acme.test,mid-market,120000\r\n\
                   \"Okafor, Ben\",\"Beta \"\"B\"\" Ltd\",CTO,,enterprise,\r\n\
                   ,NoName Inc,,,,\r\n\
                   ana lopez,ACME,,,,\r\n\
                   Cy,Corp,x,y,z,w,extra\r\n\
                   Dee,Dee Co,\"multi\nline\",,smb,\r\n";
        let roster = Person { name: "Dee".into(), company: Some("dee co".into()), ..Person::default() };
        let r = import(csv, &[&roster]);
        let names: Vec<&str> = r.added.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Ana López", "Okafor, Ben"]);
        assert_eq!(r.added[0].contact.as_deref(), Some("ana@acme.test"));
        assert_eq!(r.added[0].extra.get("arr").and_then(|v| v.as_str()), Some("120000"));
        assert_eq!(r.added[1].company.as_deref(), Some("Beta \"B\" Ltd"));
        assert_eq!(r.duplicates, 2, "Ana again in the file, Dee on the roster");
        assert_eq!(r.errors, vec!["line 4: no name", "line 6: 7 cells for 6 columns"]);
    }

    #[test]
    fn first_and_last_names_semicolons_and_unclosed_quotes() {
        let r = import("first name;last name;company\nAna;López;Acme\n", &[]);
        assert_eq!(r.added[0].name, "Ana López");
        let r = import("name,company\nAna,\"Acme\nBen,Beta\n", &[]);
        assert_eq!(r.errors, vec!["line 2: a quote opened here is never closed"]);
        assert!(import("company\nAcme\n", &[]).errors[0].starts_with("line 1: no name column"));
    }
}
