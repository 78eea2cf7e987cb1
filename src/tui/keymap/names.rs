//! The names `keymap:` in the config uses: screens and groups of screens
//! ([`Scope`]), actions ([`ActionName`]), and one key or a list ([`Keys`]),
//! each read with an error that names what is wrong. Apart from the remapping
//! itself, since this is the config's vocabulary.

use super::Mode;
use super::defaults::{BINDINGS, LISTS, LIVE, TEXT, UNBOUND, VIM};
use super::key::Key;
use crate::tui::action::Action;
use std::collections::BTreeMap;

/// The action a name in the config stands for: any action some table binds,
/// or one left without a default key ([`UNBOUND`]).
pub fn action_named(name: &str) -> Option<Action> {
    bindable_actions().into_iter().find(|a| a.name() == name)
}

/// Every action a key can be bound to, once each, in table order.
pub fn bindable_actions() -> Vec<Action> {
    let mut out: Vec<Action> = Vec::new();
    let unbound = UNBOUND.iter().map(|(a, _)| a);
    for action in BINDINGS.iter().chain(VIM).map(|b| &b.action).chain(unbound) {
        if !out.contains(action) {
            out.push(action.clone());
        }
    }
    out
}

/// Screens named together under `keymap:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// Every screen.
    Global,
    /// The live screen: typing and a selected note.
    Live,
    /// Every screen with a text field.
    Text,
    /// The library, the session view and the follow-ups.
    Lists,
}

impl Group {
    pub const ALL: [Group; 4] = [Group::Global, Group::Live, Group::Text, Group::Lists];

    pub fn name(self) -> &'static str {
        match self {
            Group::Global => "global",
            Group::Live => "live",
            Group::Text => "text",
            Group::Lists => "lists",
        }
    }

    pub fn modes(self) -> &'static [Mode] {
        match self {
            Group::Global => &Mode::ALL,
            Group::Live => LIVE,
            Group::Text => TEXT,
            Group::Lists => LISTS,
        }
    }
}

/// What a `keymap:` entry applies to: one screen, or a group. A group only
/// changes the screens where the action already has a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    Group(Group),
    Mode(ModeName),
}

/// A mode, ordered by name (for the config's sorted maps).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModeName(pub Mode);

impl PartialOrd for ModeName {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ModeName {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.name().cmp(other.0.name())
    }
}

impl std::ops::Deref for ModeName {
    type Target = Mode;
    fn deref(&self) -> &Mode {
        &self.0
    }
}

impl Scope {
    pub fn parse(name: &str) -> Result<Scope, String> {
        if let Some(g) = Group::ALL.iter().find(|g| g.name() == name) {
            return Ok(Scope::Group(*g));
        }
        if let Some(m) = Mode::ALL.iter().find(|m| m.name() == name) {
            return Ok(Scope::Mode(ModeName(*m)));
        }
        let screens: Vec<&str> = Mode::ALL.iter().map(|m| m.name()).collect();
        let groups: Vec<&str> = Group::ALL.iter().map(|g| g.name()).collect();
        Err(format!("{name:?} is not a screen; screens: {}; groups: {}", screens.join(", "), groups.join(", ")))
    }

    pub fn name(self) -> &'static str {
        match self {
            Scope::Group(g) => g.name(),
            Scope::Mode(m) => m.0.name(),
        }
    }
}

/// An action, by its config name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionName(pub Action);

impl ActionName {
    pub fn parse(name: &str) -> Result<ActionName, String> {
        action_named(name).map(ActionName).ok_or_else(|| {
            let close: Vec<String> = bindable_actions()
                .iter()
                .map(|a| a.name())
                .filter(|n| n.split('-').any(|w| w.len() > 2 && name.contains(w)))
                .map(String::from)
                .collect();
            let hint = if close.is_empty() {
                "press F1 in the app or see `fieldnotes config show` for every action".to_string()
            } else {
                format!("did you mean {}?", close.join(", "))
            };
            format!("{name:?} is not an action; {hint}")
        })
    }
}

impl PartialOrd for ActionName {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ActionName {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.name().cmp(other.0.name())
    }
}

/// The keys given to an action: one key, a list, or `[]` / `none` for none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys(pub Vec<Key>);

/// `keymap:` as read: screen or group → action → keys.
pub type Remaps = BTreeMap<Scope, BTreeMap<ActionName, Keys>>;

mod serde_impls {
    use super::{ActionName, Key, Keys, Scope};
    use serde::de::{self, Deserializer, SeqAccess, Visitor};
    use serde::ser::Serializer;
    use serde::{Deserialize, Serialize};
    use std::fmt;

    // Errors are raised while the offending scalar is read, so the YAML
    // reader can name its line.
    impl<'de> Deserialize<'de> for Scope {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let s = String::deserialize(d)?;
            Scope::parse(&s).map_err(de::Error::custom)
        }
    }

    impl Serialize for Scope {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(self.name())
        }
    }

    impl<'de> Deserialize<'de> for ActionName {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let s = String::deserialize(d)?;
            ActionName::parse(&s).map_err(de::Error::custom)
        }
    }

    impl Serialize for ActionName {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(self.0.name())
        }
    }

    struct KeysVisitor;

    impl<'de> Visitor<'de> for KeysVisitor {
        type Value = Keys;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a key (ctrl-n, alt-j, f2, j), a list of keys, or none")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Keys, E> {
            if v.trim() == "none" {
                return Ok(Keys(vec![]));
            }
            Key::parse(v).map(|k| Keys(vec![k])).map_err(E::custom)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Keys, E> {
            Ok(Keys(vec![]))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Keys, A::Error> {
            let mut keys = Vec::new();
            while let Some(text) = seq.next_element::<String>()? {
                keys.push(Key::parse(&text).map_err(de::Error::custom)?);
            }
            Ok(Keys(keys))
        }
    }

    impl<'de> Deserialize<'de> for Keys {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(KeysVisitor)
        }
    }

    impl Serialize for Keys {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let names: Vec<String> = self.0.iter().map(|k| k.name()).collect();
            match names.as_slice() {
                [one] => s.serialize_str(one),
                _ => names.serialize(s),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::tests::remaps;

    #[test]
    fn every_action_name_is_unique_and_reads_back() {
        let actions = bindable_actions();
        for a in &actions {
            let name = a.name();
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{name} is not kebab-case"
            );
            assert_eq!(action_named(name).as_ref(), Some(a), "{name}");
            assert_eq!(ActionName::parse(name).unwrap().0, *a);
            let same: Vec<_> = actions.iter().filter(|b| b.name() == name).collect();
            assert_eq!(same.len(), 1, "{name} names {same:?}");
        }
        for name in ["commit-note", "next-question", "prev-question", "open-tag-palette", "end-interview", "suspend"] {
            assert!(action_named(name).is_some(), "{name}");
        }
        // Actions no key can have: typed text, pastes, clicks, the clock.
        for name in ["insert-char", "paste", "pick", "tick"] {
            assert!(action_named(name).is_none(), "{name}");
        }
    }

    #[test]
    fn every_screen_name_reads_back() {
        for mode in Mode::ALL {
            assert_eq!(Scope::parse(mode.name()), Ok(Scope::Mode(ModeName(mode))));
        }
        for g in Group::ALL {
            assert_eq!(Scope::parse(g.name()), Ok(Scope::Group(g)));
        }
        let e = Scope::parse("libary").unwrap_err();
        assert!(e.contains("\"libary\" is not a screen") && e.contains("home") && e.contains("global"), "{e}");
    }

    #[test]
    fn unknown_names_and_bad_keys_are_errors_with_their_line() {
        let e = remaps("typing:\n  next-question: alt-j\n  nxt-question: alt-k\n").unwrap_err();
        assert!(e.contains(":3:") && e.contains("\"nxt-question\" is not an action"), "{e}");
        assert!(e.contains("prev-question") || e.contains("next-question"), "a suggestion: {e}");
        let e = remaps("typing:\n  next-question: alt-jj\n").unwrap_err();
        assert!(e.contains(":2:") && e.contains("\"alt-jj\" is not a key"), "{e}");
        let e = remaps("libary:\n  quit: q\n").unwrap_err();
        assert!(e.contains(":1:") && e.contains("\"libary\" is not a screen"), "{e}");
        let e = remaps("home:\n  quit: [q, ctrl-]\n").unwrap_err();
        assert!(e.contains(":2:") && e.contains("\"ctrl-\" is not a key"), "{e}");
    }
}
