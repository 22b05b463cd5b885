//! `casebook calendar`: deadlines still to meet as an iCalendar file with reminders.
//!
//! Glue only: `deadlines` evaluates the cases, `ics` makes the events and the file.

use crate::casebook::write_atomic;
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
    let events = ics::deadline_events(&cases, cx.calendar, reminder);
    let name = format!("{} deadlines", book.settings.partnership);
    let text = ics::calendar(&name, ctx.as_of, &events);
    match &args.out {
        Some(path) => {
            write_atomic(path, text.as_bytes(), args.force)?;
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
    ctx.warn(cx.past_data_warning());
    Ok(Exit::Success)
}
