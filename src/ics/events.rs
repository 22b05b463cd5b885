//! Deadline items as calendar events: the ones still to meet (overdue, too early, due
//! soon, behind target, pending, to chase), each summarised without personal identifiers
//! and described with its status, rule, source and the record to edit, with a reminder
//! some working days before (counted on the statutory calendar for statutory rules).
//! A record that could not be understood is an event on the as-of date, so the gap in
//! the calendar is seen. An item due on a date iCalendar cannot hold is left out, with a
//! finding that names the case, the item and the record.

use super::{Event, holds};
use crate::deadlines::{CaseItems, Context, Item, ItemKind, Status, format::describe};
use crate::diagnostic::{Code, Diagnostic};
use crate::process::RuleKind;

/// Summaries longer than this many characters are cut with `…`.
const SUMMARY_CHARS: usize = 70;

/// The events of a calendar, and the items left out of it.
#[derive(Debug, Default)]
pub struct Events {
    /// One event per item still to meet, in case order.
    pub events: Vec<Event>,
    /// An error for each item due on a date iCalendar cannot hold.
    pub left_out: Vec<Diagnostic>,
}

/// The events of every item still to meet, in case order, each with a reminder
/// `reminder_days` working days before it is due (none when that day cannot be held),
/// and one on the as-of date for each record not understood.
pub fn deadline_events(cases: &[CaseItems], cx: &Context<'_>, reminder_days: u32) -> Events {
    let reminder_days = i64::from(reminder_days);
    let mut left_out = Vec::new();
    let events = cases
        .iter()
        .flat_map(|case| {
            case.items
                .iter()
                .map(move |item| (case.title.as_str(), item))
        })
        .filter(|(_, i)| {
            // A meeting held too early is history; one planned too early is still to fix.
            (i.status == Status::TooEarly && i.done.is_none())
                || matches!(
                    i.status,
                    Status::Invalid
                        | Status::Overdue
                        | Status::DueSoon
                        | Status::BehindTarget
                        | Status::Pending
                        | Status::Chase
                )
        })
        .filter_map(|(case_title, i)| {
            if i.kind == ItemKind::Invalid {
                return Some(Event {
                    uid: format!("{}.invalid.{}.{}@casebook", i.case, i.key, i.line),
                    date: cx.as_of,
                    summary: format!("{}: record not understood ({})", i.case, i.key),
                    description: format!(
                        "{}\nNot checked: {}\nRecord: {}",
                        case_title,
                        describe(i),
                        i.location()
                    ),
                    reminder: None,
                    categories: vec![i.status.as_str().to_string()],
                });
            }
            // A meeting planned too early is shown on its planned date.
            let due = match i.status {
                Status::TooEarly => i.planned.or(i.due)?,
                _ => i.due?,
            };
            if !holds(due) {
                left_out.push(unholdable(i, due));
                return None;
            }
            let calendar = cx.calendar_for(i.statutory);
            Some(Event {
                uid: format!("{}.{}.{}@casebook", i.case, i.kind.as_str(), i.key),
                date: due,
                summary: summary(i),
                description: description(case_title, i),
                reminder: calendar
                    .add_working_days(due, -reminder_days)
                    .ok()
                    .filter(|r| holds(*r)),
                categories: vec![i.status.as_str().to_string()],
            })
        })
        .collect();
    Events { events, left_out }
}

/// The finding for an item whose due date an iCalendar file cannot hold.
fn unholdable(i: &Item, due: chrono::NaiveDate) -> Diagnostic {
    let what = match i.kind {
        ItemKind::Action => format!("action {}", i.key),
        ItemKind::Milestone | ItemKind::Invalid => format!("`{}`", i.key),
    };
    Diagnostic::error(
        Code::CalendarDateOutOfRange,
        &i.file,
        i.line,
        0,
        format!(
            "{what} of {} is due on {}, which an iCalendar file cannot hold (its years run from 0000 to 9999); it is left out of the calendar",
            i.case,
            due.format("%Y-%m-%d")
        ),
    )
    .with_help("check the dates it counts from: a year such as 9999 is usually a slip")
}

/// One line: the case, what kind of date it is, and the item's title, cut short.
fn summary(i: &Item) -> String {
    let short: String = if i.title.chars().count() > SUMMARY_CHARS {
        format!(
            "{}…",
            i.title
                .chars()
                .take(SUMMARY_CHARS - 1)
                .collect::<String>()
                .trim_end()
        )
    } else {
        i.title.trim_end_matches('.').to_string()
    };
    match (i.kind, i.rule_kind) {
        (ItemKind::Action, _) => format!("{} action {} due: {short}", i.case, i.key),
        (_, _) if i.status == Status::TooEarly => {
            format!("{} too early: {short}", i.case)
        }
        (_, Some(RuleKind::Target)) => format!("{} target: {short}", i.case),
        (_, Some(RuleKind::Expected)) => format!("{} expected: {short}", i.case),
        (_, Some(RuleKind::NotBefore)) => format!("{} earliest date: {short}", i.case),
        _ => format!("{} due: {short}", i.case),
    }
}

/// The case's title, the item's, where it stands, its rule and source, and the record.
fn description(case_title: &str, i: &Item) -> String {
    let mut description = format!(
        "{}\n{}\n{}: {}",
        case_title,
        i.title,
        i.status.as_str(),
        describe(i)
    );
    if let Some(rule) = &i.rule {
        description.push_str(&format!("\nRule: {rule}"));
    }
    if let Some(source) = &i.source {
        description.push_str(&format!("\nSource: {source}"));
    }
    description.push_str(&format!("\nRecord: {}:{}", i.file, i.line));
    description
}
