//! Process files: tracks of milestones with rules written in words
//! ("5 working days after aware"). The rules are parsed and checked in `process`.
//!
//! A milestone may carry one rule of each kind (`due`, `target`, `not_before`,
//! `expected`); `statutory` and `required` say how its rules are applied.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Sp, SpMap};

/// One milestone of a track.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneDef {
    /// The key case.yaml uses under `milestones:`.
    pub key: Sp<String>,
    /// What the milestone is.
    pub title: String,
    /// A deadline: `N UNIT after|before KEY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Sp<String>>,
    /// A soft deadline, past which the item is behind its target: `N UNIT after|before KEY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Sp<String>>,
    /// An earliest date: `N UNIT after KEY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_before: Option<Sp<String>>,
    /// A soft date, past which the item needs chasing: `N UNIT after KEY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<Sp<String>>,
    /// Where the rules come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The rules are statutory: council closures never move their dates (bank holidays
    /// and weekends still do). Without it they are local.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub statutory: bool,
    /// The milestone is owed even when the milestone its rules count from does not apply.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
}

/// A track: a named sequence of milestones.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrackDef {
    /// The track's readable name.
    pub title: String,
    /// Its milestones, in order.
    pub milestones: Vec<MilestoneDef>,
}

/// The contents of a process file.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcessFile {
    /// The process's name, e.g. wscp-2021.
    pub name: String,
    /// Its readable title.
    pub title: String,
    /// Track key to track.
    pub tracks: SpMap<TrackDef>,
}
