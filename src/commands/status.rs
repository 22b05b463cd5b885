//! `casebook status`: one line per open case: tracks, the latest milestone done, the
//! next item due with its date and working days left, and counts of overdue and due-soon.

use std::fmt::Write;

use rayon::prelude::*;
use serde::Serialize;

use crate::casebook::Need;
use crate::cli::{Exit, StatusArgs, StatusFormat};
use crate::commands::{Ctx, past_data_warning};
use crate::deadlines::{self, Settings, Status};
use crate::error::{Error, Result};
use crate::output::{self, Paint, paint, uk_short, working_days};

/// One case's line.
#[derive(Debug, Serialize)]
struct CaseStatus {
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

#[derive(Debug, Serialize)]
struct Milestone {
    key: String,
    title: String,
    date: chrono::NaiveDate,
}

#[derive(Debug, Serialize)]
struct Next {
    kind: deadlines::ItemKind,
    key: String,
    title: String,
    due: chrono::NaiveDate,
    working_days: i64,
    status: Status,
}

/// Runs the command.
pub fn run(ctx: &Ctx, args: &StatusArgs) -> Result<Exit> {
    let book = ctx.open()?;
    let calendar = book.calendar()?;
    let ids = book.select(&[])?;
    let loaded = book.load_cases(&ids, Need::DEADLINES);
    let problems: Vec<_> = loaded
        .iter()
        .flat_map(|c| c.findings.iter().cloned())
        .collect();
    if !problems.is_empty() {
        return Err(Error::Findings(problems));
    }
    let settings = Settings {
        due_soon: book.config.due_soon,
    };
    let rows: Vec<CaseStatus> = loaded
        .par_iter()
        .filter_map(|case| {
            let record = case.record.as_ref()?;
            if !args.include_closed && !deadlines::is_open(record) {
                return None;
            }
            let items = deadlines::evaluate_case(
                &case.id,
                record,
                case.actions.as_ref(),
                &book.process,
                &calendar,
                ctx.as_of,
                settings,
            );
            let latest = record
                .milestones
                .iter()
                .max_by_key(|(_, d)| d.value)
                .map(|(k, d)| Milestone {
                    key: k.value.clone(),
                    title: book
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
                        && i.rule_kind != Some(crate::process::RuleKind::NotBefore)
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
            Some(CaseStatus {
                case: case.id.clone(),
                title: record.title.value.to_string(),
                status: if deadlines::is_open(record) {
                    "open"
                } else {
                    "closed"
                },
                tracks: record.tracks.iter().map(|t| t.value.clone()).collect(),
                latest,
                next,
                overdue: count(Status::Overdue),
                due_soon: count(Status::DueSoon),
                chase: count(Status::Chase),
            })
        })
        .collect();
    let text = match args.format {
        StatusFormat::Json => {
            let doc = serde_json::json!({"as_of": ctx.as_of.format("%Y-%m-%d").to_string(), "cases": rows});
            format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            )
        }
        StatusFormat::Text => render_text(&rows, ctx),
    };
    output::print(&text)?;
    if let Some(w) = past_data_warning(&calendar) {
        output::eprint(&format!("{}\n", output::render_diagnostic(ctx, &w)));
    }
    Ok(Exit::Success)
}

fn cell(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        format!("{text:width$}")
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn render_text(rows: &[CaseStatus], ctx: &Ctx) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        paint(
            ctx.color,
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
            paint(ctx.color, Paint::Accent, &cell(&r.case, 14)),
            cell(&r.title, 32),
            cell(&r.tracks.join(", "), 26),
            cell(&latest, 30),
            cell(&next, 28),
            cell(&left, 16),
            if r.overdue > 0 {
                paint(ctx.color, Paint::Error, &overdue)
            } else {
                overdue
            },
            if r.due_soon > 0 {
                paint(ctx.color, Paint::Warn, &soon)
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
        uk_short(ctx.as_of)
    );
    out
}
