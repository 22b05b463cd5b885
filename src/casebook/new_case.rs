//! Opening a new case on disk. Two runs at the same moment never get the same id: the id
//! is taken by creating its folder, which only one process can do. The case's files are
//! written to a staging folder beside it and renamed over the (empty) claimed folder, so
//! a case appears whole or not at all, even if casebook is killed part-way.

use std::fs;
use std::path::{Path, PathBuf};

use super::{Casebook, check_folders_inside, write_atomic};
use crate::error::{Error, Result};

/// Whether an id is safe as a folder name: letters, digits, `-` and `_`.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Casebook {
    /// Claims a new case's folder under cases/: the id asked for, or the next free
    /// `<short_name>-<year>-<NNN>`. Returns the id.
    pub fn claim_case(&self, requested: Option<&str>, year: i32) -> Result<String> {
        // Reads refuse a cases/ linked out of the casebook; so must the write.
        check_folders_inside(&self.root, Path::new("cases"))
            .map_err(|d| Error::Findings(vec![d]))?;
        let cases_dir = self.root.join("cases");
        fs::create_dir_all(&cases_dir).map_err(|e| Error::io("create", &cases_dir, e))?;
        match requested {
            Some(id) if !is_safe_id(id) => Err(Error::Usage(format!(
                "case id `{id}` may use only letters, digits, `-` and `_`"
            ))),
            Some(id) => {
                claim(&cases_dir, id)?;
                Ok(id.to_string())
            }
            None => allocate(&cases_dir, &self.config.short_name.value, year),
        }
    }

    /// Fills the folder [`Casebook::claim_case`] claimed with the files `render` makes
    /// (given the claimed folder's path, for a watchdog to remove); returns their paths
    /// relative to the root. On any failure the claimed folder is removed.
    pub fn fill_case(
        &self,
        id: &str,
        render: impl FnOnce(&Path) -> Result<Vec<(&'static str, String)>>,
    ) -> Result<Vec<PathBuf>> {
        let rel_dir = Path::new("cases").join(id);
        let target = self.root.join(&rel_dir);
        let written = render(&target).and_then(|texts| {
            write_staged(&target, id, &texts)?;
            Ok(texts.iter().map(|(file, _)| rel_dir.join(file)).collect())
        });
        if written.is_err() {
            // Leave no half-made case behind.
            let _ = fs::remove_dir_all(&target);
        }
        written
    }
}

/// Takes an id by creating its folder; fails if it exists.
fn claim(cases_dir: &Path, id: &str) -> Result<()> {
    let dir = cases_dir.join(id);
    fs::create_dir(&dir).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Usage(format!("case {id} already exists"))
        } else {
            Error::io("create", &dir, e)
        }
    })
}

/// Allocates the next free `<short>-<year>-<NNN>` by creating its folder.
fn allocate(cases_dir: &Path, short: &str, year: i32) -> Result<String> {
    let prefix = format!("{short}-{year}-");
    let highest = fs::read_dir(cases_dir)
        .map_err(|e| Error::io("read", cases_dir, e))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_prefix(&prefix)?
                .parse::<u32>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    for n in highest + 1..highest + 1000 {
        let id = format!("{prefix}{n:03}");
        match fs::create_dir(cases_dir.join(&id)) {
            Ok(()) => return Ok(id),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io("create", cases_dir.join(&id), e)),
        }
    }
    Err(Error::Limit(format!(
        "could not allocate a free id after {prefix}{highest:03}"
    )))
}

/// Writes the files into a staging folder beside `target`, then renames it over `target`.
fn write_staged(target: &Path, id: &str, texts: &[(&str, String)]) -> Result<()> {
    let staging = target.with_file_name(format!(".casebook-new-{id}-{}", std::process::id()));
    let staged = (|| -> Result<()> {
        fs::create_dir(&staging).map_err(|e| Error::io("create", &staging, e))?;
        for (file, text) in texts {
            write_atomic(&staging.join(file), text.as_bytes(), false)?;
        }
        fs::rename(&staging, target).map_err(|e| Error::io("create", target, e))
    })();
    if staged.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    staged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_ids() {
        assert!(is_safe_id("WSCP-2026-001"));
        assert!(is_safe_id("a_b"));
        assert!(!is_safe_id(""));
        assert!(!is_safe_id("../x"));
        assert!(!is_safe_id("a b"));
        assert!(!is_safe_id(&"a".repeat(65)));
    }

    #[test]
    fn allocation_takes_the_next_number_after_the_highest() {
        let tmp = tempfile::tempdir().unwrap();
        for name in ["W-2026-001", "W-2026-007", "W-2025-010", "other"] {
            fs::create_dir(tmp.path().join(name)).unwrap();
        }
        assert_eq!(allocate(tmp.path(), "W", 2026).unwrap(), "W-2026-008");
        assert_eq!(allocate(tmp.path(), "W", 2026).unwrap(), "W-2026-009");
        assert_eq!(allocate(tmp.path(), "W", 2027).unwrap(), "W-2027-001");
        let err = claim(tmp.path(), "W-2026-008").unwrap_err().to_string();
        assert_eq!(err, "case W-2026-008 already exists");
    }

    #[test]
    fn a_staged_case_appears_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("C-1");
        fs::create_dir(&target).unwrap();
        write_staged(&target, "C-1", &[("case.yaml", "id: C-1\n".into())]).unwrap();
        assert_eq!(
            fs::read_to_string(target.join("case.yaml")).unwrap(),
            "id: C-1\n"
        );
        let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "the staging folder is gone");
    }
}
