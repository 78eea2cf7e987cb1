//! The Search tab: the query field and the results, two lines each, the
//! matched characters highlighted.

use super::{View, first_row, pane};
use crate::analysis::synthesis::SessionRecord;
use crate::analysis::transcript::search::TranscriptHit;
use crate::domain::session::{Offset, clock_label};
use crate::text::counts::plural;
use crate::tui::app::synthesis::Focus;
use crate::tui::ui::text::{field_line, truncate, width};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

impl View<'_> {
    pub(super) fn search(&self, frame: &mut Frame, body: Rect) {
        let typing = self.s.focus == Focus::Search;
        let [input, results] = body.layout(&Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]));
        let title = if self.s.with_transcripts {
            "Search notes, closing answers, summaries and what was said · every word must match"
        } else {
            "Search notes, closing answers, summaries · every word must match"
        };
        let block = pane(title, typing, self.theme);
        let inner = block.inner(input);
        frame.render_widget(block, input);
        let count = match self.s.hits.len() {
            0 if self.s.query.is_empty() => String::new(),
            0 => "  no match".into(),
            n if n >= crate::tui::app::synthesis::SEARCH_LIMIT => format!("  best {n}"),
            n => format!("  {}", plural(n, "match")),
        };
        let count = match self.s.line_hits.len() {
            0 if self.s.with_transcripts && !self.s.query.is_empty() => format!("{count} · no line said"),
            0 => count,
            n => format!("{count} · {} said", plural(n, "line")),
        };
        // The results below are the previous query's until the new ones come.
        let count = if self.s.updating() && !self.s.query.is_empty() { "  searching…".to_string() } else { count };
        let w = (inner.width as usize).saturating_sub(width(&count) + 1);
        let (line, col) = field_line(&self.s.query, w, self.theme.input);
        let mut spans = line.spans;
        spans.push(Span::styled(count, self.theme.muted));
        frame.render_widget(Paragraph::new(Line::from(spans)), inner);
        if typing {
            super::super::layers::place_cursor(frame, Position::new(inner.x + col as u16, inner.y));
        }
        let block = pane("Results · each opens in its session", !typing, self.theme);
        let inner = block.inner(results);
        frame.render_widget(block, results);
        if self.s.query.is_empty() {
            let text = "Type words to find the notes, closing answers and summaries the filter keeps.";
            frame.render_widget(Paragraph::new(Span::styled(text, self.theme.muted)), inner);
            return;
        }
        let w = inner.width as usize;
        let selected = self.s.row();
        let top = first_row(selected, inner.height as usize, 2);
        let rows = self.s.len(crate::tui::app::synthesis::Tab::Search);
        let shown = (top..rows).take(inner.height as usize / 2);
        self.record(inner, shown.clone().flat_map(|i| [Some(i), Some(i)]).collect());
        let mut lines = Vec::new();
        for i in shown {
            let base = self.row_style(i == selected, true);
            match (self.s.hits.get(i), self.s.line_hit(i)) {
                (Some(hit), _) => lines.extend(self.search_hit(hit, w, base)),
                (None, Some(line)) => lines.extend(self.line_hit(line, w, base)),
                (None, None) => {}
            }
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }

    /// One search result on two lines: the kind's badge (as in the evidence
    /// pane) and the text with the matched words highlighted; then what it is
    /// (`quote`, `closing answer`, `summary`…) and who said it when.
    fn search_hit(&self, hit: &crate::analysis::search::Hit, w: usize, base: Style) -> [Line<'static>; 2] {
        let r = &self.records[hit.at.session()];
        let text = self.text(hit.at.text(self.records));
        let indices = if self.s.anon.is_some() {
            crate::analysis::search::highlight(&text, self.s.query.text())
        } else {
            hit.indices.clone()
        };
        let (lead, style, about) = match hit.at.note() {
            Some(at) => {
                let n = at.resolve(self.records).1;
                (format!("{} ", n.kind.badge()), self.theme.kind(n.kind), self.attribution(r, n, usize::MAX))
            }
            None => ("  ".to_string(), self.theme.text, self.who_and_when(r)),
        };
        let mut first = highlighted(
            &text,
            &indices,
            w.saturating_sub(width(&lead)),
            style.patch(base),
            self.theme.matched.patch(base),
        );
        first.spans.insert(0, Span::styled(lead, self.theme.muted.patch(base)));
        let second = format!("    {} {about}", hit.at.label(self.records));
        [first, Line::styled(truncate(&second, w).into_owned(), self.theme.muted.patch(base))]
    }

    /// A transcript line on two lines: `»` and who said what, the matched
    /// words highlighted; then "said at 00:12:31 (recording 12:45) — Ana…".
    fn line_hit(&self, hit: &TranscriptHit, w: usize, base: Style) -> [Line<'static>; 2] {
        let Some(data) = &self.s.data else { return [Line::default(), Line::default()] };
        let t = &data.transcripts;
        let r = &self.records[hit.line.session];
        let cue = hit.line.cue(t);
        let text = self.text(&cue.text);
        let indices = if self.s.anon.is_some() {
            crate::analysis::search::highlight(&text, self.s.query.text())
        } else {
            hit.indices.clone()
        };
        let who = match cue.speaker.as_deref() {
            Some(name) => {
                let interviewer = t.of(hit.line.session).and_then(|s| s.interviewer.as_deref());
                if self.s.anon.is_some() && interviewer == Some(name) {
                    "Interviewer: ".to_string()
                } else {
                    format!("{}: ", self.text(name))
                }
            }
            None => String::new(),
        };
        let lead = format!("» {who}");
        let mut first = highlighted(
            &text,
            &indices,
            w.saturating_sub(width(&lead)),
            self.theme.text.patch(base),
            self.theme.matched.patch(base),
        );
        first.spans.insert(0, Span::styled(lead, self.theme.muted.patch(base)));
        let at = clock_label(r.sittings, 1, Offset(hit.line.interview_secs(t)));
        let second = format!(
            "    said at {at} (recording {}) {}",
            crate::text::width::clock(cue.start.max(0.0) as u32),
            self.who_and_when(r)
        );
        [first, Line::styled(truncate(&second, w).into_owned(), self.theme.muted.patch(base))]
    }

    /// "— Ana López · Acme · 2026-03-02": a closing answer's or summary's attribution.
    fn who_and_when(&self, r: &SessionRecord) -> String {
        let mut out = format!("— {}", self.who(r));
        if let Some(c) = self.company(r) {
            out.push_str(&format!(" · {c}"));
        }
        out.push_str(&format!(" · {}", r.date()));
        out
    }
}

/// One line of `text` with the characters at `indices` in `hit` style,
/// truncated to `w` columns.
fn highlighted(text: &str, indices: &[usize], w: usize, style: Style, hit: Style) -> Line<'static> {
    let shown = truncate(text, w);
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (i, c) in shown.chars().enumerate() {
        let is_hit = indices.binary_search(&i).is_ok();
        if is_hit != run_hit && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), if run_hit { hit } else { style }));
        }
        run_hit = is_hit;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hit { hit } else { style }));
    }
    Line::from(spans)
}
