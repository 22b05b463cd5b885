//! The timeline as one self-contained HTML page: a heading, the swimlane picture (see
//! `svg`), a legend, and a table of every entry, numbered as the picture's markers are.
//!
//! Self-contained means no external asset of any kind: inline CSS only, no script, no
//! web fonts, no images by URL. Every piece of text from the records is escaped. The
//! page is also well-formed XML, so tests can parse it. `@page` and print rules lay
//! it out on A4 landscape: the picture on the first page, the table after it with its
//! header repeated.

use std::fmt::Write;

use super::{Kind, Timeline, TimelineEntry, svg};
use crate::deadlines::Status;
use crate::markup::xml_escape as esc;
use crate::model::PartialDate;

const CSS: &str = r#"
@page { size: A4 landscape; margin: 10mm; }
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1f2937; margin: 24px auto; max-width: 1500px; padding: 0 16px; line-height: 1.4; }
h1 { font-size: 1.45rem; margin: 0 0 4px; }
p.meta { color: #4b5563; margin: 0 0 14px; font-size: 0.92rem; }
figure { margin: 0 0 10px; }
svg.chart { width: 100%; height: auto; display: block; border: 1px solid #e5e7eb; }
svg text { font-family: inherit; fill: #1f2937; }
svg text.lane { font-size: 14px; font-weight: 600; }
svg text.lane.review { font-style: italic; }
svg text.lane.two { font-size: 13px; }
svg text.year { font-size: 13px; font-weight: 700; }
svg text.month { font-size: 12px; fill: #4b5563; }
svg text.asof { font-size: 12px; fill: #c0392b; font-weight: 600; }
svg text.bar { font-size: 11px; fill: #3e2723; }
svg a:hover .m, svg a:focus .m { filter: drop-shadow(0 0 2px #111); }
ul.legend { list-style: none; padding: 0; margin: 6px 0 18px; display: flex; flex-wrap: wrap; gap: 4px 18px;
  font-size: 0.85rem; color: #374151; }
ul.legend li { display: flex; align-items: center; gap: 6px; }
ul.legend svg { width: 22px; height: 16px; }
table { border-collapse: collapse; width: 100%; font-size: 0.88rem; }
th, td { border-bottom: 1px solid #e5e7eb; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; }
td.n { color: #6b7280; text-align: right; width: 2.5em; }
td.when { white-space: nowrap; width: 9em; }
td.who { width: 14em; }
td.sig { white-space: nowrap; width: 8em; }
tr.key td { background: #fff8db; }
tr.key td.sig { font-weight: 700; }
tr:target td { outline: 2px solid #f2b705; }
.detail { color: #4b5563; font-size: 0.92em; margin-top: 2px; }
.s-overdue, .s-too-early, .s-invalid { color: #c0392b; font-weight: 700; }
.s-due-soon, .s-behind-target, .s-late { color: #9a6300; font-weight: 600; }
.s-chase { color: #8e44ad; font-weight: 600; }
.s-met { color: #2e7d32; }
footer { margin-top: 16px; color: #6b7280; font-size: 0.8rem; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9pt; }
  h1 { font-size: 13pt; }
  p.meta { font-size: 9pt; }
  ul.legend { font-size: 8pt; margin-bottom: 0; }
  footer { font-size: 7pt; }
  svg.chart { max-height: 160mm; border: none; }
  figure { break-after: page; }
  table { font-size: 8pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// Small shapes for the legend, matching the picture's markers.
const LEGEND: [(&str, &str); 9] = [
    (
        "<circle cx=\"11\" cy=\"8\" r=\"7\" fill=\"#f2b705\"/><circle cx=\"11\" cy=\"8\" r=\"4.5\" fill=\"#1f77b4\" stroke=\"#111111\"/>",
        "key practice episode",
    ),
    (
        "<circle cx=\"11\" cy=\"8\" r=\"4\" fill=\"#1f77b4\"/>",
        "context",
    ),
    (
        "<rect x=\"1\" y=\"4\" width=\"20\" height=\"8\" rx=\"4\" fill=\"#1f77b4\" fill-opacity=\"0.45\"/>",
        "date known to the month",
    ),
    (
        "<circle cx=\"11\" cy=\"8\" r=\"5\" fill=\"#ffffff\" stroke=\"#1f77b4\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>",
        "date known to the year",
    ),
    (
        "<rect x=\"6\" y=\"3\" width=\"9\" height=\"9\" transform=\"rotate(45 11 8)\" fill=\"#1b3a6b\"/>",
        "milestone done",
    ),
    (
        "<rect x=\"6\" y=\"3\" width=\"9\" height=\"9\" transform=\"rotate(45 11 8)\" fill=\"#fbe3e0\" stroke=\"#c0392b\" stroke-width=\"2\"/>",
        "deadline to come (red: overdue)",
    ),
    (
        "<rect x=\"7\" y=\"4\" width=\"8\" height=\"8\" fill=\"#8a94a6\" stroke=\"#4b5563\"/>",
        "note",
    ),
    (
        "<circle cx=\"11\" cy=\"8\" r=\"5\" fill=\"#2e7d32\"/>",
        "action done (hollow: open)",
    ),
    (
        "<line x1=\"11\" y1=\"0\" x2=\"11\" y2=\"16\" stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>",
        "as-of date",
    ),
];

fn who(e: &TimelineEntry) -> String {
    match (&e.agency, e.kind) {
        (Some(a), Kind::Action) => format!("{a} · action {}", e.key.as_deref().unwrap_or("")),
        (Some(a), _) => a.clone(),
        (None, Kind::Milestone | Kind::Deadline) => match &e.track {
            Some(t) => format!("{} · {t}", e.kind.label()),
            None => e.kind.label().to_string(),
        },
        (None, Kind::Parallel) => e.track.clone().unwrap_or_else(|| e.kind.label().into()),
        (None, Kind::Note) => match &e.key {
            Some(k) => format!("Note · {k}"),
            None => "Note".to_string(),
        },
        (None, _) => e.kind.label().to_string(),
    }
}

fn significance(e: &TimelineEntry) -> String {
    if e.is_key() {
        return "★ Key".to_string();
    }
    if e.significance.is_some() {
        return "Context".to_string();
    }
    match e.status {
        Some(s) => format!(
            "<span class=\"s-{}\">{}</span>",
            s.as_str(),
            esc(s.as_str())
        ),
        None if e.kind == Kind::Deadline => "planned".to_string(),
        None => String::new(),
    }
}

fn table(out: &mut String, timeline: &Timeline) {
    out.push_str("<table><thead><tr><th>#</th><th>Date</th><th>Agency or process</th><th>What</th><th>Significance</th></tr></thead><tbody>\n");
    for (i, e) in timeline.entries.iter().enumerate() {
        let class = if e.is_key() { " class=\"key\"" } else { "" };
        let mut what = esc(&e.title);
        if let Some(source) = &e.source {
            let _ = write!(what, " <span class=\"detail\">({})</span>", esc(source));
        }
        if let Some(detail) = &e.detail {
            let _ = write!(what, "<div class=\"detail\">{}</div>", esc(detail));
        }
        let _ = writeln!(
            out,
            "<tr id=\"e-{n}\"{class}><td class=\"n\">{n}</td><td class=\"when\">{}</td><td class=\"who\">{}</td><td>{what}</td><td class=\"sig\">{}</td></tr>",
            esc(&e.when()),
            esc(&who(e)),
            significance(e),
            n = i + 1
        );
    }
    out.push_str("</tbody></table>\n");
}

/// Renders the page. `filters` describes any filters in force, for the page to say so.
pub fn render(timeline: &Timeline, filters: Option<&str>) -> String {
    let mut out = String::new();
    let title = format!("Chronology: {} {}", timeline.case, timeline.title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<meta name=\"generator\" content=\"casebook {}\"/>\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&title)
    );
    let keys = timeline.entries.iter().filter(|e| e.is_key()).count();
    let overdue = timeline
        .entries
        .iter()
        .filter(|e| e.status == Some(Status::Overdue))
        .count();
    let _ = write!(
        out,
        "<h1>{}: {}</h1>\n<p class=\"meta\">Multi-agency chronology as of {} · {} entries · {} key practice episodes · {} overdue",
        esc(&timeline.case),
        esc(&timeline.title),
        esc(&PartialDate::Day(timeline.as_of).display_uk()),
        timeline.entries.len(),
        keys,
        overdue
    );
    if let Some(f) = filters {
        let _ = write!(out, " · filtered: {}", esc(f));
    }
    out.push_str("</p>\n");
    match svg::render(timeline) {
        Some(svg) => {
            let _ = write!(out, "<figure>\n{svg}\n<ul class=\"legend\">");
            for (shape, label) in LEGEND {
                let _ = write!(
                    out,
                    "<li><svg viewBox=\"0 0 22 16\" aria-hidden=\"true\">{shape}</svg>{label}</li>"
                );
            }
            out.push_str("</ul>\n</figure>\n");
            table(&mut out, timeline);
        }
        None => out.push_str("<p>No entries to show.</p>\n"),
    }
    let _ = write!(
        out,
        "<footer>Made by casebook {} from the case's records. Hover over a marker for its text; the table lists every entry.</footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    out
}
