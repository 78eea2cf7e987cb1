//! WebVTT: read as meeting tools export it (Zoom's `Name: text` cues, Teams'
//! `<v Name>` voice spans and GUID cue ids, cue settings, styling tags,
//! NOTE/STYLE/REGION blocks), and written back in one normal form, the one
//! fieldnotes keeps beside a session: numbered cues, speakers as voice spans.

use super::parse::{ParseError, check_budget, clock, speaker_prefix};
use crate::domain::transcript::{Cue, Transcript};
use std::fmt::Write;

pub fn read(lines: &[&str]) -> Result<Transcript, ParseError> {
    read_blocks(lines, skip_block(lines, 0), Dialect::WebVtt)
}

/// What differs between WebVTT and SRT blocks: WebVTT has comment and style
/// blocks to pass over, and each writes its timing line its own way.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    WebVtt,
    Srt,
}

impl Dialect {
    fn example(self) -> &'static str {
        match self {
            Dialect::WebVtt => "00:00:01.000 --> 00:00:04.000",
            Dialect::Srt => "00:00:01,000 --> 00:00:04,000",
        }
    }
}

/// Reads blank-line separated cue blocks from `from` on: an optional cue id,
/// the timing line, then the text lines.
pub(super) fn read_blocks(lines: &[&str], from: usize, dialect: Dialect) -> Result<Transcript, ParseError> {
    let mut cues = Vec::new();
    // Whether each cue's speaker came from a voice span (kept) or not (a
    // `Name:` prefix may still be found below).
    let mut voiced = Vec::new();
    let mut i = from;
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let block_end = (i..lines.len()).find(|&k| lines[k].trim().is_empty()).unwrap_or(lines.len());
        let head = lines[i].trim_start();
        let comment = ["NOTE", "STYLE", "REGION"].iter().any(|w| head == *w || head.starts_with(&format!("{w} ")));
        if dialect == Dialect::WebVtt && comment {
            i = block_end;
            continue;
        }
        // The timing line is the first or, after a cue id, the second.
        let timing = (i..block_end.min(i + 2)).find(|&k| lines[k].contains("-->"));
        let Some(t) = timing else {
            return Err(ParseError::at(i + 1, format!("a cue without a timing line ({})", dialect.example())));
        };
        let (start, end) = timing_line(lines[t]).ok_or_else(|| {
            ParseError::at(t + 1, format!("a timing line fieldnotes cannot read (expected {})", dialect.example()))
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

/// Skips the header block (the `WEBVTT` line and what follows it up to the
/// first blank line).
fn skip_block(lines: &[&str], from: usize) -> usize {
    (from..lines.len()).find(|&k| lines[k].trim().is_empty()).unwrap_or(lines.len())
}

/// `00:00:01.000 --> 00:00:04.000 align:start position:10%` → (1.0, 4.0).
pub(super) fn timing_line(line: &str) -> Option<(f64, f64)> {
    let (a, b) = line.split_once("-->")?;
    let end = b.split_whitespace().next()?;
    Some((clock(a)?, clock(end)?))
}

/// The speaker of a voice span (`<v Name>`, `<v.loud Name>`) and the cue's
/// text without markup, entities decoded, lines joined.
pub(super) fn cue_text(raw: &str) -> (Option<String>, String) {
    let mut speaker = None;
    let mut text = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            // A lone '<' is text.
            text.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        if speaker.is_none()
            && let Some(name) = tag.strip_prefix('v').filter(|t| t.starts_with([' ', '.']))
        {
            let name = name.split_once(' ').map(|(_, n)| n).unwrap_or("").trim();
            if !name.is_empty() {
                speaker = Some(decode(name));
            }
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    let text = decode(&text).split_whitespace().collect::<Vec<_>>().join(" ");
    (speaker, text)
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&lrm;", "")
        .replace("&rlm;", "")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Zoom writes `Name: text` in every cue. Taken as speakers only when most
/// cues without a voice span read that way, so one "Note: …" sentence in a
/// speakerless file stays text.
pub(super) fn name_prefixes(cues: &mut [Cue], voiced: &[bool]) {
    let unvoiced = voiced.iter().filter(|v| !**v).count();
    let prefixed = cues.iter().zip(voiced).filter(|(c, v)| !**v && speaker_prefix(&c.text).is_some()).count();
    if unvoiced == 0 || prefixed * 2 < unvoiced {
        return;
    }
    for (cue, _) in cues.iter_mut().zip(voiced).filter(|(_, v)| !**v) {
        if let Some((name, text)) = speaker_prefix(&cue.text) {
            let (name, text) = (name.to_string(), text.to_string());
            cue.speaker = Some(name);
            cue.text = text;
        }
    }
}

/// The normal form kept beside a session.
pub fn write(t: &Transcript) -> String {
    let mut out = String::from("WEBVTT\n");
    for (i, cue) in t.cues.iter().enumerate() {
        let _ = write!(out, "\n{}\n{} --> {}\n", i + 1, stamp(cue.start), stamp(cue.end));
        if let Some(name) = &cue.speaker {
            let _ = write!(out, "<v {}>", escape(name));
        }
        let _ = writeln!(out, "{}", escape(&cue.text));
    }
    out
}

fn stamp(secs: f64) -> String {
    let ms = (secs * 1000.0).round().max(0.0) as u64;
    format!("{:02}:{:02}:{:02}.{:03}", ms / 3_600_000, (ms / 60_000) % 60, (ms / 1000) % 60, ms % 1000)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::super::parse::{Format, parse};
    use super::*;

    const ZOOM: &str = "\u{feff}WEBVTT\r\n\r\n1\r\n00:00:03.120 --> 00:00:06.480\r\nSam Rivera: Thanks for joining, Dana.\r\n\r\n2\r\n00:00:07.000 --> 00:00:12.250\r\nDana Lee: So every Friday I export\r\nthe whole thing to Excel.\r\n\r\n3\r\n00:00:12.300 --> 00:00:13.000\r\nDana Lee: Um, yeah.\r\n";

    const TEAMS: &str = "WEBVTT\n\nNOTE Teams exports a GUID per cue\n\n6b4f0c1e-2d3a-4c5b-9e8f-0a1b2c3d4e5f/12-0\n00:01:02.500 --> 00:01:05.000 align:start position:10%\n<v Sam Rivera>How do you share it?</v>\n\n6b4f0c1e-2d3a-4c5b-9e8f-0a1b2c3d4e5f/13-0\n00:01:04.000 --> 00:01:09.000\n<v.loud Dana Lee>We <b>email</b> it &amp; hope &lt;sigh&gt;</v>\n\nSTYLE\n::cue { color: red }\n";

    #[test]
    fn zoom_names_become_speakers_and_lines_join() {
        let (format, t) = parse(ZOOM.as_bytes()).unwrap();
        assert_eq!(format, Format::Vtt);
        assert_eq!(t.speakers(), vec!["Sam Rivera", "Dana Lee"]);
        assert_eq!(t.cues[1].text, "So every Friday I export the whole thing to Excel.");
        assert_eq!((t.cues[0].start, t.cues[0].end), (3.12, 6.48));
    }

    #[test]
    fn teams_voice_spans_settings_tags_and_overlaps() {
        let (_, t) = parse(TEAMS.as_bytes()).unwrap();
        assert_eq!(t.cues.len(), 2, "the NOTE and STYLE blocks are not cues");
        assert_eq!(t.cues[0].speaker.as_deref(), Some("Sam Rivera"));
        assert_eq!(t.cues[1].speaker.as_deref(), Some("Dana Lee"));
        assert_eq!(t.cues[1].text, "We email it & hope <sigh>");
        assert!(t.cues[1].start < t.cues[0].end, "overlapping speech keeps both cues");
    }

    #[test]
    fn the_normal_form_reads_back_the_same() {
        let (_, t) = parse(TEAMS.as_bytes()).unwrap();
        let again = parse(write(&t).as_bytes()).unwrap().1;
        assert_eq!(again, t);
        assert!(write(&t).contains("<v Dana Lee>We email it &amp; hope &lt;sigh&gt;"));
    }

    #[test]
    fn a_broken_timing_line_names_its_line() {
        let e = parse(b"WEBVTT\n\n1\n00:00:01.000 --> soon\nhello\n").unwrap_err();
        assert_eq!(e.line, 4, "{e}");
        let e = parse(b"WEBVTT\n\nhello there\nno timing\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
    }

    #[test]
    fn an_hours_long_file_keeps_its_clock() {
        let mut vtt = String::from("WEBVTT\n");
        for k in 0..2500u32 {
            let (a, b) = (k * 3, k * 3 + 2);
            vtt.push_str(&format!(
                "\n{:02}:{:02}:{:02}.000 --> {:02}:{:02}:{:02}.500\n<v Dana Lee>line {k}\n",
                a / 3600,
                (a / 60) % 60,
                a % 60,
                b / 3600,
                (b / 60) % 60,
                b % 60
            ));
        }
        let (_, t) = parse(vtt.as_bytes()).unwrap();
        assert_eq!(t.cues.len(), 2500);
        assert_eq!(t.cues[2499].start, 7497.0);
        assert_eq!(t.duration(), 7499.5);
    }

    #[test]
    fn more_cues_than_the_budget_are_refused_at_the_line_that_passes_it() {
        use super::super::parse::{MAX_CUES, check_budget};
        assert!(check_budget(MAX_CUES - 1, 10).is_ok());
        assert_eq!(check_budget(MAX_CUES, 10).unwrap_err().line, 10);
    }

    proptest::proptest! {
        /// Whatever the names and text (markup characters included), the
        /// normal form reads back as written.
        #[test]
        fn any_transcript_survives_the_normal_form(
            cues in proptest::collection::vec(
                ("[A-Z][a-z]{0,8}( [A-Z][a-z<>&]{0,8})?", "[a-zA-Z0-9<>&;:,.!? -]{1,60}", 0u32..40_000, 0u32..9_000),
                1..40,
            )
        ) {
            let cues: Vec<Cue> = cues
                .into_iter()
                .filter_map(|(name, text, start, len)| {
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    let start = start as f64 / 4.0;
                    (!text.is_empty()).then(|| Cue { start, end: start + len as f64 / 8.0, speaker: Some(name), text })
                })
                .collect();
            proptest::prop_assume!(!cues.is_empty());
            let t = Transcript { cues };
            let again = parse(write(&t).as_bytes()).unwrap().1;
            proptest::prop_assert_eq!(again, t);
        }
    }

    #[test]
    fn one_sentence_with_a_colon_in_a_speakerless_file_stays_text() {
        let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nNote: this is text\n\n00:00:03.000 --> 00:00:04.000\nand so is this\n\n00:00:05.000 --> 00:00:06.000\nand this\n";
        let (_, t) = parse(vtt.as_bytes()).unwrap();
        assert_eq!(t.cues[0].speaker, None);
        assert_eq!(t.cues[0].text, "Note: this is text");
    }
}
