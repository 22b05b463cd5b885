//! One line per case for `casebook status`: its tracks, the latest milestone done, the
//! next item due with its date and working days left, and counts of overdue, due-soon
//! and chase items; as a table for people or JSON.

use std::fmt::Write;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use super::format::push_fitted;
use super::{Checked, Context, ItemKind, Status, evaluate_case, is_open};
use crate::output::{Paint, paint};
use crate::process::RuleKind;
use crate::wording::{uk_short, working_days};

/// One case's line.
#[derive(Debug, Serialize)]
pub struct CaseSummary {
    case: String,
    title: String,
    status: &'static str,
    tracks: Vec<String>,
    latest: Option<Milestone>,
    next: Option<Next>,
    overdue: usize,
    #[serde(rename = "due-soon")]
    due_soon: usize,
    chase: usize,
}

/// The milestone done most recently.
#[derive(Debug, Serialize)]
struct Milestone {
    key: String,
    title: String,
    date: NaiveDate,
}

/// The next item due.
#[derive(Debug, Serialize)]
struct Next {
    kind: ItemKind,
    key: String,
    title: String,
    due: NaiveDate,
    working_days: i64,
    status: Status,
}

/// Summarises every case, in parallel, in case order.
pub fn summaries(cases: &[Checked], cx: &Context<'_>) -> Vec<CaseSummary> {
    cases.par_iter().map(|case| summarise(case, cx)).collect()
}

/// Summarises one case.
pub fn summarise(case: &Checked, cx: &Context<'_>) -> CaseSummary {
    let record = &case.record;
    let items = evaluate_case(&case.id, record, case.actions.as_ref(), cx);
    let latest = record
        .milestones
        .iter()
        .max_by_key(|(_, d)| d.value)
        .map(|(k, d)| Milestone {
            key: k.value.clone(),
            title: cx
                .process
                .milestone(&k.value)
                .map(|m| m.title.clone())
                .unwrap_or_default(),
            date: d.value.0,
        });
    let next = items
        .iter()
        .filter(|i| {
            matches!(i.status, Status::DueSoon | Status::Pending)
                && i.rule_kind != Some(RuleKind::NotBefore)
        })
        .filter_map(|i| Some((i.due?, i)))
        .min_by_key(|(due, _)| *due)
        .map(|(due, i)| Next {
            kind: i.kind,
            key: i.key.clone(),
            title: i.title.clone(),
            due,
            working_days: i.working_days.unwrap_or(0),
            status: i.status,
        });
    let count = |s: Status| items.iter().filter(|i| i.status == s).count();
    CaseSummary {
        case: case.id.clone(),
        title: record.title.value.to_string(),
        status: if is_open(record) { "open" } else { "closed" },
        tracks: record.tracks.iter().map(|t| t.value.clone()).collect(),
        latest,
        next,
        overdue: count(Status::Overdue),
        due_soon: count(Status::DueSoon),
        chase: count(Status::Chase),
    }
}

/// The JSON document: the as-of date and every case's line.
pub fn json(rows: &[CaseSummary], as_of: NaiveDate) -> String {
    let doc = serde_json::json!({"as_of": as_of.format("%Y-%m-%d").to_string(), "cases": rows});
    format!(
        "{}\n",
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    )
}

fn cell(text: &str, width: usize) -> String {
    let mut out = String::new();
    push_fitted(&mut out, text, width);
    out
}

/// The table: a header, one line per case, and a total.
pub fn text(rows: &[CaseSummary], as_of: NaiveDate, color: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        paint(
            color,
            Paint::Bold,
            &format!(
                "{} {} {} {} {} {} {} {}",
                cell("CASE", 14),
                cell("TITLE", 32),
                cell("TRACKS", 26),
                cell("LATEST DONE", 30),
                cell("NEXT DUE", 28),
                cell("LEFT", 16),
                cell("OVERDUE", 7),
                "DUE-SOON"
            )
        )
    );
    for r in rows {
        let latest = r
            .latest
            .as_ref()
            .map(|m| format!("{} {}", m.key, m.date.format("%-d %b %Y")))
            .unwrap_or_else(|| "—".into());
        let (next, left) = match &r.next {
            Some(n) => (
                format!("{} {}", n.key, uk_short(n.due)),
                if n.working_days == 0 {
                    "due today".to_string()
                } else {
                    working_days(n.working_days)
                },
            ),
            None => ("—".to_string(), String::new()),
        };
        let overdue = cell(&r.overdue.to_string(), 7);
        let soon = r.due_soon.to_string();
        let _ = writeln!(
            out,
            "{} {} {} {} {} {} {} {}",
            paint(color, Paint::Accent, &cell(&r.case, 14)),
            cell(&r.title, 32),
            cell(&r.tracks.join(", "), 26),
            cell(&latest, 30),
            cell(&next, 28),
            cell(&left, 16),
            if r.overdue > 0 {
                paint(color, Paint::Error, &overdue)
            } else {
                overdue
            },
            if r.due_soon > 0 {
                paint(color, Paint::Warn, &soon)
            } else {
                soon
            },
        );
    }
    let overdue: usize = rows.iter().map(|r| r.overdue).sum();
    let soon: usize = rows.iter().map(|r| r.due_soon).sum();
    let _ = writeln!(
        out,
        "\n{} cases as of {}: {overdue} items overdue, {soon} due soon",
        rows.len(),
        uk_short(as_of)
    );
    out
}
