//! Opening a new case (`casebook new`, also from a referral form): the flags checked
//! against the process, the case's records rendered from the templates, placed under a
//! free id by `casebook`, and committed. When the commit fails the case is taken back
//! whole (its folder removed, git's index as it was), so a case is either opened and
//! committed or nothing changes; the error says exactly what is left otherwise.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::casebook::{Casebook, Opening, display_rel};
use crate::diagnostic::did_you_mean;
use crate::error::{Error, Result};
use crate::model::RecordKind;
use crate::{history, templates};

/// What a new case is opened with.
pub struct NewCase {
    /// Its title.
    pub title: String,
    /// Its tracks.
    pub tracks: Vec<String>,
    /// The id asked for (`--id`), or `None` for the next free one.
    pub id: Option<String>,
    /// The day the partnership became aware (`--aware`).
    pub aware: Option<NaiveDate>,
    /// Record files that replace a skeleton (people.yaml) or are added (referral.yaml).
    pub records: Vec<(&'static str, String)>,
    /// The date the referral was received, recorded as `referral_received` when a track has it.
    pub referral_received: Option<NaiveDate>,
}

/// A case opened.
pub struct Opened {
    /// Its folder, relative to the root (`cases/WSCP-2026-009`).
    pub folder: PathBuf,
    /// The commit made, or `None` when nothing was committed (`--no-commit`, or no git).
    pub committed: Option<String>,
    /// The commit's message.
    pub message: String,
}

/// Checks the new case, places it under a free id as of `as_of`, and commits it unless
/// `commit` is false.
pub fn open(casebook: &Casebook, new: &NewCase, as_of: NaiveDate, commit: bool) -> Result<Opened> {
    check(casebook, new)?;
    let opening = Opening {
        title: new.title.trim(),
        tracks: &new.tracks,
    };
    let (id, written) = casebook.open_case(new.id.as_deref(), as_of.year(), opening, |id| {
        render(casebook, id, new, as_of)
    })?;
    let message = format!("casebook: open {id}");
    let committed = if commit {
        match history::commit_paths(&casebook.root, &written, &message) {
            Ok(committed) => committed,
            Err(failed) => return Err(withdraw(casebook, &id, failed)),
        }
    } else {
        None
    };
    Ok(Opened {
        folder: Path::new("cases").join(&id),
        committed,
        message,
    })
}

/// Refuses an empty title, a track the process does not have, and `--aware` without a
/// track that has an `aware` milestone.
fn check(casebook: &Casebook, new: &NewCase) -> Result<()> {
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
    if new.aware.is_some() && !new.tracks.iter().any(has_aware) {
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
    new: &NewCase,
    as_of: NaiveDate,
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
        opened => as_of.format("%Y-%m-%d").to_string(),
        tracks => new.tracks.clone(),
        aware => new.aware.map(|d| d.format("%Y-%m-%d").to_string()),
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
