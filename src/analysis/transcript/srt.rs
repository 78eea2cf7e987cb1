//! SRT (SubRip): numbered blocks, `00:00:01,000 --> 00:00:04,000`, text
//! lines, sometimes `<i>` tags and a `Name:` before the words.

use super::parse::ParseError;
use super::vtt::{Dialect, read_blocks};
use crate::domain::transcript::Transcript;

pub fn read(lines: &[&str]) -> Result<Transcript, ParseError> {
    read_blocks(lines, 0, Dialect::Srt)
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
