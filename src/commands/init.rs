//! `casebook init [DIR]`: make a casebook with its settings, folders, .gitignore, CI
//! examples and schemas, then `git init` and a first commit.
//!
//! Glue only: `templates::starter_files` says what a new casebook holds,
//! `casebook::make_casebook` writes it all or nothing (merging into a .gitignore that is
//! there already), and `history` commits it. When the commit fails, the files are taken
//! back (and the repository, if `init` made it), so `init` can simply be run again.

use std::path::PathBuf;

use crate::casebook::make_casebook;
use crate::cli::{Exit, InitArgs};
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::{history, output, templates};

/// The first commit's message.
const MESSAGE: &str = "casebook: new casebook";

/// Makes the casebook.
pub fn run(ctx: &Ctx, args: &InitArgs) -> Result<Exit> {
    let dir = match &args.dir {
        Some(d) => d.clone(),
        None => std::env::current_dir().map_err(|e| Error::io("read", ".", e))?,
    };
    if args.short_name.is_empty() || !args.short_name.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::Usage(
            "--short-name must be letters and digits only, e.g. WSCP".into(),
        ));
    }
    let files = templates::starter_files(
        &args.partnership,
        &args.short_name,
        args.templates,
        args.casebook_source.as_deref(),
    )?;
    let mut made = make_casebook(&dir, &files)?;
    let committed = if args.no_commit {
        None
    } else {
        let new_repository = history::open(&dir).is_none();
        let paths: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
        let outcome = if new_repository {
            history::init(&dir).map_err(history::CommitFailed::from)
        } else {
            Ok(())
        }
        .and_then(|()| history::commit_paths(&dir, &paths, MESSAGE));
        match outcome {
            Ok(committed) => committed,
            Err(failed) => {
                made.take_back();
                if new_repository {
                    history::remove_new_repository(&dir);
                }
                let index = if failed.index_restored {
                    "git's index is as it was"
                } else {
                    "git's index still lists them: `git reset -q` unstages them"
                };
                return Err(Error::NotCommitted {
                    what: format!(
                        "could not commit the new casebook in {}, so it was not made; the files it wrote were removed and {index}",
                        dir.display()
                    ),
                    source: Box::new(failed.error),
                });
            }
        }
    };
    if !ctx.quiet {
        let mut msg = format!(
            "made a casebook in {} for \"{}\", case ids {}-YYYY-NNN\n",
            dir.display(),
            args.partnership,
            args.short_name
        );
        if !made.added_to_gitignore.is_empty() {
            msg.push_str(&format!(
                "added {} to the .gitignore that was there\n",
                made.added_to_gitignore.join(" and ")
            ));
        }
        match committed {
            Some(c) => msg.push_str(&format!("committed {c}: {MESSAGE}\n")),
            None => msg.push_str("nothing was committed\n"),
        }
        if args.partnership_defaulted() {
            msg.push_str(
                "the partnership's name and the case-id prefix are placeholders: change `partnership:` and `short_name:` in casebook.yaml (or run init with --partnership and --short-name)\n",
            );
        }
        output::print(&msg)?;
    }
    Ok(Exit::Success)
}
