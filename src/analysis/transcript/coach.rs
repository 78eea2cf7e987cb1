//! The listening coach: from the speakers' turns, how much of the talking
//! the interviewer did, their longest stretch without a pause for the
//! participant, and which of their questions the guide linter would flag.
//! The practice it serves: listen more than you talk, ask open questions.

use crate::analysis::lint::Rules;
use crate::analysis::lint::check_question;
use crate::domain::transcript::Transcript;

/// The linter's rules that matter for a question asked aloud (the others
/// are about a written guide: its length, its time budget).
pub const SPOKEN_RULES: [&str; 4] =
    ["leading-question", "closed-question", "double-barrelled", "hypothetical-question"];

#[derive(Debug, Clone, PartialEq)]
pub struct Coaching {
    /// Seconds the interviewer spoke, and everyone (overlaps count for each).
    pub interviewer_secs: f64,
    pub total_secs: f64,
    /// The longest run of the interviewer's cues with nobody else's between:
    /// when it started and how long it lasted.
    pub longest_stretch: Option<(f64, f64)>,
    /// Questions the interviewer asked (sentences ending in `?`).
    pub questions: usize,
    pub flagged: Vec<Flagged>,
}

/// A question asked aloud that the linter flags.
#[derive(Debug, Clone, PartialEq)]
pub struct Flagged {
    /// On the recording's clock.
    pub at: f64,
    pub question: String,
    pub rules: Vec<String>,
}

impl Coaching {
    /// The interviewer's share of the talking, 0 to 1.
    pub fn talk_share(&self) -> f64 {
        if self.total_secs > 0.0 { self.interviewer_secs / self.total_secs } else { 0.0 }
    }
}

pub fn coach(t: &Transcript, interviewer: &str, rules: &Rules) -> Coaching {
    let is_interviewer = |c: &crate::domain::transcript::Cue| c.speaker.as_deref() == Some(interviewer);
    let spoken = |c: &crate::domain::transcript::Cue| (c.end - c.start).max(0.0);
    let total_secs = t.cues.iter().map(spoken).sum();
    let interviewer_secs = t.cues.iter().filter(|c| is_interviewer(c)).map(spoken).sum();

    let mut longest: Option<(f64, f64)> = None;
    let mut run: Option<(f64, f64)> = None;
    for c in &t.cues {
        if is_interviewer(c) {
            let (start, end) = run.map_or((c.start, c.end), |(s, e)| (s, e.max(c.end)));
            run = Some((start, end));
            if longest.is_none_or(|(_, len)| end - start > len) {
                longest = Some((start, end - start));
            }
        } else if c.speaker.is_some() {
            run = None;
        }
    }

    let mut questions = 0;
    let mut flagged = Vec::new();
    for c in t.cues.iter().filter(|c| is_interviewer(c)) {
        for q in questions_in(&c.text) {
            questions += 1;
            let broken: Vec<String> =
                check_question(q, rules).into_iter().filter(|id| SPOKEN_RULES.contains(&id.as_str())).collect();
            if !broken.is_empty() {
                flagged.push(Flagged { at: c.start, question: q.to_string(), rules: broken });
            }
        }
    }
    Coaching { interviewer_secs, total_secs, longest_stretch: longest, questions, flagged }
}

/// The sentences of `text` that end in a question mark.
fn questions_in(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        if matches!(ch, '.' | '!' | '?') {
            let sentence = text[start..i + ch.len_utf8()].trim();
            if ch == '?' && sentence.len() > 1 {
                found.push(sentence);
            }
            start = i + ch.len_utf8();
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::lint::builtin_rules;
    use crate::domain::transcript::Cue;

    fn turn(start: f64, end: f64, who: &str, text: &str) -> Cue {
        Cue { start, end, speaker: Some(who.into()), text: text.into() }
    }

    #[test]
    fn talk_share_longest_stretch_and_flagged_questions() {
        let t = Transcript {
            cues: vec![
                turn(0.0, 10.0, "Sam", "Thanks for joining. Tell me about the last time you reported on spend?"),
                turn(10.0, 40.0, "Dana", "Every Friday I export it all to Excel."),
                turn(40.0, 45.0, "Sam", "Do you use Excel every week?"),
                turn(45.0, 60.0, "Sam", "Don't you think a dashboard would be better?"),
                turn(60.0, 100.0, "Dana", "Maybe. It depends."),
            ],
        };
        let c = coach(&t, "Sam", builtin_rules());
        assert_eq!((c.interviewer_secs, c.total_secs), (30.0, 100.0));
        assert!((c.talk_share() - 0.3).abs() < 1e-9);
        assert_eq!(c.longest_stretch, Some((40.0, 20.0)), "two turns with nobody between are one stretch");
        assert_eq!(c.questions, 3);
        let flagged: Vec<(&str, Vec<&str>)> =
            c.flagged.iter().map(|f| (f.question.as_str(), f.rules.iter().map(String::as_str).collect())).collect();
        assert_eq!(flagged.len(), 2, "{flagged:?}");
        assert_eq!(flagged[0].0, "Do you use Excel every week?");
        assert!(flagged[0].1.contains(&"closed-question"), "{flagged:?}");
        assert!(flagged[1].1.contains(&"leading-question"), "{flagged:?}");
    }

    #[test]
    fn a_transcript_without_the_interviewer_gives_zeros() {
        let t = Transcript { cues: vec![turn(0.0, 5.0, "Dana", "Hello?")] };
        let c = coach(&t, "Sam", builtin_rules());
        assert_eq!((c.interviewer_secs, c.questions, c.longest_stretch), (0.0, 0, None));
    }
}
