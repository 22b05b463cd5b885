//! The timeline as one Markdown table to paste into a report: Date | Agency | What |
//! Significance.
//!
//! Cell text is escaped so that nothing a record says can break the table or become
//! markup: `|`, `\` and the emphasis and code marks `*`, `_`, `` ` `` are backslashed, `<` and `>` become entities, an `&` that would
//! start an entity (`&copy;`) becomes `&amp;` (a plain "A&E" stays readable), line
//! breaks become spaces. Entries of the review itself (milestones, notes, deadlines,
//! parallel processes) name their kind where an event names its agency.

use std::fmt::Write;

use super::{Kind, Timeline, TimelineEntry};
use crate::markdown::looks_like_entity;

/// Escapes text for a GFM table cell.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' | '*' | '_' | '`' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if looks_like_entity(&text[i + 1..]) => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// The Agency column: the agency, else what kind of entry it is.
fn who(e: &TimelineEntry) -> String {
    match (&e.agency, e.kind) {
        (Some(a), Kind::Action) => format!("{a} (action {})", e.key.as_deref().unwrap_or("")),
        (Some(a), _) => a.clone(),
        (None, Kind::Parallel) => e.track.clone().unwrap_or_else(|| e.kind.label().into()),
        (None, Kind::Milestone | Kind::Deadline) => match &e.track {
            Some(t) => format!("{} ({t})", e.kind.label()),
            None => e.kind.label().to_string(),
        },
        (None, _) => e.kind.label().to_string(),
    }
}

/// The What column: the title, then the detail in italics.
fn what(e: &TimelineEntry) -> String {
    let title = cell(&e.title);
    let title = if e.kind == Kind::Note {
        format!("**{title}**")
    } else {
        title
    };
    match &e.detail {
        Some(d) if !d.trim().is_empty() => format!("{title} *{}*", cell(d)),
        _ => title,
    }
}

/// The Significance column: key or context for events, the status for deadlines and actions.
fn significance(e: &TimelineEntry) -> String {
    if let Some(s) = e.significance {
        return match s {
            crate::model::Significance::Key => "**Key**".to_string(),
            crate::model::Significance::Context => "Context".to_string(),
        };
    }
    e.status.map(|s| s.as_str().to_string()).unwrap_or_default()
}

/// Renders the table.
pub fn render(timeline: &Timeline) -> String {
    let mut out =
        String::from("| Date | Agency | What | Significance |\n| --- | --- | --- | --- |\n");
    for e in &timeline.entries {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&e.when()),
            cell(&who(e)),
            what(e),
            significance(e)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table_or_carry_markup() {
        assert_eq!(cell("a | b"), "a \\| b");
        assert_eq!(cell("C:\\path"), "C:\\\\path");
        assert_eq!(cell("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
        assert_eq!(cell("line\nbreak"), "line break");
        assert_eq!(
            cell("*not* _emphasis_ `code`"),
            "\\*not\\* \\_emphasis\\_ \\`code\\`"
        );
        assert_eq!(cell("Tom & Jerry, A&E"), "Tom & Jerry, A&E");
        assert_eq!(cell("&copy; &#169;"), "&amp;copy; &amp;#169;");
    }
}
