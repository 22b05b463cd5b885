//! `casebook anonymise --check PATH…`: which files to scan and what each holds. Every
//! file under the paths is either checked or listed as not checked, with the reason;
//! none is passed over. Folders are walked without following symbolic links; dot-files
//! are checked like any file; a `.git` folder, a symbolic link, a file casebook cannot
//! read or one over the size limit, and a binary file are not checked. Text is decoded
//! whatever its encoding (`decode`); Word, OpenDocument and other zip files are opened
//! and every entry checked (`archive`). The names of files, folders and archive entries
//! are checked too (`paths`), and masked where a finding is printed.
//!
//! The scan is checked against one case's people, every case's, or patterns alone.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::archive;
use super::decode::{Decoded, decode};
use super::{identities, paths};
use crate::anonymise::{Anonymiser, Finding, Options};
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

/// Where a finding is: the file as printed, the entry inside it, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file, as given or found by the walk, with the names below the given path
    /// masked unless values are shown.
    pub path: String,
    /// The entry inside an archive (`word/comments.xml`), masked the same way.
    pub part: Option<String>,
}

impl Place {
    /// Writes the place as `path` or `path!part`.
    pub fn shown(&self) -> String {
        match &self.part {
            Some(part) => format!("{}!{part}", self.path),
            None => self.path.clone(),
        }
    }
}

/// One finding and where it is.
#[derive(Debug, Clone)]
pub struct Located {
    /// The file and entry.
    pub place: Place,
    /// What was found; line 0 when it is in the name of the file, folder or entry.
    pub finding: Finding,
}

/// A file, or an entry of one, that was not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotChecked {
    /// The file and entry.
    pub place: Place,
    /// Why: "a PNG image", "a symbolic link (not followed)".
    pub reason: String,
}

/// What a scan found.
#[derive(Debug, Default)]
pub struct Scan {
    /// Files read whole.
    pub checked: usize,
    /// Files not read, or not read whole (one with an image inside).
    pub not_checked_files: usize,
    /// Identifiers found.
    pub leaks: usize,
    /// Common words that are also names, to review.
    pub review: usize,
    /// Every finding, in the order found.
    pub findings: Vec<Located>,
    /// Everything not checked, in the order met.
    pub not_checked: Vec<NotChecked>,
}

impl Scan {
    fn found(&mut self, place: &Place, findings: Vec<Finding>) {
        for finding in findings {
            if finding.kind.is_leak() {
                self.leaks += 1;
            } else {
                self.review += 1;
            }
            self.findings.push(Located {
                place: place.clone(),
                finding,
            });
        }
    }

    fn skipped(&mut self, place: Place, reason: impl Into<String>) {
        self.not_checked.push(NotChecked {
            place,
            reason: reason.into(),
        });
    }
}

/// The scanner: the engine, and whether values (and the names that hold them) may be
/// printed.
struct Scanner<'a> {
    engine: &'a Anonymiser,
    show_values: bool,
    scan: Scan,
}

/// Scans everything under `paths`. Without an engine, only the patterns are looked for.
pub fn scan(engine: Option<&Anonymiser>, paths: &[PathBuf], show_values: bool) -> Result<Scan> {
    let patterns_only;
    let engine = match engine {
        Some(e) => e,
        None => {
            patterns_only = Anonymiser::new(&[], Options::default());
            &patterns_only
        }
    };
    let mut scanner = Scanner {
        engine,
        show_values,
        scan: Scan::default(),
    };
    for p in paths {
        scanner.path(p)?;
    }
    Ok(scanner.scan)
}

impl Scanner<'_> {
    /// Writes a name as it may be printed: masked unless values are shown.
    fn shown_name(&self, name: &str) -> String {
        if self.show_values {
            name.to_string()
        } else {
            self.engine.mask_path_component(name).0
        }
    }

    /// Checks a name met below a given path (a file, folder or entry name).
    fn name(&mut self, place: &Place, name: &str) {
        let findings = paths::check_name(self.engine, name);
        self.scan.found(place, findings);
    }

    /// Scans one path given on the command line.
    fn path(&mut self, p: &Path) -> Result<()> {
        let given = p.display().to_string();
        let meta = match std::fs::symlink_metadata(p) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::Usage(format!("{given} does not exist")));
            }
            Err(e) => {
                self.unread_file(plain(given), format!("it cannot be read ({e})"));
                return Ok(());
            }
        };
        if meta.is_dir() {
            return self.walk(p);
        }
        // A file named on the command line is printed as given, name included: the
        // user typed it. Its name is still checked.
        let place = plain(given);
        if let Some(name) = p.file_name() {
            self.name(&place, &name.to_string_lossy());
        }
        self.entry(p, &place, meta.file_type());
        Ok(())
    }

    /// Walks a folder given on the command line.
    fn walk(&mut self, root: &Path) -> Result<()> {
        let mut shown: HashMap<PathBuf, String> = HashMap::new();
        shown.insert(root.to_path_buf(), root.display().to_string());
        let mut walker = walkdir::WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .min_depth(1)
            .into_iter();
        while let Some(entry) = walker.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let at = e.path().unwrap_or(root).to_path_buf();
                    let place = plain(self.shown_path(&shown, root, &at));
                    let why = e
                        .io_error()
                        .map_or_else(|| e.to_string(), ToString::to_string);
                    self.unread_file(place, format!("it cannot be read ({why})"));
                    continue;
                }
            };
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            let place = plain(self.shown_path(&shown, root, path));
            self.name(&place, &name);
            if entry.file_type().is_dir() {
                if name == ".git" {
                    self.unread_file(
                        place,
                        "a git repository's own data (check the files, not their history)",
                    );
                    walker.skip_current_dir();
                } else {
                    shown.insert(path.to_path_buf(), place.path);
                }
                continue;
            }
            self.entry(path, &place, entry.file_type());
        }
        Ok(())
    }

    /// Writes a walked path as printed: its parent as printed, then its own name.
    fn shown_path(&self, shown: &HashMap<PathBuf, String>, root: &Path, path: &Path) -> String {
        let parent = path
            .parent()
            .and_then(|p| shown.get(p))
            .cloned()
            .unwrap_or_else(|| root.display().to_string());
        match path.file_name() {
            Some(name) if path != root => {
                let name = self.shown_name(&name.to_string_lossy());
                format!("{}/{name}", parent.trim_end_matches('/'))
            }
            _ => parent,
        }
    }

    fn unread_file(&mut self, place: Place, reason: impl Into<String>) {
        self.scan.not_checked_files += 1;
        self.scan.skipped(place, reason);
    }

    /// Checks one file, or says why it is not checked.
    fn entry(&mut self, path: &Path, place: &Place, kind: std::fs::FileType) {
        if kind.is_symlink() {
            self.unread_file(place.clone(), "a symbolic link (not followed)");
            return;
        }
        if !kind.is_file() {
            self.unread_file(place.clone(), "not a regular file");
            return;
        }
        let bytes = match read_for_check(path) {
            Ok(bytes) => bytes,
            Err(why) => {
                self.unread_file(place.clone(), why);
                return;
            }
        };
        if archive::is_zip(&bytes) {
            self.archive(place, &bytes);
            return;
        }
        match decode(&bytes) {
            Decoded::Text { text, .. } => {
                let findings = self.engine.check(&text);
                self.scan.found(place, findings);
                self.scan.checked += 1;
            }
            Decoded::Binary(what) => self.unread_file(place.clone(), what),
        }
    }

    /// Checks every entry of a zip archive (a .docx, an .odt).
    fn archive(&mut self, place: &Place, bytes: &[u8]) {
        let opened = match archive::open(bytes) {
            Ok(opened) => opened,
            Err(why) => {
                self.unread_file(place.clone(), why.0);
                return;
            }
        };
        for part in opened.parts {
            let at = self.part_place(place, &part.name);
            let findings = self.engine.check(&part.text);
            self.scan.found(&at, findings);
        }
        let whole = opened.unread.is_empty();
        for unread in opened.unread {
            let at = self.part_place(place, &unread.name);
            self.scan.skipped(at, unread.reason);
        }
        if whole {
            self.scan.checked += 1;
        } else {
            self.scan.not_checked_files += 1;
        }
    }

    /// Checks the names in an entry's path and gives the place it is printed as.
    fn part_place(&mut self, file: &Place, name: &str) -> Place {
        let components: Vec<&str> = name.split(['/', '!']).collect();
        let shown: String = name
            .split_inclusive(['/', '!'])
            .map(|piece| {
                let (component, sep) = match piece.char_indices().last() {
                    Some((i, c)) if c == '/' || c == '!' => (&piece[..i], &piece[i..]),
                    _ => (piece, ""),
                };
                format!("{}{sep}", self.shown_name(component))
            })
            .collect();
        let place = Place {
            path: file.path.clone(),
            part: Some(shown),
        };
        for component in components {
            self.name(&place, component);
        }
        place
    }
}

fn plain(path: String) -> Place {
    Place { path, part: None }
}

/// Reads a file to scan; one over [`limits::MAX_CHECK_BYTES`] is refused before it is
/// read whole (a stray disk image in a folder must not be read into memory first).
/// The error says why, for the list of files not checked.
fn read_for_check(path: &Path) -> std::result::Result<Vec<u8>, String> {
    let too_large = |size: u64| {
        format!(
            "{} bytes, more than the {} ({} MiB) that --check reads",
            wording::thousands(size),
            wording::thousands(limits::MAX_CHECK_BYTES),
            limits::MAX_CHECK_BYTES / 1_048_576
        )
    };
    let cannot = |e: std::io::Error| format!("it cannot be read ({e})");
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limits::MAX_CHECK_BYTES {
        return Err(too_large(size));
    }
    let mut bytes = Vec::new();
    file.take(limits::MAX_CHECK_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limits::MAX_CHECK_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymise::{Identity, Kind};

    fn engine() -> Anonymiser {
        Anonymiser::new(
            &[Identity {
                id: "child".into(),
                name: "Ellie-Mae Jones".into(),
                pseudonym: "Child A".into(),
                ..Identity::default()
            }],
            Options::default(),
        )
    }

    fn lines(scan: &Scan) -> Vec<String> {
        let mut out: Vec<String> = scan
            .findings
            .iter()
            .map(|l| {
                format!(
                    "{}:{}:{}: {}",
                    l.place.shown(),
                    l.finding.line,
                    l.finding.column,
                    l.finding.kind
                )
            })
            .collect();
        out.extend(
            scan.not_checked
                .iter()
                .map(|n| format!("{}: not checked: {}", n.place.shown(), n.reason)),
        );
        out
    }

    #[test]
    fn dot_files_are_checked_and_git_folders_are_not() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        for f in ["b.md", ".hidden", ".git/config", "sub/a.md"] {
            std::fs::write(dir.join(f), "Lives at WN2 3XY.\n").unwrap();
        }
        let scan = scan(None, &[dir.to_path_buf()], false).unwrap();
        let root = dir.display();
        assert_eq!(
            lines(&scan),
            [
                format!("{root}/.hidden:1:10: postcode"),
                format!("{root}/b.md:1:10: postcode"),
                format!("{root}/sub/a.md:1:10: postcode"),
                format!(
                    "{root}/.git: not checked: a git repository's own data (check the files, not their history)"
                ),
            ]
        );
        assert_eq!((scan.checked, scan.not_checked_files), (3, 1));
        let err = super::scan(None, &[dir.join("nope")], false)
            .unwrap_err()
            .to_string();
        assert!(err.ends_with("nope does not exist"), "{err}");
    }

    #[test]
    fn binary_files_and_links_are_not_checked_and_text_with_nul_is() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("a.md"), b"Seen: El\0lie.\n").unwrap();
        std::fs::write(dir.join("b.png"), b"\x89PNG\r\n\x1a\n\0\0").unwrap();
        std::os::unix::fs::symlink(dir.join("a.md"), dir.join("c.md")).unwrap();
        let scan = scan(Some(&engine()), &[dir.to_path_buf()], false).unwrap();
        let root = dir.display();
        assert_eq!(
            lines(&scan),
            [
                format!("{root}/a.md:1:7: given-name"),
                format!("{root}/b.png: not checked: a PNG image"),
                format!("{root}/c.md: not checked: a symbolic link (not followed)"),
            ]
        );
        assert_eq!(
            (scan.checked, scan.not_checked_files, scan.leaks),
            (1, 2, 1)
        );
    }

    #[test]
    fn names_in_file_and_folder_names_are_found_and_masked() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::create_dir_all(dir.join("ellie")).unwrap();
        std::fs::write(
            dir.join("ellie/2026-01-20-ellie-mae-jones-visit.md"),
            "ok\n",
        )
        .unwrap();
        let scan = scan(Some(&engine()), &[dir.to_path_buf()], false).unwrap();
        let root = dir.display();
        assert_eq!(
            lines(&scan),
            [
                format!("{root}/…:0:1: given-name"),
                format!("{root}/…/2026-01-20-…-visit.md:0:12: name"),
            ]
        );
        assert!(
            scan.findings
                .iter()
                .all(|l| l.finding.kind != Kind::CommonWordName)
        );
    }
}
