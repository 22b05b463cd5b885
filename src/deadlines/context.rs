//! What every date a command computes depends on, in one value: the process, the
//! working-day calendar, the as-of date (the one clock) and casebook.yaml's checked
//! settings. validate, status, check-deadlines, calendar, timeline and render-report all
//! take this one context.

use chrono::NaiveDate;
use rayon::prelude::*;

use super::{CaseItems, Checked, evaluate_case};
use crate::calendar::WorkingCalendar;
use crate::casebook::{CONFIG_FILE, Casebook, Settings};
use crate::diagnostic::{Code, Diagnostic};
use crate::error::Result;
use crate::process::Process;

/// The process, calendar, as-of date and settings that deadlines are worked out with.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The process in force.
    pub process: &'a Process,
    /// The working-day calendar.
    pub calendar: &'a WorkingCalendar,
    /// The date taken as today.
    pub as_of: NaiveDate,
    /// casebook.yaml, checked.
    pub settings: &'a Settings,
}

impl<'a> Context<'a> {
    /// The context of an open casebook on `as_of`; fails when its bank-holiday file
    /// could not be used.
    pub fn of(casebook: &'a Casebook, as_of: NaiveDate) -> Result<Context<'a>> {
        Ok(Context {
            process: &casebook.process,
            calendar: casebook.calendar()?,
            as_of,
            settings: &casebook.settings,
        })
    }

    /// Evaluates one case's items.
    pub fn evaluate(&self, case: &Checked) -> CaseItems {
        CaseItems {
            id: case.id.clone(),
            title: case.record.title.value.to_string(),
            items: evaluate_case(&case.id, &case.record, case.actions.as_ref(), self),
        }
    }

    /// Evaluates every case's items, in parallel, in case order.
    pub fn evaluate_all(&self, cases: &[Checked]) -> Vec<CaseItems> {
        cases.par_iter().map(|case| self.evaluate(case)).collect()
    }

    /// Returns the one warning about dates computed past the holiday data, if any were
    /// (ask after the work is done: the calendar records them as it goes).
    pub fn past_data_warning(&self) -> Option<Diagnostic> {
        let calendar = self.calendar;
        let years = calendar.years_beyond_data();
        if years.is_empty() {
            return None;
        }
        Some(
            Diagnostic::warning(
                Code::PastHolidayData,
                CONFIG_FILE,
                0,
                0,
                format!(
                    "the bank-holiday data covers {} to {}; dates in {} were computed with weekends and closures only",
                    calendar.covered_from(),
                    calendar.covered_until(),
                    year_ranges(&years)
                ),
            )
            .with_help("download https://www.gov.uk/bank-holidays.json and set `bank_holidays_file:` in casebook.yaml"),
        )
    }
}

/// Writes ascending years as people read them: runs of three or more as a range, the
/// rest one by one, the last joined with "and": "2029 to 9999", "2029, 2030 and 2040".
/// A date such as 9999-12-31 touches every year up to it; one by one that was 46 KB.
fn year_ranges(years: &[i32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < years.len() {
        let mut j = i;
        while j + 1 < years.len() && years[j + 1] == years[j] + 1 {
            j += 1;
        }
        if j - i >= 2 {
            parts.push(format!("{} to {}", years[i], years[j]));
        } else {
            parts.extend(years[i..=j].iter().map(i32::to_string));
        }
        i = j + 1;
    }
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => parts.join(""),
    }
}

/// The built-in process and casebook.yaml's defaults, owned, for unit tests to borrow a
/// context from.
#[cfg(test)]
pub(crate) struct Defaults {
    process: Process,
    settings: Settings,
}

#[cfg(test)]
impl Defaults {
    /// The wscp-2021 process, England and Wales's bank holidays, no closures.
    pub(crate) fn new() -> Defaults {
        Defaults {
            process: Process::builtin("wscp-2021").expect("the built-in process"),
            settings: Settings::default(),
        }
    }

    /// The context on `as_of`.
    pub(crate) fn on(&self, as_of: NaiveDate) -> Context<'_> {
        Context {
            process: &self.process,
            calendar: self.settings.calendar().expect("the embedded calendar"),
            as_of,
            settings: &self.settings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::year_ranges;

    #[test]
    fn years_are_written_as_ranges() {
        assert_eq!(year_ranges(&[2029]), "2029");
        assert_eq!(year_ranges(&[2029, 2030]), "2029 and 2030");
        assert_eq!(
            year_ranges(&[2029, 2030, 2031, 2040]),
            "2029 to 2031 and 2040"
        );
        assert_eq!(
            year_ranges(&[2010, 2029, 2030, 2031, 2040, 2041]),
            "2010, 2029 to 2031, 2040 and 2041"
        );
        let far: Vec<i32> = (2029..=10000).collect();
        assert_eq!(year_ranges(&far), "2029 to 10000");
        let both: Vec<i32> = (-1..=2017).chain(2029..=9999).collect();
        assert_eq!(year_ranges(&both), "-1 to 2017 and 2029 to 9999");
        assert_eq!(year_ranges(&[]), "");
    }
}
