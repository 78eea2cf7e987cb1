//! `fieldnotes guide lint|import|export`.

use crate::cli::GuideCommand;
use crate::paths::Paths;

/// Runs a guide command; returns the process exit code.
pub fn run(_paths: &Paths, cmd: GuideCommand) -> Result<i32, String> {
    Err(format!("{cmd:?}: not available yet"))
}
