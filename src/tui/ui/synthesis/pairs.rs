//! The Together tab: pairs of tags on the same note and in the same
//! interview, with the notes behind the highlighted pair.

use super::ranked::bar;
use super::{View, first_row, list_and_evidence, pane};
use crate::analysis::figures::Share;
use crate::text::counts::plural;
use crate::tui::app::synthesis::PairRow;
use crate::tui::ui::text::{fit, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

impl View<'_> {
    pub(super) fn pairs(&self, frame: &mut Frame, body: Rect) {
        let (list, evidence) = list_and_evidence(body);
        let block = pane("Tags that come together", self.list_focused(), self.theme);
        let inner = block.inner(list);
        frame.render_widget(block, list);
        let r = self.result;
        if r.note_pairs.is_empty() && r.session_pairs.is_empty() {
            let text = "No tags appear together yet: two tags on one note, or in one interview, show here.";
            frame.render_widget(Paragraph::new(Span::styled(text, self.theme.muted)), inner);
        } else {
            let w = inner.width as usize;
            let selected = self.s.row();
            let mut lines: Vec<(Option<usize>, Line)> = Vec::new();
            let heading = |t: &str| (None, Line::styled(t.to_string(), self.theme.heading));
            let max_note = r.note_pairs.first().map_or(1, |p| p.count);
            let max_session = r.session_pairs.first().map_or(1, |p| p.count);
            let total = r.note_pairs.len() + r.session_pairs.len();
            for i in 0..total {
                let (p, unit, max) = match self.s.pair_row(i) {
                    Some(PairRow::Note(k)) => {
                        if k == 0 {
                            lines.push(heading("On the same note"));
                        }
                        (&r.note_pairs[k], "note", max_note)
                    }
                    Some(PairRow::Session(k)) => {
                        if k == 0 {
                            if !lines.is_empty() {
                                lines.push((None, Line::raw("")));
                            }
                            lines.push(heading("In the same interview"));
                        }
                        (&r.session_pairs[k], "interview", max_session)
                    }
                    None => continue,
                };
                let base = self.row_style(i == selected, self.list_focused());
                let names = format!("#{} + #{}", self.text(&p.a), self.text(&p.b));
                let names_w = (w / 2).max(10);
                let count = format!(" {:>14}", plural(p.count, unit));
                let bar_w = w.saturating_sub(names_w + width(&count) + 1).max(3);
                lines.push((
                    Some(i),
                    Line::from(vec![
                        Span::styled(fit(&names, names_w), self.theme.tag.patch(base)),
                        Span::styled(bar(Share::of(p.count, max), bar_w), self.theme.bar.patch(base)),
                        Span::styled(count, self.theme.text.patch(base)),
                    ]),
                ));
            }
            let at = lines.iter().position(|(i, _)| *i == Some(selected)).unwrap_or(0);
            let top = first_row(at, inner.height as usize, 1);
            self.record(inner, lines.iter().skip(top).map(|(i, _)| *i).collect());
            let shown: Vec<Line> = lines.into_iter().skip(top).map(|(_, l)| l).collect();
            frame.render_widget(Paragraph::new(shown), inner);
        }
        let title = match self.s.pair_row(self.s.row()) {
            Some(PairRow::Note(k)) => {
                let p = &r.note_pairs[k];
                format!("Notes with #{} and #{} · {}", self.text(&p.a), self.text(&p.b), p.count)
            }
            Some(PairRow::Session(k)) => {
                let p = &r.session_pairs[k];
                format!("#{} or #{} in interviews with both", self.text(&p.a), self.text(&p.b))
            }
            None => "Evidence".into(),
        };
        self.evidence(frame, evidence, &title);
    }
}
