//! The table people read: grouped by case, worst case first, worst item first.

use std::fmt::Write;

use chrono::NaiveDate;
use rayon::prelude::*;

use super::super::{CaseItems, Status};
use super::stream::{Counts, stream};
use super::{describe, push_fitted, status_paint};
use crate::output::{Paint, paint};
use crate::wording::uk_short;

/// Renders the table to `sink` and returns the counts of every item. Cases are
/// evaluated twice: once to order them (worst status first) and size the key column,
/// then in parallel windows to render them, so their items are never all held at once.
pub fn text<T: Sync>(
    cases: &[T],
    evaluate: &(dyn Fn(&T) -> CaseItems + Sync),
    as_of: NaiveDate,
    color: bool,
    sink: &mut dyn FnMut(&str),
) -> Counts {
    let firsts: Vec<Option<(Status, String, usize)>> = cases
        .par_iter()
        .map(|case| {
            let case = evaluate(case);
            let worst = case.items.iter().map(|i| i.status).min()?;
            let widest = case.items.iter().map(|i| i.key.chars().count()).max()?;
            Some((worst, case.id, widest))
        })
        .collect();
    let key_width = firsts
        .iter()
        .flatten()
        .map(|(_, _, w)| *w)
        .max()
        .unwrap_or(3)
        .clamp(3, 26);
    let mut order: Vec<(Status, String, &T)> = firsts
        .into_iter()
        .zip(cases)
        .filter_map(|(first, case)| first.map(|(worst, id, _)| (worst, id, case)))
        .collect();
    order.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let shown: Vec<&T> = order.iter().map(|(_, _, case)| *case).collect();
    let counts = stream(
        &shown,
        &|case: &&T| evaluate(case),
        |cases| render(cases, key_width, color),
        sink,
    );
    let summary: Vec<String> = Status::ALL
        .iter()
        .filter(|s| counts.get(**s) > 0)
        .map(|s| {
            let n = counts.get(*s);
            paint(color, status_paint(*s), &format!("{n} {}", s.as_str()))
        })
        .collect();
    sink(&format!(
        "{} in {} as of {}: {}\n",
        crate::error::plural(counts.total(), "item"),
        crate::error::plural(shown.len(), "case"),
        uk_short(as_of),
        if summary.is_empty() {
            "nothing to check".to_string()
        } else {
            summary.join(", ")
        }
    ));
    counts
}

/// Renders some cases' blocks of the table.
fn render(cases: &[CaseItems], key_width: usize, color: bool) -> String {
    let mut out = String::new();
    for case in cases {
        let _ = writeln!(
            out,
            "{}  {}",
            paint(color, Paint::Bold, &case.id),
            case.title
        );
        for item in &case.items {
            out.push_str("  ");
            if color {
                let status = format!("{:<14}", item.status.as_str());
                out.push_str(&paint(color, status_paint(item.status), &status));
            } else {
                push_fitted(&mut out, item.status.as_str(), 14);
            }
            out.push(' ');
            push_fitted(&mut out, &item.key, key_width);
            out.push(' ');
            push_fitted(&mut out, &item.title, 44);
            out.push(' ');
            match item.due {
                Some(d) => push_fitted(&mut out, &uk_short(d), 16),
                None => push_fitted(&mut out, "—", 16),
            }
            out.push(' ');
            let line_start = out.len();
            push_fitted(&mut out, &describe(item), 90);
            let kept = out[line_start..].trim_end().len();
            out.truncate(line_start + kept);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// The table of evaluated cases, as one string.
pub fn text_string(cases: &[CaseItems], as_of: NaiveDate, color: bool) -> String {
    let mut out = String::new();
    text(
        cases,
        &|c: &CaseItems| c.clone(),
        as_of,
        color,
        &mut |piece| out.push_str(piece),
    );
    out
}
