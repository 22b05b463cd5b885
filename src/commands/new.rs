//! `casebook new`: check the flags, render the case's records from the templates, let
//! `casebook` place them under a free id, commit. When the commit fails the case is
//! taken back whole (its folder removed, git's index as it was), so `new` either opens
//! and commits a case or changes nothing. Opening from a filled referral form is
//! `new_from_referral`, which comes back here to open.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::casebook::{Casebook, Opening, display_rel};
use crate::cli::{Exit, NewArgs};
use crate::commands::Ctx;
use crate::diagnostic::did_you_mean;
use crate::error::{Error, Result};
use crate::model::RecordKind;
use crate::{history, output, templates};

/// What a new case is opened with.
pub struct NewCase {
    /// Its title.
    pub title: String,
    /// Its tracks.
    pub tracks: Vec<String>,
    /// Record files that replace a skeleton (people.yaml) or are added (referral.yaml).
    pub records: Vec<(&'static str, String)>,
    /// The date the referral was received, recorded as `referral_received` when a track has it.
    pub referral_received: Option<NaiveDate>,
}

/// Opens the case.
pub fn run(ctx: &Ctx, args: &NewArgs) -> Result<Exit> {
    let casebook = ctx.open()?;
    if let Some(form) = &args.from_referral {
        return super::new_from_referral::run(ctx, &casebook, args, form);
    }
    let new = NewCase {
        title: args.title.clone().unwrap_or_default(),
        tracks: args.tracks.clone(),
        records: Vec::new(),
        referral_received: None,
    };
    open(ctx, &casebook, args, &new)?;
    Ok(Exit::Success)
}

/// Checks the new case, places it under a free id, commits it and prints its path;
/// returns the case folder relative to the root.
pub fn open(ctx: &Ctx, casebook: &Casebook, args: &NewArgs, new: &NewCase) -> Result<PathBuf> {
    check_args(casebook, args, new)?;
    let title = new.title.trim();
    let opening = Opening {
        title,
        tracks: &new.tracks,
    };
    let (id, written) =
        casebook.open_case(args.id.as_deref(), ctx.as_of.year(), opening, |id| {
            render(casebook, id, args, new, ctx)
        })?;
    let message = format!("casebook: open {id}");
    let committed = if args.no_commit {
        None
    } else {
        match history::commit_paths(&casebook.root, &written, &message) {
            Ok(committed) => committed,
            Err(failed) => return Err(withdraw(casebook, &id, failed)),
        }
    };
    let folder = Path::new("cases").join(&id);
    output::print(&format!("{}\n", display_rel(&folder)))?;
    if !ctx.quiet {
        let note = match committed {
            Some(c) => format!("committed {c}: {message}\n"),
            None if args.no_commit => "nothing was committed (--no-commit)\n".to_string(),
            None => "not in a git repository: nothing was committed\n".to_string(),
        };
        output::eprint(&note);
    }
    Ok(folder)
}

/// Refuses an empty title, a track the process does not have, and `--aware` without a
/// track that has an `aware` milestone.
fn check_args(casebook: &Casebook, args: &NewArgs, new: &NewCase) -> Result<()> {
    if new.title.trim().is_empty() {
        return Err(Error::Usage("--title must not be empty".into()));
    }
    let process = &casebook.process;
    for t in &new.tracks {
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
    if args.aware.is_some() && !new.tracks.iter().any(has_aware) {
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
/// limit (nothing is on disk while templates run); the new case's own records replace
/// skeletons of the same name or are added after them.
fn render(
    casebook: &Casebook,
    id: &str,
    args: &NewArgs,
    new: &NewCase,
    ctx: &Ctx,
) -> Result<Vec<(&'static str, String)>> {
    let env = templates::environment(Some(casebook.root.clone()));
    let has_milestone = |key: &str| {
        new.tracks.iter().any(|t| {
            casebook
                .process
                .track(t)
                .is_some_and(|tr| tr.milestones.iter().any(|m| m.key == key))
        })
    };
    let referral_received = new
        .referral_received
        .filter(|_| has_milestone("referral_received"))
        .map(|d| d.format("%Y-%m-%d").to_string());
    let context = minijinja::context! {
        id => id,
        title => new.title.trim(),
        opened => ctx.as_of.format("%Y-%m-%d").to_string(),
        tracks => new.tracks.clone(),
        aware => args.aware.map(|d| d.format("%Y-%m-%d").to_string()),
        referral_received => referral_received,
        short_name => casebook.config.short_name.value.clone(),
        partnership => casebook.config.partnership.clone(),
    };
    let _watchdog = crate::watchdog::arm(
        std::time::Duration::from_secs(crate::limits::TEMPLATE_SECONDS),
        "rendering the case templates".to_string(),
    );
    let mut files: Vec<(&'static str, String)> = Vec::new();
    for kind in RecordKind::ALL.into_iter().filter(|k| k.skeleton()) {
        let file = kind.file();
        if new.records.iter().any(|(f, _)| *f == file) {
            continue;
        }
        let text = templates::render(&env, &format!("case/{file}"), context.clone())?;
        files.push((file, text));
    }
    files.extend(new.records.iter().cloned());
    Ok(files)
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
