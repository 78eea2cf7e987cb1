//! Session ids: the file name of a new session, readable, ASCII where it
//! can be, and unique across teammates' machines.

use chrono::{DateTime, FixedOffset};

/// A new session id: `YYYYMMDD-HHMM-participant-slug-xxxx`, where `xxxx`
/// comes from `nonce` so that two teammates starting an interview with the
/// same name in the same minute on different machines never collide when
/// their libraries meet in git; `-2`, `-3`… follow if `taken` still says so.
/// Also the file's name, so it stays ASCII where it can and never holds a
/// path separator.
pub fn make_id(
    started_at: DateTime<FixedOffset>,
    participant: &str,
    nonce: u64,
    taken: impl Fn(&str) -> bool,
) -> String {
    // No 0/o, 1/l/i: the suffix is read aloud and typed as an id prefix.
    const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
    let suffix: String =
        (0..4).map(|k| ALPHABET[((nonce >> (k * 8)) % ALPHABET.len() as u64) as usize] as char).collect();
    let slug = slug(participant);
    let base = if slug.is_empty() {
        format!("{}-{suffix}", started_at.format("%Y%m%d-%H%M"))
    } else {
        format!("{}-{slug}-{suffix}", started_at.format("%Y%m%d-%H%M"))
    };
    if !taken(&base) {
        return base;
    }
    (2..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).expect("some suffix is free")
}

/// Lower-case words joined by `-`, with common accents folded to ASCII.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = fold_accent(c);
        if folded.is_alphanumeric() {
            out.push(folded);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 40 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' | 'ş' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ť' => 't',
        'ď' => 'd',
        'ğ' => 'g',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_slugged_and_unique() {
        let t = DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap();
        let id = make_id(t, "Ana López", 0x0102_0304, |_| false);
        let suffix = id.strip_prefix("20261122-1430-ana-lopez-").expect(&id);
        assert_eq!(suffix.len(), 4);
        assert!(suffix.chars().all(|c| "23456789abcdefghjkmnpqrstuvwxyz".contains(c)), "{id}");
        assert_eq!(make_id(t, "Ana López", 0x0102_0304, |x| x == id), format!("{id}-2"));
        assert!(make_id(t, "../../etc", 7, |_| false).starts_with("20261122-1430-etc-"));
        assert_eq!(make_id(t, "", 7, |_| false).len(), "20261122-1430-xxxx".len());
        // Two machines, same minute, same participant: different ids.
        let ids: std::collections::HashSet<String> =
            (0..1000u64).map(|n| make_id(t, "Ana", n.wrapping_mul(0x9e37_79b9_7f4a_7c15), |_| false)).collect();
        assert!(ids.len() > 990, "suffixes spread: {} distinct of 1000", ids.len());
        assert_eq!(slug("Zoë O'Brien-Smith"), "zoe-o-brien-smith");
        assert_eq!(slug("田中 太郎"), "田中-太郎");
    }
}
