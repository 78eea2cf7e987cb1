//! The live screen's guide pane: the sections with their time budgets, the
//! current question (`▶`, with its probes), the ones asked (`✓`), and a
//! question peeked at (`◆`, the pane titled "peeking") while the current one
//! stays where it is.

use super::text::{clock, inert, minutes, truncate, width, wrap};
use crate::tui::action::Action;
use crate::tui::app::capture::Capture;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

pub(super) fn render_guide(
    frame: &mut Frame,
    area: Rect,
    c: &Capture,
    now: DateTime<FixedOffset>,
    theme: &Theme,
    keys: &Keymap,
) {
    let peek = c.peeking(now);
    let block = guide_block(c, peek, theme, keys);
    let inner = block.inner(area);
    let key = lines_key(c, peek, c.section_elapsed(now), inner, theme);
    let lines = || guide_lines(c, peek, now, inner, theme);
    super::pane_cache::render_keyed_pane(frame, "capture-guide", area, Some(block), key, lines);
}

/// Everything [`guide_lines`] makes its lines of, hashed: on most keys the
/// guide is as it was, and laying out every question to learn that was a
/// seventh of a keystroke's frame.
fn lines_key(c: &Capture, peek: Option<usize>, section_secs: u32, inner: Rect, theme: &Theme) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for section in &c.guide.sections {
        (&section.title, section.budget).hash(&mut h);
        for q in &section.questions {
            (&q.id, &q.text, &q.probes).hash(&mut h);
        }
    }
    (c.current, &c.asked, peek, c.current_section(), section_secs, inner.width, inner.height).hash(&mut h);
    theme.styles().hash(&mut h);
    h.finish()
}

/// The guide's lines that fit `inner`, the open question in view.
fn guide_lines(
    c: &Capture,
    peek: Option<usize>,
    now: DateTime<FixedOffset>,
    inner: Rect,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let w = inner.width as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    // The question shown in full: the one peeked at, else the current one.
    let open = peek.unwrap_or(c.current);
    let (mut open_line, mut open_end, mut current_line) = (0, 0, 0);
    let current_section = c.current_section();
    let mut flat = 0;
    for (s, section) in c.guide.sections.iter().enumerate() {
        let budget = section.budget.map(|b| {
            let is_current = Some(s) == current_section;
            let over = is_current && c.section_elapsed(now) > b * 60;
            let text = if is_current {
                format!(" {} / {}", clock(c.section_elapsed(now)), minutes(b))
            } else {
                format!(" {}", minutes(b))
            };
            Span::styled(text, if over { theme.warning } else { theme.muted })
        });
        let room = w.saturating_sub(budget.as_ref().map_or(0, |b| b.width()));
        let mut head = vec![Span::styled(
            truncate(&format!("{} {}", s + 1, inert(&section.title)), room).into_owned(),
            theme.heading,
        )];
        head.extend(budget);
        lines.push(Line::from(head));
        for q in &section.questions {
            let is_current = flat == c.current;
            let asked = c.asked.get(flat).copied().unwrap_or(false);
            let mark = match (is_current, Some(flat) == peek, asked) {
                (true, ..) => "▶ ",
                (_, true, _) => "◆ ",
                (_, _, true) => "✓ ",
                _ => "  ",
            };
            let label = format!("{mark}{} ", q.id);
            let text = inert(&q.text);
            if is_current {
                current_line = lines.len();
            }
            if flat == open {
                open_line = lines.len();
                let style = if peek.is_some() { theme.selection } else { theme.current };
                open_question(&mut lines, &label, &text, &q.probes, w, style, theme);
                open_end = lines.len();
            } else {
                let style = if is_current {
                    theme.current
                } else if asked {
                    theme.visited
                } else {
                    theme.text
                };
                lines.push(Line::styled(truncate(&format!("{label}{text}"), w).into_owned(), style));
            }
            flat += 1;
        }
    }
    // Keep the open question in view, a little below the top; while peeking,
    // the current question too when both fit.
    let h = inner.height as usize;
    let mut top = open_line.saturating_sub(h / 4);
    if current_line < top && open_end.saturating_sub(current_line) <= h {
        top = current_line;
    }
    let top = top.min(lines.len().saturating_sub(h));
    lines.into_iter().skip(top).take(h).collect()
}

/// The pane's frame: titled "peeking" in the selection's colour while a
/// question ahead is looked at, with how to get back; else the peek keys.
fn guide_block(c: &Capture, peek: Option<usize>, theme: &Theme, keys: &Keymap) -> Block<'static> {
    let block = Block::bordered().border_type(BorderType::Rounded);
    match peek {
        Some(_) => {
            let current = c.guide.nth(c.current).map(|(_, q)| inert(&q.id).into_owned()).unwrap_or_default();
            let back = super::key_line(keys, Mode::Typing, &[(Action::Back, "back")]);
            block
                .border_style(theme.selection)
                .title(Line::styled(format!(" Guide · peeking (▶ {current}) "), theme.selection))
                .title_bottom(Line::styled(format!(" {back} "), theme.muted))
        }
        None => {
            let pair = super::key_pair(keys, Mode::Typing, &Action::PeekPrevQuestion, &Action::PeekNextQuestion);
            let block = block.border_style(theme.border).title(Line::styled(" Guide ", theme.heading));
            match pair {
                Some(pair) => block.title_bottom(Line::styled(format!(" {pair} peek "), theme.muted)),
                None => block,
            }
        }
    }
}

/// A question in full: its text wrapped under its label, then its probes.
fn open_question(
    lines: &mut Vec<Line>,
    label: &str,
    text: &str,
    probes: &[String],
    w: usize,
    style: Style,
    theme: &Theme,
) {
    let indent = width(label);
    for (i, part) in wrap(text, w.saturating_sub(indent)).into_iter().enumerate() {
        let lead = if i == 0 { label.to_string() } else { " ".repeat(indent) };
        lines.push(Line::from(vec![Span::styled(lead, style), Span::styled(part, style)]));
    }
    for probe in probes {
        for (i, part) in wrap(&inert(probe), w.saturating_sub(indent + 2)).into_iter().enumerate() {
            let lead = if i == 0 { "· " } else { "  " };
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(format!("{lead}{part}"), theme.muted),
            ]));
        }
    }
}
