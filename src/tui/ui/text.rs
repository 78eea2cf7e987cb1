//! Text helpers for views: the text field drawn around its cursor, centring;
//! the measuring rules (`text::width`) and the sanitizer re-exported for views.

use crate::tui::text_input::TextInput;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Text from a file or a teammate, safe to draw: the one sanitizer in `out`.
pub use crate::text::out::inert;
/// The measuring rules are pure and shared with the reports.
pub use crate::text::width::{clock, fit, minutes, truncate, truncate_words, width, wrap};

/// A rectangle of the given size centred in `area`, never larger than it.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    area.centered(Constraint::Length(w.min(area.width)), Constraint::Length(h.min(area.height)))
}

/// Keeps the first `max` of `lines` wrapped to `w` columns, the last one kept
/// ending with `…` (within `w`) when some were dropped.
pub fn clip_lines(lines: &mut Vec<String>, max: usize, w: usize) {
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            let kept = truncate(last.trim_end(), w.saturating_sub(1)).into_owned();
            *last = if kept.ends_with('…') { kept } else { format!("{kept}…") };
        }
    }
}

/// One row of `cols` columns: `left` cut to the room `right` leaves (as
/// [`truncate_line`] cuts), then padding, then `right` at the right edge,
/// where a status (a clock, the save state) stays put as the left changes.
/// A `right` wider than `cols` leaves no room (the paragraph cuts it).
pub fn left_and_right(left: Line<'_>, right: Vec<Span<'static>>, cols: usize) -> Line<'static> {
    let room = cols.saturating_sub(right.iter().map(|s| s.width()).sum::<usize>());
    let mut line = truncate_line(left, room);
    let pad = room.saturating_sub(line.width());
    line.spans.push(Span::raw(" ".repeat(pad)));
    line.spans.extend(right);
    line
}

/// `line` cut to at most `max` columns, its last span ending with `…` when
/// anything was cut: status lines and messages never stop mid-word unmarked.
pub fn truncate_line(line: Line<'_>, max: usize) -> Line<'static> {
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let full = line.width() <= max;
    for span in line.spans {
        let w = span.width();
        if full || used + w < max {
            used += w;
            out.push(Span::styled(span.content.into_owned(), span.style));
            continue;
        }
        // This span reaches the edge: cut it with the mark, whatever is left of the line.
        let room = max - used;
        let trimmed = span.content.trim_end();
        let cut = if width(trimmed) < room {
            format!("{trimmed}…")
        } else {
            // Room for all but the mark: the text up to `room - 1` columns, then `…`.
            let mut kept = String::new();
            for ch in trimmed.chars() {
                if width(&kept) + UnicodeWidthChar::width(ch).unwrap_or(0) + 1 > room {
                    break;
                }
                kept.push(ch);
            }
            if room == 0 { kept } else { format!("{kept}…") }
        };
        out.push(Span::styled(cut, span.style));
        break;
    }
    Line::from(out).style(line.style)
}

pub fn cursor_col(input: &TextInput) -> usize {
    width(&input.text()[..cursor_byte(input)])
}

/// Where the cursor is in the text, in bytes.
fn cursor_byte(input: &TextInput) -> usize {
    input.text().char_indices().nth(input.cursor()).map_or(input.text().len(), |(i, _)| i)
}

/// Draws a one-line text field, scrolled so the cursor is visible. Only what
/// fits is drawn: a pasted megabyte must not cost every frame its whole length.
pub fn field_line<'a>(input: &'a TextInput, w: usize, style: Style) -> (Line<'a>, usize) {
    let text = input.text();
    let col = cursor_col(input);
    // Scroll: drop leading characters until the cursor fits.
    let start = if col < w { 0 } else { byte_after_columns(text, col + 1 - w) };
    let col = col - width(&text[..start]);
    let end = start + byte_after_columns(&text[start..], w + 1).min(text.len() - start);
    let shown = &text[start..end];
    // The field never holds what `inert` would change; it is kept as a second guard.
    (Line::styled(inert(shown).into_owned(), style), col)
}

/// The byte offset just past the first `cols` columns of `text` (at least
/// `cols` wide, or the whole text).
fn byte_after_columns(text: &str, cols: usize) -> usize {
    let mut seen = 0;
    for (i, ch) in text.char_indices() {
        if seen >= cols {
            return i;
        }
        seen += UnicodeWidthChar::width(ch).unwrap_or(0);
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_status_line_ends_with_an_ellipsis() {
        let line = Line::from(vec![Span::raw(" Press F1: "), Span::raw("your terminal does not report key releases")]);
        let cut = truncate_line(line.clone(), 26);
        assert_eq!(cut.to_string(), " Press F1: your terminal …");
        assert_eq!(cut.width(), 26);
        // Cut exactly at a span's end, the mark still shows.
        assert_eq!(truncate_line(line.clone(), 11).to_string(), " Press F1:…");
        assert_eq!(truncate_line(line.clone(), 80).to_string(), line.to_string());
        assert_eq!(truncate_line(line, 0).to_string(), "");
    }

    #[test]
    fn a_long_field_draws_only_what_fits_around_the_cursor() {
        let big = "We export to Excel 日本 ".repeat(40_000);
        let mut input = TextInput::with_text(&big);
        let w = 60;
        for place in ["end", "home", "middle"] {
            match place {
                "end" => input.end(),
                "home" => input.home(),
                _ => (0..500_000).for_each(|_| input.left()),
            }
            let (line, col) = field_line(&input, w, Style::new());
            assert!(line.width() <= w + 2, "{place}: {} columns drawn for a {w}-column field", line.width());
            assert!(col < w, "{place}: the cursor at column {col} is off the field");
            let shown: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            let before: String = input.text().chars().take(input.cursor()).collect();
            // What is drawn left of the cursor is what comes just before it.
            let mut left = String::new();
            for ch in shown.chars() {
                if width(&left) >= col {
                    break;
                }
                left.push(ch);
            }
            assert!(before.ends_with(&left), "{place}: {left:?} is not before the cursor");
        }
        // Short text is drawn whole.
        let short = TextInput::with_text("abc");
        let (line, col) = field_line(&short, w, Style::new());
        assert_eq!((line.to_string(), col), ("abc".to_string(), 3));
    }
}
