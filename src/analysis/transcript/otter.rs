//! Otter's text export: a header line `Speaker Name  M:SS` (two spaces
//! before the time), what was said on the lines below, a blank line.
//! Turns say when they start; each ends where the next begins.

use super::parse::{ParseError, check_budget, clock, close_open_ends};
use crate::domain::transcript::{Cue, Transcript};

/// `Dana Lee  1:02` or `Speaker 1  1:02:03` → the name and the seconds.
fn header(line: &str) -> Option<(&str, f64)> {
    let line = line.trim_end();
    let (name, time) = line.rsplit_once("  ")?;
    let name = name.trim();
    let secs = clock(time.trim())?;
    (!name.is_empty() && name.chars().count() <= 60).then_some((name, secs))
}

pub fn is_header(line: &str) -> bool {
    header(line).is_some()
}

pub fn read(lines: &[&str]) -> Result<Transcript, ParseError> {
    let mut t = Transcript::default();
    let mut current: Option<Cue> = None;
    for (i, line) in lines.iter().enumerate() {
        if let Some((name, start)) = header(line) {
            t.cues.extend(current.take().filter(|c| !c.text.is_empty()));
            check_budget(t.cues.len(), i + 1)?;
            current = Some(Cue { start, end: start, speaker: Some(name.to_string()), text: String::new() });
        } else if !line.trim().is_empty() {
            let Some(cue) = current.as_mut() else {
                return Err(ParseError::at(i + 1, "text before the first `Name  M:SS` line"));
            };
            if !cue.text.is_empty() {
                cue.text.push(' ');
            }
            cue.text.push_str(&line.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    t.cues.extend(current.filter(|c| !c.text.is_empty()));
    close_open_ends(&mut t);
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::super::parse::{Format, parse};

    #[test]
    fn turns_end_where_the_next_begins() {
        let otter = "Sam Rivera  0:03\nThanks for joining.\n\nDana Lee  0:07\nSo every Friday I export\nthe whole thing.\n\nSam Rivera  1:02:03\nWhy?\n";
        let (format, t) = parse(otter.as_bytes()).unwrap();
        assert_eq!(format, Format::Otter);
        assert_eq!(t.cues.len(), 3);
        assert_eq!((t.cues[0].start, t.cues[0].end), (3.0, 7.0));
        assert_eq!(t.cues[1].text, "So every Friday I export the whole thing.");
        assert_eq!(t.cues[2].start, 3723.0);
        assert!(t.cues[2].end > t.cues[2].start);
    }
}
