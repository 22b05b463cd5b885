//! `casebook check-deadlines`: every milestone and action with its due date and status.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::casebook::Need;
use crate::cli::{CheckDeadlinesArgs, DeadlineFormat, Exit};
use crate::commands::{Ctx, past_data_warning};
use crate::deadlines::{self, Item, Settings, format};
use crate::error::{Error, Result};
use crate::output;

/// One case's items and, for the table's heading, its id and title.
type CaseItems = (Vec<Item>, Option<(String, String)>);

/// Evaluates the chosen cases (open ones unless asked) and returns items and case titles.
pub fn collect(
    ctx: &Ctx,
    casebook: &crate::casebook::Casebook,
    calendar: &crate::calendar::WorkingCalendar,
    requested: &[String],
    include_closed: bool,
) -> Result<(Vec<Item>, BTreeMap<String, String>)> {
    let ids = casebook.select(requested)?;
    let settings = Settings {
        due_soon: casebook.config.due_soon,
    };
    let loaded = casebook.load_cases(&ids, Need::DEADLINES);
    let problems: Vec<_> = loaded
        .iter()
        .flat_map(|c| c.findings.iter().cloned())
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .collect();
    if !problems.is_empty() {
        return Err(Error::Findings(problems));
    }
    let explicit = !requested.is_empty();
    let per_case: Vec<CaseItems> = loaded
        .par_iter()
        .filter_map(|case| {
            let record = case.record.as_ref()?;
            if !include_closed && !explicit && !deadlines::is_open(record) {
                return None;
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
            Some((items, Some((case.id.clone(), record.title.value.clone()))))
        })
        .collect();
    let mut items = Vec::new();
    let mut titles = BTreeMap::new();
    for (case_items, title) in per_case {
        items.extend(case_items);
        if let Some((id, t)) = title {
            titles.insert(id, t);
        }
    }
    Ok((items, titles))
}

/// Runs the command.
pub fn run(ctx: &Ctx, args: &CheckDeadlinesArgs) -> Result<Exit> {
    let casebook = ctx.open()?;
    let calendar = casebook.calendar()?;
    let (items, titles) = collect(ctx, &casebook, &calendar, &args.cases, args.include_closed)?;
    let text = match args.format {
        DeadlineFormat::Text => format::text(&items, &titles, ctx.as_of, ctx.color),
        DeadlineFormat::Json => format::json(&items, ctx.as_of),
        DeadlineFormat::Csv => format::csv(&items),
        DeadlineFormat::Github => format::github(&items, args.fail_on),
        DeadlineFormat::Junit => format::junit(&items, args.fail_on, ctx.as_of),
    };
    output::print(&text);
    if let Some(w) = past_data_warning(&calendar) {
        output::eprint(&format!("{}\n", output::render_diagnostic(ctx, &w)));
    }
    let failing = items.iter().any(|i| format::fails(i.status, args.fail_on));
    Ok(if failing {
        Exit::Findings
    } else {
        Exit::Success
    })
}
