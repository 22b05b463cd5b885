//! Where a report's file goes and what it is built from: the name suggested for it
//! (`WSCP-2026-003-rapid-review.docx`, `-DRAFT-<date>` for a draft), a draft's place
//! under the case's git-ignored drafts/ folder (WSCP 4.51), and the tracked files whose
//! changes count as "uncommitted" in its provenance. Pure: paths in, paths out.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::Format;
use crate::error::{Error, Result};

/// The tracked files a report is built from, relative to the root: whether they differ
/// from the commit is what "uncommitted changes" in its provenance means.
pub fn sources(case_id: &str) -> [PathBuf; 3] {
    [
        Path::new("cases").join(case_id),
        PathBuf::from("templates"),
        PathBuf::from(crate::casebook::CONFIG_FILE),
    ]
}

/// Where the report goes: `--out`; else, for a draft, the case's drafts/ folder (which
/// git ignores, WSCP 4.51); else standard output, which a Word document cannot use.
pub fn out_path(
    out: Option<&Path>,
    draft: bool,
    root: &Path,
    case_id: &str,
    name: &str,
    format: Format,
    as_of: NaiveDate,
) -> Result<Option<PathBuf>> {
    let suggested = suggested_name(case_id, name, format, draft, as_of);
    match out {
        Some(out) => Ok(Some(out.to_path_buf())),
        None if draft => Ok(Some(
            root.join("cases")
                .join(case_id)
                .join("drafts")
                .join(suggested),
        )),
        None if format == Format::Docx => Err(Error::Usage(format!(
            "a Word document cannot go to standard output: add --out {suggested}"
        ))),
        None => Ok(None),
    }
}

/// A file name for a report: `WSCP-2026-003-rapid-review.docx`, with `-DRAFT-<date>`
/// for a draft.
pub fn suggested_name(
    case_id: &str,
    name: &str,
    format: Format,
    draft: bool,
    as_of: NaiveDate,
) -> String {
    let draft = if draft {
        format!("-DRAFT-{}", as_of.format("%Y-%m-%d"))
    } else {
        String::new()
    };
    format!("{case_id}-{name}{draft}.{}", format.extension())
}
