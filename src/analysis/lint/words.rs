//! Questions as words: sentences of normalised words, and the word patterns
//! rules match against them. Separate from the rules, which only ask "does
//! this pattern start, occur in or end this sentence".

/// One element of a compiled pattern.
#[derive(Debug, Clone, PartialEq)]
enum Elem {
    /// Any one of these (normalised) words.
    Word(Vec<String>),
    /// Any number of words, including none.
    Gap,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Pattern {
    source: String,
    elems: Vec<Elem>,
}

/// One sentence of a question, as the words patterns are matched against.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Sentence {
    pub(super) words: Vec<String>,
    /// Ends with `?`.
    pub(super) question: bool,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}')
}

/// Lowercase words; apostrophes dropped ("don't" → "dont"), commas kept as
/// their own word, every other non-alphanumeric character a separator.
pub(super) fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if is_apostrophe(c) {
            // Joins the word: "don't", "what's".
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            if c == ',' {
                out.push(",".to_string());
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Splits at `?`, `!`, `;`, `:` and at a `.` followed by a space or the end
/// (so "1.5" and "e.g" stay whole).
pub(super) fn sentences(text: &str) -> Vec<Sentence> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        let next_is_space = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        let end = match c {
            '?' | '!' | ';' | ':' => true,
            '.' | '\u{2026}' => next_is_space,
            _ => false,
        };
        if end {
            let piece: String = chars[start..=i].iter().collect();
            push_sentence(&mut out, &piece, c == '?');
            start = i + 1;
        }
    }
    let rest: String = chars[start..].iter().collect();
    push_sentence(&mut out, &rest, false);
    out
}

fn push_sentence(out: &mut Vec<Sentence>, piece: &str, question: bool) {
    let mut words = words(piece);
    // A leading or trailing comma carries nothing.
    while words.first().is_some_and(|w| w == ",") {
        words.remove(0);
    }
    if !words.is_empty() {
        out.push(Sentence { words, question });
    } else if question && let Some(last) = out.last_mut() {
        // "What…?!" or "…??": the question mark belongs to the sentence before.
        last.question = true;
    }
}

pub(super) fn word_count(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

impl Pattern {
    pub(super) fn parse(source: &str) -> Result<Pattern, String> {
        let mut elems = Vec::new();
        for chunk in source.split_whitespace() {
            if chunk == "..." || chunk == "\u{2026}" {
                if elems.last() != Some(&Elem::Gap) {
                    elems.push(Elem::Gap);
                }
            } else if let Some(inner) = chunk.strip_prefix('{') {
                let inner = inner
                    .strip_suffix('}')
                    .ok_or("`{` without a closing `}` in the same word (alternatives are single words: {a|b|c})")?;
                let mut alts = Vec::new();
                for alt in inner.split('|') {
                    match words(alt).as_slice() {
                        [w] => alts.push(w.clone()),
                        _ => return Err(format!("{alt:?} in {{…}} is not one word")),
                    }
                }
                elems.push(Elem::Word(alts));
            } else if chunk.contains(['{', '}', '|']) {
                return Err(format!("{chunk:?}: write alternatives as a word of their own, like {{a|b|c}}"));
            } else {
                elems.extend(words(chunk).into_iter().map(|w| Elem::Word(vec![w])));
            }
        }
        if !elems.iter().any(|e| matches!(e, Elem::Word(_))) {
            return Err("the pattern has no words".into());
        }
        Ok(Pattern { source: source.to_string(), elems })
    }

    fn matches_from(elems: &[Elem], words: &[String], anchored_end: bool) -> bool {
        match elems.split_first() {
            None => !anchored_end || words.is_empty(),
            Some((Elem::Gap, rest)) => {
                (0..=words.len()).any(|skip| Self::matches_from(rest, &words[skip..], anchored_end))
            }
            Some((Elem::Word(alts), rest)) => match words.split_first() {
                Some((w, tail)) if alts.iter().any(|a| a == w) => Self::matches_from(rest, tail, anchored_end),
                _ => false,
            },
        }
    }

    pub(super) fn starts(&self, words: &[String]) -> bool {
        Self::matches_from(&self.elems, words, false)
    }

    pub(super) fn within(&self, words: &[String]) -> bool {
        (0..words.len()).any(|i| Self::matches_from(&self.elems, &words[i..], false))
    }

    pub(super) fn ends(&self, words: &[String]) -> bool {
        (0..words.len()).any(|i| Self::matches_from(&self.elems, &words[i..], true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn words_and_sentences() {
        assert_eq!(w("Don't you think, really?"), ["dont", "you", "think", ",", "really"]);
        assert_eq!(w("What’s the sign-up like"), ["whats", "the", "sign", "up", "like"]);
        let s = sentences("You signed up. Did it work? Tell me: how 1.5 e.g. went");
        let got: Vec<(String, bool)> = s.iter().map(|s| (s.words.join(" "), s.question)).collect();
        assert_eq!(
            got,
            [
                ("you signed up".to_string(), false),
                ("did it work".to_string(), true),
                ("tell me".to_string(), false),
                ("how 1 5 e g".to_string(), false),
                ("went".to_string(), false),
            ]
        );
        assert_eq!(word_count("How do you — roughly — decide?"), 5);
    }

    #[test]
    fn patterns_match_alternatives_gaps_and_anchors() {
        let p = Pattern::parse("if {we|you} ... would you").unwrap();
        assert!(p.starts(&w("if we built it, would you pay")));
        assert!(p.starts(&w("if you would you")));
        assert!(!p.starts(&w("so if we built it would you")));
        assert!(p.within(&w("so if we built it would you")));
        let tag = Pattern::parse(", {right|isn't} {it}").unwrap();
        assert!(!tag.ends(&w("is it right")));
        let tag = Pattern::parse(", right").unwrap();
        assert!(tag.ends(&w("you export weekly, right")));
        assert!(!tag.ends(&w("you export weekly, right now")));
        assert!(Pattern::parse("{a b}").is_err());
        assert!(Pattern::parse("{a|b").is_err());
        assert!(Pattern::parse("a|b").is_err());
        assert!(Pattern::parse("...").is_err());
    }
}
