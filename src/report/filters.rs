//! The filters report templates use on top of minijinja's built-ins: UK dates,
//! working-day phrases, people by id, tick boxes, and the Markdown helpers.
//!
//! `person` is the single switch between a name and a pseudonym: templates never see
//! names any other way, so anonymised rendering only has to flip this one filter.

use std::collections::HashMap;
use std::sync::Arc;

use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind};

use crate::calendar::WorkingCalendar;
use crate::model::{PartialDate, PeopleFile};
use crate::wording::working_days;

/// What the people filter needs: each id's name and pseudonym.
#[derive(Debug, Clone, Default)]
pub struct PeopleLookup {
    by_id: HashMap<String, (String, String)>,
    anonymised: bool,
}

impl PeopleLookup {
    /// Builds the lookup from people.yaml; `anonymised` makes `person` answer pseudonyms.
    pub fn new(people: Option<&PeopleFile>, anonymised: bool) -> PeopleLookup {
        let by_id = people
            .map(|f| {
                f.people
                    .iter()
                    .map(|p| {
                        (
                            p.id.value.clone(),
                            (p.display_name().to_string(), p.pseudonym.to_string()),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        PeopleLookup { by_id, anonymised }
    }

    /// Returns the name, or the pseudonym when anonymised.
    pub fn display(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).map(|(name, pseudonym)| {
            if self.anonymised {
                pseudonym.as_str()
            } else {
                name.as_str()
            }
        })
    }
}

fn invalid(message: impl Into<std::borrow::Cow<'static, str>>) -> Error {
    Error::new(ErrorKind::InvalidOperation, message)
}

/// Reads a template value as a date written `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
fn partial_date(value: &Value, filter: &str) -> Result<PartialDate, Error> {
    let Some(text) = value.as_str() else {
        return Err(invalid(format!(
            "{filter} expects a date written YYYY-MM-DD, got {} `{value}`",
            value.kind()
        )));
    };
    text.parse().or_else(|e: crate::wording::DateError| {
        // A date worked out past year 9999 or before year 0 (a slip such as 9999-12-31
        // plus a time limit) is written as chrono writes it, `+10000-01-07`; no record
        // holds one, so only a signed year is read this way.
        text.starts_with(['+', '-'])
            .then(|| text.parse::<chrono::NaiveDate>().ok())
            .flatten()
            .map(PartialDate::Day)
            .ok_or_else(|| invalid(format!("{filter}: {e}")))
    })
}

/// Writes a date as people read it in the UK: "4 February 2026", "November 2025", "2025".
pub fn uk_date(value: &Value) -> Result<String, Error> {
    Ok(match partial_date(value, "uk_date")? {
        PartialDate::Day(d) => crate::wording::uk_long(d),
        PartialDate::Month(y, m) => format!("{} {y}", crate::wording::month_name(m)),
        PartialDate::Year(y) => y.to_string(),
    })
}

fn day(value: &Value, filter: &str) -> Result<chrono::NaiveDate, Error> {
    match partial_date(value, filter)? {
        PartialDate::Day(d) => Ok(d),
        other => Err(invalid(format!(
            "{filter} needs a full date, got `{other}`"
        ))),
    }
}

/// Writes how many working days a date is from an anchor: "13 working days after notification".
pub fn working_days_phrase(
    calendar: &WorkingCalendar,
    date: chrono::NaiveDate,
    anchor: chrono::NaiveDate,
    label: &str,
) -> String {
    let n = calendar.working_days_between(anchor, date);
    match n {
        0 => format!("the same day as {label}"),
        n if n > 0 => format!("{} after {label}", working_days(n)),
        n => format!("{} before {label}", working_days(n)),
    }
}

/// Quotes text as a CSS string that cannot end the string or the `<style>` element.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", c as u32)),
            c if c.is_control() => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Adds casebook's report filters to an environment.
pub fn register(
    env: &mut Environment<'static>,
    calendar: Arc<WorkingCalendar>,
    people: PeopleLookup,
) {
    env.add_filter("uk_date", uk_date);
    env.add_filter(
        "working_days_after",
        move |date: &Value, anchor: &Value, label: &str| -> Result<String, Error> {
            let date = day(date, "working_days_after")?;
            let anchor = day(anchor, "working_days_after")?;
            Ok(working_days_phrase(&calendar, date, anchor, label))
        },
    );
    env.add_filter("person", move |id: &str| -> Result<String, Error> {
        people
            .display(id)
            .map(str::to_string)
            .ok_or_else(|| invalid(format!("no person `{id}` in people.yaml")))
    });
    env.add_filter("tick", |ticked: bool| if ticked { "☑" } else { "☐" });
    env.add_filter("working_days", |n: i64| working_days(n));
    env.add_filter("oneline", |text: &str| crate::markdown::oneline(text));
    env.add_filter("shift_headings", |text: &str, by: usize| {
        Value::from_safe_string(crate::markdown::shift_headings(text, by))
    });
    env.add_filter("css_string", |text: &str| {
        Value::from_safe_string(css_string(text))
    });
    env.add_filter("markdown", |text: &str| {
        Value::from_safe_string(crate::markdown::to_html(text))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_the_uk_way() {
        assert_eq!(
            uk_date(&Value::from("2026-02-04")).unwrap(),
            "4 February 2026"
        );
        assert_eq!(uk_date(&Value::from("2025-11")).unwrap(), "November 2025");
        assert_eq!(uk_date(&Value::from("2025")).unwrap(), "2025");
        assert!(uk_date(&Value::from(())).is_err());
        assert!(uk_date(&Value::from("4/2/2026")).is_err());
    }

    #[test]
    fn css_strings_cannot_escape() {
        assert_eq!(css_string("Children's"), "\"Children's\"");
        assert_eq!(
            css_string("a\"b</style>\\"),
            "\"a\\22 b\\3c /style\\3e \\5c \""
        );
    }

    #[test]
    fn working_day_phrases() {
        let cal = WorkingCalendar::new(
            crate::calendar::HolidaySource::embedded(),
            crate::calendar::Division::EnglandAndWales,
            &[],
        );
        let d = |s| crate::wording::parse_day(s).unwrap();
        assert_eq!(
            working_days_phrase(&cal, d("2025-12-02"), d("2025-11-13"), "notification"),
            "13 working days after notification"
        );
        assert_eq!(
            working_days_phrase(&cal, d("2025-11-14"), d("2025-11-13"), "notification"),
            "1 working day after notification"
        );
        assert_eq!(
            working_days_phrase(&cal, d("2025-11-13"), d("2025-11-13"), "notification"),
            "the same day as notification"
        );
        assert_eq!(
            working_days_phrase(&cal, d("2025-11-10"), d("2025-11-13"), "notification"),
            "3 working days before notification"
        );
    }
}
