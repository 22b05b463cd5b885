//! `casebook new`: check the flags, render the case's records from the templates, let
//! `casebook` place them under a free id, commit. When the commit fails the case is
//! taken back whole (its folder removed, git's index as it was), so `new` either opens
//! and commits a case or changes nothing.

use std::path::Path;

use chrono::Datelike;

use crate::casebook::{Casebook, Opening, display_rel};
use crate::cli::{Exit, NewArgs};
use crate::commands::Ctx;
use crate::diagnostic::did_you_mean;
use crate::error::{Error, Result};
use crate::model::RecordKind;
use crate::{history, output, templates};

/// Opens the case.
pub fn run(ctx: &Ctx, args: &NewArgs) -> Result<Exit> {
    let casebook = ctx.open()?;
    check_args(&casebook, args)?;
    let opening = Opening {
        title: args.title.trim(),
        tracks: &args.tracks,
    };
    let (id, written) =
        casebook.open_case(args.id.as_deref(), ctx.as_of.year(), opening, |id| {
            render(&casebook, id, args, ctx)
        })?;
    let message = format!("casebook: open {id}");
    let committed = if args.no_commit {
        None
    } else {
        match history::commit_paths(&casebook.root, &written, &message) {
            Ok(committed) => committed,
            Err(failed) => return Err(withdraw(&casebook, &id, failed)),
        }
    };
    output::print(&format!("{}\n", display_rel(&Path::new("cases").join(&id))))?;
    if !ctx.quiet {
        let note = match committed {
            Some(c) => format!("committed {c}: {message}\n"),
            None if args.no_commit => "nothing was committed (--no-commit)\n".to_string(),
            None => "not in a git repository: nothing was committed\n".to_string(),
        };
        output::eprint(&note);
    }
    Ok(Exit::Success)
}

/// Refuses an empty title, a track the process does not have, and `--aware` without a
/// track that has an `aware` milestone.
fn check_args(casebook: &Casebook, args: &NewArgs) -> Result<()> {
    if args.title.trim().is_empty() {
        return Err(Error::Usage("--title must not be empty".into()));
    }
    let process = &casebook.process;
    for t in &args.tracks {
        if process.track(t).is_none() {
            let keys = process.track_keys();
            let hint = did_you_mean(t, keys.iter().copied())
                .map(|b| format!("; did you mean `{b}`?"))
                .unwrap_or_else(|| format!("; tracks: {}", keys.join(", ")));
            return Err(Error::Usage(format!(
                "`{t}` is not a track of process `{}`{hint}",
                process.name
            )));
        }
    }
    let has_aware = |t: &String| {
        process
            .track(t)
            .is_some_and(|tr| tr.milestones.iter().any(|m| m.key == "aware"))
    };
    if args.aware.is_some() && !args.tracks.iter().any(has_aware) {
        return Err(Error::Usage(
            "--aware needs a track with an `aware` milestone, such as rapid-review".into(),
        ));
    }
    Ok(())
}

/// Takes back a case whose commit failed, and says exactly what is left.
fn withdraw(casebook: &Casebook, id: &str, failed: history::CommitFailed) -> Error {
    let case = display_rel(&Path::new("cases").join(id));
    let removed = casebook.withdraw_case(id).is_ok();
    let left = match (removed, failed.index_restored) {
        (true, true) => {
            "nothing was changed: the case's folder was removed and git's index is as it was"
                .to_string()
        }
        (true, false) => format!(
            "its folder was removed, but git's index still lists its files: `git rm -r -q --cached {case}` unstages them"
        ),
        (false, true) => format!(
            "{case} is left on disk, uncommitted and not staged: commit it with `git add {case} && git commit -m \"casebook: open {id}\"`, or remove it"
        ),
        (false, false) => format!(
            "{case} is left on disk and staged, uncommitted: `git commit -m \"casebook: open {id}\" -- {case}` commits it"
        ),
    };
    Error::NotCommitted {
        what: format!("could not commit {case}, so the case was not opened; {left}"),
        source: Box::new(failed.error),
    }
}

/// Renders the skeleton of each record kind that has one for `id`, under one time
/// limit (nothing is on disk while templates run).
fn render(
    casebook: &Casebook,
    id: &str,
    args: &NewArgs,
    ctx: &Ctx,
) -> Result<Vec<(&'static str, String)>> {
    let env = templates::environment(Some(casebook.root.clone()));
    let context = minijinja::context! {
        id => id,
        title => args.title.trim(),
        opened => ctx.as_of.format("%Y-%m-%d").to_string(),
        tracks => args.tracks.clone(),
        aware => args.aware.map(|d| d.format("%Y-%m-%d").to_string()),
        short_name => casebook.config.short_name.value.clone(),
        partnership => casebook.config.partnership.clone(),
    };
    let _watchdog = crate::watchdog::arm(
        std::time::Duration::from_secs(crate::limits::TEMPLATE_SECONDS),
        "rendering the case templates".to_string(),
    );
    RecordKind::ALL
        .into_iter()
        .filter(|k| k.skeleton())
        .map(|k| {
            let file = k.file();
            let text = templates::render(&env, &format!("case/{file}"), context.clone())?;
            Ok((file, text))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::model::RecordKind;

    #[test]
    fn every_skeleton_has_a_built_in_template() {
        let skeletons: Vec<_> = RecordKind::ALL
            .into_iter()
            .filter(|k| k.skeleton())
            .map(RecordKind::file)
            .collect();
        assert_eq!(
            skeletons,
            [
                "case.yaml",
                "people.yaml",
                "chronology.yaml",
                "actions.yaml"
            ]
        );
        for file in skeletons {
            assert!(
                crate::templates::builtin(&format!("case/{file}")).is_some(),
                "{file}"
            );
        }
    }
}
