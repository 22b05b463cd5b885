//! Civil dates as records write them: `Date` (a day), `PartialDate` (day, month or year
//! precision, for chronologies) and `ClockTime` ("14:30").
//!
//! Parsing gives messages a panel member understands ("2026-02-30 is not a date:
//! February 2026 has 28 days") rather than chrono's. No clock is read here.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use schemars::transform::Transform;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::StringKind;

use crate::wording::{DateError, month_name, parse_day, shorten};

/// A calendar day written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Deref for Date {
    type Target = NaiveDate;
    fn deref(&self) -> &NaiveDate {
        &self.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, DateError> {
        parse_day(s.trim()).map(Date)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Date, E> {
                Err(E::custom(format!(
                    "invalid date: `{v}` is not a date, expected YYYY-MM-DD"
                )))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
                Err(E::custom(format!(
                    "invalid date: `{v}` is not a date, expected YYYY-MM-DD"
                )))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
                self.visit_i64(v as i64)
            }
        }
        d.deserialize_any(V)
    }
}

/// Marks a date's schema as a date, never free text (see `model::text`).
fn date_kind(mut schema: Schema) -> Schema {
    StringKind::Date.transform(&mut schema);
    schema
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        date_kind(json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A date written YYYY-MM-DD"
        }))
    }
}

/// How precisely a chronology date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A known day.
    Day,
    /// Only the month is known.
    Month,
    /// Only the year is known.
    Year,
}

/// A chronology date: `2025-11-03`, `2025-11` or `2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartialDate {
    /// A day.
    Day(NaiveDate),
    /// A month of a year.
    Month(i32, u32),
    /// A year.
    Year(i32),
}

impl PartialDate {
    /// Returns the first day of the period, used for sorting.
    pub fn start(&self) -> NaiveDate {
        match *self {
            PartialDate::Day(d) => d,
            PartialDate::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN),
            PartialDate::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MIN),
        }
    }

    /// Returns the precision.
    pub fn precision(&self) -> Precision {
        match self {
            PartialDate::Day(_) => Precision::Day,
            PartialDate::Month(..) => Precision::Month,
            PartialDate::Year(_) => Precision::Year,
        }
    }

    /// Writes the date as people read it: "3 Nov 2025", "Nov 2025" or "2025".
    pub fn display_uk(&self) -> String {
        match *self {
            PartialDate::Day(d) => d.format("%-d %b %Y").to_string(),
            PartialDate::Month(y, m) => {
                format!("{} {y}", &month_name(m)[..3.min(month_name(m).len())])
            }
            PartialDate::Year(y) => y.to_string(),
        }
    }

    /// Reduces the date to month or year precision (for publication).
    pub fn coarsen(&self, precision: Precision) -> PartialDate {
        let start = self.start();
        match (precision, self.precision()) {
            (Precision::Year, _) => PartialDate::Year(start.year()),
            (Precision::Month, Precision::Day) => PartialDate::Month(start.year(), start.month()),
            _ => *self,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            PartialDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            PartialDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Year(y) => write!(f, "{y:04}"),
        }
    }
}

impl FromStr for PartialDate {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, DateError> {
        let s = s.trim();
        let digits = |p: &str, len: usize| p.len() == len && p.bytes().all(|b| b.is_ascii_digit());
        let parts: Vec<&str> = s.split('-').collect();
        match parts.as_slice() {
            [y] if digits(y, 4) => Ok(PartialDate::Year(
                y.parse().map_err(|_| DateError(s.to_string()))?,
            )),
            [y, m] if digits(y, 4) && digits(m, 2) => {
                let year: i32 = y.parse().map_err(|_| DateError(s.to_string()))?;
                let month: u32 = m.parse().map_err(|_| DateError(s.to_string()))?;
                if (1..=12).contains(&month) {
                    Ok(PartialDate::Month(year, month))
                } else {
                    Err(DateError(format!(
                        "impossible date {s}: there is no month {month}"
                    )))
                }
            }
            [_, _, _] => parse_day(s).map(PartialDate::Day),
            _ => Err(DateError(format!(
                "invalid date `{}`: expected YYYY-MM-DD, YYYY-MM or YYYY",
                shorten(s)
            ))),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD, YYYY-MM or YYYY")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
                v.to_string().parse().map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
                v.to_string().parse().map_err(E::custom)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<PartialDate, E> {
                Err(E::custom(format!("invalid date: `{v}` is not a date")))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> Cow<'static, str> {
        "PartialDate".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        date_kind(json_schema!({
            "description": "A date of day, month or year precision: YYYY-MM-DD, YYYY-MM or YYYY",
            "anyOf": [
                {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999}
            ]
        }))
    }
}

/// A time of day written `HH:MM` (24-hour clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    /// Hour, 0–23.
    pub hour: u32,
    /// Minute, 0–59.
    pub minute: u32,
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl FromStr for ClockTime {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, DateError> {
        let bad = || {
            DateError(format!(
                "invalid time `{}`: expected HH:MM on the 24-hour clock",
                shorten(s)
            ))
        };
        let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return Err(bad());
        }
        let hour: u32 = h.parse().map_err(|_| bad())?;
        let minute: u32 = m.parse().map_err(|_| bad())?;
        if hour > 23 || minute > 59 {
            return Err(bad());
        }
        Ok(ClockTime { hour, minute })
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(de::Error::custom)
    }
}

impl JsonSchema for ClockTime {
    fn schema_name() -> Cow<'static, str> {
        "ClockTime".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        date_kind(
            json_schema!({"type": "string", "pattern": "^[0-2]?[0-9]:[0-5][0-9]$", "description": "HH:MM, 24-hour clock"}),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates() {
        let d: PartialDate = "2025-11".parse().unwrap();
        assert_eq!(d.precision(), Precision::Month);
        assert_eq!(d.display_uk(), "Nov 2025");
        assert_eq!(d.start(), NaiveDate::from_ymd_opt(2025, 11, 1).unwrap());
        assert_eq!("2025".parse::<PartialDate>().unwrap().display_uk(), "2025");
        assert_eq!(
            "2025-11-03".parse::<PartialDate>().unwrap().display_uk(),
            "3 Nov 2025"
        );
        assert!("2025-1".parse::<PartialDate>().is_err());
    }

    #[test]
    fn clock_times() {
        assert_eq!("14:30".parse::<ClockTime>().unwrap().to_string(), "14:30");
        assert_eq!("9:05".parse::<ClockTime>().unwrap().to_string(), "09:05");
        assert!("25:00".parse::<ClockTime>().is_err());
        assert!("1430".parse::<ClockTime>().is_err());
    }
}
