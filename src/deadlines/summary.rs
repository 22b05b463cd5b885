//! One line per case for `casebook status`: its tracks, the latest milestone done, the
//! next item needing attention with its date and working days, and counts of the items
//! that need attention (invalid, overdue, too early, due soon, behind target, to chase,
//! waiting); as a table for people or JSON.

use std::fmt::Write;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use super::format::{Counts, push_fitted};
use super::{CaseItems, Checked, Context, ItemKind, Status, is_open};
use crate::diagnostic::Code;
use crate::output::{Paint, paint};
use crate::process::RuleKind;
use crate::wording::{uk_short, working_days};

/// The statuses a case's line counts, in the order the table lists them.
const COUNTED: [Status; 7] = [
    Status::Invalid,
    Status::Overdue,
    Status::TooEarly,
    Status::BehindTarget,
    Status::DueSoon,
    Status::Chase,
    Status::Waiting,
];

/// One case's line.
#[derive(Debug, Serialize)]
pub struct CaseSummary {
    case: String,
    title: String,
    /// open, closed, or unknown when case.yaml could not be read.
    status: &'static str,
    tracks: Vec<String>,
    latest: Option<Milestone>,
    next: Option<Next>,
    overdue: usize,
    #[serde(rename = "due-soon")]
    due_soon: usize,
    chase: usize,
    waiting: usize,
    #[serde(rename = "too-early")]
    too_early: usize,
    #[serde(rename = "behind-target")]
    behind_target: usize,
    invalid: usize,
    /// What could not be checked, each with the file and line to fix.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    problems: Vec<Problem>,
}

/// Something in a case's records the deadline rules could not use.
#[derive(Debug, Serialize)]
struct Problem {
    file: String,
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    code: Code,
    message: String,
}

impl CaseSummary {
    fn count(&self, status: Status) -> usize {
        match status {
            Status::Invalid => self.invalid,
            Status::Overdue => self.overdue,
            Status::TooEarly => self.too_early,
            Status::DueSoon => self.due_soon,
            Status::BehindTarget => self.behind_target,
            Status::Chase => self.chase,
            Status::Waiting => self.waiting,
            _ => 0,
        }
    }
}

/// The milestone done most recently.
#[derive(Debug, Serialize)]
struct Milestone {
    key: String,
    title: String,
    date: NaiveDate,
}

/// The next item needing attention: the earliest deadline still to meet (due soon,
/// pending, behind target), else an answer past its expected date (chase).
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
    let CaseItems { items, title, .. } = cx.evaluate(case);
    let record = case.record.as_ref();
    let latest = record.and_then(|record| {
        record
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
            })
    });
    let next = items
        .iter()
        .filter(|i| {
            matches!(
                i.status,
                Status::Chase | Status::DueSoon | Status::Pending | Status::BehindTarget
            ) && i.rule_kind != Some(RuleKind::NotBefore)
        })
        .filter_map(|i| Some((i.due?, i)))
        .min_by_key(|(due, i)| (i.status == Status::Chase, *due))
        .map(|(due, i)| Next {
            kind: i.kind,
            key: i.key.clone(),
            title: i.title.clone(),
            due,
            working_days: i.working_days.unwrap_or(0),
            status: i.status,
        });
    let count = |s: Status| items.iter().filter(|i| i.status == s).count();
    let problems = items
        .iter()
        .filter(|i| i.kind == ItemKind::Invalid)
        .filter_map(|i| {
            Some(Problem {
                file: i.file.clone(),
                line: i.line,
                column: i.column,
                code: i.code?,
                message: i.title.clone(),
            })
        })
        .collect();
    CaseSummary {
        case: case.id.clone(),
        title,
        status: match record {
            Some(r) if is_open(r) => "open",
            Some(_) => "closed",
            None => "unknown",
        },
        tracks: record
            .map(|r| r.tracks.iter().map(|t| t.value.clone()).collect())
            .unwrap_or_default(),
        latest,
        next,
        overdue: count(Status::Overdue),
        due_soon: count(Status::DueSoon),
        chase: count(Status::Chase),
        waiting: count(Status::Waiting),
        too_early: count(Status::TooEarly),
        behind_target: count(Status::BehindTarget),
        invalid: count(Status::Invalid),
        problems,
    }
}

/// Whether any case has an item that could not be checked (the command then exits 1).
pub fn any_invalid(rows: &[CaseSummary]) -> bool {
    rows.iter().any(|r| r.invalid > 0)
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

/// What a case's line says about its next item: "1 working day left", "due today",
/// "expected 6 working days ago: chase".
fn left(next: &Next) -> String {
    match next.status {
        Status::Chase => format!("expected {} ago", working_days(next.working_days)),
        Status::BehindTarget => format!("{} (behind target)", working_days(next.working_days)),
        _ if next.working_days == 0 => "due today".to_string(),
        _ => working_days(next.working_days),
    }
}

/// The statuses needing attention, each with its count: "2 overdue, 1 due-soon".
fn attention(counts: impl Fn(Status) -> usize, color: bool) -> String {
    let parts: Vec<String> = COUNTED
        .iter()
        .filter(|s| counts(**s) > 0)
        .map(|s| {
            let text = format!("{} {}", counts(*s), s.as_str());
            let style = match s {
                Status::Invalid | Status::Overdue | Status::TooEarly => Paint::Error,
                Status::DueSoon | Status::BehindTarget => Paint::Warn,
                Status::Chase => Paint::Chase,
                _ => Paint::Dim,
            };
            paint(color, style, &text)
        })
        .collect();
    if parts.is_empty() {
        "—".to_string()
    } else {
        parts.join(", ")
    }
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
                "{} {} {} {} {} {} {}",
                cell("CASE", 14),
                cell("TITLE", 32),
                cell("TRACKS", 26),
                cell("LATEST DONE", 30),
                cell("NEXT", 34),
                cell("WHEN", 28),
                "NEEDS ATTENTION"
            )
        )
    );
    for r in rows {
        let latest = r
            .latest
            .as_ref()
            .map(|m| format!("{} {}", m.key, m.date.format("%-d %b %Y")))
            .unwrap_or_else(|| "—".into());
        let (next, when) = match &r.next {
            Some(n) => (format!("{} {}", n.key, uk_short(n.due)), left(n)),
            None => ("—".to_string(), String::new()),
        };
        let _ = writeln!(
            out,
            "{} {} {} {} {} {} {}",
            paint(color, Paint::Accent, &cell(&r.case, 14)),
            cell(&r.title, 32),
            cell(&r.tracks.join(", "), 26),
            cell(&latest, 30),
            cell(&next, 34),
            cell(&when, 28),
            attention(|s| r.count(s), color),
        );
    }
    let mut totals = Counts::default();
    for r in rows {
        for s in COUNTED {
            totals.add_n(s, r.count(s));
        }
    }
    let _ = writeln!(
        out,
        "\n{} as of {}: {}",
        crate::error::plural(rows.len(), "case"),
        uk_short(as_of),
        match attention(|s| totals.get(s), color).as_str() {
            "—" => "nothing needs attention".to_string(),
            text => text.to_string(),
        }
    );
    let problems: Vec<&Problem> = rows.iter().flat_map(|r| &r.problems).collect();
    if !problems.is_empty() {
        let _ = writeln!(
            out,
            "\n{}: what is marked invalid could not be checked; fix each file and line named (`casebook validate` shows them):",
            paint(color, Paint::Error, "not fully checked")
        );
        for p in problems {
            let at = match (p.line, p.column) {
                (0, _) => p.file.clone(),
                (line, None) => format!("{}:{line}", p.file),
                (line, Some(col)) => format!("{}:{line}:{col}", p.file),
            };
            let _ = writeln!(out, "  {at}: {}: {}", p.code, p.message);
        }
    }
    out
}
