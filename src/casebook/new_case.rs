//! Opening a new case on disk, whole or not at all. The case's files are rendered in
//! memory, read back to prove casebook can parse them, written into a staging folder
//! (`cases/.casebook-new-<ID>-<pid>`, which case listing skips) and the staging folder is
//! renamed to `cases/<ID>`. The rename is the claim: it fails when a folder with files is
//! already there, so two runs at the same moment never get the same id, and a run killed
//! at any moment leaves either nothing, a staging folder nobody reads, or a whole case.
//! A later `new` removes staging folders older than [`STALE_STAGING_AGE`] and empty case
//! folders (left by older versions, which claimed the folder first) older than a minute.
//!
//! Ids are checked here too: letters, digits, `-` and `_`, and never a name Windows
//! reserves (`NUL`, `CON`, `COM1`, …), since a council's desktops run Windows.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::write::sync_dir;
use super::{Casebook, Overwrite, check_folders_inside, write_atomic};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::model::{CaseRecord, KindVisitor, Record, RecordKind};

/// How staging folders begin: `.casebook-new-<ID>-<pid>`.
const STAGING_PREFIX: &str = ".casebook-new-";

/// Age past which a staging folder is taken for the remains of a killed `new`: writing
/// four small files takes milliseconds, and rendering is stopped after 10 seconds.
pub const STALE_STAGING_AGE: Duration = Duration::from_secs(10 * 60);

/// Age past which an empty case folder is taken for a claim an older casebook left.
pub const STALE_CLAIM_AGE: Duration = Duration::from_secs(60);

/// Whether an id is safe as a folder name: letters, digits, `-` and `_`.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Says why Windows could not check out a file or folder of this name, if it could not:
/// a reserved device name (`CON`, `PRN`, `AUX`, `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`, in
/// any case, with or without an extension), a trailing dot or space, or one of
/// `<>:"/\|?*` or a control character.
pub fn windows_name_problem(name: &str) -> Option<String> {
    if let Some(c) = name.chars().find(|c| {
        matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*') || c.is_control()
    }) {
        let shown = if c.is_control() {
            format!("U+{:04X}", u32::from(c))
        } else {
            format!("`{c}`")
        };
        return Some(format!(
            "holds {shown}, which Windows does not allow in a file name"
        ));
    }
    if name.ends_with(['.', ' ']) {
        return Some("ends with a dot or a space, which Windows drops from a file name".into());
    }
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    let upper = stem.to_ascii_uppercase();
    let numbered = |prefix: &str| {
        upper.strip_prefix(prefix).is_some_and(|rest| {
            matches!(
                rest,
                "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"
            )
        })
    };
    if matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL") || numbered("COM") || numbered("LPT")
    {
        return Some(
            "is a name Windows keeps for a device (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, with or without an extension)".into(),
        );
    }
    None
}

/// What the new case's case.yaml must say when it is read back.
#[derive(Debug, Clone, Copy)]
pub struct Opening<'a> {
    /// The title asked for, trimmed.
    pub title: &'a str,
    /// The tracks asked for, in order.
    pub tracks: &'a [String],
}

impl Casebook {
    /// Opens a new case under cases/: the id asked for, or the next free
    /// `<short_name>-<year>-<NNN>`. `render` makes the files for an id (it may be called
    /// again with the next id if another run takes the first); each is read back against
    /// `opening` before anything is written. Returns the id and the files' paths
    /// relative to the root.
    pub fn open_case(
        &self,
        requested: Option<&str>,
        year: i32,
        opening: Opening<'_>,
        render: impl Fn(&str) -> Result<Vec<(&'static str, String)>>,
    ) -> Result<(String, Vec<PathBuf>)> {
        if let Some(id) = requested {
            check_id(id)?;
        }
        // Reads refuse a cases/ linked out of the casebook; so must the write.
        check_folders_inside(&self.root, Path::new("cases"))
            .map_err(|d| Error::Findings(vec![d]))?;
        let cases_dir = self.root.join("cases");
        fs::create_dir_all(&cases_dir).map_err(|e| Error::io("create", &cases_dir, e))?;
        tidy_leftovers(&cases_dir, STALE_STAGING_AGE, STALE_CLAIM_AGE);
        // One attempt at an id: the files' paths once the case is in place, or `None`
        // when another case holds the id.
        let attempt = |id: &str| -> Result<Option<Vec<PathBuf>>> {
            if fs::symlink_metadata(cases_dir.join(id)).is_ok() {
                return Ok(None);
            }
            let texts = render(id)?;
            check_read_back(id, &texts, opening)?;
            Ok(match place(&cases_dir, id, &texts)? {
                Placed::Done => {
                    let rel_dir = Path::new("cases").join(id);
                    Some(texts.iter().map(|(file, _)| rel_dir.join(file)).collect())
                }
                Placed::Taken => None,
            })
        };
        match requested {
            Some(id) => match attempt(id)? {
                Some(paths) => Ok((id.to_string(), paths)),
                None => Err(Error::Usage(format!("case {id} already exists"))),
            },
            None => {
                let prefix = format!("{}-{year}-", self.config.short_name.value);
                let first = highest_number(&cases_dir, &prefix)? + 1;
                for n in first..first.saturating_add(1000) {
                    let id = format!("{prefix}{n:03}");
                    if let Some(paths) = attempt(&id)? {
                        return Ok((id, paths));
                    }
                }
                Err(Error::Usage(format!(
                    "could not allocate a free id after {prefix}{first:03}"
                )))
            }
        }
    }

    /// Removes a case [`Casebook::open_case`] just made, when what was to follow (its
    /// commit) failed.
    pub fn withdraw_case(&self, id: &str) -> Result<()> {
        let dir = self.root.join("cases").join(id);
        fs::remove_dir_all(&dir).map_err(|e| Error::io("remove", &dir, e))?;
        sync_dir(&self.root.join("cases"));
        Ok(())
    }
}

/// Refuses an id that is not a safe folder name, or that Windows could not check out.
fn check_id(id: &str) -> Result<()> {
    if !is_safe_id(id) {
        return Err(Error::Usage(format!(
            "case id `{id}` may use only letters, digits, `-` and `_`"
        )));
    }
    if let Some(problem) = windows_name_problem(id) {
        return Err(Error::Usage(format!(
            "case id `{id}` {problem}, so the case could not be checked out on Windows; choose another id"
        )));
    }
    Ok(())
}

/// How one attempt to place a case went.
enum Placed {
    /// The case is in place.
    Done,
    /// Another case holds the id.
    Taken,
}

/// The highest `NNN` of the `<prefix>NNN` folders in `cases_dir`, or 0.
fn highest_number(cases_dir: &Path, prefix: &str) -> Result<u32> {
    Ok(fs::read_dir(cases_dir)
        .map_err(|e| Error::io("read", cases_dir, e))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_prefix(prefix)?
                .parse::<u32>()
                .ok()
        })
        .max()
        .unwrap_or(0))
}

/// Writes the files into a staging folder beside `cases_dir/<id>`, then renames it there.
fn place(cases_dir: &Path, id: &str, texts: &[(&str, String)]) -> Result<Placed> {
    let target = cases_dir.join(id);
    let staging = cases_dir.join(format!("{STAGING_PREFIX}{id}-{}", std::process::id()));
    // One of our own earlier attempts, cut short.
    let _ = fs::remove_dir_all(&staging);
    let staged = (|| -> Result<Placed> {
        fs::create_dir(&staging).map_err(|e| Error::io("create", &staging, e))?;
        for (file, text) in texts {
            write_atomic(&staging.join(file), text.as_bytes(), Overwrite::Never)?;
        }
        match fs::rename(&staging, &target) {
            Ok(()) => {
                sync_dir(cases_dir);
                Ok(Placed::Done)
            }
            // A folder with files is in the way: another run took the id first.
            Err(_) if fs::symlink_metadata(&target).is_ok() => Ok(Placed::Taken),
            Err(e) => Err(Error::io("create", &target, e)),
        }
    })();
    if !matches!(staged, Ok(Placed::Done)) {
        let _ = fs::remove_dir_all(&staging);
    }
    staged
}

/// Removes what killed runs of `new` left in `cases_dir`: staging folders older than
/// `staging_age`, and empty folders with an id's name older than `claim_age`. Quietly:
/// tidying must never stop the `new` that noticed them.
pub fn tidy_leftovers(cases_dir: &Path, staging_age: Duration, claim_age: Duration) {
    let Ok(entries) = fs::read_dir(cases_dir) else {
        return;
    };
    let older_than = |meta: &fs::Metadata, age: Duration| {
        meta.modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|elapsed| elapsed > age)
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // Not following links: a link with the name is not ours.
        let Ok(meta) = fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if !meta.is_dir() {
            continue;
        }
        if name.starts_with(STAGING_PREFIX) {
            if older_than(&meta, staging_age) {
                let _ = fs::remove_dir_all(entry.path());
            }
        } else if is_safe_id(&name) && older_than(&meta, claim_age) {
            // remove_dir removes only an empty folder, however the case got there.
            let empty = fs::read_dir(entry.path()).is_ok_and(|mut d| d.next().is_none());
            if empty {
                let _ = fs::remove_dir(entry.path());
            }
        }
    }
}

/// Parses each rendered record back, and checks case.yaml says what was asked; a
/// template that writes what casebook cannot read (a track key that needs quoting, a
/// broken override) is an error before anything is written.
fn check_read_back(id: &str, texts: &[(&str, String)], opening: Opening<'_>) -> Result<()> {
    for (file, text) in texts {
        let Some(kind) = RecordKind::ALL.into_iter().find(|k| k.file() == *file) else {
            continue;
        };
        let path = format!("cases/{id}/{file}");
        let fail = |why: String| Error::Template {
            name: format!("case/{file}"),
            message: format!(
                "the {file} it made for {id} does not read back: {why}; nothing was written"
            ),
        };
        let mut read = ReadBack {
            path: &path,
            text,
            found: None,
        };
        kind.visit_type(&mut read);
        if let Some(d) = read.found {
            return Err(fail(format!("{} (line {})", d.message, d.line)));
        }
        if kind != RecordKind::Case {
            continue;
        }
        let record: CaseRecord =
            crate::yaml::parse(&path, text).map_err(|d| fail(d.message.clone()))?;
        let tracks: Vec<&str> = record.tracks.iter().map(|t| t.value.as_str()).collect();
        let asked: Vec<&str> = opening.tracks.iter().map(String::as_str).collect();
        if record.id.value != id {
            return Err(fail(format!("its id reads as `{}`", record.id.value)));
        }
        if record.title.value.as_str() != opening.title {
            return Err(fail(format!(
                "its title reads as {:?}, not {:?}",
                record.title.value.as_str(),
                opening.title
            )));
        }
        if tracks != asked {
            let list = |t: &[&str]| {
                let quoted: Vec<String> = t.iter().map(|t| format!("`{t}`")).collect();
                quoted.join(", ")
            };
            return Err(fail(format!(
                "its tracks read as {}, not {} as asked",
                list(&tracks),
                list(&asked)
            )));
        }
    }
    Ok(())
}

/// Parses one record text as its kind's type.
struct ReadBack<'a> {
    path: &'a str,
    text: &'a str,
    found: Option<Diagnostic>,
}

impl KindVisitor for ReadBack<'_> {
    fn visit<R: Record>(&mut self) {
        if let Err(d) = crate::yaml::parse::<R>(self.path, self.text) {
            self.found = Some(d);
        }
    }
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
    fn names_windows_cannot_check_out() {
        for bad in [
            "NUL",
            "nul",
            "Con",
            "PRN",
            "aux",
            "COM1",
            "com9",
            "LPT1",
            "lpt9",
            "COM²",
            "NUL.txt",
            "con.tar.gz",
            "AUX .md",
            "case.",
            "case ",
            "a:b",
            "a<b",
            "a>b",
            "a\"b",
            "a|b",
            "a?b",
            "a*b",
            "a\\b",
            "a/b",
            "a\u{1b}b",
        ] {
            assert!(windows_name_problem(bad).is_some(), "{bad:?}");
        }
        for good in [
            "WSCP-2026-001",
            "CON-2026-001",
            "COM10",
            "LPT0",
            "NULL",
            "console",
            "AUXILIARY",
            "nul-case",
            "a.b",
            "Child A.md",
        ] {
            assert_eq!(windows_name_problem(good), None, "{good:?}");
        }
        assert_eq!(
            check_id("nul").unwrap_err().to_string(),
            "case id `nul` is a name Windows keeps for a device (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, with or without an extension), so the case could not be checked out on Windows; choose another id"
        );
    }

    #[test]
    fn a_placed_case_appears_whole_and_a_taken_id_is_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let texts = [("case.yaml", "id: C-1\n".to_string())];
        assert!(matches!(place(tmp.path(), "C-1", &texts), Ok(Placed::Done)));
        assert_eq!(
            fs::read_to_string(tmp.path().join("C-1/case.yaml")).unwrap(),
            "id: C-1\n"
        );
        let other = [("case.yaml", "id: other\n".to_string())];
        assert!(matches!(
            place(tmp.path(), "C-1", &other),
            Ok(Placed::Taken)
        ));
        assert_eq!(
            fs::read_to_string(tmp.path().join("C-1/case.yaml")).unwrap(),
            "id: C-1\n",
            "the case that took the id first is kept"
        );
        let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no staging folder is left");
    }

    #[test]
    fn numbers_continue_after_the_highest() {
        let tmp = tempfile::tempdir().unwrap();
        for name in ["W-2026-001", "W-2026-007", "W-2025-010", "other"] {
            fs::create_dir(tmp.path().join(name)).unwrap();
        }
        assert_eq!(highest_number(tmp.path(), "W-2026-").unwrap(), 7);
        assert_eq!(highest_number(tmp.path(), "W-2027-").unwrap(), 0);
    }

    #[test]
    fn only_old_staging_folders_and_old_empty_claims_are_tidied() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        for name in [
            ".casebook-new-W-1-99999",
            "W-2026-004",
            "W-2026-005",
            ".hidden",
        ] {
            fs::create_dir(d.join(name)).unwrap();
        }
        fs::write(d.join("W-2026-005/case.yaml"), "id: W-2026-005\n").unwrap();
        fs::write(d.join(".casebook-new-W-1-99999/case.yaml"), "half").unwrap();
        // Nothing is old enough yet.
        tidy_leftovers(d, Duration::from_secs(600), Duration::from_secs(60));
        assert_eq!(fs::read_dir(d).unwrap().count(), 4);
        tidy_leftovers(d, Duration::ZERO, Duration::ZERO);
        let mut left: Vec<String> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [".hidden", "W-2026-005"],
            "a case with files is never touched"
        );
    }

    #[test]
    fn a_case_yaml_that_does_not_read_back_is_refused() {
        let tracks = ["rapid-review".to_string(), "a, b".to_string()];
        let opening = Opening {
            title: "T",
            tracks: &tracks,
        };
        let text = "id: C-1\ntitle: \"T\"\nopened: 2026-01-01\nstatus: open\ntracks: [rapid-review, a, b]\n";
        let err = check_read_back("C-1", &[("case.yaml", text.into())], opening)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "template `case/case.yaml`: the case.yaml it made for C-1 does not read back: its tracks read as `rapid-review`, `a`, `b`, not `rapid-review`, `a, b` as asked; nothing was written"
        );
        let broken = "id: C-1\ntitle: \"T\"\ntracks: [x: y: z]\n";
        let err = check_read_back("C-1", &[("case.yaml", broken.into())], opening)
            .unwrap_err()
            .to_string();
        assert!(err.contains("does not read back"), "{err}");
        let people = "people: [}\n";
        let err = check_read_back("C-1", &[("people.yaml", people.into())], opening)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("template `case/people.yaml`"), "{err}");
    }
}
