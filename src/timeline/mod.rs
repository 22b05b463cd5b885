//! The merged chronology of one case: chronology entries, notes, milestones done,
//! deadlines to come, actions and parallel processes, as one sorted list of
//! [`TimelineEntry`] values that every output format renders.
//!
//! Pure: it takes records that are already loaded, the process, the working-day
//! calendar and the as-of date. It reads no files and no clock, and it never changes
//! what the records say (no anonymisation here).
//!
//! Order, in full (DESIGN §6 fixes the first and last rules; the rest are ours):
//!
//! 1. by the first day of the entry's period: `2025-11` sorts on 1 November 2025 and
//!    `2025` on 1 January 2025;
//! 2. on the same first day, the coarser date first (a year, then a month, then a day),
//!    so "Nov 2025" heads the entries of 1 November;
//! 3. then by kind: events, parallel processes, milestones, notes, deadlines, actions
//!    (what happened in the world, then what the review did, then what is to come);
//! 4. among the events of one day, those without a time first (a date with no time is
//!    the start of its day, as a partial date is the start of its period), then by
//!    time (only events have times);
//! 5. ties keep file order (the sort is stable; notes are in file-name order).

use chrono::NaiveDate;
use serde::Serialize;

use crate::casebook::LoadedCase;
use crate::deadlines::{Context, Status};
use crate::model::{ClockTime, PartialDate, Precision, Significance};

pub mod axis;
pub mod csv;
pub mod filter;
pub mod html;
pub mod json;
pub mod markdown;
mod markers;
mod phrases;
mod sources;
mod svg;
pub mod text;

pub use filter::Filters;

/// What an entry is. The declaration order is the order of kinds on the same date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A chronology entry: something an agency recorded.
    Event,
    /// A parallel process starting or concluding (police, coroner, …).
    Parallel,
    /// A review milestone that happened.
    Milestone,
    /// A note: a meeting, learning event or piece of analysis.
    Note,
    /// A milestone still to come, with its due or planned date.
    Deadline,
    /// An action of the action plan: at its done date, else its due date.
    Action,
}

impl Kind {
    /// Every kind, in tie order.
    pub const ALL: [Kind; 6] = [
        Kind::Event,
        Kind::Parallel,
        Kind::Milestone,
        Kind::Note,
        Kind::Deadline,
        Kind::Action,
    ];

    /// Returns the lowercase name used in JSON, CSV and `--kind`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Event => "event",
            Kind::Parallel => "parallel",
            Kind::Milestone => "milestone",
            Kind::Note => "note",
            Kind::Deadline => "deadline",
            Kind::Action => "action",
        }
    }

    /// Returns the word people read: "Event", "Milestone", …
    pub fn label(&self) -> &'static str {
        match self {
            Kind::Event => "Event",
            Kind::Parallel => "Parallel process",
            Kind::Milestone => "Milestone",
            Kind::Note => "Note",
            Kind::Deadline => "Deadline",
            Kind::Action => "Action",
        }
    }

    /// Parses a `--kind` value, case-insensitively; the error lists the kinds.
    pub fn parse(text: &str) -> Result<Kind, UnknownKind> {
        let wanted = text.trim().to_ascii_lowercase();
        Kind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Kind::ALL.iter().map(Kind::as_str).collect();
                UnknownKind(format!(
                    "unknown kind `{}` for --kind; the kinds are {}",
                    text,
                    names.join(", ")
                ))
            })
    }
}

/// A `--kind` that is not one of the kinds, with the message that lists them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct UnknownKind(pub String);

/// One line of the merged chronology. The JSON form is DESIGN §6's entry.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    /// When, written `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: PartialDate,
    /// How precisely the date is known.
    pub precision: Precision,
    /// Time of day, when the record gives one.
    pub time: Option<ClockTime>,
    /// What the entry is.
    pub kind: Kind,
    /// The agency concerned (events and actions; none for the review's own entries).
    pub agency: Option<String>,
    /// What happened or what is due.
    pub title: String,
    /// More: the learning point, a note's first paragraph, a deadline's status in words.
    pub detail: Option<String>,
    /// The milestone key, action id or parallel process key.
    pub key: Option<String>,
    /// The process track (milestones, deadlines) or the parallel process's name.
    pub track: Option<String>,
    /// key or context (events only).
    pub significance: Option<Significance>,
    /// The deadline status (milestones, deadlines, actions).
    pub status: Option<Status>,
    /// Ids from people.yaml of the people involved (events only).
    pub people: Vec<String>,
    /// Where it is recorded: an event's source, a parallel process's reference.
    pub source: Option<String>,
    /// The file the entry comes from, relative to the casebook root.
    pub file: String,
    /// The line in that file, when known.
    pub line: Option<usize>,
}

impl TimelineEntry {
    /// Whether this is a key practice episode.
    pub fn is_key(&self) -> bool {
        self.significance == Some(Significance::Key)
    }

    /// Writes the date as people read it, with the time when given: "3 Dec 2025 14:30".
    pub fn when(&self) -> String {
        match self.time {
            Some(t) => format!("{} {t}", self.date.display_uk()),
            None => self.date.display_uk(),
        }
    }

    /// Returns the last day of the entry's period (the day itself for a day).
    pub fn end(&self) -> NaiveDate {
        period_end(self.date)
    }
}

/// Returns the last day of a partial date's period.
pub fn period_end(date: PartialDate) -> NaiveDate {
    match date {
        PartialDate::Day(d) => d,
        PartialDate::Month(y, m) => {
            let days = crate::wording::days_in_month(y, m);
            NaiveDate::from_ymd_opt(y, m, days).unwrap_or_else(|| date.start())
        }
        PartialDate::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or_else(|| date.start()),
    }
}

/// A built timeline: the case, its title, the as-of date and the sorted entries.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// The case id.
    pub case: String,
    /// The case's title.
    pub title: String,
    /// The date taken as today.
    pub as_of: NaiveDate,
    /// The entries, sorted.
    pub entries: Vec<TimelineEntry>,
}

/// Builds the sorted, unfiltered timeline of a loaded case, its deadlines as `ctx` has them.
pub fn build(case: &LoadedCase, ctx: &Context<'_>) -> Timeline {
    let mut entries = sources::collect(case, ctx);
    sort(&mut entries);
    Timeline {
        case: case.id.clone(),
        title: case
            .record
            .as_ref()
            .map(|r| r.title.value.to_string())
            .unwrap_or_default(),
        as_of: ctx.as_of,
        entries,
    }
}

/// Sorts entries by the rules in this module's documentation; stable, so ties keep file order.
pub fn sort(entries: &mut [TimelineEntry]) {
    entries.sort_by_key(|e| {
        (
            e.date.start(),
            std::cmp::Reverse(e.precision),
            e.kind,
            e.time,
        )
    });
}

impl Timeline {
    /// Keeps only the entries the filters accept.
    pub fn filtered(mut self, filters: &Filters) -> Timeline {
        self.entries.retain(|e| filters.accepts(e));
        self
    }
}

#[cfg(test)]
mod tests;
