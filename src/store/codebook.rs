//! Reading and writing the library's `codebook.yaml`: read within the file
//! budgets of every YAML file (errors name the line and column), written
//! atomically. A library without the file simply has no codebook.

use crate::domain::codebook::{Codebook, FILE_NAME};
use crate::store::disk::{RealDisk, write_atomic};
use crate::store::yaml::{self, LoadError};
use std::path::{Path, PathBuf};

/// Where the codebook of the library in `data_dir` lives.
pub fn path_in(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE_NAME)
}

/// The codebook at `path`, or `None` when there is no file there.
pub fn load(path: &Path) -> Result<Option<Codebook>, LoadError> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(LoadError::new(path, e.to_string())),
        Ok(_) => {}
    }
    yaml::read_file(path).map(Some)
}

/// Writes the codebook atomically (a crash leaves the old file or the new, never half of one).
pub fn save(path: &Path, codebook: &Codebook) -> Result<(), String> {
    let text = yaml::to_string(codebook)?;
    yaml::check_readable(&text)?;
    write_atomic(path, text.as_bytes(), &mut RealDisk, |_| Ok(())).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes a codebook where there is none yet; refuses to replace one unless `force`.
pub fn create(path: &Path, codebook: &Codebook, force: bool) -> Result<(), String> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(format!(
            "{} already exists; pass --force to replace it",
            crate::text::out::inert(&path.display().to_string())
        ));
    }
    save(path, codebook)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codebook::Code;

    #[test]
    fn no_file_is_no_codebook() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(&path_in(dir.path())).unwrap(), None);
    }

    #[test]
    fn save_then_load_gives_it_back_with_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_in(dir.path());
        std::fs::write(&path, "codes:\n  - name: pricing\n    aliases: [price]\n    owner: ana\nversion: 2\n").unwrap();
        let mut cb = load(&path).unwrap().unwrap();
        cb.codes.push(Code::named("trust"));
        save(&path, &cb).unwrap();
        let again = load(&path).unwrap().unwrap();
        assert_eq!(again, cb);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("owner: ana") && text.contains("version: 2"), "{text}");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left behind");
    }

    #[test]
    fn a_broken_file_is_an_error_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_in(dir.path());
        std::fs::write(&path, "codes:\n  - name: a\n    aliases: 3\n").unwrap();
        let err = load(&path).unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
        assert!(err.to_string().contains(FILE_NAME), "{err}");
    }

    #[test]
    fn a_folder_or_huge_file_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_in(dir.path());
        std::fs::create_dir(&path).unwrap();
        assert!(load(&path).unwrap_err().message.contains("not a regular file"));
        std::fs::remove_dir(&path).unwrap();
        let f = std::fs::File::create(&path).unwrap();
        f.set_len(yaml::MAX_FILE_BYTES + 1).unwrap();
        assert!(load(&path).unwrap_err().message.contains("larger than"));
    }

    #[test]
    fn create_never_replaces_a_codebook_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_in(dir.path());
        std::fs::write(&path, "codes: [{name: mine}]\n").unwrap();
        let proposed = Codebook { codes: vec![Code::named("other")], ..Codebook::default() };
        assert!(create(&path, &proposed, false).unwrap_err().contains("--force"));
        assert_eq!(load(&path).unwrap().unwrap().codes[0].name, "mine");
        create(&path, &proposed, true).unwrap();
        assert_eq!(load(&path).unwrap().unwrap().codes[0].name, "other");
    }
}
