//! Writing a cache file: the header, then per entry its file key and its
//! payload (a record or the file's load error). The format is in the
//! module doc of `store::cache`; `decode` reads back what this writes.

use super::file_key::FileKey;
use super::{FORMAT_VERSION, MAGIC};
use crate::analysis::synthesis::SessionRecord;
use crate::domain::note::Kind;
use crate::store::yaml::LoadError;
use chrono::{DateTime, FixedOffset};

#[derive(Debug)]
pub(super) struct Entry {
    pub(super) name: String,
    pub(super) key: FileKey,
    /// `2 * i` for `records[i]`, `2 * i + 1` for `errors[i]`.
    pub(super) index: usize,
}

pub(super) fn encode(dir_key: &str, entries: &[Entry], records: &[SessionRecord], errors: &[LoadError]) -> Vec<u8> {
    let mut body = Vec::new();
    put_str(&mut body, dir_key);
    put_u32(&mut body, entries.len());
    let mut payload = Vec::new();
    for e in entries {
        payload.clear();
        if e.index % 2 == 0 {
            payload.push(0);
            write_record(&mut payload, &records[e.index / 2]);
        } else {
            payload.push(1);
            write_error(&mut payload, &errors[e.index / 2]);
        }
        put_str(&mut body, &e.name);
        let k = &e.key;
        body.extend_from_slice(&k.size.to_le_bytes());
        for (secs, nanos) in [k.mtime, k.ctime] {
            body.extend_from_slice(&secs.to_le_bytes());
            body.extend_from_slice(&nanos.to_le_bytes());
        }
        body.extend_from_slice(&k.inode.to_le_bytes());
        put_u32(&mut body, payload.len());
        body.extend_from_slice(&payload);
    }
    let mut out = Vec::with_capacity(body.len() + 16);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

pub(super) fn put_u32(out: &mut Vec<u8>, n: usize) {
    // Session files are at most 16 MB: every length fits.
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

pub(super) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

pub(super) fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => out.push(0),
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
    }
}

pub(super) fn put_strings(out: &mut Vec<u8>, v: &[String]) {
    put_u32(out, v.len());
    for s in v {
        put_str(out, s);
    }
}

fn write_record(out: &mut Vec<u8>, s: &SessionRecord) {
    put_str(out, &s.id);
    put_str(out, &s.participant);
    put_opt(out, s.company.as_deref());
    put_opt(out, s.role.as_deref());
    put_opt(out, s.segment.as_deref());
    put_str(out, &s.guide);
    put_time(out, &s.started_at);
    out.push(u8::from(s.quotes_shareable));
    put_opt(out, s.closing_question.as_deref());
    put_opt(out, s.closing_answer.as_deref());
    put_strings(out, &s.closing_tags);
    put_strings(out, &s.asked);
    put_str(out, &s.title);
    match &s.ended_at {
        None => out.push(0),
        Some(t) => {
            out.push(1);
            put_time(out, t);
        }
    }
    match s.talk_secs {
        None => out.push(0),
        Some(secs) => {
            out.push(1);
            out.extend_from_slice(&secs.to_le_bytes());
        }
    }
    out.extend_from_slice(&s.sittings.to_le_bytes());
    put_u32(out, s.done.len());
    for d in &s.done {
        out.extend_from_slice(&d.to_le_bytes());
    }
    put_strings(out, &s.tags);
    put_strings(out, &s.questions);
    put_u32(out, s.notes.len());
    for n in &s.notes {
        out.extend_from_slice(&n.at.0.to_le_bytes());
        out.extend_from_slice(&n.sitting.to_le_bytes());
        out.push(Kind::ALL.iter().position(|k| *k == n.kind).unwrap_or(0) as u8);
        out.push(u8::from(n.starred));
        for v in [n.question, n.tags.0, n.tags.1, n.text.0, n.text.1] {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    put_u32(out, s.note_tags.len());
    for t in &s.note_tags {
        out.extend_from_slice(&t.to_le_bytes());
    }
    put_str(out, &s.text);
    put_opt(out, s.summary.as_deref());
    put_opt(out, s.person.as_deref());
}

pub(super) fn put_time(out: &mut Vec<u8>, t: &DateTime<FixedOffset>) {
    out.extend_from_slice(&t.timestamp().to_le_bytes());
    out.extend_from_slice(&t.timestamp_subsec_nanos().to_le_bytes());
    out.extend_from_slice(&t.offset().local_minus_utc().to_le_bytes());
}

pub(super) fn write_error(out: &mut Vec<u8>, e: &LoadError) {
    put_str(out, &e.path.to_string_lossy());
    for v in [e.line, e.column] {
        match v {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
    }
    put_str(out, &e.message);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::session::Offset;
    use crate::store::cache::decode::Index;

    fn record() -> SessionRecord {
        let t = DateTime::parse_from_rfc3339("2025-01-06T09:00:00.5+05:30").unwrap();
        let mut s = SessionRecord::new("x", "Zoë", "discovery", t);
        s.role = Some("Ops".into());
        s.segment = Some("smb".into());
        s.person = Some("zoe-acme".into());
        s.quotes_shareable = false;
        s.closing_question = Some("What else?".into());
        s.summary = Some("Budget owner.\nWants “invoices”.".into());
        s.asked = vec!["1.1".into()];
        s.title = "Discovery — Zoë".into();
        s.ended_at = Some(t + chrono::Duration::minutes(45));
        s.talk_secs = Some(45 * 60);
        s.push_note(Offset(75), Kind::Insight, None, ["日本", "a"], "“quoted”, with \"commas\"\n");
        s.push_note(Offset(80), Kind::Quote, Some("2.1"), ["a"], "");
        s.set_last_starred(true);
        s.closing_tags = vec!["reporting".into()];
        s.sittings = 2;
        s.set_last_sitting(2);
        s.done = vec![1];
        s
    }

    #[test]
    fn records_and_errors_round_trip() {
        let err = LoadError { path: "/x/y.yaml".into(), line: Some(3), column: None, message: "bad".into() };
        let entries = vec![
            Entry {
                name: "x.yaml".into(),
                key: FileKey { size: 10, mtime: (5, 6), ctime: (9, 1), inode: 42 },
                index: 0,
            },
            Entry {
                name: "y.yaml".into(),
                key: FileKey { size: 11, mtime: (7, 8), ctime: (9, 2), inode: 43 },
                index: 1,
            },
        ];
        let bytes = encode("/dir", &entries, &[record()], std::slice::from_ref(&err));
        let index = Index::parse(&bytes, "/dir").unwrap();
        let x = &index.entries["x.yaml"];
        assert_eq!(x.key, FileKey { size: 10, mtime: (5, 6), ctime: (9, 1), inode: 42 });
        let back = index.decode(x).unwrap().unwrap();
        assert_eq!(back, record());
        assert_eq!(back.started_at.offset().local_minus_utc(), 5 * 3600 + 1800);
        assert_eq!(index.decode(&index.entries["y.yaml"]).unwrap().unwrap_err(), err);
        assert!(Index::parse(&bytes, "/other").is_err());
        // Any flipped byte, or a cut, is caught.
        for i in [0, 9, 13, bytes.len() / 2, bytes.len() - 1] {
            let mut bad = bytes.clone();
            bad[i] ^= 0x40;
            assert!(Index::parse(&bad, "/dir").is_err(), "byte {i}");
        }
        assert!(Index::parse(&bytes[..bytes.len() - 3], "/dir").is_err());
        assert!(Index::parse(b"", "/dir").is_err());
    }
}
