//! `casebook log CASE`: the case's audit trail from git history: every commit that
//! touched `cases/<ID>/`, newest first, with date, author, message and each file.
//!
//! Glue only: `history::case_log` walks the repository; `history` renders it.

use crate::cli::{Exit, LogArgs, LogFormat};
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::history;
use crate::output;

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
        return Err(Error::UnknownCase(args.case.clone(), None));
    }
    let exists = casebook.root.join("cases").join(&id).is_dir();
    let Some(commits) = history::case_log(&casebook.root, &id)? else {
        return Err(Error::Usage(format!(
            "casebook log reads the audit trail from git, and {} is not in a git repository",
            casebook.root.display()
        )));
    };
    if commits.is_empty() && !exists {
        let all = casebook.select(&[])?;
        let near = crate::diagnostic::did_you_mean(&id, all.iter().map(String::as_str));
        return Err(Error::UnknownCase(
            args.case.clone(),
            near.map(str::to_string),
        ));
    }
    let shallow = history::shallow_warning(&casebook.root, &id);
    ctx.warn(shallow.iter().cloned());
    output::print(&match args.format {
        LogFormat::Json => history::log_json(&id, &commits, shallow.is_some()),
        LogFormat::Text => history::log_text(&id, &commits, ctx.color),
    })?;
    Ok(Exit::Success)
}
