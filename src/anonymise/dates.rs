//! Owns dates in text: finding them in the usual British and ISO writings
//! (07/03/2019, 7/3/19, 07-03-2019, 07.03.2019, 7 March 2019, 7th of Mar 2019,
//! March 7th, 2019, 2019-03-07, March 2019), recognising registered dates of
//! birth among them, turning a date of birth into an age, and coarsening other
//! dates to the month or year that `DatePolicy` asks for. Numeric dates are
//! read day first, as in the UK. It must not touch names or other patterns;
//! dates it leaves alone are marked `Protect` so that a month such as "May"
//! inside a date is not mistaken for a person called May.

use super::scan::scan;
use super::spans::{Candidate, Role};
use super::types::{DatePolicy, Kind};
use crate::wording::MONTHS as MONTH_NAMES;
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const MONTHS: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const ORDINAL: &str = r"(?:st|nd|rd|th)?";
const YEAR: &str = r"['’]?([0-9]{4}|[0-9]{2})";
// White space inside a date is bounded so that every date lies within
// `scan::MARGIN` bytes of one of its digits.
const WS0: &str = r"\s{0,40}";
const WS1: &str = r"\s{1,40}";

/// The five writings, in the order they are tried on a found span.
fn forms() -> [String; 5] {
    [
        r"([0-9]{4})[\-/.]([0-9]{1,2})[\-/.]([0-9]{1,2})".to_string(),
        r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4}|[0-9]{2})".to_string(),
        format!(r"([0-9]{{1,2}}){ORDINAL}{WS0}(?:of{WS1})?{MONTHS}\.?(?:,{WS0}|{WS1}){YEAR}"),
        format!(r"{MONTHS}\.?{WS0}([0-9]{{1,2}}){ORDINAL}(?:,{WS0}|{WS1}){YEAR}"),
        format!(r"{MONTHS}\.?,?{WS1}([0-9]{{4}})"),
    ]
}

// The `expect`s below run on constant patterns that the unit tests compile,
// so they cannot fail at run time.

/// All five writings in one automaton, so the text is scanned once.
static FIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("(?i){}", forms().join("|"))).expect("constant date regex")
});

/// Each writing anchored, to read the parts of a span that `FIND` found.
static PARSE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    forms()
        .iter()
        .map(|f| Regex::new(&format!("(?i)^(?:{f})$")).expect("constant date regex"))
        .collect()
});

/// A date as written: the year may have two digits, the day may be absent.
#[derive(Debug, PartialEq)]
struct Written {
    day: Option<u32>,
    month: u32,
    year: i32,
    two_digit_year: bool,
}

impl Written {
    /// Expands a two-digit year as chrono's `%y` does: 00-68 are 2000s.
    fn full_year(&self) -> i32 {
        match (self.two_digit_year, self.year) {
            (true, y) if y <= 68 => 2000 + y,
            (true, y) => 1900 + y,
            (false, y) => y,
        }
    }

    fn is(&self, dob: &NaiveDate) -> bool {
        let year_ok = if self.two_digit_year {
            dob.year().rem_euclid(100) == self.year
        } else {
            dob.year() == self.year
        };
        year_ok && self.day == Some(dob.day()) && self.month == dob.month()
    }
}

fn month_number(name: &str) -> Option<u32> {
    let key = name.get(..3)?.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| *m == key)
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn parse(span: &str) -> Option<Written> {
    let (form, caps) = PARSE
        .iter()
        .enumerate()
        .find_map(|(i, re)| re.captures(span).map(|c| (i, c)))?;
    let get = |i: usize| caps.get(i).map_or("", |m| m.as_str());
    let num = |i: usize| get(i).parse::<u32>().ok();
    let (day, month, year) = match form {
        0 => (num(3), num(2)?, get(1)),
        1 => (num(1), num(2)?, get(3)),
        2 => (num(1), month_number(get(2))?, get(3)),
        3 => (num(2), month_number(get(1))?, get(3)),
        _ => (None, month_number(get(1))?, get(2)),
    };
    Some(Written {
        day,
        month,
        year: year.parse().ok()?,
        two_digit_year: year.len() == 2,
    })
}

/// Refuses a date glued to a word, or one that is only part of a longer
/// dotted or slashed number such as a version "1.2.3.2019".
fn bounded(text: &str, start: usize, end: usize) -> bool {
    let joiner = |c: char| matches!(c, '/' | '.' | '-');
    let before = text.get(..start).unwrap_or_default();
    let mut back = before.chars().rev();
    let glued_before = match (back.next(), back.next()) {
        (Some(c), _) if c.is_alphanumeric() => true,
        (Some(c), Some(d)) => joiner(c) && d.is_ascii_digit(),
        _ => false,
    };
    let mut ahead = text.get(end..).unwrap_or_default().chars();
    let glued_after = match (ahead.next(), ahead.next()) {
        (Some(c), _) if c.is_alphanumeric() => true,
        (Some(c), Some(d)) => joiner(c) && d.is_ascii_digit(),
        _ => false,
    };
    !glued_before && !glued_after
}

/// Says how old someone born on `dob` is on `reference`: whole years from
/// two, whole months below that. Without a reference date, or with one
/// before the birth, only says that a date of birth was here.
pub(crate) fn age_text(dob: NaiveDate, reference: Option<NaiveDate>) -> String {
    let Some(r) = reference.filter(|r| *r >= dob) else {
        return "[date of birth]".to_string();
    };
    let months = (r.year() - dob.year()) * 12 + r.month() as i32
        - dob.month() as i32
        - i32::from(r.day() < dob.day());
    match months {
        m if m >= 24 => format!("[aged {}]", m / 12),
        0 => "[aged under 1 month]".to_string(),
        1 => "[aged 1 month]".to_string(),
        m => format!("[aged {m} months]"),
    }
}

/// Finds dates in `text` (within its digit `windows`) and proposes what to
/// do with each.
pub(crate) fn detect(
    text: &str,
    windows: &[Range<usize>],
    dobs: &[NaiveDate],
    policy: DatePolicy,
    reference: Option<NaiveDate>,
    out: &mut Vec<Candidate>,
) {
    scan(&FIND, text, windows, |found| {
        let (start, end) = (found.start, found.end);
        let w = parse(text.get(found.clone())?).filter(|_| bounded(text, start, end))?;
        if let Some((is_dob, role)) = role_for(&w, dobs, policy, reference) {
            let kind = if is_dob {
                Kind::DateOfBirth
            } else {
                Kind::Date
            };
            let mut candidate = Candidate::new(found, kind, role);
            candidate.path_form = path_form(&w, policy).filter(|_| !is_dob);
            out.push(candidate);
        }
        Some(end)
    });
}

/// Writes a date cut by the policy the way file names write dates
/// ("2026-01", "2026"), where "January 2026" would not do.
fn path_form(w: &Written, policy: DatePolicy) -> Option<String> {
    let year = w.full_year();
    match policy {
        DatePolicy::Month if w.day.is_some() && !w.two_digit_year => {
            Some(format!("{year}-{:02}", w.month))
        }
        DatePolicy::Year if !w.two_digit_year => Some(year.to_string()),
        _ => None,
    }
}

/// Decides a date's fate; the flag says whether it is a date of birth.
/// Returns `None` for impossible dates such as 31/02/2019.
fn role_for(
    w: &Written,
    dobs: &[NaiveDate],
    policy: DatePolicy,
    reference: Option<NaiveDate>,
) -> Option<(bool, Role)> {
    if let Some(dob) = dobs.iter().find(|d| w.is(d)) {
        return Some((true, Role::Replace(age_text(*dob, reference))));
    }
    let year = w.full_year();
    NaiveDate::from_ymd_opt(year, w.month, w.day.unwrap_or(1))?;
    let month = MONTH_NAMES.get(usize::try_from(w.month).ok()?.checked_sub(1)?)?;
    // Two-digit years are too easily something else ("7 March 19 staff") to
    // rewrite; they are only ever matched against dates of birth.
    let role = match policy {
        DatePolicy::Month if w.day.is_some() && !w.two_digit_year => {
            Role::Replace(format!("{month} {year}"))
        }
        DatePolicy::Year if !w.two_digit_year => Role::Replace(year.to_string()),
        _ => Role::Protect,
    };
    Some((false, role))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn run(
        text: &str,
        policy: DatePolicy,
        reference: Option<NaiveDate>,
    ) -> Vec<(String, Kind, Role)> {
        let mut out = Vec::new();
        let windows = super::super::scan::digit_windows(text);
        detect(
            text,
            &windows,
            &[d(2019, 3, 7)],
            policy,
            reference,
            &mut out,
        );
        out.into_iter()
            .map(|c| (text[c.range].to_string(), c.kind, c.role))
            .collect()
    }

    #[test]
    fn date_regexes_compile() {
        assert_eq!(PARSE.len(), 5);
        assert!(FIND.is_match("7 March 2019"));
    }

    #[test]
    fn date_of_birth_in_every_writing() {
        let writings = [
            "07/03/2019",
            "7/3/19",
            "7/3/2019",
            "07-03-2019",
            "07.03.2019",
            "7 March 2019",
            "7th March 2019",
            "7 Mar 2019",
            "March 7, 2019",
            "March 7th 2019",
            "2019-03-07",
            "7th of March, 2019",
            "7 MARCH 2019",
            "7 Mar. 2019",
            "March 7th, 2019",
            "7 March '19",
            "7\nMarch\n2019",
        ];
        for w in writings {
            let found = run(&format!("born {w}."), DatePolicy::Keep, None);
            assert_eq!(found.len(), 1, "{w}: {found:?}");
            assert_eq!(found[0].0, w);
            assert_eq!(found[0].1, Kind::DateOfBirth, "{w}");
            assert_eq!(found[0].2, Role::Replace("[date of birth]".into()));
        }
    }

    #[test]
    fn ages_at_the_reference_date() {
        let dob = d(2019, 3, 7);
        assert_eq!(age_text(dob, Some(d(2026, 1, 15))), "[aged 6]");
        assert_eq!(age_text(dob, Some(d(2026, 3, 7))), "[aged 7]");
        assert_eq!(age_text(dob, Some(d(2020, 5, 10))), "[aged 14 months]");
        assert_eq!(age_text(dob, Some(d(2019, 4, 7))), "[aged 1 month]");
        assert_eq!(age_text(dob, Some(d(2019, 3, 20))), "[aged under 1 month]");
        assert_eq!(age_text(dob, Some(d(2021, 3, 6))), "[aged 23 months]");
        assert_eq!(age_text(dob, Some(d(2021, 3, 7))), "[aged 2]");
        assert_eq!(age_text(dob, Some(d(2018, 1, 1))), "[date of birth]");
        assert_eq!(age_text(dob, None), "[date of birth]");
        let found = run("DOB 7/3/2019", DatePolicy::Keep, Some(d(2026, 1, 15)));
        assert_eq!(found[0].2, Role::Replace("[aged 6]".into()));
    }

    #[test]
    fn other_dates_follow_the_policy() {
        let text = "Seen 12 April 2024, 2024-05-01 and 01/06/2024; plan in May 2024.";
        let keep = run(text, DatePolicy::Keep, None);
        assert!(
            keep.iter()
                .all(|(_, k, r)| *k == Kind::Date && *r == Role::Protect),
            "{keep:?}"
        );
        assert_eq!(keep.len(), 4);
        let month: Vec<Role> = run(text, DatePolicy::Month, None)
            .into_iter()
            .map(|f| f.2)
            .collect();
        assert_eq!(
            month,
            [
                Role::Replace("April 2024".into()),
                Role::Replace("May 2024".into()),
                Role::Replace("June 2024".into()),
                Role::Protect
            ]
        );
        let year: Vec<Role> = run(text, DatePolicy::Year, None)
            .into_iter()
            .map(|f| f.2)
            .collect();
        assert!(
            year.iter().all(|r| *r == Role::Replace("2024".into())),
            "{year:?}"
        );
    }

    #[test]
    fn non_dates_are_ignored() {
        for text in [
            "31/02/2019",
            "1.2.3.2019",
            "v07.03.2019",
            "10:30",
            "WSCP-2026-003",
            "13/13/2019",
            "summary 2019",
        ] {
            assert!(run(text, DatePolicy::Month, None).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_different_day_is_not_the_date_of_birth() {
        let found = run("8/3/2019 and 7/3/2018 and 3/7/2019", DatePolicy::Keep, None);
        assert!(found.iter().all(|f| f.1 == Kind::Date), "{found:?}");
    }
}
