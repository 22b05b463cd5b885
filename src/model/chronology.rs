//! `chronology.yaml`: the multi-agency chronology, one entry per event.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ClockTime, FreeText, PartialDate, Sp, StringKind, VisitText};

/// Whether an entry is a key practice episode or context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Significance {
    /// A key practice episode.
    Key,
    /// Background.
    #[default]
    Context,
}

/// One event an agency recorded.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// When: YYYY-MM-DD, YYYY-MM or YYYY.
    pub date: Sp<PartialDate>,
    /// Time of day, HH:MM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<ClockTime>,
    /// The agency that recorded it.
    pub agency: FreeText,
    /// Where it is recorded (log number, case note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<FreeText>,
    /// Ids from people.yaml of the people involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(transform = StringKind::Code)]
    pub people: Vec<Sp<String>>,
    /// What happened.
    pub what: FreeText,
    /// key or context.
    #[serde(default)]
    pub significance: Significance,
    /// A learning point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learning: Option<FreeText>,
}

/// The contents of `chronology.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChronologyFile {
    /// Entries in any order; casebook sorts them by date.
    pub entries: Vec<Entry>,
}

impl VisitText for Entry {
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText)) {
        let Entry {
            date: _,
            time: _,
            agency,
            source,
            people: _,
            what,
            significance: _,
            learning,
        } = self;
        agency.visit_text(f);
        source.visit_text(f);
        what.visit_text(f);
        learning.visit_text(f);
    }
}

impl VisitText for ChronologyFile {
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText)) {
        let ChronologyFile { entries } = self;
        entries.visit_text(f);
    }
}
