//! Deadline statuses and notes in words for the timeline's `detail`: "Overdue by 4
//! working days", "On time (due 4 Feb 2026)", a note's first paragraph as plain text.
//!
//! Pure string building from values already computed by `deadlines`; it computes no
//! dates itself.

use chrono::NaiveDate;

use crate::deadlines::{Item, Status};
use crate::model::PartialDate;
use crate::process::RuleKind;
use crate::wording::working_days;

fn day(d: NaiveDate) -> String {
    PartialDate::Day(d).display_uk()
}

/// Describes where an item stands, as a sentence fragment starting with a capital.
pub fn status(item: &Item) -> String {
    let wd = item.working_days.unwrap_or(0);
    let due = item.due.map(day);
    match (item.status, item.rule_kind) {
        (Status::Overdue, _) => format!("Overdue by {}", working_days(wd)),
        (Status::DueSoon, _) if wd == 0 => "Due today".to_string(),
        (Status::DueSoon, _) => format!("Due soon: {} left", working_days(wd)),
        (Status::Pending, Some(RuleKind::NotBefore)) => "Not before this date".to_string(),
        (Status::Pending, Some(RuleKind::Expected)) => {
            format!("Expected: {} from now", working_days(wd))
        }
        (Status::Pending, _) => format!("Due: {} left", working_days(wd)),
        (Status::Chase, _) => format!("Expected {} ago: chase", working_days(wd)),
        (Status::Waiting, _) => match &item.waiting_for {
            Some(anchor) => format!("Waiting for `{anchor}`"),
            None => "Waiting".to_string(),
        },
        (Status::Met, Some(RuleKind::NotBefore)) => match due {
            Some(d) => format!("Not before {d}: kept"),
            None => "Done".to_string(),
        },
        (Status::Met, Some(RuleKind::Expected)) => match due {
            Some(d) => format!("Expected by {d}"),
            None => "Done".to_string(),
        },
        (Status::Met, _) => match due {
            Some(d) => format!("On time (due {d})"),
            None => "Done".to_string(),
        },
        (Status::Late, _) => match (item.late_by, due) {
            (Some(n), Some(d)) => format!("{} late (due {d})", capitalise(&working_days(n))),
            _ => "Late".to_string(),
        },
        (Status::NotApplicable, _) => capitalise(
            item.not_applicable_reason
                .as_deref()
                .unwrap_or("Not applicable"),
        ),
    }
}

/// Describes an agreed extension: "extended from 2 Sep 2026: criminal trial".
pub fn extension(item: &Item) -> Option<String> {
    let (orig, reason) = (item.original_due?, item.extension_reason.as_deref()?);
    Some(format!("extended from {}: {}", day(orig), one_line(reason)))
}

/// Describes a milestone: its status, then any extension.
pub fn milestone(item: &Item) -> String {
    let mut text = status(item);
    if let Some(ext) = extension(item) {
        text.push_str("; ");
        text.push_str(&ext);
    }
    text
}

/// Describes an action: its status, then its owner.
pub fn action(item: &Item) -> String {
    let mut text = status(item);
    if let Some(owner) = &item.owner {
        text.push_str(&format!("; owner: {owner}"));
    }
    text
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Collapses runs of white space (YAML folded text, Markdown line breaks) to single spaces.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Returns the first paragraph of a note's Markdown body as plain text, trimmed.
///
/// Headings, tables and lists are skipped: the first paragraph is the note's opening
/// prose. Emphasis and links keep their text; raw HTML is dropped.
pub fn first_paragraph(markdown: &str) -> Option<String> {
    use comrak::nodes::NodeValue;
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, markdown, &comrak::Options::default());
    let paragraph = root
        .children()
        .find(|n| matches!(n.data().value, NodeValue::Paragraph))?;
    let mut text = String::new();
    for node in paragraph.descendants() {
        match &node.data().value {
            NodeValue::Text(t) => text.push_str(t),
            NodeValue::Code(c) => text.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
            _ => {}
        }
    }
    let text = one_line(&text);
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_paragraph_skips_headings_and_keeps_emphasis_text() {
        let body = "# Title\n\nThe **panel** agreed\nthe [case](x.md) meets `s16C`.\n\nSecond.\n";
        assert_eq!(
            first_paragraph(body).as_deref(),
            Some("The panel agreed the case meets s16C.")
        );
        assert_eq!(first_paragraph("# Only a heading\n"), None);
        assert_eq!(first_paragraph(""), None);
    }

    #[test]
    fn one_line_collapses_folded_text() {
        assert_eq!(one_line("  a\n  b\tc  "), "a b c");
    }
}
