//! `casebook check-deadlines`: every milestone and action with its due date and status.
//!
//! Glue only: `deadlines` loads and evaluates the cases; `deadlines::format` renders
//! them, the table and JSON streamed in parallel windows straight to standard output.
//! A case that cannot be fully read is reported as `invalid` items, which always fail
//! (exit 1); when no case at all could be read, the command could not do its job (2).

use crate::cli::{CheckDeadlinesArgs, DeadlineFormat, Exit};
use crate::commands::Ctx;
use crate::deadlines::{self, CaseItems, Checked, Context, format};
use crate::error::{Error, Result};
use crate::output;

/// Runs the command.
pub fn run(ctx: &Ctx, args: &CheckDeadlinesArgs) -> Result<Exit> {
    let casebook = ctx.open()?;
    let cx = Context::of(&casebook, ctx.as_of)?;
    let cases = deadlines::load(&casebook, &args.cases, args.include_closed)?;
    let evaluate = |case: &Checked| cx.evaluate(case);
    let counts = {
        let mut out = output::Stdout::lock();
        let mut sink = |piece: &str| out.write(piece);
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
    if deadlines::nothing_readable(&cases) {
        return Err(Error::NothingReadable(cases.len()));
    }
    Ok(if counts.failing(args.fail_on) {
        Exit::Findings
    } else {
        Exit::Success
    })
}
