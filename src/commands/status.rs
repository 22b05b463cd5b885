//! `casebook status`: one line per open case: tracks, the latest milestone done, the
//! next item needing attention with its date, and counts of what needs attention.
//!
//! Glue only: `deadlines::summary` makes and renders the lines; the JSON goes through
//! `publication::ci_log`'s mask. A case that cannot be fully read is counted as invalid
//! and makes the command exit 1.

use crate::cli::{Exit, StatusArgs, StatusFormat};
use crate::commands::Ctx;
use crate::deadlines::{self, Context, summary};
use crate::error::{Error, Result};
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
    if deadlines::nothing_readable(&cases) {
        return Err(Error::NothingReadable(cases.len()));
    }
    let masked = ctx.masked(&mask);
    Ok(if masked || summary::any_invalid(&rows) {
        Exit::Findings
    } else {
        Exit::Success
    })
}
