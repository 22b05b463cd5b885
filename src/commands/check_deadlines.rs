//! `casebook check-deadlines`: every milestone and action with its due date and status.

use rayon::prelude::*;

use crate::calendar::WorkingCalendar;
use crate::casebook::{Casebook, Need};
use crate::cli::{CheckDeadlinesArgs, DeadlineFormat, Exit};
use crate::commands::{Ctx, past_data_warning};
use crate::deadlines::{self, CaseItems, Settings, format};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::model::{ActionsFile, CaseRecord};
use crate::output;

/// A case whose deadlines are checked: its records, read and free of errors.
pub struct Checked {
    id: String,
    record: CaseRecord,
    actions: Option<ActionsFile>,
}

/// Loads the chosen cases (open ones unless asked or named). Any case's errors stop the
/// command before anything is printed.
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
            if !include_closed && !explicit && !deadlines::is_open(&record) {
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

/// What evaluating a case needs besides the case.
pub struct Evaluator<'a> {
    casebook: &'a Casebook,
    calendar: &'a WorkingCalendar,
    as_of: chrono::NaiveDate,
}

impl<'a> Evaluator<'a> {
    /// Evaluates against the casebook's process and settings as of `ctx`'s date.
    pub fn new(ctx: &Ctx, casebook: &'a Casebook, calendar: &'a WorkingCalendar) -> Self {
        Evaluator {
            casebook,
            calendar,
            as_of: ctx.as_of,
        }
    }

    /// One case's items.
    pub fn case(&self, case: &Checked) -> CaseItems {
        let items = deadlines::evaluate_case(
            &case.id,
            &case.record,
            case.actions.as_ref(),
            &self.casebook.process,
            self.calendar,
            self.as_of,
            Settings {
                due_soon: self.casebook.config.due_soon,
            },
        );
        CaseItems {
            id: case.id.clone(),
            title: case.record.title.value.to_string(),
            items,
        }
    }

    /// Every case's items, in case order.
    pub fn all(&self, cases: &[Checked]) -> Vec<CaseItems> {
        cases.par_iter().map(|case| self.case(case)).collect()
    }
}

/// Runs the command.
pub fn run(ctx: &Ctx, args: &CheckDeadlinesArgs) -> Result<Exit> {
    let casebook = ctx.open()?;
    let calendar = casebook.calendar()?;
    let cases = load(&casebook, &args.cases, args.include_closed)?;
    let evaluator = Evaluator::new(ctx, &casebook, &calendar);
    let evaluate = |case: &Checked| evaluator.case(case);
    let counts = {
        let mut out = output::Stdout::lock();
        let mut sink = |piece: &str| out.write(piece);
        let counts = match args.format {
            DeadlineFormat::Text => {
                format::text(&cases, &evaluate, ctx.as_of, ctx.color, &mut sink)
            }
            DeadlineFormat::Json => format::json(&cases, &evaluate, ctx.as_of, &mut sink),
            DeadlineFormat::Csv | DeadlineFormat::Github | DeadlineFormat::Junit => {
                let all = evaluator.all(&cases);
                sink(&match args.format {
                    DeadlineFormat::Csv => format::csv(CaseItems::all(&all)),
                    DeadlineFormat::Github => format::github(CaseItems::all(&all), args.fail_on),
                    _ => format::junit(&all, args.fail_on, ctx.as_of),
                });
                format::Counts::of(&all)
            }
        };
        out.finish()?;
        counts
    };
    if let Some(w) = past_data_warning(&calendar) {
        output::eprint(&format!("{}\n", output::render_diagnostic(ctx, &w)));
    }
    Ok(if counts.failing(args.fail_on) {
        Exit::Findings
    } else {
        Exit::Success
    })
}
