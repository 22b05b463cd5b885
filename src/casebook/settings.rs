//! casebook.yaml checked: the settings every command reads, validated once when the
//! casebook opens, as cargo-deny turns raw configuration into checked configuration.
//! The division is parsed, the closures are dates, the briefing's titles are settled and
//! the working-day calendars are built here and nowhere else: the local one, whose
//! non-working days include the council's closures, and the statutory one, which has
//! only weekends and bank holidays (closures never stretch a statutory clock).
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
    /// The protective marking of every report, if any.
    pub marking: Option<String>,
    /// The marking of anonymised reports, if any (none unless casebook.yaml says).
    pub marking_published: Option<String>,
    /// Where reports carry their provenance.
    pub provenance: crate::model::config::ProvenancePlace,
    calendars: std::result::Result<Calendars, CalendarFault>,
}

/// The two calendars, built once from the same holiday data.
#[derive(Debug, Clone)]
struct Calendars {
    /// Weekends, bank holidays and closures.
    local: Arc<WorkingCalendar>,
    /// Weekends and bank holidays only.
    statutory: Arc<WorkingCalendar>,
}

/// Why the calendar could not be built, kept until a command asks for it.
#[derive(Debug, Clone)]
enum CalendarFault {
    /// `bank_holidays_file` names a path outside the casebook.
    Outside(String),
    /// The file is missing, unreadable or not GOV.UK's format.
    Findings(Vec<Diagnostic>),
}

/// A marking as printed: trimmed, and none when empty.
fn marking(text: Option<&str>) -> Option<String> {
    text.map(|m| m.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|m| !m.is_empty())
}

impl Settings {
    /// The marking of a report: the published one for anonymised output.
    pub fn marking_for(&self, anonymised: bool) -> Option<&str> {
        if anonymised {
            self.marking_published.as_deref()
        } else {
            self.marking.as_deref()
        }
    }

    /// Checks casebook.yaml's settings and builds the calendar, reading the bank-holiday
    /// file it names; an unknown division is a finding that stops the command.
    /// `text` is casebook.yaml's own, for the source lines of findings about it.
    pub fn check(root: &Path, config: &CasebookConfig, text: &str) -> Result<Settings> {
        let division = division(config)?;
        let closures: Vec<NaiveDate> = config.closures.iter().map(|d| d.0).collect();
        let calendars =
            build_calendars(root, config, division, &closures).map_err(|fault| match fault {
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
            marking: marking(config.marking.as_deref()),
            marking_published: marking(config.marking_published.as_deref()),
            provenance: config.provenance.unwrap_or_default(),
            calendars,
        })
    }

    /// Returns the local working-day calendar (closures are not working days), or why
    /// it could not be built.
    pub fn calendar(&self) -> Result<&Arc<WorkingCalendar>> {
        self.calendars().map(|c| &c.local)
    }

    /// Returns the statutory working-day calendar (weekends and bank holidays only), or
    /// why it could not be built.
    pub fn statutory_calendar(&self) -> Result<&Arc<WorkingCalendar>> {
        self.calendars().map(|c| &c.statutory)
    }

    fn calendars(&self) -> Result<&Calendars> {
        match &self.calendars {
            Ok(calendars) => Ok(calendars),
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
            marking: None,
            marking_published: None,
            provenance: crate::model::config::ProvenancePlace::Footer,
            calendars: Ok(Calendars::new(HolidaySource::embedded(), division, &[])),
        }
    }
}

#[cfg(test)]
impl Settings {
    /// The default settings with these closures, for unit tests.
    pub(crate) fn with_closures(closures: &[NaiveDate]) -> Settings {
        let mut settings = Settings::default();
        settings.closures = closures.to_vec();
        settings.calendars = Ok(Calendars::new(
            HolidaySource::embedded(),
            settings.division,
            closures,
        ));
        settings
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

impl Calendars {
    fn new(source: &HolidaySource, division: Division, closures: &[NaiveDate]) -> Calendars {
        Calendars {
            local: Arc::new(WorkingCalendar::new(source, division, closures)),
            statutory: Arc::new(WorkingCalendar::new(source, division, &[])),
        }
    }
}

/// Builds the working-day calendars from the embedded data or the casebook's own file.
fn build_calendars(
    root: &Path,
    config: &CasebookConfig,
    division: Division,
    closures: &[NaiveDate],
) -> std::result::Result<Calendars, CalendarFault> {
    let Some(file) = &config.bank_holidays_file else {
        return Ok(Calendars::new(
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
    Ok(Calendars::new(&source, division, closures))
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
        // The statutory calendar never counts a closure as a day off.
        let statutory = s.statutory_calendar().unwrap();
        assert!(statutory.is_working_day(day));
        assert!(Arc::ptr_eq(statutory, s.statutory_calendar().unwrap()));
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
