//! A publication-safe copy of a case: every record's text through the anonymiser,
//! people reduced to id, role, relationship and pseudonym, and the result checked for
//! anything left before a single byte is written.
//!
//! Pure: it takes a loaded case and returns an anonymised `LoadedCase` and the text of
//! each file; the command decides where they go. It never sees the file system.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::anonymise::{Anonymiser, DatePolicy, Finding, Identity, Kind, Options};
use crate::casebook::{LoadedCase, files};
use crate::model::{Briefing, Note, PartialDate, PeopleFile, Person, Precision};

/// Fields whose values are ids, keys, enums or dates, never free text: left alone.
const NOT_TEXT: &[&str] = &[
    "id",
    "people",
    "referrer",
    "subject",
    "significant_others",
    "tracks",
    "related",
    "status",
    "significance",
    "role",
    "decision",
    "s16c_criteria",
    "local_criteria",
    "national_criteria",
    "threshold",
    "process",
    "date",
    "time",
    "opened",
    "due",
    "done",
    "received",
    "dob",
    "dod",
    "signed_on",
    "to",
    "started",
    "concluded",
    "report",
    "unanimous",
    "recommendation",
    "milestones",
    "planned",
];

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
}

/// Tallies replacements and review items while records are walked.
struct Walk<'a> {
    engine: &'a Anonymiser,
    counts: BTreeMap<Kind, usize>,
    review: Vec<(String, Finding)>,
    file: String,
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

    fn value(&mut self, value: &mut Value, key: Option<&str>) {
        if key.is_some_and(|k| NOT_TEXT.contains(&k)) {
            return;
        }
        match value {
            Value::String(s) => *s = self.text(s),
            Value::Array(items) => items.iter_mut().for_each(|v| self.value(v, None)),
            Value::Object(map) => {
                for (k, v) in map.iter_mut() {
                    self.value(v, Some(k.as_str()));
                }
            }
            _ => {}
        }
    }

    /// Anonymises a record's free text through a JSON round trip and reads it back typed.
    fn record<T: Serialize + DeserializeOwned>(
        &mut self,
        file: &str,
        record: &T,
    ) -> Result<(T, String), String> {
        self.file = file.to_string();
        let mut value = serde_json::to_value(record).map_err(|e| format!("{file}: {e}"))?;
        self.value(&mut value, None);
        let yaml = crate::yaml::to_string(&value).map_err(|e| format!("{file}: {e}"))?;
        let typed: T = crate::yaml::parse(file, &yaml).map_err(|d| {
            format!(
                "{file}: the anonymised record does not read back: {}",
                d.message
            )
        })?;
        Ok((typed, yaml))
    }
}

fn header(schema: &str) -> String {
    format!(
        "# yaml-language-server: $schema=../../schemas/{schema}.schema.json\n# Anonymised for publication by casebook.\n"
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

/// Anonymises every record of a loaded case (never drafts/: they are not loaded).
pub fn publish(case: &LoadedCase, dates: DatePolicy) -> Result<Published, String> {
    let engine = anonymiser_for(case, dates);
    let dobs: Vec<chrono::NaiveDate> = case
        .people
        .iter()
        .flat_map(|p| p.people.iter().filter_map(|p| p.dob.map(|d| d.0)))
        .collect();
    let mut walk = Walk {
        engine: &engine,
        counts: BTreeMap::new(),
        review: Vec::new(),
        file: String::new(),
    };
    let mut out = LoadedCase {
        id: case.id.clone(),
        dir: case.dir.clone(),
        ..LoadedCase::default()
    };
    let mut texts = Vec::new();
    let dir = &case.dir;
    if let Some(record) = &case.record {
        // Related cases are not part of a one-case publication: their ids would dangle.
        let mut record = record.clone();
        record.related.clear();
        let (r, text) = walk.record(&case.file(files::CASE), &record)?;
        texts.push((dir.join(files::CASE), header("case") + &text));
        out.record = Some(r);
    }
    if let Some(people) = &case.people {
        let reduced = PeopleFile {
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
        };
        let text = crate::yaml::to_string(&reduced).map_err(|e| format!("people.yaml: {e}"))?;
        texts.push((dir.join(files::PEOPLE), header("people") + &text));
        out.people = Some(reduced);
    }
    if let Some(referral) = &case.referral {
        let (r, text) = walk.record(&case.file(files::REFERRAL), referral)?;
        texts.push((dir.join(files::REFERRAL), header("referral") + &text));
        out.referral = Some(r);
    }
    if let Some(chronology) = &case.chronology {
        let mut chronology = chronology.clone();
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
        let (r, text) = walk.record(&case.file(files::CHRONOLOGY), &chronology)?;
        texts.push((dir.join(files::CHRONOLOGY), header("chronology") + &text));
        out.chronology = Some(r);
    }
    if let Some(actions) = &case.actions {
        let (r, text) = walk.record(&case.file(files::ACTIONS), actions)?;
        texts.push((dir.join(files::ACTIONS), header("actions") + &text));
        out.actions = Some(r);
    }
    if let Some(rec) = &case.recommendation {
        let (r, text) = walk.record(&case.file(files::RECOMMENDATION), rec)?;
        texts.push((
            dir.join(files::RECOMMENDATION),
            header("recommendation") + &text,
        ));
        out.recommendation = Some(r);
    }
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
        texts.push((dir.join(files::BRIEFING), text));
    }
    for (path, note) in &case.notes {
        let (front, front_yaml) = walk.record(path, &note.front)?;
        walk.file = path.clone();
        let body = walk.text(&note.body);
        let text = format!("---\n{front_yaml}---\n{body}");
        let parsed = Note::parse(path, &text).map_err(|d| format!("{path}: {}", d.message))?;
        out.notes.push((path.clone(), Note { front, ..parsed }));
        let name = path.rsplit('/').next().unwrap_or(path);
        texts.push((dir.join(files::NOTES).join(name), text));
    }
    Ok(Published {
        case: out,
        files: texts,
        counts: walk.counts,
        review: walk.review,
    })
}

/// Checks texts for identifiers left: every finding that is a leak, with its file.
pub fn leaks(engine: &Anonymiser, texts: &[(PathBuf, String)]) -> Vec<(PathBuf, Finding)> {
    texts
        .iter()
        .flat_map(|(p, t)| {
            engine
                .check(t)
                .into_iter()
                .filter(|f| f.kind.is_leak())
                .map(move |f| (p.clone(), f))
        })
        .collect()
}
