//! The team library as a git repository: the checks before a sync (its own
//! repository, nothing left half done, no session open or with a journal),
//! the `.gitignore` that keeps journals and locks out, what is staged and
//! committed, what a pull brought and what a push would send.

use super::git::{
    Committed, Git, Remote, clean, failed, indent, name_status, quote, split_z, status_paths, with_paths,
};
use crate::store::library;
use crate::store::lock::{self, LockError, SessionLock};
use crate::store::paths::Paths;
use crate::store::writer;
/// The codebook, relative to the library root as git names it.
const CODEBOOK: &str = crate::domain::codebook::FILE_NAME;
use crate::text::counts::plural;
use std::collections::BTreeSet;
use std::path::Path;

/// Appended to `sessions/.gitignore` when it does not ignore the state folder
/// (the same lines the writer puts in a new one).
pub(super) const IGNORE_LINES: &str = "# fieldnotes: journals and locks of open sessions, per machine\n.fieldnotes/\n";

/// The data dir itself must be a work tree's top: a library inside some
/// other repository (a home folder kept in git, say) is not a team library.
pub(super) fn own_repository(git: &Git, dir: &Path) -> Result<(), String> {
    let not_a_library = || {
        format!(
            "not a team library: {} is not a git repository; run `fieldnotes init-team URL`, or `git init` in {}",
            dir.display(),
            dir.display()
        )
    };
    if !dir.is_dir() {
        return Err(not_a_library());
    }
    let Some(top) = git.ask(["rev-parse", "--show-toplevel"])? else {
        return Err(not_a_library());
    };
    let same = match (std::fs::canonicalize(&top), std::fs::canonicalize(dir)) {
        (Ok(a), Ok(b)) => a == b,
        _ => Path::new(&top) == dir,
    };
    if !same {
        return Err(format!(
            "not a team library: {} is inside the git repository {}, not a repository of its own; \
             run `fieldnotes init-team URL` with another data dir, or `git init` in {}",
            dir.display(),
            top,
            dir.display()
        ));
    }
    Ok(())
}

/// A rebase or merge git left half done (by an earlier sync, or by hand):
/// the message saying how to finish it.
pub(super) fn unfinished(git: &Git) -> Result<Option<String>, String> {
    let in_progress = |name: &str| -> Result<bool, String> {
        Ok(git.ask(["rev-parse", "--git-path", name])?.is_some_and(|p| git.path(&p).exists()))
    };
    let conflicted = conflicted_files(git)?;
    let cd = format!("cd {}", quote(&git.dir));
    if in_progress("rebase-merge")? || in_progress("rebase-apply")? {
        let mut msg = String::new();
        if conflicted.is_empty() {
            msg.push_str("sync stopped: a rebase is in progress in the team library.\n");
        } else {
            msg.push_str(
                "sync stopped: a teammate changed the same lines as you, and git could not combine them.\n\
                 Conflicted files:\n",
            );
            msg.push_str(&indent(&conflicted));
            msg.push('\n');
        }
        msg.push_str(&format!(
            "Git is replaying your commit on top of the team's (a rebase in progress). To finish:\n  \
             {cd}\n  \
             1. edit each conflicted file: keep the right lines, delete the <<<<<<< ======= >>>>>>> markers\n  \
             2. git add {}\n  \
             3. git rebase --continue\n  \
             4. fieldnotes sync    (to push)\n\
             Or go back to how things were before the pull: git rebase --abort",
            if conflicted.is_empty() { "FILE…".to_string() } else { conflicted.join(" ") }
        ));
        return Ok(Some(msg));
    }
    if in_progress("MERGE_HEAD")? {
        let files =
            if conflicted.is_empty() { String::new() } else { format!("Conflicted files:\n{}\n", indent(&conflicted)) };
        return Ok(Some(format!(
            "sync stopped: a git merge is in progress in the team library.\n{files}\
             Finish it ({cd}; fix the files, `git add` them, `git commit`) or undo it (`git merge --abort`), \
             then run `fieldnotes sync` again"
        )));
    }
    Ok(None)
}

pub(super) fn conflicted_files(git: &Git) -> Result<Vec<String>, String> {
    let out = git.ask(["diff", "--name-only", "--diff-filter=U", "-z"])?.unwrap_or_default();
    Ok(split_z(&out).map(str::to_string).collect::<BTreeSet<_>>().into_iter().collect())
}

/// Takes every session's lock, and refuses if a session is open in a running
/// fieldnotes or has a journal to recover: sync must never commit a
/// half-written state.
pub(super) fn hold_every_session(sessions_dir: &Path) -> Result<Vec<SessionLock>, String> {
    let mut stems: BTreeSet<String> = library::session_paths(sessions_dir)
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    // A journal or lock without its YAML yet (a session never saved) counts too.
    if let Ok(read) = std::fs::read_dir(writer::state_dir(&sessions_dir.join("x.yaml"))) {
        for path in read.filter_map(|e| e.ok().map(|e| e.path())) {
            if matches!(path.extension().and_then(|e| e.to_str()), Some("journal" | "lock"))
                && let Some(stem) = path.file_stem()
            {
                stems.insert(stem.to_string_lossy().into_owned());
            }
        }
    }
    let mut held = Vec::new();
    let mut open = Vec::new();
    for stem in stems {
        let yaml = crate::store::paths::session_file_in(sessions_dir, &stem);
        match lock::acquire(&writer::lock_path(&yaml)) {
            Ok(l) => held.push(l),
            Err(LockError::Held { pid }) => {
                open.push(match pid {
                    Some(pid) => format!("{stem} (process {pid})"),
                    None => stem,
                });
                continue;
            }
            Err(LockError::Io(e)) => return Err(format!("{stem}: cannot lock the session: {e}")),
        }
    }
    if !open.is_empty() {
        return Err(format!(
            "not syncing: open in a running fieldnotes:\n{}\nclose it there first (sync never commits a half-written session)",
            indent(&open)
        ));
    }
    crate::store::recovery::refuse_library_change_while_journals(sessions_dir, "syncing")?;
    Ok(held)
}

/// Makes sure `sessions/.gitignore` keeps the state folder out of git.
/// Returns whether it had to change.
pub(super) fn ensure_gitignore(sessions_dir: &Path) -> Result<bool, String> {
    let path = sessions_dir.join(".gitignore");
    let cannot = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    std::fs::create_dir_all(sessions_dir).map_err(|e| format!("cannot create {}: {e}", sessions_dir.display()))?;
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let ignored = text.lines().map(str::trim).any(|l| {
        let l = l.strip_prefix('/').unwrap_or(l);
        matches!(l, ".fieldnotes" | ".fieldnotes/" | ".fieldnotes/*" | ".fieldnotes/**")
    });
    if ignored {
        return Ok(false);
    }
    let sep = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
    std::fs::write(&path, format!("{text}{sep}{IGNORE_LINES}")).map_err(cannot)?;
    Ok(true)
}

/// Whether a path (relative to the data dir, `/`-separated as git prints it)
/// is one sync commits: a session file, the sessions' `.gitignore`, the
/// team's codebook at the library root, or a study file (`study.yaml`,
/// `studies/NAME.yaml`, `people/ID.yaml`).
pub(super) fn library_file(path: &str) -> bool {
    if path == CODEBOOK || study_file(path) {
        return true;
    }
    let Some(name) = path.strip_prefix("sessions/") else { return false };
    // Sessions, and the transcripts kept beside them (`ID.vtt`).
    let shared = name.ends_with(".yaml") || name.ends_with(".vtt");
    !name.contains('/') && (name == ".gitignore" || (shared && !name.starts_with('.')))
}

/// The folders and file of the study beside the sessions, as git pathspecs.
pub(super) const STUDY_PATHS: [&str; 3] = ["study.yaml", "studies", "people"];

/// `study.yaml`, or a YAML file directly in `studies/` or `people/`, not hidden.
fn study_file(path: &str) -> bool {
    if path == "study.yaml" {
        return true;
    }
    ["studies/", "people/"].iter().any(|dir| {
        path.strip_prefix(dir).is_some_and(|n| n.ends_with(".yaml") && !n.contains('/') && !n.starts_with('.'))
    })
}

/// A study or person file as fieldnotes reads it (conflict markers fail here).
fn readable_study_file(relative: &str, path: &Path) -> Result<(), String> {
    use crate::store::study_files;
    if relative.starts_with("people/") {
        crate::store::yaml::read_file::<crate::domain::person::Person>(path).map(|_| ()).map_err(|e| e.to_string())
    } else {
        study_files::load_study(path).map(|_| ()).map_err(|e| e.to_string())
    }
}

pub(super) fn session_id(path: &str) -> Option<&str> {
    let name = path.strip_prefix("sessions/")?;
    if name.starts_with('.') { None } else { name.strip_suffix(".yaml") }
}

/// Tracked files changed outside the library (they would stop the rebase).
pub(super) fn foreign_changes(git: &Git) -> Result<Vec<String>, String> {
    let out = git.read(["status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=no"])?;
    Ok(status_paths(&out).into_iter().filter(|p| !library_file(p)).collect())
}

/// Stages the changed session files (with deletions) and commits them alone.
pub(super) fn commit(git: &Git, dir: &Path, message: Option<&str>) -> Result<Option<Committed>, String> {
    let mut args = vec!["status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all", "--", "sessions"];
    args.extend(STUDY_PATHS);
    args.push(CODEBOOK);
    let status = git.read(args)?;
    let files: Vec<String> = status_paths(&status).into_iter().filter(|p| library_file(p)).collect();
    if files.is_empty() {
        return Ok(None);
    }
    // A file fieldnotes cannot read (conflict markers left in it, say) stays out of the team's library.
    let mut unreadable = Vec::new();
    for f in &files {
        let path = dir.join(f);
        if f == CODEBOOK
            && let Err(e) = crate::store::codebook::load(&path)
        {
            unreadable.push(e.to_string());
        }
        if session_id(f).is_some()
            && path.exists()
            && let Err(e) = library::load_session(&path)
        {
            unreadable.push(e.to_string());
        }
        if study_file(f)
            && path.exists()
            && let Err(e) = readable_study_file(f, &path)
        {
            unreadable.push(e);
        }
    }
    if !unreadable.is_empty() {
        return Err(format!(
            "not syncing: a changed library file cannot be read:\n{}\nfix it (or move it out of sessions/) first",
            indent(&unreadable)
        ));
    }
    // Who commits is git's question, asked before anything is staged.
    for var in ["GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"] {
        let out = git.output(["var", var])?;
        if !out.status.success() {
            return Err(format!(
                "{}\nhint: tell git who you are in this library:\n  git -C {d} config user.name \"Your Name\"\n  \
                 git -C {d} config user.email you@example.com",
                String::from_utf8_lossy(&out.stderr).trim(),
                d = quote(dir)
            ));
        }
    }
    git.read(with_paths(&["add", "--all", "--"], &files))?;
    let staged =
        name_status(&git.read(with_paths(&["diff", "--cached", "--name-status", "--no-renames", "-z", "--"], &files))?);
    if staged.is_empty() {
        return Ok(None);
    }
    let mut lines = Vec::new();
    let mut sessions = 0;
    for (st, path) in &staged {
        match session_id(path) {
            Some(id) => {
                sessions += 1;
                let who = (*st != 'D')
                    .then(|| library::load_session(&dir.join(path)).ok())
                    .flatten()
                    .map(|s| clean(&s.participant.name))
                    .filter(|n| !n.is_empty());
                lines.push(match who {
                    Some(who) => format!("{st} {id} — {who}"),
                    None => format!("{st} {id}"),
                });
            }
            None => lines.push(format!("{st} {path}")),
        }
    }
    let study = staged.iter().filter(|(_, p)| study_file(p)).count();
    let codebook = staged.iter().any(|(_, p)| p == CODEBOOK);
    let mut what = Vec::new();
    if sessions > 0 {
        what.push(plural(sessions, "session"));
    }
    if codebook {
        what.push("the codebook".to_string());
    }
    if study > 0 {
        what.push("the study and its people".to_string());
    }
    let summary = if !what.is_empty() {
        format!("fieldnotes: {}", what.join(" and "))
    } else {
        "fieldnotes: keep journals and locks out of git".to_string()
    };
    let text = match message.map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) => format!("{m}\n\n{summary}\n{}\n", lines.join("\n")),
        None => format!("{summary}\n\n{}\n", lines.join("\n")),
    };
    let paths: Vec<String> = staged.iter().map(|(_, p)| p.clone()).collect();
    let out = git.output(with_paths(&["commit", "--quiet", "--cleanup=whitespace", "-m", &text, "--"], &paths))?;
    if !out.status.success() {
        return Err(failed("git commit", &out));
    }
    let hash = git.read(["rev-parse", "--short", "HEAD"])?.trim().to_string();
    Ok(Some(Committed { sessions, study, codebook, hash }))
}

/// Session files the pull brought: (status, id).
pub(super) fn pulled(git: &Git, before: Option<&str>) -> Result<Vec<(char, String)>, String> {
    let Some(after) = git.head()? else { return Ok(vec![]) };
    let changes = match before {
        Some(before) if before == after => vec![],
        Some(before) => {
            name_status(&git.read(["diff", "--name-status", "--no-renames", "-z", before, &after, "--", "sessions"])?)
        }
        None => split_z(&git.read(["ls-tree", "-r", "-z", "--name-only", &after, "--", "sessions"])?)
            .map(|p| ('A', p.to_string()))
            .collect(),
    };
    Ok(changes.into_iter().filter_map(|(st, p)| session_id(&p).map(|id| (st, id.to_string()))).collect())
}

/// Session files changed by the commits a push would send that fieldnotes
/// cannot read, with why.
pub(super) fn unreadable_outgoing(git: &Git, remote: &Remote, exists: bool) -> Result<Vec<String>, String> {
    let tracking = format!("refs/remotes/{}/{}", remote.name, remote.branch());
    let names = if exists && git.ask(["rev-parse", "--quiet", "--verify", &tracking])?.is_some() {
        git.read(["diff", "--name-only", "--no-renames", "-z", &tracking, "HEAD", "--", "sessions"])?
    } else {
        git.read(["ls-tree", "-r", "-z", "--name-only", "HEAD", "--", "sessions"])?
    };
    Ok(split_z(&names)
        .filter(|p| session_id(p).is_some() && library_file(p))
        .map(|p| git.dir.join(p))
        .filter(|p| p.exists())
        .filter_map(|p| library::load_session(&p).err().map(|e| e.to_string()))
        .collect())
}

/// Where the current branch syncs with: its upstream, or else `origin`
/// (or the only remote) and a branch of the same name. `None`: no remote.
pub(super) fn upstream(git: &Git) -> Result<Option<Remote>, String> {
    let remotes: Vec<String> = git.read(["remote"])?.lines().map(str::to_string).collect();
    if remotes.is_empty() {
        return Ok(None);
    }
    let Some(branch) = git.ask(["symbolic-ref", "--quiet", "--short", "HEAD"])? else {
        return Err("HEAD is detached in the team library: check out a branch (`git switch main`), then sync".into());
    };
    let remote = git.ask(["config", "--get", &format!("branch.{branch}.remote")])?;
    let merge = git.ask(["config", "--get", &format!("branch.{branch}.merge")])?;
    let configured = remote.is_some() && merge.is_some();
    let name = match remote {
        Some(r) => r,
        None if remotes.iter().any(|r| r == "origin") => "origin".to_string(),
        None if remotes.len() == 1 => remotes[0].clone(),
        None => {
            return Err(format!(
                "branch {branch} has no upstream and there are several remotes ({}): \
                 choose one with `git branch --set-upstream-to=REMOTE/{branch}`",
                remotes.join(", ")
            ));
        }
    };
    let merge = merge.unwrap_or_else(|| format!("refs/heads/{branch}"));
    Ok(Some(Remote { name, merge, configured }))
}

/// Empties a data dir that holds only what fieldnotes makes before any
/// session exists (an empty `sessions/`, its `.gitignore`, unheld locks), so
/// git can clone into it; anything else is explained and left alone.
pub(super) fn clear_scaffolding(paths: &Paths) -> Result<(), String> {
    let dir = &paths.data_dir;
    let names = |d: &Path| -> Result<Vec<String>, String> {
        let read = std::fs::read_dir(d).map_err(|e| format!("cannot read {}: {e}", d.display()))?;
        let mut v: Vec<String> =
            read.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        Ok(v)
    };
    let top = names(dir)?;
    if top.is_empty() {
        return Ok(());
    }
    let sessions_dir = paths.sessions_dir();
    let n = library::session_paths(&sessions_dir).len();
    if n > 0 {
        return Err(format!(
            "{} already holds {}: init-team will not mix them with a team library.\n\
             Clone the team library into a new data dir (`fieldnotes --data-dir NEW init-team URL`), \
             then copy these session files into NEW/sessions/ and run `fieldnotes --data-dir NEW sync` to share them",
            dir.display(),
            plural(n, "session")
        ));
    }
    let state_dir = writer::state_dir(&sessions_dir.join("x.yaml"));
    let only_scaffolding = top == ["sessions"]
        && sessions_dir.is_dir()
        && names(&sessions_dir)?.iter().all(|n| n == ".gitignore" || n == ".fieldnotes")
        && (!state_dir.exists()
            || names(&state_dir)?.iter().all(|n| n.ends_with(".lock") && !lock::is_held(&state_dir.join(n))));
    if !only_scaffolding {
        return Err(format!(
            "{} is not empty ({}): init-team clones only into an empty folder.\n\
             Choose another data dir (`fieldnotes --data-dir NEW init-team URL`, or FIELDNOTES_DATA_DIR), or empty this one",
            dir.display(),
            top.join(", ")
        ));
    }
    let gone = |r: std::io::Result<()>, p: &Path| match r {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!("cannot remove {}: {e}", p.display())),
        _ => Ok(()),
    };
    if state_dir.exists() {
        gone(std::fs::remove_dir_all(&state_dir), &state_dir)?;
    }
    let ignore = sessions_dir.join(".gitignore");
    gone(std::fs::remove_file(&ignore), &ignore)?;
    gone(std::fs::remove_dir(&sessions_dir), &sessions_dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_session_files_and_the_gitignore_are_library_files() {
        assert!(library_file("sessions/20261122-1430-ana-k3m9.yaml"));
        assert!(library_file("sessions/.gitignore"));
        assert!(library_file("codebook.yaml"), "the team's codebook travels with the library");
        assert!(!library_file("sessions/codebook.yaml/x"));
        assert!(!library_file("other.yaml"));
        assert!(library_file("sessions/20261122-1430-ana-k3m9.vtt"), "a transcript travels with its session");
        assert!(!library_file("sessions/.20261122-1430-ana-k3m9.vtt.99.tmp"));
        assert!(!library_file("sessions/.fieldnotes/x.lock"));
        assert!(!library_file("sessions/.fieldnotes/x.yaml"));
        assert!(!library_file("sessions/.x.yaml.123.tmp"));
        assert!(!library_file("sessions/.hidden.yaml"));
        assert!(!library_file("exports/x.md"));
        assert!(!library_file("README.md"));
        assert_eq!(session_id("sessions/abc.yaml"), Some("abc"));
        assert_eq!(session_id("sessions/.gitignore"), None);
    }

    #[test]
    fn study_and_people_files_are_library_files() {
        assert!(library_file("study.yaml"));
        assert!(library_file("studies/pricing.yaml"));
        assert!(library_file("people/ana-lopez-acme.yaml"));
        assert!(!library_file("people/.ana.yaml.12.tmp"));
        assert!(!library_file("people/notes/x.yaml"));
        assert!(!library_file("studies/x.md"));
        assert_eq!(session_id("people/ana.yaml"), None);
    }

    #[test]
    fn gitignore_is_added_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let s = dir.path().join("sessions");
        assert!(ensure_gitignore(&s).unwrap());
        assert!(!ensure_gitignore(&s).unwrap());
        std::fs::write(s.join(".gitignore"), "*.bak").unwrap();
        assert!(ensure_gitignore(&s).unwrap());
        assert_eq!(std::fs::read_to_string(s.join(".gitignore")).unwrap(), format!("*.bak\n{IGNORE_LINES}"));
        std::fs::write(s.join(".gitignore"), "/.fieldnotes\n").unwrap();
        assert!(!ensure_gitignore(&s).unwrap());
    }
}
