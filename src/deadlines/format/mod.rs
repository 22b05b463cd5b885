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
use crate::markup::xml_escape;
use crate::output::Paint;
use crate::wording::{uk_short, working_days};

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
pub fn github<'a>(items: impl IntoIterator<Item = &'a Item>, fail_on: FailOn) -> String {
    let mut out = String::new();
    for i in items {
        let level = if fail_on.fails(i.status) {
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
            if fail_on.fails(i.status) {
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
