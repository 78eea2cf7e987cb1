//! One table from (mode, key) to action. Behaviour, the help overlay and the
//! footer hints are all read from it, so they cannot disagree.

use crate::action::Action;
use crate::domain::note::Kind;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

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

    /// Modes with a focused text field, where plain characters are typed.
    fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Typing
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
    b(&[Mode::Selected], KeyCode::Char('e'), NONE, Action::EditNote, "edit the selected note"),
    b(&[Mode::Selected], KeyCode::Enter, NONE, Action::EditNote, "edit the selected note"),
    b(&[Mode::Selected], KeyCode::Char('d'), NONE, Action::DeleteNote, "delete the selected note"),
    b(&[Mode::Selected], KeyCode::Esc, NONE, Action::Back, "back to the input"),
    b(&[Mode::Typing], KeyCode::Esc, NONE, Action::Back, "cancel editing a note"),
    // Consent, before capture
    b(&[Mode::Consent], KeyCode::Char('y'), NONE, Action::ConsentYes, "yes"),
    b(&[Mode::Consent], KeyCode::Char('n'), NONE, Action::ConsentNo, "no"),
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
    b(&[Mode::WrapUp], KeyCode::Enter, NONE, Action::GoHome, "go to the library"),
    b(&[Mode::WrapUp], KeyCode::Char('h'), NONE, Action::GoHome, "go to the library"),
    b(&[Mode::WrapUp], KeyCode::Esc, NONE, Action::Back, "back to the notes"),
    b(&[Mode::WrapUp], KeyCode::Char('q'), NONE, Action::SaveAndQuit, "quit"),
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
    b(&[Mode::Review], KeyCode::Char('m'), NONE, Action::EditSummary, "write the summary in $EDITOR"),
    b(&[Mode::Review, Mode::Selected], KeyCode::Char('E'), NONE, Action::EditInEditor, "edit the note in $EDITOR"),
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
    b(
        SYNTH,
        KeyCode::Char('1'),
        NONE,
        Action::ShowTab(1),
        "themes (2–7: pains, segments, together, closing, coverage, search)",
    ),
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
    b(SYNTH, KeyCode::Char('a'), NONE, Action::ToggleAnonymize, "hide names (P1, C1…) / show them"),
    b(SYNTH, KeyCode::Char('r'), NONE, Action::Reload, "read the library again"),
    b(SYNTH, KeyCode::Char('s'), NONE, Action::Export, "save the report (Markdown) to exports/"),
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
    b(&[Mode::QuickTag], KeyCode::Char('1'), NONE, Action::TopTag(1), "apply tag 1 (2–9 likewise)"),
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
    b(&[Mode::Home, Mode::WrapUp, Mode::Synthesis], KeyCode::Char('?'), NONE, Action::ToggleHelp, "show this help"),
];

/// The action for a key in a mode, or `None` if the key does nothing there.
pub fn resolve(mode: Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    // Terminals disagree on whether Shift is reported with an upper-case
    // letter or BackTab, so it is ignored for those.
    let norm = |code: KeyCode, m: KeyModifiers| match code {
        KeyCode::Char(_) | KeyCode::BackTab => m - SHIFT,
        _ => m,
    };
    let mods = norm(key.code, key.modifiers);
    let found = BINDINGS.iter().find(|b| b.modes.contains(&mode) && b.code == key.code && norm(b.code, b.mods) == mods);
    if let Some(b) = found {
        return Some(b.action.clone());
    }
    // Typed characters fall through to the focused text field; in the notes
    // list they jump back to the input, so typing never needs a mode switch.
    match key.code {
        KeyCode::Char(c)
            if (mode.takes_text() || mode == Mode::Selected)
                && !mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::InsertChar(c))
        }
        _ => None,
    }
}

/// How a binding's key is written in help: `Ctrl-N`, `Enter`, `F1`.
pub fn key_label(code: KeyCode, mods: KeyModifiers) -> String {
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
    if mods.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    out.push_str(&key);
    out
}

/// Help rows for a mode: keys joined per action, in table order.
pub fn help_rows(mode: Mode) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str, &Action)> = Vec::new();
    // The text-editing keys are the same in every field: one row for them all,
    // so the help fits on a 24-line terminal.
    let mut editing: Vec<String> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.modes.contains(&mode)) {
        let label = key_label(b.code, b.mods);
        if is_text_editing(&b.action) {
            if !editing.contains(&label) {
                editing.push(label);
            }
            continue;
        }
        match rows.iter_mut().find(|(_, _, a)| **a == b.action) {
            Some((keys, _, _)) => {
                keys.push_str(" / ");
                keys.push_str(&label);
            }
            None => rows.push((label, b.help, &b.action)),
        }
    }
    let mut out: Vec<(String, &'static str)> = rows.into_iter().map(|(k, h, _)| (k, h)).collect();
    if !editing.is_empty() {
        out.push((editing.join(" "), "edit the text"));
    }
    if mode.takes_text() {
        out.push(("any character".into(), "types into the focused field"));
    }
    out
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

/// The first key bound to an action in a mode, written short (`^N`) for
/// footer hints where every column counts.
pub fn hint(mode: Mode, action: &Action) -> Option<String> {
    BINDINGS.iter().find(|b| b.modes.contains(&mode) && b.action == *action).map(|b| {
        let label = key_label(b.code, b.mods);
        match label.strip_prefix("Ctrl-") {
            Some(rest) => format!("^{rest}"),
            None => label,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
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
    }

    #[test]
    fn selected_note_keys() {
        assert_eq!(resolve(Mode::Selected, key(KeyCode::Char('e'), NONE)), Some(Action::EditNote));
        assert_eq!(resolve(Mode::Selected, key(KeyCode::Char('d'), NONE)), Some(Action::DeleteNote));
        assert_eq!(resolve(Mode::Selected, key(KeyCode::Char('x'), NONE)), Some(Action::InsertChar('x')));
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut k = key(KeyCode::Enter, NONE);
        k.kind = KeyEventKind::Release;
        assert_eq!(resolve(Mode::Typing, k), None);
    }

    #[test]
    fn help_lists_every_binding_of_a_mode() {
        let rows = help_rows(Mode::Typing);
        assert!(rows.iter().any(|(k, h)| k == "Ctrl-N" && h.contains("next question")));
        assert!(rows.iter().any(|(k, _)| k.starts_with("Ctrl-Q")));
        for mode in Mode::ALL {
            assert!(!help_rows(mode).is_empty(), "{mode:?}");
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for bnd in &BINDINGS[i + 1..] {
                let same_key = a.code == bnd.code && a.mods == bnd.mods;
                let shared = a.modes.iter().any(|m| bnd.modes.contains(m));
                assert!(!(same_key && shared), "{:?} bound twice", key_label(a.code, a.mods));
            }
        }
    }
}
