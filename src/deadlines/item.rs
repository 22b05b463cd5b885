//! What a deadline check says about one thing: an [`Item`] (a milestone with rules, an
//! action, or a record that could not be understood), its [`Status`], and which
//! statuses fail a run ([`FailOn`]).
//!
//! Plain data and the decisions that depend only on it; no dates are computed here.

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic};
use crate::process::RuleKind;

/// Where an item stands on the as-of date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// A record the rules cannot use: unreadable, or naming a track or milestone the
    /// process does not have. Always fails: nothing can be said about what it hides.
    Invalid,
    /// Not done and past its due date.
    Overdue,
    /// Done, or planned, before its earliest date (`not_before`): the rule is broken.
    TooEarly,
    /// Not done and past its target (a soft deadline), not yet past any due date.
    BehindTarget,
    /// Not done and due within `due_soon` working days, today included.
    DueSoon,
    /// An expected date passed: the item needs chasing, it is not overdue.
    Chase,
    /// The rule's anchor has no date yet, or the item is owed with no time limit.
    #[default]
    Waiting,
    /// Not done, due later.
    Pending,
    /// Done after its due date.
    Late,
    /// Done on or before its due date, and not before its earliest date.
    Met,
    /// Does not apply to this case.
    NotApplicable,
}

impl Status {
    /// All statuses, worst first.
    pub const ALL: [Status; 11] = [
        Status::Invalid,
        Status::Overdue,
        Status::TooEarly,
        Status::BehindTarget,
        Status::DueSoon,
        Status::Chase,
        Status::Waiting,
        Status::Pending,
        Status::Late,
        Status::Met,
        Status::NotApplicable,
    ];

    /// Returns the kebab-case name used in JSON and text.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Invalid => "invalid",
            Status::Overdue => "overdue",
            Status::TooEarly => "too-early",
            Status::DueSoon => "due-soon",
            Status::BehindTarget => "behind-target",
            Status::Chase => "chase",
            Status::Waiting => "waiting",
            Status::Pending => "pending",
            Status::Late => "late",
            Status::Met => "met",
            Status::NotApplicable => "not-applicable",
        }
    }

    /// Its place in [`Status::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Whether an item is a process milestone, an action, or a record not understood.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A milestone with a rule.
    #[default]
    Milestone,
    /// An action from actions.yaml.
    Action,
    /// Something in the case's records the rules cannot use.
    Invalid,
}

impl ItemKind {
    /// Returns the lower-case name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Milestone => "milestone",
            ItemKind::Action => "action",
            ItemKind::Invalid => "invalid",
        }
    }
}

/// One milestone or action with its due date and status, or one problem that kept a
/// case from being fully evaluated.
///
/// The fields after `owner` are left out of JSON when empty, so an item that has no
/// target, no earliest date and no closures to speak of reads as it always has.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Item {
    /// The case id.
    pub case: String,
    /// milestone, action or invalid.
    pub kind: ItemKind,
    /// The milestone key, the action id, or (invalid) the finding's code.
    pub key: String,
    /// What it is, or (invalid) what is wrong.
    pub title: String,
    /// The process track (milestones only).
    pub track: Option<String>,
    /// The date in force: the due date, else the target, else the expected date, else
    /// the earliest date.
    pub due: Option<NaiveDate>,
    /// When it was done.
    pub done: Option<NaiveDate>,
    /// Where it stands.
    pub status: Status,
    /// Signed working days from the as-of date to `due` (see `calendar`).
    pub working_days: Option<i64>,
    /// Where the rule comes from.
    pub source: Option<String>,
    /// The file to edit, relative to the root.
    pub file: String,
    /// The line to edit (0 when unknown).
    pub line: usize,
    /// The rules, in words.
    pub rule: Option<String>,
    /// The kind of the rule that gives `due`.
    pub rule_kind: Option<RuleKind>,
    /// The date it is planned for.
    pub planned: Option<NaiveDate>,
    /// The due date before an extension.
    pub original_due: Option<NaiveDate>,
    /// Why the extension or exception was agreed.
    pub extension_reason: Option<String>,
    /// The milestone a waiting item waits for.
    pub waiting_for: Option<String>,
    /// Why it does not apply.
    pub not_applicable_reason: Option<String>,
    /// Working days between due and done, for late items.
    pub late_by: Option<i64>,
    /// The responsible agency (actions).
    pub agency: Option<String>,
    /// The owner's role (actions).
    pub owner: Option<String>,
    /// Who agreed the extension or exception.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension_agreed_by: Option<String>,
    /// The target date (a `target` rule), past which the item is behind target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<NaiveDate>,
    /// The earliest date in force (a `not_before` rule).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<NaiveDate>,
    /// The earliest date the rule gives, when an agreed exception moved or waived it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_not_before: Option<NaiveDate>,
    /// An agreed exception waived the earliest date.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_before_waived: bool,
    /// The expected date (an `expected` rule), past which the item needs chasing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<NaiveDate>,
    /// Its rules are statutory: council closures do not move them.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub statutory: bool,
    /// Council closures moved `due` later than weekends and bank holidays alone would.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub closures_moved: bool,
    /// What `due` would be without the closures, when they moved it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub without_closures: Option<NaiveDate>,
    /// Owed even though the milestone its rules count from does not apply; no time
    /// limit applies.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub owed: bool,
    /// (invalid) The finding's stable code, as `validate` prints it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Code>,
    /// (invalid) What is wrong, as `validate` prints it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// (invalid) The column, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// (invalid) How to fix it, when casebook knows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Item {
    /// The item of a finding that kept part of a case from being evaluated: the file,
    /// line, code and message as `validate` gives them (never the source line).
    pub fn invalid(case: &str, finding: &Diagnostic) -> Item {
        Item {
            case: case.to_string(),
            kind: ItemKind::Invalid,
            key: finding.code.to_string(),
            title: finding.message.clone(),
            status: Status::Invalid,
            file: finding.path.clone(),
            line: finding.line,
            code: Some(finding.code),
            message: Some(finding.message.clone()),
            column: (finding.column > 0).then_some(finding.column),
            help: finding.help.clone(),
            ..Item::default()
        }
    }

    /// `file:line:column` (as far as known), for an invalid item.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (0, _) => self.file.clone(),
            (line, None) => format!("{}:{line}", self.file),
            (line, Some(col)) => format!("{}:{line}:{col}", self.file),
        }
    }
}

/// One case's items in evaluation order, with the case's title.
#[derive(Debug, Clone)]
pub struct CaseItems {
    /// The case id.
    pub id: String,
    /// The case's title.
    pub title: String,
    /// Its milestones and actions.
    pub items: Vec<Item>,
}

impl CaseItems {
    /// Every item of every case, in case order.
    pub fn all(cases: &[CaseItems]) -> impl Iterator<Item = &Item> {
        cases.iter().flat_map(|c| &c.items)
    }
}

/// What makes a deadline check fail (`check-deadlines --fail-on`), least strict first.
/// Whatever the level, an `invalid` item fails: a case casebook cannot read is never
/// counted as clean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Exit 1 only for invalid records; deadlines never fail the run.
    Never,
    /// Exit 1 when anything is overdue or done (or planned) too early.
    Overdue,
    /// Exit 1 as for overdue, and when anything is behind its target.
    BehindTarget,
    /// Exit 1 as for behind-target, and when anything is due soon.
    DueSoon,
}

impl FailOn {
    /// Tells whether an item with `status` reaches this threshold.
    pub fn fails(self, status: Status) -> bool {
        let level = match status {
            Status::Invalid => return true,
            Status::Overdue | Status::TooEarly => FailOn::Overdue,
            Status::BehindTarget => FailOn::BehindTarget,
            Status::DueSoon => FailOn::DueSoon,
            Status::Chase
            | Status::Waiting
            | Status::Pending
            | Status::Late
            | Status::Met
            | Status::NotApplicable => return false,
        };
        self != FailOn::Never && level.rank() <= self.rank()
    }

    fn rank(self) -> u8 {
        match self {
            FailOn::Never => 0,
            FailOn::Overdue => 1,
            FailOn::BehindTarget => 2,
            FailOn::DueSoon => 3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_listed_worst_first_in_their_own_order() {
        for (i, s) in Status::ALL.iter().enumerate() {
            assert_eq!(s.index(), i, "{s:?}");
        }
        let mut sorted = Status::ALL;
        sorted.sort();
        assert_eq!(sorted, Status::ALL);
    }

    #[test]
    fn each_level_fails_on_what_it_says_and_invalid_always_fails() {
        use Status::*;
        let failing = |level: FailOn| -> Vec<Status> {
            Status::ALL
                .into_iter()
                .filter(|s| level.fails(*s))
                .collect()
        };
        assert_eq!(failing(FailOn::Never), [Invalid]);
        assert_eq!(failing(FailOn::Overdue), [Invalid, Overdue, TooEarly]);
        assert_eq!(
            failing(FailOn::BehindTarget),
            [Invalid, Overdue, TooEarly, BehindTarget]
        );
        assert_eq!(
            failing(FailOn::DueSoon),
            [Invalid, Overdue, TooEarly, BehindTarget, DueSoon]
        );
    }
}
