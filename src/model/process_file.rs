//! Process files: tracks of milestones with rules written in words
//! ("5 working days after aware"). The rules are parsed and checked in `process`.

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
    /// An earliest date: `N UNIT after KEY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_before: Option<Sp<String>>,
    /// A soft date, past which the item needs chasing: `N UNIT after KEY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<Sp<String>>,
    /// Where the rule comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
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
