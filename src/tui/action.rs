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
    /// Look at the guide question after the one shown, without moving the
    /// current question (it comes back by itself).
    PeekNextQuestion,
    /// Look at the guide question before the one shown, the same way.
    PeekPrevQuestion,
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
    /// Delete the selected note (undo brings it back).
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
    /// Move the highlight a page up.
    PageUp,
    /// Move the highlight a page down.
    PageDown,
    /// Move the highlight to the first row of a list.
    MoveFirst,
    /// Move the highlight to the last row of a list.
    MoveLast,
    /// Select row N of the list on screen (a mouse click; never bound to a key).
    Pick(usize),
    /// Stop fieldnotes and return to the shell (`fg` brings it back).
    Suspend,
    /// Choose a new kind for the selected note (then press its marker).
    ChangeKind,
    /// Set the selected note's kind.
    SetKind(crate::domain::note::Kind),
    /// Tag notes one at a time with single keys.
    QuickTag,
    /// Apply quick tag number N (1–9), or remove the note's Nth tag after `d` (remove-tag).
    TopTag(usize),
    /// Search every tag by name (and create one).
    SearchTags,
    /// Remove one of the note's tags (then press its number).
    RemoveTag,
    /// Quick tagging: the next note.
    NextNote,
    /// Quick tagging: the previous note.
    PrevNote,
    /// Mark the selected follow-up done (or not done).
    ToggleDone,
    /// Star the note as key evidence (or take the star off): reports and the
    /// evidence pane put starred notes first.
    ToggleStar,
    /// Tick "thanked the participant" on the wrap-up checklist.
    ToggleThanked,
    /// Tick "shared the summary" on the wrap-up checklist.
    ToggleShared,
    /// Write the key takeaways in your editor.
    EditSummary,
    /// Give the interview's participant their name (or another one).
    RenameParticipant,
    /// Edit the selected note in your editor.
    EditInEditor,
    /// Write the Markdown snapshot to the exports folder.
    Export,
    /// Copy the Markdown snapshot to the clipboard (OSC 52).
    CopySnapshot,
    /// Continue the interview in the live screen.
    ResumeLive,
    /// Filter the library by typing.
    FilterLibrary,
    /// Sort the library by date, participant or untagged notes.
    CycleSort,
    /// Filter the library by a tag or a segment.
    FacetFilter,
    /// The follow-ups of every session.
    ShowFollowups,
    /// Tag every untagged note in the library, session after session.
    TagUntagged,
    /// Quick tagging: every note, or only the untagged ones.
    ShowAllNotes,
    /// Follow-ups: show the done ones too, or only the open ones.
    ShowDone,
    /// Choose yes for the consent question on screen (`ConsentConfirm` keeps it).
    ConsentYes,
    /// Choose no for the consent question on screen (`ConsentConfirm` keeps it).
    ConsentNo,
    /// Keep the answer chosen for the consent question on screen.
    ConsentConfirm,
    /// Open the synthesis across every interview.
    OpenSynthesis,
    /// The next tab of a screen with tabs.
    NextTab,
    /// The previous tab.
    PrevTab,
    /// Tab number N (1-based).
    ShowTab(u8),
    /// Search every note by words (see `analysis::search`).
    SearchNotes,
    /// Type the filter (dates, segment, guide, tag, participant…).
    EditFilter,
    /// Drop every filter.
    ClearFilter,
    /// Filter by the highlighted tag, segment or guide.
    NarrowToSelection,
    /// Group the segment matrix by segment, company, role or guide.
    CycleDimension,
    /// Rank the matrix's themes by how groups differ / by how common they are.
    ToggleMatrixRanking,
    /// Show participants and companies as P1, C1…
    ToggleAnonymize,
    /// Read the library again.
    Reload,
    /// Leave the app.
    Quit,
    /// Time passed; the clock on screen moves on.
    Tick,
    /// Show or hide the transcript pane in the session view.
    ToggleTranscript,
    /// Move the focus into the transcript pane (on the line nearest the note).
    FocusTranscript,
    /// Extend the selection of transcript lines one line up.
    ExtendUp,
    /// Extend the selection of transcript lines one line down.
    ExtendDown,
    /// Make the selected transcript lines a verbatim quote note.
    QuoteFromTranscript,
    /// Replace the selected quote's words with the selected transcript lines.
    ReplaceFromTranscript,
    /// Move the transcript's clock offset by this many seconds.
    NudgeOffset(i64),
    /// Attach a transcript: ask for the file, then import it.
    ImportTranscript,
    /// Synthesis search: include the lines of the transcripts / notes only.
    ToggleTranscriptLines,
    /// Synthesis themes: the tags, or the codebook's themes above them.
    GroupByCodebookTheme,
    /// → on the synthesis: into the highlighted codebook theme when the
    /// themes list shows the codebook's themes, else the next view.
    DrillInOrNextTab,
    /// ← on the synthesis: back up from a codebook theme to the themes,
    /// else the previous view.
    DrillOutOrPrevTab,
    /// Open the study screen (recruiting, hypotheses, saturation, trends, personas).
    OpenStudy,
    /// Show the next study of `studies/`.
    NextStudy,
}

impl Action {
    /// The stable kebab-case name that `keymap:` in the config uses. Actions
    /// that carry a value have one name per value a key can be bound to.
    pub fn name(&self) -> &'static str {
        use crate::domain::note::Kind;
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
            Action::PeekNextQuestion => "peek-next-question",
            Action::PeekPrevQuestion => "peek-prev-question",
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
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::MoveFirst => "move-first",
            Action::MoveLast => "move-last",
            Action::Pick(_) => "pick",
            Action::Suspend => "suspend",
            Action::ChangeKind => "change-kind",
            Action::SetKind(Kind::Quote) => "set-kind-quote",
            Action::SetKind(Kind::Pain) => "set-kind-pain",
            Action::SetKind(Kind::Idea) => "set-kind-idea",
            Action::SetKind(Kind::Followup) => "set-kind-follow-up",
            Action::SetKind(Kind::Insight) => "set-kind-insight",
            Action::SetKind(Kind::Note) => "set-kind-note",
            Action::QuickTag => "quick-tag",
            Action::TopTag(1) => "top-tag-1",
            Action::TopTag(2) => "top-tag-2",
            Action::TopTag(3) => "top-tag-3",
            Action::TopTag(4) => "top-tag-4",
            Action::TopTag(5) => "top-tag-5",
            Action::TopTag(6) => "top-tag-6",
            Action::TopTag(7) => "top-tag-7",
            Action::TopTag(8) => "top-tag-8",
            Action::TopTag(9) => "top-tag-9",
            Action::TopTag(_) => "top-tag",
            Action::SearchTags => "search-tags",
            Action::RemoveTag => "remove-tag",
            Action::NextNote => "next-note",
            Action::PrevNote => "prev-note",
            Action::ToggleDone => "toggle-done",
            Action::ToggleStar => "toggle-star",
            Action::ToggleThanked => "toggle-thanked",
            Action::ToggleShared => "toggle-shared",
            Action::EditSummary => "edit-summary",
            Action::RenameParticipant => "rename-participant",
            Action::EditInEditor => "edit-in-editor",
            Action::Export => "export",
            Action::CopySnapshot => "copy-snapshot",
            Action::ResumeLive => "resume-live",
            Action::FilterLibrary => "filter-library",
            Action::CycleSort => "cycle-sort",
            Action::FacetFilter => "facet-filter",
            Action::ShowFollowups => "show-followups",
            Action::TagUntagged => "tag-untagged",
            Action::ShowAllNotes => "show-all-notes",
            Action::ShowDone => "show-done",
            Action::ConsentYes => "consent-yes",
            Action::ConsentNo => "consent-no",
            Action::ConsentConfirm => "consent-confirm",
            Action::OpenSynthesis => "open-synthesis",
            Action::NextTab => "next-tab",
            Action::PrevTab => "prev-tab",
            Action::ShowTab(1) => "show-tab-1",
            Action::ShowTab(2) => "show-tab-2",
            Action::ShowTab(3) => "show-tab-3",
            Action::ShowTab(4) => "show-tab-4",
            Action::ShowTab(5) => "show-tab-5",
            Action::ShowTab(6) => "show-tab-6",
            Action::ShowTab(7) => "show-tab-7",
            Action::ShowTab(_) => "show-tab",
            Action::SearchNotes => "search-notes",
            Action::EditFilter => "edit-filter",
            Action::ClearFilter => "clear-filter",
            Action::NarrowToSelection => "narrow-to-selection",
            Action::CycleDimension => "cycle-dimension",
            Action::ToggleMatrixRanking => "toggle-matrix-ranking",
            Action::ToggleAnonymize => "toggle-anonymize",
            Action::Reload => "reload",
            Action::Quit => "quit",
            Action::Tick => "tick",
            Action::ToggleTranscript => "toggle-transcript",
            Action::FocusTranscript => "focus-transcript",
            Action::ExtendUp => "extend-up",
            Action::ExtendDown => "extend-down",
            Action::QuoteFromTranscript => "quote-from-transcript",
            Action::ReplaceFromTranscript => "replace-from-transcript",
            Action::NudgeOffset(-1) => "offset-back-1",
            Action::NudgeOffset(1) => "offset-forward-1",
            Action::NudgeOffset(-10) => "offset-back-10",
            Action::NudgeOffset(10) => "offset-forward-10",
            Action::NudgeOffset(_) => "nudge-offset",
            Action::ImportTranscript => "import-transcript",
            Action::ToggleTranscriptLines => "toggle-transcript-lines",
            Action::GroupByCodebookTheme => "group-by-codebook-theme",
            Action::DrillInOrNextTab => "drill-in-or-next-tab",
            Action::DrillOutOrPrevTab => "drill-out-or-prev-tab",
            Action::OpenStudy => "open-study",
            Action::NextStudy => "next-study",
        }
    }
}
