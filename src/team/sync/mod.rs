//! Team sync through git: `fieldnotes sync` and `fieldnotes init-team`.
//!
//! A team library is a git repository whose work tree is the data dir. This
//! module only drives the system `git` (`git -C <data dir> …`, arguments
//! passed as they are, never through a shell): commit the changed session
//! files, `git pull --rebase`, `git push`. There is no sync protocol of our
//! own, so whatever git leaves behind (a rebase stopped on a conflict, say)
//! is something a git user knows how to finish.
//!
//! What fieldnotes adds: it refuses to commit while a session is open in a
//! running fieldnotes or has a pending journal (a half-written state), it
//! stages only session files and `sessions/.gitignore` (never the per-machine
//! `.fieldnotes/` folder of journals and locks), and it writes a commit
//! message that lists the sessions.

use crate::store::library;
use crate::store::lock::{self, LockError, SessionLock};
use crate::store::paths::Paths;
use crate::store::writer;
use crate::text::counts::plural;
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Appended to `sessions/.gitignore` when it does not ignore the state folder
/// (the same lines the writer puts in a new one).
const IGNORE_LINES: &str = "# fieldnotes: journals and locks of open sessions, per machine\n.fieldnotes/\n";

/// `fieldnotes sync`: commit changed sessions, pull with rebase, push.
pub fn sync(paths: &Paths, message: Option<String>, no_push: bool) -> Result<(), String> {
    let dir = &paths.data_dir;
    let git = Git::new(dir);
    git.check_installed()?;
    own_repository(&git, dir)?;
    if let Some(stopped) = unfinished(&git)? {
        return Err(stopped);
    }
    let sessions_dir = paths.sessions_dir();
    // Held until sync returns: nobody opens a session while git rewrites it.
    let _locks = hold_every_session(&sessions_dir)?;
    ensure_gitignore(&sessions_dir)?;

    let remote = upstream(&git)?;
    if remote.is_some() {
        // A rebase needs a clean work tree: say so before committing anything.
        let foreign = foreign_changes(&git)?;
        if !foreign.is_empty() {
            return Err(format!(
                "{} has changes that are not session files:\n{}\ncommit or stash them with git first \
                 (`git -C {} status`), then sync again",
                dir.display(),
                indent(&foreign),
                quote(dir)
            ));
        }
    }

    let committed = commit(&git, dir, message.as_deref())?;
    match &committed {
        Some(c) if c.sessions == 0 => crate::say!("Committed sessions/.gitignore ({}).", c.hash),
        Some(c) => crate::say!("Committed {} ({}).", plural(c.sessions, "session"), c.hash),
        None => crate::say!("Nothing new to commit."),
    }
    let Some(remote) = remote else {
        crate::say!("No remote: committed locally.");
        return Ok(());
    };
    let kept = if committed.is_some() { "your sessions are committed locally (nothing is lost); " } else { "" };
    let exists = git
        .remote_branch_exists(&remote)
        .map_err(|e| format!("{e}\n{kept}run `fieldnotes sync` again once {} can be reached", remote.name))?;
    let before = git.head()?;
    if exists {
        let pull = git.output(["pull", "--rebase", "--quiet", &remote.name, &remote.merge])?;
        if !pull.status.success() {
            if let Some(stopped) = unfinished(&git)? {
                return Err(stopped);
            }
            return Err(format!(
                "{}\n{kept}deal with what git says, then run `fieldnotes sync` again",
                failed("git pull --rebase", &pull)
            ));
        }
        let pulled = pulled(&git, before.as_deref())?;
        let (removed, changed): (Vec<_>, Vec<_>) = pulled.iter().partition(|(st, _)| *st == 'D');
        let ids = |v: &[&(char, String)]| {
            let ids: Vec<&str> = v.iter().map(|(_, id)| id.as_str()).collect();
            if ids.len() > 8 { format!("{}, …", ids[..8].join(", ")) } else { ids.join(", ") }
        };
        if pulled.is_empty() {
            crate::say!("Nothing new from {}.", remote.name);
        }
        if !changed.is_empty() {
            let what = plural(changed.len(), "new or changed session file");
            crate::say!("Pulled {what} from {}: {}.", remote.name, ids(&changed));
        }
        if !removed.is_empty() {
            crate::say!("Removed by a teammate: {}.", ids(&removed));
        }
    } else {
        crate::say!("{} has no branch {} yet: nothing to pull.", remote.name, remote.branch());
    }

    if no_push {
        crate::say!("Not pushed (--no-push).");
        return Ok(());
    }
    if git.head()?.is_none() {
        crate::say!("Nothing to push.");
        return Ok(());
    }
    if exists && git.ahead(&remote)? == Some(0) {
        crate::say!("Nothing to push: {} is up to date.", remote.name);
        return Ok(());
    }
    // A conflict "resolved" with its markers still in it stays here, not in the team's library.
    let broken = unreadable_outgoing(&git, &remote, exists)?;
    if !broken.is_empty() {
        return Err(format!(
            "not pushing: a session file in your commits cannot be read:\n{}\n\
             fix it (remove any <<<<<<< ======= >>>>>>> lines left by a conflict), then `fieldnotes sync` again",
            indent(&broken)
        ));
    }
    let target = format!("HEAD:{}", remote.merge);
    let push = if remote.configured {
        git.output(["push", "--quiet", &remote.name, &target])?
    } else {
        git.output(["push", "--quiet", "--set-upstream", &remote.name, &target])?
    };
    if !push.status.success() {
        return Err(format!(
            "{}\nyour sessions are committed locally (nothing is lost); if a teammate pushed in the meantime, \
             run `fieldnotes sync` again",
            failed("git push", &push)
        ));
    }
    crate::say!("Pushed to {}/{}.", remote.name, remote.branch());
    Ok(())
}

/// `fieldnotes init-team URL`: clone a team library into the data dir.
pub fn init_team(paths: &Paths, url: &str) -> Result<(), String> {
    let dir = &paths.data_dir;
    let git = Git::new(dir);
    git.check_installed()?;
    if dir.exists() {
        if !dir.is_dir() {
            return Err(format!("{} is not a folder", dir.display()));
        }
        if dir.join(".git").exists() {
            return Err(format!(
                "{} is a git repository already: it is a team library, use `fieldnotes sync`",
                dir.display()
            ));
        }
        clear_scaffolding(paths)?;
    }
    let mut clone = Command::new("git");
    clone.args(["clone", "--quiet", "--"]).arg(url).arg(dir).stdin(Stdio::null());
    clear_git_env(&mut clone);
    let out = clone.output().map_err(spawn_error)?;
    if !out.status.success() {
        return Err(failed("git clone", &out));
    }
    let sessions_dir = paths.sessions_dir();
    let added = ensure_gitignore(&sessions_dir)?;
    let n = library::session_paths(&sessions_dir).len();
    crate::say!("Cloned {url} into {} ({}).", dir.display(), plural(n, "session"));
    if added {
        crate::say!(
            "Added .fieldnotes/ to sessions/.gitignore (journals and locks stay on this machine); the next sync commits it."
        );
    }
    crate::say!("Run `fieldnotes sync` to share your interviews and get your team's.");
    Ok(())
}

/// The system git, run in the data dir.
struct Git {
    dir: PathBuf,
}

/// Where the current branch pulls from and pushes to.
struct Remote {
    name: String,
    /// The branch on the remote, as a full ref (`refs/heads/main`).
    merge: String,
    /// Whether the branch's upstream is in git's config (else: set on push).
    configured: bool,
}

impl Remote {
    fn branch(&self) -> &str {
        self.merge.strip_prefix("refs/heads/").unwrap_or(&self.merge)
    }
}

struct Committed {
    sessions: usize,
    hash: String,
}

impl Git {
    fn new(dir: &Path) -> Git {
        Git { dir: dir.to_path_buf() }
    }

    fn output<I, S>(&self, args: I) -> Result<Output, String>
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
    fn read<I, S>(&self, args: I) -> Result<String, String>
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
    fn ask<I, S>(&self, args: I) -> Result<Option<String>, String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let out = self.output(args)?;
        Ok(out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string()))
    }

    fn check_installed(&self) -> Result<(), String> {
        let mut cmd = Command::new("git");
        cmd.arg("--version").stdin(Stdio::null());
        let out = cmd.output().map_err(spawn_error)?;
        if out.status.success() { Ok(()) } else { Err(failed("git --version", &out)) }
    }

    fn head(&self) -> Result<Option<String>, String> {
        self.ask(["rev-parse", "--quiet", "--verify", "HEAD^{commit}"])
    }

    /// Whether the remote has the branch (an error: it cannot be reached).
    fn remote_branch_exists(&self, remote: &Remote) -> Result<bool, String> {
        let out = self.output(["ls-remote", "--exit-code", "--heads", &remote.name, &remote.merge])?;
        match out.status.code() {
            Some(0) => Ok(true),
            // ls-remote's answer for "no such ref".
            Some(2) => Ok(false),
            _ => Err(failed(&format!("git ls-remote {}", remote.name), &out)),
        }
    }

    /// Commits on HEAD the remote-tracking branch does not have, if git knows.
    fn ahead(&self, remote: &Remote) -> Result<Option<usize>, String> {
        let tracking = format!("refs/remotes/{}/{}", remote.name, remote.branch());
        Ok(self.ask(["rev-list", "--count", &format!("{tracking}..HEAD")])?.and_then(|n| n.parse().ok()))
    }

    /// A path git printed (relative to the data dir, or absolute), made absolute.
    fn path(&self, printed: &str) -> PathBuf {
        let p = Path::new(printed);
        if p.is_absolute() { p.to_path_buf() } else { self.dir.join(p) }
    }
}

/// The data dir itself must be a work tree's top: a library inside some
/// other repository (a home folder kept in git, say) is not a team library.
fn own_repository(git: &Git, dir: &Path) -> Result<(), String> {
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
fn unfinished(git: &Git) -> Result<Option<String>, String> {
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

fn conflicted_files(git: &Git) -> Result<Vec<String>, String> {
    let out = git.ask(["diff", "--name-only", "--diff-filter=U", "-z"])?.unwrap_or_default();
    Ok(split_z(&out).map(str::to_string).collect::<BTreeSet<_>>().into_iter().collect())
}

/// Takes every session's lock, and refuses if a session is open in a running
/// fieldnotes or has a journal to recover: sync must never commit a
/// half-written state.
fn hold_every_session(sessions_dir: &Path) -> Result<Vec<SessionLock>, String> {
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
fn ensure_gitignore(sessions_dir: &Path) -> Result<bool, String> {
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
/// is one sync commits: a session file, or the sessions' `.gitignore`.
fn library_file(path: &str) -> bool {
    let Some(name) = path.strip_prefix("sessions/") else { return false };
    !name.contains('/') && (name == ".gitignore" || (name.ends_with(".yaml") && !name.starts_with('.')))
}

fn session_id(path: &str) -> Option<&str> {
    let name = path.strip_prefix("sessions/")?;
    if name.starts_with('.') { None } else { name.strip_suffix(".yaml") }
}

/// Tracked files changed outside the library (they would stop the rebase).
fn foreign_changes(git: &Git) -> Result<Vec<String>, String> {
    let out = git.read(["status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=no"])?;
    Ok(status_paths(&out).into_iter().filter(|p| !library_file(p)).collect())
}

fn status_paths(porcelain_z: &str) -> Vec<String> {
    split_z(porcelain_z).filter_map(|entry| entry.get(3..)).map(str::to_string).collect()
}

/// Stages the changed session files (with deletions) and commits them alone.
fn commit(git: &Git, dir: &Path, message: Option<&str>) -> Result<Option<Committed>, String> {
    let status =
        git.read(["status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all", "--", "sessions"])?;
    let files: Vec<String> = status_paths(&status).into_iter().filter(|p| library_file(p)).collect();
    if files.is_empty() {
        return Ok(None);
    }
    // A file fieldnotes cannot read (conflict markers left in it, say) stays out of the team's library.
    let mut unreadable = Vec::new();
    for f in &files {
        let path = dir.join(f);
        if session_id(f).is_some()
            && path.exists()
            && let Err(e) = library::load_session(&path)
        {
            unreadable.push(e.to_string());
        }
    }
    if !unreadable.is_empty() {
        return Err(format!(
            "not syncing: a changed session file cannot be read:\n{}\nfix it (or move it out of sessions/) first",
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
    let summary = if sessions > 0 {
        format!("fieldnotes: {}", plural(sessions, "session"))
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
    Ok(Some(Committed { sessions, hash }))
}

/// `git diff --name-status -z` output as (status letter, path).
fn name_status(out: &str) -> Vec<(char, String)> {
    let mut fields = split_z(out);
    let mut v = Vec::new();
    while let (Some(st), Some(path)) = (fields.next(), fields.next()) {
        v.push((st.chars().next().unwrap_or('M'), path.to_string()));
    }
    v
}

/// Session files the pull brought: (status, id).
fn pulled(git: &Git, before: Option<&str>) -> Result<Vec<(char, String)>, String> {
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
fn unreadable_outgoing(git: &Git, remote: &Remote, exists: bool) -> Result<Vec<String>, String> {
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
fn upstream(git: &Git) -> Result<Option<Remote>, String> {
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
fn clear_scaffolding(paths: &Paths) -> Result<(), String> {
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

/// Variables that would point git somewhere other than `-C <data dir>`.
fn clear_git_env(cmd: &mut Command) {
    for var in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX"] {
        cmd.env_remove(var);
    }
}

fn spawn_error(e: std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "git is not installed (or not on PATH): team sync uses the system git; install it (https://git-scm.com) and try again"
            .to_string()
    } else {
        format!("cannot run git: {e}")
    }
}

/// Git's own words, after what we asked it.
fn failed(what: &str, out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr);
    let err = err.trim();
    let err = if err.is_empty() { String::from_utf8_lossy(&out.stdout).trim().to_string() } else { err.to_string() };
    format!("`{what}` failed:\n{}", indent(&err.lines().map(str::to_string).collect::<Vec<_>>()))
}

fn with_paths<'a>(args: &[&'a str], paths: &'a [String]) -> Vec<&'a OsStr> {
    args.iter().map(|a| OsStr::new(*a)).chain(paths.iter().map(OsStr::new)).collect()
}

fn split_z(s: &str) -> impl Iterator<Item = &str> {
    s.split('\0').filter(|f| !f.is_empty())
}

fn indent(lines: &[String]) -> String {
    lines.iter().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n")
}

/// One line of text from a file: control characters (newlines too) become spaces.
fn clean(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_string()
}

/// A path as a shell would need it typed.
fn quote(p: &Path) -> String {
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
    fn only_session_files_and_the_gitignore_are_library_files() {
        assert!(library_file("sessions/20261122-1430-ana-k3m9.yaml"));
        assert!(library_file("sessions/.gitignore"));
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
