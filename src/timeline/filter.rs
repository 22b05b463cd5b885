//! The timeline's filters: `--from`, `--to`, `--agency`, `--kind`, `--person` and
//! `--key-only`. Filters combine with AND; the values of one repeatable filter with OR.
//!
//! Pure: checking that a `--person` id exists in people.yaml is the command's job.
//!
//! - `--from`/`--to` are inclusive, and a partial date is kept when its period
//!   overlaps the range: `2025-11` is kept by `--from 2025-11-20`.
//! - `--agency` compares names case-insensitively, ignoring surrounding spaces.
//!   Entries with no agency (the review's milestones, notes, deadlines, parallel
//!   processes) are left out when it is given.
//! - `--person` keeps entries whose `people` include the id: only chronology entries
//!   name people.
//! - `--key-only` keeps chronology entries marked `significance: key`; other kinds have
//!   no significance, so they are left out.

use chrono::NaiveDate;

use super::{Kind, TimelineEntry, period_end};
use crate::model::PartialDate;

/// Which entries to keep.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Keep entries whose period ends on or after this day.
    pub from: Option<NaiveDate>,
    /// Keep entries whose period starts on or before this day.
    pub to: Option<NaiveDate>,
    /// Keep entries of any of these agencies (empty: all).
    pub agencies: Vec<String>,
    /// Keep entries of any of these kinds (empty: all).
    pub kinds: Vec<Kind>,
    /// Keep entries that involve this person id.
    pub person: Option<String>,
    /// Keep only key practice episodes.
    pub key_only: bool,
}

/// Whether a partial date's period overlaps the inclusive range `from..=to`.
pub fn overlaps(date: PartialDate, from: Option<NaiveDate>, to: Option<NaiveDate>) -> bool {
    from.is_none_or(|f| period_end(date) >= f) && to.is_none_or(|t| date.start() <= t)
}

fn same_agency(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl Filters {
    /// Whether an entry passes every filter.
    pub fn accepts(&self, entry: &TimelineEntry) -> bool {
        overlaps(entry.date, self.from, self.to)
            && (self.agencies.is_empty()
                || entry
                    .agency
                    .as_deref()
                    .is_some_and(|a| self.agencies.iter().any(|w| same_agency(a, w))))
            && (self.kinds.is_empty() || self.kinds.contains(&entry.kind))
            && self
                .person
                .as_deref()
                .is_none_or(|p| entry.people.iter().any(|q| q == p))
            && (!self.key_only || entry.is_key())
    }

    /// Describes the filters in force in words, or `None` when there are none.
    pub fn describe(&self) -> Option<String> {
        let day = |d: NaiveDate| PartialDate::Day(d).display_uk();
        let mut parts = Vec::new();
        if let Some(f) = self.from {
            parts.push(format!("from {}", day(f)));
        }
        if let Some(t) = self.to {
            parts.push(format!("to {}", day(t)));
        }
        if !self.agencies.is_empty() {
            parts.push(format!("agency {}", self.agencies.join(" or ")));
        }
        if !self.kinds.is_empty() {
            let kinds: Vec<&str> = self.kinds.iter().map(Kind::as_str).collect();
            parts.push(format!("kind {}", kinds.join(" or ")));
        }
        if let Some(p) = &self.person {
            parts.push(format!("person {p}"));
        }
        if self.key_only {
            parts.push("key episodes only".to_string());
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// Whether any filter is set.
    pub fn is_active(&self) -> bool {
        self.from.is_some()
            || self.to.is_some()
            || !self.agencies.is_empty()
            || !self.kinds.is_empty()
            || self.person.is_some()
            || self.key_only
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::wording::parse_day(s).unwrap()
    }

    fn p(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_partial_date_is_kept_when_its_period_overlaps_the_range() {
        // November 2025 runs 1–30 November.
        assert!(overlaps(p("2025-11"), Some(d("2025-11-30")), None));
        assert!(!overlaps(p("2025-11"), Some(d("2025-12-01")), None));
        assert!(overlaps(p("2025-11"), None, Some(d("2025-11-01"))));
        assert!(!overlaps(p("2025-11"), None, Some(d("2025-10-31"))));
        // A year overlaps any range that touches it.
        assert!(overlaps(
            p("2025"),
            Some(d("2025-12-31")),
            Some(d("2026-01-05"))
        ));
        assert!(!overlaps(p("2025"), Some(d("2026-01-01")), None));
        // Leap-year February ends on the 29th.
        assert!(overlaps(p("2024-02"), Some(d("2024-02-29")), None));
    }

    #[test]
    fn day_dates_are_inclusive_at_both_ends() {
        let day = p("2025-11-03");
        assert!(overlaps(day, Some(d("2025-11-03")), Some(d("2025-11-03"))));
        assert!(!overlaps(day, Some(d("2025-11-04")), None));
        assert!(!overlaps(day, None, Some(d("2025-11-02"))));
        assert!(overlaps(day, None, None));
    }

    #[test]
    fn agencies_match_whatever_the_case() {
        assert!(same_agency(
            "Greater Manchester Police",
            " greater manchester POLICE"
        ));
        assert!(!same_agency("Police", "Greater Manchester Police"));
    }
}
