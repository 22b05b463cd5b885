//! `casebook check-deadlines`: every milestone and action with its due date and status.

use rayon::prelude::*;

use crate::casebook::Need;
use crate::cli::{CheckDeadlinesArgs, DeadlineFormat, Exit};
use crate::commands::{Ctx, past_data_warning};
use crate::deadlines::{self, CaseItems, Settings, format};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::output;

/// Evaluates the chosen cases (open ones unless asked) and returns their items, case by
/// case in id order. Items stay grouped: a flat copy of 100,000 items would cost memory
/// and time for nothing.
pub fn collect(
    ctx: &Ctx,
    casebook: &crate::casebook::Casebook,
    calendar: &crate::calendar::WorkingCalendar,
    requested: &[String],
    include_closed: bool,
) -> Result<Vec<CaseItems>> {
    let ids = casebook.select(requested)?;
    let settings = Settings {
        due_soon: casebook.config.due_soon,
    };
    let explicit = !requested.is_empty();
    // Each case is evaluated as soon as it is loaded and its records dropped, so the
    // records of every case and the items of every case are never all held at once.
    let outcomes: Vec<std::result::Result<Option<CaseItems>, Vec<Diagnostic>>> = ids
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
            let Some(record) = case.record.as_ref() else {
                return Ok(None);
            };
            if !include_closed && !explicit && !deadlines::is_open(record) {
                return Ok(None);
            }
            let items = deadlines::evaluate_case(
                &case.id,
                record,
                case.actions.as_ref(),
                &casebook.process,
                calendar,
                ctx.as_of,
                settings,
            );
            Ok(Some(CaseItems {
                id: case.id,
                title: record.title.value.clone(),
                items,
            }))
        })
        .collect();
    let mut per_case = Vec::with_capacity(outcomes.len());
    let mut problems = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(Some(case)) => per_case.push(case),
            Ok(None) => {}
            Err(errors) => problems.extend(errors),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Findings(problems));
    }
    Ok(per_case)
}

/// Runs the command.
pub fn run(ctx: &Ctx, args: &CheckDeadlinesArgs) -> Result<Exit> {
    let casebook = ctx.open()?;
    let calendar = casebook.calendar()?;
    let cases = collect(ctx, &casebook, &calendar, &args.cases, args.include_closed)?;
    {
        let mut out = output::Stdout::lock();
        let mut sink = |piece: &str| out.write(piece);
        match args.format {
            DeadlineFormat::Text => format::text(&cases, ctx.as_of, ctx.color, &mut sink),
            DeadlineFormat::Json => format::json(&cases, ctx.as_of, &mut sink),
            DeadlineFormat::Csv => sink(&format::csv(CaseItems::all(&cases))),
            DeadlineFormat::Github => sink(&format::github(CaseItems::all(&cases), args.fail_on)),
            DeadlineFormat::Junit => sink(&format::junit(&cases, args.fail_on, ctx.as_of)),
        }
    }
    if let Some(w) = past_data_warning(&calendar) {
        output::eprint(&format!("{}\n", output::render_diagnostic(ctx, &w)));
    }
    let failing = CaseItems::all(&cases).any(|i| format::fails(i.status, args.fail_on));
    Ok(if failing {
        Exit::Findings
    } else {
        Exit::Success
    })
}
