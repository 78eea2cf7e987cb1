//! Sessions the synthesis tests share: a small library of four interviews
//! and the helpers that build them.

use super::SessionRecord;
use crate::domain::note::Kind;
use crate::domain::session::Offset;
use chrono::{DateTime, FixedOffset};

pub(super) fn at(h: u32) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2025-03-{:02}T10:00:00+00:00", h)).unwrap()
}

pub(super) type N<'a> = (Kind, &'a str, &'a [&'a str], Option<&'a str>);

pub(super) fn note<'a>(kind: Kind, text: &'a str, tags: &'a [&'a str], q: Option<&'a str>) -> N<'a> {
    (kind, text, tags, q)
}

pub(super) fn session(id: &str, day: u32, who: &str, segment: Option<&str>, notes: Vec<N>) -> SessionRecord {
    let mut s = SessionRecord::new(id, who, "discovery", at(day));
    s.company = Some(format!("{who} Corp"));
    s.segment = segment.map(String::from);
    for (kind, text, tags, q) in notes {
        s.push_note(Offset(60), kind, q, tags.iter().copied(), text);
    }
    s
}

pub(super) fn library() -> Vec<SessionRecord> {
    vec![
        session(
            "b",
            2,
            "Ben Okafor",
            Some("smb"),
            vec![
                note(Kind::Note, "slow export", &["export", "perf"], Some("1.1")),
                note(Kind::Pain, "export breaks", &["export"], None),
                note(Kind::Quote, "I hate exports", &["export"], None),
            ],
        ),
        session(
            "a",
            1,
            "Ana López",
            Some("SMB"),
            vec![
                note(Kind::Pain, "too pricey", &["pricing", "perf"], None),
                note(Kind::Note, "no tags here", &[], None),
                note(Kind::Pain, "untagged pain", &[], None),
            ],
        ),
        session("c", 3, "Chidi", None, vec![]),
        session("d", 4, "Dana", Some("enterprise"), vec![note(Kind::Quote, "pricing, again", &["pricing"], None)]),
    ]
}
