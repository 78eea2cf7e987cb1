//! A text field that grows: the note, edit and closing inputs wrap to show
//! the whole text being typed, one row more per wrapped line up to a few,
//! then scroll so the cursor stays in view. Rows break at a space where one
//! is on the row, and never inside a character cluster: a flag (two
//! regional indicators) or an emoji with modifiers moves to the next row
//! whole, as the terminal draws it, so the cursor lands where it is drawn.

use super::text::inert;
use crate::tui::text_input::TextInput;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// How far before the cursor wrapping starts, in bytes: a pasted megabyte
/// must not cost every frame its whole length. Farther back than any
/// field shows, and the rows just before the cursor are the same.
const LOOK_BACK: usize = 16 * 1024;

/// A field's text wrapped to a width: the rows to draw and where the cursor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    /// Every row, as text safe to draw.
    pub rows: Vec<String>,
    /// The cursor as (row, column).
    pub cursor: (usize, usize),
}

impl Wrapped {
    /// `input` wrapped to rows of at most `w` columns.
    pub fn new(input: &TextInput, w: usize) -> Wrapped {
        let w = w.max(2);
        let text = input.text();
        let cursor_byte = text.char_indices().nth(input.cursor()).map_or(text.len(), |(i, _)| i);
        let from = window_start(text, cursor_byte);
        let mut rows: Vec<(usize, usize)> = Vec::new();
        let (mut start, mut col) = (from, 0);
        // The byte just after the last space on the row: where it may break.
        let mut space_end: Option<usize> = None;
        let mut stop_after: Option<usize> = None;
        for (i, g) in text[from..].grapheme_indices(true) {
            let i = from + i;
            let gw = g.width();
            while col + gw > w {
                let at = space_end.filter(|b| *b > start && *b <= i).unwrap_or(i);
                rows.push((start, at));
                start = at;
                col = text[at..i].width();
                space_end = None;
                if at == i {
                    break;
                }
            }
            if stop_after.is_some_and(|r| rows.len() > r) {
                break;
            }
            if i >= cursor_byte && stop_after.is_none() {
                stop_after = Some(rows.len() + 8);
            }
            col += gw;
            if g == " " {
                space_end = Some(i + g.len());
            }
        }
        if stop_after.is_none_or(|r| rows.len() <= r) {
            rows.push((start, text.len()));
        }
        let row = rows.iter().rposition(|(s, _)| *s <= cursor_byte).unwrap_or(0);
        let (s, e) = rows[row];
        let mut cursor = (row, text[s..cursor_byte.min(e.max(s))].width());
        // The cursor past a full last row goes to the start of a new one.
        if cursor.1 >= w {
            cursor = (row + 1, 0);
            rows.push((text.len(), text.len()));
        }
        let rows = rows.into_iter().map(|(s, e)| inert(&text[s..e]).into_owned()).collect();
        Wrapped { rows, cursor }
    }

    /// How many rows the field takes, at most `max`.
    pub fn height(&self, max: usize) -> usize {
        self.rows.len().clamp(1, max.max(1))
    }

    /// The `height` rows to draw, scrolled so the cursor is on one of them,
    /// and the cursor's (row, column) among them.
    pub fn visible(&self, height: usize, style: Style) -> (Vec<Line<'static>>, (usize, usize)) {
        let height = height.max(1);
        let (row, col) = self.cursor;
        let top = row.saturating_sub(height - 1).min(self.rows.len().saturating_sub(height));
        let top = top.min(row);
        let lines = self.rows.iter().skip(top).take(height).map(|r| Line::styled(r.clone(), style)).collect();
        (lines, (row - top, col))
    }
}

/// Marks a field's cells to be written on every frame. Terminals disagree
/// on some clusters: a flag (two regional indicators) is one wide character
/// to us, two cells of one indicator each to some terminals. When the flag
/// goes (a note committed), the frame's diff writes the first cell only, as
/// the second was blank before and after, and the other indicator stayed on
/// screen: a ghost half-flag. A field is a few rows, so writing it whole
/// costs nothing.
pub fn always_redraw(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            buf[(x, y)].set_diff_option(CellDiffOption::AlwaysUpdate);
        }
    }
}

/// Where wrapping starts: the text's start, or for a very long text a space
/// some way before the cursor.
fn window_start(text: &str, cursor_byte: usize) -> usize {
    if cursor_byte <= LOOK_BACK {
        return 0;
    }
    let mut from = cursor_byte - LOOK_BACK;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..cursor_byte].find(' ').map_or(from, |i| from + i + 1)
}

/// How many rows a growing field may take in a window `height` rows tall:
/// up to 5, fewer on a short window, so the notes above keep their room.
pub fn max_rows(height: u16) -> usize {
    (height.saturating_sub(16) as usize / 2 + 1).clamp(1, 5)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::width;

    fn wrapped(text: &str, cursor_from_end: usize, w: usize) -> Wrapped {
        let mut input = TextInput::with_text(text);
        (0..cursor_from_end).for_each(|_| input.left());
        Wrapped::new(&input, w)
    }

    #[test]
    fn a_long_note_wraps_at_spaces_and_shows_its_start() {
        let w = wrapped("We export to Excel every Friday and fix it by hand", 0, 20);
        assert_eq!(w.rows, ["We export to Excel ", "every Friday and ", "fix it by hand"]);
        assert_eq!(w.cursor, (2, 14));
        for r in &w.rows {
            assert!(width(r) <= 20);
        }
        let (lines, cursor) = w.visible(5, Style::new());
        assert_eq!(lines.len(), 3);
        assert_eq!(cursor, (2, 14));
    }

    #[test]
    fn every_character_is_shown_once_in_order() {
        let text = "un deux trois 日本語のテキスト https://example.com/a/very/long/path 🇯🇵 fin";
        for w in 2..30 {
            let all = wrapped(text, 0, w);
            assert_eq!(all.rows.concat(), text, "width {w}");
            assert!(all.rows.iter().all(|r| width(r) <= w), "width {w}: {:?}", all.rows);
        }
    }

    #[test]
    fn a_flag_is_never_split_across_rows() {
        // Nine columns, then a flag of two: it moves to the next row whole.
        let w = wrapped("123456789🇯🇵", 0, 10);
        assert_eq!(w.rows, ["123456789", "🇯🇵"]);
        assert_eq!(w.cursor, (1, 2));
    }

    #[test]
    fn beyond_the_rows_it_scrolls_to_keep_the_cursor() {
        let text = "word ".repeat(40);
        let end = wrapped(&text, 0, 10);
        assert!(end.rows.len() > 5);
        let (lines, (row, _)) = end.visible(5, Style::new());
        assert_eq!((lines.len(), row), (5, 4), "the cursor on the last row shown");
        let home = wrapped(&text, text.chars().count(), 10);
        let (lines, cursor) = home.visible(5, Style::new());
        assert_eq!(cursor, (0, 0));
        assert_eq!(lines[0].to_string(), "word word ");
    }

    #[test]
    fn the_cursor_after_a_full_row_starts_a_new_one() {
        let w = wrapped("abcdefghij", 0, 10);
        assert_eq!(w.cursor, (1, 0));
        assert_eq!(w.height(5), 2);
        assert_eq!(wrapped("", 0, 10).height(5), 1);
    }

    #[test]
    fn a_pasted_megabyte_wraps_only_near_the_cursor() {
        let big = "We export to Excel 日本 ".repeat(50_000);
        let start = std::time::Instant::now();
        let w = wrapped(&big, 0, 60);
        assert!(w.rows.len() < 1_000, "{} rows", w.rows.len());
        let (lines, (row, col)) = w.visible(5, Style::new());
        assert_eq!(lines.len(), 5);
        assert!(row < 5 && col <= 60);
        assert!(start.elapsed() < std::time::Duration::from_secs(2), "{:?}", start.elapsed());
    }

    #[test]
    fn short_windows_give_the_field_fewer_rows() {
        assert_eq!(max_rows(24), 5);
        assert_eq!(max_rows(18), 2);
        assert_eq!(max_rows(12), 1);
        assert_eq!(max_rows(60), 5);
    }
}
