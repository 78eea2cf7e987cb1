//! `fieldnotes people status NAME STATUS [WHEN]`: a person's status changed
//! in their file by its `status:` and `scheduled:` lines only, so comments,
//! key order and keys this version does not know stay as the user wrote
//! them. The result is read back before it is written (atomically): a file
//! whose status could not be set by its lines is refused, not rewritten.

use crate::domain::person::{Person, PersonStatus};
use crate::store::disk::{RealDisk, write_atomic};
use crate::store::yaml;
use std::path::{Path, PathBuf};

/// Sets the status (and, for `scheduled`, when) of the person in `path`.
pub fn set_status(path: &Path, status: PersonStatus, when: Option<&str>) -> Result<PathBuf, String> {
    let shown = path.display();
    // Read as any YAML file is first (size, kind, UTF-8, located errors).
    yaml::read_file::<Person>(path).map_err(|e| e.to_string())?;
    let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
    let changed = with_status(&text, status, when);
    let back: Person = yaml::from_str(&changed, path).map_err(|e| e.to_string())?;
    let when_back = back.scheduled.as_deref();
    if back.status != status || (status == PersonStatus::Scheduled && when_back != when.map(str::trim)) {
        return Err(format!("{shown}: its status is not on a line of its own; edit the file by hand"));
    }
    write_atomic(path, changed.as_bytes(), &mut RealDisk, |_| Ok(())).map_err(|e| format!("{shown}: {e}"))?;
    Ok(path.to_path_buf())
}

/// The file's text with its top-level `status:` line replaced (or added at
/// the end), and its `scheduled:` line set to `when` for a scheduled person
/// (kept as it was otherwise: when the interview was booked stays on record).
pub fn with_status(text: &str, status: PersonStatus, when: Option<&str>) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    set_line(&mut lines, "status", status.name());
    if let (PersonStatus::Scheduled, Some(when)) = (status, when) {
        set_line(&mut lines, "scheduled", &quoted(when.trim()));
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Replaces the top-level `key:` line, or adds one at the end.
fn set_line(lines: &mut Vec<String>, key: &str, value: &str) {
    let prefix = format!("{key}:");
    let line = format!("{key}: {value}");
    match lines.iter().position(|l| l.starts_with(&prefix)) {
        Some(i) => lines[i] = line,
        None => lines.push(line),
    }
}

/// A plain scalar when YAML reads it back as the same string, else quoted.
fn quoted(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars().all(|c| c.is_alphanumeric() || " -:/.".contains(c))
        && !s.contains(": ")
        && !s.ends_with(':')
        && !s.starts_with(['-', ' ']);
    if plain { s.to_string() } else { format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# Met at the fintech meetup\nname: Maya Reed\ncompany: Umbrella\nstatus: to-recruit\nplan: enterprise # their words\n";

    #[test]
    fn only_the_status_lines_change() {
        let out = with_status(FILE, PersonStatus::Scheduled, Some("2026-12-02 15:00"));
        assert_eq!(
            out,
            "# Met at the fintech meetup\nname: Maya Reed\ncompany: Umbrella\nstatus: scheduled\nplan: enterprise # their words\nscheduled: 2026-12-02 15:00\n"
        );
        let p: Person = yaml::from_str(&out, Path::new("p.yaml")).unwrap();
        assert_eq!((p.status, p.scheduled.as_deref()), (PersonStatus::Scheduled, Some("2026-12-02 15:00")));
        assert!(p.extra.contains_key("plan"), "an unknown key is kept");
    }

    #[test]
    fn a_file_without_a_status_gets_one_and_odd_times_are_quoted() {
        let out = with_status("name: Ben\n", PersonStatus::Scheduled, Some("Tue: 3pm \"maybe\""));
        let p: Person = yaml::from_str(&out, Path::new("p.yaml")).unwrap();
        assert_eq!(p.scheduled.as_deref(), Some("Tue: 3pm \"maybe\""));
        let out = with_status("name: Ben\nstatus: invited\n", PersonStatus::Declined, None);
        assert_eq!(out, "name: Ben\nstatus: declined\n");
    }

    #[test]
    fn a_status_the_lines_cannot_set_is_refused_and_the_file_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.yaml");
        let flow = "{name: Ben, status: invited}\n";
        std::fs::write(&path, flow).unwrap();
        assert!(set_status(&path, PersonStatus::Declined, None).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), flow);
        std::fs::write(&path, FILE).unwrap();
        set_status(&path, PersonStatus::Invited, None).unwrap();
        assert!(std::fs::read_to_string(&path).unwrap().contains("\nstatus: invited\nplan:"));
    }
}
