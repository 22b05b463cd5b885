//! `people.yaml`: the only record that holds direct identifiers. Everything else
//! refers to people by id, so this one file is what must be protected and what the
//! anonymiser learns names from.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, FreeText, Sp, StringKind, VisitText};

/// A person's part in the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The child the review is about.
    Subject,
    /// A family member.
    Family,
    /// Someone significant to the child who is not family.
    SignificantOther,
    /// A professional.
    Practitioner,
    /// Anyone else.
    Other,
}

/// One person.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The id other records use, e.g. `child`, `mother`, `sw1`.
    #[schemars(transform = StringKind::Code)]
    pub id: Sp<String>,
    /// Full name (absent in an anonymised copy, or for someone whose name is unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = StringKind::Identifier)]
    pub name: Option<Sp<String>>,
    /// Other names the person is known by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(transform = StringKind::Identifier)]
    pub aliases: Vec<String>,
    /// Part in the case.
    pub role: Role,
    /// Relationship to the subject: mother, step-father, sibling, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship: Option<FreeText>,
    /// Date of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dob: Option<Date>,
    /// Date of death.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dod: Option<Date>,
    /// Home address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = StringKind::Identifier)]
    pub address: Option<String>,
    /// Ethnic origin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnicity: Option<FreeText>,
    /// Agency (practitioners).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<FreeText>,
    /// Job title (practitioners).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<FreeText>,
    /// Telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = StringKind::Identifier)]
    pub phone: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(transform = StringKind::Identifier)]
    pub email: Option<String>,
    /// What published text says instead of the name.
    pub pseudonym: FreeText,
}

impl Person {
    /// Returns the name, or the pseudonym when the record has no name.
    pub fn display_name(&self) -> &str {
        self.name
            .as_ref()
            .map_or(self.pseudonym.as_str(), |n| n.value.as_str())
    }

    /// Returns the person's role label for reports: job and agency, else relationship.
    pub fn role_label(&self) -> String {
        match (&self.job, &self.agency, &self.relationship) {
            (Some(job), Some(agency), _) => format!("{job}, {agency}"),
            (Some(job), None, _) => job.to_string(),
            (None, _, Some(rel)) => rel.to_string(),
            _ => self.pseudonym.to_string(),
        }
    }
}

/// The contents of `people.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeopleFile {
    /// Everyone the case's records refer to.
    pub people: Vec<Person>,
}

impl PeopleFile {
    /// Finds a person by id.
    pub fn get(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id.value == id)
    }
}

/// The text of people.yaml that is not a direct identifier. Publication does not walk it:
/// people.yaml is reduced to id, role, relationship and pseudonym instead.
impl VisitText for Person {
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText)) {
        let Person {
            id: _,
            name: _,
            aliases: _,
            role: _,
            relationship,
            dob: _,
            dod: _,
            address: _,
            ethnicity,
            agency,
            job,
            phone: _,
            email: _,
            pseudonym,
        } = self;
        relationship.visit_text(f);
        ethnicity.visit_text(f);
        agency.visit_text(f);
        job.visit_text(f);
        pseudonym.visit_text(f);
    }
}

impl VisitText for PeopleFile {
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText)) {
        let PeopleFile { people } = self;
        people.visit_text(f);
    }
}
