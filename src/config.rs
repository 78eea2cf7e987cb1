//! The user's `config.yaml`. Missing file: defaults. Broken file: an error
//! naming the line, because silently ignoring a setting is worse than stopping.

use crate::store::yaml::{self, LoadError};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Colour theme name (built-in or in the config dir's `themes/`).
    #[serde(default)]
    pub theme: Option<String>,
    /// Guide used by `new` without `--guide` and preselected in the form.
    #[serde(default)]
    pub default_guide: Option<String>,
    /// Minutes before the guide's planned end when the live screen reminds
    /// you to ask the closing question (default 5).
    #[serde(default)]
    pub closing_reminder_minutes: Option<u32>,
    /// Ask for consent before every interview, whatever the guide says.
    #[serde(default)]
    pub require_consent: bool,
}

pub fn load(path: &Path) -> Result<Config, LoadError> {
    if !path.exists() {
        return Ok(Config::default());
    }
    // An empty file is a valid "no settings".
    if std::fs::metadata(path).map(|m| m.len() == 0).unwrap_or(false) {
        return Ok(Config::default());
    }
    yaml::read_file(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_empty_and_bad_configs() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("config.yaml");
        assert_eq!(load(&p).unwrap(), Config::default());
        std::fs::write(&p, "").unwrap();
        assert_eq!(load(&p).unwrap(), Config::default());
        std::fs::write(&p, "theme: light\n").unwrap();
        assert_eq!(load(&p).unwrap().theme.as_deref(), Some("light"));
        std::fs::write(&p, "theme: light\nthem: dark\n").unwrap();
        let e = load(&p).unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
    }
}
