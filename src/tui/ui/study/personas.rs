//! Persona drafts, one card per segment, as `fieldnotes personas` writes
//! them (the same Markdown, its emphasis marks left out on screen), scrolled
//! with the arrows.

use super::View;
use crate::analysis::study::format::personas_markdown;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

impl View<'_> {
    pub(super) fn personas(&self, frame: &mut Frame, area: Rect) {
        let md = personas_markdown(&self.c.personas, self.records, "segment");
        let lines: Vec<Line> = md.lines().map(|l| self.card_line(l)).collect();
        self.scrolled(frame, area, "Persona drafts", lines);
    }

    /// A Markdown line as the screen shows it: headings bold, `**` and `*` dropped.
    fn card_line(&self, line: &str) -> Line<'static> {
        let plain = line.replace("**", "");
        match plain.strip_prefix("## ").or_else(|| plain.strip_prefix("# ")) {
            Some(h) => Line::styled(h.to_string(), self.theme.heading),
            None => {
                let t = plain.trim_end();
                let t = t.strip_prefix('*').and_then(|x| x.strip_suffix('*')).unwrap_or(t);
                Line::raw(t.to_string())
            }
        }
    }
}
