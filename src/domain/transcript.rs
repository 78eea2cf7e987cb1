//! A recording's transcript: what was said, by whom, when (on the
//! recording's clock), and the offset that maps the interview clock onto it.
//!
//! The sign of the offset is the same everywhere (file, command line, JSON):
//! the moment a note marks at interview time `at` is at `at + offset` on the
//! recording. A recording started 35 s before the interview clock gives +35.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// What the session file says of its transcript:
/// `transcript: {file: ID.vtt, offset: "+00:00:35", interviewer: Sam Rivera, source: zoom.vtt}`.
/// The transcript itself is the WebVTT file beside the session, in the form
/// fieldnotes writes; `source` is the name of the file it was imported from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TranscriptLink {
    pub file: String,
    #[serde(default)]
    pub offset: ClockOffset,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interviewer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Keys this version does not know, kept for a teammate's newer version.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// One cue of the transcript: a stretch of speech by one speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    /// Seconds from the start of the recording.
    pub start: f64,
    pub end: f64,
    /// Who spoke, when the transcript says.
    pub speaker: Option<String>,
    /// What was said, as plain text (markup removed, lines joined).
    pub text: String,
}

/// A whole transcript, its cues in the order of the file (mostly by time;
/// overlapping speech keeps both cues).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Transcript {
    pub cues: Vec<Cue>,
}

impl Transcript {
    /// The speakers in order of first appearance.
    pub fn speakers(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        for name in self.cues.iter().filter_map(|c| c.speaker.as_deref()) {
            if !seen.contains(&name) {
                seen.push(name);
            }
        }
        seen
    }

    /// How long the recording runs, to the end of its last cue.
    pub fn duration(&self) -> f64 {
        self.cues.iter().map(|c| c.end).fold(0.0, f64::max)
    }
}

/// Whole seconds added to the interview clock to reach the recording's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockOffset(pub i64);

impl ClockOffset {
    /// Reads `+35`, `-0:12`, `+00:00:35`, `1:02:03` (no sign means +).
    pub fn parse(s: &str) -> Option<ClockOffset> {
        let s = s.trim();
        let (sign, body) = match s.as_bytes().first()? {
            b'+' => (1, &s[1..]),
            b'-' => (-1, &s[1..]),
            _ => (1, s),
        };
        let parts: Vec<&str> = body.split(':').collect();
        if parts.len() > 3 {
            return None;
        }
        let mut secs: i64 = 0;
        for (i, part) in parts.iter().enumerate() {
            if part.is_empty() || part.len() > 6 || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let v: i64 = part.parse().ok()?;
            if i > 0 && v >= 60 {
                return None;
            }
            secs = secs * 60 + v;
        }
        Some(ClockOffset(sign * secs))
    }
}

impl fmt::Display for ClockOffset {
    /// `+00:00:35`, `-00:00:12`: the form the session file keeps.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { '-' } else { '+' };
        let s = self.0.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    }
}

impl Serialize for ClockOffset {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Quoted, like every time in the file: unquoted it reads as a number to some YAML readers.
        serde_saphyr::DoubleQuoted(self.to_string()).serialize(s)
    }
}

impl<'de> Deserialize<'de> for ClockOffset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A hand-written `offset: 35` means 35 seconds.
        let raw = match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) => n.to_string(),
            other => other.to_string(),
        };
        ClockOffset::parse(&raw).ok_or_else(|| {
            serde::de::Error::custom(format!("`offset` must be like \"+00:00:35\" or \"-0:12\", not {raw:?}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_read_every_documented_form_and_print_one() {
        for (text, secs) in [("+35", 35), ("-0:12", -12), ("+00:00:35", 35), ("1:02:03", 3723), ("-1:00", -60)] {
            assert_eq!(ClockOffset::parse(text), Some(ClockOffset(secs)), "{text}");
        }
        for bad in ["", "+", "1:60", "a", "1:2:3:4", "--3", "+ 3"] {
            assert_eq!(ClockOffset::parse(bad), None, "{bad}");
        }
        assert_eq!(ClockOffset(35).to_string(), "+00:00:35");
        assert_eq!(ClockOffset(-3723).to_string(), "-01:02:03");
        assert_eq!(ClockOffset::parse(&ClockOffset(-3723).to_string()), Some(ClockOffset(-3723)));
    }

    #[test]
    fn speakers_are_listed_once_in_order_of_first_words() {
        let cue = |s: Option<&str>| Cue { start: 0.0, end: 1.0, speaker: s.map(str::to_string), text: "x".into() };
        let t = Transcript { cues: vec![cue(Some("Sam")), cue(None), cue(Some("Dana")), cue(Some("Sam"))] };
        assert_eq!(t.speakers(), vec!["Sam", "Dana"]);
    }
}
