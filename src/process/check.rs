//! The checks a process file must pass before any command uses it: every rule phrase
//! reads, every anchor is a milestone of the process, a milestone has at most one rule
//! of each kind and none that contradict each other, no chain of anchors leads back to
//! where it started, and the file is not larger than casebook reads.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{Milestone, Process, Rule, RuleKind, Track, parse_rule};
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::limits;
use crate::model::{MilestoneDef, ProcessFile, Sp};

impl Process {
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
            let mut seen = HashSet::new();
            let mut milestones = Vec::new();
            for m in &track.milestones {
                if !seen.insert(m.key.value.as_str()) {
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
                let rules = rules_of(path, m, &all_keys, &mut findings);
                milestones.push(Milestone {
                    key: m.key.value.clone(),
                    title: m.title.clone(),
                    rules,
                    source: m.source.clone(),
                    statutory: m.statutory,
                    required: m.required,
                });
            }
            tracks.push(Track::new(
                track_key.value.clone(),
                track.title.clone(),
                milestones,
            ));
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

    /// Finds a chain of anchors that leads back to where it started: the first met,
    /// walking depth first from each milestone with rules in key order, each milestone's
    /// anchors in rule order.
    ///
    /// Each milestone is walked once (unseen, then on the current walk, then done), and
    /// the walk keeps its own stack, which keeps this linear however long the chains are
    /// and however deep they go.
    fn find_cycle(&self) -> Option<Vec<String>> {
        #[derive(Clone, Copy, PartialEq)]
        enum Colour {
            /// On the current walk, at this position.
            Walking(usize),
            /// Walked before: leads to no cycle.
            Done,
        }
        let mut edges: HashMap<&str, Vec<&str>> = HashMap::new();
        for m in self.tracks.iter().flat_map(|t| &t.milestones) {
            let anchors = edges.entry(m.key.as_str()).or_default();
            for rule in &m.rules {
                if !anchors.contains(&rule.anchor.as_str()) {
                    anchors.push(rule.anchor.as_str());
                }
            }
        }
        let mut keys: Vec<&str> = edges
            .iter()
            .filter(|(_, anchors)| !anchors.is_empty())
            .map(|(k, _)| *k)
            .collect();
        keys.sort_unstable();
        let mut colour: HashMap<&str, Colour> = HashMap::with_capacity(edges.len());
        for start in keys {
            if colour.contains_key(start) {
                continue;
            }
            // The walk: each milestone on it with the index of its next anchor to follow.
            let mut path: Vec<(&str, usize)> = vec![(start, 0)];
            colour.insert(start, Colour::Walking(0));
            while let Some((node, next)) = path.last_mut() {
                let anchors = edges.get(node).map_or(&[][..], Vec::as_slice);
                let Some(anchor) = anchors.get(*next).copied() else {
                    colour.insert(*node, Colour::Done);
                    path.pop();
                    continue;
                };
                *next += 1;
                match colour.get(anchor) {
                    Some(Colour::Done) => {}
                    Some(Colour::Walking(pos)) => {
                        let mut cycle: Vec<String> =
                            path[*pos..].iter().map(|(k, _)| k.to_string()).collect();
                        cycle.push(anchor.to_string());
                        return Some(cycle);
                    }
                    None => {
                        colour.insert(anchor, Colour::Walking(path.len()));
                        path.push((anchor, 0));
                    }
                }
            }
        }
        None
    }
}

/// Parses a milestone's rules, in [`RuleKind::ALL`] order, and reports the phrases that
/// do not read, anchors that are not milestones and rules that contradict each other.
fn rules_of(
    path: &str,
    m: &MilestoneDef,
    all_keys: &BTreeMap<&str, &Sp<String>>,
    findings: &mut Vec<Diagnostic>,
) -> Vec<Rule> {
    let mut rules: Vec<(Rule, &Sp<String>)> = Vec::new();
    for (kind, phrase) in phrases(m) {
        match parse_rule(kind, &phrase.value) {
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
            Ok(r) if rules.iter().any(|(other, _)| other.kind == r.kind) => {
                // One rule of each kind: two deadlines for one milestone would leave
                // casebook to guess which one is meant.
                findings.push(
                    Diagnostic::error(
                        Code::RuleConflict,
                        path,
                        phrase.line as usize,
                        phrase.column as usize,
                        format!("milestone `{}` has two `{}` rules", m.key.value, kind.key()),
                    )
                    .with_help("give each milestone at most one rule of each kind"),
                );
            }
            Ok(r) => rules.push((r, phrase)),
            Err(msg) => findings.push(Diagnostic::error(
                Code::RulePhrase,
                path,
                phrase.line as usize,
                phrase.column as usize,
                format!("cannot read rule `{}`: {msg}", phrase.value),
            )),
        }
    }
    if let Some((due, _)) = rules.iter().find(|(r, _)| r.kind == RuleKind::Due) {
        for (other, phrase) in &rules {
            let what = match other.kind {
                RuleKind::Target => "the target falls after the deadline",
                RuleKind::NotBefore => "the earliest date falls after the deadline",
                RuleKind::Due | RuleKind::Expected => continue,
            };
            if later_than(other, due) {
                findings.push(
                    Diagnostic::error(
                        Code::RuleConflict,
                        path,
                        phrase.line as usize,
                        phrase.column as usize,
                        format!(
                            "milestone `{}`: {what} (`{}: {other}` but `due: {due}`)",
                            m.key.value,
                            other.kind.key()
                        ),
                    )
                    .with_help("a target comes before its deadline, and so does an earliest date"),
                );
            }
        }
    }
    rules.into_iter().map(|(r, _)| r).collect()
}

/// Whether `a` certainly falls after `b`: both count the same unit in the same direction
/// from the same anchor, and `a` counts further (rules that count differently are not
/// compared: their order depends on the dates).
fn later_than(a: &Rule, b: &Rule) -> bool {
    if a.anchor != b.anchor || a.unit != b.unit || a.before != b.before {
        return false;
    }
    if a.before {
        a.amount < b.amount
    } else {
        a.amount > b.amount
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

/// The rule phrases a milestone gives, each with its kind, in [`RuleKind::ALL`] order.
fn phrases(m: &MilestoneDef) -> impl Iterator<Item = (RuleKind, &Sp<String>)> {
    [
        (RuleKind::Due, &m.due),
        (RuleKind::Target, &m.target),
        (RuleKind::NotBefore, &m.not_before),
        (RuleKind::Expected, &m.expected),
    ]
    .into_iter()
    .filter_map(|(kind, phrase)| Some((kind, phrase.as_ref()?)))
}

#[cfg(test)]
mod tests {
    use super::super::Unit;
    use super::*;

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
                rules: match (i, closed) {
                    (0, false) => vec![],
                    (0, true) => vec![rule(n - 1)],
                    _ => vec![rule(i - 1)],
                },
                source: None,
                statutory: false,
                required: false,
            })
            .collect();
        let track = Track::new("chain".into(), "Chain".into(), milestones);
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

    #[test]
    fn a_milestone_may_carry_one_rule_of_each_kind() {
        let text = "name: t\ntitle: T\ntracks:\n  t:\n    title: T\n    milestones:\n      - {key: a, title: A}\n      - {key: b, title: B, due: 8 months after a, target: 6 months after a, not_before: 1 month after a, expected: 7 months after a, statutory: true}\n";
        let p = Process::parse("p.yaml", text).unwrap();
        let b = p.milestone("b").unwrap();
        let kinds: Vec<RuleKind> = b.rules.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, RuleKind::ALL);
        assert!(b.statutory && !b.required);
        assert_eq!(b.rule(RuleKind::Target).map(|r| r.amount), Some(6));
    }

    #[test]
    fn a_target_or_earliest_date_after_the_deadline_is_a_conflict() {
        let text = "name: t\ntitle: T\ntracks:\n  t:\n    title: T\n    milestones:\n      - {key: a, title: A}\n      - {key: b, title: B, due: 6 months after a, target: 8 months after a}\n      - {key: c, title: C, due: 5 working days after a, not_before: 6 working days after a}\n      - {key: d, title: D, due: 6 months after a, target: 20 working days after a}\n      - {key: e, title: E, due: 3 days before a, target: 2 days before a}\n";
        let errs = Process::parse("p.yaml", text).unwrap_err();
        let lines: Vec<(Code, usize)> = errs.iter().map(|d| (d.code, d.line)).collect();
        // d's rules count in different units, so they are not compared; e's target
        // (2 days before) comes after its deadline (3 days before).
        assert_eq!(
            lines,
            [
                (Code::RuleConflict, 8),
                (Code::RuleConflict, 9),
                (Code::RuleConflict, 11)
            ]
        );
        assert!(
            errs[0]
                .message
                .contains("the target falls after the deadline")
        );
        assert!(errs[1].message.contains("earliest date"));
    }

    #[test]
    fn a_cycle_through_a_second_rule_is_found() {
        // b's deadline counts from a, its earliest date from c, and c from b.
        let text = "name: t\ntitle: T\ntracks:\n  t:\n    title: T\n    milestones:\n      - {key: a, title: A}\n      - {key: b, title: B, due: 1 day after a, not_before: 1 day after c}\n      - {key: c, title: C, due: 1 day after b}\n";
        let errs = Process::parse("p.yaml", text).unwrap_err();
        let cycle = errs.iter().find(|d| d.code == Code::RuleCycle).unwrap();
        assert_eq!(cycle.message, "rules form a cycle: b -> c -> b");
    }

    #[test]
    fn a_rule_counting_from_its_own_milestone_is_a_cycle() {
        let text = "name: t\ntitle: T\ntracks:\n  t:\n    title: T\n    milestones:\n      - {key: a, title: A, due: 1 day after a}\n";
        let errs = Process::parse("p.yaml", text).unwrap_err();
        assert_eq!(errs[0].message, "rules form a cycle: a -> a");
    }
}
