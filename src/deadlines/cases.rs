//! Which cases a deadline command checks, read through `casebook`: open ones unless
//! closed ones are asked for or named, each with only case.yaml and actions.yaml.
//!
//! Fail closed, case by case: a case whose files cannot be read is still checked as far
//! as it can be, and keeps the problems met while reading, which the commands report as
//! `invalid` items of its own. A case.yaml that cannot be read at all keeps the case in,
//! open or closed: nothing says it is closed.

use rayon::prelude::*;

use super::is_open;
use crate::casebook::{Casebook, Need};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Result;
use crate::model::{ActionsFile, CaseRecord};

/// A case whose deadlines are checked: what of its records could be read, and the
/// errors met reading them.
#[derive(Debug)]
pub struct Checked {
    /// The case id.
    pub id: String,
    /// case.yaml, when it could be read.
    pub record: Option<CaseRecord>,
    /// actions.yaml, when the case has one that could be read.
    pub actions: Option<ActionsFile>,
    /// The errors met reading its files (each becomes an `invalid` item).
    pub problems: Vec<Diagnostic>,
}

impl Checked {
    /// Whether nothing of the case could be read: no case.yaml to evaluate.
    pub fn unreadable(&self) -> bool {
        self.record.is_none()
    }
}

/// Loads the chosen cases (all when none are named), in parallel and in case order:
/// closed cases only when `include_closed` or named. A case with unreadable files is
/// kept, with its problems.
pub fn load(
    casebook: &Casebook,
    requested: &[String],
    include_closed: bool,
) -> Result<Vec<Checked>> {
    let ids = casebook.select(requested)?;
    let explicit = !requested.is_empty();
    let cases: Vec<Option<Checked>> = ids
        .par_iter()
        .map(|id| {
            let case = casebook.load_case(id, Need::DEADLINES);
            if let Some(record) = &case.record
                && !include_closed
                && !explicit
                && !is_open(record)
            {
                return None;
            }
            let problems = case
                .findings
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            Some(Checked {
                id: case.id,
                record: case.record,
                actions: case.actions,
                problems,
            })
        })
        .collect();
    Ok(cases.into_iter().flatten().collect())
}

/// Whether a deadline command had cases to check and could read none of them: it then
/// cannot do its job (exit 2), though it has reported each case's problem.
pub fn nothing_readable(cases: &[Checked]) -> bool {
    !cases.is_empty() && cases.iter().all(Checked::unreadable)
}
