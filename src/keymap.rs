//! One table from (mode, key) to action. `BINDINGS` holds the default keys;
//! a [`Keymap`] is that table with the vim preset and the user's `keymap:`
//! applied, and behaviour, the help overlay and the footer hints all read the
//! same live `Keymap`, so they cannot disagree.
//!
//! In `config.yaml`, screens are named by [`Mode::name`] (or a group, see
//! [`Scope`]), actions by [`Action::name`], keys in the syntax of [`Key::parse`].

use crate::action::Action;
use crate::domain::note::Kind;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::collections::BTreeMap;

/// Which keys apply: the screen, and what has the focus on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// Asking for consent before capture.
    Consent,
    /// Synthesis across interviews.
    Synthesis,
    /// Typing a search over every note.
    SynthSearch,
    /// Typing the synthesis filter.
    SynthFilter,
    Help,
}

impl Mode {
    pub const ALL: [Mode; 21] = [
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
        Mode::Synthesis,
        Mode::SynthSearch,
        Mode::SynthFilter,
        Mode::Help,
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
            Mode::Consent => "Consent",
            Mode::Synthesis => "Synthesis",
            Mode::SynthSearch => "Search every note",
            Mode::SynthFilter => "Filter the synthesis",
            Mode::Help => "Help",
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
            Mode::Consent => "consent",
            Mode::Help => "help",
            Mode::Synthesis => "synthesis",
            Mode::SynthSearch => "synth-search",
            Mode::SynthFilter => "synth-filter",
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
        matches!(
            self,
            Mode::Typing
                | Mode::Selected
                | Mode::WrapUp
                | Mode::NewForm
                | Mode::Palette
                | Mode::Closing
                | Mode::HomeFilter
                | Mode::Facet
                | Mode::ReviewEdit
                | Mode::TagSearch
                | Mode::SynthSearch
                | Mode::SynthFilter
        )
    }
}

/// A row of the default key table.
pub struct Binding {
    pub modes: &'static [Mode],
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    pub help: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

const LIVE: &[Mode] = &[Mode::Typing, Mode::Selected];
const TEXT: &[Mode] = &[
    Mode::Typing,
    Mode::NewForm,
    Mode::Palette,
    Mode::Closing,
    Mode::HomeFilter,
    Mode::Facet,
    Mode::ReviewEdit,
    Mode::TagSearch,
    Mode::SynthSearch,
    Mode::SynthFilter,
];
const LISTS: &[Mode] = &[Mode::Home, Mode::Review, Mode::Followups, Mode::Synthesis];
const SYNTH: &[Mode] = &[Mode::Synthesis];
const SYNTH_ALL: &[Mode] = &[Mode::Synthesis, Mode::SynthSearch];
/// Screens where Ctrl-Q / Ctrl-C leave the app (the live screen and the
/// library bind them themselves).
const AFTER_CALL: &[Mode] = &[
    Mode::HomeFilter,
    Mode::Facet,
    Mode::Review,
    Mode::ReviewEdit,
    Mode::KindPick,
    Mode::QuickTag,
    Mode::TagSearch,
    Mode::Followups,
    Mode::Recovery,
    Mode::Synthesis,
    Mode::SynthSearch,
    Mode::SynthFilter,
];

/// Screens where Ctrl-Z suspends: everywhere but the live screen and the
/// session view, where it undoes (what a PM mid-call expects).
const SUSPEND: &[Mode] = &[
    Mode::Home,
    Mode::NewForm,
    Mode::HomeFilter,
    Mode::Facet,
    Mode::Followups,
    Mode::Recovery,
    Mode::Synthesis,
    Mode::SynthSearch,
    Mode::SynthFilter,
];

const fn b(modes: &'static [Mode], code: KeyCode, mods: KeyModifiers, action: Action, help: &'static str) -> Binding {
    Binding { modes, code, mods, action, help }
}

/// The default keys. Order matters only for help: first binding of an action
/// is the one shown in hints.
pub static BINDINGS: &[Binding] = &[
    // Live capture
    b(&[Mode::Typing], KeyCode::Enter, NONE, Action::CommitNote, "commit the note"),
    b(LIVE, KeyCode::Char('n'), CTRL, Action::NextQuestion, "next question"),
    b(LIVE, KeyCode::Char('p'), CTRL, Action::PrevQuestion, "previous question"),
    b(LIVE, KeyCode::Char('t'), CTRL, Action::OpenTagPalette, "tag the last/selected note"),
    b(LIVE, KeyCode::Char('e'), CTRL, Action::EndInterview, "end: ask the closing question"),
    b(LIVE, KeyCode::Char('z'), CTRL, Action::Undo, "undo delete/edit/tag"),
    b(
        &[Mode::Typing, Mode::Selected, Mode::Closing, Mode::WrapUp],
        KeyCode::Char('q'),
        CTRL,
        Action::SaveAndQuit,
        "save and quit",
    ),
    b(
        &[Mode::Typing, Mode::Selected, Mode::Closing, Mode::Palette],
        KeyCode::Char('c'),
        CTRL,
        Action::SaveAndQuit,
        "save and quit",
    ),
    b(LIVE, KeyCode::Up, NONE, Action::SelectPrevNote, "select the previous note"),
    b(LIVE, KeyCode::Down, NONE, Action::SelectNextNote, "select the next note / back to input"),
    // A selected note's keys are ones no sentence contains: a typed character
    // always goes to the note input, whatever has the focus.
    b(&[Mode::Selected], KeyCode::Enter, NONE, Action::EditNote, "edit the selected note"),
    b(&[Mode::Selected], KeyCode::Delete, NONE, Action::DeleteNote, "delete the selected note"),
    b(&[Mode::Selected], KeyCode::Char('o'), CTRL, Action::EditInEditor, "edit the selected note in $EDITOR"),
    b(&[Mode::Selected], KeyCode::Esc, NONE, Action::Back, "back to the input"),
    b(&[Mode::Typing], KeyCode::Esc, NONE, Action::Back, "cancel editing a note"),
    // Consent, before capture
    b(&[Mode::Consent], KeyCode::Char('y'), NONE, Action::ConsentYes, "choose yes"),
    b(&[Mode::Consent], KeyCode::Char('n'), NONE, Action::ConsentNo, "choose no"),
    b(&[Mode::Consent], KeyCode::Enter, NONE, Action::ConsentConfirm, "confirm the chosen answer"),
    b(&[Mode::Consent], KeyCode::Backspace, NONE, Action::Backspace, "take the choice back"),
    b(&[Mode::Consent], KeyCode::Esc, NONE, Action::Back, "skip (nothing is recorded)"),
    b(&[Mode::Consent], KeyCode::Char('q'), CTRL, Action::SaveAndQuit, "save and quit"),
    // Tag palette
    b(&[Mode::Palette], KeyCode::Enter, NONE, Action::ApplyTag, "apply the tag (or create the typed one)"),
    b(&[Mode::Palette], KeyCode::Up, NONE, Action::MoveUp, "previous tag"),
    b(&[Mode::Palette], KeyCode::Down, NONE, Action::MoveDown, "next tag"),
    b(&[Mode::Palette], KeyCode::Tab, NONE, Action::MoveDown, "next tag"),
    b(&[Mode::Palette], KeyCode::Esc, NONE, Action::Back, "close the palette"),
    // Closing
    b(&[Mode::Closing], KeyCode::Enter, NONE, Action::SubmitClosing, "save the answer, show the wrap-up"),
    b(&[Mode::Closing], KeyCode::Esc, NONE, Action::Back, "back to capturing"),
    // Wrap-up
    // Typing here goes back to the notes, so a thought typed after the
    // closing answer is kept, never read as a key.
    b(&[Mode::WrapUp], KeyCode::Enter, NONE, Action::GoHome, "go to the library"),
    b(&[Mode::WrapUp], KeyCode::Esc, NONE, Action::Back, "back to the notes"),
    // Recovery after a crash
    b(&[Mode::Recovery], KeyCode::Char('r'), NONE, Action::Recover, "recover everything listed"),
    b(&[Mode::Recovery], KeyCode::Enter, NONE, Action::Recover, "recover everything listed"),
    b(&[Mode::Recovery], KeyCode::Esc, NONE, Action::Back, "not now (the journals are kept)"),
    b(&[Mode::Recovery], KeyCode::Char('q'), NONE, Action::Quit, "quit (the journals are kept)"),
    // Library
    b(&[Mode::Home], KeyCode::Char('n'), NONE, Action::NewInterview, "new interview"),
    b(&[Mode::Home], KeyCode::Enter, NONE, Action::OpenSession, "open the session"),
    b(&[Mode::Home], KeyCode::Char('c'), NONE, Action::ResumeLive, "continue it in the live screen"),
    b(&[Mode::Home], KeyCode::Char('/'), NONE, Action::FilterLibrary, "filter by participant, company, title, notes"),
    b(&[Mode::Home], KeyCode::Char('s'), NONE, Action::CycleSort, "sort by date / participant / untagged"),
    b(&[Mode::Home], KeyCode::Char('f'), NONE, Action::FacetFilter, "filter by a tag or segment"),
    b(&[Mode::Home], KeyCode::Char('F'), NONE, Action::ShowFollowups, "follow-ups of every session"),
    b(&[Mode::Home], KeyCode::Char('t'), NONE, Action::TagUntagged, "tag every untagged note, session by session"),
    b(
        &[Mode::Home],
        KeyCode::Char('S'),
        NONE,
        Action::OpenSynthesis,
        "synthesis: themes, pains, segments across interviews",
    ),
    b(&[Mode::HomeFilter], KeyCode::Enter, NONE, Action::ApplyTag, "keep the filter"),
    b(&[Mode::HomeFilter], KeyCode::Esc, NONE, Action::Back, "clear the filter"),
    b(&[Mode::Facet], KeyCode::Enter, NONE, Action::ApplyTag, "filter by the highlighted tag or segment"),
    b(&[Mode::Facet, Mode::TagSearch], KeyCode::Up, NONE, Action::MoveUp, "previous"),
    b(&[Mode::Facet, Mode::TagSearch], KeyCode::Down, NONE, Action::MoveDown, "next"),
    b(&[Mode::Facet], KeyCode::Esc, NONE, Action::Back, "no tag/segment filter"),
    b(LISTS, KeyCode::Up, NONE, Action::MoveUp, "previous"),
    b(LISTS, KeyCode::Char('k'), NONE, Action::MoveUp, "previous"),
    b(LISTS, KeyCode::Down, NONE, Action::MoveDown, "next"),
    b(LISTS, KeyCode::Char('j'), NONE, Action::MoveDown, "next"),
    b(LISTS, KeyCode::PageUp, NONE, Action::PageUp, "page up"),
    b(LISTS, KeyCode::PageDown, NONE, Action::PageDown, "page down"),
    b(LISTS, KeyCode::Home, NONE, Action::MoveFirst, "first"),
    b(LISTS, KeyCode::End, NONE, Action::MoveLast, "last"),
    b(AFTER_CALL, KeyCode::Char('q'), CTRL, Action::SaveAndQuit, "save and quit"),
    b(AFTER_CALL, KeyCode::Char('c'), CTRL, Action::SaveAndQuit, "save and quit"),
    // Session view
    b(&[Mode::Review], KeyCode::Enter, NONE, Action::EditNote, "edit the note"),
    b(&[Mode::Review], KeyCode::Char('e'), NONE, Action::EditNote, "edit the note"),
    b(&[Mode::Review], KeyCode::Char('d'), NONE, Action::DeleteNote, "delete the note"),
    b(&[Mode::Review], KeyCode::Char('z'), CTRL, Action::Undo, "undo"),
    b(&[Mode::Review], KeyCode::Char('u'), NONE, Action::Undo, "undo"),
    b(&[Mode::Review], KeyCode::Char('K'), NONE, Action::ChangeKind, "change the note's kind"),
    b(&[Mode::Review], KeyCode::Char('t'), NONE, Action::QuickTag, "quick tagging"),
    b(&[Mode::Review], KeyCode::Char('x'), NONE, Action::ToggleDone, "mark a follow-up done / not done"),
    b(&[Mode::Review], KeyCode::Char('*'), NONE, Action::ToggleStar, "star the note as key evidence / unstar"),
    b(&[Mode::Review], KeyCode::Char('m'), NONE, Action::EditSummary, "write the summary in $EDITOR"),
    b(&[Mode::Review], KeyCode::Char('E'), NONE, Action::EditInEditor, "edit the note in $EDITOR"),
    b(&[Mode::Review], KeyCode::Char('1'), NONE, Action::ToggleThanked, "tick: thanked the participant"),
    b(&[Mode::Review], KeyCode::Char('2'), NONE, Action::ToggleShared, "tick: shared the summary"),
    b(&[Mode::Review], KeyCode::Char('s'), NONE, Action::Export, "save the Markdown snapshot to exports/"),
    b(&[Mode::Review], KeyCode::Char('y'), NONE, Action::CopySnapshot, "copy the snapshot (OSC 52)"),
    b(&[Mode::Review], KeyCode::Char('c'), NONE, Action::ResumeLive, "continue in the live screen"),
    b(&[Mode::Review, Mode::Followups], KeyCode::Esc, NONE, Action::Back, "back to the library"),
    b(&[Mode::Review, Mode::Followups], KeyCode::Char('q'), NONE, Action::Back, "back to the library"),
    b(&[Mode::ReviewEdit], KeyCode::Enter, NONE, Action::CommitNote, "save the note"),
    b(&[Mode::ReviewEdit], KeyCode::Esc, NONE, Action::Back, "cancel"),
    b(&[Mode::KindPick], KeyCode::Char('"'), NONE, Action::SetKind(Kind::Quote), "quote"),
    b(&[Mode::KindPick], KeyCode::Char('!'), NONE, Action::SetKind(Kind::Pain), "pain"),
    b(&[Mode::KindPick], KeyCode::Char('+'), NONE, Action::SetKind(Kind::Idea), "idea"),
    b(&[Mode::KindPick], KeyCode::Char('?'), NONE, Action::SetKind(Kind::Followup), "follow-up"),
    b(&[Mode::KindPick], KeyCode::Char('['), NONE, Action::SetKind(Kind::Insight), "insight"),
    b(&[Mode::KindPick], KeyCode::Char('.'), NONE, Action::SetKind(Kind::Note), "plain note"),
    b(&[Mode::KindPick], KeyCode::Esc, NONE, Action::Back, "keep the kind"),
    // Synthesis
    b(SYNTH, KeyCode::Enter, NONE, Action::OpenSession, "show the evidence / open the note in its session"),
    b(SYNTH_ALL, KeyCode::Tab, NONE, Action::NextTab, "next view"),
    b(SYNTH_ALL, KeyCode::BackTab, SHIFT, Action::PrevTab, "previous view"),
    b(SYNTH, KeyCode::Right, NONE, Action::NextTab, "next view"),
    b(SYNTH, KeyCode::Char('l'), NONE, Action::NextTab, "next view"),
    b(SYNTH, KeyCode::Left, NONE, Action::PrevTab, "previous view"),
    b(SYNTH, KeyCode::Char('h'), NONE, Action::PrevTab, "previous view"),
    b(SYNTH, KeyCode::Char('1'), NONE, Action::ShowTab(1), "go to view N, as numbered in the tab bar"),
    b(SYNTH, KeyCode::Char('2'), NONE, Action::ShowTab(2), "pain points"),
    b(SYNTH, KeyCode::Char('3'), NONE, Action::ShowTab(3), "segments × themes"),
    b(SYNTH, KeyCode::Char('4'), NONE, Action::ShowTab(4), "tags that come together"),
    b(SYNTH, KeyCode::Char('5'), NONE, Action::ShowTab(5), "closing answers"),
    b(SYNTH, KeyCode::Char('6'), NONE, Action::ShowTab(6), "question coverage"),
    b(SYNTH, KeyCode::Char('7'), NONE, Action::ShowTab(7), "search"),
    b(SYNTH, KeyCode::Char('/'), NONE, Action::SearchNotes, "search every note"),
    b(SYNTH, KeyCode::Char('f'), NONE, Action::EditFilter, "filter: dates, segment, guide, tag, participant…"),
    b(SYNTH, KeyCode::Char('n'), NONE, Action::NarrowToSelection, "only this tag / segment / guide"),
    b(SYNTH, KeyCode::Char('x'), NONE, Action::ClearFilter, "clear the filters"),
    b(SYNTH, KeyCode::Char('b'), NONE, Action::CycleDimension, "segments by segment / company / role / guide"),
    b(SYNTH, KeyCode::Char('o'), NONE, Action::ToggleMatrixRanking, "segments: themes that differ most / most common"),
    b(SYNTH, KeyCode::Char('*'), NONE, Action::ToggleStar, "star the highlighted evidence note / unstar"),
    b(SYNTH, KeyCode::Char('u'), NONE, Action::Undo, "undo the last star"),
    b(SYNTH, KeyCode::Char('a'), NONE, Action::ToggleAnonymize, "hide names (P1, C1…) / show them"),
    b(SYNTH, KeyCode::Char('r'), NONE, Action::Reload, "read the library again"),
    b(SYNTH, KeyCode::Char('s'), NONE, Action::Export, "save the report (Markdown and HTML) to exports/"),
    b(SYNTH, KeyCode::Char('y'), NONE, Action::CopySnapshot, "copy the report (OSC 52)"),
    b(SYNTH, KeyCode::Esc, NONE, Action::Back, "back (to the list, then the library)"),
    b(SYNTH, KeyCode::Char('q'), NONE, Action::Back, "back (to the list, then the library)"),
    b(&[Mode::SynthSearch], KeyCode::Enter, NONE, Action::OpenSession, "open the note in its session"),
    b(&[Mode::SynthSearch], KeyCode::Up, NONE, Action::MoveUp, "previous result"),
    b(&[Mode::SynthSearch], KeyCode::Down, NONE, Action::MoveDown, "next result"),
    b(&[Mode::SynthSearch], KeyCode::PageUp, NONE, Action::PageUp, "page up"),
    b(&[Mode::SynthSearch], KeyCode::PageDown, NONE, Action::PageDown, "page down"),
    b(&[Mode::SynthSearch], KeyCode::Esc, NONE, Action::Back, "stop typing (the results stay)"),
    b(&[Mode::SynthFilter], KeyCode::Enter, NONE, Action::ApplyTag, "apply the filter"),
    b(&[Mode::SynthFilter], KeyCode::Esc, NONE, Action::Back, "cancel"),
    // Quick tagging
    b(&[Mode::QuickTag], KeyCode::Char('1'), NONE, Action::TopTag(1), "apply tag N, as numbered on screen"),
    b(&[Mode::QuickTag], KeyCode::Char('2'), NONE, Action::TopTag(2), "apply tag 2"),
    b(&[Mode::QuickTag], KeyCode::Char('3'), NONE, Action::TopTag(3), "apply tag 3"),
    b(&[Mode::QuickTag], KeyCode::Char('4'), NONE, Action::TopTag(4), "apply tag 4"),
    b(&[Mode::QuickTag], KeyCode::Char('5'), NONE, Action::TopTag(5), "apply tag 5"),
    b(&[Mode::QuickTag], KeyCode::Char('6'), NONE, Action::TopTag(6), "apply tag 6"),
    b(&[Mode::QuickTag], KeyCode::Char('7'), NONE, Action::TopTag(7), "apply tag 7"),
    b(&[Mode::QuickTag], KeyCode::Char('8'), NONE, Action::TopTag(8), "apply tag 8"),
    b(&[Mode::QuickTag], KeyCode::Char('9'), NONE, Action::TopTag(9), "apply tag 9"),
    b(&[Mode::QuickTag], KeyCode::Char('/'), NONE, Action::SearchTags, "search all tags, or create one"),
    b(&[Mode::QuickTag], KeyCode::Char('x'), NONE, Action::RemoveTag, "remove a tag (then its number)"),
    b(&[Mode::QuickTag], KeyCode::Char('*'), NONE, Action::ToggleStar, "star the note as key evidence / unstar"),
    b(&[Mode::QuickTag], KeyCode::Char(' '), NONE, Action::NextNote, "next note"),
    b(&[Mode::QuickTag], KeyCode::Char('j'), NONE, Action::NextNote, "next note"),
    b(&[Mode::QuickTag], KeyCode::Down, NONE, Action::NextNote, "next note"),
    b(&[Mode::QuickTag], KeyCode::Char('k'), NONE, Action::PrevNote, "previous note"),
    b(&[Mode::QuickTag], KeyCode::Up, NONE, Action::PrevNote, "previous note"),
    b(&[Mode::QuickTag], KeyCode::Char('u'), NONE, Action::Undo, "undo"),
    b(&[Mode::QuickTag], KeyCode::Char('z'), CTRL, Action::Undo, "undo"),
    b(&[Mode::QuickTag], KeyCode::Esc, NONE, Action::Back, "stop tagging"),
    b(&[Mode::QuickTag], KeyCode::Char('q'), NONE, Action::Back, "stop tagging"),
    b(&[Mode::TagSearch], KeyCode::Enter, NONE, Action::ApplyTag, "apply (or create) the tag"),
    b(&[Mode::TagSearch], KeyCode::Esc, NONE, Action::Back, "close the search"),
    // Follow-ups
    b(&[Mode::Followups], KeyCode::Char('x'), NONE, Action::ToggleDone, "mark done / not done"),
    b(&[Mode::Followups], KeyCode::Char(' '), NONE, Action::ToggleDone, "mark done / not done"),
    b(&[Mode::Followups], KeyCode::Enter, NONE, Action::OpenSession, "open its session"),
    b(&[Mode::Home], KeyCode::Char('q'), NONE, Action::Quit, "quit"),
    b(&[Mode::Home], KeyCode::Char('q'), CTRL, Action::Quit, "quit"),
    b(&[Mode::Home], KeyCode::Char('c'), CTRL, Action::Quit, "quit"),
    // New interview form
    b(&[Mode::NewForm], KeyCode::Enter, NONE, Action::StartInterview, "start the interview"),
    b(&[Mode::NewForm], KeyCode::Tab, NONE, Action::NextField, "next field"),
    b(&[Mode::NewForm], KeyCode::BackTab, SHIFT, Action::PrevField, "previous field"),
    b(&[Mode::NewForm], KeyCode::Up, NONE, Action::MoveUp, "previous guide"),
    b(&[Mode::NewForm], KeyCode::Down, NONE, Action::MoveDown, "next guide"),
    b(&[Mode::NewForm], KeyCode::Esc, NONE, Action::Back, "cancel"),
    b(&[Mode::NewForm], KeyCode::Char('q'), CTRL, Action::Quit, "quit"),
    b(&[Mode::NewForm], KeyCode::Char('c'), CTRL, Action::Quit, "quit"),
    // Text editing, wherever there is a text field
    b(TEXT, KeyCode::Backspace, NONE, Action::Backspace, "delete before the cursor"),
    b(TEXT, KeyCode::Delete, NONE, Action::DeleteForward, "delete under the cursor"),
    b(TEXT, KeyCode::Char('w'), CTRL, Action::DeleteWord, "delete the word before the cursor"),
    b(TEXT, KeyCode::Backspace, KeyModifiers::ALT, Action::DeleteWord, "delete the word before the cursor"),
    b(TEXT, KeyCode::Char('u'), CTRL, Action::ClearInput, "clear the field"),
    b(TEXT, KeyCode::Left, NONE, Action::CursorLeft, "cursor left"),
    b(TEXT, KeyCode::Right, NONE, Action::CursorRight, "cursor right"),
    b(TEXT, KeyCode::Home, NONE, Action::CursorHome, "cursor to start"),
    b(TEXT, KeyCode::End, NONE, Action::CursorEnd, "cursor to end"),
    // Everywhere
    b(&Mode::ALL, KeyCode::F(1), NONE, Action::ToggleHelp, "show/hide this help"),
    b(&[Mode::Help], KeyCode::Esc, NONE, Action::ToggleHelp, "close the help"),
    b(&[Mode::Help], KeyCode::Char('q'), NONE, Action::ToggleHelp, "close the help"),
    b(&[Mode::Help], KeyCode::Char('?'), NONE, Action::ToggleHelp, "close the help"),
    b(&[Mode::Home, Mode::Synthesis], KeyCode::Char('?'), NONE, Action::ToggleHelp, "show this help"),
    b(SUSPEND, KeyCode::Char('z'), CTRL, Action::Suspend, "suspend: back to the shell (fg returns)"),
];

/// Extra keys of `keymap_preset: vim`, for the screens where nothing is typed
/// (and Ctrl-N / Ctrl-P in the pickers, as in vim's completion menu). None of
/// them takes a key the default table uses on the same screen (a test checks).
pub static VIM: &[Binding] = &[
    b(LISTS, KeyCode::Char('g'), NONE, Action::MoveFirst, "first"),
    b(LISTS, KeyCode::Char('G'), NONE, Action::MoveLast, "last"),
    b(LISTS, KeyCode::Char('d'), CTRL, Action::PageDown, "page down"),
    b(LISTS, KeyCode::Char('u'), CTRL, Action::PageUp, "page up"),
    b(&[Mode::KindPick], KeyCode::Char('q'), NONE, Action::Back, "keep the kind"),
    b(PICKERS, KeyCode::Char('n'), CTRL, Action::MoveDown, "next"),
    b(PICKERS, KeyCode::Char('p'), CTRL, Action::MoveUp, "previous"),
];

const PICKERS: &[Mode] = &[Mode::Palette, Mode::Facet, Mode::TagSearch, Mode::NewForm];

// ---------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------

/// One key with its modifiers, normalised the way terminals report them:
/// Shift is part of a character (`J`, `?`), Ctrl-letters are lower-case, and
/// Shift-Tab is `BackTab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const ALT: KeyModifiers = KeyModifiers::ALT;

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
    fn is_typed(self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.mods.intersects(CTRL | ALT)
    }
}

// ---------------------------------------------------------------------------
// The live keymap
// ---------------------------------------------------------------------------

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
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    entries: Vec<Entry>,
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
        Keymap { entries }
    }
}

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
                map.entries.retain(|e| !(e.mode == *mode && e.key == key));
                map.entries.push(Entry { mode: *mode, key, action: b.action.clone(), help: b.help, remapped: false });
            }
        }
        map
    }

    /// The action for a key in a mode, or `None` if the key does nothing there.
    /// Typed characters fall through to the focused text field; in the notes
    /// list they jump back to the input, so typing never needs a mode switch.
    pub fn resolve(&self, mode: Mode, event: KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::of_event(event);
        if let Some(e) = self.entries.iter().find(|e| e.mode == mode && e.key == key) {
            return Some(e.action.clone());
        }
        match event.code {
            KeyCode::Char(c) if mode.notices_typing() && key.is_typed() => Some(Action::InsertChar(c)),
            _ => None,
        }
    }

    /// The keys of an action in a mode, in order.
    pub fn keys(&self, mode: Mode, action: &Action) -> Vec<Key> {
        self.entries.iter().filter(|e| e.mode == mode && e.action == *action).map(|e| e.key).collect()
    }

    /// The first key of an action in a mode, short (`^N`), for footer hints.
    pub fn hint(&self, mode: Mode, action: &Action) -> Option<String> {
        self.keys(mode, action).first().map(|k| k.short_label())
    }

    /// Help rows for a mode: keys joined per action, in keymap order.
    pub fn help_rows(&self, mode: Mode) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(String, &'static str, &Action)> = Vec::new();
        // The text-editing keys are the same in every field: one row for them all,
        // so the help fits on a 24-line terminal.
        let mut editing: Vec<String> = Vec::new();
        for e in self.entries.iter().filter(|e| e.mode == mode) {
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
            .unwrap_or_else(|| action.name());
        let at = self.entries.iter().position(|e| e.mode == mode && e.action == *action);
        self.entries.retain(|e| !(e.mode == mode && e.action == *action));
        let at = at.unwrap_or(self.entries.len()).min(self.entries.len());
        let mut new: Vec<Entry> = Vec::new();
        for key in keys {
            let entry = Entry { mode, key: key.normalized(), action: action.clone(), help, remapped: true };
            if !new.contains(&entry) {
                new.push(entry);
            }
        }
        self.entries.splice(at..at, new);
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
                        let modes: Vec<Mode> =
                            g.modes().iter().copied().filter(|m| !map.keys(*m, action).is_empty()).collect();
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
        problems.extend(map.problems());
        if problems.is_empty() { Ok(map) } else { Err(problems) }
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

    /// Every screen's keys as Markdown tables (the README's are these, for the
    /// default keymap; a test keeps them equal). The text-editing keys, the same
    /// in every field, get one table of their own.
    pub fn markdown(&self) -> String {
        let row = |keys: &[Key], action: &Action, help: &str| {
            let keys: Vec<String> = keys.iter().map(|k| format!("`{}`", k.name())).collect();
            format!("| {} | `{}` | {} |\n", keys.join(" "), action.name(), help)
        };
        let head = "| Keys | Action | What it does |\n| --- | --- | --- |\n";
        let mut out = String::new();
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

/// The action a name in the config stands for: any action some table binds.
pub fn action_named(name: &str) -> Option<Action> {
    BINDINGS.iter().chain(VIM).map(|b| &b.action).find(|a| a.name() == name).cloned()
}

/// Every action a key can be bound to, once each, in table order.
pub fn bindable_actions() -> Vec<Action> {
    let mut out: Vec<Action> = Vec::new();
    for b in BINDINGS.iter().chain(VIM) {
        if !out.contains(&b.action) {
            out.push(b.action.clone());
        }
    }
    out
}

// ---------------------------------------------------------------------------
// `keymap:` in the config
// ---------------------------------------------------------------------------

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

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    fn resolve(mode: Mode, event: KeyEvent) -> Option<Action> {
        Keymap::default().resolve(mode, event)
    }

    fn remaps(yaml: &str) -> Result<Remaps, String> {
        crate::store::yaml::from_str::<Remaps>(yaml, std::path::Path::new("config.yaml")).map_err(|e| e.to_string())
    }

    fn build(preset: Preset, yaml: &str) -> Result<Keymap, String> {
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
    fn ctrl_z_undoes_during_and_after_the_call_and_suspends_elsewhere() {
        let z = key(KeyCode::Char('z'), CTRL);
        for mode in [Mode::Typing, Mode::Selected, Mode::Review, Mode::QuickTag] {
            assert_eq!(resolve(mode, z), Some(Action::Undo), "{mode:?}");
        }
        for mode in SUSPEND {
            assert_eq!(resolve(*mode, z), Some(Action::Suspend), "{mode:?}");
        }
    }

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

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for bnd in &BINDINGS[i + 1..] {
                let same_key = Key::new(a.code, a.mods).normalized() == Key::new(bnd.code, bnd.mods).normalized();
                let shared = a.modes.iter().any(|m| bnd.modes.contains(m));
                assert!(!(same_key && shared), "{:?} bound twice", Key::new(a.code, a.mods).label());
            }
        }
        assert_eq!(Keymap::default().problems(), Vec::<String>::new());
    }

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
        for yaml in ["home:\n  quit: []\n", "home:\n  quit: none\n", "home:\n  quit:\n"] {
            let map = build(Preset::Default, yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert!(map.keys(Mode::Home, &Action::Quit).is_empty(), "{yaml}");
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
}
