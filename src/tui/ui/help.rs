//! The help overlay: every key of the screen underneath, read from the keymap.

use super::text::centered;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

/// While typing, the keys that act on a note only work once one is selected:
/// one line says how to select one and what they are, from the live keymap.
fn selected_note_keys<'a>(keys: &Keymap, theme: &Theme) -> Option<Line<'a>> {
    let select = keys.first_key(Mode::Typing, &Action::SelectPrevNote)?.label();
    let what = [(Action::EditNote, "edit"), (Action::DeleteNote, "delete"), (Action::EditInEditor, "editor")];
    let acts: Vec<String> = what
        .iter()
        .filter_map(|(a, name)| keys.first_key(Mode::Selected, a).map(|k| format!("{} {name}", k.label())))
        .collect();
    (!acts.is_empty()).then(|| {
        Line::from(vec![
            Span::styled(format!(" {select} selects a note: "), theme.text),
            Span::styled(acts.join(" · "), theme.key),
        ])
    })
}

/// Draws the help over the screen, from line `scroll` when it is taller than
/// the window; `help_room` gets how far it can scroll and a page's height.
pub fn render(
    frame: &mut Frame,
    mode: Mode,
    theme: &Theme,
    keys: &Keymap,
    scroll: usize,
    help_room: &std::cell::Cell<(usize, usize)>,
) {
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
        if mode == Mode::Typing {
            lines.extend(selected_note_keys(keys, theme));
        }
    }
    // How to close it, and where these keys are changed, from the same keymap.
    // Over a text field a typed `q` goes to the field, so it is not said.
    let close: Vec<String> = [Action::Back, Action::ToggleHelp]
        .iter()
        .flat_map(|a| keys.keys(Mode::Help, a))
        .filter(|k| !(mode.takes_text() && k.is_typed()))
        .take(2)
        .map(|k| k.label())
        .collect();
    let bottom = format!(" {} close · config.yaml keymap: {} ", close.join("/"), mode.name());
    let column = lines.iter().map(Line::width).max().unwrap_or(20) as u16 + 2;
    let room = (frame.area().height.saturating_sub(2) as usize).max(1);
    // Too many keys for the height: two columns if the width and height
    // allow, else one that scrolls, its title saying which lines are shown.
    let mut columns = 1;
    let mut title = format!(" Keys: {} ", mode.title());
    let total = lines.len();
    let mut max_scroll = 0;
    if total > room {
        if column * 2 + 4 <= frame.area().width && total <= room * 2 {
            columns = 2;
        } else {
            max_scroll = total - room;
            let first = scroll.min(max_scroll);
            lines = lines.split_off(first);
            lines.truncate(room);
            let scroll_keys: Vec<String> = [Action::MoveUp, Action::MoveDown]
                .iter()
                .filter_map(|a| keys.first_key(Mode::Help, a).map(|k| k.label()))
                .collect();
            title = format!(
                " Keys: {} · {}–{} of {total} · {} ",
                mode.title(),
                first + 1,
                first + room,
                scroll_keys.join("")
            );
        }
    }
    help_room.set((max_scroll, room));
    let per_column = lines.len().div_ceil(columns);
    let width =
        (column * columns as u16).max(super::text::width(&bottom).max(super::text::width(&title)) as u16 + 2) + 2;
    let area = centered(frame.area(), width, per_column as u16 + 2);
    super::layers::overlay(frame, area);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focus)
        .title(Line::styled(title, theme.heading))
        .title_bottom(Line::styled(bottom, theme.muted));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut x = inner.x;
    let mut rest = lines;
    while !rest.is_empty() {
        let tail = rest.split_off(per_column.min(rest.len()));
        let w = column.min(inner.right().saturating_sub(x));
        frame.render_widget(Paragraph::new(rest), ratatui::layout::Rect { x, width: w, ..inner });
        x += column;
        rest = tail;
    }
}
