//! The action plan's data: actions with their deadline status and red/amber/green
//! mark, grouped by recommendation and by agency.

use super::*;
use crate::model::ActionStatus;

/// An action with where it stands.
#[derive(Debug, Clone, Serialize)]
pub struct ActionInfo {
    /// Its id.
    pub id: String,
    /// The recommendation it answers.
    pub recommendation: Option<String>,
    /// What will be done.
    pub action: String,
    /// The responsible agency.
    pub agency: String,
    /// The owner's role.
    pub owner: String,
    /// When it is due.
    pub due: String,
    /// When it was done.
    pub done: Option<String>,
    /// open, done or dropped (as recorded).
    pub state: &'static str,
    /// met, late, overdue, due-soon, pending or not-applicable (as computed).
    pub status: &'static str,
    /// red, amber, green or grey.
    pub rag: &'static str,
    /// The status in words, sentence case.
    pub verdict: String,
    /// Evidence that it was done.
    pub evidence: Option<String>,
    /// Progress notes.
    pub progress: Option<String>,
}

/// An agency's actions under one recommendation.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyGroup {
    /// The agency.
    pub agency: String,
    /// Its actions, in file order.
    pub actions: Vec<ActionInfo>,
}

/// The actions answering one recommendation.
#[derive(Debug, Clone, Serialize)]
pub struct RecommendationGroup {
    /// The recommendation, e.g. R1; none for actions that name none.
    pub recommendation: Option<String>,
    /// The agencies, in order of their first action.
    pub agencies: Vec<AgencyGroup>,
}

/// Counts of actions.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ActionSummary {
    /// All actions.
    pub total: usize,
    /// Done on time.
    pub met: usize,
    /// Done late.
    pub late: usize,
    /// Open and overdue.
    pub overdue: usize,
    /// Open and due soon.
    pub due_soon: usize,
    /// Open and not yet due.
    pub pending: usize,
    /// Dropped.
    pub dropped: usize,
}

/// The red/amber/green mark of an action: red overdue, amber due soon, green done or
/// on track, grey dropped.
pub fn rag(status: Status) -> &'static str {
    match status {
        Status::Overdue | Status::TooEarly | Status::Invalid => "red",
        Status::DueSoon | Status::Chase | Status::BehindTarget => "amber",
        Status::NotApplicable | Status::Waiting => "grey",
        Status::Met | Status::Late | Status::Pending => "green",
    }
}

/// Orders recommendation ids naturally: R2 before R10; actions naming none go last.
pub(super) fn recommendation_order(r: &Option<String>) -> (bool, String, u64, String) {
    match r {
        None => (true, String::new(), 0, String::new()),
        Some(id) => {
            let digits_at = id.find(|c: char| c.is_ascii_digit()).unwrap_or(id.len());
            let (prefix, rest) = id.split_at(digits_at);
            let len = rest.bytes().take_while(u8::is_ascii_digit).count();
            let number = rest[..len].parse().unwrap_or(u64::MAX);
            (false, prefix.to_string(), number, rest[len..].to_string())
        }
    }
}

pub(super) fn actions(
    case: &LoadedCase,
    items: &[Item],
) -> (Vec<ActionInfo>, Vec<RecommendationGroup>, ActionSummary) {
    let Some(file) = &case.actions else {
        return (Vec::new(), Vec::new(), ActionSummary::default());
    };
    let mut summary = ActionSummary::default();
    let mut list = Vec::new();
    for (index, a) in file.actions.iter().enumerate() {
        // Items come back sorted by status; match them by id, and by position for
        // the (invalid, but possible) case of two actions sharing an id.
        let same_id: Vec<&Item> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Action && i.key == a.id.value)
            .collect();
        let before = file.actions[..index]
            .iter()
            .filter(|b| b.id.value == a.id.value)
            .count();
        let Some(item) = same_id
            .iter()
            .find(|i| i.line == a.id.line as usize)
            .or_else(|| same_id.get(before))
        else {
            continue;
        };
        summary.total += 1;
        match item.status {
            Status::Met => summary.met += 1,
            Status::Late => summary.late += 1,
            Status::Overdue => summary.overdue += 1,
            Status::DueSoon => summary.due_soon += 1,
            Status::NotApplicable => summary.dropped += 1,
            _ => summary.pending += 1,
        }
        list.push(ActionInfo {
            id: a.id.value.clone(),
            recommendation: a.recommendation.clone(),
            action: a.action.to_string(),
            agency: a.agency.to_string(),
            owner: a.owner.to_string(),
            due: iso(a.due.value.0),
            done: a.done.as_ref().map(|d| iso(d.value.0)),
            state: match a.status.value {
                ActionStatus::Open => "open",
                ActionStatus::Done => "done",
                ActionStatus::Dropped => "dropped",
            },
            status: item.status.as_str(),
            rag: rag(item.status),
            verdict: match item.status {
                Status::NotApplicable => "Dropped".to_string(),
                _ => verdict(item),
            },
            evidence: a.evidence.clone().map(String::from),
            progress: a.progress.clone().map(String::from),
        });
    }
    let mut groups: Vec<RecommendationGroup> = Vec::new();
    for a in &list {
        let group = match groups
            .iter_mut()
            .position(|g| g.recommendation == a.recommendation)
        {
            Some(i) => &mut groups[i],
            None => {
                groups.push(RecommendationGroup {
                    recommendation: a.recommendation.clone(),
                    agencies: Vec::new(),
                });
                let last = groups.len() - 1;
                &mut groups[last]
            }
        };
        match group.agencies.iter_mut().find(|g| g.agency == a.agency) {
            Some(g) => g.actions.push(a.clone()),
            None => group.agencies.push(AgencyGroup {
                agency: a.agency.clone(),
                actions: vec![a.clone()],
            }),
        }
    }
    groups.sort_by_key(|g| recommendation_order(&g.recommendation));
    (list, groups, summary)
}
