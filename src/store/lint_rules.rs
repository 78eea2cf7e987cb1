//! A team's own lint rules: reads `lint-rules.yaml` from the config dir and
//! hands its text to the pure [`Rules::parse`]. Here, not in `analysis::lint`,
//! because reading the disk belongs to the store.

use crate::analysis::lint::Rules;
use crate::store::yaml::{self, LoadError};
use std::path::{Path, PathBuf};

/// The file in the config dir with a team's own rules.
pub const USER_RULES_FILE: &str = "lint-rules.yaml";

/// The built-in rules with the user's `<config_dir>/lint-rules.yaml`, if
/// there is one: its rules are added, or replace a built-in rule of the same id.
pub fn load(config_dir: &Path) -> Result<Rules, LoadError> {
    let mut rules = Rules::builtin();
    let path: PathBuf = config_dir.join(USER_RULES_FILE);
    if path.exists() {
        // A FIFO or device under that name would block: regular files of a sane size only.
        let meta = std::fs::metadata(&path).map_err(|e| LoadError::new(&path, e.to_string()))?;
        if !meta.is_file() || meta.len() > yaml::MAX_FILE_BYTES {
            return Err(LoadError::new(&path, "not a regular file of a readable size"));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| LoadError::new(&path, e.to_string()))?;
        rules.extend(Rules::parse(&text, &path)?);
    }
    Ok(rules)
}
