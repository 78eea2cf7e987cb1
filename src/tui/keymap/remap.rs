//! Changing the keys: the presets (`keymap_preset:`), the user's remaps
//! (`keymap:`), the conflict checks that say what to fix, and the keymap
//! written back as config. Apart from the lookup, which only reads the
//! result.

use super::defaults::{BINDINGS, RETIRED, UNBOUND, VIM};
use super::names::{ActionName, Keys, Remaps, Scope};
use super::{Entry, Key, Keymap, Mode};
use crate::tui::action::Action;
use std::collections::BTreeMap;

/// A set of keys added to the defaults, chosen with `keymap_preset:`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Preset {
    /// The built-in keys only.
    #[default]
    Default,
    /// Adds vim-style keys (g/G, Ctrl-D/Ctrl-U, Ctrl-N/Ctrl-P, q) where nothing is typed.
    Vim,
}

impl Keymap {
    /// The defaults with a preset's keys added; a preset key wins over a default one.
    pub fn with_preset(preset: Preset) -> Keymap {
        let mut map = Keymap::default();
        let extra = match preset {
            Preset::Default => return map,
            Preset::Vim => VIM,
        };
        for b in extra {
            for mode in b.modes {
                let key = Key::new(b.code, b.mods).normalized();
                map.entries_mut().retain(|e| !(e.mode == *mode && e.key == key));
                map.entries_mut().push(Entry {
                    mode: *mode,
                    key,
                    action: b.action.clone(),
                    help: b.help,
                    remapped: false,
                });
            }
        }
        map
    }

    /// Gives an action exactly these keys in a mode (none: unbound there). The
    /// new keys take the place of the old ones in help; an action new to the
    /// mode goes last.
    pub fn remap(&mut self, mode: Mode, action: &Action, keys: &[Key]) {
        let help = self
            .entries
            .iter()
            .find(|e| e.mode == mode && e.action == *action)
            .or_else(|| self.entries.iter().find(|e| e.action == *action))
            .map(|e| e.help)
            .or_else(|| BINDINGS.iter().chain(VIM).find(|b| b.action == *action).map(|b| b.help))
            .or_else(|| UNBOUND.iter().find(|(a, _)| a == action).map(|(_, help)| *help))
            .unwrap_or_else(|| action.name());
        let at = self.entries.iter().position(|e| e.mode == mode && e.action == *action);
        self.entries_mut().retain(|e| !(e.mode == mode && e.action == *action));
        let at = at.unwrap_or(self.entries.len()).min(self.entries.len());
        let mut new: Vec<Entry> = Vec::new();
        for key in keys {
            let entry = Entry { mode, key: key.normalized(), action: action.clone(), help, remapped: true };
            if !new.contains(&entry) {
                new.push(entry);
            }
        }
        self.entries_mut().splice(at..at, new);
    }

    /// Builds the keymap the config asks for, or every problem with it.
    pub fn from_config(preset: Preset, remaps: &Remaps) -> Result<Keymap, Vec<String>> {
        let mut map = Keymap::with_preset(preset);
        let mut problems = Vec::new();
        // Groups first, so a screen named on its own wins over its group.
        let (groups, screens): (Vec<_>, Vec<_>) =
            remaps.iter().partition(|(scope, _)| matches!(scope, Scope::Group(_)));
        for (scope, actions) in groups.into_iter().chain(screens) {
            for (ActionName(action), Keys(keys)) in actions {
                let modes: Vec<Mode> = match scope {
                    Scope::Mode(m) => vec![m.0],
                    Scope::Group(g) => {
                        // An action with no key anywhere (suspend) takes the
                        // group's screens where its keys are free.
                        let nowhere = Mode::ALL.iter().all(|m| map.keys(*m, action).is_empty());
                        let free = |m: &Mode| {
                            keys.iter().all(|k| map.entries.iter().all(|e| e.mode != *m || e.key != k.normalized()))
                        };
                        let modes: Vec<Mode> = g
                            .modes()
                            .iter()
                            .copied()
                            .filter(|m| !map.keys(*m, action).is_empty() || (nowhere && free(m)))
                            .collect();
                        if modes.is_empty() {
                            problems.push(format!(
                                "keymap.{}.{}: {} has no key on any screen of {}; name a screen instead",
                                scope.name(),
                                action.name(),
                                action.name(),
                                scope.name()
                            ));
                        }
                        modes
                    }
                };
                for mode in modes {
                    map.remap(mode, action, keys);
                }
            }
        }
        map.drop_retired();
        problems.extend(map.problems());
        if problems.is_empty() { Ok(map) } else { Err(problems) }
    }

    /// Drops the user's keys that were an action's default in an earlier
    /// version where a default action holds them now (see [`RETIRED`]).
    fn drop_retired(&mut self) {
        let retired = |e: &Entry| {
            RETIRED.iter().any(|(m, code, mods, a)| {
                *m == e.mode && Key::new(*code, *mods).normalized() == e.key && *a == e.action
            })
        };
        let held = |e: &Entry, all: &[Entry]| {
            all.iter().any(|d| d.mode == e.mode && d.key == e.key && d.action != e.action && !d.remapped)
        };
        let drop: Vec<bool> = self.entries.iter().map(|e| e.remapped && retired(e) && held(e, &self.entries)).collect();
        let mut i = 0;
        self.entries_mut().retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }

    /// Two actions on one key in one mode, or a plain character taken from a
    /// text field, each said in words a user can act on.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, a) in self.entries.iter().enumerate() {
            if let Some(b) =
                self.entries[..i].iter().find(|b| b.mode == a.mode && b.key == a.key && b.action != a.action)
            {
                // Suggest moving the key the user did not choose.
                let (mine, other) = if b.remapped && !a.remapped { (b, a) } else { (a, b) };
                out.push(format!(
                    "keymap.{}: {} is both {} and {}; give {} another key under {}: (or none: `{}: []`)",
                    a.mode.name(),
                    a.key.name(),
                    mine.action.name(),
                    other.action.name(),
                    other.action.name(),
                    a.mode.name(),
                    other.action.name()
                ));
            }
            if a.mode.takes_text() && a.key.is_typed() {
                out.push(format!(
                    "keymap.{}.{}: {} could not be typed any more on the {} screen (typed characters \
                     go to its text field); use a key with ctrl- or alt-, or a function key",
                    a.mode.name(),
                    a.action.name(),
                    a.key.name(),
                    a.mode.name()
                ));
            }
        }
        out.dedup();
        out
    }

    /// Every mode's keys in config syntax: mode → action → keys. Written as
    /// a `keymap:`, it gives this same keymap.
    pub fn to_config(&self) -> BTreeMap<String, BTreeMap<String, Keys>> {
        let mut out: BTreeMap<String, BTreeMap<String, Keys>> = BTreeMap::new();
        for e in &self.entries {
            let keys =
                out.entry(e.mode.name().to_string()).or_default().entry(e.action.name().to_string()).or_default();
            keys.0.push(e.key);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::key::{ALT, CTRL, NONE, SHIFT};
    use crate::tui::keymap::names::bindable_actions;
    use crate::tui::keymap::tests::{build, key, resolve};
    use crossterm::event::{KeyCode, KeyEvent};

    #[test]
    fn the_whole_keymap_written_as_config_reads_back_the_same() {
        for preset in [Preset::Default, Preset::Vim] {
            let map = Keymap::with_preset(preset);
            let yaml = crate::store::yaml::to_string(&map.to_config()).unwrap();
            let again = build(Preset::Default, &yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
            for mode in Mode::ALL {
                for a in bindable_actions() {
                    assert_eq!(again.keys(mode, &a), map.keys(mode, &a), "{preset:?} {mode:?} {}", a.name());
                }
            }
        }
    }

    #[test]
    fn a_keymap_asked_before_a_remap_answers_with_the_new_keys_after_it() {
        // Asking builds the keymap's index of each mode's entries; a remap
        // must leave no answer from before it.
        let mut map = Keymap::default();
        let t = Mode::Typing;
        assert_eq!(map.resolve(t, key(KeyCode::Char('n'), CTRL)), Some(Action::NextQuestion));
        // Two keys for one: every entry after it moves.
        map.remap(t, &Action::NextQuestion, &[Key::new(KeyCode::F(8), NONE), Key::new(KeyCode::F(9), NONE)]);
        assert_eq!(map.resolve(t, key(KeyCode::Char('n'), CTRL)), None, "the old key is gone");
        assert_eq!(map.resolve(t, key(KeyCode::F(8), NONE)), Some(Action::NextQuestion));
        assert_eq!(map.resolve(t, key(KeyCode::F(9), NONE)), Some(Action::NextQuestion));
        assert_eq!(map.resolve(t, key(KeyCode::Char('p'), CTRL)), Some(Action::PrevQuestion));
        assert_eq!(map.hint(t, &Action::NextQuestion).as_deref(), Some("F8"));
    }

    #[test]
    fn a_remap_replaces_the_keys_of_the_action_on_that_screen() {
        let map = build(Preset::Default, "typing:\n  next-question: alt-j\n  prev-question: [alt-k, f7]\n").unwrap();
        let t = Mode::Typing;
        assert_eq!(map.resolve(t, key(KeyCode::Char('j'), ALT)), Some(Action::NextQuestion));
        assert_eq!(map.resolve(t, key(KeyCode::Char('k'), ALT)), Some(Action::PrevQuestion));
        assert_eq!(map.resolve(t, key(KeyCode::F(7), NONE)), Some(Action::PrevQuestion));
        assert_eq!(map.resolve(t, key(KeyCode::Char('n'), CTRL)), None, "the old key is gone");
        // Other screens keep theirs.
        assert_eq!(map.resolve(Mode::Selected, key(KeyCode::Char('n'), CTRL)), Some(Action::NextQuestion));
        // Help and hints show the new keys.
        assert_eq!(map.hint(t, &Action::NextQuestion).as_deref(), Some("Alt-j"));
        let rows = map.help_rows(t);
        assert!(rows.iter().any(|(k, h)| k == "Alt-k / F7" && h.contains("previous question")), "{rows:?}");
    }

    #[test]
    fn groups_apply_where_the_action_has_keys_and_screens_win_over_groups() {
        let map = build(
            Preset::Default,
            "live:\n  next-question: alt-j\nselected:\n  next-question: f6\nglobal:\n  toggle-help: f2\n",
        )
        .unwrap();
        assert_eq!(map.keys(Mode::Typing, &Action::NextQuestion), vec![Key::parse("alt-j").unwrap()]);
        assert_eq!(map.keys(Mode::Selected, &Action::NextQuestion), vec![Key::parse("f6").unwrap()]);
        for mode in Mode::ALL {
            assert_eq!(map.keys(mode, &Action::ToggleHelp), vec![Key::parse("f2").unwrap()], "{mode:?}");
        }
        assert!(map.keys(Mode::Home, &Action::NextQuestion).is_empty(), "a group adds no action to a screen");
        let e = build(Preset::Default, "lists:\n  next-question: alt-j\n").unwrap_err();
        assert!(e.contains("next-question has no key on any screen of lists"), "{e}");
    }

    #[test]
    fn none_unbinds() {
        for yaml in ["home:\n  back: []\n", "home:\n  back: none\n", "home:\n  back:\n"] {
            let map = build(Preset::Default, yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert!(map.keys(Mode::Home, &Action::Back).is_empty(), "{yaml}");
            assert_eq!(map.resolve(Mode::Home, key(KeyCode::Char('q'), NONE)), None);
        }
    }

    #[test]
    fn conflicts_are_reported_with_screen_key_and_both_actions() {
        let e = build(Preset::Default, "typing:\n  next-question: ctrl-t\n").unwrap_err();
        assert!(
            e.contains("keymap.typing: ctrl-t is both next-question and open-tag-palette")
                && e.contains("give open-tag-palette another key under typing: (or none: `open-tag-palette: []`)"),
            "{e}"
        );
        // Moving the other action away resolves it.
        build(Preset::Default, "typing:\n  next-question: ctrl-t\n  open-tag-palette: alt-t\n").unwrap();
    }

    #[test]
    fn a_plain_character_cannot_be_taken_from_a_text_field() {
        let e = build(Preset::Default, "typing:\n  next-question: j\n").unwrap_err();
        assert!(e.contains("keymap.typing.next-question: j could not be typed"), "{e}");
        // Where nothing is typed, it is fine.
        build(Preset::Default, "review:\n  next-note: n\n").unwrap();
        // A selected note on the live screen does not give up the typed keys either.
        for yaml in [
            "selected:\n  delete-note: d\n",
            "selected:\n  edit-in-editor: E\n",
            "live:\n  undo: u\n",
            "wrap-up:\n  save-and-quit: q\n",
            "selected:\n  back: space\n",
        ] {
            let e = build(Preset::Default, yaml).unwrap_err();
            assert!(e.contains("could not be typed"), "{yaml}: {e}");
        }
        build(Preset::Default, "selected:\n  delete-note: [delete, alt-d]\n  edit-note: f2\n").unwrap();
    }

    #[test]
    fn the_vim_preset_adds_keys_without_taking_any() {
        let vim = Keymap::with_preset(Preset::Vim);
        assert_eq!(vim.problems(), Vec::<String>::new());
        let default = Keymap::default();
        for e in &default.entries {
            assert_eq!(vim.resolve(e.mode, KeyEvent::new(e.key.code, e.key.mods)), Some(e.action.clone()));
        }
        for (mode, k, action) in [
            (Mode::Home, "g", Action::MoveFirst),
            (Mode::Home, "G", Action::MoveLast),
            (Mode::Review, "ctrl-d", Action::PageDown),
            (Mode::Followups, "ctrl-u", Action::PageUp),
            (Mode::Palette, "ctrl-n", Action::MoveDown),
            (Mode::TagSearch, "ctrl-p", Action::MoveUp),
            (Mode::KindPick, "q", Action::Back),
            (Mode::Home, "/", Action::FilterLibrary),
            (Mode::Review, "q", Action::Back),
        ] {
            let k = Key::parse(k).unwrap();
            assert_eq!(vim.resolve(mode, KeyEvent::new(k.code, k.mods)), Some(action), "{mode:?} {}", k.name());
        }
        // Typing screens are left alone: j and g still type.
        assert_eq!(vim.resolve(Mode::Typing, key(KeyCode::Char('g'), NONE)), Some(Action::InsertChar('g')));
    }

    #[test]
    fn shift_and_case_are_matched_as_terminals_send_them() {
        let map = build(Preset::Default, "review:\n  quick-tag: shift-t\n  export: ctrl-S\n").unwrap();
        assert_eq!(map.resolve(Mode::Review, key(KeyCode::Char('T'), SHIFT)), Some(Action::QuickTag));
        assert_eq!(map.resolve(Mode::Review, key(KeyCode::Char('T'), NONE)), Some(Action::QuickTag));
        assert_eq!(map.resolve(Mode::Review, key(KeyCode::Char('s'), CTRL)), Some(Action::Export));
        assert_eq!(resolve(Mode::NewForm, key(KeyCode::BackTab, SHIFT)), Some(Action::PrevField));
        assert_eq!(resolve(Mode::NewForm, key(KeyCode::BackTab, NONE)), Some(Action::PrevField));
    }

    #[test]
    fn a_keymap_written_by_an_earlier_config_show_still_loads() {
        // The screens whose default keys changed, as `config show` wrote them
        // before a key meant one thing everywhere.
        let before = "home:\n  quit: [q, ctrl-q, ctrl-c]\n  cycle-sort: s\n  toggle-help: [f1, '?']\n  suspend: ctrl-z\n\
                      recovery:\n  quit: q\n  back: esc\n\
                      help:\n  toggle-help: [f1, esc, q, '?']\n\
                      synthesis:\n  narrow-to-selection: n\n  clear-filter: x\n  undo: u\n  suspend: ctrl-z\n\
                      quick-tag:\n  remove-tag: x\n";
        let map = build(Preset::Default, before).unwrap_or_else(|e| panic!("{e}"));
        let q = key(KeyCode::Char('q'), NONE);
        // The old key gives way to the new default that does the same.
        assert_eq!(map.resolve(Mode::Home, q), Some(Action::Back), "q still leaves the library");
        assert_eq!(map.resolve(Mode::Help, q), Some(Action::Back), "q still closes the help");
        assert_eq!(map.resolve(Mode::Help, key(KeyCode::Esc, NONE)), Some(Action::Back));
        // Where the old keymap also gave back its old keys (recovery's `back:
        // esc`), nothing holds q any more: it stays quit, as written.
        assert_eq!(map.resolve(Mode::Recovery, q), Some(Action::Quit));
        // The rest is the user's, as written.
        assert_eq!(map.resolve(Mode::Home, key(KeyCode::Char('s'), NONE)), Some(Action::CycleSort));
        assert_eq!(map.resolve(Mode::Synthesis, key(KeyCode::Char('x'), NONE)), Some(Action::ClearFilter));
        assert_eq!(map.resolve(Mode::QuickTag, key(KeyCode::Char('x'), NONE)), Some(Action::RemoveTag));
        assert_eq!(map.resolve(Mode::Home, key(KeyCode::Char('z'), CTRL)), Some(Action::Suspend));
        // The old keymap gave undo only `u` there, so Ctrl-Z stays suspend.
        assert_eq!(map.resolve(Mode::Synthesis, key(KeyCode::Char('z'), CTRL)), Some(Action::Suspend));
        // A key chosen now, not an old default, is still a conflict.
        let e = build(Preset::Default, "home:\n  new-interview: q\n").unwrap_err();
        assert!(e.contains("q is both"), "{e}");
    }
}
