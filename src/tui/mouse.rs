//! The mouse, as actions: the wheel does what ↑/↓ do on the screen (by
//! default, so remapping those keys does not take the wheel away), and a
//! left click picks the list row under it. Pure, like the keymap.

use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::ui::Hits;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use std::sync::LazyLock;

static DEFAULT_KEYS: LazyLock<Keymap> = LazyLock::new(Keymap::default);

/// Screens whose main list a click selects in. Elsewhere (forms, pop-ups,
/// help) a click does nothing, so it can never move the focus away from
/// what is being typed.
const CLICKABLE: &[Mode] =
    &[Mode::Home, Mode::Review, Mode::Followups, Mode::Typing, Mode::Selected, Mode::Synthesis, Mode::SynthSearch];

/// The action for a mouse event on the screen last drawn (`hits`), if any.
pub fn action(mode: Mode, event: MouseEvent, hits: &Hits) -> Option<Action> {
    let arrow = |code| DEFAULT_KEYS.resolve(mode, KeyEvent::new(code, KeyModifiers::NONE));
    match event.kind {
        MouseEventKind::ScrollUp => arrow(KeyCode::Up),
        MouseEventKind::ScrollDown => arrow(KeyCode::Down),
        MouseEventKind::Down(MouseButton::Left) if CLICKABLE.contains(&mode) => {
            hits.item_at(event.column, event.row).map(Action::Pick)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::ui::ListHits;
    use ratatui::layout::Rect;

    fn at(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
        MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE }
    }

    fn list() -> Hits {
        // Lines 5..9 at columns 10..40: a heading, a two-line note 0, note 1, nothing.
        Hits { list: Some(ListHits { area: Rect::new(10, 5, 30, 4), rows: vec![None, Some(0), Some(0), Some(1)] }) }
    }

    #[test]
    fn a_click_picks_the_row_under_it() {
        let click = |c, r| action(Mode::Home, at(MouseEventKind::Down(MouseButton::Left), c, r), &list());
        assert_eq!(click(10, 6), Some(Action::Pick(0)));
        assert_eq!(click(39, 7), Some(Action::Pick(0)));
        assert_eq!(click(20, 8), Some(Action::Pick(1)));
        assert_eq!(click(20, 5), None, "a heading picks nothing");
        assert_eq!(click(9, 6), None, "left of the list");
        assert_eq!(click(40, 6), None, "right of the list");
        assert_eq!(click(20, 9), None, "below the list");
        assert_eq!(action(Mode::Home, at(MouseEventKind::Down(MouseButton::Right), 20, 6), &list()), None);
        assert_eq!(action(Mode::Home, at(MouseEventKind::Up(MouseButton::Left), 20, 6), &list()), None);
    }

    #[test]
    fn clicks_do_nothing_over_forms_pop_ups_and_help() {
        for mode in [Mode::NewForm, Mode::Palette, Mode::Closing, Mode::HomeFilter, Mode::TagSearch, Mode::Help] {
            let e = at(MouseEventKind::Down(MouseButton::Left), 20, 6);
            assert_eq!(action(mode, e, &list()), None, "{mode:?}");
        }
        for mode in CLICKABLE {
            let e = at(MouseEventKind::Down(MouseButton::Left), 20, 6);
            assert_eq!(action(*mode, e, &list()), Some(Action::Pick(0)), "{mode:?}");
        }
    }

    #[test]
    fn the_wheel_does_what_the_arrows_do() {
        let wheel = |mode, kind| action(mode, at(kind, 0, 0), &Hits::default());
        assert_eq!(wheel(Mode::Home, MouseEventKind::ScrollDown), Some(Action::MoveDown));
        assert_eq!(wheel(Mode::Review, MouseEventKind::ScrollUp), Some(Action::MoveUp));
        assert_eq!(wheel(Mode::Followups, MouseEventKind::ScrollDown), Some(Action::MoveDown));
        assert_eq!(wheel(Mode::Typing, MouseEventKind::ScrollUp), Some(Action::SelectPrevNote));
        assert_eq!(wheel(Mode::Selected, MouseEventKind::ScrollDown), Some(Action::SelectNextNote));
        assert_eq!(wheel(Mode::QuickTag, MouseEventKind::ScrollDown), Some(Action::NextNote));
        assert_eq!(wheel(Mode::Palette, MouseEventKind::ScrollDown), Some(Action::MoveDown));
        assert_eq!(wheel(Mode::Help, MouseEventKind::ScrollDown), Some(Action::MoveDown), "the help scrolls");
    }
}
