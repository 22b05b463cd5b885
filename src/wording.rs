//! How casebook writes dates and counts for people, and reads the dates people type:
//! "Wed 4 Feb 2026", "4 February 2026", "4 working days", "1,132", "3 problems",
//! and `YYYY-MM-DD` with a message a panel member understands when it is not a date.
//!
//! The bottom layer: it imports nothing of casebook's, so records, domain modules and
//! renderers can all use it without closing an import circle. No I/O, no clock.

use chrono::{Datelike, NaiveDate};

/// English month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Returns the English name of a month (1–12), or "" for an impossible month.
pub fn month_name(month: u32) -> &'static str {
    MONTHS
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("")
}

/// Returns the number of days in a month, or 0 for an impossible month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    match (
        NaiveDate::from_ymd_opt(year, month, 1),
        NaiveDate::from_ymd_opt(ny, nm, 1),
    ) {
        (Some(a), Some(b)) => (b - a).num_days() as u32,
        _ => 0,
    }
}

/// Why text is not a date or time: the message says what is wrong in plain words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DateError(pub String);

/// Parses `YYYY-MM-DD`, explaining what is wrong when it is not a real date.
pub fn parse_day(text: &str) -> Result<NaiveDate, DateError> {
    let parts: Vec<&str> = text.split('-').collect();
    let numeric = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    let invalid = || DateError(format!("invalid date `{text}`"));
    if parts.len() != 3 || !numeric(parts[0], 4) || !numeric(parts[1], 2) || !numeric(parts[2], 2) {
        return Err(DateError(format!(
            "invalid date `{}`: expected YYYY-MM-DD",
            shorten(text)
        )));
    }
    let year: i32 = parts[0].parse().map_err(|_| invalid())?;
    let month: u32 = parts[1].parse().map_err(|_| invalid())?;
    let day: u32 = parts[2].parse().map_err(|_| invalid())?;
    if !(1..=12).contains(&month) {
        return Err(DateError(format!(
            "impossible date {text}: there is no month {month}"
        )));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        DateError(format!(
            "impossible date {text}: {} {year} has {} days",
            month_name(month),
            days_in_month(year, month)
        ))
    })
}

/// Cuts a value down for an error message, so a long paste never floods a log.
pub fn shorten(text: &str) -> String {
    if text.chars().count() > 24 {
        format!("{}…", text.chars().take(24).collect::<String>())
    } else {
        text.to_string()
    }
}

/// Writes "Wed 4 Feb 2026".
pub fn uk_short(date: NaiveDate) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    // Written by hand: chrono's format strings are parsed on every call, and the
    // deadline table writes this for every item.
    if !(1000..=9999).contains(&date.year()) {
        return date.format("%a %-d %b %Y").to_string();
    }
    let month = month_name(date.month());
    format!(
        "{} {} {} {}",
        DAYS[date.weekday().num_days_from_monday() as usize],
        date.day(),
        month.get(..3).unwrap_or(month),
        date.year()
    )
}

/// Writes "4 February 2026".
pub fn uk_long(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// Writes "1 working day" or "4 working days" (the sign is the caller's to word).
pub fn working_days(n: i64) -> String {
    if n.abs() == 1 {
        format!("{} working day", n.abs())
    } else {
        format!("{} working days", n.abs())
    }
}

/// Writes a count with thousands separators: 1,132.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Writes "1 problem" or "3 problems".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_dates_match_the_format_string() {
        let mut date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        for _ in 0..800 {
            assert_eq!(uk_short(date), date.format("%a %-d %b %Y").to_string());
            date = date.succ_opt().unwrap();
        }
        for (y, m, d) in [(999, 12, 31), (1000, 1, 1), (9999, 12, 31), (10000, 1, 1)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(uk_short(date), date.format("%a %-d %b %Y").to_string());
        }
        assert_eq!(
            uk_short(NaiveDate::from_ymd_opt(2026, 2, 4).unwrap()),
            "Wed 4 Feb 2026"
        );
    }

    #[test]
    fn counts_read_with_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(10_485_760), "10,485,760");
        assert_eq!(plural(1, "case"), "1 case");
        assert_eq!(plural(0, "case"), "0 cases");
    }

    #[test]
    fn impossible_dates_are_explained() {
        assert_eq!(
            parse_day("2026-02-30").unwrap_err().to_string(),
            "impossible date 2026-02-30: February 2026 has 28 days"
        );
        assert_eq!(
            parse_day("2026-13-01").unwrap_err().to_string(),
            "impossible date 2026-13-01: there is no month 13"
        );
        assert!(parse_day("01/02/2026").is_err());
        assert!(
            parse_day("yes")
                .unwrap_err()
                .to_string()
                .contains("expected YYYY-MM-DD")
        );
        assert_eq!(
            parse_day("2024-02-29").unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(month_name(13), "");
    }
}
