//! Text measured as the terminal shows it: display width (CJK and emoji take
//! two columns), truncation with an ellipsis, wrapping, padding, and clocks.
//! Pure, so analysis and reports use the same rules as the screen.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` columns, ending with `…` when cut.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut w = 0;
    // By clusters, so a flag or an emoji sequence is kept or cut whole.
    for g in s.graphemes(true) {
        let gw = width(g);
        if w + gw > max - 1 {
            break;
        }
        out.push_str(g);
        w += gw;
    }
    out.push('…');
    Cow::Owned(out)
}

/// Cuts `s` to at most `max` columns at a word boundary, ending with ` …`
/// when cut, so a list of tags loses whole tags (`#reporting #tools …`), never
/// half of one. A first word too long for `max` is cut inside, with `…`.
pub fn truncate_words(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    let mut keep = None;
    for (i, _) in s.match_indices(' ') {
        // The words before this space, the space, and the ellipsis.
        if width(&s[..i]) + 2 > max {
            break;
        }
        if !s[..i].trim().is_empty() {
            keep = Some(i);
        }
    }
    match keep {
        Some(i) => Cow::Owned(format!("{} …", &s[..i])),
        None => truncate(s, max),
    }
}

/// Word-wraps `s` into lines of at most `max` columns; words longer than a
/// line are split.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut w = 0;
    for word in s.split(' ') {
        let ww = width(word);
        if w > 0 && w + 1 + ww <= max {
            line.push(' ');
            line.push_str(word);
            w += 1 + ww;
            continue;
        }
        if w > 0 {
            lines.push(std::mem::take(&mut line));
            w = 0;
        }
        for g in word.graphemes(true) {
            let gw = width(g);
            if w + gw > max {
                lines.push(std::mem::take(&mut line));
                w = 0;
            }
            line.push_str(g);
            w += gw;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `s` cut or padded with spaces to exactly `cols` columns.
pub fn fit(s: &str, cols: usize) -> String {
    let cut = truncate(s, cols);
    let pad = cols.saturating_sub(width(&cut));
    format!("{cut}{}", " ".repeat(pad))
}

/// The one way the screen says a time into a call: `0:43`, `12:05`, and
/// `1:02:03` past an hour. Minutes carry no leading zero, so `0:43` cannot
/// pass for 43 minutes, and a length of time is always said beside it in
/// words (`45 min`), never in the clock's shape.
pub fn clock(secs: u32) -> String {
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, (secs / 60) % 60, secs % 60)
    } else {
        format!("{}:{:02}", secs / 60, secs % 60)
    }
}

/// A planned length in words beside a clock: `45 min`.
pub fn minutes(mins: u32) -> String {
    format!("{mins} min")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_and_truncate_respect_wide_characters() {
        assert_eq!(wrap("日本語のテキスト", 6), vec!["日本語", "のテキ", "スト"]);
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(truncate("日本語", 5), "日本…");
        assert_eq!(wrap("", 5), vec![""]);
    }

    #[test]
    fn a_flag_is_cut_or_wrapped_whole() {
        assert_eq!(truncate("ab🇯🇵cd", 4), "ab…");
        assert_eq!(truncate("ab🇯🇵cd", 5), "ab🇯🇵…");
        assert_eq!(wrap("abc🇯🇵", 4), vec!["abc", "🇯🇵"]);
    }

    #[test]
    fn truncate_words_drops_whole_words_and_marks_the_cut() {
        let tags = "#reporting #tools #workaround";
        assert_eq!(truncate_words(tags, 30), tags);
        assert_eq!(truncate_words(tags, 19), "#reporting #tools …");
        assert_eq!(truncate_words(tags, 18), "#reporting …");
        assert_eq!(truncate_words(tags, 8), "#report…");
        assert_eq!(truncate_words("日本語 テキスト", 8), "日本語 …");
        for max in 0..32 {
            assert!(width(&truncate_words(tags, max)) <= max, "{max}");
        }
    }

    #[test]
    fn clock_formats() {
        assert_eq!(clock(43), "0:43", "not 00:43, which reads like 43 minutes");
        assert_eq!(clock(192), "3:12");
        assert_eq!(clock(725), "12:05");
        assert_eq!(clock(3723), "1:02:03");
        assert_eq!(minutes(45), "45 min");
    }
}
