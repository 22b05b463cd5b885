//! Process definitions: tracks, milestones and their rules, parsed from process files.
//!
//! It owns the rule phrase grammar (`5 working days after aware`), the built-in
//! `wscp-2021` process (an embedded data file, not code), and the checks a process file
//! must pass: known anchors, no cycles, one rule per milestone. It computes no dates:
//! that is `deadlines`, with the `calendar`.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::model::{ProcessFile, Sp};
use crate::{limits, yaml};

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

    /// Checks a parsed process file and builds the process.
    pub fn check(path: &str, file: &ProcessFile) -> Result<Process, Vec<Diagnostic>> {
        if let Some(too_many) = too_many_milestones(path, file) {
            return Err(vec![too_many]);
        }
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
                        Code::DuplicateMilestone,
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
                            Code::RuleConflict,
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
                                Code::RuleUnknownAnchor,
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
                            Code::RulePhrase,
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
        let process = Process::new(file.name.clone(), file.title.clone(), tracks);
        if let Some(cycle) = process.find_cycle() {
            let first = all_keys.get(cycle[0].as_str());
            findings.push(
                Diagnostic::error(
                    Code::RuleCycle,
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

    /// Finds a chain of anchors that leads back to where it started: the first, walking
    /// from each milestone with a rule in key order.
    ///
    /// Each milestone has at most one anchor, so the rules form chains; each milestone is
    /// walked once (white, then on the current walk, then done), which keeps this linear
    /// however long the chains are.
    fn find_cycle(&self) -> Option<Vec<String>> {
        #[derive(Clone, Copy, PartialEq)]
        enum Colour {
            /// On the current walk, at this position.
            Walking(usize),
            /// Walked before: leads to no cycle.
            Done,
        }
        let mut edges: HashMap<&str, &str> = HashMap::new();
        for m in self.tracks.iter().flat_map(|t| &t.milestones) {
            if let Some(rule) = &m.rule {
                edges.entry(m.key.as_str()).or_insert(rule.anchor.as_str());
            }
        }
        let mut keys: Vec<&str> = edges.keys().copied().collect();
        keys.sort_unstable();
        let mut colour: HashMap<&str, Colour> = HashMap::with_capacity(edges.len());
        for start in keys {
            let mut path: Vec<&str> = Vec::new();
            let mut cur = start;
            loop {
                match colour.get(cur) {
                    Some(Colour::Done) => break,
                    Some(Colour::Walking(pos)) => {
                        let mut cycle: Vec<String> =
                            path[*pos..].iter().map(|s| s.to_string()).collect();
                        cycle.push(cur.to_string());
                        return Some(cycle);
                    }
                    None => {}
                }
                colour.insert(cur, Colour::Walking(path.len()));
                path.push(cur);
                match edges.get(cur) {
                    Some(next) => cur = next,
                    None => break,
                }
            }
            for key in path {
                colour.insert(key, Colour::Done);
            }
        }
        None
    }
}

/// Refuses a process with more milestones than [`limits::MAX_PROCESS_MILESTONES`],
/// pointing at the first one past the limit.
fn too_many_milestones(path: &str, file: &ProcessFile) -> Option<Diagnostic> {
    let limit = limits::MAX_PROCESS_MILESTONES;
    let mut all = file.tracks.iter().flat_map(|(_, t)| &t.milestones);
    let first_over = all.nth(limit)?;
    let count = limit + 1 + all.count();
    Some(
        Diagnostic::error(
            Code::ProcessTooLarge,
            path,
            first_over.key.line as usize,
            first_over.key.column as usize,
            format!(
                "the process has {} milestones; casebook reads at most {}",
                crate::wording::thousands(count as u64),
                crate::wording::thousands(limit as u64)
            ),
        )
        .with_help("keep a process to the milestones its cases record (the built-in one has 29)"),
    )
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
        assert!(codes.contains(&Code::RuleUnknownAnchor), "{codes:?}");
        assert!(codes.contains(&Code::RuleCycle), "{codes:?}");
        let anchor = errs
            .iter()
            .find(|d| d.code == Code::RuleUnknownAnchor)
            .unwrap();
        assert_eq!((anchor.line, anchor.column), (15, 14));
    }

    /// A process file of one track whose milestones m0, m1, … each count from the one
    /// before; with `closed`, m0 counts from the last, making one long cycle.
    fn chain_file(n: usize, closed: bool) -> String {
        let mut text = String::from(
            "name: chain\ntitle: Chain\ntracks:\n  chain:\n    title: Chain\n    milestones:\n",
        );
        for i in 0..n {
            text.push_str(&format!("      - key: m{i}\n        title: M{i}\n"));
            if i > 0 {
                text.push_str(&format!("        due: 1 day after m{}\n", i - 1));
            } else if closed {
                text.push_str(&format!("        due: 1 day after m{}\n", n - 1));
            }
        }
        text
    }

    /// A checked process of one chain of `n` milestones, built without the cap.
    fn chain(n: usize, closed: bool) -> Process {
        let rule = |anchor: usize| Rule {
            kind: RuleKind::Due,
            amount: 1,
            unit: Unit::Days,
            before: false,
            anchor: format!("m{anchor}"),
        };
        let milestones = (0..n)
            .map(|i| Milestone {
                key: format!("m{i}"),
                title: format!("M{i}"),
                rule: match (i, closed) {
                    (0, false) => None,
                    (0, true) => Some(rule(n - 1)),
                    _ => Some(rule(i - 1)),
                },
                source: None,
            })
            .collect();
        let track = Track {
            key: "chain".into(),
            title: "Chain".into(),
            milestones,
        };
        Process::new("chain".into(), "Chain".into(), vec![track])
    }

    #[test]
    fn a_chain_of_ten_thousand_is_checked_in_one_pass() {
        let open = chain(10_000, false);
        assert_eq!(open.find_cycle(), None);
        assert_eq!(
            open.milestone("m9999").map(|m| m.title.as_str()),
            Some("M9999")
        );
        assert_eq!(
            open.track("chain").map(|t| t.milestones.len()),
            Some(10_000)
        );
        let closed = chain(10_000, true);
        let cycle = closed.find_cycle().expect("the chain is closed");
        // Walked from the smallest key, m0, round to m0 again.
        assert_eq!(cycle.len(), 10_001);
        assert_eq!((cycle[0].as_str(), cycle[1].as_str()), ("m0", "m9999"));
        assert_eq!(cycle.last().map(String::as_str), Some("m0"));
    }

    #[test]
    fn a_cycle_reached_from_a_longer_chain_is_reported_from_where_it_closes() {
        // a -> b -> c -> b: the cycle is b, c, b; `a` only leads into it.
        let text = "name: t\ntitle: T\ntracks:\n  t:\n    title: T\n    milestones:\n      - {key: a, title: A, due: 1 day after b}\n      - {key: b, title: B, due: 1 day after c}\n      - {key: c, title: C, due: 1 day after b}\n";
        let errs = Process::parse("p.yaml", text).unwrap_err();
        let cycle = errs.iter().find(|d| d.code == Code::RuleCycle).unwrap();
        assert_eq!(cycle.message, "rules form a cycle: b -> c -> b");
        assert_eq!(cycle.line, 8);
    }

    #[test]
    fn the_milestone_cap_is_checked_at_and_one_past_it() {
        let at = Process::parse("processes/long.yaml", &chain_file(2_000, false))
            .expect("2,000 milestones are accepted");
        assert_eq!(at.milestone("m1999").map(|m| m.key.as_str()), Some("m1999"));
        let errs = Process::parse("processes/long.yaml", &chain_file(2_000, true)).unwrap_err();
        assert_eq!(errs[0].code, Code::RuleCycle);

        let one_past =
            Process::parse("processes/long.yaml", &chain_file(2_001, false)).unwrap_err();
        assert_eq!(one_past[0].code, Code::ProcessTooLarge);
        assert!(
            one_past[0]
                .message
                .starts_with("the process has 2,001 milestones")
        );

        let errs = Process::parse("processes/long.yaml", &chain_file(10_000, false)).unwrap_err();
        assert_eq!(errs.len(), 1);
        let d = &errs[0];
        assert_eq!(d.code, Code::ProcessTooLarge);
        assert_eq!(d.path, "processes/long.yaml");
        assert_eq!(
            d.message,
            "the process has 10,000 milestones; casebook reads at most 2,000"
        );
        // At the 2,001st milestone: six header lines, then three lines each but the first.
        assert_eq!((d.line, d.column), (7 + 2 + 3 * 1_999, 14));
    }
}
