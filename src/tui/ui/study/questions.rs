//! Guide questions: what each question yields across the study (notes,
//! codes, interviews asked), a guide at a time, with the suggestion to
//! reword or remove in words under the question, scrolled with the arrows.
//! The same rows as `fieldnotes study` prints.

use super::View;
use crate::text::out::inert;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

impl View<'_> {
    pub(super) fn questions(&self, frame: &mut Frame, area: Rect) {
        let rows = &self.c.guide;
        let mut lines: Vec<Line> = Vec::new();
        if rows.is_empty() {
            lines.push(Line::raw("No guide questions: the study's interviews use no guide fieldnotes can read."));
        } else {
            lines.push(Line::styled("notes / codes / interviews asked, per question", self.theme.muted));
        }
        let mut guide: Option<&str> = None;
        for r in rows {
            if guide != Some(r.guide.as_str()) {
                lines.push(Line::raw(""));
                lines.push(Line::styled(inert(&r.guide).into_owned(), self.theme.heading));
                guide = Some(&r.guide);
            }
            let figures = format!("{:>4} / {:>3} / {:>3}  ", r.notes, r.codes, r.interviews);
            lines.push(Line::from(vec![
                Span::raw(format!("{:<6} ", inert(&r.question))),
                Span::raw(figures),
                Span::raw(inert(r.text.trim()).into_owned()),
            ]));
            if let Some(s) = &r.suggestion {
                lines.push(Line::styled(format!("       → {}", s.words(r.interviews)), self.theme.current));
            }
        }
        let flagged = rows.iter().filter(|r| r.suggestion.is_some()).count();
        if !rows.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::raw(match flagged {
                0 => "No question flagged to reword or remove.".to_string(),
                1 => "1 question to reword or remove.".to_string(),
                n => format!("{n} questions to reword or remove."),
            }));
        }
        self.scrolled(frame, area, "Guide questions", lines);
    }
}
