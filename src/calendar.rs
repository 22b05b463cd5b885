//! UK working-day arithmetic for case-review deadlines. This module owns the
//! bank-holiday data (GOV.UK's `bank-holidays.json`, embedded at build time or
//! supplied by the user in the same format), the notion of a working day
//! (Monday to Friday, not a bank holiday of the chosen division, not an
//! organisation closure) and every date calculation built on it, including
//! the record of which years past the data a calculation had to assume
//! "weekends only" for. It must not do I/O beyond the embedded file, read
//! the clock, print, or panic on any date or count it is given: every chrono
//! operation that can overflow is checked and reported as a
//! [`CalendarError`]. Deciding what to warn about, and when, is the caller's.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;
use std::sync::{Mutex, OnceLock, PoisonError};

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Deserializer, Serialize};

/// The GOV.UK file compiled into the binary, so the tool works offline.
const EMBEDDED_JSON: &str = include_str!("../data/bank-holidays.json");

/// Describes why a calendar could not be built or a date could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// Reports arithmetic that would leave the dates chrono can represent.
    #[error("{anchor} moved by {offset} {unit} falls outside the supported date range")]
    DateOutOfRange {
        /// The date the calculation started from.
        anchor: NaiveDate,
        /// The signed amount that was added.
        offset: i64,
        /// The unit of `offset` ("working days", "days", "weeks", "months" or "years").
        unit: &'static str,
    },
    /// Reports a division name other than the three GOV.UK ones.
    #[error(
        "unknown division {0:?}: expected one of \"england-and-wales\", \"scotland\", \"northern-ireland\""
    )]
    UnknownDivision(String),
    /// Reports a holiday file that is not valid JSON in GOV.UK's format.
    #[error("bad holiday JSON at line {line}, column {column}: {message}")]
    BadHolidayJson {
        /// The 1-based line serde_json stopped at (0 if it has no position).
        line: usize,
        /// The 1-based column serde_json stopped at (0 if it has no position).
        column: usize,
        /// serde_json's description of the problem, without the position.
        message: String,
    },
    /// Reports a holiday file whose division has no events, so it has no coverage.
    #[error("holiday file has no events for {0}")]
    NoHolidays(Division),
}

/// Names one of the three GOV.UK bank-holiday divisions of the UK.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Division {
    /// England and Wales (`england-and-wales`).
    EnglandAndWales,
    /// Scotland (`scotland`).
    Scotland,
    /// Northern Ireland (`northern-ireland`).
    NorthernIreland,
}

impl Division {
    /// Lists every division, in GOV.UK's file order.
    pub const ALL: [Division; 3] = [
        Division::EnglandAndWales,
        Division::Scotland,
        Division::NorthernIreland,
    ];

    /// Returns the kebab-case name GOV.UK uses for the division.
    pub fn as_str(self) -> &'static str {
        match self {
            Division::EnglandAndWales => "england-and-wales",
            Division::Scotland => "scotland",
            Division::NorthernIreland => "northern-ireland",
        }
    }

    fn index(self) -> usize {
        match self {
            Division::EnglandAndWales => 0,
            Division::Scotland => 1,
            Division::NorthernIreland => 2,
        }
    }
}

impl fmt::Display for Division {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Division {
    type Err = CalendarError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Division::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| CalendarError::UnknownDivision(s.to_owned()))
    }
}

// The file's shape. Fields we do not use (`division`, `notes`, `bunting`) are
// ignored so that GOV.UK can add fields without breaking users' files.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawFile {
    england_and_wales: RawDivision,
    scotland: RawDivision,
    northern_ireland: RawDivision,
}

#[derive(Deserialize)]
struct RawDivision {
    events: Vec<RawEvent>,
}

#[derive(Deserialize)]
struct RawEvent {
    title: String,
    #[serde(deserialize_with = "date_from_iso")]
    date: NaiveDate,
}

// Parsing inside serde (rather than afterwards) lets serde_json attach the
// line and column of a bad date to the error.
fn date_from_iso<'de, D: Deserializer<'de>>(de: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(de)?;
    text.parse()
        .map_err(|e| serde::de::Error::custom(format!("invalid date {text:?}: {e}")))
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct DivisionHolidays {
    /// Sorted by date, one entry per date.
    events: Vec<(NaiveDate, String)>,
    first_year: i32,
    last_year: i32,
}

/// Holds parsed GOV.UK bank-holiday data for all three divisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidaySource {
    divisions: [DivisionHolidays; 3],
}

impl HolidaySource {
    /// Returns the data embedded from `data/bank-holidays.json`, parsed once per process.
    pub fn embedded() -> &'static HolidaySource {
        static SOURCE: OnceLock<HolidaySource> = OnceLock::new();
        SOURCE.get_or_init(|| match HolidaySource::from_json(EMBEDDED_JSON) {
            Ok(source) => source,
            // Not reachable from user input: the file is fixed at build time
            // and the `embedded_data_parses` test guards it.
            Err(e) => panic!("embedded data/bank-holidays.json is invalid: {e}"),
        })
    }

    /// Parses a file in GOV.UK's format, such as a newer download supplied by a user.
    pub fn from_json(text: &str) -> Result<HolidaySource, CalendarError> {
        let raw: RawFile = serde_json::from_str(text).map_err(|e| {
            let (line, column) = (e.line(), e.column());
            let full = e.to_string();
            let suffix = format!(" at line {line} column {column}");
            let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
            CalendarError::BadHolidayJson {
                line,
                column,
                message,
            }
        })?;
        let build = |division: Division, raw: RawDivision| {
            let mut events: Vec<(NaiveDate, String)> =
                raw.events.into_iter().map(|e| (e.date, e.title)).collect();
            // A stable sort keeps the first title given for a date.
            events.sort_by_key(|(date, _)| *date);
            events.dedup_by_key(|(date, _)| *date);
            match (events.first(), events.last()) {
                (Some((first, _)), Some((last, _))) => Ok(DivisionHolidays {
                    first_year: first.year(),
                    last_year: last.year(),
                    events,
                }),
                _ => Err(CalendarError::NoHolidays(division)),
            }
        };
        Ok(HolidaySource {
            divisions: [
                build(Division::EnglandAndWales, raw.england_and_wales)?,
                build(Division::Scotland, raw.scotland)?,
                build(Division::NorthernIreland, raw.northern_ireland)?,
            ],
        })
    }

    /// Returns the first year that has a holiday listed for the division.
    pub fn first_year(&self, division: Division) -> i32 {
        self.divisions[division.index()].first_year
    }

    /// Returns the last year that has a holiday listed for the division.
    pub fn last_year(&self, division: Division) -> i32 {
        self.divisions[division.index()].last_year
    }
}

/// Answers working-day questions for one division and set of closures.
///
/// It is built once per command and shared between threads: it is `Sync`,
/// and the only state that changes is the record of years past the data.
#[derive(Debug)]
pub struct WorkingCalendar {
    division: Division,
    first_year: i32,
    last_year: i32,
    /// Weekdays that are not working days (bank holidays and closures),
    /// sorted and deduplicated. Weekend entries are left out, so that
    /// "working days = weekdays - exceptions" holds for any interval and
    /// counting is two binary searches instead of a walk.
    exceptions: Vec<NaiveDate>,
    /// Every holiday of the division with its title, sorted by date.
    names: Vec<(NaiveDate, String)>,
    /// Years outside the data that some calculation classified days in.
    beyond: Mutex<BTreeSet<i32>>,
}

impl WorkingCalendar {
    /// Builds the calendar for `division`, treating each of `closures` as a non-working day.
    pub fn new(source: &HolidaySource, division: Division, closures: &[NaiveDate]) -> Self {
        let holidays = &source.divisions[division.index()];
        let mut exceptions: Vec<NaiveDate> = holidays
            .events
            .iter()
            .map(|(date, _)| *date)
            .chain(closures.iter().copied())
            .filter(|d| is_weekday(*d))
            .collect();
        exceptions.sort_unstable();
        exceptions.dedup();
        WorkingCalendar {
            division,
            first_year: holidays.first_year,
            last_year: holidays.last_year,
            exceptions,
            names: holidays.events.clone(),
            beyond: Mutex::new(BTreeSet::new()),
        }
    }

    /// Returns the division whose bank holidays the calendar uses.
    pub fn division(&self) -> Division {
        self.division
    }

    /// Tells whether `d` is Monday to Friday, not a bank holiday and not a closure.
    ///
    /// A date outside the data is judged by weekends and closures only, and its year is recorded.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        self.note_years(d, d);
        self.is_working(d)
    }

    /// Returns the title of the division's bank holiday on `d`, if there is one.
    pub fn holiday_name(&self, d: NaiveDate) -> Option<&str> {
        self.names
            .binary_search_by_key(&d, |(date, _)| *date)
            .ok()
            .and_then(|i| self.names.get(i))
            .map(|(_, title)| title.as_str())
    }

    /// Returns the `n`-th working day strictly after `anchor` (before it when `n` is negative).
    ///
    /// The anchor is day 0 whatever it is, even a weekend or holiday, so
    /// `n == 0` returns `anchor` unchanged and Saturday + 1 is Monday.
    pub fn add_working_days(&self, anchor: NaiveDate, n: i64) -> Result<NaiveDate, CalendarError> {
        if n == 0 {
            return Ok(anchor);
        }
        let out_of_range = || CalendarError::DateOutOfRange {
            anchor,
            offset: n,
            unit: "working days",
        };
        // Jump over `remaining` weekdays, then count the exceptions jumped
        // over: each needs one more working day beyond the landing point.
        // The intervals are disjoint, so this ends after at most one pass per
        // exception, and usually after one or two.
        let (mut cur, mut remaining) = (anchor, n);
        let result = loop {
            let cand = shift_weekdays(cur, remaining).ok_or_else(out_of_range)?;
            let skipped = if n > 0 {
                self.exceptions_through(cand) - self.exceptions_through(cur)
            } else {
                self.exceptions_below(cur) - self.exceptions_below(cand)
            };
            if skipped == 0 {
                break cand;
            }
            cur = cand;
            remaining = if n > 0 { skipped } else { -skipped };
        };
        if n > 0 {
            self.note_years(anchor.succ_opt().unwrap_or(result), result);
        } else {
            self.note_years(result, anchor.pred_opt().unwrap_or(result));
        }
        Ok(result)
    }

    /// Adds `n` calendar days, then moves forward to the next working day if needed.
    pub fn add_days(&self, anchor: NaiveDate, n: i64) -> Result<NaiveDate, CalendarError> {
        let days = Days::new(n.unsigned_abs());
        let naive = if n >= 0 {
            anchor.checked_add_days(days)
        } else {
            anchor.checked_sub_days(days)
        };
        let naive = naive.ok_or(CalendarError::DateOutOfRange {
            anchor,
            offset: n,
            unit: "days",
        })?;
        self.next_working_day_on_or_after(naive)
    }

    /// Adds `7 * n` calendar days, then moves forward to the next working day if needed.
    pub fn add_weeks(&self, anchor: NaiveDate, n: i64) -> Result<NaiveDate, CalendarError> {
        let days = n.checked_mul(7).ok_or(CalendarError::DateOutOfRange {
            anchor,
            offset: n,
            unit: "weeks",
        })?;
        self.add_days(anchor, days)
    }

    /// Adds `n` calendar months, then moves forward to the next working day if needed.
    ///
    /// A day that the target month lacks clamps to its last day, so
    /// 31 January + 1 month is 28 (or 29) February before moving forward.
    pub fn add_months(&self, anchor: NaiveDate, n: i64) -> Result<NaiveDate, CalendarError> {
        self.add_months_as(anchor, n, n, "months")
    }

    /// Adds `12 * n` months (29 February + 1 year is 28 February), then moves forward if needed.
    pub fn add_years(&self, anchor: NaiveDate, n: i64) -> Result<NaiveDate, CalendarError> {
        let months = n.checked_mul(12).ok_or(CalendarError::DateOutOfRange {
            anchor,
            offset: n,
            unit: "years",
        })?;
        self.add_months_as(anchor, months, n, "years")
    }

    // Keeps the caller's own amount and unit in the error message.
    fn add_months_as(
        &self,
        anchor: NaiveDate,
        months: i64,
        offset: i64,
        unit: &'static str,
    ) -> Result<NaiveDate, CalendarError> {
        let naive = u32::try_from(months.unsigned_abs())
            .ok()
            .and_then(|m| {
                // chrono clamps to the month's last day, which is the rule we want.
                if months >= 0 {
                    anchor.checked_add_months(Months::new(m))
                } else {
                    anchor.checked_sub_months(Months::new(m))
                }
            })
            .ok_or(CalendarError::DateOutOfRange {
                anchor,
                offset,
                unit,
            })?;
        self.next_working_day_on_or_after(naive)
    }

    /// Returns `d` if it is a working day, otherwise the first working day after it.
    pub fn next_working_day_on_or_after(&self, d: NaiveDate) -> Result<NaiveDate, CalendarError> {
        // Each step passes a weekend day or an exception, so the walk is
        // bounded by 2 + the longest run of consecutive exceptions.
        let mut cur = d;
        while !self.is_working(cur) {
            cur = cur.succ_opt().ok_or(CalendarError::DateOutOfRange {
                anchor: d,
                offset: 0,
                unit: "days",
            })?;
        }
        self.note_years(d, cur);
        Ok(cur)
    }

    /// Counts the working days from `from` to `to`, signed: how far `to` lies ahead of
    /// (positive) or behind (negative) someone standing on `from`.
    ///
    /// Ahead (`to > from`) it is the number of working days in `(from, to]`. Behind
    /// (`to < from`) it is minus the number in `(to, next]`, where `next` is `from` when
    /// `from` is a working day and the next working day after it otherwise: a day that
    /// is not a working day stands between two working days, and what is behind it
    /// counts to the next one. It is 0 when they are equal. So:
    ///
    /// - whatever day either date falls on, a date behind is always at least one
    ///   working day behind: an item due on Good Friday is 1 working day overdue on the
    ///   Saturday, on the Tuesday after Easter Monday, and on every day between;
    /// - a weekend changes nothing: a Friday deadline is 1 working day overdue on
    ///   Saturday, Sunday and Monday alike, and a Monday deadline 1 working day ahead
    ///   seen on the Friday, Saturday or Sunday before;
    /// - for every `n`, `working_days_between(a, add_working_days(a, n)?) == n`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to > from {
            self.note_years(from.succ_opt().unwrap_or(to), to);
            self.working_days_in(from, to)
        } else if to < from {
            self.note_years(to, from);
            let next = if self.is_working(from) {
                0
            } else {
                // `from` is not a working day: the next one counts too (all the days
                // from `from` up to it are not working days, so it is exactly one more).
                1
            };
            -(self.working_days_in(to, from) + next)
        } else {
            0
        }
    }

    /// Counts the working days in `(from, to]`, for `from < to`.
    fn working_days_in(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let weekdays = weekdays_before(day_index(to) + 1) - weekdays_before(day_index(from) + 1);
        weekdays - (self.exceptions_through(to) - self.exceptions_through(from))
    }

    /// Returns the last year the holiday data covers for this division.
    pub fn covered_until(&self) -> i32 {
        self.last_year
    }

    /// Returns the first year the holiday data covers for this division.
    pub fn covered_from(&self) -> i32 {
        self.first_year
    }

    /// Tells whether `d` falls in a year the holiday data does not cover (after it or before it).
    pub fn beyond_data(&self, d: NaiveDate) -> bool {
        d.year() > self.last_year || d.year() < self.first_year
    }

    /// Returns, in ascending order, every year outside the data that a calculation has touched.
    pub fn years_beyond_data(&self) -> Vec<i32> {
        self.beyond_years().iter().copied().collect()
    }

    fn beyond_years(&self) -> std::sync::MutexGuard<'_, BTreeSet<i32>> {
        // A panic elsewhere while holding the lock cannot leave a set of
        // integers inconsistent, so a poisoned lock is still usable.
        self.beyond.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records the years outside the data among the days `lo..=hi` (in either order).
    fn note_years(&self, lo: NaiveDate, hi: NaiveDate) {
        let (lo, hi) = (lo.min(hi).year(), lo.max(hi).year());
        // The common case, wholly inside the data, never takes the lock.
        if lo >= self.first_year && hi <= self.last_year {
            return;
        }
        let mut years = self.beyond_years();
        years.extend(lo..=hi.min(self.first_year - 1));
        years.extend(lo.max(self.last_year + 1)..=hi);
    }

    fn is_working(&self, d: NaiveDate) -> bool {
        is_weekday(d) && self.exceptions.binary_search(&d).is_err()
    }

    /// Counts exceptions strictly before `d`.
    fn exceptions_below(&self, d: NaiveDate) -> i64 {
        to_i64(self.exceptions.partition_point(|x| *x < d))
    }

    /// Counts exceptions on or before `d`.
    fn exceptions_through(&self, d: NaiveDate) -> i64 {
        to_i64(self.exceptions.partition_point(|x| *x <= d))
    }
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn is_weekday(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Numbers days so that 0 is Monday 1 January 1 CE (chrono's day 1); fits any NaiveDate.
fn day_index(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce()) - 1
}

fn date_at(index: i64) -> Option<NaiveDate> {
    let ce = i32::try_from(index.checked_add(1)?).ok()?;
    NaiveDate::from_num_days_from_ce_opt(ce)
}

/// Counts weekdays in `[0, index)`, negative for negative `index`, so that
/// differences count weekdays in any half-open interval.
fn weekdays_before(index: i64) -> i64 {
    index.div_euclid(7) * 5 + index.rem_euclid(7).min(5)
}

/// Returns the `n`-th weekday strictly after `d` (strictly before it when `n < 0`), in O(1).
fn shift_weekdays(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let index = day_index(d);
    // `ordinal` is the 0-based rank of the target among all weekdays from day 0.
    let ordinal = if n > 0 {
        weekdays_before(index + 1).checked_add(n - 1)?
    } else {
        weekdays_before(index).checked_add(n)?
    };
    let target = ordinal
        .div_euclid(5)
        .checked_mul(7)?
        .checked_add(ordinal.rem_euclid(5))?;
    date_at(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn cal(division: Division) -> WorkingCalendar {
        WorkingCalendar::new(HolidaySource::embedded(), division, &[])
    }

    const EW: Division = Division::EnglandAndWales;

    #[test]
    fn embedded_data_parses() {
        let source = HolidaySource::embedded();
        for division in Division::ALL {
            assert_eq!(source.first_year(division), 2018);
            assert_eq!(source.last_year(division), 2028);
        }
    }

    #[test]
    fn fixed_vectors() {
        let cases = [
            (EW, date(2025, 12, 19), 15, date(2026, 1, 14)),
            (
                Division::Scotland,
                date(2025, 12, 19),
                15,
                date(2026, 1, 15),
            ),
            (EW, date(2026, 3, 27), 15, date(2026, 4, 21)),
            (EW, date(2026, 6, 8), 15, date(2026, 6, 29)),
            (Division::Scotland, date(2026, 6, 8), 15, date(2026, 6, 30)),
            (EW, date(2024, 12, 20), 5, date(2024, 12, 31)),
            (EW, date(2026, 12, 23), 3, date(2026, 12, 30)),
            (EW, date(2026, 1, 14), 15, date(2026, 2, 4)),
        ];
        for (division, anchor, n, want) in cases {
            let c = cal(division);
            assert_eq!(
                c.add_working_days(anchor, n),
                Ok(want),
                "{division} {anchor} + {n}"
            );
            assert_eq!(c.working_days_between(anchor, want), n);
            assert_eq!(c.add_working_days(want, -n), Ok(anchor));
            assert!(c.years_beyond_data().is_empty());
        }
    }

    #[test]
    fn holiday_names_explain_the_vectors() {
        let ew = cal(EW);
        let scot = cal(Division::Scotland);
        assert_eq!(ew.holiday_name(date(2026, 12, 28)), Some("Boxing Day"));
        assert_eq!(scot.holiday_name(date(2026, 1, 2)), Some("2nd January"));
        assert_eq!(ew.holiday_name(date(2026, 1, 2)), None);
        assert_eq!(
            scot.holiday_name(date(2026, 6, 15)),
            Some("World Cup bank holiday")
        );
        assert!(ew.is_working_day(date(2026, 6, 15)));
        assert!(!scot.is_working_day(date(2026, 6, 15)));
        assert_eq!(ew.holiday_name(date(2026, 12, 25)), Some("Christmas Day"));
    }

    #[test]
    fn closures_are_not_working_days() {
        let closures = [date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)];
        let c = WorkingCalendar::new(HolidaySource::embedded(), EW, &closures);
        // Thu 24 Dec is a working day; Fri 25, Mon 28 (Boxing Day substitute),
        // the three closures and Fri 1 Jan are not.
        assert_eq!(
            c.add_working_days(date(2026, 12, 23), 1),
            Ok(date(2026, 12, 24))
        );
        assert_eq!(
            c.add_working_days(date(2026, 12, 23), 2),
            Ok(date(2027, 1, 4))
        );
        assert_eq!(
            c.add_working_days(date(2026, 12, 23), 3),
            Ok(date(2027, 1, 5))
        );
        assert_eq!(
            c.add_working_days(date(2026, 12, 24), 1),
            Ok(date(2027, 1, 4))
        );
        assert!(!c.is_working_day(date(2026, 12, 30)));
        assert_eq!(c.holiday_name(date(2026, 12, 30)), None);
    }

    #[test]
    fn anchor_is_day_zero_whatever_it_is() {
        let c = cal(EW);
        let sat = date(2026, 2, 7);
        assert_eq!(c.add_working_days(sat, 1), Ok(date(2026, 2, 9)));
        assert_eq!(c.add_working_days(sat, 0), Ok(sat));
        assert_eq!(c.add_working_days(sat, -1), Ok(date(2026, 2, 6)));
        // Good Friday as anchor: +1 skips Easter Monday.
        assert_eq!(
            c.add_working_days(date(2026, 4, 3), 1),
            Ok(date(2026, 4, 7))
        );
    }

    #[test]
    fn months_and_years_clamp_then_move_forward() {
        let c = cal(EW);
        assert_eq!(c.add_months(date(2026, 1, 31), 1), Ok(date(2026, 3, 2)));
        assert_eq!(c.add_months(date(2025, 8, 31), 6), Ok(date(2026, 3, 2)));
        assert_eq!(c.add_months(date(2024, 1, 31), 1), Ok(date(2024, 2, 29)));
        assert_eq!(c.add_months(date(2026, 3, 31), -1), Ok(date(2026, 3, 2)));
        assert!(c.years_beyond_data().is_empty());
        assert_eq!(c.add_years(date(2028, 2, 29), 1), Ok(date(2029, 2, 28)));
        assert_eq!(c.years_beyond_data(), vec![2029]);
    }

    #[test]
    fn days_and_weeks_move_forward_over_holidays() {
        let c = cal(EW);
        // Thu 2026-04-02 + 1 day = Good Friday, + Sat, Sun, Easter Monday -> Tue.
        assert_eq!(c.add_days(date(2026, 4, 2), 1), Ok(date(2026, 4, 7)));
        assert_eq!(c.add_days(date(2026, 4, 2), 0), Ok(date(2026, 4, 2)));
        assert_eq!(c.add_days(date(2026, 4, 10), -4), Ok(date(2026, 4, 7)));
        assert_eq!(c.add_weeks(date(2026, 8, 24), 1), Ok(date(2026, 9, 1)));
        assert_eq!(c.add_weeks(date(2026, 1, 5), 2), Ok(date(2026, 1, 19)));
        assert_eq!(
            c.next_working_day_on_or_after(date(2026, 12, 25)),
            Ok(date(2026, 12, 29))
        );
    }

    #[test]
    fn working_days_between_signs() {
        let c = cal(EW);
        let (thu, fri, mon) = (date(2026, 2, 5), date(2026, 2, 6), date(2026, 2, 9));
        assert_eq!(c.working_days_between(thu, fri), 1); // due tomorrow
        assert_eq!(c.working_days_between(fri, fri), 0); // due today
        assert_eq!(c.working_days_between(fri, thu), -1); // due yesterday
        assert_eq!(c.working_days_between(fri, mon), 1); // Monday seen on Friday
        assert_eq!(c.working_days_between(mon, fri), -1); // Friday seen on Monday
        assert_eq!(c.working_days_between(date(2026, 2, 7), mon), 1); // seen on Saturday
        assert_eq!(
            c.working_days_between(date(2025, 12, 24), date(2025, 12, 29)),
            1
        );
        // A weekend changes nothing: due Friday is 1 working day behind all weekend.
        let (sat, sun) = (date(2026, 2, 7), date(2026, 2, 8));
        for seen in [sat, sun, mon] {
            assert_eq!(c.working_days_between(seen, fri), -1, "seen {seen}");
        }
        assert_eq!(c.working_days_between(date(2026, 2, 10), fri), -2);
        // And a Monday is 1 ahead seen on the Friday, Saturday or Sunday before.
        for seen in [fri, sat, sun] {
            assert_eq!(c.working_days_between(seen, mon), 1, "seen {seen}");
        }
    }

    #[test]
    fn good_friday_is_counted_like_any_other_day() {
        let c = cal(EW);
        // Thu 2 Apr 2026, Good Friday 3 Apr, Easter Monday 6 Apr, Tue 7 Apr.
        let good_friday = date(2026, 4, 3);
        assert!(!c.is_working_day(good_friday));
        // Due on Good Friday: the last working day before it is "today" ...
        assert_eq!(c.working_days_between(date(2026, 4, 2), good_friday), 0);
        assert_eq!(c.working_days_between(good_friday, good_friday), 0);
        // ... and once it has passed it is 1 working day behind until a second working
        // day begins: on the Saturday, the Sunday, Easter Monday and the Tuesday.
        for day in 4..=7 {
            assert_eq!(
                c.working_days_between(date(2026, 4, day), good_friday),
                -1,
                "seen on {day} April"
            );
        }
        assert_eq!(c.working_days_between(date(2026, 4, 8), good_friday), -2);
        // Done on Easter Monday for a Maundy Thursday deadline: 1 working day late.
        assert_eq!(
            c.working_days_between(date(2026, 4, 6), date(2026, 4, 2)),
            -1
        );
        // Seen from Thursday, the Tuesday after Easter is the next working day.
        assert_eq!(
            c.working_days_between(date(2026, 4, 2), date(2026, 4, 7)),
            1
        );
    }

    #[test]
    fn past_the_data_is_weekends_only_and_recorded_once() {
        let c = cal(EW);
        assert!(c.beyond_data(date(2029, 1, 1)));
        assert!(c.beyond_data(date(2017, 12, 31)));
        assert!(!c.beyond_data(date(2028, 12, 31)));
        assert_eq!(c.covered_until(), 2028);
        // 1 Jan 2029 is not known to be a holiday, so Fri 29 Dec 2028 + 1 is Mon 1 Jan.
        assert_eq!(
            c.add_working_days(date(2028, 12, 29), 1),
            Ok(date(2029, 1, 1))
        );
        assert_eq!(
            c.add_working_days(date(2029, 3, 1), 10),
            Ok(date(2029, 3, 15))
        );
        assert_eq!(c.add_days(date(2029, 6, 1), 1), Ok(date(2029, 6, 4)));
        assert_eq!(c.years_beyond_data(), vec![2029]);
        // Only the days a calculation classifies count: the anchor itself does not.
        let c = cal(EW);
        assert_eq!(
            c.add_working_days(date(2017, 12, 31), 1),
            Ok(date(2018, 1, 2))
        );
        assert_eq!(
            c.working_days_between(date(2029, 1, 1), date(2029, 1, 1)),
            0
        );
        assert!(c.years_beyond_data().is_empty());
        assert_eq!(
            c.working_days_between(date(2028, 12, 29), date(2030, 1, 1)),
            262
        );
        assert_eq!(c.years_beyond_data(), vec![2029, 2030]);
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        let c = cal(EW);
        let big = [i64::MAX, i64::MIN, i64::MAX / 7, 1 << 40];
        for n in big.into_iter().chain(big.map(|n| n.saturating_neg())) {
            let a = date(2026, 1, 5);
            assert!(matches!(
                c.add_working_days(a, n),
                Err(CalendarError::DateOutOfRange { .. })
            ));
            assert!(c.add_days(a, n).is_err());
            assert!(c.add_weeks(a, n).is_err());
            assert!(c.add_months(a, n).is_err());
            assert!(c.add_years(a, n).is_err());
        }
        // The last representable date is a Monday, so a closure on it has no successor.
        assert_eq!(NaiveDate::MAX.weekday(), Weekday::Mon);
        assert_eq!(
            c.next_working_day_on_or_after(NaiveDate::MAX),
            Ok(NaiveDate::MAX)
        );
        let closed = WorkingCalendar::new(HolidaySource::embedded(), EW, &[NaiveDate::MAX]);
        assert!(closed.next_working_day_on_or_after(NaiveDate::MAX).is_err());
        assert!(closed.add_days(NaiveDate::MAX, 0).is_err());
        assert!(c.add_working_days(NaiveDate::MAX, 1).is_err());
        assert!(c.add_working_days(NaiveDate::MIN, -1).is_err());
        assert!(c.working_days_between(NaiveDate::MIN, NaiveDate::MAX) > 0);
        assert!(c.working_days_between(NaiveDate::MAX, NaiveDate::MIN) < 0);
    }

    #[test]
    fn division_names_round_trip() {
        for division in Division::ALL {
            assert_eq!(division.to_string().parse::<Division>(), Ok(division));
            let json = serde_json::to_string(&division).unwrap();
            assert_eq!(json, format!("\"{division}\""));
            assert_eq!(serde_json::from_str::<Division>(&json).unwrap(), division);
        }
        let err = "wales".parse::<Division>().unwrap_err();
        assert_eq!(err, CalendarError::UnknownDivision("wales".into()));
        let text = err.to_string();
        assert!(
            ["england-and-wales", "scotland", "northern-ireland"]
                .iter()
                .all(|n| text.contains(n))
        );
    }

    #[test]
    fn malformed_json_reports_line_and_column() {
        let err = HolidaySource::from_json("{\n  \"england-and-wales\": {\n    \"events\": [,]\n")
            .unwrap_err();
        let CalendarError::BadHolidayJson {
            line,
            column,
            message,
        } = &err
        else {
            panic!("unexpected {err:?}");
        };
        assert_eq!((*line, *column), (3, 16));
        assert!(!message.contains("line"), "{message}");
        assert!(err.to_string().contains("line 3, column 16"), "{err}");
        // A bad date inside otherwise valid JSON is located too.
        let bad_date = EMBEDDED_JSON.replacen("2018-03-30", "2018-02-30", 1);
        let err = HolidaySource::from_json(&bad_date).unwrap_err();
        assert!(
            matches!(
                err,
                CalendarError::BadHolidayJson {
                    line: 13,
                    column: 28,
                    ..
                }
            ),
            "{err}"
        );
        let empty = r#"{"england-and-wales":{"events":[]},"scotland":{"events":[]},"northern-ireland":{"events":[]}}"#;
        assert_eq!(
            HolidaySource::from_json(empty),
            Err(CalendarError::NoHolidays(Division::EnglandAndWales))
        );
    }

    #[test]
    fn user_file_with_an_extra_year_extends_coverage() {
        let mut value: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).unwrap();
        let events = value["england-and-wales"]["events"].as_array_mut().unwrap();
        events.push(serde_json::json!({
            "title": "New Year’s Day", "date": "2029-01-01", "notes": "", "bunting": true
        }));
        let source = HolidaySource::from_json(&value.to_string()).unwrap();
        assert_eq!(source.last_year(EW), 2029);
        assert_eq!(source.last_year(Division::Scotland), 2028);
        let c = WorkingCalendar::new(&source, EW, &[]);
        assert_eq!(c.covered_until(), 2029);
        assert_eq!(
            c.add_working_days(date(2028, 12, 29), 1),
            Ok(date(2029, 1, 2))
        );
        assert!(c.years_beyond_data().is_empty());
    }

    #[test]
    fn calendar_is_shareable_between_threads() {
        fn assert_sync_send<T: Sync + Send>() {}
        assert_sync_send::<WorkingCalendar>();
        let c = cal(EW);
        std::thread::scope(|s| {
            for i in 0..4 {
                let c = &c;
                s.spawn(move || c.add_working_days(date(2028, 12, 1), 20 + i));
            }
        });
        assert_eq!(c.years_beyond_data(), vec![2029]);
    }

    /// Walks day by day: the obviously correct version to check the fast one against.
    fn reference_add(c: &WorkingCalendar, anchor: NaiveDate, n: i64) -> NaiveDate {
        let mut d = anchor;
        for _ in 0..n.unsigned_abs() {
            loop {
                d = if n > 0 {
                    d.succ_opt().unwrap()
                } else {
                    d.pred_opt().unwrap()
                };
                if c.is_working(d) {
                    break;
                }
            }
        }
        d
    }

    /// Counts day by day, as the doc of `working_days_between` says: ahead, the working
    /// days in `(from, to]`; behind, minus those in `(to, next]`, `next` being `from` or
    /// the first working day after it.
    fn reference_between(c: &WorkingCalendar, from: NaiveDate, to: NaiveDate) -> i64 {
        let count = |lo: NaiveDate, hi: NaiveDate| {
            lo.iter_days()
                .skip(1)
                .take_while(|d| *d <= hi)
                .filter(|d| c.is_working(*d))
                .count() as i64
        };
        if to >= from {
            count(from, to)
        } else {
            let mut next = from;
            while !c.is_working(next) {
                next = next.succ_opt().unwrap();
            }
            -count(to, next)
        }
    }

    fn setup() -> impl Strategy<Value = (WorkingCalendar, NaiveDate, Vec<NaiveDate>)> {
        let base = date(2018, 1, 1);
        (
            prop::sample::select(Division::ALL.to_vec()),
            0u64..(13 * 366),
            prop::collection::vec(-400i64..600, 0..30),
        )
            .prop_map(move |(division, offset, near)| {
                let anchor = base + Days::new(offset);
                // Closures near the anchor, so they are actually crossed.
                let closures: Vec<NaiveDate> = near
                    .into_iter()
                    .map(|k| anchor + chrono::TimeDelta::days(k))
                    .collect();
                let c = WorkingCalendar::new(HolidaySource::embedded(), division, &closures);
                (c, anchor, closures)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn result_is_a_working_day((c, anchor, closures) in setup(), n in 1i64..400) {
            let r = c.add_working_days(anchor, n).unwrap();
            prop_assert!(r > anchor);
            prop_assert!(is_weekday(r));
            prop_assert!(c.holiday_name(r).is_none());
            prop_assert!(!closures.contains(&r));
            prop_assert!(c.is_working_day(r));
            prop_assert_eq!(r, reference_add(&c, anchor, n));
            prop_assert_eq!(c.add_working_days(anchor, -n).unwrap(), reference_add(&c, anchor, -n));
        }

        #[test]
        fn between_inverts_add((c, anchor, _) in setup(), n in -400i64..400) {
            let r = c.add_working_days(anchor, n).unwrap();
            prop_assert_eq!(c.working_days_between(anchor, r), n);
        }

        #[test]
        fn between_matches_counting((c, from, _) in setup(), k in -500i64..500) {
            let to = from + chrono::TimeDelta::days(k);
            prop_assert_eq!(c.working_days_between(from, to), reference_between(&c, from, to));
        }

        #[test]
        fn behind_is_never_zero_and_ahead_never_negative((c, from, _) in setup(), k in -500i64..500) {
            let to = from + chrono::TimeDelta::days(k);
            let n = c.working_days_between(from, to);
            match to.cmp(&from) {
                std::cmp::Ordering::Less => prop_assert!(n <= -1, "{} behind {}: {}", to, from, n),
                std::cmp::Ordering::Equal => prop_assert_eq!(n, 0),
                std::cmp::Ordering::Greater => prop_assert!(n >= 0, "{} ahead of {}: {}", to, from, n),
            }
        }

        #[test]
        fn a_day_off_counts_like_the_working_day_beside_it(
            (c, from, _) in setup(), k in -500i64..500,
        ) {
            prop_assume!(!c.is_working(from));
            let to = from + chrono::TimeDelta::days(k);
            let next = c.next_working_day_on_or_after(from).unwrap();
            let previous = reference_add(&c, from, -1);
            // Behind: as seen from the next working day; ahead: from the one before.
            if to < from {
                prop_assert_eq!(c.working_days_between(from, to), c.working_days_between(next, to));
            }
            if to > from {
                prop_assert_eq!(c.working_days_between(from, to), c.working_days_between(previous, to));
            }
        }

        #[test]
        fn between_is_monotonic((c, from, _) in setup(), a in -300i64..300, b in -300i64..300) {
            prop_assume!(a < b);
            let (early, late) = (from + chrono::TimeDelta::days(a), from + chrono::TimeDelta::days(b));
            // A later due date is never fewer working days away; a later as-of date never more.
            prop_assert!(c.working_days_between(from, early) <= c.working_days_between(from, late));
            prop_assert!(c.working_days_between(early, from) >= c.working_days_between(late, from));
        }

        #[test]
        fn add_is_monotonic((c, anchor, _) in setup(), n in 0i64..400, m in 0i64..400) {
            prop_assume!(n < m);
            prop_assert!(c.add_working_days(anchor, n).unwrap() < c.add_working_days(anchor, m).unwrap());
        }

        #[test]
        fn counting_back_returns_to_a_working_anchor((c, anchor, _) in setup(), n in 0i64..400) {
            let anchor = c.next_working_day_on_or_after(anchor).unwrap();
            let r = c.add_working_days(anchor, n).unwrap();
            prop_assert_eq!(c.add_working_days(r, -n).unwrap(), anchor);
        }

        #[test]
        fn calendar_steps_land_on_working_days_on_or_after_naive(
            (c, anchor, _) in setup(), days in -400i64..400, months in -36i64..36,
        ) {
            let r = c.add_days(anchor, days).unwrap();
            prop_assert!(c.is_working_day(r));
            prop_assert!(r >= anchor + chrono::TimeDelta::days(days));
            prop_assert!(r <= reference_add(&c, anchor + chrono::TimeDelta::days(days), 1));
            let r = c.add_months(anchor, months).unwrap();
            let naive = if months >= 0 {
                anchor.checked_add_months(Months::new(months as u32))
            } else {
                anchor.checked_sub_months(Months::new(months.unsigned_abs() as u32))
            }.unwrap();
            prop_assert!(c.is_working_day(r));
            prop_assert!(r >= naive);
            prop_assert!(r <= reference_add(&c, naive, 1));
        }
    }
}
