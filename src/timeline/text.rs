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
use crate::output::{Paint, paint};
use crate::wording::month_name;
use crate::wording::uk_short;

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

/// How a piece of a heading is drawn.
#[derive(Clone, Copy)]
enum Tone {
    /// In an agency's own colour.
    Agency(Style),
    /// In one of casebook's styles.
    Plain(Paint),
}

fn tone(color: bool, tone: Tone, text: &str) -> String {
    match tone {
        Tone::Agency(style) => styled(color, style, text),
        Tone::Plain(p) => paint(color, p, text),
    }
}

/// The pieces of an entry's heading: who or what, then tags.
fn heading(e: &TimelineEntry) -> Vec<(String, Tone)> {
    let agency = |e: &TimelineEntry| {
        let name = e.agency.clone().unwrap_or_default();
        let style = agency_style(&name);
        (name, Tone::Agency(style))
    };
    let mut pieces = Vec::new();
    match e.kind {
        Kind::Event => {
            pieces.push(agency(e));
            if e.is_key() {
                pieces.push(("key episode".to_string(), Tone::Plain(Paint::Bold)));
            }
            if let Some(source) = &e.source {
                pieces.push((source.clone(), Tone::Plain(Paint::Dim)));
            }
        }
        Kind::Action => {
            let id = e.key.as_deref().unwrap_or("");
            pieces.push((format!("Action {id}"), Tone::Plain(Paint::Bold)));
            pieces.push(agency(e));
        }
        _ => {
            pieces.push((e.kind.label().to_string(), Tone::Plain(Paint::Bold)));
            let tag = match e.kind {
                Kind::Note => e.key.as_deref(),
                Kind::Parallel => e.source.as_deref(),
                _ => e.track.as_deref(),
            };
            if let Some(tag) = tag {
                pieces.push((tag.to_string(), Tone::Plain(Paint::Dim)));
            }
        }
    }
    pieces
}

/// Wraps heading pieces, joined by " · ", to `width`, painting each word in its piece's tone.
fn wrap_heading(pieces: &[(String, Tone)], width: usize, color: bool) -> Vec<String> {
    let mut words: Vec<(String, Tone)> = Vec::new();
    for (i, (text, t)) in pieces.iter().enumerate() {
        if i > 0 {
            words.push(("·".to_string(), Tone::Plain(Paint::Dim)));
        }
        words.extend(wrap(text, width).into_iter().flat_map(|line| {
            line.split(' ')
                .map(|w| (w.to_string(), *t))
                .collect::<Vec<_>>()
        }));
    }
    let mut lines = Vec::new();
    let (mut line, mut len) = (String::new(), 0);
    for (word, t) in words {
        let wlen = word.chars().count();
        if len > 0 && len + 1 + wlen > width {
            lines.push(std::mem::take(&mut line));
            len = 0;
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        line.push_str(&tone(color, t, &word));
        len += wlen;
    }
    if len > 0 {
        lines.push(line);
    }
    lines
}

/// Renders the timeline for a terminal `width` characters wide; `filters` describes
/// any filters in force, for the header to say so.
pub fn render(timeline: &Timeline, width: usize, color: bool, filters: Option<&str>) -> String {
    let width = width.max(MIN_WIDTH);
    let body = width - INDENT;
    let mut out = String::new();
    let keys = timeline.entries.iter().filter(|e| e.is_key()).count();
    let title = format!("{}  {}", timeline.case, timeline.title);
    if title.chars().count() <= width {
        let _ = writeln!(out, "{}", paint(color, Paint::Bold, &title));
    } else {
        for line in wrap(&title, width) {
            let _ = writeln!(out, "{}", paint(color, Paint::Bold, &line));
        }
    }
    let summary = format!(
        "Timeline as of {}: {}, {}",
        uk_short(timeline.as_of),
        count(timeline.entries.len(), "entry", "entries"),
        count(keys, "key episode", "key episodes")
    );
    let filtered = filters.map(|f| format!("Filtered: {f}"));
    for text in std::iter::once(summary).chain(filtered) {
        for line in wrap(&text, width) {
            let _ = writeln!(out, "{}", paint(color, Paint::Dim, &line));
        }
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
        let pad = " ".repeat(INDENT);
        for (i, line) in wrap_heading(&heading(e), body, color).iter().enumerate() {
            if i == 0 {
                let _ = writeln!(out, "{margin}{:<17}  {line}", e.when());
            } else {
                let _ = writeln!(out, "{pad}{line}");
            }
        }
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
