//! Where an anonymised copy may go: never inside the casebook's cases/, never the
//! casebook root or a folder above it, never anything but a folder, and never a folder
//! with files in it unless `--force`. Symbolic links are resolved first so none can hide
//! where the copy goes, and each file's folder is resolved again before it is written
//! ([`check_inside`]), so a link planted inside the folder cannot lead out of it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Resolves `out` and refuses it when it is unsafe; returns the resolved folder.
pub fn check_out_dir(root: &Path, out: &Path, force: bool) -> Result<PathBuf> {
    let absolute = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io("read", ".", e))?
            .join(out)
    };
    let resolved = resolve(&absolute)?;
    let cases = root.join("cases");
    if resolved.starts_with(&cases) || root.starts_with(&resolved) {
        return Err(Error::Usage(format!(
            "refusing to write the anonymised copy to {}: choose a folder outside the casebook's cases/ (for example publish/)",
            out.display()
        )));
    }
    if let Ok(meta) = fs::metadata(&resolved)
        && !meta.is_dir()
    {
        return Err(Error::UnsafeTarget {
            path: out.to_path_buf(),
            reason:
                "it exists and is not a folder; --out names the folder the copy is written into"
                    .into(),
        });
    }
    if resolved.is_dir() && !force {
        let non_empty = fs::read_dir(&resolved)
            .map_err(|e| Error::io("read", &resolved, e))?
            .next()
            .is_some();
        if non_empty {
            return Err(Error::Usage(format!(
                "{} is not empty; pass --force to write into it",
                out.display()
            )));
        }
    }
    Ok(resolved)
}

/// Refuses to write `file` (a path under the copy's folder `target`, as
/// [`check_out_dir`] resolved it) when a symbolic link on the way leads out of `target`.
pub fn check_inside(target: &Path, file: &Path) -> Result<()> {
    let folder = file.parent().unwrap_or(target);
    if resolve(folder)?.starts_with(target) {
        Ok(())
    } else {
        Err(Error::UnsafeTarget {
            path: file.to_path_buf(),
            reason: format!(
                "a symbolic link in {} leads out of the folder the copy is written into",
                target.display()
            ),
        })
    }
}

/// Canonicalises the nearest existing ancestor and puts the rest back on.
fn resolve(absolute: &Path) -> Result<PathBuf> {
    let mut existing = absolute.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        let Some(name) = existing.file_name() else {
            break;
        };
        rest.push(name.to_os_string());
        existing.pop();
    }
    let mut resolved = fs::canonicalize(&existing).map_err(|e| Error::io("read", &existing, e))?;
    for part in rest.iter().rev() {
        resolved.push(part);
    }
    Ok(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_casebook_itself_and_its_cases_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(tmp.path()).unwrap();
        fs::create_dir_all(root.join("cases/C-1")).unwrap();
        for bad in [root.join("cases/C-1/out"), root.clone(), root.join("..")] {
            let err = check_out_dir(&root, &bad, true).unwrap_err().to_string();
            assert!(err.starts_with("refusing to write"), "{bad:?}: {err}");
        }
        let publish = root.join("publish/C-1");
        assert_eq!(check_out_dir(&root, &publish, false).unwrap(), publish);
    }

    #[test]
    fn a_folder_with_files_needs_force() {
        let tmp = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(tmp.path()).unwrap().join("book");
        let out = tmp.path().join("out");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("old.yaml"), "x").unwrap();
        let err = check_out_dir(&root, &out, false).unwrap_err().to_string();
        assert!(err.ends_with("is not empty; pass --force to write into it"));
        assert!(check_out_dir(&root, &out, true).is_ok());
    }
}
