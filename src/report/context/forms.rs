//! The forms' data: the referral (WSCP Appendix One) and the Rapid Review
//! Recommendation Form (WSCP 4.22) as template values, people by id.

use super::*;
use crate::diagnostic::Code;
use crate::model::recommendation::{LocalCriterion, NationalCriterion, S16cCriterion};
use crate::model::referral::ThresholdView;
use crate::model::{Decision, Sp};

/// referral.yaml with its people resolved.
#[derive(Debug, Clone, Serialize)]
pub struct ReferralInfo {
    /// When it was returned.
    pub received: String,
    /// Who returned it.
    pub referrer: PersonInfo,
    /// The referring agency.
    pub agency: String,
    /// The subject of the review.
    pub subject: PersonInfo,
    /// When the subject was known to the service.
    pub known_to_service: Option<String>,
    /// Significant others.
    pub significant_others: Vec<PersonInfo>,
    /// A brief history.
    pub history: String,
    /// The concerns.
    pub concerns: String,
    /// The referring agency's involvement.
    pub own_agency_involvement: String,
    /// Other agencies' involvement.
    pub other_agency_involvement: Option<String>,
    /// What the review should focus on.
    pub focus: String,
    /// Immediate agency actions.
    pub immediate_actions: Option<String>,
    /// yes, no or unsure.
    pub threshold: &'static str,
    /// The referrer's reasons.
    pub threshold_reason: Option<String>,
}

/// The s16C criteria as tick boxes.
#[derive(Debug, Clone, Serialize)]
pub struct S16cBoxes {
    /// Abuse or neglect known or suspected.
    pub abuse_or_neglect: bool,
    /// Died or seriously harmed in the area.
    pub died_in_area: bool,
    /// Died or seriously harmed outside England.
    pub died_outside_england: bool,
}

/// The local review criteria (reg 11 a–d) as tick boxes.
#[derive(Debug, Clone, Serialize)]
pub struct LocalBoxes {
    /// (a) improvements needed.
    pub improvements_needed: bool,
    /// (b) recurrent themes.
    pub recurrent_themes: bool,
    /// (c) agencies working together.
    pub agencies_working_together: bool,
    /// (d) the National Panel suggested a local review.
    pub national_panel_suggested_local: bool,
}

/// The national review criteria (reg 3 a–c) as tick boxes.
#[derive(Debug, Clone, Serialize)]
pub struct NationalBoxes {
    /// (a) improvements needed.
    pub improvements_needed: bool,
    /// (b) legislative change.
    pub legislative_change: bool,
    /// (c) recurrent themes.
    pub recurrent_themes: bool,
}

/// recommendation.yaml as the form's tick boxes.
#[derive(Debug, Clone, Serialize)]
pub struct RecommendationInfo {
    /// Whether the recommendation was unanimous.
    pub unanimous: bool,
    /// Dissent and who.
    pub dissent: Option<String>,
    /// s16C criteria.
    pub s16c: S16cBoxes,
    /// Local review criteria.
    pub local: LocalBoxes,
    /// National review criteria.
    pub national: NationalBoxes,
    /// True when neither local nor national criteria are ticked.
    pub no_criteria_met: bool,
    /// local, national or none.
    pub decision: &'static str,
    /// Why.
    pub rationale: String,
    /// The signing leader's role.
    pub signed_by: Option<String>,
    /// When it was signed.
    pub signed_on: Option<String>,
}

pub(super) fn lookup(
    case: &LoadedCase,
    people: &PeopleFile,
    id: &Sp<String>,
    reference_day: NaiveDate,
) -> Result<PersonInfo, Diagnostic> {
    people
        .get(&id.value)
        .map(|p| person_info(p, reference_day))
        .ok_or_else(|| {
            Diagnostic::error(
                Code::UnknownPerson,
                case.file(files::REFERRAL),
                id.line as usize,
                id.column as usize,
                format!("no person `{}` in people.yaml", id.value),
            )
            .with_help("add the person to people.yaml, or use an id that is there")
        })
}

pub(super) fn referral(
    case: &LoadedCase,
    r: &crate::model::Referral,
    people: &PeopleFile,
    reference_day: NaiveDate,
) -> Result<ReferralInfo, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut get = |id: &Sp<String>| match lookup(case, people, id, reference_day) {
        Ok(p) => Some(p),
        Err(d) => {
            problems.push(d);
            None
        }
    };
    let referrer = get(&r.referrer);
    let subject = get(&r.subject);
    let others: Vec<Option<PersonInfo>> = r.significant_others.iter().map(&mut get).collect();
    let (Some(referrer), Some(subject)) = (referrer, subject) else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ReferralInfo {
        received: iso(r.received.0),
        referrer,
        agency: r.agency.to_string(),
        subject,
        known_to_service: r.known_to_service.clone().map(String::from),
        significant_others: others.into_iter().flatten().collect(),
        history: r.history.to_string(),
        concerns: r.concerns.to_string(),
        own_agency_involvement: r.own_agency_involvement.to_string(),
        other_agency_involvement: r.other_agency_involvement.clone().map(String::from),
        focus: r.focus.to_string(),
        immediate_actions: r.immediate_actions.clone().map(String::from),
        threshold: match r.threshold {
            ThresholdView::Yes => "yes",
            ThresholdView::No => "no",
            ThresholdView::Unsure => "unsure",
        },
        threshold_reason: r.threshold_reason.clone().map(String::from),
    })
}

pub(super) fn recommendation(r: &crate::model::Recommendation) -> RecommendationInfo {
    let s16 = |c| r.s16c_criteria.contains(&c);
    let local = |c| r.local_criteria.contains(&c);
    let national = |c| r.national_criteria.contains(&c);
    RecommendationInfo {
        unanimous: r.unanimous,
        dissent: r.dissent.clone().map(String::from),
        s16c: S16cBoxes {
            abuse_or_neglect: s16(S16cCriterion::AbuseOrNeglectKnownOrSuspected),
            died_in_area: s16(S16cCriterion::DiedOrSeriouslyHarmedInArea),
            died_outside_england: s16(S16cCriterion::DiedOrSeriouslyHarmedOutsideEngland),
        },
        local: LocalBoxes {
            improvements_needed: local(LocalCriterion::ImprovementsNeeded),
            recurrent_themes: local(LocalCriterion::RecurrentThemes),
            agencies_working_together: local(LocalCriterion::AgenciesWorkingTogether),
            national_panel_suggested_local: local(LocalCriterion::NationalPanelSuggestedLocal),
        },
        national: NationalBoxes {
            improvements_needed: national(NationalCriterion::ImprovementsNeeded),
            legislative_change: national(NationalCriterion::LegislativeChange),
            recurrent_themes: national(NationalCriterion::RecurrentThemes),
        },
        no_criteria_met: r.local_criteria.is_empty() && r.national_criteria.is_empty(),
        decision: match r.decision {
            Decision::Local => "local",
            Decision::National => "national",
            Decision::None => "none",
        },
        rationale: r.rationale.to_string(),
        signed_by: r.signed_by.clone().map(String::from),
        signed_on: opt_iso(r.signed_on.as_ref()),
    }
}
