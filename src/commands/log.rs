//! `casebook log CASE`: the case's audit trail from git history: every commit that
//! touched `cases/<ID>/`, newest first, with date, author, message and each file.
//!
//! Glue only: `history::case_log` walks the repository; this prints it.

use std::fmt::Write;

use crate::cli::{Exit, LogArgs, LogFormat};
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::history::{self, FileChange, LogCommit};
use crate::output::{self, Paint, paint};

/// Runs the command.
pub fn run(ctx: &Ctx, args: &LogArgs) -> Result<Exit> {
    let casebook = ctx.open()?;
    let id = args
        .case
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    // A case that was deleted still has a history, so the folder need not exist; the
    // id must still be one plain folder name.
    if id.is_empty() || id.starts_with('.') || id.contains('\\') {
        return Err(Error::UnknownCase(args.case.clone()));
    }
    let exists = casebook.root.join("cases").join(&id).is_dir();
    let Some(commits) = history::case_log(&casebook.root, &id)? else {
        return Err(Error::Usage(format!(
            "casebook log reads the audit trail from git, and {} is not in a git repository",
            casebook.root.display()
        )));
    };
    if commits.is_empty() && !exists {
        return Err(Error::UnknownCase(args.case.clone()));
    }
    let shallow = history::shallow_warning(&casebook.root, &id);
    if let Some(warning) = &shallow {
        output::eprint(&format!("{}\n", output::render_diagnostic(ctx, warning)));
    }
    let text = match args.format {
        LogFormat::Json => json(&id, &commits, shallow.is_some()),
        LogFormat::Text => text(&id, &commits, ctx.color),
    };
    output::print(&text)?;
    Ok(Exit::Success)
}

/// The JSON document, fields in the contract's order.
#[derive(serde::Serialize)]
struct LogJson<'a> {
    case: &'a str,
    commits: &'a [LogCommit],
    /// A shallow clone: the history ends where the clone was cut off.
    shallow: bool,
}

fn json(id: &str, commits: &[LogCommit], shallow: bool) -> String {
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

fn text(id: &str, commits: &[LogCommit], color: bool) -> String {
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
        crate::error::plural(commits.len(), "commit")
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
