//! `casebook anonymise --check PATH…`: which files to scan (folders walked, symbolic
//! links not followed, hidden files and .git left out), reading each within the size
//! limit, and scanning them against one case's people, every case's, or patterns alone.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::{finding_line, identities};
use crate::anonymise::{Anonymiser, Options, check_patterns};
use crate::casebook::{Casebook, files, read_record};
use crate::error::{Error, Result};
use crate::model::PeopleFile;
use crate::{limits, wording};

/// Builds the engine for `--check` from one case's people, or every case's.
pub fn engine(book: &Casebook, case: Option<&str>) -> Result<Anonymiser> {
    let ids = match case {
        Some(id) => book.select(&[id.to_string()])?,
        None => book.case_ids()?,
    };
    let mut people = Vec::new();
    for id in &ids {
        let rel = Path::new("cases").join(id).join(files::PEOPLE);
        match read_record::<PeopleFile>(&book.root, &rel) {
            Ok(Some(p)) => people.extend(identities(&p)),
            Ok(None) => {}
            Err(d) => return Err(Error::Findings(vec![d])),
        }
    }
    Ok(Anonymiser::new(&people, Options::default()))
}

/// What a scan found.
#[derive(Debug, Default)]
pub struct Scan {
    /// How many files were scanned.
    pub files: usize,
    /// Identifiers found.
    pub leaks: usize,
    /// Common words that are also names, to review.
    pub review: usize,
    /// One `path:line:col: kind` line per finding.
    pub lines: Vec<String>,
}

/// Scans the text files under `paths` (binary files are skipped; text with a few bad
/// bytes is still checked). Without an engine, only the patterns are looked for.
pub fn scan(engine: Option<&Anonymiser>, paths: &[PathBuf], show_values: bool) -> Result<Scan> {
    let files = text_files(paths)?;
    let mut scan = Scan {
        files: files.len(),
        ..Scan::default()
    };
    for path in &files {
        let bytes = read_for_check(path)?;
        if bytes.contains(&0) {
            continue;
        }
        let content = String::from_utf8_lossy(&bytes);
        let findings = match engine {
            Some(e) => e.check(&content),
            None => check_patterns(&content),
        };
        for f in findings {
            if f.kind.is_leak() {
                scan.leaks += 1;
            } else {
                scan.review += 1;
            }
            scan.lines
                .push(finding_line(&path.display().to_string(), &f, show_values));
        }
    }
    Ok(scan)
}

/// Files worth scanning: text files under each path (folders walked, symlinks not followed).
fn text_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_file() {
            out.push(p.clone());
            continue;
        }
        if !p.exists() {
            return Err(Error::Usage(format!("{} does not exist", p.display())));
        }
        for entry in walkdir::WalkDir::new(p)
            .follow_links(false)
            .sort_by_file_name()
        {
            let entry = entry.map_err(|reason| Error::Walk {
                path: p.clone(),
                reason,
            })?;
            let name = entry.file_name().to_string_lossy();
            if entry.file_type().is_file()
                && !name.starts_with('.')
                && !entry.path().components().any(|c| c.as_os_str() == ".git")
            {
                out.push(entry.path().to_path_buf());
            }
        }
    }
    Ok(out)
}

/// Reads a file to scan, refusing one over [`limits::MAX_CHECK_BYTES`] before reading
/// it all (a stray disk image in a folder must not be read into memory first).
fn read_for_check(path: &Path) -> Result<Vec<u8>> {
    let too_large = |size: u64| {
        Error::Limit(format!(
            "{} is {} bytes, more than the {} ({} MiB) that --check scans",
            path.display(),
            wording::thousands(size),
            wording::thousands(limits::MAX_CHECK_BYTES),
            limits::MAX_CHECK_BYTES / 1_048_576
        ))
    };
    let file = std::fs::File::open(path).map_err(|e| Error::io("read", path, e))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limits::MAX_CHECK_BYTES {
        return Err(too_large(size));
    }
    let mut bytes = Vec::new();
    file.take(limits::MAX_CHECK_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("read", path, e))?;
    if bytes.len() as u64 > limits::MAX_CHECK_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_without_hidden_files_or_git() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        for f in ["b.md", ".hidden", ".git/config", "sub/a.md"] {
            std::fs::write(dir.join(f), "text").unwrap();
        }
        let found = text_files(&[dir.to_path_buf()]).unwrap();
        assert_eq!(found, [dir.join("b.md"), dir.join("sub/a.md")]);
        let err = text_files(&[dir.join("nope")]).unwrap_err().to_string();
        assert!(err.ends_with("nope does not exist"), "{err}");
    }

    #[test]
    fn patterns_alone_find_a_postcode_and_binary_files_are_skipped() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("a.md"), "Lives at WN2 3XY.\n").unwrap();
        std::fs::write(tmp.path().join("b.bin"), b"WN2 3XY\0").unwrap();
        let scan = scan(None, &[tmp.path().to_path_buf()], false).unwrap();
        assert_eq!((scan.files, scan.leaks, scan.review), (2, 1, 0));
        assert!(
            scan.lines[0].ends_with("a.md:1:10: postcode"),
            "{:?}",
            scan.lines
        );
    }
}
