//! The timeline for the terminal: grouped under month headings ("November 2025"; a
//! date known only to the year goes under the year), each entry with its date in a
//! left column, a heading line (the agency in its own colour, or the kind of review
//! entry), its text and its detail, wrapped to the width it is given.
//!
//! Key practice episodes carry a `★` in the left margin and "key episode" after the
//! agency, so they stand out without colour too. Each agency keeps the same colour in
//! every run and every case (chosen from a hash of its name). Pure: the command
//! decides the width and whether to colour.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use super::{Kind, Timeline, TimelineEntry};
use crate::deadlines::Status;
use crate::model::PartialDate;
use crate::model::date::month_name;
use crate::output::{Paint, paint, uk_short};

/// The narrowest width the layout is wrapped to, whatever the terminal says.
pub const MIN_WIDTH: usize = 40;

/// Width of the margin and date column: "★ " then "30 Sep 2025 14:30" then two spaces.
const INDENT: usize = 2 + 17 + 2;

/// Colours agencies are drawn in; red is left out because it means an error.
const PALETTE: [AnsiColor; 9] = [
    AnsiColor::Blue,
    AnsiColor::Cyan,
    AnsiColor::Green,
    AnsiColor::Magenta,
    AnsiColor::Yellow,
    AnsiColor::BrightBlue,
    AnsiColor::BrightCyan,
    AnsiColor::BrightGreen,
    AnsiColor::BrightMagenta,
];

/// Returns a stable index for a name (FNV-1a of its lowercase form), the same in every run.
pub fn stable_hash(name: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.trim().to_lowercase().bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

fn agency_style(name: &str) -> Style {
    let idx = (stable_hash(name) % PALETTE.len() as u64) as usize;
    PALETTE[idx].on_default().bold()
}

fn styled(color: bool, style: Style, text: &str) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

/// Wraps text to `width` characters, breaking at spaces (a longer word is cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if len > 0 {
                lines.push(std::mem::take(&mut line));
                len = 0;
            }
            lines.push(word.drain(..width).collect());
        }
        let wlen = word.len();
        if len > 0 && len + 1 + wlen > width {
            lines.push(std::mem::take(&mut line));
            len = 0;
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        line.extend(word);
        len += wlen;
    }
    if len > 0 {
        lines.push(line);
    }
    lines
}

/// The heading a group of entries goes under: "November 2025", or "2025" for a year.
fn group(date: PartialDate) -> String {
    match date {
        PartialDate::Year(y) => y.to_string(),
        other => {
            let start = other.start();
            use chrono::Datelike;
            format!("{} {}", month_name(start.month()), start.year())
        }
    }
}

fn status_paint(status: Status) -> Paint {
    match status {
        Status::Overdue => Paint::Error,
        Status::DueSoon | Status::Late => Paint::Warn,
        Status::Chase => Paint::Chase,
        Status::Met => Paint::Good,
        Status::Waiting | Status::Pending | Status::NotApplicable => Paint::Dim,
    }
}

/// The heading line of an entry: who or what, then tags.
fn heading(e: &TimelineEntry, color: bool) -> String {
    let dot = paint(color, Paint::Dim, " · ");
    match e.kind {
        Kind::Event => {
            let agency = e.agency.as_deref().unwrap_or("");
            let mut h = styled(color, agency_style(agency), agency);
            if e.is_key() {
                h.push_str(&dot);
                h.push_str(&paint(color, Paint::Bold, "key episode"));
            }
            if let Some(source) = &e.source {
                h.push_str(&dot);
                h.push_str(&paint(color, Paint::Dim, source));
            }
            h
        }
        Kind::Action => {
            let agency = e.agency.as_deref().unwrap_or("");
            let id = e.key.as_deref().unwrap_or("");
            format!(
                "{}{dot}{}",
                paint(color, Paint::Bold, &format!("Action {id}")),
                styled(color, agency_style(agency), agency)
            )
        }
        _ => {
            let mut h = paint(color, Paint::Bold, e.kind.label());
            let tag = match e.kind {
                Kind::Note => e.key.as_deref(),
                Kind::Parallel => e.source.as_deref(),
                _ => e.track.as_deref(),
            };
            if let Some(tag) = tag {
                h.push_str(&dot);
                h.push_str(&paint(color, Paint::Dim, tag));
            }
            h
        }
    }
}

/// Renders the timeline for a terminal `width` characters wide; `filters` describes
/// any filters in force, for the header to say so.
pub fn render(timeline: &Timeline, width: usize, color: bool, filters: Option<&str>) -> String {
    let width = width.max(MIN_WIDTH);
    let body = width - INDENT;
    let mut out = String::new();
    let keys = timeline.entries.iter().filter(|e| e.is_key()).count();
    let _ = writeln!(
        out,
        "{}  {}",
        paint(color, Paint::Bold, &timeline.case),
        timeline.title
    );
    let _ = writeln!(
        out,
        "{}",
        paint(
            color,
            Paint::Dim,
            &format!(
                "Timeline as of {}: {}, {}",
                uk_short(timeline.as_of),
                count(timeline.entries.len(), "entry", "entries"),
                count(keys, "key episode", "key episodes")
            )
        )
    );
    if let Some(f) = filters {
        let _ = writeln!(
            out,
            "{}",
            paint(color, Paint::Dim, &format!("Filtered: {f}"))
        );
    }
    if timeline.entries.is_empty() {
        out.push_str("\nNo entries to show.\n");
        return out;
    }
    let mut current = String::new();
    for e in &timeline.entries {
        let g = group(e.date);
        if g != current {
            let _ = write!(out, "\n{}\n", paint(color, Paint::Bold, &g));
            current = g;
        }
        let margin = if e.is_key() {
            paint(color, Paint::Warn, "★ ")
        } else {
            "  ".to_string()
        };
        let _ = writeln!(out, "{margin}{:<17}  {}", e.when(), heading(e, color));
        let pad = " ".repeat(INDENT);
        for line in wrap(&e.title, body) {
            let _ = writeln!(out, "{pad}{line}");
        }
        if let Some(detail) = &e.detail {
            let style = e.status.map(status_paint).unwrap_or(Paint::Dim);
            for line in wrap(detail, body) {
                let _ = writeln!(out, "{pad}{}", paint(color, style, &line));
            }
        }
    }
    out
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("a bb ccc dddd", 6), vec!["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("abcdefgh ij", 3), vec!["abc", "def", "gh", "ij"]);
        assert!(wrap("   ", 10).is_empty());
        for line in wrap(
            "Officers attended after a neighbour reported a baby crying",
            12,
        ) {
            assert!(line.chars().count() <= 12, "{line}");
        }
    }

    #[test]
    fn agency_colours_are_stable_and_ignore_case() {
        assert_eq!(
            stable_hash("Greater Manchester Police"),
            stable_hash(" greater manchester police ")
        );
        // FNV-1a of the empty string is its offset basis: the function is the published one.
        assert_eq!(stable_hash(""), 0xcbf2_9ce4_8422_2325);
    }

    #[test]
    fn groups_by_month_and_year() {
        assert_eq!(group("2025-11-03".parse().unwrap()), "November 2025");
        assert_eq!(group("2025-11".parse().unwrap()), "November 2025");
        assert_eq!(group("2025".parse().unwrap()), "2025");
    }
}
