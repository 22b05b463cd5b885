//! `recommendation.yaml`: the Rapid Review Recommendation Form of WSCP §4.22, which
//! the panel chair completes on day 13 and the tripartite leads sign off.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, FreeText, VisitText};

/// The s16C criteria (Children Act 2004) that make an incident notifiable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum S16cCriterion {
    /// The local authority knows or suspects that the child has been abused or neglected.
    AbuseOrNeglectKnownOrSuspected,
    /// The child has died or been seriously harmed in the local authority's area.
    DiedOrSeriouslyHarmedInArea,
    /// The child, normally resident in the area, died or was seriously harmed outside England.
    DiedOrSeriouslyHarmedOutsideEngland,
}

/// Criteria for a Local Child Safeguarding Practice Review (regulation 11, a–d).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LocalCriterion {
    /// (a) highlights or may highlight improvements needed, including ones previously identified.
    ImprovementsNeeded,
    /// (b) highlights or may highlight recurrent themes.
    RecurrentThemes,
    /// (c) highlights or may highlight concerns about two or more agencies working together.
    AgenciesWorkingTogether,
    /// (d) the National Panel considered it and concluded a local review may be more appropriate.
    NationalPanelSuggestedLocal,
}

/// Criteria for a National Child Safeguarding Practice Review (regulation 3, a–c).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NationalCriterion {
    /// (a) highlights or may highlight improvements needed, including ones previously identified.
    ImprovementsNeeded,
    /// (b) raises or may raise issues requiring legislative change or changes to guidance.
    LegislativeChange,
    /// (c) highlights or may highlight recurrent themes.
    RecurrentThemes,
}

/// What the panel decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// A Local Child Safeguarding Practice Review should be undertaken.
    Local,
    /// A National Child Safeguarding Practice Review should be undertaken.
    National,
    /// The case does not meet the criteria for a local or national review.
    None,
}

/// The contents of `recommendation.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// Was the recommendation unanimous?
    pub unanimous: bool,
    /// Comments, reasons for dissent, and who dissented (roles, not names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dissent: Option<FreeText>,
    /// Which s16C criteria were met (tick all that apply).
    #[serde(default)]
    pub s16c_criteria: Vec<S16cCriterion>,
    /// Which criteria for a local review the case meets.
    #[serde(default)]
    pub local_criteria: Vec<LocalCriterion>,
    /// Which criteria for a national review the case meets.
    #[serde(default)]
    pub national_criteria: Vec<NationalCriterion>,
    /// local, national or none.
    pub decision: Decision,
    /// Why the panel recommends this.
    pub rationale: FreeText,
    /// The signing tripartite leader's role (not their name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_by: Option<FreeText>,
    /// When it was signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_on: Option<Date>,
}

impl VisitText for Recommendation {
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText)) {
        let Recommendation {
            unanimous: _,
            dissent,
            s16c_criteria: _,
            local_criteria: _,
            national_criteria: _,
            decision: _,
            rationale,
            signed_by,
            signed_on: _,
        } = self;
        dissent.visit_text(f);
        rationale.visit_text(f);
        signed_by.visit_text(f);
    }
}
