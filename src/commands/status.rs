//! `casebook status`: one line per open case: tracks, the latest milestone done, the
//! next item due with its date and working days left, and counts of overdue and due-soon.
//!
//! Glue only: `deadlines::summary` makes and renders the lines; the JSON goes through
//! `publication::ci_log`'s mask.

use crate::cli::{Exit, StatusArgs, StatusFormat};
use crate::commands::Ctx;
use crate::deadlines::{self, Context, summary};
use crate::error::Result;
use crate::output;
use crate::publication::ci_log::CiMask;

/// Runs the command.
pub fn run(ctx: &Ctx, args: &StatusArgs) -> Result<Exit> {
    let book = ctx.open()?;
    let cx = Context::of(&book, ctx.as_of)?;
    let cases = deadlines::load(&book, &[], args.include_closed)?;
    let rows = summary::summaries(&cases, &cx);
    let mask = CiMask::new();
    output::print(&match args.format {
        StatusFormat::Json => mask.mask(&summary::json(&rows, ctx.as_of)).into_owned(),
        StatusFormat::Text => summary::text(&rows, ctx.as_of, ctx.color),
    })?;
    ctx.warn(cx.past_data_warning());
    Ok(if ctx.masked(&mask) {
        Exit::Findings
    } else {
        Exit::Success
    })
}
