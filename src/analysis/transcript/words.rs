//! Words as transcript matching compares them: lower case, punctuation
//! gone, filler words dropped. A note typed live and the words said agree
//! on content words, never on "um" or on commas.

/// Fillers dropped before any comparison. "you know" and "i mean" are two
/// words, dropped as a pair.
const FILLERS: [&str; 8] = ["um", "uh", "erm", "er", "ah", "hmm", "mm", "like"];
const FILLER_PAIRS: [(&str, &str); 3] = [("you", "know"), ("i", "mean"), ("sort", "of")];

/// Words too common to tell one sentence from another, ignored when
/// finding where a note was said (but kept when checking a quote).
const COMMON: [&str; 40] = [
    "the", "a", "an", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "is", "are", "was", "were",
    "it", "its", "that", "this", "we", "i", "you", "they", "he", "she", "our", "my", "your", "be", "do", "does", "did",
    "so", "just", "not", "have", "has", "had",
];

/// The words of `text`, normalised, fillers removed, in order.
pub fn words(text: &str) -> Vec<String> {
    let raw: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\'').to_lowercase().replace('\'', ""))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if i + 1 < raw.len() && FILLER_PAIRS.iter().any(|(a, b)| raw[i] == *a && raw[i + 1] == *b) {
            i += 2;
            continue;
        }
        if !FILLERS.contains(&raw[i].as_str()) {
            out.push(raw[i].clone());
        }
        i += 1;
    }
    out
}

/// The words that carry meaning: `words` without the most common ones.
pub fn content_words(text: &str) -> Vec<String> {
    words(text).into_iter().filter(|w| !COMMON.contains(&w.as_str())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_punctuation_and_fillers_do_not_count() {
        assert_eq!(words("Um, we EXPORT it — you know, to Excel!"), ["we", "export", "it", "to", "excel"]);
        assert_eq!(words("It's like, sort of broken"), ["its", "broken"]);
        assert_eq!(words("Naïve café, 2 times"), ["naïve", "café", "2", "times"]);
    }

    #[test]
    fn content_words_drop_the_glue() {
        assert_eq!(content_words("We export it to Excel every Friday"), ["export", "excel", "every", "friday"]);
    }
}
