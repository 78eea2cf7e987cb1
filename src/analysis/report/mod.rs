//! The formats a synthesis is printed in, as pure functions returning a
//! `String` or a JSON `Value`: the terminal summary (`text`), the Markdown
//! study report (`markdown`, also what the synthesis screen saves), JSON,
//! CSV, search results (`transcript_results`: lines of transcripts found), and the HTML pages (`html`) the team opens in a
//! browser. They live in `analysis`, below both the command
//! line and the TUI, because both print the same report.
//!
//! Every format writes names through a [`View`] (as shown or anonymised) and
//! picks its evidence with [`evidence`]; a new format does the same.

pub mod codebook_themes;
pub mod csv;
pub mod evidence;
pub mod html;
pub mod json;
pub mod markdown;
pub mod personas;
pub mod search_results;
pub mod text;
pub mod transcript_results;
pub mod view;

pub use evidence::QUOTES_PER_THEME;
pub use markdown::report;
pub use view::View;

use crate::analysis::figures::Share;
use crate::analysis::synthesis::{MIN_GROUP, MatrixRanking};

/// How the matrix's themes were picked, for the reader of a report.
pub fn ranking_words(r: MatrixRanking) -> String {
    match r {
        MatrixRanking::Difference => format!(
            "themes ranked by the largest difference in share between a group of at least {MIN_GROUP} interviews and the interviews outside it"
        ),
        MatrixRanking::Overall => "the themes most interviews mention".into(),
    }
}

/// "75%", by the one rounding rule of `figures.rs`.
pub fn percent(part: usize, whole: usize) -> String {
    Share::of(part, whole).percent_text()
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::counts::thousands;

    #[test]
    fn numbers_are_the_figures_ones() {
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(12), "12");
        assert_eq!(percent(1, 3), "33%");
        assert_eq!(percent(1, 0), "0%");
        assert_eq!(percent(149, 200), "75%");
        assert_eq!(percent(200, 201), "99%");
    }
}
