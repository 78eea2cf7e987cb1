//! Every share and count the synthesis shows, computed and formatted here
//! once, so the screen, `synth` (text, Markdown, JSON) and the saved report
//! can never disagree on a number.
//!
//! The rounding rule, in full: a share `part` of `whole` is shown as a whole
//! percent, rounded half up (74.5 % → 75 %), computed in integers so no
//! floating-point tie can go either way; except that it is never 100 % unless
//! `part` is all of `whole` (200 of 201 → 99 %) and never 0 % unless `part`
//! is none (1 of 201 → 1 %). With nothing to divide by it is 0 %. Bars follow
//! the same rule: full only when all, empty only when none.

use crate::text::counts::thousands;

/// `part` of `whole`: sessions mentioning a theme, questions covered…
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub part: usize,
    pub whole: usize,
}

impl Share {
    pub fn of(part: usize, whole: usize) -> Share {
        Share { part, whole }
    }

    /// The whole percent, by the rule at the top of this module.
    pub fn percent(self) -> u32 {
        clamped_round(self.part, self.whole, 100) as u32
    }

    /// "75%".
    pub fn percent_text(self) -> String {
        format!("{}%", self.percent())
    }

    /// "149 of 200": for reports, where there is room for words.
    pub fn of_text(self) -> String {
        format!("{} of {}", thousands(self.part), thousands(self.whole))
    }

    /// "3/4": the n behind a share, where a cell is too narrow for words.
    pub fn count_text(self) -> String {
        format!("{}/{}", thousands(self.part), thousands(self.whole))
    }

    /// "75% 3/4": a matrix cell, the share and the n it stands on.
    pub fn cell_text(self) -> String {
        format!("{} {}", self.percent_text(), self.count_text())
    }

    /// The exact fraction, 0.0..=1.0 (0 when there is nothing to divide by),
    /// for JSON readers who want to compute their own.
    pub fn fraction(self) -> f64 {
        if self.whole == 0 { 0.0 } else { self.part as f64 / self.whole as f64 }
    }

    /// The share on a scale of `steps` (the length of a drawn bar), by the
    /// same rule: `steps` only when all, 0 only when none.
    pub fn scaled(self, steps: usize) -> usize {
        clamped_round(self.part, self.whole, steps)
    }

    /// A horizontal bar `cols` wide, in eighths of a block, not padded:
    /// full only when all, empty only when none.
    pub fn bar(self, cols: usize) -> String {
        const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
        let eighths = clamped_round(self.part, self.whole.max(self.part), cols * 8);
        let mut out = "█".repeat(eighths / 8);
        if !eighths.is_multiple_of(8) {
            out.push(PARTS[eighths % 8]);
        }
        out
    }
}

/// `part / whole` scaled to `0..=steps`, rounded half up, kept off `steps`
/// unless all and off 0 unless none.
fn clamped_round(part: usize, whole: usize, steps: usize) -> usize {
    if whole == 0 || part == 0 || steps == 0 {
        return 0;
    }
    if part >= whole {
        return steps;
    }
    // u128: 6-digit counts times any number of steps cannot overflow.
    let (p, w, s) = (part as u128, whole as u128, steps as u128);
    let rounded = ((2 * p * s + w) / (2 * w)) as usize;
    rounded.clamp(1, steps - 1)
}

/// A right-aligned column of "part/whole percent" cells, as the screen lists
/// them: every row of a list measured together, so the numbers line up and
/// never run into each other ("201/201 100%", not "201/201100%").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShareColumn {
    part_w: usize,
    whole_w: usize,
}

impl ShareColumn {
    /// Wide enough for every share in `shares`.
    pub fn fitting(shares: impl IntoIterator<Item = Share>) -> ShareColumn {
        let mut col = ShareColumn { part_w: 1, whole_w: 1 };
        for s in shares {
            col.part_w = col.part_w.max(thousands(s.part).len());
            col.whole_w = col.whole_w.max(thousands(s.whole).len());
        }
        col
    }

    /// Columns one cell takes: "part/whole", a space, and "100%".
    pub fn width(self) -> usize {
        self.part_w + 1 + self.whole_w + 1 + 4
    }

    /// " 14/20   70%": the same width for every share the column was made for.
    pub fn cell(self, s: Share) -> String {
        format!(
            "{:>pw$}/{:<ww$} {:>4}",
            thousands(s.part),
            thousands(s.whole),
            s.percent_text(),
            pw = self.part_w,
            ww = self.whole_w
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(part: usize, whole: usize) -> u32 {
        Share::of(part, whole).percent()
    }

    #[test]
    fn halves_round_up_the_same_way_everywhere() {
        assert_eq!(pct(149, 200), 75, "74.5 %");
        assert_eq!(pct(97, 200), 49, "48.5 %");
        assert_eq!(pct(89, 200), 45, "44.5 %");
        assert_eq!(pct(1, 8), 13, "12.5 %");
        assert_eq!(pct(1, 3), 33);
        assert_eq!(pct(2, 3), 67);
        assert_eq!(pct(1, 2), 50);
    }

    #[test]
    fn never_all_unless_all_and_never_none_unless_none() {
        assert_eq!(pct(200, 201), 99);
        assert_eq!(pct(999_999, 1_000_000), 99);
        assert_eq!(pct(201, 201), 100);
        assert_eq!(pct(1, 201), 1);
        assert_eq!(pct(1, 1_000_000), 1);
        assert_eq!(pct(0, 201), 0);
        assert_eq!(pct(0, 0), 0);
        assert_eq!(pct(5, 0), 0, "nothing to divide by");
    }

    #[test]
    fn texts_use_the_one_percent() {
        assert_eq!(Share::of(149, 200).percent_text(), "75%");
        assert_eq!(Share::of(1234, 123_456).of_text(), "1,234 of 123,456");
        assert_eq!(Share::of(1, 4).fraction(), 0.25);
        assert_eq!(Share::of(3, 4).cell_text(), "75% 3/4");
        assert_eq!(Share::of(1234, 2000).count_text(), "1,234/2,000");
        assert_eq!(Share::of(1, 0).fraction(), 0.0);
    }

    #[test]
    fn bars_are_full_only_when_all_and_empty_only_when_none() {
        assert_eq!(Share::of(3, 3).bar(3), "███");
        assert_eq!(Share::of(1, 2).bar(3), "█▌");
        assert_eq!(Share::of(0, 3).bar(3), "");
        assert_ne!(Share::of(200, 201).bar(3), "███");
        assert_ne!(Share::of(1, 100_000).bar(3), "");
    }

    #[test]
    fn a_share_column_keeps_numbers_apart_at_any_size() {
        let shares = [Share::of(201, 201), Share::of(7, 201)];
        let col = ShareColumn::fitting(shares);
        assert_eq!(col.cell(shares[0]), "201/201 100%");
        assert_eq!(col.cell(shares[1]), "  7/201   3%");
        let big = [Share::of(123_456, 123_456), Share::of(5, 123_456)];
        let col = ShareColumn::fitting(big);
        assert_eq!(col.cell(big[0]), "123,456/123,456 100%");
        assert_eq!(col.cell(big[1]), "      5/123,456   1%");
        assert_eq!(col.width(), 20);
    }
}
