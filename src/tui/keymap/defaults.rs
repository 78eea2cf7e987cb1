//! The default key table, and the vim preset's extra keys: data, read by
//! [`Keymap`](super::Keymap). Kept apart so the table can be long and read
//! as a table, with nothing else in the way.

use super::Mode;
use super::key::{CTRL, NONE, SHIFT};
use crate::domain::note::Kind;
use crate::tui::action::Action;
use crossterm::event::{KeyCode, KeyModifiers};

/// A row of the default key table.
pub struct Binding {
    pub modes: &'static [Mode],
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    pub help: &'static str,
}

pub(super) const LIVE: &[Mode] = &[Mode::Typing, Mode::Selected];
pub(super) const TEXT: &[Mode] = &[
    Mode::Typing,
    Mode::NewForm,
    Mode::Palette,
    Mode::Closing,
    Mode::HomeFilter,
    Mode::FollowupsFilter,
    Mode::Facet,
    Mode::ReviewEdit,
    Mode::TagSearch,
    Mode::SynthSearch,
    Mode::SynthFilter,
    Mode::TranscriptImport,
];
pub(super) const LISTS: &[Mode] = &[Mode::Home, Mode::Review, Mode::Followups, Mode::Synthesis];
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
    Mode::FollowupsFilter,
    Mode::Recovery,
    Mode::Synthesis,
    Mode::SynthSearch,
    Mode::SynthFilter,
    Mode::Transcript,
    Mode::TranscriptImport,
    Mode::Study,
];

/// Screens where `?` opens the help besides F1: every one where `?` is not
/// typed text (the kind picker's `?` is the follow-up marker, as in a note).
const HELP_TOO: &[Mode] = &[
    Mode::Home,
    Mode::Recovery,
    Mode::Review,
    Mode::QuickTag,
    Mode::Followups,
    Mode::Synthesis,
    Mode::Transcript,
    Mode::Study,
    Mode::Help,
];

/// Keys earlier versions gave these actions by default, taken since by
/// another action with the same purpose (so a key means one thing on every
/// screen). A config written from an older `config show` still names them:
/// where the new default holds the key, the old key gives way quietly
/// instead of being reported as a conflict.
pub(super) static RETIRED: &[(Mode, KeyCode, KeyModifiers, Action)] = &[
    (Mode::Home, KeyCode::Char('q'), NONE, Action::Quit),
    (Mode::Recovery, KeyCode::Char('q'), NONE, Action::Quit),
    (Mode::Help, KeyCode::Esc, NONE, Action::ToggleHelp),
    (Mode::Help, KeyCode::Char('q'), NONE, Action::ToggleHelp),
    (Mode::Synthesis, KeyCode::Char('z'), CTRL, Action::Suspend),
];

/// Actions no screen has a key for by default, still named in `keymap:`.
/// Suspend gave up Ctrl-Z, which is undo wherever there is undo.
pub static UNBOUND: &[(Action, &str)] = &[(Action::Suspend, "suspend: back to the shell (fg returns)")];

const fn b(modes: &'static [Mode], code: KeyCode, mods: KeyModifiers, action: Action, help: &'static str) -> Binding {
    Binding { modes, code, mods, action, help }
}

/// The default keys. Order matters only for help: first binding of an action
/// is the one shown in hints.
pub static BINDINGS: &[Binding] = &[
    // Live capture
    b(&[Mode::Typing], KeyCode::Enter, NONE, Action::CommitNote, "commit the note"),
    // The 20 s is `capture::ASKED_AFTER_SECS` (a test holds them together).
    b(LIVE, KeyCode::Char('n'), CTRL, Action::NextQuestion, "next question (✓ asked: a note on it, or 20 s on it)"),
    b(LIVE, KeyCode::Char('p'), CTRL, Action::PrevQuestion, "previous question"),
    // Looking ahead in the guide moves nothing: the input keeps the focus.
    b(LIVE, KeyCode::PageDown, NONE, Action::PeekNextQuestion, "peek at the next question (the current one stays)"),
    b(LIVE, KeyCode::PageUp, NONE, Action::PeekPrevQuestion, "peek at the previous question"),
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
    b(&[Mode::Recovery], KeyCode::Enter, NONE, Action::Recover, "recover everything listed"),
    b(&[Mode::Recovery], KeyCode::Esc, NONE, Action::Back, "not now (the journals are kept)"),
    b(&[Mode::Recovery], KeyCode::Char('q'), NONE, Action::Back, "not now (the journals are kept)"),
    // Library
    b(&[Mode::Home], KeyCode::Char('n'), NONE, Action::NewInterview, "new interview"),
    b(&[Mode::Home], KeyCode::Enter, NONE, Action::OpenSession, "open the session"),
    b(&[Mode::Home], KeyCode::Char('c'), NONE, Action::ResumeLive, "continue it in the live screen"),
    b(&[Mode::Home], KeyCode::Char('/'), NONE, Action::FilterLibrary, "filter: words, segment:, since:30d… (as typed)"),
    b(&[Mode::Home], KeyCode::Char('o'), NONE, Action::CycleSort, "sort by date / participant / untagged"),
    b(&[Mode::Home], KeyCode::Char('f'), NONE, Action::FacetFilter, "pick a tag or segment for the filter line"),
    b(&[Mode::Home], KeyCode::Char('F'), NONE, Action::ShowFollowups, "follow-ups of every session"),
    b(&[Mode::Home], KeyCode::Char('t'), NONE, Action::TagUntagged, "tag every untagged note, session by session"),
    b(
        &[Mode::Home],
        KeyCode::Char('S'),
        NONE,
        Action::OpenSynthesis,
        "synthesis: themes, pains, segments across interviews",
    ),
    b(&[Mode::Home], KeyCode::Backspace, NONE, Action::ClearFilter, "clear the filters (typed, tag, segment)"),
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
    b(&[Mode::Review], KeyCode::Char('P'), NONE, Action::RenameParticipant, "rename the participant"),
    b(&[Mode::Review], KeyCode::Char('E'), NONE, Action::EditInEditor, "edit the note in $EDITOR"),
    b(&[Mode::Review], KeyCode::Char('1'), NONE, Action::ToggleThanked, "tick: thanked the participant"),
    b(&[Mode::Review], KeyCode::Char('2'), NONE, Action::ToggleShared, "tick: shared the summary"),
    b(&[Mode::Review], KeyCode::Char('s'), NONE, Action::Export, "save the Markdown snapshot to exports/"),
    b(&[Mode::Review], KeyCode::Char('y'), NONE, Action::CopySnapshot, "copy the snapshot (OSC 52)"),
    b(&[Mode::Review], KeyCode::Char('c'), NONE, Action::ResumeLive, "continue in the live screen"),
    b(&[Mode::Review], KeyCode::Esc, NONE, Action::Back, "back to where it was opened from (library, follow-ups…)"),
    b(
        &[Mode::Review],
        KeyCode::Char('q'),
        NONE,
        Action::Back,
        "back to where it was opened from (library, follow-ups…)",
    ),
    b(&[Mode::Followups], KeyCode::Esc, NONE, Action::Back, "back to the library"),
    b(&[Mode::Followups], KeyCode::Char('q'), NONE, Action::Back, "back to the library"),
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
    b(SYNTH, KeyCode::Right, NONE, Action::DrillInOrNextTab, "next view; on the codebook's themes (C), into the theme"),
    b(
        SYNTH,
        KeyCode::Char('l'),
        NONE,
        Action::DrillInOrNextTab,
        "next view; on the codebook's themes (C), into the theme",
    ),
    b(SYNTH, KeyCode::Left, NONE, Action::DrillOutOrPrevTab, "previous view; in a codebook theme, back to the themes"),
    b(
        SYNTH,
        KeyCode::Char('h'),
        NONE,
        Action::DrillOutOrPrevTab,
        "previous view; in a codebook theme, back to the themes",
    ),
    b(SYNTH, KeyCode::Char('1'), NONE, Action::ShowTab(1), "go to view N, as numbered in the tab bar"),
    b(SYNTH, KeyCode::Char('2'), NONE, Action::ShowTab(2), "pain points"),
    b(SYNTH, KeyCode::Char('3'), NONE, Action::ShowTab(3), "segments × themes"),
    b(SYNTH, KeyCode::Char('4'), NONE, Action::ShowTab(4), "tags that come together"),
    b(SYNTH, KeyCode::Char('5'), NONE, Action::ShowTab(5), "closing answers"),
    b(SYNTH, KeyCode::Char('6'), NONE, Action::ShowTab(6), "question coverage"),
    b(SYNTH, KeyCode::Char('7'), NONE, Action::ShowTab(7), "search"),
    b(SYNTH, KeyCode::Char('/'), NONE, Action::SearchNotes, "search every note"),
    b(SYNTH, KeyCode::Char('f'), NONE, Action::EditFilter, "filter: dates, segment, guide, tag, participant…"),
    b(SYNTH, KeyCode::Char('='), NONE, Action::NarrowToSelection, "only this tag / segment / guide"),
    b(SYNTH, KeyCode::Backspace, NONE, Action::ClearFilter, "clear the filters"),
    b(SYNTH, KeyCode::Char('b'), NONE, Action::CycleDimension, "segments by segment / company / role / guide"),
    b(SYNTH, KeyCode::Char('o'), NONE, Action::ToggleMatrixRanking, "segments: themes that differ most / most common"),
    b(SYNTH, KeyCode::Char('*'), NONE, Action::ToggleStar, "star the highlighted evidence note / unstar"),
    b(SYNTH, KeyCode::Char('u'), NONE, Action::Undo, "undo the last star"),
    b(SYNTH, KeyCode::Char('z'), CTRL, Action::Undo, "undo the last star"),
    b(SYNTH, KeyCode::Char('A'), NONE, Action::ToggleAnonymize, "hide names (P1, C1…) / show them"),
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
    b(&[Mode::QuickTag], KeyCode::Char('d'), NONE, Action::RemoveTag, "remove a tag (then its number)"),
    b(&[Mode::QuickTag], KeyCode::Char('a'), NONE, Action::ShowAllNotes, "every note / only the untagged ones"),
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
    b(&[Mode::Followups], KeyCode::Enter, NONE, Action::OpenSession, "open its session, on the follow-up"),
    b(
        &[Mode::Followups],
        KeyCode::Char('/'),
        NONE,
        Action::FilterLibrary,
        "filter: words, participant:, tag:, since:…",
    ),
    b(&[Mode::Followups], KeyCode::Char('a'), NONE, Action::ShowDone, "show done ones too / open ones only"),
    b(&[Mode::FollowupsFilter], KeyCode::Enter, NONE, Action::ApplyTag, "keep the filter"),
    b(&[Mode::FollowupsFilter], KeyCode::Esc, NONE, Action::Back, "clear the filter"),
    // `q` leaves the screen on every screen where nothing is typed; the
    // library is the last one, so there it leaves the app. Esc does not:
    // a stray Esc never quits.
    b(&[Mode::Home], KeyCode::Char('q'), NONE, Action::Back, "quit (the library is the first screen)"),
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
    b(HELP_TOO, KeyCode::Char('?'), NONE, Action::ToggleHelp, "show/hide this help"),
    b(&[Mode::Help], KeyCode::Esc, NONE, Action::Back, "close the help"),
    b(&[Mode::Help], KeyCode::Char('q'), NONE, Action::Back, "close the help"),
    b(&[Mode::Help], KeyCode::Up, NONE, Action::MoveUp, "scroll up"),
    b(&[Mode::Help], KeyCode::Char('k'), NONE, Action::MoveUp, "scroll up"),
    b(&[Mode::Help], KeyCode::Down, NONE, Action::MoveDown, "scroll down"),
    b(&[Mode::Help], KeyCode::Char('j'), NONE, Action::MoveDown, "scroll down"),
    b(&[Mode::Help], KeyCode::PageUp, NONE, Action::PageUp, "page up"),
    b(&[Mode::Help], KeyCode::PageDown, NONE, Action::PageDown, "page down"),
    b(&[Mode::Help, Mode::Palette], KeyCode::Char('q'), CTRL, Action::SaveAndQuit, "save and quit"),
    // The session view's transcript pane (issue #16)
    b(&[Mode::Review], KeyCode::Char('v'), NONE, Action::ToggleTranscript, "show / hide the transcript"),
    b(&[Mode::Review], KeyCode::Tab, NONE, Action::FocusTranscript, "into the transcript, at the note's moment"),
    b(
        &[Mode::Review],
        KeyCode::Char('I'),
        NONE,
        Action::ImportTranscript,
        "import the call's transcript (asks for the file)",
    ),
    b(TRANSCRIPT, KeyCode::Char('['), NONE, Action::NudgeOffset(-1), "transcript offset -1 s"),
    b(TRANSCRIPT, KeyCode::Char(']'), NONE, Action::NudgeOffset(1), "transcript offset +1 s"),
    b(TRANSCRIPT, KeyCode::Char('{'), NONE, Action::NudgeOffset(-10), "transcript offset -10 s"),
    b(TRANSCRIPT, KeyCode::Char('}'), NONE, Action::NudgeOffset(10), "transcript offset +10 s"),
    b(&[Mode::Transcript], KeyCode::Up, NONE, Action::MoveUp, "previous line"),
    b(&[Mode::Transcript], KeyCode::Char('k'), NONE, Action::MoveUp, "previous line"),
    b(&[Mode::Transcript], KeyCode::Down, NONE, Action::MoveDown, "next line"),
    b(&[Mode::Transcript], KeyCode::Char('j'), NONE, Action::MoveDown, "next line"),
    b(&[Mode::Transcript], KeyCode::Up, SHIFT, Action::ExtendUp, "select one more line up"),
    b(&[Mode::Transcript], KeyCode::Down, SHIFT, Action::ExtendDown, "select one more line down"),
    b(
        &[Mode::Transcript],
        KeyCode::Char('"'),
        NONE,
        Action::QuoteFromTranscript,
        "make the selected lines a quote note",
    ),
    b(&[Mode::Transcript], KeyCode::Enter, NONE, Action::QuoteFromTranscript, "make the selected lines a quote note"),
    b(
        &[Mode::Transcript],
        KeyCode::Char('p'),
        NONE,
        Action::ReplaceFromTranscript,
        "put the selected lines in place of the quote's words",
    ),
    b(&[Mode::Transcript], KeyCode::Char('u'), NONE, Action::Undo, "undo"),
    b(&[Mode::Transcript], KeyCode::Char('z'), CTRL, Action::Undo, "undo"),
    b(&[Mode::Transcript], KeyCode::Esc, NONE, Action::Back, "back to the notes"),
    b(&[Mode::Transcript], KeyCode::Tab, NONE, Action::Back, "back to the notes"),
    b(&[Mode::Transcript], KeyCode::Char('v'), NONE, Action::ToggleTranscript, "hide the transcript"),
    b(&[Mode::TranscriptImport], KeyCode::Enter, NONE, Action::CommitNote, "import the file"),
    b(&[Mode::TranscriptImport], KeyCode::Esc, NONE, Action::Back, "cancel"),
    b(
        SYNTH_ALL,
        KeyCode::Char('r'),
        CTRL,
        Action::ToggleTranscriptLines,
        "search: include what was said (transcripts)",
    ),
    b(SYNTH, KeyCode::Char('C'), NONE, Action::GroupByCodebookTheme, "themes: tags / the codebook's themes above them"),
    // The study screen (issue #18)
    b(&[Mode::Home], KeyCode::Char('R'), NONE, Action::OpenStudy, "research study: recruiting, hypotheses, saturation"),
    b(STUDY, KeyCode::Tab, NONE, Action::NextTab, "next section"),
    b(STUDY, KeyCode::BackTab, SHIFT, Action::PrevTab, "previous section"),
    b(STUDY, KeyCode::Right, NONE, Action::NextTab, "next section"),
    b(STUDY, KeyCode::Char('l'), NONE, Action::NextTab, "next section"),
    b(STUDY, KeyCode::Left, NONE, Action::PrevTab, "previous section"),
    b(STUDY, KeyCode::Char('h'), NONE, Action::PrevTab, "previous section"),
    b(STUDY, KeyCode::Char('1'), NONE, Action::ShowTab(1), "go to section N, as numbered in the tab bar"),
    b(STUDY, KeyCode::Char('2'), NONE, Action::ShowTab(2), "hypotheses"),
    b(STUDY, KeyCode::Char('3'), NONE, Action::ShowTab(3), "saturation"),
    b(STUDY, KeyCode::Char('4'), NONE, Action::ShowTab(4), "trends"),
    b(STUDY, KeyCode::Char('5'), NONE, Action::ShowTab(5), "personas"),
    b(STUDY, KeyCode::Char('6'), NONE, Action::ShowTab(6), "guide questions"),
    b(STUDY, KeyCode::Up, NONE, Action::MoveUp, "scroll up / previous segment's curve"),
    b(STUDY, KeyCode::Char('k'), NONE, Action::MoveUp, "scroll up / previous segment's curve"),
    b(STUDY, KeyCode::Down, NONE, Action::MoveDown, "scroll down / next segment's curve"),
    b(STUDY, KeyCode::Char('j'), NONE, Action::MoveDown, "scroll down / next segment's curve"),
    b(STUDY, KeyCode::PageUp, NONE, Action::PageUp, "page up"),
    b(STUDY, KeyCode::PageDown, NONE, Action::PageDown, "page down"),
    b(STUDY, KeyCode::Char('N'), NONE, Action::NextStudy, "next study of studies/"),
    b(STUDY, KeyCode::Char('r'), NONE, Action::Reload, "read the study and the library again"),
    b(STUDY, KeyCode::Esc, NONE, Action::Back, "back to the library"),
    b(STUDY, KeyCode::Char('q'), NONE, Action::Back, "back to the library"),
];

/// The study screen.
const STUDY: &[Mode] = &[Mode::Study];

/// Where the transcript's offset can be nudged: the session view and its pane.
const TRANSCRIPT: &[Mode] = &[Mode::Review, Mode::Transcript];

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::{Key, Keymap};

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
}
