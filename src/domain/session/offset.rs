//! A time offset (`HH:MM:SS` from the start of a sitting), as the file
//! writes and reads it.

use super::lenient::lenient_string;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Time since the interview (or its sitting) started, written `HH:MM:SS` in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Offset(pub u32);

impl Offset {
    pub fn parse(s: &str) -> Option<Offset> {
        let parts: Vec<&str> = s.trim().split(':').collect();
        if parts.is_empty() || parts.len() > 3 {
            return None;
        }
        let mut secs: u32 = 0;
        for (i, part) in parts.iter().enumerate() {
            if part.is_empty() || !part.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let v: u32 = part.parse().ok()?;
            if i > 0 && v >= 60 {
                return None;
            }
            secs = secs.checked_mul(60)?.checked_add(v)?;
        }
        Some(Offset(secs))
    }
}

impl std::fmt::Display for Offset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.0;
        write!(f, "{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    }
}

impl Serialize for Offset {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Quoted: unquoted `00:03:12` is a base-60 number to YAML 1.1 readers (PyYAML).
        serde_saphyr::DoubleQuoted(self.to_string()).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Offset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A hand-written `at: 95` means 95 seconds.
        let raw = lenient_string(d)?;
        Offset::parse(&raw).ok_or_else(|| {
            serde::de::Error::custom(format!("`at` must be a time offset like \"00:03:12\", not {raw:?}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_parse_and_print() {
        assert_eq!(Offset::parse("00:03:12"), Some(Offset(192)));
        assert_eq!(Offset::parse("3:12"), Some(Offset(192)));
        assert_eq!(Offset::parse("95"), Some(Offset(95)));
        assert_eq!(Offset::parse("1:02:03").unwrap().to_string(), "01:02:03");
        assert_eq!(Offset::parse("00:61:00"), None);
        assert_eq!(Offset::parse("ab"), None);
        assert_eq!(Offset::parse(""), None);
        assert_eq!(Offset(100 * 3600).to_string(), "100:00:00");
    }
}
