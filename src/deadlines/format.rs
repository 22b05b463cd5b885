//! Renderings of deadline items: a table for people, JSON, CSV, GitHub annotations
//! and JUnit XML. Pure string building; the command decides where it goes.

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::NaiveDate;

use super::{CaseItems, Item, ItemKind, Status};
use crate::output::{Paint, paint, uk_short, working_days};

/// Whether an item reaches the `--fail-on` threshold.
pub fn fails(status: Status, fail_on: crate::cli::FailOn) -> bool {
    use crate::cli::FailOn;
    match fail_on {
        FailOn::Never => false,
        FailOn::Overdue => status == Status::Overdue,
        FailOn::DueSoon => matches!(status, Status::Overdue | Status::DueSoon),
    }
}

/// Describes an item's position in words: "4 working days overdue", "done Mon 2 Feb 2026".
pub fn describe(item: &Item) -> String {
    let wd = item.working_days.unwrap_or(0);
    let mut text = match item.status {
        Status::Overdue => format!("{} overdue", working_days(wd)),
        Status::DueSoon if wd == 0 => "due today".to_string(),
        Status::DueSoon => format!("{} left", working_days(wd)),
        Status::Pending if item.rule_kind == Some(crate::process::RuleKind::NotBefore) => {
            "not before this date".to_string()
        }
        Status::Pending => format!("{} left", working_days(wd)),
        Status::Chase => format!("expected {} ago: chase", working_days(wd)),
        Status::Waiting => match &item.waiting_for {
            Some(anchor) => format!("waiting for `{anchor}`"),
            None => "waiting".to_string(),
        },
        Status::Met => match item.done {
            Some(d) => format!("done {}", uk_short(d)),
            None => "done".to_string(),
        },
        Status::Late => match (item.done, item.late_by) {
            (Some(d), Some(n)) => format!("done {}, {} late", uk_short(d), working_days(n)),
            _ => "done late".to_string(),
        },
        Status::NotApplicable => item.not_applicable_reason.clone().unwrap_or_default(),
    };
    if let (Some(orig), Some(reason)) = (item.original_due, &item.extension_reason) {
        let _ = write!(text, " (extended from {}: {reason})", uk_short(orig));
    }
    text
}

fn status_paint(status: Status) -> Paint {
    match status {
        Status::Overdue => Paint::Error,
        Status::DueSoon => Paint::Warn,
        Status::Chase => Paint::Chase,
        Status::Met => Paint::Good,
        Status::Late => Paint::Warn,
        Status::Waiting | Status::Pending | Status::NotApplicable => Paint::Dim,
    }
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        format!("{text:width$}")
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// Cases rendered per parallel piece, and pieces rendered before they are handed on:
/// output of any size streams in windows instead of growing one huge string.
const CHUNK: usize = 64;
const WINDOW: usize = 32 * CHUNK;

/// Renders `pieces` in parallel a window at a time and hands them to `sink` in order.
fn stream<T: Sync>(
    pieces: &[T],
    render: impl Fn(&[T]) -> String + Sync,
    sink: &mut dyn FnMut(&str),
) {
    use rayon::prelude::*;
    for window in pieces.chunks(WINDOW) {
        let rendered: Vec<String> = window.par_chunks(CHUNK).map(&render).collect();
        for piece in &rendered {
            sink(piece);
        }
    }
}

/// Renders the table: grouped by case, worst case first, worst item first. Cases are
/// rendered in parallel and handed to `sink` in order.
pub fn text(cases: &[CaseItems], as_of: NaiveDate, color: bool, sink: &mut dyn FnMut(&str)) {
    let mut shown: Vec<&CaseItems> = cases.iter().filter(|c| !c.items.is_empty()).collect();
    shown.sort_by_key(|c| (c.items.iter().map(|i| i.status).min(), c.id.as_str()));
    let key_width = CaseItems::all(cases)
        .map(|i| i.key.chars().count())
        .max()
        .unwrap_or(3)
        .clamp(3, 26);
    let render = |cases: &[&CaseItems]| {
        let mut out = String::new();
        for case in cases {
            let _ = writeln!(
                out,
                "{}  {}",
                paint(color, Paint::Bold, &case.id),
                case.title
            );
            for item in &case.items {
                let status = format!("{:<14}", item.status.as_str());
                let due = match item.due {
                    Some(d) => uk_short(d),
                    None => "—".to_string(),
                };
                let _ = writeln!(
                    out,
                    "  {} {} {} {:<16} {}",
                    paint(color, status_paint(item.status), &status),
                    truncate(&item.key, key_width),
                    truncate(&item.title, 44),
                    due,
                    truncate(&describe(item), 90).trim_end()
                );
            }
            out.push('\n');
        }
        out
    };
    stream(&shown, render, sink);
    let counts: Vec<String> = Status::ALL
        .iter()
        .map(|s| (s, CaseItems::all(cases).filter(|i| i.status == *s).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| paint(color, status_paint(*s), &format!("{n} {}", s.as_str())))
        .collect();
    sink(&format!(
        "{} in {} as of {}: {}\n",
        crate::error::plural(CaseItems::all(cases).count(), "item"),
        crate::error::plural(shown.len(), "case"),
        uk_short(as_of),
        if counts.is_empty() {
            "nothing to check".to_string()
        } else {
            counts.join(", ")
        }
    ));
}

/// The table as one string.
pub fn text_string(cases: &[CaseItems], as_of: NaiveDate, color: bool) -> String {
    let mut out = String::new();
    text(cases, as_of, color, &mut |piece| out.push_str(piece));
    out
}

/// The JSON document of DESIGN §6, serialised straight from the items.
#[derive(serde::Serialize)]
struct JsonDoc<'a> {
    as_of: String,
    items: &'a [Item],
    summary: JsonSummary,
}

/// Counts by status, in the contract's order and spelling.
#[derive(serde::Serialize)]
struct JsonSummary {
    overdue: usize,
    #[serde(rename = "due-soon")]
    due_soon: usize,
    met: usize,
    late: usize,
    pending: usize,
    waiting: usize,
    chase: usize,
    #[serde(rename = "not-applicable")]
    not_applicable: usize,
}

impl JsonSummary {
    fn of(cases: &[CaseItems]) -> JsonSummary {
        let count = |s: Status| CaseItems::all(cases).filter(|i| i.status == s).count();
        JsonSummary {
            overdue: count(Status::Overdue),
            due_soon: count(Status::DueSoon),
            met: count(Status::Met),
            late: count(Status::Late),
            pending: count(Status::Pending),
            waiting: count(Status::Waiting),
            chase: count(Status::Chase),
            not_applicable: count(Status::NotApplicable),
        }
    }
}

/// Serialises `value` pretty, nested the way it sits in the document: the text of
/// `{"items": value}` without its first and last lines. Strings never hold a raw line
/// feed in JSON, so the lines cut are exactly the wrapper's.
fn nested_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    #[derive(serde::Serialize)]
    struct Wrap<'a, T: ?Sized> {
        items: &'a T,
    }
    let text = serde_json::to_string_pretty(&Wrap { items: value }).unwrap_or_default();
    inner_lines(text)
}

/// Drops a text's first and last lines, in place.
fn inner_lines(mut text: String) -> String {
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let end = text.rfind('\n').unwrap_or(0).max(start);
    text.truncate(end);
    text.drain(..start);
    text
}

/// Renders the JSON document of DESIGN §6 to `sink`: exactly what serde_json's pretty
/// printer writes for the whole document, but with the items serialised in parallel
/// pieces and handed on a window at a time.
pub fn json(cases: &[CaseItems], as_of: NaiveDate, sink: &mut dyn FnMut(&str)) {
    let as_of = as_of.format("%Y-%m-%d").to_string();
    let summary = JsonSummary::of(cases);
    if CaseItems::all(cases).next().is_none() {
        let doc = JsonDoc {
            as_of,
            items: &[],
            summary,
        };
        sink(&(serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"));
        return;
    }
    sink(&format!("{{\n  \"as_of\": \"{as_of}\",\n  \"items\": [\n"));
    let mut first = true;
    stream(
        cases,
        |cases| {
            let items: Vec<&Item> = CaseItems::all(cases).collect();
            if items.is_empty() {
                return String::new();
            }
            // `"items": [ {...}, {...} ]` without the brackets' lines: the items at the
            // document's indent, comma-separated.
            inner_lines(nested_json(&items))
        },
        &mut |piece| {
            if piece.is_empty() {
                return;
            }
            if !first {
                sink(",\n");
            }
            first = false;
            sink(piece);
        },
    );
    sink(&format!("\n  ],\n{}\n}}\n", summary_field(&summary)));
}

/// `  "summary": {...}` at the document's indent.
fn summary_field(summary: &JsonSummary) -> String {
    nested_json(summary).replacen("\"items\"", "\"summary\"", 1)
}

/// The JSON document as one string.
pub fn json_string(cases: &[CaseItems], as_of: NaiveDate) -> String {
    let mut out = String::new();
    json(cases, as_of, &mut |piece| out.push_str(piece));
    out
}

/// Quotes a CSV field per RFC 4180.
pub fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// Renders CSV with a header row and CRLF line ends (RFC 4180).
pub fn csv<'a>(items: impl IntoIterator<Item = &'a Item>) -> String {
    let mut out =
        String::from("case,kind,key,title,track,due,done,status,working_days,source,file,line\r\n");
    let date = |d: Option<NaiveDate>| {
        d.map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    for i in items {
        let kind = match i.kind {
            ItemKind::Milestone => "milestone",
            ItemKind::Action => "action",
        };
        let row = [
            i.case.clone(),
            kind.to_string(),
            i.key.clone(),
            i.title.clone(),
            i.track.clone().unwrap_or_default(),
            date(i.due),
            date(i.done),
            i.status.as_str().to_string(),
            i.working_days.map(|n| n.to_string()).unwrap_or_default(),
            i.source.clone().unwrap_or_default(),
            i.file.clone(),
            i.line.to_string(),
        ];
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

fn gh_escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_escape_property(s: &str) -> String {
    gh_escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Renders GitHub Actions workflow commands: errors for failing items, warnings for the rest that need attention.
pub fn github<'a>(
    items: impl IntoIterator<Item = &'a Item>,
    fail_on: crate::cli::FailOn,
) -> String {
    let mut out = String::new();
    for i in items {
        let level = if fails(i.status, fail_on) {
            "error"
        } else if matches!(i.status, Status::Overdue | Status::DueSoon | Status::Chase) {
            "warning"
        } else {
            continue;
        };
        let due = i
            .due
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let title = format!("{} {} {}", i.case, i.key, i.status.as_str());
        let message = format!(
            "{}: due {due}; {}",
            i.title.trim_end_matches('.'),
            describe(i)
        );
        let _ = writeln!(
            out,
            "::{level} file={},line={},title={}::{}",
            gh_escape_property(&i.file),
            i.line.max(1),
            gh_escape_property(&title),
            gh_escape_data(&message)
        );
    }
    out
}

/// Escapes text for XML attributes and content.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// Renders JUnit XML: one test suite per case, one test case per item, failures for failing items.
pub fn junit(cases: &[CaseItems], fail_on: crate::cli::FailOn, as_of: NaiveDate) -> String {
    let items: Vec<&Item> = CaseItems::all(cases).collect();
    let mut by_case: BTreeMap<&str, Vec<&Item>> = BTreeMap::new();
    for item in &items {
        by_case.entry(item.case.as_str()).or_default().push(item);
    }
    let failures = items.iter().filter(|i| fails(i.status, fail_on)).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"casebook check-deadlines {as_of}\" tests=\"{}\" failures=\"{failures}\">",
        items.len()
    );
    for (case, items) in by_case {
        let fail = items.iter().filter(|i| fails(i.status, fail_on)).count();
        let skipped = items
            .iter()
            .filter(|i| i.status == Status::NotApplicable)
            .count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{fail}\" skipped=\"{skipped}\">",
            xml_escape(case),
            items.len()
        );
        for i in items {
            let class = format!("{}.{}", i.case, i.track.as_deref().unwrap_or("actions"));
            let name = format!("{}: {}", i.key, i.title);
            let _ = write!(
                out,
                "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\"",
                xml_escape(&class),
                xml_escape(&name),
                xml_escape(&i.file),
                i.line
            );
            let due = i
                .due
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            if fails(i.status, fail_on) {
                let message = format!("{}: due {due}, {}", i.status.as_str(), describe(i));
                let _ = writeln!(
                    out,
                    ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                    i.status.as_str(),
                    xml_escape(&message),
                    xml_escape(&format!("{}\n{}:{}", message, i.file, i.line))
                );
            } else if i.status == Status::NotApplicable {
                let _ = writeln!(
                    out,
                    ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                    xml_escape(&describe(i))
                );
            } else {
                let _ = writeln!(
                    out,
                    ">\n      <system-out>{}</system-out>\n    </testcase>",
                    xml_escape(&format!(
                        "{}: due {due}, {}",
                        i.status.as_str(),
                        describe(i)
                    ))
                );
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
