//! `search --transcripts`: the transcript lines found, after the notes, as
//! text lines (speaker, time on the interview clock and on the recording,
//! interview) or as JSON hits with `"source": "transcript"`.

use super::text::line;
use super::view::View;
use crate::analysis::transcript::marks::LibraryTranscripts;
use crate::analysis::transcript::search::{LineRef, TranscriptHit};
use crate::domain::session::{Offset, time_label};
use crate::text::out::inert;
use crate::text::width::clock;
use serde_json::{Value, json};
use std::fmt::Write;

/// Who spoke, as a report shows it: when anonymising, the interviewer is
/// "Interviewer" and other names are scrubbed like any text.
pub fn speaker(view: &View, t: &LibraryTranscripts, at: LineRef) -> String {
    let Some(name) = at.cue(t).speaker.as_deref() else { return String::new() };
    let interviewer = t.of(at.session).and_then(|s| s.interviewer.as_deref());
    match &view.anon {
        Some(_) if interviewer == Some(name) => "Interviewer".into(),
        _ => view.text(name).into_owned(),
    }
}

/// The matched characters of the text as shown (after scrubbing, matched again).
fn indices(view: &View, hit: &TranscriptHit, shown: &str, query: &str) -> Vec<usize> {
    if view.anon.is_some() { crate::analysis::search::highlight(shown, query) } else { hit.indices.clone() }
}

/// One transcript line as a JSON hit: `source` and `kind` are `transcript`,
/// `start` is seconds on the recording, `at` the interview clock.
pub fn line_json(view: &View, t: &LibraryTranscripts, hit: &TranscriptHit, query: &str) -> Value {
    let s = &view.records[hit.line.session];
    let cue = hit.line.cue(t);
    let text = view.text(&cue.text).into_owned();
    json!({
        "source": "transcript",
        "kind": "transcript",
        "session": view.session_id(s),
        "participant": view.who(s),
        "date": s.date().to_string(),
        "cue": hit.line.cue,
        "speaker": cue.speaker.as_ref().map(|_| speaker(view, t, hit.line)),
        "start": cue.start,
        "end": cue.end,
        "at": Offset(hit.line.interview_secs(t)).to_string(),
        "indices": indices(view, hit, &text, query),
        "text": text,
        "exact_words": hit.exact,
    })
}

/// The lines as text, numbered on from `first`: date, participant, the
/// interview-clock time, "said", the speaker and the words (matched ones
/// underlined when `styled`); then the interview and the recording's time.
pub fn lines_text(
    hits: &[TranscriptHit],
    view: &View,
    t: &LibraryTranscripts,
    query: &str,
    styled: bool,
    first: usize,
) -> String {
    let mut out = String::new();
    for (i, h) in hits.iter().enumerate() {
        let s = &view.records[h.line.session];
        let cue = h.line.cue(t);
        // `inert` maps character to character, so the indices still line up.
        let shown = inert(&view.text(&cue.text).replace(['\n', '\r'], " ")).into_owned();
        let marked = indices(view, h, &shown, query);
        let mut text = String::new();
        let mut next = marked.iter().peekable();
        for (ci, c) in shown.chars().enumerate() {
            let hit = next.peek().is_some_and(|&&x| x == ci);
            if hit {
                next.next();
            }
            if hit && styled {
                let _ = write!(text, "\x1b[1;4m{c}\x1b[0m");
            } else {
                text.push(c);
            }
        }
        let who = speaker(view, t, h.line);
        let who = if who.is_empty() { String::new() } else { format!("{}: ", inert(&who)) };
        let _ = writeln!(
            out,
            "{:>3}. {}  {}  {}  {:<9} {who}{text}",
            first + i,
            s.date(),
            line(&view.who(s), 24),
            time_label(s.sittings, 1, Offset(h.line.interview_secs(t))),
            "said"
        );
        let _ = writeln!(out, "     {} transcript at {}", inert(&view.session_id(s)), clock(cue.start.max(0.0) as u32));
    }
    out
}
