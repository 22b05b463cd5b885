//! `case.yaml`: a case's identity, tracks, milestone dates and parallel processes.
//! It holds no personal identifiers: titles are checked against people.yaml.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, FreeText, Sp, SpMap, StringKind, VisitText};

/// Whether a case is still being worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CaseStatus {
    /// Still running: its deadlines are checked.
    #[default]
    Open,
    /// Finished: left out of deadline checks unless asked.
    Closed,
}

/// An agreed exception to a milestone's rules: a new due date (`to`), a new earliest
/// date (`not_before`) or the earliest date waived (`waived: true`), with why and who
/// agreed it. The dates the rules give stay visible beside it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    /// The new due date (or, for a milestone with a target and no due date, the new target).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
    /// The new earliest date, for a milestone with a `not_before` rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_before: Option<Date>,
    /// The earliest date does not apply to this case (a `not_before` rule waived).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub waived: bool,
    /// Why the exception was agreed.
    pub reason: FreeText,
    /// Who agreed it (a role or body, not a name); required to move or waive an earliest date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed_by: Option<FreeText>,
}

/// Kinds of process that can run alongside a review (WSCP 5.4–5.17).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ParallelKind {
    /// A police investigation or criminal trial.
    Police,
    /// An inquest.
    Coroner,
    /// An Independent Office for Police Conduct investigation.
    Iopc,
    /// A Strategic Executive Information System (NHS serious incident) report.
    Steis,
    /// A Domestic Homicide Review.
    Dhr,
    /// Multi-Agency Public Protection Arrangements.
    Mappa,
    /// Learning from lives and deaths (LeDeR).
    Leder,
    /// Anything else.
    Other,
}

impl ParallelKind {
    /// Returns a readable name.
    pub fn title(&self) -> &'static str {
        match self {
            ParallelKind::Police => "Police investigation",
            ParallelKind::Coroner => "Coroner's inquest",
            ParallelKind::Iopc => "IOPC investigation",
            ParallelKind::Steis => "STEIS serious incident",
            ParallelKind::Dhr => "Domestic Homicide Review",
            ParallelKind::Mappa => "MAPPA",
            ParallelKind::Leder => "LeDeR review",
            ParallelKind::Other => "Parallel process",
        }
    }
}

/// A process running alongside the review.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parallel {
    /// What kind of process.
    pub process: ParallelKind,
    /// Its reference number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<FreeText>,
    /// Who to contact (a role, not a name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<FreeText>,
    /// When it started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<Date>,
    /// When it concluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concluded: Option<Date>,
    /// Anything the panel should know (no names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<FreeText>,
}

/// The contents of `case.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseRecord {
    /// The case id; must equal the folder name.
    #[schemars(transform = StringKind::Code)]
    pub id: Sp<String>,
    /// A title that never names anyone.
    pub title: Sp<FreeText>,
    /// The day the case was opened.
    pub opened: Sp<Date>,
    /// open or closed.
    #[serde(default)]
    pub status: CaseStatus,
    /// Process tracks this case runs, in order.
    #[schemars(transform = StringKind::Code)]
    pub tracks: Vec<Sp<String>>,
    /// Milestone key to the date it happened.
    #[serde(default)]
    pub milestones: SpMap<Sp<Date>>,
    /// Milestone key to the date it is scheduled for.
    #[serde(default)]
    pub planned: SpMap<Sp<Date>>,
    /// Milestone key to why it does not apply.
    #[serde(default)]
    pub not_applicable: SpMap<FreeText>,
    /// Milestone key to an agreed exception: a new due date or earliest date.
    #[serde(default)]
    pub extensions: SpMap<Extension>,
    /// Ids of related cases in this casebook.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(transform = StringKind::Code)]
    pub related: Vec<Sp<String>>,
    /// Processes running alongside the review.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parallel: Vec<Parallel>,
}

impl VisitText for Extension {
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText)) {
        let Extension {
            to: _,
            not_before: _,
            waived: _,
            reason,
            agreed_by,
        } = self;
        reason.visit_text(f);
        agreed_by.visit_text(f);
    }
}

impl VisitText for Parallel {
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText)) {
        let Parallel {
            process: _,
            reference,
            contact,
            started: _,
            concluded: _,
            notes,
        } = self;
        reference.visit_text(f);
        contact.visit_text(f);
        notes.visit_text(f);
    }
}

impl VisitText for CaseRecord {
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText)) {
        let CaseRecord {
            id: _,
            title,
            opened: _,
            status: _,
            tracks: _,
            milestones: _,
            planned: _,
            not_applicable,
            extensions,
            related: _,
            parallel,
        } = self;
        title.visit_text(f);
        not_applicable.visit_text(f);
        extensions.visit_text(f);
        parallel.visit_text(f);
    }
}
