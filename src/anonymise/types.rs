//! Owns the engine's public vocabulary: the people it is given
//! ([`Identity`]), its settings ([`Options`], [`DatePolicy`]), what it finds
//! ([`Kind`], [`Finding`]) and what it returns ([`Outcome`]). It holds no
//! logic beyond naming the kinds; every other file of the engine may use it,
//! and it uses none of them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// One person registered for a case (from `people.yaml`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// The caller's key for the person, e.g. "child" or "sw1".
    pub id: String,
    /// The full name as usually written: "Ellie-Mae O'Brien".
    pub name: String,
    /// Other names the person is known by, each matched as a whole.
    pub aliases: Vec<String>,
    /// The date of birth, replaced wherever it is written.
    pub dob: Option<NaiveDate>,
    /// The home address, lines separated by commas.
    pub address: Option<String>,
    /// What the person is called in the published review: "Child A".
    pub pseudonym: String,
}

/// How dates other than registered dates of birth are treated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DatePolicy {
    /// Leaves other dates as written.
    #[default]
    Keep,
    /// Cuts full dates with a four-digit year to month and year.
    Month,
    /// Cuts dates with a four-digit year to the year.
    Year,
}

/// Settings for one anonymisation run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// The treatment of dates that are not registered dates of birth.
    pub dates: DatePolicy,
    /// The date at which ages are given; without it a date of birth becomes
    /// `[date of birth]`.
    pub reference_date: Option<NaiveDate>,
}

/// What a finding or replacement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A registered full name, or given and family name together.
    Name,
    /// A registered alias.
    Alias,
    /// A given name on its own.
    GivenName,
    /// A family name on its own.
    FamilyName,
    /// A registered person's initials in capitals: `E.M.J.`, `EMJ`, `E M J`.
    Initials,
    /// A lower-case ordinary word that is also a registered name; left in
    /// place and reported for review.
    CommonWordName,
    /// A registered date of birth.
    DateOfBirth,
    /// A registered address or its street line.
    Address,
    /// An NHS number with a valid check digit.
    NhsNumber,
    /// A National Insurance number.
    NiNumber,
    /// A UK postcode.
    Postcode,
    /// A UK telephone number.
    Phone,
    /// An e-mail address.
    Email,
    /// Another date, more precise than [`Options::dates`] allows.
    Date,
}

impl Kind {
    /// Gives the kebab-case name used in reports: "given-name".
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Name => "name",
            Kind::Alias => "alias",
            Kind::GivenName => "given-name",
            Kind::FamilyName => "family-name",
            Kind::Initials => "initials",
            Kind::CommonWordName => "common-word-name",
            Kind::DateOfBirth => "date-of-birth",
            Kind::Address => "address",
            Kind::NhsNumber => "nhs-number",
            Kind::NiNumber => "ni-number",
            Kind::Postcode => "postcode",
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::Date => "date",
        }
    }

    /// Names the kind in a sentence, never quoting a value: "a phone number",
    /// "a given name from people.yaml".
    pub fn phrase(self) -> &'static str {
        match self {
            Kind::Name => "a name from people.yaml",
            Kind::Alias => "an alias from people.yaml",
            Kind::GivenName => "a given name from people.yaml",
            Kind::FamilyName => "a family name from people.yaml",
            Kind::Initials => "the initials of someone in people.yaml",
            Kind::CommonWordName => "a word that is also a name in people.yaml",
            Kind::DateOfBirth => "a date of birth from people.yaml",
            Kind::Address => "an address from people.yaml",
            Kind::NhsNumber => "an NHS number",
            Kind::NiNumber => "a National Insurance number",
            Kind::Postcode => "a postcode",
            Kind::Phone => "a phone number",
            Kind::Email => "an e-mail address",
            Kind::Date => "a date",
        }
    }

    /// Tells whether a finding of this kind identifies someone: anything but a
    /// common word left for review, or a date cut by the dates policy (a date is
    /// not an identifier; a date of birth is, and has its own kind).
    pub fn is_leak(self) -> bool {
        !matches!(self, Kind::CommonWordName | Kind::Date)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The 1-based line.
    pub line: usize,
    /// The 1-based column, counted in characters.
    pub column: usize,
    /// What was found.
    pub kind: Kind,
    /// The text found; callers mask it unless asked to show values.
    pub value: String,
}

/// The result of anonymising one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// The anonymised text.
    pub text: String,
    /// How many replacements of each kind were made.
    pub counts: BTreeMap<Kind, usize>,
    /// Common-word names left in place, with positions in the input text.
    pub review: Vec<Finding>,
}
