//! Which cases a deadline command checks, read through `casebook`: open ones unless
//! closed ones are asked for or named, each with only case.yaml and actions.yaml. Any
//! case's errors stop the command before anything is printed (fail closed).

use rayon::prelude::*;

use super::is_open;
use crate::casebook::{Casebook, Need};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::model::{ActionsFile, CaseRecord};

/// A case whose deadlines are checked: its records, read and free of errors.
#[derive(Debug)]
pub struct Checked {
    /// The case id.
    pub id: String,
    /// case.yaml.
    pub record: CaseRecord,
    /// actions.yaml, when the case has one.
    pub actions: Option<ActionsFile>,
}

/// Loads the chosen cases (all when none are named), in parallel and in case order:
/// closed cases only when `include_closed` or named.
pub fn load(
    casebook: &Casebook,
    requested: &[String],
    include_closed: bool,
) -> Result<Vec<Checked>> {
    let ids = casebook.select(requested)?;
    let explicit = !requested.is_empty();
    let outcomes: Vec<std::result::Result<Option<Checked>, Vec<Diagnostic>>> = ids
        .par_iter()
        .map(|id| {
            let case = casebook.load_case(id, Need::DEADLINES);
            let errors: Vec<Diagnostic> = case
                .findings
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            if !errors.is_empty() {
                return Err(errors);
            }
            let Some(record) = case.record else {
                return Ok(None);
            };
            if !include_closed && !explicit && !is_open(&record) {
                return Ok(None);
            }
            Ok(Some(Checked {
                id: case.id,
                record,
                actions: case.actions,
            }))
        })
        .collect();
    let mut cases = Vec::with_capacity(outcomes.len());
    let mut problems = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(Some(case)) => cases.push(case),
            Ok(None) => {}
            Err(errors) => problems.extend(errors),
        }
    }
    if problems.is_empty() {
        Ok(cases)
    } else {
        Err(Error::Findings(problems))
    }
}
