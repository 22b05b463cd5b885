//! Loading cases: which files a command needs ([`Need`]), one case's records as read
//! ([`LoadedCase`]) and the reading itself, each record file found through the table of
//! record kinds (`model::kinds`) rather than a list of its own.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::read::{
    Folders, check_folder_inside, read_record_with_text, read_text_in, refuse_link_out,
};
use super::{Casebook, display_rel, files};
use crate::diagnostic::{Code, Diagnostic, Severity, Sources};
use crate::error::{Error, Result};
use crate::model::{
    ActionsFile, Briefing, CaseRecord, ChronologyFile, Note, PeopleFile, Recommendation, Record,
    RecordKind, RecordKinds, Referral,
};

/// Which files a command needs from each case (reading only those keeps it fast).
/// case.yaml is always read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Need {
    records: RecordKinds,
    briefing: bool,
    notes: bool,
}

impl Default for Need {
    fn default() -> Need {
        Need::CASE
    }
}

impl Need {
    /// case.yaml alone.
    pub const CASE: Need = Need {
        records: RecordKinds::NONE.with(RecordKind::Case),
        briefing: false,
        notes: false,
    };
    /// Every file.
    pub const ALL: Need = Need {
        records: RecordKinds::ALL,
        briefing: true,
        notes: true,
    };
    /// What deadline commands need: case.yaml and actions.yaml.
    pub const DEADLINES: Need = Need::CASE.with(RecordKind::Actions);

    /// Returns the need with one more record file.
    pub const fn with(self, kind: RecordKind) -> Need {
        Need {
            records: self.records.with(kind),
            ..self
        }
    }

    /// Returns the need with briefing.md.
    pub const fn with_briefing(self) -> Need {
        Need {
            briefing: true,
            ..self
        }
    }

    /// Returns the need with notes/*.md.
    pub const fn with_notes(self) -> Need {
        Need {
            notes: true,
            ..self
        }
    }

    /// Whether the record file of `kind` is needed.
    pub const fn wants(self, kind: RecordKind) -> bool {
        self.records.contains(kind)
    }
}

/// One case's records as read from disk, with the findings met while reading.
#[derive(Debug, Clone, Default)]
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
    /// The text of each file read, for the source lines of findings made later.
    pub sources: Sources,
}

/// Something done with each record file's place in a [`LoadedCase`].
pub trait RecordSlots {
    /// Called with the place of one record kind, empty when the file was not read.
    fn slot<R: Record>(&mut self, slot: &mut Option<R>);
}

impl LoadedCase {
    /// Returns the relative display path of a file in this case.
    pub fn file(&self, name: &str) -> String {
        display_rel(&self.dir.join(name))
    }

    /// Calls `visitor` with each record kind's place, in the table's order.
    pub fn visit_records(&mut self, visitor: &mut impl RecordSlots) {
        for kind in RecordKind::ALL {
            match kind {
                RecordKind::Case => visitor.slot(&mut self.record),
                RecordKind::People => visitor.slot(&mut self.people),
                RecordKind::Referral => visitor.slot(&mut self.referral),
                RecordKind::Chronology => visitor.slot(&mut self.chronology),
                RecordKind::Actions => visitor.slot(&mut self.actions),
                RecordKind::Recommendation => visitor.slot(&mut self.recommendation),
            }
        }
    }
}

/// Reads the record files a [`Need`] names into their places.
struct Loader<'a> {
    root: &'a Path,
    dir: &'a Path,
    need: Need,
    findings: Vec<Diagnostic>,
    sources: Sources,
}

impl RecordSlots for Loader<'_> {
    fn slot<R: Record>(&mut self, slot: &mut Option<R>) {
        if !self.need.wants(R::KIND) {
            return;
        }
        let rel = self.dir.join(R::FILE);
        match read_record_with_text(self.root, &rel, Folders::Checked) {
            Ok(Some((record, text))) => {
                *slot = Some(record);
                self.sources.insert(display_rel(&rel), text);
            }
            Ok(None) => {}
            Err(d) => self.findings.push(d),
        }
        if R::KIND == RecordKind::Case
            && slot.is_none()
            && !self.findings.iter().any(|d| d.path.ends_with(files::CASE))
        {
            self.findings.push(
                Diagnostic::error(
                    Code::MissingFile,
                    display_rel(self.dir),
                    0,
                    0,
                    "the case folder has no case.yaml",
                )
                .with_help("every case folder needs case.yaml; `casebook new` writes one"),
            );
        }
    }
}

impl Casebook {
    /// Loads one case a command was asked about; its error findings stop the command (exit 2).
    pub fn load_one(&self, requested: &str, need: Need) -> Result<LoadedCase> {
        let id = self
            .select(&[requested.to_string()])?
            .into_iter()
            .next()
            .ok_or_else(|| Error::UnknownCase(requested.to_string()))?;
        let case = self.load_case(&id, need);
        let mut problems: Vec<Diagnostic> = case
            .findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        case.sources.attach(&mut problems);
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
        let mut loader = Loader {
            root,
            dir: &dir,
            need: need.with(RecordKind::Case),
            findings: Vec::new(),
            sources: Sources::default(),
        };
        case.visit_records(&mut loader);
        case.findings = loader.findings;
        case.sources = loader.sources;
        if need.briefing {
            let rel = dir.join(files::BRIEFING);
            match read_text_in(root, &rel, Folders::Checked) {
                Ok(Some(text)) => {
                    case.briefing = Some(Briefing::parse(&text));
                    case.sources.insert(display_rel(&rel), text);
                }
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
                    Code::NotAFolder
                } else {
                    Code::Unreadable
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
            let shown = display_rel(&rel);
            match read_text_in(&self.root, &rel, Folders::Checked) {
                Ok(Some(text)) => {
                    match Note::parse(&shown, &text) {
                        Ok(note) => case.notes.push((shown.clone(), note)),
                        Err(d) => case.findings.push(d.with_source(&text)),
                    }
                    case.sources.insert(shown, text);
                }
                Ok(None) => {}
                Err(d) => case.findings.push(d),
            }
        }
    }
}

/// Checks a case folder is a real folder inside the casebook (cases/ itself is checked
/// once, by [`Casebook::case_ids`]); the case's files are then read without checking
/// their folders again.
fn check_case_dir(root: &Path, dir: &Path) -> std::result::Result<(), Diagnostic> {
    let path = root.join(dir);
    let shown = display_rel(dir);
    let meta = fs::symlink_metadata(&path).map_err(|e| {
        Diagnostic::error(
            Code::Unreadable,
            &shown,
            0,
            0,
            format!("cannot read the case folder: {e}"),
        )
    })?;
    if meta.file_type().is_symlink() {
        refuse_link_out(root, &path, &shown, "case folder")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Collects the kind of each place visited.
    struct Kinds(Vec<RecordKind>);

    impl RecordSlots for Kinds {
        fn slot<R: Record>(&mut self, _: &mut Option<R>) {
            self.0.push(R::KIND);
        }
    }

    #[test]
    fn each_kind_has_its_own_place() {
        let mut kinds = Kinds(Vec::new());
        LoadedCase::default().visit_records(&mut kinds);
        assert_eq!(kinds.0, RecordKind::ALL);
    }

    #[test]
    fn needs_keep_their_meaning() {
        for kind in RecordKind::ALL {
            assert!(Need::ALL.wants(kind), "{kind:?}");
            assert_eq!(
                Need::DEADLINES.wants(kind),
                matches!(kind, RecordKind::Case | RecordKind::Actions),
                "{kind:?}"
            );
        }
        let (all, deadlines) = (Need::ALL, Need::DEADLINES);
        assert!(all.briefing && all.notes);
        assert!(!deadlines.briefing && !deadlines.notes);
        assert_eq!(Need::default(), Need::CASE);
        let timeline = Need::CASE.with(RecordKind::Chronology).with_notes();
        assert!(timeline.wants(RecordKind::Chronology) && timeline.notes);
        assert!(!timeline.wants(RecordKind::People) && !timeline.briefing);
    }
}
