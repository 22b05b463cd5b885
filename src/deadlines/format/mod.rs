//! Renderings of deadline items: a table for people, JSON, CSV, GitHub annotations
//! and JUnit XML. Pure string building; the command decides where it goes.
//!
//! The table and the JSON can be large (91 MB of JSON for 10,000 cases), so they take
//! the cases with a function that evaluates one, and render windows of cases in
//! parallel (`stream`), handing each window on before evaluating the next: the items of
//! every case are never all in memory at once.

mod json;
mod stream;
mod table;

pub use json::{json, json_string};
pub use stream::Counts;
pub use table::{text, text_string};

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::NaiveDate;

use super::{CaseItems, FailOn, Item, ItemKind, Status};
use crate::markup::{github_data, github_property, xml_escape};
use crate::output::Paint;
use crate::process::RuleKind;
use crate::wording::{uk_short, working_days};

/// Describes an item's position in words: "4 working days overdue", "done Mon 2 Feb 2026",
/// with what changed its dates: an agreed extension or exception, closures.
pub fn describe(item: &Item) -> String {
    let wd = item.working_days.unwrap_or(0);
    let mut text = match item.status {
        Status::Invalid => {
            let mut text = item.message.clone().unwrap_or_else(|| item.title.clone());
            if let Some(help) = &item.help {
                let _ = write!(text, " ({help})");
            }
            return text;
        }
        Status::Overdue => format!("{} overdue", working_days(wd)),
        Status::TooEarly => {
            let earliest = item.not_before.map(uk_short).unwrap_or_default();
            match (item.done, item.planned) {
                (Some(d), _) => {
                    format!("done {}, before its earliest date {earliest}", uk_short(d))
                }
                (None, Some(p)) => format!(
                    "planned for {}, before its earliest date {earliest}",
                    uk_short(p)
                ),
                (None, None) => format!("before its earliest date {earliest}"),
            }
        }
        Status::DueSoon if wd == 0 => "due today".to_string(),
        Status::DueSoon => format!("{} left", working_days(wd)),
        Status::BehindTarget => match item.target {
            Some(t) => format!(
                "past its target of {}; {} left before the deadline",
                uk_short(t),
                working_days(wd)
            ),
            None => "past its target".to_string(),
        },
        Status::Pending if item.rule_kind == Some(RuleKind::NotBefore) => {
            match (item.due, item.planned) {
                (Some(_), _) => "not before this date".to_string(),
                (None, Some(p)) => format!("planned for {}", uk_short(p)),
                (None, None) => "no time limit".to_string(),
            }
        }
        Status::Pending => match item.target.filter(|t| Some(*t) != item.due) {
            Some(t) => format!("{} left (target {})", working_days(wd), uk_short(t)),
            None => format!("{} left", working_days(wd)),
        },
        Status::Chase => format!("expected {} ago: chase", working_days(wd)),
        Status::Waiting if item.owed => format!(
            "owed although {}: no time limit applies",
            item.not_applicable_reason
                .as_deref()
                .unwrap_or("what it counts from does not apply")
        ),
        Status::Waiting => match &item.waiting_for {
            Some(anchor) => format!("waiting for `{anchor}`"),
            None => "waiting".to_string(),
        },
        Status::Met => match (item.done, item.target) {
            (Some(d), Some(t)) if d > t => {
                format!("done {}, after its target of {}", uk_short(d), uk_short(t))
            }
            (Some(d), _) => format!("done {}", uk_short(d)),
            (None, _) => "done".to_string(),
        },
        Status::Late => match (item.done, item.late_by) {
            (Some(d), Some(n)) => format!("done {}, {} late", uk_short(d), working_days(n)),
            _ => "done late".to_string(),
        },
        Status::NotApplicable => item.not_applicable_reason.clone().unwrap_or_default(),
    };
    let agreed = match (&item.extension_reason, &item.extension_agreed_by) {
        (Some(reason), Some(by)) => format!("{reason}; agreed by {by}"),
        (Some(reason), None) => reason.clone(),
        _ => String::new(),
    };
    if let Some(orig) = item.original_due
        && item.extension_reason.is_some()
    {
        let _ = write!(text, " (extended from {}: {agreed})", uk_short(orig));
    }
    if let Some(orig) = item.original_not_before
        && item.extension_reason.is_some()
    {
        if item.not_before_waived {
            let _ = write!(text, " (earliest date {} waived: {agreed})", uk_short(orig));
        } else {
            let _ = write!(
                text,
                " (earliest date moved from {}: {agreed})",
                uk_short(orig)
            );
        }
    }
    if let Some(without) = item.without_closures {
        let _ = write!(text, " (closures moved this from {})", uk_short(without));
    }
    text
}

fn status_paint(status: Status) -> Paint {
    match status {
        Status::Invalid | Status::Overdue | Status::TooEarly => Paint::Error,
        Status::DueSoon | Status::BehindTarget => Paint::Warn,
        Status::Chase => Paint::Chase,
        Status::Met => Paint::Good,
        Status::Late => Paint::Warn,
        Status::Waiting | Status::Pending | Status::NotApplicable => Paint::Dim,
    }
}

/// Appends `text` cut or padded with spaces to exactly `width` characters; a cut text
/// ends in `…`.
pub(in crate::deadlines) fn push_fitted(out: &mut String, text: &str, width: usize) {
    let mut chars = text.char_indices();
    match chars.nth(width) {
        None => {
            out.push_str(text);
            let len = text.chars().count();
            out.extend(std::iter::repeat_n(' ', width.saturating_sub(len)));
        }
        Some(_) => {
            let cut = text
                .char_indices()
                .nth(width.saturating_sub(1))
                .map_or(text.len(), |(i, _)| i);
            out.push_str(&text[..cut]);
            out.push('…');
        }
    }
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
        let row = [
            i.case.clone(),
            i.kind.as_str().to_string(),
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

/// Renders GitHub Actions workflow commands: errors for failing items (invalid records
/// always), warnings for the rest that need attention.
pub fn github<'a>(items: impl IntoIterator<Item = &'a Item>, fail_on: FailOn) -> String {
    let mut out = String::new();
    for i in items {
        let level = if fail_on.fails(i.status) {
            "error"
        } else if matches!(
            i.status,
            Status::Overdue
                | Status::TooEarly
                | Status::DueSoon
                | Status::BehindTarget
                | Status::Chase
        ) {
            "warning"
        } else {
            continue;
        };
        if i.kind == ItemKind::Invalid {
            let col = i.column.map(|c| format!(",col={c}")).unwrap_or_default();
            let title = format!("{} invalid ({})", i.case, i.key);
            let _ = writeln!(
                out,
                "::{level} file={},line={}{col},title={}::{}",
                github_property(&i.file),
                i.line.max(1),
                github_property(&title),
                github_data(&format!("not checked: {}", describe(i)))
            );
            continue;
        }
        // An item with no date yet (waiting for its anchor) says no "due" at all.
        let due = i
            .due
            .map(|d| format!("due {}; ", d.format("%Y-%m-%d")))
            .unwrap_or_default();
        let title = format!("{} {} {}", i.case, i.key, i.status.as_str());
        let message = format!("{}: {due}{}", i.title.trim_end_matches('.'), describe(i));
        let _ = writeln!(
            out,
            "::{level} file={},line={},title={}::{}",
            github_property(&i.file),
            i.line.max(1),
            github_property(&title),
            github_data(&message)
        );
    }
    out
}

/// Renders JUnit XML: one test suite per case, one test case per item, failures for failing items.
pub fn junit(cases: &[CaseItems], fail_on: FailOn, as_of: NaiveDate) -> String {
    let items: Vec<&Item> = CaseItems::all(cases).collect();
    let mut by_case: BTreeMap<&str, Vec<&Item>> = BTreeMap::new();
    for item in &items {
        by_case.entry(item.case.as_str()).or_default().push(item);
    }
    let failures = items.iter().filter(|i| fail_on.fails(i.status)).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"casebook check-deadlines {as_of}\" tests=\"{}\" failures=\"{failures}\">",
        items.len()
    );
    for (case, items) in by_case {
        let fail = items.iter().filter(|i| fail_on.fails(i.status)).count();
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
            let group = match i.kind {
                ItemKind::Invalid => "invalid",
                _ => i.track.as_deref().unwrap_or("actions"),
            };
            let class = format!("{}.{group}", i.case);
            let name = match i.kind {
                ItemKind::Invalid => format!("{}: {}", i.key, i.location()),
                _ => format!("{}: {}", i.key, i.title),
            };
            let _ = write!(
                out,
                "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\"",
                xml_escape(&class),
                xml_escape(&name),
                xml_escape(&i.file),
                i.line
            );
            // An item with no date yet (waiting for its anchor) says no "due" at all.
            let due = i
                .due
                .map(|d| format!("due {}, ", d.format("%Y-%m-%d")))
                .unwrap_or_default();
            if fail_on.fails(i.status) {
                let message = match i.kind {
                    ItemKind::Invalid => format!("invalid: not checked: {}", describe(i)),
                    _ => format!("{}: {due}{}", i.status.as_str(), describe(i)),
                };
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
                    xml_escape(&format!("{}: {due}{}", i.status.as_str(), describe(i)))
                );
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::push_fitted;

    fn fitted(text: &str, width: usize) -> String {
        let mut out = String::new();
        push_fitted(&mut out, text, width);
        out
    }

    #[test]
    fn text_is_padded_or_cut_to_the_width() {
        assert_eq!(fitted("abc", 5), "abc  ");
        assert_eq!(fitted("abcde", 5), "abcde");
        assert_eq!(fitted("abcdef", 5), "abcd…");
        assert_eq!(fitted("Zoë’s", 4), "Zoë…");
        assert_eq!(fitted("—", 3), "—  ");
        assert_eq!(fitted("", 2), "  ");
        for (text, width) in [("Zoë’s visit", 6), ("short", 9), ("exactly", 7)] {
            let old = if text.chars().count() <= width {
                format!("{text:width$}")
            } else {
                let cut: String = text.chars().take(width - 1).collect();
                format!("{cut}…")
            };
            assert_eq!(fitted(text, width), old);
        }
    }
}
