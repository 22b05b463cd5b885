//! `chronology.yaml`: the multi-agency chronology, one entry per event.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ClockTime, PartialDate, Sp};

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
    pub agency: String,
    /// Where it is recorded (log number, case note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Ids from people.yaml of the people involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Sp<String>>,
    /// What happened.
    pub what: String,
    /// key or context.
    #[serde(default)]
    pub significance: Significance,
    /// A learning point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learning: Option<String>,
}

/// The contents of `chronology.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChronologyFile {
    /// Entries in any order; casebook sorts them by date.
    pub entries: Vec<Entry>,
}
