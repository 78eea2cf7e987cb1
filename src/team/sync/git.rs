//! The git plumbing: running the system `git` in the data dir (arguments as
//! they are, never through a shell, with git's own variables cleared), the
//! answers it gives, and its errors in words. Separate from what `sync` does
//! with them, so the commands read as steps.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The system git, run in the data dir.
pub(super) struct Git {
    pub(super) dir: PathBuf,
}

/// Where the current branch pulls from and pushes to.
pub(super) struct Remote {
    pub(super) name: String,
    /// The branch on the remote, as a full ref (`refs/heads/main`).
    pub(super) merge: String,
    /// Whether the branch's upstream is in git's config (else: set on push).
    pub(super) configured: bool,
}

impl Remote {
    pub(super) fn branch(&self) -> &str {
        self.merge.strip_prefix("refs/heads/").unwrap_or(&self.merge)
    }
}

pub(super) struct Committed {
    pub(super) sessions: usize,
    /// Study and people files (`study.yaml`, `studies/`, `people/`).
    pub(super) study: usize,
    /// Whether the commit holds the codebook.
    pub(super) codebook: bool,
    pub(super) hash: String,
}

impl Git {
    pub(super) fn new(dir: &Path) -> Git {
        Git { dir: dir.to_path_buf() }
    }

    pub(super) fn output<I, S>(&self, args: I) -> Result<Output, String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new("git");
        // Paths are file names, never patterns: `a*.yaml` means that one file.
        cmd.arg("-C").arg(&self.dir).arg("--literal-pathspecs").args(args).stdin(Stdio::null());
        clear_git_env(&mut cmd);
        cmd.output().map_err(spawn_error)
    }

    /// Standard output of a command that must succeed.
    pub(super) fn read<I, S>(&self, args: I) -> Result<String, String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let args: Vec<S> = args.into_iter().collect();
        let out = self.output(&args)?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            let shown: Vec<String> = args.iter().map(|a| a.as_ref().to_string_lossy().into_owned()).collect();
            Err(failed(&format!("git {}", shown.join(" ")), &out))
        }
    }

    /// Standard output of a command, or `None` when it fails (a question git answers with its exit code).
    pub(super) fn ask<I, S>(&self, args: I) -> Result<Option<String>, String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let out = self.output(args)?;
        Ok(out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string()))
    }

    pub(super) fn check_installed(&self) -> Result<(), String> {
        let mut cmd = Command::new("git");
        cmd.arg("--version").stdin(Stdio::null());
        let out = cmd.output().map_err(spawn_error)?;
        if out.status.success() { Ok(()) } else { Err(failed("git --version", &out)) }
    }

    pub(super) fn head(&self) -> Result<Option<String>, String> {
        self.ask(["rev-parse", "--quiet", "--verify", "HEAD^{commit}"])
    }

    /// Whether the remote has the branch (an error: it cannot be reached).
    pub(super) fn remote_branch_exists(&self, remote: &Remote) -> Result<bool, String> {
        let out = self.output(["ls-remote", "--exit-code", "--heads", &remote.name, &remote.merge])?;
        match out.status.code() {
            Some(0) => Ok(true),
            // ls-remote's answer for "no such ref".
            Some(2) => Ok(false),
            _ => Err(failed(&format!("git ls-remote {}", remote.name), &out)),
        }
    }

    /// Commits on HEAD the remote-tracking branch does not have, if git knows.
    pub(super) fn ahead(&self, remote: &Remote) -> Result<Option<usize>, String> {
        let tracking = format!("refs/remotes/{}/{}", remote.name, remote.branch());
        Ok(self.ask(["rev-list", "--count", &format!("{tracking}..HEAD")])?.and_then(|n| n.parse().ok()))
    }

    /// A path git printed (relative to the data dir, or absolute), made absolute.
    pub(super) fn path(&self, printed: &str) -> PathBuf {
        let p = Path::new(printed);
        if p.is_absolute() { p.to_path_buf() } else { self.dir.join(p) }
    }
}

pub(super) fn status_paths(porcelain_z: &str) -> Vec<String> {
    split_z(porcelain_z).filter_map(|entry| entry.get(3..)).map(str::to_string).collect()
}

/// `git diff --name-status -z` output as (status letter, path).
pub(super) fn name_status(out: &str) -> Vec<(char, String)> {
    let mut fields = split_z(out);
    let mut v = Vec::new();
    while let (Some(st), Some(path)) = (fields.next(), fields.next()) {
        v.push((st.chars().next().unwrap_or('M'), path.to_string()));
    }
    v
}

/// Variables that would point git somewhere other than `-C <data dir>`.
pub(super) fn clear_git_env(cmd: &mut Command) {
    for var in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX"] {
        cmd.env_remove(var);
    }
}

pub(super) fn spawn_error(e: std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "git is not installed (or not on PATH): team sync uses the system git; install it (https://git-scm.com) and try again"
            .to_string()
    } else {
        format!("cannot run git: {e}")
    }
}

/// Git's own words, after what we asked it.
pub(super) fn failed(what: &str, out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr);
    let err = err.trim();
    let err = if err.is_empty() { String::from_utf8_lossy(&out.stdout).trim().to_string() } else { err.to_string() };
    format!("`{what}` failed:\n{}", indent(&err.lines().map(str::to_string).collect::<Vec<_>>()))
}

pub(super) fn with_paths<'a>(args: &[&'a str], paths: &'a [String]) -> Vec<&'a OsStr> {
    args.iter().map(|a| OsStr::new(*a)).chain(paths.iter().map(OsStr::new)).collect()
}

pub(super) fn split_z(s: &str) -> impl Iterator<Item = &str> {
    s.split('\0').filter(|f| !f.is_empty())
}

pub(super) fn indent(lines: &[String]) -> String {
    lines.iter().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n")
}

/// One line of text from a file: control characters (newlines too) become spaces.
pub(super) fn clean(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_string()
}

/// A path as a shell would need it typed.
pub(super) fn quote(p: &Path) -> String {
    let s = p.display().to_string();
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+=:@,%".contains(c)) {
        s
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_paths_are_made_safe_to_show() {
        assert_eq!(clean("Ana\nLópez\u{1b}"), "Ana López");
        assert_eq!(quote(Path::new("/tmp/a-b")), "/tmp/a-b");
        assert_eq!(quote(Path::new("/tmp/it's here")), r"'/tmp/it'\''s here'");
        assert_eq!(
            name_status("A\0sessions/a.yaml\0D\0sessions/b.yaml\0"),
            vec![('A', "sessions/a.yaml".to_string()), ('D', "sessions/b.yaml".to_string())]
        );
    }
}
