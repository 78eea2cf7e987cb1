//! Every follow-up promised in any interview, with who and when, to tick off.

use super::text::{fit, inert, truncate, width};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

pub fn render(frame: &mut Frame, app: &App, selected: usize, theme: &Theme, hits: &mut super::Hits) {
    let [header, body, footer] =
        frame.area().layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]));
    let items = app.followups();
    let open = items.iter().filter(|f| !f.3).count();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" fieldnotes · follow-ups", theme.heading),
            Span::styled(format!(" · {open} open of {}", items.len()), theme.muted),
        ])),
        header,
    );
    let block = Block::bordered().border_type(BorderType::Rounded).border_style(theme.border_focus);
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let h = inner.height as usize;
    let w = inner.width as usize;
    let top = selected.saturating_sub(h.saturating_sub(1));
    let mut lines: Vec<Line> = Vec::new();
    if items.is_empty() {
        lines.push(Line::styled("No follow-ups yet: notes that start with ? are follow-ups.", theme.muted));
    }
    for (k, (si, _, text, done)) in items.iter().enumerate().skip(top).take(h) {
        let base = if k == selected { theme.selection } else { ratatui::style::Style::new() };
        let Ok(info) = &app.library.sessions[*si].info else { continue };
        // Names are padded by screen columns, so wide (CJK) names keep the text aligned.
        let who = format!("{} {} ", info.started_at.format("%Y-%m-%d"), fit(&inert(&info.participant), 18));
        let tick = if *done { "☑ " } else { "☐ " };
        let rest = w.saturating_sub(width(&who) + 2);
        lines.push(Line::from(vec![
            Span::styled(tick, (if *done { theme.success } else { theme.followup }).patch(base)),
            Span::styled(who, theme.muted.patch(base)),
            Span::styled(
                truncate(&inert(text), rest).into_owned(),
                (if *done { theme.visited } else { theme.text }).patch(base),
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let rows = (0..h).map(|k| Some(top + k).filter(|i| *i < items.len())).collect();
    hits.list = Some(super::ListHits { area: inner, rows });
    let hint = app.message.as_deref().map(|m| super::keyed(m, &app.keymap, Mode::Followups)).unwrap_or_else(|| {
        let keys = super::key_line(
            &app.keymap,
            Mode::Followups,
            &[
                (Action::ToggleDone, "done/not done"),
                (Action::OpenSession, "open session"),
                (Action::Back, "library"),
                (Action::ToggleHelp, "help"),
            ],
        );
        format!(" {keys}")
    });
    let hint = super::text::truncate_line(Line::styled(hint, theme.muted), footer.width as usize);
    frame.render_widget(Paragraph::new(hint), footer);
}
