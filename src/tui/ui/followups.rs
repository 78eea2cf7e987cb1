//! Every follow-up promised in any interview, grouped by interview (who,
//! when, how many are open), open ones only unless asked, to tick off.

use super::text::{cursor_col, inert, truncate, width};
use crate::text::counts::thousands;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::app::followups::{FollowupRow, FollowupsView, grouped};
use crate::tui::keymap::Mode;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

pub fn render(frame: &mut Frame, app: &App, view: &FollowupsView, theme: &Theme, hits: &mut super::Hits) {
    let [header, body, footer] =
        frame.area().layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]));
    let all = app.followups();
    let open = all.iter().filter(|f| !f.3).count();
    let (items, problem) = app.shown_followups(view);
    let which = if view.show_done { "open and done" } else { "open only" };
    let shown = if view.filter.text().trim().is_empty() {
        format!(" · {} open of {} · {which}", thousands(open), thousands(all.len()))
    } else {
        format!(" · {} shown ({which}) · {} open of {}", thousands(items.len()), thousands(open), thousands(all.len()))
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" fieldnotes · follow-ups", theme.heading),
            Span::styled(shown, theme.muted),
        ])),
        header,
    );
    let block = Block::bordered().border_type(BorderType::Rounded).border_style(theme.border_focus);
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let h = inner.height as usize;
    let w = inner.width as usize;
    let selected = view.selected.min(items.len().saturating_sub(1));
    let rows = grouped(&items);
    // Keep the highlighted follow-up in sight, with its interview's heading when it fits.
    let at = rows.iter().position(|r| *r == FollowupRow::Item(selected)).unwrap_or(0);
    let top = if at < h { 0 } else { (at + 1).saturating_sub(h) };
    let mut lines: Vec<Line> = Vec::new();
    if items.is_empty() {
        let why = if all.is_empty() {
            "No follow-ups yet: notes that start with ? are follow-ups.".to_string()
        } else if !view.filter.text().trim().is_empty() {
            "No follow-up matches the filter.".to_string()
        } else {
            let key = super::key_line(&app.keymap, Mode::Followups, &[(Action::ShowDone, "shows them")]);
            format!("Every follow-up is done: {key}.")
        };
        lines.push(Line::styled(why, theme.muted));
    }
    for row in rows.iter().skip(top).take(h) {
        match *row {
            FollowupRow::Interview { session, open } => {
                let Ok(info) = &app.library.sessions[session].info else { continue };
                let company = info.company.as_deref().map(|c| format!(", {}", inert(c))).unwrap_or_default();
                let head = format!(
                    "{}{company} · {} · {open} open",
                    inert(&info.participant),
                    info.started_at.format("%Y-%m-%d")
                );
                lines.push(Line::styled(truncate(&head, w).into_owned(), theme.heading));
            }
            FollowupRow::Item(k) => {
                let (_, _, text, done) = items[k];
                let base = if k == selected { theme.selection } else { Style::new() };
                let tick = if done { "  ☑ " } else { "  ☐ " };
                let rest = w.saturating_sub(width(tick));
                lines.push(Line::from(vec![
                    Span::styled(tick, (if done { theme.success } else { theme.followup }).patch(base)),
                    Span::styled(
                        truncate(&inert(text), rest).into_owned(),
                        (if done { theme.visited } else { theme.text }).patch(base),
                    ),
                ]));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let hit_rows = (0..h)
        .map(|k| match rows.get(top + k) {
            Some(FollowupRow::Item(i)) => Some(*i),
            _ => None,
        })
        .collect();
    hits.list = Some(super::ListHits { area: inner, rows: hit_rows });
    render_footer(frame, footer, app, view, problem, theme);
}

fn render_footer(
    frame: &mut Frame,
    area: ratatui::layout::Rect,
    app: &App,
    view: &FollowupsView,
    problem: Option<String>,
    theme: &Theme,
) {
    if view.filtering || !view.filter.text().is_empty() {
        let keys =
            super::key_line(&app.keymap, Mode::FollowupsFilter, &[(Action::ApplyTag, "keep"), (Action::Back, "clear")]);
        let hint = match problem {
            Some(p) => format!("  {}", inert(&p)),
            None if view.filtering => format!("  {keys}"),
            None => String::new(),
        };
        let text = format!(" / {}", inert(view.filter.text()));
        let spans = vec![
            Span::styled(text.clone(), theme.input),
            Span::styled(hint, if view.filtering { theme.muted } else { theme.warning }),
        ];
        if view.filtering || app.message.is_none() {
            frame.render_widget(Paragraph::new(Line::from(spans)), area);
            if view.filtering {
                let col = 3 + cursor_col(&view.filter) as u16;
                super::layers::place_cursor(frame, Position::new(area.x + col, area.y));
            }
            return;
        }
    }
    // The same row of key hints as every other screen.
    let hint = match app.message.as_deref() {
        Some(m) => Line::styled(format!(" {}", super::keyed(m, &app.keymap, Mode::Followups)), theme.muted),
        None => Line::from(super::footer::hint_spans(
            &app.keymap,
            Mode::Followups,
            &[
                (Action::ToggleDone, "done/not done"),
                (Action::OpenSession, "open"),
                (Action::FilterLibrary, "filter"),
                (Action::ShowDone, if view.show_done { "open only" } else { "done too" }),
                (Action::Back, "back"),
                (Action::ToggleHelp, "help"),
            ],
            super::footer::Spacing::Spaced,
            theme,
            area.width as usize,
        )),
    };
    frame.render_widget(Paragraph::new(super::text::truncate_line(hint, area.width as usize)), area);
}
