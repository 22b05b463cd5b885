//! `casebook new`: allocate an id, write the case's records from the templates, commit.
//!
//! Two runs at the same moment never get the same id: the id is taken by creating its
//! folder, which only one process can do.

use std::path::{Path, PathBuf};

use chrono::Datelike;

use crate::casebook::{display_rel, write_atomic};
use crate::cli::{Exit, NewArgs};
use crate::commands::Ctx;
use crate::diagnostic::did_you_mean;
use crate::error::{Error, Result};
use crate::{history, output, templates};

/// The files a new case starts with.
const CASE_FILES: [&str; 4] = [
    "case.yaml",
    "people.yaml",
    "chronology.yaml",
    "actions.yaml",
];

/// Whether an id is safe as a folder name: letters, digits, `-` and `_`.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Opens the case.
pub fn run(ctx: &Ctx, args: &NewArgs) -> Result<Exit> {
    let casebook = ctx.open()?;
    if args.title.trim().is_empty() {
        return Err(Error::Usage("--title must not be empty".into()));
    }
    for t in &args.tracks {
        if casebook.process.track(t).is_none() {
            let keys = casebook.process.track_keys();
            let hint = did_you_mean(t, keys.iter().copied())
                .map(|b| format!("; did you mean `{b}`?"))
                .unwrap_or_else(|| format!("; tracks: {}", keys.join(", ")));
            return Err(Error::Usage(format!(
                "`{t}` is not a track of process `{}`{hint}",
                casebook.process.name
            )));
        }
    }
    if args.aware.is_some()
        && !args.tracks.iter().any(|t| {
            casebook
                .process
                .track(t)
                .is_some_and(|tr| tr.milestones.iter().any(|m| m.key == "aware"))
        })
    {
        return Err(Error::Usage(
            "--aware needs a track with an `aware` milestone, such as rapid-review".into(),
        ));
    }
    // Reads refuse a cases/ linked out of the casebook; so must the write.
    crate::casebook::check_folders_inside(&casebook.root, Path::new("cases"))
        .map_err(|d| Error::Findings(vec![d]))?;
    let cases_dir = casebook.root.join("cases");
    std::fs::create_dir_all(&cases_dir).map_err(|e| Error::io("create", &cases_dir, e))?;
    let id = match &args.id {
        Some(id) if !is_safe_id(id) => {
            return Err(Error::Usage(format!(
                "case id `{id}` may use only letters, digits, `-` and `_`"
            )));
        }
        Some(id) => {
            claim(&cases_dir, id)?;
            id.clone()
        }
        None => allocate(
            &cases_dir,
            &casebook.config.short_name.value,
            ctx.as_of.year(),
        )?,
    };
    let rel_dir = Path::new("cases").join(&id);
    let written = match write_case(&casebook, &rel_dir, &id, args, ctx) {
        Ok(w) => w,
        Err(e) => {
            // Leave no half-made case behind.
            let _ = std::fs::remove_dir_all(casebook.root.join(&rel_dir));
            return Err(e);
        }
    };
    let message = format!("casebook: open {id}");
    let committed = if args.no_commit {
        None
    } else {
        history::commit_paths(&casebook.root, &written, &message)?
    };
    output::print(&format!("{}\n", display_rel(&rel_dir)))?;
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

/// Takes an id by creating its folder; fails if it exists.
fn claim(cases_dir: &Path, id: &str) -> Result<()> {
    let dir = cases_dir.join(id);
    std::fs::create_dir(&dir).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Usage(format!("case {id} already exists"))
        } else {
            Error::io("create", &dir, e)
        }
    })
}

/// Allocates the next free `<short>-<year>-<NNN>` by creating its folder.
fn allocate(cases_dir: &Path, short: &str, year: i32) -> Result<String> {
    let prefix = format!("{short}-{year}-");
    let highest = std::fs::read_dir(cases_dir)
        .map_err(|e| Error::io("read", cases_dir, e))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_prefix(&prefix)?
                .parse::<u32>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    for n in highest + 1..highest + 1000 {
        let id = format!("{prefix}{n:03}");
        match std::fs::create_dir(cases_dir.join(&id)) {
            Ok(()) => return Ok(id),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io("create", cases_dir.join(&id), e)),
        }
    }
    Err(Error::Usage(format!(
        "could not allocate a free id after {prefix}{highest:03}"
    )))
}

/// Renders and writes the case's files; returns their paths relative to the root.
fn write_case(
    casebook: &crate::casebook::Casebook,
    rel_dir: &Path,
    id: &str,
    args: &NewArgs,
    ctx: &Ctx,
) -> Result<Vec<PathBuf>> {
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
    // Render every file before writing any, under one time limit that removes the
    // claimed folder if a template runs away.
    let watchdog = crate::watchdog::arm_with_cleanup(
        std::time::Duration::from_secs(crate::limits::TEMPLATE_SECONDS),
        "rendering the case templates".to_string(),
        Some(casebook.root.join(rel_dir)),
    );
    let mut texts = Vec::new();
    for file in CASE_FILES {
        texts.push((
            file,
            templates::render(&env, &format!("case/{file}"), context.clone())?,
        ));
    }
    drop(watchdog);
    // Write the files into a staging folder beside the claimed one, then rename it over
    // the (empty) claimed folder: a case appears whole or not at all, even if casebook
    // is killed part-way.
    let target = casebook.root.join(rel_dir);
    let staging = target.with_file_name(format!(".casebook-new-{id}-{}", std::process::id()));
    let staged = (|| -> Result<()> {
        std::fs::create_dir(&staging).map_err(|e| Error::io("create", &staging, e))?;
        for (file, text) in &texts {
            write_atomic(&staging.join(file), text.as_bytes(), false)?;
        }
        std::fs::rename(&staging, &target).map_err(|e| Error::io("create", &target, e))
    })();
    if let Err(e) = staged {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    Ok(texts.iter().map(|(file, _)| rel_dir.join(file)).collect())
}
