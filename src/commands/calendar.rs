//! `casebook calendar`: deadlines still to meet as an iCalendar file with reminders.
//!
//! Glue only: `deadlines` evaluates the cases, `ics` makes the events and the file.
//! An item due on a date iCalendar cannot hold is left out with an error (exit 1); the
//! rest of the calendar is still written.

use crate::casebook::{Overwrite, write_atomic};
use crate::cli::{CalendarArgs, Exit};
use crate::commands::Ctx;
use crate::deadlines::{self, Context};
use crate::error::Result;
use crate::{ics, output};

/// Writes the calendar to standard output or `--out`.
pub fn run(ctx: &Ctx, args: &CalendarArgs) -> Result<Exit> {
    let book = ctx.open()?;
    let cx = Context::of(&book, ctx.as_of)?;
    let cases = cx.evaluate_all(&deadlines::load(&book, &args.cases, false)?);
    let reminder = args.reminder.unwrap_or(book.settings.reminder_working_days);
    let ics::Events { events, left_out } = ics::deadline_events(&cases, cx.calendar, reminder);
    let name = format!("{} deadlines", book.settings.partnership);
    let text = ics::calendar(&name, ctx.as_of, &events);
    match &args.out {
        Some(path) => {
            write_atomic(
                path,
                text.as_bytes(),
                Overwrite::forced_in(args.force, &book.root),
            )?;
            if !ctx.quiet {
                output::eprint(&format!(
                    "wrote {} events to {}\n",
                    events.len(),
                    path.display()
                ));
            }
        }
        None => output::print(&text)?,
    }
    let failed = !left_out.is_empty();
    ctx.warn(left_out);
    ctx.warn(cx.past_data_warning());
    Ok(if failed {
        Exit::Findings
    } else {
        Exit::Success
    })
}
