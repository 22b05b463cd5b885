//! How a `--check` scan is printed: a line per finding (`path:line:col: kind`) and per
//! file not checked (`path: not checked: reason`), the summary, and the same as JSON
//! for scripts. Values are printed only in text and only when asked; JSON never has
//! them. Pure string building.

use serde::Serialize;

use super::check::{Located, Scan};
use super::finding_line;
use crate::error::plural;

/// The lines for standard output: findings first, then what was not checked.
pub fn text(scan: &Scan, show_values: bool) -> String {
    let mut out = String::new();
    for l in &scan.findings {
        out.push_str(&finding_line(&l.place.shown(), &l.finding, show_values));
        out.push('\n');
    }
    for n in &scan.not_checked {
        out.push_str(&format!("{}: not checked: {}\n", n.place.shown(), n.reason));
    }
    out
}

/// The summary for standard error: "checked 19 files: 5 identifiers found, 0 words to
/// review", with the files not checked when there are any.
pub fn summary(scan: &Scan) -> String {
    let unchecked = if scan.not_checked_files > 0 {
        format!(", {} not checked", plural(scan.not_checked_files, "file"))
    } else {
        String::new()
    };
    format!(
        "checked {}{unchecked}: {} found, {} to review\n",
        plural(scan.checked, "file"),
        plural(scan.leaks, "identifier"),
        plural(scan.review, "word")
    )
}

#[derive(Serialize)]
struct JsonScan<'a> {
    findings: Vec<JsonFinding<'a>>,
    not_checked: Vec<JsonNotChecked<'a>>,
    summary: JsonSummary,
}

/// A finding without its value: where, and what kind.
#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    part: Option<&'a str>,
    /// `text`, or `name` for the name of the file, a folder above it or the entry.
    within: &'static str,
    line: Option<usize>,
    column: Option<usize>,
    kind: &'static str,
    review: bool,
}

#[derive(Serialize)]
struct JsonNotChecked<'a> {
    path: &'a str,
    part: Option<&'a str>,
    reason: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files_checked: usize,
    files_not_checked: usize,
    identifiers: usize,
    review: usize,
}

fn json_finding(l: &Located) -> JsonFinding<'_> {
    let in_name = l.finding.line == 0;
    JsonFinding {
        path: &l.place.path,
        part: l.place.part.as_deref(),
        within: if in_name { "name" } else { "text" },
        line: (!in_name).then_some(l.finding.line),
        column: (!in_name).then_some(l.finding.column),
        kind: l.finding.kind.as_str(),
        review: !l.finding.kind.is_leak(),
    }
}

/// The scan as one JSON document: `findings` (path, part, within, line, column, kind,
/// review; never the value), `not_checked` (path, part, reason) and `summary`.
pub fn json(scan: &Scan) -> String {
    let doc = JsonScan {
        findings: scan.findings.iter().map(json_finding).collect(),
        not_checked: scan
            .not_checked
            .iter()
            .map(|n| JsonNotChecked {
                path: &n.place.path,
                part: n.place.part.as_deref(),
                reason: &n.reason,
            })
            .collect(),
        summary: JsonSummary {
            files_checked: scan.checked,
            files_not_checked: scan.not_checked_files,
            identifiers: scan.leaks,
            review: scan.review,
        },
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
