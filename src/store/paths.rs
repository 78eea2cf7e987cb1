//! Where fieldnotes keeps things: a flag wins over the environment, which wins
//! over the platform's usual place (XDG on Linux, via `directories`).

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
}

impl Paths {
    pub fn resolve(data_flag: Option<PathBuf>, config_flag: Option<PathBuf>) -> Result<Paths, String> {
        let dirs = directories::ProjectDirs::from("", "", "fieldnotes");
        let from_env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        let data_dir = data_flag
            .or_else(|| from_env("FIELDNOTES_DATA_DIR"))
            .or_else(|| dirs.as_ref().map(|d| d.data_dir().to_path_buf()))
            .ok_or("no home directory found: pass --data-dir or set FIELDNOTES_DATA_DIR")?;
        let config_dir = config_flag
            .or_else(|| from_env("FIELDNOTES_CONFIG_DIR"))
            .or_else(|| dirs.as_ref().map(|d| d.config_dir().to_path_buf()))
            .ok_or("no home directory found: pass --config-dir or set FIELDNOTES_CONFIG_DIR")?;
        Ok(Paths { data_dir, config_dir })
    }

    pub fn sessions_dir(&self) -> PathBuf {
        self.data_dir.join("sessions")
    }

    pub fn session_file(&self, id: &str) -> PathBuf {
        session_file_in(&self.sessions_dir(), id)
    }

    pub fn guides_dir(&self) -> PathBuf {
        self.config_dir.join("guides")
    }

    pub fn themes_dir(&self) -> PathBuf {
        self.config_dir.join("themes")
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.yaml")
    }

    /// The team's codebook, at the library root beside `sessions/` so it is
    /// synced and versioned with the interviews.
    pub fn codebook_file(&self) -> PathBuf {
        self.data_dir.join(crate::domain::codebook::FILE_NAME)
    }
}

pub fn session_file_in(sessions_dir: &Path, id: &str) -> PathBuf {
    sessions_dir.join(format!("{id}.yaml"))
}

/// Where a session's journal and lock live: a hidden folder beside the
/// session files, so `git add sessions/` can ignore it with one line.
pub fn state_dir(yaml_path: &Path) -> PathBuf {
    yaml_path.parent().unwrap_or(Path::new(".")).join(".fieldnotes")
}

fn stem(yaml_path: &Path) -> String {
    yaml_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

pub fn journal_path(yaml_path: &Path) -> PathBuf {
    state_dir(yaml_path).join(format!("{}.journal", stem(yaml_path)))
}

pub fn lock_path(yaml_path: &Path) -> PathBuf {
    state_dir(yaml_path).join(format!("{}.lock", stem(yaml_path)))
}
