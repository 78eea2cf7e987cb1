//! Every user intent, named. Keys resolve to these through the keymap; the
//! model's `update` is the only place that gives them meaning.

/// One thing the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Type a character into whichever text field has the focus.
    InsertChar(char),
    /// Insert pasted text; line breaks become spaces so a paste never commits.
    Paste(String),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    DeleteForward,
    /// Delete the word before the cursor.
    DeleteWord,
    /// Empty the focused text field.
    ClearInput,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    /// Store what is in the note input as a note on the current question.
    CommitNote,
    /// Move the guide to the next question.
    NextQuestion,
    /// Move the guide to the previous question.
    PrevQuestion,
    /// Open the tag palette on the selected (or last) note.
    OpenTagPalette,
    /// Ask the closing question and end the interview.
    EndInterview,
    /// Save the closing answer and show the wrap-up.
    SubmitClosing,
    /// Save everything and leave the app.
    SaveAndQuit,
    /// Show or hide the list of keys for this screen.
    ToggleHelp,
    /// Select the note above (from the input: the last note).
    SelectPrevNote,
    /// Select the note below (past the last: back to the input).
    SelectNextNote,
    /// Put the selected note back into the input to change it.
    EditNote,
    /// Delete the selected note (Ctrl-Z brings it back).
    DeleteNote,
    /// Undo the last delete, edit or tag change.
    Undo,
    /// Close what is open and go back one step.
    Back,
    /// Move the highlight up in a list.
    MoveUp,
    /// Move the highlight down in a list.
    MoveDown,
    /// Apply the highlighted tag, or create the typed one.
    ApplyTag,
    /// Open the highlighted session in the live screen.
    OpenSession,
    /// Start a new interview: pick a guide and name the participant.
    NewInterview,
    /// Start the interview described in the form.
    StartInterview,
    /// Next field in a form.
    NextField,
    /// Previous field in a form.
    PrevField,
    /// Back to the library of sessions.
    GoHome,
    /// Bring back the changes found in journals after a crash.
    Recover,
    /// Leave the app.
    Quit,
    /// Time passed; the clock on screen moves on.
    Tick,
}

impl Action {
    /// The stable kebab-case name used in help and (later) in keymap configs.
    pub fn name(&self) -> &'static str {
        match self {
            Action::InsertChar(_) => "insert-char",
            Action::Paste(_) => "paste",
            Action::Backspace => "backspace",
            Action::DeleteForward => "delete-forward",
            Action::DeleteWord => "delete-word",
            Action::ClearInput => "clear-input",
            Action::CursorLeft => "cursor-left",
            Action::CursorRight => "cursor-right",
            Action::CursorHome => "cursor-home",
            Action::CursorEnd => "cursor-end",
            Action::CommitNote => "commit-note",
            Action::NextQuestion => "next-question",
            Action::PrevQuestion => "prev-question",
            Action::OpenTagPalette => "open-tag-palette",
            Action::EndInterview => "end-interview",
            Action::SubmitClosing => "submit-closing",
            Action::SaveAndQuit => "save-and-quit",
            Action::ToggleHelp => "toggle-help",
            Action::SelectPrevNote => "select-prev-note",
            Action::SelectNextNote => "select-next-note",
            Action::EditNote => "edit-note",
            Action::DeleteNote => "delete-note",
            Action::Undo => "undo",
            Action::Back => "back",
            Action::MoveUp => "move-up",
            Action::MoveDown => "move-down",
            Action::ApplyTag => "apply-tag",
            Action::OpenSession => "open-session",
            Action::NewInterview => "new-interview",
            Action::StartInterview => "start-interview",
            Action::NextField => "next-field",
            Action::PrevField => "prev-field",
            Action::GoHome => "go-home",
            Action::Recover => "recover",
            Action::Quit => "quit",
            Action::Tick => "tick",
        }
    }
}
