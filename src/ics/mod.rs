//! iCalendar (RFC 5545) text for deadlines: one all-day event per deadline still to
//! meet, each with a reminder a number of working days before.
//!
//! Pure string building: CRLF line ends, lines folded at 75 octets on character
//! boundaries, TEXT values escaped. UIDs are stable (case and key), so re-importing an
//! updated file updates events instead of duplicating them. A date iCalendar cannot
//! hold (a year past 9999 or before 0000: RFC 5545 writes four digits) never reaches the
//! file: [`deadline_events`] leaves its event out and says so.

use chrono::NaiveDate;

mod events;

pub use events::{Events, deadline_events};

/// Whether an iCalendar DATE can hold `date`: RFC 5545 writes the year in four digits.
pub fn holds(date: NaiveDate) -> bool {
    use chrono::Datelike;
    (0..=9999).contains(&date.year())
}

/// One event to write.
#[derive(Debug, Clone)]
pub struct Event {
    /// A stable unique id, e.g. `WSCP-2026-003.rr_submitted@casebook`.
    pub uid: String,
    /// The all-day date.
    pub date: NaiveDate,
    /// One-line summary (no personal identifiers).
    pub summary: String,
    /// Longer description.
    pub description: String,
    /// When the reminder fires (a date before `date`), if any.
    pub reminder: Option<NaiveDate>,
    /// Categories, e.g. the status.
    pub categories: Vec<String>,
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a UTF-8 character, and ends it with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Writes a whole calendar.
pub fn calendar(name: &str, stamp: NaiveDate, events: &[Event]) -> String {
    let mut out = String::new();
    let mut line = |s: String| out.push_str(&fold(&s));
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line(format!(
        "PRODID:-//casebook//casebook {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape_text(name)));
    for e in events {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", escape_text(&e.uid)));
        line(format!("DTSTAMP:{}T000000Z", ymd(stamp)));
        line(format!("DTSTART;VALUE=DATE:{}", ymd(e.date)));
        // An all-day event without DTEND lasts the day (RFC 5545 §3.6.1): the one way
        // to end an event on 9999-12-31, whose next day has five digits.
        if let Some(end) = e.date.succ_opt().filter(|d| holds(*d)) {
            line(format!("DTEND;VALUE=DATE:{}", ymd(end)));
        }
        line(format!("SUMMARY:{}", escape_text(&e.summary)));
        line(format!("DESCRIPTION:{}", escape_text(&e.description)));
        if !e.categories.is_empty() {
            let cats: Vec<String> = e.categories.iter().map(|c| escape_text(c)).collect();
            line(format!("CATEGORIES:{}", cats.join(",")));
        }
        line("TRANSP:TRANSPARENT".into());
        if let Some(reminder) = e.reminder.filter(|r| *r < e.date) {
            // The event starts at midnight; fire at 09:00 on the reminder day.
            let hours = (e.date - reminder).num_days() * 24 - 9;
            line("BEGIN:VALARM".into());
            line("ACTION:DISPLAY".into());
            line(format!(
                "DESCRIPTION:{}",
                escape_text(&format!("Due {}: {}", e.date.format("%-d %b"), e.summary))
            ));
            line(format!("TRIGGER:-PT{hours}H"));
            line("END:VALARM".into());
        }
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn four_digit_years_only() {
        assert!(holds(d(0, 1, 1)) && holds(d(9999, 12, 31)) && holds(d(2026, 2, 4)));
        assert!(!holds(d(10000, 1, 1)) && !holds(d(-1, 12, 31)));
        let last = Event {
            uid: "T-1.x@casebook".into(),
            date: d(9999, 12, 31),
            summary: "s".into(),
            description: "d".into(),
            reminder: None,
            categories: vec![],
        };
        let text = calendar("Deadlines", d(2026, 1, 20), &[last]);
        assert!(text.contains("DTSTART;VALUE=DATE:99991231\r\n"));
        assert!(!text.contains("DTEND"), "{text}");
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let long = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&long);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{long}\r\n"));
    }

    #[test]
    fn writes_events_with_alarms_and_crlf() {
        let e = Event {
            uid: "T-1.rr_submitted@casebook".into(),
            date: d(2026, 2, 4),
            summary: "T-1: Rapid Review report due".into(),
            description: "rule".into(),
            reminder: Some(d(2026, 2, 2)),
            categories: vec!["pending".into()],
        };
        let text = calendar("Deadlines", d(2026, 1, 20), &[e]);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.contains("DTSTART;VALUE=DATE:20260204\r\nDTEND;VALUE=DATE:20260205\r\n"));
        assert!(text.contains("TRIGGER:-PT39H\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
    }
}
