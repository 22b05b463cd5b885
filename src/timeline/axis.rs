//! The HTML picture's time axis: maps dates to x positions, month by month, and
//! collapses long stretches with nothing in them into narrow breaks.
//!
//! A chronology often starts with a background entry years before the incident (a
//! conviction in 2023, a care history from 2020). On a plain linear axis those years
//! squeeze the months that matter into a sliver; so every run of more than
//! [`MAX_GAP`] empty months becomes a break of [`BREAK_WIDTH`], drawn and labelled as
//! such. Months that hold only dates known to the year are drawn as the year alone.
//!
//! Pure geometry: no SVG is written here.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

/// Empty months kept on the axis between two months with entries; more become a break.
pub const MAX_GAP: i32 = 2;

/// Width of a break, in the SVG's units.
pub const BREAK_WIDTH: f64 = 22.0;

/// A month as one number: `year * 12 + month - 1`.
pub fn month_index(date: NaiveDate) -> i32 {
    date.year() * 12 + date.month0() as i32
}

/// The first day of a month index.
pub fn month_start(index: i32) -> NaiveDate {
    let year = index.div_euclid(12);
    let month = index.rem_euclid(12) as u32 + 1;
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}

fn days_in(index: i32) -> f64 {
    let this = month_start(index);
    let next = month_start(index + 1);
    ((next - this).num_days().max(1)) as f64
}

/// A run of consecutive months drawn at full scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The first month (a month index).
    pub first: i32,
    /// The last month, inclusive.
    pub last: i32,
    /// Where the first month starts.
    pub x_start: f64,
    /// Where the last month ends.
    pub x_end: f64,
}

/// The axis: segments of months separated by breaks.
#[derive(Debug, Clone)]
pub struct Axis {
    /// The segments, left to right.
    pub segments: Vec<Segment>,
    /// Width of one month, in the SVG's units.
    pub month_width: f64,
    /// Months that hold only dates known to the year: labelled with the year alone.
    pub year_only: BTreeSet<i32>,
}

/// Which months an axis must show.
#[derive(Debug, Clone, Default)]
pub struct Occupied {
    months: BTreeMap<i32, bool>,
}

impl Occupied {
    /// Marks the month of a date; `year_only` when the date is known only to the year.
    pub fn mark(&mut self, date: NaiveDate, year_only: bool) {
        let slot = self.months.entry(month_index(date)).or_insert(true);
        *slot = *slot && year_only;
    }

    /// Marks every month from one date to another, inclusive.
    pub fn mark_range(&mut self, from: NaiveDate, to: NaiveDate) {
        let (a, b) = (month_index(from), month_index(to));
        for m in a.min(b)..=a.max(b) {
            self.months.insert(m, false);
        }
    }

    /// The first and last months marked.
    pub fn bounds(&self) -> Option<(i32, i32)> {
        Some((
            *self.months.keys().next()?,
            *self.months.keys().next_back()?,
        ))
    }
}

impl Axis {
    /// Lays the occupied months out between `x0` and `x0 + width`.
    pub fn new(occupied: &Occupied, x0: f64, width: f64) -> Axis {
        let mut runs: Vec<(i32, i32)> = Vec::new();
        for &m in occupied.months.keys() {
            match runs.last_mut() {
                Some((_, last)) if m - *last - 1 <= MAX_GAP => *last = m,
                _ => runs.push((m, m)),
            }
        }
        let months: i32 = runs.iter().map(|(a, b)| b - a + 1).sum();
        let breaks = runs.len().saturating_sub(1) as f64;
        let month_width = if months > 0 {
            ((width - breaks * BREAK_WIDTH) / f64::from(months)).max(1.0)
        } else {
            width
        };
        let mut x = x0;
        let mut segments = Vec::new();
        for (first, last) in runs {
            let x_end = x + f64::from(last - first + 1) * month_width;
            segments.push(Segment {
                first,
                last,
                x_start: x,
                x_end,
            });
            x = x_end + BREAK_WIDTH;
        }
        let year_only = occupied
            .months
            .iter()
            .filter(|(_, only)| **only)
            .map(|(m, _)| *m)
            .collect();
        Axis {
            segments,
            month_width,
            year_only,
        }
    }

    /// Where a day starts on the axis, or `None` when it falls in a break or outside.
    pub fn x(&self, date: NaiveDate) -> Option<f64> {
        let m = month_index(date);
        let seg = self.segments.iter().find(|s| s.first <= m && m <= s.last)?;
        let into = f64::from(m - seg.first) + f64::from(date.day0()) / days_in(m);
        Some(seg.x_start + into * self.month_width)
    }

    /// Where a day starts, or the nearest edge of the drawn axis when it is not drawn.
    pub fn x_clamped(&self, date: NaiveDate) -> f64 {
        if let Some(x) = self.x(date) {
            return x;
        }
        let m = month_index(date);
        let mut best = self.segments.first().map(|s| s.x_start).unwrap_or(0.0);
        for s in &self.segments {
            if m > s.last {
                best = s.x_end;
            } else if m < s.first {
                break;
            }
        }
        best
    }

    /// Where a day ends (the start of the next day), clamped like [`Axis::x_clamped`].
    pub fn x_end_of(&self, date: NaiveDate) -> f64 {
        let start = self.x_clamped(date);
        match self.x(date) {
            Some(_) => start + self.month_width / days_in(month_index(date)),
            None => start,
        }
    }

    /// The x range of a whole month, if it is drawn.
    pub fn month_span(&self, index: i32) -> Option<(f64, f64)> {
        let seg = self
            .segments
            .iter()
            .find(|s| s.first <= index && index <= s.last)?;
        let start = seg.x_start + f64::from(index - seg.first) * self.month_width;
        Some((start, start + self.month_width))
    }

    /// The breaks between segments: x range and the first and last months left out.
    pub fn breaks(&self) -> Vec<(f64, f64, i32, i32)> {
        self.segments
            .windows(2)
            .map(|w| (w[0].x_end, w[1].x_start, w[0].last + 1, w[1].first - 1))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::wording::parse_day(s).unwrap()
    }

    #[test]
    fn long_empty_stretches_become_breaks() {
        let mut occ = Occupied::default();
        occ.mark(d("2020-01-01"), true);
        occ.mark(d("2025-01-15"), false);
        occ.mark(d("2025-04-02"), false); // two empty months between: kept
        let axis = Axis::new(&occ, 100.0, 500.0);
        assert_eq!(axis.segments.len(), 2);
        assert_eq!(axis.segments[1].first, month_index(d("2025-01-01")));
        assert_eq!(axis.segments[1].last, month_index(d("2025-04-01")));
        // 1 + 4 months share the width left after one break.
        assert!((axis.month_width - (500.0 - BREAK_WIDTH) / 5.0).abs() < 1e-9);
        assert!(axis.year_only.contains(&month_index(d("2020-01-01"))));
        assert!(!axis.year_only.contains(&month_index(d("2025-01-01"))));
        assert_eq!(axis.x(d("2022-06-01")), None);
        let (from, to, first, last) = axis.breaks()[0];
        assert!(to - from - BREAK_WIDTH < 1e-9);
        assert_eq!(month_start(first), d("2020-02-01"));
        assert_eq!(month_start(last), d("2024-12-01"));
    }

    #[test]
    fn positions_grow_with_the_date_and_stay_on_the_axis() {
        let mut occ = Occupied::default();
        occ.mark_range(d("2025-11-10"), d("2026-02-03"));
        let axis = Axis::new(&occ, 0.0, 400.0);
        let a = axis.x(d("2025-11-01")).unwrap();
        let b = axis.x(d("2025-11-30")).unwrap();
        let c = axis.x(d("2026-02-28")).unwrap();
        assert_eq!(a, 0.0);
        assert!(a < b && b < c && c < 400.0);
        assert_eq!(axis.x_clamped(d("2024-01-01")), 0.0);
        assert_eq!(axis.x_clamped(d("2027-01-01")), 400.0);
        assert!(axis.x_end_of(d("2026-02-28")) <= 400.0 + 1e-9);
    }
}
