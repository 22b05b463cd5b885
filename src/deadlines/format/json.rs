//! The JSON document of DESIGN §6, streamed.

use chrono::NaiveDate;

use super::super::{CaseItems, Item, Status};
use super::stream::{Counts, stream};

/// The whole document, for the empty case.
#[derive(serde::Serialize)]
struct JsonDoc<'a> {
    as_of: &'a str,
    items: &'a [Item],
    summary: JsonSummary,
}

/// Counts by status, in the contract's order and spelling, then the statuses added since.
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
    #[serde(rename = "too-early")]
    too_early: usize,
    #[serde(rename = "behind-target")]
    behind_target: usize,
    invalid: usize,
}

impl From<Counts> for JsonSummary {
    fn from(counts: Counts) -> JsonSummary {
        JsonSummary {
            overdue: counts.get(Status::Overdue),
            due_soon: counts.get(Status::DueSoon),
            met: counts.get(Status::Met),
            late: counts.get(Status::Late),
            pending: counts.get(Status::Pending),
            waiting: counts.get(Status::Waiting),
            chase: counts.get(Status::Chase),
            not_applicable: counts.get(Status::NotApplicable),
            too_early: counts.get(Status::TooEarly),
            behind_target: counts.get(Status::BehindTarget),
            invalid: counts.get(Status::Invalid),
        }
    }
}

/// Serialises `value` pretty, nested the way it sits in the document: the text of
/// `{"items": value}` without its first and last lines. Strings never hold a raw line
/// feed in JSON, so the lines cut are exactly the wrapper's.
fn nested_json<T: serde::Serialize + ?Sized>(value: &T, capacity: usize) -> String {
    #[derive(serde::Serialize)]
    struct Wrap<'a, T: ?Sized> {
        items: &'a T,
    }
    // Sized up front: growing a string of hundreds of kilobytes by doubling copies it
    // and touches fresh memory at every step.
    let mut bytes = Vec::with_capacity(capacity);
    let _ = serde_json::to_writer_pretty(&mut bytes, &Wrap { items: value });
    inner_lines(String::from_utf8(bytes).unwrap_or_default())
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
/// printer writes for the whole document, but evaluated and serialised in parallel
/// pieces, a window at a time. Returns the counts of every item.
pub fn json<T: Sync>(
    cases: &[T],
    evaluate: &(dyn Fn(&T) -> CaseItems + Sync),
    as_of: NaiveDate,
    sink: &mut dyn FnMut(&str),
) -> Counts {
    let as_of = as_of.format("%Y-%m-%d").to_string();
    let mut started = false;
    let counts = stream(
        cases,
        evaluate,
        |cases| {
            let items: Vec<&Item> = CaseItems::all(cases).collect();
            if items.is_empty() {
                return String::new();
            }
            // `"items": [ {...}, {...} ]` without the brackets' lines: the items at the
            // document's indent, comma-separated.
            // About 700 bytes per item, pretty-printed.
            inner_lines(nested_json(&items, 800 * items.len() + 64))
        },
        &mut |piece| {
            if piece.is_empty() {
                return;
            }
            if started {
                sink(",\n");
            } else {
                sink(&format!("{{\n  \"as_of\": \"{as_of}\",\n  \"items\": [\n"));
                started = true;
            }
            sink(piece);
        },
    );
    let summary = JsonSummary::from(counts);
    if started {
        let field = nested_json(&summary, 256).replacen("\"items\"", "\"summary\"", 1);
        sink(&format!("\n  ],\n{field}\n}}\n"));
    } else {
        let doc = JsonDoc {
            as_of: &as_of,
            items: &[],
            summary,
        };
        sink(&(serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"));
    }
    counts
}

/// The JSON document of evaluated cases, as one string.
pub fn json_string(cases: &[CaseItems], as_of: NaiveDate) -> String {
    let mut out = String::new();
    json(cases, &|c: &CaseItems| c.clone(), as_of, &mut |piece| {
        out.push_str(piece)
    });
    out
}
