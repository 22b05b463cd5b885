//! Process definitions: tracks, milestones and their rules, parsed from process files.
//!
//! It owns the checked process (tracks, milestones, their rules and whether those are
//! statutory), the lookups every command makes, and the built-in `wscp-2021` process (an
//! embedded data file, not code). The rule phrase grammar is `rule`; the checks a
//! process file must pass (known anchors, one rule of each kind, no cycles) are `check`.
//! It computes no dates: that is `deadlines`, with the `calendar`.

use std::collections::HashMap;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::ProcessFile;
use crate::yaml;

mod check;
mod rule;

pub use rule::{Rule, RuleKind, Unit, parse_rule};

/// The built-in process files, by name.
pub const BUILTIN: &[(&str, &str)] = &[(
    "wscp-2021",
    include_str!("../../data/processes/wscp-2021.yaml"),
)];

/// One milestone of a checked process.
#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    /// The key case.yaml uses.
    pub key: String,
    /// What it is.
    pub title: String,
    /// Its rules, at most one of each kind, in [`RuleKind::ALL`] order.
    pub rules: Vec<Rule>,
    /// Where the rules come from.
    pub source: Option<String>,
    /// Whether its rules are statutory: council closures never move their dates.
    pub statutory: bool,
    /// Whether it is owed even when the milestone its rules count from does not apply
    /// (the copy to the National Panel and Ofsted is owed whether or not the report is
    /// published).
    pub required: bool,
}

impl Milestone {
    /// Its rule of this kind, if it has one.
    pub fn rule(&self, kind: RuleKind) -> Option<&Rule> {
        self.rules.iter().find(|r| r.kind == kind)
    }

    /// Whether it has a time limit of any kind.
    pub fn has_rules(&self) -> bool {
        !self.rules.is_empty()
    }

    /// Its rules in words, as one line: `5 working days after aware` for one rule,
    /// `target 6 months after lcspr_decided; due 8 months after lcspr_decided` for more
    /// (earliest date, target, deadline, expected date: the order they usually fall in).
    pub fn rules_in_words(&self) -> Option<String> {
        match self.rules.as_slice() {
            [] => None,
            [only] => Some(only.to_string()),
            _ => {
                let order = [
                    RuleKind::NotBefore,
                    RuleKind::Target,
                    RuleKind::Due,
                    RuleKind::Expected,
                ];
                let words: Vec<String> = order
                    .iter()
                    .filter_map(|k| self.rule(*k))
                    .map(|r| format!("{} {r}", r.kind.words()))
                    .collect();
                Some(words.join("; "))
            }
        }
    }
}

/// One track of a checked process.
#[derive(Debug, Clone, Serialize)]
pub struct Track {
    /// The key cases list under `tracks:`.
    pub key: String,
    /// Its readable name.
    pub title: String,
    /// Milestones in order.
    pub milestones: Vec<Milestone>,
    /// Milestone key to its index in `milestones` (the first, if a key repeats).
    #[serde(skip)]
    index: HashMap<String, usize>,
}

impl Track {
    /// Builds a track and the index of its milestone keys.
    pub fn new(key: String, title: String, milestones: Vec<Milestone>) -> Track {
        let mut index = HashMap::with_capacity(milestones.len());
        for (i, m) in milestones.iter().enumerate() {
            index.entry(m.key.clone()).or_insert(i);
        }
        Track {
            key,
            title,
            milestones,
            index,
        }
    }

    /// Whether the track has a milestone with this key.
    pub fn has(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }

    /// Lists its milestone keys, in order.
    pub fn milestone_keys(&self) -> impl Iterator<Item = &str> {
        self.milestones.iter().map(|m| m.key.as_str())
    }
}

/// A checked process: every rule parsed, every anchor known, no cycles.
#[derive(Debug, Clone, Serialize)]
pub struct Process {
    /// Its name.
    pub name: String,
    /// Its title.
    pub title: String,
    /// Its tracks in order.
    pub tracks: Vec<Track>,
    /// Track key to its index in `tracks` (the first, if a key repeats).
    #[serde(skip)]
    track_index: HashMap<String, usize>,
    /// Milestone key to (track, milestone) indices of its first appearance.
    #[serde(skip)]
    milestone_index: HashMap<String, (usize, usize)>,
}

impl Process {
    /// Builds a process and the indices its lookups use: every command looks milestones
    /// up for every case, so a scan per lookup would make a long process quadratic.
    fn new(name: String, title: String, tracks: Vec<Track>) -> Process {
        let mut track_index = HashMap::new();
        let mut milestone_index = HashMap::new();
        for (t, track) in tracks.iter().enumerate() {
            track_index.entry(track.key.clone()).or_insert(t);
            for (m, milestone) in track.milestones.iter().enumerate() {
                milestone_index
                    .entry(milestone.key.clone())
                    .or_insert((t, m));
            }
        }
        Process {
            name,
            title,
            tracks,
            track_index,
            milestone_index,
        }
    }

    /// Finds a track by key.
    pub fn track(&self, key: &str) -> Option<&Track> {
        self.tracks.get(*self.track_index.get(key)?)
    }

    /// Finds the first milestone with this key in any track.
    pub fn milestone(&self, key: &str) -> Option<&Milestone> {
        let (t, m) = *self.milestone_index.get(key)?;
        self.tracks.get(t)?.milestones.get(m)
    }

    /// Lists the track keys.
    pub fn track_keys(&self) -> Vec<&str> {
        self.tracks.iter().map(|t| t.key.as_str()).collect()
    }

    /// Returns the built-in process of this name, if there is one.
    pub fn builtin(name: &str) -> Option<Process> {
        let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        // The built-in files are tested to parse cleanly.
        Process::parse(&format!("<built-in {name}>"), text).ok()
    }

    /// Parses and checks a process file; any finding makes it unusable.
    pub fn parse(path: &str, text: &str) -> Result<Process, Vec<Diagnostic>> {
        let file: ProcessFile = yaml::parse(path, text).map_err(|d| vec![d])?;
        Process::check(path, &file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_process_is_clean_and_complete() {
        let p = Process::builtin("wscp-2021").expect("built-in parses");
        assert_eq!(
            p.track_keys(),
            [
                "rapid-review",
                "lcspr",
                "national-review",
                "brief-learning-review"
            ]
        );
        let rule = |k: &str| p.milestone(k).and_then(|m| m.rules_in_words());
        let cases = [
            ("notified", "5 working days after aware"),
            ("partners_informed", "5 working days after aware"),
            ("rr_panel", "13 working days after notified"),
            ("rr_submitted", "15 working days after notified"),
            ("panel_response", "5 weeks after rr_submitted"),
            (
                "final_report",
                "target 6 months after lcspr_decided; due 8 months after lcspr_decided",
            ),
            (
                "sent_to_panel_and_ofsted",
                "7 working days before published",
            ),
            (
                "unpublished",
                "not before 1 year after published; expected 1 year after published",
            ),
            ("info_returned", "13 working days after info_requested"),
            ("blr_meeting", "15 working days after info_requested"),
            ("action_updates", "3 weeks after blr_meeting"),
        ];
        for (key, want) in cases {
            assert_eq!(rule(key).as_deref(), Some(want), "{key}");
        }
        let kinds = |k: &str| -> Vec<RuleKind> {
            p.milestone(k)
                .map(|m| m.rules.iter().map(|r| r.kind).collect())
                .unwrap_or_default()
        };
        assert_eq!(kinds("blr_meeting"), [RuleKind::NotBefore]);
        assert_eq!(kinds("panel_response"), [RuleKind::Expected]);
        assert_eq!(kinds("final_report"), [RuleKind::Due, RuleKind::Target]);
        assert_eq!(
            kinds("unpublished"),
            [RuleKind::NotBefore, RuleKind::Expected]
        );
        // The statutory clocks of Working Together ch.4 and DESIGN §0; the rest are local.
        let statutory: Vec<&str> = p
            .tracks
            .iter()
            .flat_map(|t| &t.milestones)
            .filter(|m| m.statutory)
            .map(|m| m.key.as_str())
            .collect();
        assert_eq!(
            statutory,
            [
                "notified",
                "partners_informed",
                "rr_panel",
                "rr_submitted",
                "sent_to_panel_and_ofsted"
            ]
        );
        let required: Vec<&str> = p
            .tracks
            .iter()
            .flat_map(|t| &t.milestones)
            .filter(|m| m.required)
            .map(|m| m.key.as_str())
            .collect();
        assert_eq!(required, ["sent_to_panel_and_ofsted"]);
        let lcspr = p.track("lcspr").expect("the lcspr track");
        assert!(lcspr.has("final_report") && !lcspr.has("notified"));
    }
}
