//! `referral.yaml`: the Case Review Referral Form (WSCP Appendix One). Persons are
//! people.yaml ids; their names, dates of birth and addresses stay in people.yaml.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, FreeText, Sp, StringKind, VisitText};

/// The referrer's view of whether the case reaches the threshold for notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ThresholdView {
    /// The referrer thinks the threshold is met.
    Yes,
    /// The referrer thinks it is not met (a learning referral).
    No,
    /// The referrer is unsure.
    Unsure,
}

/// The contents of `referral.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// When the form was returned.
    pub received: Date,
    /// The date the referrer wrote at the foot of the form (the day they completed it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<Date>,
    /// The people.yaml id of the practitioner who returned it.
    #[schemars(transform = StringKind::Code)]
    pub referrer: Sp<String>,
    /// The referring agency.
    pub agency: FreeText,
    /// The people.yaml id of the subject of the review.
    #[schemars(transform = StringKind::Code)]
    pub subject: Sp<String>,
    /// Date(s) the subject was known to the referring service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_to_service: Option<FreeText>,
    /// people.yaml ids of significant others.
    #[serde(default)]
    #[schemars(transform = StringKind::Code)]
    pub significant_others: Vec<Sp<String>>,
    /// A brief history of the subject, to give the panel a sense of the child and family.
    pub history: FreeText,
    /// Details of the concerns.
    pub concerns: FreeText,
    /// The referring agency's involvement, and who should attend the review (by people id or role).
    pub own_agency_involvement: FreeText,
    /// Other agencies' involvement, and who should attend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_agency_involvement: Option<FreeText>,
    /// Areas of concern or positive practice the review should focus on.
    pub focus: FreeText,
    /// Immediate agency actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub immediate_actions: Option<FreeText>,
    /// Does the case reach the threshold for notification / Rapid Review?
    pub threshold: ThresholdView,
    /// The referrer's reasons for that view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold_reason: Option<FreeText>,
}

impl VisitText for Referral {
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText)) {
        let Referral {
            received: _,
            completed: _,
            referrer: _,
            agency,
            subject: _,
            known_to_service,
            significant_others: _,
            history,
            concerns,
            own_agency_involvement,
            other_agency_involvement,
            focus,
            immediate_actions,
            threshold: _,
            threshold_reason,
        } = self;
        agency.visit_text(f);
        known_to_service.visit_text(f);
        history.visit_text(f);
        concerns.visit_text(f);
        own_agency_involvement.visit_text(f);
        other_agency_involvement.visit_text(f);
        focus.visit_text(f);
        immediate_actions.visit_text(f);
        threshold_reason.visit_text(f);
    }
}
