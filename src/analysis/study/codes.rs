//! Codes as the study counts them. Today a code is a note's tag, compared
//! without regard to case; when the codebook lands (`domain/codebook.rs`,
//! with aliases), [`code_of`] is the one place that resolves an alias to its
//! code, so every figure of the study (saturation, hypotheses, trends,
//! personas) follows it.

use crate::analysis::synthesis::SessionRecord;

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
    fn codes_ignore_case_and_hash() {
        assert_eq!(code_of(" #Pricing "), "pricing");
    }
}
