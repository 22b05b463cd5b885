//! The one evaluation of a milestone's rules: the date each rule gives (on the statutory
//! or the local calendar), the agreed exceptions applied, and the status they combine
//! into. `validate` reads its breaches from the same items (see `findings`).
//!
//! How a milestone's rules combine, not done: past the due date it is `overdue`, then
//! past a target `behind-target` (even when the due date is near: a soft deadline missed
//! fails `--fail-on behind-target`), within `due_soon` working days `due-soon`, past an
//! expected date `chase`; a rule whose anchor has no date makes it `waiting`; otherwise
//! `pending`. Planned before its earliest date, it is `too-early` before anything else.
//! Done: before its earliest date `too-early`, after its due date `late`, else `met`.

use chrono::NaiveDate;

use super::{Context, Item, ItemKind, Status, apply_rule, findings};
use crate::calendar::WorkingCalendar;
use crate::model::CaseRecord;
use crate::process::{Milestone, RuleKind, Track};

/// A rule's date, and what it would have been without the council's closures.
#[derive(Debug, Clone, Copy)]
struct RuleDate {
    date: NaiveDate,
    /// Set when closures moved the date.
    without_closures: Option<NaiveDate>,
    /// Set when an agreed exception replaced the date the rule gives.
    original: Option<NaiveDate>,
}

impl RuleDate {
    fn replaced(self, date: NaiveDate) -> RuleDate {
        RuleDate {
            date,
            without_closures: None,
            original: Some(self.original.unwrap_or(self.date)),
        }
    }
}

/// The dates a milestone's rules give, one per kind.
#[derive(Debug, Default)]
struct Dates {
    due: Option<RuleDate>,
    target: Option<RuleDate>,
    not_before: Option<RuleDate>,
    expected: Option<RuleDate>,
}

impl Dates {
    fn slot(&mut self, kind: RuleKind) -> &mut Option<RuleDate> {
        match kind {
            RuleKind::Due => &mut self.due,
            RuleKind::Target => &mut self.target,
            RuleKind::NotBefore => &mut self.not_before,
            RuleKind::Expected => &mut self.expected,
        }
    }

    /// The date an item shows as its own, and the kind of rule it comes from.
    fn primary(&self) -> Option<(RuleKind, RuleDate)> {
        [
            (RuleKind::Due, self.due),
            (RuleKind::Target, self.target),
            (RuleKind::Expected, self.expected),
            (RuleKind::NotBefore, self.not_before),
        ]
        .into_iter()
        .find_map(|(kind, date)| Some((kind, date?)))
    }
}

/// Evaluates one milestone with rules on one case's track. `line` is the line of
/// case.yaml to point at.
pub(super) fn evaluate(
    case_id: &str,
    case_file: &str,
    record: &CaseRecord,
    track: &Track,
    m: &Milestone,
    line: usize,
    cx: &Context<'_>,
) -> Item {
    let calendar = cx.calendar_for(m.statutory);
    let done = record.milestones.get(&m.key).map(|d| d.value.0);
    let planned = record.planned.get(&m.key).map(|d| d.value.0);
    let mut item = Item {
        case: case_id.to_string(),
        kind: ItemKind::Milestone,
        key: m.key.clone(),
        title: m.title.clone(),
        track: Some(track.key.clone()),
        done,
        planned,
        source: m.source.clone(),
        file: case_file.to_string(),
        line,
        rule: m.rules_in_words(),
        rule_kind: primary_kind(m),
        statutory: m.statutory,
        ..Item::default()
    };
    // A required milestone stays owed whatever is written (findings::not_understood
    // reports a not_applicable entry for it).
    if !m.required
        && let Some(reason) = record.not_applicable.get(&m.key)
    {
        item.status = Status::NotApplicable;
        item.not_applicable_reason = Some(reason.to_string());
        return item;
    }
    let date_of = |key: &str| {
        record
            .milestones
            .get(key)
            .map(|d| d.value.0)
            .or_else(|| record.planned.get(key).map(|d| d.value.0))
    };
    let mut dates = Dates::default();
    // Rules whose anchor has no date (or none casebook can compute from), by kind.
    let mut waiting: Vec<(RuleKind, String)> = Vec::new();
    let mut not_applicable_anchor: Option<&str> = None;
    let mut live_rules = 0;
    for rule in &m.rules {
        if record.not_applicable.get(&rule.anchor).is_some() {
            not_applicable_anchor.get_or_insert(&rule.anchor);
            continue;
        }
        live_rules += 1;
        let Some(anchor) = date_of(&rule.anchor) else {
            waiting.push((rule.kind, rule.anchor.clone()));
            continue;
        };
        let Ok(date) = apply_rule(calendar, rule, anchor) else {
            let what = format!("a date casebook can compute from `{}`", rule.anchor);
            waiting.push((rule.kind, what));
            continue;
        };
        let without_closures = if m.statutory || cx.settings.closures.is_empty() {
            None
        } else {
            apply_rule(cx.statutory_calendar, rule, anchor)
                .ok()
                .filter(|d| *d != date)
        };
        *dates.slot(rule.kind) = Some(RuleDate {
            date,
            without_closures,
            original: None,
        });
    }
    if live_rules == 0 {
        let anchor = not_applicable_anchor.unwrap_or_default();
        if m.required {
            // Owed, with no time limit of its own: the documents give none (WSCP 4.55).
            item.owed = true;
            item.status = if done.is_some() {
                Status::Met
            } else {
                Status::Waiting
            };
            item.waiting_for = None;
            item.rule_kind = None;
            item.not_applicable_reason = Some(format!("`{anchor}` does not apply"));
        } else {
            item.status = Status::NotApplicable;
            item.not_applicable_reason = Some(format!("`{anchor}` does not apply"));
        }
        return item;
    }
    apply_exception(record, m, &mut dates, &mut item);
    // An agreed date stands in for a rule still waiting; a waived rule waits for nothing.
    waiting.retain(|(kind, _)| {
        dates.slot(*kind).is_none() && !(*kind == RuleKind::NotBefore && item.not_before_waived)
    });

    item.target = dates.target.map(|d| d.date);
    item.not_before = dates.not_before.map(|d| d.date);
    item.expected = dates.expected.map(|d| d.date);
    item.original_due = dates.due.and_then(|d| d.original).or_else(|| {
        // A milestone with a target and no due date has its target moved by `to:`.
        dates.due.is_none().then_some(dates.target?.original)?
    });
    if let Some(original) = dates.not_before.and_then(|d| d.original) {
        item.original_not_before = Some(original);
    }
    if let Some((kind, primary)) = dates.primary() {
        item.rule_kind = Some(kind);
        item.due = Some(primary.date);
        item.working_days = Some(calendar.working_days_between(cx.as_of, primary.date));
        item.without_closures = primary.without_closures;
        item.closures_moved = primary.without_closures.is_some();
    }
    item.waiting_for = waiting.into_iter().next().map(|(_, what)| what);
    item.status = status(&dates, &mut item, calendar, cx);
    item
}

/// The kind of the rule whose date an item shows: due, then target, expected, not_before.
fn primary_kind(m: &Milestone) -> Option<RuleKind> {
    [
        RuleKind::Due,
        RuleKind::Target,
        RuleKind::Expected,
        RuleKind::NotBefore,
    ]
    .into_iter()
    .find(|k| m.rule(*k).is_some())
}

/// Applies the case's agreed exception for the milestone, if it has one: `to:` moves
/// the due date (or, with no due rule, the target); `not_before:` moves the earliest
/// date and `waived: true` removes it, both only when the exception says who agreed it.
fn apply_exception(record: &CaseRecord, m: &Milestone, dates: &mut Dates, item: &mut Item) {
    let Some(ext) = record.extensions.get(&m.key) else {
        return;
    };
    let mut applied = false;
    if let Some(to) = &ext.to {
        let slot = if m.rule(RuleKind::Due).is_some() {
            Some(RuleKind::Due)
        } else if m.rule(RuleKind::Target).is_some() {
            Some(RuleKind::Target)
        } else {
            None
        };
        if let Some(kind) = slot {
            let slot = dates.slot(kind);
            // The agreed date stands even when the rule's anchor has no date yet.
            *slot = Some(match *slot {
                Some(d) => d.replaced(to.0),
                None => RuleDate {
                    date: to.0,
                    without_closures: None,
                    original: None,
                },
            });
            applied = true;
        }
    }
    if m.rule(RuleKind::NotBefore).is_some() && findings::exception_agreed(ext) {
        if ext.waived {
            item.original_not_before = dates.not_before.map(|d| d.date);
            item.not_before_waived = true;
            dates.not_before = None;
            applied = true;
        } else if let Some(earliest) = &ext.not_before {
            dates.not_before = Some(match dates.not_before {
                Some(d) => d.replaced(earliest.0),
                None => RuleDate {
                    date: earliest.0,
                    without_closures: None,
                    original: None,
                },
            });
            applied = true;
        }
    }
    if applied {
        item.extension_reason = Some(ext.reason.to_string());
        item.extension_agreed_by = ext.agreed_by.as_ref().map(|a| a.to_string());
    }
}

/// Combines the dates into the item's status (see the module's doc), setting `late_by`.
fn status(dates: &Dates, item: &mut Item, calendar: &WorkingCalendar, cx: &Context<'_>) -> Status {
    let as_of = cx.as_of;
    let earliest = dates.not_before.map(|d| d.date);
    let due = dates.due.map(|d| d.date);
    if let Some(done) = item.done {
        if earliest.is_some_and(|e| done < e) {
            return Status::TooEarly;
        }
        if let Some(due) = due.filter(|due| done > *due) {
            item.late_by = Some(-calendar.working_days_between(done, due));
            return Status::Late;
        }
        return Status::Met;
    }
    if let (Some(planned), Some(e)) = (item.planned, earliest)
        && planned < e
    {
        return Status::TooEarly;
    }
    if due.is_some_and(|due| due < as_of) {
        return Status::Overdue;
    }
    // Past its target outranks due soon: `--fail-on behind-target` must catch an item
    // that is both (its text still says how many working days are left).
    if dates.target.is_some_and(|t| t.date < as_of) {
        return Status::BehindTarget;
    }
    if due.is_some_and(|due| {
        calendar.working_days_between(as_of, due) < i64::from(cx.settings.due_soon)
    }) {
        return Status::DueSoon;
    }
    if dates.expected.is_some_and(|e| e.date < as_of) {
        return Status::Chase;
    }
    if item.waiting_for.is_some() {
        return Status::Waiting;
    }
    Status::Pending
}
