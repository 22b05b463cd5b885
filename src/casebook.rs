//! The casebook on disk: finding the root, reading records safely, writing atomically.
//!
//! This is the only module that touches the file system for case data. Reads refuse
//! symlinks (of files or of folders on the way) that leave the casebook, anything but a
//! regular file, files over the size limit and bytes that are not UTF-8, each as a
//! `Diagnostic` naming the file. Writes go to a temporary file in the same folder and
//! are renamed into place, so no reader ever sees half a file; temporary files that a
//! killed run left behind are removed by a later write to the same folder.

use std::fs;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::calendar::{Division, HolidaySource, WorkingCalendar};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::model::{
    ActionsFile, Briefing, CaseRecord, CasebookConfig, ChronologyFile, Note, PeopleFile,
    Recommendation, Referral,
};
use crate::process::Process;
use crate::yaml;
use crate::{limits, output};

/// The name of the file that marks a casebook's root.
pub const CONFIG_FILE: &str = "casebook.yaml";

/// Record file names inside a case folder.
pub mod files {
    /// Identity, tracks and milestones.
    pub const CASE: &str = "case.yaml";
    /// The only file with personal identifiers.
    pub const PEOPLE: &str = "people.yaml";
    /// The referral form.
    pub const REFERRAL: &str = "referral.yaml";
    /// The multi-agency chronology.
    pub const CHRONOLOGY: &str = "chronology.yaml";
    /// The action plan.
    pub const ACTIONS: &str = "actions.yaml";
    /// The recommendation form.
    pub const RECOMMENDATION: &str = "recommendation.yaml";
    /// The 7-minute briefing.
    pub const BRIEFING: &str = "briefing.md";
    /// The folder of notes.
    pub const NOTES: &str = "notes";
    /// Git-ignored drafts.
    pub const DRAFTS: &str = "drafts";
}

/// An open casebook: its root, settings and process, loaded once per command.
#[derive(Debug)]
pub struct Casebook {
    /// The folder holding casebook.yaml (canonical).
    pub root: PathBuf,
    /// The settings.
    pub config: CasebookConfig,
    /// The process in force.
    pub process: Process,
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

/// Displays a path relative to the root with `/` separators.
pub fn display_rel(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads a text file under `root`: `Ok(None)` when it does not exist.
///
/// Refuses symlinks leading outside the root, files over the size limit and non-UTF-8 bytes.
pub fn read_text(root: &Path, rel: &Path) -> std::result::Result<Option<String>, Diagnostic> {
    read_text_in(root, rel, Folders::Unchecked)
}

/// Whether the folders on the way to a file still need checking for links out of the
/// casebook: loading a case checks its folder once rather than once per file (ten
/// thousand cases make the difference measurable).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Folders {
    Unchecked,
    Checked,
}

fn read_text_in(
    root: &Path,
    rel: &Path,
    folders: Folders,
) -> std::result::Result<Option<String>, Diagnostic> {
    let shown = display_rel(rel);
    let path = root.join(rel);
    let meta = match fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Diagnostic::error(
                "unreadable",
                &shown,
                0,
                0,
                format!("cannot read the file: {e}"),
            ));
        }
    };
    if meta.file_type().is_symlink() {
        let target = fs::canonicalize(&path).map_err(|e| {
            Diagnostic::error(
                "unreadable",
                &shown,
                0,
                0,
                format!("broken symbolic link: {e}"),
            )
        })?;
        if !target.starts_with(root) {
            return Err(Diagnostic::error(
                "symlink-escape",
                &shown,
                0,
                0,
                "the file is a symbolic link to somewhere outside the casebook",
            )
            .with_help("copy the file into the casebook instead of linking to it"));
        }
    }
    if folders == Folders::Unchecked {
        check_folders_inside(root, rel.parent().unwrap_or(Path::new("")))?;
    }
    let unreadable = |e: std::io::Error| {
        Diagnostic::error(
            "unreadable",
            &shown,
            0,
            0,
            format!("cannot read the file: {e}"),
        )
    };
    // A folder, a named pipe or a device where a record belongs: opening a pipe would
    // wait for a writer forever, so anything but a regular file is refused before opening.
    let meta = fs::metadata(&path).map_err(unreadable)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file"
        };
        return Err(Diagnostic::error(
            "not-a-file",
            &shown,
            0,
            0,
            format!("expected a file here, but this is {what}"),
        ));
    }
    let file = fs::File::open(&path).map_err(unreadable)?;
    // Read one byte past the limit rather than trusting the size seen a moment ago: the
    // file may grow while it is read.
    let mut bytes = Vec::new();
    file.take(limits::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    let size = meta.len().max(bytes.len() as u64);
    if size > limits::MAX_FILE_BYTES {
        return Err(too_large(&shown, size));
    }
    yaml::decode(&shown, &bytes).map(|s| Some(s.to_string()))
}

/// Checks that neither `folder` (relative to `root`) nor any folder on the way to it is a
/// symbolic link leading out of the casebook: a `notes/` or `templates/` linked
/// elsewhere would otherwise let the plain files inside it be read from anywhere.
pub fn check_folders_inside(root: &Path, folder: &Path) -> std::result::Result<(), Diagnostic> {
    let mut prefix = PathBuf::new();
    for part in folder.components() {
        prefix.push(part);
        check_folder_inside(root, &prefix)?;
    }
    Ok(())
}

/// Checks that one folder is not a symbolic link leading out of the casebook.
fn check_folder_inside(root: &Path, folder: &Path) -> std::result::Result<(), Diagnostic> {
    let path = root.join(folder);
    let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && !fs::canonicalize(&path).is_ok_and(|t| t.starts_with(root)) {
        return Err(Diagnostic::error(
            "symlink-escape",
            display_rel(folder),
            0,
            0,
            "the folder is a symbolic link to somewhere outside the casebook",
        )
        .with_help("copy the files into the casebook instead of linking to them"));
    }
    Ok(())
}

/// The finding for a file over [`limits::MAX_FILE_BYTES`], in exact bytes: "10.0 MB, at
/// most 10 MB" would not tell anyone why a file one byte over was refused.
fn too_large(shown: &str, size: u64) -> Diagnostic {
    Diagnostic::error(
        "file-too-large",
        shown,
        0,
        0,
        format!(
            "the file is {} bytes; records and notes may be at most {} bytes ({} MiB)",
            output::thousands(size),
            output::thousands(limits::MAX_FILE_BYTES),
            limits::MAX_FILE_BYTES / 1_048_576
        ),
    )
    .with_help("split a long note into several notes; a record this large is probably not one")
}

/// Reads and parses one YAML record; `Ok(None)` when it does not exist.
pub fn read_record<T: serde::de::DeserializeOwned>(
    root: &Path,
    rel: &Path,
) -> std::result::Result<Option<T>, Diagnostic> {
    read_record_in(root, rel, Folders::Unchecked)
}

fn read_record_in<T: serde::de::DeserializeOwned>(
    root: &Path,
    rel: &Path,
    folders: Folders,
) -> std::result::Result<Option<T>, Diagnostic> {
    let private = rel.file_name().is_some_and(|n| n == files::PEOPLE);
    let result = match read_text_in(root, rel, folders) {
        Ok(None) => Ok(None),
        Ok(Some(text)) => yaml::parse(&display_rel(rel), &text).map(Some),
        Err(d) => Err(d),
    };
    // Parser messages quote what they could not read: in people.yaml that is a name.
    result.map_err(|d| if private { d.private() } else { d })
}

impl Casebook {
    /// Opens the casebook at `root`: reads casebook.yaml and its process.
    pub fn open(root: PathBuf) -> Result<Casebook> {
        let rel = Path::new(CONFIG_FILE);
        let config: CasebookConfig = match read_record(&root, rel) {
            Ok(Some(c)) => c,
            Ok(None) => return Err(Error::NoCasebook(root)),
            Err(d) => return Err(Error::Findings(vec![d])),
        };
        let process = load_process(&root, &config)?;
        let casebook = Casebook {
            root,
            config,
            process,
        };
        casebook.division()?;
        Ok(casebook)
    }

    /// Returns the bank-holiday division, or the finding that names the bad value.
    pub fn division(&self) -> Result<Division> {
        let v = &self.config.bank_holidays;
        v.value.parse::<Division>().map_err(|_| {
            Error::Findings(vec![
                Diagnostic::error(
                    "unknown-division",
                    CONFIG_FILE,
                    v.line as usize,
                    v.column as usize,
                    format!("unknown bank-holiday division `{}`", v.value),
                )
                .with_help("use england-and-wales, scotland or northern-ireland"),
            ])
        })
    }

    /// Builds the working-day calendar once for the whole command.
    pub fn calendar(&self) -> Result<WorkingCalendar> {
        let division = self.division()?;
        let closures: Vec<_> = self.config.closures.iter().map(|d| d.0).collect();
        match &self.config.bank_holidays_file {
            None => Ok(WorkingCalendar::new(
                HolidaySource::embedded(),
                division,
                &closures,
            )),
            Some(file) => {
                let rel = safe_relative(&file.value).ok_or_else(|| {
                    Error::Usage(format!(
                        "bank_holidays_file `{}` must be a path inside the casebook",
                        file.value
                    ))
                })?;
                let text = read_text(&self.root, &rel)
                    .map_err(|d| Error::Findings(vec![d]))?
                    .ok_or_else(|| {
                        Error::Findings(vec![Diagnostic::error(
                            "missing-file",
                            CONFIG_FILE,
                            file.line as usize,
                            file.column as usize,
                            format!("bank_holidays_file `{}` does not exist", file.value),
                        )])
                    })?;
                let source = HolidaySource::from_json(&text).map_err(|e| {
                    Error::Findings(vec![Diagnostic::error(
                        "bank-holidays-file",
                        display_rel(&rel),
                        0,
                        0,
                        e.to_string(),
                    )])
                })?;
                Ok(WorkingCalendar::new(&source, division, &closures))
            }
        }
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

    /// Loads one case a command was asked about; its error findings stop the command (exit 2).
    pub fn load_one(&self, requested: &str, need: Need) -> Result<LoadedCase> {
        let id = self
            .select(&[requested.to_string()])?
            .into_iter()
            .next()
            .ok_or_else(|| Error::UnknownCase(requested.to_string()))?;
        let case = self.load_case(&id, need);
        let problems: Vec<Diagnostic> = case
            .findings
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .cloned()
            .collect();
        if problems.is_empty() {
            Ok(case)
        } else {
            Err(Error::Findings(problems))
        }
    }

    /// Loads the files `need` names for each case, in parallel.
    pub fn load_cases(&self, ids: &[String], need: Need) -> Vec<LoadedCase> {
        ids.par_iter().map(|id| self.load_case(id, need)).collect()
    }

    /// Loads the files `need` names for one case.
    pub fn load_case(&self, id: &str, need: Need) -> LoadedCase {
        let dir = Path::new("cases").join(id);
        let mut case = LoadedCase {
            id: id.to_string(),
            dir: dir.clone(),
            ..LoadedCase::default()
        };
        let root = &self.root;
        if let Err(d) = check_case_dir(root, &dir) {
            case.findings.push(d);
            return case;
        }
        macro_rules! load {
            ($flag:expr, $field:ident, $file:expr) => {
                if $flag {
                    match read_record_in(root, &dir.join($file), Folders::Checked) {
                        Ok(v) => case.$field = v,
                        Err(d) => case.findings.push(d),
                    }
                }
            };
        }
        load!(true, record, files::CASE);
        if case.record.is_none() && !case.findings.iter().any(|d| d.path.ends_with(files::CASE)) {
            case.findings.push(
                Diagnostic::error(
                    "missing-file",
                    display_rel(&dir),
                    0,
                    0,
                    "the case folder has no case.yaml",
                )
                .with_help("every case folder needs case.yaml; `casebook new` writes one"),
            );
        }
        load!(need.people, people, files::PEOPLE);
        load!(need.referral, referral, files::REFERRAL);
        load!(need.chronology, chronology, files::CHRONOLOGY);
        load!(need.actions, actions, files::ACTIONS);
        load!(need.recommendation, recommendation, files::RECOMMENDATION);
        if need.briefing {
            match read_text_in(root, &dir.join(files::BRIEFING), Folders::Checked) {
                Ok(Some(text)) => case.briefing = Some(Briefing::parse(&text)),
                Ok(None) => {}
                Err(d) => case.findings.push(d),
            }
        }
        if need.notes {
            self.load_notes(&mut case);
        }
        case
    }

    fn load_notes(&self, case: &mut LoadedCase) {
        let notes_dir = case.dir.join(files::NOTES);
        // The case folder was checked when the case was loaded.
        if let Err(d) = check_folder_inside(&self.root, &notes_dir) {
            case.findings.push(d);
            return;
        }
        let path = self.root.join(&notes_dir);
        let entries = match fs::read_dir(&path) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
            // A file named notes, or a folder casebook may not read: saying nothing would
            // leave every note out of reports and timelines without anyone knowing.
            Err(e) => {
                let message = if path.is_file() {
                    "expected a folder of notes, but this is a file".to_string()
                } else {
                    format!("cannot read the folder of notes: {e}")
                };
                let code = if path.is_file() {
                    "not-a-folder"
                } else {
                    "unreadable"
                };
                case.findings.push(Diagnostic::error(
                    code,
                    display_rel(&notes_dir),
                    0,
                    0,
                    message,
                ));
                return;
            }
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.ends_with(".md") && !n.starts_with('.'))
            .collect();
        names.sort();
        for name in names {
            let rel = notes_dir.join(&name);
            match read_text_in(&self.root, &rel, Folders::Checked) {
                Ok(Some(text)) => match Note::parse(&display_rel(&rel), &text) {
                    Ok(note) => case.notes.push((display_rel(&rel), note)),
                    Err(d) => case.findings.push(d),
                },
                Ok(None) => {}
                Err(d) => case.findings.push(d),
            }
        }
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

    /// Writes a file atomically under the root; refuses to replace one unless `force`.
    pub fn write_file(&self, rel: &Path, contents: &[u8], force: bool) -> Result<PathBuf> {
        write_atomic(&self.root.join(rel), contents, force)
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
            return Err(Error::Usage(format!(
                "the casebook holds more than {} cases, the most casebook reads",
                output::thousands(max as u64)
            )));
        }
    }
    ids.sort();
    Ok(ids)
}

/// Checks a case folder is a real folder inside the casebook (cases/ itself is checked
/// once, by [`Casebook::case_ids`]); the case's files are then read without checking
/// their folders again.
fn check_case_dir(root: &Path, dir: &Path) -> std::result::Result<(), Diagnostic> {
    let path = root.join(dir);
    let shown = display_rel(dir);
    let meta = fs::symlink_metadata(&path).map_err(|e| {
        Diagnostic::error(
            "unreadable",
            &shown,
            0,
            0,
            format!("cannot read the case folder: {e}"),
        )
    })?;
    if meta.file_type().is_symlink() {
        let target = fs::canonicalize(&path).map_err(|e| {
            Diagnostic::error(
                "unreadable",
                &shown,
                0,
                0,
                format!("broken symbolic link: {e}"),
            )
        })?;
        if !target.starts_with(root) {
            return Err(Diagnostic::error(
                "symlink-escape",
                &shown,
                0,
                0,
                "the case folder is a symbolic link to somewhere outside the casebook",
            ));
        }
    }
    Ok(())
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
        Ok(Some(text)) => Process::parse(&display_rel(&rel), &text).map_err(Error::Findings),
        Ok(None) => Err(Error::Findings(vec![unknown_process(name)])),
        Err(d) => Err(Error::Findings(vec![d])),
    }
}

fn unknown_process(name: &crate::model::Sp<String>) -> Diagnostic {
    let builtins: Vec<&str> = crate::process::BUILTIN.iter().map(|(n, _)| *n).collect();
    Diagnostic::error(
        "unknown-process",
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

/// Which files a command needs from each case (reading only those keeps it fast).
#[derive(Debug, Clone, Copy, Default)]
pub struct Need {
    /// people.yaml
    pub people: bool,
    /// referral.yaml
    pub referral: bool,
    /// chronology.yaml
    pub chronology: bool,
    /// actions.yaml
    pub actions: bool,
    /// recommendation.yaml
    pub recommendation: bool,
    /// briefing.md
    pub briefing: bool,
    /// notes/*.md
    pub notes: bool,
}

impl Need {
    /// Every file.
    pub const ALL: Need = Need {
        people: true,
        referral: true,
        chronology: true,
        actions: true,
        recommendation: true,
        briefing: true,
        notes: true,
    };
    /// What deadline commands need: case.yaml and actions.yaml.
    pub const DEADLINES: Need = Need {
        people: false,
        referral: false,
        chronology: false,
        actions: true,
        recommendation: false,
        briefing: false,
        notes: false,
    };
}

/// One case's records as read from disk, with the findings met while reading.
#[derive(Debug, Default)]
pub struct LoadedCase {
    /// The folder name.
    pub id: String,
    /// cases/<id>, relative to the root.
    pub dir: PathBuf,
    /// case.yaml
    pub record: Option<CaseRecord>,
    /// people.yaml
    pub people: Option<PeopleFile>,
    /// referral.yaml
    pub referral: Option<Referral>,
    /// chronology.yaml
    pub chronology: Option<ChronologyFile>,
    /// actions.yaml
    pub actions: Option<ActionsFile>,
    /// recommendation.yaml
    pub recommendation: Option<Recommendation>,
    /// briefing.md
    pub briefing: Option<Briefing>,
    /// notes/*.md with their relative paths, sorted by file name.
    pub notes: Vec<(String, Note)>,
    /// Problems met while reading.
    pub findings: Vec<Diagnostic>,
}

impl LoadedCase {
    /// Returns the relative display path of a file in this case.
    pub fn file(&self, name: &str) -> String {
        display_rel(&self.dir.join(name))
    }
}

/// How the temporary files of [`write_atomic`] begin and end: `.casebook-XXXXXX.tmp`.
const TEMP_PREFIX: &str = ".casebook-";
/// See [`TEMP_PREFIX`].
const TEMP_SUFFIX: &str = ".tmp";

/// Age past which a temporary file left in a folder is taken for the remains of a
/// casebook that was killed mid-write (no write takes anywhere near this long).
pub const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Writes `contents` to `path` via a temporary file in the same folder and a rename.
///
/// Readers see the old file or the new one, never half of either. A process killed
/// mid-write (SIGKILL, power cut) cannot remove its temporary file, so each write first
/// removes `.casebook-*.tmp` files in the folder that are older than [`STALE_TEMP_AGE`].
pub fn write_atomic(path: &Path, contents: &[u8], force: bool) -> Result<PathBuf> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    remove_stale_temp_files(dir, STALE_TEMP_AGE);
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| Error::io("create a temporary file in", dir, e))?;
    tmp.write_all(contents)
        .map_err(|e| Error::io("write", tmp.path().to_path_buf(), e))?;
    // A replaced file keeps its permissions; a new one keeps the temporary file's
    // owner-only mode (0600 on Unix), which suits records and reports about children.
    if force && let Ok(existing) = fs::metadata(path) {
        let _ = tmp.as_file().set_permissions(existing.permissions());
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io("write", path, e))?;
    if force {
        tmp.persist(path)
            .map_err(|e| Error::io("write", path, e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                Error::WouldOverwrite(path.to_path_buf())
            } else {
                Error::io("write", path, e.error)
            }
        })?;
    }
    sync_dir(dir);
    Ok(path.to_path_buf())
}

/// Removes this module's temporary files older than `age` from `dir`, quietly: they
/// hold a copy of a record or report that should not linger, but failing to tidy up
/// must never stop the write that noticed them.
pub fn remove_stale_temp_files(dir: &Path, age: std::time::Duration) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        // A symlink or folder with the name is not ours: leave it.
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|elapsed| elapsed > age);
        if meta.is_file() && old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Flushes a folder's entry list so a rename survives a power cut, not only a crash.
/// Best effort: some file systems cannot sync a folder, and the data is already safe.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests;
