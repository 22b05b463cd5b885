//! The rule phrase grammar: `N UNIT after|before KEY`, and the kinds of rule a milestone
//! may carry (`due`, `target`, `not_before`, `expected`).
//!
//! A small grammar on its own so that it can grow (issue 21 adds `after the later of A
//! and B`); it knows nothing of tracks, anchors that exist or dates.

use std::fmt;

use serde::Serialize;

/// What a rule says about its milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// A deadline: late or overdue past it.
    Due,
    /// A soft deadline: past it, the item is behind its target but not overdue.
    Target,
    /// An earliest date: doing it sooner breaks the rule.
    NotBefore,
    /// A soft date: past it, the item needs chasing.
    Expected,
}

impl RuleKind {
    /// Every kind, in the order a milestone's rules are kept and shown.
    pub const ALL: [RuleKind; 4] = [
        RuleKind::Due,
        RuleKind::Target,
        RuleKind::NotBefore,
        RuleKind::Expected,
    ];

    /// The key a process file writes the rule under: `due`, `target`, `not_before`, `expected`.
    pub fn key(self) -> &'static str {
        match self {
            RuleKind::Due => "due",
            RuleKind::Target => "target",
            RuleKind::NotBefore => "not_before",
            RuleKind::Expected => "expected",
        }
    }

    /// The kind in words: `due`, `target`, `not before`, `expected`.
    pub fn words(self) -> &'static str {
        match self {
            RuleKind::NotBefore => "not before",
            other => other.key(),
        }
    }

    /// Whether the rule may count back from its anchor (`before`): a deadline or a
    /// target can ("7 working days before published"); an earliest or expected date
    /// counted back has no meaning in the process documents.
    pub fn may_count_back(self) -> bool {
        matches!(self, RuleKind::Due | RuleKind::Target)
    }
}

/// The unit of a rule's amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Monday–Friday, not bank holidays or (for local rules) closures.
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
    /// due, target, not_before or expected.
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

/// Why a rule phrase cannot be read, in words for the process file's author.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct RuleError(pub String);

/// Parses the phrase of a rule, e.g. `13 working days after notified`.
pub fn parse_rule(kind: RuleKind, phrase: &str) -> Result<Rule, RuleError> {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let usage = "write rules as `N UNIT after|before KEY`, e.g. `5 working days after aware`";
    let (amount, rest) = words
        .split_first()
        .ok_or_else(|| RuleError(format!("empty rule; {usage}")))?;
    let amount: u32 = amount
        .parse()
        .map_err(|_| RuleError(format!("`{amount}` is not a whole number; {usage}")))?;
    if amount > 10_000 {
        return Err(RuleError(format!("{amount} is too large for a time limit")));
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
                    return Err(RuleError(format!(
                        "unknown unit `{other}`: use working days, days, weeks, months or years"
                    )));
                }
            };
            (unit, rest)
        }
        [] => return Err(RuleError(format!("the rule has no unit; {usage}"))),
    };
    let (before, anchor) = match rest {
        ["after", anchor] => (false, anchor),
        ["before", anchor] => (true, anchor),
        [dir, _] => {
            return Err(RuleError(format!(
                "expected `after` or `before`, found `{dir}`"
            )));
        }
        _ => {
            return Err(RuleError(format!(
                "the rule must end with `after KEY` or `before KEY`; {usage}"
            )));
        }
    };
    if before && !kind.may_count_back() {
        return Err(RuleError(format!(
            "only `due` and `target` rules may count `before` a milestone, not `{}`",
            kind.key()
        )));
    }
    Ok(Rule {
        kind,
        amount,
        unit,
        before,
        anchor: anchor.to_string(),
    })
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
        let t = parse_rule(RuleKind::Target, "6 months after lcspr_decided").unwrap();
        assert_eq!(
            (t.kind, t.unit, t.amount),
            (RuleKind::Target, Unit::Months, 6)
        );
        assert!(parse_rule(RuleKind::Target, "2 weeks before published").is_ok());
    }

    #[test]
    fn bad_phrases_explained() {
        assert!(
            parse_rule(RuleKind::Due, "five days after aware")
                .unwrap_err()
                .0
                .contains("whole number")
        );
        assert!(
            parse_rule(RuleKind::Due, "5 fortnights after aware")
                .unwrap_err()
                .0
                .contains("unknown unit")
        );
        assert!(
            parse_rule(RuleKind::Due, "5 days since aware")
                .unwrap_err()
                .0
                .contains("after")
        );
        assert!(parse_rule(RuleKind::Due, "5 days after").is_err());
        assert!(
            parse_rule(RuleKind::NotBefore, "5 days before x")
                .unwrap_err()
                .0
                .contains("not `not_before`")
        );
        assert!(parse_rule(RuleKind::Expected, "5 days before x").is_err());
        assert!(parse_rule(RuleKind::Due, "").is_err());
        assert!(parse_rule(RuleKind::Due, "10001 days after x").is_err());
    }

    #[test]
    fn kinds_have_their_process_file_keys() {
        let keys: Vec<&str> = RuleKind::ALL.iter().map(|k| k.key()).collect();
        assert_eq!(keys, ["due", "target", "not_before", "expected"]);
    }
}
