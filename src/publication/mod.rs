//! Publication: a publication-safe copy of a case and the checks around it.
//!
//! This file is the pure part. Every record's free text (each `FreeText`, found by
//! `VisitText`) goes through the anonymiser, people are reduced to id, role,
//! relationship and pseudonym, and the result is read back and checked for anything
//! left before a single byte is written. It takes a loaded case and returns an
//! anonymised `LoadedCase` and the text of each file; it never sees the file system.
//!
//! Around it: `paths` anonymises the notes' file names and masks paths where they are
//! printed; `leaks` refuses output that still holds an identifier; `copy` builds and
//! writes the copy `casebook anonymise --out` makes, with `manifest` and `out_dir`; and
//! `check` scans files for `--check`, reading any encoding (`decode`) and Word,
//! OpenDocument and zip files (`archive`). `copy`, `out_dir` and `check` are the edge:
//! they read and write files. `ci_log` masks identifiers in what CI formats print.

mod archive;
pub mod check;
pub mod ci_log;
pub mod copy;
mod decode;
mod leaks;
mod manifest;
pub mod out_dir;
pub mod paths;
pub mod scan_output;

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use leaks::{finding_line, leaks, refuse_docx_leaks, refuse_leaks};

use crate::anonymise::{Anonymiser, DatePolicy, Finding, Identity, Kind, Options};
use crate::casebook::{LoadedCase, RecordSlots, files};
use crate::error::{Error, Result};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{
    Briefing, FreeText, Note, PartialDate, PeopleFile, Person, Precision, Record, VisitText,
};

/// Builds the anonymiser's identities from people.yaml.
pub fn identities(people: &PeopleFile) -> Vec<Identity> {
    people
        .people
        .iter()
        .map(|p| Identity {
            id: p.id.value.clone(),
            name: p.name.as_ref().map(|n| n.value.clone()).unwrap_or_default(),
            aliases: p.aliases.clone(),
            dob: p.dob.map(|d| d.0),
            address: p.address.clone(),
            pseudonym: p.pseudonym.to_string(),
        })
        .collect()
}

/// Builds the anonymiser for one case: ages are given at the case's opening date.
pub fn anonymiser_for(case: &LoadedCase, dates: DatePolicy) -> Anonymiser {
    let people = case.people.clone().unwrap_or_default();
    let reference_date = case.record.as_ref().map(|r| r.opened.value.0);
    Anonymiser::new(
        &identities(&people),
        Options {
            dates,
            reference_date,
        },
    )
}

/// What anonymising a case produced.
pub struct Published {
    /// The anonymised case, for rendering.
    pub case: LoadedCase,
    /// Each file's path relative to the casebook root, and its text.
    pub files: Vec<(PathBuf, String)>,
    /// Replacements by kind, over all files.
    pub counts: BTreeMap<Kind, usize>,
    /// Lower-case common words that are also names, left for a person to review.
    pub review: Vec<(String, Finding)>,
    /// The engine that made it, to check what is rendered from it: built once a case.
    pub engine: Anonymiser,
}

/// Anonymises text while records are walked, tallying replacements and review items.
struct Walk<'a> {
    engine: &'a Anonymiser,
    dir: PathBuf,
    counts: BTreeMap<Kind, usize>,
    review: Vec<(String, Finding)>,
    file: String,
    texts: Vec<(PathBuf, String)>,
    error: Option<Error>,
}

impl Walk<'_> {
    fn text(&mut self, text: &str) -> String {
        let outcome = self.engine.anonymise(text);
        for (k, n) in outcome.counts {
            *self.counts.entry(k).or_default() += n;
        }
        self.review
            .extend(outcome.review.into_iter().map(|f| (self.file.clone(), f)));
        outcome.text
    }

    /// Anonymises a record's free text in place, writes it out and reads it back typed,
    /// so what is rendered is exactly what the file says.
    fn record<T>(&mut self, file: &str, record: &mut T) -> Result<String>
    where
        T: VisitText + Serialize + DeserializeOwned,
    {
        self.file = file.to_string();
        record.visit_text(&mut |t: &mut FreeText| *t = FreeText::from(self.text(t)));
        let serialise = |message: String| Error::Serialise {
            path: file.to_string(),
            message,
        };
        let value = serde_json::to_value(&*record).map_err(|e| serialise(e.to_string()))?;
        let yaml = crate::yaml::to_string(&value).map_err(|e| serialise(e.to_string()))?;
        *record = crate::yaml::parse(file, &yaml).map_err(|d| {
            serialise(format!(
                "the anonymised record does not read back: {}",
                d.message
            ))
        })?;
        Ok(yaml)
    }
}

impl RecordSlots for Walk<'_> {
    fn slot<R: Record>(&mut self, slot: &mut Option<R>) {
        let Some(record) = slot else {
            return;
        };
        if self.error.is_some() {
            return;
        }
        let file = crate::casebook::display_rel(&self.dir.join(R::FILE));
        // A file that may hold identifiers is not anonymised but reduced (`prepare`).
        let text = if R::HOLDS_IDENTIFIERS {
            crate::yaml::to_string(&*record).map_err(|e| Error::Serialise {
                path: R::FILE.to_string(),
                message: e.to_string(),
            })
        } else {
            self.record(&file, record)
        };
        match text {
            Ok(text) => self
                .texts
                .push((self.dir.join(R::FILE), header(R::SCHEMA) + &text)),
            Err(e) => self.error = Some(e),
        }
    }
}

fn header(schema_file: &str) -> String {
    format!(
        "# yaml-language-server: $schema=../../schemas/{schema_file}\n# Anonymised for publication by casebook.\n"
    )
}

/// Reduces a chronology date to the policy's precision.
fn coarsen(date: PartialDate, policy: DatePolicy) -> PartialDate {
    match policy {
        DatePolicy::Keep => date,
        DatePolicy::Month => date.coarsen(Precision::Month),
        DatePolicy::Year => date.coarsen(Precision::Year),
    }
}

/// Reduces people.yaml to what a published copy keeps: id, role, relationship and
/// pseudonym.
fn reduce_people(people: &PeopleFile) -> PeopleFile {
    PeopleFile {
        people: people
            .people
            .iter()
            .map(|p| Person {
                id: p.id.clone(),
                name: None,
                aliases: Vec::new(),
                role: p.role,
                relationship: p.relationship.clone(),
                dob: None,
                dod: None,
                address: None,
                ethnicity: None,
                agency: None,
                job: None,
                phone: None,
                email: None,
                pseudonym: p.pseudonym.clone(),
            })
            .collect(),
    }
}

/// Copies a case's records with what no anonymiser can do by text: related cases
/// dropped (their ids would dangle in a one-case publication), people reduced,
/// chronology dates coarsened as the policy says and never a date of birth to the day.
fn prepare(case: &LoadedCase, dates: DatePolicy) -> LoadedCase {
    let mut out = case.clone();
    out.briefing = None;
    out.notes.clear();
    out.findings.clear();
    // The source texts are the originals, names and all: an anonymised case has none.
    out.sources = Default::default();
    if let Some(record) = &mut out.record {
        record.related.clear();
    }
    if let Some(people) = &mut out.people {
        *people = reduce_people(people);
    }
    let dobs: Vec<chrono::NaiveDate> = case
        .people
        .iter()
        .flat_map(|p| p.people.iter().filter_map(|p| p.dob.map(|d| d.0)))
        .collect();
    if let Some(chronology) = &mut out.chronology {
        for entry in &mut chronology.entries {
            let mut date = coarsen(entry.date.value, dates);
            // A chronology date that is someone's date of birth is cut to the month.
            if let PartialDate::Day(d) = date
                && dobs.contains(&d)
            {
                date = date.coarsen(Precision::Month);
            }
            entry.date.value = date;
            if dates != DatePolicy::Keep {
                entry.time = None;
            }
        }
    }
    out
}

/// Anonymises every record of a loaded case (never drafts/: they are not loaded).
pub fn publish(case: &LoadedCase, dates: DatePolicy) -> Result<Published> {
    let engine = anonymiser_for(case, dates);
    let mut out = prepare(case, dates);
    let mut walk = Walk {
        engine: &engine,
        dir: case.dir.clone(),
        counts: BTreeMap::new(),
        review: Vec::new(),
        file: String::new(),
        texts: Vec::new(),
        error: None,
    };
    out.visit_records(&mut walk);
    if let Some(e) = walk.error.take() {
        return Err(e);
    }
    let dir = &case.dir;
    if let Some(briefing) = &case.briefing {
        walk.file = case.file(files::BRIEFING);
        let mut text = walk.text(&briefing.preamble);
        for s in &briefing.sections {
            text.push_str(&format!(
                "## {}\n\n{}\n\n",
                walk.text(&s.title),
                walk.text(&s.body)
            ));
        }
        out.briefing = Some(Briefing::parse(&text));
        walk.texts.push((dir.join(files::BRIEFING), text));
    }
    let old_names: Vec<&str> = case
        .notes
        .iter()
        .map(|(path, _)| path.rsplit('/').next().unwrap_or(path))
        .collect();
    let names = paths::note_names(&engine, &old_names);
    for (k, n) in names.counts {
        *walk.counts.entry(k).or_default() += n;
    }
    let published: Vec<PathBuf> = names
        .names
        .iter()
        .map(|name| dir.join(files::NOTES).join(name))
        .collect();
    for (i, f) in names.review {
        if let Some(p) = published.get(i) {
            let shown = paths::masked(&engine, &crate::casebook::display_rel(p));
            walk.review.push((shown, f));
        }
    }
    for ((_, note), rel) in case.notes.iter().zip(&published) {
        // From here on the note is known by its published name: the old one may hold a
        // name, and errors and review lists print it.
        let path = crate::casebook::display_rel(rel);
        let shown = paths::masked(&engine, &path);
        let mut front = note.front.clone();
        let front_yaml = walk.record(&shown, &mut front)?;
        let body = walk.text(&note.body);
        let text = format!("---\n{front_yaml}---\n{body}");
        let parsed = Note::parse(&shown, &text).map_err(|d| Error::Serialise {
            path: shown.clone(),
            message: d.message,
        })?;
        out.notes.push((path, Note { front, ..parsed }));
        walk.texts.push((rel.clone(), text));
    }
    let Walk {
        texts,
        counts,
        review,
        ..
    } = walk;
    Ok(Published {
        case: out,
        files: texts,
        counts,
        review,
        engine,
    })
}

/// Anonymises a loaded case for rendering (`--anonymised`): the anonymised case, and
/// the engine that checks the rendered result.
pub fn anonymised_view(case: &LoadedCase) -> Result<(LoadedCase, Anonymiser)> {
    if case.people.is_none() {
        return Err(Error::Usage(format!(
            "--anonymised needs {}: it is where casebook learns the names to replace",
            case.file(files::PEOPLE)
        )));
    }
    let published = publish(case, DatePolicy::Keep)?;
    Ok((published.case, published.engine))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActionsFile, CaseRecord};

    fn case() -> LoadedCase {
        let people = "people:\n  - id: child\n    name: Ellie-Mae Jones\n    role: subject\n    pseudonym: Child A\n";
        let record = "id: T-1\ntitle: Injury to Ellie-Mae\nopened: 2026-01-12\ntracks: [rapid-review]\nnot_applicable:\n  coroner_informed: Ellie-Mae Jones survived\nrelated: [T-0]\n";
        let actions = "actions:\n  - id: Ellie-Mae\n    action: Review Ellie-Mae Jones's plan\n    agency: Health\n    owner: Ellie-Mae's nurse\n    due: 2026-06-30\n";
        LoadedCase {
            id: "T-1".into(),
            dir: "cases/T-1".into(),
            record: Some(crate::yaml::parse::<CaseRecord>("case.yaml", record).unwrap()),
            people: Some(crate::yaml::parse("people.yaml", people).unwrap()),
            actions: Some(crate::yaml::parse::<ActionsFile>("actions.yaml", actions).unwrap()),
            ..LoadedCase::default()
        }
    }

    #[test]
    fn free_text_is_anonymised_and_codes_are_left_alone() {
        let published = publish(&case(), DatePolicy::Keep).unwrap();
        let names: Vec<_> = published.files.iter().map(|(p, _)| p.clone()).collect();
        assert_eq!(
            names,
            [
                PathBuf::from("cases/T-1/case.yaml"),
                PathBuf::from("cases/T-1/people.yaml"),
                PathBuf::from("cases/T-1/actions.yaml"),
            ]
        );
        let record = published.case.record.as_ref().unwrap();
        assert_eq!(record.title.value, "Injury to Child A");
        assert!(record.related.is_empty());
        let action = &published.case.actions.as_ref().unwrap().actions[0];
        // An id is a code: left as written, even when it looks like a name.
        assert_eq!(action.id.value, "Ellie-Mae");
        assert!(!action.action.contains("Ellie") && !action.owner.contains("Ellie"));
        for (path, text) in &published.files {
            let without_ids = text.replace("id: Ellie-Mae", "");
            assert!(!without_ids.contains("Ellie"), "{path:?}:\n{text}");
        }
        assert!(published.counts.values().sum::<usize>() >= 4);
    }
}
