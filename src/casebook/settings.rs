//! casebook.yaml checked: the settings every command reads, validated once when the
//! casebook opens, as cargo-deny turns raw configuration into checked configuration.
//! The division is parsed, the closures are dates, the briefing's titles are settled and
//! the working-day calendar is built here and nowhere else.
//!
//! The raw `model::CasebookConfig` stays as written (an anonymised copy writes it out
//! again). A bank-holiday file that cannot be used is kept as the problem it is and
//! reported by the first command that needs the calendar, so that commands which do
//! not (log, new, anonymise) run as they always have.

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use super::{CONFIG_FILE, display_rel, read_text, safe_relative};
use crate::calendar::{Division, HolidaySource, WorkingCalendar};
use crate::diagnostic::{Code, Diagnostic};
use crate::error::{Error, Result};
use crate::model::CasebookConfig;
use crate::model::config::{DEFAULT_BRIEFING_SECTIONS, DEFAULT_DUE_SOON, DEFAULT_REMINDER};

/// The settings of casebook.yaml, checked.
#[derive(Debug)]
pub struct Settings {
    /// The partnership's full name, printed on every report.
    pub partnership: String,
    /// Prefix of case ids, e.g. WSCP.
    pub short_name: String,
    /// Whose bank holidays apply.
    pub division: Division,
    /// Extra non-working days (office closures).
    pub closures: Vec<NaiveDate>,
    /// Working days ahead, today included, that count as due soon.
    pub due_soon: u32,
    /// Working days before a deadline that calendar reminders fire.
    pub reminder_working_days: u32,
    /// The titles of the 7-minute briefing's seven sections.
    pub briefing_titles: Vec<String>,
    calendar: std::result::Result<Arc<WorkingCalendar>, CalendarFault>,
}

/// Why the calendar could not be built, kept until a command asks for it.
#[derive(Debug, Clone)]
enum CalendarFault {
    /// `bank_holidays_file` names a path outside the casebook.
    Outside(String),
    /// The file is missing, unreadable or not GOV.UK's format.
    Findings(Vec<Diagnostic>),
}

impl Settings {
    /// Checks casebook.yaml's settings and builds the calendar, reading the bank-holiday
    /// file it names; an unknown division is a finding that stops the command.
    /// `text` is casebook.yaml's own, for the source lines of findings about it.
    pub fn check(root: &Path, config: &CasebookConfig, text: &str) -> Result<Settings> {
        let division = division(config)?;
        let closures: Vec<NaiveDate> = config.closures.iter().map(|d| d.0).collect();
        let calendar = build_calendar(root, config, division, &closures)
            .map(Arc::new)
            .map_err(|fault| match fault {
                CalendarFault::Findings(mut findings) => {
                    for d in findings.iter_mut().filter(|d| d.path == CONFIG_FILE) {
                        d.attach_source(text);
                    }
                    CalendarFault::Findings(findings)
                }
                other => other,
            });
        Ok(Settings {
            partnership: config.partnership.clone(),
            short_name: config.short_name.value.clone(),
            division,
            closures,
            due_soon: config.due_soon,
            reminder_working_days: config.reminder_working_days,
            briefing_titles: config.briefing_titles(),
            calendar,
        })
    }

    /// Returns the working-day calendar, or why it could not be built.
    pub fn calendar(&self) -> Result<&Arc<WorkingCalendar>> {
        match &self.calendar {
            Ok(calendar) => Ok(calendar),
            Err(CalendarFault::Outside(message)) => Err(Error::Config(message.clone())),
            Err(CalendarFault::Findings(findings)) => Err(Error::Findings(findings.clone())),
        }
    }
}

impl Default for Settings {
    /// The settings of a casebook.yaml that gives only the required fields, left empty.
    fn default() -> Settings {
        let division = Division::EnglandAndWales;
        Settings {
            partnership: String::new(),
            short_name: String::new(),
            division,
            closures: Vec::new(),
            due_soon: DEFAULT_DUE_SOON,
            reminder_working_days: DEFAULT_REMINDER,
            briefing_titles: DEFAULT_BRIEFING_SECTIONS.map(str::to_string).to_vec(),
            calendar: Ok(Arc::new(WorkingCalendar::new(
                HolidaySource::embedded(),
                division,
                &[],
            ))),
        }
    }
}

/// Parses the bank-holiday division, or returns the finding that names the bad value.
fn division(config: &CasebookConfig) -> Result<Division> {
    let v = &config.bank_holidays;
    v.value.parse::<Division>().map_err(|_| {
        Error::Findings(vec![
            Diagnostic::error(
                Code::UnknownDivision,
                CONFIG_FILE,
                v.line as usize,
                v.column as usize,
                format!("unknown bank-holiday division `{}`", v.value),
            )
            .with_help("use england-and-wales, scotland or northern-ireland"),
        ])
    })
}

/// Builds the working-day calendar from the embedded data or the casebook's own file.
fn build_calendar(
    root: &Path,
    config: &CasebookConfig,
    division: Division,
    closures: &[NaiveDate],
) -> std::result::Result<WorkingCalendar, CalendarFault> {
    let Some(file) = &config.bank_holidays_file else {
        return Ok(WorkingCalendar::new(
            HolidaySource::embedded(),
            division,
            closures,
        ));
    };
    let rel = safe_relative(&file.value).ok_or_else(|| {
        CalendarFault::Outside(format!(
            "bank_holidays_file `{}` must be a path inside the casebook",
            file.value
        ))
    })?;
    let text = read_text(root, &rel)
        .map_err(|d| CalendarFault::Findings(vec![d]))?
        .ok_or_else(|| {
            CalendarFault::Findings(vec![Diagnostic::error(
                Code::MissingFile,
                CONFIG_FILE,
                file.line as usize,
                file.column as usize,
                format!("bank_holidays_file `{}` does not exist", file.value),
            )])
        })?;
    let source = HolidaySource::from_json(&text).map_err(|e| {
        CalendarFault::Findings(vec![Diagnostic::error(
            Code::BankHolidaysFile,
            display_rel(&rel),
            0,
            0,
            e.to_string(),
        )])
    })?;
    Ok(WorkingCalendar::new(&source, division, closures))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(yaml: &str, holidays: Option<&str>) -> Result<Settings> {
        let tmp = tempfile::tempdir().unwrap();
        if let Some(text) = holidays {
            std::fs::write(tmp.path().join("holidays.json"), text).unwrap();
        }
        let config: CasebookConfig = crate::yaml::parse(CONFIG_FILE, yaml).unwrap();
        Settings::check(tmp.path(), &config, yaml)
    }

    const BASE: &str = "partnership: P\nshort_name: T\n";

    #[test]
    fn defaults_fill_what_casebook_yaml_leaves_out() {
        let s = check(BASE, None).unwrap();
        let d = Settings::default();
        assert_eq!(
            (s.division, d.division),
            (Division::EnglandAndWales, Division::EnglandAndWales)
        );
        assert_eq!(
            (s.due_soon, s.reminder_working_days),
            (d.due_soon, d.reminder_working_days)
        );
        assert_eq!(s.briefing_titles, d.briefing_titles);
        assert_eq!((s.partnership.as_str(), s.short_name.as_str()), ("P", "T"));
        assert!(s.calendar().is_ok());
    }

    #[test]
    fn closures_are_non_working_days_of_the_calendar_built_once() {
        let s = check(
            &format!("{BASE}closures: [2026-12-29]\ndue_soon: 5\n"),
            None,
        )
        .unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 12, 29).unwrap();
        assert_eq!(s.closures, [day]);
        assert_eq!(s.due_soon, 5);
        let calendar = s.calendar().unwrap();
        assert!(!calendar.is_working_day(day));
        assert!(Arc::ptr_eq(calendar, s.calendar().unwrap()));
    }

    #[test]
    fn an_unknown_division_stops_the_casebook_opening() {
        let Err(Error::Findings(f)) = check(&format!("{BASE}bank_holidays: wales\n"), None) else {
            panic!("an unknown division must be a finding");
        };
        assert_eq!(
            (f[0].code, f[0].line, f[0].column),
            (Code::UnknownDivision, 3, 16)
        );
    }

    #[test]
    fn a_bad_holiday_file_waits_for_the_command_that_needs_the_calendar() {
        let missing = check(&format!("{BASE}bank_holidays_file: holidays.json\n"), None).unwrap();
        let Err(Error::Findings(f)) = missing.calendar() else {
            panic!("a missing holiday file must be a finding");
        };
        assert_eq!(f[0].code, Code::MissingFile);
        let outside = check(&format!("{BASE}bank_holidays_file: ../x.json\n"), None).unwrap();
        assert!(matches!(outside.calendar(), Err(Error::Config(_))));
        let garbled = check(
            &format!("{BASE}bank_holidays_file: holidays.json\n"),
            Some("not json"),
        )
        .unwrap();
        let Err(Error::Findings(f)) = garbled.calendar() else {
            panic!("a garbled holiday file must be a finding");
        };
        assert_eq!(
            (f[0].code, f[0].path.as_str()),
            (Code::BankHolidaysFile, "holidays.json")
        );
    }
}
