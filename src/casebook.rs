//! The casebook on disk: finding the root, opening casebook.yaml (checked into
//! `settings`) and its process, listing cases. With `load` (a case's records), `read`
//! (safe reads) and `write` (atomic writes) it is the only module that touches the file
//! system for case data.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::calendar::WorkingCalendar;
use crate::diagnostic::{Code, Diagnostic};
use crate::error::{Error, Result};
use crate::model::CasebookConfig;
use crate::process::Process;
use crate::{limits, wording};

mod load;
mod make;
mod new_case;
mod read;
mod settings;
mod write;

pub use load::*;
pub use make::{Made, make_casebook};
pub use new_case::*;
pub use read::*;
pub use settings::Settings;
pub use write::*;

/// The name of the file that marks a casebook's root.
pub const CONFIG_FILE: &str = "casebook.yaml";

/// File names inside a case folder: the record files' from the table of record kinds.
pub mod files {
    use crate::model::RecordKind;

    /// Identity, tracks and milestones.
    pub const CASE: &str = RecordKind::Case.file();
    /// The only file with personal identifiers.
    pub const PEOPLE: &str = RecordKind::People.file();
    /// The referral form.
    pub const REFERRAL: &str = RecordKind::Referral.file();
    /// The multi-agency chronology.
    pub const CHRONOLOGY: &str = RecordKind::Chronology.file();
    /// The action plan.
    pub const ACTIONS: &str = RecordKind::Actions.file();
    /// The recommendation form.
    pub const RECOMMENDATION: &str = RecordKind::Recommendation.file();
    /// The 7-minute briefing.
    pub const BRIEFING: &str = "briefing.md";
    /// The folder of notes.
    pub const NOTES: &str = "notes";
    /// Git-ignored drafts.
    pub const DRAFTS: &str = "drafts";
}

/// An open casebook: its root, settings and process, loaded and checked once per command.
#[derive(Debug)]
pub struct Casebook {
    /// The folder holding casebook.yaml (canonical).
    pub root: PathBuf,
    /// casebook.yaml as written (an anonymised copy writes it out again); read
    /// [`Casebook::settings`] for what it means.
    pub config: CasebookConfig,
    /// The process in force.
    pub process: Process,
    /// casebook.yaml checked: division, calendar, closures, due-soon, reminders, titles.
    pub settings: Settings,
}

/// Finds the casebook root: the explicit `--root`, else the nearest folder upwards with casebook.yaml.
pub fn find_root(explicit: Option<&Path>, start: &Path) -> Result<PathBuf> {
    if let Some(root) = explicit {
        if root.join(CONFIG_FILE).is_file() {
            return canonical(root);
        }
        return Err(Error::NoCasebook(root.to_path_buf()));
    }
    let mut dir = Some(start);
    while let Some(d) = dir {
        if d.join(CONFIG_FILE).is_file() {
            return canonical(d);
        }
        dir = d.parent();
    }
    Err(Error::NoCasebook(start.to_path_buf()))
}

fn canonical(p: &Path) -> Result<PathBuf> {
    fs::canonicalize(p).map_err(|e| Error::io("open", p, e))
}

impl Casebook {
    /// Opens the casebook at `root`: reads casebook.yaml and its process.
    pub fn open(root: PathBuf) -> Result<Casebook> {
        let rel = Path::new(CONFIG_FILE);
        let (config, text): (CasebookConfig, String) =
            match read::read_record_with_text(&root, rel, read::Folders::Unchecked) {
                Ok(Some(c)) => c,
                Ok(None) => return Err(Error::NoCasebook(root)),
                Err(d) => return Err(Error::Findings(vec![d])),
            };
        let process =
            load_process(&root, &config).map_err(|e| e.with_source(CONFIG_FILE, &text))?;
        let settings = Settings::check(&root, &config, &text)
            .map_err(|e| e.with_source(CONFIG_FILE, &text))?;
        Ok(Casebook {
            root,
            config,
            process,
            settings,
        })
    }

    /// Returns the working-day calendar, built once when the casebook opened, or why the
    /// bank-holiday file could not be used.
    pub fn calendar(&self) -> Result<&Arc<WorkingCalendar>> {
        self.settings.calendar()
    }

    /// Lists case ids: the folders under cases/, sorted; refuses a cases/ linked out of
    /// the casebook.
    pub fn case_ids(&self) -> Result<Vec<String>> {
        check_folders_inside(&self.root, Path::new("cases"))
            .map_err(|d| Error::Findings(vec![d]))?;
        list_case_ids(&self.root.join("cases"), limits::MAX_CASES)
    }

    /// Resolves the case ids a command was given (all cases when none).
    pub fn select(&self, requested: &[String]) -> Result<Vec<String>> {
        let all = self.case_ids()?;
        if requested.is_empty() {
            return Ok(all);
        }
        requested
            .iter()
            .map(|r| {
                let id = r
                    .trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .unwrap_or(r)
                    .to_string();
                if all.contains(&id) {
                    Ok(id)
                } else {
                    Err(Error::UnknownCase(r.clone()))
                }
            })
            .collect()
    }

    /// Lists the casebook's own report templates: names `X` of `templates/reports/X.md.j2`
    /// or `X.html.j2` files (the page layout is not a report), sorted.
    pub fn report_template_names(&self) -> Result<Vec<String>> {
        let dir = self.root.join("templates").join("reports");
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io("read", dir, e)),
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| Error::io("read", &dir, e))?;
            let file = entry.file_name().to_string_lossy().to_string();
            let stem = file
                .strip_suffix(".md.j2")
                .or_else(|| file.strip_suffix(".html.j2"));
            if let Some(stem) = stem
                && stem != "layout"
                && !stem.starts_with('.')
                && !names.iter().any(|n| n == stem)
            {
                names.push(stem.to_string());
            }
        }
        names.sort();
        Ok(names)
    }

    /// Writes a file atomically under the root; refuses to replace one unless `force`,
    /// and anything but a regular file (or a link to one inside the casebook) always.
    pub fn write_file(&self, rel: &Path, contents: &[u8], force: bool) -> Result<PathBuf> {
        write_atomic(
            &self.root.join(rel),
            contents,
            Overwrite::forced_in(force, &self.root),
        )
    }
}

/// Lists the case folders in `dir`, sorted; refuses more than `max` of them before
/// reading any (the limit is a parameter so tests need not make 100,000 folders).
fn list_case_ids(dir: &Path, max: usize) -> Result<Vec<String>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io("read", dir, e)),
    };
    let mut ids = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("read", dir, e))?;
        let ft = entry
            .file_type()
            .map_err(|e| Error::io("read", entry.path(), e))?;
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        if ft.is_dir() || (ft.is_symlink() && entry.path().is_dir()) {
            ids.push(name);
        }
        if ids.len() > max {
            return Err(Error::Limit(format!(
                "the casebook holds more than {} cases, the most casebook reads",
                wording::thousands(max as u64)
            )));
        }
    }
    ids.sort();
    Ok(ids)
}

/// Loads the process casebook.yaml names: built in, or a file inside the casebook.
fn load_process(root: &Path, config: &CasebookConfig) -> Result<Process> {
    let name = &config.process;
    if let Some(p) = Process::builtin(&name.value) {
        return Ok(p);
    }
    let Some(rel) = safe_relative(&name.value) else {
        return Err(Error::Findings(vec![unknown_process(name)]));
    };
    match read_text(root, &rel) {
        Ok(Some(text)) => {
            let shown = display_rel(&rel);
            Process::parse(&shown, &text)
                .map_err(|ds| Error::Findings(ds).with_source(&shown, &text))
        }
        Ok(None) => Err(Error::Findings(vec![unknown_process(name)])),
        Err(d) => Err(Error::Findings(vec![d])),
    }
}

fn unknown_process(name: &crate::model::Sp<String>) -> Diagnostic {
    let builtins: Vec<&str> = crate::process::BUILTIN.iter().map(|(n, _)| *n).collect();
    Diagnostic::error(
        Code::UnknownProcess,
        CONFIG_FILE,
        name.line as usize,
        name.column as usize,
        format!(
            "`{}` is neither a built-in process nor a process file in the casebook",
            name.value
        ),
    )
    .with_help(format!("built-in processes: {}", builtins.join(", ")))
}

/// Accepts a relative path that stays inside its base folder (no `..`, not absolute).
pub fn safe_relative(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    if path.is_empty() || p.is_absolute() {
        return None;
    }
    p.components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        .then(|| p.to_path_buf())
}

#[cfg(test)]
mod tests;
