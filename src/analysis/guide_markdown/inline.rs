//! Text inside a line: emphasis markers and backslash escapes, and a time at
//! the end of a heading ("(5 min)", "— 5 minutes"). Each reading sits next to
//! the escaping that undoes it, so import and export stay each other's inverse.

/// Characters a backslash escapes: ASCII punctuation, and the dashes used
/// before a time in a heading.
pub(super) fn escapable(c: char) -> bool {
    c.is_ascii_punctuation() || c == '\u{2014}' || c == '\u{2013}'
}

enum Piece {
    Char(char),
    Delim { ch: char, len: usize, open: bool, close: bool, used: bool },
}

/// Removes `**strong**`, `*emphasis*`, `_emphasis_` (and `__`, `***`) markers
/// that pair up, resolves backslash escapes, and trims. Unpaired markers stay.
pub(super) fn inline(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1).is_some_and(|n| escapable(*n)) {
            pieces.push(Piece::Char(chars[i + 1]));
            i += 2;
        } else if c == '*' || c == '_' {
            let len = chars[i..].iter().take_while(|x| **x == c).count();
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + len).copied();
            let mut open = next.is_some_and(|n| !n.is_whitespace());
            let mut close = prev.is_some_and(|p| !p.is_whitespace());
            if c == '_' {
                open &= prev.is_none_or(|p| !p.is_alphanumeric());
                close &= next.is_none_or(|n| !n.is_alphanumeric());
            }
            if len > 3 {
                (open, close) = (false, false);
            }
            pieces.push(Piece::Delim { ch: c, len, open, close, used: false });
            i += len;
        } else {
            pieces.push(Piece::Char(c));
            i += 1;
        }
    }
    let mut stack: Vec<usize> = Vec::new();
    for k in 0..pieces.len() {
        let Piece::Delim { ch, len, open, close, .. } = pieces[k] else { continue };
        if close
            && let Some(pos) = stack
                .iter()
                .rposition(|&o| matches!(pieces[o], Piece::Delim { ch: c, len: l, .. } if c == ch && l == len))
        {
            let opener = stack[pos];
            stack.truncate(pos);
            for idx in [opener, k] {
                if let Piece::Delim { used, .. } = &mut pieces[idx] {
                    *used = true;
                }
            }
        } else if open {
            stack.push(k);
        }
    }
    let mut out = String::with_capacity(raw.len());
    for p in &pieces {
        match p {
            Piece::Char(c) => out.push(*c),
            Piece::Delim { ch, len, used: false, .. } => out.extend(std::iter::repeat_n(*ch, *len)),
            Piece::Delim { .. } => {}
        }
    }
    out.trim().to_string()
}

/// Escapes every character [`inline`] would read as markup.
pub(super) fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Minutes in "45", "45 min", "~45 minutes", "1 hour", "90m".
pub(super) fn minutes(text: &str, unit_required: bool) -> Option<u32> {
    let t = text.trim().trim_end_matches('.').trim();
    let t = t.strip_prefix('~').unwrap_or(t).trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 6 {
        return None;
    }
    let n: u32 = t[..digits].parse().ok()?;
    let unit = t[digits..].trim().to_lowercase();
    match unit.as_str() {
        "" if !unit_required => Some(n),
        "m" | "min" | "mins" | "minute" | "minutes" | "\u{2032}" => Some(n),
        "h" | "hr" | "hrs" | "hour" | "hours" => n.checked_mul(60),
        _ => None,
    }
}

pub(super) fn escaped_at(chars: &[char], i: usize) -> bool {
    // An odd number of backslashes before `i` escapes it.
    chars[..i].iter().rev().take_while(|c| **c == '\\').count() % 2 == 1
}

/// Splits a heading's raw text into its title and the time at its end, if any.
/// Returns the title part, the minutes, and the char index of the `(` or
/// separator that starts the time (for export to escape).
pub(super) fn split_time(raw: &str) -> (String, Option<u32>, usize) {
    let chars: Vec<char> = raw.trim_end().chars().collect();
    let n = chars.len();
    let title_of = |end: usize| chars[..end].iter().collect::<String>().trim_end().to_string();
    // "(5 min)" or "[5 min]".
    if let Some(&last) = chars.last()
        && (last == ')' || last == ']')
        && !escaped_at(&chars, n - 1)
    {
        let open = if last == ')' { '(' } else { '[' };
        if let Some(p) = (0..n - 1).rev().find(|&p| chars[p] == open && !escaped_at(&chars, p)) {
            let inner: String = chars[p + 1..n - 1].iter().collect();
            if let Some(m) = minutes(&inner, true) {
                return (title_of(p), Some(m), p);
            }
        }
    }
    // "— 5 minutes", "- 5 min", ": 5 min": the last separator whose rest is a time.
    for p in (0..n).rev() {
        let c = chars[p];
        let spaced = p == 0 || chars[p - 1].is_whitespace();
        let sep = match c {
            '\u{2014}' | '\u{2013}' | '-' => spaced,
            ':' => true,
            _ => false,
        };
        if sep && !escaped_at(&chars, p) {
            let rest: String = chars[p + 1..].iter().collect();
            if let Some(m) = minutes(&rest, true) {
                return (title_of(p), Some(m), p);
            }
        }
    }
    (raw.trim_end().to_string(), None, n)
}

/// A heading's text for export: escaped, with `(N min)` when there is a time,
/// and without anything import would read as a time when there is not.
pub(super) fn heading_text(title: &str, minutes: Option<u32>) -> String {
    let mut text = escape_inline(title);
    match minutes {
        Some(m) => format!("{text} ({m} min)"),
        None => {
            // Bounded: each pass escapes one more character.
            for _ in 0..text.len() {
                let (_, found, at) = split_time(&text);
                if found.is_none() {
                    break;
                }
                let mut chars: Vec<char> = text.chars().collect();
                chars.insert(at, '\\');
                text = chars.into_iter().collect();
            }
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markers_and_escapes() {
        assert_eq!(inline("**What** do you _usually_ do?"), "What do you usually do?");
        assert_eq!(inline("***Both*** and __strong__"), "Both and strong");
        assert_eq!(inline("snake_case_name stays"), "snake_case_name stays");
        assert_eq!(inline("5 * 3 = 15"), "5 * 3 = 15");
        assert_eq!(inline("a lone *star"), "a lone *star");
        assert_eq!(inline(r"\*not emphasis\* and \\ backslash"), r"*not emphasis* and \ backslash");
        assert_eq!(inline("**outer *inner* outer**"), "outer inner outer");
    }

    #[test]
    fn times_in_headings() {
        for (raw, title, m) in [
            ("Warm-up (5 min)", "Warm-up", Some(5)),
            ("Warm-up (5 minutes)", "Warm-up", Some(5)),
            ("Warm-up — 5 minutes", "Warm-up", Some(5)),
            ("Warm-up - 5 min", "Warm-up", Some(5)),
            ("Warm-up: 10 min", "Warm-up", Some(10)),
            ("Deep dive (1 hour)", "Deep dive", Some(60)),
            ("Warm-up", "Warm-up", None),
            ("Part (2)", "Part (2)", None),
            ("Tasks (5 min) (3 min)", "Tasks (5 min)", Some(3)),
        ] {
            let (t, got, _) = split_time(raw);
            assert_eq!((t.as_str(), got), (title, m), "{raw}");
        }
        for title in ["Tasks (5 min)", "Tasks - 5 min", "Tasks — 5 min", "Why: 3 min", "Ends with \\"] {
            let text = heading_text(title, None);
            let (t, got, _) = split_time(&text);
            assert_eq!((inline(&t), got), (title.to_string(), None), "{text}");
        }
    }
}
