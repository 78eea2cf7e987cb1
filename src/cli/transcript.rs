//! `fieldnotes transcript …` and `fieldnotes quotes check`: the recording's
//! transcript beside an interview. Import reads any export, finds the clock
//! offset from the notes (or takes `--offset`), guesses the interviewer and
//! keeps the normal form beside the session, all under the session's lock.
//! The rules of matching live in `analysis::transcript`.

use crate::analysis::transcript::align::{Alignment, align};
use crate::analysis::transcript::coach::coach;
use crate::analysis::transcript::quotes::{self, Verdict};
use crate::analysis::transcript::speakers::likely_interviewer;
use crate::cli::args::{QuotesCommand, TextOrJson, TranscriptCommand};
use crate::domain::note::Kind;
use crate::domain::session::Session;
use crate::domain::transcript::{ClockOffset, Transcript, TranscriptLink};
use crate::store::library::{Library, Summary, load_session};
use crate::store::paths::Paths;
use crate::store::{lint_rules, lock, recovery, transcripts, writer};
use crate::text::counts::plural;
use crate::text::out::{self, inert};
use crate::text::width::clock;
use crate::{say, warn};
use serde_json::{Value, json};
use std::path::Path;

/// Below this confidence the offset found is not trusted without a look.
const SURE_ENOUGH: f64 = 0.5;

pub fn run(paths: &Paths, cmd: TranscriptCommand) -> Result<(), String> {
    let lib = Library::load(&paths.sessions_dir());
    match cmd {
        TranscriptCommand::Import { id, file, offset, interviewer } => {
            import(lib.find(&id)?, &file, offset.as_deref(), interviewer)
        }
        TranscriptCommand::Show { id, format } => show(lib.find(&id)?, format),
        TranscriptCommand::Align { id, format, save } => align_cmd(lib.find(&id)?, format, save),
        TranscriptCommand::Stats { id, format } => stats(paths, lib.find(&id)?, format),
        TranscriptCommand::Remove { id } => remove(lib.find(&id)?),
    }
}

pub fn quotes(paths: &Paths, cmd: QuotesCommand) -> Result<(), String> {
    let QuotesCommand::Check { id, format } = cmd;
    let lib = Library::load(&paths.sessions_dir());
    let chosen: Vec<&Summary> = match &id {
        Some(id) => vec![lib.find(id)?],
        None => lib.sessions.iter().collect(),
    };
    let mut rows = Vec::new();
    let mut text = String::new();
    for s in chosen {
        let session = match load_session(&s.path) {
            Ok(session) => session,
            // Across the library, one unreadable file is said and passed over.
            Err(e) if id.is_none() => {
                warn!("{e}");
                continue;
            }
            Err(e) => return Err(e.to_string()),
        };
        let Some(link) = &session.transcript else {
            if id.is_some() {
                return Err(no_transcript(&s.id));
            }
            continue;
        };
        let t = transcripts::read(&s.path, &link.file)?;
        for (i, n) in first_sitting_quotes(&session) {
            let verdict = quotes::check(&n.text, n.at.0 as f64, link.offset.0 as f64, &t);
            text.push_str(&verdict_line(&s.id, n.at.0, &n.text, &verdict));
            let mut row = json!({"note": i, "text": n.text, "status": verdict.status(), "cue": verdict.cue()});
            if let Verdict::Close { missing, .. } = &verdict {
                row["not_said"] = json!(missing);
            }
            if id.is_none() {
                row["session"] = json!(s.id);
            }
            rows.push(row);
        }
    }
    match format {
        TextOrJson::Json => {
            out::data(&(serde_json::to_string_pretty(&Value::Array(rows)).map_err(|e| e.to_string())? + "\n"))
        }
        TextOrJson::Text if rows.is_empty() => warn!("No quote to check (quotes of interviews with a transcript)."),
        TextOrJson::Text => out::text(&text),
    }
    Ok(())
}

fn import(s: &Summary, file: &Path, offset: Option<&str>, interviewer: Option<String>) -> Result<(), String> {
    let offset = offset
        .map(|o| ClockOffset::parse(o).ok_or_else(|| format!("--offset {o:?}: write it like +35, -0:12 or +00:01:05")))
        .transpose()?;
    let (_held, mut session) = take(s)?;
    let transcripts::Imported { format, transcript, link, found } =
        transcripts::import(&s.path, &session, file, offset, interviewer)?;
    session.transcript = Some(link.clone());
    writer::write_session(&s.path, &session)?;
    say!(
        "{}: {} ({format}, {}) from {}.",
        s.id,
        plural(transcript.cues.len(), "cue"),
        clock(transcript.duration() as u32),
        link.source.as_deref().map(inert).unwrap_or_default()
    );
    say!("Speakers: {}.", speakers_line(&transcript, link.interviewer.as_deref()));
    match offset {
        Some(o) => say!("Offset {o} (as given)."),
        None => say!("{}", offset_line(&found)),
    }
    Ok(())
}

fn show(s: &Summary, format: TextOrJson) -> Result<(), String> {
    let (_, link, t) = with_transcript(s)?;
    match format {
        TextOrJson::Json => {
            let cues: Vec<Value> = t
                .cues
                .iter()
                .map(|c| json!({"start": c.start, "end": c.end, "speaker": c.speaker, "text": c.text}))
                .collect();
            let v = json!({
                "offset_seconds": link.offset.0,
                "speakers": t.speakers(),
                "interviewer": link.interviewer,
                "cues": cues,
            });
            out::data(&(serde_json::to_string_pretty(&v).map_err(|e| e.to_string())? + "\n"));
        }
        TextOrJson::Text => {
            let mut text = String::new();
            for c in &t.cues {
                let who = c.speaker.as_deref().map(|w| format!("{}: ", inert(w))).unwrap_or_default();
                text.push_str(&format!("[{}] {who}{}\n", clock(c.start as u32), inert(&c.text)));
            }
            out::text(&text);
        }
    }
    Ok(())
}

fn align_cmd(s: &Summary, format: TextOrJson, save: bool) -> Result<(), String> {
    let (session, _, t) = with_transcript(s)?;
    let found = align(&transcripts::first_sitting_notes(&session), &t);
    if save && found.matched_notes == 0 {
        return Err(format!("{}: no note matched what was said, so no offset was saved; set one with --offset", s.id));
    }
    if save {
        let (_held, mut session) = take(s)?;
        if let Some(link) = session.transcript.as_mut() {
            link.offset = ClockOffset(found.offset_seconds);
        }
        writer::write_session(&s.path, &session)?;
    }
    match format {
        TextOrJson::Json => {
            let v = json!({
                "offset_seconds": found.offset_seconds,
                "confidence": (found.confidence * 100.0).round() / 100.0,
                "matched_notes": found.matched_notes,
            });
            out::data(&(serde_json::to_string_pretty(&v).map_err(|e| e.to_string())? + "\n"));
        }
        TextOrJson::Text => say!("{}{}", offset_line(&found), if save { " Saved." } else { "" }),
    }
    Ok(())
}

fn stats(paths: &Paths, s: &Summary, format: TextOrJson) -> Result<(), String> {
    let (_, link, t) = with_transcript(s)?;
    let Some(interviewer) = link.interviewer.clone().or_else(|| likely_interviewer(&t)) else {
        return Err(format!("{}: who interviewed is not known; import again with --interviewer NAME", s.id));
    };
    let rules = lint_rules::load(&paths.config_dir).map_err(|e| e.to_string())?;
    let c = coach(&t, &interviewer, &rules);
    match format {
        TextOrJson::Json => {
            let flagged: Vec<Value> =
                c.flagged.iter().map(|f| json!({"at": f.at, "question": f.question, "rules": f.rules})).collect();
            let v = json!({
                "interviewer": interviewer,
                "interviewer_seconds": c.interviewer_secs.round(),
                "total_seconds": c.total_secs.round(),
                "talk_share": (c.talk_share() * 100.0).round() / 100.0,
                "longest_stretch": c.longest_stretch.map(|(at, secs)| json!({"at": at, "seconds": secs.round()})),
                "questions": c.questions,
                "flagged": flagged,
            });
            out::data(&(serde_json::to_string_pretty(&v).map_err(|e| e.to_string())? + "\n"));
        }
        TextOrJson::Text => {
            let mut text = format!(
                "{} spoke {:.0}% of the time ({} of {}).\n",
                inert(&interviewer),
                c.talk_share() * 100.0,
                clock(c.interviewer_secs as u32),
                clock(c.total_secs as u32)
            );
            if let Some((at, secs)) = c.longest_stretch {
                text.push_str(&format!(
                    "Longest stretch without the participant: {} at {}.\n",
                    clock(secs as u32),
                    clock(at as u32)
                ));
            }
            text.push_str(&format!(
                "{} asked; {} flagged by the guide linter",
                plural(c.questions, "question"),
                c.flagged.len()
            ));
            text.push_str(if c.flagged.is_empty() { ".\n" } else { ":\n" });
            for f in &c.flagged {
                text.push_str(&format!("  {} [{}] “{}”\n", clock(f.at as u32), f.rules.join(", "), inert(&f.question)));
            }
            out::text(&text);
        }
    }
    Ok(())
}

fn remove(s: &Summary) -> Result<(), String> {
    let (_held, mut session) = take(s)?;
    let Some(link) = session.transcript.take() else { return Err(no_transcript(&s.id)) };
    writer::write_session(&s.path, &session)?;
    transcripts::remove(&s.path, &link.file)?;
    say!("{}: transcript removed.", s.id);
    Ok(())
}

/// The session under its lock, refused while it is open elsewhere or has a
/// journal to recover (a change now would be lost or overwritten).
fn take(s: &Summary) -> Result<(lock::SessionLock, Session), String> {
    let held = lock::acquire(&writer::lock_path(&s.path)).map_err(|e| format!("{}: {e}", s.id))?;
    if recovery::has_journal(&s.path) {
        return Err(format!("{}: changes wait in its journal; run `fieldnotes recover` first", s.id));
    }
    let session = load_session(&s.path).map_err(|e| e.to_string())?;
    Ok((held, session))
}

fn with_transcript(s: &Summary) -> Result<(Session, TranscriptLink, Transcript), String> {
    let session = load_session(&s.path).map_err(|e| e.to_string())?;
    let link = session.transcript.clone().ok_or_else(|| no_transcript(&s.id))?;
    let t = transcripts::read(&s.path, &link.file)?;
    Ok((session, link, t))
}

fn no_transcript(id: &str) -> String {
    format!("{id} has no transcript: `fieldnotes transcript import {id} FILE` attaches one")
}

fn first_sitting_quotes(session: &Session) -> impl Iterator<Item = (usize, &crate::domain::session::Note)> {
    session.notes.iter().enumerate().filter(|(_, n)| n.kind == Kind::Quote && n.sitting.unwrap_or(1) == 1)
}

fn offset_line(a: &Alignment) -> String {
    let o = ClockOffset(a.offset_seconds);
    if a.matched_notes == 0 {
        return "No note matched what was said: offset left at +00:00:00; set it with --offset.".into();
    }
    let sure = if a.confidence >= SURE_ENOUGH { "" } else { " Not sure: check a few notes, or set it with --offset." };
    format!(
        "Offset {o}, found from {} (confidence {:.0}%).{sure}",
        plural(a.matched_notes, "note"),
        a.confidence * 100.0
    )
}

fn speakers_line(t: &Transcript, interviewer: Option<&str>) -> String {
    let names: Vec<String> = t
        .speakers()
        .iter()
        .map(|s| if Some(*s) == interviewer { format!("{} (interviewer)", inert(s)) } else { inert(s).into_owned() })
        .collect();
    if names.is_empty() { "none named".into() } else { names.join(", ") }
}

fn verdict_line(id: &str, at: u32, text: &str, v: &Verdict) -> String {
    let mark = match v {
        Verdict::Verbatim { .. } => "said     ".to_string(),
        Verdict::Close { missing, .. } => format!("close    (not said: {})", inert(&missing.join(" "))),
        Verdict::NotFound => "NOT FOUND".to_string(),
    };
    format!("{id} {} {mark}  “{}”\n", clock(at), inert(text))
}
