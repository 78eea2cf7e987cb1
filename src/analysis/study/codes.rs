//! Codes as the study counts them: a note's tag, compared without regard to
//! case, and with a codebook (`domain/codebook.rs`) an alias counted as its
//! code. [`with_codebook`] rewrites the records' tags once, before anything
//! is computed, so every figure of the study (saturation, hypotheses,
//! trends, personas) follows the codebook without each passing it around.

use crate::analysis::synthesis::SessionRecord;
use crate::domain::codebook::Codebook;

/// Every alias in the records' tags replaced by its code's name (a session
/// that used both keeps the name twice; codes are taken once per session).
pub fn with_codebook(records: &mut [SessionRecord], book: &Codebook) {
    for r in records {
        for t in r.tags.iter_mut().chain(r.closing_tags.iter_mut()) {
            *t = book.canonical(t);
        }
    }
}

/// The code a tag stands for: trimmed, lower-cased, a leading `#` dropped.
/// The codebook's alias resolution plugs in here.
pub fn code_of(tag: &str) -> String {
    tag.trim().trim_start_matches('#').to_lowercase()
}

/// The codes of an interview: its notes' and its closing answer's, each once,
/// in order of first use (a record keeps each session's distinct tags, so
/// each is resolved once, not once per note).
pub fn session_codes(s: &SessionRecord) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in s.tags().iter().chain(&s.closing_tags).map(|t| code_of(t)).filter(|c| !c.is_empty()) {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alias_counts_as_its_code_once_per_session() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00+00:00").unwrap();
        let mut r = SessionRecord::new("a", "Ana", "discovery", at);
        r.push_note(crate::domain::session::Offset(1), crate::domain::note::Kind::Pain, None, ["price"], "dear");
        r.push_note(crate::domain::session::Offset(2), crate::domain::note::Kind::Note, None, ["Pricing"], "plans");
        let mut records = vec![r];
        assert_eq!(session_codes(&records[0]), ["price", "pricing"]);
        let book: Codebook =
            crate::text::yaml::from_str("codes: [{name: pricing, aliases: [price]}]", std::path::Path::new("c.yaml"))
                .unwrap();
        with_codebook(&mut records, &book);
        assert_eq!(session_codes(&records[0]), ["pricing"]);
    }

    #[test]
    fn codes_ignore_case_and_hash() {
        assert_eq!(code_of(" #Pricing "), "pricing");
    }
}
