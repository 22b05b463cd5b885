//! `casebook check-deadlines`: every milestone and action with its due date and status.
//!
//! Glue only: `deadlines` loads and evaluates the cases; `deadlines::format` renders
//! them, the table and JSON streamed in parallel windows straight to standard output;
//! the CI formats through `publication::ci_log`'s mask. A case that cannot be fully read
//! is reported as `invalid` items, which always fail (exit 1); when no case at all could
//! be read, the command could not do its job (2).

use crate::cli::{CheckDeadlinesArgs, DeadlineFormat, Exit};
use crate::commands::Ctx;
use crate::deadlines::{self, CaseItems, Checked, Context, format};
use crate::error::{Error, Result};
use crate::output;
use crate::publication::ci_log::CiMask;

/// Runs the command.
pub fn run(ctx: &Ctx, args: &CheckDeadlinesArgs) -> Result<Exit> {
    let casebook = ctx.open()?;
    let cx = Context::of(&casebook, ctx.as_of)?;
    let cases = deadlines::load(&casebook, &args.cases, args.include_closed)?;
    // What the CI formats print is masked as each case is evaluated; the table is
    // for people.
    let mask = CiMask::new();
    let ci = args.format != DeadlineFormat::Text;
    let evaluate = |case: &Checked| {
        let mut items = cx.evaluate(case);
        if ci {
            mask.mask_case(&mut items);
        }
        items
    };
    let counts = {
        let mut out = output::Stdout::lock();
        let mut sink = |piece: &str| out.write(piece);
        let counts = match args.format {
            DeadlineFormat::Text => {
                format::text(&cases, &evaluate, ctx.as_of, ctx.color, &mut sink)
            }
            DeadlineFormat::Json => format::json(&cases, &evaluate, ctx.as_of, &mut sink),
            DeadlineFormat::Csv | DeadlineFormat::Github | DeadlineFormat::Junit => {
                let mut all = cx.evaluate_all(&cases);
                for case in &mut all {
                    mask.mask_case(case);
                }
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
    let masked = ctx.masked(&mask);
    Ok(if masked || counts.failing(args.fail_on) {
        Exit::Findings
    } else {
        Exit::Success
    })
}
