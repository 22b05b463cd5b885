//! Making a new casebook's files on disk (`casebook init`), all or nothing. Every file is
//! checked before any is written: one already there with casebook's own text is kept,
//! an existing `.gitignore` has casebook's lines merged in, and anything else in the way
//! stops `init` with nothing written. Files are then written one by one, casebook.yaml
//! last, so a killed `init` leaves no casebook.yaml and the next one carries on; on any
//! failure (or when the commit that follows fails: [`Made::take_back`]) what was made is
//! removed and a merged `.gitignore` put back.

use std::fs;
use std::path::{Path, PathBuf};

use super::{CONFIG_FILE, Overwrite, check_target, write_atomic};
use crate::error::{Error, Result};
use crate::templates::{GITIGNORE, merge_gitignore};

/// What [`make_casebook`] did, to report it and to take it back.
#[derive(Debug)]
pub struct Made {
    /// The casebook's folder.
    pub dir: PathBuf,
    /// The same, canonical, for following links inside it.
    root: PathBuf,
    /// Whether `init` created the folder itself.
    made_dir: bool,
    /// Folders it created, outermost first.
    made_dirs: Vec<PathBuf>,
    /// Files it created.
    made_files: Vec<PathBuf>,
    /// The `.gitignore` it merged into, and what it held before.
    merged: Option<(PathBuf, Vec<u8>)>,
    /// The patterns a merge added to `.gitignore`, if any.
    pub added_to_gitignore: Vec<String>,
    /// Files that were there already with casebook's text, kept as they were.
    pub kept: usize,
}

/// What to do with one starter file.
enum Step {
    Write,
    Merge { before: Vec<u8>, after: String },
    Keep,
}

/// Writes `files` (paths relative to `dir`, casebook.yaml among them) into `dir`, all or
/// nothing; refuses a folder that already holds a casebook.
pub fn make_casebook(dir: &Path, files: &[(PathBuf, String)]) -> Result<Made> {
    if dir.join(CONFIG_FILE).exists() {
        return Err(Error::Usage(format!(
            "{} already holds a casebook",
            dir.display()
        )));
    }
    let made_dir = !dir.exists();
    fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    let root = fs::canonicalize(dir).map_err(|e| Error::io("read", dir, e))?;
    let overwrite = Overwrite::FollowingLinksWithin(&root);
    let mut made = Made {
        dir: dir.to_path_buf(),
        root: root.clone(),
        made_dir,
        made_dirs: Vec::new(),
        made_files: Vec::new(),
        merged: None,
        added_to_gitignore: Vec::new(),
        kept: 0,
    };
    let planned = plan(dir, files, overwrite);
    let steps = match planned {
        Ok(steps) => steps,
        Err(e) => {
            made.take_back();
            return Err(e);
        }
    };
    // casebook.yaml last: until it is there, the folder is not a casebook.
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| files[i].0 == Path::new(CONFIG_FILE));
    for i in order {
        let (rel, text) = &files[i];
        if let Err(e) = made.apply(rel, text, &steps[i], overwrite) {
            made.take_back();
            return Err(e);
        }
    }
    Ok(made)
}

/// Decides each file's step before anything is written; refuses every file in the way.
fn plan(dir: &Path, files: &[(PathBuf, String)], overwrite: Overwrite<'_>) -> Result<Vec<Step>> {
    let mut steps = Vec::new();
    let mut in_the_way = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        match check_target(&path, Overwrite::Never) {
            Ok(_) => steps.push(Step::Write),
            Err(Error::WouldOverwrite(_)) => {
                let before = fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
                if before == text.as_bytes() {
                    steps.push(Step::Keep);
                } else if rel == Path::new(GITIGNORE) {
                    check_target(&path, overwrite)?;
                    let existing = String::from_utf8_lossy(&before).to_string();
                    steps.push(match merge_gitignore(&existing, text) {
                        Some(after) => Step::Merge { before, after },
                        None => Step::Keep,
                    });
                } else {
                    in_the_way.push(super::display_rel(rel));
                    steps.push(Step::Keep);
                }
            }
            Err(e) => return Err(e),
        }
    }
    if in_the_way.is_empty() {
        return Ok(steps);
    }
    let shown = in_the_way.len().min(5);
    let more = match in_the_way.len() - shown {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    Err(Error::Usage(format!(
        "cannot make a casebook in {}: {}{more} {} already there, with other contents than casebook writes; nothing was written (move {} away, or make the casebook in a folder of its own)",
        dir.display(),
        in_the_way[..shown].join(", "),
        if in_the_way.len() == 1 { "is" } else { "are" },
        if in_the_way.len() == 1 { "it" } else { "them" },
    )))
}

impl Made {
    /// Carries out one file's step, noting what it made.
    fn apply(
        &mut self,
        rel: &Path,
        text: &str,
        step: &Step,
        overwrite: Overwrite<'_>,
    ) -> Result<()> {
        let path = self.dir.join(rel);
        match step {
            Step::Keep => self.kept += 1,
            Step::Write => {
                self.note_new_dirs(&path);
                write_atomic(&path, text.as_bytes(), Overwrite::Never)?;
                self.made_files.push(path);
            }
            Step::Merge { before, after } => {
                write_atomic(&path, after.as_bytes(), overwrite)?;
                let old = String::from_utf8_lossy(before).to_string();
                self.added_to_gitignore = after
                    .lines()
                    .skip(old.lines().count())
                    .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                    .map(str::to_string)
                    .collect();
                self.merged = Some((path, before.clone()));
            }
        }
        Ok(())
    }

    /// Notes the folders above `path` (inside the casebook) that do not exist yet.
    fn note_new_dirs(&mut self, path: &Path) {
        let mut missing = Vec::new();
        let mut dir = path.parent();
        while let Some(d) = dir {
            if d == self.dir || d.exists() {
                break;
            }
            missing.push(d.to_path_buf());
            dir = d.parent();
        }
        missing.reverse();
        self.made_dirs.extend(missing);
    }

    /// Removes what was made and puts a merged `.gitignore` back as it was, quietly:
    /// it runs after another failure, which is the one to report.
    pub fn take_back(&mut self) {
        for file in self.made_files.drain(..).rev() {
            let _ = fs::remove_file(file);
        }
        if let Some((path, before)) = self.merged.take() {
            let _ = write_atomic(&path, &before, Overwrite::FollowingLinksWithin(&self.root));
        }
        for dir in self.made_dirs.drain(..).rev() {
            let _ = fs::remove_dir(dir);
        }
        if self.made_dir {
            let _ = fs::remove_dir(&self.dir);
        }
    }
}
