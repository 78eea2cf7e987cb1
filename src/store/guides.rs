//! Finding and loading guides: the built-in ones embedded in the binary, and
//! the user's own in the config dir's `guides/` folder (which win on a name clash).

use super::yaml::{self, LoadError};
use crate::domain::guide::Guide;
use std::path::{Path, PathBuf};

pub const DEFAULT_GUIDE: &str = "discovery";

/// The sample guides, embedded so an installed binary has them.
pub const BUILTIN: &[(&str, &str)] = &[
    ("discovery", include_str!("../../sample-guides/discovery.yaml")),
    ("usability", include_str!("../../sample-guides/usability.yaml")),
    ("churn", include_str!("../../sample-guides/churn.yaml")),
    ("problem-validation", include_str!("../../sample-guides/problem-validation.yaml")),
];

#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Builtin,
    File(PathBuf),
}

/// One guide offered to the user, loaded or with the reason it could not be.
#[derive(Debug, Clone)]
pub struct GuideEntry {
    pub name: String,
    pub source: Source,
    pub guide: Result<Guide, LoadError>,
}

fn finish(mut guide: Guide, name: &str, path: &Path) -> Result<Guide, LoadError> {
    guide.name = name.to_string();
    guide.assign_ids();
    guide.validate().map_err(|m| LoadError::new(path, m))?;
    Ok(guide)
}

pub fn parse_builtin(name: &str) -> Option<Result<Guide, LoadError>> {
    let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
    let path = PathBuf::from(format!("<built-in>/{name}.yaml"));
    Some(yaml::from_str::<Guide>(text, &path).and_then(|g| finish(g, name, &path)))
}

pub fn load_file(path: &Path) -> Result<Guide, LoadError> {
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    yaml::read_file::<Guide>(path).and_then(|g| finish(g, &name, path))
}

/// Resolves what the user typed after `--guide`: a path to a file if it looks
/// like one or exists, else a guide name (user folder first, then built-in).
pub fn resolve(spec: &str, user_dir: &Path) -> Result<Guide, LoadError> {
    let as_path = Path::new(spec);
    if spec.contains('/') || spec.ends_with(".yaml") || spec.ends_with(".yml") || as_path.is_file() {
        return load_file(as_path);
    }
    for ext in ["yaml", "yml"] {
        let candidate = user_dir.join(format!("{spec}.{ext}"));
        if candidate.is_file() {
            return load_file(&candidate);
        }
    }
    parse_builtin(spec).unwrap_or_else(|| {
        let known: Vec<String> = list(user_dir).into_iter().map(|e| e.name).collect();
        Err(LoadError::new(Path::new(spec), format!("no guide named {spec:?}; known guides: {}", known.join(", "))))
    })
}

/// Every guide on offer: user guides first (sorted), then the built-in ones
/// they do not override.
pub fn list(user_dir: &Path) -> Vec<GuideEntry> {
    let mut entries: Vec<GuideEntry> = Vec::new();
    if let Ok(read) = std::fs::read_dir(user_dir) {
        let mut paths: Vec<PathBuf> = read
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
            .collect();
        paths.sort();
        for path in paths {
            let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            entries.push(GuideEntry { name, guide: load_file(&path), source: Source::File(path) });
        }
    }
    for (name, _) in BUILTIN {
        if !entries.iter().any(|e| e.name == *name) {
            let guide = parse_builtin(name).expect("listed built-in");
            entries.push(GuideEntry { name: name.to_string(), source: Source::Builtin, guide });
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_guide_parses_and_is_usable() {
        for (name, _) in BUILTIN {
            let guide = parse_builtin(name).unwrap().unwrap_or_else(|e| panic!("{e}"));
            assert!(guide.question_count() >= 8, "{name} is too short");
            assert_eq!(guide.sections.first().map(|s| s.title.to_lowercase().contains("warm")), Some(true), "{name}");
            assert!(!guide.tags.is_empty(), "{name} suggests no tags");
            let budgets: u32 = guide.sections.iter().filter_map(|s| s.budget).sum();
            assert!(budgets <= guide.duration.unwrap(), "{name}: budgets exceed duration");
            for tag in &guide.tags {
                assert!(crate::domain::note::is_valid_tag(tag), "{name}: bad tag {tag}");
            }
        }
    }

    #[test]
    fn unknown_guide_name_lists_known_ones() {
        let dir = tempfile::tempdir().unwrap();
        let err = resolve("nope", dir.path()).unwrap_err();
        assert!(err.message.contains("discovery"), "{err}");
    }

    #[test]
    fn broken_guide_names_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.yaml");
        std::fs::write(
            &path,
            "title: Bad\nsections:\n  - title: One\n    questions:\n      - text: fine\n        probs: [typo]\n",
        )
        .unwrap();
        let err = resolve(path.to_str().unwrap(), dir.path()).unwrap_err();
        assert_eq!(err.line, Some(6), "{err}");
        assert!(err.column.is_some(), "{err}");
        assert!(err.to_string().starts_with(&format!("{}:6:", path.display())), "{err}");
    }

    #[test]
    fn user_guide_overrides_builtin_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("discovery.yaml"),
            "title: Ours\nsections:\n  - title: Only\n    questions: [What brings you here?]\n",
        )
        .unwrap();
        let g = resolve("discovery", dir.path()).unwrap();
        assert_eq!(g.title, "Ours");
        assert_eq!(g.sections[0].questions[0].id, "1.1");
        let listed = list(dir.path());
        assert_eq!(listed.iter().filter(|e| e.name == "discovery").count(), 1);
    }
}
