//! The listening coach in a few lines, for the wrap-up of an interview
//! whose transcript is attached: the interviewer's share of the talking
//! against the practice (listen more than you talk), the longest stretch
//! without the participant, and the questions the linter would flag.
//! Plain strings, each one line of meaning, so any screen can wrap and
//! style them; the words carry everything (no colour needed).

use super::coach::Coaching;
use crate::text::counts::plural;
use crate::text::width::clock;

/// The practice the coach holds the interview to.
pub const PRACTICE: &str = "Listen more than you talk.";

/// Above this share of the talking, the interviewer talked more than the
/// practice wants (half of it, in a two-person call).
pub const TALKED_TOO_MUCH: f64 = 0.5;

/// At most this many flagged questions are quoted; the rest are counted.
const QUOTED: usize = 2;

/// The lines of the coach: talk share (with the practice), longest stretch,
/// flagged questions (up to two quoted). `interviewer` as the file names
/// them; the caller makes it inert for a terminal.
pub fn wrap_up_lines(c: &Coaching, interviewer: &str) -> Vec<String> {
    let share = (c.talk_share() * 100.0).round();
    let verdict = if c.talk_share() > TALKED_TOO_MUCH { "more than the participant" } else { "well done" };
    let mut lines = vec![format!(
        "Listening: {interviewer} spoke {share:.0}% of the time ({} of {}): {verdict}. {PRACTICE}",
        clock(c.interviewer_secs as u32),
        clock(c.total_secs as u32)
    )];
    if let Some((at, secs)) = c.longest_stretch {
        lines.push(format!("Longest stretch without the participant: {} at {}.", clock(secs as u32), clock(at as u32)));
    }
    lines.push(format!(
        "{} asked aloud; {} flagged by the guide linter{}",
        plural(c.questions, "question"),
        c.flagged.len(),
        if c.flagged.is_empty() { "." } else { ":" }
    ));
    for f in c.flagged.iter().take(QUOTED) {
        lines.push(format!("  {} “{}” ({})", clock(f.at as u32), f.question, f.rules.join(", ")));
    }
    if c.flagged.len() > QUOTED {
        lines.push(format!("  … and {} more (fieldnotes transcript stats ID)", c.flagged.len() - QUOTED));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::transcript::coach::Flagged;

    fn coaching(interviewer_secs: f64, flagged: usize) -> Coaching {
        let question = |k: usize| Flagged {
            at: 60.0 * k as f64,
            question: format!("Do you like option {k}?"),
            rules: vec!["closed-question".into()],
        };
        Coaching {
            interviewer_secs,
            total_secs: 600.0,
            longest_stretch: Some((40.0, 75.0)),
            questions: 9,
            flagged: (1..=flagged).map(question).collect(),
        }
    }

    #[test]
    fn a_good_listener_is_told_so_with_the_practice() {
        let lines = wrap_up_lines(&coaching(180.0, 1), "Sam");
        assert_eq!(
            lines,
            vec![
                "Listening: Sam spoke 30% of the time (3:00 of 10:00): well done. Listen more than you talk.",
                "Longest stretch without the participant: 1:15 at 0:40.",
                "9 questions asked aloud; 1 flagged by the guide linter:",
                "  1:00 “Do you like option 1?” (closed-question)",
            ]
        );
    }

    #[test]
    fn talking_most_of_the_call_is_said_and_long_lists_are_cut() {
        let lines = wrap_up_lines(&coaching(420.0, 4), "Sam");
        assert!(lines[0].contains("70% of the time") && lines[0].contains("more than the participant"), "{lines:?}");
        assert_eq!(lines.len(), 2 + 1 + 2 + 1, "{lines:?}");
        assert_eq!(lines.last().unwrap(), "  … and 2 more (fieldnotes transcript stats ID)");
    }
}
