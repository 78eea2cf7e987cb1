//! The Closing answers tab: each interview's answer to the closing question,
//! its head (date, who, company, tags) over the answer, wrapped.

use super::{View, pane};
use crate::analysis::figures::Share;
use crate::tui::ui::text::{clip_lines, truncate, width, wrap};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

impl View<'_> {
    pub(super) fn closing(&self, frame: &mut Frame, body: Rect) {
        let answers = &self.result.closing_answers;
        let block = pane(
            &format!(
                "Closing answers · “What else is on your mind?” · {}",
                Share::of(answers.len(), self.result.sessions()).of_text()
            ),
            true,
            self.theme,
        );
        let inner = block.inner(body);
        frame.render_widget(block, body);
        if answers.is_empty() {
            let text = "No closing answers yet: ending an interview asks the closing question.";
            frame.render_widget(Paragraph::new(Span::styled(text, self.theme.muted)), inner);
            return;
        }
        let w = inner.width as usize;
        let selected = self.s.row();
        let mut items: Vec<Vec<Line>> = Vec::new();
        // Rows from the selected one up, so it is always on screen.
        let start = {
            let mut used = 0;
            let mut k = selected;
            loop {
                used += self.closing_item(k, w, k == selected).len();
                if used > inner.height as usize || k == 0 {
                    break if used > inner.height as usize { k + 1 } else { 0 };
                }
                k -= 1;
            }
        }
        .min(selected);
        let mut used = 0;
        for k in start..answers.len() {
            let mut lines = self.closing_item(k, w, k == selected);
            // An answer longer than the pane shows its start.
            lines.truncate(inner.height as usize);
            used += lines.len();
            items.push(lines);
            if used >= inner.height as usize {
                break;
            }
        }
        let rows = items.iter().enumerate().flat_map(|(k, lines)| std::iter::repeat_n(Some(start + k), lines.len()));
        self.record(inner, rows.collect());
        frame.render_widget(Paragraph::new(items.into_iter().flatten().collect::<Vec<_>>()), inner);
    }

    fn closing_item(&self, k: usize, w: usize, selected: bool) -> Vec<Line<'static>> {
        let a = &self.result.closing_answers[k];
        let r = &self.records[a.session];
        let base = self.row_style(selected, true);
        let mut head = format!("{} · {}", r.date(), self.who(r));
        if let Some(c) = self.company(r) {
            head.push_str(&format!(" · {c}"));
        }
        let tags: String = a.tags.iter().take(5).map(|t| format!(" #{}", self.text(t))).collect();
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("{head} "), self.theme.heading.patch(base)),
            Span::styled(truncate(&tags, w.saturating_sub(width(&head) + 1)).into_owned(), self.theme.tag.patch(base)),
        ])];
        let answer = self.text(r.closing_answer.as_deref().unwrap_or(""));
        let mut body = wrap(&format!("“{answer}”"), w.saturating_sub(2).max(8));
        if !selected {
            clip_lines(&mut body, 4, w.saturating_sub(2).max(8));
        }
        lines.extend(body.into_iter().map(|l| Line::styled(format!("  {l}"), self.theme.quote.patch(base))));
        lines.push(Line::raw(""));
        lines
    }
}
