//! Transcript lines in the Search tab: a key includes what was said (the
//! lines of the interviews' transcripts) after the notes; Enter on a line
//! opens its session at the note nearest that moment, and hands the moment
//! on the recording over (`Jump::recording_secs`) for the transcript pane.
//! Separate because it keeps its own pool and results.

use super::{Jump, Outcome, SynthScreen, Tab};
use crate::analysis::transcript::search::{TranscriptHit, nearest_note};

impl SynthScreen {
    /// The key: transcript lines in the search results, or notes only.
    pub(super) fn toggle_transcript_lines(&mut self) {
        self.with_transcripts = !self.with_transcripts;
        self.show(Tab::Search);
        self.run_search();
        self.rows[Tab::Search.index()] = 0;
        let none = self.data.as_ref().is_none_or(|d| d.transcripts.by_session.is_empty());
        self.message = Some(match (self.with_transcripts, none) {
            (true, true) => "Search: with transcript lines, but no interview has a transcript yet.".into(),
            (true, false) => "Search: notes, then what was said in the transcripts.".into(),
            (false, _) => "Search: notes, closing answers and summaries only.".into(),
        });
    }

    /// The transcript line a row of the Search tab shows, if it shows one
    /// (they come after the notes).
    pub fn line_hit(&self, row: usize) -> Option<&TranscriptHit> {
        row.checked_sub(self.hits.len()).and_then(|i| self.line_hits.get(i))
    }

    /// Enter on a transcript line: its session, at the note of the first
    /// sitting nearest the moment, and that moment on the recording.
    pub(super) fn open_line(&self, hit: &TranscriptHit) -> Outcome {
        let Some(data) = &self.data else { return Outcome::None };
        let Some(path) = data.paths.get(hit.line.session) else { return Outcome::None };
        let at = hit.line.interview_secs(&data.transcripts);
        let cue = hit.line.cue(&data.transcripts);
        Outcome::Open(Jump {
            path: path.clone(),
            note: data.records.get(hit.line.session).and_then(|r| nearest_note(r, at)),
            recording_secs: Some(cue.start.max(0.0) as u32),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::SynthData;
    use super::*;
    use crate::analysis::transcript::marks::{LibraryTranscripts, SessionTranscript};
    use crate::domain::note::Kind;
    use crate::domain::session::Offset;
    use crate::domain::transcript::{Cue, Transcript};
    use crate::tui::action::Action;
    use std::path::PathBuf;

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    /// One interview, notes at 0, 60 and 120 s; its recording 30 s ahead,
    /// with Dana saying "export" at 95 s (65 s on the interview clock).
    fn screen() -> SynthScreen {
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00+00:00").unwrap();
        let mut r = crate::analysis::synthesis::SessionRecord::new("a", "Dana", "discovery", at);
        for (secs, text) in [(0, "intro"), (60, "export pains"), (120, "pricing")] {
            r.push_note(Offset(secs), Kind::Note, None, std::iter::empty(), text);
        }
        let cue = |start: f64, who: &str, text: &str| Cue {
            start,
            end: start + 5.0,
            speaker: Some(who.into()),
            text: text.into(),
        };
        let said = SessionTranscript {
            offset: 30,
            interviewer: Some("Sam".into()),
            transcript: Transcript {
                cues: vec![cue(40.0, "Sam", "How do you report?"), cue(95.0, "Dana", "The export breaks every Friday")],
            },
        };
        let transcripts = LibraryTranscripts { by_session: [(0, said)].into_iter().collect() };
        let data = SynthData { records: vec![r], paths: vec![PathBuf::from("/s/a.yaml")], ..SynthData::default() }
            .with_transcripts(transcripts);
        let mut s = SynthScreen::new();
        s.loaded(data);
        s.settle();
        s
    }

    /// Keys as the main loop takes them: each update, then what it asked of the worker.
    fn press(s: &mut SynthScreen, actions: &[Action]) -> Outcome {
        actions.iter().fold(Outcome::None, |_, a| {
            let outcome = s.update(a.clone(), today());
            s.settle();
            outcome
        })
    }

    #[test]
    fn the_key_adds_what_was_said_after_the_notes_and_enter_opens_that_moment() {
        let mut s = screen();
        press(&mut s, &[Action::SearchNotes]);
        press(&mut s, &"export".chars().map(Action::InsertChar).collect::<Vec<_>>());
        assert_eq!((s.hits.len(), s.line_hits.len()), (1, 0), "notes only until asked");

        press(&mut s, &[Action::ToggleTranscriptLines]);
        assert_eq!((s.hits.len(), s.line_hits.len()), (1, 1));
        assert_eq!(s.len(Tab::Search), 2);
        assert!(s.line_hit(0).is_none() && s.line_hit(1).is_some());

        // The line: said at 95 s on the recording, 65 s on the interview
        // clock, nearest the note at 60 s.
        let opened = press(&mut s, &[Action::MoveDown, Action::OpenSession]);
        assert_eq!(opened, Outcome::Open(Jump { path: "/s/a.yaml".into(), note: Some(1), recording_secs: Some(95) }));

        // Typing on keeps the lines; the key again takes them out.
        press(&mut s, &[Action::InsertChar(' '), Action::InsertChar('f'), Action::InsertChar('r')]);
        assert_eq!(s.line_hits.len(), 1);
        press(&mut s, &[Action::ToggleTranscriptLines]);
        assert!(s.line_hits.is_empty());
    }

    #[test]
    fn a_tag_filter_leaves_the_lines_out() {
        let mut s = screen();
        s.filter.tag = Some("pricing".into());
        s.recompute();
        s.settle();
        press(&mut s, &[Action::ToggleTranscriptLines]);
        press(&mut s, &"export".chars().map(Action::InsertChar).collect::<Vec<_>>());
        assert!(s.line_hits.is_empty());
    }
}
