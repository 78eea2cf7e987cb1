//! Plain lines, one turn each: `[hh:mm:ss] Name: text` (the name optional).
//! Turns say when they start; each ends where the next begins.

use super::parse::{ParseError, check_budget, clock, close_open_ends, speaker_prefix};
use crate::domain::transcript::{Cue, Transcript};

/// `[00:01:02] Dana: We export` → the seconds and the rest of the line.
fn turn(line: &str) -> Option<(f64, &str)> {
    let rest = line.trim_start().strip_prefix('[')?;
    let (time, text) = rest.split_once(']')?;
    Some((clock(time)?, text.trim()))
}

pub fn is_turn(line: &str) -> bool {
    turn(line).is_some()
}

pub fn read(lines: &[&str]) -> Result<Transcript, ParseError> {
    let mut t = Transcript::default();
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((start, text)) = turn(line) else {
            return Err(ParseError::at(i + 1, "expected a line like [00:01:02] Name: what was said"));
        };
        check_budget(t.cues.len(), i + 1)?;
        let (speaker, text) = match speaker_prefix(text) {
            Some((name, said)) => (Some(name.to_string()), said),
            None => (None, text),
        };
        if !text.is_empty() {
            t.cues.push(Cue { start, end: start, speaker, text: text.to_string() });
        }
    }
    close_open_ends(&mut t);
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::super::parse::{Format, parse};

    #[test]
    fn bracketed_times_with_and_without_names() {
        let text = "[00:00:03] Sam Rivera: How often?\n[00:00:06] Dana Lee: Every Friday.\n[00:00:10] (laughs)\n";
        let (format, t) = parse(text.as_bytes()).unwrap();
        assert_eq!(format, Format::Lines);
        assert_eq!(t.cues.len(), 3);
        assert_eq!(t.cues[1].speaker.as_deref(), Some("Dana Lee"));
        assert_eq!((t.cues[1].start, t.cues[1].end), (6.0, 10.0));
        assert_eq!(t.cues[2].speaker, None);
    }

    #[test]
    fn a_line_without_a_time_names_its_line() {
        let e = parse(b"[00:00:03] Sam: Hi\nno time here\n").unwrap_err();
        assert_eq!(e.line, 2);
    }
}
