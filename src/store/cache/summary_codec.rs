//! One library row's summary ([`SessionInfo`]) as the index stores it, and
//! back. The index's file layout is in `index.rs`; strings, options and
//! times are written as the synthesis cache writes them (`encode.rs`,
//! `decode.rs`), and every count read back is distrusted the same way.

use super::decode::{R, Reader, read_time};
use super::encode::{put_opt, put_str, put_strings, put_time, put_u32};
use crate::store::session_info::SessionInfo;
use chrono::{DateTime, FixedOffset};

pub(super) fn write_info(out: &mut Vec<u8>, s: &SessionInfo) {
    put_str(out, &s.participant);
    put_opt(out, s.company.as_deref());
    put_opt(out, s.role.as_deref());
    put_opt(out, s.segment.as_deref());
    put_str(out, &s.guide);
    put_str(out, &s.title);
    put_time(out, &s.started_at);
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
    put_u32(out, s.notes);
    put_u32(out, s.untagged);
    put_u32(out, s.tags.len());
    for (tag, n) in &s.tags {
        put_str(out, tag);
        put_u32(out, *n);
    }
    put_u32(out, s.followups.len());
    for (index, text, done) in &s.followups {
        put_u32(out, *index);
        put_str(out, text);
        out.push(u8::from(*done));
    }
    put_opt(out, s.closing_answer.as_deref());
    put_strings(out, &s.closing_tags);
}

/// Only the start time of a summary, the strings written before it skipped
/// without being copied: how the index finds its newest rows cheaply.
pub(super) fn started_at_of(r: &mut Reader) -> R<DateTime<FixedOffset>> {
    r.str()?; // participant
    for _ in 0..3 {
        // company, role, segment
        match r.u8()? {
            0 => {}
            1 => {
                r.str()?;
            }
            _ => return Err("bad option".into()),
        }
    }
    r.str()?; // guide
    r.str()?; // title
    read_time(r)
}

pub(super) fn read_info(r: &mut Reader) -> R<SessionInfo> {
    let participant = r.string()?;
    let company = r.opt()?;
    let role = r.opt()?;
    let segment = r.opt()?;
    let guide = r.string()?;
    let title = r.string()?;
    let started_at = read_time(r)?;
    let ended_at = match r.u8()? {
        0 => None,
        1 => Some(read_time(r)?),
        _ => return Err("bad option".into()),
    };
    let talk_secs = match r.u8()? {
        0 => None,
        1 => Some(r.u32()?),
        _ => return Err("bad option".into()),
    };
    let notes = r.u32()? as usize;
    let untagged = r.u32()? as usize;
    let n = r.u32()? as usize;
    // Each tag takes at least 8 bytes: no huge allocation from a bad count.
    let mut tags = Vec::with_capacity(n.min(r.left() / 8));
    for _ in 0..n {
        tags.push((r.string()?, r.u32()? as usize));
    }
    let n = r.u32()? as usize;
    let mut followups = Vec::with_capacity(n.min(r.left() / 9));
    for _ in 0..n {
        let index = r.u32()? as usize;
        let text = r.string()?;
        let done = match r.u8()? {
            0 => false,
            1 => true,
            _ => return Err("bad flag".into()),
        };
        followups.push((index, text, done));
    }
    let closing_answer = r.opt()?;
    let closing_tags = r.strings()?;
    if untagged > notes || followups.iter().any(|f| f.0 >= notes) {
        return Err("inconsistent summary".into());
    }
    Ok(SessionInfo {
        participant,
        company,
        role,
        segment,
        guide,
        title,
        started_at,
        ended_at,
        talk_secs,
        notes,
        untagged,
        tags,
        followups,
        closing_answer,
        closing_tags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(company: Option<&str>, role: Option<&str>, segment: Option<&str>) -> SessionInfo {
        SessionInfo {
            participant: "Zoë 日本".into(),
            company: company.map(String::from),
            role: role.map(String::from),
            segment: segment.map(String::from),
            guide: "discovery".into(),
            title: "A call".into(),
            started_at: DateTime::parse_from_rfc3339("2026-03-12T10:00:00+05:30").unwrap(),
            ended_at: None,
            talk_secs: Some(60),
            notes: 2,
            untagged: 1,
            tags: vec![("pricing".into(), 1)],
            followups: vec![(0, "Ask IT".into(), false)],
            closing_answer: None,
            closing_tags: vec![],
        }
    }

    /// The index finds its newest rows by this alone: it must read the very
    /// time a whole decode reads, whichever optional fields are there.
    #[test]
    fn the_start_time_read_alone_is_the_one_a_whole_summary_gives() {
        for (c, r, s) in [(None, None, None), (Some("Acme"), None, Some("smb")), (Some("A"), Some("PM"), Some("B"))] {
            let mut bytes = Vec::new();
            write_info(&mut bytes, &info(c, r, s));
            let whole = read_info(&mut Reader { bytes: &bytes, pos: 0 }).unwrap();
            let alone = started_at_of(&mut Reader { bytes: &bytes, pos: 0 }).unwrap();
            assert_eq!(alone, whole.started_at);
            assert_eq!(alone.offset(), whole.started_at.offset());
        }
        // An option flag that is neither 0 nor 1 is refused, as a whole decode refuses it.
        let mut bytes = Vec::new();
        write_info(&mut bytes, &info(None, None, None));
        let flag = 4 + "Zoë 日本".len();
        bytes[flag] = 7;
        assert!(started_at_of(&mut Reader { bytes: &bytes, pos: 0 }).is_err());
        assert!(read_info(&mut Reader { bytes: &bytes, pos: 0 }).is_err());
    }
}
