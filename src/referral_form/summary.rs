//! What `new --from-referral` tells the user about a form it read: who went into
//! people.yaml (by id and role), which answers were empty, the threshold view, and
//! every place it could not fill, by field and reason. It never prints a name, date,
//! address or answer: only ids, roles, field names and counts.

use std::fmt::Write as _;

use crate::anonymise::{Anonymiser, Options};
use crate::model::{FreeText, Referral, Role};
use crate::publication::identities;

use super::to_case::{ANSWER_FIELDS, FromForm, PLACEHOLDER};

/// The summary's lines: `dry_run` says "would write" instead of "wrote".
pub fn summary(from: &FromForm, tracks: &[String], dry_run: bool) -> String {
    let mut out = String::new();
    let verb = if dry_run { "would write" } else { "wrote" };
    let people: Vec<String> = from
        .people
        .people
        .iter()
        .map(|p| format!("{} ({})", p.id.value, role(p.role)))
        .collect();
    let _ = writeln!(
        out,
        "people.yaml: {verb} {} people: {}",
        people.len(),
        people.join(", ")
    );
    let answered = ANSWER_FIELDS - from.empty.len().min(ANSWER_FIELDS);
    let _ = writeln!(
        out,
        "referral.yaml: {verb} {answered} of {ANSWER_FIELDS} answers; the referrer's view: {}",
        match from.threshold_read {
            Some(v) => view(v).to_string(),
            None => "unclear, written as unsure".into(),
        }
    );
    if !from.empty.is_empty() {
        let _ = writeln!(out, "  empty on the form: {}", from.empty.join(", "));
    }
    let named = fields_naming_people(from);
    if !named.is_empty() {
        let _ = writeln!(
            out,
            "  names from people.yaml appear in {}: they stay as written; `anonymise` replaces them for publication",
            named.join(", ")
        );
    }
    let _ = writeln!(out, "tracks: {}", tracks.join(", "));
    let n = from.people.people.len();
    let _ = writeln!(
        out,
        "pseudonyms: {n} placeholders ({PLACEHOLDER} 1 to {PLACEHOLDER} {n}) in people.yaml: choose them before anything is published"
    );
    if !from.unplaced.is_empty() {
        let _ = writeln!(out, "not placed ({}):", from.unplaced.len());
        for u in &from.unplaced {
            let _ = writeln!(out, "  {}: {}", u.place, u.reason);
        }
    }
    out
}

fn role(role: Role) -> &'static str {
    match role {
        Role::Subject => "subject",
        Role::Family => "family",
        Role::SignificantOther => "significant-other",
        Role::Practitioner => "practitioner",
        Role::Other => "other",
    }
}

fn view(v: crate::model::referral::ThresholdView) -> &'static str {
    use crate::model::referral::ThresholdView::*;
    match v {
        Yes => "yes",
        No => "no",
        Unsure => "unsure",
    }
}

/// The referral.yaml answers that hold an identifier the anonymiser finds: a name,
/// alias, initials or date of birth from people.yaml, or a pattern such as a phone number.
fn fields_naming_people(from: &FromForm) -> Vec<&'static str> {
    let r: &Referral = &from.referral;
    let fields: [(&'static str, Option<&FreeText>); 9] = [
        ("agency", Some(&r.agency)),
        ("known_to_service", r.known_to_service.as_ref()),
        ("history", Some(&r.history)),
        ("concerns", Some(&r.concerns)),
        ("own_agency_involvement", Some(&r.own_agency_involvement)),
        (
            "other_agency_involvement",
            r.other_agency_involvement.as_ref(),
        ),
        ("focus", Some(&r.focus)),
        ("immediate_actions", r.immediate_actions.as_ref()),
        ("threshold_reason", r.threshold_reason.as_ref()),
    ];
    // The anonymiser's own detectors, as validate uses them on what CI logs print.
    let engine = Anonymiser::for_short_texts(&identities(&from.people), Options::default());
    let named = |t: &FreeText| engine.check(t.as_str()).iter().any(|f| f.kind.is_leak());
    fields
        .into_iter()
        .filter(|(_, t)| t.is_some_and(named))
        .map(|(f, _)| f)
        .collect()
}
