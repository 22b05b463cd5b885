//! The status of every milestone with a rule and every action, on a given as-of date.
//!
//! Pure: it takes a case's records and a [`Context`] (the process, the working-day
//! calendar, the as-of date and the checked settings), and returns items. It reads no
//! clock, and no files except through `casebook` in [`load`]. Anchors come from
//! done dates, then planned dates; an extension replaces the due date and keeps the
//! original visible.

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::{CalendarError, WorkingCalendar};
use crate::model::{ActionStatus, ActionsFile, CaseRecord, CaseStatus};
use crate::process::{Rule, RuleKind, Unit};

mod cases;
pub(crate) mod context;
pub mod format;
pub mod summary;

pub use cases::{Checked, load};
pub use context::Context;

/// Where an item stands on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Not done and past its due date.
    Overdue,
    /// Not done and due within `due_soon` working days, today included.
    DueSoon,
    /// An expected date passed: the item needs chasing, it is not overdue.
    Chase,
    /// The rule's anchor has no date yet.
    Waiting,
    /// Not done, due later.
    Pending,
    /// Done after its due date.
    Late,
    /// Done on or before its due date.
    Met,
    /// Does not apply to this case.
    NotApplicable,
}

impl Status {
    /// All statuses, worst first.
    pub const ALL: [Status; 8] = [
        Status::Overdue,
        Status::DueSoon,
        Status::Chase,
        Status::Waiting,
        Status::Pending,
        Status::Late,
        Status::Met,
        Status::NotApplicable,
    ];

    /// Returns the kebab-case name used in JSON and text.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::DueSoon => "due-soon",
            Status::Chase => "chase",
            Status::Waiting => "waiting",
            Status::Pending => "pending",
            Status::Late => "late",
            Status::Met => "met",
            Status::NotApplicable => "not-applicable",
        }
    }
}

/// Whether an item is a process milestone or an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A milestone with a rule.
    Milestone,
    /// An action from actions.yaml.
    Action,
}

/// One milestone or action with its due date and status.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// The case id.
    pub case: String,
    /// milestone or action.
    pub kind: ItemKind,
    /// The milestone key or action id.
    pub key: String,
    /// What it is.
    pub title: String,
    /// The process track (milestones only).
    pub track: Option<String>,
    /// The due date in force (the earliest date for `not_before`, the expected date for `expected`).
    pub due: Option<NaiveDate>,
    /// When it was done.
    pub done: Option<NaiveDate>,
    /// Where it stands.
    pub status: Status,
    /// Signed working days from the as-of date to the due date.
    pub working_days: Option<i64>,
    /// Where the rule comes from.
    pub source: Option<String>,
    /// The file to edit, relative to the root.
    pub file: String,
    /// The line to edit (0 when unknown).
    pub line: usize,
    /// The rule, in words.
    pub rule: Option<String>,
    /// due, not_before or expected.
    pub rule_kind: Option<RuleKind>,
    /// The date it is planned for.
    pub planned: Option<NaiveDate>,
    /// The due date before an extension.
    pub original_due: Option<NaiveDate>,
    /// Why the due date was extended.
    pub extension_reason: Option<String>,
    /// The milestone a waiting item waits for.
    pub waiting_for: Option<String>,
    /// Why it does not apply.
    pub not_applicable_reason: Option<String>,
    /// Working days between due and done, for late items.
    pub late_by: Option<i64>,
    /// The responsible agency (actions).
    pub agency: Option<String>,
    /// The owner's role (actions).
    pub owner: Option<String>,
}

/// One case's items in evaluation order, with the case's title.
#[derive(Debug, Clone)]
pub struct CaseItems {
    /// The case id.
    pub id: String,
    /// The case's title.
    pub title: String,
    /// Its milestones and actions.
    pub items: Vec<Item>,
}

impl CaseItems {
    /// Every item of every case, in case order.
    pub fn all(cases: &[CaseItems]) -> impl Iterator<Item = &Item> {
        cases.iter().flat_map(|c| &c.items)
    }
}

/// What makes a deadline check fail (`check-deadlines --fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Exit 1 when anything is overdue.
    Overdue,
    /// Exit 1 when anything is overdue or due soon.
    DueSoon,
    /// Always exit 0.
    Never,
}

impl FailOn {
    /// Tells whether an item with `status` reaches this threshold.
    pub fn fails(self, status: Status) -> bool {
        match self {
            FailOn::Never => false,
            FailOn::Overdue => status == Status::Overdue,
            FailOn::DueSoon => matches!(status, Status::Overdue | Status::DueSoon),
        }
    }
}

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

/// The status of an undone item with a due date.
fn open_status(
    kind: RuleKind,
    due: NaiveDate,
    as_of: NaiveDate,
    working_days: i64,
    due_soon: u32,
) -> Status {
    match kind {
        RuleKind::Due if due < as_of => Status::Overdue,
        RuleKind::Due if working_days < i64::from(due_soon) => Status::DueSoon,
        RuleKind::Expected if due < as_of => Status::Chase,
        _ => Status::Pending,
    }
}

/// Evaluates every milestone with a rule and every action of one case.
pub fn evaluate_case(
    case_id: &str,
    record: &CaseRecord,
    actions: Option<&ActionsFile>,
    cx: &Context<'_>,
) -> Vec<Item> {
    let Context {
        process,
        calendar,
        as_of,
        settings,
    } = *cx;
    let case_file = format!("cases/{case_id}/case.yaml");
    let mut items = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let date_of = |key: &str| {
        record
            .milestones
            .get(key)
            .map(|d| d.value.0)
            .or_else(|| record.planned.get(key).map(|d| d.value.0))
    };
    for track_ref in &record.tracks {
        let Some(track) = process.track(&track_ref.value) else {
            continue;
        };
        for m in &track.milestones {
            let Some(rule) = &m.rule else { continue };
            if seen.contains(&m.key.as_str()) {
                continue;
            }
            seen.push(m.key.as_str());
            let done = record.milestones.get(&m.key).map(|d| d.value.0);
            let planned = record.planned.get(&m.key).map(|d| d.value.0);
            let line = record
                .milestones
                .entry(&m.key)
                .map(|(k, _)| k.line)
                .or_else(|| record.planned.entry(&m.key).map(|(k, _)| k.line))
                .or_else(|| record.extensions.entry(&m.key).map(|(k, _)| k.line))
                .or_else(|| record.not_applicable.entry(&m.key).map(|(k, _)| k.line))
                .unwrap_or(track_ref.line) as usize;
            let mut item = Item {
                case: case_id.to_string(),
                kind: ItemKind::Milestone,
                key: m.key.clone(),
                title: m.title.clone(),
                track: Some(track.key.clone()),
                due: None,
                done,
                status: Status::Waiting,
                working_days: None,
                source: m.source.clone(),
                file: case_file.clone(),
                line,
                rule: Some(rule.to_string()),
                rule_kind: Some(rule.kind),
                planned,
                original_due: None,
                extension_reason: None,
                waiting_for: None,
                not_applicable_reason: None,
                late_by: None,
                agency: None,
                owner: None,
            };
            if let Some(reason) = record.not_applicable.get(&m.key) {
                item.status = Status::NotApplicable;
                item.not_applicable_reason = Some(reason.to_string());
                items.push(item);
                continue;
            }
            if record.not_applicable.get(&rule.anchor).is_some() {
                item.status = Status::NotApplicable;
                item.not_applicable_reason = Some(format!("`{}` does not apply", rule.anchor));
                items.push(item);
                continue;
            }
            let Some(anchor) = date_of(&rule.anchor) else {
                item.waiting_for = Some(rule.anchor.clone());
                item.status = if done.is_some() {
                    Status::Met
                } else {
                    Status::Waiting
                };
                items.push(item);
                continue;
            };
            let Ok(computed) = apply_rule(calendar, rule, anchor) else {
                item.waiting_for = Some(format!(
                    "a date casebook can compute from `{}`",
                    rule.anchor
                ));
                items.push(item);
                continue;
            };
            let due = match record.extensions.get(&m.key) {
                Some(ext) => {
                    item.original_due = Some(computed);
                    item.extension_reason = Some(ext.reason.to_string());
                    ext.to.0
                }
                None => computed,
            };
            item.due = Some(due);
            let wd = calendar.working_days_between(as_of, due);
            item.working_days = Some(wd);
            item.status = match (done, rule.kind) {
                (Some(d), RuleKind::Due) if d > due => {
                    item.late_by = Some(calendar.working_days_between(due, d));
                    Status::Late
                }
                (Some(_), _) => Status::Met,
                (None, kind) => open_status(kind, due, as_of, wd, settings.due_soon),
            };
            items.push(item);
        }
    }
    if let Some(actions) = actions {
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
                        late_by = Some(calendar.working_days_between(due, d));
                        Status::Late
                    }
                    _ => Status::Met,
                },
                ActionStatus::Open => open_status(RuleKind::Due, due, as_of, wd, settings.due_soon),
            };
            items.push(Item {
                case: case_id.to_string(),
                kind: ItemKind::Action,
                key: a.id.value.clone(),
                title: a.action.to_string(),
                track: None,
                due: Some(due),
                done,
                status,
                working_days: Some(wd),
                source: a.recommendation.clone(),
                file: actions_file.clone(),
                line: a.id.line as usize,
                rule: None,
                rule_kind: None,
                planned: None,
                original_due: None,
                extension_reason: None,
                waiting_for: None,
                not_applicable_reason: (a.status.value == ActionStatus::Dropped)
                    .then(|| "dropped".to_string()),
                late_by,
                agency: Some(a.agency.to_string()),
                owner: Some(a.owner.to_string()),
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
