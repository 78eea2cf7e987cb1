//! The user's `config.yaml`. Missing file: defaults. Broken file: an error
//! naming the line, because silently ignoring a setting is worse than stopping.
//! `fieldnotes config init` writes [`DEFAULT_CONFIG`], which documents every key.

use crate::store::yaml::{self, LoadError};
use crate::tui::keymap::{Keymap, Keys, Preset, Remaps};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The commented config file `fieldnotes config init` writes.
pub const DEFAULT_CONFIG: &str = include_str!("../../config.default.yaml");

/// Minutes before the planned end when the closing reminder shows, if the config says nothing.
pub const DEFAULT_CLOSING_REMINDER_MINUTES: u32 = 5;

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
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
    /// Where sessions live. `--data-dir` and `$FIELDNOTES_DATA_DIR` win over it.
    #[serde(default)]
    pub data_dir: Option<PathBuf>,
    /// The command that edits text (it may carry arguments, e.g. "code --wait");
    /// wins over `$VISUAL` and `$EDITOR`.
    #[serde(default)]
    pub editor: Option<String>,
    /// Extra keys on top of the defaults (`vim`), before `keymap` applies.
    #[serde(default)]
    pub keymap_preset: Option<Preset>,
    /// Screen (or group) → action name → key(s): replaces the action's keys there.
    #[serde(default)]
    pub keymap: Remaps,
    /// Mouse wheel and clicks (default on). Off leaves the mouse to the
    /// terminal, for selecting text without holding Shift.
    #[serde(default)]
    pub mouse: Option<bool>,
    /// `strict`: ask before a tag the library's codebook does not know is
    /// created on screen (`open`, the default, creates it at once).
    #[serde(default)]
    pub codebook: Option<CodebookMode>,
}

/// How the screens treat a tag the codebook does not know.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CodebookMode {
    /// New tags are created at once (they show as new in `fieldnotes codebook`).
    #[default]
    Open,
    /// Creating a tag the codebook does not know asks first.
    Strict,
}

impl Config {
    /// The editor command: `editor` here, else `$VISUAL`, else `$EDITOR`, else `vi`.
    pub fn editor_command(&self) -> String {
        let env = |k: &str| std::env::var(k).ok();
        self.editor_from(env)
    }

    fn editor_from(&self, env: impl Fn(&str) -> Option<String>) -> String {
        self.editor
            .clone()
            .into_iter()
            .chain(env("VISUAL"))
            .chain(env("EDITOR"))
            .find(|v| !v.trim().is_empty())
            .unwrap_or_else(|| "vi".into())
    }

    /// The keys in effect: defaults, preset, remaps. An error lists every
    /// problem (unknown names are caught earlier, with their line, by the parser).
    pub fn keymap(&self) -> Result<Keymap, String> {
        Keymap::from_config(self.keymap_preset.unwrap_or_default(), &self.keymap)
            .map_err(|problems| problems.join("\n"))
    }

    /// Whether the app takes the mouse (wheel and clicks).
    pub fn mouse(&self) -> bool {
        self.mouse.unwrap_or(true)
    }

    /// Every setting with its default filled in, as `config show` prints it.
    /// `data_dir` is the directory in use, which the caller resolved.
    pub fn effective(&self, data_dir: &Path) -> Result<Effective, String> {
        Ok(Effective {
            theme: self.theme.clone().unwrap_or_else(|| crate::tui::theme::DEFAULT_THEME.to_string()),
            default_guide: self
                .default_guide
                .clone()
                .unwrap_or_else(|| crate::store::guides::DEFAULT_GUIDE.to_string()),
            closing_reminder_minutes: self.closing_reminder_minutes.unwrap_or(DEFAULT_CLOSING_REMINDER_MINUTES),
            require_consent: self.require_consent,
            data_dir: data_dir.to_path_buf(),
            editor: self.editor_command(),
            mouse: self.mouse(),
            keymap_preset: self.keymap_preset.unwrap_or_default(),
            keymap: self.keymap()?.to_config(),
        })
    }
}

/// The configuration in effect: [`Config`] with no blanks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Effective {
    pub theme: String,
    pub default_guide: String,
    pub closing_reminder_minutes: u32,
    pub require_consent: bool,
    pub data_dir: PathBuf,
    pub editor: String,
    pub mouse: bool,
    pub keymap_preset: Preset,
    /// Every screen's keys, remaps and preset applied.
    pub keymap: BTreeMap<String, BTreeMap<String, Keys>>,
}

/// Problems found after parsing (one per line), each prefixed with the file.
pub fn in_file(path: &Path, problems: &str) -> String {
    problems.lines().map(|l| format!("{}: {l}", path.display())).collect::<Vec<_>>().join("\n")
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

/// Parses config text (`path` names the file in errors).
pub fn from_str(text: &str, path: &Path) -> Result<Config, LoadError> {
    if text.trim().is_empty() {
        return Ok(Config::default());
    }
    yaml::from_str(text, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codebook_strict_or_open() {
        let c = from_str("codebook: strict\n", Path::new("c.yaml")).unwrap();
        assert_eq!(c.codebook, Some(CodebookMode::Strict));
        assert_eq!(from_str("codebook: open\n", Path::new("c.yaml")).unwrap().codebook, Some(CodebookMode::Open));
        assert!(from_str("codebook: maybe\n", Path::new("c.yaml")).is_err());
    }

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

    #[test]
    fn the_default_file_parses_to_the_defaults() {
        let c = from_str(DEFAULT_CONFIG, Path::new("config.default.yaml")).unwrap_or_else(|e| panic!("{e}"));
        // The commented-out example is a working keymap too.
        let example: String = DEFAULT_CONFIG
            .lines()
            .skip_while(|l| *l != "# keymap:")
            .map(|l| l.strip_prefix("# ").unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        let with_example = from_str(&example, Path::new("example")).unwrap_or_else(|e| panic!("{e}\n{example}"));
        with_example.keymap().unwrap();
        let data = Path::new("/data");
        assert_eq!(c.effective(data).unwrap(), Config::default().effective(data).unwrap());
        assert!(c.keymap.is_empty() && c.data_dir.is_none() && c.editor.is_none());
    }

    #[test]
    fn the_default_file_documents_every_key() {
        for key in
            ["theme", "default_guide", "closing_reminder_minutes", "require_consent", "data_dir", "editor", "keymap"]
                .into_iter()
                .chain(["keymap_preset", "mouse"])
        {
            assert!(DEFAULT_CONFIG.contains(&format!("{key}:")), "config.default.yaml says nothing about {key}");
        }
    }

    #[test]
    fn new_keys_load() {
        let text = "data_dir: /srv/notes\neditor: code --wait\nkeymap:\n  review:\n    next-note: j\n";
        let c = from_str(text, Path::new("config.yaml")).unwrap();
        assert_eq!(c.data_dir.as_deref(), Some(Path::new("/srv/notes")));
        assert_eq!(c.editor_from(|_| Some("nano".into())), "code --wait");
        let review = crate::tui::keymap::Scope::parse("review").unwrap();
        let next_note = crate::tui::keymap::ActionName::parse("next-note").unwrap();
        assert_eq!(c.keymap[&review][&next_note].0, vec![crate::tui::keymap::Key::parse("j").unwrap()]);
        let none = Config::default();
        assert_eq!(none.editor_from(|k| (k == "EDITOR").then(|| "nano".into())), "nano");
        assert_eq!(none.editor_from(|_| Some(" ".into())), "vi");
    }
}
