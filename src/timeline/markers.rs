//! The marks on the picture's lanes: a shape per kind of entry (circles for events,
//! diamonds for milestones and deadlines, squares for notes, bars for dates known
//! only to the month and for parallel processes), coloured by agency or by status.
//!
//! Colour never carries meaning alone: shape, fill and dashes tell the kinds and
//! statuses apart when the page is printed in grey. All text is escaped here.

use std::fmt::Write;

use chrono::NaiveDate;

use super::axis::{Axis, month_index};
use super::{Kind, TimelineEntry};
use crate::deadlines::Status;
use crate::markup::xml_escape as esc;
use crate::model::{PartialDate, Precision};

/// The hover text of entry number `n`: date, who, text and detail, escaped.
pub fn hover(e: &TimelineEntry, n: usize) -> String {
    let mut who = match (&e.agency, e.kind) {
        (Some(a), Kind::Action) => format!("Action {} · {a}", e.key.as_deref().unwrap_or("")),
        (Some(a), _) => a.clone(),
        (None, _) => e.kind.label().to_string(),
    };
    if e.is_key() {
        who.push_str(" · key episode");
    }
    let mut text = format!("{n}. {} · {who}\n{}", e.when(), e.title);
    if let Some(d) = &e.detail {
        let _ = writeln!(text, "\n{d}");
    }
    esc(&text)
}

fn status_colour(status: Option<Status>) -> (&'static str, &'static str) {
    // (stroke, fill)
    match status {
        Some(Status::Overdue | Status::TooEarly | Status::Invalid) => ("#c0392b", "#fbe3e0"),
        Some(Status::DueSoon | Status::BehindTarget | Status::Late) => ("#b9770e", "#fdebd0"),
        Some(Status::Chase) => ("#8e44ad", "#f0e0f7"),
        Some(Status::Met) => ("#2e7d32", "#2e7d32"),
        _ => ("#555555", "#ffffff"),
    }
}

/// Draws one entry's marker (its shape says its kind) centred at (x, y).
pub fn marker(out: &mut String, e: &TimelineEntry, c: &str, x: f64, y: f64, axis: &Axis) {
    match e.kind {
        Kind::Event if e.precision == Precision::Month => {
            let x1 = axis.x_clamped(e.date.start());
            let x2 = axis.x_end_of(e.end());
            let gold = if e.is_key() {
                " stroke=\"#f2b705\" stroke-width=\"3\""
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"9\" rx=\"4\" fill=\"{c}\" fill-opacity=\"0.45\"{gold}/>",
                y - 4.5,
                (x2 - x1).max(4.0)
            );
        }
        Kind::Event if e.precision == Precision::Year => {
            let _ = writeln!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"#ffffff\" stroke=\"{c}\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>"
            );
        }
        Kind::Event if e.is_key() => {
            let _ = writeln!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"10\" fill=\"#f2b705\" fill-opacity=\"0.85\"/><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"{c}\" stroke=\"#111111\" stroke-width=\"1.5\"/>"
            );
        }
        Kind::Event => {
            let _ = writeln!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4.5\" fill=\"{c}\" stroke=\"#ffffff\" stroke-width=\"1\"/>"
            );
        }
        Kind::Parallel => {
            let _ = writeln!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"3\" height=\"20\" fill=\"{c}\"/>",
                x - 1.5,
                y - 10.0
            );
        }
        Kind::Milestone => {
            let (stroke, _) = status_colour(e.status);
            let fill = if e.status == Some(Status::Late) {
                "#e69f00"
            } else {
                "#1b3a6b"
            };
            let _ = writeln!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\" transform=\"rotate(45 {x:.1} {y:.1})\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1\"/>",
                x - 5.0,
                y - 5.0
            );
        }
        Kind::Deadline => {
            let (stroke, fill) = status_colour(e.status);
            let dash = if e.status.is_none() || e.status == Some(Status::Waiting) {
                " stroke-dasharray=\"3 2\""
            } else {
                ""
            };
            let fill = if e.status == Some(Status::Met) {
                "#ffffff"
            } else {
                fill
            };
            let _ = writeln!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"11\" height=\"11\" transform=\"rotate(45 {x:.1} {y:.1})\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2.2\"{dash}/>",
                x - 5.5,
                y - 5.5
            );
        }
        Kind::Note => {
            let _ = writeln!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"8\" height=\"8\" fill=\"#8a94a6\" stroke=\"#4b5563\"/>",
                x - 4.0,
                y - 4.0
            );
        }
        Kind::Action => {
            let (stroke, fill) = status_colour(e.status);
            let done = matches!(e.status, Some(Status::Met | Status::Late));
            let fill = if done { stroke } else { fill };
            let _ = writeln!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5.5\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"/>"
            );
            if e.status == Some(Status::NotApplicable) {
                let _ = writeln!(
                    out,
                    "<path d=\"M{:.1} {:.1}L{:.1} {:.1}\" stroke=\"#555555\" stroke-width=\"2\"/>",
                    x - 6.0,
                    y + 6.0,
                    x + 6.0,
                    y - 6.0
                );
            }
        }
    }
}

/// Where an entry sits: the middle of its day, or of January for a year-only date.
pub fn centre(e: &TimelineEntry, axis: &Axis) -> f64 {
    match e.date {
        PartialDate::Year(_) => match axis.month_span(month_index(e.date.start())) {
            Some((a, b)) => (a + b) / 2.0,
            None => axis.x_clamped(e.date.start()),
        },
        PartialDate::Month(..) => axis.x_clamped(e.date.start()) + 5.0,
        PartialDate::Day(d) => (axis.x_clamped(d) + axis.x_end_of(d)) / 2.0,
    }
}

/// Draws a parallel process as a bar from its start to its conclusion, or to the as-of
/// date (with an open end) while it runs.
pub fn parallel_bar(
    out: &mut String,
    entries: &[&TimelineEntry],
    colour: &str,
    name: &str,
    as_of: NaiveDate,
    mid: f64,
    axis: &Axis,
) {
    let Some(first) = entries.first() else {
        return;
    };
    if !first.title.ends_with(super::sources::STARTED) {
        return;
    }
    let x1 = centre(first, axis);
    let (x2, open) = match entries.get(1) {
        Some(end) => (centre(end, axis), false),
        None => (axis.x_clamped(as_of.max(first.date.start())), true),
    };
    let width = (x2 - x1).max(4.0);
    let _ = writeln!(
        out,
        "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"16\" rx=\"3\" fill=\"#d7ccc8\" stroke=\"{}\"{}/>",
        mid - 8.0,
        colour,
        if open {
            " stroke-dasharray=\"4 3\""
        } else {
            ""
        }
    );
    let label = first.source.as_deref().unwrap_or(name);
    let fits = ((width - 10.0) / 6.2).floor().max(0.0) as usize;
    if fits >= 6 {
        let text: String = if label.chars().count() > fits {
            format!("{}…", label.chars().take(fits - 1).collect::<String>())
        } else {
            label.to_string()
        };
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"bar\">{}</text>",
            x1 + 6.0,
            mid + 4.0,
            esc(&text)
        );
    }
}
