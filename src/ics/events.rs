//! Deadline items as calendar events: the ones still to meet (overdue, due soon,
//! pending, to chase), each summarised without personal identifiers and described with
//! its status, rule, source and the record to edit, with a reminder some working days
//! before. An item due on a date iCalendar cannot hold is left out, with a finding that
//! names the case, the item and the record.

use super::{Event, holds};
use crate::calendar::WorkingCalendar;
use crate::deadlines::{CaseItems, Item, ItemKind, Status, format::describe};
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
/// `reminder_days` working days before it is due (none when that day cannot be held).
pub fn deadline_events(
    cases: &[CaseItems],
    calendar: &WorkingCalendar,
    reminder_days: u32,
) -> Events {
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
            matches!(
                i.status,
                Status::Overdue | Status::DueSoon | Status::Pending | Status::Chase
            )
        })
        .filter_map(|(case_title, i)| {
            let due = i.due?;
            if !holds(due) {
                left_out.push(unholdable(i, due));
                return None;
            }
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
        ItemKind::Milestone => format!("`{}`", i.key),
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
