//! The status of every milestone with a rule and every action, on a given as-of date.
//!
//! Pure: it takes a case's records and a [`Context`] (the process, the two working-day
//! calendars, the as-of date and the checked settings), and returns items. It reads no
//! clock, and no files except through `casebook` in [`load`]. What a case.yaml says that
//! the rules cannot use becomes an `invalid` item of its own (decided in `findings`,
//! which validate shares); each milestone's rules are evaluated once, in `rules`.
//! Anchors come from done dates, then planned dates; an extension replaces the due date
//! and keeps the original visible.

use chrono::NaiveDate;

use crate::calendar::{CalendarError, WorkingCalendar};
use crate::model::{ActionStatus, ActionsFile, CaseRecord, CaseStatus};
use crate::process::{Rule, Unit};

mod cases;
pub(crate) mod context;
pub mod findings;
pub mod format;
mod item;
mod rules;
pub mod summary;

pub use cases::{Checked, load, nothing_readable};
pub use context::Context;
pub use item::{CaseItems, FailOn, Item, ItemKind, Status};

/// Applies a rule to its anchor date.
pub fn apply_rule(
    calendar: &WorkingCalendar,
    rule: &Rule,
    anchor: NaiveDate,
) -> Result<NaiveDate, CalendarError> {
    let n = if rule.before {
        -i64::from(rule.amount)
    } else {
        i64::from(rule.amount)
    };
    match rule.unit {
        Unit::WorkingDays => calendar.add_working_days(anchor, n),
        Unit::Days => calendar.add_days(anchor, n),
        Unit::Weeks => calendar.add_weeks(anchor, n),
        Unit::Months => calendar.add_months(anchor, n),
        Unit::Years => calendar.add_years(anchor, n),
    }
}

/// The status of an open action due on `due`.
fn open_action_status(
    due: NaiveDate,
    as_of: NaiveDate,
    working_days: i64,
    due_soon: u32,
) -> Status {
    if due < as_of {
        Status::Overdue
    } else if working_days < i64::from(due_soon) {
        Status::DueSoon
    } else {
        Status::Pending
    }
}

/// Evaluates one case: an `invalid` item for each thing in case.yaml the rules cannot
/// use (see [`findings::not_understood`]), then every milestone with rules on the tracks
/// the process knows, then every action; worst first.
pub fn evaluate_case(
    case_id: &str,
    record: &CaseRecord,
    actions: Option<&ActionsFile>,
    cx: &Context<'_>,
) -> Vec<Item> {
    let case_file = format!("cases/{case_id}/case.yaml");
    let mut items: Vec<Item> = findings::not_understood(&case_file, record, cx.process)
        .iter()
        .map(|d| Item::invalid(case_id, d))
        .collect();
    let mut seen: Vec<&str> = Vec::new();
    for track_ref in &record.tracks {
        let Some(track) = cx.process.track(&track_ref.value) else {
            continue;
        };
        for m in &track.milestones {
            if !m.has_rules() || seen.contains(&m.key.as_str()) {
                continue;
            }
            seen.push(m.key.as_str());
            let line = record
                .milestones
                .entry(&m.key)
                .map(|(k, _)| k.line)
                .or_else(|| record.planned.entry(&m.key).map(|(k, _)| k.line))
                .or_else(|| record.extensions.entry(&m.key).map(|(k, _)| k.line))
                .or_else(|| record.not_applicable.entry(&m.key).map(|(k, _)| k.line))
                .unwrap_or(track_ref.line) as usize;
            items.push(rules::evaluate(
                case_id, &case_file, record, track, m, line, cx,
            ));
        }
    }
    if let Some(actions) = actions {
        // Actions are local: the council's closures are not working days for them.
        let (calendar, as_of) = (cx.calendar, cx.as_of);
        let actions_file = format!("cases/{case_id}/actions.yaml");
        for a in &actions.actions {
            let due = a.due.value.0;
            let done = a.done.as_ref().map(|d| d.value.0);
            let wd = calendar.working_days_between(as_of, due);
            let mut late_by = None;
            let status = match a.status.value {
                ActionStatus::Dropped => Status::NotApplicable,
                ActionStatus::Done => match done {
                    Some(d) if d > due => {
                        late_by = Some(-calendar.working_days_between(d, due));
                        Status::Late
                    }
                    _ => Status::Met,
                },
                ActionStatus::Open => open_action_status(due, as_of, wd, cx.settings.due_soon),
            };
            items.push(Item {
                case: case_id.to_string(),
                kind: ItemKind::Action,
                key: a.id.value.clone(),
                title: a.action.to_string(),
                due: Some(due),
                done,
                status,
                working_days: Some(wd),
                source: a.recommendation.clone(),
                file: actions_file.clone(),
                line: a.id.line as usize,
                not_applicable_reason: (a.status.value == ActionStatus::Dropped)
                    .then(|| "dropped".to_string()),
                late_by,
                agency: Some(a.agency.to_string()),
                owner: Some(a.owner.to_string()),
                ..Item::default()
            });
        }
    }
    items.sort_by_key(|i| (i.status, i.due));
    items
}

/// Whether a case's deadlines are checked by default.
pub fn is_open(record: &CaseRecord) -> bool {
    record.status == CaseStatus::Open
}

#[cfg(test)]
mod tests;
