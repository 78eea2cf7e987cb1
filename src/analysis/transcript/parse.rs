//! Reading a transcript file: which format it is (from its content, never
//! its name), the timestamps every format shares, and the budgets that keep
//! a hostile file from taking the machine.

use super::{lines, otter, srt, vtt};
use crate::domain::transcript::Transcript;
use std::fmt;

/// Largest transcript read, as for session files: a two-hour call is ~200 KB.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;
/// Most cues kept: a ten-hour recording has under 20,000.
pub const MAX_CUES: usize = 200_000;

/// The formats read; `Display` names them as a user would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// WebVTT, including Zoom's `Name: text` cues and Teams' `<v Name>` spans.
    Vtt,
    Srt,
    /// Otter's text export: `Name  M:SS` then what was said.
    Otter,
    /// One line per turn: `[hh:mm:ss] Name: text`.
    Lines,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Vtt => "WebVTT",
            Format::Srt => "SRT",
            Format::Otter => "Otter text",
            Format::Lines => "[hh:mm:ss] lines",
        })
    }
}

/// Why a file is not read, and where (1-based line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl ParseError {
    pub fn at(line: usize, message: impl Into<String>) -> ParseError {
        ParseError { line, message: message.into() }
    }
}

/// Reads a transcript from the file's bytes, whatever its format.
pub fn parse(bytes: &[u8]) -> Result<(Format, Transcript), ParseError> {
    if bytes.len() > MAX_BYTES {
        return Err(ParseError::at(1, format!("larger than {} MiB: not a transcript", MAX_BYTES >> 20)));
    }
    if bytes.contains(&0) {
        return Err(ParseError::at(
            line_of_byte(bytes, bytes.iter().position(|b| *b == 0).unwrap_or(0)),
            "binary data",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        ParseError::at(line_of_byte(bytes, e.valid_up_to()), "not UTF-8 text (export the transcript as UTF-8)")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let format = detect(&lines)?;
    let transcript = match format {
        Format::Vtt => vtt::read(&lines)?,
        Format::Srt => srt::read(&lines)?,
        Format::Otter => otter::read(&lines)?,
        Format::Lines => lines::read(&lines)?,
    };
    if transcript.cues.is_empty() {
        return Err(ParseError::at(lines.len().max(1), format!("{format} file with nothing said in it")));
    }
    Ok((format, transcript))
}

fn line_of_byte(bytes: &[u8], at: usize) -> usize {
    bytes[..at.min(bytes.len())].iter().filter(|b| **b == b'\n').count() + 1
}

fn detect(lines: &[&str]) -> Result<Format, ParseError> {
    let first = lines.iter().map(|l| l.trim()).find(|l| !l.is_empty()).unwrap_or("");
    if first.starts_with("WEBVTT") {
        return Ok(Format::Vtt);
    }
    if lines.iter().take(50).any(|l| l.contains("-->") && l.contains(',')) {
        return Ok(Format::Srt);
    }
    if lines::is_turn(first) {
        return Ok(Format::Lines);
    }
    if otter::is_header(first) {
        return Ok(Format::Otter);
    }
    Err(ParseError::at(
        1,
        "not a transcript fieldnotes reads: WebVTT, SRT, Otter's text export or [hh:mm:ss] Name: text lines",
    ))
}

/// Seconds from a clock: `hh:mm:ss.mmm`, `mm:ss.mmm`, `h:mm:ss`, `m:ss`;
/// `,` or `.` before the fraction.
pub fn clock(s: &str) -> Option<f64> {
    let s = s.trim();
    let (whole, fraction) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let parts: Vec<&str> = whole.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let mut secs = 0u64;
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let v: u64 = part.parse().ok()?;
        if i > 0 && v >= 60 {
            return None;
        }
        secs = secs * 60 + v;
    }
    let frac = match fraction {
        Some(f) if !f.is_empty() && f.len() <= 3 && f.bytes().all(|b| b.is_ascii_digit()) => {
            f.parse::<f64>().ok()? / 10f64.powi(f.len() as i32)
        }
        Some(_) => return None,
        None => 0.0,
    };
    Some(secs as f64 + frac)
}

/// `Name: text` → the name and the text, when the part before the colon
/// reads as a name (1–4 words, capitalised, no sentence punctuation).
/// "Note: the export" is a name too by this rule; Zoom and SRT exports
/// use the form for every cue, so a file decides by its majority (callers).
pub fn speaker_prefix(text: &str) -> Option<(&str, &str)> {
    let (name, rest) = text.split_once(": ")?;
    let name = name.trim();
    let words = name.split_whitespace().count();
    let capitalised = name.chars().next().is_some_and(char::is_uppercase);
    let plain = !name.contains(['.', '?', '!', ',', '"', '<', '>', '[', ']']);
    (name.chars().count() <= 40 && (1..=4).contains(&words) && capitalised && plain).then_some((name, rest.trim()))
}

/// Gives cues without an end (formats that only say when a turn starts) the
/// next cue's start, and the last one a reading-speed estimate.
pub fn close_open_ends(t: &mut Transcript) {
    for i in 0..t.cues.len() {
        if t.cues[i].end > t.cues[i].start {
            continue;
        }
        let next = t.cues.get(i + 1).map(|c| c.start).filter(|s| *s > t.cues[i].start);
        let spoken = 0.4 * t.cues[i].text.split_whitespace().count().max(1) as f64;
        t.cues[i].end = next.unwrap_or(t.cues[i].start + spoken);
    }
}

/// Refuses a file past the cue budget, at the line where it passes it.
pub fn check_budget(cues: usize, line: usize) -> Result<(), ParseError> {
    if cues >= MAX_CUES {
        return Err(ParseError::at(line, format!("more than {MAX_CUES} cues: not a transcript of one interview")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_of_every_format() {
        assert_eq!(clock("00:00:03.500"), Some(3.5));
        assert_eq!(clock("01:02:03,040"), Some(3723.04));
        assert_eq!(clock("02:03.5"), Some(123.5));
        assert_eq!(clock("0:07"), Some(7.0));
        assert_eq!(clock("1:02:03"), Some(3723.0));
        for bad in ["", "3", "00:61", "aa:bb", "1:2:3:4", "00:00:01.", "00:01.12345"] {
            assert_eq!(clock(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_name_before_a_colon_is_a_speaker_and_a_sentence_is_not() {
        assert_eq!(speaker_prefix("Dana Lee: We export"), Some(("Dana Lee", "We export")));
        assert_eq!(speaker_prefix("so the thing is: we export"), None);
        assert_eq!(speaker_prefix("Well, honestly: no"), None);
        assert_eq!(speaker_prefix("No colon here"), None);
    }

    #[test]
    fn unknown_binary_and_oversized_files_are_refused_with_a_line() {
        let e = parse(b"hello\nthis is a letter\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("WebVTT"), "{e}");
        let e = parse(b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhi\x00there\n").unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (4, "binary data"));
        let e = parse(b"WEBVTT\n\n\xff\xfe\n").unwrap_err();
        assert_eq!(e.line, 3);
        let e = parse(&vec![b'a'; MAX_BYTES + 1]).unwrap_err();
        assert!(e.message.contains("MiB"), "{e}");
        let e = parse(b"WEBVTT\n\nNOTE nothing said\n").unwrap_err();
        assert!(e.message.contains("nothing said"), "{e}");
    }
}
