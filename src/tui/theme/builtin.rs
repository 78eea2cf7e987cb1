//! The themes on offer: the built-in ones (compiled in from `themes/`) and
//! the user's files, listed with where each comes from and whether it loads.
//! Apart from reading one theme, which [`file`](super::file) does.

use super::colors::ColorSupport;
use super::file::{ThemeFile, load_for};
use crate::store::yaml::{self, LoadError};
use std::path::{Path, PathBuf};

pub const BUILTIN: &[(&str, &str)] = &[
    ("dark", include_str!("../../../themes/dark.yaml")),
    ("light", include_str!("../../../themes/light.yaml")),
    ("high-contrast", include_str!("../../../themes/high-contrast.yaml")),
    ("solarized-dark", include_str!("../../../themes/solarized-dark.yaml")),
    ("solarized-light", include_str!("../../../themes/solarized-light.yaml")),
    ("okabe-ito", include_str!("../../../themes/okabe-ito.yaml")),
];

/// The names of every theme on offer: built-in and the user's.
pub fn names(user_dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
    let mut user: Vec<String> = Vec::new();
    if let Ok(read) = std::fs::read_dir(user_dir) {
        for p in read.filter_map(|e| e.ok().map(|e| e.path())) {
            if p.extension().and_then(|e| e.to_str()) == Some("yaml")
                && let Some(stem) = p.file_stem().and_then(|s| s.to_str())
                && !names.iter().any(|n| n == stem)
            {
                user.push(stem.to_string());
            }
        }
    }
    user.sort();
    names.extend(user);
    names
}

/// Where a theme on offer comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Builtin,
    /// A file in the user's `themes/` dir.
    User(PathBuf),
    /// A user file with the name of a built-in, which it replaces.
    Replaces(PathBuf),
}

/// One theme on offer, for listings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeInfo {
    pub name: String,
    pub source: Source,
    pub description: Option<String>,
    pub parent: Option<String>,
    /// Why the theme does not load, if it does not.
    pub problem: Option<String>,
}

/// Every theme on offer, built-in first, each checked by loading it.
pub fn list(user_dir: &Path) -> Vec<ThemeInfo> {
    names(user_dir)
        .into_iter()
        .map(|name| {
            let user = user_dir.join(format!("{name}.yaml"));
            let builtin = BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
            let source = match (user.is_file(), builtin.is_some()) {
                (true, true) => Source::Replaces(user.clone()),
                (true, false) => Source::User(user.clone()),
                _ => Source::Builtin,
            };
            let file: Result<ThemeFile, LoadError> = match &source {
                Source::Builtin => yaml::from_str(builtin.unwrap_or_default(), Path::new(&name)),
                Source::User(p) | Source::Replaces(p) => yaml::read_file(p),
            };
            let (description, parent) = match &file {
                Ok(f) => (f.description.clone(), f.parent.clone()),
                Err(_) => (None, None),
            };
            let problem = load_for(&name, user_dir, ColorSupport::Full).err().map(|e| e.to_string());
            ThemeInfo { name, source, description, parent, problem }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::{ROLES, load};

    #[test]
    fn every_builtin_theme_loads_and_sets_every_role() {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in BUILTIN {
            load(name, dir.path(), false).unwrap_or_else(|e| panic!("{e}"));
            let file: ThemeFile = yaml::from_str(text, Path::new(name)).unwrap();
            assert_eq!(file.roles.len(), ROLES.len(), "{name} should set every role");
        }
    }

    #[test]
    fn every_builtin_file_says_what_it_is_for() {
        for (name, text) in BUILTIN {
            let first = text.lines().next().unwrap_or_default();
            assert!(
                first.starts_with("# ") && first.len() > 20,
                "{name}: first line should be a comment on its intent"
            );
            let file: ThemeFile = yaml::from_str(text, Path::new(name)).unwrap();
            assert_eq!(file.name.as_deref(), Some(*name));
            assert!(file.description.is_some(), "{name}");
        }
    }
}
