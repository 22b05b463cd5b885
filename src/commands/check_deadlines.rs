//! `casebook check-deadlines`: every milestone and action with its due date and status.
//!
//! Glue only: `deadlines` loads and evaluates the cases; `deadlines::format` renders
//! them, the table and JSON streamed in parallel windows straight to standard output;
//! the CI formats through `publication::ci_log`'s mask.

use crate::cli::{CheckDeadlinesArgs, DeadlineFormat, Exit};
use crate::commands::Ctx;
use crate::deadlines::{self, CaseItems, Checked, Context, format};
use crate::error::Result;
use crate::output;
use crate::publication::ci_log::CiMask;

/// Runs the command.
pub fn run(ctx: &Ctx, args: &CheckDeadlinesArgs) -> Result<Exit> {
    let casebook = ctx.open()?;
    let cx = Context::of(&casebook, ctx.as_of)?;
    let cases = deadlines::load(&casebook, &args.cases, args.include_closed)?;
    let evaluate = |case: &Checked| cx.evaluate(case);
    // What CI formats print passes through the mask; the table is for people.
    let mut mask = CiMask::new();
    let counts = {
        let mut out = output::Stdout::lock();
        let mut sink = |piece: &str| match args.format {
            DeadlineFormat::Text => out.write(piece),
            _ => out.write(&mask.mask(piece)),
        };
        let counts = match args.format {
            DeadlineFormat::Text => {
                format::text(&cases, &evaluate, ctx.as_of, ctx.color, &mut sink)
            }
            DeadlineFormat::Json => format::json(&cases, &evaluate, ctx.as_of, &mut sink),
            DeadlineFormat::Csv | DeadlineFormat::Github | DeadlineFormat::Junit => {
                let all = cx.evaluate_all(&cases);
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
    ctx.warn(cx.past_data_warning());
    let masked = ctx.masked(&mask);
    Ok(if masked || counts.failing(args.fail_on) {
        Exit::Findings
    } else {
        Exit::Success
    })
}
