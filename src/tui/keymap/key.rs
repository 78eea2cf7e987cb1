//! Key syntax: one key with its modifiers, read from the config (`ctrl-o`,
//! `alt-j`, `f2`), written back in that syntax, and labelled for help and
//! hints (`Ctrl-O`, `^O`). Apart from the table, since the config, the help
//! and the table all lean on it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub(super) const NONE: KeyModifiers = KeyModifiers::NONE;
pub(super) const CTRL: KeyModifiers = KeyModifiers::CONTROL;
pub(super) const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
pub(super) const ALT: KeyModifiers = KeyModifiers::ALT;

/// One key with its modifiers, normalised the way terminals report them:
/// Shift is part of a character (`J`, `?`), Ctrl-letters are lower-case, and
/// Shift-Tab is `BackTab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// Named keys in config syntax; the first name of a key is the one written back.
const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("space", KeyCode::Char(' ')),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pageup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("pagedown", KeyCode::PageDown),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
];

/// What a bad key looks like, for error messages.
pub const KEY_SYNTAX: &str = "a key is a character (j, J, ?), a name (enter, esc, tab, space, backspace, delete, \
     insert, home, end, pgup, pgdn, up, down, left, right, f1…f12), or either after ctrl-, alt- or shift- \
     (ctrl-n, alt-j, shift-tab)";

impl Key {
    pub const fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        Key { code, mods }
    }

    /// The key as terminals tell keys apart (see the type's doc).
    pub fn normalized(self) -> Key {
        let Key { mut code, mut mods } = self;
        match code {
            KeyCode::Char(c) => {
                mods -= SHIFT;
                if mods.contains(CTRL) {
                    code = KeyCode::Char(c.to_ascii_lowercase());
                }
            }
            KeyCode::Tab if mods.contains(SHIFT) => {
                code = KeyCode::BackTab;
                mods -= SHIFT;
            }
            KeyCode::BackTab => mods -= SHIFT,
            _ => {}
        }
        Key { code, mods }
    }

    pub fn of_event(key: KeyEvent) -> Key {
        Key::new(key.code, key.modifiers).normalized()
    }

    /// Parses config syntax: `ctrl-n`, `alt-j`, `f2`, `shift-tab`, `enter`,
    /// `pgdn`, `space`, or a single character (`j`, `J`, `?`, `-`). Modifier
    /// and key names ignore case; a single character keeps it.
    pub fn parse(text: &str) -> Result<Key, String> {
        let bad = |why: String| Err(format!("{text:?} is not a key: {why}"));
        let text_t = text.trim();
        if text_t.is_empty() {
            return bad(format!("it is empty ({KEY_SYNTAX})"));
        }
        // The key is after the last `-`, unless the key is `-` itself.
        let (prefix, name) = if text_t == "-" {
            ("", "-")
        } else if let Some(p) = text_t.strip_suffix("--") {
            (p, "-")
        } else {
            match text_t.rfind('-') {
                Some(i) if i + 1 == text_t.len() => return bad(format!("nothing follows the last - ({KEY_SYNTAX})")),
                Some(i) => (&text_t[..i], &text_t[i + 1..]),
                None => ("", text_t),
            }
        };
        let mut mods = NONE;
        for m in prefix.split('-').filter(|m| !prefix.is_empty() || !m.is_empty()) {
            let flag = match m.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => CTRL,
                "alt" | "meta" => ALT,
                "shift" => SHIFT,
                other => return bad(format!("{other:?} is not a modifier: use ctrl-, alt- or shift-")),
            };
            if mods.contains(flag) {
                return bad(format!("{m} is given twice"));
            }
            mods |= flag;
        }
        let lower = name.to_ascii_lowercase();
        let mut chars = name.chars();
        let code = if let (Some(c), None) = (chars.next(), chars.next()) {
            KeyCode::Char(c)
        } else if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
            *code
        } else if let Some(n) =
            lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()).filter(|n| (1..=12).contains(n))
        {
            KeyCode::F(n)
        } else {
            return bad(format!("{name:?} is not a key name ({KEY_SYNTAX})"));
        };
        match code {
            KeyCode::Char(c) if mods.contains(SHIFT) && !c.is_ascii_alphabetic() && c != ' ' => {
                return bad(format!(
                    "write the character Shift gives instead (! rather than shift-1); {c:?} with shift is not one key"
                ));
            }
            KeyCode::Char(c) if mods.contains(SHIFT) => {
                if c == ' ' {
                    return bad("terminals send shift-space as space".into());
                }
                mods -= SHIFT;
                return Ok(Key::new(KeyCode::Char(c.to_ascii_uppercase()), mods).normalized());
            }
            KeyCode::Char(c) if mods.contains(CTRL) => {
                let same = match c.to_ascii_lowercase() {
                    'i' => Some("tab"),
                    'm' => Some("enter"),
                    '[' => Some("esc"),
                    _ => None,
                };
                if let Some(same) = same {
                    return bad(format!("terminals send ctrl-{c} as {same}; choose another letter"));
                }
                if !c.is_ascii_alphabetic() && c != ' ' {
                    return bad(format!("terminals cannot send ctrl with {c:?}; use a letter, or space"));
                }
            }
            KeyCode::Enter | KeyCode::Esc | KeyCode::Backspace if mods.contains(SHIFT) => {
                return bad(format!("terminals send shift-{lower} as {lower}"));
            }
            _ => {}
        }
        Ok(Key::new(code, mods).normalized())
    }

    /// The key in config syntax (what [`Key::parse`] reads back).
    pub fn name(self) -> String {
        let k = self.normalized();
        let mut out = String::new();
        if k.mods.contains(CTRL) {
            out.push_str("ctrl-");
        }
        if k.mods.contains(ALT) {
            out.push_str("alt-");
        }
        if k.mods.contains(SHIFT) {
            out.push_str("shift-");
        }
        match k.code {
            KeyCode::BackTab => out.push_str("shift-tab"),
            KeyCode::F(n) => out.push_str(&format!("f{n}")),
            KeyCode::Char(' ') => out.push_str("space"),
            KeyCode::Char(c) => out.push(c),
            code => match NAMED.iter().find(|(_, c)| *c == code) {
                Some((n, _)) => out.push_str(n),
                None => out.push_str(&format!("{code:?}").to_ascii_lowercase()),
            },
        }
        out
    }

    /// How the key is written in help: `Ctrl-N`, `Alt-j`, `Enter`, `F1`, `↑`.
    pub fn label(self) -> String {
        let Key { code, mods } = self;
        let key = match code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if mods.contains(CTRL) => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            other => format!("{other:?}"),
        };
        let mut out = String::new();
        if mods.contains(CTRL) {
            out.push_str("Ctrl-");
        }
        if mods.contains(ALT) {
            out.push_str("Alt-");
        }
        if mods.contains(SHIFT) && code != KeyCode::BackTab {
            out.push_str("Shift-");
        }
        out.push_str(&key);
        out
    }

    /// The label, short (`^N`), for footer hints where every column counts.
    pub fn short_label(self) -> String {
        let label = self.label();
        match label.strip_prefix("Ctrl-") {
            Some(rest) => format!("^{rest}"),
            None => label,
        }
    }

    /// A plain character with no Ctrl or Alt: in a text field it would be typed.
    pub fn is_typed(self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.mods.intersects(CTRL | ALT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::Keymap;
    use crate::tui::keymap::remap::Preset;

    #[test]
    fn keys_parse() {
        let k = |s: &str| Key::parse(s).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(k("ctrl-n"), Key::new(KeyCode::Char('n'), CTRL));
        assert_eq!(k("Ctrl-N"), Key::new(KeyCode::Char('n'), CTRL));
        assert_eq!(k("alt-j"), Key::new(KeyCode::Char('j'), ALT));
        assert_eq!(k("alt-J"), Key::new(KeyCode::Char('J'), ALT));
        assert_eq!(k("f2"), Key::new(KeyCode::F(2), NONE));
        assert_eq!(k("F12"), Key::new(KeyCode::F(12), NONE));
        assert_eq!(k("shift-tab"), Key::new(KeyCode::BackTab, NONE));
        assert_eq!(k("enter"), Key::new(KeyCode::Enter, NONE));
        assert_eq!(k("esc"), Key::new(KeyCode::Esc, NONE));
        assert_eq!(k("space"), Key::new(KeyCode::Char(' '), NONE));
        assert_eq!(k("pgdn"), Key::new(KeyCode::PageDown, NONE));
        assert_eq!(k("pageup"), Key::new(KeyCode::PageUp, NONE));
        assert_eq!(k("ctrl-alt-x"), Key::new(KeyCode::Char('x'), CTRL | ALT));
        assert_eq!(k("shift-up"), Key::new(KeyCode::Up, SHIFT));
        assert_eq!(k("shift-j"), Key::new(KeyCode::Char('J'), NONE));
        assert_eq!(k("j"), Key::new(KeyCode::Char('j'), NONE));
        assert_eq!(k("J"), Key::new(KeyCode::Char('J'), NONE));
        assert_eq!(k("?"), Key::new(KeyCode::Char('?'), NONE));
        assert_eq!(k("-"), Key::new(KeyCode::Char('-'), NONE));
        assert_eq!(k("alt--"), Key::new(KeyCode::Char('-'), ALT));
        assert_eq!(k("é"), Key::new(KeyCode::Char('é'), NONE));
    }

    #[test]
    fn bad_keys_say_why() {
        for (text, why) in [
            ("", "empty"),
            ("ctrl-", "nothing follows"),
            ("ctl-n", "\"ctl\" is not a modifier"),
            ("alt-jj", "\"jj\" is not a key name"),
            ("f13", "\"f13\" is not a key name"),
            ("ctrl-ctrl-n", "twice"),
            ("ctrl-i", "as tab"),
            ("ctrl-m", "as enter"),
            ("ctrl-1", "cannot send ctrl"),
            ("shift-1", "! rather than shift-1"),
            ("shift-enter", "as enter"),
        ] {
            let e = Key::parse(text).unwrap_err();
            assert!(e.contains(why) && e.contains(&format!("{text:?}")), "{text}: {e}");
        }
    }

    #[test]
    fn every_default_and_vim_key_round_trips_through_its_name() {
        for map in [Keymap::default(), Keymap::with_preset(Preset::Vim)] {
            for e in &map.entries {
                assert_eq!(Key::parse(&e.key.name()), Ok(e.key), "{}", e.key.name());
            }
        }
    }
}
