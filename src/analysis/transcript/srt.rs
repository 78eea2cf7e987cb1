//! SRT (SubRip): numbered blocks, `00:00:01,000 --> 00:00:04,000`, text
//! lines, sometimes `<i>` tags and a `Name:` before the words.

use super::parse::{ParseError, check_budget};
use super::vtt::{cue_text, name_prefixes, timing_line};
use crate::domain::transcript::{Cue, Transcript};

pub fn read(lines: &[&str]) -> Result<Transcript, ParseError> {
    let mut cues = Vec::new();
    let mut voiced = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let block_end = (i..lines.len()).find(|&k| lines[k].trim().is_empty()).unwrap_or(lines.len());
        let Some(t) = (i..block_end.min(i + 2)).find(|&k| lines[k].contains("-->")) else {
            return Err(ParseError::at(i + 1, "a block without a timing line (00:00:01,000 --> 00:00:04,000)"));
        };
        let (start, end) = timing_line(lines[t]).ok_or_else(|| {
            ParseError::at(t + 1, "a timing line fieldnotes cannot read (expected 00:00:01,000 --> 00:00:04,000)")
        })?;
        let (speaker, text) = cue_text(&lines[t + 1..block_end].join("\n"));
        if !text.is_empty() {
            check_budget(cues.len(), t + 1)?;
            voiced.push(speaker.is_some());
            cues.push(Cue { start, end: end.max(start), speaker, text });
        }
        i = block_end;
    }
    name_prefixes(&mut cues, &voiced);
    Ok(Transcript { cues })
}

#[cfg(test)]
mod tests {
    use super::super::parse::{Format, parse};

    #[test]
    fn numbered_blocks_with_commas_names_and_italics() {
        let srt = "1\r\n00:00:03,000 --> 00:00:06,000\r\nSam Rivera: How often?\r\n\r\n2\r\n00:00:06,500 --> 00:00:09,000\r\nDana Lee: <i>Every</i> Friday,\r\nwithout fail.\r\n";
        let (format, t) = parse(srt.as_bytes()).unwrap();
        assert_eq!(format, Format::Srt);
        assert_eq!(t.cues.len(), 2);
        assert_eq!(t.cues[1].speaker.as_deref(), Some("Dana Lee"));
        assert_eq!(t.cues[1].text, "Every Friday, without fail.");
        assert_eq!(t.cues[1].start, 6.5);
    }

    #[test]
    fn a_block_without_timing_names_its_line() {
        let e = parse(b"1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\nno timing here\n").unwrap_err();
        assert_eq!(e.line, 5, "{e}");
    }
}
