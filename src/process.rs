//! Process definitions: tracks, milestones and their rules, parsed from process files.
//!
//! It owns the rule phrase grammar (`5 working days after aware`), the built-in
//! `wscp-2021` process (an embedded data file, not code), and the checks a process file
//! must pass: known anchors, no cycles, one rule per milestone. It computes no dates:
//! that is `deadlines`, with the `calendar`.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::model::{ProcessFile, Sp};
use crate::yaml;

/// The built-in process files, by name.
pub const BUILTIN: &[(&str, &str)] = &[(
    "wscp-2021",
    include_str!("../data/processes/wscp-2021.yaml"),
)];

/// What a rule says about its milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// A deadline: late or overdue past it.
    Due,
    /// An earliest date: doing it sooner breaks the rule.
    NotBefore,
    /// A soft date: past it, the item needs chasing.
    Expected,
}

/// The unit of a rule's amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Monday–Friday, not bank holidays or closures.
    WorkingDays,
    /// Calendar days.
    Days,
    /// Calendar weeks.
    Weeks,
    /// Calendar months.
    Months,
    /// Calendar years.
    Years,
}

/// A parsed rule: `N UNIT after|before ANCHOR`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// due, not_before or expected.
    pub kind: RuleKind,
    /// How many units.
    pub amount: u32,
    /// Which unit.
    pub unit: Unit,
    /// True for `before`.
    pub before: bool,
    /// The milestone the rule counts from.
    pub anchor: String,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match (self.unit, self.amount == 1) {
            (Unit::WorkingDays, true) => "working day",
            (Unit::WorkingDays, false) => "working days",
            (Unit::Days, true) => "day",
            (Unit::Days, false) => "days",
            (Unit::Weeks, true) => "week",
            (Unit::Weeks, false) => "weeks",
            (Unit::Months, true) => "month",
            (Unit::Months, false) => "months",
            (Unit::Years, true) => "year",
            (Unit::Years, false) => "years",
        };
        let dir = if self.before { "before" } else { "after" };
        write!(f, "{} {unit} {dir} {}", self.amount, self.anchor)
    }
}

/// Parses the phrase of a rule, e.g. `13 working days after notified`.
pub fn parse_rule(kind: RuleKind, phrase: &str) -> Result<Rule, String> {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let usage = "write rules as `N UNIT after|before KEY`, e.g. `5 working days after aware`";
    let (amount, rest) = words
        .split_first()
        .ok_or_else(|| format!("empty rule; {usage}"))?;
    let amount: u32 = amount
        .parse()
        .map_err(|_| format!("`{amount}` is not a whole number; {usage}"))?;
    if amount > 10_000 {
        return Err(format!("{amount} is too large for a time limit"));
    }
    let (unit, rest) = match rest {
        ["working", u, rest @ ..] if matches!(*u, "day" | "days") => (Unit::WorkingDays, rest),
        [u, rest @ ..] => {
            let unit = match *u {
                "day" | "days" => Unit::Days,
                "week" | "weeks" => Unit::Weeks,
                "month" | "months" => Unit::Months,
                "year" | "years" => Unit::Years,
                other => {
                    return Err(format!(
                        "unknown unit `{other}`: use working days, days, weeks, months or years"
                    ));
                }
            };
            (unit, rest)
        }
        [] => return Err(format!("the rule has no unit; {usage}")),
    };
    let (before, anchor) = match rest {
        ["after", anchor] => (false, anchor),
        ["before", anchor] => (true, anchor),
        [dir, _] => return Err(format!("expected `after` or `before`, found `{dir}`")),
        _ => {
            return Err(format!(
                "the rule must end with `after KEY` or `before KEY`; {usage}"
            ));
        }
    };
    if before && kind != RuleKind::Due {
        return Err("only `due` rules may count `before` a milestone".into());
    }
    Ok(Rule {
        kind,
        amount,
        unit,
        before,
        anchor: anchor.to_string(),
    })
}

/// One milestone of a checked process.
#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    /// The key case.yaml uses.
    pub key: String,
    /// What it is.
    pub title: String,
    /// Its rule, if it has a time limit.
    pub rule: Option<Rule>,
    /// Where the rule comes from.
    pub source: Option<String>,
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
}

impl Process {
    /// Finds a track by key.
    pub fn track(&self, key: &str) -> Option<&Track> {
        self.tracks.iter().find(|t| t.key == key)
    }

    /// Finds the first milestone with this key in any track.
    pub fn milestone(&self, key: &str) -> Option<&Milestone> {
        self.tracks
            .iter()
            .flat_map(|t| &t.milestones)
            .find(|m| m.key == key)
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

    /// Checks a parsed process file and builds the process.
    pub fn check(path: &str, file: &ProcessFile) -> Result<Process, Vec<Diagnostic>> {
        let mut findings = Vec::new();
        let mut all_keys: BTreeMap<&str, &Sp<String>> = BTreeMap::new();
        for (_, track) in file.tracks.iter() {
            for m in &track.milestones {
                all_keys.entry(m.key.as_str()).or_insert(&m.key);
            }
        }
        let mut tracks = Vec::new();
        for (track_key, track) in file.tracks.iter() {
            let mut seen = HashMap::new();
            let mut milestones = Vec::new();
            for m in &track.milestones {
                if seen.insert(m.key.value.clone(), ()).is_some() {
                    findings.push(Diagnostic::error(
                        "duplicate-milestone",
                        path,
                        m.key.line as usize,
                        m.key.column as usize,
                        format!(
                            "milestone `{}` appears twice in track `{}`",
                            m.key.value, track_key.value
                        ),
                    ));
                }
                let phrases = [
                    (RuleKind::Due, &m.due),
                    (RuleKind::NotBefore, &m.not_before),
                    (RuleKind::Expected, &m.expected),
                ];
                let given: Vec<_> = phrases
                    .iter()
                    .filter_map(|(k, p)| p.as_ref().map(|p| (*k, p)))
                    .collect();
                if given.len() > 1 {
                    findings.push(
                        Diagnostic::error(
                            "rule-conflict",
                            path,
                            m.key.line as usize,
                            m.key.column as usize,
                            format!("milestone `{}` has more than one rule", m.key.value),
                        )
                        .with_help("give each milestone at most one of due, not_before, expected"),
                    );
                }
                let mut rule = None;
                if let Some((kind, phrase)) = given.first() {
                    match parse_rule(*kind, phrase) {
                        Ok(r) if !all_keys.contains_key(r.anchor.as_str()) => {
                            let mut d = Diagnostic::error(
                                "rule-unknown-anchor",
                                path,
                                phrase.line as usize,
                                phrase.column as usize,
                                format!(
                                    "rule `{}` counts from `{}`, which is not a milestone of this process",
                                    phrase.value, r.anchor
                                ),
                            );
                            if let Some(best) = did_you_mean(&r.anchor, all_keys.keys().copied()) {
                                d = d.with_help(format!("did you mean `{best}`?"));
                            }
                            findings.push(d);
                        }
                        Ok(r) => rule = Some(r),
                        Err(msg) => findings.push(Diagnostic::error(
                            "rule-phrase",
                            path,
                            phrase.line as usize,
                            phrase.column as usize,
                            format!("cannot read rule `{}`: {msg}", phrase.value),
                        )),
                    }
                }
                milestones.push(Milestone {
                    key: m.key.value.clone(),
                    title: m.title.clone(),
                    rule,
                    source: m.source.clone(),
                });
            }
            tracks.push(Track {
                key: track_key.value.clone(),
                title: track.title.clone(),
                milestones,
            });
        }
        let process = Process {
            name: file.name.clone(),
            title: file.title.clone(),
            tracks,
        };
        if let Some(cycle) = process.find_cycle() {
            let first = all_keys.get(cycle[0].as_str());
            findings.push(
                Diagnostic::error(
                    "rule-cycle",
                    path,
                    first.map_or(0, |k| k.line as usize),
                    first.map_or(0, |k| k.column as usize),
                    format!("rules form a cycle: {}", cycle.join(" -> ")),
                )
                .with_help("a milestone cannot, through its anchors, count from itself"),
            );
        }
        if findings.is_empty() {
            Ok(process)
        } else {
            Err(findings)
        }
    }

    /// Finds a chain of anchors that leads back to where it started.
    fn find_cycle(&self) -> Option<Vec<String>> {
        let mut edges: HashMap<&str, &str> = HashMap::new();
        for m in self.tracks.iter().flat_map(|t| &t.milestones) {
            if let Some(rule) = &m.rule {
                edges.entry(m.key.as_str()).or_insert(rule.anchor.as_str());
            }
        }
        let mut keys: Vec<&str> = edges.keys().copied().collect();
        keys.sort_unstable();
        for start in keys {
            let mut path = vec![start];
            let mut cur = start;
            while let Some(next) = edges.get(cur) {
                if let Some(pos) = path.iter().position(|k| k == next) {
                    let mut cycle: Vec<String> =
                        path[pos..].iter().map(|s| s.to_string()).collect();
                    cycle.push(next.to_string());
                    return Some(cycle);
                }
                path.push(next);
                cur = next;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_parse() {
        let r = parse_rule(RuleKind::Due, "5 working days after aware").unwrap();
        assert_eq!(
            (r.amount, r.unit, r.before, r.anchor.as_str()),
            (5, Unit::WorkingDays, false, "aware")
        );
        let r = parse_rule(RuleKind::Due, "1 year after published").unwrap();
        assert_eq!(r.unit, Unit::Years);
        let r = parse_rule(RuleKind::Due, "7 working days before published").unwrap();
        assert!(r.before);
        assert_eq!(r.to_string(), "7 working days before published");
        assert_eq!(
            parse_rule(RuleKind::Expected, "1 week after x")
                .unwrap()
                .unit,
            Unit::Weeks
        );
    }

    #[test]
    fn bad_phrases_explained() {
        assert!(
            parse_rule(RuleKind::Due, "five days after aware")
                .unwrap_err()
                .contains("whole number")
        );
        assert!(
            parse_rule(RuleKind::Due, "5 fortnights after aware")
                .unwrap_err()
                .contains("unknown unit")
        );
        assert!(
            parse_rule(RuleKind::Due, "5 days since aware")
                .unwrap_err()
                .contains("after")
        );
        assert!(parse_rule(RuleKind::Due, "5 days after").is_err());
        assert!(parse_rule(RuleKind::NotBefore, "5 days before x").is_err());
        assert!(parse_rule(RuleKind::Due, "").is_err());
    }

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
        let rule = |k: &str| {
            p.milestone(k)
                .and_then(|m| m.rule.clone())
                .map(|r| r.to_string())
        };
        assert_eq!(
            rule("notified").as_deref(),
            Some("5 working days after aware")
        );
        assert_eq!(
            rule("partners_informed").as_deref(),
            Some("5 working days after aware")
        );
        assert_eq!(
            rule("rr_panel").as_deref(),
            Some("13 working days after notified")
        );
        assert_eq!(
            rule("rr_submitted").as_deref(),
            Some("15 working days after notified")
        );
        assert_eq!(
            rule("panel_response").as_deref(),
            Some("5 weeks after rr_submitted")
        );
        assert_eq!(
            rule("final_report").as_deref(),
            Some("6 months after lcspr_decided")
        );
        assert_eq!(
            rule("sent_to_panel_and_ofsted").as_deref(),
            Some("7 working days before published")
        );
        assert_eq!(
            rule("unpublished").as_deref(),
            Some("1 year after published")
        );
        assert_eq!(
            rule("info_returned").as_deref(),
            Some("13 working days after info_requested")
        );
        assert_eq!(
            rule("blr_meeting").as_deref(),
            Some("15 working days after info_requested")
        );
        assert_eq!(
            rule("action_updates").as_deref(),
            Some("3 weeks after blr_meeting")
        );
        assert_eq!(
            p.milestone("blr_meeting")
                .and_then(|m| m.rule.as_ref())
                .map(|r| r.kind),
            Some(RuleKind::NotBefore)
        );
        assert_eq!(
            p.milestone("panel_response")
                .and_then(|m| m.rule.as_ref())
                .map(|r| r.kind),
            Some(RuleKind::Expected)
        );
    }

    #[test]
    fn unknown_anchor_and_cycle_reported() {
        let text = "name: t\ntitle: T\ntracks:\n  a:\n    title: A\n    milestones:\n      - key: x\n        title: X\n        due: 2 days after y\n      - key: y\n        title: Y\n        due: 2 days after x\n      - key: z\n        title: Z\n        due: 2 days after nowhere\n";
        let errs = Process::parse("p.yaml", text).unwrap_err();
        let codes: Vec<_> = errs.iter().map(|d| d.code).collect();
        assert!(codes.contains(&"rule-unknown-anchor"), "{codes:?}");
        assert!(codes.contains(&"rule-cycle"), "{codes:?}");
        let anchor = errs
            .iter()
            .find(|d| d.code == "rule-unknown-anchor")
            .unwrap();
        assert_eq!((anchor.line, anchor.column), (15, 14));
    }
}
