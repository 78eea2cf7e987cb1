//! One table from (mode, key) to action. `BINDINGS` holds the default keys;
//! a [`Keymap`] is that table with the vim preset and the user's `keymap:`
//! applied, and behaviour, the help overlay and the footer hints all read the
//! same live `Keymap`, so they cannot disagree.
//!
//! In `config.yaml`, screens are named by [`Mode::name`] (or a group, see
//! [`Scope`]), actions by [`Action::name`], keys in the syntax of [`Key::parse`].
//!
//! This file holds the modes, the live [`Keymap`] and its lookup; the rest
//! is in one file per job: [`defaults`] (the key table), [`key`] (key syntax),
//! [`names`] (how `keymap:` names screens, actions and keys), [`remap`]
//! (presets, user remaps and conflicts), [`help`] (help rows, hints, the
//! README's tables) and [`concepts`] (what many screens do, one key each).

pub mod concepts;
pub mod defaults;
pub mod help;
pub mod key;
pub mod names;
pub mod remap;

pub use defaults::{BINDINGS, Binding, VIM};
pub use key::{KEY_SYNTAX, Key};
pub use names::{ActionName, Group, Keys, ModeName, Remaps, Scope, action_named, bindable_actions};
pub use remap::Preset;

use crate::tui::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

/// Which keys apply: the screen, and what has the focus on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Home,
    NewForm,
    /// Live capture, the note input focused.
    Typing,
    /// Live capture, a note selected in the list.
    Selected,
    Palette,
    Closing,
    WrapUp,
    Recovery,
    /// The library's filter field.
    HomeFilter,
    /// Choosing a tag or segment to filter the library by.
    Facet,
    /// The session view.
    Review,
    /// Editing a note in the session view.
    ReviewEdit,
    /// Choosing a note's kind.
    KindPick,
    QuickTag,
    /// Searching tags while quick tagging.
    TagSearch,
    Followups,
    /// Typing the follow-ups' filter.
    FollowupsFilter,
    /// Asking for consent before capture.
    Consent,
    /// Synthesis across interviews.
    Synthesis,
    /// Typing a search over every note.
    SynthSearch,
    /// Typing the synthesis filter.
    SynthFilter,
    Help,
    /// The session view's transcript pane, focused.
    Transcript,
    /// Typing the path of a transcript to import in the session view.
    TranscriptImport,
    /// The study screen: recruiting, hypotheses, saturation, trends, personas.
    Study,
}

impl Mode {
    pub const ALL: [Mode; 25] = [
        Mode::Consent,
        Mode::Home,
        Mode::NewForm,
        Mode::Typing,
        Mode::Selected,
        Mode::Palette,
        Mode::Closing,
        Mode::WrapUp,
        Mode::Recovery,
        Mode::HomeFilter,
        Mode::Facet,
        Mode::Review,
        Mode::ReviewEdit,
        Mode::KindPick,
        Mode::QuickTag,
        Mode::TagSearch,
        Mode::Followups,
        Mode::FollowupsFilter,
        Mode::Synthesis,
        Mode::SynthSearch,
        Mode::SynthFilter,
        Mode::Help,
        Mode::Transcript,
        Mode::TranscriptImport,
        Mode::Study,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Mode::Home => "Library",
            Mode::NewForm => "New interview",
            Mode::Typing => "Live notes",
            Mode::Selected => "Selected note",
            Mode::Palette => "Tag palette",
            Mode::Closing => "Closing question",
            Mode::WrapUp => "Wrap-up",
            Mode::Recovery => "Recover unsaved notes",
            Mode::HomeFilter => "Filter the library",
            Mode::Facet => "Filter by tag or segment",
            Mode::Review => "Session",
            Mode::ReviewEdit => "Edit note",
            Mode::KindPick => "Change kind",
            Mode::QuickTag => "Quick tagging",
            Mode::TagSearch => "Search tags",
            Mode::Followups => "Follow-ups",
            Mode::FollowupsFilter => "Filter the follow-ups",
            Mode::Consent => "Consent",
            Mode::Synthesis => "Synthesis",
            Mode::SynthSearch => "Search every note",
            Mode::SynthFilter => "Filter the synthesis",
            Mode::Help => "Help",
            Mode::Transcript => "Transcript",
            Mode::TranscriptImport => "Import a transcript",
            Mode::Study => "Study",
        }
    }

    /// The screen's name under `keymap:` in the config: stable, kebab-case.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Home => "home",
            Mode::NewForm => "new-form",
            Mode::Typing => "typing",
            Mode::Selected => "selected",
            Mode::Palette => "palette",
            Mode::Closing => "closing",
            Mode::WrapUp => "wrap-up",
            Mode::Recovery => "recovery",
            Mode::HomeFilter => "home-filter",
            Mode::Facet => "facet",
            Mode::Review => "review",
            Mode::ReviewEdit => "review-edit",
            Mode::KindPick => "kind-pick",
            Mode::QuickTag => "quick-tag",
            Mode::TagSearch => "tag-search",
            Mode::Followups => "followups",
            Mode::FollowupsFilter => "followups-filter",
            Mode::Consent => "consent",
            Mode::Help => "help",
            Mode::Synthesis => "synthesis",
            Mode::SynthSearch => "synth-search",
            Mode::SynthFilter => "synth-filter",
            Mode::Transcript => "transcript",
            Mode::TranscriptImport => "transcript-import",
            Mode::Study => "study",
        }
    }

    /// Modes where an unbound typed character still means something: the text
    /// fields take it; on the consent questions it says a sentence was begun,
    /// so a `y` or `n` in it is not an answer.
    pub fn notices_typing(self) -> bool {
        self.takes_text() || self == Mode::Consent
    }

    /// Modes where plain characters are typed: those with a focused text
    /// field, and the live screen's other states (a selected note, the
    /// wrap-up), where they go back to the note input.
    pub fn takes_text(self) -> bool {
        defaults::TEXT.contains(&self) || matches!(self, Mode::Selected | Mode::WrapUp)
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    mode: Mode,
    key: Key,
    action: Action,
    help: &'static str,
    /// Set by the user's `keymap:` (conflict messages say which key to move).
    remapped: bool,
}

/// The keys in effect: the default table, the preset, then the user's remaps.
/// In a mode, earlier entries come first in help and hints.
#[derive(Debug, Clone)]
pub struct Keymap {
    entries: Vec<Entry>,
    /// Each mode's entries, by their place in `entries`, in order: a frame
    /// asks for a dozen actions' keys, and a scan of every mode's entries per
    /// ask was a twelfth of a keystroke's frame. Made when first asked, and
    /// forgotten by whatever changes `entries` (through [`Keymap::entries_mut`]).
    by_mode: std::sync::OnceLock<Vec<Vec<usize>>>,
    /// Moves with every change to `entries`, to a number no other keymap
    /// has had: what is drawn from the keys (hints, titles) is kept until it
    /// moves (see [`Keymap::revision`]).
    rev: u64,
}

impl PartialEq for Keymap {
    fn eq(&self, other: &Keymap) -> bool {
        self.entries == other.entries
    }
}

impl Default for Keymap {
    fn default() -> Keymap {
        let mut entries = Vec::new();
        for b in BINDINGS {
            for mode in b.modes {
                let key = Key::new(b.code, b.mods).normalized();
                entries.push(Entry { mode: *mode, key, action: b.action.clone(), help: b.help, remapped: false });
            }
        }
        Keymap { entries, by_mode: Default::default(), rev: crate::tui::revision::next() }
    }
}

impl Keymap {
    /// The action for a key in a mode, or `None` if the key does nothing there.
    /// Typed characters fall through to the focused text field; in the notes
    /// list they jump back to the input, so typing never needs a mode switch.
    pub fn resolve(&self, mode: Mode, event: KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::of_event(event);
        if let Some(e) = self.in_mode(mode).find(|e| e.key == key) {
            return Some(e.action.clone());
        }
        match event.code {
            KeyCode::Char(c) if mode.notices_typing() && key.is_typed() => Some(Action::InsertChar(c)),
            _ => None,
        }
    }

    /// The keys of an action in a mode, in order.
    pub fn keys(&self, mode: Mode, action: &Action) -> Vec<Key> {
        self.in_mode(mode).filter(|e| e.action == *action).map(|e| e.key).collect()
    }

    /// The first key of an action in a mode.
    pub fn first_key(&self, mode: Mode, action: &Action) -> Option<Key> {
        self.in_mode(mode).find(|e| e.action == *action).map(|e| e.key)
    }

    /// A mode's entries, in order. Debug builds check the index against a
    /// scan of every entry, so every test checks that no change missed it.
    fn in_mode(&self, mode: Mode) -> impl Iterator<Item = &Entry> {
        let index = self.by_mode.get_or_init(|| {
            let mut by_mode: Vec<Vec<usize>> = Vec::new();
            for (i, e) in self.entries.iter().enumerate() {
                let m = e.mode as usize;
                if by_mode.len() <= m {
                    by_mode.resize_with(m + 1, Vec::new);
                }
                by_mode[m].push(i);
            }
            by_mode
        });
        let places: &[usize] = index.get(mode as usize).map_or(&[], |v| v);
        if cfg!(debug_assertions) {
            let scanned: Vec<usize> = (0..self.entries.len()).filter(|i| self.entries[*i].mode == mode).collect();
            assert_eq!(places, scanned, "the keymap's index missed a change to its entries");
        }
        places.iter().map(|i| &self.entries[*i])
    }

    /// The entries, to change: the index is made again when next asked.
    fn entries_mut(&mut self) -> &mut Vec<Entry> {
        self.by_mode = Default::default();
        self.rev = crate::tui::revision::next();
        &mut self.entries
    }

    /// A number that changes whenever the keys do: two keymaps with the same
    /// revision have the same keys.
    pub fn revision(&self) -> u64 {
        self.rev
    }
}

#[cfg(test)]
mod tests {
    use super::key::{ALT, CTRL, NONE, SHIFT};
    use super::*;
    use crossterm::event::KeyModifiers;

    pub(super) fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    pub(super) fn resolve(mode: Mode, event: KeyEvent) -> Option<Action> {
        Keymap::default().resolve(mode, event)
    }

    pub(super) fn remaps(yaml: &str) -> Result<Remaps, String> {
        crate::store::yaml::from_str::<Remaps>(yaml, std::path::Path::new("config.yaml")).map_err(|e| e.to_string())
    }

    pub(super) fn build(preset: Preset, yaml: &str) -> Result<Keymap, String> {
        Keymap::from_config(preset, &remaps(yaml)?).map_err(|p| p.join("\n"))
    }

    #[test]
    fn contract_keys_resolve_in_live_capture() {
        let m = Mode::Typing;
        assert_eq!(resolve(m, key(KeyCode::Enter, NONE)), Some(Action::CommitNote));
        assert_eq!(resolve(m, key(KeyCode::Char('n'), CTRL)), Some(Action::NextQuestion));
        assert_eq!(resolve(m, key(KeyCode::Char('p'), CTRL)), Some(Action::PrevQuestion));
        assert_eq!(resolve(m, key(KeyCode::Char('t'), CTRL)), Some(Action::OpenTagPalette));
        assert_eq!(resolve(m, key(KeyCode::Char('e'), CTRL)), Some(Action::EndInterview));
        assert_eq!(resolve(m, key(KeyCode::Char('q'), CTRL)), Some(Action::SaveAndQuit));
        assert_eq!(resolve(m, key(KeyCode::F(1), NONE)), Some(Action::ToggleHelp));
        assert_eq!(resolve(m, key(KeyCode::Char('z'), CTRL)), Some(Action::Undo));
        assert_eq!(resolve(m, key(KeyCode::Up, NONE)), Some(Action::SelectPrevNote));
    }

    #[test]
    fn plain_and_shifted_letters_type_in_the_input() {
        assert_eq!(resolve(Mode::Typing, key(KeyCode::Char('q'), NONE)), Some(Action::InsertChar('q')));
        assert_eq!(resolve(Mode::Typing, key(KeyCode::Char('A'), SHIFT)), Some(Action::InsertChar('A')));
        assert_eq!(resolve(Mode::Typing, key(KeyCode::Char('?'), SHIFT)), Some(Action::InsertChar('?')));
        assert_eq!(resolve(Mode::Typing, key(KeyCode::Char('x'), CTRL)), None);
        assert_eq!(resolve(Mode::Typing, key(KeyCode::Char('j'), ALT)), None);
    }

    #[test]
    fn selected_note_keys() {
        assert_eq!(resolve(Mode::Selected, key(KeyCode::Enter, NONE)), Some(Action::EditNote));
        assert_eq!(resolve(Mode::Selected, key(KeyCode::Delete, NONE)), Some(Action::DeleteNote));
        assert_eq!(resolve(Mode::Selected, key(KeyCode::Char('o'), CTRL)), Some(Action::EditInEditor));
        assert_eq!(resolve(Mode::Synthesis, key(KeyCode::Char('o'), NONE)), Some(Action::ToggleMatrixRanking));
        // Every character a sentence can hold is typed, never a note action.
        for c in (' '..='~').chain(['é', 'Ü', '日', '€']) {
            let mods = if c.is_ascii_uppercase() { SHIFT } else { NONE };
            for mode in [Mode::Typing, Mode::Selected, Mode::WrapUp] {
                assert_eq!(resolve(mode, key(KeyCode::Char(c), mods)), Some(Action::InsertChar(c)), "{mode:?} {c:?}");
            }
        }
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut k = key(KeyCode::Enter, NONE);
        k.kind = KeyEventKind::Release;
        assert_eq!(resolve(Mode::Typing, k), None);
    }

    #[test]
    fn ctrl_z_is_undo_wherever_there_is_undo_and_suspend_has_no_default_key() {
        let z = key(KeyCode::Char('z'), CTRL);
        for mode in Mode::ALL {
            let undo = !Keymap::default().keys(mode, &Action::Undo).is_empty();
            let want = if undo { Some(Action::Undo) } else { None };
            assert_eq!(resolve(mode, z), want, "{mode:?}");
        }
        for mode in [Mode::Typing, Mode::Selected, Mode::Review, Mode::QuickTag, Mode::Synthesis, Mode::Transcript] {
            assert_eq!(resolve(mode, z), Some(Action::Undo), "{mode:?}");
        }
        // Suspend keeps its name: a key given to it in the config works, on
        // one screen or, where its key is free, on a whole group.
        let map = build(Preset::Default, "global:\n  suspend: ctrl-z\n").unwrap();
        assert_eq!(map.resolve(Mode::Home, z), Some(Action::Suspend));
        assert_eq!(map.resolve(Mode::Typing, z), Some(Action::Undo), "a group takes no key from undo");
        let map = build(Preset::Default, "review:\n  suspend: f12\n").unwrap();
        assert_eq!(map.resolve(Mode::Review, key(KeyCode::F(12), NONE)), Some(Action::Suspend));
    }
}
