//! Who is who in a transcript: the interviewer is the one asking questions.

use crate::domain::transcript::Transcript;

/// The speaker most likely to be the interviewer: the one whose turns ask
/// the most questions (a `?` in the cue); on a tie, the first to speak.
/// `None` when nobody asks anything or no cue names its speaker.
pub fn likely_interviewer(t: &Transcript) -> Option<String> {
    let speakers = t.speakers();
    let asked =
        |name: &str| t.cues.iter().filter(|c| c.speaker.as_deref() == Some(name) && c.text.contains('?')).count();
    let mut best: Option<(&str, usize)> = None;
    for name in speakers {
        let n = asked(name);
        if n > 0 && best.is_none_or(|(_, b)| n > b) {
            best = Some((name, n));
        }
    }
    best.map(|(name, _)| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::transcript::Cue;

    fn said(lines: &[(&str, &str)]) -> Transcript {
        let cues = lines
            .iter()
            .enumerate()
            .map(|(i, (who, text))| Cue {
                start: i as f64,
                end: i as f64 + 1.0,
                speaker: Some(who.to_string()),
                text: text.to_string(),
            })
            .collect();
        Transcript { cues }
    }

    #[test]
    fn the_one_who_asks_is_the_interviewer() {
        let t =
            said(&[("Dana", "Hi!"), ("Sam", "How do you report?"), ("Dana", "Excel. Why?"), ("Sam", "What breaks?")]);
        assert_eq!(likely_interviewer(&t).as_deref(), Some("Sam"));
        assert_eq!(likely_interviewer(&said(&[("Dana", "No questions here.")])), None);
    }
}
