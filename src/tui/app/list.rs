//! Moving a highlight through a list: the same keys mean the same thing on
//! every screen with a list (library, session view, follow-ups, synthesis).

use crate::tui::action::Action;

/// Rows a page key moves.
pub const PAGE: usize = 10;

/// Where `action` takes a highlight at `at` in a list of `len` rows, or
/// `None` when the action is not a move. An empty list keeps row 0.
pub fn moved(at: usize, len: usize, action: &Action) -> Option<usize> {
    let last = len.saturating_sub(1);
    Some(match action {
        Action::MoveUp => at.saturating_sub(1),
        Action::MoveDown => (at + 1).min(last),
        Action::PageUp => at.saturating_sub(PAGE),
        Action::PageDown => (at + PAGE).min(last),
        Action::MoveFirst => 0,
        Action::MoveLast => last,
        Action::Pick(row) => (*row).min(last),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stay_inside_the_list() {
        assert_eq!(moved(0, 5, &Action::MoveUp), Some(0));
        assert_eq!(moved(4, 5, &Action::MoveDown), Some(4));
        assert_eq!(moved(3, 25, &Action::PageDown), Some(13));
        assert_eq!(moved(20, 25, &Action::PageDown), Some(24));
        assert_eq!(moved(3, 25, &Action::PageUp), Some(0));
        assert_eq!(moved(3, 25, &Action::MoveLast), Some(24));
        assert_eq!(moved(3, 25, &Action::MoveFirst), Some(0));
        assert_eq!(moved(0, 3, &Action::Pick(7)), Some(2));
        assert_eq!(moved(0, 0, &Action::MoveDown), Some(0), "an empty list keeps row 0");
        assert_eq!(moved(2, 5, &Action::Back), None);
    }
}
