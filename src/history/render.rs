//! A case's audit trail as people and scripts read it: the commits `case_log` found,
//! newest first, as text (date, author, message, each file) or as JSON.

use std::fmt::Write;

use super::{FileChange, LogCommit};
use crate::error::plural;
use crate::output::{Paint, paint};

/// The JSON document, fields in the contract's order.
#[derive(serde::Serialize)]
struct LogJson<'a> {
    case: &'a str,
    commits: &'a [LogCommit],
    /// A shallow clone: the history ends where the clone was cut off.
    shallow: bool,
}

/// The audit trail of case `id` as JSON; `shallow` when a shallow clone cut it off.
pub fn log_json(id: &str, commits: &[LogCommit], shallow: bool) -> String {
    let doc = LogJson {
        case: id,
        commits,
        shallow,
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes a date like `2026-01-15T10:00:00+00:00` as `2026-01-15 10:00 +00:00`.
fn readable_date(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16), rfc3339.get(19..)) {
        (Some(day), Some(time), Some(offset)) => format!("{day} {time} {offset}"),
        _ => rfc3339.to_string(),
    }
}

/// The audit trail of case `id` for people, with a count at the end.
pub fn log_text(id: &str, commits: &[LogCommit], color: bool) -> String {
    let mut out = String::new();
    if commits.is_empty() {
        let _ = writeln!(
            out,
            "no commit has touched cases/{id}/ yet: commit the case to start its audit trail"
        );
        return out;
    }
    for (i, c) in commits.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{} {} {} <{}>",
            paint(color, Paint::Accent, &c.short),
            paint(color, Paint::Dim, &readable_date(&c.date)),
            paint(color, Paint::Bold, &c.author),
            c.email
        );
        for line in c.message.lines() {
            if line.trim().is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "    {line}");
            }
        }
        out.push('\n');
        for f in &c.files {
            let letter = f.status.letter().to_string();
            let style = match f.status {
                FileChange::Added => Paint::Good,
                FileChange::Deleted => Paint::Error,
                _ => Paint::Warn,
            };
            let path = match &f.old_path {
                Some(old) => format!("{old} -> {}", f.path),
                None => f.path.clone(),
            };
            let _ = writeln!(out, "    {} {path}", paint(color, style, &letter));
        }
    }
    let _ = writeln!(
        out,
        "\n{} touched cases/{id}/",
        plural(commits.len(), "commit")
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_easily() {
        assert_eq!(
            readable_date("2026-01-15T10:00:00+01:00"),
            "2026-01-15 10:00 +01:00"
        );
        assert_eq!(readable_date("odd"), "odd");
    }
}
