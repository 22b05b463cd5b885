//! `actions.yaml`: the action plan that follows a review's recommendations.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, FreeText, Sp, StringKind, VisitText};

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    /// Not yet done.
    #[default]
    Open,
    /// Completed; `done` holds the date.
    Done,
    /// No longer pursued.
    Dropped,
}

/// One action.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Unique id within the case, e.g. A1.
    #[schemars(transform = StringKind::Code)]
    pub id: Sp<String>,
    /// The recommendation it answers, e.g. R1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = StringKind::Code)]
    pub recommendation: Option<String>,
    /// What will be done.
    pub action: FreeText,
    /// The agency responsible.
    pub agency: FreeText,
    /// Who owns it (a role, not a name).
    pub owner: FreeText,
    /// When it is due.
    pub due: Sp<Date>,
    /// open, done or dropped.
    #[serde(default)]
    pub status: Sp<ActionStatus>,
    /// When it was done (required when status is done).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<Sp<Date>>,
    /// The evidence that it was done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<FreeText>,
    /// Progress notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<FreeText>,
}

/// The contents of `actions.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionsFile {
    /// The actions.
    pub actions: Vec<Action>,
}

impl VisitText for Action {
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText)) {
        let Action {
            id: _,
            recommendation: _,
            action,
            agency,
            owner,
            due: _,
            status: _,
            done: _,
            evidence,
            progress,
        } = self;
        action.visit_text(f);
        agency.visit_text(f);
        owner.visit_text(f);
        evidence.visit_text(f);
        progress.visit_text(f);
    }
}

impl VisitText for ActionsFile {
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText)) {
        let ActionsFile { actions } = self;
        actions.visit_text(f);
    }
}
