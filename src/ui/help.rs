//! The help overlay: every key of the screen underneath, read from the keymap.

use super::text::centered;
use crate::action::Action;
use crate::keymap::{Keymap, Mode};
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

pub fn render(frame: &mut Frame, mode: Mode, theme: &Theme, keys: &Keymap) {
    // Short key names form a table; a long list of keys (the text-editing
    // ones) gets a line of its own so the table stays narrow.
    const TABLE_KEY_MAX: usize = 18;
    let (short, long): (Vec<_>, Vec<_>) =
        keys.help_rows(mode).into_iter().partition(|(k, _)| super::text::width(k) <= TABLE_KEY_MAX);
    let key_w = short.iter().map(|(k, _)| super::text::width(k)).max().unwrap_or(0);
    let mut lines: Vec<Line> = short
        .iter()
        .map(|(k, h)| {
            Line::from(vec![Span::styled(format!(" {k:<key_w$}  "), theme.key), Span::styled(*h, theme.text)])
        })
        .collect();
    for (k, h) in &long {
        lines.push(Line::from(vec![Span::styled(format!(" {h}: "), theme.text), Span::styled(k.clone(), theme.key)]));
    }
    if matches!(mode, Mode::Typing | Mode::Selected) {
        lines.push(Line::default());
        lines.push(Line::styled(" Start a note with a marker:", theme.heading));
        lines.push(Line::from(vec![
            Span::styled(" \" ", theme.quote),
            Span::raw("quote  "),
            Span::styled("! ", theme.pain),
            Span::raw("pain  "),
            Span::styled("+ ", theme.idea),
            Span::raw("idea  "),
            Span::styled("? ", theme.followup),
            Span::raw("follow-up  "),
            Span::styled("[ ", theme.insight),
            Span::raw("insight"),
        ]));
        lines.push(Line::from(vec![
            Span::raw(" Words like "),
            Span::styled("#pricing", theme.tag),
            Span::raw(" become tags."),
        ]));
    }
    // How to close it, and where these keys are changed, from the same keymap.
    let close: Vec<String> = keys.keys(Mode::Help, &Action::ToggleHelp).iter().take(2).map(|k| k.label()).collect();
    let bottom = format!(" {} close · config.yaml keymap: {} ", close.join("/"), mode.name());
    let width = lines.iter().map(Line::width).max().unwrap_or(20).max(super::text::width(&bottom) + 2) as u16 + 4;
    let area = centered(frame.area(), width, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focus)
        .title(Line::styled(format!(" Keys: {} ", mode.title()), theme.heading))
        .title_bottom(Line::styled(bottom, theme.muted));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
