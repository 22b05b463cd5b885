//! From a filled form to a case's records: the people to people.yaml (the only file
//! with identifiers), everything else to referral.yaml with people as ids.
//!
//! Ids are made up (`child`, `mother`, `referrer`, …); pseudonyms are placeholders
//! (`Person 1`, …) that validate and that the user replaces before publication.
//! Anything that cannot become a field (an unreadable date, a second answer to one
//! field, an unclear tick) is listed with the field and the reason, never the value.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::model::referral::ThresholdView;
use crate::model::{Date, FreeText, PeopleFile, Person, Referral, Role, Sp};

use super::layout::{Label, Question};
use super::matching::normalise;
use super::read::{FilledForm, PersonAnswers, Unplaced};
use super::threshold;

/// The pseudonym placeholders' stem: `Person 1`, `Person 2`, …
pub const PLACEHOLDER: &str = "Person";

/// The referral.yaml answers a form can leave empty: the six questions, the agency and
/// the threshold reasons.
pub const ANSWER_FIELDS: usize = 8;

/// A case's records made from a form, with what the user should know.
#[derive(Debug, Clone)]
pub struct FromForm {
    /// people.yaml.
    pub people: PeopleFile,
    /// referral.yaml.
    pub referral: Referral,
    /// What could not be placed.
    pub unplaced: Vec<Unplaced>,
    /// referral.yaml fields the form left empty.
    pub empty: Vec<&'static str>,
    /// The threshold view as read, `None` when it was unclear (written as `unsure`).
    pub threshold_read: Option<ThresholdView>,
}

/// Relationships that make a person family rather than a significant other.
const FAMILY: [&str; 24] = [
    "mother",
    "father",
    "parent",
    "step-mother",
    "stepmother",
    "step-father",
    "stepfather",
    "brother",
    "sister",
    "sibling",
    "half-brother",
    "half-sister",
    "grandmother",
    "grandfather",
    "grandparent",
    "aunt",
    "uncle",
    "cousin",
    "great-aunt",
    "great-uncle",
    "great aunt",
    "great uncle",
    "son",
    "daughter",
];

/// Makes the records. `received` is the date the form was received; the date the
/// referrer wrote at the foot of the form, when readable, is kept beside it.
pub fn to_case(form: &FilledForm, received: NaiveDate) -> FromForm {
    let mut b = Making {
        unplaced: form.unplaced.clone(),
        ids: BTreeSet::new(),
        people: Vec::new(),
    };
    let subject = b.person(&form.subject, "Persons Details", Role::Subject, "child");
    let others: Vec<String> = form
        .others
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let relationship = o.get(Label::Relationship).map(one_line).unwrap_or_default();
            let role = if is_family(&relationship) {
                Role::Family
            } else {
                Role::SignificantOther
            };
            let stem = id_stem(&relationship).unwrap_or_else(|| "other".into());
            b.person(o, &format!("significant other {}", i + 1), role, &stem)
        })
        .collect();
    let (referrer, agency) = b.referrer(form);
    let completed = b
        .date(&form.contact, Label::Date, "the contact details")
        .or_else(|| b.date(&form.returned, Label::Date, "the top of the form"));

    let mut empty = Vec::new();
    let mut text = |q: Question| -> Option<FreeText> {
        match form.answer(q) {
            Some(a) => Some(FreeText::from(a.trim())),
            None => {
                empty.push(q.field());
                None
            }
        }
    };
    let history = text(Question::History);
    let concerns = text(Question::Concerns);
    let own = text(Question::OwnAgency);
    let other = text(Question::OtherAgencies);
    let focus = text(Question::Focus);
    let immediate = text(Question::ImmediateActions);
    let (view, problem, reasons) = threshold::read(&form.threshold, &form.reasons);
    if let Some(reason) = problem {
        b.unplaced.push(Unplaced {
            place: "the threshold box".into(),
            reason: format!("{reason}; written as `unsure` for you to check"),
        });
    }
    if agency.is_none() {
        empty.push("agency");
    }
    if reasons.is_none() {
        empty.push("threshold_reason");
    }
    let referral = Referral {
        received: Date(received),
        completed,
        referrer: Sp::new(referrer),
        agency: agency.unwrap_or_default(),
        subject: Sp::new(subject),
        known_to_service: form
            .subject
            .get(Label::KnownToService)
            .map(|t| FreeText::from(t.trim())),
        significant_others: others.into_iter().map(Sp::new).collect(),
        history: history.unwrap_or_default(),
        concerns: concerns.unwrap_or_default(),
        own_agency_involvement: own.unwrap_or_default(),
        other_agency_involvement: other,
        focus: focus.unwrap_or_default(),
        immediate_actions: immediate,
        threshold: view.unwrap_or(ThresholdView::Unsure),
        threshold_reason: reasons.map(FreeText::from),
    };
    FromForm {
        people: PeopleFile { people: b.people },
        referral,
        unplaced: b.unplaced,
        empty,
        threshold_read: view,
    }
}

struct Making {
    unplaced: Vec<Unplaced>,
    ids: BTreeSet<String>,
    people: Vec<Person>,
}

impl Making {
    /// A unique id from a stem: `mother`, then `mother2`.
    fn id(&mut self, stem: &str) -> String {
        let mut id = stem.to_string();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{stem}{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        id
    }

    fn placeholder(&self) -> FreeText {
        FreeText::from(format!("{PLACEHOLDER} {}", self.people.len() + 1))
    }

    /// One answer for a label, the first; a different second answer is not placed.
    fn single(&mut self, answers: &PersonAnswers, label: Label, place: &str) -> Option<String> {
        let mut given = answers
            .answers
            .iter()
            .filter(|(l, v)| *l == label && !v.trim().is_empty())
            .map(|(_, v)| v.trim());
        let first = given.next()?;
        if given.any(|v| normalise(v) != normalise(first)) {
            self.unplaced.push(Unplaced {
                place: format!("{place}, {}", label.words()),
                reason: "answered twice; the first answer is kept".into(),
            });
        }
        Some(first.to_string())
    }

    fn date(&mut self, answers: &PersonAnswers, label: Label, place: &str) -> Option<Date> {
        let text = self.single(answers, label, place)?;
        match crate::anonymise::read_day(&text) {
            Ok(d) => Some(Date(d)),
            Err(reason) => {
                self.unplaced.push(Unplaced {
                    place: format!("{place}, {}", label.words()),
                    reason: format!("{reason} (write it as DD/MM/YYYY, or as 1 March 2020)"),
                });
                None
            }
        }
    }

    /// Adds a person from a box; returns the id.
    fn person(&mut self, answers: &PersonAnswers, place: &str, role: Role, stem: &str) -> String {
        let id = self.id(stem);
        let name = self
            .single(answers, Label::Name, place)
            .map(|n| one_line(&n));
        let aliases = self
            .single(answers, Label::Alias, place)
            .map(|a| {
                a.split([',', ';', '/', '\n'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let dob = self.date(answers, Label::DateOfBirth, place);
        let dod = self.date(answers, Label::DateOfDeath, place);
        let address = self
            .single(answers, Label::Address, place)
            .map(|a| address(&a));
        let ethnicity = self
            .single(answers, Label::EthnicOrigin, place)
            .map(|e| FreeText::from(one_line(&e)));
        let relationship = match role {
            Role::Subject => Some(FreeText::from("subject")),
            _ => self
                .single(answers, Label::Relationship, place)
                .map(|r| FreeText::from(one_line(&r))),
        };
        let pseudonym = self.placeholder();
        self.people.push(Person {
            id: Sp::new(id.clone()),
            name: name.map(Sp::new),
            aliases,
            role,
            relationship,
            dob,
            dod,
            address,
            ethnicity,
            agency: None,
            job: None,
            phone: None,
            email: None,
            pseudonym,
        });
        id
    }

    /// The referrer ("Returned by", with the contact details at the foot when they are
    /// the same person, or no other name is given) and, when the foot names someone
    /// else, that person too. Returns the referrer's id and the referring agency.
    fn referrer(&mut self, form: &FilledForm) -> (String, Option<FreeText>) {
        let top = "the top of the form";
        let foot = "the contact details";
        let returned_by = self
            .single(&form.returned, Label::ReturnedBy, top)
            .or_else(|| self.single(&form.returned, Label::Name, top))
            .map(|n| one_line(&n));
        let top_agency = self.single(&form.returned, Label::Agency, top);
        let contact_name = self
            .single(&form.contact, Label::Name, foot)
            .map(|n| one_line(&n));
        let contact_agency = self.single(&form.contact, Label::Agency, foot);
        let same = match (&returned_by, &contact_name) {
            (Some(a), Some(b)) => normalise(a) == normalise(b),
            _ => true,
        };
        let agency = top_agency
            .clone()
            .or_else(|| same.then(|| contact_agency.clone()).flatten())
            .map(|a| FreeText::from(one_line(&a)));
        let id = self.id("referrer");
        let mut referrer = Person {
            id: Sp::new(id.clone()),
            name: returned_by
                .clone()
                .or_else(|| contact_name.clone())
                .map(Sp::new),
            aliases: Vec::new(),
            role: Role::Practitioner,
            relationship: None,
            dob: None,
            dod: None,
            address: None,
            ethnicity: None,
            agency: agency.clone(),
            job: None,
            phone: None,
            email: None,
            pseudonym: self.placeholder(),
        };
        let top_role = self.single(&form.returned, Label::Role, top);
        let top_contact = self.single(&form.returned, Label::ContactNo, top);
        let role = self.single(&form.contact, Label::Role, foot);
        let contact_no = self.single(&form.contact, Label::ContactNo, foot);
        if same {
            referrer.job = top_role.or(role).map(|r| FreeText::from(one_line(&r)));
            contact(&mut referrer, top_contact.or(contact_no).as_deref());
            self.people.push(referrer);
        } else {
            referrer.job = top_role.map(|r| FreeText::from(one_line(&r)));
            contact(&mut referrer, top_contact.as_deref());
            self.people.push(referrer);
            let other_id = self.id("contact");
            let mut other = Person {
                id: Sp::new(other_id),
                name: contact_name.map(Sp::new),
                aliases: Vec::new(),
                role: Role::Practitioner,
                relationship: None,
                dob: None,
                dod: None,
                address: None,
                ethnicity: None,
                agency: contact_agency.map(|a| FreeText::from(one_line(&a))),
                job: role.map(|r| FreeText::from(one_line(&r))),
                phone: None,
                email: None,
                pseudonym: self.placeholder(),
            };
            contact(&mut other, contact_no.as_deref());
            self.people.push(other);
        }
        (id, agency)
    }
}

/// Puts a contact number or e-mail address where it belongs.
fn contact(person: &mut Person, text: Option<&str>) {
    let Some(text) = text else { return };
    for part in text
        .split(['\n', ';', ','])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if part.contains('@') {
            person.email.get_or_insert_with(|| part.to_string());
        } else {
            person.phone.get_or_insert_with(|| part.to_string());
        }
    }
}

/// An answer on one line: line breaks and runs of spaces become single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An address on one line, its lines joined with commas.
fn address(text: &str) -> String {
    text.lines()
        .map(one_line)
        .filter(|l| !l.is_empty())
        .map(|l| l.trim_end_matches(',').to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn is_family(relationship: &str) -> bool {
    let r = normalise(relationship);
    FAMILY.iter().any(|f| {
        r == *f
            || r.starts_with(&format!("{f} "))
            || r.ends_with(&format!(" {f}"))
            || r.contains(&format!(" {f} "))
            || r.starts_with(&format!("maternal {f}"))
            || r.starts_with(&format!("paternal {f}"))
    })
}

/// An id from a relationship: `mother`, `step_father`; `None` for anything longer or
/// stranger than a word or two of letters.
fn id_stem(relationship: &str) -> Option<String> {
    let r = normalise(relationship);
    let words: Vec<&str> = r.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    if words.is_empty()
        || words.len() > 2
        || !words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_lowercase()))
    {
        return None;
    }
    Some(words.join("_"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationships_give_roles_and_ids() {
        assert!(is_family("Mother"));
        assert!(is_family("maternal grandmother"));
        assert!(is_family("Step-father"));
        assert!(!is_family("Mother's partner"));
        assert!(!is_family("family friend"));
        assert_eq!(id_stem("Step-father").as_deref(), Some("step_father"));
        assert_eq!(id_stem("Mother").as_deref(), Some("mother"));
        assert_eq!(id_stem("Mother's new partner"), None);
        assert_eq!(id_stem("Über"), None);
    }

    #[test]
    fn addresses_and_contacts_are_tidied() {
        assert_eq!(
            address("12 Larch Close,\nHindley\n WN2 3XY "),
            "12 Larch Close, Hindley, WN2 3XY"
        );
        let mut p = Person {
            id: Sp::new("x".into()),
            name: None,
            aliases: vec![],
            role: Role::Practitioner,
            relationship: None,
            dob: None,
            dod: None,
            address: None,
            ethnicity: None,
            agency: None,
            job: None,
            phone: None,
            email: None,
            pseudonym: FreeText::from("P"),
        };
        contact(&mut p, Some("01942 000000; jo@example.org"));
        assert_eq!(p.phone.as_deref(), Some("01942 000000"));
        assert_eq!(p.email.as_deref(), Some("jo@example.org"));
    }
}
