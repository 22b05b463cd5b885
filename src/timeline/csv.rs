//! The timeline as CSV for spreadsheets: RFC 4180, a header row, CRLF line ends, one
//! row per entry with the JSON form's fields (people joined with `;`).

use super::Timeline;
use crate::deadlines::format::csv_field;

/// The header row's column names.
pub const COLUMNS: [&str; 15] = [
    "date",
    "precision",
    "time",
    "kind",
    "agency",
    "title",
    "detail",
    "key",
    "track",
    "significance",
    "status",
    "people",
    "source",
    "file",
    "line",
];

/// Renders the timeline as CSV.
pub fn render(timeline: &Timeline) -> String {
    let mut out = COLUMNS.join(",");
    out.push_str("\r\n");
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    for e in &timeline.entries {
        let precision = serde_plain(&e.precision);
        let row = [
            e.date.to_string(),
            precision,
            e.time.map(|t| t.to_string()).unwrap_or_default(),
            e.kind.as_str().to_string(),
            opt(&e.agency),
            e.title.clone(),
            opt(&e.detail),
            opt(&e.key),
            opt(&e.track),
            e.significance.as_ref().map(serde_plain).unwrap_or_default(),
            e.status.map(|s| s.as_str().to_string()).unwrap_or_default(),
            e.people.join(";"),
            opt(&e.source),
            e.file.clone(),
            e.line.map(|l| l.to_string()).unwrap_or_default(),
        ];
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Writes a unit enum the way its JSON form does, without quotes.
fn serde_plain<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
