//! Team sync through git, run as teammates run it: a bare repository in a
//! temporary folder stands for the team's server, and each teammate is a data
//! dir cloned from it. Only file paths, never the network; the machine's own
//! git config never leaks in.

use chrono::DateTime;
use fieldnotes::domain::session::{Participant, Session};
use fieldnotes::store::library::load_session;
use fieldnotes::store::writer::{lock_path, write_session};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A team: its shared bare repository, and a home for each teammate.
struct Team {
    root: tempfile::TempDir,
}

impl Team {
    fn new() -> Team {
        let team = Team { root: tempfile::tempdir().unwrap() };
        std::fs::create_dir_all(team.root.path().join("home")).unwrap();
        git(team.root.path(), &["init", "--quiet", "--bare", "remote.git"]);
        team
    }

    fn root(&self) -> &Path {
        self.root.path()
    }

    fn remote(&self) -> PathBuf {
        self.root().join("remote.git")
    }

    fn data(&self, who: &str) -> PathBuf {
        self.root().join(who)
    }

    fn fieldnotes(&self, who: &str, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_fieldnotes"));
        cmd.args(args)
            .env("FIELDNOTES_DATA_DIR", self.data(who))
            .env("FIELDNOTES_CONFIG_DIR", self.root().join(format!("cfg-{who}")));
        isolate(&mut cmd, self.root());
        cmd.output().expect("run fieldnotes")
    }

    /// `fieldnotes init-team <remote>` for `who`, which must work.
    fn join(&self, who: &str) -> PathBuf {
        let out = self.fieldnotes(who, &["init-team", self.remote().to_str().unwrap()]);
        assert!(out.status.success(), "init-team: {}", stderr(&out));
        self.data(who)
    }

    /// `fieldnotes sync` for `who`, which must work.
    fn sync(&self, who: &str) -> String {
        let out = self.fieldnotes(who, &["sync"]);
        assert!(out.status.success(), "sync for {who}: {}{}", stdout(&out), stderr(&out));
        stdout(&out)
    }
}

/// Git and fieldnotes see only what the test sets: no global or system
/// config, a fixed identity, English messages, no prompts.
fn isolate(cmd: &mut Command, root: &Path) {
    for var in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "EMAIL", "NO_COLOR"] {
        cmd.env_remove(var);
    }
    cmd.env("HOME", root.join("home"))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test Researcher")
        .env("GIT_AUTHOR_EMAIL", "researcher@example.com")
        .env("GIT_COMMITTER_NAME", "Test Researcher")
        .env("GIT_COMMITTER_EMAIL", "researcher@example.com")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_EDITOR", "true")
        .env("LC_ALL", "C");
}

fn git_output(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(dir).args(args);
    isolate(&mut cmd, dir);
    cmd.output().expect("run git")
}

/// Runs git in `dir` (never in the project itself) and returns its output; it must succeed.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = git_output(dir, args);
    assert!(out.status.success(), "git {args:?} in {}: {}", dir.display(), stderr(&out));
    stdout(&out)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Writes a valid session into `data`, as fieldnotes would save it.
fn new_session(data: &Path, id: &str, name: &str) -> PathBuf {
    let started = DateTime::parse_from_rfc3339("2026-11-22T14:30:05+01:00").unwrap();
    let who = Participant {
        name: name.into(),
        company: Some("Acme".into()),
        role: None,
        segment: None,
        extra: Default::default(),
    };
    let session = Session::new(id.into(), "discovery", "Discovery interview", who, started);
    let path = data.join("sessions").join(format!("{id}.yaml"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    write_session(&path, &session).unwrap();
    path
}

fn retitle(path: &Path, title: &str) {
    let mut s = load_session(path).unwrap();
    s.title = title.into();
    write_session(path, &s).unwrap();
}

fn title(path: &Path) -> String {
    load_session(path).unwrap().title
}

fn commits(dir: &Path) -> usize {
    let out = git_output(dir, &["rev-list", "--count", "HEAD"]);
    if out.status.success() { stdout(&out).trim().parse().unwrap() } else { 0 }
}

const ANA: &str = "20261122-1430-ana-lopez-k3m9";
const BEN: &str = "20261123-0900-ben-okafor-7xq2";

#[test]
fn a_session_travels_from_one_teammate_to_another() {
    let team = Team::new();
    let a = team.join("a");
    let ignore = std::fs::read_to_string(a.join("sessions/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == ".fieldnotes/"), "{ignore}");

    new_session(&a, ANA, "Ana López");
    let out = team.sync("a");
    assert!(out.contains("Committed 1 session") && out.contains("Pushed to origin"), "{out}");
    let msg = git(&a, &["log", "-1", "--format=%B"]);
    assert!(msg.starts_with("fieldnotes: 1 session\n"), "{msg}");
    assert!(msg.contains(&format!("A {ANA} — Ana López")), "{msg}");

    // Journals and locks are this machine's: there are some (sync locks every
    // session while it runs), and none of them is ever in git.
    assert!(a.join("sessions/.fieldnotes").read_dir().unwrap().next().is_some());
    for tree in [git(&a, &["ls-files"]), git(&team.remote(), &["ls-tree", "-r", "--name-only", "HEAD"])] {
        assert!(!tree.contains(".fieldnotes/"), "{tree}");
        assert!(tree.contains("sessions/.gitignore") && tree.contains(&format!("sessions/{ANA}.yaml")), "{tree}");
    }

    let b = team.join("b");
    assert!(b.join(format!("sessions/{ANA}.yaml")).exists());
    let list = team.fieldnotes("b", &["list"]);
    assert!(stdout(&list).contains("Ana López"), "{}", stdout(&list));

    let out = team.sync("b");
    assert!(out.contains("Nothing new to commit") && out.contains("Nothing new from origin"), "{out}");
    assert!(out.contains("Nothing to push"), "{out}");
}

#[test]
fn teammates_editing_different_sessions_sync_in_turn() {
    let team = Team::new();
    let a = team.join("a");
    let b = team.join("b");
    let ana_a = new_session(&a, ANA, "Ana López");
    team.sync("a");
    let ben_b = new_session(&b, BEN, "Ben Okafor");
    let out = team.sync("b");
    assert!(out.contains(ANA), "B pulls Ana's session: {out}");
    team.sync("a");

    // Both edit, A first: B's commit is replayed on top of A's.
    retitle(&ana_a, "Ana, edited by A");
    retitle(&ben_b, "Ben, edited by B");
    team.sync("a");
    let out = team.sync("b");
    assert!(out.contains("Pulled 1 new or changed session file") && out.contains(ANA), "{out}");
    assert!(out.contains("Pushed"), "{out}");
    team.sync("a");

    for data in [&a, &b] {
        assert_eq!(title(&data.join(format!("sessions/{ANA}.yaml"))), "Ana, edited by A");
        assert_eq!(title(&data.join(format!("sessions/{BEN}.yaml"))), "Ben, edited by B");
        assert_eq!(git(data, &["log", "--merges", "--oneline"]), "", "rebased, never merged");
    }
    assert_eq!(git(&a, &["rev-parse", "HEAD"]), git(&b, &["rev-parse", "HEAD"]));

    // A deletion travels too.
    std::fs::remove_file(a.join(format!("sessions/{BEN}.yaml"))).unwrap();
    assert!(team.sync("a").contains("Committed 1 session"));
    assert!(git(&a, &["log", "-1", "--format=%B"]).contains(&format!("D {BEN}")));
    let out = team.sync("b");
    assert!(out.contains(&format!("Removed by a teammate: {BEN}")), "{out}");
    assert!(!ben_b.exists());
}

#[test]
fn the_same_line_edited_twice_stops_mid_rebase_with_the_file_named() {
    let team = Team::new();
    let a = team.join("a");
    let ana_a = new_session(&a, ANA, "Ana López");
    team.sync("a");
    let b = team.join("b");
    let ana_b = b.join(format!("sessions/{ANA}.yaml"));

    retitle(&ana_a, "Title by A");
    team.sync("a");
    retitle(&ana_b, "Title by B");
    let out = team.fieldnotes("b", &["sync"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    let file = format!("sessions/{ANA}.yaml");
    for expected in [file.as_str(), "git add", "git rebase --continue", "git rebase --abort"] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    // Left as git would leave it, for a git user to finish.
    let status = git(&b, &["status"]);
    assert!(status.contains("rebase in progress"), "{status}");
    assert!(std::fs::read_to_string(&ana_b).unwrap().contains("<<<<<<<"));

    // Syncing again does not make it worse: it says what is going on.
    let again = team.fieldnotes("b", &["sync"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("rebase") && stderr(&again).contains(ANA), "{}", stderr(&again));

    // Finished in a hurry, markers and all: git takes it, sync does not push it.
    git(&b, &["add", &format!("sessions/{ANA}.yaml")]);
    git(&b, &["rebase", "--continue"]);
    let out = team.fieldnotes("b", &["sync"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains("not pushing") && stderr(&out).contains(ANA), "{}", stderr(&out));
    assert_eq!(git(&team.remote(), &["rev-parse", "HEAD"]), git(&a, &["rev-parse", "HEAD"]));

    // Fixed: sync commits the fix and pushes.
    let mut resolved = load_session(&ana_a).unwrap();
    resolved.title = "Title by A and B".into();
    write_session(&ana_b, &resolved).unwrap();
    let out = team.sync("b");
    assert!(out.contains("Committed 1 session") && out.contains("Pushed"), "{out}");
    team.sync("a");
    assert_eq!(title(&ana_a), "Title by A and B");
}

#[test]
fn a_pending_journal_refuses_sync_and_nothing_is_committed() {
    let team = Team::new();
    let a = team.join("a");
    new_session(&a, ANA, "Ana López");
    let state = a.join("sessions/.fieldnotes");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(state.join(format!("{ANA}.journal")), "left by a crash").unwrap();

    let out = team.fieldnotes("a", &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(ANA) && err.contains("fieldnotes recover"), "{err}");
    assert_eq!(commits(&a), 0);
    assert_eq!(git(&a, &["diff", "--cached", "--name-only"]), "", "nothing staged");
    assert!(git(&a, &["status", "--porcelain", "--untracked-files=all"]).contains(&format!("?? sessions/{ANA}.yaml")));
    assert!(git(&team.remote(), &["for-each-ref"]).is_empty(), "nothing pushed");
}

#[test]
fn a_session_open_in_a_running_fieldnotes_refuses_sync() {
    let team = Team::new();
    let a = team.join("a");
    let path = new_session(&a, ANA, "Ana López");
    team.sync("a");
    retitle(&path, "Being edited");
    let held = fieldnotes::store::lock::acquire(&lock_path(&path)).unwrap();

    let out = team.fieldnotes("a", &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(ANA) && err.contains("open in a running fieldnotes"), "{err}");
    assert!(err.contains(&std::process::id().to_string()), "names the process: {err}");
    assert_eq!(commits(&a), 1);
    assert_eq!(git(&a, &["diff", "--cached", "--name-only"]), "");

    drop(held);
    assert!(team.sync("a").contains("Committed 1 session"));
}

#[test]
fn without_a_repository_or_without_git_the_error_says_what_to_do() {
    let team = Team::new();
    let plain = team.data("plain");
    new_session(&plain, ANA, "Ana López");
    let out = team.fieldnotes("plain", &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("not a team library") && err.contains("init-team") && err.contains("git init"), "{err}");
    assert!(!plain.join(".git").exists());

    // A data dir inside some other repository (a home folder in git) is not a team library either.
    git(team.root(), &["init", "--quiet", "outer"]);
    new_session(&team.data("outer/inner"), ANA, "Ana López");
    let out = team.fieldnotes("outer/inner", &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not a repository of its own"), "{}", stderr(&out));
    assert_eq!(commits(&team.data("outer")), 0);

    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fieldnotes"));
    cmd.args(["sync"]).env("FIELDNOTES_DATA_DIR", &plain).env("FIELDNOTES_CONFIG_DIR", team.root().join("cfg"));
    isolate(&mut cmd, team.root());
    let out = cmd.env("PATH", "").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("git is not installed"), "{}", stderr(&out));
}

#[test]
fn without_a_remote_sync_commits_locally_and_lists_each_session() {
    let team = Team::new();
    let solo = team.data("solo");
    std::fs::create_dir_all(&solo).unwrap();
    git(&solo, &["init", "--quiet"]);
    let ana = new_session(&solo, ANA, "Ana López");
    new_session(&solo, BEN, "Ben Okafor");
    let out = team.sync("solo");
    assert!(out.contains("Committed 2 sessions") && out.contains("No remote: committed locally"), "{out}");
    assert!(solo.join("sessions/.gitignore").exists());
    assert!(git(&solo, &["ls-files"]).contains("sessions/.gitignore"));

    retitle(&ana, "Changed");
    std::fs::remove_file(solo.join(format!("sessions/{BEN}.yaml"))).unwrap();
    let out = team.fieldnotes("solo", &["sync", "--message", "Week 47 interviews"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let msg = git(&solo, &["log", "-1", "--format=%B"]);
    assert!(msg.starts_with("Week 47 interviews\n\nfieldnotes: 2 sessions\n"), "{msg}");
    assert!(msg.contains(&format!("M {ANA} — Ana López\n")) && msg.contains(&format!("D {BEN}\n")), "{msg}");
    assert_eq!(git(&solo, &["status", "--porcelain"]), "", "everything committed, deletion included");

    let out = team.sync("solo");
    assert!(out.contains("Nothing new to commit"), "{out}");
    assert_eq!(commits(&solo), 2);
}

#[test]
fn without_an_identity_git_says_so_and_nothing_is_staged() {
    let team = Team::new();
    let solo = team.data("solo");
    std::fs::create_dir_all(&solo).unwrap();
    git(&solo, &["init", "--quiet"]);
    git(&solo, &["config", "user.useConfigOnly", "true"]);
    new_session(&solo, ANA, "Ana López");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fieldnotes"));
    cmd.arg("sync").env("FIELDNOTES_DATA_DIR", &solo).env("FIELDNOTES_CONFIG_DIR", team.root().join("cfg"));
    isolate(&mut cmd, team.root());
    for var in ["GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"] {
        cmd.env_remove(var);
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("config user.name") && err.contains("config user.email"), "{err}");
    assert_eq!(commits(&solo), 0);
    assert_eq!(git(&solo, &["diff", "--cached", "--name-only"]), "");
}

#[test]
fn no_push_commits_and_pulls_but_leaves_the_remote_alone() {
    let team = Team::new();
    let a = team.join("a");
    new_session(&a, ANA, "Ana López");
    let out = team.fieldnotes("a", &["sync", "--no-push"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Not pushed (--no-push)"), "{}", stdout(&out));
    assert_eq!(commits(&a), 1);
    assert!(git(&team.remote(), &["for-each-ref"]).is_empty());
    assert!(team.sync("a").contains("Pushed"));
    assert_eq!(commits(&team.remote()), 1);
}

#[test]
fn changes_outside_the_sessions_stop_sync_before_it_commits() {
    let team = Team::new();
    let a = team.join("a");
    std::fs::write(a.join("README.md"), "Our interviews\n").unwrap();
    git(&a, &["add", "README.md"]);
    git(&a, &["commit", "--quiet", "-m", "readme"]);
    git(&a, &["push", "--quiet", "-u", "origin", "HEAD"]);
    std::fs::write(a.join("README.md"), "Our interviews, edited\n").unwrap();
    new_session(&a, ANA, "Ana López");

    let out = team.fieldnotes("a", &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("README.md") && stderr(&out).contains("stash"), "{}", stderr(&out));
    assert_eq!(commits(&a), 1);
}

#[test]
fn init_team_never_mixes_a_library_into_a_clone() {
    let team = Team::new();
    let remote = team.remote();
    let url = remote.to_str().unwrap();

    // Sessions already there: refused, untouched.
    let mine = new_session(&team.data("mine"), ANA, "Ana López");
    let out = team.fieldnotes("mine", &["init-team", url]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already holds 1 session"), "{}", stderr(&out));
    assert!(mine.exists() && !team.data("mine/.git").exists());

    // Something else there: refused, explained.
    std::fs::create_dir_all(team.data("other")).unwrap();
    std::fs::write(team.data("other/notes.txt"), "mine").unwrap();
    let out = team.fieldnotes("other", &["init-team", url]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not empty") && stderr(&out).contains("notes.txt"), "{}", stderr(&out));

    // Only what fieldnotes makes before any session: cleared, then cloned.
    let state = team.data("fresh/sessions/.fieldnotes");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(state.join("x.lock"), "").unwrap();
    std::fs::write(team.data("fresh/sessions/.gitignore"), ".fieldnotes/\n").unwrap();
    team.join("fresh");
    assert!(team.data("fresh/.git").exists());

    // A team library already: sync is the command.
    let out = team.fieldnotes("fresh", &["init-team", url]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("fieldnotes sync"), "{}", stderr(&out));

    // A URL git cannot clone: git's own words.
    let out = team.fieldnotes("nowhere", &["init-team", team.root().join("missing.git").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("git clone") && !team.data("nowhere").exists(), "{}", stderr(&out));
}

/// A teammate's file named to write the clipboard (OSC 52) and clear the
/// screen: sync names it when it pulls it, and nothing of it may act on the
/// terminal of the one who pulls.
#[test]
fn a_teammates_hostile_file_name_reaches_nobodys_terminal_raw() {
    let team = Team::new();
    let a = team.join("a");
    let b = team.join("b");
    let hostile = "20261122-1430-x\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{9b}1m\u{202e}";
    new_session(&a, hostile, "Ana López");
    let pushed = team.sync("a");
    let pulled = team.sync("b");
    assert!(b.join("sessions").join(format!("{hostile}.yaml")).exists(), "the file travelled");
    assert!(pulled.contains("Pulled 1 "), "{pulled}");
    for out in [pushed, pulled] {
        assert!(!out.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']), "raw escapes printed: {out:?}");
    }
}

#[test]
fn the_study_and_the_roster_travel_with_the_sessions() {
    let team = Team::new();
    let a = team.join("a");
    std::fs::write(a.join("study.yaml"), "objective: Why teams churn\nquotas: {smb: 3}\n").unwrap();
    let csv = team.root().join("candidates.csv");
    std::fs::write(&csv, "name,company\nAna López,Acme\n").unwrap();
    let out = team.fieldnotes("a", &["people", "import", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = team.sync("a");
    assert!(out.contains("Committed 2 files of the study and its people"), "{out}");
    let msg = git(&a, &["log", "-1", "--format=%B"]);
    assert!(msg.contains("A people/ana-lopez-acme.yaml") && msg.contains("A study.yaml"), "{msg}");

    let b = team.join("b");
    assert!(b.join("study.yaml").exists() && b.join("people/ana-lopez-acme.yaml").exists());
    let people = team.fieldnotes("b", &["people"]);
    assert!(stdout(&people).contains("Ana López"), "{}", stdout(&people));
}

#[test]
fn the_codebook_travels_with_the_library() {
    let team = Team::new();
    let a = team.join("a");
    std::fs::write(a.join("codebook.yaml"), "codes:\n  - name: pricing\n    aliases: [price]\n").unwrap();
    let out = team.sync("a");
    assert!(out.contains("Committed the codebook"), "{out}");
    let msg = git(&a, &["log", "-1", "--format=%B"]);
    assert!(msg.starts_with("fieldnotes: the codebook\n"), "{msg}");

    let b = team.join("b");
    let text = std::fs::read_to_string(b.join("codebook.yaml")).unwrap();
    assert!(text.contains("pricing"), "{text}");

    // A codebook broken by hand stays out of the team's library.
    std::fs::write(b.join("codebook.yaml"), "codes:\n  - name: [\n").unwrap();
    let out = team.fieldnotes("b", &["sync"]);
    assert!(!out.status.success() && stderr(&out).contains("codebook.yaml"), "{}", stderr(&out));
}
