//! `casebook calendar`: deadlines still to meet as an iCalendar file with reminders.

use crate::cli::{CalendarArgs, Exit};
use crate::commands::check_deadlines::{Evaluator, load};
use crate::commands::{Ctx, past_data_warning};
use crate::deadlines::{ItemKind, Status};
use crate::ics::{self, Event};
use crate::{casebook, output};

/// Writes the calendar to standard output or `--out`.
pub fn run(ctx: &Ctx, args: &CalendarArgs) -> crate::error::Result<Exit> {
    let book = ctx.open()?;
    let calendar = book.calendar()?;
    let cases = Evaluator::new(ctx, &book, &calendar).all(&load(&book, &args.cases, false)?);
    let reminder_days = i64::from(args.reminder.unwrap_or(book.config.reminder_working_days));
    let events: Vec<Event> = cases
        .iter()
        .flat_map(|case| {
            case.items
                .iter()
                .map(move |item| (case.title.as_str(), item))
        })
        .filter(|(_, i)| {
            matches!(
                i.status,
                Status::Overdue | Status::DueSoon | Status::Pending | Status::Chase
            )
        })
        .filter_map(|(case_title, i)| {
            let due = i.due?;
            let short: String = if i.title.chars().count() > 70 {
                format!(
                    "{}…",
                    i.title.chars().take(69).collect::<String>().trim_end()
                )
            } else {
                i.title.trim_end_matches('.').to_string()
            };
            let summary = match (i.kind, i.rule_kind) {
                (ItemKind::Action, _) => format!("{} action {} due: {short}", i.case, i.key),
                (_, Some(crate::process::RuleKind::Expected)) => {
                    format!("{} expected: {short}", i.case)
                }
                (_, Some(crate::process::RuleKind::NotBefore)) => {
                    format!("{} earliest date: {short}", i.case)
                }
                _ => format!("{} due: {short}", i.case),
            };
            let mut description = format!(
                "{}\n{}\n{}: {}",
                case_title,
                i.title,
                i.status.as_str(),
                crate::deadlines::format::describe(i)
            );
            if let Some(rule) = &i.rule {
                description.push_str(&format!("\nRule: {rule}"));
            }
            if let Some(source) = &i.source {
                description.push_str(&format!("\nSource: {source}"));
            }
            description.push_str(&format!("\nRecord: {}:{}", i.file, i.line));
            Some(Event {
                uid: format!(
                    "{}.{}.{}@casebook",
                    i.case,
                    if i.kind == ItemKind::Action {
                        "action"
                    } else {
                        "milestone"
                    },
                    i.key
                ),
                date: due,
                summary,
                description,
                reminder: calendar.add_working_days(due, -reminder_days).ok(),
                categories: vec![i.status.as_str().to_string()],
            })
        })
        .collect();
    let name = format!("{} deadlines", book.config.partnership);
    let text = ics::calendar(&name, ctx.as_of, &events);
    match &args.out {
        Some(path) => {
            casebook::write_atomic(path, text.as_bytes(), args.force)?;
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
    if let Some(w) = past_data_warning(&calendar) {
        output::eprint(&format!("{}\n", output::render_diagnostic(ctx, &w)));
    }
    Ok(Exit::Success)
}
