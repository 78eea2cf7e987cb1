//! What the help overlay, the footer hints and the README read from the
//! live keymap: help rows per screen, the short key of an action, and every
//! screen's keys as Markdown tables. Apart from the lookup, since it is about
//! showing keys, not resolving them.

use super::{Key, Keymap, Mode};
use crate::tui::action::Action;

impl Keymap {
    /// The first key of an action in a mode, short (`^N`), for footer hints.
    pub fn hint(&self, mode: Mode, action: &Action) -> Option<String> {
        self.first_key(mode, action).map(|k| k.short_label())
    }

    /// Help rows for a mode: keys joined per action, in keymap order.
    pub fn help_rows(&self, mode: Mode) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(String, &'static str, &Action)> = Vec::new();
        // The text-editing keys are the same in every field: one row for them all,
        // so the help fits on a 24-line terminal.
        let mut editing: Vec<String> = Vec::new();
        for e in self.in_mode(mode) {
            let label = e.key.label();
            if mode.takes_text() && is_text_editing(&e.action) {
                if !editing.contains(&label) {
                    editing.push(label);
                }
                continue;
            }
            // Numbered keys (1–9 for tags, 1–7 for views) share one row.
            let same = |a: &Action| *a == e.action || (numbered(a) && numbered(&e.action) && same_kind(a, &e.action));
            match rows.iter_mut().find(|(_, _, a)| same(a)) {
                Some((keys, _, _)) => {
                    keys.push_str(" / ");
                    keys.push_str(&label);
                }
                None => rows.push((label, e.help, &e.action)),
            }
        }
        let mut out: Vec<(String, &'static str)> = rows.into_iter().map(|(k, h, _)| (digit_run(&k), h)).collect();
        if !editing.is_empty() {
            out.push((editing.join(" "), "edit the text"));
        }
        if mode.takes_text() {
            out.push(("any character".into(), "types into the focused field"));
        }
        out
    }

    /// The shared keys, then every screen's keys, as Markdown tables (the README's are these, for the
    /// default keymap; a test keeps them equal). The text-editing keys, the same
    /// in every field, get one table of their own.
    pub fn markdown(&self) -> String {
        let row = |keys: &[Key], action: &Action, help: &str| {
            let keys: Vec<String> = keys.iter().map(|k| format!("`{}`", k.name())).collect();
            format!("| {} | `{}` | {} |\n", keys.join(" "), action.name(), help)
        };
        let head = "| Keys | Action | What it does |\n| --- | --- | --- |\n";
        // First what many screens do, one key each, then screen by screen.
        let mut out = format!("**One key per meaning, on every screen that has it**\n\n{}\n", self.concepts_markdown());
        for mode in Mode::ALL {
            out.push_str(&format!("**{}** (`{}`)\n\n{head}", mode.title(), mode.name()));
            let mut seen: Vec<&Action> = Vec::new();
            // Outside text fields an editing action is a key of its own (Backspace
            // takes back a consent choice): listed with the screen's keys.
            for e in
                self.entries.iter().filter(|e| e.mode == mode && !(mode.takes_text() && is_text_editing(&e.action)))
            {
                if !seen.contains(&&e.action) {
                    seen.push(&e.action);
                    out.push_str(&row(&self.keys(mode, &e.action), &e.action, e.help));
                }
            }
            out.push('\n');
        }
        out.push_str(&format!("**In every text field** (`text`)\n\n{head}"));
        let mut seen: Vec<&Action> = Vec::new();
        for e in self.entries.iter().filter(|e| e.mode == Mode::Typing && is_text_editing(&e.action)) {
            if !seen.contains(&&e.action) {
                seen.push(&e.action);
                out.push_str(&row(&self.keys(Mode::Typing, &e.action), &e.action, e.help));
            }
        }
        out
    }
}

fn numbered(action: &Action) -> bool {
    matches!(action, Action::TopTag(_) | Action::ShowTab(_))
}

fn same_kind(a: &Action, b: &Action) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// "1 / 2 / 3 / 4" → "1–4": a run of digit keys, written as a range.
fn digit_run(keys: &str) -> String {
    let digits: Vec<u32> = keys.split(" / ").filter_map(|k| k.parse().ok().filter(|_| k.len() == 1)).collect();
    let run =
        digits.len() > 2 && digits.len() == keys.split(" / ").count() && digits.windows(2).all(|w| w[1] == w[0] + 1);
    if run { format!("{}–{}", digits[0], digits[digits.len() - 1]) } else { keys.to_string() }
}

fn is_text_editing(action: &Action) -> bool {
    matches!(
        action,
        Action::Backspace
            | Action::DeleteForward
            | Action::DeleteWord
            | Action::ClearInput
            | Action::CursorLeft
            | Action::CursorRight
            | Action::CursorHome
            | Action::CursorEnd
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_keys_share_one_help_row() {
        let keys = Keymap::default();
        let rows = keys.help_rows(Mode::Synthesis);
        assert!(rows.iter().any(|(k, h)| k == "1–7" && h.contains("view N")), "{rows:?}");
        assert!(!rows.iter().any(|(k, _)| k == "2"));
        let rows = keys.help_rows(Mode::QuickTag);
        assert!(rows.iter().any(|(k, h)| k == "1–9" && h.contains("tag N")), "{rows:?}");
        assert_eq!(digit_run("1 / 2"), "1 / 2", "two keys read fine as they are");
        assert_eq!(digit_run("1 / 3 / 4"), "1 / 3 / 4");
        assert_eq!(digit_run("Alt-1 / Alt-2 / Alt-3"), "Alt-1 / Alt-2 / Alt-3");
    }

    #[test]
    fn help_lists_every_binding_of_a_mode() {
        let keys = Keymap::default();
        let rows = keys.help_rows(Mode::Typing);
        assert!(rows.iter().any(|(k, h)| k == "Ctrl-N" && h.contains("next question")));
        assert!(rows.iter().any(|(k, _)| k.starts_with("Ctrl-Q")));
        for mode in Mode::ALL {
            assert!(!keys.help_rows(mode).is_empty(), "{mode:?}");
        }
    }
}
