//! One meaning per key: the things many screens do (save, sort, filter,
//! search, clear, undo, help, back, quit…) and the one key each has wherever
//! it exists. The README's table of them is generated from here, and the
//! tests below walk every screen so a new binding cannot give a key a second
//! meaning. Apart from the key table, which says what each screen binds.

use super::key::{CTRL, NONE};
use super::{Key, Keymap, Mode};
use crate::tui::action::Action;
use crossterm::event::KeyCode;

/// Something several screens do, under one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concept {
    New,
    Save,
    Sort,
    Filter,
    Search,
    ClearFilter,
    MarkDone,
    Undo,
    Help,
    Back,
    Quit,
}

impl Concept {
    pub const ALL: [Concept; 11] = [
        Concept::New,
        Concept::Save,
        Concept::Sort,
        Concept::Filter,
        Concept::Search,
        Concept::ClearFilter,
        Concept::MarkDone,
        Concept::Undo,
        Concept::Help,
        Concept::Back,
        Concept::Quit,
    ];

    /// The concept an action is, if it is one of those shared by screens.
    pub fn of(action: &Action) -> Option<Concept> {
        Some(match action {
            Action::NewInterview => Concept::New,
            Action::Export => Concept::Save,
            Action::CycleSort | Action::ToggleMatrixRanking => Concept::Sort,
            Action::FacetFilter | Action::EditFilter => Concept::Filter,
            Action::FilterLibrary | Action::SearchNotes | Action::SearchTags => Concept::Search,
            Action::ClearFilter => Concept::ClearFilter,
            Action::ToggleDone => Concept::MarkDone,
            Action::Undo => Concept::Undo,
            Action::ToggleHelp => Concept::Help,
            Action::Back => Concept::Back,
            Action::Quit | Action::SaveAndQuit => Concept::Quit,
            _ => return None,
        })
    }

    pub fn title(self) -> &'static str {
        match self {
            Concept::New => "new (interview)",
            Concept::Save => "save / export",
            Concept::Sort => "sort / order",
            Concept::Filter => "filter (tags, segments, the filter line)",
            Concept::Search => "search: type text to find",
            Concept::ClearFilter => "clear the filters",
            Concept::MarkDone => "mark a follow-up done",
            Concept::Undo => "undo",
            Concept::Help => "help (these keys)",
            Concept::Back => "back / close",
            Concept::Quit => "save and quit",
        }
    }

    /// The default keys it has on every screen where it exists. A plain
    /// character among them is left out where characters are typed.
    pub fn keys(self) -> &'static [(KeyCode, crossterm::event::KeyModifiers)] {
        match self {
            Concept::New => &[(KeyCode::Char('n'), NONE)],
            Concept::Save => &[(KeyCode::Char('s'), NONE)],
            Concept::Sort => &[(KeyCode::Char('o'), NONE)],
            Concept::Filter => &[(KeyCode::Char('f'), NONE)],
            Concept::Search => &[(KeyCode::Char('/'), NONE)],
            Concept::ClearFilter => &[(KeyCode::Backspace, NONE)],
            Concept::MarkDone => &[(KeyCode::Char('x'), NONE)],
            Concept::Undo => &[(KeyCode::Char('u'), NONE), (KeyCode::Char('z'), CTRL)],
            Concept::Help => &[(KeyCode::Char('?'), NONE), (KeyCode::F(1), NONE)],
            Concept::Back => &[(KeyCode::Esc, NONE)],
            Concept::Quit => &[(KeyCode::Char('q'), CTRL)],
        }
    }

    /// Keys it may have besides [`Concept::keys`] on some screens.
    pub fn also(self) -> &'static [(KeyCode, crossterm::event::KeyModifiers, &'static str)] {
        match self {
            Concept::Back => &[
                (KeyCode::Char('q'), NONE, "where nothing is typed (on the library it quits)"),
                (KeyCode::Tab, NONE, "out of the transcript pane"),
            ],
            Concept::Quit => &[(KeyCode::Char('c'), CTRL, "on most screens")],
            _ => &[],
        }
    }
}

/// Screens where a concept's usual key is left out on purpose, and why.
pub const EXCEPTIONS: &[(Concept, Mode, &str)] = &[
    // A stray Esc on the first screen should never leave the app.
    (Concept::Back, Mode::Home, "Esc"),
    // `?` is the follow-up marker there, as at the start of a note.
    (Concept::Help, Mode::KindPick, "?"),
    // On the consent questions a typed `?` starts a sentence, not help.
    (Concept::Help, Mode::Consent, "?"),
];

fn key(code: KeyCode, mods: crossterm::event::KeyModifiers) -> Key {
    Key::new(code, mods).normalized()
}

impl Keymap {
    /// The screens where a concept has a key.
    pub fn concept_modes(&self, concept: Concept) -> Vec<Mode> {
        Mode::ALL
            .into_iter()
            .filter(|m| self.entries.iter().any(|e| e.mode == *m && Concept::of(&e.action) == Some(concept)))
            .collect()
    }

    /// The README's table: each concept, its keys and the screens that have it.
    pub fn concepts_markdown(&self) -> String {
        let mut out = String::from("| What | Keys | Where it exists |\n| --- | --- | --- |\n");
        for c in Concept::ALL {
            let modes = self.concept_modes(c);
            let typed_somewhere = modes.iter().any(|m| m.notices_typing());
            let mut keys: Vec<String> = c
                .keys()
                .iter()
                .map(|(k, m)| {
                    let k = key(*k, *m);
                    let note = if typed_somewhere && k.is_typed() { " where it is not typed" } else { "" };
                    format!("`{}`{note}", k.name())
                })
                .collect();
            for (k, m, when) in c.also() {
                keys.push(format!("`{}` {when}", key(*k, *m).name()));
            }
            let modes = if modes.len() == Mode::ALL.len() {
                "every screen".to_string()
            } else {
                modes.iter().map(|m| format!("`{}`", m.name())).collect::<Vec<_>>().join(" ")
            };
            out.push_str(&format!("| {} | {} | {modes} |\n", c.title(), keys.join(", ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed_here(mode: Mode, k: Key) -> bool {
        mode.notices_typing() && k.is_typed()
    }

    #[test]
    fn every_concept_has_its_keys_wherever_it_exists() {
        let map = Keymap::default();
        for c in Concept::ALL {
            let modes = map.concept_modes(c);
            assert!(!modes.is_empty(), "{c:?} exists nowhere");
            for mode in modes {
                for (code, mods) in c.keys() {
                    let k = key(*code, *mods);
                    if typed_here(mode, k)
                        || EXCEPTIONS.iter().any(|(ec, em, label)| *ec == c && *em == mode && k.label() == *label)
                    {
                        continue;
                    }
                    let action = map.resolve(mode, crossterm::event::KeyEvent::new(k.code, k.mods));
                    assert_eq!(action.as_ref().and_then(Concept::of), Some(c), "{mode:?}: {} is not {c:?}", k.name());
                }
            }
        }
    }

    #[test]
    fn no_key_means_two_concepts_across_screens() {
        let map = Keymap::default();
        let mut meaning: Vec<(Key, Concept, Mode)> = Vec::new();
        for e in &map.entries {
            let Some(c) = Concept::of(&e.action) else { continue };
            if let Some((_, other, where_)) = meaning.iter().find(|(k, o, _)| *k == e.key && *o != c) {
                panic!("{} is {other:?} on {} and {c:?} on {}", e.key.name(), where_.name(), e.mode.name());
            }
            meaning.push((e.key, c, e.mode));
            // And it is one of the concept's keys: no screen invents its own.
            let allowed = c.keys().iter().map(|(k, m)| key(*k, *m)).chain(c.also().iter().map(|(k, m, _)| key(*k, *m)));
            assert!(allowed.clone().any(|k| k == e.key), "{} on {} is not a key of {c:?}", e.key.name(), e.mode.name());
        }
        // The other way: a concept's key means that concept or nothing shared.
        for c in Concept::ALL {
            for (code, mods) in c.keys() {
                let k = key(*code, *mods);
                for e in map.entries.iter().filter(|e| e.key == k) {
                    let other = Concept::of(&e.action);
                    assert!(other.is_none() || other == Some(c), "{} on {}: {other:?}", k.name(), e.mode.name());
                }
            }
        }
    }

    /// What a command key does, in the words a user would use: actions that
    /// are one thing to the user (the next note in quick tagging and the next
    /// row of a list, a tab bar's numbers and quick tagging's numbered tags)
    /// share a meaning.
    fn meaning(action: &Action) -> String {
        use Action as A;
        if let Some(c) = Concept::of(action) {
            return format!("{c:?}");
        }
        match action {
            A::MoveUp | A::PrevNote | A::PrevQuestion => "previous".into(),
            A::MoveDown | A::NextNote | A::NextQuestion => "next".into(),
            A::NextTab | A::DrillInOrNextTab => "next view".into(),
            A::PrevTab | A::DrillOutOrPrevTab => "previous view".into(),
            A::DeleteNote | A::RemoveTag => "delete".into(),
            A::TagUntagged | A::QuickTag => "quick tagging".into(),
            A::ShowAllNotes | A::ShowDone => "show all / only the open".into(),
            // Digits pick the thing numbered so on screen: a view, a tag, a tick.
            A::ShowTab(_) | A::TopTag(_) | A::ToggleThanked | A::ToggleShared => "numbered on screen".into(),
            other => other.name().to_string(),
        }
    }

    /// A letter, digit, sign or Ctrl-letter means one thing on every screen
    /// where it does something (the "one key, one meaning"). Enter,
    /// Tab, arrows and the like confirm and move in whatever the screen shows;
    /// typed text and the kind picker (its keys are the markers a note starts
    /// with) are not commands. The vim preset, chosen by a user who wants
    /// vim's keys, keeps vim's own split (Ctrl-U pages in a list and clears in
    /// a field), so only the defaults are held to it.
    #[test]
    fn every_command_key_means_one_thing_across_screens() {
        let map = Keymap::default();
        let mut seen: Vec<(Key, String, Mode)> = Vec::new();
        let mut clashes = Vec::new();
        for e in &map.entries {
            let command_key = matches!(e.key.code, KeyCode::Char(_));
            if !command_key || (e.mode.notices_typing() && e.key.is_typed()) || e.mode == Mode::KindPick {
                continue;
            }
            let m = meaning(&e.action);
            if let Some((_, other, where_)) = seen.iter().find(|(k, o, _)| *k == e.key && *o != m) {
                clashes.push(format!("{}: {other} on {}, {m} on {}", e.key.name(), where_.name(), e.mode.name()));
            }
            seen.push((e.key, m, e.mode));
        }
        assert!(clashes.is_empty(), "keys with two meanings:\n{}", clashes.join("\n"));
    }

    #[test]
    fn ctrl_q_saves_and_quits_on_every_screen() {
        let map = Keymap::default();
        for mode in Mode::ALL {
            let a = map.resolve(mode, crossterm::event::KeyEvent::new(KeyCode::Char('q'), CTRL));
            assert_eq!(a.as_ref().and_then(Concept::of), Some(Concept::Quit), "{mode:?}");
        }
    }

    #[test]
    fn question_mark_and_f1_open_help_wherever_question_mark_is_not_typed() {
        let map = Keymap::default();
        for mode in Mode::ALL {
            let f1 = map.resolve(mode, crossterm::event::KeyEvent::new(KeyCode::F(1), NONE));
            assert_eq!(f1, Some(Action::ToggleHelp), "F1 on {mode:?}");
            let q = map.resolve(mode, crossterm::event::KeyEvent::new(KeyCode::Char('?'), NONE));
            if mode.notices_typing() {
                assert_eq!(q, Some(Action::InsertChar('?')), "{mode:?} types ?");
            } else if mode == Mode::KindPick {
                assert_eq!(q, Some(Action::SetKind(crate::domain::note::Kind::Followup)));
            } else {
                assert_eq!(q, Some(Action::ToggleHelp), "? on {mode:?}");
            }
        }
    }
}
