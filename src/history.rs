//! Git, through git2: the only module that uses it. Committing new files, finding
//! drafts that should never be tracked, a report's provenance (HEAD and whether the
//! work tree is clean), and (for `log`) the history of a case folder, with a warning
//! when a shallow clone has cut that history off, which `render` writes out as text or
//! JSON.
//!
//! Commits hold only the files casebook wrote, whatever else is staged, and take a
//! lock file in `.git/` so several `casebook new` at once each make their own commit.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Offset as _;
use git2::{Index, Repository, Signature};

use crate::casebook::display_rel;
use crate::diagnostic::{Code, Diagnostic};
use crate::error::{Error, Result};

mod render;

pub use render::{log_json, log_text};

/// Opens the repository that holds `root`, if there is one.
pub fn open(root: &Path) -> Option<Repository> {
    Repository::discover(root)
        .ok()
        .filter(|r| r.workdir().is_some())
}

/// Returns `root` relative to the repository's working folder.
fn root_in_repo(repo: &Repository, root: &Path) -> Option<PathBuf> {
    let workdir = fs::canonicalize(repo.workdir()?).ok()?;
    let root = fs::canonicalize(root).ok()?;
    root.strip_prefix(&workdir).ok().map(Path::to_path_buf)
}

fn git_err(message: impl Into<String>) -> impl FnOnce(git2::Error) -> Error {
    let message = message.into();
    move |source| Error::Git { message, source }
}

/// Makes a new repository in `dir`.
pub fn init(dir: &Path) -> Result<()> {
    Repository::init(dir).map(|_| ()).map_err(git_err(format!(
        "cannot create a repository in {}",
        dir.display()
    )))
}

/// Removes the repository [`init`] made in `dir` moments ago, when what was to follow
/// it failed; quietly, as it runs after the failure that is reported.
pub fn remove_new_repository(dir: &Path) {
    let _ = fs::remove_dir_all(dir.join(".git"));
}

/// Finds files under any case's drafts/ folder that git tracks: drafts must never be committed.
pub fn tracked_drafts(root: &Path, ids: &[String]) -> Vec<Diagnostic> {
    let Some(repo) = open(root) else {
        return Vec::new();
    };
    let (Some(base), Ok(index)) = (root_in_repo(&repo, root), repo.index()) else {
        return Vec::new();
    };
    let wanted: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
    let base = display_rel(&base);
    let cases_prefix = if base.is_empty() {
        "cases/".to_string()
    } else {
        format!("{base}/cases/")
    };
    let mut out = Vec::new();
    // One pass over the index: each path is split once, so a casebook of thousands of
    // cases costs no more than its number of tracked files.
    for entry in index.iter() {
        let path = String::from_utf8_lossy(&entry.path).to_string();
        let Some(rest) = path.strip_prefix(&cases_prefix) else {
            continue;
        };
        let mut parts = rest.splitn(3, '/');
        let (Some(id), Some(folder), Some(file)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if folder != crate::casebook::files::DRAFTS || !wanted.contains(id) {
            continue;
        }
        out.push(
            Diagnostic::error(
                Code::DraftsTracked,
                format!("cases/{id}/drafts/{file}"),
                0,
                0,
                "a draft is tracked by git; drafts must stay out of the repository and be destroyed when the review ends",
            )
            .with_help(format!("run `git rm --cached \"{path}\"` and keep `drafts/` in .gitignore")),
        );
    }
    out
}

/// Who commits: the repository's configured user, else casebook itself.
fn signature(repo: &Repository) -> Result<Signature<'static>> {
    repo.signature()
        .map(|s| s.to_owned())
        .or_else(|_| Signature::now("casebook", "casebook@localhost"))
        .map_err(git_err("cannot make a commit signature"))
}

/// How old a commit lock must be before it is taken to be left by a killed casebook.
const STALE_LOCK_AGE: Duration = Duration::from_secs(60);

/// A lock file in .git that serialises casebook's commits.
struct CommitLock(PathBuf);

impl CommitLock {
    fn acquire(repo: &Repository) -> Result<CommitLock> {
        let path = repo.path().join("casebook.lock");
        let start = Instant::now();
        loop {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(_) => return Ok(CommitLock(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    // A commit takes well under a second; a lock a minute old was left by a
                    // casebook that was killed, so it is taken over rather than waited on.
                    let stale = fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > STALE_LOCK_AGE);
                    if stale {
                        let _ = fs::remove_file(&path);
                        continue;
                    }
                    if start.elapsed() > Duration::from_secs(30) {
                        return Err(Error::Locked(path));
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => return Err(Error::io("create", path, e)),
            }
        }
    }
}

impl Drop for CommitLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

/// Why [`commit_paths`] made no commit, and whether it left git's index as it found it.
#[derive(Debug)]
pub struct CommitFailed {
    /// What went wrong.
    pub error: Error,
    /// Whether the index is as it was before (false only when putting it back failed
    /// too: the files are then still staged).
    pub index_restored: bool,
}

impl From<Error> for CommitFailed {
    fn from(error: Error) -> CommitFailed {
        CommitFailed {
            error,
            index_restored: true,
        }
    }
}

/// Commits exactly `paths` (relative to `root`) with `message`; `Ok(None)` outside a
/// repository.
///
/// All or nothing: when the commit cannot be made (a lock git holds, a ref that cannot
/// be updated), HEAD is unchanged and the index is put back as it was, so nothing the
/// user did not stage is left staged. libgit2 runs no git hooks, so none can stop it.
pub fn commit_paths(
    root: &Path,
    paths: &[PathBuf],
    message: &str,
) -> Result<Option<String>, CommitFailed> {
    let Some(repo) = open(root) else {
        return Ok(None);
    };
    let base = root_in_repo(&repo, root).unwrap_or_default();
    let _lock = CommitLock::acquire(&repo)?;
    refuse_git_locks(&repo)?;
    let mut index = repo.index().map_err(git_err("cannot read the index"))?;
    let repo_paths: Vec<PathBuf> = paths.iter().map(|p| base.join(p)).collect();
    // What the index held at these paths, to put back if the commit fails.
    let before: Vec<(PathBuf, Option<git2::IndexEntry>)> = repo_paths
        .iter()
        .map(|p| (p.clone(), index.get_path(p, 0)))
        .collect();
    for p in &repo_paths {
        index
            .add_path(p)
            .map_err(git_err(format!("cannot stage {}", p.display())))?;
    }
    // Nothing is written until here: a failure so far leaves the index file untouched.
    index.write().map_err(git_err("cannot write the index"))?;
    match commit_staged(&repo, &index, &repo_paths, message) {
        Ok(short) => Ok(Some(short)),
        Err(error) => Err(CommitFailed {
            error,
            index_restored: restore_index(&repo, &before).is_ok(),
        }),
    }
}

/// Makes the commit of HEAD's tree plus `repo_paths` as staged in `index`, and moves HEAD.
fn commit_staged(
    repo: &Repository,
    index: &Index,
    repo_paths: &[PathBuf],
    message: &str,
) -> Result<String> {
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    // Build the commit's tree from HEAD plus only our files, so nothing else staged slips in.
    let mut tree_index = Index::new().map_err(git_err("cannot make an index"))?;
    if let Some(parent) = &parent {
        let tree = parent.tree().map_err(git_err("cannot read HEAD's tree"))?;
        tree_index
            .read_tree(&tree)
            .map_err(git_err("cannot read HEAD's tree"))?;
    }
    for p in repo_paths {
        let path_bytes = display_rel(p);
        if let Some(entry) = index.get_path(Path::new(&path_bytes), 0) {
            tree_index
                .add(&entry)
                .map_err(git_err("cannot stage a file"))?;
        }
    }
    let tree_id = tree_index
        .write_tree_to(repo)
        .map_err(git_err("cannot write the tree"))?;
    let tree = repo
        .find_tree(tree_id)
        .map_err(git_err("cannot read the tree"))?;
    let sig = signature(repo)?;
    let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
    let oid = repo
        .commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
        .map_err(git_err("cannot commit"))?;
    Ok(oid.to_string()[..7].to_string())
}

/// Puts the index entries at these paths back as they were (absent ones removed).
fn restore_index(repo: &Repository, before: &[(PathBuf, Option<git2::IndexEntry>)]) -> Result<()> {
    let mut index = repo.index().map_err(git_err("cannot read the index"))?;
    index.read(true).map_err(git_err("cannot read the index"))?;
    for (path, entry) in before {
        match entry {
            Some(entry) => index.add(entry),
            None => index.remove_path(path),
        }
        .map_err(git_err(format!("cannot unstage {}", path.display())))?;
    }
    index.write().map_err(git_err("cannot write the index"))
}

/// Refuses to start a commit that git's own lock files would stop half-way: the index's,
/// HEAD's and the current branch's. A git command running now holds one; a killed one
/// leaves it behind, and only a person can tell which.
fn refuse_git_locks(repo: &Repository) -> Result<()> {
    let git_dir = repo.path();
    let mut locks = vec![git_dir.join("index.lock"), git_dir.join("HEAD.lock")];
    if let Ok(head) = repo.find_reference("HEAD")
        && let Ok(Some(branch)) = head.symbolic_target()
    {
        locks.push(git_dir.join(format!("{branch}.lock")));
    }
    match locks.into_iter().find(|l| l.exists()) {
        Some(lock) => Err(Error::Usage(format!(
            "git is busy: {} exists, so nothing can be committed now (another git command is running, or one was stopped before it finished; if none is running, remove the file)",
            lock.display()
        ))),
        None => Ok(()),
    }
}

/// The git state a report was rendered from: the commit and whether the work tree differed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitState {
    /// HEAD's short commit id; `None` when the repository has no commits yet.
    pub commit: Option<String>,
    /// Whether files under the casebook root differ from HEAD (untracked files count).
    pub dirty: bool,
    /// Whether the repository is a shallow clone, its history cut off.
    pub shallow: bool,
}

/// Reads HEAD and whether the files a report was built from (`sources`, paths relative
/// to the casebook root: the case folder, templates/, casebook.yaml) differ from it: a
/// tracked file changed, or a file not yet committed among them (a new note is read
/// into the report). Ignored files (drafts/) and changes anywhere else in the
/// repository do not count. `Ok(None)` outside git.
pub fn state_of(root: &Path, sources: &[&Path]) -> Result<Option<GitState>> {
    let Some(repo) = open(root) else {
        return Ok(None);
    };
    let mut opts = git2::StatusOptions::new();
    opts.include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false)
        .exclude_submodules(true)
        .disable_pathspec_match(true);
    let base = root_in_repo(&repo, root).unwrap_or_default();
    for source in sources {
        let mut spec = display_rel(&base.join(source));
        if root.join(source).is_dir() {
            spec.push('/');
        }
        opts.pathspec(spec);
    }
    git_state(&repo, &mut opts).map(Some)
}

/// HEAD, whether anything `opts` selects differs from it, and whether the clone is shallow.
fn git_state(repo: &Repository, opts: &mut git2::StatusOptions) -> Result<GitState> {
    let commit = repo
        .head()
        .ok()
        .and_then(|h| h.peel_to_commit().ok())
        .map(|c| short_id(&c));
    let statuses = repo
        .statuses(Some(opts))
        .map_err(git_err("cannot read the work tree's status"))?;
    Ok(GitState {
        commit,
        dirty: !statuses.is_empty(),
        shallow: repo.is_shallow(),
    })
}

/// Reads HEAD and the work tree's cleanliness for a report's provenance; `Ok(None)` outside git.
pub fn state(root: &Path) -> Result<Option<GitState>> {
    let Some(repo) = open(root) else {
        return Ok(None);
    };
    let mut opts = git2::StatusOptions::new();
    opts.include_untracked(true)
        .include_ignored(false)
        .exclude_submodules(true)
        .recurse_untracked_dirs(false);
    // Only the casebook's own files decide whether the report matches a commit; a
    // casebook kept in a sub-folder of a bigger repository ignores its neighbours.
    let base = root_in_repo(&repo, root).unwrap_or_default();
    if !base.as_os_str().is_empty() {
        opts.pathspec(format!("{}/", display_rel(&base)))
            .disable_pathspec_match(true);
    }
    git_state(&repo, &mut opts).map(Some)
}

/// Warns, when the repository is a shallow clone (`git clone --depth 1`, CI's default
/// checkout), that the history of `cases/<id>/` it can show is cut off; `None` otherwise.
///
/// The commits where the clone was cut off have no parents here, so the audit trail
/// would otherwise end in one that seems to add every file the case had by then.
pub fn shallow_warning(root: &Path, id: &str) -> Option<Diagnostic> {
    let repo = open(root).filter(Repository::is_shallow)?;
    // `.git/shallow` lists the cut-off commits, one full id a line.
    let cut_off: Vec<String> = fs::read_to_string(repo.path().join("shallow"))
        .unwrap_or_default()
        .lines()
        .filter_map(|line| line.get(..7).map(str::to_string))
        .collect();
    let at = match cut_off.as_slice() {
        [] => String::new(),
        [one] => format!(" at commit {one}"),
        [first, rest @ ..] => format!(" at commit {first} and {} more", rest.len()),
    };
    Some(
        Diagnostic::warning(
            Code::ShallowClone,
            format!("cases/{id}/"),
            0,
            0,
            format!(
                "this is a shallow clone: its history stops{at}, so this audit trail is incomplete and its oldest commit may show older files as added"
            ),
        )
        .with_help("run `git fetch --unshallow` for the whole history (in CI, check out with `fetch-depth: 0`)"),
    )
}

fn short_id(commit: &git2::Commit<'_>) -> String {
    commit
        .as_object()
        .short_id()
        .ok()
        .and_then(|b| b.as_str().ok().map(str::to_string))
        .unwrap_or_else(|| commit.id().to_string()[..7].to_string())
}

/// How a commit changed one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileChange {
    /// The file was new.
    Added,
    /// The file's contents (or type) changed.
    Modified,
    /// The file was removed.
    Deleted,
    /// The file was moved, perhaps with edits.
    Renamed,
    /// The file was copied from another.
    Copied,
}

impl FileChange {
    /// Returns the one-letter code `git log --name-status` uses.
    pub fn letter(self) -> char {
        match self {
            FileChange::Added => 'A',
            FileChange::Modified => 'M',
            FileChange::Deleted => 'D',
            FileChange::Renamed => 'R',
            FileChange::Copied => 'C',
        }
    }
}

/// One file a commit touched, with paths relative to the casebook root.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LogFile {
    /// added, modified, deleted, renamed or copied.
    pub status: FileChange,
    /// The path after the commit (for a deletion, the path removed).
    pub path: String,
    /// The path before a rename or copy; `None` otherwise.
    pub old_path: Option<String>,
}

/// One commit that touched a case's folder.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LogCommit {
    /// The full commit id.
    pub commit: String,
    /// The abbreviated commit id, unique in the repository.
    #[serde(skip)]
    pub short: String,
    /// When the author made the change, RFC 3339 with the author's own offset.
    pub date: String,
    /// The author's name.
    pub author: String,
    /// The author's e-mail address.
    pub email: String,
    /// The whole commit message, without trailing blank lines.
    pub message: String,
    /// The files in the case's folder that changed.
    pub files: Vec<LogFile>,
}

/// Formats a git time as RFC 3339 in its own offset: `2026-01-15T10:00:00+00:00`.
fn rfc3339(time: git2::Time) -> String {
    // An offset git cannot have (over a day) falls back to UTC rather than failing.
    let offset =
        chrono::FixedOffset::east_opt(time.offset_minutes() * 60).unwrap_or(chrono::Utc.fix());
    match chrono::DateTime::from_timestamp(time.seconds(), 0) {
        Some(utc) => utc
            .with_timezone(&offset)
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string(),
        None => time.seconds().to_string(),
    }
}

/// Lists, newest first, every commit reachable from HEAD that changed `cases/<id>/`.
///
/// Each commit is compared with its first parent (a merge shows what it brought in),
/// limited to the case's folder, with renames detected. `Ok(None)` outside git.
pub fn case_log(root: &Path, id: &str) -> Result<Option<Vec<LogCommit>>> {
    let Some(repo) = open(root) else {
        return Ok(None);
    };
    let base = root_in_repo(&repo, root).unwrap_or_default();
    let case_dir = base.join("cases").join(id);
    let prefix = format!("{}/", display_rel(&case_dir));
    let mut walk = repo.revwalk().map_err(git_err("cannot walk the history"))?;
    if repo.head().ok().and_then(|h| h.target()).is_none() {
        // An unborn HEAD has no history yet.
        return Ok(Some(Vec::new()));
    }
    walk.push_head().map_err(git_err("cannot read HEAD"))?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)
        .map_err(git_err("cannot walk the history"))?;
    let mut out = Vec::new();
    for oid in walk {
        let oid = oid.map_err(git_err("cannot walk the history"))?;
        let commit = repo
            .find_commit(oid)
            .map_err(git_err(format!("cannot read commit {oid}")))?;
        let tree = commit
            .tree()
            .map_err(git_err(format!("cannot read the tree of {oid}")))?;
        let parent_tree = match commit.parent(0) {
            Ok(p) => Some(
                p.tree()
                    .map_err(git_err(format!("cannot read the tree of {}", p.id())))?,
            ),
            Err(_) => None,
        };
        // Comparing the folder's tree ids first skips the diff for the many commits
        // that did not touch this case.
        let folder = |t: &git2::Tree<'_>| t.get_path(&case_dir).ok().map(|e| e.id());
        let before = parent_tree.as_ref().and_then(folder);
        if folder(&tree) == before {
            continue;
        }
        let mut opts = git2::DiffOptions::new();
        opts.pathspec(&prefix).disable_pathspec_match(true);
        let mut diff = repo
            .diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), Some(&mut opts))
            .map_err(git_err(format!("cannot compare {oid} with its parent")))?;
        diff.find_similar(Some(git2::DiffFindOptions::new().renames(true)))
            .map_err(git_err(format!("cannot find renames in {oid}")))?;
        let files = changed_files(&diff, &base, &prefix);
        if files.is_empty() {
            continue;
        }
        let author = commit.author();
        out.push(LogCommit {
            commit: oid.to_string(),
            short: short_id(&commit),
            date: rfc3339(author.when()),
            author: String::from_utf8_lossy(author.name_bytes()).to_string(),
            email: String::from_utf8_lossy(author.email_bytes()).to_string(),
            message: String::from_utf8_lossy(commit.message_bytes())
                .trim_end()
                .to_string(),
            files,
        });
    }
    Ok(Some(out))
}

/// Lists a diff's files under `prefix`, with paths shown relative to the casebook root.
fn changed_files(diff: &git2::Diff<'_>, base: &Path, prefix: &str) -> Vec<LogFile> {
    let shown = |p: Option<&Path>| -> Option<String> {
        let p = p?;
        Some(display_rel(p.strip_prefix(base).unwrap_or(p)))
    };
    let mut files = Vec::new();
    for delta in diff.deltas() {
        let status = match delta.status() {
            git2::Delta::Added => FileChange::Added,
            git2::Delta::Deleted => FileChange::Deleted,
            git2::Delta::Renamed => FileChange::Renamed,
            git2::Delta::Copied => FileChange::Copied,
            git2::Delta::Modified | git2::Delta::Typechange => FileChange::Modified,
            _ => continue,
        };
        let new = delta.new_file().path();
        let old = delta.old_file().path();
        let in_case = |p: Option<&Path>| p.is_some_and(|p| display_rel(p).starts_with(prefix));
        if !in_case(new) && !in_case(old) {
            continue;
        }
        let (path, old_path) = match status {
            FileChange::Deleted => (shown(old), None),
            FileChange::Renamed | FileChange::Copied => (shown(new), shown(old)),
            _ => (shown(new), None),
        };
        if let Some(path) = path {
            files.push(LogFile {
                status,
                path,
                old_path,
            });
        }
    }
    files
}
