//! Transcripts of the recording, without I/O: reading the formats meeting
//! tools export (`parse` detects which, `vtt`, `srt`, `otter`, `lines` read
//! them), the normal form kept beside a session (`vtt::write`), the words
//! matching compares (`words`), finding the offset between the interview
//! clock and the recording's from the notes (`align`), and checking that a
//! quote was said (`quotes`); a library's transcripts and the one verdict
//! per quote every screen and report shows (`marks`); transcript lines in a
//! search (`search`); the listening coach (`coach`) and its lines for a
//! wrap-up (`coach_lines`).

pub mod align;
pub mod coach;
pub mod coach_lines;
pub mod lines;
pub mod marks;
pub mod otter;
pub mod parse;
pub mod quotes;
pub mod search;
pub mod speakers;
pub mod srt;
pub mod vtt;
pub mod words;
