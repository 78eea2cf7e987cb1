//! The screen shown first after a crash: what the journals hold that the
//! session files do not, and one key to bring it all back.

use super::text::{inert, truncate};
use crate::store::recovery::{Pending, Target};
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

pub fn render(frame: &mut Frame, pending: &[Pending], theme: &Theme, keys: &Keymap) {
    let [header, body, footer] =
        frame.area().layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]));
    frame.render_widget(Paragraph::new(Span::styled(" fieldnotes · unsaved notes found", theme.heading)), header);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focus)
        .title(Line::styled(" Recover after a crash ", theme.heading));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let w = inner.width as usize;
    let mut lines = vec![
        Line::styled("fieldnotes stopped before these changes reached the session files.", theme.text),
        Line::styled(
            match keys.first_key(Mode::Recovery, &Action::Recover) {
                Some(k) => format!("They are safe in the journal; press {} to write them back.", k.label()),
                None => "They are safe in the journal.".to_string(),
            },
            theme.text,
        ),
        Line::default(),
    ];
    for p in pending {
        let what = match p.target {
            Target::Overwrite => String::new(),
            Target::Create => " · file will be created".into(),
            Target::Copy => " · the file changed since: goes to a copy beside it".into(),
        };
        lines.push(Line::from(vec![
            Span::styled(inert(p.participant()).into_owned(), theme.heading),
            Span::styled(format!("  {}{what}", p.id), theme.muted),
        ]));
        const SHOWN: usize = 6;
        for c in p.changes.iter().rev().take(SHOWN).rev() {
            lines.push(Line::styled(format!("  + {}", truncate(c, w.saturating_sub(4))), theme.success));
        }
        if p.changes.len() > SHOWN {
            lines.push(Line::styled(format!("  … and {} earlier change(s)", p.changes.len() - SHOWN), theme.muted));
        }
        if let Some(d) = &p.damage {
            lines.push(Line::styled(format!("  ! journal end damaged ({}); kept aside", inert(d)), theme.warning));
        }
        if !p.held_back.is_empty() {
            lines.push(Line::styled(
                format!(
                    "  ! {} intact change(s) after the damage stay in the kept copy: a change before them is lost",
                    p.held_back.len()
                ),
                theme.warning,
            ));
        }
        lines.push(Line::default());
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let hints = [
        (Action::Recover, "recover all"),
        (Action::Back, "not now"),
        (Action::SaveAndQuit, "quit"),
        (Action::ToggleHelp, "help"),
    ];
    let room = footer.width as usize;
    let spans = super::footer::hint_spans(keys, Mode::Recovery, &hints, super::footer::Spacing::Spaced, theme, room);
    frame.render_widget(Paragraph::new(Line::from(spans)), footer);
}
