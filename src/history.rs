//! Git, through git2: the only module that uses it. Committing new files, finding
//! drafts that should never be tracked, and (for `log`) the history of a case folder.
//!
//! Commits hold only the files casebook wrote, whatever else is staged, and take a
//! lock file in `.git/` so several `casebook new` at once each make their own commit.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use git2::{Index, Repository, Signature};

use crate::casebook::display_rel;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};

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

/// Finds files under any case's drafts/ folder that git tracks: drafts must never be committed.
pub fn tracked_drafts(root: &Path, ids: &[String]) -> Vec<Diagnostic> {
    let Some(repo) = open(root) else {
        return Vec::new();
    };
    let (Some(base), Ok(index)) = (root_in_repo(&repo, root), repo.index()) else {
        return Vec::new();
    };
    let prefixes: Vec<(String, String)> = ids
        .iter()
        .map(|id| {
            let p = base
                .join("cases")
                .join(id)
                .join(crate::casebook::files::DRAFTS);
            (
                format!("{}/", display_rel(&p)),
                display_rel(&Path::new("cases").join(id).join("drafts")),
            )
        })
        .collect();
    let mut out = Vec::new();
    for entry in index.iter() {
        let path = String::from_utf8_lossy(&entry.path).to_string();
        if let Some((prefix, shown)) = prefixes.iter().find(|(p, _)| path.starts_with(p.as_str())) {
            let file = &path[prefix.len()..];
            out.push(
                Diagnostic::error(
                    "drafts-tracked",
                    format!("{shown}/{file}"),
                    0,
                    0,
                    "a draft is tracked by git; drafts must stay out of the repository and be destroyed when the review ends",
                )
                .with_help(format!("run `git rm --cached \"{path}\"` and keep `drafts/` in .gitignore")),
            );
        }
    }
    out
}

/// Who commits: the repository's configured user, else casebook itself.
fn signature(repo: &Repository) -> Signature<'static> {
    repo.signature()
        .map(|s| s.to_owned())
        .or_else(|_| Signature::now("casebook", "casebook@localhost"))
        .unwrap_or_else(|_| {
            // Signature::now only fails on invalid names; these are constant and valid.
            Signature::new("casebook", "casebook@localhost", &git2::Time::new(0, 0))
                .expect("constant signature")
        })
}

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
                    if start.elapsed() > Duration::from_secs(30) {
                        return Err(Error::Usage(format!(
                            "another casebook is committing (lock file {} is older than 30 s; remove it if no casebook is running)",
                            path.display()
                        )));
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

/// Commits exactly `paths` (relative to `root`) with `message`; `Ok(None)` outside a repository.
pub fn commit_paths(root: &Path, paths: &[PathBuf], message: &str) -> Result<Option<String>> {
    let Some(repo) = open(root) else {
        return Ok(None);
    };
    let base = root_in_repo(&repo, root).unwrap_or_default();
    let _lock = CommitLock::acquire(&repo)?;
    let mut index = repo.index().map_err(git_err("cannot read the index"))?;
    let repo_paths: Vec<PathBuf> = paths.iter().map(|p| base.join(p)).collect();
    for p in &repo_paths {
        index
            .add_path(p)
            .map_err(git_err(format!("cannot stage {}", p.display())))?;
    }
    index.write().map_err(git_err("cannot write the index"))?;
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    // Build the commit's tree from HEAD plus only our files, so nothing else staged slips in.
    let mut tree_index = Index::new().map_err(git_err("cannot make an index"))?;
    if let Some(parent) = &parent {
        let tree = parent.tree().map_err(git_err("cannot read HEAD's tree"))?;
        tree_index
            .read_tree(&tree)
            .map_err(git_err("cannot read HEAD's tree"))?;
    }
    for p in &repo_paths {
        let path_bytes = display_rel(p);
        if let Some(entry) = index.get_path(Path::new(&path_bytes), 0) {
            tree_index
                .add(&entry)
                .map_err(git_err("cannot stage a file"))?;
        }
    }
    let tree_id = tree_index
        .write_tree_to(&repo)
        .map_err(git_err("cannot write the tree"))?;
    let tree = repo
        .find_tree(tree_id)
        .map_err(git_err("cannot read the tree"))?;
    let sig = signature(&repo);
    let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
    let oid = repo
        .commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
        .map_err(git_err("cannot commit"))?;
    Ok(Some(oid.to_string()[..7].to_string()))
}
