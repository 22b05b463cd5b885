//! The copy `casebook anonymise CASE --out DIR` makes: built and checked in memory,
//! refused whole if an identifier is left, then written file by file, atomically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::manifest::{MANIFEST_FILE, Manifest, config_text};
use super::out_dir::check_inside;
use super::{finding_line, leaks, publish};
use crate::anonymise::{DatePolicy, Finding, Kind};
use crate::casebook::{
    CONFIG_FILE, Casebook, LoadedCase, Overwrite, check_target, display_rel, write_atomic,
};
use crate::error::{Error, Result};

/// An anonymised copy ready to write.
pub struct Copy {
    /// Each file's path inside the copy, and its text; the manifest comes last.
    pub files: Vec<(PathBuf, String)>,
    /// Replacements by kind, over all files.
    pub counts: BTreeMap<Kind, usize>,
    /// Lower-case common words that are also names, left for a person to review.
    pub review: Vec<(String, Finding)>,
}

/// Builds the copy of one case; refuses it whole if the check finds an identifier left
/// (each named by where it is, and by what only when `show_values`).
pub fn build(
    book: &Casebook,
    case: &LoadedCase,
    dates: DatePolicy,
    as_of: NaiveDate,
    show_values: bool,
) -> Result<Copy> {
    let published = publish(case, dates)?;
    let engine = &published.engine;
    let left = leaks(engine, &published.files);
    if !left.is_empty() {
        return Err(Error::LeaksLeft {
            place: "after anonymising".into(),
            locations: left
                .iter()
                .map(|(path, f)| {
                    let path = display_rel(path);
                    let shown = if show_values {
                        path
                    } else {
                        super::paths::masked(engine, &path)
                    };
                    finding_line(&shown, f, show_values)
                })
                .collect(),
        });
    }
    let mut files = published.files;
    files.push((PathBuf::from(CONFIG_FILE), config_text(&book.config)?));
    let manifest = Manifest {
        root: &book.root,
        case: &case.id,
        as_of,
        dates,
        counts: &published.counts,
    };
    files.push((PathBuf::from(MANIFEST_FILE), manifest.text()));
    Ok(Copy {
        files,
        counts: published.counts,
        review: published.review,
    })
}

/// Writes the copy under `target`. Each file is atomic but the copy as a whole is not:
/// the manifest is written last, so a copy that has one is complete, and one killed
/// half-way has none. Every place is checked before the first file is written: only
/// regular files are replaced, and no symbolic link is followed, in or out of `target`.
pub fn write(target: &Path, copy: &Copy) -> Result<()> {
    for (rel, _) in &copy.files {
        let path = target.join(rel);
        check_inside(target, &path)?;
        check_target(&path, Overwrite::Regular)?;
    }
    for (rel, text) in &copy.files {
        write_atomic(&target.join(rel), text.as_bytes(), Overwrite::Regular)?;
    }
    Ok(())
}
