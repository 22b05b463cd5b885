//! `casebook init [DIR]`: make a casebook with its settings, folders, .gitignore, CI
//! examples and schemas, then `git init` and a first commit.
//!
//! Glue only: `templates::starter_files` says what a new casebook holds; this writes
//! the files and commits them.

use std::path::PathBuf;

use crate::casebook::{CONFIG_FILE, write_atomic};
use crate::cli::{Exit, InitArgs};
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::{history, output, templates};

/// Makes the casebook.
pub fn run(ctx: &Ctx, args: &InitArgs) -> Result<Exit> {
    let dir = match &args.dir {
        Some(d) => d.clone(),
        None => std::env::current_dir().map_err(|e| Error::io("read", ".", e))?,
    };
    if dir.join(CONFIG_FILE).exists() {
        return Err(Error::Usage(format!(
            "{} already holds a casebook",
            dir.display()
        )));
    }
    if args.short_name.is_empty() || !args.short_name.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::Usage(
            "--short-name must be letters and digits only, e.g. WSCP".into(),
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
    let files = templates::starter_files(
        &args.partnership,
        &args.short_name,
        args.templates,
        args.casebook_source.as_deref(),
    )?;
    for (rel, text) in &files {
        write_atomic(&dir.join(rel), text.as_bytes(), false)?;
    }
    let committed = if args.no_commit {
        None
    } else {
        if history::open(&dir).is_none() {
            history::init(&dir)?;
        }
        let paths: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
        history::commit_paths(&dir, &paths, "casebook: new casebook")?
    };
    if !ctx.quiet {
        let mut msg = format!("made a casebook in {}\n", dir.display());
        match committed {
            Some(c) => msg.push_str(&format!("committed {c}: casebook: new casebook\n")),
            None => msg.push_str("nothing was committed\n"),
        }
        output::print(&msg)?;
    }
    Ok(Exit::Success)
}
