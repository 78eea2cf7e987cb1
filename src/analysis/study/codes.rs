//! Codes as the study counts them. Today a code is a note's tag, compared
//! without regard to case; when the codebook lands (`domain/codebook.rs`,
//! with aliases), [`code_of`] is the one place that resolves an alias to its
//! code, so every figure of the study (saturation, hypotheses, trends,
//! personas) follows it.

use crate::analysis::synthesis::{NoteRecord, SessionRecord};

/// The code a tag stands for: trimmed, lower-cased, a leading `#` dropped.
/// The codebook's alias resolution plugs in here.
pub fn code_of(tag: &str) -> String {
    tag.trim().trim_start_matches('#').to_lowercase()
}

/// The codes of one note, each once, in the order of its tags.
pub fn note_codes(s: &SessionRecord, n: &NoteRecord) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in s.tags_of(n).map(code_of).filter(|c| !c.is_empty()) {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// The codes of an interview: its notes' and its closing answer's, each once,
/// in order of first use.
pub fn session_codes(s: &SessionRecord) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let notes = s.notes().iter().flat_map(|n| s.tags_of(n));
    for c in notes.chain(s.closing_tags.iter().map(String::as_str)).map(code_of).filter(|c| !c.is_empty()) {
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
    fn codes_ignore_case_and_hash() {
        assert_eq!(code_of(" #Pricing "), "pricing");
    }
}
