//! A drawn screen as text, for tests that look at what a user sees.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The screen's rows as text: each wide character once, the cells it
/// covers dropped (as a terminal shows it).
pub fn rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buf = terminal.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            let mut row = String::new();
            let mut hidden = 0;
            for x in 0..buf.area.width {
                if hidden > 0 {
                    hidden -= 1;
                    continue;
                }
                let symbol = buf[(x, y)].symbol();
                hidden = fieldnotes::text::width::width(symbol).saturating_sub(1);
                row.push_str(symbol);
            }
            row
        })
        .collect()
}
