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

mod git;
mod repo;

use crate::store::library;
use crate::store::paths::Paths;
use crate::text::counts::plural;
use git::{Git, clear_git_env, failed, indent, quote, spawn_error};
use repo::{
    clear_scaffolding, commit, ensure_gitignore, foreign_changes, hold_every_session, own_repository, pulled,
    unfinished, unreadable_outgoing, upstream,
};
use std::process::{Command, Stdio};

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
        Some(c) if c.sessions == 0 && c.codebook && c.study == 0 => {
            crate::say!("Committed the codebook ({}).", c.hash)
        }
        Some(c) if c.sessions == 0 && c.study > 0 => {
            let book = if c.codebook { " and the codebook" } else { "" };
            crate::say!("Committed {} of the study and its people{book} ({}).", plural(c.study, "file"), c.hash)
        }
        Some(c) if c.sessions == 0 => crate::say!("Committed sessions/.gitignore ({}).", c.hash),
        Some(c) if c.codebook => {
            crate::say!("Committed {} and the codebook ({}).", plural(c.sessions, "session"), c.hash)
        }
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
