//! The timeline as JSON for scripts: `{"case", "title", "as_of", "entries"}`, each
//! entry with the fields of DESIGN §6 (`date`, `precision`, `kind`, `agency`, `title`,
//! `detail`, `file`, `line`) and `time`, `key`, `track`, `significance`, `status`,
//! `people`, `source`. Every field is always present (`null` when empty), so scripts
//! need not test for missing keys.

use serde::Serialize;

use super::{Timeline, TimelineEntry};

#[derive(Serialize)]
struct Document<'a> {
    case: &'a str,
    title: &'a str,
    as_of: String,
    entries: &'a [TimelineEntry],
}

/// Renders the timeline as pretty-printed JSON with a final newline.
pub fn render(timeline: &Timeline) -> String {
    let doc = Document {
        case: &timeline.case,
        title: &timeline.title,
        as_of: timeline.as_of.format("%Y-%m-%d").to_string(),
        entries: &timeline.entries,
    };
    // Serialising plain strings, numbers and enums cannot fail.
    let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    format!("{text}\n")
}
