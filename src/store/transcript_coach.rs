//! The listening coach's lines for an interview whose transcript is
//! attached, read from disk once when the interview is opened (so the
//! wrap-up shows them without any key waiting on a file): the transcript
//! beside the session, and the user's linter rules.

use super::{lint_rules, transcripts};
use crate::analysis::transcript::coach::coach;
use crate::analysis::transcript::coach_lines::wrap_up_lines;
use crate::analysis::transcript::speakers::likely_interviewer;
use crate::domain::session::Session;
use crate::domain::transcript::{Transcript, TranscriptLink};
use std::path::Path;

/// The coach's lines, or none when the interview has no transcript, its
/// interviewer cannot be told, or a file cannot be read (the wrap-up then
/// simply has no coach; `transcript stats` says why).
pub fn wrap_up_coach(session_path: &Path, session: &Session, config_dir: &Path) -> Vec<String> {
    let Some(link) = &session.transcript else { return Vec::new() };
    let Ok(t) = transcripts::read(session_path, &link.file) else { return Vec::new() };
    coach_lines(&t, link, config_dir)
}

/// The coach's lines for a transcript already read (the session view reads
/// it once for its pane): the interviewer named in the link, else guessed;
/// the questions flagged by the user's linter rules, as `transcript stats`.
pub fn coach_lines(t: &Transcript, link: &TranscriptLink, config_dir: &Path) -> Vec<String> {
    let Some(interviewer) = link.interviewer.clone().or_else(|| likely_interviewer(t)) else { return Vec::new() };
    let rules = lint_rules::load(config_dir).unwrap_or_else(|_| crate::analysis::lint::Rules::builtin());
    wrap_up_lines(&coach(t, &interviewer, &rules), &interviewer)
}
